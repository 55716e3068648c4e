/*
 * Feed jobs: conditional GET of one feed, its body parsed in the write
 * callback, its items stored in one transaction.
 *
 * Many feeds download at once but the fetch thread has one SQLite
 * connection, and a connection has one transaction. The feed writer hands
 * that transaction to one feed at a time:
 *  - while a feed downloads, its parsed items are kept as copies (small
 *    feeds, the usual case); once they pass STREAM_AFTER bytes and the
 *    transaction is free, the feed takes it, writes its copies and streams
 *    the rest straight into the store (big feeds stay out of memory);
 *  - a feed that finishes takes the free transaction, writes, records the
 *    fetch and commits; if another feed holds it, the finished one waits in
 *    line and is written the moment the holder ends.
 * A feed that fails (too large, parse error, cut off) rolls back, so none of
 * its items are committed; the failure and its reason are recorded alone.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fetch/fetch_int.h"
#include "store/store.h"
#include "util/xalloc.h"

#define STREAM_AFTER (1u << 20)

struct feed_writer {
	struct store *s;
	struct feed_job_data *holder;	/* the feed in the open transaction */
	struct feed_job_data *waiters, **waiters_tail;
};

/* An item kept until the feed may write: feed_item with owned strings. */
struct item_copy {
	struct feed_item it;
	char **cats;
	struct feed_enclosure *encs;
};

struct feed_job_data {
	struct fetcher *f;
	struct feed_writer *w;	/* NULL when the fetcher has no store */
	struct feed_job_data *next;	/* in the writer's waiting line */
	char *url;
	int64_t feed_id;
	bool new_row;		/* feed_id was created in the open transaction */
	char *old_etag, *old_lm;
	struct feed_parser *parser;

	bool have_meta;
	enum feed_format format;
	char *title, *link, *description, *language;

	struct item_copy *pending;
	size_t npending, apending, pending_bytes;
	bool holder;		/* owns the writer's transaction */
	bool deferred;		/* finished; the writer owns this now */
	unsigned items, changed;
	char *store_error;	/* first store failure while streaming */

	/* Outcome, set when the transfer ends. */
	bool ok;
	char *reason;
	time_t retry_after;
	char *etag, *last_modified;
	bool parsed;		/* a document (not a 304) was read */
	char *recovered;	/* its feed_parser_recovered() note */
};

struct feed_writer *
feed_writer_new(struct fetcher *f, struct store *s)
{
	struct feed_writer *w = xcalloc(1, sizeof *w);

	(void)f;
	w->s = s;
	/*
	 * Items are committed with their search indexing put off (about
	 * three quarters of the cost of storing a big feed is the full-text
	 * index): a search indexes whatever waits before it runs, the TUI
	 * catches up when idle, and reload does it at the end when it is
	 * cheap (store_search_catch_up).
	 */
	store_set_deferred_index(s, true);
	w->waiters_tail = &w->waiters;
	return w;
}

static void data_free(struct feed_job_data *d);

void
feed_writer_free(struct feed_writer **wp)
{
	struct feed_writer *w = *wp;

	if (w == NULL)
		return;
	while (w->waiters != NULL) {
		struct feed_job_data *d = w->waiters;
		w->waiters = d->next;
		data_free(d);
	}
	free(w);
	*wp = NULL;
}

void *
feed_job_data_new(struct fetcher *f, const char *url)
{
	struct feed_job_data *d = xcalloc(1, sizeof *d);

	d->f = f;
	d->w = fetcher_feed_writer(f);
	d->url = xstrdup(url);
	d->feed_id = -1;
	return d;
}

