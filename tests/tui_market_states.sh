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

mkdir -p "$T/www"
cp "$NR_SRCDIR/tests/fixtures/panel/ar.xml" "$T/www/"
start_server "$T/www"
U="http://127.0.0.1:$PORT"
echo "$U/ar.xml \"~Market news\"" >"$T/config/newsreader/urls"

# --- Four sources answering 404, one rate-limited.
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
keys two q Q
check_clean_exit two
