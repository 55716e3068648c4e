#!/bin/sh
# kill -9 at random moments, on one cache shared by the interactive reader
# (in tmux, online, so its fetch thread has a second connection), cron-style
# `reload` processes and `print-unread` processes, all against
# tests/server.py on 127.0.0.1 (issue 9). After each iteration:
#   - PRAGMA integrity_check is "ok" (read by python3's sqlite3);
#   - every like, read mark and comment draft made in the reader and seen
#     committed by another process before the kill is still there (a draft
#     may have grown by the typing in flight);
#   - no article another process saw committed is gone;
#   - no reload or print-unread failed on its own (only our kills stop them).
#
# By hand (figures for the issue): KILL9_ITERATIONS=100 NEWSREADER=./newsreader
#   NR_SRCDIR=SRC sh SRC/tests/kill9_loop.sh      (KILL9_SEED=N repeats a run)
# `make check` runs a few iterations (KILL9_ITERATIONS, default 4).
#
# Hooks for more state (the outbox): set KILL9_HOOKS to a shell file
# defining kill9_hook_act ITERATION (act in the reader, window $W, before the
# kill; record what must survive) and kill9_hook_check ITERATION (after the
# kill and the checks here; call fail on a loss). Both run in this shell and
# may use the helpers of tui_lib.sh and sql below.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"
PY=${PYTHON3:-python3}
"$PY" -c 'import sqlite3' 2>/dev/null || { echo "python3 has no sqlite3 module"; exit 77; }

N=${KILL9_ITERATIONS:-4}
SEED=${KILL9_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
R=$SEED
NITEMS=120	# articles of the main feed; iteration i likes article i

kill9_hook_act() { :; }
kill9_hook_check() { :; }
[ -n "$KILL9_HOOKS" ] && . "$KILL9_HOOKS"

# rnd MAX: RND becomes a pseudo-random number in [0, MAX) from the seed
# (not a $(...) call: the state must stay in this shell).
rnd() {
	R=$(( (R * 1103515245 + 12345) % 2147483648 ))
	RND=$(( (R / 65536) % $1 ))
}

# sql QUERY: the first column of the first row, from another process.
sql() {
	"$PY" - "$CACHE" "$1" <<'PY'
import sqlite3, sys
try:
    db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, timeout=10)
    row = db.execute(sys.argv[2]).fetchone()
    print(row[0] if row else "")
    db.close()
except sqlite3.Error as e:
    print("sqlite error: %s" % e)
PY
}

