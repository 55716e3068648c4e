/*
 * Response bodies into ticker lists: the generic format and one adapter per
 * real API. Each parser checks the overall shape first (a wrong shape is an
 * error and the caller keeps its last good list), then reads entry by entry:
 * an entry without a usable symbol is dropped, a field that fails
 * validation goes missing, and each drop leaves a reason in the list.
 *
 * Numbers come as JSON numbers or as numeric strings ("0.0123"). Strings
 * are parsed by jansson itself, which follows JSON's grammar and is
 * independent of LC_NUMERIC, so "NaN", "inf", "0x10" and "1,5" are refused
 * rather than half-read as strtod(3) would.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "market/internal.h"
#include "market/market.h"
#include "util/json.h"
#include "util/xalloc.h"

/* One parse: the source's name for messages and the list being filled. */
struct pctx {
	const char *src;
	struct market_list *l;
};

static json_t *
load(const char *src, const char *body, size_t len, size_t max_body, char **cause)
{
	json_error_t err;

	if (max_body == 0)
		max_body = MARKET_DEFAULT_MAX_BODY;
	if (len > max_body) {
		*cause = xasprintf("%s: response too large (%zu bytes, limit %zu)", src, len,
		    max_body);
		return NULL;
	}
	/* Duplicate keys are allowed (the last wins), as most servers expect. */
	json_t *root = json_load_fetched(body, len, JSON_DECODE_ANY, &err);
	if (root == NULL) {
		char *why = xstrndup(err.text, strlen(err.text));
		/* jansson quotes the offending input: keep it printable. */
		for (char *p = why; *p != '\0'; p++) {
			if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F)
				*p = '?';
		}
		*cause = xasprintf("%s: line %d column %d: %s", src, err.line, err.column, why);
		free(why);
	}
	return root;
}

/* A short printable rendering of an untrusted JSON value, for reasons. */
static char *
describe(const json_t *v)
{
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_ENSURE_ASCII |
	    JSON_REAL_PRECISION(12));

	if (s == NULL)
		return xstrdup("?");
	/* JSON_ENSURE_ASCII leaves DEL (0x7f), an ASCII control, as is. */
	for (char *d = s; (d = strchr(d, '\x7f')) != NULL; )
		*d = '?';
	if (strlen(s) > 40) {
		char *c = xasprintf("%.37s...", s);
		free(s);
		return c;
	}
	char *c = xstrdup(s);	/* json_dumps' memory is jansson's allocator's */
	free(s);
	return c;
}

/*
 * A numeric value from a JSON number or numeric string. Returns NULL and
 * sets *out, or sets *absent for null/""/no value, or returns why it is not
 * a number.
 */
static const char *
to_double(const json_t *v, bool pct, double *out, bool *absent)
{
	*absent = false;
	if (v == NULL || json_is_null(v)) {
		*absent = true;
		return NULL;
	}
	if (json_is_integer(v)) {
		*out = (double)json_integer_value(v);
		return NULL;
	}
	if (json_is_real(v)) {
		*out = json_real_value(v);
		return NULL;
	}
	if (!json_is_string(v))
		return "wrong type";

	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0) {
		*absent = true;
		return NULL;
	}
	if (pct && s[len - 1] == '%')
		len--;
	if (len > 0 && *s == '+') {
		s++;
		len--;
	}
	if (len == 0 || len > 64 || memchr(s, '\0', len) != NULL || strchr("-0123456789", *s) == NULL)
		return "not a number";

	json_error_t err;
	json_t *n = json_loadb(s, len, JSON_DECODE_ANY, &err);
	const char *why = NULL;
	if (n == NULL)
		why = strstr(err.text, "overflow") || strstr(err.text, "too big") ?
		    "out of range" : "not a number";
	else if (json_is_integer(n))
		*out = (double)json_integer_value(n);
	else if (json_is_real(n))
		*out = json_real_value(n);
	else
		why = "not a number";
	json_decref(n);
	return why;
}

/* Read obj[key] as field f of the ticker whose symbol is sym. */
static void
get_num(struct pctx *c, const char *sym, const json_t *obj, const char *key,
    enum market_numfield f, struct market_num *out)
{
	const json_t *v = obj ? json_object_get(obj, key) : NULL;
	bool absent;
	double d = 0;

