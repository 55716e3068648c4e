#!/bin/sh
# Black-box tests of `newsreader extract` (CLI.md). Every
# tests/fixtures/extract/NAME.html with a NAME.expected must give exactly
# that with --text; with a NAME.expected-html, exactly that without it. The
# expected files are the spec and were checked by eye: the article and
# nothing else (no menu, share bar, widget, comment or disclaimer text),
# titles without the site's name, links and images absolute.
#
# After an intended change of output, regenerate and review every diff:
#   NR_GOLDEN_UPDATE=1 NEWSREADER=./newsreader NR_SRCDIR=/path/to/src \
#       sh /path/to/src/tests/extract.sh
: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
dir=$NR_SRCDIR/tests/fixtures/extract
tmp=$(mktemp -d) || exit 99
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0

# The page URL each fixture is extracted with (--url); none for the others.
url_of() {
	case $1 in
	ar-crypto) echo https://crypto.example/news/eth-upgrade ;;
	en-tech) echo https://bytegarden.example/blog/make-profiling.html ;;
	nested-divs) echo http://northport.example/2026/01/harbour.html ;;
	ar-1256) echo http://hay.example/news/library.asp ;;
	esac
}

bad() {
	echo "FAIL $*"
	fail=1
}

# run NAME EXPECTED-FILE [OPTION]...: extract NAME.html and compare.
golden() {
	name=$1 expected=$2
	shift 2
	url=$(url_of "$name")
	if ! "$NEWSREADER" extract ${url:+--url "$url"} "$@" "$dir/$name.html" \
	    >"$tmp/out" 2>"$tmp/err"; then
		bad "$name $*: exit status $?"; cat "$tmp/err"; return
	fi
	[ -s "$tmp/err" ] && { bad "$name $*: wrote to stderr:"; cat "$tmp/err"; }
	if [ -n "$NR_GOLDEN_UPDATE" ]; then
		cp "$tmp/out" "$expected"
		echo "updated $expected"
	elif ! diff -u "$expected" "$tmp/out"; then
		bad "$name $*: output differs from $(basename "$expected") (- expected, + got)"
	fi
}

