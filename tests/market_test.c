/*
 * Unit tests for src/market: each adapter against fixtures in its real
 * format (tests/fixtures/market), hostile and malformed payloads, the merge
 * rule, sorting, request URLs, and the display strings the panel shows.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "market/format.h"
#include "market/market.h"
#include "util/buf.h"
#include "util/xalloc.h"

#ifndef MARKET_FIXTURES
#define MARKET_FIXTURES "tests/fixtures/market"
#endif

#define DASH "\xe2\x80\x94"

static char *
slurp(const char *name, size_t *len)
{
	char *path = xasprintf("%s/%s", MARKET_FIXTURES, name);
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	free(path);
	*len = b.len;
	return buf_detach(&b);
}

static struct market_list *
parse_fixture(enum market_kind kind, const char *name)
{
	size_t len;
	char *body = slurp(name, &len);
	char *cause = NULL;
	struct market_list *l = market_parse(kind, body, len, 0, &cause);

	if (l == NULL)
		fail_msg("%s: %s", name, cause);
	free(body);
	return l;
}

/* Parse a body that must fail; returns the message (caller frees). */
static char *
parse_error(enum market_kind kind, const char *body, size_t max)
{
	char *cause = NULL;
	struct market_list *l = market_parse(kind, body, strlen(body), max, &cause);

	assert_null(l);
	assert_non_null(cause);
	return cause;
}

static bool
has_reason(const struct market_list *l, const char *text)
{
	for (size_t i = 0; i < l->nreasons; i++) {
		if (strstr(l->reasons[i], text) != NULL)
			return true;
	}
	return false;
}

static void
assert_reason(const struct market_list *l, const char *text)
{
	if (!has_reason(l, text)) {
		for (size_t i = 0; i < l->nreasons; i++)
			print_message("reason: %s\n", l->reasons[i]);
		fail_msg("no reason containing \"%s\"", text);
	}
}

/* The four display strings of a ticker, as the panel shows them. */
struct shown {
	char cap[MARKET_FMT_SIZE], price[MARKET_FMT_SIZE], holders[MARKET_FMT_SIZE],
	    change[MARKET_FMT_SIZE];
};

static void
assert_shown(const struct market_ticker *t, const char *price, const char *cap,
    const char *holders, const char *change)
{
	struct shown s;

	assert_string_equal(market_fmt_price(t->price_usd, 0, s.price), price);
	assert_string_equal(market_fmt_money(t->market_cap_usd, 0, s.cap), cap);
	assert_string_equal(market_fmt_holders(t->holders, 0, s.holders), holders);
	assert_string_equal(market_fmt_change(t->change_24h_pct, 0, s.change), change);
}

static void
test_generic(void **state)
{
	(void)state;
	struct market_list *l = parse_fixture(MARKET_GENERIC, "generic.json");

	assert_int_equal(l->n, 5);
	assert_int_equal(l->nreasons, 0);
	assert_string_equal(l->items[0].symbol, "FROG");
	assert_string_equal(l->items[0].id, "FROG");
	assert_string_equal(l->items[0].name, "Frog Coin");
	assert_string_equal(l->items[0].url, "https://example.org/token/frog");
	assert_shown(&l->items[0], "$0.00001234", "$3.53K", "128", "+0.15% \xe2\x96\xb2");
	/* Strings for numbers, Arabic name, null url. */
	assert_string_equal(l->items[1].name, "قطط الصحراء");
	assert_null(l->items[1].url);
	assert_shown(&l->items[1], "$0.03540", "$3.53K", "1", "0.00%");
	/* Every field but the symbol null, or missing. */
	for (size_t i = 2; i <= 3; i++) {
		assert_null(l->items[i].name);
		assert_false(l->items[i].price_usd.rejected);
		assert_shown(&l->items[i], DASH, DASH, DASH, DASH);
	}
	assert_string_equal(l->items[3].symbol, "BARE");
	assert_shown(&l->items[4], "$1.50", "$4.50B", "12.3K", "-1.05% \xe2\x96\xbc");
	market_list_free(&l);
	assert_null(l);
}

static void
test_generic_hostile(void **state)
{
	(void)state;
	struct market_list *l = parse_fixture(MARKET_GENERIC, "generic-bad.json");
	const struct market_ticker *t;

	/* GOOD, HUGE, TYPE, OK, LONG..., DUPK survive; the rest are dropped. */
	assert_int_equal(l->n, 6);
	t = market_list_find(l, "GOOD");
	assert_non_null(t);
	assert_string_equal(t->name, "Good red name");
	assert_null(t->url);
	assert_true(t->price_usd.rejected && t->market_cap_usd.rejected &&
	    t->holders.rejected && t->change_24h_pct.rejected);
	assert_shown(t, DASH, DASH, DASH, DASH);
	assert_reason(l, "generic: GOOD: price_usd: not a number (\"NaN\")");
	assert_reason(l, "generic: GOOD: market_cap_usd: out of range (\"1e999\")");
	assert_reason(l, "generic: GOOD: holders: negative (-5)");
	assert_reason(l, "generic: GOOD: change_24h_pct: not a number (\"inf\")");
	assert_reason(l, "generic: GOOD: url: not an http(s) URL");
	assert_reason(l, "generic: entry 2: symbol is not a string, dropped");
	assert_reason(l, "generic: entry 3: symbol has control characters or invalid UTF-8, dropped");
	assert_reason(l, "generic: entry 4: not an object, dropped");
	assert_reason(l, "generic: entry 5: no symbol, dropped");
	assert_reason(l, "generic: GOOD: duplicate id GOOD, ignored");
	assert_null(market_list_find(l, "EVIL"));
	assert_null(market_list_find(l, "EV"));

	t = market_list_find(l, "HUGE");
	assert_shown(t, DASH, DASH, DASH, DASH);
	assert_reason(l, "generic: HUGE: price_usd: negative (-1)");
	assert_reason(l, "generic: HUGE: market_cap_usd: absurdly large (2e16)");
	assert_reason(l, "generic: HUGE: holders: absurdly large (20000000000.0)");
	assert_reason(l, "generic: HUGE: change_24h_pct: absurdly large (2000000)");

	t = market_list_find(l, "TYPE");
	assert_shown(t, DASH, DASH, DASH, DASH);
	assert_reason(l, "generic: TYPE: price_usd: not a number (\"12abc\")");
	assert_reason(l, "generic: TYPE: market_cap_usd: wrong type (true)");
	assert_reason(l, "generic: TYPE: holders: wrong type ([1])");
	assert_reason(l, "generic: TYPE: change_24h_pct: wrong type ({\"v\":1})");

	/* Spaces trimmed, the right-to-left override removed. */
	t = market_list_find(l, "OK");
	assert_non_null(t);
	assert_string_equal(t->symbol, "OK");
	assert_string_equal(t->name, "evil override");
	assert_shown(t, DASH, "$1.00K", DASH, DASH);
	assert_reason(l, "generic: OK: price_usd: not a number (\"0x10\")");
	assert_reason(l, "generic: OK: holders: not a whole number (12.5)");
	assert_reason(l, "generic: OK: change_24h_pct: below -100% (\"-100.5\")");

	/* Capped at 16 and 64 characters. */
	t = &l->items[4];
	assert_string_equal(t->symbol, "LONGSYMBOLNAME12");
	assert_string_equal(t->id, "LONGSYMBOLNAME12");
	assert_string_equal(t->name,
	    "نص طويل جدا يتجاوز الحد المسموح به لاسم الرمز في اللوحة الجانبية");

	/* A duplicate key: the last one wins. */
	t = market_list_find(l, "DUPK");
	assert_shown(t, "$2.00", DASH, DASH, DASH);
	market_list_free(&l);
}

