/*
 * Market tickers for the side panel: parsing of the generic JSON format and
 * of the real-API adapters (Gate Alpha, CoinGecko, DexScreener, GeckoTerminal
 * holders), validation of every value, merging a fresh list into the last
 * good one, sorting, and the request URLs the fetch thread sends.
 *
 * No curses, no network: bytes in, tickers out. Errors are values: a parser
 * returns NULL and a caller-owned message "<source>: <why>"; values it drops
 * while keeping the rest are listed in the list's reasons.
 * Formatting for display is in market/format.h.
 */
#ifndef NR_MARKET_MARKET_H
#define NR_MARKET_MARKET_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* The kind of a market source; the names are the config's. */
enum market_kind {
	MARKET_GENERIC,		/* "generic": {"tokens":[...]} from any file or URL */
	MARKET_GATE_ALPHA,	/* "gate-alpha": /api/v4/alpha/tickers */
	MARKET_COINGECKO,	/* "coingecko": /api/v3/coins/markets */
	MARKET_DEXSCREENER,	/* "dexscreener": /tokens/v1/{chain}/{addresses} */
	MARKET_GECKOTERMINAL,	/* "geckoterminal": token info, holders only */
};

/* A response body larger than this is refused unless the caller sets a cap. */
#define MARKET_DEFAULT_MAX_BODY (4u * 1024 * 1024)
/* Length caps in user-perceived characters (grapheme clusters). */
#define MARKET_SYMBOL_MAX 16
#define MARKET_NAME_MAX 64
/* Validation bounds; a value outside them is rejected (the field goes missing). */
#define MARKET_MAX_PRICE_USD 1e12
#define MARKET_MAX_CAP_USD 1e16
#define MARKET_MAX_HOLDERS 1e10
#define MARKET_MAX_CHANGE_PCT 1e6
/* At most this many reasons are kept per list; the last one counts the rest. */
#define MARKET_MAX_REASONS 50

/*
 * One numeric field. present: value is a finite, validated number.
 * rejected: the source sent something for it that failed validation (wrong
 * type, NaN, negative, absurd); value is then 0 and present false. Neither:
 * the source sent null or nothing. A missing field is shown as "—".
 */
struct market_num {
	double value;
	bool present;
	bool rejected;
};

/*
 * One token. A plain record: every string is owned by the ticker (freed by
 * market_ticker_clear(), or by the list that holds it) and is already
 * sanitized (no controls, no escape sequences, no bidi controls, valid UTF-8).
 */
struct market_ticker {
	char *id;	/* never NULL: the source's key (CoinGecko id, token address,
			   Gate currency; the symbol for generic) */
	char *symbol;	/* never NULL, 1..MARKET_SYMBOL_MAX characters */
	char *name;	/* NULL if unknown; at most MARKET_NAME_MAX characters */
	char *url;	/* NULL if unknown; always http:// or https:// */
	char *chain;	/* NULL if unknown; DexScreener chainId (for holders) */
	char *address;	/* NULL if unknown; the token's contract address on chain */
	char *pool;	/* NULL if unknown; DexScreener pairAddress (its OHLCV history) */
	struct market_num price_usd;
	struct market_num market_cap_usd;
	struct market_num holders;
	struct market_num change_24h_pct;
	struct market_num volume_24h_usd;	/* traded in the last 24 h, USD */
};

/*
 * A list of tickers in source order (or sorted). Owns its items and their
 * strings, and the reasons: one line per dropped value or entry, such as
 * "coingecko: PEPE: market_cap: negative (-5)", for the log/status line.
 * Create with market_list_new() (or get one from a parser), free with
 * market_list_free(). Ids are unique within a list (compared ignoring ASCII
 * case).
 */
struct market_list {
	struct market_ticker *items;
	size_t n;
	char **reasons;
	size_t nreasons;
	size_t alloc;		/* internal */
	size_t nreasons_dropped;	/* internal: reasons beyond the cap */
};

const char *market_kind_name(enum market_kind kind);
/* false for an unknown name. */
bool market_kind_from_name(const char *name, enum market_kind *kind);

