#!/bin/sh
# The HTTP Content-Language header is a feed's language when the document
# names none (no xml:lang, no <language>): through dump-feed URL and through
# `reload` into the cache (feeds.language and items.language), against
# tests/server.py on 127.0.0.1. A language the document names wins.
: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
: "${PYTHON3:=python3}"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/xdg" XDG_DATA_HOME="$tmp/data" \
    XDG_STATE_HOME="$tmp/state"
status=0
fail() {
	echo "FAIL: $*"
	status=1
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

# dump-feed URL: the header fills in the language, and only when missing.
lang_of() {
	"$NEWSREADER" dump-feed "$1" >"$tmp/dump" 2>"$tmp/err" || fail "dump-feed $1: $(cat "$tmp/err")"
	"$PYTHON3" -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(d["language"])' "$tmp/dump"
}
[ "$(lang_of "$U/lang/ar/nolang-ar.rss")" = "ar" ] ||
    fail "Content-Language: ar not used: $(lang_of "$U/lang/ar/nolang-ar.rss")"
[ "$(lang_of "$U/nolang-ar.rss")" = "None" ] || fail "a language without the header"
[ "$(lang_of "$U/lang/en-GB%2C%20ar/garden-en.rss")" = "en-GB" ] ||
    fail "the first tag of a list: $(lang_of "$U/lang/en-GB%2C%20ar/garden-en.rss")"
[ "$(lang_of "$U/lang/en/garden-ar.atom")" = "ar" ] || fail "the header beat xml:lang"

# reload: the same language lands in the cache.
mkdir -p "$tmp/xdg/newsreader"
cat >"$tmp/xdg/newsreader/urls" <<EOT
$U/lang/ar/nolang-ar.rss
$U/nolang-ar.rss
$U/lang/en/garden-ar.atom
EOT
cache=$tmp/cache.db
"$NEWSREADER" --cache "$cache" reload 2>"$tmp/reload.err" || fail "reload: $(cat "$tmp/reload.err")"
q() { sqlite3 "$cache" "$1"; }
got=$(q "SELECT coalesce(f.language, '-') || ' ' || coalesce(i.language, '-') FROM feeds f
    JOIN items i ON i.feed_id = f.id WHERE f.url = '$U/lang/ar/nolang-ar.rss'")
[ "$got" = "ar ar" ] || fail "cache, Content-Language: ar: '$got' $(cat "$tmp/reload.err")"
got=$(q "SELECT coalesce(f.language, '-') || ' ' || coalesce(i.language, '-') FROM feeds f
    JOIN items i ON i.feed_id = f.id WHERE f.url = '$U/nolang-ar.rss'")
[ "$got" = "- -" ] || fail "cache, no header: '$got'"
got=$(q "SELECT coalesce(f.language, '-') FROM feeds f WHERE f.url = '$U/lang/en/garden-ar.atom'")
[ "$got" = "ar" ] || fail "cache, xml:lang against the header: '$got'"
exit $status
