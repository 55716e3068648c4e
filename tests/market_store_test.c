/*
 * Unit tests for src/store/tickers.c: the market panel's cache. A list goes
 * in and comes back as the panel would show it; history keeps its caps; a
 * failure leaves the last good values; everything survives a reopen and an
 * upgrade from a version 1 cache. Each test works in its own directory.
 * Also the sources and schedule of market/source.h, whose restart path
 * reads the cache.
 */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "config/settings.h"
#include "jobs/marketjob.h"
#include "market/format.h"
#include "market/source.h"
#include "store/store-int.h"
#include "store/tickers.h"
#include "util/xalloc.h"

#define T0 ((time_t)1700000000)

#define STORE_FIXTURE_NAME "market_store_test"
#include "store_fixture.h"

static struct market_num
num(double v)
{
	return (struct market_num){ .value = v, .present = true };
}

static const struct market_num missing = { 0 };

/* Three tokens as a parser would give them: Arabic name, missing values. */
static struct market_list *
sample(void)
{
	struct market_list *l = market_list_new();
	struct market_ticker a = {
		.id = "0xAAA", .symbol = "PALM", .name = "نخلة", .chain = "ethereum",
		.url = "https://example.org/palm", .price_usd = num(0.0125),
		.market_cap_usd = num(3534.9), .holders = num(15230),
		.change_24h_pct = num(4.2),
	};
	struct market_ticker b = {
		.id = "owl", .symbol = "OWL", .name = "Night Owl",
		.price_usd = num(12.5), .market_cap_usd = missing, .holders = missing,
		.change_24h_pct = num(-1.05),
	};
	struct market_ticker c = { .id = "SUQ", .symbol = "SUQ" };

	assert_true(market_list_append(l, &a));
	assert_true(market_list_append(l, &b));
	assert_true(market_list_append(l, &c));
	return l;
}

/* One ticker the way the panel paints it. */
static char *
shown(const struct market_ticker *t)
{
	char p[MARKET_FMT_SIZE], m[MARKET_FMT_SIZE], h[MARKET_FMT_SIZE], c[MARKET_FMT_SIZE];

	return xasprintf("%s|%s|%s|%s|%s|%s|%s|%s", t->id, t->symbol,
	    t->name != NULL ? t->name : "-", t->chain != NULL ? t->chain : "-",
	    market_fmt_price(t->price_usd, 0, p), market_fmt_money(t->market_cap_usd, 0, m),
	    market_fmt_holders(t->holders, 0, h), market_fmt_change(t->change_24h_pct, 0, c));
}

static void
assert_shown(const struct market_list *l, size_t i, const char *want)
{
	char *got;

	assert_true(i < l->n);
	got = shown(&l->items[i]);
	assert_string_equal(got, want);
	free(got);
}

static void
assert_sample(const struct market_list *l)
{
	assert_int_equal(l->n, 3);
	assert_shown(l, 0, "0xAAA|PALM|نخلة|ethereum|$0.01250|$3.53K|15.2K|+4.20% ▲");
	assert_string_equal(l->items[0].url, "https://example.org/palm");
	assert_shown(l, 1, "owl|OWL|Night Owl|-|$12.50|—|—|-1.05% ▼");
	assert_null(l->items[1].url);
	assert_shown(l, 2, "SUQ|SUQ|-|-|—|—|—|—");
}

/* The source's stored list is sample(), last fetched at updated. */
static void
assert_stored_sample(struct store *s, const char *source, time_t updated)
{
	struct market_list *got = NULL;
	time_t when = 0;

	assert_int_equal(store_tickers_load(s, source, &got, &when), 0);
	assert_int_equal(when, updated);
	assert_sample(got);
	market_list_free(&got);
}