/*
 * Issue 18, the market fuzz target's rules: a reason never keeps a raw DEL
 * (jansson's ASCII-only output leaves 0x7f as is), a symbol with a comma in
 * it is kept by symbols= written as it is shown, and "\u0000" in a string
 * is valid JSON that loses nothing but the NUL.
 */
static void
test_generic_del_comma_nul(void **state)
{
	static const char body[] =
	    "{\"tokens\":["
	    "{\"symbol\":\"DEL\",\"price_usd\":\"1\x7f\"},"
	    "{\"symbol\":\"DE\x7fL\"},"
	    "{\"symbol\":\"A,B\",\"price_usd\":2},"
	    "{\"symbol\":\"A\",\"price_usd\":3},"
	    "{\"symbol\":\"B\",\"price_usd\":4},"
	    "{\"symbol\":\"NUL\",\"name\":\"Fro\\u0000g \\u0000Coin\",\"price_usd\":5}"
	    "]}";
	char *cause = NULL;
	(void)state;
	struct market_list *l = market_parse(MARKET_GENERIC, body, strlen(body), 0, &cause);

	if (l == NULL)
		fail_msg("refused: %s", cause);
	for (size_t i = 0; i < l->nreasons; i++)
		if (strchr(l->reasons[i], 0x7f) != NULL)
			fail_msg("reason %zu keeps a DEL: %s", i, l->reasons[i]);
	assert_reason(l, "generic: DEL: price_usd: not a number (\"1?\")");
	assert_reason(l, "generic: entry 2: symbol has control characters or invalid UTF-8, dropped");
	assert_string_equal(market_list_find(l, "NUL")->name, "Frog Coin");
	assert_int_equal(l->n, 5);

	struct market_list *c = market_list_copy(l);
	market_list_keep(c, "A,B");	/* the symbol as shown */
	assert_int_equal(c->n, 3);
	assert_non_null(market_list_find(c, "A,B"));
	market_list_free(&c);
	c = market_list_copy(l);
	market_list_keep(c, " nul , a,b ");
	assert_int_equal(c->n, 4);
	assert_null(market_list_find(c, "DEL"));
	market_list_free(&c);
	c = market_list_copy(l);
	market_list_keep(c, "A");	/* not a prefix of "A,B" */
	assert_int_equal(c->n, 1);
	assert_string_equal(c->items[0].symbol, "A");
	market_list_free(&c);
	market_list_free(&l);
}

static void
test_gate_alpha(void **state)
{
	(void)state;
	struct market_list *l = parse_fixture(MARKET_GATE_ALPHA, "gate-alpha.json");

	assert_int_equal(l->n, 5);
	assert_string_equal(l->items[0].symbol, "FROG");
	assert_null(l->items[0].name);
	assert_null(l->items[0].url);
	assert_shown(&l->items[0], "$0.00001234", "$3.53K", DASH, "+4.20% \xe2\x96\xb2");
	/* "" is no value, not a bad one. */
	assert_false(l->items[1].market_cap_usd.rejected);
	assert_shown(&l->items[1], "$0.03540", DASH, DASH, "-1.05% \xe2\x96\xbc");
	assert_shown(&l->items[2], "$1.00", "$1.00M", DASH, "0.00%");
	assert_shown(&l->items[3], DASH, DASH, DASH, DASH);
	assert_reason(l, "gate-alpha: BADN: last: not a number (\"NaN\")");
	assert_reason(l, "gate-alpha: BADN: change: out of range (\"1e999\")");
	assert_reason(l, "gate-alpha: BADN: market_cap: negative (\"-3\")");
	/* A '+' and a '%' around a change are accepted. */
	assert_shown(&l->items[4], "$2.50", DASH, DASH, "+3.10% \xe2\x96\xb2");
	assert_int_equal(l->nreasons, 3);
	market_list_free(&l);
}

static void
test_coingecko(void **state)
{
	(void)state;
	struct market_list *l = parse_fixture(MARKET_COINGECKO, "coingecko.json");

	assert_int_equal(l->n, 4);
	assert_string_equal(l->items[0].symbol, "BTC");
	assert_string_equal(l->items[0].id, "bitcoin");
	assert_string_equal(l->items[0].name, "Bitcoin");
	assert_string_equal(l->items[0].url, "https://www.coingecko.com/en/coins/bitcoin");
	assert_shown(&l->items[0], "$97.1K", "$1.92T", DASH, "+2.35% \xe2\x96\xb2");
	/* CoinGecko's market_cap 0 means unknown. */
	assert_string_equal(l->items[1].symbol, "FROG");
	assert_false(l->items[1].market_cap_usd.rejected);
	assert_shown(&l->items[1], "$0.00001234", DASH, DASH, DASH);
	assert_null(l->items[2].name);
	assert_shown(&l->items[2], DASH, DASH, DASH, DASH);
	assert_shown(&l->items[3], DASH, DASH, DASH, DASH);
	assert_reason(l, "coingecko: NEG: current_price: negative (-2)");
	assert_reason(l, "coingecko: NEG: market_cap: negative (-100)");
	assert_reason(l, "coingecko: NEG: price_change_percentage_24h: below -100% (-150)");
	market_list_free(&l);
}

