/*
 * libFuzzer target for what comment and repost servers answer
 * (src/comments): the input is a response body, read as a WordPress REST
 * answer (an error object, a created comment, a listing of comments) and
 * as a Mastodon answer to POST /api/v1/statuses; byte 0 picks the HTTP
 * status. The rules: every reason or message made from the answer for the
 * status line, and what is stored in the cache, is one clean line (no
 * control character, no escape sequence) with the site's message cut to
 * 200 bytes; the listing lookup says -1 exactly when the body is not a
 * JSON array and otherwise names an id the listing holds (or 0); the
 * request bodies we build from hostile text are valid JSON, with the
 * text escaped as HTML and clean.
 */
#include "config.h"

#include <jansson.h>
#include <stdint.h>
#include <unistd.h>

#include "comments/comments.h"
#include "comments/mastodon.h"
#include "store/reposts.h"
#include "store/store.h"
#include "util/json.h"

#include "fuzz.h"

static const long statuses[] = {
	200, 201, 400, 401, 403, 404, 409, 422, 429, 500, 503, 0, 302, 204, 599, 418,
};

static struct store *st;
static char dbdir[] = "/tmp/fuzz-comments-XXXXXX";
static unsigned long nrun;

/* A fresh cache now and then, so the repost table stays small. */
static void
db_open(void)
{
	char path[64], *err = NULL;

	if (st != NULL && nrun++ % 5000 != 0)
		return;
	if (st == NULL && mkdtemp(dbdir) == NULL)
		abort();
	store_close(&st);
	snprintf(path, sizeof path, "%s/cache.db", dbdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/cache.db-wal", dbdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/cache.db-shm", dbdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/cache.db", dbdir);
	if ((st = store_open(path, 0, &err)) == NULL) {
		fprintf(stderr, "fuzz_comments: %s\n", err);
		abort();
	}
}

static void
check_reason(long status, const char *body)
{
	char *r = comments_http_reason(status, NULL, body), pre[32];
	int n = snprintf(pre, sizeof pre, "HTTP %ld", status);

	fuzz_check_clean(r, false, "comments_http_reason");
	if (strncmp(r, pre, (size_t)n) != 0)
		fuzz_fail("reason \"%s\" does not start with \"%s\"", r, pre);
	if (strlen(r) > (size_t)n + 2 + 200)
		fuzz_fail("reason of %zu bytes", strlen(r));
	free(r);
	r = comments_http_reason(status, "Connection reset by peer", body);
	fuzz_check_clean(r, false, "comments_http_reason with an error");
	free(r);
}

static void
check_listing(const char *body)
{
	json_t *root = json_load_fetched(body, strlen(body), 0, NULL), *c;
	int64_t id = comments_wp_find(body, 42, "\xd8\xaa\xd8\xb9\xd9\x84\xd9\x8a\xd9\x82 comment",
	    NULL, 0);
	bool held = false;
	size_t i;

	if ((id == -1) != !json_is_array(root))
		fuzz_fail("comments_wp_find %lld for %s", (long long)id,
		    json_is_array(root) ? "an array" : "no array");
	if (id < -1)
		fuzz_fail("comments_wp_find %lld", (long long)id);
	if (id > 0) {
		json_array_foreach(root, i, c) {
			json_t *v = json_is_object(c) ? json_object_get(c, "id") : NULL;
			held |= json_is_integer(v) && json_integer_value(v) == id;
		}
		if (!held)
			fuzz_fail("comments_wp_find named id %lld, not in the listing", (long long)id);
	}
	json_decref(root);
	/* Any post, text and author name: the same answer shape. */
	id = comments_wp_find(body, 7, body, body, 1700000000);
	root = json_load_fetched(body, strlen(body), 0, NULL);
	if ((id == -1) != !json_is_array(root) || id < -1)
		fuzz_fail("comments_wp_find with hostile text: %lld", (long long)id);
	json_decref(root);
}

/* Our request body for a comment made of hostile text. */
static void
check_request(const char *text)
{
	char *j = comments_wp_json_reply(42, 7, text, text, "a@example.org");
	json_error_t e;
	char *html;
	json_t *root = json_loads(j, 0, &e), *v;

	if (root == NULL)
		fuzz_fail("request body is not JSON: %s\n%s", e.text, j);
	v = json_object_get(root, "post");
	if (!json_is_integer(v) || json_integer_value(v) != 42)
		fuzz_fail("request post id lost");
	v = json_object_get(root, "content");
	if (!json_is_string(v))
		fuzz_fail("request without content");
	/* Sent as HTML: the hostile text can open no tag, and stays clean. */
	if (strpbrk(json_string_value(v), "<>") != NULL)
		fuzz_fail("request content has a raw < or >: \"%s\"", json_string_value(v));
	fuzz_check_clean(json_string_value(v), true, "request content");
	v = json_object_get(root, "parent");
	if (!json_is_integer(v) || json_integer_value(v) != 7)
		fuzz_fail("request parent lost");
	v = json_object_get(root, "author_name");
	if (v != NULL)
		fuzz_check_clean(json_string_value(v), false, "request author_name");
	else if (*text != '\0')
		fuzz_fail("request without author_name");
	html = comments_text_to_html(text);
	fuzz_check_clean(html, true, "comments_text_to_html");
	free(html);
	json_decref(root);
	free(j);

	char *status = mastodon_status_text(text, "https://example.org/a?b=1", text);
	fuzz_touch(status);
	free(status);
}

static void
check_mastodon(long status, const char *body)
{
	struct comment_post_result r = { 0 };
	struct store_repost e = { 0 };
	int64_t id = 0;
	char *err = NULL, *msg = NULL;
	int rc;

	db_open();
	if (mastodon_queue(st, 1, "\xd8\xae\xd8\xa8\xd8\xb1 news\nhttps://example.org/a", 1700000000,
	    &id, &err) != 0)
		fuzz_fail("mastodon_queue: %s", err);
	r.outbox_id = id;
	r.item_id = 1;
	r.status = status;
	r.error = status >= 200 && status <= 299 ? NULL : (char *)"HTTP error";
	r.body = (char *)body;
	r.url = (char *)"https://mastodon.example/api/v1/statuses";
	r.final_url = r.url;
	rc = mastodon_apply(st, &r, 1700000100, &msg);
	if (rc < 0 || msg == NULL)
		fuzz_fail("mastodon_apply %d, msg %p", rc, (void *)msg);
	fuzz_check_clean(msg, false, "mastodon_apply message");
	if (store_repost_get(st, id, &e) != 1)
		fuzz_fail("repost %lld gone", (long long)id);
	fuzz_check_clean(e.error, false, "stored repost error");
	fuzz_check_clean(e.remote_url, false, "stored repost URL");
	if ((rc == 1) != (strcmp(e.state, "sent") == 0))
		fuzz_fail("mastodon_apply %d, state %s", rc, e.state);
	store_repost_clear(&e);
	free(msg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long status = size > 0 ? statuses[data[0] & 15] : 200;
	char *body = fuzz_strndup(size > 0 ? data + 1 : data, size > 0 ? size - 1 : 0);

	check_reason(status, body);
	check_listing(body);
	check_request(body);
	check_mastodon(status, body);
	free(body);
	return 0;
}
