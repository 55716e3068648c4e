/*
 * Unit tests for comments: the store's comment and outbox records and the
 * outbox state machine, the rules of src/comments (post ids, endpoints,
 * URLs, backoff, reasons, request bodies), sending (own note, queued,
 * failed at once, refused) and applying job results given as events.
 * Each test works on its own database in a temporary directory.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/wait.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "comments/comments-int.h"
#include "config/diag.h"
#include "config/settings.h"
#include "feed/feed.h"
#include "jobs/commentjob.h"
#include "store/comments.h"
#include "store/store.h"
#include "store/store-int.h"
#include "util/xalloc.h"

#define T0 ((time_t)1780000000)
/* Two claim owners as the store sees them: opaque strings. */
#define ME "host=here boot=b1 pid=1 start=1 tag=me"
#define OTHER "host=here boot=b1 pid=2 start=1 tag=other"

struct fx {
	char dir[64];
	char *db, *pwfile;
	struct store *s;
	int64_t feed, other_feed;
	int64_t item42, item_noid, item_other;
	struct config *cfg;
	struct comments *c;
};

static struct config *
parse_config(const char *text)
{
	struct config *cfg = NULL;
	struct diag_list d = DIAG_LIST_INIT;
	int n = config_parse("test-config", text, strlen(text), &cfg, &d);

	for (size_t i = 0; i < d.n; i++)
		print_message("%s\n", d.v[i].msg);
	assert_int_equal(n, 0);
	diag_list_clear(&d);
	return cfg;
}

static int64_t
add_item(struct store *s, int64_t feed, const char *guid, const char *link, const char *cf,
    int64_t count)
{
	struct feed_item it = { 0 };
	struct store_item_list l = { 0 };
	struct store_scope sc = { .kind = STORE_SCOPE_FEED, .feed_id = feed };
	int64_t id = -1;

	it.id = guid;
	it.title = guid;
	it.link = link;
	it.comments_feed = cf;
	it.comments_count = count;
	it.published = T0 - 3600;
	assert_int_equal(store_item_upsert(s, feed, &it, NULL), 0);
	assert_int_equal(store_items_page(s, &sc, STORE_KEY_TOP, STORE_OLDER, 100, &l), 0);
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.v[i].title, guid) == 0)
			id = l.v[i].id;
	store_item_list_clear(&l);
	assert_true(id > 0);
	return id;
}

static int
setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof *fx);
	char *err = NULL, *conf;
	FILE *fp;

	snprintf(fx->dir, sizeof fx->dir, "/tmp/comments_test.XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	fx->db = xasprintf("%s/cache.db", fx->dir);
	fx->pwfile = xasprintf("%s/wp-password", fx->dir);
	fp = fopen(fx->pwfile, "w");
	fputs("  abcd EFGH ijkl MNOP  \nsecond line\n", fp);
	fclose(fp);
	chmod(fx->pwfile, 0600);
	fx->s = store_open(fx->db, 0, &err);
	assert_non_null(fx->s);
	fx->feed = store_feed_ensure(fx->s, "https://blog.example.org/feed/", NULL, NULL);
	fx->other_feed = store_feed_ensure(fx->s, "https://notes.example.net/atom", NULL, NULL);
	assert_int_equal(store_begin(fx->s), 0);
	fx->item42 = add_item(fx->s, fx->feed, "https://blog.example.org/?p=42",
	    "https://blog.example.org/2026/05/rtl/", "https://blog.example.org/2026/05/rtl/feed/", 3);
	fx->item_noid = add_item(fx->s, fx->feed, "https://blog.example.org/no-id/",
	    "https://blog.example.org/no-id/", NULL, -1);
	fx->item_other = add_item(fx->s, fx->other_feed, "urn:uuid:1", NULL, NULL, 2);
	assert_int_equal(store_commit(fx->s), 0);
	conf = xasprintf("comment-endpoint https://blog.example.org/ https://blog.example.org/ "
	    "user=editor password-file=%s limit=20\n", fx->pwfile);
	fx->cfg = parse_config(conf);
	free(conf);
	fx->c = comments_new(fx->s, fx->cfg, NULL);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;
	char *p;

	comments_free(&fx->c);
	config_free(&fx->cfg);
	store_close(&fx->s);
	unlink(fx->db);
	p = xasprintf("%s-wal", fx->db);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", fx->db);
	unlink(p);
	free(p);
	unlink(fx->pwfile);
	rmdir(fx->dir);
	free(fx->db);
	free(fx->pwfile);
	free(fx);
	return 0;
}

/* ---- Pure rules ---- */

