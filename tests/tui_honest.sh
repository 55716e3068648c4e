#!/bin/sh
# Honest reader messages (issue 17), in tmux: TERM=dumb is refused with a
# reason (not a blank screen); urls lines skipped at start (an unterminated
# quote, an unsupported scheme) are said in the status line once the screen
# is open and listed in the errors view; opening a link says which program
# ran when neither `browser` nor $BROWSER is set, reports a browser that
# exits with a failure, and suggests the `browser` setting for a missing one;
# comments that fail to load leave a line in the log file; a data directory
# on a read-only file system is called read-only, not a missing file.
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

# Comments that cannot be loaded (the comment feed is a 404) leave a line in
# the log file, as failed feeds do (tests/log_file.sh).
mkdir -p "$T/www"
start_server "$T/www"
cat >"$T/www/blog.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel><title>Log blog</title><link>http://127.0.0.1:$PORT/</link>
<item><title>مقال بتعليقات مفقودة</title><link>http://127.0.0.1:$PORT/post</link>
<guid>post-1</guid><pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate>
<wfw:commentRss>http://127.0.0.1:$PORT/gone-comments.xml</wfw:commentRss>
<slash:comments>3</slash:comments></item>
</channel></rss>
XML
echo "http://127.0.0.1:$PORT/blog.xml" >"$T/blog.urls"
TUI_ENV="XDG_STATE_HOME=$T/st.cmt" tui_start cmt --urls "$T/blog.urls" --cache "$T/cmt.db" \
    --config "$T/empty.conf"
wait_for cmt "Log blog" 20
keys cmt Enter
wait_for cmt "2026-12-05"
keys cmt Enter
wait_for cmt "Article: "
keys cmt C
deadline=$(( $(date +%s) + 20 ))
until grep -q "Z comments of article [0-9]*: .*404" "$T/st.cmt/newsreader/log" 2>/dev/null; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "no log line for the comments that failed to load: $(cat "$T/st.cmt/newsreader/log" 2>/dev/null)"
	sleep 0.05
done
echo "ok a comment failure is in the log"
quit_ok cmt

# A read-only data directory (a read-only bind mount as root, else a
# directory without write permission): "read-only", not "No such file".
mkdir -p "$T/rodata"
if [ "$(id -u)" = 0 ]; then
	unshare -m sh -c "mount --bind -o ro '$T/rodata' '$T/rodata'" 2>/dev/null ||
	    { echo "skip read-only: cannot mount"; echo "tui_honest ok"; exit 0; }
	wrap="unshare -m sh -c \"mount --bind -o ro '$T/rodata' '$T/rodata' && exec env XDG_DATA_HOME='$T/rodata' '$NEWSREADER'\""
else
	chmod 555 "$T/rodata"
	wrap="env XDG_DATA_HOME='$T/rodata' '$NEWSREADER'"
fi
tmux -L "$SOCK" new-window -t nr -n ro "cd '$T' && $wrap 2>'$T/stderr.ro'; echo \$? >'$T/rc.ro'; sleep 600"
rc=$(wait_exit ro 20)
[ "$rc" = 4 ] || fail "read-only data directory: exit $rc, want 4"
grep -q "is read-only" "$T/stderr.ro" || fail "read-only data directory: not called read-only"
grep -q "No such file" "$T/stderr.ro" && fail "read-only data directory: blamed on a missing file"
echo "ok a read-only data directory is called read-only"
echo "tui_honest ok"
