#!/bin/sh
# Size caps of the user's own files (SECURITY.md): a config file over 1 MiB,
# a urls file over 16 MiB and an OPML file over 16 MiB are refused with
# "file too large" and their exit codes, never read whole; a config and a
# urls file of exactly the cap are read (a shared or generated file cannot
# make the program read without bound).
: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || { echo "no python3"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"
cd "$tmp" || exit 99
fail=0
check() {	# check NAME WANT GOT
	if [ "$2" = "$3" ]; then printf 'ok %s\n' "$1"
	else printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"; fail=1; fi
}
# comments FILE BYTES: a file of exactly BYTES bytes of comment lines.
comments() {
	"$PY" -c 'import sys
n = int(sys.argv[2]); line = "# تعليق comment\n".encode()
d = line * (n // len(line)); d += b"#" * (n - len(d) - 1) + b"\n" if n > len(d) else b""
open(sys.argv[1], "wb").write(d[:n])' "$1" "$2" || exit 99
}
MiB=1048576

comments config.ok $MiB
comments config.big $((MiB + 1))
out=$("$NEWSREADER" --config config.ok --cache c.db print-unread 2>&1); rc=$?
check "a config of exactly 1 MiB is read" "0: 0 unread articles" "$rc: $out"
out=$("$NEWSREADER" --config config.big --cache c.db print-unread 2>&1); rc=$?
check "a config of 1 MiB + 1 byte is refused" "3: newsreader: config.big: file too large" "$rc: $out"

comments urls.ok $((16 * MiB))
comments urls.big $((16 * MiB + 1))
out=$("$NEWSREADER" --urls urls.ok --cache c.db export 2>&1 >/dev/null); rc=$?
check "a urls file of exactly 16 MiB is read" "0: " "$rc: $out"
out=$("$NEWSREADER" --urls urls.big --cache c.db reload 2>&1); rc=$?
check "a urls file of 16 MiB + 1 byte is refused" "3: newsreader: urls.big: file too large" "$rc: $out"

"$PY" -c 'import sys
head = b"<?xml version=\"1.0\"?><opml version=\"2.0\"><body>"
tail = b"<outline type=\"rss\" text=\"x\" xmlUrl=\"https://x.example/f\"/></body></opml>\n"
open("big.opml", "wb").write(head + b" " * (16 * 1048576 + 1 - len(head) - len(tail)) + tail)' ||
    exit 99
out=$("$NEWSREADER" --urls urls.new --cache c.db import big.opml 2>&1); rc=$?
check "an OPML file of 16 MiB + 1 byte is refused" "1: newsreader: big.opml: file too large" "$rc: $out"
check "and nothing was imported" "no" "$([ -e urls.new ] && echo yes || echo no)"
exit $fail