	memset(out, 0, sizeof *out);
	const char *why = to_double(v, f == MNF_CHANGE, &d, &absent);
	if (why == NULL && absent)
		return;
	if (why == NULL)
		why = market_check_value(f, d);
	if (why != NULL) {
		char *what = describe(v);
		market_reason(c->l, "%s: %s: %s: %s (%s)", c->src, sym, key, why, what);
		free(what);
		out->rejected = true;
		return;
	}
	out->value = d == 0 ? 0 : d;	/* no -0 */
	out->present = true;
}

/* obj[key] when it is a non-empty string; NULL when absent, null or
 * empty, and (with a reason) when of another type. */
static const json_t *
opt_string(struct pctx *c, const char *sym, const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		market_reason(c->l, "%s: %s: %s: wrong type", c->src, sym, key);
		return NULL;
	}
	return json_string_length(v) == 0 ? NULL : v;
}

/* Read obj[key] as optional text (name, chain) or, with url, as a link;
 * NULL if absent or bad. */
static char *
get_clean(struct pctx *c, const char *sym, const json_t *obj, const char *key, size_t max,
    bool strict, bool url)
{
	const json_t *v = opt_string(c, sym, obj, key);
	const char *why;
	char *s;

	if (v == NULL)
		return NULL;
	if (url)
		s = market_clean_url(json_string_value(v), json_string_length(v), &why);
	else
		s = market_clean_text(json_string_value(v), json_string_length(v), max, strict,
		    &why);
	if (s == NULL)
		market_reason(c->l, "%s: %s: %s: %s", c->src, sym, key, why);
	return s;
}

static char *
get_text(struct pctx *c, const char *sym, const json_t *obj, const char *key, size_t max,
    bool strict)
{
	return get_clean(c, sym, obj, key, max, strict, false);
}

static char *
get_url(struct pctx *c, const char *sym, const json_t *obj, const char *key)
{
	return get_clean(c, sym, obj, key, 0, false, true);
}

/*
 * The required symbol (or id) of entry i: a clean copy, or NULL with the
 * entry dropped and a reason.
 */
static char *
get_key(struct pctx *c, size_t i, const json_t *obj, const char *key, size_t max)
{
	const json_t *v = json_object_get(obj, key);
	const char *why;

	if (v == NULL || json_is_null(v)) {
		market_reason(c->l, "%s: entry %zu: no %s, dropped", c->src, i + 1, key);
		return NULL;
	}
	if (!json_is_string(v)) {
		market_reason(c->l, "%s: entry %zu: %s is not a string, dropped", c->src, i + 1,
		    key);
		return NULL;
	}
	char *s = market_clean_text(json_string_value(v), json_string_length(v), max, true,
	    &why);
	if (s == NULL)
		market_reason(c->l, "%s: entry %zu: %s %s, dropped", c->src, i + 1, key, why);
	return s;
}

static bool
entry_object(struct pctx *c, size_t i, const json_t *e)
{
	if (json_is_object(e))
		return true;
	market_reason(c->l, "%s: entry %zu: not an object, dropped", c->src, i + 1);
	return false;
}

/* Read entry i (e, an object whose symbol is already in t->symbol) into
 * t; false drops it. */
typedef bool entry_fill(struct pctx *c, size_t i, const json_t *e, struct market_ticker *t);

/* Each entry of the array arr, its shown symbol in e[key], read by fill. */
static void
parse_entries(struct pctx *c, const json_t *arr, const char *key, entry_fill *fill)
{
	size_t i;
	const json_t *e;

	json_array_foreach(arr, i, e) {
		struct market_ticker t = { 0 };
		if (!entry_object(c, i, e) ||
		    (t.symbol = get_key(c, i, e, key, MARKET_SYMBOL_MAX)) == NULL)
			continue;
		if (fill(c, i, e, &t))
			market_list_push(c->l, &t);
		else
			market_ticker_clear(&t);
	}
}

/* {"tokens":[{"symbol","name","price_usd","market_cap_usd","holders","change_24h_pct",
 * "volume_24h_usd","url","chain","address"}]}: chain and address let the
 * panel merge the token with the same one from another source. */
