#!/bin/sh
# Issue 13 in the TUI: a Latin-first Arabic paragraph and title read right
# to left (most words decide, not the first letter); a bare Arabic word
# finds its prefixed forms, and the result shows a snippet with the match
# highlighted; a table has its columns aligned. The feed says no language,
# so only the words can tell.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

cat >"$T/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Tech AR</title><link>https://ar.example/</link>
<item><guid>a1</guid><title>Google تعلن عن نموذج جديد للبحث</title>
<link>https://ar.example/a1</link><pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Google تعلن اليوم عن نموذج جديد يرفع سرعة البحث بنسبة 40%.&lt;/p&gt;
&lt;h2&gt;تفاصيل الإعلان X5&lt;/h2&gt;&lt;p&gt;نص قصير.&lt;/p&gt;</description></item>
<item><guid>a2</guid><title>K7 ارتفاع حجم التداول</title>
<link>https://ar.example/a2</link><pubDate>Sat, 05 Dec 2026 09:00:00 GMT</pubDate>
<description>&lt;p&gt;سجل البيتكوين رقما قياسيا هذا الأسبوع والمتداولون ينتظرون.&lt;/p&gt;</description></item>
<item><guid>a3</guid><title>Q9 Quiet English day</title>
<link>https://ar.example/a3</link><pubDate>Sat, 05 Dec 2026 08:00:00 GMT</pubDate>
<description>&lt;h2&gt;Details Y6&lt;/h2&gt;&lt;p&gt;Nothing about trading here.&lt;/p&gt;
&lt;table&gt;&lt;tr&gt;&lt;th&gt;Sym&lt;/th&gt;&lt;th&gt;Price&lt;/th&gt;&lt;th&gt;Move&lt;/th&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;FROG&lt;/td&gt;&lt;td&gt;3.53K&lt;/td&gt;&lt;td&gt;+3.5%&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;CATZILLA&lt;/td&gt;&lt;td&gt;12&lt;/td&gt;&lt;td&gt;-0.2%&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</description></item>
</channel></rss>
XML
echo "file://$T/feed.xml" >"$T/config/newsreader/urls"
# text-width: the article takes 50 of the 100 columns, centred (25..74).
echo "text-width 50" >"$T/config/newsreader/config"
"$NEWSREADER" reload 2>"$T/reload.err" || fail "reload: $(cat "$T/reload.err")"

tui_start main --offline
wait_for main "Tech AR"
keys main Enter
wait_for main "K7"

# The list: the Latin-first title sits at the right of its field (the feed
# column is on the right, so the title ends before it), not after the date.
row=$(screen main | grep "Google")
[ -n "$row" ] || fail "no Google title"
col=$(printf '%s\n' "$row" | awk '{ print index($0, "Google") }')
[ "$col" -gt 40 ] || fail "the Latin-first Arabic title is laid out left to right (Google at $col): $row"

# The article: its title and paragraph are right-aligned, at the right
# edge of the centred 50 columns (column 75), not of the window.
keys main g Enter
wait_for main "Article: "
n=0
screen main | grep "Google" >"$T/rows"
[ "$(wc -l <"$T/rows")" -ge 2 ] || fail "title and paragraph not both shown"
while IFS= read -r line; do
	case $line in
	"                         "*Google) n=$((n + 1)) ;;
	*) fail "a Latin-first Arabic line is not right-aligned: '$line'" ;;
	esac
done <"$T/rows"
# (Characters are columns here: shaped Arabic and ASCII are one cell each.)
while IFS= read -r line; do
	[ "$(printf '%s' "$line" | sed 's/ *$//' | wc -m)" = 75 ] ||
	    fail "the article does not end at column 75 (text-width 50): '$line'"
done <"$T/rows"
# Headings: the Arabic one keeps its rule but has no underline (it cuts
# through the letters); the English one below keeps both.
h=$(screen main | awk '/X5/ { print NR; exit }')
[ -n "$h" ] || fail "no Arabic heading"
screen main | sed -n "$((h + 1))p" | grep -q "─" || fail "no rule under the Arabic heading"
screen_e main | sed -n "${h}p" | grep -qE '\[([0-9]+;)*4(;[0-9]+)*m' &&
    fail "the Arabic heading is underlined"
screen_e main | sed -n "${h}p" | grep -qE '\[([0-9]+;)*1(;[0-9]+)*m' ||
    fail "the Arabic heading is not bold"
keys main q
wait_for main "K7"
keys main q
wait_for main "Tech AR"

# Search: a bare word finds the article that has it only with the article
# and with attached particles, and shows a highlighted snippet.
keys main /
wait_for main "Search:"
keys main -l "بيتكوين"
keys main Enter
wait_for main " result"
screen main | grep -q "K7" || fail "بيتكوين did not find البيتكوين"
screen main | grep -q "Google" && fail "بيتكوين found an unrelated article"
# The snippet row under the result has a highlighted (reverse) match.
r=$(screen main | awk '/K7/ { print NR; exit }')
screen_e main | sed -n "$((r + 1))p" | grep -qE '\[([0-9]+;)*7(;[0-9]+)*m' ||
    fail "no highlighted snippet under the result: $(screen main | sed -n "$((r + 1))p")"
keys main q
wait_for main "Tech AR"
keys main /
wait_for main "Search:"
keys main -l "تداول"
keys main Enter
wait_for main " result"
screen main | grep -q "K7" || fail "تداول did not find التداول"
screen main | grep -q "Q9" && fail "تداول found trading in English"
keys main q
wait_for main "Tech AR"
# The same word in quotes matches only as written.
keys main /
wait_for main "Search:"
keys main -l '"تداول"'
keys main Enter
wait_for main "nothing found"
keys main q
wait_for main "Tech AR"

# The table: the columns start at the same column on every row.
keys main Enter
wait_for main "Q9"
keys main G Enter
wait_for main "Article: "
wait_for main "CATZILLA"
h=$(screen main | awk '/Y6/ { print NR; exit }')
screen_e main | sed -n "${h}p" | grep -qE '\[([0-9]+;)*4(;[0-9]+)*m' ||
    fail "the English heading lost its underline"
screen main | grep -E "Sym|FROG|CATZILLA" >"$T/table"
[ "$(wc -l <"$T/table")" = 3 ] || fail "table rows: $(cat "$T/table")"

p1=$(awk 'NR==1 { print index($0, "Price") }' "$T/table")
p2=$(awk 'NR==2 { print index($0, "3.53K") }' "$T/table")
p3=$(awk 'NR==3 { print index($0, "12") }' "$T/table")
[ "$p1" = "$p2" ] && [ "$p2" = "$p3" ] || fail "second column not aligned ($p1 $p2 $p3): $(cat "$T/table")"
m1=$(awk 'NR==1 { print index($0, "Move") }' "$T/table")
m2=$(awk 'NR==2 { print index($0, "+3.5%") }' "$T/table")
m3=$(awk 'NR==3 { print index($0, "-0.2%") }' "$T/table")
[ "$m1" = "$m2" ] && [ "$m2" = "$m3" ] || fail "third column not aligned ($m1 $m2 $m3): $(cat "$T/table")"
keys main Q
check_clean_exit main
echo "tui_arabic ok"
