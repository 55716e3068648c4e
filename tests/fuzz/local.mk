# tests/fuzz: libFuzzer targets for every parser and the layout engine.
# Built only by `configure CC=clang --enable-fuzzing`; `make fuzz` runs each
# for FUZZ_SECONDS on a copy of its seed corpus, `make fuzz-smoke` (CI) for
# FUZZ_SMOKE_SECONDS (see tests/fuzz/README and tests/fuzz/run.sh).
#
# A new target NAME: one line in FUZZ_PROGS, its three lines below
# (tests/fuzz/fuzz_NAME.c; its seeds go in tests/fuzz/corpus/NAME, and any
# fixtures it reads in FUZZ_FIXTURE_SEEDS). FUZZ_TARGETS (default: all)
# picks targets to run by NAME.
FUZZ_TARGETS =
# Seeds besides tests/fuzz/corpus/NAME: the test fixtures, as TARGET:GLOB
# under tests/fixtures (expected outputs skipped), copied at run time.
FUZZ_FIXTURE_SEEDS = \
	feed:feeds/* feed:comments/* feed:http/* \
	html:html/*.html \
	text:text/*.txt \
	market:market/*.json market:market-http/*.json \
	config:config/*.conf \
	urls:config/urls urls:config/existing-urls \
	opml:config/*.opml \
	extract:extract/*.html \
	discover:add/*.html discover:extract/*.html
FUZZ_SECONDS = 30
FUZZ_SMOKE_SECONDS = 15
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
	tests/fuzz/fuzz_urls \
	tests/fuzz/fuzz_compose \
	tests/fuzz/fuzz_share \
	tests/fuzz/fuzz_search \
	tests/fuzz/fuzz_comments \
	tests/fuzz/fuzz_discover \
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

tests_fuzz_fuzz_urls_SOURCES = tests/fuzz/fuzz_urls.c $(FUZZ_COMMON) tests/fuzz/fuzz-urls.h
tests_fuzz_fuzz_urls_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_urls_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_compose_SOURCES = tests/fuzz/fuzz_compose.c $(FUZZ_COMMON)
tests_fuzz_fuzz_compose_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_compose_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_share_SOURCES = tests/fuzz/fuzz_share.c $(FUZZ_COMMON)
tests_fuzz_fuzz_share_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_share_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_search_SOURCES = tests/fuzz/fuzz_search.c $(FUZZ_COMMON)
tests_fuzz_fuzz_search_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_search_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_comments_SOURCES = tests/fuzz/fuzz_comments.c $(FUZZ_COMMON)
tests_fuzz_fuzz_comments_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_comments_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_discover_SOURCES = tests/fuzz/fuzz_discover.c $(FUZZ_COMMON)
tests_fuzz_fuzz_discover_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_discover_LDADD = $(CORE_LIBS)

# Each target runs on a scratch copy of its seeds (its own corpus and its
# fixtures), so new inputs never land in the source tree; crashes are written
# to tests/fuzz/NAME-crash-* (or NAME-leak-*) in the build tree and fail the
# run once every target ran.
FUZZ_RUN = FUZZ_SRCDIR='$(srcdir)' FUZZ_OUT=tests/fuzz FUZZ_MAX_LEN='$(FUZZ_MAX_LEN)' \
	FUZZ_FIXTURE_SEEDS='$(FUZZ_FIXTURE_SEEDS)' $(SHELL) $(srcdir)/tests/fuzz/run.sh
FUZZ_NAMES = t='$(FUZZ_TARGETS)'; test -n "$$t" || \
	t=$$(echo '$(FUZZ_PROGS)' | sed 's|tests/fuzz/fuzz_||g')
fuzz: $(FUZZ_PROGS)
	@$(FUZZ_NAMES); FUZZ_SECONDS='$(FUZZ_SECONDS)' $(FUZZ_RUN) $$t
# CI's short run: every target on its seeds for FUZZ_SMOKE_SECONDS, with a
# fixed seed so that a failure is a regression, not a lucky find.
fuzz-smoke: $(FUZZ_PROGS)
	@$(FUZZ_NAMES); FUZZ_SECONDS='$(FUZZ_SMOKE_SECONDS)' FUZZ_SEED=1 $(FUZZ_RUN) $$t
else
fuzz fuzz-smoke:
	@echo "make $@: configure with CC=clang --enable-fuzzing" >&2; exit 1
endif
.PHONY: fuzz fuzz-smoke

CLEANFILES += tests/fuzz/*.log

# Hand-written seeds (the fixtures they also run with are distributed by
# their modules) and the runner.
EXTRA_DIST += tests/fuzz/README tests/fuzz/run.sh tests/fuzz/corpus