static bool
generic_entry(struct pctx *c, size_t i, const json_t *e, struct market_ticker *t)
{
	(void)i;
	t->id = xstrdup(t->symbol);
	t->name = get_text(c, t->symbol, e, "name", MARKET_NAME_MAX, false);
	t->url = get_url(c, t->symbol, e, "url");
	get_num(c, t->symbol, e, "price_usd", MNF_PRICE, &t->price_usd);
	get_num(c, t->symbol, e, "market_cap_usd", MNF_CAP, &t->market_cap_usd);
	get_num(c, t->symbol, e, "holders", MNF_HOLDERS, &t->holders);
	get_num(c, t->symbol, e, "change_24h_pct", MNF_CHANGE, &t->change_24h_pct);
	get_num(c, t->symbol, e, "volume_24h_usd", MNF_CAP, &t->volume_24h_usd);
	t->chain = get_text(c, t->symbol, e, "chain", 64, true);
	t->address = get_text(c, t->symbol, e, "address", 128, true);
	return true;
}

/* [{"currency","last","change","volume","market_cap"}], all strings; change in %. */
static bool
gate_entry(struct pctx *c, size_t i, const json_t *e, struct market_ticker *t)
{
	/* The id is the whole currency even when the shown symbol is cut. */
	if ((t->id = get_key(c, i, e, "currency", 128)) == NULL)
		return false;
	get_num(c, t->symbol, e, "last", MNF_PRICE, &t->price_usd);
	get_num(c, t->symbol, e, "market_cap", MNF_CAP, &t->market_cap_usd);
	get_num(c, t->symbol, e, "change", MNF_CHANGE, &t->change_24h_pct);
	return true;
}

/* CoinGecko ids are slugs; anything else gets no page link. */
static bool
slug(const char *s)
{
	for (; *s != '\0'; s++) {
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-' &&
		    *s != '_' && *s != '.')
			return false;
	}
	return true;
}