static void
test_post_id(void **state)
{
	static const struct {
		const char *guid, *link, *cf;
		int64_t want;
	} t[] = {
		{ "https://blog.example.org/?p=42", NULL, NULL, 42 },
		{ "http://x.org/?p=7#comment-3", NULL, NULL, 7 },
		{ "https://x.org/index.php?foo=1&p=1234", NULL, NULL, 1234 },
		{ "https://x.org/?page_id=5", NULL, NULL, 5 },
		{ "https://x.org/post/", "https://x.org/?p=43", NULL, 43 },
		{ "https://x.org/post/", "https://x.org/post/", "https://x.org/?feed=rss2&p=99", 99 },
		{ "https://x.org/post/", "https://x.org/post/", "https://x.org/post/feed/", -1 },
		{ "https://x.org/?p=", NULL, NULL, -1 },
		{ "https://x.org/?p=12ab", NULL, NULL, -1 },
		{ "https://x.org/?p=0", NULL, NULL, -1 },
		{ "https://x.org/?pp=4&xp=5", NULL, NULL, -1 },
		{ "https://x.org/#?p=4", NULL, NULL, -1 },
		{ "https://x.org/?p=99999999999999999999", NULL, NULL, -1 },
		{ "urn:uuid:1", NULL, NULL, -1 },
		{ NULL, NULL, NULL, -1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int64_t got = comments_wp_post_id(t[i].guid, t[i].link, t[i].cf);
		if (got != t[i].want)
			fail_msg("row %zu (%s): got %lld, want %lld", i, t[i].guid ? t[i].guid : "NULL",
			    (long long)got, (long long)t[i].want);
	}
}

static void
test_wp_url(void **state)
{
	static const char *const t[][2] = {
		{ "https://blog.example.org", "https://blog.example.org/wp-json/wp/v2/comments" },
		{ "https://blog.example.org/", "https://blog.example.org/wp-json/wp/v2/comments" },
		{ "https://x.org/blog//", "https://x.org/blog/wp-json/wp/v2/comments" },
		{ "http://127.0.0.1:8080?fail=400",
		  "http://127.0.0.1:8080/wp-json/wp/v2/comments?fail=400" },
		{ "https://x.org/ar/?lang=ar#top", "https://x.org/ar/wp-json/wp/v2/comments?lang=ar" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *u = comments_wp_url(t[i][0]);
		assert_string_equal(u, t[i][1]);
		free(u);
	}
}

static void
test_url_secure(void **state)
{
	static const struct { const char *url; bool ok; } t[] = {
		{ "https://blog.example.org/wp-json/wp/v2/comments", true },
		{ "HTTPS://blog.example.org/", true },
		{ "http://127.0.0.1:8080/wp-json", true },
		{ "http://localhost/wp-json", true },
		{ "http://[::1]:99/", true },
		{ "http://blog.example.org/wp-json", false },
		{ "http://127.0.0.1.evil.example/", false },
		{ "http://localhost@evil.example/", false },
		{ "http://127.0.0.1@evil.example/", false },
		{ "http://[::1]@evil.example/", false },
		{ "http://[::1", false },
		{ "ftp://127.0.0.1/", false },
		{ "https://", false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (comments_url_secure(t[i].url) != t[i].ok)
			fail_msg("%s: want %s", t[i].url, t[i].ok ? "secure" : "refused");
}

static void
test_backoff(void **state)
{
	static const time_t want[] = { 30, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600 };

	(void)state;
	for (int i = 0; i < (int)(sizeof want / sizeof want[0]); i++)
		assert_int_equal(comments_backoff(i), want[i]);
	assert_int_equal(comments_backoff(1000), 3600);
}

static void
test_http_reason(void **state)
{
	char *r;

	(void)state;
	r = comments_http_reason(400, "HTTP 400",
	    "{\"code\":\"rest_post_invalid_id\",\"message\":\"Invalid post ID.\","
	    "\"data\":{\"status\":400}}");
	assert_string_equal(r, "HTTP 400: Invalid post ID.");
	free(r);
	/* Controls in the server's text never reach the status line. */
	r = comments_http_reason(403, "HTTP 403", "{\"message\":\"no\\u001b[31m\\nway\"}");
	assert_string_equal(r, "HTTP 403: no way");
	free(r);
	r = comments_http_reason(404, "HTTP 404", "<html>not json</html>");
	assert_string_equal(r, "HTTP 404");
	free(r);
	r = comments_http_reason(400, NULL, NULL);
	assert_string_equal(r, "HTTP 400");
	free(r);
	r = comments_http_reason(0, "connection refused", NULL);
	assert_string_equal(r, "connection refused");
	free(r);
}

static void
test_text_to_html(void **state)
{
	static const char *const t[][2] = {
		{ "hello", "<p>hello</p>\n" },
		{ "a < b & \"c\"", "<p>a &lt; b &amp; &quot;c&quot;</p>\n" },
		{ "line one\nline two", "<p>line one<br>\nline two</p>\n" },
		{ "first\n\n\nsecond\n", "<p>first</p>\n<p>second</p>\n" },
		{ "رأي \x1b[2Jجميل", "<p>رأي جميل</p>\n" },
		{ "", "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *h = comments_text_to_html(t[i][0]);
		assert_string_equal(h, t[i][1]);
		free(h);
	}
}

static void
test_wp_json(void **state)
{
	char *j;

	(void)state;
	j = comments_wp_json(42, "رأي <جميل>\nok", "Salma", "salma@example.org");
	assert_string_equal(j, "{\"post\":42,\"content\":\"رأي &lt;جميل&gt;\\nok\","
	    "\"author_name\":\"Salma\",\"author_email\":\"salma@example.org\"}");
	free(j);
	j = comments_wp_json(7, "bad \xff byte", NULL, "");
	assert_string_equal(j, "{\"post\":7,\"content\":\"bad \xef\xbf\xbd byte\"}");
	free(j);
}

static void
test_basic_auth(void **state)
{
	char *h;

	(void)state;
	h = comments_basic_auth("Aladdin", "open sesame");	/* RFC 7617's example */
	assert_string_equal(h, "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
	free(h);
	h = comments_basic_auth("ab", "c");
	assert_string_equal(h, "Authorization: Basic YWI6Yw==");
	free(h);
}

static void
test_read_password(void **state)
{
	struct fx *fx = *state;
	char *pw, *err;
	char *missing = xasprintf("%s/none", fx->dir);

	assert_int_equal(comments_read_password(fx->pwfile, &pw, &err), 0);
	assert_string_equal(pw, "abcd EFGH ijkl MNOP");
	free(pw);
	assert_int_equal(comments_read_password(missing, &pw, &err), -1);
	assert_null(pw);
	assert_non_null(strstr(err, "No such file"));
	free(err);
	/* Readable by others: refused, saying how to fix it (issue 18). */
	assert_int_equal(chmod(fx->pwfile, 0644), 0);
	assert_int_equal(comments_read_password(fx->pwfile, &pw, &err), -1);
	assert_null(pw);
	assert_non_null(strstr(err, "refusing a password file that others can read (mode 644; chmod 600 it)"));
	free(err);
	assert_int_equal(chmod(fx->pwfile, 0600), 0);
	free(missing);
}

static void
test_endpoint_matching(void **state)
{
	struct config *cfg = parse_config(
	    "comment-endpoint https://blog.example.org/ https://blog.example.org\n"
	    "comment-endpoint https://blog.example.org/ar/ https://ar.example.org "
	    "limit=280 unit=utf16\n"
	    "comment-limit 500\n");
	const struct config_comment_endpoint *ep;
	int limit, unit;

	(void)state;
	ep = comments_endpoint_for(cfg, "https://blog.example.org/feed/");
	assert_non_null(ep);
	assert_string_equal(ep->base_url, "https://blog.example.org");
	ep = comments_endpoint_for(cfg, "https://blog.example.org/ar/feed/");
	assert_string_equal(ep->base_url, "https://ar.example.org");	/* longest prefix */
	assert_null(comments_endpoint_for(cfg, "https://blog.example.com/feed/"));
	assert_null(comments_endpoint_for(cfg, "http://blog.example.org/feed/"));
	comments_limit_for(cfg, "https://blog.example.org/ar/feed/", &limit, &unit);
	assert_int_equal(limit, 280);
	assert_int_equal(unit, CONFIG_UNIT_UTF16);
	comments_limit_for(cfg, "https://blog.example.org/feed/", &limit, &unit);
	assert_int_equal(limit, 500);
	assert_int_equal(unit, CONFIG_UNIT_CLUSTERS);
	comments_limit_for(cfg, NULL, &limit, &unit);
	assert_int_equal(limit, 500);
	config_free(&cfg);
}

/* ---- Store ---- */

static void
test_comment_store(void **state)
{
	struct fx *fx = *state;
	struct store_comment_list l = { 0 };
	struct store_comment_in a = { "https://blog.example.org/?p=42#comment-8", "Tom", T0 + 60,
	    "<p>second</p>", false, NULL };
	struct store_comment_in b = { "https://blog.example.org/?p=42#comment-7", "سلمى", T0,
	    "<p>أول</p>", false, "https://blog.example.org/?p=42" };
	int64_t hint, stored, note;
	bool added;

	assert_int_equal(store_comment_upsert(fx->s, fx->item42, &a, &added), 0);
	assert_true(added);
	assert_int_equal(store_comment_upsert(fx->s, fx->item42, &b, &added), 0);
	assert_true(added);
	/* The same id again: an update, not a new row. */
	a.body = "<p>second, edited</p>";
	a.date = 0;
	assert_int_equal(store_comment_upsert(fx->s, fx->item42, &a, &added), 0);
	assert_false(added);
	/* Another scheme or host, same "#comment-8": the same comment. */
	a.remote_id = "http://blog.example.org/?p=42#comment-8";
	assert_int_equal(store_comment_upsert(fx->s, fx->item42, &a, &added), 0);
	assert_false(added);
	/* "#comment-80" is not "#comment-8". */
	a.remote_id = "https://blog.example.org/?p=42#comment-80";
	a.date = T0 + 90;
	assert_int_equal(store_comment_upsert(fx->s, fx->item42, &a, &added), 0);
	assert_true(added);
	assert_int_equal(store_comment_add_note(fx->s, fx->item42, T0 + 30, "<p>mine</p>", &note),
	    0);

	assert_int_equal(store_comments_list(fx->s, fx->item42, &l), 0);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].author, "سلمى");	/* oldest first */
	assert_string_equal(l.v[0].parent, "https://blog.example.org/?p=42");
	assert_null(l.v[2].parent);
	assert_string_equal(l.v[1].body, "<p>mine</p>");
	assert_true(l.v[1].own_note);
	assert_null(l.v[1].remote_id);
	assert_string_equal(l.v[2].body, "<p>second, edited</p>");
	assert_int_equal(l.v[2].date, T0 + 60);	/* a dateless update keeps the date */
	assert_string_equal(l.v[2].remote_id, "https://blog.example.org/?p=42#comment-8");
	assert_false(l.v[2].own_note);
	store_comment_list_clear(&l);

	assert_int_equal(store_comments_count(fx->s, fx->item42, &hint, &stored), 0);
	assert_int_equal(hint, 3);
	assert_int_equal(stored, 4);
	assert_int_equal(store_comments_count(fx->s, fx->item_noid, &hint, &stored), 0);
	assert_int_equal(hint, -1);
	assert_int_equal(stored, 0);
	assert_int_equal(store_comments_count(fx->s, 9999, &hint, &stored), -1);
	assert_non_null(strstr(store_errmsg(fx->s), "no article 9999"));

	assert_int_equal(store_comment_delete(fx->s, note), 0);
	assert_int_equal(store_comments_list(fx->s, fx->item42, &l), 0);
	assert_int_equal(l.n, 3);
	store_comment_list_clear(&l);
}

static void
test_comment_feed_state(void **state)
{
	struct fx *fx = *state;
	struct store_comment_feed f;
	const char *u = "https://blog.example.org/2026/05/rtl/feed/";

	assert_int_equal(store_comment_feed_get(fx->s, fx->item42, &f), 1);
	assert_int_equal(store_comment_feed_fetched(fx->s, fx->item42, u, "\"e1\"", "Mon", T0), 0);
	assert_int_equal(store_comment_feed_fetched(fx->s, fx->item42, u, NULL, NULL, T0 + 5), 0);
	assert_int_equal(store_comment_feed_get(fx->s, fx->item42, &f), 0);
	assert_string_equal(f.etag, "\"e1\"");	/* a 304 keeps the validators */
	assert_int_equal(f.fetched_at, T0 + 5);
	assert_null(f.last_error);
	store_comment_feed_clear(&f);
	assert_int_equal(store_comment_feed_failed(fx->s, fx->item42, u, "HTTP 500"), 0);
	assert_int_equal(store_comment_feed_get(fx->s, fx->item42, &f), 0);
	assert_string_equal(f.last_error, "HTTP 500");
	assert_string_equal(f.etag, "\"e1\"");
	store_comment_feed_clear(&f);
	/* A new URL drops the old URL's validators. */
	assert_int_equal(store_comment_feed_fetched(fx->s, fx->item42, "https://x/2", NULL, NULL,
	    T0 + 9), 0);
	assert_int_equal(store_comment_feed_get(fx->s, fx->item42, &f), 0);
	assert_null(f.etag);
	assert_null(f.last_modified);
	assert_null(f.last_error);
	store_comment_feed_clear(&f);
}

static void
test_outbox_state_machine(void **state)
{
	struct fx *fx = *state;
	struct store_outbox_entry e;
	struct store_outbox_list l = { 0 };
	time_t next;
	int64_t id, id2;

	id = store_outbox_add(fx->s, fx->item42, "رأي جميل", T0);
	assert_true(id > 0);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_QUEUED);
	assert_string_equal(e.body, "رأي جميل");
	assert_int_equal(e.attempts, 0);
	assert_int_equal(e.next_attempt, T0);
	store_outbox_entry_clear(&e);

	assert_int_equal(store_outbox_due(fx->s, T0 - 1, &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(store_outbox_due(fx->s, T0, &l), 0);
	assert_int_equal(l.n, 1);
	store_outbox_list_clear(&l);

	/* Only a sending entry can be sent, retried; only a failed one requeued. */
	assert_int_equal(store_outbox_mark_sent(fx->s, id, ME, "5", T0), -1);
	assert_non_null(strstr(store_errmsg(fx->s), "outbox entry 1 is queued, not sending"));
	assert_int_equal(store_outbox_mark_retry(fx->s, id, ME, T0 + 30, "x", false, T0), -1);
	assert_int_equal(store_outbox_requeue(fx->s, id, NULL, T0), -1);

	/* The claim: one winner; the steps out of it are the owner's only. */
	assert_int_equal(store_outbox_mark_sending(fx->s, id, ME, T0), 0);
	assert_int_equal(store_outbox_mark_sending(fx->s, id, ME, T0), 1);
	assert_int_equal(store_outbox_mark_sending(fx->s, id, OTHER, T0), 1);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_string_equal(e.claim_owner, ME);
	assert_int_equal(e.claim_at, T0);
	assert_false(e.unsure);
	store_outbox_entry_clear(&e);
	assert_int_equal(store_outbox_mark_sent(fx->s, id, OTHER, "5", T0), -1);
	assert_non_null(strstr(store_errmsg(fx->s), "is being sent by " ME ", not by " OTHER));
	assert_int_equal(store_outbox_mark_send_failed(fx->s, id, OTHER, "no", T0), -1);
	assert_int_equal(store_outbox_mark_failed(fx->s, id, "no", T0), -1);
	assert_int_equal(store_outbox_renew(fx->s, id, OTHER, T0 + 5), 1);
	assert_int_equal(store_outbox_renew(fx->s, id, ME, T0 + 5), 0);
	assert_int_equal(store_outbox_take_over(fx->s, id, ME, T0, T0 + 6), 1);	/* renewed */
	assert_int_equal(store_outbox_delete(fx->s, id), -1);	/* not while in flight */
	assert_int_equal(store_outbox_next_due(fx->s, &next), 0);
	assert_int_equal(next, 0);
	assert_int_equal(store_outbox_mark_retry(fx->s, id, ME, T0 + 30, "connection refused",
	    true, T0), 0);
	assert_int_equal(store_outbox_next_due(fx->s, &next), 0);
	assert_int_equal(next, T0 + 30);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_QUEUED);
	assert_int_equal(e.attempts, 1);
	assert_string_equal(e.reason, "connection refused");
	assert_true(e.unsure);
	assert_null(e.claim_owner);
	store_outbox_entry_clear(&e);

	assert_int_equal(store_outbox_mark_sending(fx->s, id, OTHER, T0 + 30), 0);
	assert_int_equal(store_outbox_mark_send_failed(fx->s, id, OTHER,
	    "HTTP 400: Invalid post ID", T0 + 31), 0);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_FAILED);
	assert_int_equal(e.attempts, 2);
	assert_string_equal(e.reason, "HTTP 400: Invalid post ID");
	assert_string_equal(e.body, "رأي جميل");	/* the text is kept */
	store_outbox_entry_clear(&e);
	assert_int_equal(store_outbox_mark_failed(fx->s, id, "again", T0), -1);

	assert_int_equal(store_outbox_requeue(fx->s, id, "رأي جميل جداً", T0 + 40), 0);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_QUEUED);
	assert_int_equal(e.attempts, 0);
	assert_null(e.reason);
	assert_string_equal(e.body, "رأي جميل جداً");
	store_outbox_entry_clear(&e);

	assert_int_equal(store_outbox_mark_sending(fx->s, id, ME, T0 + 41), 0);
	assert_int_equal(store_outbox_mark_sent(fx->s, id, ME, "17", T0 + 42), 0);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_SENT);
	assert_string_equal(e.remote_id, "17");
	assert_int_equal(e.updated_at, T0 + 42);
	store_outbox_entry_clear(&e);

	/* A claim taken over: back in the queue, due now, unsure. */
	id2 = store_outbox_add(fx->s, fx->item_other, "second", T0);
	assert_int_equal(store_outbox_mark_sending(fx->s, id2, OTHER, T0), 0);
	assert_int_equal(store_outbox_claims(fx->s, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, id2);
	store_outbox_list_clear(&l);
	assert_int_equal(store_outbox_take_over(fx->s, id2, ME, T0, T0 + 100), 1);
	assert_int_equal(store_outbox_take_over(fx->s, id2, OTHER, T0, T0 + 100), 0);
	assert_int_equal(store_outbox_get(fx->s, id2, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_QUEUED);
	assert_int_equal(e.next_attempt, T0 + 100);
	assert_true(e.unsure);
	assert_null(e.claim_owner);
	store_outbox_entry_clear(&e);
	/* The old owner's late steps change nothing. */
	assert_int_equal(store_outbox_mark_sent(fx->s, id2, OTHER, "9", T0 + 101), -1);
	assert_int_equal(store_outbox_claims(fx->s, &l), 0);
	assert_int_equal(l.n, 0);
	store_outbox_list_clear(&l);

	assert_int_equal(store_outbox_list(fx->s, fx->item_other, &l), 0);
	assert_int_equal(l.n, 1);
	store_outbox_list_clear(&l);
	assert_int_equal(store_outbox_list(fx->s, 0, &l), 0);
	assert_int_equal(l.n, 2);
	store_outbox_list_clear(&l);
	assert_int_equal(store_outbox_delete(fx->s, id2), 0);
	assert_int_equal(store_outbox_get(fx->s, id2, &e), -1);
	assert_non_null(strstr(store_errmsg(fx->s), "no outbox entry"));
	assert_string_equal(store_outbox_state_name(STORE_OUTBOX_SENDING), "sending");
}

/* ---- Sending ---- */

static void
test_send_own_note(void **state)
{
	struct fx *fx = *state;
	struct store_comment_list l = { 0 };
	struct store_outbox_list ob = { 0 };
	enum comments_send_how how;
	char *reason, *draft;
	int64_t id;

	assert_int_equal(comments_draft_save(fx->c, fx->item_other, "note to self"), 0);
	assert_int_equal(comments_send(fx->c, fx->item_other, "note to self\nline <2>", T0, &how,
	    &id, &reason), 0);
	assert_int_equal(how, COMMENTS_SENT_NOTE);
	assert_null(reason);
	assert_int_equal(comments_draft_get(fx->c, fx->item_other, &draft), 0);
	assert_null(draft);	/* sending clears the draft */
	assert_int_equal(store_comments_list(fx->s, fx->item_other, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, id);
	assert_true(l.v[0].own_note);
	assert_string_equal(l.v[0].body, "<p>note to self<br>\nline &lt;2&gt;</p>\n");
	assert_int_equal(l.v[0].date, T0);
	store_comment_list_clear(&l);
	assert_int_equal(store_outbox_list(fx->s, 0, &ob), 0);
	assert_int_equal(ob.n, 0);	/* no outbox entry for a note */
	store_outbox_list_clear(&ob);
}

static void
test_send_queued_and_refused(void **state)
{
	struct fx *fx = *state;
	struct store_outbox_entry e;
	enum comments_send_how how;
	char *reason, *draft;
	int64_t id;
	time_t next;

	/* Refusals keep the draft and store nothing. */
	assert_int_equal(comments_draft_save(fx->c, fx->item42, "draft text"), 0);
	assert_int_equal(comments_send(fx->c, fx->item42, " \n\t", T0, &how, &id, &reason), -1);
	assert_string_equal(reason, "the comment is empty");
	free(reason);
	/* limit=20 on this endpoint: 21 clusters (a letter with harakat is one). */
	assert_int_equal(comments_send(fx->c, fx->item42, "كَتَبَ كَتَبَ كَتَبَ كَتَبَ كَتَبَ ك",
	    T0, &how, &id, &reason), -1);
	assert_string_equal(reason, "the comment is 21 characters long; the limit is 20");
	free(reason);
	assert_int_equal(comments_draft_get(fx->c, fx->item42, &draft), 0);
	assert_string_equal(draft, "draft text");
	free(draft);

	assert_int_equal(comments_send(fx->c, fx->item42, "كَتَبَ كَتَبَ كَتَبَ كَتَبَ كَتَبَ",
	    T0, &how, &id, &reason), 0);
	assert_int_equal(how, COMMENTS_SENT_QUEUED);
	assert_null(reason);
	assert_int_equal(comments_draft_get(fx->c, fx->item42, &draft), 0);
	assert_null(draft);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_QUEUED);
	assert_int_equal(e.item_id, fx->item42);
	store_outbox_entry_clear(&e);
	/* Without a fetcher nothing goes out and nothing busy-waits. */
	assert_int_equal(comments_outbox_run(fx->c, T0, &next), 0);
	assert_int_equal(next, 0);

	/* An article without a post id fails at once, text kept. */
	assert_int_equal(comments_send(fx->c, fx->item_noid, "hello", T0, &how, &id, &reason), 0);
	assert_int_equal(how, COMMENTS_SENT_FAILED);
	assert_string_equal(reason, "cannot tell the WordPress post ID of this article "
	    "(no ?p=ID in its guid, link or comment feed)");
	free(reason);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_FAILED);
	assert_string_equal(e.body, "hello");
	store_outbox_entry_clear(&e);
	/* ... and goes back to the draft for editing. */
	assert_int_equal(comments_outbox_to_draft(fx->c, id, &reason), 0);
	assert_int_equal(comments_draft_get(fx->c, fx->item_noid, &draft), 0);
	assert_string_equal(draft, "hello");
	free(draft);
	assert_int_equal(store_outbox_get(fx->s, id, &e), -1);

	assert_int_equal(comments_send(fx->c, 9999, "x", T0, &how, &id, &reason), -1);
	assert_non_null(strstr(reason, "no article 9999"));
	free(reason);
}

/* A POST answer as the fetch thread would post it. */
static bool
answer(struct fx *fx, int64_t outbox_id, long status, const char *error, const char *body,
    long retry_delay, time_t now, struct comments_outcome *o)
{
	struct comment_post_result *r = xcalloc(1, sizeof *r);
	struct fetch_event ev = { .type = FETCH_EV_JOB, .tag = FETCH_TAG_COMMENT_POST,
	    .data = r, .data_free = comment_post_result_free };
	bool ours;

	r->outbox_id = outbox_id;
	r->item_id = fx->item42;
	r->status = status;
	r->error = xstrdup_null(error);
	r->body = xstrdup(body != NULL ? body : "");
	r->url = xstrdup("https://blog.example.org/wp-json/wp/v2/comments");
	r->final_url = xstrdup(r->url);
	r->retry_delay = retry_delay;
	ours = comments_handle_event(fx->c, &ev, now, o);
	fetch_event_clear(&ev);
	return ours;
}

static int64_t
queued_sending(struct fx *fx, const char *text, time_t now)
{
	enum comments_send_how how;
	char *reason;
	int64_t id;

	assert_int_equal(comments_send(fx->c, fx->item42, text, now, &how, &id, &reason), 0);
	assert_int_equal(how, COMMENTS_SENT_QUEUED);
	assert_int_equal(store_outbox_mark_sending(fx->s, id, comments_owner(fx->c), now), 0);
	return id;
}

static void
test_answers(void **state)
{
	struct fx *fx = *state;
	struct comments_outcome o;
	struct store_outbox_entry e;
	struct store_comment_list l = { 0 };
	struct fetch_event other = { .type = FETCH_EV_JOB, .tag = 7 };
	int64_t id;

	assert_false(comments_handle_event(fx->c, &other, T0, &o));

	/* Network failures back off 30 s, 60 s, then Retry-After when longer. */
	id = queued_sending(fx, "retry me", T0);
	assert_true(answer(fx, id, 0, "connection refused", NULL, 0, T0, &o));
	assert_int_equal(o.kind, COMMENTS_RETRYING);
	assert_int_equal(o.next_attempt, T0 + 30);
	assert_string_equal(o.message, "comment queued: connection refused; next try in 30 s");
	comments_outcome_clear(&o);
	assert_int_equal(store_outbox_mark_sending(fx->s, id, comments_owner(fx->c), T0 + 30), 0);
	assert_true(answer(fx, id, 503, "HTTP 503", "oops", 0, T0 + 30, &o));
	assert_int_equal(o.next_attempt, T0 + 90);
	comments_outcome_clear(&o);
	assert_int_equal(store_outbox_mark_sending(fx->s, id, comments_owner(fx->c), T0 + 90), 0);
	assert_true(answer(fx, id, 429, "HTTP 429 (retry after 600 s)", NULL, 600, T0 + 90, &o));
	assert_int_equal(o.next_attempt, T0 + 90 + 600);
	assert_string_equal(o.message,
	    "comment queued: HTTP 429 (retry after 600 s); next try in 10 min");
	comments_outcome_clear(&o);

	/* A 201 with the comment: sent, and in the list under WordPress's guid. */
	assert_int_equal(store_outbox_mark_sending(fx->s, id, comments_owner(fx->c), T0 + 700), 0);
	assert_true(answer(fx, id, 201, NULL, "{\"id\":17,\"post\":42,\"author_name\":\"editor\","
	    "\"date_gmt\":\"2026-05-04T12:00:00\",\"content\":{\"rendered\":\"x\"}}", 0, T0 + 700,
	    &o));
	assert_int_equal(o.kind, COMMENTS_POSTED);
	assert_string_equal(o.message, "comment sent");
	comments_outcome_clear(&o);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_SENT);
	assert_string_equal(e.remote_id, "17");
	store_outbox_entry_clear(&e);
	assert_int_equal(store_comments_list(fx->s, fx->item42, &l), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].remote_id, "https://blog.example.org/?p=42#comment-17");
	assert_string_equal(l.v[0].author, "editor");
	assert_string_equal(l.v[0].body, "<p>retry me</p>\n");
	assert_int_equal(l.v[0].date, 1777896000);
	assert_false(l.v[0].own_note);
	store_comment_list_clear(&l);
	/* A late duplicate answer for a sent entry changes nothing. */
	assert_true(answer(fx, id, 201, NULL, "{\"id\":18}", 0, T0 + 701, &o));
	assert_int_equal(o.kind, COMMENTS_POST_FAILED);
	comments_outcome_clear(&o);

	/* A 400 fails with the site's message, the text kept. */
	id = queued_sending(fx, "bad post", T0);
	assert_true(answer(fx, id, 400, "HTTP 400", "{\"code\":\"rest_comment_invalid_post_id\","
	    "\"message\":\"Sorry, you are not allowed to create this comment without a post.\"}",
	    0, T0, &o));
	assert_int_equal(o.kind, COMMENTS_POST_FAILED);
	assert_string_equal(o.message, "comment not sent: HTTP 400: Sorry, you are not allowed to "
	    "create this comment without a post. (text kept)");
	comments_outcome_clear(&o);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_FAILED);
	assert_string_equal(e.body, "bad post");
	store_outbox_entry_clear(&e);

	/* A 409 duplicate after a crash-retry: it is on the site already. */
	id = queued_sending(fx, "twice", T0);
	assert_true(answer(fx, id, 409, "HTTP 409", "{\"code\":\"comment_duplicate\","
	    "\"message\":\"Duplicate comment detected\"}", 0, T0, &o));
	assert_int_equal(o.kind, COMMENTS_POSTED);
	comments_outcome_clear(&o);

	/* A 200 that is not a comment (a redirect turned the POST into a GET). */
	id = queued_sending(fx, "odd", T0);
	assert_true(answer(fx, id, 200, NULL, "[]", 0, T0, &o));
	assert_int_equal(o.kind, COMMENTS_POST_FAILED);
	assert_non_null(strstr(o.message, "not a comment"));
	comments_outcome_clear(&o);

	/* Redirects are not followed: the 301 says where to point the endpoint
	 * (a relative Location resolved, controls removed), text kept. */
	id = queued_sending(fx, "moved", T0);
	{
		struct comment_post_result *r = xcalloc(1, sizeof *r);
		struct fetch_event ev = { .type = FETCH_EV_JOB, .tag = FETCH_TAG_COMMENT_POST,
		    .data = r, .data_free = comment_post_result_free };
		r->outbox_id = id;
		r->item_id = fx->item42;
		r->status = 301;
		r->error = xstrdup("HTTP 301");
		r->body = xstrdup("<html>moved</html>");
		r->url = xstrdup("https://blog.example.org/wp-json/wp/v2/comments");
		r->final_url = xstrdup(r->url);
		r->location = xstrdup("/new\x1b[2J/wp-json/wp/v2/comments");
		assert_true(comments_handle_event(fx->c, &ev, T0, &o));
		fetch_event_clear(&ev);
	}
	assert_int_equal(o.kind, COMMENTS_POST_FAILED);
	assert_string_equal(o.message, "comment not sent: HTTP 301: the site redirected to "
	    "https://blog.example.org/new/wp-json/wp/v2/comments: set the comment-endpoint "
	    "address to where it leads (text kept)");
	comments_outcome_clear(&o);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_FAILED);
	assert_string_equal(e.body, "moved");
	store_outbox_entry_clear(&e);
	/* A 3xx without a Location is an odd answer: its status. */
	id = queued_sending(fx, "moved too", T0);
	assert_true(answer(fx, id, 302, "HTTP 302", "", 0, T0, &o));
	assert_int_equal(o.kind, COMMENTS_POST_FAILED);
	assert_string_equal(o.message, "comment not sent: HTTP 302 (text kept)");
	comments_outcome_clear(&o);
}

