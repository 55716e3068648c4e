#!/bin/sh
# Search off the UI thread (issue 18). The test hook NR_TEST_SEARCH_DELAY_MS
# (src/search/searcher.c, only in builds configured with --enable-test-hooks)
# makes every step of a search wait, as a common word on a cache of a
# million items does. Meanwhile the reader takes keys: help opens over the
# search still running and closes back onto it. A new query typed while one
# still runs shows its own results only, the same rows a search without
# the delay shows.
if [ "${NR_HAVE_TEST_HOOKS:-no}" != yes ]; then
	echo "SKIP: needs NR_TEST_SEARCH_DELAY_MS: this build has no test hooks (configure --enable-test-hooks)"
	exit 77
fi
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

# search WINDOW QUERY: type a search from the current view.
search() {
	keys "$1" /
	wait_for "$1" "Search:"
	keys "$1" -l "$2"
	keys "$1" Enter
}
# rows WINDOW FILE: the result rows (below the title bar, above the status line).
rows() {
	screen "$1" | sed -n '2,28p' >"$2"
}

# The reference: the rows each query shows with no delay.
tui_start ref
wait_for ref "16/16  All articles"
for q in ORBITRA التصيد; do
	search ref "$q"
	wait_for ref " result"
	rows ref "$T/want.$q"
	grep -q "2026-" "$T/want.$q" || fail "no result for '$q'"
	keys ref q
	wait_for ref "All articles"
done
cmp -s "$T/want.ORBITRA" "$T/want.التصيد" && fail "the two queries find the same rows"
keys ref Q
check_clean_exit ref

# A search that never ends while the test runs (10 minutes a step).
TUI_ENV=NR_TEST_SEARCH_DELAY_MS=600000 tui_start slow
wait_for slow "16/16  All articles"
search slow ORBITRA
wait_for slow "(searching...)"
screen slow | grep -q "Searching..." || fail "no searching notice in the list"
# Keys are handled while it runs: help opens, and closes onto the search.
keys slow '?'
wait_gone slow "(searching...)"
screen slow | grep -q "Search: ORBITRA" && fail "help did not open over the search"
keys slow q
wait_for slow "(searching...)"
screen slow | grep -q " result" && fail "the endless search has results"
# Leaving the search stops it: the feed list takes keys again at once.
keys slow q
wait_for slow "All articles"
keys slow Q
check_clean_exit slow

# Each step waits 1.5 s: a new query typed over a running one shows only
# its own results, and the first query's answer never replaces them.
TUI_ENV=NR_TEST_SEARCH_DELAY_MS=1500 tui_start swap
wait_for swap "16/16  All articles"
search swap ORBITRA
wait_for swap "(searching...)"
search swap التصيد
wait_gone swap "Search: ORBITRA"
wait_for swap " result" 30
rows swap "$T/got"
cmp -s "$T/want.التصيد" "$T/got" || fail "new query's rows differ: $(diff "$T/want.التصيد" "$T/got")"
# Give the replaced query's steps their time (they were stopped, so
# nothing may come): the rows stay those of the new query.
sleep 4
rows swap "$T/got"
cmp -s "$T/want.التصيد" "$T/got" || fail "the replaced query's answer came in: $(diff "$T/want.التصيد" "$T/got")"
# Back on the first search: it was stopped, so it runs again and shows
# its own rows.
keys swap q
wait_for swap "Search: ORBITRA"
wait_for swap " result" 30
rows swap "$T/got"
cmp -s "$T/want.ORBITRA" "$T/got" || fail "the first query's rows differ: $(diff "$T/want.ORBITRA" "$T/got")"
keys swap Q
check_clean_exit swap
echo "tui_search_async ok"
