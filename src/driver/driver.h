/*
 * The driver of background work, one for the TUI loop and `reload` alike.
 * It knows the kinds of job (src/jobs) and the modules that own their data
 * (store, market, comments); the transport (src/fetch) runs them.
 *
 * Shaped like the comments API: the caller asks what is due and when to ask
 * again, and hands every fetcher event back to be applied:
 *
 *     d = driver_new(&setup, diags, &err);       after fetcher_start()
 *     driver_reload(d, urls, n, now);            `reload`, R in the TUI
 *     driver_reload_feeds(d, urls, n);           r in the TUI
 *     next = driver_run(d, now);                 ticker refreshes due;
 *                                                poll() until next at most
 *     while (driver_next(d, now, &o)) { ...o.kind...; driver_outcome_clear(&o); }
 *                                                when fetcher_fd() is readable
 *     fetcher_stop(&f); driver_free(&d);
 *
 * Where results are written: a feed's items by its job, in short batches on
 * the driver's own connection, which only the fetch thread uses (a feed
 * streams into the store while it downloads); tickers and comments by
 * driver_next() on the caller's connection, each in a transaction of its
 * own. No write transaction ever waits on the network.
 */
#ifndef NR_DRIVER_DRIVER_H
#define NR_DRIVER_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "comments/comments.h"
#include "config/diag.h"
#include "config/settings.h"
#include "fetch/fetch.h"
#include "jobs/feedjob.h"
#include "jobs/marketjob.h"
#include "jobs/pagejob.h"
#include "jobs/syncjob.h"

struct store;

/* The feed jobs' connection checkpoints the WAL at this many pages (32 MiB
 * of 4 KiB pages): a few times for a huge feed, not every few batches. */
#define DRIVER_CHECKPOINT_PAGES 8192
/* Comment feeds a reload refreshes at most (the most recently read first). */
#define DRIVER_COMMENT_FEEDS_MAX 50

/* Full-text pages in flight per host at most, and queued per feed and
 * reload at most (its newest items). */
#define DRIVER_PAGES_PER_HOST 2
#define DRIVER_PAGES_PER_FEED 30

struct driver_setup {
	struct fetcher *fetch;	/* borrowed; NULL: offline, nothing is submitted */
	struct store *store;	/* the caller's connection (borrowed) */
	const char *cache_path;	/* the feed jobs' connection is opened on it */
	const struct config *config;	/* borrowed: the market sources, log-max-size */
	/* The log file failures are written to (logfile.h; its directory is
	 * made); NULL: none. */
	const char *log_path;
};

/*
 * Opaque; driver_new() creates it, driver_free() frees it (after
 * fetcher_stop(): it closes the connection the feed jobs use). NULL with
 * *err (caller frees) when that connection cannot be opened. Warnings about
 * market-source lines go to diags (may be NULL).
 */
struct driver;
struct driver *driver_new(const struct driver_setup *setup, struct diag_list *diags,
    char **err);
void driver_free(struct driver **dp);

/* The comments context whose jobs' events driver_next() applies and whose
 * stale comment feeds driver_reload() refreshes (borrowed; NULL: none). */
void driver_set_comments(struct driver *d, struct comments *c);
/* The market sources with their schedule (borrowed). */
const struct market_sources *driver_market_sources(const struct driver *d);

/*
 * With urls-source ttrss or greader, the feeds come from the server: a
 * reload (and a reload of some feeds) is one sync job instead of the feed
 * jobs, and urls are ignored.
 */
bool driver_syncs(const struct driver *d);

/*
 * A reload: the feeds at urls, the ticker refreshes due, and the comment
 * feeds read before and stale now (COMMENTS_FRESH_FOR), all in one batch of
 * the fetcher. Returns the number of jobs submitted (0 when offline): with
 * none, no FETCH_EV_ALL_DONE will come.
 */
