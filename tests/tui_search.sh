#!/bin/sh
# Search (issue 4): `/` takes typed Arabic; a query with harakat and the
# same query without them find the same articles; Latin is case-blind; the
# matches are highlighted in the article view.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

# A "browser" that records its arguments, for `o`.
cat >"$T/browser.sh" <<EOF2
#!/bin/sh
printf '%s\n' "\$@" >"$T/opened.tmp" && mv "$T/opened.tmp" "$T/opened"
EOF2
chmod +x "$T/browser.sh"
printf 'browser "%s --new %%u"\n' "$T/browser.sh" >"$T/config/newsreader/config"

tui_start main
wait_for main "16/16  All articles"

# search QUERY: run a search from the feed list and leave its result rows
# (below the title bar, above the status line) in $T/results.
search() {
	keys main /
	wait_for main "Search:"
	keys main -l "$1"
	keys main Enter
	wait_for main " result"	# "(1 result)", "(3 results)"
	screen main | sed -n '2,29p' >"$T/results"
	grep -q "2026-" "$T/results" || fail "no result for '$1'"
}

search "التصيّد"
cp "$T/results" "$T/with"
keys main q
wait_for main "All articles"
search "التصيد"
cmp -s "$T/with" "$T/results" || fail "harakat change the results: $(diff "$T/with" "$T/results")"
keys main q
wait_for main "All articles"

# Alef forms: إلى and الى are the same word to the search.
search "إلى"
cp "$T/results" "$T/with"
keys main q
search "الى"
cmp -s "$T/with" "$T/results" || fail "alef forms change the results"
keys main q

search "ORBITRA"
grep -q "Orbitra" "$T/results" || fail "Latin search is not case-blind"
# The match is highlighted (reverse and underline without colours).
keys main Enter
wait_for main "Article: "
screen_e main | grep -qE '\[([0-9]+;)*4;([0-9]+;)*7m|\[([0-9]+;)*7;([0-9]+;)*4m' ||
    fail "no highlighted match in the article"
# o opens the article's link: one argument, substituted after splitting.
keys main o
wait_for main "opened in the browser"
deadline=$(( $(date +%s) + 5 ))
while [ ! -s "$T/opened" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the browser did not run"
	sleep 0.05
done
head -1 "$T/opened" | grep -qx -- "--new" || fail "browser argv: $(cat "$T/opened")"
[ "$(wc -l <"$T/opened")" = 2 ] || fail "browser argv: $(cat "$T/opened")"
sed -n 2p "$T/opened" | grep -q "^https://" || fail "browser argv: $(cat "$T/opened")"
keys main Q
check_clean_exit main
echo "tui_search ok"
