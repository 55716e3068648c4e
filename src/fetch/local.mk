# src/fetch: the transport: the fetch thread and its transfers (see Makefile.am)
libnewsreader_a_SOURCES += \
	src/fetch/fetch.h src/fetch/fetch_int.h \
	src/fetch/fetcher.c src/fetch/transfer.c src/fetch/sync.c \
	src/fetch/process.c src/fetch/local.c
newsreader_SOURCES += src/cmd_reload.c

check_PROGRAMS += tests/fetch_test
tests_fetch_test_SOURCES = tests/fetch_test.c
tests_fetch_test_CFLAGS = $(TEST_CFLAGS)
tests_fetch_test_LDADD = $(TEST_LIBS)
TESTS += tests/fetch_test

# Integration tests of reload against tests/server.py on 127.0.0.1.
TESTS += tests/reload_test.py tests/drip_reload_test.py tests/reload_jobs_test.py
EXTRA_DIST += tests/server.py tests/reload_test.py tests/drip_reload_test.py \
	tests/reload_jobs_test.py \
	tests/fixtures/http/en.xml \
	tests/fixtures/http/ar.xml \
	tests/fixtures/http/atom.xml \
	tests/fixtures/http/charset.xml

# Market jobs' end-to-end test against tests/server.py through a small
# driver program (not installed).
check_PROGRAMS += tests/market_fetch_driver
tests_market_fetch_driver_SOURCES = tests/market_fetch_driver.c
tests_market_fetch_driver_CFLAGS = $(TEST_CFLAGS)
tests_market_fetch_driver_LDADD = $(TEST_LIBS)
TESTS += tests/market_fetch_test.py
EXTRA_DIST += tests/market_fetch_test.py \
	tests/fixtures/market-http/generic.json \
	tests/fixtures/market-http/generic-v2.json \
	tests/fixtures/market-http/gate-alpha.json \
	tests/fixtures/market-http/coingecko.json \
	tests/fixtures/market-http/dexscreener.json \
	tests/fixtures/market-http/geckoterminal.json

# Command jobs (exec:/filter: feeds): argv, reasons, time limit, filter
# pipes, no descriptor or zombie left.
check_PROGRAMS += tests/script_fetch_test
tests_script_fetch_test_SOURCES = tests/script_fetch_test.c
tests_script_fetch_test_CFLAGS = $(TEST_CFLAGS)
tests_script_fetch_test_LDADD = $(TEST_LIBS)
TESTS += tests/script_fetch_test
# Script feeds end to end: reload with the scripts of tests/scripts/.
TESTS += tests/script_feeds_test.py
EXTRA_DIST += tests/script_feeds_test.py tests/scripts/feed_exec.py \
	tests/scripts/feed_filter.py
# ... and in the interactive reader (tmux).
TESTS += tests/tui_script_feeds.sh
EXTRA_DIST += tests/tui_script_feeds.sh
