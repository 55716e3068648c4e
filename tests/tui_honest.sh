#!/bin/sh
# Honest reader messages (issue 17), in tmux: TERM=dumb is refused with a
# reason (not a blank screen); urls lines skipped at start (an unterminated
# quote, an unsupported scheme) are said in the status line once the screen
# is open and listed in the errors view; opening a link says which program
# ran when neither `browser` nor $BROWSER is set, reports a browser that
# exits with a failure, and suggests the `browser` setting for a missing one.
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

# open_first WINDOW: open the first article's link from the article list.
open_first() {
	wait_for "$1" "16/16  All articles" 20
	keys "$1" Enter
	wait_for "$1" "2026-"
	keys "$1" o
}
quit_ok() {
	keys "$1" Q
	rc=$(wait_exit "$1" 20)
	[ "$rc" = 0 ] || fail "the reader ($1) exited with $rc"
}

# No browser setting, no $BROWSER: xdg-open runs, and the status line says so.
mkdir -p "$T/bin"
cat >"$T/bin/xdg-open" <<EOF2
#!/bin/sh
printf '%s\n' "\$@" >"$T/xdg.tmp" && mv "$T/xdg.tmp" "$T/xdg"
EOF2
chmod +x "$T/bin/xdg-open"
: >"$T/empty.conf"
# (Each reader its own cache and state: no view restored from the last one.)
TUI_ENV="PATH=$T/bin:$PATH XDG_STATE_HOME=$T/st.dflt" tui_start dflt --config "$T/empty.conf" \
    --cache "$T/dflt.db"
open_first dflt
wait_for dflt "opened with xdg-open (no browser setting and no \$BROWSER)"
deadline=$(( $(date +%s) + 10 ))
until [ -s "$T/xdg" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "xdg-open did not run"
	sleep 0.05
done
echo "ok the default browser program is named"
quit_ok dflt

# A browser that fails (exit status 1): reported, not "opened".
printf 'browser "false %%u"\n' >"$T/false.conf"
TUI_ENV="XDG_STATE_HOME=$T/st.fls" tui_start fls --config "$T/false.conf" --cache "$T/fls.db"
open_first fls
wait_for fls "the browser failed: false exited with status 1"
echo "ok a failing browser is reported"
quit_ok fls

# A browser that is not installed: the error and the setting to change.
printf 'browser "nobrowser %%u"\n' >"$T/missing.conf"
TUI_ENV="XDG_STATE_HOME=$T/st.miss" tui_start miss --config "$T/missing.conf" --cache "$T/miss.db"
open_first miss
wait_for miss "cannot open the browser: nobrowser: No such file or directory; choose one with the browser setting"
echo "ok a missing browser suggests the browser setting"
quit_ok miss
echo "tui_honest ok"
