/*
 * Unit tests for src/extract: the string heuristics (class hints, commas,
 * boilerplate first words, site names in titles, charsets), the choice of
 * the article block, and the cleaning rules seen through extract_page().
 * Whole pages are pinned by tests/extract.sh.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "extract/extract-int.h"
#include "util/buf.h"

#define POS EXTRACT_HINT_POSITIVE
#define NEG EXTRACT_HINT_NEGATIVE

static void
test_hints(void **state)
{
	static const struct {
		const char *value;
		int hints;
	} cases[] = {
		{ "entry-content", POS }, { "article-body", POS }, { "post", POS },
		{ "main", POS }, { "comment-content", POS | NEG }, { "comments-area", NEG },
		{ "td-post-sharing", POS | NEG }, { "jeg_share_button", NEG },
		{ "shareBar", NEG }, { "navbar", NEG }, { "site-header", NEG },
		{ "related-posts", POS | NEG }, { "sidebar", NEG }, { "ad", NEG },
		{ "ad-slot top", NEG }, { "newsletter-box", NEG }, { "cookie-banner", NEG },
		{ "read-also", NEG }, { "breaking-news-ticker", NEG }, { "most_read", NEG },
		{ "shadow", 0 }, { "download", 0 }, { "canvas", 0 }, { "badge", 0 },
		{ "x7", 0 }, { "", 0 },
		/* Whole words only (issue 12): a negative word inside another
		 * word says nothing. */
		{ "commentary", 0 }, { "shareholders-report", 0 }, { "subheader", 0 },
		{ "widgetless", 0 }, { "thread-also", 0 }, { "threadalso", 0 },
		{ "widgets", NEG }, { "widget-area", NEG }, { "menu-item", NEG },
		{ "shareBar", NEG }, { "readMore", NEG }, { "box-read-more", NEG },
		{ "story readmore-enabled", POS | NEG }, { "mostReadList", NEG },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (extract_hints(cases[i].value) != cases[i].hints)
			fail_msg("hints of '%s': %d, expected %d", cases[i].value,
			    extract_hints(cases[i].value), cases[i].hints);
	}
	assert_int_equal(extract_hints(NULL), 0);
}

static void
test_counts(void **state)
{
	(void)state;
	assert_int_equal(extract_count_commas("a, b\xD8\x8C c\xD8\x9B d, e"), 4);
	assert_int_equal(extract_count_commas("no commas here"), 0);
	/* Whitespace runs count once; Arabic letters once each. */
	assert_int_equal(extract_count_chars("  \xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A  x "), 8);
	assert_int_equal(extract_count_chars(""), 0);
	assert_int_equal(extract_count_chars("a\xC2\xA0\xC2\xA0" "b"), 3);
}

static void
test_collapse(void **state)
{
	char *s = extract_collapse(" \t a \n\n b\xC2\xA0 c  ");

	(void)state;
	assert_string_equal(s, "a b c");
	free(s);
}

static void
test_boilerplate(void **state)
{
	static const struct {
		const char *text;
		enum extract_boiler b;
	} cases[] = {
		{ "اقرأ أيضاً:", EXTRACT_BOILER_LABEL },
		{ "إقرأ أيضا", EXTRACT_BOILER_LABEL },
		{ "مقالات ذات صلة", EXTRACT_BOILER_LABEL },
		{ "التعليقات (٢)", EXTRACT_BOILER_LABEL },
		{ "شارك", EXTRACT_BOILER_LABEL },
		{ "شاركت الشركة في المؤتمر السنوي", EXTRACT_BOILER_NONE },
		{ "Related articles", EXTRACT_BOILER_LABEL },
		{ "» Read also: the next story", EXTRACT_BOILER_LABEL },
		{ "Share", EXTRACT_BOILER_LABEL },
		{ "Share (12)", EXTRACT_BOILER_LABEL },
		{ "Share prices rose sharply on Monday", EXTRACT_BOILER_NONE },
		{ "Relatedness of two coins", EXTRACT_BOILER_NONE },
		{ "Leave a Reply", EXTRACT_BOILER_LABEL },
		{ "Related: a long paragraph that merely starts with the word and goes on "
		  "well past the length of any heading or widget label.", EXTRACT_BOILER_NONE },
		{ "إخلاء المسؤولية: هذا المقال لأغراض إعلامية فقط ولا يعد نصيحة استثمارية، "
		  "فأسواق العملات الرقمية شديدة التقلب وقد تخسر كل ما تستثمره فيها.",
		  EXTRACT_BOILER_DISCLAIMER },
		{ "Disclaimer: nothing on this site is financial advice; do your own "
		  "research before you buy or sell any asset mentioned here.",
		  EXTRACT_BOILER_DISCLAIMER },
		{ "The disclaimer was long.", EXTRACT_BOILER_NONE },
		{ "", EXTRACT_BOILER_NONE },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (extract_boilerplate(cases[i].text) != cases[i].b)
			fail_msg("'%s': %d, expected %d", cases[i].text,
			    extract_boilerplate(cases[i].text), cases[i].b);
	}
}

