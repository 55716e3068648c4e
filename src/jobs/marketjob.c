/*
 * Market jobs (jobs/marketjob.h). One refresh is a struct refresh shared
 * by the source's job and its holders follow-ups:
 *
 *   main job done --parse ok--> follow-ups (one per token, GeckoTerminal)
 *                 \                 \--each done: set the token's holders
 *                  \--------------------> finish: post the parsed list
 *
 * finish runs once, when the main job and every follow-up have ended; the
 * refresh is freed when the last job holding it is freed. Everything runs on
 * the fetch thread, so no locking. When the fetcher stops mid-refresh the
 * jobs end as cancelled and nothing is posted. Storing is the receiver's
 * (market_job_apply(), on its own connection): a refresh holds no lock.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jobs/jobs.h"
#include "jobs/marketjob.h"
#include "store/tickers.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* DexScreener lists at most 30 tokens a request: so many lookups at most. */
#define MAX_HOLDER_LOOKUPS 30
/* Backoff after a 429/503 without Retry-After, in intervals. */
#define BACKOFF_INTERVALS 2

struct refresh {
	struct market_src *src;	/* own copy */
	unsigned refs;		/* jobs that hold this */
	unsigned pending;	/* jobs still running (main + follow-ups) */
	bool cancelled;
	char *error;		/* set: the refresh failed */
	time_t retry_after;
	struct market_list *next;	/* parsed, not merged yet */
	struct buf body;
	char *holders_error;	/* first failed lookup */
	size_t holders_failed, holders_ok;
};

/* One GeckoTerminal lookup. */
struct lookup {
	struct refresh *r;
	char *id;
	struct buf body;
};

static void
refresh_unref(struct refresh *r)
{
	if (r == NULL || --r->refs > 0)
		return;
	market_src_free(&r->src);
	free(r->error);
	market_list_free(&r->next);
	buf_free(&r->body);
	free(r->holders_error);
	free(r);
}

static void
result_free(void *p)
{
	struct market_job_result *res = p;

	free(res->source);
	free(res->error);
	free(res->warning);
	market_list_free(&res->list);
	free(res);
}

const struct market_job_result *
market_job_result(const struct fetch_event *ev)
{
	if (ev->type != FETCH_EV_JOB || ev->tag != MARKET_JOB_TAG || ev->data == NULL)
		return NULL;
	return ev->data;
}

/* "first reason (and N more)" from the parse reasons and failed lookups. */
static char *
warning_of(const struct refresh *r, const struct market_list *l)
{
	size_t more;
	const char *first;

	if (l->nreasons > 0) {
		first = l->reasons[0];
		more = l->nreasons - 1 + r->holders_failed;
	} else if (r->holders_error != NULL) {
		first = r->holders_error;
		more = r->holders_failed - 1;
	} else
		return NULL;
	return more > 0 ? xasprintf("%s (and %zu more)", first, more) : xstrdup(first);
}

static void
post(struct fetch_job *job, struct refresh *r, struct market_job_result *res)
{
	struct fetch_event ev = {
		.type = FETCH_EV_JOB, .tag = MARKET_JOB_TAG,
		.url = xstrdup(r->src->name),
		.message = xstrdup_null(res->error),
		.data = res, .data_free = result_free,
	};

	res->source = xstrdup(r->src->name);
	res->kind = r->src->kind;
	fetch_job_post(job, &ev);
}

/* Tell the caller what came; job is any job of the refresh. */
static void
finish(struct fetch_job *job, struct refresh *r)
{
	struct market_job_result *res = xcalloc(1, sizeof *res);

	if (r->error == NULL) {
		res->ok = true;
		res->holders = r->holders_ok;
		res->warning = warning_of(r, r->next);
		res->list = r->next;
		r->next = NULL;
	} else {
		res->error = xstrdup(r->error);
		res->retry_after = r->retry_after;
	}
	post(job, r, res);
}