static void
test_round_trip(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	struct market_list *l = sample(), *got = NULL;
	struct store_ticker_status st;
	time_t when = 99;

	/* Nothing stored yet: an empty list that was never fetched. */
	assert_int_equal(store_tickers_load(s, "gen", &got, &when), 0);
	assert_int_equal(got->n, 0);
	assert_int_equal(when, 0);
	market_list_free(&got);

	assert_int_equal(store_tickers_save(s, "gen", l, T0), 0);
	assert_stored_sample(s, "gen", T0);

	/* Another source is separate. */
	assert_int_equal(store_tickers_load(s, "other", &got, &when), 0);
	assert_int_equal(got->n, 0);
	market_list_free(&got);

	assert_int_equal(store_tickers_status(s, "gen", &st), 0);
	assert_int_equal(st.last_success, T0);
	assert_int_equal(st.last_attempt, T0);
	assert_null(st.last_error);
	assert_int_equal(st.count, 3);
	store_ticker_status_clear(&st);

	/* The next list decides the tokens and their order. */
	market_list_free(&l);
	l = market_list_new();
	{
		struct market_ticker o = { .id = "OWL", .symbol = "OWL", .price_usd = num(13) };
		struct market_ticker p = { .id = "0xaaa", .symbol = "PALM",
		    .price_usd = num(0.02) };
		assert_true(market_list_append(l, &o));
		assert_true(market_list_append(l, &p));
	}
	assert_int_equal(store_tickers_save(s, "gen", l, T0 + 60), 0);
	assert_int_equal(store_tickers_load(s, "gen", &got, &when), 0);
	assert_int_equal(when, T0 + 60);
	assert_int_equal(got->n, 2);
	assert_shown(got, 0, "OWL|OWL|-|-|$13.00|—|—|—");
	assert_shown(got, 1, "0xaaa|PALM|-|-|$0.02000|—|—|—");
	market_list_free(&got);
	market_list_free(&l);
	store_close(&s);
}

static size_t
history(struct store *s, const char *source, const char *id, enum store_ticker_field f,
    size_t max, double **v, time_t **t)
{
	size_t n = 99;

	assert_int_equal(store_tickers_history(s, source, id, f, max, v, t, &n), 0);
	return n;
}

static void
save_price(struct store *s, double price, double cap, time_t when)
{
	struct market_list *l = market_list_new();
	struct market_ticker t = { .id = "HUD", .symbol = "HUD", .price_usd = num(price),
	    .market_cap_usd = cap >= 0 ? num(cap) : missing };

	assert_true(market_list_append(l, &t));
	assert_int_equal(store_tickers_save(s, "gen", l, when), 0);
	market_list_free(&l);
}

static void
test_history_cap(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	double *v = NULL;
	time_t *t = NULL;
	size_t n;

	/* Unknown token: no points. */
	assert_int_equal(history(s, "gen", "HUD", STORE_TICKER_PRICE, 0, &v, &t), 0);
	assert_null(v);
	assert_null(t);

	/* 300 saves a step apart: only the newest STORE_TICKER_HISTORY_MAX stay. */
	for (int i = 0; i < 300; i++)
		save_price(s, 1.0 + i, i % 2 ? 1000.0 * i : -1,
		    T0 + (time_t)i * STORE_TICKER_HISTORY_STEP);
	n = history(s, "gen", "hud", STORE_TICKER_PRICE, 0, &v, &t);
	assert_int_equal(n, STORE_TICKER_HISTORY_MAX);
	assert_true(v[0] == 13.0);	/* points 12..299 remain, oldest first */
	assert_int_equal(t[0], T0 + 12 * STORE_TICKER_HISTORY_STEP);
	assert_true(v[n - 1] == 300.0);
	assert_int_equal(t[n - 1], T0 + 299 * STORE_TICKER_HISTORY_STEP);
	free(v);
	free(t);

	/* The newest 5 caps for a sparkline; a point without a cap is NaN. */
	n = history(s, "gen", "HUD", STORE_TICKER_CAP, 5, &v, NULL);
	assert_int_equal(n, 5);
	assert_true(v[0] == 295000.0);
	assert_true(isnan(v[1]));
	assert_true(v[4] == 299000.0);
	{
		char *line = market_sparkline(v, n, 5, 0);
		assert_string_equal(line, "▁ ▅ █");	/* the middle rounds up */
		free(line);
	}
	free(v);

	/* Saves a minute apart move the newest point instead of adding one. */
	time_t last = T0 + 299 * STORE_TICKER_HISTORY_STEP;
	for (int i = 1; i <= 4; i++)
		save_price(s, 500.0 + i, -1, last + 60 * i);
	n = history(s, "gen", "HUD", STORE_TICKER_PRICE, 3, &v, &t);
	assert_int_equal(n, 3);
	assert_true(v[0] == 299.0 && v[1] == 300.0);
	assert_true(v[2] == 504.0);	/* the newest is always the current value */
	assert_int_equal(t[2], last + 240);
	free(v);
	free(t);
	save_price(s, 600.0, -1, last + 360);	/* a step after the point before */
	n = history(s, "gen", "HUD", STORE_TICKER_PRICE, 3, &v, &t);
	assert_true(v[0] == 300.0 && v[1] == 504.0 && v[2] == 600.0);
	free(v);
	free(t);

	/* A week later every older point has aged out. */
	save_price(s, 7.0, 70.0, last + STORE_TICKER_HISTORY_AGE + 300);
	n = history(s, "gen", "HUD", STORE_TICKER_PRICE, 0, &v, &t);
	assert_int_equal(n, 2);
	assert_true(v[0] == 600.0 && v[1] == 7.0);
	free(v);
	free(t);
	store_close(&s);
}

