# src/jobs: the kinds of background job (feeds, tickers, comment feeds and
# posts) and the feed parser as a job's body sink; src/fetch runs them.
libnewsreader_a_SOURCES += \
	src/jobs/jobs.h \
	src/jobs/feedsink.h src/jobs/feedsink.c \
	src/jobs/feedjob.h src/jobs/feedjob.c \
	src/jobs/marketjob.h src/jobs/marketjob.c \
	src/jobs/commentjob.h src/jobs/commentjob.c \
	src/jobs/syncjob.h src/jobs/syncjob-int.h src/jobs/syncjob.c \
	src/jobs/greaderjob.c
