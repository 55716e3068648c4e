#!/bin/sh
# Black-box tests of `newsreader add URL` against tests/server.py on
# 127.0.0.1: a page with two feed links (and one dead link), a page with no
# link but a /feed at its site, a page with no feed at all, a plain feed URL,
# a duplicate, and what is not a feed. Checks stdout, stderr, exit codes and
# the urls file byte for byte (nothing is ever stored for a page).
: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
: "${PYTHON3:=python3}"
tmp=$(mktemp -d) || exit 99
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/xdg" XDG_DATA_HOME="$tmp/data"
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
expect_file() {
	cat >"$tmp/expected"
	if ! cmp -s "$tmp/expected" "$1"; then
		fail "$1 differs from what was expected:"
		diff "$tmp/expected" "$1"
	fi
}

"$PYTHON3" "$NR_SRCDIR/tests/server.py" --root "$NR_SRCDIR/tests/fixtures/add" \
    --port-file "$tmp/port" --lifetime 120 >/dev/null 2>"$tmp/server.err" &
SERVER_PID=$!
deadline=$(( $(date +%s) + 10 ))
while [ ! -s "$tmp/port" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && { echo "the test server did not start"; exit 99; }
	sleep 0.05
done
U="http://127.0.0.1:$(cat "$tmp/port")"
urls=$tmp/conf/urls
mkdir -p "$tmp/conf"
# A hand-written file without a final newline: its bytes must stay.
printf '# my feeds\nhttps://example.org/ar.xml عربي' >"$urls"
cp "$urls" "$tmp/orig"
add() {
	"$NEWSREADER" --urls "$urls" add "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# 1. Two feeds announced (a third link is dead): listed with their titles,
#    nothing added without --pick.
add "$U/two.html"
[ "$rc" = 1 ] || fail "two feeds without --pick exited $rc"
expect_file "$tmp/out" <<EOT
1	$U/garden-en.rss	Garden Notes
2	$U/garden-ar.atom	دفتر الحديقة
EOT
expect_file "$tmp/err" <<EOT
newsreader: add: warning: $U/gone.rss: HTTP 404 (skipped)
newsreader: add: $U/two.html is a web page with 2 feeds; choose one with --pick N (nothing added)
EOT
cmp -s "$urls" "$tmp/orig" || fail "a page's feeds were added without --pick"

# 2. --pick 2 adds the second; --pick 3 is out of range.
add --pick 3 "$U/two.html"
[ "$rc" = 2 ] || fail "--pick 3 of 2 exited $rc"
grep -q "^newsreader: add: --pick 3: $U/two.html has 2 feeds (nothing added)\$" "$tmp/err" ||
    fail "--pick 3: $(cat "$tmp/err")"
cmp -s "$urls" "$tmp/orig" || fail "--pick 3 changed the urls file"
add --pick 2 "$U/two.html"
[ "$rc" = 0 ] || fail "--pick 2 exited $rc: $(cat "$tmp/err")"
tail -n 1 "$tmp/err" >"$tmp/last"
expect_file "$tmp/last" <<EOT
newsreader: add: added $U/garden-ar.atom (دفتر الحديقة) to $urls
EOT
{ cat "$tmp/orig"; printf '\n%s\n' "$U/garden-ar.atom"; } >"$tmp/want"
cmp -s "$urls" "$tmp/want" || { fail "urls file after --pick 2:"; diff "$tmp/want" "$urls"; }

# 3. A page with no feed anywhere: a clear error, nothing added.
cp "$urls" "$tmp/before"
add "$U/none.html"
[ "$rc" = 1 ] || fail "a page with no feed exited $rc"
[ -s "$tmp/out" ] && fail "a page with no feed printed: $(cat "$tmp/out")"
expect_file "$tmp/err" <<EOT
newsreader: add: $U/none.html: a web page that names no feed, and none of /feed, /rss.xml, /atom.xml, /feed.json at its site is one (nothing added)
EOT
cmp -s "$urls" "$tmp/before" || fail "a page with no feed changed the urls file"

# 4. The same page once the site has a /feed: the only feed is added.
"$PYTHON3" -c 'import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/_set?path=/feed",
    data=open(sys.argv[2], "rb").read(), method="POST")).read()' \
    "$U" "$NR_SRCDIR/tests/fixtures/add/garden-en.rss" || fail "cannot set /feed"
add "$U/none.html"
[ "$rc" = 0 ] || fail "the /feed fallback exited $rc: $(cat "$tmp/err")"
expect_file "$tmp/out" <<EOT
1	$U/feed	Garden Notes
EOT
expect_file "$tmp/err" <<EOT
newsreader: add: added $U/feed (Garden Notes) to $urls
EOT
{ cat "$tmp/before"; printf '%s\n' "$U/feed"; } >"$tmp/want"
cmp -s "$urls" "$tmp/want" || { fail "urls file after the fallback:"; diff "$tmp/want" "$urls"; }

# 5. A feed's own URL is added as given; a second time is a no-op.
cp "$urls" "$tmp/before"
add "$U/garden-en.rss"
[ "$rc" = 0 ] || fail "a plain feed exited $rc: $(cat "$tmp/err")"
expect_file "$tmp/err" <<EOT
newsreader: add: added $U/garden-en.rss (Garden Notes) to $urls
EOT
{ cat "$tmp/before"; printf '%s\n' "$U/garden-en.rss"; } >"$tmp/want"
cmp -s "$urls" "$tmp/want" || { fail "urls file after a plain feed:"; diff "$tmp/want" "$urls"; }
cp -p "$urls" "$tmp/before"
add "$U/garden-en.rss"
[ "$rc" = 0 ] || fail "a duplicate exited $rc"
expect_file "$tmp/err" <<EOT
newsreader: add: $U/garden-en.rss is already in $urls (nothing added)
EOT
cmp -s "$urls" "$tmp/before" || fail "a duplicate changed the urls file"
[ -n "$(find "$urls" -newer "$tmp/before")" ] && fail "a duplicate rewrote the urls file"

# 6. Neither feed nor page, a missing page, --offline, usage errors.
add "$U/not-a-feed.txt"
[ "$rc" = 1 ] || fail "plain text exited $rc"
grep -q "^newsreader: add: $U/not-a-feed.txt: neither a feed nor a web page: parse error: .* (nothing added)\$" \
    "$tmp/err" || fail "plain text: $(cat "$tmp/err")"
add "$U/missing.html"
[ "$rc" = 1 ] || fail "a 404 exited $rc"
expect_file "$tmp/err" <<EOT
newsreader: add: $U/missing.html: HTTP 404 (nothing added)
EOT
"$NEWSREADER" --offline --urls "$urls" add "$U/garden-ar.atom" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "--offline exited $rc"
for bad in "" "--pick 0 $U/two.html" "--pick x $U/two.html" "$U/a $U/b" "ftp://127.0.0.1/feed"; do
	# shellcheck disable=SC2086
	add $bad
	[ "$rc" = 2 ] || fail "add $bad exited $rc, not 2"
done
cmp -s "$urls" "$tmp/before" || fail "a failed add changed the urls file"
exit $status
