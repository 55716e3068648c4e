#!/bin/sh
# Like, share and repost, and reading comments (issue 6): l likes in the
# list and the article, the like survives a restart and shows in the Liked
# view; the share menu copies the link (OSC 52, seen by tmux with
# set-clipboard on) and the Markdown link; S runs share-command with a
# hostile title as exactly one argument; C shows the article's comments
# from its comment feed, Arabic right-aligned; C and c work from a list.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/engage"
U="http://127.0.0.1:$PORT"
"${PYTHON3:-python3}" - "$NR_SRCDIR/tests/fixtures/engage/blog.xml.in" "$U" <<'PY' ||
import sys, urllib.request
doc = open(sys.argv[1], encoding="utf-8").read().replace("@BASE@", sys.argv[2])
urllib.request.urlopen(urllib.request.Request(sys.argv[2] + "/_set?path=/blog.xml",
    data=doc.encode("utf-8"), method="POST"), timeout=10).read()
PY
    fail "cannot set up the feed"
echo "$U/blog.xml \"~Engage blog\"" >"$T/config/newsreader/urls"
# A share command that records its arguments, one per line.
cat >"$T/record.sh" <<EOF2
#!/bin/sh
for a in "\$@"; do printf '%s\n' "\$a"; done >"$T/args.tmp" && mv "$T/args.tmp" "$T/args"
EOF2
chmod +x "$T/record.sh"
printf 'share-command "%s %%t %%u"\n' "$T/record.sh" >"$T/config/newsreader/config"

tui_start main
wait_for main "Engage blog"
tmux -L "$SOCK" set -s set-clipboard on
keys main Enter
wait_for main "Right-to-left in terminals"
# l in the list: the status line confirms, the row shows a heart.
keys main l
wait_for main "Liked"
screen main | grep "Right-to-left in terminals" | grep -q "♥" || fail "no heart on the liked row"
keys main Enter
wait_for main "Article: "
# The bar under the byline: liked, and the feed's count hint (2).
wait_for main "♥ liked · 2 comments"
screen main | grep "♥ liked" | grep -q "l like  c comment  C comments  s share  S repost" ||
    fail "no key hints in the bar"
keys main l
wait_for main "Unliked"
wait_for main "♡ like · 2 comments"
keys main l
wait_for main "♥ liked"
keys main Q
check_clean_exit main

# After a restart: still liked, and listed in the Liked view.
tui_start again
wait_for again "Engage blog"
keys again L
wait_for again "Liked articles (0 unread, 1 in all)"
wait_for again "Right-to-left in terminals"
keys again Enter
wait_for again "♥ liked"

# wait_clipboard TEXT: tmux's paste buffer (filled by OSC 52) becomes TEXT.
wait_clipboard() {
	deadline=$(( $(date +%s) + 5 ))
	until [ "$(tmux -L "$SOCK" show-buffer 2>/dev/null)" = "$1" ]; do
		[ "$(date +%s)" -ge "$deadline" ] &&
		    fail "the clipboard has '$(tmux -L "$SOCK" show-buffer 2>&1)', expected '$1'"
		sleep 0.05
	done
}

# Share menu: copy the link (OSC 52 -> tmux's buffer).
keys again s
wait_for again "Share (Esc cancels)"
wait_for again "Share on Telegram"
keys again c
wait_for again "copied the link"
wait_clipboard "$U/2026/05/rtl/"
keys again s
wait_for again "Share (Esc cancels)"
keys again m
wait_for again "copied the Markdown link"
wait_clipboard "[Right-to-left in terminals]($U/2026/05/rtl/)"
keys again s
wait_for again "Share (Esc cancels)"
keys again Escape
wait_for again "not shared"
wait_gone again "Share (Esc cancels)"

# At the narrowest width a label that does not fit ends with an ellipsis,
# in the share menu and in the title bar of the help view.
resize 20 30
wait_row again 1 "Article: "
keys again s
wait_for again "Share (Esc cancels)"
wait_for again "m  Copy [title](li…"
wait_for again "Share on Telegr…"
keys again Escape
wait_gone again "Share (Esc cancels)"
keys again ?
wait_row again 1 " Keys (q to go bac…"
keys again q
wait_row again 1 "Article: "
resize 100 30
wait_for again "♥ liked · 2 comments"

# C: the comments from the comment feed, the Arabic one right-aligned
# exactly as render lays it out.
keys again C
wait_for again "Comments: "
wait_for again "Peter"
wait_for again "Clear and useful, thank you."
printf '%s\n' "شرح واضح عن اتجاه النص في الطرفية." |
    "$NEWSREADER" render --input text --width 100 - >"$T/ar.txt" || fail "render failed"
want=$(head -1 "$T/ar.txt")
deadline=$(( $(date +%s) + 5 ))
until screen again | grep -qxF -- "$want"; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "no right-aligned Arabic comment: '$want'"
	sleep 0.05
done
case "$want" in "          "*) ;; *) fail "the Arabic comment is not right-aligned" ;; esac
# The bar now counts the loaded comments.
keys again q
wait_for again "♥ liked · 2 comments"

# S on the article with a hostile title: one argument, untouched, no shell.
keys again /
keys again -l quoted
keys again Enter
wait_for again "Search: quoted"
# From a list, C opens the selected article's comments and c its article
# with the composer open (the list opens both views itself).
keys again C
wait_for again "Comments: "
keys again q
wait_for again "Search: quoted"
keys again c
wait_for again "Article: "
wait_for again "Comment 0/400"
keys again Escape
wait_gone again "Comment 0/400"
keys again q
wait_for again "Search: quoted"
keys again S
wait_for again "ran share-command"
deadline=$(( $(date +%s) + 5 ))
while [ ! -s "$T/args" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "share-command did not run"
	sleep 0.05
done
printf '%s\n%s\n' '$(touch pwned) "quoted" ; rm -rf ~ `id`' "$U/hostile?a=1&b=2" >"$T/want"
cmp -s "$T/args" "$T/want" || fail "share-command argv: $(cat "$T/args")"
[ -e "$T/pwned" ] && fail "the title reached a shell"
keys again Q
check_clean_exit again
exit 0
