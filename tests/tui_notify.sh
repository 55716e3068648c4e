#!/bin/sh
# Notifications after a reload that brought new articles (issue 16): the
# reader's first fetch stores two new articles of a feed whose title is
# hostile ($(...), ;, quotes, a C1 control). notify-program (a script
# under tests/ recording its argv) gets the title as one argument,
# unchanged, with stdin and stdout on /dev/null, nothing in it is run,
# and no zombie is left; the bytes the reader wrote to its terminal
# (tmux pipe-pane) hold the OSC 9 sequence, with no control character of
# the feed inside it. The reader's own cleanup runs after the batch too
# (max-items 1: the feed's row says 1/1).
. "${NR_SRCDIR:?}/tests/tui_lib.sh"
: "${PYTHON3:=python3}"

cat >"$T/feed.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Evil $(touch pwned); echo "q" 'x' &#x9b;31m أخبار</title>
<item><guid>n1</guid><title>first</title></item>
<item><guid>n2</guid><title>second</title></item>
</channel></rss>
XML
echo "file://$T/feed.xml" >"$T/config/newsreader/urls"
printf 'notify-program "%s %s %%f"\nnotify-osc 9\nmax-items 1\n' \
    "$NR_SRCDIR/tests/notify_record.py" "$T/notify.json" >"$T/config/newsreader/config"

# The reader waits for the pipe to be in place before it starts, so no
# byte it writes is missed.
cat >"$T/gate.sh" <<GATE
#!/bin/sh
while [ ! -e "$T/go" ]; do sleep 0.05; done
exec "$NEWSREADER" "\$@"
GATE
chmod +x "$T/gate.sh"
REAL=$NEWSREADER
NEWSREADER="$T/gate.sh"
tui_start main
NEWSREADER=$REAL
tmux -L "$SOCK" pipe-pane -o -t nr:main "cat >>'$T/pty.bytes'"
touch "$T/go"
# The reader's cleanup after the batch (max-items 1) leaves the newest.
wait_for main "1/1"

deadline=$(( $(date +%s) + 10 ))
while [ ! -s "$T/notify.json" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "notify-program did not run"
	sleep 0.05
done
"$PYTHON3" - "$T/notify.json" "$CACHE" <<'PY' || fail "notify-program's arguments"
import json, sqlite3, sys
rec = json.load(open(sys.argv[1], encoding="utf-8"))
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[2], uri=True, timeout=5)
title = db.execute("SELECT doc_title FROM feeds").fetchone()[0]
if not title.startswith("Evil $(touch pwned); echo \"q\" 'x' "):
    sys.exit("stored title %r" % title)
if rec["argv"] != [title]:
    sys.exit("argv %r, want [%r]" % (rec["argv"], title))
if rec["stdin"] != "/dev/null" or rec["stdout"] != "/dev/null":
    sys.exit("stdin %s, stdout %s" % (rec["stdin"], rec["stdout"]))
PY
[ -e "$T/pwned" ] || [ -e pwned ] && fail "something in the title was run"
# No zombie under the reader (the program was detached and reaped).
pid=$(reader_pid main)
for c in $(cat "/proc/$pid/task/$pid/children" 2>/dev/null); do
	grep -q '^State:[[:space:]]*Z' "/proc/$c/status" 2>/dev/null && fail "zombie $c"
done

# The OSC 9 sequence in the terminal's bytes.
deadline=$(( $(date +%s) + 10 ))
until grep -q "$(printf '\033')]9;" "$T/pty.bytes" 2>/dev/null; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "no OSC 9 written to the terminal"
	sleep 0.05
done
"$PYTHON3" - "$T/pty.bytes" <<'PY' || fail "the OSC 9 sequence"
import re, sys
data = open(sys.argv[1], "rb").read()
m = re.search(rb"\x1b\]9;(.*?)(\x07|\x1b\\)", data, re.S)
if m is None:
    sys.exit("no terminated OSC 9 in %r" % data[-300:])
body = m.group(1)
text = body.decode("utf-8")
want = "newsreader: 2 new articles in Evil $(touch pwned); echo \"q\" 'x' "
if not text.startswith(want):
    sys.exit("OSC 9 text %r" % text)
bad = [c for c in text if ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f]
if bad:
    sys.exit("control characters %r in %r" % (bad, text))
if "أخبار" not in text:
    sys.exit("the Arabic word is missing: %r" % text)
if data.count(b"\x1b]9;") != 1:
    sys.exit("%d OSC 9 sequences" % data.count(b"\x1b]9;"))
PY
keys main Q
check_clean_exit main
echo PASS
