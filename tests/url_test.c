/* RFC 3986 reference resolution: the examples of section 5.4, then the
 * cases feeds produce (xml:base chains, whitespace, file URLs). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/url.h"

#define BASE "http://a/b/c/d;p?q"

static const struct {
	const char *base, *ref, *out;
} cases[] = {
	/* 5.4.1 normal examples */
	{ BASE, "g:h", "g:h" },
	{ BASE, "g", "http://a/b/c/g" },
	{ BASE, "./g", "http://a/b/c/g" },
	{ BASE, "g/", "http://a/b/c/g/" },
	{ BASE, "/g", "http://a/g" },
	{ BASE, "//g", "http://g" },
	{ BASE, "?y", "http://a/b/c/d;p?y" },
	{ BASE, "g?y", "http://a/b/c/g?y" },
	{ BASE, "#s", "http://a/b/c/d;p?q#s" },
	{ BASE, "g#s", "http://a/b/c/g#s" },
	{ BASE, "g?y#s", "http://a/b/c/g?y#s" },
	{ BASE, ";x", "http://a/b/c/;x" },
	{ BASE, "g;x", "http://a/b/c/g;x" },
	{ BASE, "g;x?y#s", "http://a/b/c/g;x?y#s" },
	{ BASE, "", "http://a/b/c/d;p?q" },
	{ BASE, ".", "http://a/b/c/" },
	{ BASE, "./", "http://a/b/c/" },
	{ BASE, "..", "http://a/b/" },
	{ BASE, "../", "http://a/b/" },
	{ BASE, "../g", "http://a/b/g" },
	{ BASE, "../..", "http://a/" },
	{ BASE, "../../", "http://a/" },
	{ BASE, "../../g", "http://a/g" },
	/* 5.4.2 abnormal examples */
	{ BASE, "../../../g", "http://a/g" },
	{ BASE, "../../../../g", "http://a/g" },
	{ BASE, "/./g", "http://a/g" },
	{ BASE, "/../g", "http://a/g" },
	{ BASE, "g.", "http://a/b/c/g." },
	{ BASE, ".g", "http://a/b/c/.g" },
	{ BASE, "g..", "http://a/b/c/g.." },
	{ BASE, "..g", "http://a/b/c/..g" },
	{ BASE, "./../g", "http://a/b/g" },
	{ BASE, "./g/.", "http://a/b/c/g/" },
	{ BASE, "g/./h", "http://a/b/c/g/h" },
	{ BASE, "g/../h", "http://a/b/c/h" },
	{ BASE, "g;x=1/./y", "http://a/b/c/g;x=1/y" },
	{ BASE, "g;x=1/../y", "http://a/b/c/y" },
	{ BASE, "g?y/./x", "http://a/b/c/g?y/./x" },
	{ BASE, "g?y/../x", "http://a/b/c/g?y/../x" },
	{ BASE, "g#s/./x", "http://a/b/c/g#s/./x" },
	{ BASE, "g#s/../x", "http://a/b/c/g#s/../x" },
	{ BASE, "http:g", "http:g" },	/* strict parser */
	/* feeds */
	{ "https://news.example/ar/", "2026/01/btc.html", "https://news.example/ar/2026/01/btc.html" },
	{ "https://news.example", "feed.xml", "https://news.example/feed.xml" },
	{ "https://news.example/a/b", "  /x \n", "https://news.example/x" },
	{ "https://news.example/a/", "https://other.example/../p", "https://other.example/p" },
	{ "file:///srv/feeds/f.xml", "img/1.png", "file:///srv/feeds/img/1.png" },
	{ NULL, "relative/path", "relative/path" },
	{ "https://news.example/a/", "mailto:desk@news.example", "mailto:desk@news.example" },
};

static void
test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *r = url_resolve(cases[i].base, cases[i].ref);
		if (strcmp(r, cases[i].out) != 0)
			fail_msg("base %s ref \"%s\": got %s, expected %s",
			    cases[i].base ? cases[i].base : "(null)", cases[i].ref, r, cases[i].out);
		free(r);
	}
}

/* xml:base chains: each level resolves against the one above. */
static void
test_chain(void **state)
{
	(void)state;
	char *a = url_resolve("https://example.org/feeds/main.xml", "/blog/");
	char *b = url_resolve(a, "2026/");
	char *c = url_resolve(b, "../2025/post.html?x=1#c");
	assert_string_equal(c, "https://example.org/blog/2025/post.html?x=1#c");
	free(a);
	free(b);
	free(c);
}

static void
test_has_scheme(void **state)
{
	(void)state;
	assert_true(url_has_scheme("https://x"));
	assert_true(url_has_scheme("mailto:a@b"));
	assert_false(url_has_scheme("/a:b"));
	assert_false(url_has_scheme("a/b:c"));
	assert_false(url_has_scheme("1http://x"));
	assert_false(url_has_scheme(""));
}

/* file: URLs as curl reads them (the fetcher's cache guard needs the path). */
static void
test_file_path(void **state)
{
	static const struct {
		const char *url, *path;	/* path NULL: not a local file URL */
	} files[] = {
		{ "file:///srv/feeds/a.xml", "/srv/feeds/a.xml" },
		{ "FILE://localhost/srv/a.xml", "/srv/a.xml" },
		{ "file://127.0.0.1/srv/a.xml", "/srv/a.xml" },
		{ "file:/srv/a.xml", "/srv/a.xml" },
		{ "file:///home/u/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/cache.db%2Dwal",
		    "/home/u/أخبار/cache.db-wal" },
		{ "file:///a/b.xml?x=1#top", "/a/b.xml" },
		{ "file:///a/100%", "/a/100%" },
		{ "file://otherhost/a.xml", NULL },
		{ "file://localhost", NULL },
		{ "file:a.xml", NULL },
		{ "https://news.example/a.xml", NULL },
	};
	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *p = url_file_path(files[i].url);
		if (files[i].path == NULL && p != NULL)
			fail_msg("%s: got %s, expected NULL", files[i].url, p);
		if (files[i].path != NULL && (p == NULL || strcmp(p, files[i].path) != 0))
			fail_msg("%s: got %s, expected %s", files[i].url, p ? p : "NULL",
			    files[i].path);
		free(p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_has_scheme),
		cmocka_unit_test(test_file_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
