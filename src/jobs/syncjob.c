/*
 * Sync jobs (syncjob.h). One sync is a struct run shared by the chain of
 * requests; each request's on_done reads its answer, stores what it says
 * and submits the next, until finish() posts the result. The run is freed
 * when the last job holding it is freed (refs), so a fetcher that stops
 * mid-chain frees it too, and nothing is posted then.
 *
 * The protocol itself (bodies, answers) is src/sync's; here are the order
 * of the steps and the paging. What this chain does as greaderjob.c's does
 * (the run's common state, the send groups, the store) is syncjob-store.c.
 */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "config/lex.h"
#include "config/urls.h"
#include "jobs/jobs.h"
#include "jobs/syncjob-int.h"
#include "store/store.h"
#include "store/sync.h"
#include "sync/sync.h"
#include "sync/ttrss.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Answers are JSON lists of at most a page of articles with content. */
#define SYNC_MAX_BODY (64u << 20)

struct sync_session {
	pthread_mutex_t mu;	/* the caller's thread reads, the fetch thread writes */
	char *sid;		/* the last login's session, or NULL */
	char *account;		/* whose: "url\nlogin" */
};

struct sync_session *
sync_session_new(void)
{
	struct sync_session *ss = xcalloc(1, sizeof *ss);

	pthread_mutex_init(&ss->mu, NULL);
	return ss;
}

void
sync_session_free(struct sync_session **sp)
{
	struct sync_session *ss = *sp;

	if (ss == NULL)
		return;
	pthread_mutex_destroy(&ss->mu);
	sync_password_free(&ss->sid);
	free(ss->account);
	free(ss);
	*sp = NULL;
}

/* In this order; the changes made here go before the server's state is
 * read, so an item changed on both sides keeps this machine's value. */
enum step {
	STEP_LOGIN,
	STEP_CATEGORIES,
	STEP_FEEDS,
	STEP_SEND,
	STEP_NEW,
	STEP_UNREAD,
	STEP_STARRED,
};

struct run {
	struct sync_base b;		/* first: the jobs' ud */
	char *api;
	char *sid;
	enum step step, resume;		/* resume: the step a re-login repeats */
	json_t *categories;
	size_t skip;
};

void
sync_result_free(void *p)
{
	struct sync_job_result *r = p;

	free(r->source);
	free(r->error);
	free(r);
}

static void
run_unref(void *ud)
{
	struct run *r = ud;

	if (r == NULL || --r->b.refs > 0)
		return;
	sync_base_clear(&r->b);
	free(r->api);
	free(r->sid);
	json_decref(r->categories);
	free(r);
}

const struct sync_job_result *
sync_job_result(const struct fetch_event *ev)
{
	if (ev->type != FETCH_EV_JOB || ev->tag != JOB_SYNC || ev->data == NULL)
		return NULL;
	return ev->data;
}

void
sync_post_result(struct fetch_job *job, struct sync_job_result **res, const char *error)
{
	struct fetch_event ev = { .type = FETCH_EV_JOB, .tag = JOB_SYNC };
	struct sync_job_result *r = *res;

	r->ok = error == NULL;
	if (error != NULL)
		r->error = xstrdup(error);
	ev.url = xstrdup(r->source);
	ev.message = xstrdup_null(error);
	ev.data = r;
	ev.data_free = sync_result_free;
	*res = NULL;
	fetch_job_post(job, &ev);
}

static void
finish(struct fetch_job *job, struct run *r, const char *error)
{
	sync_post_result(job, &r->b.res, error);
}

char *
sync_tag_of(const char *category)
{
	char *tag;

	if (category == NULL)
		return NULL;
	tag = xstrdup(category);
	for (char *p = tag; *p != '\0'; p++)
		if (*p == ' ' || *p == '\t')
			*p = '_';
	return tag;
}

char *
sync_session_get(struct sync_session *ss, const char *account)
{
	char *t = NULL;

	pthread_mutex_lock(&ss->mu);
	if (ss->sid != NULL && ss->account != NULL && strcmp(ss->account, account) == 0)
		t = xstrdup(ss->sid);
	pthread_mutex_unlock(&ss->mu);
	return t;
}

