#!/bin/sh
# The comment composer and the outbox (issue 6): typed Arabic and English
# show as render lays them out, with the counter and the caret on the right
# cell; the draft survives kill -9; a comment reaches the local
# WordPress-compatible endpoint and shows in the comments pane; with the
# endpoint down it is queued, and r in the pane sends it once it is back;
# a 400 marks it failed with the text kept, and c brings the text back;
# a paste over the limit is taken, its part past the limit marked and the
# counter over, the send refused until it is trimmed, and a comment the
# site holds shows as awaiting moderation (issue 15).
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/engage"
U="http://127.0.0.1:$PORT"
for path in /blog.xml /fail/blog.xml /held/blog.xml; do
	"${PYTHON3:-python3}" - "$NR_SRCDIR/tests/fixtures/engage/blog.xml.in" "$U" "$path" <<'PY' ||
import sys, urllib.request
doc = open(sys.argv[1], encoding="utf-8").read().replace("@BASE@", sys.argv[2])
urllib.request.urlopen(urllib.request.Request(sys.argv[2] + "/_set?path=" + sys.argv[3],
    data=doc.encode("utf-8"), method="POST"), timeout=10).read()
PY
	    fail "cannot set up the feed $path"
done

# The WordPress endpoint: a server of its own, so it can go down and come
# back at the same address.
WP_PID=
wp_start() {
	rm -f "$T/wpport"
	"${PYTHON3:-python3}" "$NR_SRCDIR/tests/fixtures/engage/wp.py" --port "${1:-0}" \
	    --skip-ids "${2:-0}" --port-file "$T/wpport" >/dev/null 2>>"$T/wp.err" &
	WP_PID=$!
	deadline=$(( $(date +%s) + 10 ))
	while [ ! -s "$T/wpport" ]; do
		[ "$(date +%s)" -ge "$deadline" ] && fail "the WordPress server did not start"
		sleep 0.05
	done
	WPPORT=$(cat "$T/wpport")
}
wp_stop() {
	kill "$WP_PID" 2>/dev/null
	wait "$WP_PID" 2>/dev/null
	WP_PID=
}
trap 'wp_stop; tui_cleanup' EXIT
wp_start
echo "secret pass" >"$T/pw" && chmod 600 "$T/pw"
cat >"$T/config/newsreader/urls" <<EOF2
$U/blog.xml "~Engage blog"
$U/fail/blog.xml "~Failing blog"
$U/held/blog.xml "~Held blog"
EOF2
cat >"$T/config/newsreader/config" <<EOF2
comment-endpoint $U/blog http://127.0.0.1:$WPPORT user=tester password-file=$T/pw
comment-endpoint $U/fail "http://127.0.0.1:$WPPORT/?fail=400"
comment-endpoint $U/held http://127.0.0.1:$WPPORT
EOF2

# open_feed WINDOW NAME: on the feed list, open the feed NAME (the list is in
# the order the feeds were first stored, which a parallel reload decides).
open_feed() {
	wait_for "$1" "$2"
	top=$(screen "$1" | grep -n "All articles" | head -1 | cut -d: -f1)
	at=$(screen "$1" | grep -n "$2" | head -1 | cut -d: -f1)
	keys "$1" g
	i=$top
	while [ "$i" -lt "$at" ]; do
		keys "$1" j
		i=$((i + 1))
	done
	keys "$1" Enter
	wait_for "$1" "Feed: $2"
}

# open_article WINDOW: from the start, the newest article of Engage blog.
open_article() {
	open_feed "$1" "Engage blog"
	keys "$1" g Enter
	wait_for "$1" "Article: "
	wait_for "$1" "Right-to-left in terminals"
}

tui_start main
open_article main
keys main c
wait_for main "Comment 0/400"
AR="رأي جميل في المقال"
EN=" with English words"
keys main -l "$AR"
keys main -l "$EN"
n=$("${PYTHON3:-python3}" -c 'import sys; print(len(sys.argv[1]))' "$AR$EN")
wait_for main "Comment $n/400"
# The composer's line is what render prints for the same text, same width.
printf '%s\n' "$AR$EN" | "$NEWSREADER" render --input text --width 100 - >"$T/want.txt" ||
    fail "render failed"
