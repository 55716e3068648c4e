/*
 * The sync job for urls-source greader (syncjob.h): the Google Reader API
 * chain, shaped as the Tiny Tiny RSS one in syncjob.c:
 *
 *   ClientLogin (skipped with the token of an earlier sync) -> subscription
 *   list -> [write token -> edit-tag per (state, add/remove)] -> the
 *   reading list's items crawled since the last sync (paged by
 *   continuation) -> the ids of unread and of starred items -> apply
 *
 * An answer 401 (the token expired) logs in again once and repeats the
 * request. The cursor is the server's own crawl time of the newest item
 * seen, so the two clocks never need to agree.
 */
#include "config.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/jobs.h"
#include "jobs/syncjob-int.h"
#include "store/store.h"
#include "store/sync.h"
#include "sync/greader.h"
#include "sync/sync.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define GR_MAX_BODY (64u << 20)

enum gstep {
	G_LOGIN,
	G_SUBS,
	G_TOKEN,
	G_SEND,
	G_NEW,
	G_UNREAD,
	G_STARRED,
};

struct grun {
	struct sync_base b;	/* first: the jobs' ud */
	char *base, *auth, *wtoken;
	enum gstep step, resume;
	char *cont;
};

static void
grun_unref(void *ud)
{
	struct grun *r = ud;

	if (r == NULL || --r->b.refs > 0)
		return;
	sync_base_clear(&r->b);
	free(r->base);
	sync_password_free(&r->auth);
	free(r->wtoken);
	free(r->cont);
	free(r);
}

static void
gfinish(struct fetch_job *job, struct grun *r, const char *error)
{
	sync_post_result(job, &r->b.res, error);
}

static void g_done(struct fetch_job *job, void *ud, const struct fetch_response *resp,
    const char *error);

static const struct fetch_job_ops g_ops = {
	.prepare = sync_on_prepare,
	.on_body_start = sync_on_body_start,
	.on_body = sync_on_body,
	.on_done = g_done,
	.free_ud = grun_unref,
};

/* An edit-tag body (sync_send_body_fn). */
static char *
edit_body(struct sync_base *b, const char *const *ids, size_t n, enum store_sync_field field,
    bool value)
{
	struct grun *r = (struct grun *)b;

	return greader_edit_body(ids, n, field == STORE_SYNC_READ ? GREADER_READ :
	    GREADER_STARRED, value, r->wtoken);
}

/* Submit the request of r->step; false when the step has none (G_SEND
 * with nothing left). */
static bool
gsubmit(struct fetcher *f, struct grun *r)
{
	static const char form[] = "Content-Type: application/x-www-form-urlencoded";
	const char *headers[3] = { NULL, NULL, NULL };
	struct fetch_request req = { .max_body = GR_MAX_BODY, .want_error_body = true };
	char *url = NULL, *body = NULL, *auth = NULL;

	switch (r->step) {
	case G_LOGIN:
		url = greader_url(r->base, "accounts/ClientLogin");
		body = greader_login_body(r->b.user, r->b.secret.pw);
		break;
	case G_SUBS:
		url = greader_url_subscriptions(r->base);
		break;
	case G_TOKEN:
		url = greader_url_token(r->base);
		break;
	case G_SEND:
		if ((body = sync_next_send(&r->b, edit_body)) == NULL)
			return false;
		url = greader_url_edit(r->base);
		break;
	case G_NEW:
		url = greader_url_contents(r->base, r->b.since, r->cont);
		break;
	case G_UNREAD:
		url = greader_url_ids(r->base, GREADER_READING_LIST, GREADER_READ, r->cont);
		break;
	case G_STARRED:
		url = greader_url_ids(r->base, GREADER_STARRED, NULL, r->cont);
		break;
	}
	if (body != NULL) {
		req.method = "POST";
		req.body = body;
		req.body_len = strlen(body);
		req.no_redirects = true;
		headers[0] = form;
	}
	if (r->step != G_LOGIN) {
		auth = greader_auth_header(r->auth != NULL ? r->auth : "");
		headers[body != NULL ? 1 : 0] = auth;
	}
	req.url = url;
	req.headers = headers;
	r->b.refs++;
	r->b.res->requests++;
	buf_reset(&r->b.body);
	fetcher_submit(f, &req, &g_ops, r);
	free(url);
	sync_password_free(&body);
	sync_password_free(&auth);
	return true;
}

/* Go to step from its start; a step with nothing to do moves on. */
static void
ggo(struct fetch_job *job, struct grun *r, enum gstep step)
{
	r->step = step;
	xfree(&r->cont);
	if (step == G_SEND)
		r->b.group = 0;
	if (step == G_TOKEN && r->b.nchanges == 0)
		r->step = G_NEW;
	if (!gsubmit(fetch_job_fetcher(job), r)) {
		r->step = G_NEW;
		gsubmit(fetch_job_fetcher(job), r);
	}
}

