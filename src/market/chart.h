/*
 * Block charts for the token detail view: a series of (time, value)
 * points over a time span drawn in w columns and h rows of block
 * characters (▁▂▃▄▅▆▇█, eight levels a row; ASCII: '#' for a full cell,
 * '.' for a part), scaled from the span's lowest to its highest value.
 * Pure: no curses, no store; ui/view_token.c paints the rows.
 */
#ifndef NR_MARKET_CHART_H
#define NR_MARKET_CHART_H

#include <stddef.h>
#include <time.h>

/* A chart's rows, top first; owned by the struct, market_chart_clear() frees. */
struct market_chart {
	char **rows;		/* h rows of w cells each (UTF-8) */
	int h, w;
	size_t points;		/* points inside the span */
	double min, max;	/* the scale (meaningless with no points) */
	time_t first, last;	/* times of the first and last point drawn */
};

/*
 * Draw the points of t[]/v[] (n of them, time order; NaN = missing) that
 * fall in [from, to] into out. Each column covers (to - from) / w seconds
 * and shows the last value in it; a column without a point between two
 * that have one keeps the value before it (history comes every 5 minutes
 * or every hour), columns before the first point and after the last stay
 * blank. The lowest value is one eighth of a row high, the highest fills
 * every row; a flat series is half high. flags: MARKET_FMT_ASCII.
 * w and h at least 1; out->points 0 means an empty chart (all blank).
 */
void market_chart(const time_t *t, const double *v, size_t n, time_t from, time_t to,
    int w, int h, int flags, struct market_chart *out);
void market_chart_clear(struct market_chart *c);

#endif
