# src/store: the SQLite cache (see Makefile.am)
libnewsreader_a_SOURCES += \
	src/store/store.h src/store/store-int.h \
	src/store/store.c src/store/schema.c src/store/feeds.c \
	src/store/items.c src/store/search.c src/store/state.c src/store/files.c \
	src/store/stem.c src/store/tokenize.c \
	src/store/sync.h src/store/sync.c \
	src/store/reposts.h src/store/reposts.c \
	src/store/newsboat.h src/store/newsboat.c
newsreader_SOURCES += src/cmd_print_unread.c

check_PROGRAMS += tests/store_test
tests_store_test_SOURCES = tests/store_test.c
tests_store_test_CFLAGS = $(TEST_CFLAGS)
tests_store_test_LDADD = $(TEST_LIBS)
TESTS += tests/store_test tests/print_unread.sh
EXTRA_DIST += tests/print_unread.sh

# Market tickers in the cache (store/tickers.h).
libnewsreader_a_SOURCES += src/store/tickers.h src/store/tickers.c
check_PROGRAMS += tests/market_store_test
tests_market_store_test_SOURCES = tests/market_store_test.c
tests_market_store_test_CFLAGS = $(TEST_CFLAGS)
tests_market_store_test_LDADD = $(TEST_LIBS)
TESTS += tests/market_store_test

# full-text pages (src/jobs/pagejob.c)
libnewsreader_a_SOURCES += src/store/pages.h src/store/pages.c

# comments and the outbox (src/comments)
libnewsreader_a_SOURCES += src/store/comments.h src/store/comments.c

# Two connections of one process against another process's checkpoint (issue 9).
check_PROGRAMS += tests/store_procs_test
tests_store_procs_test_SOURCES = tests/store_procs_test.c
tests_store_procs_test_CFLAGS = $(TEST_CFLAGS)
tests_store_procs_test_LDADD = $(TEST_LIBS)
TESTS += tests/store_procs_test

# Sync state (store/sync.h, issue 14).
check_PROGRAMS += tests/sync_store_test
tests_sync_store_test_SOURCES = tests/sync_store_test.c
tests_sync_store_test_CFLAGS = $(TEST_CFLAGS)
tests_sync_store_test_LDADD = $(TEST_LIBS)
TESTS += tests/sync_store_test