static size_t
len0(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

static void
item_copy_init(struct item_copy *c, const struct feed_item *it, size_t *bytes)
{
	size_t n = sizeof *c;

	/* Every pointer of struct feed_item is copied here: the parser's
	 * strings die when the callback returns. */
	c->it = *it;
	c->it.id = xstrdup(it->id);
	c->it.title = xstrdup_null(it->title);
	c->it.link = xstrdup_null(it->link);
	c->it.author = xstrdup_null(it->author);
	c->it.summary = xstrdup_null(it->summary);
	c->it.content = xstrdup_null(it->content);
	c->it.comments_feed = xstrdup_null(it->comments_feed);
	c->it.language = xstrdup_null(it->language);
	c->it.thumbnail = xstrdup_null(it->thumbnail);
	n += len0(it->id) + len0(it->title) + len0(it->link) + len0(it->author) +
	    len0(it->summary) + len0(it->content) + len0(it->comments_feed) +
	    len0(it->language) + len0(it->thumbnail);
	c->cats = xcalloc(it->ncategories + 1, sizeof *c->cats);
	for (size_t i = 0; i < it->ncategories; i++) {
		c->cats[i] = xstrdup(it->categories[i]);
		n += strlen(c->cats[i]) + sizeof(char *);
	}
	c->it.categories = (const char *const *)c->cats;
	c->encs = xcalloc(it->nenclosures + 1, sizeof *c->encs);
	for (size_t i = 0; i < it->nenclosures; i++) {
		c->encs[i].url = xstrdup(it->enclosures[i].url);
		c->encs[i].type = xstrdup_null(it->enclosures[i].type);
		c->encs[i].length = it->enclosures[i].length;
		n += sizeof *c->encs + len0(c->encs[i].url) + len0(c->encs[i].type);
	}
	c->it.enclosures = c->encs;
	*bytes += n;
}

static void
item_copy_clear(struct item_copy *c)
{
	free((char *)c->it.id);
	free((char *)c->it.title);
	free((char *)c->it.link);
	free((char *)c->it.author);
	free((char *)c->it.summary);
	free((char *)c->it.content);
	free((char *)c->it.comments_feed);
	free((char *)c->it.language);
	free((char *)c->it.thumbnail);
	for (size_t i = 0; i < c->it.ncategories; i++)
		free(c->cats[i]);
	free(c->cats);
	for (size_t i = 0; i < c->it.nenclosures; i++) {
		free((char *)c->encs[i].url);
		free((char *)c->encs[i].type);
	}
	free(c->encs);
}

static void
drop_pending(struct feed_job_data *d)
{
	for (size_t i = 0; i < d->npending; i++)
		item_copy_clear(&d->pending[i]);
	free(d->pending);
	d->pending = NULL;
	d->npending = d->apending = d->pending_bytes = 0;
}

static void
data_free(struct feed_job_data *d)
{
	feed_parser_free(&d->parser);
	drop_pending(d);
	free(d->url);
	free(d->old_etag);
	free(d->old_lm);
	free(d->title);
	free(d->link);
	free(d->description);
	free(d->language);
	free(d->store_error);
	free(d->reason);
	free(d->etag);
	free(d->recovered);
	free(d->last_modified);
	free(d);
}

static void
set_store_error(struct feed_job_data *d)
{
	if (d->store_error == NULL)
		d->store_error = xstrdup(store_errmsg(d->w->s));
}

/* Write one item inside the transaction this feed owns. */
static void
write_item(struct feed_job_data *d, const struct feed_item *it)
{
	bool changed = false;

	if (d->store_error != NULL)
		return;
	if (store_item_upsert(d->w->s, d->feed_id, it, &changed) != 0)
		set_store_error(d);
	else if (changed)
		d->changed++;
}

static void
flush_pending(struct feed_job_data *d)
{
	for (size_t i = 0; i < d->npending; i++)
		write_item(d, &d->pending[i].it);
	drop_pending(d);
}

/* The feed's row, created inside the open transaction when the caller did
 * not list it first (so a rollback cannot leave a dangling id). */
static bool
ensure_feed(struct feed_job_data *d)
{
	if (d->feed_id < 0) {
		d->feed_id = store_feed_ensure(d->w->s, d->url, NULL, NULL);
		d->new_row = d->feed_id >= 0;
	}
	if (d->feed_id < 0) {
		set_store_error(d);
		return false;
	}
	return true;
}

/* Roll back this feed's transaction; a row it created goes with it, so its
 * id must not be used again (record_failure() creates it anew). */
static void
rollback(struct feed_job_data *d)
{
	store_rollback(d->w->s);
	if (d->new_row) {
		d->feed_id = -1;
		d->new_row = false;
	}
}

/* Take the free transaction; false when the store refuses. */
static bool
acquire(struct feed_job_data *d)
{
	if (store_begin(d->w->s) != 0) {
		set_store_error(d);
		return false;
	}
	d->w->holder = d;
	d->holder = true;
	if (!ensure_feed(d)) {
		store_rollback(d->w->s);
		d->w->holder = NULL;
		d->holder = false;
		return false;
	}
	return true;
}

static void
on_meta(const struct feed_meta *m, void *ud)
{
	struct feed_job_data *d = ud;

	free(d->title);
	free(d->link);
	free(d->description);
	free(d->language);
	d->have_meta = true;
	d->format = m->format;
	d->title = xstrdup_null(m->title);
	d->link = xstrdup_null(m->link);
	d->description = xstrdup_null(m->description);
	d->language = xstrdup_null(m->language);
}

static void
on_item(const struct feed_item *it, void *ud)
{
	struct feed_job_data *d = ud;

	d->items++;
	if (d->store_error != NULL)
		return;
	if (!d->holder && d->w->holder == NULL && d->pending_bytes >= STREAM_AFTER &&
	    acquire(d))
		flush_pending(d);
	if (d->holder) {
		write_item(d, it);
		return;
	}
	if (d->npending == d->apending) {
		d->apending = d->apending != 0 ? d->apending * 2 : 16;
		d->pending = xreallocarray(d->pending, d->apending, sizeof *d->pending);
	}
	item_copy_init(&d->pending[d->npending++], it, &d->pending_bytes);
}

static const struct feed_sink sink = { on_meta, on_item };

static void
post(struct feed_job_data *d, enum fetch_event_type type, char *message)
{
	struct fetch_event ev = {
		.type = type, .url = xstrdup(d->url), .feed_id = d->feed_id,
		.message = message, .items = d->items, .changed = d->changed,
		.retry_after = d->retry_after,
	};

	fetcher_post(d->f, &ev);
}

/* Record the failure in a transaction of its own. */
static void
record_failure(struct feed_job_data *d)
{
	struct store *s = d->w->s;

	if (store_begin(s) == 0) {
		if (ensure_feed(d) &&
		    store_feed_failed(s, d->feed_id, d->reason, time(NULL), d->retry_after) == 0 &&
		    store_commit(s) == 0)
			d->new_row = false;
		else
			rollback(d);
	}
	post(d, FETCH_EV_FEED_FAILED, xstrdup(d->reason));
}

static void
let_go(struct feed_job_data *d)
{
	if (d->w->holder == d)
		d->w->holder = NULL;
	d->holder = false;
}

/*
 * Write a finished feed and close the transaction. Called only when this
 * feed holds the transaction or nobody does.
 */
static void
run(struct feed_job_data *d)
{
	struct store *s = d->w->s;

	if (!d->ok) {
		if (d->holder)
			rollback(d);	/* none of its items stay */
		let_go(d);
		drop_pending(d);
		record_failure(d);
		return;
	}
	if (!d->holder && !acquire(d))
		goto failed;
	flush_pending(d);
	if (d->store_error == NULL && d->have_meta) {
		struct feed_meta m = { d->format, d->title, d->link, d->description,
		    d->language };
		if (store_feed_set_meta(s, d->feed_id, &m) != 0)
			set_store_error(d);
	}
	if (d->store_error == NULL &&
	    store_feed_fetched(s, d->feed_id, d->etag, d->last_modified, time(NULL)) != 0)
		set_store_error(d);
	if (d->store_error == NULL && d->parsed &&
	    store_feed_set_recovered(s, d->feed_id, d->recovered) != 0)
		set_store_error(d);
	if (d->store_error == NULL && store_commit(s) != 0)
		set_store_error(d);
	if (d->store_error == NULL) {
		let_go(d);
		post(d, d->changed > 0 ? FETCH_EV_FEED_UPDATED : FETCH_EV_FEED_UNCHANGED, NULL);
		return;
	}
	rollback(d);
	let_go(d);
failed:
	d->ok = false;
	d->changed = 0;
	free(d->reason);
	d->reason = xasprintf("cache: %s", d->store_error);
	record_failure(d);
}

/* Write the finished feeds that waited for the transaction. */
static void
flush_waiters(struct feed_writer *w)
{
	while (w->holder == NULL && w->waiters != NULL) {
		struct feed_job_data *d = w->waiters;

		w->waiters = d->next;
		if (w->waiters == NULL)
			w->waiters_tail = &w->waiters;
		run(d);
		data_free(d);
	}
}

static void
finish(struct feed_job_data *d)
{
	struct feed_writer *w = d->w;

	if (d->holder || w->holder == NULL) {
		run(d);
		flush_waiters(w);
	} else {
		d->deferred = true;
		d->next = NULL;
		*w->waiters_tail = d;
		w->waiters_tail = &d->next;
	}
}

static enum fetch_prepare_result
feed_prepare(struct fetch_job *job, void *ud)
{
	struct feed_job_data *d = ud;
	struct store *s;
	struct store_feed sf = { 0 };
	time_t now = time(NULL);

	if (d->w == NULL) {
		post(d, FETCH_EV_FEED_FAILED, xstrdup("no cache to store the feed in"));
		return FETCH_SKIP;
	}
	s = d->w->s;
	/* Unknown feeds get their row when they are written (ensure_feed). */
	if (store_feed_get(s, d->url, &sf) != 0)
		return FETCH_GO;
	d->feed_id = sf.id;
	if (sf.retry_after > now) {
		/* The server asked us to wait (429/503 Retry-After). */
		d->retry_after = sf.retry_after;
		store_feed_clear(&sf);
		post(d, FETCH_EV_FEED_SKIPPED, NULL);
		return FETCH_SKIP;
	}
	/* Conditional GET (RFC 9110 13.1): 304 when nothing changed. */
	if (sf.etag != NULL && sf.etag[0] != '\0') {
		char *h = xasprintf("If-None-Match: %s", sf.etag);
		fetch_job_add_header(job, h);
		free(h);
	}
	if (sf.last_modified != NULL && sf.last_modified[0] != '\0') {
		char *h = xasprintf("If-Modified-Since: %s", sf.last_modified);
		fetch_job_add_header(job, h);
		free(h);
	}
	d->old_etag = sf.etag;
	d->old_lm = sf.last_modified;
	sf.etag = sf.last_modified = NULL;
	store_feed_clear(&sf);
	return FETCH_GO;
}

static int
feed_body_start(struct fetch_job *job, void *ud, const struct fetch_response *r)
{
	struct feed_job_data *d = ud;

	(void)job;
	d->parser = feed_parser_new(r->url, r->charset, &sink, d);
	return 0;
}

static int
feed_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	struct feed_job_data *d = ud;

	if (feed_parser_push(d->parser, data, len) != 0) {
		const char *e = feed_parser_error(d->parser);
		fetch_job_fail(job, "parse error: %s", e != NULL ? e : "not a feed");
		return -1;
	}
	if (d->store_error != NULL) {
		fetch_job_fail(job, "cache: %s", d->store_error);
		return -1;
	}
	return 0;
}

