/*
 * Comment jobs (commentjob.h): a comment feed streamed into the feed
 * parser, whose items are the comments; and a comment POST, or the GET
 * that looks a comment up, whose answer is kept whole (it is small) for
 * src/comments to read.
 *
 * Both end in exactly one result: posted as an event by the fetch thread,
 * or handed back by the *_run_sync variants.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jobs/commentjob.h"
#include "jobs/feedsink.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* ---- Comment feeds ---- */

struct feed_ud {
	struct comment_feed_result *res;
	struct comment_feed_result **sync_out;	/* NULL: post an event */
	char *etag, *last_modified;	/* the request's validators */
	struct feed_body body;
	size_t alloc;
};

/* Free the comments' strings (not the array) and forget them. */
static void
result_drop_comments(struct comment_feed_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].remote_id);
		free(r->v[i].author);
		free(r->v[i].body);
		free(r->v[i].parent);
	}
	r->n = r->dropped = 0;
}

void
comment_feed_result_free(void *p)
{
	struct comment_feed_result *r = p;

	if (r == NULL)
		return;
	result_drop_comments(r);
	free(r->v);
	free(r->url);
	free(r->error);
	free(r->etag);
	free(r->last_modified);
	free(r);
}

static char *
clean(const char *s, int flags)
{
	return s != NULL ? utf8_sanitize(s, strlen(s), flags, NULL) : NULL;
}

/* WordPress's RSS 2.0 comment feed has no thr:in-reply-to: a reply's text
 * starts with a paragraph "In reply to <a href="URL#comment-N">NAME</a>."
 * (translated on other sites). That link is the parent; NULL if none. */
static char *
wp_reply_parent(const char *body)
{
	const char *end, *a, *q;

	while (body != NULL && (*body == ' ' || *body == '\n' || *body == '\t'))
		body++;
	if (body == NULL || strncmp(body, "<p>", 3) != 0 ||
	    (end = strstr(body, "</p>")) == NULL)
		return NULL;
	a = strstr(body, "<a href=\"");
	if (a == NULL || a > end)
		return NULL;
	a += 9;
	q = strchr(a, '"');
	if (q == NULL || q > end)
		return NULL;
	const char *h = memchr(a, '#', (size_t)(q - a));
	if (h == NULL || (size_t)(q - h) < 10 || strncmp(h, "#comment-", 9) != 0)
		return NULL;
	for (const char *d = h + 9; d < q; d++)
		if (*d < '0' || *d > '9')
			return NULL;
	return utf8_sanitize(a, (size_t)(q - a), 0, NULL);
}

static void
on_comment(const struct feed_item *it, void *p)
{
	struct feed_ud *u = p;
	struct comment_feed_result *r = u->res;
	const char *body = it->content != NULL ? it->content : it->summary;
	struct comment_copy *c;

	if (r->n >= COMMENT_FEED_MAX) {
		r->dropped++;
		return;
	}
	if (r->n == u->alloc) {
		u->alloc = u->alloc ? u->alloc * 2 : 32;
		r->v = xreallocarray(r->v, u->alloc, sizeof *r->v);
	}
	c = &r->v[r->n++];
	c->remote_id = clean(it->id, 0);
	c->parent = clean(it->in_reply_to, 0);
	if (c->parent == NULL)
		c->parent = wp_reply_parent(body);
	c->author = clean(it->author, 0);
	/* WordPress titles comments "By: NAME" and may omit dc:creator. */
	if (c->author == NULL && it->title != NULL && strncmp(it->title, "By: ", 4) == 0 &&
	    it->title[4] != '\0')
		c->author = clean(it->title + 4, 0);
	c->date = it->published != 0 ? it->published : it->updated;
	if (body == NULL)
		body = it->title != NULL ? it->title : "";
	c->body = clean(body, UTF8_KEEP_NEWLINES);
}

static const struct feed_sink comment_sink = { NULL, on_comment };

/* Post a job's result as an event to the UI thread (which then owns it). */
static void
post_result(struct fetch_job *job, int tag, const char *url, const char *error,
    void *res, void (*res_free)(void *))
{
	struct fetch_event ev = {
		.type = FETCH_EV_JOB, .tag = tag,
		.url = xstrdup(url), .message = xstrdup_null(error),
		.data = res, .data_free = res_free,
	};

	fetch_job_post(job, &ev);
}

