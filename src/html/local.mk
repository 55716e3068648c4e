# src/html: HTML to screen lines (see Makefile.am)
libnewsreader_a_SOURCES += \
	src/html/html.c src/html/html.h \
	src/html/blocks.c src/html/blocks.h \
	src/html/parse.c src/html/parse.h
newsreader_SOURCES += src/cmd_extract.c

check_PROGRAMS += tests/html_test
tests_html_test_SOURCES = tests/html_test.c
tests_html_test_CFLAGS = $(TEST_CFLAGS)
tests_html_test_LDADD = $(TEST_LIBS)
TESTS += tests/html_test tests/html_golden.sh
EXTRA_DIST += tests/html_golden.sh
# One pair per construct: NAME-en/-ar.html rendered must equal NAME-*.expected.
EXTRA_DIST += \
	tests/fixtures/html/blockquote-ar.expected \
	tests/fixtures/html/blockquote-ar.html \
	tests/fixtures/html/blockquote-en.expected \
	tests/fixtures/html/blockquote-en.html \
	tests/fixtures/html/br-ar.expected \
	tests/fixtures/html/br-ar.html \
	tests/fixtures/html/br-en.expected \
	tests/fixtures/html/br-en.html \
	tests/fixtures/html/code-ar.expected \
	tests/fixtures/html/code-ar.html \
	tests/fixtures/html/code-en.expected \
	tests/fixtures/html/code-en.html \
	tests/fixtures/html/dirlang-ar.expected \
	tests/fixtures/html/dirlang-ar.html \
	tests/fixtures/html/dirlang-en.expected \
	tests/fixtures/html/dirlang-en.html \
	tests/fixtures/html/dropped-ar.expected \
	tests/fixtures/html/dropped-ar.html \
	tests/fixtures/html/dropped-en.expected \
	tests/fixtures/html/dropped-en.html \
	tests/fixtures/html/entities-ar.expected \
	tests/fixtures/html/entities-ar.html \
	tests/fixtures/html/entities-en.expected \
	tests/fixtures/html/entities-en.html \
	tests/fixtures/html/headings-ar.expected \
	tests/fixtures/html/headings-ar.html \
	tests/fixtures/html/headings-en.expected \
	tests/fixtures/html/headings-en.html \
	tests/fixtures/html/hr-ar.expected \
	tests/fixtures/html/hr-ar.html \
	tests/fixtures/html/hr-en.expected \
	tests/fixtures/html/hr-en.html \
	tests/fixtures/html/images-ar.expected \
	tests/fixtures/html/images-ar.html \
	tests/fixtures/html/images-en.expected \
	tests/fixtures/html/images-en.html \
	tests/fixtures/html/links-ar.expected \
	tests/fixtures/html/links-ar.html \
	tests/fixtures/html/links-en.expected \
	tests/fixtures/html/links-en.html \
	tests/fixtures/html/nested-lists-ar.expected \
	tests/fixtures/html/nested-lists-ar.html \
	tests/fixtures/html/nested-lists-en.expected \
	tests/fixtures/html/nested-lists-en.html \
	tests/fixtures/html/ol-ar.expected \
	tests/fixtures/html/ol-ar.html \
	tests/fixtures/html/ol-en.expected \
	tests/fixtures/html/ol-en.html \
	tests/fixtures/html/p-ar.expected \
	tests/fixtures/html/p-ar.html \
	tests/fixtures/html/p-en.expected \
	tests/fixtures/html/p-en.html \
	tests/fixtures/html/pre-ar.expected \
	tests/fixtures/html/pre-ar.html \
	tests/fixtures/html/pre-en.expected \
	tests/fixtures/html/pre-en.html \
	tests/fixtures/html/table-ar.expected \
	tests/fixtures/html/table-ar.html \
	tests/fixtures/html/table-en.expected \
	tests/fixtures/html/table-en.html \
	tests/fixtures/html/ul-ar.expected \
	tests/fixtures/html/ul-ar.html \
	tests/fixtures/html/ul-en.expected \
	tests/fixtures/html/ul-en.html
