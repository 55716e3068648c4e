#!/bin/sh
# No escape sequence from a feed reaches the terminal (SECURITY.md): a feed
# whose title, item title, author and content carry OSC 52 (set the
# clipboard), OSC 0 (set the window title), DCS, CSI (clear the screen,
# colours) and BEL is shown in the feed list, the article list and the
# article view, while tmux records every byte the reader writes
# (pipe-pane). The same with escapes written into the cache's copy of the
# title (past the parser, which drops them first). The record holds the
# text around the sequences but no OSC or DCS introducer and nothing of
# their payloads.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

mkdir -p "$T/www"
E=$(printf '\033') B=$(printf '\007')
cat >"$T/www/esc.xml" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Esc${E}]0;PWNTITLE${B}ape feed</title><link>http://127.0.0.1/</link>
<item><title>خبر${E}]52;c;UFdOQ0xJUA==${B} عاجل${E}[2J ${E}[31mred</title>
<link>http://127.0.0.1/e1</link><guid>e1</guid><author>a${E}PPWNDCS${E}\\b</author>
<description>&lt;p&gt;Body${E}]52;c;UFdOQk9EWQ==${B} text ${E}]0;PWNBODY${B}end of article&lt;/p&gt;</description>
</item></channel></rss>
EOF
start_server "$T/www"
echo "http://127.0.0.1:$PORT/esc.xml" >"$T/config/newsreader/urls"
"$NEWSREADER" reload >/dev/null 2>"$T/reload.err" || fail "reload: $(cat "$T/reload.err")"
# The parser already drops them; the screen must too, whatever the cache
# holds (a cache written by an older version): put some back there.
"${PYTHON3:-python3}" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("UPDATE items SET title = ? WHERE guid = ?",
    ("DB\x1b]0;PWNDB\x07 title\x1bP1PWNDCS\x1b\\ \x1b[31mred", "e1")).rowcount
db.commit()
sys.exit(0 if n == 1 else 1)' "$CACHE" || fail "cannot put escapes in the cache"

tui_start main --offline
tmux -L "$SOCK" pipe-pane -o -t nr:main "cat >>'$T/raw'"
wait_for main "Escape feed"
keys main Enter
wait_for main "DB title red"
keys main Enter
wait_for main "end of article"
keys main Q
check_clean_exit main
tmux -L "$SOCK" pipe-pane -t nr:main

[ -s "$T/raw" ] || fail "tmux recorded nothing"
grep -q "end of article" "$T/raw" || fail "the record lacks the article's text"
for bad in "${E}]" "${E}P" "PWN" "UFdO"; do
	if grep -qaF -- "$bad" "$T/raw"; then
		fail "the terminal received '$(printf '%s' "$bad" | od -An -c | tr -s ' ')'"
	fi
done
echo "ok"
