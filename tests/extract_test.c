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

/* ---- Issue 12: pages written for each capability ---- */

/* The page tests/fixtures/extract12/name, extracted with url as its URL. */
static struct extract_article *
fixture(const char *name, const char *url)
{
	const char *src = getenv("NR_SRCDIR");
	char path[512];
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f;
	struct extract_opts o = { url, NULL };
	struct extract_article *a;
	char *err = NULL;

	snprintf(path, sizeof path, "%s/tests/fixtures/extract12/%s", src ? src : ".", name);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	a = extract_page(b.data, b.len, &o, &err);
	buf_free(&b);
	if (a == NULL)
		fail_msg("%s: refused: %s", name, err);
	return a;
}

/* Every string of keep is in the text, none of gone is. */
static void
expect(const struct extract_article *a, const char *const *keep, size_t nkeep,
    const char *const *gone, size_t ngone)
{
	for (size_t i = 0; i < nkeep; i++)
		if (strstr(a->text, keep[i]) == NULL)
			fail_msg("lost: %s\n--- text:\n%s", keep[i], a->text);
	for (size_t i = 0; i < ngone; i++)
		if (strstr(a->text, gone[i]) != NULL || strstr(a->html, gone[i]) != NULL)
			fail_msg("kept: %s\n--- text:\n%s", gone[i], a->text);
}

#define N(v) (sizeof v / sizeof v[0])

/* An Arabic exchange-style page: the article stays; the hot-tokens list
 * with market caps, like/comment/repost/share, the comment box and its
 * 0/400 counter, the disclaimer and the footer links go. */
static void
test_ar_exchange(void **state)
{
	static const char *const keep[] = {
		"أعلنت منصة الهدهد للتداول اليوم عن إطلاق خدمة جديدة",
		"وقال المدير التنفيذي للمنصة",
		"ارتفع الطلب على المنتجات ذات العائد الثابت.",
	};
	static const char *const gone[] = {
		"الرموز الرائجة", "FROG", "$3.53K", "أعجبني", "إعادة نشر", "مشاركة",
		"0/400", "اكتب تعليقك", "إخلاء المسؤولية", "نصيحة استثمارية",
		"من نحن", "الخصوصية", "الرئيسية", "دخول",
	};
	struct extract_article *a = fixture("ar-exchange.html", "https://hudhud.example/n/1");

	(void)state;
	assert_string_equal(a->title, "منصة تداول تطلق خدمة الادخار بالعملات المستقرة");
	assert_string_equal(a->dir, "rtl");
	assert_string_equal(a->lang, "ar");
	expect(a, keep, N(keep), gone, N(gone));
	extract_article_free(&a);
}

/* A story in three blocks under different wrappers, a promo between them:
 * all three blocks are kept, the promo and the more-stories box are not. */
static void
test_split_body(void **state)
{
	static const char *const keep[] = {
		"Every evening at a quarter past five", "heritage fixtures",
		"Hale says the work takes forty minutes", "children follow him from lamp to lamp",
		"I am still looking.",
	};
	static const char *const gone[] = { "Subscribe for one dollar", "More from the Ledger",
		"Tram fares rise" };
	struct extract_article *a = fixture("en-split.html", NULL);

	(void)state;
	assert_string_equal(a->title, "The last lamplighter of Ravel Street");
	expect(a, keep, N(keep), gone, N(gone));
	extract_article_free(&a);
}

/* A slideshow inside the article goes; a single figure with its caption
 * stays, its image URL made absolute. */
static void
test_gallery(void **state)
{
	static const char *const keep[] = { "the first visitors queued for an hour",
		"The restored palm house at dawn.", "entry remains free" };
	static const char *const gone[] = { "1 / 4", "/img/2.jpg", "Previous", "Next" };
	struct extract_article *a = fixture("en-gallery.html", "https://garden.example/news/spring");

	(void)state;
	expect(a, keep, N(keep), gone, N(gone));
	assert_non_null(strstr(a->html, "https://garden.example/img/palm.jpg"));
	assert_non_null(strstr(a->html, "<figcaption>The restored palm house at dawn.</figcaption>"));
	extract_article_free(&a);
}

/* The title only in JSON-LD (escaped quotes in it); the site-logo <h1> is
 * not the title, nor is <title>. */
static void
test_jsonld_title(void **state)
{
	static const char *const keep[] = { "The buds were late this year",
		"nine of the twelve grafts" };
	static const char *const gone[] = { "Orchard Notes" };
	struct extract_article *a = fixture("en-jsonld.html", NULL);

	(void)state;
	assert_string_equal(a->title, "Grafting apple trees in a cold \"late\" spring");
	expect(a, keep, N(keep), gone, N(gone));
	extract_article_free(&a);
}

/* A two-line post is the article, not refused; its menu and footer go. */
static void
test_short_post(void **state)
{
	static const char *const keep[] = { "The shop is closed on Monday for the holiday." };
	static const char *const gone[] = { "Hours", "4 Mill Lane" };
	struct extract_article *a = fixture("en-short.html", NULL);

	(void)state;
	assert_string_equal(a->title, "Closed on Monday");
	expect(a, keep, N(keep), gone, N(gone));
	extract_article_free(&a);
}

/* Legacy encodings: a <meta> naming windows-1256 over UTF-8 bytes reads as
 * UTF-8; a real ISO-8859-1 page is converted. */
