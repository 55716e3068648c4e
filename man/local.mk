dist_man_MANS += man/newsreader.1
