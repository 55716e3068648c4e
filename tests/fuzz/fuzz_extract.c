/*
 * libFuzzer target for reader mode (src/extract/extract.h): the input is a
 * whole web page; the last byte picks the page URL and the HTTP charset.
 * An article's strings are sanitized UTF-8 and shaped as extract.h says.
 */
#include "config.h"

#include "extract/extract.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const urls[] = {
		NULL, "https://example.org/2024/05/story.html", "http://h/", "file:///tmp/p.html",
	};
	static const char *const charsets[] = {
		NULL, "utf-8", "windows-1256", "iso-8859-6", "utf-16le", "x-bogus", "ascii", "",
	};
	unsigned opt = size > 0 ? data[size - 1] : 0;
	struct extract_opts o = { urls[opt & 3], charsets[(opt >> 2) & 7] };
	struct extract_article *a;
	char *err = NULL;

	a = extract_page((const char *)data, size, &o, &err);
	if (a == NULL) {
		if (err == NULL)
			fuzz_fail("extract_page: NULL without a message");
		fuzz_touch(err);
		free(err);
		return 0;
	}
	if (a->title == NULL || a->html == NULL || a->text == NULL)
		fuzz_fail("article without title, html or text");
	fuzz_check_clean(a->title, false, "title");
	if (strchr(a->title, '\n') != NULL)
		fuzz_fail("title has a newline");
	fuzz_check_clean(a->dir, false, "dir");
	if (a->dir != NULL && strcmp(a->dir, "rtl") != 0 && strcmp(a->dir, "ltr") != 0 &&
	    strcmp(a->dir, "auto") != 0)
		fuzz_fail("dir \"%s\"", a->dir);
	fuzz_check_clean(a->lang, false, "lang");
	fuzz_check_clean(a->html, true, "html");
	fuzz_check_clean(a->text, true, "text");
	if (strncmp(a->html, "<h1", 3) != 0)
		fuzz_fail("html does not start with <h1: \"%.40s\"", a->html);
	size_t n = strlen(a->text);
	if (n == 0 || a->text[n - 1] != '\n')
		fuzz_fail("text does not end in a newline");
	if (strncmp(a->text, a->title, strlen(a->title)) != 0 || a->text[strlen(a->title)] != '\n')
		fuzz_fail("text does not start with the title line");
	extract_article_free(&a);
	if (a != NULL)
		fuzz_fail("extract_article_free did not clear the pointer");
	return 0;
}
