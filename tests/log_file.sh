#!/bin/sh
# The log file of the man page ($XDG_STATE_HOME/newsreader/log, issue 17):
# `reload` writes a line for a feed that cannot be fetched (HTTP 404) and
# one for a feed that cannot be parsed, nothing for a good feed, and the
# file is rotated to log.1 at its cap (log-max-size, in KiB).
: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || { echo "no python3"; exit 77; }
tmp=$(mktemp -d) || exit 99
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"
LOG="$tmp/state/newsreader/log"
fail=0
ok() { printf 'ok %s\n' "$1"; }
bad() { printf 'FAIL %s\n' "$1"; [ -e "$LOG" ] && sed 's/^/  log: /' "$LOG"; fail=1; }

mkdir -p "$tmp/www"
cat >"$tmp/www/good.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>سجل</title><link>http://127.0.0.1/</link>
<item><title>خبر سليم</title><link>http://127.0.0.1/a</link><guid>a</guid></item>
</channel></rss>
XML
printf 'This is not a feed, only a sentence.\nولا هذه.\n' >"$tmp/www/broken.xml"
"$PY" "$NR_SRCDIR/tests/server.py" --root "$tmp/www" --port-file "$tmp/port" \
    --lifetime 60 >/dev/null 2>"$tmp/server.err" &
SERVER_PID=$!
deadline=$(( $(date +%s) + 10 ))
while [ ! -s "$tmp/port" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && { echo "server did not start"; exit 99; }
	sleep 0.05
done
base="http://127.0.0.1:$(cat "$tmp/port")"
printf '%s\n%s\n%s\n' "$base/good.xml" "$base/missing.xml" "$base/broken.xml" >"$tmp/urls"

"$NEWSREADER" --urls "$tmp/urls" --cache "$tmp/c.db" reload >/dev/null 2>"$tmp/err"
[ -s "$LOG" ] && ok "the log file was created" || bad "no log file at $LOG"
grep -q "^20[0-9-]*T[0-9:]*Z feed $base/missing.xml: .*404" "$LOG" &&
    ok "a fetch failure leaves a dated line" || bad "no line for the fetch failure"
grep -q "^20[0-9-]*T[0-9:]*Z feed $base/broken.xml: parse error: " "$LOG" &&
    ok "a parse failure leaves a line" || bad "no line for the parse failure"
grep -q "good.xml" "$LOG" && bad "a good feed was logged" || ok "a good feed is not logged"

# Rotation: with a 1 KiB cap, the file is moved to log.1 before it passes it.
mkdir -p "$tmp/config/newsreader"
printf 'log-max-size 1\n' >"$tmp/config/newsreader/config"
i=0
while [ $i -lt 12 ]; do
	"$NEWSREADER" --urls "$tmp/urls" --cache "$tmp/c.db" reload >/dev/null 2>&1
	i=$((i + 1))
done
[ -s "$LOG.1" ] && ok "rotated to log.1" || bad "no log.1 after twelve reloads at a 1 KiB cap"
size=$(wc -c <"$LOG")
[ "$size" -le 1024 ] && ok "the log stays under its cap ($size bytes)" ||
    bad "the log is $size bytes, over its 1024-byte cap"
size1=$(wc -c <"$LOG.1" 2>/dev/null)
[ -n "$size1" ] && [ "$size1" -le 1024 ] && ok "log.1 is under the cap too ($size1 bytes)" ||
    bad "log.1 is '$size1' bytes"
grep -q "missing.xml" "$LOG" && ok "the new log goes on" || bad "the new log lacks the failure"
[ -e "$LOG.2" ] && bad "more than one old log"
exit $fail