static void
test_feed_results(void **state)
{
	struct fx *fx = *state;
	struct comments_outcome o;
	struct store_comment_list l = { 0 };

	for (int round = 0; round < 2; round++) {
		struct comment_feed_result *r = xcalloc(1, sizeof *r);
		struct fetch_event ev = { .type = FETCH_EV_JOB, .tag = FETCH_TAG_COMMENT_FEED,
		    .data = r, .data_free = comment_feed_result_free };
		r->item_id = fx->item42;
		r->url = xstrdup("https://blog.example.org/2026/05/rtl/feed/");
		r->etag = xstrdup("\"v1\"");
		r->n = 2;
		r->v = xcalloc(2, sizeof *r->v);
		r->v[0] = (struct comment_copy){ xstrdup("g#comment-2"), xstrdup("Lina"), T0 + 5,
		    xstrdup("<p>later</p>"), NULL };
		r->v[1] = (struct comment_copy){ xstrdup("g#comment-1"), NULL, T0,
		    xstrdup("<p>earlier</p>"), NULL };
		assert_true(comments_handle_event(fx->c, &ev, T0, &o));
		assert_int_equal(o.kind, COMMENTS_LOADED);
		assert_int_equal(o.item_id, fx->item42);
		assert_int_equal(o.added, round == 0 ? 2 : 0);
		assert_string_equal(o.message, round == 0 ? "2 new comments" : "no new comments");
		comments_outcome_clear(&o);
		fetch_event_clear(&ev);
	}
	assert_int_equal(store_comments_list(fx->s, fx->item42, &l), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].body, "<p>earlier</p>");
	assert_null(l.v[0].author);
	store_comment_list_clear(&l);

	/* Fresh now: no second download within COMMENTS_FRESH_FOR. */
	assert_int_equal(comments_fetch(fx->c, fx->item42, false, T0 + 10), COMMENTS_FETCH_FRESH);
	assert_int_equal(comments_fetch(fx->c, fx->item42, true, T0 + 10), COMMENTS_FETCH_OFFLINE);
	assert_int_equal(comments_fetch(fx->c, fx->item42, false, T0 + 400),
	    COMMENTS_FETCH_OFFLINE);
	assert_int_equal(comments_fetch(fx->c, fx->item_noid, false, T0), COMMENTS_FETCH_NONE);

	/* A failure is reported and recorded. */
	struct comment_feed_result *r = xcalloc(1, sizeof *r);
	struct fetch_event ev = { .type = FETCH_EV_JOB, .tag = FETCH_TAG_COMMENT_FEED,
	    .data = r, .data_free = comment_feed_result_free };
	r->item_id = fx->item42;
	r->url = xstrdup("https://blog.example.org/2026/05/rtl/feed/");
	r->error = xstrdup("HTTP 404");
	assert_true(comments_handle_event(fx->c, &ev, T0, &o));
	assert_int_equal(o.kind, COMMENTS_LOAD_FAILED);
	assert_string_equal(o.message, "comments: HTTP 404");
	comments_outcome_clear(&o);
	fetch_event_clear(&ev);
	/* After a failure the cache is not "fresh". */
	assert_int_equal(comments_fetch(fx->c, fx->item42, false, T0 + 10), COMMENTS_FETCH_OFFLINE);
}

