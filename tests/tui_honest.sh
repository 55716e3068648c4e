#!/bin/sh
# Honest reader messages (issue 17), in tmux: TERM=dumb is refused with a
# reason (not a blank screen).
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

# A terminal that cannot move the cursor: refused like an unknown one.
TUI_ENV="TERM=dumb" tui_start dumb
rc=$(wait_exit dumb 20)
[ "$rc" = 1 ] || fail "TERM=dumb: exit $rc, want 1"
grep -qF "newsreader: cannot use the terminal 'dumb': it cannot move the cursor" \
    "$T/stderr.dumb" || fail "TERM=dumb: no clear refusal"
echo "ok TERM=dumb refused"
echo "tui_honest ok"
