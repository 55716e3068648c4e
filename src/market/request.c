/*
 * What the fetch thread sends for each source: the request URL built from
 * the configured base URL and parameters (so tests can point a source at
 * 127.0.0.1), the optional API key header, and how often it may ask.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "market/market.h"
#include "util/buf.h"
#include "util/xalloc.h"

const char *
market_default_base(enum market_kind kind)
{
	switch (kind) {
	case MARKET_GENERIC:
		return "";
	case MARKET_GATE_ALPHA:
		return "https://api.gateio.ws";
	case MARKET_COINGECKO:
		return "https://api.coingecko.com";
	case MARKET_DEXSCREENER:
		return "https://api.dexscreener.com";
	case MARKET_GECKOTERMINAL:
		return "https://api.geckoterminal.com";
	}
	return "";
}

const char *
market_api_key_header(bool pro)
{
	return pro ? "x-cg-pro-api-key" : "x-cg-demo-api-key";
}

unsigned
market_min_interval(enum market_kind kind)
{
	/*
	 * The generic source is the user's own file or server. The public APIs
	 * allow more (CoinGecko's free tier about 30 calls a minute, DexScreener
	 * 300), but a panel needs no more than a minute, and the quota is shared
	 * with everything else the user runs.
	 */
	return kind == MARKET_GENERIC ? 1 : 60;
}

unsigned
market_interval(enum market_kind kind, unsigned configured)
{
	unsigned v = configured ? configured : 60;
	unsigned min = market_min_interval(kind);

	return v < min ? min : v;
}

const char *
market_geckoterminal_network(const char *chain)
{
	static const char *const map[][2] = {
		{ "ethereum", "eth" },
		{ "polygon", "polygon_pos" },
		{ "avalanche", "avax" },
		{ "fantom", "ftm" },
		{ "cronos", "cro" },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (strcmp(chain, map[i][0]) == 0)
			return map[i][1];
	}
	return chain;
}

static bool
printable_ascii(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7F)
			return false;
	}
	return true;
}

static bool
web_url(const char *s, bool allow_file)
{
	return strncasecmp(s, "https://", 8) == 0 || strncasecmp(s, "http://", 7) == 0 ||
	    (allow_file && strncasecmp(s, "file://", 7) == 0);
}

/*
 * Append a comma-separated list, each item trimmed and percent-encoded
 * (RFC 3986 unreserved characters stay). Returns the item count, or -1 for
 * an empty item.
 */
static int
append_list(struct buf *b, const char *list)
{
	int n = 0;
	const char *p = list;

	for (;;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		while (len > 0 && *p == ' ') {
			p++;
			len--;
		}
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len == 0)
			return -1;
		if (n > 0)
			buf_append_char(b, ',');
		for (size_t i = 0; i < len; i++) {
			unsigned char ch = (unsigned char)p[i];
			if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
			    (ch >= '0' && ch <= '9') || strchr("-._~", ch) != NULL)
				buf_append_char(b, (char)ch);
			else
				buf_printf(b, "%%%02X", ch);
		}
		n++;
		if (e == NULL)
			return n;
		p = e + 1;
	}
}

static bool
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

