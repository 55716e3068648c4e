#!/bin/sh
# The cache file deleted while the reader runs (issue 18, Faults: disk).
# SQLite would go on writing into the unlinked file and lose every change
# at exit; the old code said "Liked" and exited 0. Now the next key finds
# the file gone: the like, the read mark and the draft are refused with
# "the cache ... was removed", kept for the recovery file, the exit status
# is 5, stderr says what happened and where the changes are, and no new
# (empty) cache is made under the user's feet. The recovery file holds the
# draft, so under umask 022 it is still the user's alone (SECURITY.md).
umask 022
TUI_COLS=230
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

CACHE="$T/cache.db"
cat >"$T/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Removed</title><link>https://gone.example/</link>
<item><guid>g1</guid><title>A file unlinked</title><link>https://gone.example/unlinked</link>
<pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate><description>Still open, no longer named.</description></item>
<item><guid>g2</guid><title>ملف محذوف</title><link>https://gone.example/ar</link>
<pubDate>Sat, 05 Dec 2026 09:00:00 GMT</pubDate><description>ما زال مفتوحًا.</description></item>
</channel></rss>
XML
echo "file://$T/feed.xml \"~Removed\"" >"$T/config/newsreader/urls"
"$NEWSREADER" --cache "$CACHE" reload 2>"$T/reload.err" || fail "reload: $(cat "$T/reload.err")"

tui_start main --cache "$CACHE" --offline
wait_for main "Removed"
keys main Enter
wait_for main "A file unlinked"
rm "$CACHE"
keys main l
wait_for main "like not saved: the cache $CACHE was removed"
screen main | grep "A file unlinked" | grep -q "♥" && fail "a heart on a like that went nowhere"
keys main Enter
wait_for main "read mark not saved: the cache $CACHE was removed"
keys main c
wait_for main "Comment 0/400"
keys main -l "مسودة بلا مخزن"
wait_for main "draft not saved: the cache $CACHE was removed" 5
keys main Escape
wait_for main "(kept here"
keys main Q
rc=$(wait_exit main)
[ "$rc" = 5 ] || fail "exit status $rc, expected 5"
grep -q 'Sanitizer\|runtime error' "$T/stderr.main" && fail "sanitizer report"
REC=$(ls "$T/state/newsreader/"recovery-*.txt 2>/dev/null | head -1)
[ -n "$REC" ] || fail "no recovery file"
[ "$(stat -c %a "$REC")" = 600 ] || fail "recovery file $REC has mode $(stat -c %a "$REC"), not 600"
grep -qF "could not be saved in the cache; they are in $REC" "$T/stderr.main" ||
    fail "stderr does not say where: $(cat "$T/stderr.main")"
grep -qF "newsreader: the cache $CACHE was removed while the reader ran; nothing was written to it after that, and the next start makes a new one" \
    "$T/stderr.main" || fail "stderr does not say the cache was removed: $(cat "$T/stderr.main")"
grep -qxF "| مسودة بلا مخزن" "$REC" || fail "the draft is not in $REC: $(cat "$REC")"
grep -qxF "link: https://gone.example/unlinked" "$REC" || fail "no link in $REC: $(cat "$REC")"
grep -qx "like item=[0-9]* wanted=liked" "$REC" || fail "no like in $REC"
grep -qx "read item=[0-9]* wanted=read" "$REC" || fail "no read mark in $REC"
grep -qxF "reason: the cache $CACHE was removed" "$REC" || fail "no reason in $REC"
# Nothing made a new cache at the old name.
[ -e "$CACHE" ] && fail "a new cache was created at $CACHE"

# The next start makes a new cache and offers the draft back from the file.
"$NEWSREADER" --cache "$CACHE" reload 2>"$T/reload2.err" || fail "reload: $(cat "$T/reload2.err")"
tui_start again --cache "$CACHE" --offline
wait_for again "changes an earlier session could not save are in $REC"
exit 0
