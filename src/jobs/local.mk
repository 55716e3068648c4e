# src/jobs: the kinds of background job (feeds, tickers, comment feeds and
# posts) and the feed parser as a job's body sink; src/fetch runs them.
libnewsreader_a_SOURCES += \
	src/jobs/jobs.h \
	src/jobs/feedsink.h src/jobs/feedsink.c \
	src/jobs/feedjob.h src/jobs/feedjob.c \
	src/jobs/marketjob.h src/jobs/marketjob.c \
	src/jobs/commentjob.h src/jobs/commentjob.c \
	src/jobs/pagejob.h src/jobs/pagejob.c \
	src/jobs/pagequeue.h src/jobs/pagequeue.c \
	src/jobs/syncjob.h src/jobs/syncjob-int.h src/jobs/syncjob.c \
	src/jobs/syncjob-store.c \
	src/jobs/greaderjob.c \
	src/jobs/downloadjob.h src/jobs/downloadjob.c
# Full text in reload against tests/server.py (issue 12).
TESTS += tests/fulltext_reload_test.py
EXTRA_DIST += tests/fulltext_reload_test.py tests/fixtures/fulltext/en-story.html \
	tests/fixtures/fulltext/ar-story.html tests/fixtures/fulltext/slow-story.html \
	tests/fixtures/fulltext/long-story.html tests/fixtures/fulltext/other-story.html
check_PROGRAMS += tests/pagejob_test
tests_pagejob_test_SOURCES = tests/pagejob_test.c
tests_pagejob_test_CFLAGS = $(TEST_CFLAGS)
tests_pagejob_test_LDADD = $(TEST_LIBS)
TESTS += tests/pagejob_test
