#!/bin/sh
# The reader under a locale that is not UTF-8 (issue 18, Faults: terminal).
# 1. LANG=C and LC_ALL=POSIX (a fresh container, a cron job): coerced to
#    C.UTF-8, so Arabic titles show as Arabic, and q quits cleanly.
# 2. A Latin-1 locale the user chose (generated here with localedef, found
#    through LOCPATH): the reader cannot show Arabic in it, so it refuses
#    with a message naming the fix and exits 1, before the screen opens.
#    The old code started with every Arabic letter shown as '?'.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

cat >"$T/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>أخبار المحلية</title><link>https://locale.example/</link>
<item><guid>l1</guid><title>عنوان عربي كامل</title><link>https://locale.example/1</link>
<description>نص.</description></item>
</channel></rss>
XML
echo "file://$T/feed.xml" >"$T/config/newsreader/urls"
"$NEWSREADER" reload 2>"$T/reload.err" || fail "reload: $(cat "$T/reload.err")"

n=0
for env in "LC_ALL= LANG=C" "LC_ALL=POSIX LANG="; do
	n=$((n + 1))
	TUI_ENV="$env" tui_start "c$n" --offline
	# Shaped for display: compare the letters, not their forms.
	wait_for "c$n" "1/1  All articles"
	screen "c$n" | grep -q '??' && fail "$env: '??' on the screen"
	screen "c$n" | grep -qP "[\x{0621}-\x{064A}\x{FE70}-\x{FEFC}]" ||
	    fail "$env: no Arabic on the screen"
	keys "c$n" q
	check_clean_exit "c$n"
done

LOC="$T/locale"
mkdir -p "$LOC"
localedef -i en_US -f ISO-8859-1 "$LOC/en_US.ISO-8859-1" >/dev/null 2>&1
[ "$(LOCPATH=$LOC LC_ALL=en_US.ISO-8859-1 locale charmap 2>/dev/null)" = ISO-8859-1 ] ||
    { echo "cannot generate a Latin-1 locale (Debian package locales)"; exit 77; }
# glibc leaks its copy of LOCPATH (as in tui_arabic_ui.sh): not ours.
printf 'leak:__argz_add_sep\n' >"$T/lsan.supp"
export LSAN_OPTIONS="suppressions=$T/lsan.supp"
TUI_ENV="LOCPATH=$LOC LC_ALL=en_US.ISO-8859-1 LANG=en_US.ISO-8859-1 LSAN_OPTIONS=$LSAN_OPTIONS" tui_start latin1 --offline
rc=$(wait_exit latin1)
[ "$rc" = 1 ] || fail "Latin-1: exit status $rc, expected 1"
grep -qxF "newsreader: the interactive reader needs a UTF-8 locale to show Arabic text, and en_US.ISO-8859-1 uses ISO-8859-1; set LANG=C.UTF-8 (or another UTF-8 locale) and run it again" \
    "$T/stderr.latin1" || fail "Latin-1: stderr: $(cat "$T/stderr.latin1")"
grep -q 'Sanitizer\|runtime error' "$T/stderr.latin1" && fail "sanitizer report"
# The screen never opened: the terminal is as it was.
[ "$(tmux -L "$SOCK" display -p -t nr:latin1 '#{alternate_on}')" = 0 ] ||
    fail "the alternate screen is on"
# The commands that print UTF-8 by contract still work there.
LOCPATH=$LOC LC_ALL=en_US.ISO-8859-1 "$NEWSREADER" print-unread >"$T/pu" 2>&1 ||
    fail "print-unread under Latin-1: $(cat "$T/pu")"
grep -qx "1 unread articles\|1 unread article" "$T/pu" || fail "print-unread: $(cat "$T/pu")"
exit 0
