# src/market: sources and tests (see Makefile.am)
