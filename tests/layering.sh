#!/bin/sh
# The dependency direction of DESIGN.md: nothing under src/ includes curses
# or anything from ui/.
cd "${NR_SRCDIR:?}" || exit 99
bad=$(grep -rlE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/|ui/)' src || true)
if [ -n "$bad" ]; then
	echo "core files that include curses or ui/:"; echo "$bad"; exit 1
fi
echo "core layering ok"

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
bad=$(echo $bad)
if [ -n "$bad" ]; then
	echo "ui files that include another module's private parts:"; echo "$bad"; exit 1
fi
# The lower layers open no view: the app core, the market panel and the
# engagement module include no view header (views include them, and open
# each other through their constructors).
bad=$(grep -lE '^#[[:space:]]*include[[:space:]]*"view_[a-z_]*\.h"' \
    ui/app.[ch] ui/panel.[ch] ui/engage*.[ch] ui/status.[ch] ui/composer.[ch] || true)
if [ -n "$bad" ]; then
	echo "lower ui/ layers that include a view's header:"; echo "$bad"; exit 1
fi
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
if [ -n "$cycle" ]; then
	echo "include cycle among ui/ headers:$cycle"; exit 1
fi
echo "ui layering ok"
