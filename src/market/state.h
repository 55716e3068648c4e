/*
 * The state of one market source as the user is told it: ok, stale since
 * T, failing: REASON, rate-limited until T, or no data yet, from what the
 * cache remembers of its last attempts (store_tickers_status()) and its
 * interval. Pure: the same inputs give the same words, so the errors view,
 * the focused panel and the tests agree. Times are shown as local HH:MM
 * (with the date when not today).
 */
#ifndef NR_MARKET_STATE_H
#define NR_MARKET_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum market_state {
	MARKET_STATE_NEW,	/* never fetched, no failure yet */
	MARKET_STATE_OK,	/* the last refresh worked and is recent */
	MARKET_STATE_STALE,	/* the last good data is older than a few intervals */
	MARKET_STATE_FAILING,	/* the last refresh failed */
	MARKET_STATE_LIMITED,	/* the server asked us to wait */
};

/* What is known of a source; strings borrowed. A plain record. */
struct market_source_status {
	time_t last_success;	/* 0 = never */
	time_t last_attempt;
	time_t retry_after;	/* absolute; 0 = none */
	const char *error;	/* the last attempt's failure, or NULL */
	const char *warning;	/* what the last good refresh lost, or NULL */
	unsigned interval;	/* seconds between refreshes */
};

/* Data older than this many intervals (and at least MARKET_STALE_MIN s) is stale. */
#define MARKET_STALE_INTERVALS 3
#define MARKET_STALE_MIN 600

enum market_state market_state_of(const struct market_source_status *st, time_t now);
/* "ok", "stale", "failing", "rate-limited", "no data yet". */
const char *market_state_name(enum market_state s);
/*
 * One line (caller frees): "ok, updated 14:02", "stale since 14:02",
 * "failing: HTTP 404", "rate-limited until 14:30", "no data yet"; a
 * warning is added after "; " ("ok, updated 14:02; geckoterminal: ...").
 * A failing or limited source with older data adds it: "...; values from
 * 14:02".
 */
char *market_state_text(const struct market_source_status *st, time_t now);
/* A time as the state lines show it: "14:02" today, else "2026-12-05 14:02". */
void market_fmt_clock(time_t now, time_t t, char *buf, size_t size);

#endif