/* [{"id","symbol","name","current_price","market_cap","price_change_percentage_24h"}] */
static bool
coingecko_entry(struct pctx *c, size_t i, const json_t *e, struct market_ticker *t)
{
	/* CoinGecko sends symbols in lower case; tickers are shown upper. */
	for (char *p = t->symbol; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	if (json_is_string(json_object_get(e, "id")))
		t->id = get_key(c, i, e, "id", 128);
	if (t->id == NULL)
		t->id = xstrdup(t->symbol);
	else if (slug(t->id))
		t->url = xasprintf("https://www.coingecko.com/en/coins/%s", t->id);
	t->name = get_text(c, t->symbol, e, "name", MARKET_NAME_MAX, false);
	get_num(c, t->symbol, e, "current_price", MNF_PRICE, &t->price_usd);
	get_num(c, t->symbol, e, "market_cap", MNF_CAP, &t->market_cap_usd);
	/* CoinGecko reports an unknown market cap as 0, not null. */
	if (t->market_cap_usd.present && t->market_cap_usd.value == 0)
		t->market_cap_usd.present = false;
	get_num(c, t->symbol, e, "price_change_percentage_24h", MNF_CHANGE,
	    &t->change_24h_pct);
	get_num(c, t->symbol, e, "total_volume", MNF_CAP, &t->volume_24h_usd);
	return true;
}

/* One DexScreener pair: position in the array, base token address, liquidity. */
struct dexpair {
	size_t i;
	const char *addr;
	double liq;
	const json_t *pair;
};

static int
cmp_dexpair(const void *a, const void *b)
{
	const struct dexpair *x = a, *y = b;
	int c = strcasecmp(x->addr, y->addr);

	if (c != 0)
		return c;
	/* Most liquidity first; on a tie the earlier pair. */
	if (x->liq != y->liq)
		return x->liq > y->liq ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
cmp_dexpair_pos(const void *a, const void *b)
{
	const struct dexpair *x = a, *y = b;

	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * [{"chainId","url","baseToken":{"address","symbol","name"},"priceUsd",
 *   "marketCap","priceChange":{"h24"},"liquidity":{"usd"}}]: several pairs
 * per token; the one with the most liquidity speaks for it.
 */
static void
parse_dexscreener(struct pctx *c, const json_t *arr)
{
	size_t i, n = 0;
	const json_t *e;
	struct dexpair *p = xreallocarray(NULL, json_array_size(arr) + 1, sizeof *p);

	json_array_foreach(arr, i, e) {
		if (!entry_object(c, i, e))
			continue;
		const json_t *base = json_object_get(e, "baseToken");
		const json_t *addr = json_object_get(base, "address");
		if (!json_is_object(base) || !json_is_string(addr) ||
		    json_string_length(addr) == 0) {
			market_reason(c->l, "%s: entry %zu: no baseToken.address, dropped",
			    c->src, i + 1);
			continue;
		}
		const json_t *liq = json_object_get(json_object_get(e, "liquidity"), "usd");
		double d;
		bool absent;
		if (to_double(liq, false, &d, &absent) != NULL || absent ||
		    market_check_value(MNF_CAP, d) != NULL)
			d = -1;	/* unknown liquidity loses to any known */
		p[n++] = (struct dexpair){ i, json_string_value(addr), d, e };
	}
	qsort(p, n, sizeof *p, cmp_dexpair);
	size_t m = 0;
	for (size_t k = 0; k < n; k++) {
		if (k == 0 || strcasecmp(p[k].addr, p[k - 1].addr) != 0)
			p[m++] = p[k];
	}
	/* Tokens in the order the response first named them. */
	qsort(p, m, sizeof *p, cmp_dexpair_pos);
	for (size_t k = 0; k < m; k++) {
		struct market_ticker t = { 0 };
		const json_t *base = json_object_get(p[k].pair, "baseToken");
		if ((t.symbol = get_key(c, p[k].i, base, "symbol", MARKET_SYMBOL_MAX)) == NULL)
			continue;
		if ((t.id = get_key(c, p[k].i, base, "address", 128)) == NULL) {
			market_ticker_clear(&t);
			continue;
		}
		t.name = get_text(c, t.symbol, base, "name", MARKET_NAME_MAX, false);
		t.chain = get_text(c, t.symbol, p[k].pair, "chainId", 64, true);
		t.url = get_url(c, t.symbol, p[k].pair, "url");
		get_num(c, t.symbol, p[k].pair, "priceUsd", MNF_PRICE, &t.price_usd);
		get_num(c, t.symbol, p[k].pair, "marketCap", MNF_CAP, &t.market_cap_usd);
		get_num(c, t.symbol, json_object_get(p[k].pair, "priceChange"), "h24",
		    MNF_CHANGE, &t.change_24h_pct);
		get_num(c, t.symbol, json_object_get(p[k].pair, "volume"), "h24",
		    MNF_CAP, &t.volume_24h_usd);
		t.address = xstrdup(t.id);
		t.pool = get_text(c, t.symbol, p[k].pair, "pairAddress", 128, true);
		market_list_push(c->l, &t);
	}
	free(p);
}

struct market_list *
market_parse(enum market_kind kind, const char *body, size_t len, size_t max_body,
    char **cause)
{
	const char *src = market_kind_name(kind);
	json_t *root = load(src, body, len, max_body, cause);
	const json_t *arr = root;
	const char *bad = NULL;

	if (root == NULL)
		return NULL;
	if (kind == MARKET_GENERIC) {
		arr = json_is_object(root) ? json_object_get(root, "tokens") : NULL;
		if (!json_is_array(arr))
			bad = "expected an object with a \"tokens\" array";
	} else if (kind == MARKET_GECKOTERMINAL)
		bad = "token info has holders only, not a token list";
	else if (!json_is_array(arr))
		bad = "expected an array";
	if (bad != NULL) {
		*cause = xasprintf("%s: %s", src, bad);
		json_decref(root);
		return NULL;
	}

	struct pctx c = { src, market_list_new() };
	switch (kind) {
	case MARKET_GENERIC:
		parse_entries(&c, arr, "symbol", generic_entry);
		break;
	case MARKET_GATE_ALPHA:
		parse_entries(&c, arr, "currency", gate_entry);
		break;
	case MARKET_COINGECKO:
		parse_entries(&c, arr, "symbol", coingecko_entry);
		break;
	case MARKET_DEXSCREENER:
		parse_dexscreener(&c, arr);
		break;
	case MARKET_GECKOTERMINAL:
		break;
	}
	market_list_dedupe(c.l, src);
	/* Entries but not one usable: not a token list after all. */
	if (json_array_size(arr) > 0 && c.l->n == 0) {
		*cause = xasprintf("%s: no usable entries (%s)", src,
		    c.l->nreasons ? c.l->reasons[0] : "?");
		market_list_free(&c.l);
	}
	json_decref(root);
	return c.l;
}

int
market_parse_holders(const char *body, size_t len, size_t max_body, double *count,
    char **cause)
{
	const char *src = market_kind_name(MARKET_GECKOTERMINAL);
	json_t *root = load(src, body, len, max_body, cause);

	if (root == NULL)
		return -1;
	const json_t *holders = json_object_get(json_object_get(json_object_get(root, "data"),
	    "attributes"), "holders");
	const json_t *v = json_object_get(holders, "count");
	bool absent = false;
	const char *why;

	if (!json_is_object(holders))
		why = "expected data.attributes.holders";
	else if ((why = to_double(v, false, count, &absent)) == NULL)
		why = absent ? "holders count unknown" : market_check_value(MNF_HOLDERS, *count);
	if (why != NULL)
		*cause = xasprintf("%s: %s%s", src, v && !absent ? "holders count: " : "", why);
	json_decref(root);
	return why == NULL ? 0 : -1;
}

/* Room in s for n points. */
static void
series_alloc(struct market_series *s, size_t n)
{
	s->t = xreallocarray(NULL, n + 1, sizeof *s->t);
	s->v = xreallocarray(NULL, n + 1, sizeof *s->v);
}

/* The point (when / per_second seconds, val) added to s (room made by
 * series_alloc); a bad one is skipped. */
static void
series_add(struct market_series *s, const json_t *when, double per_second, const json_t *val,
    enum market_numfield f)
{
	double d;
	bool absent;

	if (!json_is_number(when) || to_double(val, false, &d, &absent) != NULL || absent ||
	    market_check_value(f, d) != NULL)
		return;
	double sec = json_number_value(when) / per_second;
	if (!(sec > 0 && sec < 1e11))
		return;
	s->t[s->n] = (time_t)sec;
	s->v[s->n++] = d;
}

/* One [[ms, value], ...] array of a market chart into s; bad points are skipped. */
static void
chart_series(const json_t *arr, enum market_numfield f, struct market_series *s)
{
	size_t n = json_array_size(arr);

	series_alloc(s, n);
	for (size_t i = 0; i < n; i++) {
		const json_t *p = json_array_get(arr, i);
		series_add(s, json_array_get(p, 0), 1000, json_array_get(p, 1), f);
	}
}

int
market_parse_chart(const char *body, size_t len, size_t max_body, struct market_history *out,
    char **cause)
{
	const char *src = market_kind_name(MARKET_COINGECKO);
	json_t *root = load(src, body, len, max_body, cause);

	memset(out, 0, sizeof *out);
	if (root == NULL)
		return -1;
	const json_t *prices = json_object_get(root, "prices");
	const json_t *caps = json_object_get(root, "market_caps");
	if (!json_is_array(prices) && !json_is_array(caps)) {
		*cause = xasprintf("%s: market chart: expected prices or market_caps", src);
		json_decref(root);
		return -1;
	}
	chart_series(prices, MNF_PRICE, &out->price);
	chart_series(caps, MNF_CAP, &out->cap);
	json_decref(root);
	return 0;
}

void
market_history_clear(struct market_history *h)
{
	free(h->price.t);
	free(h->price.v);
	free(h->cap.t);
	free(h->cap.v);
	memset(h, 0, sizeof *h);
}

int
market_parse_ohlcv(const char *body, size_t len, size_t max_body, struct market_history *out,
    char **cause)
{
	const char *src = market_kind_name(MARKET_GECKOTERMINAL);
	json_t *root = load(src, body, len, max_body, cause);

	memset(out, 0, sizeof *out);
	if (root == NULL)
		return -1;
	const json_t *list = json_object_get(json_object_get(json_object_get(root, "data"),
	    "attributes"), "ohlcv_list");
	if (!json_is_array(list)) {
		*cause = xasprintf("%s: OHLCV: expected data.attributes.ohlcv_list", src);
		json_decref(root);
		return -1;
	}
	size_t n = json_array_size(list);
	struct market_series *s = &out->price;
	series_alloc(s, n);
	/* [timestamp (s), open, high, low, close, volume], newest first: the
	 * close is the price at the end of the hour. */
	for (size_t i = n; i-- > 0;) {
		const json_t *row = json_array_get(list, i);
		series_add(s, json_array_get(row, 0), 1, json_array_get(row, 4), MNF_PRICE);
	}
	json_decref(root);
	return 0;
}
