# src/config: sources and tests (see Makefile.am)
newsreader_SOURCES += src/cmd_import.c src/cmd_export.c
