#!/bin/sh
# The market panel beside the article (issue 5): the bundled demo shows it
# with no network; tokens served by the test server appear on the right
# with cap, holders, change (sign and arrow) and Arabic names; the panel
# follows when the server's data changes, keeps the last values with the
# reason in the status line when the server sends garbage, and is still
# there with its age after an offline restart with the server gone. p hides
# and shows it, Tab focuses it (j/k select, Enter opens the token's page),
# the sort key is an action of the key map, a narrow terminal hides it with
# a message, and a right-to-left UI (ui-direction rtl, or auto with an
# Arabic messages locale) puts it on the left with amounts intact.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"
PY=${PYTHON3:-python3}
F="$NR_SRCDIR/tests/fixtures/panel"

# side_of WINDOW TEXT: "left" or "right" of the panel's separator on the
# row where TEXT is, "none" when TEXT or the separator is not there.
side_of() {
	screen "$1" | "$PY" -c '
import sys
t = sys.argv[1]
for l in sys.stdin.read().split("\n"):
    i, s = l.find(t), max(l.find("\u2502"), l.find("|"))
    if i >= 0 and s >= 0:
        print("right" if i > s else "left")
        sys.exit(0)
print("none")' "$2"
}

# wait_side WINDOW TEXT SIDE
wait_side() {
	deadline=$(( $(date +%s) + 10 ))
	until [ "$(side_of "$1" "$2")" = "$3" ]; do
		[ "$(date +%s)" -ge "$deadline" ] && fail "'$2' is not on the $3 of the panel"
		sleep 0.05
	done
}

# set_doc PATH FILE|-: the test server serves FILE (or stdin) at PATH.
set_doc() {
	if [ "$2" = - ]; then cat >"$T/doc"; else cp "$2" "$T/doc"; fi
	"$PY" -c '
import sys, urllib.request
r = urllib.request.Request(sys.argv[1], data=open(sys.argv[2], "rb").read(), method="POST")
urllib.request.urlopen(r, timeout=5).read()' "$U/_set?path=$1" "$T/doc" ||
	    fail "cannot set $1 on the test server"
}

# open_article WINDOW: from the feed list to the newest article.
open_article() {
	wait_for "$1" "All articles"
	keys "$1" Enter
	wait_for "$1" "All articles ("
	keys "$1" Enter
	wait_for "$1" "Article: "
}

# --- The demo: no urls file, no network, the bundled market data.
: >"$T/demo.conf"
tui_start demo --config "$T/demo.conf" --cache "$T/demo.db"
wait_for demo "16/16  All articles"
open_article demo
wait_for demo "Hot · demo"
wait_for demo "Frog Coin"
wait_for demo "\$4.50M"
wait_side demo "\$4.50M" right
wait_for demo "128 holders"
wait_for demo "+3.50% ▲"
keys demo Q
check_clean_exit demo

# --- Online, against the test server.
mkdir -p "$T/www"
cp "$F/market.json" "$F/ar.xml" "$T/www/"
start_server "$T/www"
U="http://127.0.0.1:$PORT"
cat >"$T/browser.sh" <<EOF
#!/bin/sh
printf '%s\n' "\$1" >>"$T/opened"
EOF
chmod +x "$T/browser.sh"
echo "$U/ar.xml \"~Market news\"" >"$T/config/newsreader/urls"
cat >"$T/config/newsreader/config" <<EOF
market-source generic $U/market.json
market-interval 1
browser "$T/browser.sh %u"
bind M market-sort
EOF
tui_start main
open_article main
wait_for main "Hot · 127.0.0.1:$PORT"
wait_for main "\$3.53K"
wait_side main "\$3.53K" right
wait_side main "Frog Coin" right
wait_for main "128 holders"
wait_for main "+4.20% ▲"
wait_for main "-1.05% ▼"
wait_for main "1 holder "
wait_for main "\$45.0B"
# The Arabic name, shaped (presentation forms) next to its symbol.
wait_for main "WADI ﺐﻫﺬﻟﺍ ﻱﺩﺍﻭ"
screen main | grep -q "by market cap" || fail "no sort order in the header"
# The article keeps its own columns: nothing of it right of the separator.
[ "$(side_of main "2026-12-03")" = left ] || fail "the byline is not left of the panel"

# p hides and shows it.
keys main p
wait_gone main "Frog Coin"
wait_for main "market panel hidden"
keys main p
wait_for main "Frog Coin"

# Tab focuses it; j selects; o opens the token's page in the browser.
keys main Tab
keys main j o
deadline=$(( $(date +%s) + 10 ))
until grep -qx "https://example.org/wadi" "$T/opened" 2>/dev/null; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "o did not open the token's page"
	sleep 0.05
done
# The selected token is in reverse video (two rows), the article is not.
screen_e main | grep 'WADI' | grep -Eq "$(printf '\033')\[([0-9]+;)*7m" ||
    fail "no selection shown"
keys main k o
wait_for main "CALM has no page"
keys main Tab j
# Focus left: j scrolls the article, Enter opens nothing more.
[ "$(wc -l <"$T/opened")" = 1 ] || fail "the browser ran more than once"

