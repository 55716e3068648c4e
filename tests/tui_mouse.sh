#!/bin/sh
# The mouse (issue 4): a click selects, a double click opens, the wheel
# scrolls, and a stray Esc on the feed list does not quit. Then n/N walk
# the unread articles from the article view.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

# mouse B X Y...: X10 mouse reports (as xterm sends them with mode 1000),
# typed into the pane; 0-based column and row.
mouse() {
	seq=$("${PYTHON3:-python3}" -c '
import sys
a = sys.argv[1:]
out = ""
for i in range(0, len(a), 3):
    b, x, y = int(a[i]), int(a[i + 1]), int(a[i + 2])
    out += "\033[M" + chr(32 + b) + chr(33 + x) + chr(33 + y)
sys.stdout.write(out)' "$@")
	tmux -L "$SOCK" send-keys -t nr:main -l "$seq"
}

tui_start main
wait_for main "16/16  All articles"
[ "$(selected_row main)" = 1 ] || fail "the selection does not start on row 1"
keys main Escape
wait_for main "q quits"
# Click (press, release) on row 3.
mouse 0 20 3 3 20 3
deadline=$(( $(date +%s) + 5 ))
while [ "$(selected_row main)" != 3 ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "a click did not select row 3"
	sleep 0.05
done
# Double click on the "Terminal Notes" feed opens it.
row=$(screen main | grep -n "Terminal Notes" | head -1 | cut -d: -f1)
mouse 0 20 $((row - 1)) 3 20 $((row - 1)) 0 20 $((row - 1)) 3 20 $((row - 1))
wait_for main "Feed: Terminal Notes (5 unread, 5 in all)"
# The wheel: down twice moves three rows each, up once moves back three.
mouse 65 20 5 65 20 5
deadline=$(( $(date +%s) + 5 ))
while [ "$(selected_row main)" != 5 ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the wheel did not scroll (row $(selected_row main))"
	sleep 0.05
done
mouse 64 20 5
deadline=$(( $(date +%s) + 5 ))
while [ "$(selected_row main)" != 2 ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the wheel did not scroll up"
	sleep 0.05
done
# Enter opens the selected article, n/N open the next/previous unread one
# (row 2 is the article's title).
keys main g Enter
wait_row main 2 "Who reorders the text?"
keys main n
wait_row main 2 "Conditional GET"
keys main q
wait_for main "Feed: Terminal Notes (3 unread, 5 in all)"
keys main G Enter
wait_row main 2 "Small binaries"
keys main N
wait_row main 2 "WAL mode"
keys main N
wait_row main 2 "A letter is not a code point"
keys main N
wait_for main "no more unread articles"
screen main | sed -n 2p | grep -qF "A letter is not a code point" || fail "N moved without an unread article"
keys main q
wait_for main "Feed: Terminal Notes (0 unread, 5 in all)"
keys main Q
check_clean_exit main
echo "tui_mouse ok"
