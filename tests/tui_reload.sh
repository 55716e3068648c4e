#!/bin/sh
# Reloading in the background (issue 4): with one server stalled the keys
# still move the selection, the progress bar advances and counts failures,
# the failure reasons are listed on request, resizing mid-reload redraws
# (also down to "terminal too small" and back), quitting does not wait for
# the stalled transfer, and with the server gone the cache still reads,
# with --offline and without.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/http"
U="http://127.0.0.1:$PORT"
cat >"$T/config/newsreader/urls" <<EOF2
$U/delay/150/en.xml news "~English news"
$U/delay/400/ar.xml news
$U/status/500 "~Broken"
$U/slow?seconds=60 "~Stalled"
$U/delay/700/atom.xml
EOF2

tui_start main
wait_for main "Reloading"
# The bar advances: collect the counts it shows until 4 of 5 are done.
seen=""
deadline=$(( $(date +%s) + 15 ))
while :; do
	n=$(screen main | sed -n 's/.*Reloading \([0-9]*\)\/5.*/\1/p')
	case " $seen " in *" $n "*) ;; *) seen="$seen $n" ;; esac
	[ "$n" = 4 ] && break
	[ "$(date +%s)" -ge "$deadline" ] && fail "the progress stopped at '$n' (seen:$seen)"
	sleep 0.03
done
set -- $seen
[ $# -ge 2 ] || fail "the progress bar did not advance (seen:$seen)"
wait_for main "1 failed"
# The failed feed carries a sign in the list, not only a colour.
screen main | grep "Broken" | grep -q "^!" || fail "no ! marker on the failed feed"
screen main | grep -q "Reloading 4/5 ▕████████░░▏ 1 failed" ||
    fail "unexpected progress bar"

# The stalled feed holds the batch open, and the keys still work.
[ "$(selected_row main)" = 1 ] || fail "the selection does not start on row 1"
keys main j j
deadline=$(( $(date +%s) + 5 ))
while [ "$(selected_row main)" != 3 ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "j did not move the selection during a reload"
	sleep 0.05
done
screen main | grep -q "Reloading 4/5" || fail "the reload ended too early for this test"

# Why did a feed fail? E lists the reasons.
keys main E
wait_for main "Feeds whose last fetch failed"
wait_for main "/status/500"
screen main | grep "/status/500" | grep -q "500" || fail "no reason shown"
keys main q
wait_for main "All articles"

# Resizing during the reload.
resize 40 12
deadline=$(( $(date +%s) + 5 ))
until [ "$(screen main | sed -n 12p | cut -c1-9)" = "Reloading" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "no status line on row 12 at 40x12"
	sleep 0.05
done
screen main | grep -q "terminal too small" && fail "40x12 is big enough"
screen main | sed -n 2p | grep -q "All articles" || fail "no list at 40x12"
resize 200 60
wait_for main "English news"
screen main | head -1 | grep -q "newsreader" || fail "no title bar at 200x60"
resize 10 5
deadline=$(( $(date +%s) + 5 ))
until screen main | tr -d '\n' | grep -qF "terminal too small (10x5, need 20x6)"; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "no 'terminal too small' at 10x5"
	sleep 0.05
done
resize 100 30
wait_for main "All articles"
wait_for main "Reloading 4/5"
[ "$(selected_row main)" = 3 ] || fail "the selection moved during the resizes"

# Quit while the stalled transfer is still open: no waiting for it.
t0=$(date +%s)
keys main Q
check_clean_exit main 8
[ $(( $(date +%s) - t0 )) -le 5 ] || fail "quitting waited for the stalled server"
tmux -L "$SOCK" kill-window -t nr:main 2>/dev/null

# The server goes away. --offline reads the cache, full articles included.
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=
tui_start main --offline
wait_for main "English news"
wait_for main "offline"
row=$(screen main | grep -n "English news" | head -1 | cut -d: -f1)
keys main g	# the position of the last session was restored
i=2
while [ "$i" -lt "$row" ]; do keys main j; i=$((i + 1)); done
keys main Enter
wait_for main "Feed: English news"
keys main Enter
wait_for main "Article: "
keys main r
wait_for main "offline: not reloading"
keys main Q
check_clean_exit main
tmux -L "$SOCK" kill-window -t nr:main 2>/dev/null

# Without --offline: every feed fails, the reader says it is offline. The
# last view (this article) was restored and stays readable.
tui_start main
wait_for main "Article: English news"
wait_for main "The morning ferry leaves"
keys main R
wait_for main "offline: no feed could be reached" 20
screen main | grep -q "The morning ferry leaves" || fail "the article is gone"
keys main Q
check_clean_exit main
echo "tui_reload ok"
