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
echo "tui_config ok"