# The main feed: NITEMS articles an hour apart (Arabic and English titles),
# plus, from iteration V on, one older article per iteration, so every
# reload has something to write while the top of the list stays put.
main_feed() {
	"$PY" - "$NITEMS" "$1" <<'PY'
import sys
n, v = int(sys.argv[1]), int(sys.argv[2])
out = ['<?xml version="1.0" encoding="utf-8"?>',
       '<rss version="2.0"><channel><title>Kill loop</title><link>http://127.0.0.1/</link>']
for k in range(1, n + 1):
    h = 1000 - k
    out.append('<item><guid>k%d</guid><title>Item %03d خبر رقم %d</title>'
               '<pubDate>Mon, %02d Jun 2026 %02d:00:00 GMT</pubDate>'
               '<description>نص المقال %d, body %d.</description></item>'
               % (k, k, k, 1 + h // 24 - 20, h % 24, k, k))
for e in range(1, v + 1):
    out.append('<item><guid>old%d</guid><title>Older %d قديم</title>'
               '<pubDate>Sun, 01 Mar 2026 00:%02d:%02d GMT</pubDate></item>'
               % (e, e, (e // 60) % 60, e % 60))
out.append('</channel></rss>')
print("\n".join(out))
PY
}

set_doc() {	# set_doc PATH FILE
	"$PY" -c '
import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/_set?path=" + sys.argv[2],
    data=open(sys.argv[3], "rb").read(), method="POST"), timeout=10).read()' "$U" "$1" "$2" ||
	    fail "cannot set $1 on the test server"
}

# The test server, alive for the whole run (start_server's is for 120 s).
"$PY" "$NR_SRCDIR/tests/server.py" --root "$NR_SRCDIR/tests/fixtures/http" \
    --port-file "$T/port" --lifetime $(( N * 30 + 120 )) >/dev/null 2>"$T/server.err" &
SERVER_PID=$!
deadline=$(( $(date +%s) + 10 ))
while [ ! -s "$T/port" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the test server did not start"
	sleep 0.05
done
U="http://127.0.0.1:$(cat "$T/port")"
# A slow second feed keeps transfers and their transactions in flight.
cat >"$T/config/newsreader/urls" <<EOF2
$U/kill.xml "~Kill loop"
$U/delay/300/ar.xml
$U/nochange/en.xml
EOF2
: >"$T/committed"	# "liked TITLE" / "read TITLE" lines seen committed
: >"$T/drafts"		# "TITLE<tab>TEXT": a draft seen committed (a prefix stays)
: >"$T/bad-exits"
items_seen=0
nlikes=0 nreads=0 ndrafts=0 ncron=0 nkilled_cron=0 navmiss=0 nkill_early=0
t_start=$(date +%s)

# cron_loop KIND: run `newsreader KIND` again and again until told to stop;
# the PID of the running one is in $T/pid.KIND.
cron_loop() {
	while [ ! -e "$T/stop" ] && [ -d "$T" ]; do
		"$NEWSREADER" "$1" >/dev/null 2>"$T/cron.err.$1" &
		echo $! >"$T/pid.$1"
		wait $!
		rc=$?
		echo "$1 $rc" >>"$T/cron.log"
		if [ "$rc" != 0 ] && [ "$rc" != 137 ]; then
			echo "$1 exited $rc: $(head -3 "$T/cron.err.$1")" >>"$T/bad-exits"
		fi
		sleep 0.1
	done
}

# select_item W K: move the selection of the article list to article K
# (from the top); true when the selected row shows it.
select_item() {
	keys "$1" g
	[ "$2" -gt 1 ] && tmux -L "$SOCK" send-keys -t "nr:$1" -N $(( $2 - 1 )) j
	want=$(printf 'Item %03d' "$2")
	deadline=$(( $(date +%s) + 5 ))
	while :; do
		row=$(selected_row "$1")
		[ -n "$row" ] && screen "$1" | sed -n "$(( row + 1 ))p" | grep -qF "$want" && return 0
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}

# wait_sql QUERY VALUE SECONDS: true once QUERY (another process) gives VALUE.
wait_sql() {
	deadline=$(( $(date +%s) + $3 ))
	until [ "$(sql "$1")" = "$2" ]; do
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}

i=0
while [ "$i" -lt "$N" ]; do
	i=$(( i + 1 ))
	W="r$i"
	main_feed "$i" >"$T/kill.xml"
	set_doc /kill.xml "$T/kill.xml"
	rm -f "$T/stop" "$T/pid.reload" "$T/pid.print-unread"
	tui_start "$W"
	cron_loop reload 2>/dev/null &
	c1=$!
	cron_loop print-unread 2>/dev/null &
	c2=$!

	# Half of the iterations are killed early: during start-up, the
	# reader's own reload and the cron processes' writes.
	rnd 2
	if [ "$RND" = 0 ]; then
		rnd 30
		sleep "$(( RND / 10 )).$(( RND % 10 ))"
		nkill_early=$(( nkill_early + 1 ))
	else
		wait_for "$W" "Kill loop" 15
		keys "$W" Enter	# "All articles"
		wait_for "$W" "Item 001" 15
		title=$(printf 'Item %03d' $(( (i - 1) % NITEMS + 1 )))
		if select_item "$W" $(( (i - 1) % NITEMS + 1 )); then
			q="SELECT liked FROM items WHERE title LIKE '$title %'"
			if [ "$(sql "$q")" != 1 ]; then
				keys "$W" l
				wait_sql "$q" 1 10 || fail "the like of $title was not committed"
			fi
			echo "liked $title" >>"$T/committed"
			nlikes=$(( nlikes + 1 ))
			keys "$W" Enter	# open it: a read mark
			wait_sql "SELECT read FROM items WHERE title LIKE '$title %'" 1 10 ||
			    fail "the read mark of $title was not committed"
			echo "read $title" >>"$T/committed"
			nreads=$(( nreads + 1 ))
			# A draft (saved as one types), left with Esc.
			keys "$W" c
			wait_for "$W" "Comment " 10
			text="مسودة $i draft $i"
			keys "$W" -l "$text"
			q="SELECT d.text FROM drafts d JOIN items i ON i.id = d.item_id WHERE i.title LIKE '$title %'"
			wait_sql "$q" "$text" 10 || fail "the draft of $title was not committed"
			printf '%s\t%s\n' "$title" "$text" >>"$T/drafts"
			ndrafts=$(( ndrafts + 1 ))
			keys "$W" -l " +"	# more typing in flight
			keys "$W" Escape
			keys "$W" q
		else
			navmiss=$(( navmiss + 1 ))
		fi
		kill9_hook_act "$i"
		items_seen=$(sql "SELECT count(*) FROM items")
		# More writes in flight when the kill comes: read marks and likes
		# further down (articles no iteration targets).
		keys "$W" G k l j Enter q k Enter
		rnd 10
		sleep "0.$RND"
	fi

	# kill -9: the reader and whatever cron process runs now.
	pane=$(tmux -L "$SOCK" display -p -t "nr:$W" '#{pane_pid}')
	rpid=$(awk '{print $1}' "/proc/$pane/task/$pane/children" 2>/dev/null)
	touch "$T/stop"
	for p in $rpid $(cat "$T/pid.reload" "$T/pid.print-unread" 2>/dev/null); do
		kill -9 "$p" 2>/dev/null
	done
	wait "$c1" "$c2"
	# A cron process started just before the stop flag: kill it too.
	for p in $(cat "$T/pid.reload" "$T/pid.print-unread" 2>/dev/null); do
		kill -9 "$p" 2>/dev/null
	done
	tmux -L "$SOCK" kill-window -t "nr:$W" 2>/dev/null
	deadline=$(( $(date +%s) + 10 ))
	while [ -n "$rpid" ] && [ -e "/proc/$rpid" ]; do
		[ "$(date +%s)" -ge "$deadline" ] && fail "the reader $rpid survived kill -9"
		sleep 0.05
	done

	# The checks.
	[ -s "$T/rc.$W" ] && [ "$(cat "$T/rc.$W")" != 137 ] &&
	    fail "iteration $i: the reader exited by itself" \
	    "($(cat "$T/rc.$W")): $(head -3 "$T/stderr.$W")"
	ic=$(sql "PRAGMA integrity_check")
	[ "$ic" = ok ] || fail "iteration $i: integrity_check: $ic"
	while read -r what title; do
		col=$what
		[ "$col" = liked ] || col=read
		[ "$(sql "SELECT $col FROM items WHERE title LIKE '$title %'")" = 1 ] ||
		    fail "iteration $i: the committed '$what' of $title is lost"
	done <"$T/committed"
	while IFS="	" read -r title text; do
		got=$(sql "SELECT d.text FROM drafts d JOIN items i ON i.id = d.item_id WHERE i.title LIKE '$title %'")
		case "$got" in
		"$text"*) ;;
		*) fail "iteration $i: the committed draft of $title is lost (now '$got')" ;;
		esac
	done <"$T/drafts"
	n=$(sql "SELECT count(*) FROM items")
	[ "$n" -ge "$items_seen" ] || fail "iteration $i: $items_seen articles were committed, $n left"
	items_seen=$n
	[ -s "$T/bad-exits" ] && fail "a cron process failed: $(head -3 "$T/bad-exits")"
	kill9_hook_check "$i"
	echo "iteration $i: ok ($n articles, $(wc -l <"$T/committed") committed marks)"
done

ncron=$(wc -l <"$T/cron.log")
nkilled_cron=$(grep -c ' 137$' "$T/cron.log")
echo "kill9_loop: $N iterations in $(( $(date +%s) - t_start )) s (seed $SEED):" \
    "integrity_check ok after every one; $nlikes likes, $nreads read marks and" \
    "$ndrafts drafts committed and none lost; $nkill_early killed during start-up;" \
    "$ncron cron processes ($nkilled_cron killed by -9, none failed);" \
    "$navmiss selections missed"
