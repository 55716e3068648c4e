# bench: sources and tests (see Makefile.am)
