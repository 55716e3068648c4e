#!/bin/sh
# A fatal signal gives the terminal back (issue 4): the reader, sent
# SIGABRT (what abort() raises) from outside, leaves the alternate screen,
# shows the cursor and restores the tty modes before it dies; and a
# comment draft typed before such a crash (drafts autosave) is there after
# a restart. No hook in the reader: the signal is the real one.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

# pane_state WINDOW: "alternate_on cursor_flag" of the pane.
pane_state() {
	tmux -L "$SOCK" display -p -t "nr:$1" '#{alternate_on} #{cursor_flag}'
}
# 1. Abort once the first frame is up, in bidi app mode (the default).
tui_start main --offline
wait_for main "All articles"
pid=$(reader_pid main) || fail "no reader process"
kill -ABRT "$pid"
rc=$(wait_exit main 20)
[ "$rc" = 134 ] || fail "the reader exited with $rc, want 134 (SIGABRT)"
[ "$(pane_state main)" = "0 1" ] ||
    fail "terminal not restored after the abort: alternate/cursor $(pane_state main)"
# The tty modes are back (echo on, canonical): a line typed into the
# pane's shell is echoed. The pane runs 'sleep 600' after the reader:
# the terminal's driver still echoes what is typed.
keys main "echo-check"
deadline=$(( $(date +%s) + 5 ))
until screen main | grep -qF "echo-check"; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the terminal does not echo after the crash"
	sleep 0.05
done

# 2. A draft typed before a crash is there after a restart.
tui_start second
# The first run fetches the demo feeds (local files).
wait_for second "16/16  All articles"
keys second Enter
wait_for second "All articles ("
keys second Enter
wait_for second "Article: "
keys second c
wait_for second "Comment 0/400"
DRAFT="مسودة قبل الانهيار draft before the crash"
keys second -l "$DRAFT"
wait_for second "draft saved"
pid=$(reader_pid second) || fail "no reader process"
kill -ABRT "$pid"
rc=$(wait_exit second 20)
[ "$rc" = 134 ] || fail "the reader exited with $rc after SIGABRT in the composer, want 134"
[ "$(pane_state second)" = "0 1" ] ||
    fail "terminal not restored after SIGABRT in the composer: alternate/cursor $(pane_state second)"

tui_start third --offline
wait_for third "All articles"
keys third Enter
wait_for third "All articles ("
keys third Enter
wait_for third "Article: "
keys third c
n=$("${PYTHON3:-python3}" -c 'import sys; print(len(sys.argv[1]))' "$DRAFT")
wait_for third "Comment $n/400"
# On the smallest screen the composer still shows: the keys go to it.
tmux -L "$SOCK" resize-window -t nr:third -x 20 -y 6
wait_for third "Comment $n/"
tmux -L "$SOCK" resize-window -t nr:third -x 100 -y 30
wait_for third "Comment $n/400"
# Marks with no base at the start of a left-to-right line are not hung
# on the cell before the composer's row (curses would put them at the end
# of the row above, in the market panel).
keys third End Enter x Home
wait_for third "Comment $((n + 2))/400"
keys third -l "$(printf '\314\201\314\201')"
wait_for third "Comment $((n + 3))/400"
screen third | sed -n '/^Comment /,$p' | grep -q "$(printf '\314\201')" &&
    fail "a mark with no base was drawn outside the composer's line"
# Ctrl-\ (SIGQUIT: the tty is in cbreak mode) takes the clean way out too,
# with the draft saved.
keys third 'C-\'
check_clean_exit third

tui_start fourth --offline
# A clean exit kept the place: the article is open again.
wait_for fourth "Article: "
keys fourth c
wait_for fourth "Comment $((n + 3))/400"
keys fourth Escape
wait_for fourth "draft saved (c goes on"
keys fourth Q
check_clean_exit fourth
exit 0
