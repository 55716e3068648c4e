#!/bin/sh
# A corrupt cache (issue 18, Faults: disk): garbage bytes over every page
# but the first of a real cache (the header and the schema page stay, so
# SQLite opens the file and the damage shows only in the queries).
# print-unread, reload and the interactive reader each say "the cache is
# corrupt (...)" with the path and what to do, exit 4, and leave every byte
# of the file as it was. The old code printed "19 unread articles" (exit 0)
# and the reader wrote into the damaged file.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

CACHE="$T/cache.db"
cat >"$T/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Damage</title><link>https://damage.example/</link>
<item><guid>c1</guid><title>Bytes gone bad</title><link>https://damage.example/bad</link>
<description>A page of noise.</description></item>
<item><guid>c2</guid><title>صفحة تالفة</title><link>https://damage.example/ar</link>
<description>ضجيج في الملف.</description></item>
</channel></rss>
XML
echo "file://$T/feed.xml \"~Damage\"" >"$T/config/newsreader/urls"
"$NEWSREADER" --cache "$CACHE" reload 2>"$T/reload.err" || fail "reload: $(cat "$T/reload.err")"
[ -e "$CACHE-wal" ] && fail "a -wal file was left after a clean reload"
"${PYTHON3:-python3}" - "$CACHE" <<'PY' || fail "cannot damage the cache"
import os, random, sys
path = sys.argv[1]
with open(path, "r+b") as f:
    page = int.from_bytes(f.read(18)[16:18], "big")
    size = os.path.getsize(path)
    assert size > 2 * page, size
    rnd = random.Random(18)
    f.seek(page)
    f.write(bytes(rnd.randrange(256) for _ in range(size - page)))
PY
before=$(sha256sum <"$CACHE")
size=$(stat -c %s "$CACHE")
untouched() {
	[ "$(sha256sum <"$CACHE")" = "$before" ] || fail "$1 changed the damaged file"
	[ "$(stat -c %s "$CACHE")" = "$size" ] || fail "$1 changed the file's size"
}
says() {
	grep -qF "newsreader: $CACHE: the cache is corrupt (database disk image is malformed); it was left as it is: move it aside (its likes and drafts may be rescued with sqlite3's .recover) and newsreader starts a new one" "$2" ||
	    fail "$1 does not say the cache is corrupt: $(cat "$2")"
	grep -q 'Sanitizer\|runtime error' "$2" && fail "$1: sanitizer report"
	return 0
}

rc=0; "$NEWSREADER" --cache "$CACHE" print-unread >"$T/pu.out" 2>"$T/pu.err" || rc=$?
[ "$rc" = 4 ] || fail "print-unread exited $rc, expected 4 (stdout: $(cat "$T/pu.out"))"
[ -s "$T/pu.out" ] && fail "print-unread printed a count: $(cat "$T/pu.out")"
says print-unread "$T/pu.err"
untouched print-unread

rc=0; "$NEWSREADER" --cache "$CACHE" reload 2>"$T/re.err" || rc=$?
[ "$rc" = 4 ] || fail "reload exited $rc, expected 4"
says reload "$T/re.err"
untouched reload

tui_start main --cache "$CACHE" --offline
rc=$(wait_exit main)
[ "$rc" = 4 ] || fail "the reader exited $rc, expected 4"
says "the reader" "$T/stderr.main"
[ "$(grep -c corrupt "$T/stderr.main")" = 1 ] || fail "said more than once: $(cat "$T/stderr.main")"
untouched "the reader"
# Nothing was made next to it either (a -wal would be checkpointed into it).
[ -e "$CACHE-wal" ] && fail "a -wal file was created next to the damaged cache"
exit 0
