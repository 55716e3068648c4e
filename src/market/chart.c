/*
 * Block charts (chart.h). A column's height is in eighths of a row:
 * level 1..h*8; row r (0 at the bottom) shows level - 8r clamped to 0..8.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "market/chart.h"
#include "market/format.h"
#include "util/xalloc.h"

static const char *const eighths[9] = {
	" ", "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
};

void
market_chart(const time_t *t, const double *v, size_t n, time_t from, time_t to, int w,
    int h, int flags, struct market_chart *out)
{
	double *col;
	bool ascii = flags & MARKET_FMT_ASCII;

	memset(out, 0, sizeof *out);
	if (w < 1)
		w = 1;
	if (h < 1)
		h = 1;
	out->w = w;
	out->h = h;
	col = xreallocarray(NULL, (size_t)w, sizeof *col);
	for (int c = 0; c < w; c++)
		col[c] = NAN;
	double span = to > from ? (double)(to - from) : 1;
	for (size_t i = 0; i < n; i++) {
		if (t[i] < from || t[i] > to || !isfinite(v[i]))
			continue;
		int c = (int)((double)(t[i] - from) / span * w);
		if (c >= w)
			c = w - 1;
		col[c] = v[i];
		if (out->points == 0 || v[i] < out->min)
			out->min = v[i];
		if (out->points == 0 || v[i] > out->max)
			out->max = v[i];
		if (out->points == 0)
			out->first = t[i];
		out->last = t[i];
		out->points++;
	}
	/* Hold the value across gaps between points, not past the last one. */
	int lastc = -1;
	for (int c = 0; c < w; c++)
		if (isfinite(col[c]))
			lastc = c;
	for (int c = 1; c < lastc; c++)
		if (!isfinite(col[c]) && isfinite(col[c - 1]))
			col[c] = col[c - 1];

	int levels = h * 8;
	out->rows = xcalloc((size_t)h, sizeof *out->rows);
	for (int r = 0; r < h; r++) {
		/* Three bytes a cell at most. */
		char *row = xmalloc((size_t)w * 3 + 1), *o = row;
		int fromb = h - 1 - r;	/* rows are top first */
		for (int c = 0; c < w; c++) {
			int level = 0;
			if (isfinite(col[c])) {
				if (out->max > out->min)
					level = 1 + (int)lround((col[c] - out->min) /
					    (out->max - out->min) * (levels - 1));
				else
					level = levels / 2 > 0 ? levels / 2 : 1;
			}
			int fill = level - fromb * 8;
			fill = fill < 0 ? 0 : fill > 8 ? 8 : fill;
			const char *cell = ascii ? (fill == 0 ? " " : fill == 8 ? "#" : ".") :
			    eighths[fill];
			size_t len = strlen(cell);
			memcpy(o, cell, len);
			o += len;
		}
		*o = '\0';
		out->rows[r] = row;
	}
	free(col);
}

void
market_chart_clear(struct market_chart *c)
{
	for (int r = 0; c->rows != NULL && r < c->h; r++)
		free(c->rows[r]);
	free(c->rows);
	memset(c, 0, sizeof *c);
}
