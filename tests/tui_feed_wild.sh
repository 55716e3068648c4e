#!/bin/sh
# Feeds as the web serves them (issue 11): text after stray control
# characters and mojibake (U+009D after "â€") survives byte for byte from
# the document through `reload` into the cache and onto the screen (the
# article list and the article view, in tmux); damaged XML is stored with
# every item and its text as written, and the feed shows as recovered in
# the errors view (E), not as failed.
TUI_COLS=160
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/feeds"
U="http://127.0.0.1:$PORT"
cat >"$T/config/newsreader/urls" <<EOF2
$U/mojibake-controls.xml
$U/controls-every.json
$U/damage-broken-xml.xml
$U/damage-halt.xml
$U/dates-wild.xml
$U/bidi-marks.xml
EOF2

"$NEWSREADER" reload 2>"$T/reload.err" || fail "reload failed: $(cat "$T/reload.err")"
for f in mojibake-controls.xml controls-every.json damage-broken-xml.xml damage-halt.xml \
    dates-wild.xml bidi-marks.xml; do
	grep -q "^newsreader: $U/$f: [0-9]* new or changed articles*\$" "$T/reload.err" ||
	    fail "$f not stored as a success: $(cat "$T/reload.err")"
done

# The cache holds the text after each control, byte for byte.
q() { sqlite3 "$CACHE" "$1"; }
[ "$(q "SELECT title FROM items WHERE guid = 'm1'")" = "He said â€œyesâ€ and left" ] ||
    fail "mojibake title in the cache: '$(q "SELECT title FROM items WHERE guid = 'm1'")'"
[ "$(q "SELECT title FROM items WHERE guid = 'm3'")" = "Open string Pq never closed, text stays" ] ||
    fail "unterminated escape string ate the title in the cache"
want=$(printf 'w%02x' 1 2 3 4 5 6 7 8 11 12 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 \
    127 128 129 130 131 132 133 134 135 136 137 138 139 140 141 142 143 144 145 146 147 148 149 \
    150 151 152 153 154 155 156 157 158 159)end
[ "$(q "SELECT title FROM items WHERE guid = 'c1'")" = "$want" ] ||
    fail "every-control title in the cache: '$(q "SELECT title FROM items WHERE guid = 'c1'")'"
q "SELECT coalesce(summary, '') || coalesce(content, '') FROM items WHERE guid = 'm1'" |
    grep -q "Body â€ keeps going to the end." || fail "the body was cut in the cache"

# Damaged XML: every item, the text as written, a note and no failure.
[ "$(q "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id
    WHERE f.url = '$U/damage-broken-xml.xml'")" = 3 ] || fail "broken XML: not 3 items"
[ "$(q "SELECT title FROM items WHERE guid = 'bx-1'")" = 'Tom & Jerry at the "Café" ABC' ] ||
    fail "bare & lost text: '$(q "SELECT title FROM items WHERE guid = 'bx-1'")'"
[ "$(q "SELECT title FROM items WHERE guid = 'bx-2'")" = "سعر الذهب < سعر الأمس & الفضة <3" ] ||
    fail "bare < lost text: '$(q "SELECT title FROM items WHERE guid = 'bx-2'")'"
[ "$(q "SELECT link FROM items WHERE guid = 'bx-1'")" = "https://broken.example/show?id=7&ref=rss&x=1" ] ||
    fail "bare & in a URL"
[ "$(q "SELECT coalesce(last_error, '-') || '|' || recovered FROM feeds
    WHERE url = '$U/damage-broken-xml.xml'")" = "-|line 8: a bare & in text, kept as text" ] ||
    fail "recovered note in the cache: '$(q "SELECT last_error, recovered FROM feeds")'"
[ "$(q "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id
    WHERE f.url = '$U/damage-halt.xml'")" = 2 ] || fail "halted XML: not the 2 items before it"
[ "$(q "SELECT count(*) FROM feeds WHERE recovered IS NULL")" = 4 ] ||
    fail "a sound document is marked as recovered"

# Dates: an unknown zone is UTC; an unreadable date is the first-seen time.
[ "$(q "SELECT published FROM items WHERE guid = 'w3'")" = 1767621780 ] ||
    fail "unknown time zone: published $(q "SELECT published FROM items WHERE guid = 'w3'")"
[ "$(q "SELECT published || '|' || (date = first_seen) FROM items WHERE guid = 'w8'")" = "0|1" ] ||
    fail "unreadable date not replaced by the first-seen time"

# Bidi marks and isolates stay in the cache for the layout engine; the
# overrides do not.
[ "$(q "SELECT hex(title) FROM items WHERE guid = 'b1'")" = \
    "$(printf 'سعر \342\201\246iPhone 17\342\201\251 في السوق\342\200\217!' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" ] ||
    fail "isolates or RLM lost from the title in the cache"
[ "$(q "SELECT title FROM items WHERE guid = 'b2'")" = "invoicefdp.exe stays plain" ] ||
    fail "an override survived into the cache"

# The screen: the list shows the whole title, the article its whole body.
tui_start main --offline
wait_for main "All articles"
keys main /
wait_for main "Search:"
keys main -l "keeps going"
keys main Enter
wait_for main " results)"
wait_for main "He said â€œyesâ€ and left"
keys main Enter
wait_for main "Article: "
wait_for main "Body â€ keeps going to the end."
keys main q
keys main q
keys main /
wait_for main "Search:"
keys main -l "باقٍ"
keys main Enter
wait_for main " results)"
wait_for main "w01w02w03w04w05w06w07w08w0bw0c"
keys main Enter
wait_for main "Article: "
# The title is one long word, split across lines at the width: join them.
deadline=$(( $(date +%s) + 5 ))
until screen main | tr -d '\n ' | grep -q "$want"; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the article view lost part of '$want'"
	sleep 0.05
done

# The marks shape the layout but are never printed.
has_bidi_control() {
	LC_ALL=C grep -q "$(printf '\342\200\216\|\342\200\217\|\342\201\246\|\342\201\247\|\342\201\250\|\342\201\251\|\330\234')"
}
printf 'x\342\201\246y\n' | has_bidi_control || fail "has_bidi_control does not see U+2066"
keys main q
keys main q
keys main /
wait_for main "Search:"
keys main -l "iPhone"
keys main Enter
wait_for main " results)"
wait_for main "iPhone 17"
screen main | has_bidi_control &&
    fail "a bidi control reached the screen"
keys main Enter
wait_for main "Article: "
wait_for main "v2.0"
screen main | has_bidi_control &&
    fail "a bidi control reached the article view"

# The errors view: the recovered feeds as notes, no failure.
keys main q
keys main q
wait_for main "All articles"
keys main E
wait_for main "Feeds whose last fetch failed"
wait_for main "No feed has failed."
wait_for main "damage-broken-xml.xml: recovered: line 8: a bare & in text, kept as text"
screen main | grep "damage-halt.xml: recovered: line 10: " | grep -q "^ *~" ||
    fail "the halted feed is not listed as recovered with a ~"
screen main | grep -q "mojibake-controls.xml" && fail "a sound feed is listed in the errors view"
exit 0