void
sync_session_put(struct sync_session *ss, const char *account, const char *token)
{
	pthread_mutex_lock(&ss->mu);
	sync_password_free(&ss->sid);
	free(ss->account);
	ss->sid = xstrdup_null(token);
	ss->account = xstrdup(account);
	pthread_mutex_unlock(&ss->mu);
}

static void run_done(struct fetch_job *job, void *ud, const struct fetch_response *resp,
    const char *error);

static const struct fetch_job_ops run_ops = {
	.prepare = sync_on_prepare,
	.on_body_start = sync_on_body_start,
	.on_body = sync_on_body,
	.on_done = run_done,
	.free_ud = run_unref,
};

/* Submit the request of r->step with body (consumed; wiped: a login body
 * holds the password). */
static void
submit(struct fetcher *f, struct run *r, char *body)
{
	static const char *const headers[] = { "Content-Type: application/json", NULL };
	struct fetch_request req = {
		.url = r->api, .method = "POST", .headers = headers,
		.body = body, .body_len = strlen(body), .max_body = SYNC_MAX_BODY,
		.no_redirects = true,
	};

	r->b.refs++;
	r->b.res->requests++;
	buf_reset(&r->b.body);
	fetcher_submit(f, &req, &run_ops, r);
	sync_password_free(&body);
}

/* An updateArticle body (sync_send_body_fn); NULL when no id is one of
 * this server's. */
static char *
update_body(struct sync_base *b, const char *const *remote, size_t nremote,
    enum store_sync_field field, bool value)
{
	struct run *r = (struct run *)b;
	int64_t *ids = xcalloc(nremote + 1, sizeof *ids);
	size_t n = 0;
	char *body = NULL;

	for (size_t i = 0; i < nremote; i++) {
		int64_t id = ttrss_id_number(remote[i]);
		if (id > 0)
			ids[n++] = id;
	}
	/* Read is the server's unread field, turned around. */
	if (n > 0)
		body = field == STORE_SYNC_READ ?
		    ttrss_req_update(r->sid, ids, n, TTRSS_FIELD_UNREAD, !value) :
		    ttrss_req_update(r->sid, ids, n, TTRSS_FIELD_STARRED, value);
	free(ids);
	return body;
}

/* The request of r->step (with its paging). */
static char *
request_of(struct run *r)
{
	switch (r->step) {
	case STEP_LOGIN:
		return ttrss_req_login(r->b.user, r->b.secret.pw);
	case STEP_SEND:
		return sync_next_send(&r->b, update_body);
	case STEP_CATEGORIES:
		return ttrss_req_simple("getCategories", r->sid);
	case STEP_FEEDS:
		return ttrss_req_feeds(r->sid);
	case STEP_NEW:
		return ttrss_req_headlines(r->sid, TTRSS_FEED_ALL, r->b.since, r->skip, true,
		    false);
	case STEP_UNREAD:
		return ttrss_req_headlines(r->sid, TTRSS_FEED_ALL, 0, r->skip, false, true);
	case STEP_STARRED:
		return ttrss_req_headlines(r->sid, TTRSS_FEED_STARRED, 0, r->skip, false, false);
	}
	return NULL;
}

/* Go to step (from its first page) and submit it; a step with nothing to
 * send moves on. */
static void
go(struct fetch_job *job, struct run *r, enum step step)
{
	char *body;

	r->step = step;
	r->skip = 0;
	if (step == STEP_SEND)
		r->b.group = 0;
	while ((body = request_of(r)) == NULL && r->step == STEP_SEND)
		r->step = STEP_NEW;
	submit(fetch_job_fetcher(job), r, body);
}

static void
collect_ids(const struct sync_item_list *l, char ***v, size_t *n)
{
	*v = xreallocarray(*v, *n + l->n + 1, sizeof **v);
	for (size_t i = 0; i < l->n; i++)
		(*v)[(*n)++] = xstrdup(l->v[i].id);
}

static void
remember_session(struct run *r)
{
	sync_session_put(r->b.session, r->b.account, r->sid);
}

/*
 * What the answer to r->step says: the next step to submit (r->step
 * changed, 1), or the sync is over (0: done, -1: *err).
 */