want=$(head -1 "$T/want.txt")
row=$(screen main | grep -n "^Comment $n/400" | cut -d: -f1)
[ -n "$row" ] || fail "no composer header"
got=$(screen main | sed -n "$((row + 1))p")
[ "$got" = "$want" ] || fail "composer line differs from render:
 got:  '$got'
 want: '$want'"
# The caret: at the logical end of a right-to-left line it sits left of
# the first cell; Home puts it on the first Arabic letter (the rightmost
# cell); Left moves forward in right-to-left text: one cell to the left.
pad=$(printf '%s\n' "$want" | sed 's/[^ ].*//' | tr -d '\n' | wc -c)
cursor() { tmux -L "$SOCK" display -p -t "nr:$1" '#{cursor_x},#{cursor_y}'; }
[ "$(cursor main)" = "$((pad - 1)),$row" ] || fail "caret at $(cursor main), want $((pad - 1)),$row"
keys main Home
deadline=$(( $(date +%s) + 5 ))
until [ "$(cursor main)" = "99,$row" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "Home: caret at $(cursor main)"
	sleep 0.05
done
keys main Left
deadline=$(( $(date +%s) + 5 ))
until [ "$(cursor main)" = "98,$row" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "Left: caret at $(cursor main)"
	sleep 0.05
done
keys main End
# The draft is saved within a second; kill -9 and start again: it is there.
wait_for main "draft saved"
pane=$(tmux -L "$SOCK" display -p -t nr:main '#{pane_pid}')
# The reader is the pane shell's child; /proc, not ps (procps may be absent).
pid=$(cat "/proc/$pane/task/$pane/children" 2>/dev/null | awk '{print $1}')
[ -n "$pid" ] || fail "no reader process"
kill -9 "$pid"
tui_start second
open_article second
keys second c
wait_for second "Comment $n/400"
wait_for second "draft saved"
row=$(screen second | grep -n "^Comment $n/400" | cut -d: -f1)
[ "$(screen second | sed -n "$((row + 1))p")" = "$want" ] || fail "the draft came back different"

# A paste past the limit is taken whole, as a web comment box takes it:
# the counter says how far over, the part past the limit is underlined in
# the warning colour, and only the send is refused, the text kept.
long=$("${PYTHON3:-python3}" -c 'print("x" * 390, end="")')
tmux -L "$SOCK" set-buffer -b big "$long"
tmux -L "$SOCK" paste-buffer -p -b big -t nr:second
over=$((n + 390 - 400))
wait_for second "Comment $((n + 390))/400, $over over"
wait_for second "over the limit ($((n + 390))/400 characters): trim the marked part to send"
# Exactly the over part is underlined (SGR 4): $over x's at the end.
screen_e second | "${PYTHON3:-python3}" -c '
import re, sys
t = sys.stdin.read()
m = re.findall(r"\x1b\[[0-9;]*4[0-9;]*m(x+)", t)
sys.exit(0 if sum(len(s) for s in m) == int(sys.argv[1]) else 1)' "$over" ||
    fail "the part past the limit is not marked ($over characters)"
keys second C-d
wait_for second "not sent: the comment is $((n + 390)) characters long; the limit is 400"
wait_for second "Comment $((n + 390))/400"
# Trimmed back under the limit: the mark goes.
tmux -L "$SOCK" send-keys -t nr:second -N 390 BSpace
wait_for second "Comment $n/400"
tmux -L "$SOCK" set-buffer -b small " ok"
tmux -L "$SOCK" paste-buffer -p -b small -t nr:second
wait_for second "Comment $((n + 3))/400"
keys second BSpace BSpace BSpace
wait_for second "Comment $n/400"

# C-u deletes from the caret back to the start of its line only: the line
# above and the text after the caret stay; at the line's start it does
# nothing, and the newline goes with a Backspace.
keys second Enter
keys second -l "abc def"
wait_for second "Comment $((n + 8))/400"
keys second Left Left Left C-u
wait_for second "Comment $((n + 4))/400"
row=$(screen second | grep -n "^Comment $((n + 4))/400" | cut -d: -f1)
[ "$(screen second | sed -n "$((row + 1))p")" = "$want" ] || fail "C-u changed the line above"
[ "$(screen second | sed -n "$((row + 2))p" | sed 's/ *$//')" = "def" ] ||
    fail "C-u left '$(screen second | sed -n "$((row + 2))p")'"
keys second C-u
keys second -l "z"
wait_for second "Comment $((n + 5))/400"
keys second BSpace BSpace End BSpace BSpace BSpace
wait_for second "Comment $n/400"
row=$(screen second | grep -n "^Comment $n/400" | cut -d: -f1)
[ "$(screen second | sed -n "$((row + 1))p")" = "$want" ] || fail "the text is not back as before"

# Send: queued, then sent; the comments pane shows it as ours.
keys second C-d
wait_for second "comment sent"
keys second C
wait_for second "Comments: "
wait_for second "you · sent"
grep -q . "$T/wp.err" && fail "WordPress server errors: $(cat "$T/wp.err")"

# Endpoint down: the comment waits in the outbox.
wp_stop
keys second q
wait_for second "Article: "
keys second c
wait_for second "Comment 0/400"
keys second -l "second try"
keys second C-d
wait_for second "next try in"
keys second C
wait_for second "you · queued · next try in"
# Back up at the same address: r sends it now.
wp_start "$WPPORT" 100
keys second r
wait_for second "comment sent"
wait_gone second "queued"
[ "$(screen second | grep -c "you · sent")" = 2 ] || fail "not both comments sent"

# A 400 marks it failed, the text kept; c in the pane brings it back.
keys second q q q
open_feed second "Failing blog"
keys second g Enter
wait_for second "Article: "
keys second c
keys second -l "rejected text"
wait_for second "Comment 13/400"
keys second C-d
wait_for second "comment not sent: HTTP 400: failing on request (text kept)"
keys second C
wait_for second "you · failed: HTTP 400: failing on request"
wait_for second "rejected text"
keys second c
wait_for second "Comment 13/400"
keys second Escape
wait_for second "draft saved (c goes on"
# Help lists the composer's keys.
keys second "?"
wait_for second "Keys (q to go back)"
keys second G
wait_for second "Composer"
screen second | grep -q "delete the word before the caret" || fail "C-w is not in help"
screen second | grep -q "C-u .*delete back to the start of the line" || fail "C-u is not in help"
keys second q
wait_for second "Article: "

# Without an Application Password the site holds the comment for
# moderation: said when sent, and in the pane (issue 15).
keys second q q
open_feed second "Held blog"
keys second g Enter
wait_for second "Article: "
keys second c
keys second -l "held text"
wait_for second "Comment 9/400"
keys second C-d
wait_for second "comment sent, awaiting moderation"
keys second C
wait_for second "you · awaiting moderation"
wait_for second "held text"
# a replies to the first comment on the screen the site knows by id: ours
# (the feed's own comments carry no WordPress id); the reply goes with the
# REST API's parent.
keys second a
wait_for second "Reply 0/400"
keys second -l "a reply"
keys second C-d
wait_for second "comment sent, awaiting moderation"
"${PYTHON3:-python3}" -c '
import json, sys, urllib.request
c = json.load(urllib.request.urlopen(sys.argv[1] + "/_comments", timeout=5))
held = [x for x in c if x.get("raw") == "held text"]
reply = [x for x in c if x.get("raw") == "a reply"]
sys.exit(0 if held and reply and reply[0]["parent"] == held[0]["id"] else 1)' \
    "http://127.0.0.1:$WPPORT" || fail "the reply did not go as a reply to the held comment"
keys second C
wait_for second "Comments: "
wait_for second "a reply"
# Under its parent, indented, with the reply sign.
screen second | grep -q "^ *↳ " || fail "the reply is not shown under its parent"
keys second q
keys second Q
check_clean_exit second

# Mirrored (ui-direction rtl): the reply's indent and its sign are on the
# right, the sign pointing left at the right edge of the header.
printf 'ui-direction rtl\n' >>"$T/config/newsreader/config"
tui_start third
# It comes back where the second reader left it: the held article.
wait_for third "Article: Held blog"
keys third C
wait_for third "Comments: "
wait_for third "a reply"
screen third | grep -q "↳" && fail "a left-to-right reply sign in the mirrored pane"
screen third | grep -q "↲\$" || fail "the reply's sign is not at the right edge"
keys third q
keys third Q
check_clean_exit third
exit 0