static void
feed_done(struct fetch_job *job, void *ud, const struct fetch_response *r, const char *error)
{
	struct feed_job_data *d = ud;

	if (error != NULL && fetcher_stopping(job->f)) {
		/* Interrupted by the user, not the feed's fault: leave no trace. */
		if (d->holder) {
			store_rollback(d->w->s);
			let_go(d);
			flush_waiters(d->w);
		}
		return;
	}
	if (error == NULL && r->status == 304) {
		d->ok = true;
		d->etag = xstrdup_null(r->etag != NULL ? r->etag : d->old_etag);
		d->last_modified = xstrdup_null(r->last_modified != NULL ?
		    r->last_modified : d->old_lm);
	} else if (error == NULL) {
		if (d->parser == NULL)	/* empty body */
			d->parser = feed_parser_new(r->url, r->charset, &sink, d);
		if (feed_parser_finish(d->parser) != 0) {
			const char *e = feed_parser_error(d->parser);
			d->reason = xasprintf("parse error: %s", e != NULL ? e : "not a feed");
		} else if (d->store_error != NULL) {
			d->reason = xasprintf("cache: %s", d->store_error);
		} else {
			d->ok = true;
			d->parsed = true;
			d->recovered = xstrdup_null(feed_parser_recovered(d->parser));
			d->etag = xstrdup_null(r->etag);
			d->last_modified = xstrdup_null(r->last_modified);
		}
	} else {
		d->reason = xstrdup(error);
		if (r->status == 429 || r->status == 503)
			d->retry_after = r->retry_after;
	}
	finish(d);
}

static void
feed_free(void *ud)
{
	struct feed_job_data *d = ud;

	if (d != NULL && !d->deferred)
		data_free(d);
}

const struct fetch_job_ops feed_job_ops = {
	.prepare = feed_prepare,
	.on_body_start = feed_body_start,
	.on_body = feed_body,
	.on_done = feed_done,
	.free_ud = feed_free,
};
