#!/bin/sh
# Black-box tests of `newsreader import` and `newsreader export`: what lands
# in the urls file (byte for byte), what is printed, and the exit codes.
: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
fx=$NR_SRCDIR/tests/fixtures/config
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
# Never touch the real user's files.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/xdg" XDG_DATA_HOME="$tmp/data"
export SOURCE_DATE_EPOCH=1796299200
status=0

fail() {
	echo "FAIL: $*"
	status=1
}

# expect_file FILE: compare FILE with stdin, show the difference.
expect_file() {
	cat >"$tmp/expected"
	if ! cmp -s "$tmp/expected" "$1"; then
		fail "$1 differs from what was expected:"
		diff "$tmp/expected" "$1"
	fi
}

# 1. Into a fresh urls file whose directory does not exist yet.
urls=$tmp/new/dir/urls
"$NEWSREADER" --urls "$urls" import "$fx/nested.opml" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "first import exited $rc"
expect_file "$tmp/err" <<EOT
newsreader: warning: $fx/nested.opml: line 15: exec: feeds run a command and are never imported from OPML; add the line to the urls file yourself if you trust it (outline skipped)
newsreader: warning: $fx/nested.opml: line 16: feed 'https://example.org/ar.xml' is listed twice (outline skipped)
newsreader: import: 5 added, 0 skipped (already in $urls)
EOT
expect_file "$urls" <<'EOT'
https://example.org/type.xml Tech Unicode "~Text & Type"
https://example.net/notes/feed.atom Tech linux tools/cli "~Terminal Notes"
https://example.org/ar.xml عربي "~نبض"
https://example.org/notitle.xml عربي
http://example.com/top.rss "~Top level"
EOT

# 2. Again: everything is skipped and the file is not rewritten.
cp -p "$urls" "$tmp/before"
"$NEWSREADER" --urls "$urls" import "$fx/nested.opml" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "second import exited $rc"
tail -n 1 "$tmp/err" >"$tmp/last"
expect_file "$tmp/last" <<EOT
newsreader: import: 0 added, 5 skipped (already in $urls)
EOT
cmp -s "$tmp/before" "$urls" || fail "second import changed the urls file"
[ -n "$(find "$urls" -newer "$tmp/before")" ] && fail "second import rewrote the urls file"

# 3. An existing hand-written file keeps every byte, comments included; its
#    mode is kept too.
mine=$tmp/mine/urls
mkdir -p "$tmp/mine"
cp "$fx/existing-urls" "$mine"
chmod 640 "$mine"
"$NEWSREADER" --urls "$mine" import "$fx/nested.opml" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "import into an existing file exited $rc"
tail -n 1 "$tmp/err" >"$tmp/last"
expect_file "$tmp/last" <<EOT
newsreader: import: 4 added, 1 skipped (already in $mine)
EOT
size=$(wc -c <"$fx/existing-urls")
head -c "$size" "$mine" | cmp -s - "$fx/existing-urls" ||
	fail "import changed the existing lines of the urls file"
{ cat "$fx/existing-urls"; cat <<'EOT'

https://example.org/type.xml Tech Unicode "~Text & Type"
https://example.net/notes/feed.atom Tech linux tools/cli "~Terminal Notes"
https://example.org/notitle.xml عربي
http://example.com/top.rss "~Top level"
EOT
} >"$tmp/mine-expected"
expect_file "$mine" <"$tmp/mine-expected"
[ "$(stat -c %a "$mine")" = 640 ] || fail "import changed the mode of the urls file"
set -- "$tmp/mine"/.urls.*
[ -e "$1" ] && fail "import left a temporary file behind"

# 4. A symlinked urls file (dotfiles) stays a symlink to the updated file.
mkdir -p "$tmp/dots"
: >"$tmp/dots/urls"
ln -s "$tmp/dots/urls" "$tmp/link-urls"
"$NEWSREADER" --urls "$tmp/link-urls" import "$fx/nested.opml" 2>/dev/null ||
	fail "import through a symlink failed"
[ -L "$tmp/link-urls" ] || fail "import replaced the symlink"
cmp -s "$tmp/dots/urls" "$urls" || fail "import through a symlink wrote something else"

# 5. The default urls file is created under XDG_CONFIG_HOME.
"$NEWSREADER" import "$fx/nested.opml" 2>/dev/null || fail "import to the default file failed"
cmp -s "$XDG_CONFIG_HOME/newsreader/urls" "$urls" || fail "default urls file not written"

# 6. Export, and import of the export gives back the same file.
"$NEWSREADER" --urls "$urls" export >"$tmp/out.opml" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "export exited $rc"
[ -s "$tmp/err" ] && fail "export printed on stderr: $(cat "$tmp/err")"
head -n 6 "$tmp/out.opml" >"$tmp/head"
expect_file "$tmp/head" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>newsreader feeds</title>
    <dateCreated>Thu, 03 Dec 2026 12:00:00 GMT</dateCreated>
  </head>
EOT
# Tags are nested folders (outermost first), in the urls file's order.
sed -n '7,$p' "$tmp/out.opml" >"$tmp/body"
expect_file "$tmp/body" <<'EOT'
  <body>
    <outline text="Tech" title="Tech">
      <outline text="Unicode" title="Unicode">
        <outline type="rss" text="Text &amp; Type" title="Text &amp; Type" xmlUrl="https://example.org/type.xml"/>
      </outline>
      <outline text="linux" title="linux">
        <outline text="tools/cli" title="tools/cli">
          <outline type="rss" text="Terminal Notes" title="Terminal Notes" xmlUrl="https://example.net/notes/feed.atom"/>
        </outline>
      </outline>
    </outline>
    <outline text="عربي" title="عربي">
      <outline type="rss" text="نبض" title="نبض" xmlUrl="https://example.org/ar.xml"/>
      <outline type="rss" text="https://example.org/notitle.xml" xmlUrl="https://example.org/notitle.xml"/>
    </outline>
    <outline type="rss" text="Top level" title="Top level" xmlUrl="http://example.com/top.rss"/>
  </body>
