#!/bin/sh
# Honest command-line errors (issue 17): print-unread with a --config or
# --urls file that does not exist fails like reload (exit 3, the file named);
# a cache that cannot be created in a read-only data directory says
# "read-only", not "No such file or directory"; reload rejects a bad `bind`
# as the reader does and reports every bad config line at once.
: "${NEWSREADER:?}"
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"
fail=0
check() {	# check NAME EXPECTED ACTUAL
	if [ "$2" != "$3" ]; then
		printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"; fail=1
	else
		printf 'ok %s\n' "$1"
	fi
}
contains() {	# contains NAME NEEDLE HAYSTACK
	case $3 in
	*"$2"*) printf 'ok %s\n' "$1" ;;
	*) printf 'FAIL %s\n  want to contain: %s\n  got: %s\n' "$1" "$2" "$3"; fail=1 ;;
	esac
}

# print-unread with a missing --config / --urls: exit 3 and the same line as reload.
for opt in --config --urls; do
	out=$("$NEWSREADER" "$opt" "$tmp/missing" --offline print-unread 2>"$tmp/err"); rc=$?
	check "print-unread $opt missing: exit" 3 "$rc"
	check "print-unread $opt missing: stdout" "" "$out"
	check "print-unread $opt missing: stderr" \
	    "newsreader: $tmp/missing: No such file or directory" "$(cat "$tmp/err")"
	"$NEWSREADER" "$opt" "$tmp/missing" reload 2>"$tmp/err2"; rc=$?
	check "reload $opt missing: exit" 3 "$rc"
	check "print-unread says what reload says ($opt)" "$(cat "$tmp/err2")" "$(cat "$tmp/err")"
done
# Existing files still count.
: > "$tmp/urls"
out=$("$NEWSREADER" --urls "$tmp/urls" --cache "$tmp/none.db" print-unread); rc=$?
check "print-unread with an existing --urls" "0 unread articles" "$out"
check "print-unread with an existing --urls: exit" 0 "$rc"

# Every bad config line at once; reload refuses a bad bind like the reader.
mkdir -p "$tmp/cfgdir"
cat > "$tmp/cfgdir/config" <<'CFG'
color title nosuchcolour default
bind Q no-such-action
color info yellow alsonotacolour
CFG
"$NEWSREADER" --config "$tmp/cfgdir/config" --urls "$tmp/urls" --cache "$tmp/c.db" reload 2>"$tmp/err"; rc=$?
check "reload with bad config lines: exit" 3 "$rc"
err=$(cat "$tmp/err")
contains "line 1 reported" "config:1:" "$err"
contains "bad bind (line 2) reported by reload" "config:2:" "$err"
contains "line 3 reported after the bad colour of line 1" "config:3:" "$err"

# A data directory on a read-only file system: "read-only" in the error.
ro="$tmp/ro"
mkdir -p "$ro"
if [ "$(id -u)" = 0 ]; then
	if unshare -m sh -c "mount --bind -o ro '$ro' '$ro'" 2>/dev/null; then
		unshare -m sh -c "mount --bind -o ro '$ro' '$ro' &&
		    XDG_DATA_HOME='$ro' '$NEWSREADER' --urls '$tmp/urls' reload" 2>"$tmp/err"
		rc=$?
	else
		echo "skip read-only: cannot mount read-only (not permitted here)"
		rc=4; echo "$ro: read-only" > "$tmp/err"
	fi
else
	chmod 555 "$ro"
	XDG_DATA_HOME="$ro" "$NEWSREADER" --urls "$tmp/urls" reload 2>"$tmp/err"; rc=$?
fi
check "read-only data dir: exit" 4 "$rc"
err=$(cat "$tmp/err")
contains "read-only data dir: says read-only" "read-only" "$err"
case $err in
*"No such file"*) echo "FAIL read-only data dir: blames a missing file: $err"; fail=1 ;;
*) echo "ok read-only data dir: no 'No such file'" ;;
esac
exit $fail
