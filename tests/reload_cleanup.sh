#!/bin/sh
# max-items and the tombstones (issue 16), through `newsreader reload`:
# liked and starred items stay beyond the limit, the others go, and the
# removed ones do not come back unread on the next reload while the feed
# still lists them. reload runs notify-program when new articles came: the
# feed's hostile title reaches it as one argument, unchanged, and nothing
# in it is run.
: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
: "${PYTHON3:=python3}"
T=$(mktemp -d "${TMPDIR:-/tmp}/nrclean.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" XDG_STATE_HOME="$T/state"
mkdir -p "$T/config/newsreader" "$T/work"
cd "$T/work" || exit 1
CACHE="$T/data/newsreader/cache.db"
TITLE='News $(touch pwned); echo "hi" '"'q'"' `touch pwned2` ; خبر'

fail() {
	echo "FAIL: $*"
	cat "$T/err" 2>/dev/null
	exit 1
}

# feed ID...: the feed document listing those items (g1 oldest).
feed() {
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
		printf '<title>%s</title><link>https://example.org/</link>\n' "$TITLE"
		for i in "$@"; do
			printf '<item><guid>g%s</guid><title>article %s</title>' "$i" "$i"
			printf '<pubDate>Mon, 0%s Dec 2026 10:00:00 GMT</pubDate>' "$i"
			printf '<description>نص %s</description></item>\n' "$i"
		done
		printf '</channel></rss>\n'
	} >"$T/feed.xml"
}

sql() {
	"$PYTHON3" - "$CACHE" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=5)
rows = db.execute(sys.argv[2]).fetchall()
db.commit()
print(" ".join(str(r[0]) for r in rows))
PY
}

reload() {
	"$NEWSREADER" reload 2>"$T/err" || fail "reload exited $?"
}

echo "file://$T/feed.xml" >"$T/config/newsreader/urls"
printf 'notify-program "%s %s %%n %%f"\n' "$NR_SRCDIR/tests/notify_record.py" \
    "$T/notify.json" >"$T/config/newsreader/config"
feed 1 2 3 4 5
reload
[ "$(sql 'SELECT count(*) FROM items')" = 5 ] || fail "first reload did not store 5 items"

# notify-program ran (detached: wait for its file) with the title intact.
deadline=$(( $(date +%s) + 10 ))
while [ ! -s "$T/notify.json" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "notify-program did not run"
	sleep 0.05
done
"$PYTHON3" - "$T/notify.json" "$TITLE" <<'PY' || fail "notify-program's arguments"
import json, sys
rec = json.load(open(sys.argv[1], encoding="utf-8"))
want = ["5", sys.argv[2]]
if rec["argv"] != want:
    sys.exit("argv %r, want %r" % (rec["argv"], want))
if rec["stdin"] != "/dev/null" or rec["stdout"] != "/dev/null":
    sys.exit("stdin %s, stdout %s" % (rec["stdin"], rec["stdout"]))
PY
[ -e pwned ] || [ -e pwned2 ] || [ -e "$T/pwned" ] && fail "something in the title was run"

# The user likes article 1 and stars article 2; article 3 is read.
sql "UPDATE items SET liked = 1, liked_at = 1 WHERE guid = 'g1'" >/dev/null
sql "UPDATE items SET starred = 1 WHERE guid = 'g2'" >/dev/null
sql "UPDATE items SET read = 1, read_at = 1 WHERE guid = 'g3'" >/dev/null
rm -f "$T/notify.json"
printf 'max-items 2\n' >>"$T/config/newsreader/config"
reload
grep -q '^cleanup: removed 1 old article (max-items, keep-articles-days)$' "$T/err" ||
    fail "no cleanup line"
[ "$(sql 'SELECT guid FROM items ORDER BY guid')" = "g1 g2 g4 g5" ] ||
    fail "kept $(sql 'SELECT guid FROM items ORDER BY guid'), want g1 g2 g4 g5"

# Again, the feed still listing g3: it does not come back.
reload
grep -q ', 0 new articles$' "$T/err" || fail "g3 came back: $(cat "$T/err")"
[ "$(sql 'SELECT guid FROM items ORDER BY guid')" = "g1 g2 g4 g5" ] ||
    fail "after the second reload: $(sql 'SELECT guid FROM items ORDER BY guid')"
[ "$("$NEWSREADER" print-unread)" = "4 unread articles" ] || fail "print-unread: $("$NEWSREADER" print-unread)"
[ ! -e "$T/notify.json" ] || fail "notify-program ran without new articles"

# The feed drops g3 and brings g6: g4 (unread, beyond the limit) goes; g3's
# tombstone is pruned (the document no longer lists it), g4's is kept.
feed 1 2 4 5 6
reload
grep -q ', 1 new article$' "$T/err" || fail "g6 not new: $(cat "$T/err")"
[ "$(sql 'SELECT guid FROM items ORDER BY guid')" = "g1 g2 g5 g6" ] ||
    fail "after g6: $(sql 'SELECT guid FROM items ORDER BY guid')"
[ "$(sql 'SELECT count(*) FROM item_tombstones')" = 1 ] ||
    fail "tombstones after g6: $(sql 'SELECT count(*) FROM item_tombstones')"
reload
[ "$(sql 'SELECT guid FROM items ORDER BY guid')" = "g1 g2 g5 g6" ] ||
    fail "g4 came back: $(sql 'SELECT guid FROM items ORDER BY guid')"
# The notification of g6 came with its count.
deadline=$(( $(date +%s) + 10 ))
while [ ! -s "$T/notify.json" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "notify-program did not run for g6"
	sleep 0.05
done
grep -q '"argv": \["1", ' "$T/notify.json" || fail "notify count: $(cat "$T/notify.json")"
echo "PASS"
