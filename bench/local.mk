EXTRA_DIST += bench/bench.py
# `make bench`: figures for BENCHMARKS.md (not part of make check).
bench: newsreader
	$(PYTHON3) $(srcdir)/bench/bench.py --newsreader $(abs_builddir)/newsreader
.PHONY: bench