static int
advance(struct run *r, json_t *content, char **err)
{
	struct sync_item_list page = { 0 };
	int64_t max = 0;
	size_t got;

	switch (r->step) {
	case STEP_LOGIN:
		free(r->sid);
		if (ttrss_parse_login(content, &r->sid, err) != 0)
			return -1;
		remember_session(r);
		if (r->resume != STEP_LOGIN) {
			r->step = r->resume;	/* the same page again */
			return 2;
		}
		r->step = STEP_CATEGORIES;
		return 1;
	case STEP_SEND:
		if (sync_ack_group(&r->b, err) != 0)
			return -1;
		r->b.group++;
		return 3;
	case STEP_CATEGORIES:
		r->categories = json_incref(content);
		r->step = STEP_FEEDS;
		return 1;
	case STEP_FEEDS:
		if (ttrss_parse_feeds(r->categories, content, &r->b.feeds, err) != 0 ||
		    sync_store_feeds(&r->b, err) != 0)
			return -1;
		r->step = STEP_SEND;
		return 1;
	case STEP_NEW:
		max = r->b.top;
		if (ttrss_parse_headlines(content, &page, &max, err) != 0)
			return -1;
		got = json_array_size(content);
		r->b.top = max;
		if (sync_store_page(&r->b, &page, false, err) != 0) {
			sync_item_list_clear(&page);
			return -1;
		}
		sync_item_list_clear(&page);
		if (got >= TTRSS_PAGE) {
			r->skip += got;
			return 2;
		}
		r->step = STEP_UNREAD;
		return 1;
	case STEP_UNREAD:
	case STEP_STARRED:
		if (ttrss_parse_headlines(content, &page, &max, err) != 0)
			return -1;
		got = json_array_size(content);
		if (r->step == STEP_UNREAD)
			collect_ids(&page, &r->b.unread, &r->b.nunread);
		else
			collect_ids(&page, &r->b.starred, &r->b.nstarred);
		sync_item_list_clear(&page);
		if (got >= TTRSS_PAGE) {
			r->skip += got;
			return 2;
		}
		if (r->step == STEP_UNREAD) {
			r->step = STEP_STARRED;
			return 1;
		}
		return sync_apply_ids(&r->b, err) == 0 ? 0 : -1;
	}
	return -1;
}

static void
run_done(struct fetch_job *job, void *ud, const struct fetch_response *resp, const char *error)
{
	struct run *r = ud;
	json_t *content = NULL;
	enum ttrss_status st;
	char *err = NULL, *why, *body;
	int next;

	if (error != NULL) {
		if (fetch_job_stopping(job))
			return;
		/* A redirect of the API is a wrong address (or a login page). */
		if (resp->status >= 300 && resp->status < 400)
			why = xasprintf("the server redirects the API to %s: check ttrss-url",
			    resp->location != NULL ? resp->location : "elsewhere");
		else
			why = xasprintf("cannot reach the Tiny Tiny RSS server: %s", error);
		finish(job, r, why);
		free(why);
		return;
	}
	st = ttrss_parse(buf_str(&r->b.body), r->b.body.len, &content, &err);
	if (st == TTRSS_NOT_LOGGED_IN && r->step != STEP_LOGIN && !r->b.relogged) {
		/* The session expired (or the remembered one is gone): once. */
		free(err);
		if (!sync_relogin(job, &r->b))
			return;
		r->resume = r->step;
		r->step = STEP_LOGIN;
		submit(fetch_job_fetcher(job), r, request_of(r));
		return;
	}
	if (st != TTRSS_OK) {
		finish(job, r, err);
		free(err);
		return;
	}
	next = advance(r, content, &err);
	json_decref(content);
	if (next < 0) {
		finish(job, r, err);
		free(err);
		return;
	}
	if (next == 0) {
		finish(job, r, NULL);
		return;
	}
	if (next == 1) {	/* a new step from its start */
		go(job, r, r->step);
		return;
	}
	/* 2: the step's next page (or its page again after a login); 3: the
	 * next group of changes to send. */
	if ((body = request_of(r)) == NULL) {
		go(job, r, STEP_NEW);	/* every group of changes is sent */
		return;
	}
	submit(fetch_job_fetcher(job), r, body);
}

