#!/bin/sh
# A file:// feed naming a FIFO (issue 18): it fails at once with "not a
# regular file (a FIFO)" while the other feeds (a local file, one over HTTP)
# load, and q still quits. curl opened file:// paths with a blocking open():
# the fetch thread waited for a writer forever, nothing else loaded and the
# reader could not quit.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/http"
U="http://127.0.0.1:$PORT"
mkfifo "$T/pipe.xml" || fail "cannot make a FIFO"
cat >"$T/config/newsreader/urls" <<EOF2
file://$T/pipe.xml "~Pipe feed"
file://$NR_SRCDIR/tests/fixtures/http/en.xml "~Local file"
$U/ar.xml "~Over HTTP"
EOF2

tui_start main
wait_for main "5/5  All articles" 15
screen main | grep "Local file" | grep -q "3/3" || fail "the local file's 3 articles are missing"
screen main | grep "Over HTTP" | grep -q "2/2" || fail "the HTTP feed's 2 articles are missing"
screen main | grep "Pipe feed" | grep -q "^!" || fail "no ! marker on the FIFO feed"
keys main E
wait_for main "Feeds whose last fetch failed"
wait_for main "not a regular file (a FIFO)"
keys main q
wait_gone main "Feeds whose last fetch failed"
keys main q
check_clean_exit main
# Nothing was ever written to the FIFO, and nobody waits on it now.
[ -p "$T/pipe.xml" ] || fail "the FIFO is gone"
exit 0
