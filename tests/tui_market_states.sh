#!/bin/sh
# Every market source's state, seen by the user (issue 15): four sources
# whose servers answer 404 and one told to wait (429) say so in the errors
# view (E) and in the panel, which says "no data yet: REASON" instead of
# "loading"; Tab lists the states above the tokens. A generic file that
# turns malformed keeps its values and says why. One token from two
# sources (the same chain and address) is one row, with the price column
# where the width allows.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"
F="$NR_SRCDIR/tests/fixtures/market-states"

open_article() {
	wait_for "$1" "All articles"
	keys "$1" Enter
	wait_for "$1" "All articles ("
	keys "$1" Enter
	wait_for "$1" "Article: "
}

# mouse WINDOW B X Y...: X10 mouse reports, 0-based column and row.
mouse() {
	w=$1; shift
	seq=$("${PYTHON3:-python3}" -c '
import sys
a = sys.argv[1:]
out = ""
for i in range(0, len(a), 3):
    b, x, y = int(a[i]), int(a[i + 1]), int(a[i + 2])
    out += "\033[M" + chr(32 + b) + chr(33 + x) + chr(33 + y)
sys.stdout.write(out)' "$@")
	tmux -L "$SOCK" send-keys -t "nr:$w" -l "$seq"
}

# click_token WINDOW SYMBOL: click the token's row in the panel until it is
# selected (reverse video; the panel takes the focus), then Enter opens it.
click_token() {
	deadline=$(( $(date +%s) + 10 ))
	while :; do
		row=$(screen "$1" | grep -n "$2" | head -1 | cut -d: -f1)
		col=$(screen "$1" | grep "$2" | head -1 | "${PYTHON3:-python3}" -c '
import sys; print(sys.stdin.read().index(sys.argv[1]))' "$2")
		mouse "$1" 0 "$col" $((row - 1)) 3 "$col" $((row - 1))
		t=$(( $(date +%s) + 2 ))
		while [ "$(date +%s)" -lt "$t" ]; do
			screen_e "$1" | grep "$2" | grep -Eq "$(printf '\033')\[([0-9]+;)*7m" && break 2
			sleep 0.05
		done
		[ "$(date +%s)" -ge "$deadline" ] && fail "a click did not select $2"
	done
	keys "$1" Enter
}

mkdir -p "$T/www"
cp "$NR_SRCDIR/tests/fixtures/panel/ar.xml" "$T/www/"
start_server "$T/www"
U="http://127.0.0.1:$PORT"
echo "$U/ar.xml \"~Market news\"" >"$T/config/newsreader/urls"

# --- Four sources answering 404, one rate-limited. (Further down: one whose
# data comes but whose holders lookup, GeckoTerminal, answers 404.)
mkdir -p "$T/www/dex/tokens/v1/ethereum"
cat >"$T/www/dex/tokens/v1/ethereum/0xabc" <<JSON
[{"chainId": "ethereum", "url": "https://example.org/pair", "pairAddress": "0xpool1",
  "baseToken": {"address": "0xabc", "symbol": "OWL", "name": "Night Owl"},
  "priceUsd": "1.5", "marketCap": 2500000, "priceChange": {"h24": 1.5}}]
JSON
cat >"$T/config/newsreader/config" <<CONF
market-source generic $U/missing.json name=lost-file
market-source coingecko $U/gone ids=frog-coin
market-source dexscreener $U/gone chain=ethereum addresses=0xabc
market-source gate-alpha $U/gone
market-source generic $U/429?retry=3600 name=busy
market-interval 60
CONF
tui_start main
open_article main
wait_for main "no data yet: HTTP 404"
screen main | grep -q "loading" && fail "the panel still says loading after a failure"
# The empty panel lists why, source by source.
wait_for main "coingecko: failing:"
keys main E
wait_for main "Market sources:"
# The errors view is a snapshot: on a loaded machine a source may still be
# on its way to failing when it opens, so reopen it until all five have a
# state (or the deadline passes).
deadline=$(( $(date +%s) + 20 ))
until [ "$(screen main | grep -cE '(lost-file|coingecko|dexscreener|gate-alpha): failing: HTTP 404|busy: rate-limited until ')" -eq 5 ]; do
	[ "$(date +%s)" -ge "$deadline" ] && break
	keys main q
	wait_for main "Article: "
	keys main E
	wait_for main "Market sources:"
done
for s in "lost-file: failing: HTTP 404" "coingecko: failing: HTTP 404" \
    "dexscreener: failing: HTTP 404" "gate-alpha: failing: HTTP 404" \
    "busy: rate-limited until "; do
	wait_for main "$s"
	screen main | grep -F "$s" | grep -q "^ *!" || fail "no ! before '$s'"
done
screen main | grep -q "No feed has failed" || fail "the feed's state is gone"
keys main q
wait_for main "Article: "
keys main Q
check_clean_exit main

# --- A generic file that turns malformed; one token from two sources.
cp "$F/frog-file.json" "$T/frog-file.json"
cp "$F/frog-dex.json" "$T/www/frog-dex.json"
cat >"$T/config/newsreader/config" <<CONF
market-source generic file://$T/frog-file.json name=local
market-source generic $U/frog-dex.json name=dex
market-source dexscreener $U/dex chain=ethereum addresses=0xabc holders-url=$U/gt name=owls
market-interval 1
CONF
# The reader comes back to the article it showed.
TUI_COLS=120 tui_start two
wait_for two "Article: "
wait_for two "TAMR"
wait_for two "NAHL"
# FROG from both sources (one writes "frog" on "Ethereum"): one row, with
# the holders only the second has.
wait_for two "512 holders"
[ "$(screen two | grep -ci "frog coin")" = 1 ] || fail "FROG is not on exactly one row"
# The price column where the name keeps its room: NAHL's short name.
screen two | grep -q "NAHL .* \$3.50 \$910K" || fail "no price column"
keys two Tab
wait_for two "local: ok, updated"
wait_for two "dex: ok, updated"
keys two Tab
wait_gone two "local: ok, updated"

# Garbage in the file: the values stay, the reason is said.
echo '{"tokens": [ {"symbol": ' >"$T/frog-file.json"
wait_for two "market data (local): generic:" 8
screen two | grep -q "TAMR" || fail "TAMR went away on bad data"
screen two | grep -q "Tamr Token" || fail "the name went away on bad data"
keys two Tab
wait_for two "local: failing: generic:"
keys two Tab E
wait_for two "Market sources:"
screen two | grep -Eq "^ *! +local: failing: generic: .*" ||
    fail "the errors view does not say why the file failed"
screen two | grep -Eq "^ +dex: ok, updated [0-9]{2}:[0-9]{2}" || fail "dex is not ok"
# The data came, the holders did not: said, without the "!".
screen two | grep -Eq "^ +owls: ok, updated [0-9]{2}:[0-9]{2}; geckoterminal: 0xabc: HTTP 404" ||
    fail "the failed holders lookup is not said"
# The merged token's detail view names both sources and where each value
# came from.
keys two q
wait_for two "Article: "
keys two Tab Enter
wait_for two "Token: "
wait_for two "local, dex"
wait_for two "Holders      512 (from dex)"
# Mouse: a click on a token's row in the panel selects it and gives the
# panel the focus (which was left first); Enter then opens it. (A double
# click opens at once, as in the lists; its timing is left to tui_mouse.sh.)
keys two q
wait_for two "Article: "
keys two Tab
click_token two TAMR
wait_for two "Token: TAMR"
wait_for two "Tamr Token"
# OWL comes from DexScreener: its history is GeckoTerminal's hourly OHLCV of
# its pool, served here (a week, the newest half an hour old, closes from
# 1.00 to 1.50).
mkdir -p "$T/www/gt/api/v2/networks/eth/pools/0xpool1/ohlcv"
"${PYTHON3:-python3}" - "$T/www/gt/api/v2/networks/eth/pools/0xpool1/ohlcv/hour" <<'PY'
import json, sys, time
now = int(time.time()) - 1800
rows = [[now - h * 3600, 1, 1, 1, 1.0 + (167 - h) * (0.5 / 167), 10] for h in range(168)]
json.dump({"data": {"attributes": {"ohlcv_list": rows}}}, open(sys.argv[1], "w"))
PY
keys two q
wait_for two "Article: "
click_token two OWL
wait_for two "Token: OWL"
deadline=$(( $(date +%s) + 10 ))
until screen two | grep -Eq 'Price, 7 d: low \$1\.00, high \$1\.50, 1(69|70) points'; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "no 7 d chart from the pool's OHLCV"
	sleep 0.05
done
keys two q Q
check_clean_exit two

# --- The token detail view: Enter on a token; its history backfilled from
# CoinGecko's market chart, served by the test server.
mkdir -p "$T/www/api/v3/coins/frog-coin"
cat >"$T/www/api/v3/coins/markets" <<JSON
[{"id": "frog-coin", "symbol": "frog", "name": "Frog Coin", "current_price": 0.0123,
  "market_cap": 4500000, "price_change_percentage_24h": 2.5, "total_volume": 81000}]
JSON
# A week of hourly points, the newest half an hour old (the reader's own
# point stays apart): the price climbs from 0.001 to 0.0123.
"${PYTHON3:-python3}" - "$T/www/api/v3/coins/frog-coin/market_chart" <<'PY'
import json, sys, time
now = int(time.time()) * 1000 - 1800000
pts = range(167, -1, -1)
price = [[now - h * 3600000, 0.001 + (167 - h) * (0.0113 / 167)] for h in pts]
cap = [[t, p * 365000000] for t, p in price]
json.dump({"prices": price, "market_caps": cap, "total_volumes": []},
          open(sys.argv[1], "w"))
PY
cat >"$T/config/newsreader/config" <<CONF
market-source coingecko $U ids=frog-coin
CONF
TUI_ROWS=60 tui_start detail
wait_for detail "Article: "
wait_for detail "Frog Coin"
keys detail Tab Enter
wait_for detail "Token: FROG"
wait_for detail "Price        \$0.01230 (from coingecko)"
wait_for detail "24 h volume  \$81.0K (from coingecko)"
wait_for detail "Sources:"
# The backfill came: 168 hourly points and the reader's own in the 7 d
# chart, 24 and that one in the 24 h one.
wait_for detail "Price, 7 d: low \$0.00100, high \$0.0123, 169 points" 10
wait_for detail "Price, 24 h: low \$0.0107, high \$0.0123, 25 points"
screen detail | grep -A4 "Price, 7 d:" | grep -q "█" || fail "no chart drawn"
keys detail G
wait_for detail "Holders, 7 d: no history yet"
# The server saw one market chart request.
"${PYTHON3:-python3}" -c '
import json, sys, urllib.request
s = json.load(urllib.request.urlopen(sys.argv[1] + "/_stats", timeout=5))
n = s.get("/api/v3/coins/frog-coin/market_chart", {}).get("requests", 0)
sys.exit(0 if n == 1 else 1)' "$U" || fail "not exactly one market chart request"
# q back; o on the focused panel still opens the page (none here: said).
keys detail q
wait_for detail "Article: "
keys detail Q
check_clean_exit detail

# Offline, the history is still there.
kill "$SERVER_PID"
SERVER_PID=
TUI_ROWS=60 tui_start detail2 --offline
wait_for detail2 "Frog Coin"
keys detail2 Tab Enter
wait_for detail2 "Price, 7 d: low \$0.00100, high \$0.0123, 169 points"
keys detail2 q Q
check_clean_exit detail2
