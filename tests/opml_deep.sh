#!/bin/sh
# OPML nested past libxml2's depth limit (issue 18): the whole import used
# to fail with libxml2's "Excessive depth in document: 256 use
# XML_PARSE_HUGE option". Now every feed is imported, the deep ones
# flattened (with the folder titles above the limit as tags), at 300 and
# 5000 levels; and with the depth limit lifted, an entity declaration (a
# billion laughs) is still refused at once, nothing imported.
: "${NEWSREADER:?}"
PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || { echo "no python3"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/xdg" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$PY" - "$tmp" <<'PY' || exit 99
import sys
tmp = sys.argv[1]
for n in (300, 5000):
    parts = ['<?xml version="1.0"?>\n<opml version="2.0"><head><title>Deep</title></head><body>\n']
    want = []
    for i in range(n):
        parts.append('<outline text="مجلد %d">' % i)
        if i % 50 == 0 or i == n - 1:
            parts.append('<outline type="rss" text="Feed %d" xmlUrl="https://deep.example/%d.xml"/>'
                         % (i, i))
            want.append("https://deep.example/%d.xml" % i)
    parts.append("</outline>" * n)
    parts.append('\n<outline type="rss" text="After" xmlUrl="https://deep.example/after.xml"/>'
                 '</body></opml>\n')
    want.append("https://deep.example/after.xml")
    open("%s/deep%d.opml" % (tmp, n), "w").write("".join(parts))
    open("%s/deep%d.want" % (tmp, n), "w").write("".join(u + "\n" for u in want))
laughs = ['<?xml version="1.0"?>\n<!DOCTYPE opml [\n<!ENTITY a "haha">\n']
for i in range(1, 12):
    laughs.append('<!ENTITY %s "%s">\n' % (chr(97 + i), ("&%s;" % chr(96 + i)) * 10))
laughs.append(']>\n<opml version="2.0"><body>' + '<outline text="x">' * 400 +
              '<outline type="rss" text="&l;" xmlUrl="https://x.example/f"/>' +
              '</outline>' * 400 + '</body></opml>\n')
open("%s/laughs.opml" % tmp, "w").write("".join(laughs))
PY

for n in 300 5000; do
	"$NEWSREADER" --urls "$tmp/urls$n" import "$tmp/deep$n.opml" 2>"$tmp/err"; rc=$?
	[ "$rc" = 0 ] || bad "import deep$n exited $rc: $(cat "$tmp/err")"
	want=$(wc -l <"$tmp/deep$n.want")
	grep -qx "newsreader: import: $want added, 0 skipped (already in $tmp/urls$n)" "$tmp/err" ||
	    bad "import deep$n said: $(cat "$tmp/err")"
	cut -d' ' -f1 "$tmp/urls$n" >"$tmp/got" 2>/dev/null
	cmp -s "$tmp/got" "$tmp/deep$n.want" || bad "deep$n: imported $(wc -l <"$tmp/got") of $want feeds"
	# The first feeds keep all their folders as tags, outermost first.
	grep -q '^https://deep.example/50.xml "مجلد 0" "مجلد 1" ' "$tmp/urls$n" ||
	    bad "deep$n: folder titles lost: $(sed -n 2p "$tmp/urls$n" | cut -c1-80)"
done

start=$(date +%s)
"$NEWSREADER" --urls "$tmp/urls-laughs" import "$tmp/laughs.opml" 2>"$tmp/err"; rc=$?
[ "$rc" = 1 ] || bad "entity bomb: exit $rc"
[ "$(cat "$tmp/err")" = "newsreader: $tmp/laughs.opml: line 2: entity declarations are not allowed" ] ||
    bad "entity bomb said: $(cat "$tmp/err")"
[ -e "$tmp/urls-laughs" ] && bad "entity bomb: a urls file was written"
[ $(( $(date +%s) - start )) -lt 10 ] || bad "entity bomb took too long"
[ $fail = 0 ] && echo "ok: deep OPML imported whole; entity declarations still refused"
exit $fail
