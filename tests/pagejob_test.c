/*
 * Full text (issue 12): which items want their page (the full-text modes,
 * per-feed tags, the auto rule), the pages table's backoff and what it
 * offers for fetching, and the page queue's per-host cap and Retry-After.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#define STORE_FIXTURE_NAME "nr-pagejob"
#include "store_fixture.h"

#include "fetch/fetch.h"
#include "jobs/pagejob.h"
#include "jobs/pagequeue.h"
#include "store/pages.h"

static void
test_mode(void **state)
{
	(void)state;
	assert_int_equal(page_mode(PAGE_MODE_NO, NULL), PAGE_MODE_NO);
	assert_int_equal(page_mode(PAGE_MODE_AUTO, "news tech"), PAGE_MODE_AUTO);
	assert_int_equal(page_mode(PAGE_MODE_NO, "news full-text:yes"), PAGE_MODE_YES);
	assert_int_equal(page_mode(PAGE_MODE_YES, "full-text:no news"), PAGE_MODE_NO);
	assert_int_equal(page_mode(PAGE_MODE_NO, "Full-Text:AUTO"), PAGE_MODE_AUTO);
	/* Not the tag: a longer word, an unknown value. */
	assert_int_equal(page_mode(PAGE_MODE_NO, "full-text:yesplease"), PAGE_MODE_NO);
	assert_int_equal(page_mode(PAGE_MODE_AUTO, "full-text:maybe"), PAGE_MODE_AUTO);
	assert_int_equal(page_mode(PAGE_MODE_AUTO, "full-text"), PAGE_MODE_AUTO);
	/* The last one wins. */
	assert_int_equal(page_mode(PAGE_MODE_NO, "full-text:yes full-text:no"), PAGE_MODE_NO);
}

static void
test_wanted(void **state)
{
	char long_text[1200];

	(void)state;
	memset(long_text, 0, sizeof long_text);
	for (size_t i = 0; i + 10 < sizeof long_text; i += 10)
		memcpy(long_text + i, "word word ", 10);
	assert_true(page_wanted(PAGE_MODE_YES, long_text, NULL));
	assert_false(page_wanted(PAGE_MODE_NO, NULL, "short"));
	assert_true(page_wanted(PAGE_MODE_AUTO, NULL, "<p>One line of summary.</p>"));
	assert_true(page_wanted(PAGE_MODE_AUTO, NULL, NULL));
	assert_false(page_wanted(PAGE_MODE_AUTO, long_text, "short"));
	assert_false(page_wanted(PAGE_MODE_AUTO, NULL, long_text));
	/* Long markup around little text is short. */
	char markup[2000];
	snprintf(markup, sizeof markup, "<div class=\"%0900d\"><p>%s</p></div>", 0, "قصير");
	assert_true(page_wanted(PAGE_MODE_AUTO, markup, NULL));
	/* A long summary cut short ("…", "[...]") with no content. */
	char cut[1300];
	snprintf(cut, sizeof cut, "<p>%s\xe2\x80\xa6</p>\n", long_text);
	assert_true(page_wanted(PAGE_MODE_AUTO, NULL, cut));
	assert_false(page_wanted(PAGE_MODE_AUTO, long_text, cut));
	snprintf(cut, sizeof cut, "%s [...]", long_text);
	assert_true(page_wanted(PAGE_MODE_AUTO, "", cut));
}

static void
test_text_chars(void **state)
{
	(void)state;
	assert_int_equal(page_text_chars(NULL), 0);
	assert_int_equal(page_text_chars("<p>a&amp;b</p>\n\n  <p>ج</p>"), 5);	/* "a&b ج" */
	assert_int_equal(page_text_chars("<img src=\"x.png\" alt=\"long alt text\">"), 0);
	assert_int_equal(page_text_chars("مرحبا"), 5);
}

static void
test_urls(void **state)
{
	char *h;

	(void)state;
	assert_true(page_url_ok("https://example.org/a"));
	assert_true(page_url_ok("HTTP://example.org"));
	assert_false(page_url_ok("file:///etc/passwd"));
	assert_false(page_url_ok("ftp://example.org/x"));
	assert_false(page_url_ok("https:///x"));
	assert_false(page_url_ok(NULL));
	h = page_url_host("HTTP://User:pw@News.Example.ORG:8080/x?y#z");
	assert_string_equal(h, "news.example.org:8080");
	free(h);
	assert_null(page_url_host("mailto:a@b"));
}

