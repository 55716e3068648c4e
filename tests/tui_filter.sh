#!/bin/sh
# Query feeds and the limit prompt (issue 16). A urls file with two feeds
# served on 127.0.0.1 and two query feeds: after a reload (R) the query
# feeds sit in the feed list with their counts and list exactly the
# articles of every feed that match, Arabic folded as search folds it
# (the query has no kasra, the title has one). The limit prompt (F) in an
# article list keeps only the matches and says so in the title bar; a bad
# expression gets its error, with the column, on the status line; an
# empty one clears the limit. Never fetched: the server is never asked for
# anything but the two feeds.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/filter"
U="http://127.0.0.1:$PORT"
cat >"$T/config/newsreader/urls" <<EOF2
$U/ar.xml
$U/en.xml
"query:Coins:title =~ \"بيتكوين\" or title =~ \"^bitcoin\""
"query:Gold unread:unread = \"yes\" and (title # \"gold\" or title # \"الذهب\")"
EOF2

tui_start main
keys main R
wait_for main "Money Wire" 15
wait_for main "ARW" 15
# The query feeds with their counts: 2 of 2 unread, 2 of 2.
wait_for main "[query]"
screen main | grep -F "Coins" | grep -qF "2/2" || fail "query feed count"
screen main | grep -F "Gold unread" | grep -qF "2/2" || fail "second query feed count"

# Open the first query feed: the two bitcoin articles, nothing else.
row=$(screen main | grep -nF "Coins" | head -1 | cut -d: -f1)
keys main g
i=1; while [ "$i" -lt "$((row - 1))" ]; do keys main j; i=$((i + 1)); done
keys main Enter
wait_for main "Query: "
screen main | sed -n '2,28p' >"$T/rows"
grep -qF "Bitcoin slips after record week" "$T/rows" || fail "English match missing"
grep -qF "A1" "$T/rows" || fail "Arabic match missing"
grep -qF "Gold demand" "$T/rows" && fail "a non-matching article in the query feed"
[ "$(grep -c "2026-" "$T/rows")" = 2 ] || fail "query feed rows: $(cat "$T/rows")"

# Reading an article there changes its unread count in the feed list.
keys main u
keys main q
wait_for main "[query]"
wait_for main "1/2"

# The limit prompt in "All articles" (the first row).
keys main g
keys main Enter
wait_for main "All articles"
wait_for main "SPONSORED"
keys main F
wait_for main "Filter:"
keys main -l 'title =~ "الذهب" or title # "gold"'
keys main Enter
wait_for main "[filter: "
wait_gone main "SPONSORED"
screen main | sed -n '2,28p' >"$T/rows"
[ "$(grep -c "2026-" "$T/rows")" = 2 ] || fail "limited rows: $(cat "$T/rows")"
grep -qF "Gold demand steady" "$T/rows" || fail "limit lost a match"
grep -qF "A2" "$T/rows" || fail "limit lost the Arabic match"
# A bad expression: its error with the column, the list as it was.
keys main F
wait_for main "Filter:"
keys main -l 'title = '
keys main Enter
wait_for main "expected a value after '=' at column 8"
screen main | grep -qF "Gold demand steady" || fail "a bad limit changed the list"
# An empty expression clears it.
keys main F
wait_for main "Filter:"
keys main Enter
wait_for main "SPONSORED"
wait_gone main "[filter: "

# The feed list's limit: only feeds with matching articles.
keys main q
wait_for main "[query]"
keys main F
wait_for main "Filter:"
keys main -l 'feedtitle = "money wire"'
keys main Enter
wait_for main "[filter: "
wait_gone main "ARW"
screen main | grep -qF "Money Wire" || fail "the feed list's limit dropped the match"
keys main Q
check_clean_exit main

# Query feeds are never fetched.
"${PYTHON3:-python3}" - "$U/_stats" <<'PY' >"$T/asked"
import json, sys, urllib.request
s = json.load(urllib.request.urlopen(sys.argv[1], timeout=5))
print("\n".join(sorted(k for k in s if k.startswith("/") and not k.startswith("/_"))))
PY
[ "$(cat "$T/asked")" = "$(printf '/ar.xml\n/en.xml')" ] || fail "server asked for: $(cat "$T/asked")"
echo "tui_filter ok"
