#!/bin/sh
# newsreader import-newsboat (issue 16): a newsboat config with every
# setting the issue names and lines that cannot be translated, its urls
# file and a cache.db built here with newsboat's schema. Checks the
# translated config, the report (every line translated or left out with
# its line number and reason), the read/flagged states in our cache, that
# the user's config and newsboat's cache are never modified, and the
# "did you mean" errors for newsboat names in newsreader's own config.
: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
command -v "${PYTHON3:-python3}" >/dev/null 2>&1 || { echo "no python3"; exit 77; }
PY=${PYTHON3:-python3}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
    XDG_STATE_HOME="$tmp/state"
fail=0
check() {	# check NAME EXPECTED ACTUAL
	if [ "$2" != "$3" ]; then
		printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"; fail=1
	else
		printf 'ok %s\n' "$1"
	fi
}
has_line() {	# has_line NAME FILE LINE: LINE is a whole line of FILE
	if grep -qxF -- "$3" "$2"; then printf 'ok %s\n' "$1"
	else printf 'FAIL %s: no line\n  %s\nin %s:\n' "$1" "$3" "$2"; cat "$2"; fail=1; fi
}
same() {	# same NAME A B: byte-identical files
	if cmp -s "$2" "$3"; then printf 'ok %s\n' "$1"
	else printf 'FAIL %s: %s and %s differ\n' "$1" "$2" "$3"; fail=1; fi
}

NB="$HOME/.newsboat"
mkdir -p "$NB"
cp "$NR_SRCDIR/tests/fixtures/newsboat/config" "$NR_SRCDIR/tests/fixtures/newsboat/urls" "$NB/"
# newsboat's cache (the schema of its src/cache.cpp, schema 2.11).
"$PY" - "$NB/cache.db" <<'PYEOF' || exit 99
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
CREATE TABLE rss_feed (rssurl VARCHAR(1024) PRIMARY KEY NOT NULL, url VARCHAR(1024) NOT NULL,
  title VARCHAR(1024) NOT NULL, lastmodified INTEGER(11) NOT NULL DEFAULT 0,
  is_rtl INTEGER(1) NOT NULL DEFAULT 0, etag VARCHAR(128) NOT NULL DEFAULT "");
CREATE TABLE rss_item (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, guid VARCHAR(64) NOT NULL,
  title VARCHAR(1024) NOT NULL, author VARCHAR(1024) NOT NULL, url VARCHAR(1024) NOT NULL,
  feedurl VARCHAR(1024) NOT NULL, pubDate INTEGER NOT NULL, content VARCHAR(65535) NOT NULL,
  unread INTEGER(1) NOT NULL, enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024),
  enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52),
  deleted INTEGER(1) NOT NULL DEFAULT 0, base VARCHAR(128) NOT NULL DEFAULT "");
CREATE TABLE google_replay (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  guid VARCHAR(64) NOT NULL, state INTEGER NOT NULL, ts INTEGER NOT NULL);
CREATE TABLE metadata (db_schema_version_major INTEGER NOT NULL,
  db_schema_version_minor INTEGER NOT NULL);