/* A feed with n items linking to base/i.html; returns the feed id. */
static int64_t
add_items(struct store *s, const char *base, int n)
{
	int64_t feed = store_feed_ensure(s, "http://127.0.0.1:9/feed.xml", NULL, NULL);

	assert_true(feed > 0);
	assert_int_equal(store_begin(s), 0);
	for (int i = 0; i < n; i++) {
		char id[16], link[128];
		snprintf(id, sizeof id, "g%d", i);
		snprintf(link, sizeof link, "%s/%d.html", base, i);
		struct feed_item it = { .id = id, .title = id, .link = link,
		    .summary = "short", .published = 1000 + i };
		assert_int_equal(store_item_upsert(s, feed, &it, NULL), 0);
	}
	assert_int_equal(store_commit(s), 0);
	return feed;
}

static int64_t
item_id(struct store *s, int64_t feed, int i)
{
	struct store_page_want *w = NULL;
	size_t n = 0;
	int64_t id = -1;
	char want[32];

	/* Newest first: item i is at n - 1 - i of a fresh list; find by URL. */
	snprintf(want, sizeof want, "/%d.html", i);
	assert_int_equal(store_pages_wanted(s, feed, 0, 100, &w, &n), 0);
	for (size_t k = 0; k < n; k++)
		if (strstr(w[k].url, want) != NULL)
			id = w[k].item_id;
	store_page_wants_free(&w, n);
	return id;
}