size_t driver_reload(struct driver *d, const char *const *urls, size_t n, time_t now);
/*
 * After a reload's batch has ended (the TUI's and `reload`'s alike): the
 * cleanup of max-items and keep-articles-days (store_cleanup) on the
 * caller's connection, at most max_remove items (0: all; the TUI calls
 * again in its idle time while *removed == max_remove). 0 (and *removed)
 * or -1 with the store's error.
 */
int driver_cleanup(struct driver *d, time_t now, size_t max_remove, int64_t *removed);
/* Only the feeds at urls (the user reloads some feeds). */
void driver_reload_feeds(struct driver *d, const char *const *urls, size_t n);
/* The user asked for fresh market data: every source is due now (except
 * those a server told to wait). */
void driver_market_refresh(struct driver *d, time_t now);
/* Ask a CoinGecko source (or GeckoTerminal for a DexScreener token with a
 * pool) for token id's history (market_history_submit()), at most once an
 * interval per source; false when not sent. */
bool driver_market_history(struct driver *d, const char *source, const char *id, const char *pool,
    const char *chain, time_t now);
/* Submit the ticker refreshes due at now; returns when to call again (0:
 * nothing scheduled). */
time_t driver_run(struct driver *d, time_t now);

enum driver_outcome_kind {
	DRIVER_FEED,		/* feed: a feed's job ended */
	DRIVER_MARKET,		/* market: a source's refresh, stored */
	DRIVER_COMMENTS,	/* comments: a comment feed or post, applied */
	DRIVER_SYNC,		/* sync: a sync with the feed server ended */
	DRIVER_PROGRESS,	/* done of total jobs of the batch */
	DRIVER_ALL_DONE,	/* every submitted job has finished */
	DRIVER_PAGE,		/* page: a full-text page's job ended */
	DRIVER_REPOST,		/* repost_msg: a repost's answer, applied */
	DRIVER_OTHER,		/* an event of no known job */
};

/* What one event did. Pointers are borrowed from the outcome, which owns
 * the event: driver_outcome_clear() frees both. */
struct driver_outcome {
	enum driver_outcome_kind kind;
	const struct feed_job_result *feed;
	const struct market_job_result *market;
	const struct page_job_result *page;
	const struct sync_job_result *sync;
	struct comments_outcome comments;
	char *repost_msg;	/* DRIVER_REPOST: what happened, for a person */
	int repost_sent;	/* 1 sent, 0 failed, -1 the cache refused it */
	unsigned done, total;
	struct fetch_event ev;
};
/*
 * Take the next fetcher event and apply it, dispatched by its tag: false
 * when none waits. A market result is stored and reported to the schedule;
 * a comment job's goes to the comments context (without one, DRIVER_OTHER).
 */
bool driver_next(struct driver *d, time_t now, struct driver_outcome *out);
/* Failures among the outcomes (a feed that failed to fetch or parse,
 * comments that failed to load or send) are also written to the log file
 * of the setup, one line each. */
void driver_outcome_clear(struct driver_outcome *o);

/*
 * Full text. After a feed's job ends (updated or unchanged), the pages of
 * its items that want them (page_mode() of the config's full-text and the
 * feed's tags, page_wanted()) and are neither stored nor waiting out a
 * backoff are queued, DRIVER_PAGES_PER_HOST at a time per host; each
 * ends in a DRIVER_PAGE outcome.
 */
enum driver_page_request {
	DRIVER_PAGE_QUEUED,	/* a DRIVER_PAGE outcome will come */
	DRIVER_PAGE_OFFLINE,	/* no fetcher */
	DRIVER_PAGE_NO_LINK,	/* the item has no http(s) link */
	DRIVER_PAGE_HOST_WAITS,	/* the site said to wait until *until */
};
/* The user asks for item_id's page at url now, whatever the backoff
 * (before the other waiting pages). */
enum driver_page_request driver_page_fetch(struct driver *d, int64_t item_id,
    const char *url, time_t *until);
/* Pages queued or in flight: a reload waits for them too. */
size_t driver_pages_busy(const struct driver *d);

#endif