static void
test_dexscreener(void **state)
{
	(void)state;
	struct market_list *l = parse_fixture(MARKET_DEXSCREENER, "dexscreener.json");

	/* Three pairs of one token (address case differs) become one ticker. */
	assert_int_equal(l->n, 2);
	const struct market_ticker *a = &l->items[0], *b = &l->items[1];
	assert_string_equal(a->symbol, "ACAT");
	assert_string_equal(a->id, "TokA111");
	assert_string_equal(a->chain, "solana");
	assert_string_equal(a->name, "Alpha Cat");
	/* The pair with the most liquidity speaks for the token. */
	assert_string_equal(a->url, "https://dexscreener.com/solana/pairaaa2");
	/* ...and its pool is the one whose history is asked for. */
	assert_string_equal(a->pool, "PairAAA2");
	assert_string_equal(a->address, "TokA111");
	assert_null(l->items[1].pool);
	assert_shown(a, "$0.00002100", "$21.0K", DASH, "+11.25% \xe2\x96\xb2");
	assert_string_equal(b->symbol, "BATA");
	assert_string_equal(b->name, "بطة");
	assert_shown(b, "$1.25", DASH, DASH, DASH);
	assert_reason(l, "dexscreener: entry 4: no baseToken.address, dropped");
	assert_int_equal(l->nreasons, 1);
	market_list_free(&l);
}

static void
test_holders(void **state)
{
	(void)state;
	size_t len;
	char *body = slurp("geckoterminal.json", &len);
	char *cause = NULL;
	double count = 0;

	assert_int_equal(market_parse_holders(body, len, 0, &count, &cause), 0);
	assert_true(count == 4321);
	free(body);

	static const struct { const char *body, *error; } bad[] = {
		{ "{\"data\":{\"attributes\":{\"holders\":{\"count\":null}}}}",
		    "geckoterminal: holders count unknown" },
		{ "{\"data\":{\"attributes\":{\"holders\":{}}}}",
		    "geckoterminal: holders count unknown" },
		{ "{\"data\":{\"attributes\":{}}}",
		    "geckoterminal: expected data.attributes.holders" },
		{ "[1,2]", "geckoterminal: expected data.attributes.holders" },
		{ "{\"data\":{\"attributes\":{\"holders\":{\"count\":-4}}}}",
		    "geckoterminal: holders count: negative" },
		{ "{\"data\":{\"attributes\":{\"holders\":{\"count\":\"NaN\"}}}}",
		    "geckoterminal: holders count: not a number" },
		{ "{\"data\":", "geckoterminal: line 1 column 8: " },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		assert_int_equal(market_parse_holders(bad[i].body, strlen(bad[i].body), 0, &count,
		    &cause), -1);
		assert_non_null(cause);
		if (strncmp(cause, bad[i].error, strlen(bad[i].error)) != 0)
			fail_msg("case %zu: got \"%s\"", i, cause);
		free(cause);
	}
	/* A string count is accepted like any other number. */
	const char *s = "{\"data\":{\"attributes\":{\"holders\":{\"count\":\"77\"}}}}";
	assert_int_equal(market_parse_holders(s, strlen(s), 0, &count, &cause), 0);
	assert_true(count == 77);
}

static void
test_parse_errors(void **state)
{
	(void)state;
	static const struct {
		enum market_kind kind;
		const char *body, *error;
	} cases[] = {
		{ MARKET_GENERIC, "{\"tokens\": [\n  {\"symbol\": \"A\"},\n  {\"symbol\": }\n]}",
		    "generic: line 3 column 14: unexpected token near '}'" },
		{ MARKET_GATE_ALPHA, "{\"currency\": \"X\"}", "gate-alpha: expected an array" },
		{ MARKET_COINGECKO, "\"rate limited\"", "coingecko: expected an array" },
		{ MARKET_DEXSCREENER, "42", "dexscreener: expected an array" },
		{ MARKET_DEXSCREENER, "null", "dexscreener: expected an array" },
		{ MARKET_GENERIC, "[]", "generic: expected an object with a \"tokens\" array" },
		{ MARKET_GENERIC, "{\"tokens\": {}}",
		    "generic: expected an object with a \"tokens\" array" },
		{ MARKET_GENERIC, "{\"token\": []}",
		    "generic: expected an object with a \"tokens\" array" },
		{ MARKET_GENERIC, "", "generic: line 1 column 0: " },
		{ MARKET_GATE_ALPHA, "<html>502 Bad Gateway</html>", "gate-alpha: line 1 column 1: " },
		/* A number past double range is malformed JSON for jansson. */
		{ MARKET_GENERIC, "{\"tokens\":[{\"symbol\":\"A\",\"holders\":1e999}]}",
		    "generic: line 1 column 40: real number overflow near '1e999'" },
		/* Entries, but not one usable. */
		{ MARKET_GATE_ALPHA, "[1, 2, 3]",
		    "gate-alpha: no usable entries (gate-alpha: entry 1: not an object, dropped)" },
		{ MARKET_COINGECKO, "[{\"name\": \"x\"}]",
		    "coingecko: no usable entries (coingecko: entry 1: no symbol, dropped)" },
		{ MARKET_GECKOTERMINAL, "{}",
		    "geckoterminal: token info has holders only, not a token list" },
		/* Control bytes in jansson's quote of the input are masked. */
		{ MARKET_GENERIC, "{\"tokens\": [\x1b[31m]}", "generic: line 1 column 13: " },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *e = parse_error(cases[i].kind, cases[i].body, 0);
		if (strncmp(e, cases[i].error, strlen(cases[i].error)) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, e, cases[i].error);
		for (const char *p = e; *p != '\0'; p++)
			assert_true((unsigned char)*p >= 0x20);
		free(e);
	}
}