# The sort key is an action of the key map (bound to M here too).
keys main M
wait_for main "market panel sorted by change"
wait_for main "by change"
screen main | awk '/\$3.53K/ { f = NR } /\$45.0B/ { c = NR } END { exit !(f < c) }' ||
    fail "sorted by change, FROG (+4.20%) is not above CALM (0.00%)"
keys main m m
wait_for main "by market cap"

# The server changes its data: the panel follows within a few seconds.
set_doc /market.json "$F/market2.json"
wait_for main "\$4.20M" 8
wait_for main "Lune Labs"
wait_for main "-2.50% ▼"
wait_gone main "WADI"

# Garbage: the last values stay, the reason goes to the status line, and
# the header carries a marker.
echo 'this is { not json' | set_doc /market.json -
wait_for main "market data (127.0.0.1:$PORT): generic:" 8
screen main | grep -q "\$4.20M" || fail "the values went away on bad data"
screen main | grep -q "Lune Labs" || fail "a token went away on bad data"
screen main | sed -n 2p | grep -q '!$' || fail "no failure marker in the header"

# Good data again: the marker goes.
set_doc /market.json "$F/market.json"
wait_for main "\$3.53K" 8
deadline=$(( $(date +%s) + 8 ))
while screen main | sed -n 2p | grep -q '!$'; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the failure marker stayed"
	sleep 0.05
done

# A narrow terminal hides it and says so, once; a wide one brings it back.
resize 80 30
wait_for main "market panel hidden: the terminal is narrower than 90 columns"
wait_gone main "Frog Coin"
keys main M
wait_for main "market panel sorted by change"
keys main j
sleep 0.3
screen main | grep -q "narrower than 90" && fail "the narrow message came back"
keys main m m
resize 100 30
wait_for main "Frog Coin"
wait_for main "by market cap"
keys main Q
check_clean_exit main

# --- Offline, with the server gone: the stored list and its age.
kill "$SERVER_PID"
SERVER_PID=
tui_start offline --offline
wait_for offline "Article: "
wait_for offline "Hot · 127.0.0.1"
wait_for offline "\$3.53K"
wait_for offline "+4.20% ▲"
screen offline | grep -Eq "(just now|[0-9]+ min ago) · by market cap" ||
    fail "no age in the header offline"
wait_side offline "Frog Coin" right
keys offline Q
check_clean_exit offline

# --- A right-to-left UI: the panel on the left, amounts intact.
# With colours, and rising prices in red (green-up no): the sign and the
# arrow still say which way.
cp "$T/config/newsreader/config" "$T/rtl.conf"
printf 'ui-direction rtl\ngreen-up no\n' >>"$T/rtl.conf"
tmux -L "$SOCK" set-environment -g -u NO_COLOR
# 256 colours: the theme's tones that keep 4.5:1 on white and on black.
TUI_ENV="TERM=screen-256color" tui_start rtl --offline --config "$T/rtl.conf"
wait_for rtl "\$3.53K"
wait_side rtl "\$3.53K" left
wait_side rtl "Frog Coin" left
wait_side rtl "2026-12-03" right
wait_for rtl "+4.20% ▲"
wait_for rtl "-1.05% ▼"
screen rtl | grep -qE '3\.53K\$|%4\.20\+|%1\.05-' && fail "an amount was reordered"
E=$(printf '\033')
screen_e rtl | grep -q "${E}\[38;5;131m+4\.20% ▲" || fail "a rise is not red with green-up no"
screen_e rtl | grep -q "${E}\[38;5;29m-1\.05% ▼" || fail "a fall is not green with green-up no"
# Mirrored chrome: the title bar's label against the right edge.
screen rtl | head -1 | grep -q '^          .*Article: ' || fail "the title is not right-aligned"
# The engagement bar mirrored: the like against the right edge (no count:
# the feed gives none), the key hints to its left.
bar=$(screen rtl | grep -E 'S repost +♡ like$') || fail "the engagement bar is not mirrored"
"$PY" -c 'import sys; b = sys.argv[1]; sys.exit(not (0 <= b.find("l like") < b.find("♡ like")))' \
    "$bar" || fail "the bar's hints are not left of the like: '$bar'"
# The status line mirrored: the offline marker on the left, a message
# against the right edge.
keys rtl p
deadline=$(( $(date +%s) + 5 ))
until screen rtl | tail -1 | grep -qE '^ offline  +market panel hidden \(p shows it\)$'; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "status line not mirrored: '$(screen rtl | tail -1)'"
	sleep 0.05
done
keys rtl p	# shown again: the setting persists
wait_for rtl "Hot"
keys rtl Q
check_clean_exit rtl

# --- ui-direction auto with an Arabic messages locale mirrors too.
tmux -L "$SOCK" set-environment -g -u LC_ALL
tmux -L "$SOCK" set-environment -g LANG C.UTF-8
tmux -L "$SOCK" set-environment -g LC_MESSAGES ar_EG.UTF-8
tui_start auto --offline
wait_for auto "Hot"
wait_side auto "Hot" left
keys auto Q
check_clean_exit auto
echo "tui_panel ok"
