/*
 * Market sources as the program polls them: the config's market-source
 * lines turned into request parameters (market_request()), each with its
 * interval, and a scheduler that says which sources to refresh now and when
 * to wake up next. No I/O: the caller submits the due sources to the fetch
 * thread (jobs/marketjob.h) and reports each outcome back.
 *
 * market-source KIND URL [key=value ...] parameters:
 *   ids=a,b          coingecko: coin ids
 *   key=K            coingecko: API key, sent as a header (never stored)
 *   key-type=pro     coingecko: the key is a Pro key (default demo)
 *   chain=C          dexscreener: chainId (also the GeckoTerminal network)
 *   addresses=a,b    dexscreener: token addresses (at most 30)
 *   symbols=A,B      any kind: keep only these symbols or ids
 *   holders=geckoterminal
 *                    dexscreener: look up each token's holders on
 *                    GeckoTerminal (at most every MARKET_HOLDERS_INTERVAL s)
 *   holders-url=URL  the GeckoTerminal base URL (implies holders)
 *   network=N        the GeckoTerminal network (default: from the chain)
 *   interval=S       this source's interval (default market-interval)
 *   name=NAME        the source's name in the cache and in events
 * For the adapters URL is the API's base ("https://api.dexscreener.com");
 * a URL that already ends in the kind's endpoint path (and query) is cut
 * back to the base. For generic it is the whole URL (file:// allowed).
 */
#ifndef NR_MARKET_SOURCE_H
#define NR_MARKET_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config/diag.h"
#include "config/settings.h"
#include "market/market.h"

/* Holder counts change slowly and GeckoTerminal's free quota is small. */
#define MARKET_HOLDERS_INTERVAL 300
/* A refresh not reported back after this long is taken as lost. */
#define MARKET_IN_FLIGHT_MAX 300
/* A Retry-After further away than this is cut to it. */
#define MARKET_RETRY_MAX (24 * 3600)

/*
 * One configured source and its schedule. A plain record owned by its
 * struct market_sources: every string is owned (NULL when not set).
 */
struct market_src {
	char *name;		/* unique; "KIND URL [ids=..] [chain=..] [addresses=..]"
				   or the name= parameter */
	enum market_kind kind;
	char *base_url;
	char *ids, *chain, *addresses, *api_key;
	bool pro;
	char *keep;		/* symbols= */
	bool holders;		/* GeckoTerminal holders lookups */
	char *holders_base;	/* NULL: the public GeckoTerminal */
	char *network;		/* NULL: market_geckoterminal_network(token chain) */
	unsigned interval;	/* seconds, at least market_min_interval(kind) */
	int line;		/* config line; 0 for the demo source */

	/* Schedule (market_schedule_*). */
	time_t next_due;	/* 0: due at once */
	time_t retry_until;	/* the server asked us to wait until then */
	time_t holders_due;	/* next holders lookup; 0: with the next refresh */
	time_t in_flight_since;	/* submitted, outcome not reported; 0: idle */
	bool want_holders;	/* set by market_schedule_due for this submission */
};

/* Plain array owned by its creator; market_sources_free() frees. */
struct market_sources {
	struct market_src *v;
	size_t n;
};

/*
 * The sources of cfg (market-source lines, including the demo source the
 * config loader adds). A line whose parameters are unusable (unknown key,
 * DexScreener without chain or addresses, a bad interval, a duplicate) is
 * left out with a DIAG_WARNING "FILE:LINE: market-source: ..." in d (d may
 * be NULL). Never NULL; n may be 0.
 */
struct market_sources *market_sources_from_config(const struct config *cfg,
    struct diag_list *d);
void market_sources_free(struct market_sources **lp);
/* The source with this name, or NULL; borrowed. */
struct market_src *market_sources_find(const struct market_sources *l, const char *name);
/* Deep copy of one source (for a job on another thread); free with market_src_free. */
struct market_src *market_src_copy(const struct market_src *s);
void market_src_free(struct market_src **sp);
/* The request parameters of s for market_request(); strings borrowed from s. */
void market_src_request(const struct market_src *s, struct market_source *out);

/*
 * The sources due at now, in config order: their indexes go to due[] (up
 * to max of them), each is marked in flight (and want_holders is decided);
 * returns how many. A source in flight is not due again until its outcome
 * is reported or MARKET_IN_FLIGHT_MAX passes.
 */
size_t market_schedule_due(struct market_sources *l, time_t now, size_t *due, size_t max);
/*
 * The refresh of the source named name ended at now (its market job event):
 * next one after its interval, or at retry_after (absolute, 0 = none) when
 * the server asked for more. Unknown names are ignored.
 */
void market_schedule_done(struct market_sources *l, const char *name, time_t now,
    time_t retry_after);
/*
 * After a start, from what the cache remembers (store_tickers_status):
 * the next refresh of source i is not before last_attempt + interval nor
 * before retry_after, so restarting does not hammer a server.
 */
void market_schedule_restore(struct market_sources *l, size_t i, time_t now,
    time_t last_attempt, time_t retry_after);
/* The user asked for fresh data: everything is due now, except sources a
 * server told to wait. */
void market_schedule_refresh(struct market_sources *l, time_t now);
/* The earliest time a source is due (an in-flight one: when it counts as
 * lost); 0 when there are no sources. */
time_t market_schedule_next(const struct market_sources *l);
/* Milliseconds from now to market_schedule_next() for poll(): -1 with no
 * sources, 0 when one is due. */
int market_schedule_timeout_ms(const struct market_sources *l, time_t now);

#endif
