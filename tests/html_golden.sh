#!/bin/sh
# Golden tests of HTML layout: every tests/fixtures/html/NAME.html is laid
# out by `newsreader render --input html --width 60` and must match
# NAME.expected byte for byte. Each construct has an English (-en) and an
# Arabic (-ar) fixture. The expected files are the spec: each was checked by
# eye (Arabic right-aligned, its first words at the right of the first line,
# markers and quote bars on the right).
#
# After an intended change of output, regenerate from the build tree and
# review every diff by eye before committing it:
#   NR_GOLDEN_UPDATE=1 NEWSREADER=./newsreader NR_SRCDIR=/path/to/src \
#       sh /path/to/src/tests/html_golden.sh
#   git diff tests/fixtures/html
: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
dir=$NR_SRCDIR/tests/fixtures/html
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT
fail=0 n=0

for html in "$dir"/*.html; do
	name=$(basename "$html" .html)
	case $name in
	*-en) [ -f "$dir/${name%-en}-ar.html" ] || { echo "FAIL $name: no Arabic twin"; fail=1; } ;;
	*-ar) [ -f "$dir/${name%-ar}-en.html" ] || { echo "FAIL $name: no English twin"; fail=1; } ;;
	*) echo "FAIL $name: name must end in -en or -ar"; fail=1 ;;
	esac
	n=$((n + 1))
	if ! "$NEWSREADER" render --input html --width 60 "$html" >"$tmp" 2>"$tmp.err"; then
		echo "FAIL $name: render exited non-zero:"; cat "$tmp.err"; fail=1
		rm -f "$tmp.err"; continue
	fi
	if [ -s "$tmp.err" ]; then
		echo "FAIL $name: render wrote to stderr:"; cat "$tmp.err"; fail=1
	fi
	rm -f "$tmp.err"
	if [ -n "$NR_GOLDEN_UPDATE" ]; then
		cp "$tmp" "$dir/$name.expected"
		echo "updated $name.expected"
	elif ! diff -u "$dir/$name.expected" "$tmp"; then
		echo "FAIL $name: output differs from $name.expected (- expected, + got)"
		fail=1
	fi
done
[ "$n" -gt 0 ] || { echo "no fixtures in $dir"; exit 99; }
[ "$fail" -eq 0 ] && echo "html golden: $n fixtures ok"
exit "$fail"
