#!/bin/sh
# A full disk, for real: the cache lives on a small tmpfs that the test
# fills with a file (issue 9, section 2). Root is needed to mount it (CI
# runs as root); the test runs in a mount namespace of its own (unshare -m),
# so the mount cannot outlive it, and is skipped where mounting is refused.
#
# 1. The reader is running when the disk fills: a like shows "like not
#    saved: cache is full (no space left on device)" until the next key,
#    the row keeps no heart and the database keeps liked=0; opening the
#    article leaves it unread; a typed draft is kept and said to be unsaved.
# 2. Quitting writes the draft (with its article's link), the lost like and
#    read mark to a recovery file in $XDG_STATE_HOME/newsreader/, says where
#    on stderr, and exits 5.
# 3. With room again the reader says that the recovery file exists, writes
#    as before, and offers the draft back when its composer opens.
# 4. Started on the full disk after a clean exit, the reader reads the
#    cache read-only and says why (the old code exits 4 on "cache.db.lock:
#    No space left on device").
if [ -z "$NR_DISKFULL_NS" ]; then
	command -v unshare >/dev/null 2>&1 || { echo "no unshare"; exit 77; }
	NR_DISKFULL_NS=1 exec unshare -m --propagation private sh "$0" "$@"
	echo "cannot make a mount namespace (not root?)"
	exit 77
fi
# Long status lines (a path in them) fit on one row.
TUI_COLS=230
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

DISK="${T:?}/disk"
# Lazily: a reader killed with the tmux server may still hold a file open.
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; umount -l "$DISK" 2>/dev/null; tui_cleanup' EXIT
mkdir -p "$DISK"
mount -t tmpfs -o size=2m tmpfs "$DISK" 2>/dev/null || { echo "cannot mount a tmpfs"; exit 77; }
CACHE="$DISK/cache.db"

cat >"$T/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Full disk</title><link>https://full.example/</link>
<item><guid>d1</guid><title>A disk with no room</title><link>https://full.example/room</link>
<pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate><description>Every block taken.</description></item>
<item><guid>d2</guid><title>قرص بلا مساحة</title><link>https://full.example/ar</link>
<pubDate>Sat, 05 Dec 2026 09:00:00 GMT</pubDate><description>لا مكان للكتابة.</description></item>
</channel></rss>
XML
echo "file://$T/feed.xml \"~Full disk\"" >"$T/config/newsreader/urls"
"$NEWSREADER" --cache "$CACHE" reload 2>"$T/reload.err" || fail "reload: $(cat "$T/reload.err")"

# What another connection sees in the file (immutable: it needs no room).
liked() {
	"${PYTHON3:-python3}" - "$CACHE" "$1" <<'PY'
import sqlite3, sys, urllib.parse
uri = "file:" + urllib.parse.quote(sys.argv[1]) + "?immutable=1"
c = sqlite3.connect(uri, uri=True)
print(c.execute("SELECT liked, read FROM items WHERE link = ?", (sys.argv[2],)).fetchone())
PY
}

# Only ever inside the tmpfs mounted above.
fill_disk() {
	mountpoint -q "$DISK" || fail "$DISK is not the test's tmpfs"
	dd if=/dev/zero of="$DISK/fill" bs=4096 2>/dev/null
	[ "$(df --output=avail "$DISK" | tail -1 | tr -d ' ')" = 0 ] || fail "the disk is not full"
}

# 1. The disk fills while the reader runs.
tui_start main --cache "$CACHE" --offline
wait_for main "Full disk"
keys main Enter
wait_for main "A disk with no room"
fill_disk
keys main l
wait_for main "like not saved: cache is full (no space left on device)"
screen main | grep "A disk with no room" | grep -q "♥" && fail "a heart on a like that was refused"
[ "$(liked https://full.example/room)" = "(0, 0)" ] || fail "the cache has $(liked https://full.example/room)"
# Held until the user acts: still there after the 12 s an error lasts.
sleep 13
screen main | grep -qF "like not saved: cache is full" || fail "the refusal went by itself"
keys main j
wait_gone main "like not saved"
keys main k
# Opening the article reads it: refused, so it stays unread on screen.
keys main Enter
wait_for main "read mark not saved: cache is full (no space left on device)"
wait_for main "unread)"
# The bar shows what is stored: not liked.
keys main l
wait_for main "like not saved: cache is full"
wait_for main "♡ like"
# A draft: kept, and said to be unsaved.
keys main c
wait_for main "Comment 0/400"
keys main -l "مسودة draft"
wait_for main "draft NOT saved" 5
wait_for main "draft not saved: cache is full (no space left on device)"
keys main Escape
wait_for main "draft not saved: cache is full (no space left on device) (kept here"
keys main Q