static enum fetch_prepare_result
feed_prepare(struct fetch_job *job, void *p)
{
	struct feed_ud *u = p;
	char *h;

	if (u->etag != NULL) {
		h = xasprintf("If-None-Match: %s", u->etag);
		fetch_job_add_header(job, h);
		free(h);
	}
	if (u->last_modified != NULL) {
		h = xasprintf("If-Modified-Since: %s", u->last_modified);
		fetch_job_add_header(job, h);
		free(h);
	}
	return FETCH_GO;
}

static int
comments_body_start(struct fetch_job *job, void *p, const struct fetch_response *r)
{
	struct feed_ud *u = p;

	(void)job;
	return feed_body_start(&u->body, r);
}

static int
comments_body(struct fetch_job *job, void *p, const char *data, size_t len)
{
	struct feed_ud *u = p;

	return feed_body_push(&u->body, job, data, len);
}

static void
feed_done(struct fetch_job *job, void *p, const struct fetch_response *r, const char *error)
{
	struct feed_ud *u = p;
	struct comment_feed_result *res = u->res;

	u->res = NULL;
	if (error != NULL)
		res->error = xstrdup(error);
	else if (r->status == 304)
		res->not_modified = true;
	else {
		if ((res->error = feed_body_finish(&u->body, r)) == NULL) {
			res->etag = xstrdup_null(r->etag);
			res->last_modified = xstrdup_null(r->last_modified);
		}
	}
	if (res->error != NULL)
		result_drop_comments(res);	/* half a feed is not the feed */
	if (u->sync_out != NULL)
		*u->sync_out = res;
	else
		post_result(job, FETCH_TAG_COMMENT_FEED, res->url, res->error, res,
		    comment_feed_result_free);
}

static void
feed_free(void *p)
{
	struct feed_ud *u = p;

	comment_feed_result_free(u->res);	/* set only when on_done never ran */
	feed_body_clear(&u->body);
	free(u->etag);
	free(u->last_modified);
	free(u);
}

static const struct fetch_job_ops feed_ops = {
	.prepare = feed_prepare,
	.on_body_start = comments_body_start,
	.on_body = comments_body,
	.on_done = feed_done,
	.free_ud = feed_free,
};

static struct feed_ud *
feed_ud_new(int64_t item_id, const char *url, const char *etag, const char *last_modified)
{
	struct feed_ud *u = xcalloc(1, sizeof *u);

	u->res = xcalloc(1, sizeof *u->res);
	u->res->item_id = item_id;
	u->res->url = xstrdup(url);
	u->etag = xstrdup_null(etag);
	u->last_modified = xstrdup_null(last_modified);
	u->body.sink = &comment_sink;
	u->body.ud = u;
	return u;
}

/* Submit the job to f, or with f NULL run it now with options o and
 * return its result. */
static struct comment_feed_result *
feed_start(struct fetcher *f, const struct fetch_options *o, int64_t item_id,
    const char *url, bool allow_file, const char *etag, const char *last_modified)
{
	struct fetch_request req = {
		.url = url, .allow_file = allow_file, .max_body = COMMENT_FEED_MAX_BODY,
	};
	struct comment_feed_result *out = NULL;
	struct feed_ud *u = feed_ud_new(item_id, url, etag, last_modified);

	if (f != NULL)
		fetcher_submit(f, &req, &feed_ops, u);
	else {
		u->sync_out = &out;
		fetch_run_sync(o, &req, &feed_ops, u);
	}
	return out;
}

void
comment_feed_submit(struct fetcher *f, int64_t item_id, const char *url,
    bool allow_file, const char *etag, const char *last_modified)
{
	feed_start(f, NULL, item_id, url, allow_file, etag, last_modified);
}

struct comment_feed_result *
comment_feed_run_sync(const struct fetch_options *o, int64_t item_id, const char *url,
    bool allow_file, const char *etag, const char *last_modified)
{
	return feed_start(NULL, o, item_id, url, allow_file, etag, last_modified);
}

/* ---- Posting ---- */

struct post_ud {
	int tag;			/* FETCH_TAG_COMMENT_POST or _LOOKUP */
	struct comment_post_result *res;
	struct comment_post_result **sync_out;
	struct buf body;
};

void
comment_post_result_free(void *p)
{
	struct comment_post_result *r = p;

	if (r == NULL)
		return;
	free(r->error);
	free(r->body);
	free(r->url);
	free(r->final_url);
	free(r->location);
	free(r);
}

static int
post_body(struct fetch_job *job, void *p, const char *data, size_t len)
{
	struct post_ud *u = p;

	if (!buf_append(&u->body, data, len)) {
		fetch_job_fail(job, "answer too large");
		return -1;
	}
	return 0;
}

