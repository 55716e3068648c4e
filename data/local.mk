# data: sources and tests (see Makefile.am)
