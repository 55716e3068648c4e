# src/share: running commands by argv (never a shell), OSC 52, share intents
libnewsreader_a_SOURCES += \
	src/share/argv.c src/share/argv.h \
	src/share/share.h src/share/osc52.c src/share/intent.c \
	src/share/notify.c src/share/notify.h

check_PROGRAMS += tests/share_test
tests_share_test_SOURCES = tests/share_test.c
tests_share_test_CFLAGS = $(TEST_CFLAGS)
tests_share_test_LDADD = $(TEST_LIBS)
TESTS += tests/share_test
