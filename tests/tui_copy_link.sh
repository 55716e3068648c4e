#!/bin/sh
# "Copy the link" of a link that is hostile to shells (issue 18): the OSC 52
# copy (seen by tmux with set-clipboard on) is the link percent-encoded, so
# pasting it into a shell runs nothing; the Markdown copy likewise. The old
# reader copied it raw: $(touch pwned);echo 'x'`id` and all.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

cat >"$T/feed.xml" <<'EOF2'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Hostile links</title><link>https://h.example/</link>
<item><title>Paste me</title><link>https://h.example/a b/$(touch pwned);echo 'x'`id`|cat</link>
<guid>h1</guid><description>Body text of the hostile link article.</description></item>
</channel></rss>
EOF2
echo "file://$T/feed.xml \"~Hostile\"" >"$T/config/newsreader/urls"
safe='https://h.example/a%20b/%24%28touch%20pwned%29%3Becho%20%27x%27%60id%60%7Ccat'

tui_start main
wait_for main "Hostile"
tmux -L "$SOCK" set -s set-clipboard on
keys main Enter
wait_for main "Paste me"
keys main Enter
wait_for main "Body text of the hostile link article."

# wait_clipboard TEXT: tmux's paste buffer (filled by OSC 52) becomes TEXT.
wait_clipboard() {
	deadline=$(( $(date +%s) + 5 ))
	until [ "$(tmux -L "$SOCK" show-buffer 2>/dev/null)" = "$1" ]; do
		[ "$(date +%s)" -ge "$deadline" ] &&
		    fail "the clipboard has '$(tmux -L "$SOCK" show-buffer 2>&1)', expected '$1'"
		sleep 0.05
	done
}
keys main s
wait_for main "Share (Esc cancels)"
keys main c
wait_for main "copied the link"
wait_clipboard "$safe"
keys main s
wait_for main "Share (Esc cancels)"
keys main m
wait_for main "copied the Markdown link"
wait_clipboard "[Paste me]($safe)"
# What was copied, pasted into a shell, is one harmless word.
(cd "$T" && sh -c "echo $(tmux -L "$SOCK" show-buffer)" >/dev/null 2>&1)
[ -e "$T/pwned" ] && fail "pasting the copied link ran a command"
keys main Q
check_clean_exit main
exit 0
