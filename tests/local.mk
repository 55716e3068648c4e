# tests/: unit tests of src/util (module tests are listed in each module's local.mk)
check_PROGRAMS += tests/util_test
tests_util_test_SOURCES = tests/util_test.c
tests_util_test_CFLAGS = $(TEST_CFLAGS)
tests_util_test_LDADD = $(TEST_LIBS)
TESTS += tests/util_test
# Helpers shared by the Python end-to-end tests.
EXTRA_DIST += tests/testlib.py
# The fixture of the store's unit tests (store_test, market_store_test).
EXTRA_DIST += tests/store_fixture.h
# Honest command-line errors (issue 17).
TESTS += tests/cli_honest.sh
EXTRA_DIST += tests/cli_honest.sh
# The log file: failures written, rotated at its cap (issue 17).
TESTS += tests/log_file.sh
EXTRA_DIST += tests/log_file.sh
# import-newsboat: config, urls and cache.db from newsboat (issue 16).
TESTS += tests/import_newsboat.sh
EXTRA_DIST += tests/import_newsboat.sh \
	tests/fixtures/newsboat/config \
	tests/fixtures/newsboat/urls
# Faults (issue 18): every way a server can fail at the transport, each
# with its own reason, the other feeds unaffected (needs openssl for TLS).
TESTS += tests/faults_net_test.py
EXTRA_DIST += tests/faults_net_test.py
# No descriptor or thread leak over 100 reloads in one TUI session.
TESTS += tests/tui_resources.sh
EXTRA_DIST += tests/tui_resources.sh
# SECURITY.md: every file created is its user's alone; hostile feeds
# (XXE, entity expansion, redirects to other schemes); no escape sequence
# from a feed or the cache reaches the terminal.
TESTS += tests/file_modes.sh tests/hostile_feeds_test.py tests/tui_raw_escapes.sh \
	tests/file_caps.sh
EXTRA_DIST += tests/file_modes.sh tests/hostile_feeds_test.py tests/tui_raw_escapes.sh \
	tests/file_caps.sh
