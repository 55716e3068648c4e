# src/compose: the comment composer's editing model (no curses)
libnewsreader_a_SOURCES += src/compose/compose.c src/compose/compose.h \
	src/compose/geometry.c src/compose/geometry.h

check_PROGRAMS += tests/compose_test
tests_compose_test_SOURCES = tests/compose_test.c
tests_compose_test_CFLAGS = $(TEST_CFLAGS)
tests_compose_test_LDADD = $(TEST_LIBS)
TESTS += tests/compose_test
