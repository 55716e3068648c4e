#!/bin/sh
# newsreader print-unread: the exact line of CLI.md, a missing cache (0, and
# no file created), counts after rows are added by another program, and
# caches it cannot use (exit 4, one line naming the file, file untouched).
: "${NEWSREADER:?}"
command -v "${PYTHON3:-python3}" >/dev/null 2>&1 || { echo "no python3"; exit 77; }
PY=${PYTHON3:-python3}
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"
fail=0
check() {	# check NAME EXPECTED ACTUAL
	if [ "$2" != "$3" ]; then
		printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"; fail=1
	else
		printf 'ok %s\n' "$1"
	fi
}

# No cache yet: zero, and nothing is created.
out=$("$NEWSREADER" --cache "$tmp/c.db" print-unread); rc=$?
check "missing cache output" "0 unread articles" "$out"
check "missing cache exit" 0 "$rc"
check "missing cache not created" "no" "$(test -e "$tmp/c.db" && echo yes || echo no)"
out=$("$NEWSREADER" print-unread); rc=$?
check "default cache output" "0 unread articles" "$out"
check "default cache not created" "no" \
    "$(test -e "$tmp/data/newsreader/cache.db" && echo yes || echo no)"

# A symbolic link to nothing: the cache the user pointed at has gone; say
# so (exit 4) rather than "0 unread articles", and create nothing.
ln -s "$tmp/gone/c.db" "$tmp/dangling.db"
out=$("$NEWSREADER" --cache "$tmp/dangling.db" print-unread 2>"$tmp/err"); rc=$?
check "dangling symlink exit" 4 "$rc"
check "dangling symlink stdout" "" "$out"
check "dangling symlink stderr" "newsreader: $tmp/dangling.db: the cache does not exist (a symbolic link to $tmp/gone/c.db, which does not exist)" "$(cat "$tmp/err")"
check "dangling symlink: nothing created" "no" "$(test -e "$tmp/gone" && echo yes || echo no)"

# An empty file becomes a cache with no articles.
: > "$tmp/c.db"
out=$("$NEWSREADER" --cache "$tmp/c.db" print-unread); rc=$?
check "empty cache" "0 unread articles" "$out"
check "empty cache exit" 0 "$rc"

# Rows written by another program (the schema is the binary's).
"$PY" - "$tmp/c.db" <<'PYEOF' || exit 99
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO feeds (url) VALUES ('https://a.example/rss')")
db.executemany("INSERT INTO items (feed_id, guid, title, date, content_hash, first_seen, read)"
               " VALUES (1, ?, ?, 0, 0, 0, ?)",
               [("g%d" % i, "خبر %d" % i, 1 if i < 3 else 0) for i in range(10)])
db.commit()
PYEOF
out=$("$NEWSREADER" --cache "$tmp/c.db" print-unread); rc=$?
check "seven unread" "7 unread articles" "$out"
check "seven unread exit" 0 "$rc"
"$PY" -c "import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute('UPDATE items SET read=1 WHERE guid != \"g9\"'); d.commit()" "$tmp/c.db"
out=$("$NEWSREADER" --cache "$tmp/c.db" print-unread)
check "one unread (same wording)" "1 unread articles" "$out"

# Not a database: exit 4, one line on stderr, the file unchanged.
printf 'this is not a database, just some text that is long enough\n' > "$tmp/bad.db"
cp "$tmp/bad.db" "$tmp/bad.orig"
out=$("$NEWSREADER" --cache "$tmp/bad.db" print-unread 2>"$tmp/err"); rc=$?
check "garbage exit" 4 "$rc"
check "garbage stdout" "" "$out"
check "garbage stderr" "newsreader: $tmp/bad.db: file is not a database" "$(cat "$tmp/err")"
check "garbage untouched" "same" "$(cmp -s "$tmp/bad.db" "$tmp/bad.orig" && echo same || echo changed)"
check "no wal next to garbage" "no" "$(test -e "$tmp/bad.db-wal" && echo yes || echo no)"

# A directory where the cache should be.
mkdir "$tmp/dir.db"
"$NEWSREADER" --cache "$tmp/dir.db" print-unread 2>"$tmp/err"; rc=$?
check "directory exit" 4 "$rc"
check "directory stderr" "newsreader: $tmp/dir.db: Is a directory" "$(cat "$tmp/err")"

# Unreadable (meaningless for root, who reads everything).
if [ "$(id -u)" != 0 ]; then
	cp "$tmp/bad.orig" "$tmp/locked.db"; chmod 000 "$tmp/locked.db"
	"$NEWSREADER" --cache "$tmp/locked.db" print-unread 2>"$tmp/err"; rc=$?
	check "unreadable exit" 4 "$rc"
	check "unreadable stderr" "newsreader: $tmp/locked.db: Permission denied" "$(cat "$tmp/err")"
fi

# Usage.
"$NEWSREADER" --cache "$tmp/c.db" print-unread extra 2>"$tmp/err"; rc=$?
check "extra argument exit" 2 "$rc"
exit $fail
