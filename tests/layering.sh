#!/bin/sh
# The dependency direction of DESIGN.md: nothing under src/ includes curses
# or anything from ui/.
cd "${NR_SRCDIR:?}" || exit 99
bad=$(grep -rlE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/|ui/)' src || true)
if [ -n "$bad" ]; then
	echo "core files that include curses or ui/:"; echo "$bad"; exit 1
fi
echo "layering ok"
