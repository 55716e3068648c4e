# tests: sources and tests (see Makefile.am)