n=0
for exp in "$dir"/*.expected; do
	name=$(basename "$exp" .expected)
	golden "$name" "$exp" --text
	n=$((n + 1))
done
for exp in "$dir"/*.expected-html; do
	name=$(basename "$exp" .expected-html)
	golden "$name" "$exp"
	n=$((n + 1))
done
[ "$n" -ge 6 ] || { echo "too few fixtures in $dir"; exit 99; }

# The HTML of the Arabic page, whatever its exact layout: boilerplate gone,
# direction kept, relative URLs absolute.
"$NEWSREADER" extract --url https://crypto.example/news/eth-upgrade \
    "$dir/ar-crypto.html" >"$tmp/ar.html" || bad "ar-crypto html: exit status $?"
for s in 'الرئيسية' 'عاجل' 'تويتر' 'شارك' 'مقالات ذات صلة' 'تحليل ممتاز' \
    'اترك تعليق' 'إخلاء المسؤولية' 'اقرأ أيضاً' 'نشرتنا البريدية' 'جميع الحقوق' \
    'الأكثر قراءة' 'تمويل لامركزي' '<script' 'dataLayer' 'href="/' 'src="/'; do
	grep -qF -- "$s" "$tmp/ar.html" && bad "ar-crypto html: still contains '$s'"
done
for s in '<h1 dir="rtl" lang="ar">عملة الإيثريوم ترتفع بعد ترقية الشبكة</h1>' \
    '<article dir="rtl" lang="ar">' \
    '<a href="https://crypto.example/reports/eth-q1">' \
    '<img src="https://crypto.example/uploads/eth-chart.png" alt="رسم بياني لسعر الإيثريوم">' \
    '<h2>ماذا يعني ذلك للمستثمرين؟</h2>' '<li>رسوم أقل على الشبكات الثانوية</li>'; do
	grep -qF -- "$s" "$tmp/ar.html" || bad "ar-crypto html: lacks '$s'"
done
head -n 1 "$tmp/ar.html" | grep -q '^<h1' || bad "ar-crypto html: does not start with <h1>"

# Without --url, relative links stay as the page wrote them.
"$NEWSREADER" extract "$dir/nested-divs.html" | grep -qF 'href="photos/thaw.html"' ||
	bad "nested-divs without --url: relative link changed"
# <base href> is honoured.
"$NEWSREADER" extract "$dir/en-tech.html" |
	grep -qF 'src="https://bytegarden.example/img/build-times.png"' ||
	bad "en-tech: <base href> not used for images"

# expect_fail STATUS MESSAGE ARGS...: stdout empty, one exact line on stderr.
expect_fail() {
	status=$1 msg=$2
	shift 2
	"$NEWSREADER" extract "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq "$status" ] || bad "extract $*: exit $rc, expected $status"
	[ -s "$tmp/out" ] && bad "extract $*: wrote to stdout"
	[ "$(cat "$tmp/err")" = "$msg" ] ||
		bad "extract $*: stderr '$(cat "$tmp/err")', expected '$msg'"
}
# A page with little prose is not refused (issue 12): its best text comes
# out, the site's menu and footer still left out.
"$NEWSREADER" extract --text "$dir/no-article.html" >"$tmp/out" 2>"$tmp/err" ||
	bad "no-article: refused ($(cat "$tmp/err"))"
grep -qF "Sorry, we could not find that page." "$tmp/out" || bad "no-article: its text is missing"
grep -qE "Privacy|Markets" "$tmp/out" && bad "no-article: menu or footer kept"
printf '<html><body><script>x()</script><div hidden>Home</div><img src=a.png></body></html>' >"$tmp/blank.html"
expect_fail 1 "newsreader: extract: $tmp/blank.html: no article found" "$tmp/blank.html"
expect_fail 1 "newsreader: extract: $tmp/missing.html: No such file or directory" "$tmp/missing.html"
: >"$tmp/empty.html"
expect_fail 1 "newsreader: extract: $tmp/empty.html: no article found" "$tmp/empty.html"
"$NEWSREADER" extract >/dev/null 2>&1; [ $? -eq 2 ] || bad "extract without FILE: exit status not 2"
"$NEWSREADER" extract --bogus x >/dev/null 2>&1; [ $? -eq 2 ] || bad "extract --bogus: exit status not 2"

# stdin and file:// read the same page.
"$NEWSREADER" extract --text - <"$dir/nested-divs.html" >"$tmp/out" &&
	cmp -s "$tmp/out" "$dir/nested-divs.expected" || bad "extract - (stdin) differs"
"$NEWSREADER" extract --text "file://$dir/ar-1256.html" >"$tmp/out" &&
	cmp -s "$tmp/out" "$dir/ar-1256.expected" || bad "extract file:// differs"

# http: through the fetch module, from a server on 127.0.0.1.
if [ -n "$PYTHON3" ] && "$PYTHON3" -c 'import http.server' 2>/dev/null; then
	"$PYTHON3" -c '
import functools, http.server, sys
class H(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), functools.partial(H, directory=sys.argv[1]))
print(s.server_address[1], flush=True)
s.serve_forever()' "$dir" >"$tmp/port" &
	server=$!
	i=0
	while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(cat "$tmp/port")
	if [ -n "$port" ]; then
		"$NEWSREADER" extract --text "http://127.0.0.1:$port/ar-1256.html" >"$tmp/out" &&
			cmp -s "$tmp/out" "$dir/ar-1256.expected" || bad "extract http:// differs"
		"$NEWSREADER" extract "http://127.0.0.1:$port/nested-divs.html" |
			grep -qF "href=\"http://127.0.0.1:$port/photos/thaw.html\"" ||
			bad "extract http://: links not resolved against the page URL"
		expect_fail 1 "newsreader: extract: http://127.0.0.1:$port/none.html: HTTP 404" \
			"http://127.0.0.1:$port/none.html"
	else
		bad "test server did not start"
	fi
fi
"$NEWSREADER" --offline extract http://127.0.0.1:9/x.html >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] && [ ! -s "$tmp/out" ] &&
	[ "$(cat "$tmp/err")" = "newsreader: extract: http://127.0.0.1:9/x.html: not fetched with --offline" ] ||
	bad "--offline extract URL: $(cat "$tmp/err")"
[ "$fail" -eq 0 ] && echo "extract: $n golden outputs and the CLI checks ok"
exit "$fail"