/* Schema 11: the warning, address, volume and holders history round-trip;
 * a backfill adds points without overwriting the reader's own. */
static void
test_v11_fields_and_backfill(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	struct market_list *l = market_list_new(), *got = NULL;
	struct store_ticker_status st;
	struct market_ticker t = { .id = "0xF0", .symbol = "FROG", .chain = "ethereum",
	    .address = "0xF0", .price_usd = num(2), .holders = num(300),
	    .volume_24h_usd = num(81000) };
	double *v = NULL;
	time_t *tv = NULL;

	assert_true(market_list_append(l, &t));
	assert_int_equal(store_tickers_save(s, "dex", l, T0), 0);
	assert_int_equal(store_tickers_warn(s, "dex", "geckoterminal: 0xF0: HTTP 404"), 0);
	assert_int_equal(store_tickers_status(s, "dex", &st), 0);
	assert_string_equal(st.last_warning, "geckoterminal: 0xF0: HTTP 404");
	store_ticker_status_clear(&st);
	assert_int_equal(store_tickers_load(s, "dex", &got, NULL), 0);
	assert_int_equal(got->n, 1);
	assert_string_equal(got->items[0].address, "0xF0");
	assert_true(got->items[0].volume_24h_usd.present);
	assert_true(got->items[0].volume_24h_usd.value == 81000);
	market_list_free(&got);
	assert_int_equal(history(s, "dex", "0xf0", STORE_TICKER_HOLDERS, 0, &v, NULL), 1);
	assert_true(v[0] == 300);
	free(v);

	/* Three points from a chart, one at the time of the reader's own, one
	 * negative (skipped). */
	time_t bt[] = { T0 - 7200, T0 - 3600, T0 };
	double bv[] = { 1, -1, 5 };
	assert_int_equal(store_tickers_backfill(s, "dex", "0xF0", STORE_TICKER_PRICE, bt, bv, 3),
	    0);
	assert_int_equal(history(s, "dex", "0xF0", STORE_TICKER_PRICE, 0, &v, &tv), 2);
	assert_int_equal(tv[0], T0 - 7200);
	assert_true(v[0] == 1);
	assert_int_equal(tv[1], T0);
	assert_true(v[1] == 2);
	free(v);
	free(tv);
	/* A good refresh with nothing lost clears the warning. */
	assert_int_equal(store_tickers_warn(s, "dex", NULL), 0);
	assert_int_equal(store_tickers_status(s, "dex", &st), 0);
	assert_null(st.last_warning);
	store_ticker_status_clear(&st);
	market_list_free(&l);
	store_close(&s);
}

