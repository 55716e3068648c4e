/*
 * Market jobs: one refresh of one market source on the fetch thread.
 *
 * The job sends the source's request (market_request(), with the API key
 * header when configured), parses the body (market_parse()), keeps the
 * wanted symbols, asks GeckoTerminal for each token's holders when the
 * scheduler says so (one follow-up request per token), merges the result
 * into the last good list from the cache (market_merge(): bad values never
 * blank good ones) and stores it in one transaction (store/tickers.h) on
 * the fetch thread's connection. Then it posts one event of type FETCH_EV_JOB
 * with tag MARKET_JOB_TAG (a generic job's event: adding an event type would
 * break every switch over them):
 *   url          the source's name (struct market_src.name)
 *   message      NULL on success, else the reason, one line: "HTTP 503",
 *                "too large (over 4 MiB)", "generic: line 1 column 2: ..."
 *   items        tickers now in the cache for the source
 *   retry_after  absolute time before which the source must not be asked
 *                again (429/503, with or without Retry-After); 0 = none
 *   data         a struct market_job_result (market_job_result(ev))
 * A failure keeps the last good list; its reason and Retry-After are stored
 * in the source's status (store_tickers_status()) for the next start.
 * After the event the caller reports the outcome to the scheduler:
 *   market_schedule_done(sources, ev.url, time(NULL), ev.retry_after).
 */
#ifndef NR_FETCH_MARKETJOB_H
#define NR_FETCH_MARKETJOB_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "fetch/fetch.h"
#include "market/source.h"

struct store;

/* The tag of a market job's FETCH_EV_JOB event ("MKT"). */
#define MARKET_JOB_TAG 0x4d4b54

/* What a market job's event carries in data; owned by the event. */
struct market_job_result {
	char *source;		/* the source's name */
	bool ok;		/* new values stored */
	char *error;		/* !ok: the reason (the event's message too) */
	char *warning;		/* ok, but values were dropped or holders lookups
				   failed: the first reason, "(and N more)"; or NULL */
	size_t count;		/* tickers now stored for the source */
	size_t holders;		/* holder counts fetched in this refresh */
	time_t retry_after;	/* as the event's */
};

/*
 * Queue one refresh of src (copied; its want_holders decides the holders
 * lookups). Callable from any thread; needs a fetcher with a cache.
 */
void market_job_submit(struct fetcher *f, const struct market_src *src);
/* The result of a market job's event (borrowed from ev), or NULL for any
 * other event. */
const struct market_job_result *market_job_result(const struct fetch_event *ev);
/*
 * Restore the schedule of every source from the cache after a start
 * (market_schedule_restore() with each source's last attempt and
 * Retry-After). 0, or -1 with store_errmsg(s).
 */
int market_sources_restore(struct market_sources *l, struct store *s, time_t now);

#endif
