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
# An empty or relative HOME is not a home directory (issue 18).
TESTS += tests/home_env.sh
EXTRA_DIST += tests/home_env.sh
# file:// feeds that are not regular files (issue 18).
TESTS += tests/tui_fifo.sh tests/file_feeds_test.py
EXTRA_DIST += tests/tui_fifo.sh tests/file_feeds_test.py
