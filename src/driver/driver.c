/*
 * The driver (driver.h): the schedule of ticker refreshes, the batch of a
 * reload, and the dispatch of every job's event by its tag.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "driver/driver.h"
#include "filter/filter.h"
#include "comments/mastodon.h"
#include "jobs/pagequeue.h"
#include "store/pages.h"
#include "store/comments.h"
#include "store/store.h"
#include "config/fileio.h"
#include "util/logfile.h"
#include "util/xalloc.h"

struct driver {
	struct fetcher *fetch;	/* borrowed */
	struct store *store;	/* borrowed: the caller's */
	struct store *bg;	/* owned: the feed jobs', fetch thread only */
	struct comments *comments;	/* borrowed */
	struct market_sources *srcs;	/* owned */
	struct page_queue *pages;	/* owned: full-text pages waiting */
	enum page_mode full_text;	/* the config's */
	char *cache_path;	/* owned */
	const struct config *config;	/* borrowed */
	struct sync_session *session;	/* owned */
	struct logfile *log;		/* owned; NULL: no log */
	struct filter *kill;		/* owned: kill rules in ignore-mode download */
};

/* The fetcher never opens a file of our cache (fetcher_refuse_files). */
static const char *
refuse_cache_file(const char *path, void *ud)
{
	const struct driver *d = ud;

	return store_is_cache_file(d->cache_path, path) ?
	    "refused: a file of newsreader's own cache, not a feed" : NULL;
}

bool
driver_cache_gone(struct driver *d)
{
	return d->bg != NULL && store_file_gone(d->bg);
}

struct driver *
driver_new(const struct driver_setup *setup, struct diag_list *diags, char **err)
{
	struct driver *d = xcalloc(1, sizeof *d);

	*err = NULL;
	d->fetch = setup->fetch;
	d->store = setup->store;
	d->config = setup->config;
	d->session = sync_session_new();
	if (setup->log_path != NULL) {
		/* Failure to make the directory shows as no log, nothing more. */
		(void)fileio_mkdir_parent(setup->log_path, 0700);
		d->log = logfile_new(setup->log_path, setup->config != NULL ?
		    (size_t)setup->config->log_max_size << 10 : (size_t)1 << 20);
	}
	if (d->fetch != NULL) {
		if ((d->bg = store_open(setup->cache_path, 0, err)) == NULL) {
			free(d);
			return NULL;
		}
		/*
		 * Feeds are committed with their search indexing put off
		 * (about three quarters of the cost of storing a big feed is
		 * the full-text index): a search indexes whatever waits before
		 * it runs, the TUI catches up when idle, and reload does it at
		 * the end when it is cheap (store_search_catch_up).
		 */
		store_set_deferred_index(d->bg, true);
		store_set_bulk_checkpoint(d->bg, DRIVER_CHECKPOINT_PAGES);
		d->cache_path = xstrdup(setup->cache_path);
		fetcher_refuse_files(d->fetch, refuse_cache_file, d);
	}
	/* Pages are capped like feeds (max-body-size), at PAGE_MAX_BODY most. */
	d->pages = page_queue_new(DRIVER_PAGES_PER_HOST, setup->config != NULL ?
	    (size_t)setup->config->max_body_size << 20 : 0);
	d->full_text = setup->config != NULL ? (enum page_mode)setup->config->full_text :
	    PAGE_MODE_NO;
	d->srcs = market_sources_from_config(setup->config, diags);
	/* A restart must not hammer a server that was just asked; a cache
	 * that cannot tell only makes the first refresh come early. */
	market_sources_restore(d->srcs, d->store, time(NULL));
	if (setup->config != NULL && setup->config->ignore_mode == CONFIG_IGNORE_DOWNLOAD) {
		char *kerr;
		d->kill = config_kill_filter(setup->config, &kerr);
		if (kerr != NULL) {
			if (diags != NULL)
				diag_add(diags, DIAG_WARNING, setup->config->file != NULL ?
				    setup->config->file : "config", 0, "%s", kerr);
			free(kerr);
		}
	}
	return d;
}

void
driver_free(struct driver **dp)
{
	struct driver *d = *dp;

	if (d == NULL)
		return;
	store_close(&d->bg);
	filter_free(&d->kill);
	market_sources_free(&d->srcs);
	page_queue_free(&d->pages);
	free(d->cache_path);
	sync_session_free(&d->session);
	logfile_free(&d->log);
	free(d);
	*dp = NULL;
}

int
driver_cleanup(struct driver *d, time_t now, size_t max_remove, int64_t *removed)
{
	*removed = 0;
	if (d->config == NULL)
		return 0;
	return store_cleanup(d->store, d->config->max_items, d->config->keep_articles_days, now,
	    max_remove, removed);
}

