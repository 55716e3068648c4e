#!/bin/sh
# Kill rules (issue 16): ignore-article FEED EXPRESSION with ignore-mode.
# download: `newsreader reload` against tests/server.py never stores an
# ignored article (the cache has no row of it); a rule for one feed leaves
# the other feeds alone; Arabic is folded (the rule's alef has no hamza,
# the title's has). display: the articles are stored, but the reader's
# lists and counts leave them out (tmux).
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/filter"
U="http://127.0.0.1:$PORT"
printf '%s\n%s\n' "$U/ar.xml" "$U/en.xml" >"$T/config/newsreader/urls"
rules() {
	cat <<EOF2
ignore-mode $1
ignore-article * "title =~ \"^sponsored:\""
ignore-article $U/ar.xml "title =~ \"^اعلان\""
ignore-article $U/en.xml "title # \"الذهب\""
EOF2
}
# titles: every title in the cache, sorted.
titles() {
	"${PYTHON3:-python3}" - "$CACHE" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, timeout=5)
print("\n".join(sorted(r[0] for r in db.execute("SELECT title FROM items"))))
PY
}

rules download >"$T/config/newsreader/config"
"$NEWSREADER" reload >"$T/out" 2>"$T/err" || fail "reload: $(cat "$T/err")"
titles >"$T/titles"
grep -q "SPONSORED" "$T/titles" && fail "download: the ignored English article was stored"
grep -q "A3" "$T/titles" && fail "download: the ignored Arabic article was stored"
grep -q "A2" "$T/titles" || fail "download: a rule for en.xml dropped an ar.xml article"
[ "$(wc -l <"$T/titles")" = 4 ] || fail "download: cache holds: $(cat "$T/titles")"
# A second reload changes nothing (the ignored articles stay out).
"$NEWSREADER" reload >/dev/null 2>&1 || fail "second reload"
[ "$(titles | wc -l)" = 4 ] || fail "download: second reload stored: $(titles)"

# display: stored, not shown.
rm -f "$CACHE" "$CACHE"-wal "$CACHE"-shm
rules display >"$T/config/newsreader/config"
"$NEWSREADER" reload >/dev/null 2>"$T/err" || fail "reload: $(cat "$T/err")"
[ "$(titles | wc -l)" = 6 ] || fail "display: cache holds: $(titles)"
tui_start main
wait_for main "Money Wire"
screen main | grep -F "All articles" | grep -qF "4/4" || fail "display: All articles count"
screen main | grep -F "Money Wire" | grep -qF "2/2" || fail "display: feed count"
keys main Enter
wait_for main "Bitcoin slips"
screen main | sed -n '2,28p' >"$T/rows"
grep -q "SPONSORED" "$T/rows" && fail "display: the ignored article is listed"
grep -q "A3" "$T/rows" && fail "display: the ignored Arabic article is listed"
grep -q "A2" "$T/rows" || fail "display: a rule for en.xml hid an ar.xml article"
[ "$(grep -c "2026-" "$T/rows")" = 4 ] || fail "display rows: $(cat "$T/rows")"
keys main Q
check_clean_exit main

# A bad rule is a config error with its line and column.
printf 'ignore-article * "title =~"\n' >"$T/config/newsreader/config"
"$NEWSREADER" reload >/dev/null 2>"$T/err" && fail "a bad rule was accepted"
grep -qF "config:1: ignore-article: expected a value after '=~' at column 9" "$T/err" ||
    fail "bad rule error: $(cat "$T/err")"
echo "kill_rules ok"