static void
test_empty_lists(void **state)
{
	(void)state;
	static const struct { enum market_kind kind; const char *body; } cases[] = {
		{ MARKET_GENERIC, "{\"tokens\": []}" },
		{ MARKET_GATE_ALPHA, "[]" },
		{ MARKET_COINGECKO, " [ ] " },
		{ MARKET_DEXSCREENER, "[]" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *cause = NULL;
		struct market_list *l = market_parse(cases[i].kind, cases[i].body,
		    strlen(cases[i].body), 0, &cause);
		assert_non_null(l);
		assert_int_equal(l->n, 0);
		assert_int_equal(l->nreasons, 0);
		market_list_free(&l);
	}
}

static void
test_too_large(void **state)
{
	(void)state;
	size_t n = MARKET_DEFAULT_MAX_BODY + 1;
	char *big = xmalloc(n + 1);
	char *cause = NULL;

	memset(big, ' ', n);
	memcpy(big, "{\"tokens\":[]}", 13);
	big[n] = '\0';
	assert_null(market_parse(MARKET_GENERIC, big, n, 0, &cause));
	assert_string_equal(cause, "generic: response too large (4194305 bytes, limit 4194304)");
	free(cause);
	/* One byte less is fine: trailing spaces are valid JSON. */
	struct market_list *l = market_parse(MARKET_GENERIC, big, n - 1, 0, &cause);
	assert_non_null(l);
	market_list_free(&l);
	free(big);

	const char *small = "{\"tokens\":[{\"symbol\":\"A\"}]}";
	assert_null(market_parse(MARKET_GENERIC, small, strlen(small), 10, &cause));
	assert_string_equal(cause, "generic: response too large (27 bytes, limit 10)");
	free(cause);
	double count;
	assert_int_equal(market_parse_holders(small, strlen(small), 10, &count, &cause), -1);
	assert_string_equal(cause, "geckoterminal: response too large (27 bytes, limit 10)");
	free(cause);
}

/* Many entries with one id: deduplication is quick and the reasons are capped. */
static void
test_many_duplicates(void **state)
{
	(void)state;
	struct buf b;
	size_t n = 20000;
	char *cause = NULL;

	buf_init(&b, 0);
	buf_append_str(&b, "[");
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s{\"currency\":\"%s\",\"last\":\"%zu\"}", i ? "," : "",
		    i % 2 ? "SAME" : "OTHER", i + 1);
	buf_append_str(&b, "]");
	struct market_list *l = market_parse(MARKET_GATE_ALPHA, b.data, b.len, 0, &cause);
	assert_non_null(l);
	assert_int_equal(l->n, 2);
	assert_string_equal(l->items[0].symbol, "OTHER");
	assert_true(l->items[0].price_usd.value == 1);	/* the first one wins */
	assert_true(l->items[1].price_usd.value == 2);
	assert_int_equal(l->nreasons, MARKET_MAX_REASONS);
	assert_string_equal(l->reasons[MARKET_MAX_REASONS - 1], "... and 19949 more problems");
	market_list_free(&l);
	buf_free(&b);
}

static struct market_num
num(double v)
{
	return (struct market_num){ v, true, false };
}

static void
test_fmt_money(void **state)
{
	(void)state;
	static const struct { double v; const char *out; } cases[] = {
		{ 0, "$0" },
		{ 0.5, "$0.500" },
		{ 5, "$5.00" },
		{ 12.5, "$12.5" },
		{ 999, "$999" },
		{ 999.4, "$999" },
		{ 999.5, "$1.00K" },
		{ 1000, "$1.00K" },
		{ 3530, "$3.53K" },
		{ 3534.9, "$3.53K" },
		{ 3535.1, "$3.54K" },
		{ 12345, "$12.3K" },
		{ 123456, "$123K" },
		{ 999950, "$1.00M" },
		{ 999949, "$1.00M" },
		{ 999499, "$999K" },
		{ 1.2e6, "$1.20M" },
		{ 4.5e9, "$4.50B" },
		{ 1.92e12, "$1.92T" },
		{ 1e13, "$10.0T" },
		{ 1e16, "$10000T" },
		{ 1e20, "$1.00e20" },
		{ 0.00001234, "$0.0000123" },
		{ 1.5e-12, "$1.50e-12" },
		{ -3530, "-$3.53K" },
	};
	char buf[MARKET_FMT_SIZE];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		market_fmt_money(num(cases[i].v), 0, buf);
		if (strcmp(buf, cases[i].out) != 0)
			fail_msg("money %.17g: got \"%s\", want \"%s\"", cases[i].v, buf,
			    cases[i].out);
	}
	struct market_num none = { 0 };
	assert_string_equal(market_fmt_money(none, 0, buf), DASH);
	assert_string_equal(market_fmt_money(none, MARKET_FMT_ASCII, buf), "-");
	struct market_num rejected = { 5, false, true };
	assert_string_equal(market_fmt_money(rejected, 0, buf), DASH);
	assert_string_equal(market_fmt_money(num(NAN), 0, buf), DASH);
}

static void
test_fmt_price(void **state)
{
	(void)state;
	static const struct { double v; const char *out; } cases[] = {
		{ 0, "$0" },
		{ 1, "$1.00" },
		{ 1.234, "$1.23" },
		{ 12.345678, "$12.35" },
		{ 999.99, "$999.99" },
		{ 999.996, "$1.00K" },
		{ 97123.45, "$97.1K" },
		{ 0.5, "$0.5000" },
		{ 0.99996, "$1.00" },
		{ 0.0354, "$0.03540" },
		{ 0.00001234, "$0.00001234" },
		{ 0.000012345678, "$0.00001235" },
		{ 1.234e-9, "$0.000000001234" },
		{ 1.234e-12, "$1.234e-12" },
	};
	char buf[MARKET_FMT_SIZE];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		market_fmt_price(num(cases[i].v), 0, buf);
		if (strcmp(buf, cases[i].out) != 0)
			fail_msg("price %.17g: got \"%s\", want \"%s\"", cases[i].v, buf,
			    cases[i].out);
	}
}

