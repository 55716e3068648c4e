# src/feed: the streaming feed parser, plus the date and URL helpers of
# src/util that it owns (see Makefile.am).
libnewsreader_a_SOURCES += \
	src/feed/feed.c src/feed/feed.h src/feed/internal.h \
	src/feed/repair.c src/feed/charset.c src/feed/discover.c src/feed/xml.c src/feed/json.c src/feed/item.c src/feed/markup.c \
	src/util/date.c src/util/date.h \
	src/util/url.c src/util/url.h
newsreader_SOURCES += src/cmd_dump_feed.c src/cmd_add.c

check_PROGRAMS += tests/feed_test tests/date_test tests/url_test
tests_feed_test_SOURCES = tests/feed_test.c
tests_feed_test_CFLAGS = $(TEST_CFLAGS)
tests_feed_test_LDADD = $(TEST_LIBS)
tests_date_test_SOURCES = tests/date_test.c
tests_date_test_CFLAGS = $(TEST_CFLAGS)
tests_date_test_LDADD = $(TEST_LIBS)
tests_url_test_SOURCES = tests/url_test.c
tests_url_test_CFLAGS = $(TEST_CFLAGS)
tests_url_test_LDADD = $(TEST_LIBS)
TESTS += tests/feed_test tests/date_test tests/url_test tests/dump_feed.sh \
	tests/tui_feed_wild.sh tests/add.sh tests/content_language.sh
EXTRA_DIST += tests/dump_feed.sh tests/tui_feed_wild.sh tests/add.sh \
	tests/content_language.sh tests/fixtures/add/nolang-ar.rss \
	tests/fixtures/add/two.html tests/fixtures/add/none.html \
	tests/fixtures/add/garden-en.rss tests/fixtures/add/garden-ar.atom \
	tests/fixtures/add/not-a-feed.txt