static void
test_store_pages(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	struct store_page p;
	struct store_page_want *w = NULL;
	size_t n = 0;
	time_t now = 1800000000;

	assert_non_null(s);
	int64_t feed = add_items(s, "https://news.example", 3);
	/* ftp links are never offered. */
	assert_int_equal(store_begin(s), 0);
	struct feed_item ftp = { .id = "ftp", .link = "ftp://x/y", .published = 5 };
	assert_int_equal(store_item_upsert(s, feed, &ftp, NULL), 0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_pages_wanted(s, feed, now, 100, &w, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(w[0].url, "https://news.example/2.html");	/* newest first */
	assert_string_equal(w[0].summary, "short");
	store_page_wants_free(&w, n);
	int64_t a = item_id(s, feed, 0), b = item_id(s, feed, 1), c = item_id(s, feed, 2);

	assert_int_equal(store_page_get(s, a, &p), 1);
	/* Failures back off: 10 minutes, then 20; a later Retry-After wins. */
	assert_int_equal(store_page_put_failed(s, a, "https://news.example/0.html",
	    "timeout after 30 s", now, 0), 0);
	assert_int_equal(store_page_get(s, a, &p), 0);
	assert_false(p.ok);
	assert_string_equal(p.reason, "timeout after 30 s");
	assert_int_equal(p.attempts, 1);
	assert_int_equal(p.next_attempt, now + STORE_PAGE_BACKOFF_FIRST);
	store_page_clear(&p);
	assert_int_equal(store_page_put_failed(s, a, "https://news.example/0.html",
	    "HTTP 500", now, 0), 0);
	assert_int_equal(store_page_get(s, a, &p), 0);
	assert_int_equal(p.attempts, 2);
	assert_int_equal(p.next_attempt, now + 2 * STORE_PAGE_BACKOFF_FIRST);
	store_page_clear(&p);
	assert_int_equal(store_page_put_failed(s, b, "https://news.example/1.html",
	    "HTTP 429", now, now + 7200), 0);
	assert_int_equal(store_page_get(s, b, &p), 0);
	assert_int_equal(p.next_attempt, now + 7200);
	store_page_clear(&p);
	/* Many failures stop at a day. */
	for (int i = 0; i < 30; i++)
		assert_int_equal(store_page_put_failed(s, a, "u", "HTTP 500", now, 0), 0);
	assert_int_equal(store_page_get(s, a, &p), 0);
	assert_int_equal(p.next_attempt, now + STORE_PAGE_BACKOFF_MAX);
	store_page_clear(&p);

	/* An extracted page stays, and a later failure does not replace it. */
	assert_int_equal(store_page_put_ok(s, c, "https://news.example/2.html", "Title",
	    "<article><p>Body</p></article>", now), 0);
	assert_int_equal(store_page_put_failed(s, c, "https://news.example/2.html",
	    "HTTP 500", now, 0), 0);
	assert_int_equal(store_page_get(s, c, &p), 0);
	assert_true(p.ok);
	assert_string_equal(p.html, "<article><p>Body</p></article>");
	assert_string_equal(p.title, "Title");
	assert_null(p.reason);
	store_page_clear(&p);
	assert_int_equal(store_pages_count(s, feed), 1);
	assert_int_equal(store_pages_count(s, -1), 1);

	/* Nothing is offered now: one stored, two backing off. */
	assert_int_equal(store_pages_wanted(s, feed, now, 100, &w, &n), 0);
	assert_int_equal(n, 0);
	/* After the backoff of b's Retry-After, b comes back (a waits a day). */
	assert_int_equal(store_pages_wanted(s, feed, now + 7200, 100, &w, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(w[0].item_id, b);
	store_page_wants_free(&w, n);

	/* The pages go with their feed. */
	assert_int_equal(store_feed_delete(s, feed), 0);
	assert_int_equal(store_page_get(s, c, &p), 1);
	assert_int_equal(store_pages_count(s, -1), 0);
	store_close(&s);
}

static void
test_queue(void **state)
{
	struct fx *fx = *state;
	struct fetch_options o;
	char *err = NULL;
	struct store *s = open_ok(fx->db, 0);
	struct fetcher *f;
	struct page_queue *q = page_queue_new(2, 0);
	time_t now = time(NULL), until = 0;

	assert_non_null(s);
	fetch_options_init(&o);
	assert_non_null(f = fetcher_start(&o, &err));
	/* Port 9 on loopback: nothing listens; the jobs fail at once. */
	for (int i = 0; i < 5; i++) {
		char url[64];
		snprintf(url, sizeof url, "http://127.0.0.1:9/%d.html", i);
		assert_int_equal(page_queue_add(q, i + 1, url, false, now, NULL), PAGE_QUEUE_ADDED);
	}
	assert_int_equal(page_queue_add(q, 3, "http://127.0.0.1:9/3.html", false, now, NULL),
	    PAGE_QUEUE_ALREADY);
	assert_int_equal(page_queue_add(q, 9, "file:///etc/passwd", false, now, NULL),
	    PAGE_QUEUE_BAD_URL);
	assert_int_equal(page_queue_add(q, 10, "http://[::1]:9/other.html", false, now, NULL),
	    PAGE_QUEUE_ADDED);
	page_queue_run(q, f, s, now);
	/* Two of the first host and the other host's one. */
	assert_int_equal(page_queue_in_flight(q), 3);
	assert_int_equal(page_queue_busy(q), 6);
	assert_true(page_queue_has(q, 5));

	/* One ends: the next of its host goes. */
	struct page_job_result r = { .item_id = 1 };
	page_queue_done(q, &r);
	page_queue_run(q, f, s, now);
	assert_int_equal(page_queue_in_flight(q), 3);
	assert_int_equal(page_queue_busy(q), 5);
	assert_false(page_queue_has(q, 1));

	/* One says 429, Retry-After in an hour: its host's waiting pages are
	 * dropped, and new ones refused until then. */
	r = (struct page_job_result){ .item_id = 2, .retry_after = now + 3600 };
	page_queue_done(q, &r);
	page_queue_run(q, f, s, now);
	assert_int_equal(page_queue_busy(q), 2);	/* 3 in flight, 10 */
	assert_int_equal(page_queue_add(q, 7, "http://127.0.0.1:9/7.html", true, now, &until),
	    PAGE_QUEUE_HOST_WAITS);
	assert_int_equal(until, now + 3600);
	assert_int_equal(page_queue_add(q, 7, "http://127.0.0.1:9/7.html", true, now + 3601,
	    NULL), PAGE_QUEUE_ADDED);

	fetcher_stop(&f);
	page_queue_free(&q);
	store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mode),
		cmocka_unit_test(test_wanted),
		cmocka_unit_test(test_text_chars),
		cmocka_unit_test(test_urls),
		cmocka_unit_test_setup_teardown(test_store_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
