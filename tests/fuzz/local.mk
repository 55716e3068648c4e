# tests/fuzz: libFuzzer targets for every parser and the layout engine.
# Built only by `configure CC=clang --enable-fuzzing`; `make fuzz` runs each
# for FUZZ_SECONDS on a copy of its seed corpus (see tests/fuzz/README).
FUZZ_TARGETS = feed html text market config opml extract date url sync filter
# Seeds besides tests/fuzz/corpus/NAME: the test fixtures, as TARGET:GLOB
# under tests/fixtures (expected outputs skipped), copied at run time.
FUZZ_FIXTURE_SEEDS = \
	feed:feeds/* feed:comments/* feed:http/* \
	html:html/*.html \
	text:text/*.txt \
	market:market/*.json market:market-http/*.json \
	config:config/* \
	opml:config/*.opml \
	extract:extract/*.html
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
	tests/fuzz/fuzz_url \
	tests/fuzz/fuzz_sync \
	tests/fuzz/fuzz_filter
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
tests_fuzz_fuzz_sync_SOURCES = tests/fuzz/fuzz_sync.c $(FUZZ_COMMON)
tests_fuzz_fuzz_sync_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_sync_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_filter_SOURCES = tests/fuzz/fuzz_filter.c $(FUZZ_COMMON)
tests_fuzz_fuzz_filter_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_filter_LDADD = $(CORE_LIBS)

# Each target runs on a scratch copy of its seeds (its own corpus and its
# fixtures), so new inputs never land in the source tree; crashes are written
# to tests/fuzz/NAME-crash-* (or NAME-leak-*) in the build tree and fail the
# run once every target ran.
fuzz: $(FUZZ_PROGS)
	@fail=; tmp=$$(mktemp -d) || exit 1; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p "$$tmp/$$t"; \
	  if test -d "$(srcdir)/tests/fuzz/corpus/$$t"; then \
	    cp "$(srcdir)/tests/fuzz/corpus/$$t"/* "$$tmp/$$t/"; fi; \
	  for s in $(FUZZ_FIXTURE_SEEDS); do \
	    case $$s in "$$t":*) ;; *) continue ;; esac; \
	    g=$${s#*:}; \
	    for f in "$(srcdir)/tests/fixtures/"$$g; do \
	      case $$f in *.expected*) continue ;; esac; \
	      if test -f "$$f"; then \
	        cp "$$f" "$$tmp/$$t/fixture-$${g%%/*}-$${f##*/}"; fi; \
	    done; \
	  done; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s, $$(ls "$$tmp/$$t" | wc -l) seeds"; \
	  log=tests/fuzz/fuzz_$$t.log; \
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

# Hand-written seeds only: the fixtures they are run with are distributed
# by their modules.
EXTRA_DIST += tests/fuzz/README \
	tests/fuzz/corpus/sync/ttrss-headlines.json \
	tests/fuzz/corpus/sync/greader-contents.json \
	tests/fuzz/corpus/sync/greader-subs.json \
	tests/fuzz/corpus/config/comma-tags \
	tests/fuzz/corpus/config/noncharacters \
	tests/fuzz/corpus/date/asctime \
	tests/fuzz/corpus/date/iso \
	tests/fuzz/corpus/date/iso-date \
	tests/fuzz/corpus/date/iso-frac \
	tests/fuzz/corpus/date/rfc822 \
	tests/fuzz/corpus/date/rfc822-2digit \
	tests/fuzz/corpus/date/rfc822-noweekday \
	tests/fuzz/corpus/date/rfc850 \
	tests/fuzz/corpus/feed/repeated-xml-attrs \
	tests/fuzz/corpus/html/pre-blank-end \
	tests/fuzz/corpus/text/ar-rtl-5 \
	tests/fuzz/corpus/text/en-40 \
	tests/fuzz/corpus/text/leading-blanks \
	tests/fuzz/corpus/text/mixed-noreorder \
	tests/fuzz/corpus/text/url-strip \
	tests/fuzz/corpus/text/wide-1 \
	tests/fuzz/corpus/url/dotdot \
	tests/fuzz/corpus/url/fragment \
	tests/fuzz/corpus/url/netpath \
	tests/fuzz/corpus/url/nobase \
	tests/fuzz/corpus/url/query \
	tests/fuzz/corpus/url/relative \
	tests/fuzz/corpus/filter/arabic \
	tests/fuzz/corpus/filter/between \
	tests/fuzz/corpus/filter/nested \
	tests/fuzz/corpus/filter/escapes \
	tests/fuzz/corpus/filter/every-op \
	tests/fuzz/corpus/filter/error \
	tests/fuzz/corpus/filter/regcomp-oom
