#!/bin/sh
# newsreader dump-feed: byte-exact JSON for several fixtures, and the error
# line and exit code for broken documents (CLI.md).
: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
dir=$(cd "$NR_SRCDIR/tests/fixtures/feeds" && pwd -P)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

# The document URL of a local file is file://<absolute path>; the expected
# files say @FIXTURES@ for the fixture directory.
for exp in "$dir"/*.expected.json; do
	base=$(basename "$exp" .expected.json)
	src=$(ls "$dir/$base".* | grep -v '\.expected\.json$' | head -n 1)
	sed "s|@FIXTURES@|file://$dir|g" "$exp" > "$tmp/want"
	if ! "$NEWSREADER" dump-feed "$src" > "$tmp/got" 2> "$tmp/err"; then
		echo "FAIL: dump-feed $base exited non-zero: $(cat "$tmp/err")"
		fail=1
		continue
	fi
	if [ -s "$tmp/err" ] || ! cmp -s "$tmp/got" "$tmp/want"; then
		echo "FAIL: dump-feed $base differs from $base.expected.json:"
		diff "$tmp/want" "$tmp/got" | head -n 20
		fail=1
	fi
done

# A file:// URL gives the same output as the path.
"$NEWSREADER" dump-feed "file://$dir/rss20-basic.xml" > "$tmp/url" 2>&1
if ! cmp -s "$tmp/url" "$dir/rss20-basic.expected.json"; then
	echo "FAIL: dump-feed file:// URL differs from the path"
	fail=1
fi

# Broken documents: exit 1, nothing on stdout, one line on stderr.
check_error() {
	file=$1 want=$2
	"$NEWSREADER" dump-feed "$file" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ "$rc" -ne 1 ]; then
		echo "FAIL: dump-feed $file: exit $rc, expected 1"
		fail=1
	fi
	if [ -s "$tmp/out" ]; then
		echo "FAIL: dump-feed $file printed on stdout"
		fail=1
	fi
	printf '%s\n' "$want" > "$tmp/want"
	if ! cmp -s "$tmp/err" "$tmp/want"; then
		echo "FAIL: dump-feed $file: stderr '$(cat "$tmp/err")', expected '$want'"
		fail=1
	fi
}
check_error "$dir/damage-html-page.html" "$dir/damage-html-page.html: line 1: not a feed (an HTML page that names no feed)"
check_error "$dir/html-with-feeds.html" "$dir/html-with-feeds.html: line 1: not a feed (an HTML page; its feeds: https://blog.example/ar/feed.xml, https://blog.example/ar/atom.xml, https://blog.example/ar/feed.json, https://blog.example/ar/comments/feed.xml?x=1&y=2)"
check_error "$dir/damage-empty.xml" "$dir/damage-empty.xml: line 1: empty document"
check_error "$dir/json-broken.json" "$dir/json-broken.json: line 3: '}' expected near end of file"
check_error "$tmp/missing.xml" "$tmp/missing.xml: cannot open: No such file or directory"

# http(s) URLs go through the fetcher: a local server, never the network.
"${PYTHON3:-python3}" "$NR_SRCDIR/tests/server.py" --root "$NR_SRCDIR/tests/fixtures/http" \
	--port-file "$tmp/port" --lifetime 60 > /dev/null &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$tmp/port")
base="http://127.0.0.1:$port"
if ! "$NEWSREADER" dump-feed "$base/ar.xml" > "$tmp/out" 2> "$tmp/err"; then
	echo "FAIL: dump-feed $base/ar.xml: $(cat "$tmp/err")"
	fail=1
elif ! grep -q '"format": "rss2.0"' "$tmp/out" || ! grep -q "\"link\": \"http" "$tmp/out"; then
	echo "FAIL: dump-feed over http printed:"; head -20 "$tmp/out"
	fail=1
fi
check_error "$base/status/404" "$base/status/404: HTTP 404"
"$NEWSREADER" --offline dump-feed "$base/ar.xml" > /dev/null 2> "$tmp/err"
rc=$?
if [ "$rc" -ne 1 ] || ! grep -q 'not fetched: --offline' "$tmp/err"; then
	echo "FAIL: dump-feed --offline fetched or said '$(cat "$tmp/err")' (exit $rc)"
	fail=1
fi

# Recoverable damage is recovered: exit 0.
if ! "$NEWSREADER" dump-feed "$dir/damage-unclosed.xml" > /dev/null 2> "$tmp/err" || [ -s "$tmp/err" ]; then
	echo "FAIL: dump-feed damage-unclosed.xml was not recovered: $(cat "$tmp/err")"
	fail=1
fi

# Usage errors exit 2.
"$NEWSREADER" dump-feed > /dev/null 2>&1
rc=$?
if [ "$rc" -ne 2 ]; then
	echo "FAIL: dump-feed without an argument: exit $rc, expected 2"
	fail=1
fi

exit $fail
