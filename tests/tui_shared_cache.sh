#!/bin/sh
# Other newsreader commands beside the running reader (issue 9). The reader
# runs online (its fetch thread has a second connection to the cache), with
# file:// feeds naming its own database, WAL and shm, which it refuses;
# meanwhile `print-unread` and a cron-style `reload` (which stores a new
# article) run on the same cache. The reader's WAL must never disappear
# while it runs and it must hold no deleted file open; a like made in the
# reader afterwards is seen at once by another process (python3's sqlite3);
# after everyone quits PRAGMA integrity_check is ok and the like is kept.
# A comment password file naming a file of the cache is a config error.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"
PY=${PYTHON3:-python3}
"$PY" -c 'import sqlite3' 2>/dev/null || { echo "python3 has no sqlite3 module"; exit 77; }

# sql QUERY: the first column of the first row, from another process.
sql() {
	"$PY" - "$CACHE" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, timeout=5)
row = db.execute(sys.argv[2]).fetchone()
print(row[0] if row else "")
db.close()
PY
}

feed() {	# feed EXTRA-ITEM: the test feed, with an extra item when asked
	cat <<EOF2
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Shared cache</title><link>http://127.0.0.1/</link>
<item><guid>s1</guid><title>أخبار الصباح</title><pubDate>Mon, 01 Jun 2026 08:00:00 GMT</pubDate><description>نص قصير.</description></item>
<item><guid>s2</guid><title>Morning briefing</title><pubDate>Mon, 01 Jun 2026 07:00:00 GMT</pubDate><description>Short text.</description></item>
$1
</channel></rss>
EOF2
}

start_server "$NR_SRCDIR/tests/fixtures/http"
U="http://127.0.0.1:$PORT"
set_feed() {	# set_feed FILE
	"$PY" -c '
import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/_set?path=/shared.xml",
    data=open(sys.argv[2], "rb").read(), method="POST"), timeout=10).read()' "$U" "$1" ||
	    fail "cannot set the feed on the test server"
}
feed "" >"$T/feed1.xml"
feed "<item><guid>s3</guid><title>خبر من cron</title><pubDate>Mon, 01 Jun 2026 09:00:00 GMT</pubDate></item>" >"$T/feed2.xml"
set_feed "$T/feed1.xml"
# file:// feeds naming the cache's own files: reading one would open and
# close it inside the reader, which drops the reader's SQLite locks. They
# are refused, and must not break anything below.
ln -s "$CACHE-shm" "$T/shm-link"
cat >"$T/config/newsreader/urls" <<EOF2
$U/shared.xml "~Shared cache"
file://$CACHE "~Own database"
file://localhost$CACHE-wal "~Own WAL"
file://$T/shm-link "~Own shm"
EOF2

tui_start main
wait_for main "Shared cache"
# The reader's own reload has stored both articles and refused the rest.
wait_for main "4 feeds, 2 unread" 15
deadline=$(( $(date +%s) + 10 ))
until [ "$(screen main | grep -c '^!.*Own ')" = 3 ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the cache's own files were not refused"
	sleep 0.05
done
pane=$(tmux -L "$SOCK" display -p -t nr:main '#{pane_pid}')
pid=$(awk '{print $1}' "/proc/$pane/task/$pane/children" 2>/dev/null)
[ -n "$pid" ] || fail "no reader process"
[ -e "$CACHE-wal" ] || fail "no WAL while the reader runs"

# Watch the WAL for as long as the reader runs (the loop also ends when a
# failure has removed $T).
(
	while [ -d "$T" ] && [ ! -e "$T/stop-watch" ]; do
		[ -e "$CACHE-wal" ] || echo "gone at $(date +%s.%N)" >>"$T/wal-gone"
		sleep 0.02
	done
) &
WATCH_PID=$!
trap 'kill "$WATCH_PID" 2>/dev/null; tui_cleanup' EXIT

# Commands beside the reader: read-only, then a writer (as cron runs it).
out=$("$NEWSREADER" print-unread 2>&1) || fail "print-unread beside the reader: $out"
[ "$out" = "2 unread articles" ] || fail "print-unread said '$out'"
set_feed "$T/feed2.xml"
"$NEWSREADER" reload >"$T/reload.out" 2>&1 || fail "reload beside the reader: $(cat "$T/reload.out")"
grep -q ", 1 new article$" "$T/reload.out" ||
    fail "reload did not store the new article: $(cat "$T/reload.out")"
[ "$(grep -c ": refused: a file of newsreader's own cache, not a feed$" "$T/reload.out")" = 3 ] ||
    fail "reload did not refuse the cache's own files: $(cat "$T/reload.out")"
out=$("$NEWSREADER" print-unread 2>&1) || fail "print-unread after reload: $out"
[ "$out" = "3 unread articles" ] || fail "print-unread after reload said '$out'"

# The reader writes to files that still exist.
deleted=$(ls -l "/proc/$pid/fd" 2>/dev/null | grep "(deleted)")
[ -z "$deleted" ] || fail "the reader holds deleted files: $deleted"

# A like in the reader is seen by another process at once.
keys main Enter
wait_for main "Morning briefing"
keys main l
wait_for main "Liked"
deadline=$(( $(date +%s) + 3 ))
until [ "$(sql 'SELECT count(*) FROM items WHERE liked = 1')" = 1 ]; do
	[ "$(date +%s)" -ge "$deadline" ] &&
	    fail "the like made in the reader is not seen by another process"
	sleep 0.05
done
deleted=$(ls -l "/proc/$pid/fd" 2>/dev/null | grep "(deleted)")
[ -z "$deleted" ] || fail "the reader holds deleted files: $deleted"

# (The last connection to close removes the WAL: stop watching first.)
touch "$T/stop-watch"
wait "$WATCH_PID"
[ -e "$T/wal-gone" ] && fail "the WAL was deleted while the reader ran: $(head -1 "$T/wal-gone")"
keys main Q
check_clean_exit main
[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "integrity_check: $(sql 'PRAGMA integrity_check')"
[ "$(sql 'SELECT count(*) FROM items WHERE liked = 1')" = 1 ] || fail "the like was lost"
[ "$(sql 'SELECT count(*) FROM items')" = 3 ] || fail "articles were lost"

# A comment password file (read while the cache is open) may not be one of
# the cache's files either: a config error, before anything is opened.
printf 'comment-endpoint %s/ https://wp.example user=me password-file=%s\n' "$U" "$CACHE-wal" \
    >"$T/bad.conf"
out=$("$NEWSREADER" --config "$T/bad.conf" reload 2>&1)
rc=$?
[ "$rc" = 3 ] || fail "a cache file as password file: exit $rc ($out)"
[ "$out" = "newsreader: $T/bad.conf:1: password-file $CACHE-wal is a file of newsreader's own cache" ] ||
    fail "a cache file as password file: '$out'"
echo "ok"