/* Tickers and lists. */
void market_ticker_clear(struct market_ticker *t);
/* Deep copy of src into *dst (whose old contents are not freed). */
void market_ticker_copy(struct market_ticker *dst, const struct market_ticker *src);
struct market_list *market_list_new(void);
void market_list_free(struct market_list **lp);
struct market_list *market_list_copy(const struct market_list *l);
/*
 * Append a deep copy of t (for callers that rebuild a list, e.g. from the
 * cache). The strings are sanitized and capped as a parser would; returns
 * false and appends nothing if t->symbol or t->id is unusable or the id is
 * already in the list.
 */
bool market_list_append(struct market_list *l, const struct market_ticker *t);
/* The ticker with this id (ASCII case ignored) or NULL; borrowed. */
struct market_ticker *market_list_find(const struct market_list *l, const char *id);
/*
 * Keep only tickers whose symbol or id is in the comma-separated list
 * (ASCII case ignored), e.g. to pick a few tokens out of all Gate Alpha
 * tickers. NULL or "" keeps everything.
 */
void market_list_keep(struct market_list *l, const char *wanted);
/*
 * Set the holders of the ticker with this id from a separate lookup
 * (GeckoTerminal); false if no such ticker or the count fails validation.
 */
bool market_list_set_holders(struct market_list *l, const char *id, double count);

/*
 * Parse a response body of a list source (not MARKET_GECKOTERMINAL) into a
 * new list (caller frees). max_body 0 means MARKET_DEFAULT_MAX_BODY.
 * Returns NULL with *cause set (caller frees) when the body is too large,
 * is not JSON ("coingecko: line 3 column 5: unexpected token near '}'"),
 * is not the expected shape ("gate-alpha: expected an array"), or has
 * entries but none usable. Otherwise bad entries and bad fields are dropped
 * and listed in the list's reasons. An empty array is a valid empty list.
 */
struct market_list *market_parse(enum market_kind kind, const char *body, size_t len,
    size_t max_body, char **cause);
/*
 * GeckoTerminal token info (/api/v2/networks/{network}/tokens/{address}/info):
 * data.attributes.holders.count into *count. Returns 0, or -1 with *cause
 * ("geckoterminal: holders count missing").
 */
int market_parse_holders(const char *body, size_t len, size_t max_body, double *count,
    char **cause);

/* A series of (time, value) points, time order. Plain arrays, owned. */
struct market_series {
	time_t *t;
	double *v;
	size_t n;
};
/* A token's history from an API (market_history_clear() frees). */
struct market_history {
	struct market_series price, cap;
};
/*
 * CoinGecko's market chart (/api/v3/coins/{id}/market_chart?vs_currency=usd
 * &days=7): "prices" and "market_caps", arrays of [milliseconds, value].
 * Points with a bad time or value are skipped. 0, or -1 with *cause (not
 * JSON, too large, neither array there).
 */
int market_parse_chart(const char *body, size_t len, size_t max_body,
    struct market_history *out, char **cause);
void market_history_clear(struct market_history *h);
/*
 * GeckoTerminal's OHLCV of a pool (/api/v2/networks/{network}/pools/{pool}/
 * ohlcv/hour): data.attributes.ohlcv_list, rows [seconds, open, high, low,
 * close, volume], newest first; the closes become out->price, oldest first.
 * 0, or -1 with *cause.
 */
int market_parse_ohlcv(const char *body, size_t len, size_t max_body,
    struct market_history *out, char **cause);

/*
 * Merge a fresh list into the last good one, so that bad data never blanks
 * the panel. Returns a new list (caller frees); neither input is changed.
 *  - next == NULL (the fetch or parse failed): a copy of prev, unchanged.
 *  - Otherwise next decides which tokens are shown and in what order
 *    (a token the source no longer lists goes away), and for each token
 *    (matched by id) and each numeric field:
 *      present in next            -> next's value;
 *      rejected in next           -> prev's value (bad data never blanks);
 *      not sent, and the source kind never sends that field (holders from
 *      CoinGecko/DexScreener/Gate, which come from GeckoTerminal) -> prev's
 *      value;
 *      not sent (null or no key) by a source that has that field -> missing:
 *      the source says it does not know.
 *    name, url and chain follow the same rule (NULL counts as "not sent").
 * The result's reasons are next's. prev may be NULL.
 */
