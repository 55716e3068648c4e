# src/extract: reader mode (see Makefile.am; src/cmd_extract.c is listed in src/html/local.mk)
libnewsreader_a_SOURCES += \
	src/extract/extract.h src/extract/extract-int.h \
	src/extract/extract.c src/extract/charset.c src/extract/hints.c \
	src/extract/dom.c src/extract/prune.c src/extract/score.c \
	src/extract/build.c src/extract/output.c

check_PROGRAMS += tests/extract_test
tests_extract_test_SOURCES = tests/extract_test.c
tests_extract_test_CFLAGS = $(TEST_CFLAGS)
tests_extract_test_LDADD = $(TEST_LIBS)
TESTS += tests/extract_test tests/extract.sh
EXTRA_DIST += tests/extract.sh
# NAME.html with NAME.expected (--text) and NAME.expected-html (HTML output).
EXTRA_DIST += \
	tests/fixtures/extract/ar-1256.expected \
	tests/fixtures/extract/ar-1256.html \
	tests/fixtures/extract/ar-crypto.expected \
	tests/fixtures/extract/ar-crypto.expected-html \
	tests/fixtures/extract/ar-crypto.html \
	tests/fixtures/extract/en-plain.expected \
	tests/fixtures/extract/en-plain.html \
	tests/fixtures/extract/en-tech.expected \
	tests/fixtures/extract/en-tech.expected-html \
	tests/fixtures/extract/en-tech.html \
	tests/fixtures/extract/nested-divs.expected \
	tests/fixtures/extract/nested-divs.html \
	tests/fixtures/extract/no-article.html
# Pages written for the capabilities of issue 12 (tests/extract_test.c).
EXTRA_DIST += tests/fixtures/extract12/ar-exchange.html tests/fixtures/extract12/en-split.html \
	tests/fixtures/extract12/en-gallery.html tests/fixtures/extract12/en-jsonld.html \
	tests/fixtures/extract12/en-short.html tests/fixtures/extract12/ar-utf8-wrong-meta.html \
	tests/fixtures/extract12/en-latin1.html
