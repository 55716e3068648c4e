#!/bin/sh
# reload on a full disk (issue 18, Faults: disk), for real: the cache lives
# on a small tmpfs in a mount namespace of the test's own (as in
# tests/tui_diskfull.sh; skipped where mounting is refused).
# 1. Full at start: reload says "cache is full (No space left on device)"
#    and what to do, exits 4, and the cache file is byte for byte as it was.
# 2. Full mid-reload (a 4 MiB feed does not fit in the room left): the feeds
#    stored before stay, the big one fails with the reason, the summary still
#    comes, the exit status is 4, and the cache is sound: the user's like is
#    kept and SQLite's integrity check passes.
if [ -z "$NR_DISKFULL_NS" ]; then
	command -v unshare >/dev/null 2>&1 || { echo "no unshare"; exit 77; }
	NR_DISKFULL_NS=1 exec unshare -m --propagation private sh "$0" "$@"
	echo "cannot make a mount namespace (not root?)"
	exit 77
fi
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

DISK="$T/disk"
trap 'umount -l "$DISK" 2>/dev/null; tui_cleanup' EXIT
mkdir -p "$DISK"
mount -t tmpfs -o size=6m tmpfs "$DISK" 2>/dev/null || { echo "cannot mount a tmpfs"; exit 77; }
CACHE="$DISK/cache.db"
start_server "$NR_SRCDIR/tests/fixtures/http"
U="http://127.0.0.1:$PORT"
printf '%s\n' "$U/en.xml \"~English\"" >"$T/urls.small"
printf '%s\n' "$U/en.xml \"~English\"" "$U/ar.xml" "$U/huge?mb=4&length=1 \"~Too big\"" >"$T/urls.big"

"$NEWSREADER" --urls "$T/urls.small" --cache "$CACHE" reload 2>"$T/r0.err" ||
    fail "first reload: $(cat "$T/r0.err")"
# The user's like, set as the reader sets it.
"${PYTHON3:-python3}" -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute('UPDATE items SET liked = 1 WHERE id = (SELECT min(id) FROM items)'); c.commit(); c.close()" "$CACHE" ||
    fail "cannot set a like"
[ -e "$CACHE-wal" ] && fail "a -wal file after a clean close"

# check_cache [immutable]: "ok N", N the liked items. Immutable (the file
# alone) while the disk is full; else the normal way, with the -wal, which a
# cache interrupted mid-checkpoint needs.
check_cache() {
	"${PYTHON3:-python3}" - "$CACHE" "${1:-}" <<'PY'
import sqlite3, sys, urllib.parse
c = sqlite3.connect("file:" + urllib.parse.quote(sys.argv[1]) +
                    ("?immutable=1" if sys.argv[2] else ""), uri=True)
ok = c.execute("PRAGMA integrity_check").fetchone()[0]
liked = c.execute("SELECT count(*) FROM items WHERE liked = 1").fetchone()[0]
print(ok, liked)
PY
}

fill_disk() {
	mountpoint -q "$DISK" || fail "$DISK is not the test's tmpfs"
	rm -f "$DISK/fill"
	dd if=/dev/zero of="$DISK/fill" bs=4096 count="$1" 2>/dev/null
	[ -z "$1" ] && dd if=/dev/zero of="$DISK/fill" bs=4096 2>/dev/null
	return 0
}

# 1. Full at start.
dd if=/dev/zero of="$DISK/fill" bs=4096 2>/dev/null
before=$(sha256sum <"$CACHE")
rc=0; "$NEWSREADER" --urls "$T/urls.big" --cache "$CACHE" reload 2>"$T/r1.err" || rc=$?
[ "$rc" = 4 ] || fail "full at start: exit status $rc, expected 4: $(cat "$T/r1.err")"
grep -qxF "newsreader: $CACHE: cache is full (No space left on device); what was being stored was not: free some space and try again" \
    "$T/r1.err" || fail "full at start: stderr: $(cat "$T/r1.err")"
grep -q 'Sanitizer\|runtime error' "$T/r1.err" && fail "sanitizer report"
[ "$(sha256sum <"$CACHE")" = "$before" ] || fail "full at start: the cache changed"
[ "$(check_cache immutable)" = "ok 1" ] || fail "full at start: cache $(check_cache immutable)"

# 2. Room for the small feeds, not for the big one.
rm -f "$DISK/fill"
free_kb=$(df --output=avail -k "$DISK" | tail -1 | tr -d ' ')
dd if=/dev/zero of="$DISK/fill" bs=1024 count=$((free_kb - 1536)) 2>/dev/null
rc=0; "$NEWSREADER" --urls "$T/urls.big" --cache "$CACHE" reload 2>"$T/r2.err" || rc=$?
[ "$rc" = 4 ] || fail "full mid-reload: exit status $rc, expected 4: $(cat "$T/r2.err")"
grep -q 'Sanitizer\|runtime error' "$T/r2.err" && fail "sanitizer report: $(cat "$T/r2.err")"
grep -F "huge?mb=4" "$T/r2.err" | grep -qF "cache is full (No space left on device)" ||
    fail "full mid-reload: the big feed's reason: $(cat "$T/r2.err")"
grep -q "^reloaded 3 feeds: .* 1 failed" "$T/r2.err" || fail "no summary: $(cat "$T/r2.err")"
rm -f "$DISK/fill"
[ "$(check_cache)" = "ok 1" ] || fail "full mid-reload: cache $(check_cache)"
# The feeds that fitted were stored.
"${PYTHON3:-python3}" - "$CACHE" <<'PY' || fail "the Arabic feed was not stored: $(cat "$T/r2.err")"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n = c.execute("SELECT count(*) FROM items JOIN feeds ON feeds.id = items.feed_id "
              "WHERE feeds.url LIKE '%/ar.xml'").fetchone()[0]
sys.exit(0 if n > 0 else 1)
PY
exit 0
