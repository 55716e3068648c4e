#!/bin/sh
# The reader's own writes while its reload downloads a big feed (issue 10):
# the test server drips a 30 MiB feed at about 1 MiB/s; while R's reload is
# downloading it, a like, a read mark and a draft made in the reader are in
# the database file within one second (read with a separate SQLite
# connection), the market panel's tickers refresh, and kill -9 of the
# reader still in the middle of the download loses none of them. With the
# feed writer of old, the fetch thread held the write transaction for the
# whole download: nothing reached the file until it ended, and the ticker
# refreshes were thrown away as "cache busy".
. "${NR_SRCDIR:?}/tests/tui_lib.sh"
PY=${PYTHON3:-python3}

# dbq SQL: one value from the reader's database, through a connection of
# our own (a second process, as a user's sqlite3 would be).
dbq() {
	"$PY" - "$CACHE" "$1" <<'PYEOF'
import sqlite3, sys
try:
    con = sqlite3.connect(sys.argv[1], timeout=2)
    row = con.execute(sys.argv[2]).fetchone()
    print("" if row is None or row[0] is None else row[0])
except sqlite3.Error as e:
    print("error: %s" % e)
PYEOF
}

# within SECONDS SQL WANT WHAT: poll until dbq SQL prints WANT.
within() {
	deadline=$("$PY" -c 'import sys, time; print(time.time() + float(sys.argv[1]))' "$1")
	while :; do
		got=$(dbq "$2")
		[ "$got" = "$3" ] && return 0
		"$PY" -c 'import sys, time; sys.exit(time.time() < float(sys.argv[1]))' "$deadline" &&
		    fail "$4: not in the database within $1 s (got '$got', want '$3')"
		sleep 0.05
	done
}

# set_doc PATH: the test server serves stdin at PATH.
set_doc() {
	"$PY" -c '
import sys, urllib.request
r = urllib.request.Request(sys.argv[1], data=sys.stdin.buffer.read(), method="POST")
urllib.request.urlopen(r, timeout=5).read()' "$U/_set?path=$1" || fail "cannot set $1"
}

market() {
	printf '{"tokens": [{"symbol": "HUD", "name": "هدهد", "price_usd": %s, "market_cap_usd": %s}]}\n' \
	    "$1" "$2" | set_doc /market.json
}

start_server "$NR_SRCDIR/tests/fixtures/http"
U="http://127.0.0.1:$PORT"
DRIP="$U/huge?mb=30&rate=1024"
market 0.0421 3534.9
cat >"$T/config/newsreader/config" <<EOF2
download-timeout 120
max-body-size 64
market-source generic $U/market.json
market-interval 1
EOF2
# The small feed first, so that its articles are there to like.
echo "$U/en.xml \"~Harbour\"" >"$T/config/newsreader/urls"
"$NEWSREADER" reload 2>"$T/reload.err" || fail "first reload failed: $(cat "$T/reload.err")"
echo "$DRIP \"~Drip\"" >>"$T/config/newsreader/urls"

TUI_COLS=120 tui_start main
wait_for main "Harbour"
within 10 "SELECT price_usd FROM tickers WHERE symbol = 'HUD'" 0.0421 "the first tickers"
keys main R
# Drip items arrive while the body still trickles in.
DRIPQ="SELECT count(*) >= 500 FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url LIKE '%huge%'"
within 10 "$DRIPQ" 1 "the first batches of the dripped feed"
downloading() {
	n=$(dbq "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url LIKE '%huge%'")
	[ "$n" -lt 30000 ] || fail "$1: the download is over already ($n items)"
	screen main | grep -q "Reloading" || fail "$1: no reload in progress on screen"
}
downloading "before the writes"

# Like the newest article of the small feed from its list.
keys main j Enter
wait_for main "Feed: Harbour"
keys main g l
within 1 "SELECT count(*) FROM items WHERE liked = 1" 1 "the like"
downloading "after the like"
# Opening it marks it read.
keys main Enter
wait_for main "Article: "
within 1 "SELECT read FROM items WHERE liked = 1" 1 "the read mark"
downloading "after the read mark"
# A draft: the composer saves it 0.5 s after the last key.
keys main c
wait_for main "Comment 0/"
keys main -l "مسودة أثناء التنزيل draft"
within 1 "SELECT text FROM drafts d JOIN items i ON i.id = d.item_id WHERE i.liked = 1" \
    "مسودة أثناء التنزيل draft" "the draft"
downloading "after the draft"
# The tickers refresh (market-interval 1) while the feed still downloads.
market 0.0777 9999.5
within 5 "SELECT price_usd FROM tickers WHERE symbol = 'HUD'" 0.0777 "the refreshed tickers"
downloading "after the ticker refresh"

# kill -9 in the middle of the download: everything above is still there.
pane=$(tmux -L "$SOCK" display -p -t nr:main '#{pane_pid}')
pid=$(cat "/proc/$pane/task/$pane/children" 2>/dev/null | awk '{print $1}')
[ -n "$pid" ] || fail "no reader process"
kill -9 "$pid"
deadline=$(( $(date +%s) + 5 ))
while [ -d "/proc/$pid" ] && [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the reader did not die"
	sleep 0.05
done
within 1 "SELECT count(*) FROM items WHERE liked = 1 AND read = 1" 1 "the like and read mark after kill -9"
within 1 "SELECT count(*) FROM drafts WHERE text = 'مسودة أثناء التنزيل draft'" 1 \
    "the draft after kill -9"
within 1 "SELECT price_usd FROM tickers WHERE symbol = 'HUD'" 0.0777 "the tickers after kill -9"
within 1 "PRAGMA integrity_check" ok "an intact database after kill -9"
echo "ok: like, read mark, draft and tickers written during the download, all kept"
