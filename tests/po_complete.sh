#!/bin/sh
# Every string the interface marks for translation has an Arabic translation:
# the template is extracted from the sources now (a string added without
# one fails here), every file that marks strings is in po/POTFILES, and
# po/ar.po has nothing untranslated or fuzzy.
: "${NR_SRCDIR:?}"
command -v xgettext >/dev/null 2>&1 || { echo "xgettext not installed (package gettext)"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/nrpo.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$NR_SRCDIR" || exit 1
rc=0

# Files that use _( N_( P_( but are not listed for extraction.
for f in $(grep -l -E '\b[NP]?_\("' src/*.c src/*/*.c ui/*.c ui/*.h 2>/dev/null); do
	grep -qx "$f" po/POTFILES || { echo "FAIL: $f marks strings but is not in po/POTFILES"; rc=1; }
done
xgettext --from-code=UTF-8 --language=C -k_ -kN_ -kP_:1,2 --package-name=newsreader \
    -f po/POTFILES -o "$T/newsreader.pot" || exit 1
n=$(grep -c '^msgid ' "$T/newsreader.pot")
echo "template: $((n - 1)) strings"
# msgcmp: every msgid of the template is in the catalog (and translated).
msgcmp --use-untranslated po/ar.po "$T/newsreader.pot" 2>"$T/cmp" ||
    { echo "FAIL: po/ar.po lacks strings of the sources:"; cat "$T/cmp"; rc=1; }
stats=$(msgfmt --check --statistics -o /dev/null po/ar.po 2>&1) ||
    { echo "FAIL: msgfmt --check po/ar.po: $stats"; rc=1; }
echo "po/ar.po: $stats"
case $stats in
*fuzzy*|*untranslated*) echo "FAIL: po/ar.po has fuzzy or untranslated messages"; rc=1 ;;
esac
grep -q '^"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;\\n"' po/ar.po ||
    { echo "FAIL: po/ar.po does not declare Arabic's six plural forms"; rc=1; }
[ $rc -eq 0 ] && echo "ok: every marked string is translated"
exit $rc
