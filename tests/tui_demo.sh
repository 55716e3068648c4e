#!/bin/sh
# The reader on the bundled demo feeds (issue 4): start-up on a first run,
# an Arabic article shows exactly what `render` prints at the same width,
# read state and positions persist across restarts, a second instance
# names the PID holding the cache, and a stale lock file is taken over.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

tui_start main
wait_for main "All articles"
wait_for main "showing the bundled demo feeds (no urls file)"
# The first run fetches the never-fetched demo feeds by itself.
wait_for main "16/16  All articles"

keys main Enter
wait_for main "All articles (16 unread, 16 in all)"
# The position in the list follows the cursor.
wait_for main "16 in all)  1/16"
keys main G
wait_for main "16 in all)  16/16"
keys main g j
wait_for main "16 in all)  2/16"
keys main g
wait_for main "16 in all)  1/16"
row=$(screen main | grep -n "Orbitra" | head -1 | cut -d: -f1)
[ -n "$row" ] || fail "no Orbitra article in the list"
i=2
while [ "$i" -lt "$row" ]; do keys main j; i=$((i + 1)); done
keys main Enter
wait_for main "Article: "
wait_for main "2026-12-04"
# The article alone, at the whole width: the market panel (tui_panel.sh) hides.
wait_for main "Hot · demo"
keys main p
wait_gone main "Hot · demo"

# The same article through `render` at the pane's width.
"$NEWSREADER" dump-feed "$NR_DATA_DIR/demo/ar-crypto.xml" >"$T/feed.json" ||
    fail "dump-feed failed"
"${PYTHON3:-python3}" - "$T/feed.json" "$T/article.html" <<'PY' || fail "no Orbitra item"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
for it in doc["items"]:
    if "Orbitra" in (it["title"] or ""):
        open(sys.argv[2], "w", encoding="utf-8").write(it["content"] or it["summary"])
        sys.exit(0)
sys.exit(1)
PY
"$NEWSREADER" render --width 100 "$T/article.html" >"$T/render.txt" || fail "render failed"
screen main >"$T/screen.txt"
"${PYTHON3:-python3}" - "$T/screen.txt" "$T/render.txt" <<'PY' || fail "the article view differs from render"
import sys
scr = open(sys.argv[1], encoding="utf-8").read().split("\n")
ren = open(sys.argv[2], encoding="utf-8").read().split("\n")
# Rows: 0 title bar, then the article title, the byline (the date), a blank
# line, the body; the last row of the 30 is the status line.
by = next(i for i, l in enumerate(scr) if l.startswith("2026-12-04"))
body = [l.rstrip() for l in scr[by + 2:29]]
want = [l.rstrip() for l in ren if True][:len(body)]
if ren and ren[-1] == "":
    want = [l.rstrip() for l in ren[:-1]][:len(body)]
# Below the end of a short article the screen is blank.
want += [""] * (len(body) - len(want))
# The captured screen trims trailing blanks, as render does.
for i, (a, b) in enumerate(zip(body, want)):
    if a != b:
        print("line %d:\n screen: %r\n render: %r" % (i + 1, a, b))
        sys.exit(1)
if not any(l.strip() for l in body):
    print("empty body"); sys.exit(1)
PY

# Opening it marked it read: the list shows it without the unread sign.
keys main q
wait_for main "All articles (15 unread, 16 in all)"
screen main | grep "Orbitra" | grep -q "●" && fail "the opened article is still unread"

# A second interactive instance on the same cache names the holder.
tui_start second
rc=$(wait_exit second)
[ "$rc" != 0 ] || fail "the second instance exited 0"
pid=$(tr -d '\n' <"$CACHE.lock")
grep -qF "newsreader: cache.db is in use by PID $pid" "$T/stderr.second" ||
    fail "second instance said: $(cat "$T/stderr.second")"
tmux -L "$SOCK" kill-window -t nr:second

# Quit from the list (q twice); the exit restores the terminal and is clean.
keys main q
wait_for main "newsreader 0.1"
keys main q
check_clean_exit main

# Restart: read state, the list position and the last view persist.
tmux -L "$SOCK" kill-window -t nr:main 2>/dev/null
echo 99999999 >"$CACHE.lock"	# a stale lock of a dead process
tui_start main
wait_for main "15 unread"
keys main Enter
wait_for main "All articles (15 unread, 16 in all)"
sel=$(selected_row main)
orb=$(screen main | grep -n "Orbitra" | head -1 | cut -d: -f1)
[ "$sel" = "$((orb - 1))" ] || fail "the cursor is on row $sel, not on the article (row $((orb - 1)))"
screen main | grep "Orbitra" | grep -q "●" && fail "read state was not kept"

# Help is generated from the key map.
keys main '?'
wait_for main "next unread article"
wait_for main "j, Down"
# Ctrl-C and SIGTERM take the same clean way out.
keys main C-c
check_clean_exit main
tmux -L "$SOCK" kill-window -t nr:main 2>/dev/null
tui_start main
# The list is restored; the help, a moment rather than a place, is not.
wait_for main "All articles (15 unread, 16 in all)"
kill -TERM "$(tr -d '\n' <"$CACHE.lock")"
check_clean_exit main
echo "tui_demo ok"
