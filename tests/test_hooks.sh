#!/bin/sh
# Test hooks stay out of release builds (issue 10): a reader built without
# --enable-test-hooks carries none of the NR_TEST_* variables (it cannot
# read what it does not contain); one built with it carries them, so the
# tests that need them can run. Nothing under src/ or ui/ reads an
# NR_TEST_* variable outside an #ifdef NR_TEST_HOOKS block.
cd "${NR_SRCDIR:?}" || exit 99
bin=${NEWSREADER:?}
hooks="NR_TEST_AUTO_RELOAD_SECONDS NR_TEST_SEARCH_DELAY_MS"
for h in $hooks; do
	if grep -qa "$h" "$bin"; then
		[ "${NR_HAVE_TEST_HOOKS:-no}" = yes ] ||
		    { echo "FAIL: $h is in a build without --enable-test-hooks"; exit 1; }
	else
		[ "${NR_HAVE_TEST_HOOKS:-no}" = no ] ||
		    { echo "FAIL: $h is missing from a build with --enable-test-hooks"; exit 1; }
	fi
done
# Every NR_TEST_ name in the sources is inside #ifdef NR_TEST_HOOKS.
bad=$(awk '
	/^#[ \t]*if(def)?[ \t].*NR_TEST_HOOKS/ { depth = 1; next }
	depth && /^#[ \t]*if/ { depth++ }
	depth && /^#[ \t]*endif/ { depth--; next }
	/getenv\("NR_TEST_/ && !depth { print FILENAME ":" FNR ": " $0 }
' $(find src ui -name '*.[ch]'))
[ -z "$bad" ] || { echo "FAIL: test hooks outside #ifdef NR_TEST_HOOKS:"; echo "$bad"; exit 1; }
echo "test hooks: ${NR_HAVE_TEST_HOOKS:-no} in this build, and only where configured"
