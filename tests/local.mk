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
# An empty or relative HOME is not a home directory (issue 18).
TESTS += tests/home_env.sh
EXTRA_DIST += tests/home_env.sh
# file:// feeds that are not regular files (issue 18).
TESTS += tests/tui_fifo.sh tests/file_feeds_test.py
EXTRA_DIST += tests/tui_fifo.sh tests/file_feeds_test.py
# HTML nested past libxml2's depth limit: flattened, no text lost (issue 18).
TESTS += tests/deep_html.sh
EXTRA_DIST += tests/deep_html.sh
# OPML nested past libxml2's depth limit: imported, flattened (issue 18).
TESTS += tests/opml_deep.sh
EXTRA_DIST += tests/opml_deep.sh
# "Copy the link" of a shell-hostile link copies it percent-encoded (issue 18).
TESTS += tests/tui_copy_link.sh
EXTRA_DIST += tests/tui_copy_link.sh