# Fixture documents (the encodings ones are real windows-1256, ISO-8859-6
# and UTF-16 bytes) and the JSON dump-feed must print for some of them.
EXTRA_DIST += \
	tests/fixtures/feeds/atom-base64.expected.json \
	tests/fixtures/feeds/atom-base64.xml \
	tests/fixtures/feeds/atom-html-quotes.expected.json \
	tests/fixtures/feeds/atom-html-quotes.xml \
	tests/fixtures/feeds/atom-html-title.xml \
	tests/fixtures/feeds/atom-in-rss.xml \
	tests/fixtures/feeds/atom-other-ns.expected.json \
	tests/fixtures/feeds/atom-other-ns.xml \
	tests/fixtures/feeds/atom-threading.xml \
	tests/fixtures/feeds/atom03.expected.json \
	tests/fixtures/feeds/atom03.xml \
	tests/fixtures/feeds/atom10.expected.json \
	tests/fixtures/feeds/atom10.xml \
	tests/fixtures/feeds/bad-char-ref.xml \
	tests/fixtures/feeds/bidi-marks.expected.json \
	tests/fixtures/feeds/bidi-marks.xml \
	tests/fixtures/feeds/cdata.xml \
	tests/fixtures/feeds/comments-wfw.xml \
	tests/fixtures/feeds/controls-every.expected.json \
	tests/fixtures/feeds/controls-every.json \
	tests/fixtures/feeds/damage-billion-laughs.xml \
	tests/fixtures/feeds/damage-broken-xml.expected.json \
	tests/fixtures/feeds/damage-broken-xml.xml \
	tests/fixtures/feeds/damage-doctype-split.xml \
	tests/fixtures/feeds/damage-empty.xml \
	tests/fixtures/feeds/damage-garbage.bin \
	tests/fixtures/feeds/damage-halt.expected.json \
	tests/fixtures/feeds/damage-halt.xml \
	tests/fixtures/feeds/damage-html-page.html \
	tests/fixtures/feeds/damage-leading-junk.expected.json \
	tests/fixtures/feeds/damage-leading-junk.xml \
	tests/fixtures/feeds/damage-truncated.expected.json \
	tests/fixtures/feeds/damage-truncated.xml \
	tests/fixtures/feeds/damage-unclosed.xml \
	tests/fixtures/feeds/damage-undefined-entity.expected.json \
	tests/fixtures/feeds/damage-undefined-entity.xml \
	tests/fixtures/feeds/damage-xxe.xml \
	tests/fixtures/feeds/dates-wild.expected.json \
	tests/fixtures/feeds/dates-wild.xml \
	tests/fixtures/feeds/dates.xml \
	tests/fixtures/feeds/enc-decl-over-http.xml \
	tests/fixtures/feeds/enc-http-charset.xml \
	tests/fixtures/feeds/enc-invalid-utf8.xml \
	tests/fixtures/feeds/enc-iso88596.xml \
	tests/fixtures/feeds/enc-label-ascii-c1.xml \
	tests/fixtures/feeds/enc-label-http-mac.xml \
	tests/fixtures/feeds/enc-label-latin1-c1.xml \
	tests/fixtures/feeds/enc-label-macroman.xml \
	tests/fixtures/feeds/enc-label-windows_1256.xml \
	tests/fixtures/feeds/enc-undeclared-1256.xml \
	tests/fixtures/feeds/enc-utf16be-bom.xml \
	tests/fixtures/feeds/enc-utf16le-bom.xml \
	tests/fixtures/feeds/enc-utf8-bom.xml \
	tests/fixtures/feeds/enc-windows1256.expected.json \
	tests/fixtures/feeds/enc-windows1256.xml \
	tests/fixtures/feeds/entities-html.xml \
	tests/fixtures/feeds/ext-fallbacks.expected.json \
	tests/fixtures/feeds/ext-fallbacks.xml \
	tests/fixtures/feeds/hostile-escapes.expected.json \
	tests/fixtures/feeds/hostile-escapes.xml \
	tests/fixtures/feeds/html-with-feeds.html \
	tests/fixtures/feeds/json-broken.json \
	tests/fixtures/feeds/json-nul.json \
	tests/fixtures/feeds/split-doctype-gt.xml \
	tests/fixtures/feeds/split-doctype-subset.xml \
	tests/fixtures/feeds/split-bom-decl.xml \
	tests/fixtures/feeds/split-prolog.xml \
	tests/fixtures/feeds/split-decl-latin1.xml \
	tests/fixtures/feeds/json-not-feed.json \
	tests/fixtures/feeds/json-text-paragraphs.expected.json \
	tests/fixtures/feeds/json-text-paragraphs.json \
	tests/fixtures/feeds/json10.json \
	tests/fixtures/feeds/json11.expected.json \
	tests/fixtures/feeds/json11.json \
	tests/fixtures/feeds/leading-blank-lines.xml \
	tests/fixtures/feeds/media-rss.expected.json \
	tests/fixtures/feeds/media-rss.xml \
	tests/fixtures/feeds/mojibake-controls.expected.json \
	tests/fixtures/feeds/mojibake-controls.xml \
	tests/fixtures/feeds/no-guid.xml \
	tests/fixtures/feeds/rdf-about-id.expected.json \
	tests/fixtures/feeds/rdf-about-id.rdf \
	tests/fixtures/feeds/relative-doc-url.expected.json \
	tests/fixtures/feeds/relative-doc-url.xml \
	tests/fixtures/feeds/rss-channel-root.expected.json \
	tests/fixtures/feeds/rss-channel-root.xml \
	tests/fixtures/feeds/rss-harvard-ns.expected.json \
	tests/fixtures/feeds/rss-harvard-ns.xml \
	tests/fixtures/feeds/rss-html-in-description.xml \
	tests/fixtures/feeds/rss-legacy-ns.expected.json \
	tests/fixtures/feeds/rss-legacy-ns.xml \
	tests/fixtures/feeds/rss-lt-in-text.expected.json \
	tests/fixtures/feeds/rss-lt-in-text.xml \
	tests/fixtures/feeds/rss-nested-items.xml \
	tests/fixtures/feeds/rss090.rdf \
	tests/fixtures/feeds/rss091.expected.json \
	tests/fixtures/feeds/rss091.xml \
	tests/fixtures/feeds/rss092.xml \
	tests/fixtures/feeds/rss10.expected.json \
	tests/fixtures/feeds/rss10.rdf \
	tests/fixtures/feeds/rss20-arabic.expected.json \
	tests/fixtures/feeds/rss20-arabic.xml \
	tests/fixtures/feeds/rss20-basic.expected.json \
	tests/fixtures/feeds/rss20-basic.xml \
	tests/fixtures/feeds/rss20-late-channel.xml \
	tests/fixtures/feeds/undeclared-prefixes.expected.json \
	tests/fixtures/feeds/undeclared-prefixes.xml \
	tests/fixtures/feeds/unknown-elements.xml \
	tests/fixtures/feeds/xmlbase-chain.expected.json \
	tests/fixtures/feeds/xmlbase-chain.xml
