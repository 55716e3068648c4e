# tests/: unit tests of src/util (module tests are listed in each module's local.mk)
check_PROGRAMS += tests/util_test
tests_util_test_SOURCES = tests/util_test.c
tests_util_test_CFLAGS = $(TEST_CFLAGS)
tests_util_test_LDADD = $(TEST_LIBS)
TESTS += tests/util_test
