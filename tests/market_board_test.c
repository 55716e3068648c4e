/*
 * Unit tests for src/market/board.c, the market panel's model without a
 * terminal: source labels; tokens of all sources in one sorted list whose
 * selection stays on its token through re-sorts and reloads; moving and
 * the window of rows; what each row shows at a width, left to right and
 * mirrored, with the holders' label shortening before the sparkline goes;
 * the header's label, age and failure mark; and failures announced once.
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

#include <cmocka.h>

#include "market/board.h"
#include "util/xalloc.h"

#define T0 ((time_t)1700000000)
#define NAKHLA "\xd9\x86\xd8\xae\xd9\x84\xd8\xa9"	/* "palm tree", four letters */
#define UP " \xe2\x96\xb2"

static struct market_num
num(double v)
{
	return (struct market_num){ .value = v, .present = true };
}

static void
add(struct market_list *l, const char *sym, const char *name, double cap, double chg,
    double holders)
{
	struct market_ticker t = {
		.id = (char *)sym, .symbol = (char *)sym, .name = (char *)name,
		.market_cap_usd = num(cap), .change_24h_pct = num(chg), .holders = num(holders),
	};

	assert_true(market_list_append(l, &t));
}

/* Two sources: FROG and CALM from the first, PALM (Arabic name) from the second. */
static struct market_board *
two_sources(void)
{
	struct market_src v[2] = {
		{ .name = "one", .kind = MARKET_GENERIC, .line = 3 },
		{ .name = "two", .kind = MARKET_GENERIC, .line = 4 },
	};
	struct market_sources srcs = { v, 2 };
	struct market_board *b = market_board_new(&srcs);
	struct market_list *a = market_list_new(), *c = market_list_new();

	add(a, "FROG", "Frog Coin", 3534, 0.15, 128);
	add(a, "CALM", "Calm", 45e9, 0, 9000);
	add(c, "PALM", NAKHLA, 1e6, 4.2, 1);
	market_board_set_list(b, 0, a, T0);
	market_board_set_list(b, 1, c, T0);
	market_board_rebuild(b);
	return b;
}

/* The symbols in board order, "CALM PALM FROG". */
static void
assert_order(const struct market_board *b, const char *want)
{
	char got[128] = "";

	for (size_t k = 0; k < market_board_count(b); k++) {
		if (k > 0)
			strcat(got, " ");
		strcat(got, market_board_ticker(b, k)->symbol);
	}
	assert_string_equal(got, want);
}

static void
test_labels(void **state)
{
	struct market_src v[] = {
		{ .name = "generic file:///usr/share/newsreader/market.json", .line = 0,
		  .kind = MARKET_GENERIC, .base_url = "file:///usr/share/newsreader/market.json" },
		{ .name = "coingecko https://api.coingecko.com ids=bitcoin", .line = 2,
		  .kind = MARKET_COINGECKO, .base_url = "https://api.coingecko.com" },
		{ .name = "my coins", .line = 3, .kind = MARKET_COINGECKO },
		{ .name = "generic https://data.example.org/t.json?x=1", .line = 4,
		  .kind = MARKET_GENERIC, .base_url = "https://data.example.org/t.json?x=1" },
		{ .name = "generic file:///home/u/tokens.json", .line = 5,
		  .kind = MARKET_GENERIC, .base_url = "file:///home/u/tokens.json" },
	};
	struct market_sources srcs = { v, 5 };
	struct market_board *b = market_board_new(&srcs);

	(void)state;
	assert_int_equal(market_board_nsources(b), 5);
	assert_string_equal(market_board_label(b, 0), "demo");
	assert_string_equal(market_board_label(b, 1), "coingecko");
	assert_string_equal(market_board_label(b, 2), "my coins");
	assert_string_equal(market_board_label(b, 3), "data.example.org");
	assert_string_equal(market_board_label(b, 4), "tokens.json");
	/* Nothing fetched yet: no tokens, nothing selected. */
	assert_int_equal(market_board_count(b), 0);
	market_board_rebuild(b);
	assert_int_equal(market_board_count(b), 0);
	assert_null(market_board_selected(b));
	assert_int_equal(market_board_scroll(b, 5), 0);
	market_board_free(&b);
	assert_null(b);
}