static void
test_fmt_holders_change(void **state)
{
	(void)state;
	static const struct { double v; const char *out; } holders[] = {
		{ 0, "0" }, { 1, "1" }, { 128, "128" }, { 999, "999" }, { 1000, "1.00K" },
		{ 1234, "1.23K" }, { 12345, "12.3K" }, { 4.5e6, "4.50M" }, { 1e10, "10.0B" },
	};
	static const struct { double v; const char *out, *ascii; int dir; } changes[] = {
		{ 4.2, "+4.20% \xe2\x96\xb2", "+4.20% ^", 1 },
		{ -1.05, "-1.05% \xe2\x96\xbc", "-1.05% v", -1 },
		{ 0, "0.00%", "0.00%", 0 },
		{ 0.004, "0.00%", "0.00%", 0 },
		{ -0.004, "0.00%", "0.00%", 0 },
		{ 0.005, "+0.01% \xe2\x96\xb2", "+0.01% ^", 1 },
		{ -100, "-100.00% \xe2\x96\xbc", "-100.00% v", -1 },
		{ 999.99, "+999.99% \xe2\x96\xb2", "+999.99% ^", 1 },
		{ 12345.6, "+12.3K% \xe2\x96\xb2", "+12.3K% ^", 1 },
		{ 1e6, "+1.00M% \xe2\x96\xb2", "+1.00M% ^", 1 },
	};
	char buf[MARKET_FMT_SIZE];

	for (size_t i = 0; i < sizeof holders / sizeof holders[0]; i++)
		assert_string_equal(market_fmt_holders(num(holders[i].v), 0, buf), holders[i].out);
	for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
		assert_string_equal(market_fmt_change(num(changes[i].v), 0, buf), changes[i].out);
		assert_string_equal(market_fmt_change(num(changes[i].v), MARKET_FMT_ASCII, buf),
		    changes[i].ascii);
		assert_int_equal(market_change_direction(num(changes[i].v)), changes[i].dir);
	}
	struct market_num none = { 0 };
	assert_string_equal(market_fmt_holders(none, 0, buf), DASH);
	assert_string_equal(market_fmt_change(none, 0, buf), DASH);
	assert_string_equal(market_fmt_change(none, MARKET_FMT_ASCII, buf), "-");
	assert_int_equal(market_change_direction(none), 0);
}

static void
test_fmt_age(void **state)
{
	(void)state;
	static const struct { long long d; const char *out; } cases[] = {
		{ -30, "just now" }, { 0, "just now" }, { 59, "just now" }, { 60, "1 min ago" },
		{ 300, "5 min ago" }, { 3599, "59 min ago" }, { 3600, "1 h ago" },
		{ 7200 + 1799, "2 h ago" }, { 86399, "23 h ago" }, { 86400, "1 d ago" },
		{ 3 * 86400 + 5, "3 d ago" }, { 400 * 86400LL, "400 d ago" },
	};
	char buf[MARKET_FMT_SIZE];
	time_t now = 1796000000;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(market_fmt_age(now, now - (time_t)cases[i].d, buf),
		    cases[i].out);
	assert_string_equal(market_fmt_age(now, 0, buf), "never");
}

