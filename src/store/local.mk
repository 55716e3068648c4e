# src/store: sources and tests (see Makefile.am)
newsreader_SOURCES += src/cmd_print_unread.c