static void
job_ended(struct fetch_job *job, struct refresh *r)
{
	if (--r->pending == 0 && !r->cancelled)
		finish(job, r);
}

/* ---- Holders follow-ups ---- */

static int
lookup_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	struct lookup *k = ud;

	(void)job;
	buf_append(&k->body, data, len);
	return 0;
}

static void
lookup_done(struct fetch_job *job, void *ud, const struct fetch_response *resp,
    const char *error)
{
	struct lookup *k = ud;
	struct refresh *r = k->r;
	char *cause = NULL;
	double count;

	(void)resp;
	if (error != NULL && fetch_job_stopping(job))
		r->cancelled = true;
	else if (error != NULL)
		cause = xasprintf("geckoterminal: %s: %s", k->id, error);
	else if (market_parse_holders(k->body.data != NULL ? k->body.data : "", k->body.len,
	    0, &count, &cause) == 0) {
		if (market_list_set_holders(r->next, k->id, count))
			r->holders_ok++;
		else
			cause = xasprintf("geckoterminal: %s: holders rejected", k->id);
	} else {
		char *why = xasprintf("%s (%s)", cause, k->id);
		free(cause);
		cause = why;
	}
	if (cause != NULL) {
		r->holders_failed++;
		if (r->holders_error == NULL)
			r->holders_error = cause;
		else
			free(cause);
	}
	job_ended(job, r);
}

static void
lookup_free(void *ud)
{
	struct lookup *k = ud;

	refresh_unref(k->r);
	free(k->id);
	buf_free(&k->body);
	free(k);
}

static const struct fetch_job_ops lookup_ops = {
	.on_body = lookup_body,
	.on_done = lookup_done,
	.free_ud = lookup_free,
};

/* Queue one lookup per token that has a chain; returns how many. */
static unsigned
submit_lookups(struct fetch_job *job, struct refresh *r)
{
	unsigned n = 0;

	for (size_t i = 0; i < r->next->n && n < MAX_HOLDER_LOOKUPS; i++) {
		const struct market_ticker *t = &r->next->items[i];
		const char *network = r->src->network != NULL ? r->src->network :
		    t->chain != NULL ? market_geckoterminal_network(t->chain) : NULL;
		struct market_source q = { .kind = MARKET_GECKOTERMINAL,
		    .base_url = r->src->holders_base, .chain = network, .addresses = t->id };
		struct fetch_request req = { .max_body = MARKET_DEFAULT_MAX_BODY };
		char *url = NULL, *header = NULL, *cause = NULL;
		struct lookup *k;

		if (network == NULL || market_request(&q, &url, &header, &cause) == -1) {
			r->holders_failed++;
			if (r->holders_error == NULL)
				r->holders_error = cause != NULL ? cause :
				    xasprintf("geckoterminal: %s: no network", t->id);
			else
				free(cause);
			continue;
		}
		k = xcalloc(1, sizeof *k);
		k->r = r;
		k->id = xstrdup(t->id);
		buf_init(&k->body, 0);
		r->refs++;
		r->pending++;
		req.url = url;
		fetcher_submit(fetch_job_fetcher(job), &req, &lookup_ops, k);
		free(url);
		free(header);
		n++;
	}
	return n;
}

/* ---- The source's job ---- */

static enum fetch_prepare_result
refresh_prepare(struct fetch_job *job, void *ud)
{
	struct refresh *r = ud;

	/* market_request() failed at submission: report it, fetch nothing. */
	if (r->error != NULL) {
		r->pending = 0;
		finish(job, r);
		return FETCH_SKIP;
	}
	return FETCH_GO;
}

static int
refresh_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	struct refresh *r = ud;

	(void)job;
	buf_append(&r->body, data, len);
	return 0;
}

