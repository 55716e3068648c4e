/*
 * Market jobs: one refresh of one market source.
 *
 * On the fetch thread the job sends the source's request (market_request(),
 * with the API key header when configured), parses the body
 * (market_parse()), keeps the wanted symbols and asks GeckoTerminal for each
 * token's holders when the scheduler says so (one follow-up request per
 * token). Then it posts one event, FETCH_EV_JOB with tag MARKET_JOB_TAG:
 *   url          the source's name (struct market_src.name)
 *   message      NULL on success, else the reason, one line: "HTTP 503",
 *                "too large (over 4 MiB)", "generic: line 1 column 2: ..."
 *   data         a struct market_job_result (market_job_result(ev))
 * The receiver stores it on its own connection with market_job_apply():
 * merged into the last good list from the cache (market_merge(): bad values
 * never blank good ones), in one short transaction; a failure keeps the
 * last good list, and its reason and Retry-After are stored in the source's
 * status (store_tickers_status()) for the next start. Then it reports the
 * outcome to the scheduler:
 *   market_schedule_done(sources, res->source, now, res->retry_after).
 */
#ifndef NR_JOBS_MARKETJOB_H
#define NR_JOBS_MARKETJOB_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "fetch/fetch.h"
#include "jobs/jobs.h"
#include "market/source.h"

struct store;

/* The tag of a market job's FETCH_EV_JOB event. */
#define MARKET_JOB_TAG JOB_MARKET

/* What a market job's event carries in data; owned by the event. */
struct market_job_result {
	char *source;		/* the source's name */
	enum market_kind kind;	/* the source's */
	bool ok;		/* new values came (and, after market_job_apply(),
				   were stored) */
	char *error;		/* !ok: the reason (the event's message too) */
	char *warning;		/* ok, but values were dropped or holders lookups
				   failed: the first reason, "(and N more)"; or NULL */
	struct market_list *list;	/* ok: the parsed tokens, to merge */
	size_t count;		/* set by market_job_apply(): tickers stored */
	size_t holders;		/* holder counts fetched in this refresh */
	time_t retry_after;	/* absolute time before which the source must
				   not be asked again (429/503); 0 = none */
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
 * Store a result on s (the caller's connection), in a transaction of its
 * own: the merged list on success, else the failure in the source's status.
 * Sets res->count to the tickers now stored; a store failure turns res into
 * a failure ("cache: ...") and returns -1, else 0.
 */
int market_job_apply(struct store *s, struct market_job_result *res, time_t now);
/*
 * Restore the schedule of every source from the cache after a start
 * (market_schedule_restore() with each source's last attempt and
 * Retry-After). 0, or -1 with store_errmsg(s).
 */
int market_sources_restore(struct market_sources *l, struct store *s, time_t now);

#endif