static void
test_error_keeps_values(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	struct market_list *l = sample(), *got = NULL;
	struct store_ticker_status st;
	double *v = NULL;
	time_t when = 0;

	assert_int_equal(store_tickers_save(s, "gen", l, T0), 0);
	assert_int_equal(store_tickers_failed(s, "gen", "HTTP 429 (retry after 120 s)",
	    T0 + 60, T0 + 180), 0);
	assert_stored_sample(s, "gen", T0);	/* the data's age is the last success */
	assert_int_equal(store_tickers_status(s, "gen", &st), 0);
	assert_string_equal(st.last_error, "HTTP 429 (retry after 120 s)");
	assert_int_equal(st.error_at, T0 + 60);
	assert_int_equal(st.last_attempt, T0 + 60);
	assert_int_equal(st.last_success, T0);
	assert_int_equal(st.retry_after, T0 + 180);
	assert_int_equal(st.count, 3);
	store_ticker_status_clear(&st);
	assert_int_equal(history(s, "gen", "0xaaa", STORE_TICKER_PRICE, 0, &v, NULL), 1);
	assert_true(v[0] == 0.0125);
	free(v);

	/* A failure for a source never fetched: status only. */
	assert_int_equal(store_tickers_failed(s, "new", "generic: expected an object", T0, 0),
	    0);
	assert_int_equal(store_tickers_status(s, "new", &st), 0);
	assert_string_equal(st.last_error, "generic: expected an object");
	assert_int_equal(st.last_success, 0);
	assert_int_equal(st.count, 0);
	store_ticker_status_clear(&st);

	/* The next success clears the error and the wait. */
	assert_int_equal(store_tickers_save(s, "gen", l, T0 + 300), 0);
	assert_int_equal(store_tickers_status(s, "gen", &st), 0);
	assert_null(st.last_error);
	assert_int_equal(st.retry_after, 0);
	assert_int_equal(st.last_success, T0 + 300);
	store_ticker_status_clear(&st);

	/* Inside someone else's transaction nothing is written. */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_tickers_save(s, "gen", l, T0 + 600), -1);
	assert_non_null(strstr(store_errmsg(s), "a transaction is already open"));
	assert_int_equal(store_rollback(s), 0);
	assert_int_equal(store_tickers_load(s, "gen", &got, &when), 0);
	assert_int_equal(when, T0 + 300);
	market_list_free(&got);
	market_list_free(&l);
	store_close(&s);
}

static void
test_reopen_keeps_data(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	struct market_list *l = sample();
	struct store_ticker_status st;
	double *v = NULL;

	assert_int_equal(store_tickers_save(s, "gen", l, T0), 0);
	assert_int_equal(store_tickers_failed(s, "gen", "HTTP 503", T0 + 60, T0 + 600), 0);
	store_close(&s);

	s = open_ok(fx->db, 0);
	assert_stored_sample(s, "gen", T0);
	assert_int_equal(store_tickers_status(s, "gen", &st), 0);
	assert_string_equal(st.last_error, "HTTP 503");
	assert_int_equal(st.retry_after, T0 + 600);
	store_ticker_status_clear(&st);
	assert_int_equal(history(s, "gen", "0xAAA", STORE_TICKER_CAP, 0, &v, NULL), 1);
	assert_true(v[0] == 3534.9);
	free(v);
	market_list_free(&l);
	store_close(&s);
}

/* A cache written by a build that had only schema version 1. */
static void
test_upgrade_from_v1(void **state)
{
	struct fx *fx = *state;
	struct market_list *got = NULL;
	struct store *s;
	sqlite3 *db;
	time_t when = 0;
	double *v = NULL;

	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	    "PRAGMA user_version = 1; PRAGMA application_id = 1314014290;"
	    "INSERT INTO tickers (source, symbol, name, price_usd, market_cap_usd, holders,"
	    "  change_24h_pct, url, updated_at) VALUES ('gen', 'OLD', 'قديم', 2.5, 1200000,"
	    "  42, -3, 'https://example.org/old', 1700000000);"
	    "INSERT INTO ticker_history VALUES ('gen', 'OLD', 1700000000, 2.5, 1200000);",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	s = open_ok(fx->db, 0);
	assert_int_equal(store_tickers_load(s, "gen", &got, &when), 0);
	assert_int_equal(got->n, 1);
	assert_shown(got, 0, "OLD|OLD|قديم|-|$2.50|$1.20M|42|-3.00% ▼");
	assert_int_equal(when, 0);	/* version 1 kept no status */
	market_list_free(&got);
	assert_int_equal(history(s, "gen", "old", STORE_TICKER_PRICE, 0, &v, NULL), 1);
	assert_true(v[0] == 2.5);
	free(v);
	store_close(&s);
}