/* 1: r->step (maybe a later page of it) is submitted next; 0: done; -1. */
static int
gadvance(struct grun *r, char **err)
{
	const char *b = buf_str(&r->b.body);
	size_t len = r->b.body.len;
	struct sync_item_list page = { 0 };
	char *cont = NULL;

	switch (r->step) {
	case G_LOGIN:
		sync_password_free(&r->auth);
		if ((r->auth = greader_parse_login(b, len, err)) == NULL)
			return -1;
		sync_session_put(r->b.session, r->b.account, r->auth);
		r->step = r->resume != G_LOGIN ? r->resume : G_SUBS;
		return 1;
	case G_SUBS:
		if (greader_parse_subscriptions(b, len, &r->b.feeds, err) != 0 ||
		    sync_store_feeds(&r->b, err) != 0)
			return -1;
		r->step = r->b.nchanges > 0 ? G_TOKEN : G_NEW;
		r->b.group = 0;
		return 1;
	case G_TOKEN:
		free(r->wtoken);
		r->wtoken = xstrndup(b, strcspn(b, "\r\n"));
		r->step = G_SEND;
		r->b.group = 0;
		return 1;
	case G_SEND:
		if (sync_ack_group(&r->b, err) != 0)
			return -1;
		r->b.group++;
		return 1;
	case G_NEW:
		if (greader_parse_contents(b, len, &page, &cont, err) != 0)
			return -1;
		if (sync_store_page(&r->b, &page, true, err) != 0) {
			sync_item_list_clear(&page);
			free(cont);
			return -1;
		}
		sync_item_list_clear(&page);
		break;
	case G_UNREAD:
		if (greader_parse_ids(b, len, &r->b.unread, &r->b.nunread, &cont, err) != 0)
			return -1;
		break;
	case G_STARRED:
		if (greader_parse_ids(b, len, &r->b.starred, &r->b.nstarred, &cont, err) != 0)
			return -1;
		break;
	}
	free(r->cont);
	r->cont = cont;
	if (cont != NULL)
		return 1;	/* the next page */
	if (r->step == G_STARRED)
		return sync_apply_ids(&r->b, err) == 0 ? 0 : -1;
	r->step = r->step == G_NEW ? G_UNREAD : G_STARRED;
	return 1;
}

static void
g_done(struct fetch_job *job, void *ud, const struct fetch_response *resp, const char *error)
{
	struct grun *r = ud;
	char *err = NULL;
	int next;

	if (error != NULL && fetch_job_stopping(job))
		return;
	if (error != NULL && (resp->status == 401 || resp->status == 403)) {
		if (r->step == G_LOGIN) {
			gfinish(job, r, "login refused: wrong user name or password");
			return;
		}
		if (!r->b.relogged) {
			/* The token expired (or the remembered one is gone): once. */
			if (!sync_relogin(job, &r->b))
				return;
			r->resume = r->step;
			r->step = G_LOGIN;
			gsubmit(fetch_job_fetcher(job), r);
			return;
		}
		gfinish(job, r, "the server refused the new login's token (HTTP 401)");
		return;
	}
	if (error != NULL) {
		char *why = resp->status > 0 ?
		    xasprintf("the Google Reader API server answered %s", error) :
		    xasprintf("cannot reach the Google Reader API server: %s", error);
		gfinish(job, r, why);
		free(why);
		return;
	}
	next = gadvance(r, &err);
	if (next < 0) {
		gfinish(job, r, err);
		free(err);
		return;
	}
	if (next == 0) {
		gfinish(job, r, NULL);
		return;
	}
	if (r->step == G_SEND && !gsubmit(fetch_job_fetcher(job), r)) {
		ggo(job, r, G_NEW);	/* every group of changes is sent */
		return;
	}
	if (r->step != G_SEND)
		gsubmit(fetch_job_fetcher(job), r);
}

void
greader_job_submit(struct fetcher *f, struct store *s, const struct config *c,
    struct sync_session *session)
{
	struct grun *r = xcalloc(1, sizeof *r);
	char *err = NULL;

	sync_base_init(&r->b, s, session, "greader", GR_MAX_BODY);
	r->b.prefix = "greader:";
	r->base = xstrdup(c->greader_url != NULL ? c->greader_url : "");
	r->b.user = xstrdup(c->greader_login != NULL ? c->greader_login : "");
	r->b.account = xasprintf("greader\n%s\n%s", r->base, r->b.user);
	r->b.cursor_key = xasprintf("sync:greader:%s:%s:since", r->base, r->b.user);
	if (!sync_url_safe_for_password(r->base))
		r->b.error = xasprintf("refusing to send the password to %s: not https", r->base);
	sync_secret_init(&r->b.secret, c->greader_password_file, c->greader_password_command);
	r->auth = sync_session_get(session, r->b.account);
	if (r->auth == NULL && r->b.error == NULL && sync_secret_get(&r->b.secret, &err) != 0)
		r->b.error = err;
	r->step = r->auth != NULL ? G_SUBS : G_LOGIN;
	gsubmit(f, r);
}
