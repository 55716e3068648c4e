# src/text: the layout engine (no curses) and `newsreader render`
libnewsreader_a_SOURCES += \
	src/text/text.h src/text/text-int.h \
	src/text/cluster.c src/text/direction.c src/text/layout.c src/text/line.c
newsreader_SOURCES += src/cmd_render.c

check_PROGRAMS += tests/text_test
tests_text_test_SOURCES = tests/text_test.c
tests_text_test_CFLAGS = $(TEST_CFLAGS)
tests_text_test_LDADD = $(TEST_LIBS)
TESTS += tests/text_test tests/render.sh tests/bidi_conformance.py
EXTRA_DIST += tests/render.sh tests/bidi_conformance.py \
	tests/fixtures/text/crlf.txt \
	tests/fixtures/text/crlf.w20.expected \
	tests/fixtures/text/hostile.txt \
	tests/fixtures/text/hostile.w0.expected \
	tests/fixtures/text/mixed.txt \
	tests/fixtures/text/mixed.w0.expected \
	tests/fixtures/text/mixed.w20.expected \
	tests/fixtures/text/mixed.w40.expected \
	tests/fixtures/text/mixed.w80.expected \
	tests/fixtures/text/news-ar.txt \
	tests/fixtures/text/news-ar.w0.expected \
	tests/fixtures/text/news-ar.w0.noshape.expected \
	tests/fixtures/text/news-ar.w20.expected \
	tests/fixtures/text/news-ar.w40.expected \
	tests/fixtures/text/news-ar.w40.noshape.expected \
	tests/fixtures/text/news-ar.w80.expected
