/*
 * Display strings for the market panel: amounts, prices, holders, changes,
 * ages and sparklines. Pure functions of their arguments; they never look at
 * the locale (the decimal point is always '.'), so an Arabic or German UI
 * shows the same "$3.53K". Each writes into a caller buffer of at least
 * MARKET_FMT_SIZE bytes and returns it; a missing value is "—" (U+2014).
 *
 * Rule for amounts: 3 significant digits with K/M/B/T, so $3.53K, $1.20M,
 * $10.0T (DESIGN.md's "$1.2M" is the same value; we keep the trailing zero so
 * the width does not jump), and rounding carries to the next unit
 * (999950 -> $1.00M).
 */
#ifndef NR_MARKET_FORMAT_H
#define NR_MARKET_FORMAT_H

#include <stddef.h>
#include <time.h>

#include "market/market.h"

#define MARKET_FMT_SIZE 32

enum market_fmt_flags {
	MARKET_FMT_ASCII = 1 << 0,	/* ^ v instead of ▲ ▼, "-" for missing, ASCII sparkline */
};

/* Market cap and other amounts: $0, $999, $1.00K, $3.53K, $1.20M, $10.0T, $0.500, $0.0000123. */
char *market_fmt_money(struct market_num n, int flags, char *buf);
/*
 * Prices: from $1000 up as money ($97.1K); $1 to $999.99 with two decimals
 * ($1.23); below $1 four significant digits ($0.5000, $0.00001234); below
 * 1e-9 in e-notation ($1.234e-12).
 */
char *market_fmt_price(struct market_num n, int flags, char *buf);
/* Holders: 0..999 as is (128), then short form (1.23K, 12.3K, 4.50M). */
char *market_fmt_holders(struct market_num n, int flags, char *buf);
/*
 * 24 h change: "+4.20% ▲", "-1.05% ▼", "0.00%" (no sign, no arrow, also
 * for values that round to zero); from 1000% up in short form "+12.3K% ▲".
 */
char *market_fmt_change(struct market_num n, int flags, char *buf);
/* Direction of a change after rounding to two decimals: 1, -1, or 0. */
int market_change_direction(struct market_num n);
/*
 * Age of data fetched at t: "just now" (under a minute, or t in the
 * future), "5 min ago", "2 h ago", "3 d ago"; "never" for t == 0.
 */
char *market_fmt_age(time_t now, time_t t, char *buf);
/*
 * A sparkline of cells cells (caller frees) from values[0..n) in time
 * order: the last cells values, scaled min..max onto ▁▂▃▄▅▆▇█ (ASCII:
 * _.,-=+*#); a NaN value is missing and drawn as a space; with fewer values
 * than cells the line is right-aligned (padded with spaces on the left); a
 * flat line is all ▁.
 */
char *market_sparkline(const double *values, size_t n, size_t cells, int flags);

#endif
