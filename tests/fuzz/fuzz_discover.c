/*
 * libFuzzer target for feed discovery on web pages (src/feed/discover.c):
 * the input is an HTML page; its last byte picks the page's address. The
 * rules: every feed found is an absolute http or https URL (file: only on
 * a file: page), with no blank or control character and valid UTF-8, none
 * twice, at most 32; the fallbacks for the address are absolute too.
 */
#include "config.h"

#include <strings.h>

#include "feed/feed.h"

#include "fuzz.h"

static void
check_url(const char *u, bool file_ok, const char *what)
{
	size_t skip = 0;

	fuzz_check_clean(u, false, what);
	if (strncasecmp(u, "https://", 8) == 0)
		skip = 8;
	else if (strncasecmp(u, "http://", 7) == 0)
		skip = 7;
	else if (file_ok && strncasecmp(u, "file://", 7) == 0)
		skip = 7;
	else
		fuzz_fail("%s \"%s\" is not an absolute http(s) URL", what, u);
	if (skip != 7 || strncasecmp(u, "file", 4) != 0) {
		if (u[skip] == '\0' || u[skip] == '/')
			fuzz_fail("%s \"%s\" has no host", what, u);
	}
	for (const unsigned char *p = (const unsigned char *)u; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f)
			fuzz_fail("%s \"%s\" has byte 0x%02x", what, u, *p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const pages[] = {
		"https://site.example/a/b/page.html", "http://h.example", "file:///tmp/p.html",
		"https://xn--mgbh0fb.example/%D8%A3?q=1#f",
	};
	const char *page = pages[size > 0 ? data[size - 1] & 3 : 0];
	bool file_ok = strncmp(page, "file:", 5) == 0;
	char **v = NULL;
	size_t n;

	fuzz_sink += feed_looks_like_html((const char *)data, size);
	n = feed_discover((const char *)data, size, page, &v);
	if (n > 32)
		fuzz_fail("%zu feeds", n);
	if (n > 0 && v == NULL)
		fuzz_fail("%zu feeds, no array", n);
	for (size_t i = 0; i < n; i++) {
		check_url(v[i], file_ok, "feed");
		for (size_t j = 0; j < i; j++)
			if (strcmp(v[i], v[j]) == 0)
				fuzz_fail("feed \"%s\" twice", v[i]);
	}
	feed_discover_free(&v, n);
	if (v != NULL)
		fuzz_fail("feed_discover_free did not clear the pointer");
	n = feed_discover_fallbacks(page, &v);
	for (size_t i = 0; i < n; i++)
		check_url(v[i], file_ok, "fallback");
	feed_discover_free(&v, n);
	return 0;
}