static void
test_sparkline(void **state)
{
	(void)state;
	static const struct {
		double v[10];
		size_t n, cells;
		const char *out, *ascii;
	} cases[] = {
		{ { 1, 2, 3, 4, 5, 6, 7, 8 }, 8, 8, "▁▂▃▄▅▆▇█", "_.,-=+*#" },
		{ { 8, 1 }, 2, 2, "█▁", "#_" },
		{ { 5, 5, 5 }, 3, 5, "  ▁▁▁", "  ___" },
		{ { 3 }, 1, 4, "   ▁", "   _" },
		{ { 0 }, 0, 3, "   ", "   " },
		{ { 1, NAN, 3 }, 3, 3, "▁ █", "_ #" },
		/* Only the last cells values count, and set the scale. */
		{ { 100, 1, 2, 3 }, 4, 3, "▁▅█", "_=#" },
		{ { 0, 10, 5, 2.5 }, 4, 4, "▁█▅▃", "_#=," },
		{ { NAN, NAN }, 2, 2, "  ", "  " },
		{ { 1, 2 }, 2, 0, "", "" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = market_sparkline(cases[i].v, cases[i].n, cases[i].cells, 0);
		if (strcmp(s, cases[i].out) != 0)
			fail_msg("sparkline %zu: got \"%s\", want \"%s\"", i, s, cases[i].out);
		free(s);
		s = market_sparkline(cases[i].v, cases[i].n, cases[i].cells, MARKET_FMT_ASCII);
		assert_string_equal(s, cases[i].ascii);
		free(s);
	}
	double extreme[] = { -1e308, 1e308, 0 };
	char *s = market_sparkline(extreme, 3, 3, 0);
	assert_string_equal(s, "▁█▅");
	free(s);
}

static struct market_list *
parse_str(enum market_kind kind, const char *body)
{
	char *cause = NULL;
	struct market_list *l = market_parse(kind, body, strlen(body), 0, &cause);

	if (l == NULL)
		fail_msg("%s", cause);
	return l;
}

static void
test_merge(void **state)
{
	(void)state;
	struct market_list *prev = parse_str(MARKET_GENERIC,
	    "{\"tokens\":[{\"symbol\":\"AAA\",\"name\":\"Old A\",\"price_usd\":1,"
	    "\"market_cap_usd\":3530,\"holders\":128,\"change_24h_pct\":1.5},"
	    "{\"symbol\":\"BBB\",\"market_cap_usd\":10},{\"symbol\":\"GONE\",\"holders\":1}]}");
	struct market_list *next = parse_str(MARKET_GENERIC,
	    "{\"tokens\":[{\"symbol\":\"BBB\",\"market_cap_usd\":20},"
	    "{\"symbol\":\"AAA\",\"price_usd\":\"NaN\",\"market_cap_usd\":-1,"
	    "\"holders\":null,\"change_24h_pct\":2},{\"symbol\":\"NEW\"}]}");

	/* A failed fetch or parse: the last good list, untouched. */
	struct market_list *m = market_merge(prev, NULL, MARKET_GENERIC);
	assert_int_equal(m->n, 3);
	assert_string_equal(m->items[0].name, "Old A");
	assert_shown(&m->items[0], "$1.00", "$3.53K", "128", "+1.50% \xe2\x96\xb2");
	market_list_free(&m);
	m = market_merge(NULL, NULL, MARKET_GENERIC);
	assert_int_equal(m->n, 0);
	market_list_free(&m);

	/*
	 * The new list's tokens in its order; rejected values keep the old
	 * ones; null holders from a source that has holders is missing; the
	 * generic source has names, so no name means none.
	 */
	m = market_merge(prev, next, MARKET_GENERIC);
	assert_int_equal(m->n, 3);
	assert_string_equal(m->items[0].symbol, "BBB");
	assert_shown(&m->items[0], DASH, "$20.0", DASH, DASH);
	assert_string_equal(m->items[1].symbol, "AAA");
	assert_null(m->items[1].name);
	assert_shown(&m->items[1], "$1.00", "$3.53K", DASH, "+2.00% \xe2\x96\xb2");
	assert_string_equal(m->items[2].symbol, "NEW");
	assert_null(market_list_find(m, "GONE"));
	assert_int_equal(m->nreasons, next->nreasons);
	assert_int_equal(m->nreasons, 2);
	market_list_free(&m);

	/* Holders that CoinGecko never sends (from GeckoTerminal) survive a refresh. */
	struct market_list *cg1 = parse_str(MARKET_COINGECKO,
	    "[{\"id\":\"frog\",\"symbol\":\"frog\",\"name\":\"Frog\",\"current_price\":1,"
	    "\"market_cap\":5000,\"price_change_percentage_24h\":1}]");
	assert_true(market_list_set_holders(cg1, "FROG", 4321));
	assert_false(market_list_set_holders(cg1, "nope", 4321));
	assert_false(market_list_set_holders(cg1, "frog", -1));
	struct market_list *cg2 = parse_str(MARKET_COINGECKO,
	    "[{\"id\":\"frog\",\"symbol\":\"frog\",\"name\":\"Frog\",\"current_price\":2,"
	    "\"market_cap\":null,\"price_change_percentage_24h\":-3}]");
	m = market_merge(cg1, cg2, MARKET_COINGECKO);
	assert_shown(&m->items[0], "$2.00", DASH, "4.32K", "-3.00% \xe2\x96\xbc");
	market_list_free(&m);

	/* Gate Alpha has no names: a name known from before stays. */
	struct market_list *g1 = market_list_new();
	struct market_ticker t = { .id = "FROG", .symbol = "FROG", .name = "ضفدع" };
	assert_true(market_list_append(g1, &t));
	struct market_list *g2 = parse_str(MARKET_GATE_ALPHA,
	    "[{\"currency\":\"FROG\",\"last\":\"1\"}]");
	m = market_merge(g1, g2, MARKET_GATE_ALPHA);
	assert_string_equal(m->items[0].name, "ضفدع");
	market_list_free(&m);

	market_list_free(&g1);
	market_list_free(&g2);
	market_list_free(&cg1);
	market_list_free(&cg2);
	market_list_free(&prev);
	market_list_free(&next);
}

static void
test_sort(void **state)
{
	(void)state;
	struct market_list *l = parse_str(MARKET_GENERIC,
	    "{\"tokens\":["
	    "{\"symbol\":\"B\",\"market_cap_usd\":5,\"change_24h_pct\":-2,\"holders\":10},"
	    "{\"symbol\":\"NONE\"},"
	    "{\"symbol\":\"A\",\"market_cap_usd\":5,\"change_24h_pct\":3},"
	    "{\"symbol\":\"C\",\"market_cap_usd\":900,\"change_24h_pct\":0,\"holders\":2}]}");
	static const struct { enum market_sort key; const char *order; } cases[] = {
		{ MARKET_SORT_CAP, "C A B NONE " },
		{ MARKET_SORT_CHANGE, "A C B NONE " },
		{ MARKET_SORT_HOLDERS, "B C A NONE " },
		{ MARKET_SORT_SYMBOL, "A B C NONE " },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char got[64] = "";
		market_list_sort(l, cases[i].key);
		for (size_t k = 0; k < l->n; k++) {
			strcat(got, l->items[k].symbol);
			strcat(got, " ");
		}
		assert_string_equal(got, cases[i].order);
	}
	market_list_free(&l);
}

static void
test_list_helpers(void **state)
{
	(void)state;
	struct market_list *l = parse_fixture(MARKET_GATE_ALPHA, "gate-alpha.json");

	market_list_keep(l, " frog ,Zero,missing");
	assert_int_equal(l->n, 2);
	assert_string_equal(l->items[0].symbol, "FROG");
	assert_string_equal(l->items[1].symbol, "ZERO");
	market_list_keep(l, "");
	assert_int_equal(l->n, 2);

	struct market_list *c = market_list_copy(l);
	assert_int_equal(c->n, 2);
	assert_int_equal(c->nreasons, l->nreasons);
	assert_ptr_not_equal(c->items[0].symbol, l->items[0].symbol);
	market_list_free(&c);
	market_list_free(&l);

	/* Rebuilding from the cache goes through the same checks. */
	l = market_list_new();
	struct market_ticker t = {
		.symbol = "\x1b[31mX", .name = "n",
	};
	assert_false(market_list_append(l, &t));
	t.symbol = "OK";
	t.name = "name \x1b]0;x\x07 clean";
	t.url = "file:///etc/passwd";
	t.market_cap_usd = num(-5);
	t.holders = num(7);
	assert_true(market_list_append(l, &t));
	assert_false(market_list_append(l, &t));	/* same id */
	assert_string_equal(l->items[0].id, "OK");
	assert_string_equal(l->items[0].name, "name  clean");
	assert_null(l->items[0].url);
	assert_false(l->items[0].market_cap_usd.present);
	assert_true(l->items[0].holders.present);
	market_list_free(&l);

	/* Cuts never split a letter from its harakat: 16 clusters, 32 code points. */
	struct buf b;
	buf_init(&b, 0);
	for (int i = 0; i < 20; i++)
		buf_append_str(&b, "\xd9\x85\xd9\x8e");	/* meem + fatha */
	l = market_list_new();
	struct market_ticker h = { .symbol = b.data };
	assert_true(market_list_append(l, &h));
	assert_int_equal(strlen(l->items[0].symbol), 16 * 4);
	assert_int_equal(strlen(l->items[0].id), 20 * 4);
	market_list_free(&l);
	buf_free(&b);

	enum market_kind k;
	assert_true(market_kind_from_name("dexscreener", &k));
	assert_int_equal(k, MARKET_DEXSCREENER);
	assert_string_equal(market_kind_name(MARKET_GATE_ALPHA), "gate-alpha");
	assert_false(market_kind_from_name("binance", &k));
}

/*
 * glibc keeps the locale path it loaded (LOCPATH) for the whole process;
 * not ours to free. Read by LeakSanitizer when the tests run under it.
 */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:__argz_add_sep\nleak:_nl_find_locale\n";
}

