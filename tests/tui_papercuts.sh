#!/bin/sh
# Papercuts of issue 17 as the user sees them: the empty Liked view suggests
# liking; the heart and the date of a liked row are apart ("♥ 2026-12-04");
# the bar under an article says nothing of comments when their count is
# unknown; the tmux clipboard hint appears only when tmux's set-clipboard
# (and allow-passthrough) are off; restore-view yes|no.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/papercuts"
U="http://127.0.0.1:$PORT"
echo "$U/feed.xml \"~Papercut notes\"" >"$T/config/newsreader/urls"

tui_start main
wait_for main "Papercut notes"
tmux -L "$SOCK" set -s set-clipboard off
tmux -L "$SOCK" set -g allow-passthrough off

# The Liked view with nothing liked points at liking, not at reloading.
keys main L
wait_for main "No liked articles yet. l on an article likes it."
screen main | grep -q "r reloads" && fail "the empty Liked view suggests reloading"
keys main q
wait_for main "Papercut notes"

keys main Enter
wait_for main "A note without a count"
keys main Down
keys main l
wait_for main "Liked"
# The heart, a space, then the date.
screen main | grep -q "♥ 2026-12-04" || fail "the heart is glued to the date"

# A count from the feed is shown; an unknown one says nothing.
keys main Up
keys main Enter
wait_for main "♡ like · 3 comments"
keys main q
keys main Down
keys main Enter
wait_for main "♥ liked"
screen main | grep "♥ liked" | grep -q "♥ liked *·" && fail "a comment count is shown although unknown"
screen main | grep "♥ liked" | grep -q "C comments" || fail "no key hints in the bar"

# Copy the link: with set-clipboard off, the status line says what tmux needs.
keys main s
wait_for main "Share (Esc cancels)"
keys main c
wait_for main "copied the link (in tmux this needs 'set -s set-clipboard on'"
# With set-clipboard on, tmux takes it: no hint.
tmux -L "$SOCK" set -s set-clipboard on
keys main s
wait_for main "Share (Esc cancels)"
keys main m
wait_for main "copied the Markdown link"
screen main | grep -q "set-clipboard" && fail "the tmux hint shows although set-clipboard is on"

# Quit on the article: by default the next start reopens it.
keys main q
keys main Enter
wait_for main "Article: "
keys main Q
check_clean_exit main
tui_start again
wait_for again "Article: "
wait_for again "A note without a count"
keys again Q
check_clean_exit again

# restore-view no: the next start is at the feed list.
echo "restore-view no" >"$T/config/newsreader/config"
tui_start third
wait_for third "Papercut notes"
wait_for third "All articles"
screen third | grep -q "Article: " && fail "restore-view no still reopened the article"
keys third Q
check_clean_exit third

# A bad value is refused with the line.
echo "restore-view maybe" >"$T/config/newsreader/config"
tui_start fourth
wait_exit fourth >/dev/null
grep -q "config:1" "$T/stderr.fourth" || fail "restore-view maybe was not refused: $(cat "$T/stderr.fourth")"
exit 0