</opml>
EOT
grep -q 'category=' "$tmp/out.opml" && fail "export: tags flattened into a category attribute"
"$NEWSREADER" --urls "$tmp/rt/urls" import "$tmp/out.opml" 2>/dev/null ||
	fail "import of the export failed"
cmp -s "$tmp/rt/urls" "$urls" || { fail "export/import round trip differs"; diff "$urls" "$tmp/rt/urls"; }

# 6b. With a cache: a feed the urls file leaves untitled is exported under
#     its own title, every feed with its site (htmlUrl); the user's title
#     wins; import -> export -> import keeps URLs, titles, tags and order.
mkdir -p "$tmp/site"
for f in one two; do
	cat >"$tmp/site/$f.xml" <<EOT
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Site $f</title><link>https://$f.example/</link>
<description>d</description><item><title>Post</title><guid>$f-1</guid>
<link>https://$f.example/p</link></item></channel></rss>
EOT
done
cat >"$tmp/cached-urls" <<EOT
file://$tmp/site/one.xml news world
file://$tmp/site/two.xml news "~My name for two"
EOT
XDG_DATA_HOME=$tmp/cdata "$NEWSREADER" --urls "$tmp/cached-urls" reload >/dev/null 2>&1 ||
	fail "reload of the file:// feeds failed"
XDG_DATA_HOME=$tmp/cdata "$NEWSREADER" --urls "$tmp/cached-urls" export >"$tmp/c.opml" 2>"$tmp/err" ||
	fail "export with a cache failed: $(cat "$tmp/err")"
grep -qF "<outline type=\"rss\" text=\"Site one\" title=\"Site one\" xmlUrl=\"file://$tmp/site/one.xml\" htmlUrl=\"https://one.example/\"/>" "$tmp/c.opml" ||
	fail "export: the untitled feed lacks its known title or htmlUrl: $(grep one.xml "$tmp/c.opml")"
grep -qF "<outline type=\"rss\" text=\"My name for two\" title=\"My name for two\" xmlUrl=\"file://$tmp/site/two.xml\" htmlUrl=\"https://two.example/\"/>" "$tmp/c.opml" ||
	fail "export: the user's title or htmlUrl lost: $(grep two.xml "$tmp/c.opml")"
"$NEWSREADER" --urls "$tmp/rt1/urls" import "$tmp/c.opml" 2>/dev/null || fail "import (1) failed"
expect_file "$tmp/rt1/urls" <<EOT
file://$tmp/site/one.xml news world "~Site one"
file://$tmp/site/two.xml news "~My name for two"
EOT
XDG_DATA_HOME=$tmp/cdata "$NEWSREADER" --urls "$tmp/rt1/urls" export >"$tmp/c2.opml" 2>/dev/null ||
	fail "export (2) failed"
"$NEWSREADER" --urls "$tmp/rt2/urls" import "$tmp/c2.opml" 2>/dev/null || fail "import (2) failed"
cmp -s "$tmp/rt1/urls" "$tmp/rt2/urls" ||
	{ fail "import -> export -> import is not lossless"; diff "$tmp/rt1/urls" "$tmp/rt2/urls"; }
cmp -s "$tmp/c.opml" "$tmp/c2.opml" || fail "the second export differs from the first"

# 7. Without a urls file, export gives the bundled demo list.
XDG_CONFIG_HOME=$tmp/empty NR_DATA_DIR=$NR_SRCDIR/data "$NEWSREADER" export >"$tmp/demo.opml" ||
	fail "export of the demo list failed"
[ "$(grep -c "xmlUrl=\"file://$NR_SRCDIR/data/demo/" "$tmp/demo.opml")" -ge 3 ] ||
	fail "export of the demo list: no demo feeds"

# 8. A missing --urls file is an error for export.
"$NEWSREADER" --urls "$tmp/none/urls" export >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 3 ] || fail "export with a missing --urls file exited $rc"
expect_file "$tmp/err" <<EOT
newsreader: $tmp/none/urls: No such file or directory
EOT

# 9. Malformed OPML: exit 1, one line naming the file and the line, nothing written.
cp -p "$urls" "$tmp/before"
"$NEWSREADER" --urls "$urls" import "$fx/broken.opml" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "import of broken OPML exited $rc"
expect_file "$tmp/err" <<EOT
newsreader: $fx/broken.opml: line 6: Opening and ending tag mismatch: outline line 5 and body
EOT
cmp -s "$tmp/before" "$urls" || fail "a failed import changed the urls file"
"$NEWSREADER" --urls "$urls" import "$tmp/missing.opml" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "import of a missing file exited $rc"
expect_file "$tmp/err" <<EOT
newsreader: $tmp/missing.opml: No such file or directory
EOT

# 10. Usage errors.
"$NEWSREADER" import 2>/dev/null
rc=$?
[ "$rc" = 2 ] || fail "import without a file exited $rc"
"$NEWSREADER" export extra 2>/dev/null
rc=$?
[ "$rc" = 2 ] || fail "export with an argument exited $rc"

[ "$status" = 0 ] && echo "opml: all passed"
exit "$status"