/* A decimal comma locale changes neither parsing nor display. */
static void
test_locale(void **state)
{
	(void)state;
	static const char *const names[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8" };
	locale_t loc = (locale_t)0;

	/* uselocale, not setlocale: glibc's setlocale keeps a name LSan reports. */
	for (size_t i = 0; i < sizeof names / sizeof names[0] && loc == (locale_t)0; i++)
		loc = newlocale(LC_NUMERIC_MASK, names[i], (locale_t)0);
	if (loc == (locale_t)0)
		skip();
	uselocale(loc);
	char probe[16];
	snprintf(probe, sizeof probe, "%.1f", 1.5);
	assert_string_equal(probe, "1,5");	/* the locale is really in effect */
	struct market_list *l = parse_fixture(MARKET_GATE_ALPHA, "gate-alpha.json");
	char buf[MARKET_FMT_SIZE];
	assert_string_equal(market_fmt_money(l->items[0].market_cap_usd, 0, buf), "$3.53K");
	assert_string_equal(market_fmt_price(l->items[1].price_usd, 0, buf), "$0.03540");
	assert_string_equal(market_fmt_change(l->items[1].change_24h_pct, 0, buf),
	    "-1.05% \xe2\x96\xbc");
	assert_string_equal(market_fmt_money(l->items[2].market_cap_usd, 0, buf), "$1.00M");
	market_list_free(&l);
	uselocale(LC_GLOBAL_LOCALE);
	freelocale(loc);
}

static void
test_requests(void **state)
{
	(void)state;
	static const struct {
		struct market_source src;
		const char *url, *header, *error;
	} cases[] = {
		{ { .kind = MARKET_GENERIC, .base_url = "http://127.0.0.1:8080/market.json" },
		    "http://127.0.0.1:8080/market.json", NULL, NULL },
		{ { .kind = MARKET_GENERIC, .base_url = "file:///usr/share/newsreader/market.json" },
		    "file:///usr/share/newsreader/market.json", NULL, NULL },
		{ { .kind = MARKET_GENERIC }, NULL, NULL, "generic: no URL" },
		{ { .kind = MARKET_GATE_ALPHA }, "https://api.gateio.ws/api/v4/alpha/tickers",
		    NULL, NULL },
		{ { .kind = MARKET_GATE_ALPHA, .base_url = "http://127.0.0.1:9/" },
		    "http://127.0.0.1:9/api/v4/alpha/tickers", NULL, NULL },
		{ { .kind = MARKET_GATE_ALPHA, .base_url = "file:///etc" }, NULL, NULL,
		    "gate-alpha: not an http(s) URL" },
		{ { .kind = MARKET_COINGECKO },
		    "https://api.coingecko.com/api/v3/coins/markets?vs_currency=usd", NULL, NULL },
		{ { .kind = MARKET_COINGECKO, .base_url = "http://127.0.0.1:9",
		    .ids = "bitcoin, tiny-frog", .api_key = "CG-abc" },
		    "http://127.0.0.1:9/api/v3/coins/markets?vs_currency=usd&ids=bitcoin,tiny-frog",
		    "x-cg-demo-api-key: CG-abc", NULL },
		{ { .kind = MARKET_COINGECKO, .ids = "a&b=c", .api_key = "K", .pro = true },
		    "https://pro-api.coingecko.com/api/v3/coins/markets?vs_currency=usd&ids=a%26b%3Dc",
		    "x-cg-pro-api-key: K", NULL },
		{ { .kind = MARKET_COINGECKO, .api_key = "k\r\nX-Evil: 1" }, NULL, NULL,
		    "coingecko: the API key has spaces or control characters" },
		{ { .kind = MARKET_COINGECKO, .ids = "a,,b" }, NULL, NULL,
		    "coingecko: empty name in ids" },
		{ { .kind = MARKET_DEXSCREENER, .chain = "solana", .addresses = "TokA111,TokB222" },
		    "https://api.dexscreener.com/tokens/v1/solana/TokA111,TokB222", NULL, NULL },
		{ { .kind = MARKET_DEXSCREENER, .base_url = "http://127.0.0.1:9", .chain = "bsc",
		    .addresses = "0xAb/../x" },
		    "http://127.0.0.1:9/tokens/v1/bsc/0xAb%2F..%2Fx", NULL, NULL },
		{ { .kind = MARKET_DEXSCREENER, .chain = "solana" }, NULL, NULL,
		    "dexscreener: needs chain and addresses" },
		{ { .kind = MARKET_DEXSCREENER, .chain = "a,b", .addresses = "x" }, NULL, NULL,
		    "dexscreener: bad chain" },
		{ { .kind = MARKET_DEXSCREENER, .chain = "solana", .addresses =
		    "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31" },
		    NULL, NULL, "dexscreener: at most 30 addresses per source" },
		{ { .kind = MARKET_GECKOTERMINAL, .chain = "eth", .addresses = "0xabc" },
		    "https://api.geckoterminal.com/api/v2/networks/eth/tokens/0xabc/info", NULL, NULL },
		{ { .kind = MARKET_GECKOTERMINAL, .chain = "eth", .addresses = "0xa,0xb" }, NULL,
		    NULL, "geckoterminal: one address per request" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *url = NULL, *header = NULL, *cause = NULL;
		int rc = market_request(&cases[i].src, &url, &header, &cause);
		if (cases[i].error != NULL) {
			assert_int_equal(rc, -1);
			assert_null(url);
			assert_null(header);
			assert_string_equal(cause, cases[i].error);
			free(cause);
			continue;
		}
		if (rc != 0)
			fail_msg("case %zu: %s", i, cause);
		assert_string_equal(url, cases[i].url);
		if (cases[i].header == NULL)
			assert_null(header);
		else
			assert_string_equal(header, cases[i].header);
		free(url);
		free(header);
	}

	assert_int_equal(market_min_interval(MARKET_GENERIC), 1);
	assert_int_equal(market_min_interval(MARKET_COINGECKO), 60);
	assert_int_equal(market_interval(MARKET_GENERIC, 5), 5);
	assert_int_equal(market_interval(MARKET_GENERIC, 0), 60);
	assert_int_equal(market_interval(MARKET_DEXSCREENER, 5), 60);
	assert_int_equal(market_interval(MARKET_GATE_ALPHA, 300), 300);
	assert_string_equal(market_geckoterminal_network("ethereum"), "eth");
	assert_string_equal(market_geckoterminal_network("solana"), "solana");
	assert_string_equal(market_api_key_header(false), "x-cg-demo-api-key");
}

/* CoinGecko's market chart and its request. */
static void
test_chart_parse_and_request(void **state)
{
	const char *body = "{\"prices\":[[1700000000000,0.5],[1700003600000,\"0.75\"],"
	    "[\"bad\",1],[1700007200000,-3]],\"market_caps\":[[1700000000000,1e6]],"
	    "\"total_volumes\":[]}";
	struct market_history h;
	struct market_source src = { .kind = MARKET_COINGECKO, .base_url = "http://127.0.0.1:9/cg" };
	char *url, *header, *cause = NULL;

	(void)state;
	assert_int_equal(market_parse_chart(body, strlen(body), 0, &h, &cause), 0);
	assert_int_equal(h.price.n, 2);
	assert_int_equal(h.price.t[0], 1700000000);
	assert_true(h.price.v[1] == 0.75);
	assert_int_equal(h.cap.n, 1);
	market_history_clear(&h);
	assert_int_equal(market_parse_chart("[1]", 3, 0, &h, &cause), -1);
	assert_string_equal(cause, "coingecko: market chart: expected prices or market_caps");
	free(cause);
	assert_int_equal(market_parse_chart("{", 1, 0, &h, &cause), -1);
	free(cause);

	assert_int_equal(market_chart_request(&src, "frog-coin", 7, &url, &header, &cause), 0);
	assert_string_equal(url,
	    "http://127.0.0.1:9/cg/api/v3/coins/frog-coin/market_chart?vs_currency=usd&days=7");
	assert_null(header);
	free(url);
	src.api_key = "k1";
	assert_int_equal(market_chart_request(&src, "frog-coin", 1, &url, &header, &cause), 0);
	assert_string_equal(header, "x-cg-demo-api-key: k1");
	free(url);
	free(header);
	/* GeckoTerminal's OHLCV: closes, oldest first, bad rows skipped. */
	const char *ohlcv = "{\"data\":{\"attributes\":{\"ohlcv_list\":["
	    "[1700007200,1,1,1,0.3,5],[1700003600,1,1,1,\"x\",5],[1700000000,1,1,1,0.2,5]]}}}";
	assert_int_equal(market_parse_ohlcv(ohlcv, strlen(ohlcv), 0, &h, &cause), 0);
	assert_int_equal(h.price.n, 2);
	assert_int_equal(h.price.t[0], 1700000000);
	assert_true(h.price.v[0] == 0.2 && h.price.v[1] == 0.3);
	assert_int_equal(h.cap.n, 0);
	market_history_clear(&h);
	assert_int_equal(market_parse_ohlcv("{}", 2, 0, &h, &cause), -1);
	assert_string_equal(cause, "geckoterminal: OHLCV: expected data.attributes.ohlcv_list");
	free(cause);
	assert_int_equal(market_ohlcv_request("http://127.0.0.1:9/gt/", "eth", "0xPool1", &url,
	    &cause), 0);
	assert_string_equal(url, "http://127.0.0.1:9/gt/api/v2/networks/eth/pools/0xPool1/ohlcv/"
	    "hour?aggregate=1&limit=168");
	free(url);
	assert_int_equal(market_ohlcv_request(NULL, "eth", "0xP", &url, &cause), 0);
	assert_string_equal(url, "https://api.geckoterminal.com/api/v2/networks/eth/pools/0xP/"
	    "ohlcv/hour?aggregate=1&limit=168");
	free(url);
	assert_int_equal(market_ohlcv_request(NULL, "eth", "a/b", &url, &cause), -1);
	assert_string_equal(cause, "geckoterminal: OHLCV: bad network or pool");
	free(cause);
	/* Not a slug: it would change the path. */
	assert_int_equal(market_chart_request(&src, "../x", 7, &url, &header, &cause), -1);
	assert_string_equal(cause, "coingecko: ../x: not a coin id");
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generic),
		cmocka_unit_test(test_generic_hostile),
		cmocka_unit_test(test_generic_del_comma_nul),
		cmocka_unit_test(test_gate_alpha),
		cmocka_unit_test(test_coingecko),
		cmocka_unit_test(test_dexscreener),
		cmocka_unit_test(test_holders),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_empty_lists),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_many_duplicates),
		cmocka_unit_test(test_fmt_money),
		cmocka_unit_test(test_fmt_price),
		cmocka_unit_test(test_fmt_holders_change),
		cmocka_unit_test(test_fmt_age),
		cmocka_unit_test(test_sparkline),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_list_helpers),
		cmocka_unit_test(test_requests),
		cmocka_unit_test(test_chart_parse_and_request),
		cmocka_unit_test(test_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
