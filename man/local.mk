# man: sources and tests (see Makefile.am)
