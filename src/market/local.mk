# src/market: ticker sources, validation, merging and display strings (no curses)
libnewsreader_a_SOURCES += \
	src/market/market.h src/market/format.h src/market/internal.h \
	src/market/list.c src/market/value.c src/market/parse.c \
	src/market/request.c src/market/format.c \
	src/market/board.c src/market/board.h

check_PROGRAMS += tests/market_test
tests_market_test_SOURCES = tests/market_test.c
tests_market_test_CPPFLAGS = $(AM_CPPFLAGS) \
	-DMARKET_FIXTURES='"$(abs_top_srcdir)/tests/fixtures/market"'
tests_market_test_CFLAGS = $(TEST_CFLAGS)
tests_market_test_LDADD = $(TEST_LIBS)
TESTS += tests/market_test
EXTRA_DIST += \
	tests/fixtures/market/generic.json \
	tests/fixtures/market/generic-bad.json \
	tests/fixtures/market/gate-alpha.json \
	tests/fixtures/market/coingecko.json \
	tests/fixtures/market/dexscreener.json \
	tests/fixtures/market/geckoterminal.json

# Configured sources and their schedule.
libnewsreader_a_SOURCES += src/market/source.h src/market/source.c

# The panel's model: sorting, selection, rows and header (issue 10).
check_PROGRAMS += tests/market_board_test
tests_market_board_test_SOURCES = tests/market_board_test.c
tests_market_board_test_CFLAGS = $(TEST_CFLAGS)
tests_market_board_test_LDADD = $(TEST_LIBS)
TESTS += tests/market_board_test