static void
test_legacy_encodings(void **state)
{
	static const char *const ar[] = { "تشهد معظم المناطق اليوم أجواء معتدلة",
		"بالحذر على الطرق الجبلية." };
	static const char *const latin[] = { "The café on the corner serves crème brûlée",
		"the naïve painter" };
	struct extract_article *a = fixture("ar-utf8-wrong-meta.html", NULL);

	(void)state;
	assert_string_equal(a->title, "الطقس اليوم");
	expect(a, ar, N(ar), NULL, 0);
	extract_article_free(&a);
	a = fixture("en-latin1.html", NULL);
	assert_string_equal(a->title, "Café notes");
	expect(a, latin, N(latin), NULL, 0);
	extract_article_free(&a);
}

/* Title rules: multi-valued meta names, dc.title, a site-logo <h1> that
 * ends <title>, a trailing " – Site" with enough words left. */
static void
test_titles(void **state)
{
	static const struct {
		const char *head, *h1, *want;
	} cases[] = {
		{ "<meta property=\"og:title twitter:title\" content=\"Both names, one tag\">"
		  "<title>Other</title>", NULL, "Both names, one tag" },
		{ "<meta name=\"DC.title\" content=\"From Dublin Core\"><title>T</title>", NULL,
		  "From Dublin Core" },
		{ "<title>Tides rise early along the coast - Harbour Post</title>", "Harbour Post",
		  "Tides rise early along the coast" },
		{ "<title>Tides rise early along the coast \xE2\x80\x93 Harbour Post</title>", NULL,
		  "Tides rise early along the coast" },
		/* Too few words would remain: kept whole. */
		{ "<title>Dune - Part Two</title>", NULL, "Dune - Part Two" },
		{ "<title>Story - Wire</title>", "Story", "Story" },
	};
	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		struct buf b = BUF_INIT;
		char *err = NULL;
		struct extract_article *a;

		buf_printf(&b, "<html><head>%s</head><body>%s%s%s<div><p>%s</p><p>%s</p></div>"
		    "</body></html>", cases[i].head, cases[i].h1 ? "<h1>" : "",
		    cases[i].h1 ? cases[i].h1 : "", cases[i].h1 ? "</h1>" : "", prose, prose);
		a = extract_page(b.data, b.len, NULL, &err);
		assert_non_null(a);
		if (strcmp(a->title, cases[i].want) != 0)
			fail_msg("case %zu: title '%s', expected '%s'", i, a->title, cases[i].want);
		extract_article_free(&a);
		buf_free(&b);
	}
}

/* A wrapper whose class says "widget" or "sharing" but that holds the
 * story is not pruned. */
static void
test_prose_guard(void **state)
{
	struct buf b = BUF_INIT;
	char *err = NULL;
	struct extract_article *a;

	(void)state;
	buf_printf(&b, "<html><body><div class=\"sharing-enabled widget\"><div class=\"x\">"
	    "<p>%s</p><p>%s</p></div></div><div class=\"widget\"><a href=/a>Other</a></div>"
	    "</body></html>", prose, prose);
	a = extract_page(b.data, b.len, NULL, &err);
	assert_non_null(a);
	assert_non_null(strstr(a->text, prose));
	assert_null(strstr(a->text, "Other"));
	extract_article_free(&a);
	buf_free(&b);
}

/* Headings, lists, quotes, code, tables and figures stay; links and
 * images become absolute. */
static void
test_structure(void **state)
{
	static const char page_html[] =
	    "<html><head><title>Reading structure kept intact in the reader</title></head>"
	    "<body><div class=\"post-content\"><p>An introduction paragraph that is long "
	    "enough to count as prose, with commas, clauses, and a few more words to pass "
	    "the bar.</p><h2>Steps</h2><ol><li>First step</li><li>Second step</li></ol>"
	    "<blockquote><p>A quoted line, about the whole thing.</p></blockquote>"
	    "<pre><code>make -j2 check</code></pre><table><tr><th>Year</th><th>Count</th>"
	    "</tr><tr><td>2025</td><td>12</td></tr></table><p>See <a href=\"../docs/g.html\">"
	    "the guide</a> and <img src=\"pic.png\" alt=\"a picture\">.</p></div></body></html>";
	static const char *const want[] = {
		"<h2>Steps</h2>", "<ol>\n<li>First step</li>", "<blockquote>\n<p>A quoted line",
		"<pre><code>make -j2 check</code></pre>", "<th>Year</th>", "<td>12</td>",
		"href=\"https://x.example/blog/docs/g.html\"",
		"src=\"https://x.example/blog/post/pic.png\"",
	};
	struct extract_opts o = { "https://x.example/blog/post/", NULL };
	char *err = NULL;
	struct extract_article *a = extract_page(page_html, sizeof page_html - 1, &o, &err);

	(void)state;
	assert_non_null(a);
	for (size_t i = 0; i < N(want); i++)
		if (strstr(a->html, want[i]) == NULL)
			fail_msg("lost: %s\n--- html:\n%s", want[i], a->html);
	extract_article_free(&a);
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
		cmocka_unit_test(test_ar_exchange),
		cmocka_unit_test(test_split_body),
		cmocka_unit_test(test_gallery),
		cmocka_unit_test(test_jsonld_title),
		cmocka_unit_test(test_short_post),
		cmocka_unit_test(test_legacy_encodings),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_prose_guard),
		cmocka_unit_test(test_structure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
