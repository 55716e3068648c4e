#!/bin/sh
# Config problems stop the reader before the terminal is touched: every
# bad bind/color line is reported with file:line, exit 3, and no cache is
# created. Without a terminal it says so and exits 1.
: "${NEWSREADER:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/nrtuicfg.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" XDG_STATE_HOME="$T/state"
cd "$T" || exit 99
cat >bad.conf <<'EOF2'
# a comment
bind j explode
bind Hyper-q quit
color bogus red default
bind x reload
color title red default bold
EOF2
"$NEWSREADER" --config bad.conf </dev/null >out 2>err
rc=$?
[ "$rc" = 3 ] || { echo "exit $rc, want 3"; cat err; exit 1; }
cat >want <<'EOF2'
newsreader: bad.conf:2: unknown action 'explode'
newsreader: bad.conf:3: unknown key 'Hyper-q'
newsreader: bad.conf:4: unknown color element 'bogus'
EOF2
diff -u want err || exit 1
[ -s out ] && { echo "stdout not empty"; exit 1; }
[ -e "$T/data/newsreader/cache.db" ] && { echo "a cache was created"; exit 1; }

printf 'bind x reload\ncolor title red default bold\n' >good.conf
"$NEWSREADER" --config good.conf </dev/null >out 2>err
rc=$?
[ "$rc" = 1 ] || { echo "no terminal: exit $rc, want 1"; cat err; exit 1; }
grep -q "^newsreader: the interactive reader needs a terminal" err || { cat err; exit 1; }

# No locale set at all (a fresh machine, a container): the C locale is
# coerced to C.UTF-8, so the demo's Arabic shows instead of '?'.
sock="nrloc-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$T"' EXIT
tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 20 \
	"env -i PATH=\"$PATH\" HOME=\"$T\" TERM=xterm-256color XDG_CONFIG_HOME=\"$T/c2\" \
	XDG_DATA_HOME=\"$T/d2\" XDG_STATE_HOME=\"$T/s2\" NR_DATA_DIR=\"${NR_DATA_DIR:?}\" \
	ASAN_OPTIONS=detect_leaks=0 \"$NEWSREADER\"; sleep 30"
i=0
until tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q "All articles"; do
	i=$((i + 1))
	[ $i -gt 200 ] && { echo "the demo never showed"; tmux -L "$sock" capture-pane -p; exit 1; }
	sleep 0.05
done
screen=$(tmux -L "$sock" capture-pane -p)
if printf '%s\n' "$screen" | grep -q "locale is not UTF-8" ||
   ! printf '%s\n' "$screen" | grep -q "ﺾﺒﻧ"; then
	echo "without a locale the demo lost its Arabic:"; printf '%s\n' "$screen"; exit 1
fi
tmux -L "$sock" send-keys Q
echo "tui_config ok"
