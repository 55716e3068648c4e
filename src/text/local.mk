# src/text: sources and tests (see Makefile.am)
newsreader_SOURCES += src/cmd_render.c
