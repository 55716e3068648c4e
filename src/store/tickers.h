/*
 * The market panel's cache: per source (a name chosen by market/source.h),
 * the last good ticker list with when it was fetched, a history of prices
 * and market caps per token for sparklines, and the outcome of the last
 * attempt (error text, Retry-After), so the panel shows data and its age
 * offline and after a restart.
 *
 * A failure never touches the last good values: store_tickers_failed()
 * writes only the source's status row.
 *
 * History: one point per token per save, thinned so that points stay at
 * least STORE_TICKER_HISTORY_STEP seconds apart (a save closer than that to
 * the point before the newest moves the newest point forward instead of
 * adding one, so the last point is always the current value); at most
 * STORE_TICKER_HISTORY_MAX points and none older than
 * STORE_TICKER_HISTORY_AGE seconds are kept per token: with the defaults a
 * sparkline covers the last 24 hours.
 *
 * Functions return 0, or -1 with the reason in store_errmsg().
 */
#ifndef NR_STORE_TICKERS_H
#define NR_STORE_TICKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "market/market.h"
#include "store/store.h"

#define STORE_TICKER_HISTORY_MAX 288
#define STORE_TICKER_HISTORY_STEP 300
#define STORE_TICKER_HISTORY_AGE (7 * 24 * 3600)

/* The last attempts of a source; every field 0/NULL for an unknown source. */
struct store_ticker_status {
	time_t last_success;	/* when the stored list was fetched; 0 = never */
	time_t last_attempt;	/* last fetch, good or bad; 0 = never */
	char *last_error;	/* reason of the last attempt if it failed, else NULL */
	time_t error_at;	/* when last_error happened */
	time_t retry_after;	/* the server asked us to wait until then; 0 = none */
	size_t count;		/* tickers stored for the source */
};
/* Free the strings of *st and zero it; safe on a zeroed struct. */
void store_ticker_status_clear(struct store_ticker_status *st);

/*
 * Store a successful list for source, fetched at when, in one transaction
 * of its own (fails if one is already open on s). The
 * stored list becomes exactly l, in l's order (tokens l lacks are removed,
 * their history is kept until it ages out); each token with a price or a
 * market cap gets a history point; the status records the success and
 * clears the last error and Retry-After.
 */
int store_tickers_save(struct store *s, const char *source, const struct market_list *l,
    time_t when);
/*
 * Record a failed attempt (reason: one line for the status line) at when;
 * retry_after (absolute, 0 = none) is kept for the scheduler. The last good
 * list and its history stay as they are.
 */
int store_tickers_failed(struct store *s, const char *source, const char *reason,
    time_t when, time_t retry_after);
/* The source's status into *st (caller clears); zeros for an unknown source. */
int store_tickers_status(struct store *s, const char *source,
    struct store_ticker_status *st);
/*
 * The last good list of source in stored order into *out (a new list, caller
 * frees with market_list_free; empty when nothing is stored), and when it
 * was fetched into *updated_at (may be NULL; 0 = never).
 */
int store_tickers_load(struct store *s, const char *source, struct market_list **out,
    time_t *updated_at);

enum store_ticker_field {
	STORE_TICKER_PRICE,
	STORE_TICKER_CAP,
};
/*
 * Up to max (0: all kept) of the newest history values of one token (id as
 * in struct market_ticker, ASCII case ignored), oldest first, ready for
 * market_sparkline(): *values is a new array (caller frees; NULL when *n is
 * 0) in which a point without that field is NaN. times (may be NULL) gets a
 * parallel array of the points' times (caller frees).
 */
int store_tickers_history(struct store *s, const char *source, const char *id,
    enum store_ticker_field field, size_t max, double **values, time_t **times, size_t *n);

#endif
