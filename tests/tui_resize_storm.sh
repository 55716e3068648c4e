#!/bin/sh
# A resize storm during a reload (issue 18, Faults: terminal): while a slow
# reload runs, hundreds of size changes (tmux resize-window through 1x1,
# 2x2, 10x5, 500x200 and sizes between) and hundreds of SIGWINCH sent
# straight to the reader. The reader stays up without a sanitizer report,
# the screen after the storm is laid out for the final size, the reload
# completes, and at 1x1, 2x2, 10x5 and 500x200 the reader shows either its
# screen or as much of "terminal too small" as fits; q still quits at 1x1.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/http"
U="http://127.0.0.1:$PORT"
# About 8 s of download for the big feed: the storm falls inside it.
cat >"$T/config/newsreader/urls" <<EOF2
$U/delay/300/en.xml "~English news"
$U/delay/600/ar.xml
$U/huge?mb=2&rate=256 "~Big feed"
$U/delay/900/atom.xml
EOF2

tui_start main
wait_for main "Reloading"
pid=$(reader_pid main)

# The storm: 150 resizes through tmux and 300 direct SIGWINCH.
i=0
for round in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
	for size in "1 1" "2 2" "10 5" "500 200" "80 24" "37 11" "19 6" "20 5" "120 40" "3 90"; do
		set -- $size
		resize "$1" "$2"
		kill -WINCH "$pid" 2>/dev/null || fail "the reader died in the storm (round $round)"
		kill -WINCH "$pid" 2>/dev/null || fail "the reader died in the storm (round $round)"
		i=$((i + 1))
	done
done
[ "$i" = 150 ] || fail "storm of $i"
kill -0 "$pid" 2>/dev/null || fail "the reader died in the storm"
[ -s "$T/rc.main" ] && fail "the reader exited: $(cat "$T/rc.main")"

# The final size: the title on row 1, the status line on row 30, and the
# reload still going (the storm fell inside it).
resize 100 30
wait_for main "All articles"
deadline=$(( $(date +%s) + 10 ))
until screen main | sed -n 1p | grep -q "^ newsreader" &&
    screen main | sed -n 30p | grep -q "Reloading"; do
	[ "$(date +%s)" -ge "$deadline" ] &&
	    fail "the screen after the storm is not laid out for 100x30 (or the reload ended too early)"
	sleep 0.05
done
[ "$(screen main | wc -l)" = 30 ] || fail "not 30 rows"
screen main | grep -q "terminal too small" && fail "too small at 100x30"

# The reload completes: every feed fetched, none failed.
wait_gone main "Reloading" 60
screen main | grep -q "failed" && fail "a feed failed"
wait_for main "Big feed"
screen main | grep "Big feed" | grep -q "^!" && fail "the big feed failed"
screen main | grep "English news" | grep -q "[1-9][0-9]*/[1-9]" || fail "no articles from English news"

# rows ROWS COLS: what the reader should show at that size when it is too
# small: the message wrapped over the rows, as much as fits.
expect_small() {
	msg="terminal too small (${2}x$1, need 20x6)"
	printf '%s' "$msg" | cut -c1-$(($1 * $2))
}
# At 1x1 the one cell is the lower-right one, which curses cannot write in
# a one-column terminal without scrolling it (it needs the column to its
# left): "t" or nothing, never anything else.
for size in "2 2" "5 10" "1 1"; do
	set -- $size	# rows cols
	resize "$2" "$1"
	want=$(expect_small "$1" "$2")
	deadline=$(( $(date +%s) + 10 ))
	until have=$(tmux -L "$SOCK" capture-pane -p -N -t nr:main | tr -d '\n' | sed 's/ *$//')
	    [ "$have" = "$want" ] || { [ "$1$2" = 11 ] && [ -z "$have" ]; }; do
		[ "$(date +%s)" -ge "$deadline" ] &&
		    fail "at ${2}x$1: '$(tmux -L "$SOCK" capture-pane -p -N -t nr:main | tr -d '\n')', expected '$want'"
		sleep 0.05
	done
done
resize 500 200
deadline=$(( $(date +%s) + 10 ))
until screen main | sed -n 1p | grep -q "^ newsreader" &&
    screen main | sed -n 200p | grep -q "F1: keys"; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "at 500x200: no title on row 1 or status on row 200"
	sleep 0.05
done
screen main | grep -q "English news" || fail "at 500x200: no feed list"

# q quits even at 1x1, where nothing of the screen fits.
resize 1 1
keys main q
resize 100 30
check_clean_exit main 20
exit 0
