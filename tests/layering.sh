#!/bin/sh
# The dependency direction of DESIGN.md, checked on every `make check`:
# - nothing under src/ includes curses or anything from ui/;
# - src/fetch is the transport only: it includes none of the store, feed,
#   market, comments, jobs or driver headers;
# - the job kinds (src/jobs) and comments never include the driver that
#   runs them (no cycle);
# - no ui/ file includes a module's private header (*-int.h, *_int.h,
#   internal.h): ui/ uses the modules' public API only.
cd "${NR_SRCDIR:?}" || exit 99
status=0
check() {
	if [ -n "$2" ]; then
		echo "$1:"; echo "$2"; status=1
	fi
}
inc='#[[:space:]]*include[[:space:]]*[<"]'
check "core files that include curses or ui/" \
    "$(grep -rlE "$inc(n?curses|ncursesw/|ui/)" src || true)"
check "src/fetch files that include a module the transport must not know" \
    "$(grep -rnE "$inc(store|feed|market|comments|jobs|driver)/" src/fetch || true)"
check "job or comments files that include the driver" \
    "$(grep -rnE "$inc""driver/" src/jobs src/comments || true)"
check "ui/ files that include a module's private header" \
    "$(grep -rnE "$inc([a-z_]+/)?([A-Za-z0-9_]+[-_]int|internal)\\.h" ui || true)"
[ "$status" -eq 0 ] && echo "layering ok"
exit "$status"