static void
test_strip_site(void **state)
{
	static const struct {
		const char *title, *site, *want;
	} cases[] = {
		{ "Big news | Coin Wire", "Coin Wire", "Big news" },
		{ "Big news - coin  wire", "Coin Wire", "Big news" },
		{ "Coin Wire | Big news", "Coin Wire", "Big news" },
		{ "A - B - Coin Wire", "Coin Wire", "A - B" },
		{ "خبر مهم | أخبار السوق", "أخبار السوق", "خبر مهم" },
		{ "Big news | Other", "Coin Wire", "Big news | Other" },
		{ "Big news | Coin Wire", NULL, "Big news | Coin Wire" },
		{ "Coin Wire", "Coin Wire", "Coin Wire" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = extract_strip_site(cases[i].title, cases[i].site);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

static void
test_meta_charset(void **state)
{
	char name[64];
	const char *a = "<html><head><meta charset=\"windows-1256\"></head>";
	const char *b = "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-6\">";
	const char *c = "<meta name=\"x\" content=\"y\"><p>charset=koi8-r</p>";

	(void)state;
	assert_true(extract_meta_charset(a, strlen(a), name, sizeof name));
	assert_string_equal(name, "windows-1256");
	assert_true(extract_meta_charset(b, strlen(b), name, sizeof name));
	assert_string_equal(name, "ISO-8859-6");
	assert_false(extract_meta_charset(c, strlen(c), name, sizeof name));
}

static void
test_to_utf8(void **state)
{
	/* "سلام" in windows-1256 is D3 E1 C7 E3. */
	const char *declared = "<meta charset=windows-1256><p>\xD3\xE1\xC7\xE3</p>";
	const char *undeclared = "<p>\xD3\xE1\xC7\xE3</p>";
	const char *bad_utf8 = "<meta charset=utf-8><p>a\xFF" "b</p>";
	const char *bom = "\xEF\xBB\xBF<p>x</p>";
	size_t n;
	char *s;

	(void)state;
	s = extract_to_utf8(declared, strlen(declared), NULL, &n);
	assert_non_null(strstr(s, "<p>سلام</p>"));
	free(s);
	s = extract_to_utf8(undeclared, strlen(undeclared), NULL, &n);
	assert_string_equal(s, "<p>سلام</p>");
	free(s);
	s = extract_to_utf8(bad_utf8, strlen(bad_utf8), NULL, &n);
	assert_non_null(strstr(s, "a\xEF\xBF\xBD" "b"));
	free(s);
	s = extract_to_utf8(bom, strlen(bom), NULL, &n);
	assert_string_equal(s, "<p>x</p>");
	assert_int_equal(n, 8);
	free(s);
	/* The HTTP charset wins over the page's own claim. */
	s = extract_to_utf8(undeclared, strlen(undeclared), "windows-1256", &n);
	assert_string_equal(s, "<p>سلام</p>");
	free(s);
}

static const char prose[] =
    "This paragraph is ordinary prose, with commas, clauses and enough words "
    "to look like the body of a real story, which is what the scorer wants.";

/* Parse, prune and score html; return the id of the best block. */
static char *
best_id(const char *html)
{
	htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	struct extract_scores *s;
	xmlNode *best;
	double score;
	char *id;

	assert_non_null(doc);
	extract_prune(xmlDocGetRootElement(doc), false);
	s = extract_score(xmlDocGetRootElement(doc));
	best = extract_best(s, &score);
	id = best != NULL ? extract_attr(best, "id") : NULL;
	extract_scores_free(&s);
	xmlFreeDoc(doc);
	return id;
}

static void
test_best(void **state)
{
	struct buf b = BUF_INIT;
	char *id;

	(void)state;
	/* A long link list loses to a shorter block of prose. */
	buf_printf(&b, "<body><div id=links>");
	for (int i = 0; i < 12; i++)
		buf_printf(&b, "<p><a href=/%d>%s</a></p>", i, prose);
	buf_printf(&b, "</div><div id=story><p>%s</p><p>%s</p><p>%s</p></div></body>",
	    prose, prose, prose);
	id = best_id(buf_str(&b));
	assert_non_null(id);
	assert_string_equal(id, "story");
	free(id);

	/* Comments (removed by their class) never win, however long. */
	buf_reset(&b);
	buf_printf(&b, "<body><div id=comments class=comments-area>");
	for (int i = 0; i < 8; i++)
		buf_printf(&b, "<p>%s</p>", prose);
	buf_printf(&b, "</div><div id=post><p>%s</p><p>%s</p></div></body>", prose, prose);
	id = best_id(buf_str(&b));
	assert_string_equal(id, "post");
	free(id);

	/* itemprop=articleBody outweighs an anonymous block of the same text. */
	buf_reset(&b);
	buf_printf(&b, "<body><div id=a><p>%s</p><p>%s</p></div>"
	    "<div id=b itemprop=articleBody><p>%s</p><p>%s</p></div></body>",
	    prose, prose, prose, prose);
	id = best_id(buf_str(&b));
	assert_string_equal(id, "b");
	free(id);

	/* A wrapper named after its sidebar survives when it holds the article. */
	buf_reset(&b);
	buf_printf(&b, "<body><div id=wrap class=has-sidebar><article id=art>"
	    "<p>%s</p><p>%s</p></article></div></body>", prose, prose);
	id = best_id(buf_str(&b));
	assert_string_equal(id, "art");
	free(id);
	buf_free(&b);
}

static struct extract_article *
page(const char *html, const char *url)
{
	struct extract_opts o = { url, NULL };
	char *err = NULL;
	struct extract_article *a = extract_page(html, strlen(html), &o, &err);

	if (a == NULL)
		fail_msg("no article: %s", err);
	assert_null(err);
	return a;
}

static void
test_page_title(void **state)
{
	struct buf b = BUF_INIT;
	struct extract_article *a;

	(void)state;
	buf_printf(&b, "<html><head><title>From the title tag | Wire</title>"
	    "<meta property=og:site_name content=Wire></head><body>"
	    "<div><h1>From the h1</h1><p>%s</p><p>%s</p></div></body></html>", prose, prose);
	a = page(buf_str(&b), NULL);
	assert_string_equal(a->title, "From the title tag");
	assert_true(strncmp(a->text, "From the title tag\n\n", 20) == 0);
	/* The h1 differs from the title, so it stays, as a subheading. */
	assert_non_null(strstr(a->html, "<h2>From the h1</h2>"));
	extract_article_free(&a);
	assert_null(a);

	buf_reset(&b);
	buf_printf(&b, "<head><title>Story - Wire</title></head><body>"
	    "<div><h1>Story</h1><p>%s</p><p>%s</p></div></body>", prose, prose);
	a = page(buf_str(&b), NULL);
	assert_string_equal(a->title, "Story");
	assert_null(strstr(a->html, "<h2>"));
	assert_true(strncmp(a->html, "<h1>Story</h1>\n<article>\n<p>", 28) == 0);
	extract_article_free(&a);

	buf_reset(&b);
	buf_printf(&b, "<body dir=rtl lang=ar><div><p>%s</p><p>%s</p></div></body>",
	    prose, prose);
	a = page(buf_str(&b), NULL);
	assert_string_equal(a->title, "");
	assert_string_equal(a->dir, "rtl");
	assert_string_equal(a->lang, "ar");
	assert_true(strncmp(a->html, "<h1 dir=\"rtl\" lang=\"ar\"></h1>\n<article dir=\"rtl\" lang=\"ar\">", 59) == 0);
	extract_article_free(&a);
	buf_free(&b);
}

static void
test_page_cleaning(void **state)
{
	struct buf b = BUF_INIT;
	struct extract_article *a;

	(void)state;
	buf_printf(&b, "<body><div id=story>"
	    "<div>First line of text in a div, long enough to matter here.<br><br>"
	    "Second paragraph after two breaks, also long enough to count.</div>"
	    "<p>%s <a href=\"javascript:alert(1)\">not a link</a> "
	    "<a href=\"../x?a=1&amp;b=2\">a link</a></p>"
	    "<p><img src=\"data:image/gif;base64,R0lGOD\" data-src=\"/lazy.jpg\" alt=\"A &quot;cat&quot;\">"
	    "<img src=\"/pixel.gif\" width=1 height=1></p>"
	    "<table><tr><th>Coin</th><th>Price</th></tr><tr><td>ETH</td><td>3,100</td></tr></table>"
	    "<p style=\"display: none\">hidden text</p><p hidden>also hidden</p>"
	    "<script>var x = 1;</script><p>%s</p></div></body>", prose, prose);
	a = page(buf_str(&b), "https://news.example/a/b.html");
	assert_non_null(strstr(a->html, "<p>First line of text in a div, long enough to matter here.</p>\n"
	    "<p>Second paragraph after two breaks, also long enough to count.</p>"));
	assert_non_null(strstr(a->html, " not a link <a href=\"https://news.example/x?a=1&amp;b=2\">a link</a></p>"));
	assert_non_null(strstr(a->html, "<p><img src=\"https://news.example/lazy.jpg\" alt=\"A &quot;cat&quot;\"></p>"));
	assert_null(strstr(a->html, "pixel"));
	assert_null(strstr(a->html, "javascript"));
	assert_null(strstr(a->html, "hidden"));
	assert_null(strstr(a->html, "var x"));
	assert_non_null(strstr(a->text, "\nCoin | Price\nETH | 3,100\n"));
	assert_non_null(strstr(a->text, "\nSecond paragraph after two breaks, also long enough to count.\n"));
	extract_article_free(&a);
	buf_free(&b);
}

static void
test_page_none(void **state)
{
	static const char *const pages[] = {
		"",
		"<html><body></body></html>",
		"<body><script>var x = 'not text';</script><div hidden>Hidden words</div></body>",
		"\0\0\0\0",
	};
	(void)state;
	/* Only a page with no text at all has no article (issue 12). */
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		char *err = NULL;
		struct extract_article *a = extract_page(pages[i], i == 3 ? 4 : strlen(pages[i]),
		    NULL, &err);
		assert_null(a);
		assert_string_equal(err, "no article found");
		free(err);
	}
}

static void
test_page_deep(void **state)
{
	struct buf b = BUF_INIT;
	char *err = NULL;
	struct extract_article *a;

	(void)state;
	for (int i = 0; i < 5000; i++)
		buf_append_str(&b, "<div>");
	buf_printf(&b, "<p>%s</p><p>%s</p>", prose, prose);
	a = extract_page(b.data, b.len, NULL, &err);
	/* Either outcome is fine; no crash, no leak, a consistent answer. */
	assert_true((a != NULL) != (err != NULL));
	extract_article_free(&a);
	free(err);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hints),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_collapse),
		cmocka_unit_test(test_boilerplate),
		cmocka_unit_test(test_strip_site),
		cmocka_unit_test(test_meta_charset),
		cmocka_unit_test(test_to_utf8),
		cmocka_unit_test(test_best),
		cmocka_unit_test(test_page_title),
		cmocka_unit_test(test_page_cleaning),
		cmocka_unit_test(test_page_none),
		cmocka_unit_test(test_page_deep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
