/*
 * libFuzzer target for the filter language (src/filter/filter.h): the
 * input is an expression. Rules checked, not only the absence of a crash:
 * an expression that parses prints as text that parses back to the same
 * tree and prints the same; matching never crashes on any item (an empty
 * one, an Arabic one, and one whose every field is the input itself);
 * filter_attrs names only attributes that exist; an error is one line of
 * valid UTF-8 without control characters that names a column.
 */
#include "config.h"

#include "filter/filter.h"

#include "fuzz.h"

static void
match_all(const struct filter *f, const char *s)
{
	static const struct filter_item empty = { 0 };
	static const struct filter_item arabic = {
		.title = "ارتفاع سعر البِيتكوين، والأسواق تترقّب", .author = "سارة",
		.content = "<p>تحليل</p>", .tags = "crypto عربي", .feed_url = "http://127.0.0.1/a",
		.date = 1796464800, .unread = true, .starred = true, .lang = "ar",
	};
	struct filter_item self = {
		.title = s, .link = s, .author = s, .content = s, .description = s, .guid = s,
		.feed_url = s, .feed_title = s, .tags = s, .enclosure_url = s,
		.enclosure_type = s, .lang = s, .date = -1, .liked = true,
	};

	fuzz_sink += filter_match(f, &empty, 0);
	fuzz_sink += filter_match(f, &arabic, 1796464800 + 86400 * 3);
	fuzz_sink += filter_match(f, &self, (time_t)1 << 40);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size), *err = NULL, *err2 = NULL;
	struct filter *f = NULL, *g = NULL;

	if (filter_parse(s, &f, &err) != 0) {
		if (f != NULL || err == NULL)
			fuzz_fail("a failed parse gave a filter or no error");
		fuzz_check_clean(err, false, "parse error");
		if (strstr(err, " at column ") == NULL)
			fuzz_fail("error without a column: \"%s\"", err);
		free(err);
		free(s);
		return 0;
	}
	if (err != NULL)
		fuzz_fail("a parse that succeeded set an error");
	if (filter_attrs(f) == 0 || filter_attrs(f) >= FILTER_BIT(FILTER_ATTR_COUNT_))
		fuzz_fail("attributes 0x%x", filter_attrs(f));
	char *p = filter_print(f);
	if (filter_parse(p, &g, &err2) != 0)
		fuzz_fail("printed \"%s\" does not parse: %s", p, err2);
	if (!filter_equal(f, g))
		fuzz_fail("printed \"%s\" parses to another tree", p);
	char *q = filter_print(g);
	if (strcmp(p, q) != 0)
		fuzz_fail("printing is not stable: \"%s\" then \"%s\"", p, q);
	match_all(f, s);
	free(p);
	free(q);
	filter_free(&f);
	filter_free(&g);
	free(s);
	return 0;
}
