#!/bin/sh
# Repost to Mastodon (issue 15): with repost-target mastodon, S queues the
# article's title and link and posts them as one status to the instance
# with an optional comment typed at a prompt (Esc cancels)
# (tests/mastodon_server.py, a double of the statuses API on 127.0.0.1);
# a kill -9 while the POST is in flight still ends with exactly one
# status after a restart (the resend carries the same Idempotency-Key); a
# wrong token shows the server's own error and the repost stays in the
# queue as failed; a token file others can read is refused.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/engage"
U="http://127.0.0.1:$PORT"
"${PYTHON3:-python3}" - "$NR_SRCDIR/tests/fixtures/engage/blog.xml.in" "$U" <<'PY' ||
import sys, urllib.request
doc = open(sys.argv[1], encoding="utf-8").read().replace("@BASE@", sys.argv[2])
urllib.request.urlopen(urllib.request.Request(sys.argv[2] + "/_set?path=/blog.xml",
    data=doc.encode("utf-8"), method="POST"), timeout=10).read()
PY
    fail "cannot set up the feed"
echo "$U/blog.xml \"~Engage blog\"" >"$T/config/newsreader/urls"

"${PYTHON3:-python3}" "$NR_SRCDIR/tests/mastodon_server.py" --token "s3cret-token" \
    --port-file "$T/mport" --lifetime 120 2>"$T/mserver.err" &
MPID=$!
trap 'kill $MPID 2>/dev/null; tui_cleanup' EXIT
deadline=$(( $(date +%s) + 10 ))
while [ ! -s "$T/mport" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the Mastodon double did not start"
	sleep 0.05
done
M="http://127.0.0.1:$(cat "$T/mport")"
(umask 077 && echo "s3cret-token" >"$T/token")
cat >"$T/config/newsreader/config" <<EOF2
repost-target mastodon
mastodon-url $M
mastodon-token-file $T/token
EOF2

# stat EXPR: a python expression over the double's /_stats answer s.
stat() {
	"${PYTHON3:-python3}" -c 'import json, sys, urllib.request
s = json.load(urllib.request.urlopen(sys.argv[1] + "/_stats", timeout=10))
print(eval(sys.argv[2]))' "$M" "$1"
}
mctl() {
	"${PYTHON3:-python3}" -c 'import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b"", method="POST"), timeout=10).read()' "$M$1"
}
# wait_stat EXPR VALUE
wait_stat() {
	deadline=$(( $(date +%s) + 15 ))
	while [ "$(stat "$1")" != "$2" ]; do
		[ "$(date +%s)" -ge "$deadline" ] && fail "$1 is $(stat "$1"), not $2"
		sleep 0.1
	done
}

# One S, one status: the title and the link, with a key.
tui_start main
wait_for main "Engage blog"
keys main Enter
wait_for main "Right-to-left in terminals"
keys main Enter
wait_for main "Article: "
# Esc at the comment prompt: nothing is queued or sent.
keys main S
wait_for main "Repost with a comment"
keys main Escape
wait_for main "repost cancelled"
keys main S
wait_for main "Repost with a comment"
keys main -l "Worth reading"
keys main Enter
wait_for main "reposted to Mastodon: $M/@tester/1"
[ "$(stat 's["posts"]')" = 1 ] || fail "posts: $(stat 's["posts"]')"
[ "$(stat 'len(s["statuses"])')" = 1 ] || fail "statuses: $(stat 's["statuses"]')"
[ "$(stat 's["statuses"][0]["content"]')" = "Worth reading

Right-to-left in terminals
$U/2026/05/rtl/" ] || fail "status text: $(stat 's["statuses"][0]["content"]')"
[ "$(stat 's["keys"][0].startswith("newsreader-")')" = True ] || fail "no Idempotency-Key"

# kill -9 while the second repost's POST is in flight: the double has
# created the status but not answered.
mctl /_hold
keys main S
wait_for main "Repost with a comment"
keys main Enter
wait_stat 's["posts"]' 2
kill -9 "$(reader_pid main)"
wait_exit main 10 >/dev/null
mctl /_release
[ "$(stat 'len(s["statuses"])')" = 2 ] || fail "the held POST made no status"
# The restart resends it with the same key: no third status.
tui_start again
wait_for again "reposted to Mastodon: $M/@tester/2"
[ "$(stat 's["posts"]')" = 3 ] || fail "posts after the restart: $(stat 's["posts"]')"
[ "$(stat 'len(s["statuses"])')" = 2 ] || fail "a second status for one repost: $(stat 's["statuses"]')"
[ "$(stat 's["keys"][1] == s["keys"][2] and s["keys"][0] != s["keys"][1]')" = True ] ||
    fail "the resend's key: $(stat 's["keys"]')"
keys again Q
check_clean_exit again

# A wrong token: the server's message, and the repost kept as failed.
(umask 077 && echo "wrong-token" >"$T/token")
tui_start wrong
wait_for wrong "Engage blog"
keys wrong Enter
wait_for wrong "Right-to-left in terminals"
keys wrong Enter
wait_for wrong "Article: "
keys wrong S
wait_for wrong "Repost with a comment"
keys wrong Enter
wait_for wrong "The access token is invalid"
screen wrong | grep -q "repost failed, kept in the queue" || fail "no 'kept in the queue'"
[ "$(stat 's["posts"]')" = 4 ] || fail "posts with the wrong token: $(stat 's["posts"]')"
[ "$(stat 'len(s["statuses"])')" = 2 ] || fail "a status with the wrong token"
keys wrong Q
check_clean_exit wrong
"${PYTHON3:-python3}" -c 'import sqlite3, sys
r = sqlite3.connect(sys.argv[1]).execute("SELECT state, error FROM reposts ORDER BY id DESC LIMIT 1").fetchone()
sys.exit(0 if r[0] == "failed" and "access token is invalid" in r[1] else 1)' "$CACHE" ||
    fail "the refused repost is not kept as failed"

# A token file others can read is refused before anything is sent.
(umask 077 && echo "s3cret-token" >"$T/token")
chmod 644 "$T/token"
tui_start open
wait_for open "Engage blog"
keys open Enter
wait_for open "Right-to-left in terminals"
keys open Enter
wait_for open "Article: "
keys open S
wait_for open "Repost with a comment"
keys open Enter
wait_for open "refusing a password file that others can read"
[ "$(stat 's["posts"]')" = 4 ] || fail "sent with a readable token file"
keys open Q
check_clean_exit open

# The token fixed: the next start sends what was refused and what waited,
# each once.
chmod 600 "$T/token"
tui_start fixed
wait_stat 'len(s["statuses"])' 4
[ "$(stat 's["posts"]')" = 6 ] || fail "posts after the fix: $(stat 's["posts"]')"
wait_for fixed "reposted to Mastodon: $M/@tester/4"
keys fixed Q
check_clean_exit fixed
# Neither token, the good one nor the refused one, is in any file the
# reader wrote (the cache, its WAL, the log) nor on its stderr.
leaks=$(grep -rlaF -e "s3cret-token" -e "wrong-token" "$T/data" "$T/state" "$T"/stderr.* \
    2>/dev/null)
[ -z "$leaks" ] || fail "a Mastodon token is in: $leaks"
exit 0
