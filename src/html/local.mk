# src/html: sources and tests (see Makefile.am)
newsreader_SOURCES += src/cmd_extract.c