static void
refresh_done(struct fetch_job *job, void *ud, const struct fetch_response *resp,
    const char *error)
{
	struct refresh *r = ud;
	time_t now = time(NULL);
	char *cause = NULL;

	if (error != NULL && fetch_job_stopping(job)) {
		r->cancelled = true;
		job_ended(job, r);
		return;
	}
	if (error != NULL) {
		r->error = xstrdup(error);
		if (resp->status == 429 || resp->status == 503) {
			/* RFC 9110 10.2.3; without the header we still back off. */
			r->retry_after = resp->retry_after > now ? resp->retry_after :
			    now + (time_t)r->src->interval * BACKOFF_INTERVALS;
			if (r->retry_after > now + MARKET_RETRY_MAX)
				r->retry_after = now + MARKET_RETRY_MAX;
		}
	} else if ((r->next = market_parse(r->src->kind, r->body.data != NULL ? r->body.data :
	    "", r->body.len, MARKET_DEFAULT_MAX_BODY, &cause)) == NULL) {
		r->error = cause;
	} else if (r->src->keep != NULL) {
		size_t had = r->next->n;
		market_list_keep(r->next, r->src->keep);
		if (had > 0 && r->next->n == 0)
			r->error = xasprintf("%s: none of the symbols %s found",
			    market_kind_name(r->src->kind), r->src->keep);
	}
	buf_free(&r->body);
	if (r->error == NULL && r->src->want_holders && r->src->kind == MARKET_DEXSCREENER &&
	    fetch_job_fetcher(job) != NULL)
		submit_lookups(job, r);
	job_ended(job, r);
}

static void
refresh_free(void *ud)
{
	refresh_unref(ud);
}

static const struct fetch_job_ops refresh_ops = {
	.prepare = refresh_prepare,
	.on_body = refresh_body,
	.on_done = refresh_done,
	.free_ud = refresh_free,
};

void
market_job_submit(struct fetcher *f, const struct market_src *src)
{
	struct refresh *r = xcalloc(1, sizeof *r);
	struct market_source q;
	char *url = NULL, *header = NULL, *cause = NULL;
	const char *headers[2] = { NULL, NULL };
	struct fetch_request req = {
		.allow_file = src->kind == MARKET_GENERIC,
		.max_body = MARKET_DEFAULT_MAX_BODY,
		.headers = headers,
	};

	r->src = market_src_copy(src);
	r->refs = 1;
	r->pending = 1;
	buf_init(&r->body, 0);
	market_src_request(r->src, &q);
	if (market_request(&q, &url, &header, &cause) == -1) {
		r->error = cause;
		req.url = "about:blank";	/* never fetched: prepare skips */
	} else {
		req.url = url;
		headers[0] = header;
	}
	fetcher_submit(f, &req, &refresh_ops, r);
	free(url);
	free(header);
}

int
market_job_apply(struct store *s, struct market_job_result *res, time_t now)
{
	struct market_list *prev = NULL, *merged = NULL;
	struct store_ticker_status st;
	int rc = 0;

	if (res->ok) {
		if (store_tickers_load(s, res->source, &prev, NULL) == -1 ||
		    (merged = market_merge(prev, res->list, res->kind),
		    store_tickers_save(s, res->source, merged, now) == -1)) {
			res->ok = false;
			res->error = xasprintf("cache: %s", store_errmsg(s));
			rc = -1;
		} else
			res->count = merged->n;
		market_list_free(&prev);
		market_list_free(&merged);
	}
	/* A failure to record the failure changes nothing the user sees. */
	if (!res->ok)
		store_tickers_failed(s, res->source, res->error, now, res->retry_after);
	if (store_tickers_status(s, res->source, &st) == 0) {
		res->count = st.count;
		store_ticker_status_clear(&st);
	}
	return rc;
}

int
market_sources_restore(struct market_sources *l, struct store *s, time_t now)
{
	for (size_t i = 0; i < l->n; i++) {
		struct store_ticker_status st;

		if (store_tickers_status(s, l->v[i].name, &st) == -1)
			return -1;
		market_schedule_restore(l, i, now, st.last_attempt, st.retry_after);
		store_ticker_status_clear(&st);
	}
	return 0;
}