void
driver_set_comments(struct driver *d, struct comments *c)
{
	d->comments = c;
}

const struct market_sources *
driver_market_sources(const struct driver *d)
{
	return d->srcs;
}

/* Returns how many were submitted. */
static size_t
submit_market_due(struct driver *d, time_t now)
{
	size_t *due, n;

	if (d->fetch == NULL || d->srcs->n == 0)
		return 0;
	due = xcalloc(d->srcs->n, sizeof *due);
	n = market_schedule_due(d->srcs, now, due, d->srcs->n);
	for (size_t i = 0; i < n; i++)
		market_job_submit(d->fetch, &d->srcs->v[due[i]]);
	free(due);
	return n;
}

/* Comment feeds read before whose copy is stale now; how many went. */
static size_t
submit_comment_feeds_due(struct driver *d, time_t now)
{
	int64_t *ids = NULL;
	size_t n = 0, sent = 0;

	if (d->comments == NULL ||
	    store_comment_feeds_stale(d->store, now - COMMENTS_FRESH_FOR,
	    DRIVER_COMMENT_FEEDS_MAX, &ids, &n) != 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (comments_fetch(d->comments, ids[i], false, now) == COMMENTS_FETCH_SUBMITTED)
			sent++;
	free(ids);
	return sent;
}

bool
driver_syncs(const struct driver *d)
{
	return d->config != NULL && d->config->urls_source != CONFIG_URLS_LOCAL;
}

/* The feed jobs, or the sync that stands for them; how many were submitted. */
static size_t
submit_feeds(struct driver *d, const char *const *urls, size_t n)
{
	if (driver_syncs(d)) {
		sync_job_submit(d->fetch, d->bg, d->config, d->session);
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		feed_job_submit(d->fetch, d->bg, urls[i], d->kill);
	return n;
}

size_t
driver_reload(struct driver *d, const char *const *urls, size_t n, time_t now)
{
	size_t jobs;

	if (d->fetch == NULL)
		return 0;
	/* One batch: its ALL_DONE comes after the last of them. */
	fetcher_hold(d->fetch);
	jobs = submit_feeds(d, urls, n);
	jobs += submit_market_due(d, now);
	jobs += submit_comment_feeds_due(d, now);
	fetcher_release(d->fetch);
	return jobs;
}

void
driver_reload_feeds(struct driver *d, const char *const *urls, size_t n)
{
	if (d->fetch == NULL)
		return;
	fetcher_hold(d->fetch);
	submit_feeds(d, urls, n);
	fetcher_release(d->fetch);
}

bool
driver_market_history(struct driver *d, const char *source, const char *id, const char *pool,
    const char *chain, time_t now)
{
	struct market_src *s = d->fetch != NULL ? market_sources_find(d->srcs, source) : NULL;

	/* The public APIs' quota: one history a source an interval, and none
	 * while the server asked us to wait. */
	if (s == NULL || s->retry_until > now ||
	    !(s->kind == MARKET_COINGECKO || (s->kind == MARKET_DEXSCREENER && pool != NULL)) ||
	    (s->history_at != 0 && now - s->history_at < (time_t)s->interval))
		return false;
	s->history_at = now;
	market_history_submit(d->fetch, s, id, pool, chain);
	return true;
}

void
driver_market_refresh(struct driver *d, time_t now)
{
	market_schedule_refresh(d->srcs, now);
	submit_market_due(d, now);
}

time_t
driver_run(struct driver *d, time_t now)
{
	submit_market_due(d, now);
	return market_schedule_next(d->srcs);
}

/* The pages a feed's items want, queued and started. */
static void
queue_feed_pages(struct driver *d, const struct feed_job_result *f, time_t now)
{
	struct store_feed sf = { 0 };
	struct store_page_want *w = NULL;
	enum page_mode mode;
	size_t n = 0;

	if (f->feed_id < 0 || (f->outcome != FEED_JOB_UPDATED &&
	    f->outcome != FEED_JOB_UNCHANGED))
		return;
	if (store_feed_get(d->store, f->url, &sf) != 0)
		return;
	mode = page_mode(d->full_text, sf.tags);
	store_feed_clear(&sf);
	if (mode == PAGE_MODE_NO ||
	    store_pages_wanted(d->store, f->feed_id, now, DRIVER_PAGES_PER_FEED, &w, &n) != 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (page_wanted(mode, w[i].content, w[i].summary))
			page_queue_add(d->pages, w[i].item_id, w[i].url, false, now, NULL);
	store_page_wants_free(&w, n);
	page_queue_run(d->pages, d->fetch, d->bg, now);
}

enum driver_page_request
driver_page_fetch(struct driver *d, int64_t item_id, const char *url, time_t *until)
{
	time_t now = time(NULL);

	if (d->fetch == NULL)
		return DRIVER_PAGE_OFFLINE;
	switch (page_queue_add(d->pages, item_id, url, true, now, until)) {
	case PAGE_QUEUE_BAD_URL:
		return DRIVER_PAGE_NO_LINK;
	case PAGE_QUEUE_HOST_WAITS:
		return DRIVER_PAGE_HOST_WAITS;
	case PAGE_QUEUE_ADDED:
	case PAGE_QUEUE_ALREADY:
		break;
	}
	page_queue_run(d->pages, d->fetch, d->bg, now);
	return DRIVER_PAGE_QUEUED;
}

size_t
driver_pages_busy(const struct driver *d)
{
	return page_queue_busy(d->pages);
}

/* The failures of an outcome, in the log file (see driver_next). */
static void
log_failure(struct driver *d, const struct driver_outcome *o)
{
	if (d->log == NULL)
		return;
	if (o->kind == DRIVER_FEED && o->feed->outcome == FEED_JOB_FAILED)
		(void)logfile_write(d->log, "feed %s: %s", o->feed->url,
		    o->feed->error != NULL ? o->feed->error : "failed");
	else if (o->kind == DRIVER_COMMENTS && o->comments.kind == COMMENTS_LOAD_FAILED)
		(void)logfile_write(d->log, "comments of article %lld: %s",
		    (long long)o->comments.item_id,
		    o->comments.message != NULL ? o->comments.message : "failed");
	else if (o->kind == DRIVER_COMMENTS && o->comments.kind == COMMENTS_POST_FAILED)
		(void)logfile_write(d->log, "comment %lld not sent: %s",
		    (long long)o->comments.outbox_id,
		    o->comments.message != NULL ? o->comments.message : "failed");
}

bool
driver_next(struct driver *d, time_t now, struct driver_outcome *out)
{
	struct market_job_result *m;

	memset(out, 0, sizeof *out);
	if (d->fetch == NULL || !fetcher_next_event(d->fetch, &out->ev))
		return false;
	out->kind = DRIVER_OTHER;
	switch (out->ev.type) {
	case FETCH_EV_PROGRESS:
	case FETCH_EV_ALL_DONE:
		out->kind = out->ev.type == FETCH_EV_PROGRESS ? DRIVER_PROGRESS : DRIVER_ALL_DONE;
		out->done = out->ev.done;
		out->total = out->ev.total;
		return true;
	case FETCH_EV_JOB:
		break;
	}
	switch ((enum job_kind)out->ev.tag) {
	case JOB_FEED:
		if ((out->feed = feed_job_result(&out->ev)) != NULL) {
			out->kind = DRIVER_FEED;
			queue_feed_pages(d, out->feed, now);
		}
		break;
	case JOB_PAGE:
		if ((out->page = page_job_result(&out->ev)) != NULL) {
			out->kind = DRIVER_PAGE;
			page_queue_done(d->pages, out->page);
			page_queue_run(d->pages, d->fetch, d->bg, now);
		}
		break;
	case JOB_MARKET:
		if (market_job_result(&out->ev) == NULL)
			break;
		m = out->ev.data;
		market_job_apply(d->store, m, now);
		if (m->history_id == NULL)
			market_schedule_done(d->srcs, m->source, now, m->retry_after);
		out->market = m;
		out->kind = DRIVER_MARKET;
		break;
	case JOB_SYNC:
		if ((out->sync = sync_job_result(&out->ev)) != NULL)
			out->kind = DRIVER_SYNC;
		break;
	case JOB_REPOST:
		if (out->ev.data != NULL) {
			out->repost_sent = mastodon_apply(d->store, out->ev.data, now,
			    &out->repost_msg);
			if (out->repost_msg == NULL)
				out->repost_msg = xstrdup(store_errmsg(d->store));
			out->kind = DRIVER_REPOST;
		}
		break;
	case JOB_DOWNLOAD:
		/* The UI's download queue applies it (download.h). */
		if (out->ev.data != NULL)
			out->kind = DRIVER_DOWNLOAD;
		break;
	case JOB_COMMENT_FEED:
	case JOB_COMMENT_POST:
	case JOB_COMMENT_LOOKUP:
		if (d->comments != NULL &&
		    comments_handle_event(d->comments, &out->ev, now, &out->comments))
			out->kind = DRIVER_COMMENTS;
		break;
	}
	log_failure(d, out);
	return true;
}

void
driver_outcome_clear(struct driver_outcome *o)
{
	if (o->kind == DRIVER_COMMENTS)
		comments_outcome_clear(&o->comments);
	free(o->repost_msg);
	fetch_event_clear(&o->ev);
	memset(o, 0, sizeof *o);
}
