# src/config: config file, urls file, OPML, paths (see Makefile.am)
libnewsreader_a_SOURCES += \
	src/config/diag.c src/config/diag.h \
	src/config/fileio.c src/config/fileio.h \
	src/config/lex.c src/config/lex.h \
	src/config/load.c src/config/load.h \
	src/config/opml.c src/config/opml.h \
	src/config/paths.c src/config/paths.h \
	src/config/scriptfeed.c src/config/scriptfeed.h \
	src/config/settings.c src/config/settings.h \
	src/config/urls.c src/config/urls.h \
	src/config/newsboat.c src/config/newsboat.h
newsreader_SOURCES += src/cmd_import_newsboat.c src/cmd_import.c src/cmd_export.c src/cmd_urls.h src/cmd_urls.c

check_PROGRAMS += tests/config_test
tests_config_test_SOURCES = tests/config_test.c
tests_config_test_CFLAGS = $(TEST_CFLAGS)
tests_config_test_LDADD = $(TEST_LIBS)
TESTS += tests/config_test tests/opml.sh
EXTRA_DIST += tests/opml.sh \
	tests/fixtures/config/good.conf \
	tests/fixtures/config/errors.conf \
	tests/fixtures/config/urls \
	tests/fixtures/config/nested.opml \
	tests/fixtures/config/broken.opml \
	tests/fixtures/config/existing-urls

# newsboat's config in newsreader's words (import-newsboat, issue 16).
check_PROGRAMS += tests/newsboat_test
tests_newsboat_test_SOURCES = tests/newsboat_test.c
tests_newsboat_test_CFLAGS = $(TEST_CFLAGS)
tests_newsboat_test_LDADD = $(TEST_LIBS)
TESTS += tests/newsboat_test