INSERT INTO metadata VALUES (2, 11);
CREATE INDEX idx_guid ON rss_item(guid);
""")
db.executemany("INSERT INTO rss_feed (rssurl, url, title) VALUES (?, ?, ?)", [
  ("https://news.example/rss", "https://news.example/", "أخبار اليوم"),
  ("https://tech.example/atom.xml", "https://tech.example/", "Tech Daily"),
  ("https://gone.example/feed.xml", "https://gone.example/", "Gone"),
])
items = [
  # guid, title, author, url, feedurl, pubDate, content, unread, flags, deleted
  ("https://news.example/a1", "بيتكوين يرتفع فوق مئة ألف", "سارة", "https://news.example/a1",
   "https://news.example/rss", 1764000000, "<p>ارتفع سعر <b>بيتكوين</b> اليوم.</p>", 0, "", 0),
  ("a2", "الذكاء الاصطناعي في المدارس", "", "https://news.example/a2",
   "https://news.example/rss", 1764100000, "<p>نص المقال</p>", 1, "s", 0),
  ("a3", "مقال محذوف", "", "https://news.example/a3",
   "https://news.example/rss", 1764200000, "<p>حذف</p>", 1, "", 1),
  ("tag:tech,1", "Rust 2.0 released", "Ann", "https://tech.example/1",
   "https://tech.example/atom.xml", 1764000500, "<p>Big news.</p>", 0, "ab", 0),
  ("tag:tech,2", "A new terminal", "Ann", "https://tech.example/2",
   "https://tech.example/atom.xml", 1764000600, "<p>More.</p>", 1, None, 0),
  ("https://gone.example/c1", "Old story", "", "https://gone.example/c1",
   "https://gone.example/feed.xml", 1700000000, "", 0, "", 0),
]
db.executemany("INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content,"
               " unread, flags, deleted) VALUES (?,?,?,?,?,?,?,?,?,?)", items)
db.commit()
db.close()
PYEOF
cp "$NB/cache.db" "$tmp/nb-cache.orig"

# Our cache already has the tech feed: tag:tech,1 (unread here, read and
# flagged in newsboat) and tag:tech,0, which newsboat never saw.
CACHE="$XDG_DATA_HOME/newsreader/cache.db"
mkdir -p "$XDG_DATA_HOME/newsreader"
: > "$CACHE"
"$NEWSREADER" print-unread >/dev/null || exit 99
"$PY" - "$CACHE" <<'PYEOF' || exit 99
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO feeds (url, user_title) VALUES ('https://tech.example/atom.xml', 'My tech')")
db.executemany("INSERT INTO items (feed_id, guid, title, link, date, content_hash, first_seen, read)"
               " VALUES (1, ?, ?, ?, 1764000000, 0, 0, 0)",
               [("tag:tech,0", "Earlier", "https://tech.example/0"),
                ("tag:tech,1", "Rust 2.0 released", "https://tech.example/1")])
db.commit()
PYEOF

# 1. No newsreader config or urls yet: both written; default dir ~/.newsboat.
"$NEWSREADER" import-newsboat >"$tmp/out" 2>"$tmp/err"; rc=$?
check "import exit" 0 "$rc"
check "import stdout empty" "" "$(cat "$tmp/out")"
CONF="$XDG_CONFIG_HOME/newsreader/config"
check "config written" "yes" "$(test -f "$CONF" && echo yes || echo no)"
for l in "auto-reload 30" "max-items 200" "keep-articles-days 90" "show-read-feeds no" \
    "show-read-articles no" 'browser "firefox --new-tab %u"' "text-width 72" \
    "reload-on-start yes" 'date-format "%d %b"' \
    "bookmark-command $HOME/bin/bookmark.sh %u %t" \
    "notify-program $HOME/bin/notify.sh \"newsboat: %n new articles in %f feeds\"" \
    "download-path ~/Podcasts/%h/%n" "max-downloads 3" "enclosure-command mpv --no-video %u" \
    "ignore-mode display" 'ignore-article * "title =~ \"إعلان\""' \
    'ignore-article https://news.example/rss "author = \"Spam Bot\""' \
    "bind j down" "bind k up" "bind C-d page-down" "bind Space page-down" "bind Enter open" \
    "bind F toggle-show-read-feeds" "bind / search" "bind C-f clear-filter" "bind f limit" \
    "bind A none" "macro v toggle-read ; next-unread" "macro p open ; open-in-browser" \
    "color normal white default" "color selected black yellow bold" \
    "color unread cyan default bold" "color status white blue bold" \
    "color title white blue bold"; do
	has_line "config: $l" "$CONF" "$l"
done
# Left-out lines are comments in the new config, with the reason.
has_line "config keeps a left-out line as comment" "$CONF" \
    "# line 50, left out: proxy 127.0.0.1:8118"
has_line "config: its reason" "$CONF" \
    "# (newsreader uses libcurl's environment: set https_proxy (or http_proxy, all_proxy) instead)"

# The report: one line per setting line of newsboat's file, by number.
check "report summary" \
    "newsreader: import-newsboat: config $NB/config: 35 lines translated, 19 left out" \
    "$(sed -n 1p "$tmp/err")"
missing=""
for n in $(grep -nvE '^[[:space:]]*(#|$)' "$NB/config" | cut -d: -f1); do
	grep -q "^  line $n: " "$tmp/err" || missing="$missing $n"
done
check "every line reported" "" "$missing"
for l in \
    "  line 2: auto-reload yes -> auto-reload 30 (minutes from reload-time (line 3))" \
    "  line 3: reload-time 30: with auto-reload (line 2)" \
    "  line 12: bookmark-cmd \"~/bin/bookmark.sh\" -> bookmark-command $HOME/bin/bookmark.sh %u %t (newsreader passes the URL and the title (%u %t), not the description and feed title)" \
    "  line 23: bind-key k up feedlist -> bind k up (context 'feedlist' dropped: newsreader's keys work in every view)" \
    "  line 31: left out: bind-key x goto-url: newsboat's operation 'goto-url' has no newsreader action" \
    "  line 33: left out: unbind-key -a: newsreader cannot drop every default key at once: bind KEY none for each" \
    "  line 35: left out: macro o set browser \"mpv %u\" ; open-in-browser ; set browser \"firefox %u\": macro step 'set browser' has arguments: newsreader's macros run actions only" \
    "  line 41: left out: color listfocus_unread yellow blue bold: newsreader has no separate colour for the selected unread line (listfocus sets selected)" \
    "  line 42: color info white blue bold protect -> color status white blue bold;color title white blue bold (attribute protect dropped: newsreader has no such attribute)" \
    "  line 45: left out: color hint-key color300 default: colour 'color300' cannot be translated (expected default, a colour name or color0 to color255)" \
    "  line 47: left out: articlelist-format \"%4i %f %D %?T?|%-17T| ?%t\": newsreader's lists and title bars have a fixed layout" \
    "  line 53: left out: highlight article \"بيتكوين\" red default bold: newsreader has no highlight rules" \
    "  line 55: left out: feedlist-format \`echo \"%t\"\`: runs a command (\`...\`) for its value, which newsreader's config never does" \
    "  line 56: left out: no-such-setting 3: 'no-such-setting' is not a newsboat setting newsreader knows" \
    "  line 57: left out: max-items lots: value cannot be translated: 'lots' is not a number" \
    "  line 58: left out: urls-source miniflux: newsreader syncs only with Tiny Tiny RSS (ttrss) and Google Reader API servers (freshrss)"; do
	has_line "report: $l" "$tmp/err" "$l"
done
has_line "report: config written" "$tmp/err" "newsreader: import-newsboat: wrote $CONF"

# The urls file came over byte for byte.
same "urls copied" "$NB/urls" "$XDG_CONFIG_HOME/newsreader/urls"
has_line "report: urls" "$tmp/err" \
    "newsreader: import-newsboat: urls: copied $NB/urls to $XDG_CONFIG_HOME/newsreader/urls"

# The cache: counts, states, Arabic titles, deleted item left out.
has_line "report: cache counts" "$tmp/err" \
    "newsreader: import-newsboat: imported 5 articles from 3 feeds: 3 read, 2 starred (4 new to the cache, 1 deleted in newsboat left out)"
check "print-unread after import" "3 unread articles" "$("$NEWSREADER" print-unread)"
state=$("$PY" - "$CACHE" <<'PYEOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute("SELECT f.url, coalesce(f.user_title, f.doc_title), i.guid, i.title,"
                      " i.read, i.starred FROM items i JOIN feeds f ON f.id = i.feed_id"
                      " ORDER BY f.url, i.guid"):
    print("|".join(str(x) for x in row))
PYEOF
)
want="https://gone.example/feed.xml|Gone|https://gone.example/c1|Old story|1|0
https://news.example/rss|أخبار اليوم|a2|الذكاء الاصطناعي في المدارس|0|1
https://news.example/rss|أخبار اليوم|https://news.example/a1|بيتكوين يرتفع فوق مئة ألف|1|0
https://tech.example/atom.xml|My tech|tag:tech,0|Earlier|0|0
https://tech.example/atom.xml|My tech|tag:tech,1|Rust 2.0 released|1|1
https://tech.example/atom.xml|My tech|tag:tech,2|A new terminal|0|0"
check "cache rows after import" "$want" "$state"
# The created items are searchable (indexed with the commit), Arabic too.
n=$("$PY" - "$CACHE" <<'PYEOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT count(*) FROM fts_pending").fetchone()[0])
PYEOF
)
check "nothing left unindexed" 0 "$n"
same "newsboat cache unchanged" "$tmp/nb-cache.orig" "$NB/cache.db"
check "no journal beside newsboat's cache" "" \
    "$(ls "$NB" | grep -E 'cache\.db-(journal|wal|shm)')"

# The translated config loads, for the settings main knows (the others come
# from the other branches of issue 16; drop them here).
grep -vE '^(max-items|keep-articles-days|show-read-feeds|show-read-articles|notify-program|ignore-article|ignore-mode|download-path|max-downloads|enclosure-command|macro) |^bind [^ ]+ (toggle-show-read-feeds|limit|clear-filter)$' \
    "$CONF" > "$tmp/main.conf"
"$NEWSREADER" --config "$tmp/main.conf" print-unread >/dev/null 2>"$tmp/lerr"; rc=$?
check "translated config loads" 0 "$rc"
check "translated config: no errors" "" "$(cat "$tmp/lerr")"

# 2. Again, with a config of the user's own: never touched, translation beside it.
printf '# mine\nauto-reload 5\nbind x quit\n' > "$CONF"
cp "$CONF" "$tmp/conf.orig"
printf 'https://mine.example/rss\n' > "$XDG_CONFIG_HOME/newsreader/urls"
cp "$XDG_CONFIG_HOME/newsreader/urls" "$tmp/urls.orig"
"$NEWSREADER" import-newsboat "$NB" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "second import exit" 0 "$rc"
same "user config untouched" "$tmp/conf.orig" "$CONF"
same "user urls untouched" "$tmp/urls.orig" "$XDG_CONFIG_HOME/newsreader/urls"
has_line "config beside" "$CONF.newsboat" "auto-reload 30"
has_line "report: kept" "$tmp/err" \
    "newsreader: import-newsboat: $CONF exists and is kept: the translated config is in $CONF.newsboat (merge it by hand, or run again with --force to replace yours)"
has_line "report: urls kept" "$tmp/err" \
    "newsreader: import-newsboat: urls: $XDG_CONFIG_HOME/newsreader/urls exists and is kept (newsboat's list is $NB/urls)"
has_line "second import: nothing new" "$tmp/err" \
    "newsreader: import-newsboat: imported 5 articles from 3 feeds: 3 read, 2 starred (0 new to the cache, 1 deleted in newsboat left out)"
check "print-unread after second import" "3 unread articles" "$("$NEWSREADER" print-unread)"
same "newsboat cache still unchanged" "$tmp/nb-cache.orig" "$NB/cache.db"

# --dry-run: the config on stdout, nothing written.
rm "$CONF.newsboat"
"$NEWSREADER" import-newsboat --dry-run "$NB" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "dry-run exit" 0 "$rc"
has_line "dry-run prints the config" "$tmp/out" "bind f limit"
check "dry-run writes nothing beside" "no" "$(test -e "$CONF.newsboat" && echo yes || echo no)"
same "dry-run: user config untouched" "$tmp/conf.orig" "$CONF"

# --force: replaced, the old bytes in CONFIG.bak.
"$NEWSREADER" import-newsboat --force "$NB" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "force exit" 0 "$rc"
same "force keeps the old config as .bak" "$tmp/conf.orig" "$CONF.bak"
has_line "force wrote the translation" "$CONF" "macro v toggle-read ; next-unread"

# Usage and bad input: exit codes as the other commands', nothing changed.
"$NEWSREADER" import-newsboat --dry-run --force "$NB" 2>/dev/null; rc=$?
check "dry-run with force" 2 "$rc"
"$NEWSREADER" import-newsboat a b 2>/dev/null; rc=$?
check "two dirs" 2 "$rc"
"$NEWSREADER" import-newsboat "$tmp/nowhere" 2>"$tmp/err"; rc=$?
check "missing dir exit" 1 "$rc"
check "missing dir message" "newsreader: import-newsboat: $tmp/nowhere: not a directory" \
    "$(cat "$tmp/err")"
mkdir "$tmp/bad"
printf 'not a database at all, only text, long enough to be read\n' > "$tmp/bad/cache.db"
cp "$CACHE" "$tmp/ours.orig"
"$NEWSREADER" import-newsboat "$tmp/bad" 2>"$tmp/err"; rc=$?
check "bad cache exit" 1 "$rc"
has_line "bad cache message" "$tmp/err" \
    "newsreader: import-newsboat: cache not imported (nothing changed): $tmp/bad/cache.db: not a newsboat cache (file is not a database)"
check "print-unread after a failed import" "3 unread articles" "$("$NEWSREADER" print-unread)"

# Without ~/.newsboat, newsboat's XDG places (config and urls, then the cache).
mkdir -p "$XDG_CONFIG_HOME/newsboat" "$XDG_DATA_HOME/newsboat"
mv "$NB/config" "$NB/urls" "$XDG_CONFIG_HOME/newsboat/"
mv "$NB/cache.db" "$XDG_DATA_HOME/newsboat/"
rmdir "$NB"
"$NEWSREADER" import-newsboat --dry-run >"$tmp/out" 2>"$tmp/err"; rc=$?
check "xdg dry-run exit" 0 "$rc"
check "xdg: config found" \
    "newsreader: import-newsboat: config $XDG_CONFIG_HOME/newsboat/config: 35 lines translated, 19 left out" \
    "$(sed -n 1p "$tmp/err")"
has_line "xdg: cache found" "$tmp/err" \
    "newsreader: import-newsboat: cache: --dry-run: $XDG_DATA_HOME/newsboat/cache.db not imported"
rm -r "$XDG_CONFIG_HOME/newsboat" "$XDG_DATA_HOME/newsboat"
"$NEWSREADER" import-newsboat 2>"$tmp/err"; rc=$?
check "nothing of newsboat's: exit" 1 "$rc"
check "nothing of newsboat's: message" \
    "newsreader: import-newsboat: no newsboat files in $XDG_CONFIG_HOME/newsboat ($XDG_DATA_HOME/newsboat)" \
    "$(cat "$tmp/err")"

# 3. newsboat names in newsreader's own config: the error names ours.
printf 'bind-key j down\nreload-time 30\nbookmark-cmd "bm"\nauto-reload yes\nunbind-key x\nno-such 1\n' \
    > "$tmp/nb.conf"
"$NEWSREADER" --config "$tmp/nb.conf" print-unread >/dev/null 2>"$tmp/err"; rc=$?
check "newsboat names: config error exit" 3 "$rc"
check "did you mean" \
"newsreader: $tmp/nb.conf:1: bind-key: did you mean bind? (bind KEY ACTION)
newsreader: $tmp/nb.conf:2: reload-time: newsboat's setting; newsreader has auto-reload MINUTES
newsreader: $tmp/nb.conf:3: bookmark-cmd: did you mean bookmark-command?
newsreader: $tmp/nb.conf:4: bad value 'yes' for auto-reload (expected a number from 0 to 10080); newsboat's auto-reload yes and reload-time N are auto-reload N here
newsreader: $tmp/nb.conf:5: unbind-key: did you mean bind KEY none?
newsreader: $tmp/nb.conf:6: unknown setting 'no-such'" "$(cat "$tmp/err")"
exit $fail
