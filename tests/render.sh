#!/bin/sh
# `newsreader render` as CLI.md specifies it: golden screen lines of text
# fixtures at several widths (visual order, RTL lines right-aligned, shaped
# or not), then exit codes and error messages.
# Goldens: tests/fixtures/text/NAME.txt -> NAME.wN.expected (shaped) and
# NAME.wN.noshape.expected; regenerate with NR_REGEN=1 and review the diff.
nr=${NEWSREADER:?}
fx=${NR_SRCDIR:?}/tests/fixtures/text
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

bad() { echo "FAIL: $*"; fail=1; }

golden() {	# name width [--no-shape]
	suffix=w$2${3:+.noshape}
	exp=$fx/$1.$suffix.expected
	"$nr" render --input text --width "$2" $3 "$fx/$1.txt" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 0 ] || { bad "$1 width $2 $3: exit $rc: $(cat "$tmp/err")"; return; }
	if [ -n "$NR_REGEN" ]; then cp "$tmp/out" "$exp"; return; fi
	cmp -s "$tmp/out" "$exp" || { bad "$1 width $2 $3 differs:"; diff "$exp" "$tmp/out" | head -20; }
}

for w in 0 20 40 80; do
	golden news-ar $w
	golden mixed $w
done
golden news-ar 40 --no-shape
golden news-ar 0 --no-shape
golden crlf 20
golden hostile 0

# --input text: one output line per input line with --width 0, an empty
# input line gives an empty output line; no line has trailing spaces.
n_in=$(wc -l <"$fx/news-ar.txt")
n_out=$("$nr" render --input text --width 0 "$fx/news-ar.txt" | wc -l)
[ "$n_in" -eq "$n_out" ] || bad "width 0: $n_in lines in, $n_out out"
if "$nr" render --input text --width 40 "$fx/mixed.txt" | grep -q ' $'; then
	bad "trailing spaces printed"
fi
# RTL lines are right-aligned to the width: every line of the Arabic
# paragraphs ends exactly at column 40 (display width, via python3).
"$nr" render --input text --width 40 "$fx/news-ar.txt" >"$tmp/w40"
"${PYTHON3:-python3}" - "$tmp/w40" <<'PY' || bad "RTL lines not right-aligned at 40"
import sys, unicodedata
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w
bad = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
       if l and width(l) != 40]
sys.exit(1 if bad else 0)
PY

# Standard input; an RLO reorders (UAX #9) but is not printed.
printf 'abc \342\200\256xyz\n' | "$nr" render --input text --width 0 - >"$tmp/stdin" ||
	bad "render - failed"
printf 'abc zyx\n' | cmp -s - "$tmp/stdin" || bad "stdin/RLO: got $(cat "$tmp/stdin")"
# Explicit bidi controls are never printed.
if "$nr" render --input text --width 0 "$fx/hostile.txt" |
	grep -q "$(printf '\342\200[\252-\256\216\217]\|\342\201[\246-\251]\|\330\234\|\033')"; then
	bad "a bidi control or ESC was printed"
fi

# Errors: a missing file exits 1 naming it; bad option values exit 2.
"$nr" render --input text "$tmp/missing.txt" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || bad "missing file: exit $rc"
grep -qx "newsreader: render: $tmp/missing.txt: No such file or directory" "$tmp/err" ||
	bad "missing file message: $(cat "$tmp/err")"
for args in "--width abc" "--width -3" "--dir up" "--input pdf" "--bogus" ""; do
	# shellcheck disable=SC2086
	"$nr" render $args "$fx/mixed.txt" >/dev/null 2>"$tmp/err" </dev/null
	rc=$?
	[ -n "$args" ] || { "$nr" render >/dev/null 2>"$tmp/err"; rc=$?; }
	[ $rc -eq 2 ] || bad "render $args: exit $rc, expected 2"
	[ -s "$tmp/err" ] || bad "render $args: no message"
	head -1 "$tmp/err" | grep -q '^newsreader: render: ' || bad "render $args: $(head -1 "$tmp/err")"
done

[ $fail -eq 0 ] && echo "render ok"
exit $fail
