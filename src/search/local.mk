# src/search: the search worker thread (issue 18)
libnewsreader_a_SOURCES += src/search/searcher.h src/search/searcher.c \
	src/search/indexer.h src/search/indexer.c
check_PROGRAMS += tests/search_test
tests_search_test_SOURCES = tests/search_test.c
tests_search_test_CFLAGS = $(TEST_CFLAGS)
tests_search_test_LDADD = $(TEST_LIBS)
TESTS += tests/search_test