/* ---- Claims across processes ---- */

/* A child process that waits until *fd_out is closed, then exits. */
static pid_t
child_waiting(int *fd_out)
{
	int p[2];
	pid_t pid;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char c;
		close(p[1]);
		while (read(p[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(p[0]);
	*fd_out = p[1];
	return pid;
}

/* owner with field key's value replaced (new string). */
static char *
owner_with(const char *owner, const char *key, const char *value)
{
	const char *p = strstr(owner, key);
	size_t n;

	assert_non_null(p);
	p += strlen(key) + 1;
	n = strcspn(p, " ");
	return xasprintf("%.*s%s%s", (int)(p - owner), owner, value, p + n);
}

static void
test_owner_status(void **state)
{
	char *me = comments_owner_of((long)getpid()), *o;
	char pid[32];
	int fd;
	pid_t child;

	(void)state;
	assert_non_null(strstr(me, "host="));
	snprintf(pid, sizeof pid, " pid=%ld ", (long)getpid());
	assert_non_null(strstr(me, pid));
	assert_int_equal(comments_owner_status(me), COMMENTS_OWNER_ALIVE);
	/* Extra fields (a test's tag) change nothing. */
	o = xasprintf("%s tag=second", me);
	assert_int_equal(comments_owner_status(o), COMMENTS_OWNER_ALIVE);
	free(o);

	/* A process that exits is gone, once reaped and before. */
	child = child_waiting(&fd);
	o = comments_owner_of((long)child);
	assert_int_equal(comments_owner_status(o), COMMENTS_OWNER_ALIVE);
	close(fd);
	assert_int_equal(waitpid(child, NULL, 0), child);
	assert_int_equal(comments_owner_status(o), COMMENTS_OWNER_GONE);
	free(o);

	/* Our pid with another start time: the pid was reused. */
	if (strstr(me, " start=0") == NULL) {
		o = owner_with(me, "start", "1");
		assert_int_equal(comments_owner_status(o), COMMENTS_OWNER_GONE);
		free(o);
	}
	/* This machine booted since: gone. */
	if (strstr(me, " boot=- ") == NULL) {
		o = owner_with(me, "boot", "00000000-0000-0000-0000-000000000000");
		assert_int_equal(comments_owner_status(o), COMMENTS_OWNER_GONE);
		free(o);
	}
	/* Another pid namespace's (a container's): unknown too. */
	if (strstr(me, " pidns=- ") == NULL) {
		o = owner_with(me, "pidns", "1");
		assert_int_equal(comments_owner_status(o), COMMENTS_OWNER_UNKNOWN);
		free(o);
	}
	/* Another machine's process: unknown, whatever its pid. */
	o = owner_with(me, "host", "another-host.example");
	assert_int_equal(comments_owner_status(o), COMMENTS_OWNER_UNKNOWN);
	free(o);
	/* No owner (schema 5) or one we cannot read: nobody is sending. */
	assert_int_equal(comments_owner_status(NULL), COMMENTS_OWNER_GONE);
	assert_int_equal(comments_owner_status("garbage"), COMMENTS_OWNER_GONE);
	free(me);
}

static enum store_outbox_state
state_of(struct store *s, int64_t id, bool *unsure)
{
	struct store_outbox_entry e;
	enum store_outbox_state st;

	assert_int_equal(store_outbox_get(s, id, &e), 0);
	st = e.state;
	if (unsure != NULL)
		*unsure = e.unsure;
	store_outbox_entry_clear(&e);
	return st;
}

/*
 * Two store connections as two processes on one cache: a claim is won by
 * one of them only; recovery takes over the claims of a dead owner and of
 * stale ones, never a live owner's; another machine's only when stale.
 */
static void
test_recover_claims(void **state)
{
	struct fx *fx = *state;
	struct store *s2;
	struct comments *c2;
	char *err = NULL, *live, *dead, *far;
	int64_t e_live, e_dead, e_far, e_stale, e_mine;
	bool unsure;
	pid_t child;
	int fd;

	s2 = store_open(fx->db, 0, &err);
	assert_non_null(s2);
	c2 = comments_new(s2, fx->cfg, NULL);
	/* A second live process: this one, under another tag. */
	live = xasprintf("%s tag=second-reader", comments_owner(fx->c));
	comments_set_owner(c2, live);
	child = child_waiting(&fd);
	dead = comments_owner_of((long)child);
	close(fd);
	assert_int_equal(waitpid(child, NULL, 0), child);
	far = owner_with(comments_owner(fx->c), "host", "another-host.example");

	e_live = store_outbox_add(fx->s, fx->item42, "live", T0);
	e_dead = store_outbox_add(fx->s, fx->item42, "dead", T0);
	e_far = store_outbox_add(fx->s, fx->item42, "far", T0);
	e_stale = store_outbox_add(fx->s, fx->item42, "stale", T0);
	e_mine = store_outbox_add(fx->s, fx->item42, "mine", T0);

	/* One winner per claim, across connections. */
	assert_int_equal(store_outbox_mark_sending(s2, e_live, live, T0), 0);
	assert_int_equal(store_outbox_mark_sending(fx->s, e_live, comments_owner(fx->c), T0), 1);
	assert_int_equal(store_outbox_mark_sending(fx->s, e_dead, dead, T0), 0);
	assert_int_equal(store_outbox_mark_sending(fx->s, e_far, far, T0), 0);
	assert_int_equal(store_outbox_mark_sending(s2, e_stale, live,
	    T0 - COMMENTS_CLAIM_TIMEOUT), 0);
	assert_int_equal(store_outbox_mark_sending(fx->s, e_mine, comments_owner(fx->c), T0), 0);

	/* Start-up recovery of the first "process". */
	assert_int_equal(comments_outbox_recover(fx->c, T0 + 10), 0);
	assert_int_equal(state_of(fx->s, e_live, NULL), STORE_OUTBOX_SENDING);
	assert_int_equal(state_of(fx->s, e_dead, &unsure), STORE_OUTBOX_QUEUED);
	assert_true(unsure);
	assert_int_equal(state_of(fx->s, e_far, NULL), STORE_OUTBOX_SENDING);
	assert_int_equal(state_of(fx->s, e_stale, &unsure), STORE_OUTBOX_QUEUED);
	assert_true(unsure);
	assert_int_equal(state_of(fx->s, e_mine, NULL), STORE_OUTBOX_SENDING);
	/* The second one's recovery leaves the first's claim too. */
	assert_int_equal(comments_outbox_recover(c2, T0 + 10), 0);
	assert_int_equal(state_of(fx->s, e_mine, NULL), STORE_OUTBOX_SENDING);
	assert_int_equal(state_of(fx->s, e_live, NULL), STORE_OUTBOX_SENDING);

	/* The live owner finishes its send; the dead one's is the first's now. */
	assert_int_equal(store_outbox_mark_sent(s2, e_live, live, "31", T0 + 11), 0);
	assert_int_equal(store_outbox_mark_sending(s2, e_dead, live, T0 + 12), 0);
	assert_int_equal(store_outbox_mark_sent(fx->s, e_dead, dead, "32", T0 + 12), -1);

	/* An hour on, the other machine's claim is stale: taken over. */
	assert_int_equal(comments_outbox_recover(fx->c, T0 + COMMENTS_CLAIM_TIMEOUT), 0);
	assert_int_equal(state_of(fx->s, e_far, &unsure), STORE_OUTBOX_QUEUED);
	assert_true(unsure);

	free(live);
	free(dead);
	free(far);
	comments_free(&c2);
	store_close(&s2);
}

/* A version 5 cache: a "sending" row has no owner; after the upgrade it
 * is unsure and recovery takes it over. */
static void
test_claims_upgrade(void **state)
{
	struct fx *fx = *state;
	struct store_outbox_entry e;
	sqlite3 *db;
	char *err = NULL;

	comments_free(&fx->c);
	store_close(&fx->s);
	unlink(fx->db);
	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	for (int i = 0; i < 5; i++)
		assert_int_equal(sqlite3_exec(db, store_migrations[i], NULL, NULL, NULL),
		    SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	    "PRAGMA user_version = 5; PRAGMA application_id = 1314014290;"
	    "INSERT INTO feeds (url) VALUES ('https://blog.example.org/feed/');"
	    "INSERT INTO items (feed_id, guid, title, date, content_hash, first_seen)"
	    "  VALUES (1, 'https://blog.example.org/?p=42', 'قبل', 1700000000, 0, 0);"
	    "INSERT INTO outbox (item_id, body, state, created_at, updated_at)"
	    "  VALUES (1, 'ربما أُرسل', 'sending', 1, 1), (1, 'في الطابور', 'queued', 1, 1);",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	fx->s = store_open(fx->db, 0, &err);
	assert_non_null(fx->s);
	fx->c = comments_new(fx->s, fx->cfg, NULL);
	assert_int_equal(store_outbox_get(fx->s, 1, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_SENDING);
	assert_null(e.claim_owner);
	assert_true(e.unsure);
	store_outbox_entry_clear(&e);
	assert_int_equal(store_outbox_get(fx->s, 2, &e), 0);
	assert_false(e.unsure);
	store_outbox_entry_clear(&e);
	assert_int_equal(comments_outbox_recover(fx->c, T0), 0);
	assert_int_equal(store_outbox_get(fx->s, 1, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_QUEUED);
	assert_true(e.unsure);
	assert_string_equal(e.body, "ربما أُرسل");
	store_outbox_entry_clear(&e);
}

/* ---- Reconciling ---- */

static void
test_lookup_url(void **state)
{
	char *u;

	(void)state;
	u = comments_wp_lookup_url("https://blog.example.org/wp-json/wp/v2/comments", 42,
	    "Hello \"world\" & <friends>, a longer part here\nline two", true);
	assert_string_equal(u, "https://blog.example.org/wp-json/wp/v2/comments?post=42"
	    "&per_page=100&search=%2C%20a%20longer%20part%20here&status=all&context=edit");
	free(u);
	/* A query on the endpoint is kept; Arabic is percent-encoded whole. */
	u = comments_wp_lookup_url("https://blog.example.org/wp-json/wp/v2/comments?lang=ar", 7,
	    "رأي", false);
	assert_string_equal(u, "https://blog.example.org/wp-json/wp/v2/comments?lang=ar&post=7"
	    "&per_page=100&search=%D8%B1%D8%A3%D9%8A");
	free(u);
	/* Nothing worth searching for: the post's listing alone. */
	u = comments_wp_lookup_url("http://127.0.0.1/wp-json/wp/v2/comments", 1, "<3", false);
	assert_string_equal(u, "http://127.0.0.1/wp-json/wp/v2/comments?post=1&per_page=100");
	free(u);
}

static void
test_find_in_listing(void **state)
{
	const char *text = "He said \"it's fine\" -- see <b>this</b>...\n\nرأيٌ جميل";
	/* As stored (raw, escaped as we send it) and as WordPress shows it. */
	const char *raw = "[{\"id\":5,\"post\":42,\"author_name\":\"Salma\","
	    "\"date_gmt\":\"2026-05-04T12:00:00\",\"content\":{\"raw\":\"He said \\\"it's fine\\\" "
	    "-- see &lt;b&gt;this&lt;/b&gt;...\\n\\nرأيٌ جميل\"}}]";
	const char *rendered = "[{\"id\":3,\"post\":42,\"author_name\":\"Tom\","
	    "\"content\":{\"rendered\":\"<p>Other</p>\"}},"
	    "{\"id\":9,\"post\":42,\"author_name\":\"Salma\",\"content\":{\"rendered\":"
	    "\"<p>He said &#8220;it&#8217;s fine&#8221; &#8211; see &lt;b&gt;this&lt;/b&gt;"
	    "&#8230;</p>\\n<p>رأيٌ جميل</p>\\n\"}}]";

	(void)state;
	assert_int_equal(comments_wp_find(raw, 42, text, "Salma", 0), 5);
	assert_int_equal(comments_wp_find(rendered, 42, text, "Salma", 0), 9);
	/* Not ours: another author, another post, written before it, other text. */
	assert_int_equal(comments_wp_find(raw, 42, text, "Tom", 0), 0);
	assert_int_equal(comments_wp_find(raw, 43, text, "Salma", 0), 0);
	assert_int_equal(comments_wp_find(raw, 42, text, "Salma", 1780000000), 0);
	assert_int_equal(comments_wp_find(raw, 42, "He said it's fine", "Salma", 0), 0);
	assert_int_equal(comments_wp_find(raw, 42, "رأي جميل", "Salma", 0), 0);	/* harakat count */
	assert_int_equal(comments_wp_find("[]", 42, text, NULL, 0), 0);
	assert_int_equal(comments_wp_find("{\"code\":\"rest_forbidden\"}", 42, text, NULL, 0), -1);
	assert_int_equal(comments_wp_find("<html>", 42, text, NULL, 0), -1);
}

/* A lookup answer as the fetch thread would post it. */
static bool
lookup_answer(struct fx *fx, int64_t outbox_id, long status, const char *body, time_t now,
    struct comments_outcome *o)
{
	struct comment_post_result *r = xcalloc(1, sizeof *r);
	struct fetch_event ev = { .type = FETCH_EV_JOB, .tag = FETCH_TAG_COMMENT_LOOKUP,
	    .data = r, .data_free = comment_post_result_free };
	bool ours;

	r->outbox_id = outbox_id;
	r->item_id = fx->item42;
	r->status = status;
	r->error = status >= 200 && status <= 299 ? NULL : xasprintf("HTTP %ld", status);
	r->body = xstrdup(body);
	r->url = xstrdup("https://blog.example.org/wp-json/wp/v2/comments?post=42");
	r->final_url = xstrdup(r->url);
	ours = comments_handle_event(fx->c, &ev, now, o);
	fetch_event_clear(&ev);
	return ours;
}

static void
test_lookup_answers(void **state)
{
	struct fx *fx = *state;
	struct comments_outcome o;
	struct store_outbox_entry e;
	struct store_comment_list l = { 0 };
	char *listing;
	int64_t id;

	/* Found: sent with the site's id and listed; no POST. */
	id = queued_sending(fx, "وصل قبل الانقطاع", T0);
	listing = xasprintf("[{\"id\":77,\"post\":42,\"author_name\":\"editor\","
	    "\"date_gmt\":\"2026-05-29T08:00:00\",\"content\":{\"raw\":\"وصل قبل الانقطاع\"}}]");
	assert_true(lookup_answer(fx, id, 200, listing, T0, &o));
	free(listing);
	assert_int_equal(o.kind, COMMENTS_POSTED);
	assert_string_equal(o.message, "comment sent (the site already had it)");
	comments_outcome_clear(&o);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_SENT);
	assert_string_equal(e.remote_id, "77");
	assert_false(e.unsure);
	store_outbox_entry_clear(&e);
	assert_int_equal(store_comments_list(fx->s, fx->item42, &l), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].remote_id, "https://blog.example.org/?p=42#comment-77");
	store_comment_list_clear(&l);

	/* The site cannot answer: queued again, still unsure. */
	id = queued_sending(fx, "not yet known", T0);
	assert_true(lookup_answer(fx, id, 503, "busy", T0, &o));
	assert_int_equal(o.kind, COMMENTS_RETRYING);
	assert_string_equal(o.message, "comment queued: cannot look it up on the site: HTTP 503; "
	    "next try in 30 s");
	comments_outcome_clear(&o);
	assert_int_equal(store_outbox_get(fx->s, id, &e), 0);
	assert_int_equal(e.state, STORE_OUTBOX_QUEUED);
	assert_true(e.unsure);
	store_outbox_entry_clear(&e);

	/* Not there, and no fetcher to post with: waits, still unsure. */
	assert_int_equal(store_outbox_mark_sending(fx->s, id, comments_owner(fx->c), T0 + 30), 0);
	assert_true(lookup_answer(fx, id, 200, "[]", T0 + 30, &o));
	assert_int_equal(o.kind, COMMENTS_RETRYING);
	comments_outcome_clear(&o);
	assert_int_equal(state_of(fx->s, id, NULL), STORE_OUTBOX_QUEUED);

	/* An answer for a claim that is not ours any more changes nothing. */
	assert_int_equal(store_outbox_mark_sending(fx->s, id, OTHER, T0 + 60), 0);
	assert_true(lookup_answer(fx, id, 200, "[]", T0 + 60, &o));
	assert_int_equal(o.kind, COMMENTS_POST_FAILED);
	assert_string_equal(o.message, "comment 2: answer ignored (the entry is sending by "
	    "another process)");
	comments_outcome_clear(&o);
	assert_true(answer(fx, id, 201, NULL, "{\"id\":80}", 0, T0 + 60, &o));
	assert_int_equal(o.kind, COMMENTS_POST_FAILED);
	comments_outcome_clear(&o);
	assert_int_equal(state_of(fx->s, id, NULL), STORE_OUTBOX_SENDING);
}

/* A send cut off without an answer may have got in: unsure; a definite
 * answer is not. */
static void
test_unsure_answers(void **state)
{
	struct fx *fx = *state;
	struct comments_outcome o;
	bool unsure;
	int64_t id;

	id = queued_sending(fx, "cut off", T0);
	assert_true(answer(fx, id, 0, "timeout after 30 s", NULL, 0, T0, &o));
	comments_outcome_clear(&o);
	assert_int_equal(state_of(fx->s, id, &unsure), STORE_OUTBOX_QUEUED);
	assert_true(unsure);
	assert_int_equal(store_outbox_mark_sending(fx->s, id, comments_owner(fx->c), T0 + 30), 0);
	assert_true(answer(fx, id, 429, "HTTP 429", NULL, 0, T0 + 30, &o));
	comments_outcome_clear(&o);
	assert_int_equal(state_of(fx->s, id, &unsure), STORE_OUTBOX_QUEUED);
	assert_false(unsure);
	assert_int_equal(store_outbox_mark_sending(fx->s, id, comments_owner(fx->c), T0 + 90), 0);
	assert_true(answer(fx, id, 504, "HTTP 504", NULL, 0, T0 + 90, &o));
	comments_outcome_clear(&o);
	assert_int_equal(state_of(fx->s, id, &unsure), STORE_OUTBOX_QUEUED);
	assert_true(unsure);
}

/* thr:in-reply-to in an Atom comment feed gives each comment its parent. */
struct parents {
	char *v[4];
	size_t n;
};

static void
on_reply(const struct feed_item *it, void *ud)
{
	struct parents *p = ud;

	if (p->n < 4)
		p->v[p->n++] = it->in_reply_to ? xstrdup(it->in_reply_to) : NULL;
}

static void
test_thread_parse(void **state)
{
	static const char doc[] =
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
	    "xmlns:thr=\"http://purl.org/syndication/thread/1.0\">"
	    "<title>Comments on: Palms</title><id>urn:c</id>"
	    "<entry><id>https://blog.example.org/?p=42#comment-7</id><title>By: Salma</title>"
	    "<thr:in-reply-to ref=\"https://blog.example.org/?p=42\" type=\"text/html\"/>"
	    "<content>نخلة جميلة</content></entry>"
	    "<entry><id>https://blog.example.org/?p=42#comment-9</id><title>By: Tom</title>"
	    "<thr:in-reply-to ref=\"https://blog.example.org/?p=42#comment-7\"/>"
	    "<content>I agree</content></entry>"
	    "<entry><id>urn:x</id><title>No parent</title><content>x</content></entry>"
	    "</feed>";
	struct parents p = { 0 };
	struct feed_sink sink = { NULL, on_reply };
	struct feed_parser *fp = feed_parser_new("https://blog.example.org/c.atom", NULL, &sink, &p);

	(void)state;
	assert_int_equal(feed_parser_push(fp, doc, sizeof doc - 1), 0);
	assert_int_equal(feed_parser_finish(fp), 0);
	feed_parser_free(&fp);
	assert_int_equal(p.n, 3);
	assert_string_equal(p.v[0], "https://blog.example.org/?p=42");
	assert_string_equal(p.v[1], "https://blog.example.org/?p=42#comment-7");
	assert_null(p.v[2]);
	for (size_t i = 0; i < p.n; i++)
		free(p.v[i]);
}

/* Replies under their parent, oldest first, at its depth + 1. */
static void
test_thread_order(void **state)
{
	/* Oldest first: 7, 8 (reply to 7), 9 (reply to 8, another host),
	 * 10 (top-level: its parent is the post), 11 (reply to 7), and two
	 * that answer each other (a cycle: both top-level). */
	const char *ids[] = {
		"https://b.example/?p=42#comment-7", "https://b.example/?p=42#comment-8",
		"http://b.example/?p=42#comment-9", "https://b.example/?p=42#comment-10",
		"https://b.example/?p=42#comment-11", "urn:a", "urn:b",
	};
	const char *parents[] = {
		"https://b.example/?p=42", "https://b.example/?p=42#comment-7",
		"http://other.example/?p=42#comment-8", NULL,
		"HTTPS://B.EXAMPLE/?p=42#comment-7", "urn:b", "urn:a",
	};
	size_t order[7];
	int depth[7];

	(void)state;
	comments_thread_order(ids, parents, 7, order, depth);
	size_t want[] = { 0, 1, 2, 4, 3, 5, 6 };
	int wantd[] = { 0, 1, 2, 1, 0, 0, 1 };
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(order[i], want[i]);
		assert_int_equal(depth[i], wantd[i]);
	}
	comments_thread_order(ids, parents, 0, order, depth);

	/* A feed's worth (5000) in one chain of replies: no recursion, each
	 * one level deeper; and all answering the first: one level. */
	enum { N = 5000 };
	char **bid = xcalloc(N, sizeof *bid);
	const char **bp = xcalloc(N, sizeof *bp);
	size_t *bo = xcalloc(N, sizeof *bo);
	int *bd = xcalloc(N, sizeof *bd);
	for (size_t i = 0; i < N; i++)
		bid[i] = xasprintf("https://b.example/?p=1#comment-%zu", i + 1);
	for (size_t i = 1; i < N; i++)
		bp[i] = bid[i - 1];
	comments_thread_order((const char *const *)bid, bp, N, bo, bd);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(bo[i], i);
		assert_int_equal(bd[i], (int)i);
	}
	for (size_t i = 1; i < N; i++)
		bp[i] = bid[0];
	comments_thread_order((const char *const *)bid, bp, N, bo, bd);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(bo[i], i);
		assert_int_equal(bd[i], i > 0);
	}
	for (size_t i = 0; i < N; i++)
		free(bid[i]);
	free(bid);
	free(bp);
	free(bo);
	free(bd);
}

/* The count shown: the larger of the feed's and the comments held. */
static void
test_shown_count(void **state)
{
	(void)state;
	assert_int_equal(comments_shown_count(3, 1), 3);	/* after sending one */
	assert_int_equal(comments_shown_count(3, 5), 5);
	assert_int_equal(comments_shown_count(-1, 2), 2);
	assert_int_equal(comments_shown_count(-1, 0), -1);
	assert_int_equal(comments_shown_count(0, 0), 0);
	assert_int_equal(comments_shown_count(4, 0), 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_post_id),
		cmocka_unit_test(test_wp_url),
		cmocka_unit_test(test_url_secure),
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_http_reason),
		cmocka_unit_test(test_text_to_html),
		cmocka_unit_test(test_wp_json),
		cmocka_unit_test(test_basic_auth),
		cmocka_unit_test_setup_teardown(test_read_password, setup, teardown),
		cmocka_unit_test(test_endpoint_matching),
		cmocka_unit_test_setup_teardown(test_comment_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comment_feed_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox_state_machine, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_own_note, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_queued_and_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feed_results, setup, teardown),
		cmocka_unit_test(test_owner_status),
		cmocka_unit_test_setup_teardown(test_recover_claims, setup, teardown),
		cmocka_unit_test_setup_teardown(test_claims_upgrade, setup, teardown),
		cmocka_unit_test(test_lookup_url),
		cmocka_unit_test(test_find_in_listing),
		cmocka_unit_test(test_shown_count),
		cmocka_unit_test(test_thread_parse),
		cmocka_unit_test(test_thread_order),
		cmocka_unit_test_setup_teardown(test_lookup_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unsure_answers, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
