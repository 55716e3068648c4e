#!/bin/sh
# English plurals in reload's summary on stderr (issue 17): one feed is
# "1 feed", also when the reload is interrupted ("interrupted after 0 of 1
# feed"), and one new article is "1 new article".
: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || { echo "no python3"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/nrplural.XXXXXX") || exit 99
SERVER_PID= RELOAD_PID=
cleanup() {
	[ -n "$RELOAD_PID" ] && kill "$RELOAD_PID" 2>/dev/null
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
export XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
mkdir -p "$T/config/newsreader"
fail() { echo "FAIL: $*"; echo "--- stderr:"; cat "$T/err" 2>/dev/null; exit 1; }

"$PY" "$NR_SRCDIR/tests/server.py" --root "$NR_SRCDIR/tests/fixtures/papercuts" \
    --port-file "$T/port" --lifetime 120 >/dev/null 2>"$T/server.err" &
SERVER_PID=$!
deadline=$(( $(date +%s) + 10 ))
while [ ! -s "$T/port" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the test server did not start"
	sleep 0.05
done
U="http://127.0.0.1:$(cat "$T/port")"

# A feed with one article: one feed, one new article.
echo "$U/one.xml" >"$T/config/newsreader/urls"
"$NEWSREADER" reload >/dev/null 2>"$T/err" || fail "reload failed"
last=$(tail -n 1 "$T/err")
case $last in
"reloaded 1 feed: 1 updated, 0 unchanged, 0 failed, 1 new article") ;;
*) fail "summary: '$last'" ;;
esac

# Interrupted while its only feed is still arriving.
echo "$U/slow?seconds=30" >"$T/config/newsreader/urls"
"$NEWSREADER" reload >/dev/null 2>"$T/err" &
RELOAD_PID=$!
deadline=$(( $(date +%s) + 20 ))
until "$PY" -c 'import json, sys, urllib.request
s = json.load(urllib.request.urlopen(sys.argv[1] + "/_stats", timeout=5))
sys.exit(0 if s.get("/slow", {}).get("requests", 0) >= 1 else 1)' "$U" 2>/dev/null; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the reload never asked for the slow feed"
	sleep 0.1
done
kill -INT "$RELOAD_PID"
wait "$RELOAD_PID"
rc=$?
RELOAD_PID=
[ "$rc" = 130 ] || fail "interrupted reload exited $rc, expected 130"
grep -qx "newsreader: reload: interrupted after 0 of 1 feed" "$T/err" ||
    fail "no 'interrupted after 0 of 1 feed' line"
echo "ok"
exit 0
