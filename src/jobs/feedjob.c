/*
 * Feed jobs (feedjob.h): conditional GET of one feed, its body parsed in
 * the write callback, its items stored in short transactions.
 *
 * No transaction stays open while the network is waited on: parsed items
 * are copied into a batch, and when the batch holds BATCH_ITEMS items or
 * BATCH_BYTES bytes it is written and committed at the end of the body
 * chunk that filled it, before curl reads the next one. A transaction thus
 * lasts the few milliseconds a batch takes to write, every other writer
 * (the TUI's likes and drafts, a second process, the tickers on this same
 * connection) gets the lock between two chunks, and memory stays bounded by
 * one batch whatever the document's size.
 *
 * The last batch, the feed's metadata and its validators are committed
 * together when the transfer ends. A feed that fails mid-body (too large,
 * parse error, cut off) keeps the batches already committed (upserts by
 * guid: the next reload completes them, never duplicates them) and records
 * its failure; its validators stay as they were, so the next reload
 * fetches it whole again.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "config/scriptfeed.h"
#include "jobs/feedjob.h"
#include "jobs/feedsink.h"
#include "jobs/jobs.h"
#include "share/argv.h"
#include "store/store.h"
#include "util/xalloc.h"

/* A batch is written when it holds this many items or bytes. */
#define BATCH_ITEMS 256
#define BATCH_BYTES ((size_t)2 << 20)

/* An item kept until its batch is written: feed_item with owned strings. */
struct item_copy {
	struct feed_item it;
	char **cats;
	struct feed_enclosure *encs;
};

struct feed_job_data {
	struct store *s;	/* borrowed; the fetch thread's */
	char *url;
	int64_t feed_id;
	bool new_row;		/* feed_id was created in the open transaction */
	char *old_etag, *old_lm;
	struct feed_body body;
	bool parsed;		/* a document (not a 304) was read */
	char *recovered;	/* its feed_parser_recovered() note; NULL when clean */

	bool have_meta;
	enum feed_format format;
	char *title, *link, *description, *language;

	struct item_copy *batch;
	size_t nbatch, abatch, batch_bytes;
	unsigned items, changed;
	char *store_error;	/* first store failure */

	/* Outcome, set when the transfer ends. */
	char *reason;		/* NULL: success */
	time_t retry_after;
};

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

/* Forget the batch's items; the array is kept for the next batch. */
static void
batch_clear(struct feed_job_data *d)
{
	for (size_t i = 0; i < d->nbatch; i++)
		item_copy_clear(&d->batch[i]);
	d->nbatch = d->batch_bytes = 0;
}

static void
data_free(struct feed_job_data *d)
{
	feed_body_clear(&d->body);
	batch_clear(d);
	free(d->batch);
	free(d->url);
	free(d->old_etag);
	free(d->recovered);
	free(d->old_lm);
	free(d->title);
	free(d->link);
	free(d->description);
	free(d->language);
	free(d->store_error);
	free(d->reason);
	free(d);
}

static void
set_store_error(struct feed_job_data *d)
{
	if (d->store_error == NULL)
		d->store_error = xstrdup(store_errmsg(d->s));
}

/* The feed's row, created inside the open transaction when the caller did
 * not list it first. */
static bool
ensure_feed(struct feed_job_data *d)
{
	if (d->feed_id < 0) {
		d->feed_id = store_feed_ensure(d->s, d->url, NULL, NULL);
		d->new_row = d->feed_id >= 0;
	}
	if (d->feed_id < 0) {
		set_store_error(d);
		return false;
	}
	return true;
}

/* Roll back; a row created in the transaction goes with it, so its id must
 * not be used again (ensure_feed() creates it anew). */
static void
rollback(struct feed_job_data *d)
{
	store_rollback(d->s);
	if (d->new_row) {
		d->feed_id = -1;
		d->new_row = false;
	}
}

/*
 * Write the batch, and with last the feed's metadata and validators, in one
 * transaction. The batch is gone afterwards either way. 0, or -1 with
 * store_error set (and the transaction rolled back).
 */
static int
commit_batch(struct feed_job_data *d, bool last, const char *etag, const char *lm)
{
	unsigned changed = 0;

	if (d->store_error != NULL) {
		batch_clear(d);
		return -1;
	}
	if (d->nbatch == 0 && !last)
		return 0;
	if (store_begin(d->s) != 0) {
		set_store_error(d);
		batch_clear(d);
		return -1;
	}
	if (!ensure_feed(d))
		goto failed;
	for (size_t i = 0; i < d->nbatch; i++) {
		bool ch = false;
		if (store_item_upsert(d->s, d->feed_id, &d->batch[i].it, &ch) != 0)
			goto failed;
		changed += ch;
	}
	if (last && d->have_meta) {
		struct feed_meta m = { d->format, d->title, d->link, d->description,
		    d->language };
		if (store_feed_set_meta(d->s, d->feed_id, &m) != 0)
			goto failed;
	}
	if (last && store_feed_fetched(d->s, d->feed_id, etag, lm, time(NULL)) != 0)
		goto failed;
	/* Only a document read now replaces the note (a 304 keeps it). */
	if (last && d->parsed && store_feed_set_recovered(d->s, d->feed_id, d->recovered) != 0)
		goto failed;
	if (store_commit(d->s) != 0)
		goto failed;
	d->new_row = false;
	d->changed += changed;
	batch_clear(d);
	return 0;
failed:
	set_store_error(d);
	rollback(d);
	batch_clear(d);
	return -1;
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
	if (d->nbatch == d->abatch) {
		d->abatch = d->abatch != 0 ? d->abatch * 2 : 16;
		d->batch = xreallocarray(d->batch, d->abatch, sizeof *d->batch);
	}
	item_copy_init(&d->batch[d->nbatch++], it, &d->batch_bytes);
}

