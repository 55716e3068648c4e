# src/filter: newsboat's filter language (query feeds, the limit prompt, kill rules)
libnewsreader_a_SOURCES += \
	src/filter/filter.h src/filter/filter-int.h \
	src/filter/filter.c src/filter/match.c src/filter/sql.c

check_PROGRAMS += tests/filter_test
tests_filter_test_SOURCES = tests/filter_test.c
tests_filter_test_CFLAGS = $(TEST_CFLAGS)
tests_filter_test_LDADD = $(TEST_LIBS)
TESTS += tests/filter_test

# Kill rules in both ignore modes, through reload and the reader (issue 16).
TESTS += tests/kill_rules.sh
EXTRA_DIST += tests/kill_rules.sh
