# src/download: enclosure downloads (file names, the queue; issue 16)
libnewsreader_a_SOURCES += \
	src/download/download.h src/download/name.c src/download/queue.c

check_PROGRAMS += tests/download_test
tests_download_test_SOURCES = tests/download_test.c
tests_download_test_CFLAGS = $(TEST_CFLAGS)
tests_download_test_LDADD = $(TEST_LIBS)
TESTS += tests/download_test
