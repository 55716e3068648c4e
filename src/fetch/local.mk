# src/fetch: sources and tests (see Makefile.am)
newsreader_SOURCES += src/cmd_reload.c
