/*
 * Cursor arithmetic shared by the lists: a cursor and the first visible
 * row over n rows shown h at a time. The cursor stays visible with a
 * margin of context where there is room.
 */
#ifndef NR_UI_LISTNAV_H
#define NR_UI_LISTNAV_H

#include <stddef.h>

struct listnav {
	long cur;	/* selected row, 0..n-1 (0 when n == 0) */
	long top;	/* first visible row */
};

/* Clamp the cursor to [0, n) and scroll so it is visible in h rows. */
static inline void
listnav_fix(struct listnav *ln, long n, long h)
{
	if (h < 1)
		h = 1;
	if (ln->cur >= n)
		ln->cur = n - 1;
	if (ln->cur < 0)
		ln->cur = 0;
	if (ln->cur < ln->top)
		ln->top = ln->cur;
	if (ln->cur >= ln->top + h)
		ln->top = ln->cur - h + 1;
	if (ln->top > n - h)
		ln->top = n - h;
	if (ln->top < 0)
		ln->top = 0;
}

/* Move by delta rows (a page is h - 1, keeping one row of context). */
static inline void
listnav_move(struct listnav *ln, long delta, long n, long h)
{
	ln->cur += delta;
	if (delta > 1 || delta < -1)
		ln->top += delta;
	listnav_fix(ln, n, h);
}

#endif