static void
test_sort_and_selection(void **state)
{
	struct market_board *b = two_sources();
	enum market_sort key;

	(void)state;
	assert_order(b, "CALM PALM FROG");
	assert_int_equal(market_board_source_of(b, 1), 1);
	market_board_move(b, MARKET_MOVE_BOTTOM, 1);
	assert_string_equal(market_board_selected(b)->symbol, "FROG");
	/* Re-sorting keeps the selection on FROG. */
	assert_int_equal(market_board_next_sort(b), MARKET_SORT_CHANGE);
	assert_order(b, "PALM FROG CALM");
	assert_int_equal(market_board_cursor(b), 1);
	assert_int_equal(market_board_next_sort(b), MARKET_SORT_HOLDERS);
	assert_order(b, "CALM FROG PALM");
	assert_int_equal(market_board_cursor(b), 1);
	assert_int_equal(market_board_next_sort(b), MARKET_SORT_CAP);
	assert_string_equal(market_board_selected(b)->symbol, "FROG");

	/* A reload whose values move FROG to the top keeps it selected. */
	struct market_list *a = market_list_new();
	add(a, "CALM", "Calm", 45e9, 0, 9000);
	add(a, "FROG", "Frog Coin", 99e9, 0.15, 128);
	market_board_set_list(b, 0, a, T0 + 60);
	market_board_rebuild(b);
	assert_order(b, "FROG CALM PALM");
	assert_int_equal(market_board_cursor(b), 0);
	market_board_move(b, MARKET_MOVE_DOWN, 1);
	/* A list the source no longer sends FROG in: the first row. */
	a = market_list_new();
	add(a, "CALM", "Calm", 45e9, 0, 9000);
	market_board_set_list(b, 0, a, T0 + 120);
	market_board_set_list(b, 1, NULL, 0);	/* a cache read error keeps PALM */
	market_board_rebuild(b);
	assert_order(b, "CALM PALM");
	assert_string_equal(market_board_selected(b)->symbol, "CALM");

	/* ui_state names and words of the keys. */
	assert_true(market_sort_from_state("holders", &key));
	assert_int_equal(key, MARKET_SORT_HOLDERS);
	assert_false(market_sort_from_state("volume", &key));
	assert_false(market_sort_from_state(NULL, &key));
	assert_string_equal(market_sort_state(MARKET_SORT_CHANGE), "change");
	assert_string_equal(market_sort_label(MARKET_SORT_CAP), "market cap");
	market_board_set_sort(b, MARKET_SORT_HOLDERS);
	assert_int_equal(market_board_sort(b), MARKET_SORT_HOLDERS);
	market_board_free(&b);
}

static void
test_move_and_scroll(void **state)
{
	struct market_src v[1] = { { .name = "one", .kind = MARKET_GENERIC, .line = 3 } };
	struct market_sources srcs = { v, 1 };
	struct market_board *b = market_board_new(&srcs);
	struct market_list *l = market_list_new();
	char sym[8];

	(void)state;
	for (int i = 0; i < 10; i++) {
		snprintf(sym, sizeof sym, "T%d", i);
		add(l, sym, NULL, 1000 - i, 0, 1);	/* T0 has the largest cap */
	}
	market_board_set_list(b, 0, l, T0);
	market_board_rebuild(b);
	assert_int_equal(market_board_scroll(b, 4), 0);
	market_board_move(b, MARKET_MOVE_PAGE_DOWN, 3);
	assert_int_equal(market_board_cursor(b), 3);
	assert_int_equal(market_board_scroll(b, 4), 0);		/* still in view */
	market_board_move(b, MARKET_MOVE_DOWN, 3);
	assert_int_equal(market_board_scroll(b, 4), 1);		/* one row down */
	market_board_move(b, MARKET_MOVE_PAGE_DOWN, 3);
	market_board_move(b, MARKET_MOVE_PAGE_DOWN, 3);
	assert_int_equal(market_board_cursor(b), 9);		/* stops at the end */
	assert_int_equal(market_board_scroll(b, 4), 6);
	assert_int_equal(market_board_scroll(b, 20), 0);	/* taller: no blank rows */
	market_board_move(b, MARKET_MOVE_PAGE_UP, 3);
	assert_int_equal(market_board_cursor(b), 6);
	market_board_move(b, MARKET_MOVE_TOP, 3);
	market_board_move(b, MARKET_MOVE_UP, 3);
	assert_int_equal(market_board_cursor(b), 0);
	market_board_move(b, MARKET_MOVE_PAGE_UP, 0);		/* a page is at least 1 */
	assert_int_equal(market_board_cursor(b), 0);
	market_board_free(&b);
}

static void
assert_field(const struct market_field *f, const char *text, int x, int w)
{
	if (text == NULL) {
		assert_null(f->text);
		return;
	}
	assert_non_null(f->text);
	assert_string_equal(f->text, text);
	assert_int_equal(f->x, x);
	assert_int_equal(f->w, w);
}

