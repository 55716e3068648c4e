/*
 * The repost queue and the handling of Mastodon's answers (issue 15):
 * the Idempotency-Key is chosen at queue time and survives a crash
 * mid-send (the entry left sending is claimed again with the same key);
 * 5xx and no answer are retried with backoff, 401 and 422 keep the
 * server's message and wait for the user; a 2xx stores the status's link.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define STORE_FIXTURE_NAME "nrmastodon"
#include "store_fixture.h"

#include "comments/mastodon.h"
#include "store/reposts.h"

static struct store *
open_cache(struct fx *fx)
{
	return open_ok(fx->db, 0);
}

static struct comment_post_result
answer(int64_t id, long status, const char *body, const char *error)
{
	struct comment_post_result r = { .outbox_id = id, .status = status };

	r.body = (char *)body;
	r.error = (char *)error;
	return r;
}

static void
test_status_text(void **state)
{
	(void)state;
	char *t = mastodon_status_text("عنوان المقالة", "https://example.org/a", "رأيي");
	assert_string_equal(t, "رأيي\n\nعنوان المقالة\nhttps://example.org/a");
	free(t);
	t = mastodon_status_text("Title", "https://example.org/a", NULL);
	assert_string_equal(t, "Title\nhttps://example.org/a");
	free(t);
}

static void
test_key_survives_crash(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_cache(fx);
	struct store_repost a, b;
	int64_t id1, id2;
	time_t next;
	char *err = NULL, *key;

	assert_int_equal(mastodon_queue(s, 7, "one", 1000, &id1, &err), 0);
	assert_int_equal(mastodon_queue(s, 8, "two", 1000, &id2, &err), 0);
	assert_int_equal(store_repost_claim(s, 1000, &a, &next), 1);
	assert_int_equal(a.id, id1);
	assert_string_equal(a.state, "sending");
	assert_int_equal(a.attempts, 1);
	assert_non_null(strstr(a.idem_key, "newsreader-"));
	key = xstrdup(a.idem_key);
	store_repost_clear(&a);
	/* The process dies mid-request: the next one claims it again, same key. */
	store_close(&s);
	s = open_cache(fx);
	assert_int_equal(store_repost_claim(s, 1001, &b, &next), 1);
	assert_int_equal(b.id, id1);
	assert_string_equal(b.idem_key, key);
	assert_int_equal(b.attempts, 2);
	store_repost_clear(&b);
	/* The other entry has its own key. */
	assert_int_equal(store_repost_get(s, id2, &b), 1);
	assert_string_not_equal(b.idem_key, key);
	store_repost_clear(&b);
	free(key);
	store_close(&s);
}

static void
test_answers(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_cache(fx);
	struct store_repost r;
	struct comment_post_result a;
	int64_t id, id2;
	time_t next;
	char *err = NULL, *msg;

	assert_int_equal(mastodon_queue(s, 1, "status", 1000, &id, &err), 0);
	assert_int_equal(store_repost_claim(s, 1000, &r, &next), 1);
	store_repost_clear(&r);
	/* 503: failed, retried in 30 s (first attempt). */
	a = answer(id, 503, "{\"error\":\"Service Unavailable\"}", "HTTP 503");
	assert_int_equal(mastodon_apply(s, &a, 1000, &msg), 0);
	assert_non_null(strstr(msg, "503"));
	assert_non_null(strstr(msg, "Service Unavailable"));
	free(msg);
	assert_int_equal(store_repost_claim(s, 1010, &r, &next), 0);
	assert_int_equal(next, 1030);
	/* Server down: retried again, 60 s after the second attempt. */
	assert_int_equal(store_repost_claim(s, 1030, &r, &next), 1);
	store_repost_clear(&r);
	a = answer(id, 0, NULL, "Connection refused");
	assert_int_equal(mastodon_apply(s, &a, 1030, &msg), 0);
	assert_non_null(strstr(msg, "not reached: Connection refused"));
	free(msg);
	assert_int_equal(store_repost_claim(s, 1031, &r, &next), 0);
	assert_int_equal(next, 1090);
	/* 401: the server's message, no retry by itself. */
	assert_int_equal(store_repost_claim(s, 1090, &r, &next), 1);
	store_repost_clear(&r);
	a = answer(id, 401, "{\"error\":\"The access token is invalid\"}", "HTTP 401");
	assert_int_equal(mastodon_apply(s, &a, 1090, &msg), 0);
	assert_string_equal(msg, "Mastodon refused the token (HTTP 401): The access token is invalid");
	free(msg);
	assert_int_equal(store_repost_claim(s, 999999, &r, &next), 0);
	assert_int_equal(next, 0);
	assert_int_equal(store_repost_get(s, id, &r), 1);
	assert_string_equal(r.state, "failed");
	assert_string_equal(r.error, "Mastodon refused the token (HTTP 401): The access token is invalid");
	store_repost_clear(&r);
	/* 422 on another one; then a 2xx stores the link. */
	assert_int_equal(mastodon_queue(s, 2, "x", 2000, &id2, &err), 0);
	assert_int_equal(store_repost_claim(s, 2000, &r, &next), 1);
	assert_int_equal(r.id, id2);
	store_repost_clear(&r);
	a = answer(id2, 422, "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}",
	    "HTTP 422");
	assert_int_equal(mastodon_apply(s, &a, 2000, &msg), 0);
	assert_non_null(strstr(msg, "(HTTP 422): Validation failed: Text character limit"));
	free(msg);
	assert_int_equal(store_repost_failed(s, id2, "retry by hand", 2001), 0);
	assert_int_equal(store_repost_claim(s, 2001, &r, &next), 1);
	store_repost_clear(&r);
	a = answer(id2, 200, "{\"id\":\"9\",\"url\":\"https://social.example/@me/9\"}", NULL);
	assert_int_equal(mastodon_apply(s, &a, 2001, &msg), 1);
	assert_string_equal(msg, "https://social.example/@me/9");
	free(msg);
	assert_int_equal(store_repost_get(s, id2, &r), 1);
	assert_string_equal(r.state, "sent");
	assert_string_equal(r.remote_url, "https://social.example/@me/9");
	assert_null(r.error);
	store_repost_clear(&r);
	/* The server's text is sanitized before the status line and the
	 * cache see it: no escape sequence, no newline (fuzz_comments). */
	assert_int_equal(store_repost_failed(s, id2, "again", 2002), 0);
	assert_int_equal(store_repost_claim(s, 2002, &r, &next), 1);
	store_repost_clear(&r);
	a = answer(id2, 401, "{\"error\":\"bad \\u001b[31mtoken\\u007f\\nhere\"}", "HTTP 401");
	assert_int_equal(mastodon_apply(s, &a, 2002, &msg), 0);
	assert_string_equal(msg, "Mastodon refused the token (HTTP 401): bad token here");
	free(msg);
	assert_int_equal(store_repost_get(s, id2, &r), 1);
	assert_null(strchr(r.error, '\x1b'));
	store_repost_clear(&r);
	assert_int_equal(store_repost_failed(s, id2, "again", 2003), 0);
	assert_int_equal(store_repost_claim(s, 2003, &r, &next), 1);
	store_repost_clear(&r);
	a = answer(id2, 200, "{\"url\":\"https://social.example/@me/9\\u001b]52;c;eA==\\u0007\"}", NULL);
	assert_int_equal(mastodon_apply(s, &a, 2003, &msg), 1);
	assert_string_equal(msg, "https://social.example/@me/9");
	free(msg);
	store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_text),
		cmocka_unit_test_setup_teardown(test_key_survives_crash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
