# tests/fuzz: libFuzzer targets for every parser and the layout engine.
# Built only by `configure CC=clang --enable-fuzzing`; `make fuzz` runs each
# for FUZZ_SECONDS on a copy of its seed corpus (see tests/fuzz/README).
FUZZ_TARGETS = feed html text market config opml extract date url
FUZZ_SECONDS = 30
FUZZ_MAX_LEN = 65536
FUZZ_LINK_FLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
FUZZ_COMMON = tests/fuzz/fuzz.h

if FUZZING
FUZZ_PROGS = \
	tests/fuzz/fuzz_feed \
	tests/fuzz/fuzz_html \
	tests/fuzz/fuzz_text \
	tests/fuzz/fuzz_market \
	tests/fuzz/fuzz_config \
	tests/fuzz/fuzz_opml \
	tests/fuzz/fuzz_extract \
	tests/fuzz/fuzz_date \
	tests/fuzz/fuzz_url
noinst_PROGRAMS += $(FUZZ_PROGS)

tests_fuzz_fuzz_feed_SOURCES = tests/fuzz/fuzz_feed.c $(FUZZ_COMMON)
tests_fuzz_fuzz_feed_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_feed_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_html_SOURCES = tests/fuzz/fuzz_html.c $(FUZZ_COMMON)
tests_fuzz_fuzz_html_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_html_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_text_SOURCES = tests/fuzz/fuzz_text.c $(FUZZ_COMMON)
tests_fuzz_fuzz_text_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_text_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_market_SOURCES = tests/fuzz/fuzz_market.c $(FUZZ_COMMON)
tests_fuzz_fuzz_market_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_market_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_config_SOURCES = tests/fuzz/fuzz_config.c $(FUZZ_COMMON) tests/fuzz/fuzz-urls.h
tests_fuzz_fuzz_config_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_config_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_opml_SOURCES = tests/fuzz/fuzz_opml.c $(FUZZ_COMMON) tests/fuzz/fuzz-urls.h
tests_fuzz_fuzz_opml_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_opml_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_extract_SOURCES = tests/fuzz/fuzz_extract.c $(FUZZ_COMMON)
tests_fuzz_fuzz_extract_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_extract_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_date_SOURCES = tests/fuzz/fuzz_date.c $(FUZZ_COMMON)
tests_fuzz_fuzz_date_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_date_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_url_SOURCES = tests/fuzz/fuzz_url.c $(FUZZ_COMMON)
tests_fuzz_fuzz_url_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_url_LDADD = $(CORE_LIBS)

