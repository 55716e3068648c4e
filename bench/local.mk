EXTRA_DIST += bench/bench.py bench/bench_render.py bench/bench_tui.py
# Search over 100,000 items (issue 13): built by `make bench`, not installed.
EXTRA_PROGRAMS = bench/search_bench
bench_search_bench_SOURCES = bench/search_bench.c
bench_search_bench_LDADD = $(CORE_LIBS) -lm
# `make bench`: figures for BENCHMARKS.md (not part of make check).
bench: newsreader bench/search_bench
	$(abs_builddir)/bench/search_bench
	$(PYTHON3) $(srcdir)/bench/bench_render.py --newsreader $(abs_builddir)/newsreader
	$(PYTHON3) $(srcdir)/bench/bench.py --newsreader $(abs_builddir)/newsreader
	$(PYTHON3) $(srcdir)/bench/bench_tui.py --newsreader $(abs_builddir)/newsreader
.PHONY: bench
