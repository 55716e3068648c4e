#!/bin/sh
# Regenerate the screenshots in doc/ by running newsreader in a real
# terminal emulator (xterm under Xvfb, through ../shared/tools/termshot), so
# the pictures show what a person sees, Arabic shaping and order included.
#
# Usage: doc/screenshots.sh [BUILT-NEWSREADER] [TERMSHOT]
# Needs xvfb, xterm, xdotool, imagemagick, fonts-dejavu-core.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
nr=${1:-$top/newsreader}
termshot=${2:-$top/../shared/tools/termshot}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A fresh first run each time: no config, no urls file, so the bundled demo.
fresh() {
	rm -rf "$work/home"
	mkdir -p "$work/home/cfg" "$work/home/data" "$work/home/state"
	echo env XDG_CONFIG_HOME="$work/home/cfg" XDG_DATA_HOME="$work/home/data" \
	    XDG_STATE_HOME="$work/home/state" NR_DATA_DIR="$top/data" "$nr"
}

# render in a terminal: an Arabic demo article laid out at 80 columns.
python3 - "$top/data/demo/ar-crypto.xml" > "$work/article.html" <<'PY'
import re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
print(re.search(r"<content:encoded><!\[CDATA\[(.*?)\]\]>", doc, re.S).group(1))
PY
"$termshot" --cols 82 --rows 24 --out "$top/doc/render-arabic.png" -- \
	sh -c "'$nr' render --width 80 '$work/article.html'"

# The feed list on the demo, then an Arabic article with its panel.
"$termshot" --cols 110 --rows 30 --startup 2 --out "$top/doc/feeds.png" -- $(fresh)
"$termshot" --cols 130 --rows 34 --startup 2 --keys 'j j j j j Return' --pause 1 \
	--keys 'Return' --wait 2 --out "$top/doc/article-arabic.png" -- $(fresh)

# The comment composer with Arabic and English text under the same article.
"$termshot" --cols 130 --rows 34 --startup 2 --keys 'j j j j j Return' --pause 1 \
	--keys 'Return' --pause 1 --keys 'c' --pause 0.5 \
	--type 'تحليل ممتاز، لكن سيولة FROG ما زالت ضعيفة جدًا.' --keys 'Return' \
	--type 'Great write-up, thanks!' --wait 2 --out "$top/doc/composer-arabic.png" -- $(fresh)

# The Arabic interface (LANG=ar_EG.UTF-8): mirrored, in Arabic, with
# Arabic-Indic digits. The locale is generated here (no root needed).
mkdir -p "$work/locale"
localedef -i ar_EG -f UTF-8 "$work/locale/ar_EG.UTF-8" >/dev/null 2>&1 ||
	test -f "$work/locale/ar_EG.UTF-8/LC_CTYPE"
fresh_ar() {
	fresh | sed "s|^env |env LOCPATH=$work/locale LC_ALL=ar_EG.UTF-8 LANG=ar_EG.UTF-8 |"
}
"$termshot" --cols 110 --rows 30 --startup 2 --out "$top/doc/ar-feeds.png" -- $(fresh_ar)
"$termshot" --cols 130 --rows 34 --startup 2 --keys 'j j j j j Return' --pause 1 \
	--keys 'Return' --wait 2 --out "$top/doc/ar-article.png" -- $(fresh_ar)
"$termshot" --cols 130 --rows 34 --startup 2 --key-delay 120 --keys 'j j j j j Return' \
	--pause 1 --keys 'Return' --pause 1 --keys 'c' --pause 0.5 \
	--type 'تحليل ممتاز، لكن سيولة FROG ما زالت ضعيفة جدًا.' --wait 2 \
	--out "$top/doc/ar-composer.png" -- $(fresh_ar)