static struct market_sources *
sources(const char *text, struct diag_list *d)
{
	struct config *cfg = NULL;
	struct market_sources *l;

	assert_int_equal(config_parse("conf", text, strlen(text), &cfg, d), 0);
	l = market_sources_from_config(cfg, d);
	config_free(&cfg);
	return l;
}

static void
test_sources_from_config(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct market_sources *l;
	struct market_source q;
	char *url = NULL, *header = NULL, *cause = NULL;

	(void)state;
	l = sources("market-interval 30\n"
	    "market-source generic file:///srv/m.json\n"
	    "market-source coingecko https://api.coingecko.com/api/v3/coins/markets?x=1 "
	    "ids=a,b key=K1 key-type=pro interval=5\n"
	    "market-source dexscreener https://api.dexscreener.com/tokens/v1/ chain=base "
	    "addresses=0x1 holders=geckoterminal name=Base\n"
	    "market-source gate-alpha https://api.gateio.ws foo=1\n"
	    "market-source generic file:///srv/m.json\n"
	    "market-source dexscreener https://api.dexscreener.com chain=base\n"
	    "market-source generic https://example.org/m.json holders-url=http://x\n", &d);
	assert_int_equal(l->n, 3);
	assert_string_equal(l->v[0].name, "generic file:///srv/m.json");
	assert_int_equal(l->v[0].interval, 30);
	/* The key stays out of the name; endpoint and query are cut off. */
	assert_string_equal(l->v[1].name, "coingecko https://api.coingecko.com/api/v3/coins/"
	    "markets?x=1 ids=a,b");
	assert_string_equal(l->v[1].base_url, "https://api.coingecko.com");
	assert_int_equal(l->v[1].interval, 60);	/* 5 raised to the API's minimum */
	market_src_request(&l->v[1], &q);
	assert_int_equal(market_request(&q, &url, &header, &cause), 0);
	assert_string_equal(url, "https://api.coingecko.com/api/v3/coins/markets?"
	    "vs_currency=usd&ids=a,b");
	assert_string_equal(header, "x-cg-pro-api-key: K1");
	free(url);
	free(header);
	assert_string_equal(l->v[2].name, "Base");
	assert_string_equal(l->v[2].base_url, "https://api.dexscreener.com");
	assert_true(l->v[2].holders);
	assert_int_equal(d.n, 4);
	assert_string_equal(d.v[0].msg, "conf:5: market-source: unknown parameter 'foo'");
	assert_string_equal(d.v[1].msg,
	    "conf:6: market-source: duplicate source 'generic file:///srv/m.json'");
	assert_string_equal(d.v[2].msg,
	    "conf:7: market-source: dexscreener: needs chain and addresses");
	assert_string_equal(d.v[3].msg, "conf:8: market-source: holders lookups need a "
	    "dexscreener source (token addresses)");
	diag_list_clear(&d);
	market_sources_free(&l);
}

