#!/bin/sh
# Full text in the article view (issue 12): `newsreader reload` stores the
# full articles of a summary-only feed; in the reader, f switches an
# article between the feed's text and the full article, fetching it on
# demand when it is not stored (online); with the server stopped and
# --offline, f shows the stored article, and a page that failed (timed
# out) keeps the feed's text and says why. The title bar says which text
# is shown.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

mkdir -p "$T/www"
cp "$NR_SRCDIR/tests/fixtures/fulltext/en-story.html" \
    "$NR_SRCDIR/tests/fixtures/fulltext/slow-story.html" "$T/www/"
cp "$NR_SRCDIR/tests/fixtures/fulltext/en-story.html" "$T/www/other-story.html"
start_server "$T/www"
U="http://127.0.0.1:$PORT"
item() {	# guid title path description date
	printf '<item><guid>%s</guid><title>%s</title><link>%s</link><description>%s</description><pubDate>%s</pubDate></item>\n' \
	    "$1" "$2" "$U$3" "$4" "$5"
}
{
	printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Summaries</title>\n'
	item ferry "Night ferries return" /en-story.html "Ferries run again tonight." \
	    "Sun, 06 Dec 2026 12:00:00 GMT"
	item slow "A page that is slow" /delay/6000/slow-story.html "Slow page summary." \
	    "Sun, 06 Dec 2026 11:00:00 GMT"
	printf '</channel></rss>\n'
} >"$T/www/summary.xml"
{
	printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Other</title>\n'
	item other "On demand story" /delay/1500/other-story.html "Only asked for by hand." \
	    "Sun, 06 Dec 2026 10:00:00 GMT"
	printf '</channel></rss>\n'
} >"$T/www/other.xml"
cat >"$T/config/newsreader/urls" <<EOF2
$U/summary.xml "~Summaries"
$U/other.xml full-text:no "~Other"
EOF2
printf 'full-text auto\ndownload-timeout 2\nreload-on-start no\n' >"$T/config/newsreader/config"

"$NEWSREADER" reload 2>"$T/reload.err" || fail "reload failed: $(cat "$T/reload.err")"
grep -qx "full text: 1 page stored, 1 failed" "$T/reload.err" ||
    fail "reload did not store the page: $(cat "$T/reload.err")"

# open_article TITLE: from the feed list, the article of that title.
open_article() {
	row=$(screen main | grep -n "$1" | head -1 | cut -d: -f1)
	[ -n "$row" ] || fail "no '$1' on the screen"
	keys main g
	i=2
	while [ "$i" -lt "$row" ]; do keys main j; i=$((i + 1)); done
	keys main Enter
	wait_for main "Article: "
}

# Online: an article of a full-text:no feed is fetched when f asks for it.
tui_start main
wait_for main "Summaries"
keys main Enter	# All articles
wait_for main "On demand story"
open_article "On demand story"
wait_for main "Only asked for by hand."
wait_for main "(feed text,"
keys main f
# The page takes 1.5 s: the status line says so and the keys still work.
wait_for main "fetching the full article..."
wait_for main "(feed text, fetching full article,"
keys main '?'
wait_for main "Keys (q to go back)"
keys main G
wait_for main "show the full article from its web page"
wait_for main "showing the full article" 15	# the status line, under the help
keys main q
# The page came while the help was on top: the article shows it all the same.
wait_for main "Captain Ilse Varro" 15
wait_for main "(full article,"
wait_for main "showing the full article"
screen main | grep -q "Only asked for by hand." && fail "the feed's text is still shown"
keys main Q
check_clean_exit main
tmux -L "$SOCK" kill-window -t nr:main 2>/dev/null

# The server goes away; the stored articles read offline.
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=
tui_start main --offline
wait_for main "Article: Other"	# the last view, restored
keys main q
wait_for main "Night ferries return"
open_article "Night ferries return"
wait_for main "Ferries run again tonight."
wait_for main "(feed text,"
screen main | grep -q "Captain Ilse Varro" && fail "the full article shows before f"
keys main f
wait_for main "Captain Ilse Varro"
wait_for main "(full article,"
screen main | grep -q "Ferries run again tonight." && fail "the feed's text is still shown"
screen main | grep -q "All rights reserved" && fail "the page's footer is shown"
keys main f
wait_for main "Ferries run again tonight."
wait_for main "showing the feed's text"
wait_for main "(feed text,"

# The page that timed out: the feed's text stays, with the reason.
keys main q
wait_for main "A page that is slow"
open_article "A page that is slow"
wait_for main "Slow page summary."
keys main f
wait_for main "full article failed: timeout after 2 s"
wait_for main "(feed text,"
screen main | grep -q "Slow page summary." || fail "the feed's text is gone"
keys main Q
check_clean_exit main
echo "tui_fulltext ok"
