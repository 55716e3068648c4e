#!/bin/sh
# One interactive reader per cache, whatever the path is called (issue 9):
# with the cache path a symlink (to a file not created yet), a second reader
# given the target's own path, or a path through a symlinked directory, is
# refused "real.db is in use by PID N" with N the first reader's PID, exit
# status 4; the cache is untouched by the refused ones. After the first one
# quits, the target's spelling starts normally.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

echo "file://$NR_SRCDIR/tests/fixtures/http/en.xml \"~Lock test\"" >"$T/config/newsreader/urls"
mkdir -p "$T/caches"
ln -s real.db "$T/caches/link.db"	# dangling until the reader creates real.db
ln -s caches "$T/dirlink"

tui_start main --offline --cache "$T/caches/link.db"
wait_for main "Lock test"
[ -f "$T/caches/real.db" ] || fail "the reader did not create the symlink's target"
pane=$(tmux -L "$SOCK" display -p -t nr:main '#{pane_pid}')
pid=$(awk '{print $1}' "/proc/$pane/task/$pane/children" 2>/dev/null)
[ -n "$pid" ] || fail "no reader process"

for spelling in "$T/caches/real.db" "$T/dirlink/real.db" "$T/dirlink/link.db"; do
	before=$(cksum <"$T/caches/real.db")
	tui_start second --offline --cache "$spelling"
	rc=$(wait_exit second)
	[ "$rc" = 4 ] || fail "a second reader on $spelling exited $rc, not 4"
	msg=$(cat "$T/stderr.second")
	base=$(basename "$spelling")
	[ "$msg" = "newsreader: $base is in use by PID $pid" ] ||
	    fail "a second reader on $spelling said '$msg'"
	[ "$(cksum <"$T/caches/real.db")" = "$before" ] ||
	    fail "the refused reader changed the cache"
	tmux -L "$SOCK" kill-window -t nr:second
done
# One lock file, next to the real file.
[ -e "$T/caches/link.db.lock" ] && fail "a lock file next to the symlink"
[ -e "$T/caches/real.db.lock" ] || fail "no lock file next to the real file"

keys main Q
check_clean_exit main
tui_start third --offline --cache "$T/caches/real.db"
wait_for third "Lock test"
keys third Q
check_clean_exit third
echo "ok"