# Each target runs on a scratch copy of its corpus, so new inputs never land
# in the source tree; crashes are written to tests/fuzz/NAME-crash-* (or
# NAME-leak-*) in the build tree and fail the run once every target ran.
fuzz: $(FUZZ_PROGS)
	@fail=; tmp=$$(mktemp -d) || exit 1; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p "$$tmp/$$t"; \
	  if test -d "$(srcdir)/tests/fuzz/corpus/$$t"; then \
	    cp "$(srcdir)/tests/fuzz/corpus/$$t"/* "$$tmp/$$t/"; fi; \
	  log=tests/fuzz/fuzz_$$t.log; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  if ./tests/fuzz/fuzz_$$t -max_len=$(FUZZ_MAX_LEN) \
	      -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	      -artifact_prefix=tests/fuzz/$$t- "$$tmp/$$t" >"$$log" 2>&1; then \
	    grep -E '^#[0-9]+[[:space:]]+DONE|^stat::number_of_executed_units' "$$log" | sed 's/^/  /'; \
	  else \
	    tail -n 40 "$$log"; fail="$$fail $$t"; \
	  fi; \
	done; \
	rm -rf "$$tmp"; \
	if test -n "$$fail"; then echo "fuzz: crashes in:$$fail (see tests/fuzz/NAME-crash-* or NAME-leak-*)"; exit 1; fi
else
fuzz:
	@echo "make fuzz: configure with CC=clang --enable-fuzzing" >&2; exit 1
endif
.PHONY: fuzz

CLEANFILES += tests/fuzz/*.log

# The seed corpora are small copies of fixtures and hand-written seeds.
EXTRA_DIST += tests/fuzz/README \
	tests/fuzz/corpus/config/comma-tags \
	tests/fuzz/corpus/config/errors.conf \
	tests/fuzz/corpus/config/existing-urls \
	tests/fuzz/corpus/config/good.conf \
	tests/fuzz/corpus/config/noncharacters \
	tests/fuzz/corpus/config/urls \
	tests/fuzz/corpus/date/asctime \
	tests/fuzz/corpus/date/iso \
	tests/fuzz/corpus/date/iso-date \
	tests/fuzz/corpus/date/iso-frac \
	tests/fuzz/corpus/date/rfc822 \
	tests/fuzz/corpus/date/rfc822-2digit \
	tests/fuzz/corpus/date/rfc822-noweekday \
	tests/fuzz/corpus/date/rfc850 \
	tests/fuzz/corpus/extract/ar-1256.html \
	tests/fuzz/corpus/extract/en-plain.html \
	tests/fuzz/corpus/extract/en-tech.html \
	tests/fuzz/corpus/extract/nested-divs.html \
	tests/fuzz/corpus/extract/no-article.html \
	tests/fuzz/corpus/feed/atom-threading.xml \
	tests/fuzz/corpus/feed/atom03.xml \
	tests/fuzz/corpus/feed/atom10.xml \
	tests/fuzz/corpus/feed/comments-wfw.xml \
	tests/fuzz/corpus/feed/damage-truncated.xml \
	tests/fuzz/corpus/feed/enc-utf16le-bom.xml \
	tests/fuzz/corpus/feed/enc-windows1256.xml \
	tests/fuzz/corpus/feed/hostile-escapes.xml \
	tests/fuzz/corpus/feed/json10.json \
	tests/fuzz/corpus/feed/json11.json \
	tests/fuzz/corpus/feed/media-rss.xml \
	tests/fuzz/corpus/feed/rss091.xml \
	tests/fuzz/corpus/feed/rss10.rdf \
	tests/fuzz/corpus/feed/rss20-arabic.xml \
	tests/fuzz/corpus/feed/rss20-basic.xml \
	tests/fuzz/corpus/feed/xmlbase-chain.xml \
	tests/fuzz/corpus/html/blockquote-ar.html \
	tests/fuzz/corpus/html/dirlang-en.html \
	tests/fuzz/corpus/html/entities-ar.html \
	tests/fuzz/corpus/html/headings-ar.html \
	tests/fuzz/corpus/html/images-ar.html \
	tests/fuzz/corpus/html/links-en.html \
	tests/fuzz/corpus/html/nested-lists-ar.html \
	tests/fuzz/corpus/html/ol-en.html \
	tests/fuzz/corpus/html/p-ar.html \
	tests/fuzz/corpus/html/p-en.html \
	tests/fuzz/corpus/html/pre-ar.html \
	tests/fuzz/corpus/html/table-ar.html \
	tests/fuzz/corpus/market/coingecko.json \
	tests/fuzz/corpus/market/dexscreener.json \
	tests/fuzz/corpus/market/gate-alpha.json \
	tests/fuzz/corpus/market/geckoterminal.json \
	tests/fuzz/corpus/market/generic-bad.json \
	tests/fuzz/corpus/market/generic.json \
	tests/fuzz/corpus/opml/broken.opml \
	tests/fuzz/corpus/opml/nested.opml \
	tests/fuzz/corpus/text/ar-rtl-5 \
	tests/fuzz/corpus/text/en-40 \
	tests/fuzz/corpus/text/mixed-noreorder \
	tests/fuzz/corpus/text/url-strip \
	tests/fuzz/corpus/text/wide-1 \
	tests/fuzz/corpus/url/dotdot \
	tests/fuzz/corpus/url/fragment \
	tests/fuzz/corpus/url/netpath \
	tests/fuzz/corpus/url/nobase \
	tests/fuzz/corpus/url/query \
	tests/fuzz/corpus/url/relative