static void
test_schedule(void **state)
{
	struct market_sources *l = sources(
	    "market-source generic http://127.0.0.1/m.json interval=5 name=g\n"
	    "market-source dexscreener http://127.0.0.1 chain=base addresses=0x1 "
	    "holders=geckoterminal name=d\n", NULL);
	size_t due[4];

	(void)state;
	assert_int_equal(market_schedule_next(l), 0);
	assert_int_equal(market_schedule_timeout_ms(l, T0), 0);
	/* Everything is due at the start; holders come with the first refresh. */
	assert_int_equal(market_schedule_due(l, T0, due, 4), 2);
	assert_int_equal(due[0], 0);
	assert_int_equal(due[1], 1);
	assert_true(l->v[1].want_holders);
	/* In flight: not due again until reported (or lost). */
	assert_int_equal(market_schedule_due(l, T0 + 100, due, 4), 0);
	assert_int_equal(market_schedule_next(l), T0 + MARKET_IN_FLIGHT_MAX);

	market_schedule_done(l, "g", T0 + 1, 0);
	market_schedule_done(l, "d", T0 + 2, T0 + 500);	/* 429 Retry-After */
	market_schedule_done(l, "unknown", T0 + 2, 0);
	assert_int_equal(l->v[0].next_due, T0 + 6);
	assert_int_equal(l->v[1].next_due, T0 + 500);
	assert_int_equal(market_schedule_timeout_ms(l, T0 + 3), 3000);
	assert_int_equal(market_schedule_due(l, T0 + 5, due, 4), 0);
	assert_int_equal(market_schedule_due(l, T0 + 6, due, 4), 1);
	assert_int_equal(due[0], 0);
	market_schedule_done(l, "g", T0 + 7, 0);

	/* The user asks for fresh data: not from a server that said wait. */
	market_schedule_refresh(l, T0 + 8);
	assert_int_equal(market_schedule_due(l, T0 + 8, due, 4), 1);
	assert_int_equal(due[0], 0);
	market_schedule_done(l, "g", T0 + 8, 0);
	assert_int_equal(market_schedule_due(l, T0 + 500, due, 4), 2);
	assert_true(l->v[1].want_holders);	/* 500 s since the last lookup */
	market_schedule_done(l, "d", T0 + 501, 0);
	market_schedule_done(l, "g", T0 + 501, 0);
	/* Holders at most every MARKET_HOLDERS_INTERVAL seconds. */
	assert_int_equal(market_schedule_due(l, T0 + 561, due, 4), 2);
	assert_false(l->v[1].want_holders);
	market_schedule_done(l, "d", T0 + 562, 0);
	market_schedule_done(l, "g", T0 + 562, 0);
	assert_int_equal(market_schedule_due(l, T0 + 800, due, 4), 2);
	assert_true(l->v[1].want_holders);

	/* A lost refresh is due again after MARKET_IN_FLIGHT_MAX. */
	assert_int_equal(market_schedule_due(l, T0 + 800 + MARKET_IN_FLIGHT_MAX - 1, due, 4), 0);
	assert_int_equal(market_schedule_due(l, T0 + 800 + MARKET_IN_FLIGHT_MAX, due, 4), 2);
	/* A hostile Retry-After is cut to a day. */
	market_schedule_done(l, "g", T0 + 2000, T0 + 2000 + 10 * MARKET_RETRY_MAX);
	assert_int_equal(l->v[0].next_due, T0 + 2000 + MARKET_RETRY_MAX);
	market_sources_free(&l);
}

/* After a restart the schedule continues from what the cache remembers. */
static void
test_schedule_restore(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	struct market_list *l = sample();
	struct market_sources *src = sources(
	    "market-source generic http://127.0.0.1/a.json name=a\n"
	    "market-source generic http://127.0.0.1/b.json name=b\n"
	    "market-source generic http://127.0.0.1/c.json name=c\n", NULL);
	time_t now = time(NULL);
	size_t due[4];

	assert_int_equal(store_tickers_save(s, "a", l, now - 10), 0);
	assert_int_equal(store_tickers_failed(s, "b", "HTTP 429", now - 10, now + 100), 0);
	assert_int_equal(market_sources_restore(src, s, now), 0);
	assert_int_equal(src->v[0].next_due, now + 50);
	assert_int_equal(src->v[1].next_due, now + 100);
	assert_int_equal(market_schedule_due(src, now, due, 4), 1);
	assert_int_equal(due[0], 2);	/* never fetched: at once */
	market_list_free(&l);
	market_sources_free(&src);
	store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_keeps_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_keeps_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_v1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v11_fields_and_backfill, setup, teardown),
		cmocka_unit_test(test_sources_from_config),
		cmocka_unit_test(test_schedule),
		cmocka_unit_test_setup_teardown(test_schedule_restore, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
