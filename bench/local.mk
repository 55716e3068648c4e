EXTRA_DIST += bench/bench.py bench/bench_render.py bench/bench_tui.py bench/bench_extract.py bench/bench_sync.py \
	bench/bench_memory.py bench/bench_search_tui.py
# Search over 100,000 items (issue 13): built by `make bench`, not installed.
EXTRA_PROGRAMS = bench/search_bench
bench_search_bench_SOURCES = bench/search_bench.c
bench_search_bench_LDADD = $(CORE_LIBS) -lm
# Cleanup (max-items) over 200,000 items (issue 16).
EXTRA_PROGRAMS += bench/cleanup_bench
bench_cleanup_bench_SOURCES = bench/cleanup_bench.c
bench_cleanup_bench_LDADD = $(CORE_LIBS)
CLEANFILES += bench/cleanup_bench
# `make bench`: figures for BENCHMARKS.md (not part of make check).
bench: newsreader bench/search_bench bench/cleanup_bench
	$(abs_builddir)/bench/search_bench
	$(abs_builddir)/bench/cleanup_bench
	$(PYTHON3) $(srcdir)/bench/bench_render.py --newsreader $(abs_builddir)/newsreader
	$(PYTHON3) $(srcdir)/bench/bench.py --newsreader $(abs_builddir)/newsreader
	$(PYTHON3) $(srcdir)/bench/bench_tui.py --newsreader $(abs_builddir)/newsreader
	$(PYTHON3) $(srcdir)/bench/bench_sync.py --newsreader $(abs_builddir)/newsreader
.PHONY: bench
# Reader mode on 1,000 pages in one process (issue 12): `make bench-extract`.
EXTRA_PROGRAMS += bench/extract_bench
bench_extract_bench_SOURCES = bench/extract_bench.c
bench_extract_bench_LDADD = $(CORE_LIBS)
CLEANFILES += bench/extract_bench
bench-extract: newsreader bench/extract_bench
	$(PYTHON3) $(srcdir)/bench/bench_extract.py --bench $(abs_builddir)/bench/extract_bench \
	    --newsreader $(abs_builddir)/newsreader
.PHONY: bench-extract
# Peak memory of a reload of 1,000 feeds with a 30 MB one (issue 18):
# `make bench-memory`.
bench-memory: newsreader
	$(PYTHON3) $(srcdir)/bench/bench_memory.py --newsreader $(abs_builddir)/newsreader
.PHONY: bench-memory
# Search on a cache of 1,000,000 items (issue 18): `make bench-search`. The
# cache is built once (about 15 minutes) and kept in $(BENCH_SEARCH_DIR).
BENCH_SEARCH_DIR = /tmp/nrsearch-1m
bench-search: newsreader bench/search_bench
	mkdir -p $(BENCH_SEARCH_DIR)
	nice $(abs_builddir)/bench/search_bench $(BENCH_SEARCH_DIR) 1000000 3
	nice $(PYTHON3) $(srcdir)/bench/bench_search_tui.py --newsreader $(abs_builddir)/newsreader \
	    --cache $(BENCH_SEARCH_DIR)/cache.db
.PHONY: bench-search
# Keys and search while the reader indexes 20,000 items a reload deferred, on
# the same cache (issue 18): `make bench-search-indexing`.
bench-search-indexing: newsreader bench/search_bench
	nice $(abs_builddir)/bench/search_bench $(BENCH_SEARCH_DIR) 1000000 1 defer 20000
	nice $(PYTHON3) $(srcdir)/bench/bench_search_tui.py --newsreader $(abs_builddir)/newsreader \
	    --cache $(BENCH_SEARCH_DIR)/cache.db --while-indexing
	nice $(abs_builddir)/bench/search_bench $(BENCH_SEARCH_DIR) 1000000 1 undefer
.PHONY: bench-search-indexing
# Filtered lists over 100,000 items (issue 16): `make bench-filter`.
EXTRA_PROGRAMS += bench/filter_bench
bench_filter_bench_SOURCES = bench/filter_bench.c
bench_filter_bench_LDADD = $(CORE_LIBS)
CLEANFILES += bench/filter_bench
bench-filter: bench/filter_bench
	$(abs_builddir)/bench/filter_bench
.PHONY: bench-filter
