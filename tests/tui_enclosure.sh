#!/bin/sh
# Enclosures (issue 16) in the reader, against tests/server.py: the article
# view lists a podcast's enclosures; d downloads the selected one through
# download-command (tests/enclosure_cmd.py, which records its argv) into a
# download-path that did not exist, with the progress on the status line,
# and the file has the served bytes; v opens one with enclosure-command and
# a hostile URL and type stay one argument each; our own fetcher downloads
# too, next to the first file without overwriting it; quitting during a
# download stops it and leaves no file. Under umask 022 the download
# directory is made 0700 and every part and downloaded file is 0600
# (SECURITY.md, "Files created for their owner only").
umask 022
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

: "${PYTHON3:=python3}"
mkdir -p "$T/www/media"
"$PYTHON3" -c 'import os,sys; open(sys.argv[1],"wb").write(os.urandom(300000))' \
    "$T/www/media/ep12.mp3"
printf 'evil bytes\n' >"$T/www/media/evil.mp3"
start_server "$T/www"
U="http://127.0.0.1:$PORT"
# The hostile URL: shell syntax in the query, quotes and a space.
EVIL="$U/media/evil.mp3?q=';touch $T/pwned;'&y=\$(id)&z=\"a b\""
EVIL_XML=$(printf '%s' "$EVIL" | sed 's/&/\&amp;/g; s/"/\&quot;/g')
cat >"$T/www/pod.xml" <<EOF2
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Podcast</title>
<item><guid>ep12</guid><title>Episode twelve</title><itunes:duration>62:03</itunes:duration><link>$U/ep12.html</link>
<description>Quantum computing, explained.</description>
<pubDate>Sun, 06 Dec 2026 12:00:00 GMT</pubDate>
<enclosure url="$U/media/ep12.mp3" length="300000" type="audio/mpeg"/>
<enclosure url="$EVIL_XML" length="11" type="audio/mpeg; x=\$(id)"/>
</item>
<item><guid>slow</guid><title>Slow episode</title><link>$U/slow.html</link>
<description>Never ends.</description>
<pubDate>Sun, 06 Dec 2026 11:00:00 GMT</pubDate>
<enclosure url="$U/slow?seconds=60" type="audio/ogg"/>
</item>
</channel></rss>
EOF2
printf '%s "~Podcast"\n' "$U/pod.xml" >"$T/config/newsreader/urls"
DL="$T/home/dl/podcasts"
CMD="$PYTHON3 $NR_SRCDIR/tests/enclosure_cmd.py"
cat >"$T/config/newsreader/config" <<EOF2
reload-on-start no
download-path $DL
max-downloads 2
download-command "$CMD --log $T/argv.log --gate $T/go %u %f"
enclosure-command "$CMD --log $T/open.log --record %u %t"
EOF2
"$NEWSREADER" reload 2>"$T/reload.err" || fail "reload failed: $(cat "$T/reload.err")"

# open_article TITLE: from the feed list, that article of All articles.
open_article() {
	keys "$2" Enter	# All articles
	wait_for "$2" "$1"
	row=$(screen "$2" | grep -n "$1" | head -1 | cut -d: -f1)
	keys "$2" g
	i=2
	while [ "$i" -lt "$row" ]; do keys "$2" j; i=$((i + 1)); done
	keys "$2" Enter
	wait_for "$2" "Article: "
}

tui_start main
wait_for main "Podcast"
open_article "Episode twelve" main
wait_for main "Enclosures (e selects, v opens, d downloads"
wait_for main "[1] audio/mpeg, 300 kB, 1:02:03: ep12.mp3"
wait_for main "[2] audio/mpeg; x=\$(id), 11 B, 1:02:03: evil.mp3"

# e selects the first, d downloads it through the command; the command
# stops at half until the gate file exists: the status line shows 50%.
keys main e
wait_for main "> [1] audio/mpeg"
keys main d
wait_for main "downloading ep12.mp3: 50% (150 kB of 300 kB)"
[ -f "$DL/ep12.mp3.part" ] || fail "no part file while downloading"
[ -e "$DL/ep12.mp3" ] && fail "the final name exists before the download ended"
[ "$(stat -c %a "$DL")" = 700 ] || fail "download-path not made 0700: $(stat -c %a "$DL")"
[ "$(stat -c %a "$DL/ep12.mp3.part")" = 600 ] ||
    fail "the part file has mode $(stat -c %a "$DL/ep12.mp3.part"), not 600"
touch "$T/go"
wait_for main "downloaded ep12.mp3 (300 kB) to $DL/ep12.mp3"
cmp -s "$DL/ep12.mp3" "$T/www/media/ep12.mp3" || fail "the downloaded bytes differ"
[ "$(stat -c %a "$DL/ep12.mp3")" = 600 ] ||
    fail "the downloaded file has mode $(stat -c %a "$DL/ep12.mp3"), not 600"
