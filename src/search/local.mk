# src/search: the search worker thread (issue 18)
libnewsreader_a_SOURCES += src/search/searcher.h src/search/searcher.c