static const struct feed_sink sink = { on_meta, on_item };

static void
result_free(void *p)
{
	struct feed_job_result *r = p;

	free(r->url);
	free(r->error);
	free(r);
}

const struct feed_job_result *
feed_job_result(const struct fetch_event *ev)
{
	if (ev->type != FETCH_EV_JOB || ev->tag != JOB_FEED)
		return NULL;
	return ev->data;
}

/* The job's one event; error (may be NULL) is taken. */
static void
post(struct fetch_job *job, struct feed_job_data *d, enum feed_job_outcome outcome,
    char *error)
{
	struct feed_job_result *r = xcalloc(1, sizeof *r);
	struct fetch_event ev = {
		.type = FETCH_EV_JOB, .tag = JOB_FEED, .url = xstrdup(d->url),
		.message = xstrdup_null(error), .data = r, .data_free = result_free,
	};

	r->outcome = outcome;
	r->url = xstrdup(d->url);
	r->feed_id = d->feed_id;
	r->error = error;
	r->items = d->items;
	r->changed = d->changed;
	r->retry_after = d->retry_after;
	fetch_job_post(job, &ev);
}

/* Record the failure in a transaction of its own. */
static void
record_failure(struct fetch_job *job, struct feed_job_data *d)
{
	if (store_begin(d->s) == 0) {
		if (ensure_feed(d) &&
		    store_feed_failed(d->s, d->feed_id, d->reason, time(NULL),
		    d->retry_after) == 0 && store_commit(d->s) == 0)
			d->new_row = false;
		else
			rollback(d);
	}
	post(job, d, FEED_JOB_FAILED, xstrdup(d->reason));
}

static enum fetch_prepare_result
feed_prepare(struct fetch_job *job, void *ud)
{
	struct feed_job_data *d = ud;
	struct store_feed sf = { 0 };
	time_t now = time(NULL);

	/* Unknown feeds get their row with their first batch (ensure_feed). */
	if (store_feed_get(d->s, d->url, &sf) != 0)
		return FETCH_GO;
	d->feed_id = sf.id;
	if (sf.retry_after > now) {
		/* The server asked us to wait (429/503 Retry-After). */
		d->retry_after = sf.retry_after;
		store_feed_clear(&sf);
		post(job, d, FEED_JOB_SKIPPED, NULL);
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
feed_body_started(struct fetch_job *job, void *ud, const struct fetch_response *r)
{
	struct feed_job_data *d = ud;

	(void)job;
	return feed_body_start(&d->body, r);
}

static int
feed_body_chunk(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	struct feed_job_data *d = ud;

	if (feed_body_push(&d->body, job, data, len) != 0)
		return -1;
	/* Between two chunks: the only place a batch is committed mid-body. */
	if (d->nbatch >= BATCH_ITEMS || d->batch_bytes >= BATCH_BYTES)
		commit_batch(d, false, NULL, NULL);
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

	if (error != NULL && fetch_job_stopping(job)) {
		/* Interrupted by the user, not the feed's fault: the batches
		 * committed stay, nothing is recorded (the validators are the
		 * old ones, so the next reload fetches the feed whole). */
		batch_clear(d);
		return;
	}
	if (error == NULL && r->status == 304) {
		commit_batch(d, true, r->etag != NULL ? r->etag : d->old_etag,
		    r->last_modified != NULL ? r->last_modified : d->old_lm);
	} else if (error == NULL) {
		if ((d->reason = feed_body_finish(&d->body, r)) == NULL) {
			d->parsed = true;
			d->recovered = xstrdup_null(feed_parser_recovered(d->body.parser));
			commit_batch(d, true, r->etag, r->last_modified);
		}
	} else {
		d->reason = xstrdup(error);
		if (r->status == 429 || r->status == 503)
			d->retry_after = r->retry_after;
	}
	batch_clear(d);	/* a failed feed's uncommitted rest */
	if (d->reason == NULL && d->store_error != NULL)
		d->reason = xasprintf("cache: %s", d->store_error);
	if (d->reason != NULL) {
		record_failure(job, d);
		return;
	}
	post(job, d, d->changed > 0 ? FEED_JOB_UPDATED : FEED_JOB_UNCHANGED, NULL);
}

static void
feed_free(void *ud)
{
	if (ud != NULL)
		data_free(ud);
}

static const struct fetch_job_ops feed_job_ops = {
	.prepare = feed_prepare,
	.on_body_start = feed_body_started,
	.on_body = feed_body_chunk,
	.on_done = feed_done,
	.free_ud = feed_free,
};

void
feed_job_submit(struct fetcher *f, struct store *s, const char *url)
{
	struct feed_job_data *d = xcalloc(1, sizeof *d);
	struct fetch_request req = { .url = url, .allow_file = true };
	char **argv = NULL, *furl = NULL, *err = NULL;

	d->s = s;
	d->url = xstrdup(url);
	d->feed_id = -1;
	d->body.sink = &sink;
	d->body.ud = d;
	/* A script feed: the same job, its body the command's output. The
	 * urls file was checked when loaded; a line that no longer splits
	 * (say, a row from an older list) runs nothing: the fetcher sees an
	 * exec: URL it cannot fetch and fails it. */
	if (script_feed_kind(url) != SCRIPT_FEED_NONE &&
	    script_feed_parse(url, &argv, &furl, &err) == 0) {
		req.command = argv;
		req.command_filter = furl != NULL;
		req.url = furl != NULL ? furl : url;
	}
	fetcher_submit(f, &req, &feed_job_ops, d);
	share_argv_free(&argv);
	free(furl);
	free(err);
}