[ -e "$DL/ep12.mp3.part" ] && fail "the part file stayed"
"$PYTHON3" - "$T/argv.log" "$U/media/ep12.mp3" "$DL/ep12.mp3.part" <<'EOF2' ||
import json, sys
argv = json.loads(open(sys.argv[1], encoding="utf-8").readline())
assert argv[-2:] == [sys.argv[2], sys.argv[3]], argv
EOF2
	fail "download-command got the wrong argv: $(cat "$T/argv.log")"

# The second enclosure: v opens it with enclosure-command; its URL and its
# type arrive as one argument each, nothing of them is run.
keys main e
wait_for main "> [2] audio/mpeg"
keys main v
deadline=$(( $(date +%s) + 10 ))
while [ ! -s "$T/open.log" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "enclosure-command did not run"
	sleep 0.05
done
"$PYTHON3" - "$T/open.log" "$EVIL" 'audio/mpeg; x=$(id)' <<'EOF2' ||
import json, sys
argv = json.loads(open(sys.argv[1], encoding="utf-8").readline())
assert argv[-2:] == [sys.argv[2], sys.argv[3]], argv
EOF2
	fail "enclosure-command got the wrong argv: $(cat "$T/open.log")"
# d downloads it: the name is the path's last segment, the query dropped.
keys main d
wait_for main "downloaded evil.mp3 (11 B) to $DL/evil.mp3"
[ "$(cat "$DL/evil.mp3")" = "evil bytes" ] || fail "evil.mp3 has the wrong bytes"
[ -e "$T/pwned" ] && fail "the hostile URL ran a command"
# The downloads view lists both.
keys main D
wait_for main "Downloads (0 running or queued)"
wait_for main "done, 300 kB"
wait_for main "done, 11 B"
# Enter on the first (done) row opens the file with enclosure-command.
keys main g
keys main Enter
deadline=$(( $(date +%s) + 10 ))
while [ "$(wc -l <"$T/open.log")" -lt 2 ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the downloaded file was not opened"
	sleep 0.05
done
"$PYTHON3" - "$T/open.log" "$DL/ep12.mp3" <<'EOF2' ||
import json, sys
argv = json.loads(open(sys.argv[1], encoding="utf-8").readlines()[1])
assert argv[-2:] == [sys.argv[2], "audio/mpeg"], argv
EOF2
	fail "the file was opened with the wrong argv: $(cat "$T/open.log")"
keys main Q
check_clean_exit main

# Our own fetcher (no download-command): the same episode again lands next
# to the first as "ep12 (1).mp3", the first untouched.
grep -v '^download-command' "$T/config/newsreader/config" >"$T/config2"
mv "$T/config2" "$T/config/newsreader/config"
printf 'old\n' >"$DL/ep12.mp3"
tui_start own
wait_for own "Podcast"
open_article "Episode twelve" own
keys own e
keys own d
wait_for own "downloaded ep12 (1).mp3 (300 kB) to $DL/ep12 (1).mp3"
cmp -s "$DL/ep12 (1).mp3" "$T/www/media/ep12.mp3" || fail "our fetcher's bytes differ"
[ "$(stat -c %a "$DL/ep12 (1).mp3")" = 600 ] ||
    fail "our fetcher's download has mode $(stat -c %a "$DL/ep12 (1).mp3"), not 600"
[ "$(cat "$DL/ep12.mp3")" = old ] || fail "an existing file was overwritten"
# A download that never ends: progress while it runs, then quit stops it.
keys own q
wait_for own "All articles ("
keys own q
wait_gone own "All articles ("
open_article "Slow episode" own
wait_for own "[1] audio/ogg: slow"
keys own e
keys own d
wait_for own "B of 60 B)"
screen own | grep -qE "downloading slow: [0-9]+% \([0-9]+ B of 60 B\)" || fail "no progress of our fetcher"
[ -f "$DL/slow.part" ] || fail "no part file for the running download"
[ "$(stat -c %a "$DL/slow.part")" = 600 ] ||
    fail "our fetcher's part file has mode $(stat -c %a "$DL/slow.part"), not 600"
keys own Q
rc=$(wait_exit own 15)
[ "$rc" = 0 ] || fail "the reader exited with $rc"
grep -qF "newsreader: 1 download was stopped; its partial file was removed" "$T/stderr.own" ||
    fail "quitting did not say the download was stopped"
grep -qE 'Sanitizer|runtime error' "$T/stderr.own" && fail "sanitizer report"
[ -e "$DL/slow.part" ] && fail "the part file of the stopped download stayed"
[ -e "$DL/slow" ] && fail "a stopped download left a file"

# A mirrored interface lists them from the right edge leftwards.
printf 'ui-direction rtl\nrestore-view no\n' >>"$T/config/newsreader/config"
tui_start rtl
wait_for rtl "Podcast"
open_article "Episode twelve" rtl
keys rtl e
wait_for rtl "audio/mpeg [1] <"
screen rtl | grep -qE "^ +ep12\.mp3: 300 kB, 1:02:03, audio/mpeg \[1\] <$" ||
    fail "the enclosure line is not mirrored"
keys rtl Q
check_clean_exit rtl
echo "ok"
exit 0