struct market_list *market_merge(const struct market_list *prev, const struct market_list *next,
    enum market_kind kind);

/* Which fields a kind ever sends (for market_merge). */
enum market_field_bits {
	MARKET_F_PRICE = 1 << 0,
	MARKET_F_CAP = 1 << 1,
	MARKET_F_HOLDERS = 1 << 2,
	MARKET_F_CHANGE = 1 << 3,
	MARKET_F_NAME = 1 << 4,
	MARKET_F_URL = 1 << 5,
	MARKET_F_VOLUME = 1 << 6,
};
unsigned market_kind_fields(enum market_kind kind);

enum market_sort {
	MARKET_SORT_CAP,	/* market cap, largest first */
	MARKET_SORT_CHANGE,	/* 24 h change, largest gain first */
	MARKET_SORT_HOLDERS,	/* holders, most first */
	MARKET_SORT_SYMBOL,	/* symbol A-Z */
};
/* Sort in place; missing values last; ties by symbol, then id. */
void market_list_sort(struct market_list *l, enum market_sort key);
/* The comparison market_list_sort uses, for callers sorting their own arrays. */
int market_ticker_cmp(const struct market_ticker *a, const struct market_ticker *b,
    enum market_sort key);

/*
 * A configured source, as the config module reads it
 * ("market-source coingecko URL ids=bitcoin,ethereum key=..."). All strings
 * are borrowed. base_url: for generic the whole URL; for the adapters the
 * scheme and host (plus any prefix) without the endpoint path, NULL or ""
 * for the public default.
 */
struct market_source {
	enum market_kind kind;
	const char *base_url;
	const char *ids;	/* coingecko: comma-separated coin ids (optional) */
	const char *chain;	/* dexscreener: chainId; geckoterminal: network */
	const char *addresses;	/* dexscreener/geckoterminal: comma-separated token
				   addresses (geckoterminal: exactly one) */
	const char *api_key;	/* coingecko: optional API key */
	bool pro;		/* coingecko: the key is a Pro key (else Demo) */
};

/* The public base URL of a kind ("" for generic, which has none). */
const char *market_default_base(enum market_kind kind);
/*
 * The request for a source: *url (caller frees) and *header, a whole
 * "Name: value" header line or NULL (caller frees; only CoinGecko with a
 * key). Returns 0, or -1 with *cause for a missing or bad parameter (no
 * chain or addresses for DexScreener, more than 30 addresses, a key with
 * control characters, a base URL that is not http(s)).
 */
int market_request(const struct market_source *src, char **url, char **header, char **cause);
/* The market chart URL of a CoinGecko coin id over days days (caller frees),
 * 0, or -1 with *cause; *header as market_request(). */
int market_chart_request(const struct market_source *src, const char *id, unsigned days,
    char **url, char **header, char **cause);
/* The hourly OHLCV URL of a pool over 7 days (168 hours) under base (NULL:
 * the public GeckoTerminal); 0, or -1 with *cause. */
int market_ohlcv_request(const char *base, const char *network, const char *pool, char **url,
    char **cause);
/* The API key header name for a CoinGecko key: x-cg-pro-api-key or x-cg-demo-api-key. */
const char *market_api_key_header(bool pro);
/* The shortest poll interval in seconds a kind allows (generic 1, the public APIs 60). */
unsigned market_min_interval(enum market_kind kind);
/* The interval to use: configured (0 = default 60) raised to the kind's minimum. */
unsigned market_interval(enum market_kind kind, unsigned configured);
/*
 * The GeckoTerminal network id for a DexScreener chainId ("ethereum" ->
 * "eth", "polygon" -> "polygon_pos", ...; other names unchanged). Borrowed.
 */
const char *market_geckoterminal_network(const char *dexscreener_chain);

#endif
