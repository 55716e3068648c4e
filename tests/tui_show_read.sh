#!/bin/sh
# show-read-feeds / show-read-articles and toggle-show-read-feeds (H), and
# macros (issue 16). The feed list hides the read feed and shows it again,
# the title bar saying so; an article list hides its read articles, an
# article read there stays until the list is left; the cursor stays on
# its entry, or the nearest. A macro of two actions does both (, then its
# key; the status line shows "," meanwhile); Esc cancels; a macro stops at
# the action that fails and says which; an unknown action in a macro is a
# config error with its line.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

# feed FILE TITLE N...: an RSS document with items N (dated December N).
feed() {
	f=$1; t=$2; shift 2
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<rss version="2.0"><channel><title>%s</title>\n' "$t"
		for i in "$@"; do
			printf '<item><guid>%s-%s</guid><title>%s story %s</title>' "$t" "$i" "$t" "$i"
			printf '<pubDate>Mon, 0%s Dec 2026 10:00:00 GMT</pubDate></item>\n' "$i"
		done
		printf '</channel></rss>\n'
	} >"$T/$f"
}
feed a.xml Alpha 1 2 3 4
feed b.xml Beta 1 2
printf 'file://%s/a.xml\nfile://%s/b.xml\n' "$T" "$T" >"$T/config/newsreader/urls"
CONF="$T/config/newsreader/config"

# An unknown action in a macro: the config's error, with the line.
printf '# macros\nmacro x toggle-read ; no-such-action\n' >"$CONF"
"$NEWSREADER" reload 2>"$T/err"; [ $? = 3 ] || fail "a bad macro was accepted"
grep -qF "config:2: unknown action 'no-such-action' in macro x" "$T/err" ||
    fail "macro error: $(cat "$T/err")"

cat >"$CONF" <<'CONF'
show-read-articles no
macro x toggle-read ; toggle-show-read-feeds
macro f like ; bottom
CONF
"$NEWSREADER" reload 2>"$T/err" || fail "reload: $(cat "$T/err")"
"${PYTHON3:-python3}" - "$CACHE" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=5)
db.execute("UPDATE items SET read = 1, read_at = 1 WHERE guid LIKE 'Beta-%' OR guid = 'Alpha-4'")
db.commit()
PY

# rows TEXT: how many lines of the screen contain TEXT.
rows() {
	screen main | grep -cF -- "$1"
}
# wait_rows TEXT N: until N lines contain TEXT.
wait_rows() {
	deadline=$(( $(date +%s) + 10 ))
	until [ "$(rows "$1")" = "$2" ]; do
		[ "$(date +%s)" -ge "$deadline" ] &&
		    fail "$(rows "$1") rows with '$1', want $2"
		sleep 0.05
	done
}
# The text of the selected row.
selected() {
	screen main | sed -n "$(( $(selected_row main) + 1 ))p"
}

tui_start main
wait_for main "Beta"
wait_row main 1 "2 feeds, 3 unread"
# The cursor on the read feed, then hide: it goes to the nearest shown.
keys main j j
wait_for main "0/2"
[ "$(selected_row main)" = 3 ] || fail "cursor not on the read feed"
keys main H
wait_row main 1 "1 feed, 3 unread, read feeds hidden"
wait_gone main "Beta"
[ "$(rows 'Alpha')" = 1 ] || fail "Alpha not listed once"
selected | grep -qF "Alpha" || fail "the cursor is not on the nearest feed: $(selected)"
keys main H
wait_row main 1 "2 feeds, 3 unread"
wait_for main "Beta"
selected | grep -qF "Alpha" || fail "the cursor left Alpha: $(selected)"

# The article list hides read articles (show-read-articles no).
keys main Enter
wait_row main 1 "Feed: Alpha (3 unread, 4 in all, read articles hidden)  1/3"
wait_rows "Alpha story" 3
[ "$(rows 'Alpha story 4')" = 0 ] || fail "the read article is listed"
# Reading one here: it stays (the cursor moves on, nothing jumps).
keys main u
wait_row main 1 "Feed: Alpha (2 unread, 4 in all, read articles hidden)"
[ "$(rows 'Alpha story')" = 3 ] || fail "the article just read went away"
selected | grep -qF "Alpha story 2" || fail "the cursor jumped: $(selected)"
# Showing read articles: all four, the cursor where it was.
keys main H
wait_row main 1 "Feed: Alpha (2 unread, 4 in all)"
wait_rows "Alpha story" 4
selected | grep -qF "Alpha story 2" || fail "the cursor moved: $(selected)"
keys main H
wait_row main 1 "read articles hidden"
# Left and entered again: now only the unread ones.
keys main q
wait_row main 1 "newsreader"
keys main Enter
wait_row main 1 "Feed: Alpha (2 unread, 4 in all, read articles hidden)"
wait_rows "Alpha story" 2

# Macro x: toggle-read, then toggle-show-read-feeds (here: show read
# articles again). Both show: one more article read, four listed.
keys main ,
deadline=$(( $(date +%s) + 10 ))
until screen main | tail -1 | grep -qE '^ *, *$'; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the status line does not show ','"
	sleep 0.05
done
keys main Escape
wait_for main "macro cancelled"
[ "$(rows 'read articles hidden')" = 1 ] || fail "Esc did not cancel the macro"
keys main , x
wait_row main 1 "Feed: Alpha (1 unread, 4 in all)"
wait_rows "Alpha story" 4
# A macro whose first action fails here stops there and says so.
keys main q
wait_row main 1 "newsreader"
sel=$(selected_row main)
keys main , f
wait_for main "macro f stopped: action 1 (like) failed"
[ "$(selected_row main)" = "$sel" ] || fail "the macro went on after its failed action"
# The help lists the toggle's key and the macros.
keys main '?'
wait_for main "(help)"
keys main G
wait_for main "toggle-show-read-feeds"
screen main | grep -E '^ *H +hide or show the read feeds' >/dev/null ||
    fail "the help does not list H"
wait_for main "macro: toggle-read ; toggle-show-read-feeds"
keys main q
wait_row main 1 "newsreader"
keys main Q
check_clean_exit main
echo PASS
