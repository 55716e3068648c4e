#!/bin/sh
# HTML nested past libxml2's depth limit (256 open elements) loses no text
# (issue 18): the parser used to stop building the tree there, so `render`
# showed the first 253 paragraphs and dropped the rest, and `extract` found
# "no article" under deep wrappers. Elements past the limit are now opened
# at it, as siblings.
#   chain N:    N nested divs, each holding one paragraph (Arabic and
#               English alternately): render prints every paragraph, once,
#               in order: the lines the same paragraphs give side by side.
#   wrapped N:  N nested layout divs around an article of 12 paragraphs,
#               some inside further sections: extract --text prints the
#               title and every paragraph, in order; render prints the
#               lines the article gives without the wrappers.
: "${NEWSREADER:?}"
PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || { echo "no python3"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$PY" - "$tmp" <<'PY' || exit 99
import sys
tmp = sys.argv[1]
def para(i):
    return ("Paragraph %d of the deep page, still here." % i if i % 2 == 0
            else "الفقرة %d من الصفحة العميقة، ما زالت هنا." % i)
for n in (300, 5000):
    with open("%s/chain%d.html" % (tmp, n), "w") as f:
        f.write("<html><body>")
        f.write("".join("<div><p>%s</p>" % para(i) for i in range(n)))
        f.write("</div>" * n + "</body></html>\n")
    with open("%s/chain%d.flat.html" % (tmp, n), "w") as f:
        f.write("<html><body>%s</body></html>\n" % "".join("<p>%s</p>" % para(i) for i in range(n)))
    body = []
    for i in range(12):
        text = para(i) + " It has enough words, and commas, to count as prose."
        body.append("<section><div><p>%s</p></div></section>" % text if i % 3 == 0
                    else "<p>%s</p>" % text)
    article = "<article><h1>Deep wrappers</h1>%s</article>" % "".join(body)
    with open("%s/wrapped%d.html" % (tmp, n), "w") as f:
        f.write("<html><head><title>Deep wrappers</title></head><body>")
        f.write("<div class=\"layout\">" * n + article + "</div>" * n)
        f.write("</body></html>\n")
    with open("%s/wrapped%d.flat.html" % (tmp, n), "w") as f:
        f.write("<html><head><title>Deep wrappers</title></head><body>%s</body></html>\n"
                % article)
    with open("%s/wrapped%d.want" % (tmp, n), "w") as f:
        f.write("".join(para(i) + " It has enough words, and commas, to count as prose.\n"
                        for i in range(12)))
PY

# render_lines FILE OUT: the non-blank lines render prints for FILE.
render_lines() {
	"$NEWSREADER" render --width 0 "$1" 2>"$tmp/err" | grep -v '^$' >"$2" ||
	    bad "render $(basename "$1") failed: $(cat "$tmp/err")"
}

for n in 300 5000; do
	render_lines "$tmp/chain$n.flat.html" "$tmp/want"
	[ "$(wc -l <"$tmp/want")" = "$n" ] || bad "chain$n: the side-by-side oracle has $(wc -l <"$tmp/want") lines"
	render_lines "$tmp/chain$n.html" "$tmp/got"
	cmp -s "$tmp/got" "$tmp/want" ||
	    bad "render chain$n: $(wc -l <"$tmp/got") of $n paragraphs, first difference: $(diff "$tmp/want" "$tmp/got" | sed -n 2p)"

	"$NEWSREADER" extract --text "$tmp/wrapped$n.html" >"$tmp/out" 2>"$tmp/err" ||
	    bad "extract wrapped$n exited $?: $(cat "$tmp/err")"
	[ "$(sed -n 1p "$tmp/out")" = "Deep wrappers" ] || bad "extract wrapped$n: title '$(sed -n 1p "$tmp/out")'"
	grep -v '^$' "$tmp/out" | grep -v '^Deep wrappers$' >"$tmp/got"
	cmp -s "$tmp/got" "$tmp/wrapped$n.want" ||
	    bad "extract wrapped$n: $(wc -l <"$tmp/got") of 12 paragraphs: $(diff "$tmp/wrapped$n.want" "$tmp/got" | head -3)"

	render_lines "$tmp/wrapped$n.flat.html" "$tmp/want"
	render_lines "$tmp/wrapped$n.html" "$tmp/got"
	cmp -s "$tmp/got" "$tmp/want" ||
	    bad "render wrapped$n: $(wc -l <"$tmp/got") lines, not $(wc -l <"$tmp/want")"
done
[ $fail = 0 ] && echo "ok: every paragraph of 300- and 5000-deep pages rendered and extracted"
exit $fail
