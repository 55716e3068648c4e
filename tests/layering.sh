#!/bin/sh
# The dependency direction of DESIGN.md, checked on every `make check`:
# - nothing under src/ includes curses or anything from ui/;
# - src/fetch is the transport only: it includes none of the store, feed,
#   market, comments, jobs or driver headers;
# - the job kinds (src/jobs) and comments never include the driver that
#   runs them (no cycle);
# - no ui/ file includes a module's private header (*-int.h, *_int.h,
#   internal.h): ui/ uses the modules' public API only;
# - in ui/: a NAME-int.h only in NAME.c / NAME_*.c, no #include of a .c
#   file, no view header in the lower layers, no include cycle (below).
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
# Another module's private header is named with its directory; ui/'s own
# private headers (NAME-int.h, no directory) are checked below.
check "ui/ files that include a module's private header" \
    "$(grep -rnE "$inc([A-Za-z0-9_.]+/)+([A-Za-z0-9_]+[-_]int|internal)\\.h" ui || true)"
[ "$status" -eq 0 ] && echo "core layering ok"

# ui/ (issue 10). A private header (NAME-int.h) is included only by its
# own module's files (NAME.c, NAME_*.c); no file includes a .c file.
bad=""
for f in ui/*.[ch]; do
	for h in $(sed -n 's/^#[[:space:]]*include[[:space:]]*"\([^"/]*-int\.h\)".*/\1/p' "$f"); do
		mod=${h%-int.h}
		case "${f#ui/}" in "$mod".c|"$mod"_*.c) ;; *) bad="$bad $f:$h" ;; esac
	done
done
bad="$bad $(grep -lE '^#[[:space:]]*include[[:space:]]*"[^"]*\.c"' ui/*.[ch] src/*/*.[ch] 2>/dev/null)"
check "ui files that include another module's private parts" "$(echo $bad)"
# The lower layers open no view: the app core, the market panel and the
# engagement module include no view header (views include them, and open
# each other through their constructors).
check "lower ui/ layers that include a view's header" \
    "$(grep -lE '^#[[:space:]]*include[[:space:]]*"view_[a-z_]*\.h"' \
    ui/app.[ch] ui/panel.[ch] ui/engage*.[ch] ui/status.[ch] ui/composer.[ch] || true)"
# No include cycle among ui/ headers (a depth-first walk of "A.h includes
# B.h"; a cycle is a header reached again while it is on the path).
cycle=$(for h in ui/*.h; do
	for d in $(sed -n 's/^#[[:space:]]*include[[:space:]]*"\([^"/]*\.h\)".*/\1/p' "$h"); do
		[ -f "ui/$d" ] && echo "${h#ui/} $d"
	done
done | awk '
	{ n[$1]++; e[$1, n[$1]] = $2; nodes[$1]; nodes[$2] }
	function walk(v,   i) {
		if (state[v] == 1) { print path " -> " v; found = 1; return }
		if (state[v] == 2) return
		state[v] = 1; saved = path; path = path " -> " v
		for (i = 1; i <= n[v] && !found; i++) walk(e[v, i])
		state[v] = 2; sub(/ -> [^ ]*$/, "", path)
	}
	END { for (v in nodes) if (!found) { path = ""; walk(v) } }')
check "include cycle among ui/ headers" "$cycle"
[ "$status" -eq 0 ] && echo "ui layering ok"
exit "$status"
