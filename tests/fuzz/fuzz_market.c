/*
 * libFuzzer target for the market parsers (src/market/market.h): the input
 * is a response body, parsed as every kind and as GeckoTerminal token info.
 * Each list must keep market.h's promises (sanitized strings of capped
 * length, http(s) URLs, validated numbers, unique ids); then it is merged,
 * sorted by every key and formatted as the panel would.
 */
#include "config.h"

#include <math.h>
#include <strings.h>
#include <utf8proc.h>

#include "market/format.h"
#include "market/market.h"

#include "fuzz.h"

/* Grapheme clusters in valid UTF-8 s. */
static size_t
clusters(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s), i = 0;
	utf8proc_int32_t cp, prev = -1, state = 0;
	size_t n = 0;

	while (i < len) {
		utf8proc_ssize_t k = utf8proc_iterate(p + i, len - i, &cp);
		if (k <= 0)
			return (size_t)-1;
		if (prev == -1 || utf8proc_grapheme_break_stateful(prev, cp, &state))
			n++;
		prev = cp;
		i += k;
	}
	return n;
}

static void
check_text(const char *s, size_t max, const char *what)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL)
		return;
	fuzz_touch(s);
	fuzz_check_clean(s, false, what);
	for (; *p != '\0'; p++)
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
		    (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
			fuzz_fail("%s keeps a bidi control: \"%s\"", what, s);
	if (max > 0 && clusters(s) > max)
		fuzz_fail("%s has %zu characters, cap %zu: \"%s\"", what, clusters(s), max, s);
}

static void
check_num(struct market_num n, double max, const char *what)
{
	char buf[MARKET_FMT_SIZE];

	if (n.present && n.rejected)
		fuzz_fail("%s both present and rejected", what);
	if (n.present && (!isfinite(n.value) || fabs(n.value) > max ||
	    (max != MARKET_MAX_CHANGE_PCT && n.value < 0)))
		fuzz_fail("%s: %g passed validation", what, n.value);
	if (!n.present && n.value != 0)
		fuzz_fail("%s: missing but value %g", what, n.value);
	for (int flags = 0; flags <= MARKET_FMT_ASCII; flags++) {
		fuzz_touch(market_fmt_money(n, flags, buf));
		fuzz_touch(market_fmt_price(n, flags, buf));
		fuzz_touch(market_fmt_holders(n, flags, buf));
		fuzz_touch(market_fmt_change(n, flags, buf));
	}
	fuzz_sink += (unsigned)market_change_direction(n);
}

static void
check_list(const struct market_list *l)
{
	if (l->nreasons > MARKET_MAX_REASONS)
		fuzz_fail("%zu reasons, cap %d", l->nreasons, MARKET_MAX_REASONS);
	for (size_t i = 0; i < l->nreasons; i++)
		check_text(l->reasons[i], 0, "reason");
	for (size_t i = 0; i < l->n; i++) {
		const struct market_ticker *t = &l->items[i];
		if (t->id == NULL || t->symbol == NULL || t->symbol[0] == '\0')
			fuzz_fail("ticker %zu without id or symbol", i);
		check_text(t->id, 0, "id");
		check_text(t->symbol, MARKET_SYMBOL_MAX, "symbol");
		check_text(t->name, MARKET_NAME_MAX, "name");
		check_text(t->url, 0, "url");
		check_text(t->chain, 0, "chain");
		if (t->url != NULL && strncasecmp(t->url, "http://", 7) != 0 &&
		    strncasecmp(t->url, "https://", 8) != 0)
			fuzz_fail("url \"%s\" is not http(s)", t->url);
		check_num(t->price_usd, MARKET_MAX_PRICE_USD, "price");
		check_num(t->market_cap_usd, MARKET_MAX_CAP_USD, "market_cap");
		check_num(t->holders, MARKET_MAX_HOLDERS, "holders");
		check_num(t->change_24h_pct, MARKET_MAX_CHANGE_PCT, "change");
		for (size_t j = 0; j < i; j++)
			if (strcasecmp(l->items[j].id, t->id) == 0)
				fuzz_fail("ids %zu and %zu are both \"%s\"", j, i, t->id);
		if (market_list_find(l, t->id) == NULL)
			fuzz_fail("market_list_find(\"%s\") found nothing", t->id);
	}
}