# 2. The recovery file, stderr and the exit status.
rc=$(wait_exit main)
[ "$rc" = 5 ] || fail "exit status $rc, expected 5"
grep -q 'Sanitizer\|runtime error' "$T/stderr.main" && fail "sanitizer report"
REC=$(ls "$T/state/newsreader/"recovery-*.txt 2>/dev/null | head -1)
[ -n "$REC" ] || fail "no recovery file"
grep -qF "newsreader: 1 draft and 2 other changes could not be saved in the cache; they are in $REC" \
    "$T/stderr.main" || fail "stderr does not say where: $(cat "$T/stderr.main")"
grep -qxF "| مسودة draft" "$REC" || fail "the draft is not in $REC: $(cat "$REC")"
grep -qxF "link: https://full.example/room" "$REC" || fail "no link in $REC"
grep -qx "like item=[0-9]* wanted=liked" "$REC" || fail "no like in $REC"
grep -qx "read item=[0-9]* wanted=read" "$REC" || fail "no read mark in $REC"
grep -qxF "reason: cache is full (no space left on device)" "$REC" || fail "no reason in $REC"

# 3. Room again: the reader writes as before; the recovery notice stays
# until the user acts on it.
rm -f "$DISK/fill"
tui_start room --cache "$CACHE" --offline
wait_for room "changes an earlier session could not save are in $REC"
wait_for room "Full disk"
keys room Enter
wait_gone room "changes an earlier session"
wait_for room "A disk with no room"
keys room l
wait_for room "Liked"
screen room | grep "A disk with no room" | grep -q "♥" || fail "no heart after the like"
# The draft comes back from the recovery file into the empty composer,
# and is saved this time.
keys room Enter
wait_for room "Article: "
keys room c
wait_for room "draft restored from $REC"
# 11 characters: "مسودة draft" (shown shaped, right-aligned).
wait_for room "Comment 11/400"
screen room | grep -A1 "Comment 11/400" | tail -1 | grep -q "draft" || fail "the draft is not shown"
keys room Escape
wait_for room "draft saved (c goes on"
keys room Q
check_clean_exit room
[ "$(liked https://full.example/room)" = "(1, 1)" ] || fail "the like is not stored"
"${PYTHON3:-python3}" - "$CACHE" <<'PY' || fail "the restored draft is not in the cache"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("SELECT text FROM drafts").fetchall() == [("مسودة draft",)]
PY

# 4. Started on a full disk after a clean exit (no -wal, no -shm, an empty
# lock file): the lock file takes no PID, so the cache is read read-only,
# without the fetch thread, and the reader says why. The old code exits 4
# with "cache.db.lock: No space left on device".
fill_disk
tui_start full --cache "$CACHE"
wait_for full "changes cannot be saved: cache is read-only (no space left on device); changes an earlier session could not save are in $REC"
wait_for full "offline, read-only"
# The article of the last session comes back; the like shown is the stored
# one, and unliking is refused with the reason.
wait_for full "A disk with no room"
wait_for full "♥ liked"
keys full l
wait_for full "unlike not saved: cache is read-only (no space left on device)"
wait_for full "♥ liked"
keys full Q
rc=$(wait_exit full)
[ "$rc" = 5 ] || fail "read-only session: exit status $rc, expected 5"
[ "$(liked https://full.example/room)" = "(1, 1)" ] || fail "the cache changed"

# 5. A read-only file system, with the state directory on it too: the cache
# is read (immutable: not even a -shm can be made), and the refused change,
# which no recovery file can take, is printed on stderr instead.
rm -f "$DISK/fill"
mkdir -p "$DISK/state"
mount -o remount,ro "$DISK" || fail "cannot remount the tmpfs read-only"
TUI_ENV="XDG_STATE_HOME=$DISK/state" tui_start rofs --cache "$CACHE"
wait_for rofs "changes cannot be saved: cache is read-only (read-only file system)"
wait_for rofs "A disk with no room"
keys rofs l
wait_for rofs "unlike not saved: cache is read-only (read-only file system)"
keys rofs Q
rc=$(wait_exit rofs)
[ "$rc" = 5 ] || fail "read-only file system: exit status $rc, expected 5"
grep -qF "newsreader: 1 change (likes, read marks) could not be saved in the cache, nor in a recovery file (cannot create $DISK/state/newsreader: Read-only file system); here they are:" \
    "$T/stderr.rofs" || fail "stderr: $(cat "$T/stderr.rofs")"
grep -qx "like item=[0-9]* wanted=not liked" "$T/stderr.rofs" || fail "the change is not on stderr"
exit 0
