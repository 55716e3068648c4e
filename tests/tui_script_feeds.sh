#!/bin/sh
# Script feeds in the interactive reader: the keys work while a slow
# exec: script runs, a hostile title from a script reaches the screen
# without its escape sequences (and cannot retitle the terminal), a failing
# script's stderr is in the errors view (E), and quitting during a script
# is immediate and kills it.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

PY=${PYTHON3:-python3}
S="$NR_SRCDIR/tests/scripts/feed_exec.py"
chmod 700 "$T"
cat >"$T/config/newsreader/urls" <<EOF2
"exec:$PY $S --tag slow --sleep 8 --pid-out $T/slow.pid" "~Slow script"
"exec:$PY $S --tag hostile --hostile" "~Hostile script"
"exec:$PY $S --stderr 'boom: the source is down\\\\e[31m' --exit 3" "~Failing script"
EOF2
chmod 600 "$T/config/newsreader/urls"

TUI_COLS=200 tui_start main
wait_for main "Reloading"
# The other two are done; the slow script still runs: the batch is open,
# and the keys answer.
wait_for main "Reloading 2/3" 15
wait_for main "1 failed"
[ "$(selected_row main)" = 1 ] || fail "the selection does not start on row 1"
keys main j
deadline=$(( $(date +%s) + 3 ))
while [ "$(selected_row main)" != 2 ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "j did not move the selection while a script ran"
	sleep 0.05
done
screen main | grep -q "Reloading 2/3" || fail "the slow script ended before the key was handled"
keys main k
wait_gone main "Reloading" 20

# The hostile title: its text stays, its escape sequences are gone.
keys main g Enter
wait_for main "Hostile title red (hostile)"
screen main | grep -q "pwned" && fail "an OSC string reached the screen"
screen_e main | grep -q "31m red" && fail "the title's own colour escape reached the screen"
[ "$(tmux -L "$SOCK" display -p -t nr:main '#{pane_title}')" = pwned ] &&
    fail "the title retitled the terminal"
keys main q
wait_for main "All articles"

# The failing script's stderr, in the errors view.
keys main E
wait_for main "Feeds whose last fetch failed"
wait_for main "script exited with status 3: boom: the source is down"
keys main q
wait_for main "All articles"

# R runs the slow script again; quitting while it runs is immediate and
# kills it.
rm -f "$T/slow.pid"
keys main R
deadline=$(( $(date +%s) + 10 ))
while [ ! -s "$T/slow.pid" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the slow script did not start again"
	sleep 0.05
done
pid=$(cat "$T/slow.pid")
t0=$(date +%s)
keys main Q
check_clean_exit main 5
[ $(( $(date +%s) - t0 )) -le 3 ] || fail "quitting waited for the script"
state=$(sed 's/.*) \(.\).*/\1/' "/proc/$pid/stat" 2>/dev/null)
[ -z "$state" ] || [ "$state" = Z ] || fail "the script (pid $pid) still runs after quit ($state)"
echo "tui_script_feeds ok"