static void
post_done(struct fetch_job *job, void *p, const struct fetch_response *r, const char *error)
{
	struct post_ud *u = p;
	struct comment_post_result *res = u->res;

	u->res = NULL;
	res->status = r->status;
	res->error = xstrdup_null(error);
	res->body = buf_detach(&u->body);
	res->final_url = xstrdup_null(r->url);
	if (r->status >= 300 && r->status <= 399)
		res->location = xstrdup_null(r->location);
	if (r->retry_after > 0) {
		time_t d = r->retry_after - time(NULL);
		res->retry_delay = d > 0 ? (long)d : 1;
	}
	if (u->sync_out != NULL)
		*u->sync_out = res;
	else
		post_result(job, u->tag, res->url, res->error, res,
		    comment_post_result_free);
}

static void
post_free(void *p)
{
	struct post_ud *u = p;

	comment_post_result_free(u->res);
	buf_free(&u->body);
	free(u);
}

static const struct fetch_job_ops post_ops = {
	.on_body = post_body,
	.on_done = post_done,
	.free_ud = post_free,
};

/* Request headers: the caller's plus the JSON content type (with a body). */
static const char **
post_headers(const char *const *extra, bool body)
{
	size_t n = 0, k = 0;
	const char **h;

	while (extra != NULL && extra[n] != NULL)
		n++;
	h = xcalloc(n + 3, sizeof *h);
	if (body)
		h[k++] = "Content-Type: application/json; charset=utf-8";
	h[k++] = "Accept: application/json";
	for (size_t i = 0; i < n; i++)
		h[k++] = extra[i];
	return h;
}

static struct post_ud *
post_ud_new(int tag, int64_t outbox_id, int64_t item_id, const char *url)
{
	struct post_ud *u = xcalloc(1, sizeof *u);

	u->tag = tag;
	u->res = xcalloc(1, sizeof *u->res);
	u->res->outbox_id = outbox_id;
	u->res->item_id = item_id;
	u->res->url = xstrdup(url);
	buf_init(&u->body, COMMENT_POST_MAX_BODY);
	return u;
}

/* As feed_start(), for a POST of json, or with json NULL the lookup GET. */
static struct comment_post_result *
post_start_tag(int tag, struct fetcher *f, const struct fetch_options *o, int64_t outbox_id,
    int64_t item_id, const char *url, const char *const *headers, const char *json)
{
	const char **h = post_headers(headers, json != NULL);
	struct fetch_request req = {
		.url = url, .method = json != NULL ? "POST" : NULL, .headers = h, .body = json,
		.body_len = json != NULL ? strlen(json) : 0, .max_body = COMMENT_POST_MAX_BODY,
		.want_error_body = true, .no_redirects = true,
	};
	struct comment_post_result *out = NULL;
	struct post_ud *u = post_ud_new(tag, outbox_id, item_id, url);

	if (f != NULL)
		fetcher_submit(f, &req, &post_ops, u);
	else {
		u->sync_out = &out;
		fetch_run_sync(o, &req, &post_ops, u);
	}
	free(h);
	return out;
}

static struct comment_post_result *
post_start(struct fetcher *f, const struct fetch_options *o, int64_t outbox_id,
    int64_t item_id, const char *url, const char *const *headers, const char *json)
{
	return post_start_tag(json != NULL ? FETCH_TAG_COMMENT_POST : FETCH_TAG_COMMENT_LOOKUP,
	    f, o, outbox_id, item_id, url, headers, json);
}

void
repost_post_submit(struct fetcher *f, int64_t repost_id, const char *url,
    const char *const *headers, const char *json)
{
	post_start_tag(FETCH_TAG_REPOST, f, NULL, repost_id, 0, url, headers, json);
}

void
comment_post_submit(struct fetcher *f, int64_t outbox_id, int64_t item_id,
    const char *url, const char *const *headers, const char *json)
{
	post_start(f, NULL, outbox_id, item_id, url, headers, json);
}

struct comment_post_result *
comment_post_run_sync(const struct fetch_options *o, int64_t outbox_id, int64_t item_id,
    const char *url, const char *const *headers, const char *json)
{
	return post_start(NULL, o, outbox_id, item_id, url, headers, json);
}

void
comment_lookup_submit(struct fetcher *f, int64_t outbox_id, int64_t item_id,
    const char *url, const char *const *headers)
{
	post_start(f, NULL, outbox_id, item_id, url, headers, NULL);
}

struct comment_post_result *
comment_lookup_run_sync(const struct fetch_options *o, int64_t outbox_id, int64_t item_id,
    const char *url, const char *const *headers)
{
	return post_start(NULL, o, outbox_id, item_id, url, headers, NULL);
}
