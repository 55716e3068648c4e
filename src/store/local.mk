# src/store: the SQLite cache (see Makefile.am)
libnewsreader_a_SOURCES += \
	src/store/store.h src/store/store-int.h \
	src/store/store.c src/store/schema.c src/store/feeds.c \
	src/store/items.c src/store/search.c src/store/state.c
newsreader_SOURCES += src/cmd_print_unread.c

check_PROGRAMS += tests/store_test
tests_store_test_SOURCES = tests/store_test.c
tests_store_test_CFLAGS = $(TEST_CFLAGS)
tests_store_test_LDADD = $(TEST_LIBS)
TESTS += tests/store_test tests/print_unread.sh
EXTRA_DIST += tests/print_unread.sh
