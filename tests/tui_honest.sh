#!/bin/sh
# Honest reader messages (issue 17), in tmux: TERM=dumb is refused with a
# reason (not a blank screen); urls lines skipped at start (an unterminated
# quote, an unsupported scheme) are said in the status line once the screen
# is open and listed in the errors view.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

# A terminal that cannot move the cursor: refused like an unknown one.
TUI_ENV="TERM=dumb" tui_start dumb
rc=$(wait_exit dumb 20)
[ "$rc" = 1 ] || fail "TERM=dumb: exit $rc, want 1"
grep -qF "newsreader: cannot use the terminal 'dumb': it cannot move the cursor" \
    "$T/stderr.dumb" || fail "TERM=dumb: no clear refusal"
echo "ok TERM=dumb refused"

# Skipped urls lines: still visible after the screen opened.
cat > "$T/urls" <<URLS
file://$NR_SRCDIR/data/demo/en-tech.atom
file://$NR_SRCDIR/data/demo/mixed.json "~Never closed
ftp://files.example/feed.xml
URLS
tui_start main --offline --urls "$T/urls"
wait_for main "2 lines of the config or urls file were skipped (E lists them)" 20
keys main E
wait_for main "Lines skipped at start:"
wait_for main "urls:2: unterminated quote (line skipped)"
wait_for main "urls:3: unsupported URL 'ftp://files.example/feed.xml'"
echo "ok skipped urls lines in the status line and the errors view"
keys main q
keys main Q
rc=$(wait_exit main 20)
[ "$rc" = 0 ] || fail "the reader exited with $rc"
grep -qE 'Sanitizer|runtime error' "$T/stderr.main" && fail "sanitizer report"
echo "tui_honest ok"
