#!/bin/sh
# The default theme's contrast (issue 17): every character of the feed list,
# an article list and an article (heading, link, code, quote) has at least
# WCAG AA's 4.5:1 against both xterm's default white background and a black
# one, with 256 colours and with the 8 basic ones. tests/contrast.py reads
# the colours from tmux's capture of the screen.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"
unset NO_COLOR
: "${PYTHON3:=python3}"

start_server "$NR_SRCDIR/tests/fixtures/papercuts"
U="http://127.0.0.1:$PORT"
echo "$U/feed.xml \"~Papercut notes\" notes" >"$T/config/newsreader/urls"
echo "restore-view no" >"$T/config/newsreader/config"

# check WINDOW WHAT: the screen passes on white and on black.
check() {
	screen_e "$1" >"$T/screen.$1"
	for scheme in light dark; do
		"$PYTHON3" "$NR_SRCDIR/tests/contrast.py" $scheme <"$T/screen.$1" >"$T/contrast" ||
		    fail "$2 ($1) on a $scheme background: $(cat "$T/contrast")"
	done
	# The check saw colours at all (not a monochrome screen).
	grep -q "$(printf '\033')\[[0-9;]*[34][0-9]" "$T/screen.$1" || grep -q "38;5;" "$T/screen.$1" ||
	    fail "$2 ($1): no colours on the screen"
}

for term in screen-256color screen; do
	TUI_ENV="TERM=$term" tui_start "$term"
	wait_for "$term" "Papercut notes"
	wait_for "$term" "/3  Papercut notes"
	check "$term" "the feed list"
	keys "$term" Enter
	wait_for "$term" "Formatting sampler"
	check "$term" "the article list"
	keys "$term" End
	keys "$term" Enter
	wait_for "$term" "A heading to read"
	wait_for "$term" "inline_code()"
	check "$term" "an article"
	keys "$term" Q
	check_clean_exit "$term"
done
exit 0
