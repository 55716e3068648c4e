#!/bin/sh
# Issue 18: an empty or relative HOME is treated as unset. The password
# database's home is used then; with none either, the commands that use the
# config, cache or state directories refuse to start with a message that
# says what to set (exit 3) rather than putting files under whatever
# directory they were started in. render, dump-feed and extract need no
# directory and still run.
#
# Needs a user ID the password database does not know, so it runs as root
# with setpriv (util-linux); skipped otherwise.
: "${NEWSREADER:?}"
[ "$(id -u)" = 0 ] || { echo "not root: cannot run as an unknown user ID"; exit 77; }
command -v setpriv >/dev/null 2>&1 || { echo "no setpriv"; exit 77; }
uid=54321
while getent passwd "$uid" >/dev/null 2>&1; do uid=$((uid + 1)); done
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/work" && chmod 755 "$tmp" && chmod 777 "$tmp/work"
# The other user must reach the binary whatever the build tree's modes (a
# clone in a 0700 mktemp directory): a copy of it, beside the work dir.
cp "$NEWSREADER" "$tmp/newsreader" && chmod 755 "$tmp/newsreader" || exit 99
NEWSREADER=$tmp/newsreader
fail=0
check() {	# check NAME EXPECTED ACTUAL
	if [ "$2" != "$3" ]; then
		printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"; fail=1
	else
		printf 'ok %s\n' "$1"
	fi
}
run() {	# run HOME-VALUE ARGS...: as the unknown user, in $tmp/work, no XDG_*
	h=$1; shift
	(cd "$tmp/work" && setpriv --reuid="$uid" --regid="$uid" --clear-groups \
	    env -i PATH="$PATH" LC_ALL=C.UTF-8 HOME="$h" "$NEWSREADER" "$@")
}
msg="newsreader: cannot find the home directory: HOME is not an absolute path and the password database has none for user ID $uid; set HOME (or XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_STATE_HOME)"

for h in "" "rel" "."; do
	for cmd in print-unread reload export; do
		out=$(run "$h" $cmd 2>"$tmp/err"); rc=$?
		check "HOME='$h' $cmd: exit 3" 3 "$rc"
		check "HOME='$h' $cmd: stdout" "" "$out"
		check "HOME='$h' $cmd: stderr" "$msg" "$(cat "$tmp/err")"
		check "HOME='$h' $cmd: nothing in the current directory" "" \
		    "$(ls -A "$tmp/work")"
	done
done

# The XDG variables alone are enough.
out=$(cd "$tmp/work" && setpriv --reuid="$uid" --regid="$uid" --clear-groups \
    env -i PATH="$PATH" HOME= XDG_CONFIG_HOME="$tmp/work/c" XDG_DATA_HOME="$tmp/work/d" \
    XDG_STATE_HOME="$tmp/work/s" "$NEWSREADER" print-unread 2>"$tmp/err"); rc=$?
check "XDG variables without HOME: print-unread" "0 unread articles" "$out"
check "XDG variables without HOME: exit 0" 0 "$rc"

# Commands that use no directory do not need one.
out=$(echo 'hello' | run "" render --input text --width 0 - 2>"$tmp/err"); rc=$?
check "render without a home" "hello" "$out"
check "render without a home: exit 0" 0 "$rc"
exit $fail
