EXTRA_DIST += bench/bench.py bench/bench_render.py bench/bench_tui.py bench/bench_sync.py
# `make bench`: figures for BENCHMARKS.md (not part of make check).
bench: newsreader
	$(PYTHON3) $(srcdir)/bench/bench_render.py --newsreader $(abs_builddir)/newsreader
	$(PYTHON3) $(srcdir)/bench/bench.py --newsreader $(abs_builddir)/newsreader
	$(PYTHON3) $(srcdir)/bench/bench_tui.py --newsreader $(abs_builddir)/newsreader
	$(PYTHON3) $(srcdir)/bench/bench_sync.py --newsreader $(abs_builddir)/newsreader
.PHONY: bench