/* JSON strings are UTF-8 (jansson refuses anything else). */
static bool
utf8_ok(const char *s)
{
	json_t *j = json_string(s);

	json_decref(j);
	return j != NULL;
}

static size_t
share_len(char *const *v)
{
	size_t n = 0;

	while (v[n] != NULL)
		n++;
	return n;
}

void
sync_secret_init(struct sync_secret *sec, const char *file, char *const *cmd)
{
	sec->file = xstrdup_null(file);
	sec->cmd = cmd != NULL ? lex_argv_copy(cmd, share_len(cmd)) : NULL;
	sec->pw = NULL;
}

int
sync_secret_get(struct sync_secret *sec, char **err)
{
	char *why = NULL;

	*err = NULL;
	if (sec->pw != NULL)
		return 0;
	if (sync_read_password(sec->file, sec->cmd, &sec->pw, &why) != 0) {
		*err = xasprintf("cannot read the password: %s", why);
		free(why);
		return -1;
	}
	if (!utf8_ok(sec->pw)) {
		sync_password_free(&sec->pw);
		*err = xstrdup("the password is not valid UTF-8");
		return -1;
	}
	return 0;
}

void
sync_secret_clear(struct sync_secret *sec)
{
	free(sec->file);
	lex_argv_free(&sec->cmd);
	sync_password_free(&sec->pw);
}

void
sync_job_submit(struct fetcher *f, struct store *s, const struct config *c,
    struct sync_session *session)
{
	struct run *r;
	char *err = NULL;

	if (c->urls_source == CONFIG_URLS_GREADER) {
		greader_job_submit(f, s, c, session);
		return;
	}
	r = xcalloc(1, sizeof *r);
	sync_base_init(&r->b, s, session, "ttrss", SYNC_MAX_BODY);
	r->b.prefix = "ttrss:";
	r->api = ttrss_api_url(c->ttrss_url != NULL ? c->ttrss_url : "");
	r->b.user = xstrdup(c->ttrss_login != NULL ? c->ttrss_login : "");
	r->b.account = xasprintf("%s\n%s", r->api, r->b.user);
	r->b.cursor_key = xasprintf("sync:ttrss:%s:%s:since", r->api, r->b.user);
	if (c->urls_source != CONFIG_URLS_TTRSS)
		r->b.error = xstrdup("urls-source is not a feed server");
	else if (!sync_url_safe_for_password(r->api))
		r->b.error = xasprintf("refusing to send the password to %s: not https", r->api);
	else if (!utf8_ok(r->b.user))
		r->b.error = xstrdup("the login is not valid UTF-8");
	sync_secret_init(&r->b.secret, c->ttrss_password_file, c->ttrss_password_command);
	/* A session of the same account from an earlier sync skips the
	 * login; when it has expired, run_done logs in again once. */
	r->sid = sync_session_get(session, r->b.account);
	if (r->sid == NULL && r->b.error == NULL && sync_secret_get(&r->b.secret, &err) != 0)
		r->b.error = err;
	r->step = r->sid != NULL ? STEP_CATEGORIES : STEP_LOGIN;
	submit(f, r, request_of(r));
}

const char *
sync_prefix(const struct config *c)
{
	switch (c->urls_source) {
	case CONFIG_URLS_TTRSS:
		return "ttrss:";
	case CONFIG_URLS_GREADER:
		return "greader:";
	}
	return NULL;
}

int
sync_urls_from_store(struct store *s, const struct config *c, struct urls_list *u)
{
	struct store_sync_feed_row *v;
	size_t n;

	if (sync_prefix(c) == NULL || store_sync_feed_rows(s, sync_prefix(c), &v, &n) != 0)
		return -1;
	for (size_t i = 0; i < u->n; i++) {
		struct urls_entry *e = &u->v[i];
		free(e->url);
		free(e->title);
		for (size_t t = 0; t < e->ntags; t++)
			free(e->tags[t]);
		free(e->tags);
	}
	u->n = 0;
	for (size_t i = 0; i < n; i++) {
		char *tag = v[i].tags;
		const char *tags[1] = { tag };
		urls_list_add(u, v[i].url, tags, tag != NULL && *tag != '\0' ? 1 : 0, v[i].title, 0);
	}
	store_sync_feed_rows_free(&v, n);
	return 0;
}