int
market_request(const struct market_source *src, char **url, char **header, char **cause)
{
	const char *name = market_kind_name(src->kind);
	const char *base = src->base_url;
	struct buf b;
	int n;

	*url = *header = NULL;
	if (empty(base))
		base = src->kind == MARKET_COINGECKO && src->pro ?
		    "https://pro-api.coingecko.com" : market_default_base(src->kind);
	if (*base == '\0') {
		*cause = xasprintf("%s: no URL", name);
		return -1;
	}
	if (!printable_ascii(base) || !web_url(base, src->kind == MARKET_GENERIC)) {
		*cause = xasprintf("%s: not an http(s) URL", name);
		return -1;
	}
	buf_init(&b, 0);
	buf_append_str(&b, base);
	/* The endpoint paths start with '/'; a base may or may not end in one. */
	while (src->kind != MARKET_GENERIC && b.len > 0 && b.data[b.len - 1] == '/')
		b.data[--b.len] = '\0';

	switch (src->kind) {
	case MARKET_GENERIC:
		break;
	case MARKET_GATE_ALPHA:
		buf_append_str(&b, "/api/v4/alpha/tickers");
		break;
	case MARKET_COINGECKO:
		buf_append_str(&b, "/api/v3/coins/markets?vs_currency=usd");
		if (!empty(src->ids)) {
			buf_append_str(&b, "&ids=");
			if (append_list(&b, src->ids) < 0) {
				*cause = xasprintf("%s: empty name in ids", name);
				goto fail;
			}
		}
		break;
	case MARKET_DEXSCREENER:
	case MARKET_GECKOTERMINAL:
		if (empty(src->chain) || empty(src->addresses)) {
			*cause = xasprintf("%s: needs %s and addresses", name,
			    src->kind == MARKET_DEXSCREENER ? "chain" : "network");
			goto fail;
		}
		buf_append_str(&b, src->kind == MARKET_DEXSCREENER ? "/tokens/v1/" :
		    "/api/v2/networks/");
		if (strchr(src->chain, ',') != NULL || append_list(&b, src->chain) != 1) {
			*cause = xasprintf("%s: bad chain", name);
			goto fail;
		}
		buf_append_str(&b, src->kind == MARKET_DEXSCREENER ? "/" : "/tokens/");
		n = append_list(&b, src->addresses);
		/* DexScreener takes up to 30 addresses a request; GeckoTerminal's info one. */
		if (n < 0 || n > (src->kind == MARKET_DEXSCREENER ? 30 : 1)) {
			*cause = xasprintf("%s: %s", name, n < 0 ? "empty address" :
			    src->kind == MARKET_DEXSCREENER ? "at most 30 addresses per source" :
			    "one address per request");
			goto fail;
		}
		if (src->kind == MARKET_GECKOTERMINAL)
			buf_append_str(&b, "/info");
		break;
	}

	if (src->kind == MARKET_COINGECKO && !empty(src->api_key)) {
		if (!printable_ascii(src->api_key)) {
			*cause = xasprintf("%s: the API key has spaces or control characters",
			    name);
			goto fail;
		}
		*header = xasprintf("%s: %s", market_api_key_header(src->pro), src->api_key);
	}
	*url = buf_detach(&b);
	return 0;
fail:
	buf_free(&b);
	return -1;
}

int
market_chart_request(const struct market_source *src, const char *id, unsigned days,
    char **url, char **header, char **cause)
{
	struct market_source q = *src;
	char *markets;
	const char *name = market_kind_name(MARKET_COINGECKO);

	*url = *header = NULL;
	/* CoinGecko ids are slugs: anything else would change the path. */
	for (const char *p = id; p != NULL && *p != '\0'; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-' &&
		    *p != '_' && *p != '.') {
			*cause = xasprintf("%s: %s: not a coin id", name, id);
			return -1;
		}
	if (id == NULL || *id == '\0' || src->kind != MARKET_COINGECKO) {
		*cause = xasprintf("%s: no coin id for the market chart", name);
		return -1;
	}
	q.ids = NULL;
	if (market_request(&q, &markets, header, cause) == -1)
		return -1;
	/* The base is what comes before the markets endpoint. */
	char *cut = strstr(markets, "/api/v3/coins/markets");
	if (cut != NULL)
		*cut = '\0';
	*url = xasprintf("%s/api/v3/coins/%s/market_chart?vs_currency=usd&days=%u", markets, id,
	    days);
	free(markets);
	return 0;
}

/* A path segment we build URLs from: letters, digits, '_', '-', '.'. */
static bool
segment(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
			return false;
	return true;
}

int
market_ohlcv_request(const char *base, const char *network, const char *pool, char **url,
    char **cause)
{
	const char *name = market_kind_name(MARKET_GECKOTERMINAL);

	*url = NULL;
	if (base == NULL || *base == '\0')
		base = market_default_base(MARKET_GECKOTERMINAL);
	if (!printable_ascii(base) || !web_url(base, false)) {
		*cause = xasprintf("%s: not an http(s) URL", name);
		return -1;
	}
	if (!segment(network) || !segment(pool)) {
		*cause = xasprintf("%s: OHLCV: bad network or pool", name);
		return -1;
	}
	size_t bl = strlen(base);
	while (bl > 0 && base[bl - 1] == '/')
		bl--;
	*url = xasprintf("%.*s/api/v2/networks/%s/pools/%s/ohlcv/hour?aggregate=1&limit=168",
	    (int)bl, base, network, pool);
	return 0;
}