static void
test_rows(void **state)
{
	struct market_board *b = two_sources();
	struct market_row r;

	(void)state;
	/* FROG (row 2 by cap) in 28 columns, left to right. */
	market_board_row(b, 2, 28, false, 0, &r);
	assert_field(&r.symbol, "FROG", 0, 4);
	assert_field(&r.name, "Frog Coin", 5, 9);
	assert_field(&r.cap, "$3.53K", 22, 6);
	assert_field(&r.holders, "128 holders", 0, 11);
	assert_field(&r.change, "+0.15%" UP, 20, 8);
	assert_int_equal(r.change_dir, 1);
	assert_non_null(r.spark.text);		/* 7 cells: 28 - 11 - 8 - 2 */
	assert_int_equal(r.spark.x, 12);
	assert_int_equal(r.spark.w, 7);
	market_row_clear(&r);

	/* Mirrored: the cap and the change at the left, the name against it. */
	market_board_row(b, 2, 28, true, 0, &r);
	assert_field(&r.cap, "$3.53K", 0, 6);
	assert_field(&r.symbol, "FROG", 24, 4);
	assert_field(&r.name, "Frog Coin", 14, 9);
	assert_field(&r.change, "+0.15%" UP, 0, 8);
	assert_int_equal(r.spark.x, 9);
	assert_field(&r.holders, "128 holders", 17, 11);
	market_row_clear(&r);

	/* Narrow: the label shortens before the sparkline drops below 4
	 * cells, and the name is cut to what is left. */
	market_board_row(b, 2, 22, false, 0, &r);
	assert_field(&r.holders, "128", 0, 3);
	assert_int_equal(r.spark.w, 9);
	assert_field(&r.name, "Frog Coin", 5, 9);
	market_row_clear(&r);
	market_board_row(b, 2, 18, false, MARKET_FMT_ASCII, &r);
	assert_field(&r.name, "Frog Coin", 5, 6);	/* the painter cuts it to 6 columns */
	assert_field(&r.change, "+0.15% ^", 10, 8);
	market_row_clear(&r);

	/* PALM: one holder, an Arabic name, a history for the sparkline. */
	double *h = xreallocarray(NULL, 3, sizeof *h);
	h[0] = 1;
	h[1] = NAN;
	h[2] = 3;
	assert_true(market_history_usable(h, 3));
	assert_false(market_history_usable((const double[]){ NAN, NAN }, 2));
	market_board_set_history(b, 1, h, 3);
	market_board_row(b, 1, 28, false, MARKET_FMT_ASCII, &r);
	assert_field(&r.symbol, "PALM", 0, 4);
	assert_field(&r.name, NAKHLA, 5, 4);
	assert_field(&r.holders, "1 holder", 0, 8);
	assert_string_equal(r.spark.text + strlen(r.spark.text) - 3, "_ #");
	market_row_clear(&r);
	/* Past the end: nothing. */
	market_board_row(b, 3, 28, false, 0, &r);
	assert_null(r.symbol.text);
	assert_null(r.cap.text);
	market_row_clear(&r);
	market_board_free(&b);
}

static void
test_header_and_news(void **state)
{
	struct market_src v[1] = { { .name = "x", .kind = MARKET_GENERIC, .line = 0 } };
	struct market_sources srcs = { v, 1 };
	struct market_board *b = market_board_new(&srcs);
	struct market_header h;

	(void)state;
	market_board_header(b, T0, true, 0, &h);
	assert_string_equal(h.label, "demo");
	assert_false(h.failed);
	assert_string_equal(h.status, "loading \xc2\xb7 by market cap");
	market_board_header(b, T0, false, MARKET_FMT_ASCII, &h);
	assert_string_equal(h.status, "no data yet - by market cap");
	market_board_set_list(b, 0, market_list_new(), T0 - 120);
	market_board_set_sort(b, MARKET_SORT_CHANGE);
	market_board_header(b, T0, true, MARKET_FMT_ASCII, &h);
	assert_string_equal(h.status, "2 min ago - by change");

	/* A failure is the "!" and is announced once per distinct reason. */
	assert_null(market_board_news(b, 0));
	market_board_set_error(b, 0, "HTTP 500");
	market_board_header(b, T0, true, 0, &h);
	assert_true(h.failed);
	assert_string_equal(market_board_error(b, 0), "HTTP 500");
	assert_string_equal(market_board_news(b, 0), "HTTP 500");
	assert_null(market_board_news(b, 0));
	market_board_set_error(b, 0, "HTTP 500");
	assert_null(market_board_news(b, 0));
	market_board_set_error(b, 0, "timed out");
	assert_string_equal(market_board_news(b, 0), "timed out");
	/* A recovery, then the same failure again: said again. */
	market_board_set_error(b, 0, NULL);
	assert_null(market_board_news(b, 0));
	market_board_header(b, T0, true, 0, &h);
	assert_false(h.failed);
	market_board_set_error(b, 0, "timed out");
	assert_string_equal(market_board_news(b, 0), "timed out");
	assert_null(market_board_news(b, 5));
	market_board_free(&b);

	b = two_sources();
	market_board_header(b, T0 + 30, true, 0, &h);
	assert_string_equal(h.label, "2 sources");
	assert_string_equal(h.status, "just now \xc2\xb7 by market cap");
	market_board_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_sort_and_selection),
		cmocka_unit_test(test_move_and_scroll),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_header_and_news),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