static void
exercise(struct market_list *l, const struct market_list *prev, enum market_kind kind)
{
	struct market_list *m = market_merge(prev, l, kind), *c = market_list_copy(l);
	double spark[16];
	size_t ns = 0;

	check_list(m);
	check_list(c);
	for (int key = MARKET_SORT_CAP; key <= MARKET_SORT_SYMBOL; key++) {
		market_list_sort(m, (enum market_sort)key);
		for (size_t i = 1; i < m->n; i++)
			if (market_ticker_cmp(&m->items[i - 1], &m->items[i],
			    (enum market_sort)key) > 0)
				fuzz_fail("sort key %d: items %zu and %zu out of order", key, i - 1, i);
	}
	for (size_t i = 0; i < l->n && ns < 16; i++)
		if (l->items[i].price_usd.present)
			spark[ns++] = l->items[i].price_usd.value;
	for (int flags = 0; flags <= MARKET_FMT_ASCII; flags++) {
		char *s = market_sparkline(spark, ns, 8, flags);
		check_text(s, 0, "sparkline");
		free(s);
	}
	/* symbols= round trip: a symbol (or id) copied into the list as shown
	 * keeps its ticker, whatever it holds (commas too), alone or among
	 * the others written after it; an empty list keeps everything. */
	for (size_t i = 0; i < l->n && i < 8; i++) {
		const struct market_ticker *t = &l->items[i];
		const char *const keys[] = { t->symbol, t->id };
		for (size_t k = 0; k < 2; k++) {
			struct market_list *kept;
			if (keys[k] == NULL || keys[k][0] == '\0')
				continue;
			kept = market_list_copy(l);
			market_list_keep(kept, keys[k]);
			if (market_list_find(kept, t->id) == NULL)
				fuzz_fail("symbols=%s dropped its own ticker (id \"%s\")", keys[k], t->id);
			market_list_free(&kept);
		}
	}
	if (l->n > 1) {
		size_t cap = 1;
		for (size_t i = 0; i < l->n; i++)
			cap += strlen(l->items[i].symbol) + 1;
		char *all = malloc(cap), *o = all;
		if (all == NULL)
			abort();
		for (size_t i = 0; i < l->n; i++)
			o += sprintf(o, "%s%s", i > 0 ? "," : "", l->items[i].symbol);
		market_list_keep(c, all);
		for (size_t i = 0; i < l->n; i++)
			if (l->items[i].symbol[0] != '\0' && market_list_find(c, l->items[i].id) == NULL)
				fuzz_fail("symbols=%s dropped \"%s\"", all, l->items[i].symbol);
		free(all);
	}
	market_list_keep(c, "");
	market_list_free(&m);
	market_list_free(&c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum market_kind kinds[] = {
		MARKET_GENERIC, MARKET_GATE_ALPHA, MARKET_COINGECKO, MARKET_DEXSCREENER,
		MARKET_GECKOTERMINAL,
	};
	const char *body = (const char *)data;
	struct market_list *prev = NULL;
	char *cause = NULL;
	double count = -1;

	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		struct market_list *l = market_parse(kinds[k], body, size, 0, &cause);
		if (l == NULL) {
			if (cause == NULL)
				fuzz_fail("%s: NULL without a cause", market_kind_name(kinds[k]));
			check_text(cause, 0, "cause");
			free(cause);
			cause = NULL;
			continue;
		}
		check_list(l);
		exercise(l, prev, kinds[k]);
		market_list_free(&prev);
		prev = l;
	}
	market_list_free(&prev);

	if (market_parse_holders(body, size, 0, &count, &cause) == 0) {
		if (!isfinite(count) || count < 0 || count > MARKET_MAX_HOLDERS)
			fuzz_fail("holders count %g passed validation", count);
	} else {
		if (cause == NULL)
			fuzz_fail("market_parse_holders: -1 without a cause");
		check_text(cause, 0, "cause");
		free(cause);
	}
	return 0;
}
