# src/feed: sources and tests (see Makefile.am)
newsreader_SOURCES += src/cmd_dump_feed.c
