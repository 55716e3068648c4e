#!/bin/sh
# Every file newsreader creates is its user's alone (SECURITY.md): under
# umask 022, reload (the cache, the log), the interactive reader with a
# comment draft typed (the cache and its -wal, -shm and lock files while it
# runs), import-newsboat (the translated config, the copied urls file) and
# import of an OPML file (a new urls file) leave every file they create
# mode 0600 and every directory they create mode 0700. The database holds
# drafts and the outbox; the config can name password files and the urls
# file can hold URLs with credentials in them.
umask 022
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

# mode_is WHAT MODE PATH...: each PATH exists and has exactly MODE.
mode_is() {
	what=$1 want=$2; shift 2
	for f in "$@"; do
		[ -e "$f" ] || fail "$what: $f was not created"
		m=$(stat -c %a "$f")
		[ "$m" = "$want" ] || fail "$what: $f has mode $m, not $want"
	done
}
# all_private WHAT DIR: every file under DIR is 0600 and every directory 0700.
all_private() {
	bad=$(find "$2" \( -type f ! -perm 600 \) -o \( -type d ! -perm 700 \) \
	    -exec stat -c '%a %n' {} + 2>/dev/null)
	[ -z "$bad" ] || fail "$1: not private:
$bad"
}

start_server "$NR_SRCDIR/tests/fixtures/http"
U="http://127.0.0.1:$PORT"
printf '%s "~Harbour"\n%s\n' "$U/en.xml" "$U/missing.xml" >"$T/config/newsreader/urls"

# 1. reload creates the data and state directories, the cache and the log
#    (the missing feed writes a line to it).
"$NEWSREADER" reload >/dev/null 2>"$T/reload.err" || fail "reload failed: $(cat "$T/reload.err")"
mode_is reload 700 "$T/data/newsreader" "$T/state/newsreader"
mode_is reload 600 "$CACHE" "$T/state/newsreader/log"
all_private reload "$T/data/newsreader"
all_private reload "$T/state/newsreader"

# 2. The reader, a draft typed: while it runs, the cache's WAL, its shared
#    memory and the lock file exist; all private.
tui_start main --offline
wait_for main "Harbour"
keys main Enter
wait_for main "Ferry timetable"
keys main Enter
wait_for main "Article: "
keys main c
wait_for main "Comment 0/400"
keys main -l "مسودة سرية draft"
wait_for main "Comment 16/400"
mode_is "the running reader" 600 "$CACHE-wal" "$CACHE-shm" "$CACHE.lock"
all_private "the running reader" "$T/data/newsreader"
keys main Escape
keys main Q
check_clean_exit main
all_private "after the reader" "$T/data/newsreader"
all_private "after the reader" "$T/state/newsreader"

# 3. import-newsboat into a config directory that does not exist yet.
mkdir -p "$T/home/.newsboat"
cp "$NR_SRCDIR/tests/fixtures/newsboat/config" "$NR_SRCDIR/tests/fixtures/newsboat/urls" \
    "$T/home/.newsboat/"
HOME="$T/home" XDG_CONFIG_HOME="$T/nbconfig" "$NEWSREADER" import-newsboat \
    >/dev/null 2>"$T/nb.err" || fail "import-newsboat failed: $(cat "$T/nb.err")"
mode_is import-newsboat 700 "$T/nbconfig/newsreader"
mode_is import-newsboat 600 "$T/nbconfig/newsreader/config" "$T/nbconfig/newsreader/urls"
all_private import-newsboat "$T/nbconfig/newsreader"
# Again, over a config made 0644 by hand: the translation goes beside it
# (config.newsboat), then --force keeps the old text in config.bak; both
# new files are 0600 whatever the old config's mode.
chmod 644 "$T/nbconfig/newsreader/config"
HOME="$T/home" XDG_CONFIG_HOME="$T/nbconfig" "$NEWSREADER" import-newsboat \
    >/dev/null 2>"$T/nb2.err" || fail "import-newsboat again failed: $(cat "$T/nb2.err")"
HOME="$T/home" XDG_CONFIG_HOME="$T/nbconfig" "$NEWSREADER" import-newsboat --force \
    >/dev/null 2>"$T/nb3.err" || fail "import-newsboat --force failed: $(cat "$T/nb3.err")"
mode_is "import-newsboat beside" 600 "$T/nbconfig/newsreader/config.newsboat"
mode_is "import-newsboat --force" 600 "$T/nbconfig/newsreader/config.bak"

# 4. import of an OPML file when there is no urls file yet.
cat >"$T/list.opml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>قائمتي</title></head><body>
<outline type="rss" text="مرفأ" xmlUrl="https://harbour.example/feed.xml"/>
</body></opml>
EOF
XDG_CONFIG_HOME="$T/opmlconfig" "$NEWSREADER" import "$T/list.opml" \
    >/dev/null 2>"$T/opml.err" || fail "import failed: $(cat "$T/opml.err")"
mode_is import 700 "$T/opmlconfig/newsreader"
mode_is import 600 "$T/opmlconfig/newsreader/urls"
echo "ok"
