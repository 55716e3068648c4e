# src/sync: the feed servers' protocols (Tiny Tiny RSS, Google Reader API)
# as pure request builders and answer parsers, and the password source.
libnewsreader_a_SOURCES += \
	src/sync/sync.h src/sync/secret.c \
	src/sync/ttrss.h src/sync/ttrss.c \
	src/sync/greader.h src/sync/greader.c

check_PROGRAMS += tests/sync_test
tests_sync_test_SOURCES = tests/sync_test.c
tests_sync_test_CFLAGS = $(TEST_CFLAGS)
tests_sync_test_LDADD = $(TEST_LIBS)
TESTS += tests/sync_test

# Sync end to end against the Google Reader API protocol double (fast, local).
TESTS += tests/greader_sync_test.py
EXTRA_DIST += tests/greader_sync_test.py tests/greader_server.py tests/synctest_lib.py
