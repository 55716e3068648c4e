/*
 * The composer's text on screen (model in geometry.h). The text is laid
 * out afresh for every paint and every visual move: a comment is at most a
 * few hundred clusters, so this costs microseconds and keeps one source of
 * truth.
 *
 * Rows: the visual lines of every logical line, in order; each knows the
 * byte offset its logical line starts at, so cell offsets (relative to the
 * line) convert to offsets in the whole text.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/geometry.h"
#include "util/xalloc.h"

struct row {
	const struct text_line *ln;
	size_t base;		/* offset of the logical line in the text */
	size_t end;		/* its end (before the \n) */
};

struct compose_layout {
	struct text_lines *paras;
	size_t nparas;
	struct row *rows;
	size_t nrows;
};

void
compose_layout_free(struct compose_layout **lp)
{
	struct compose_layout *l = *lp;

	if (l == NULL)
		return;
	for (size_t i = 0; i < l->nparas; i++)
		text_lines_free(&l->paras[i]);
	free(l->paras);
	free(l->rows);
	xfree(lp);
}

/* Lay out every logical line, as `render --input text` does. */
struct compose_layout *
compose_layout_new(const struct compose *c, const struct text_opts *opts)
{
	struct compose_layout *l = xcalloc(1, sizeof *l);
	size_t len, start = 0;
	const char *text = compose_text(c, &len);
	struct text_opts o = *opts;

	o.dir = TEXT_DIR_AUTO;
	o.prev_dir = TEXT_DIR_AUTO;
	for (;;) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl != NULL ? (size_t)(nl - text) : len;
		struct text_lines tl;

		if (text_layout_paragraph(text + start, end - start, NULL, 0, &o, &tl) == 0) {
			/* A line without strong characters follows the one before. */
			o.prev_dir = tl.resolved_dir;
			l->paras = xreallocarray(l->paras, l->nparas + 1, sizeof *l->paras);
			l->paras[l->nparas++] = tl;
		}
		if (nl == NULL)
			break;
		start = end + 1;
	}
	/* Rows point into paras: build them once paras stops moving. */
	start = 0;
	for (size_t p = 0; p < l->nparas; p++) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl != NULL ? (size_t)(nl - text) : len;
		for (size_t i = 0; i < l->paras[p].nlines; i++) {
			l->rows = xreallocarray(l->rows, l->nrows + 1, sizeof *l->rows);
			l->rows[l->nrows++] = (struct row){ &l->paras[p].lines[i], start, end };
		}
		start = end + 1;
	}
	return l;
}

size_t
compose_layout_nrows(const struct compose_layout *l)
{
	return l->nrows;
}

const struct text_line *
compose_layout_row(const struct compose_layout *l, size_t r)
{
	return r < l->nrows ? l->rows[r].ln : NULL;
}

size_t
compose_layout_row_base(const struct compose_layout *l, size_t r)
{
	return r < l->nrows ? l->rows[r].base : 0;
}

size_t
compose_layout_cursor_row(const struct compose_layout *l, size_t cur)
{
	size_t best = 0;

	for (size_t r = 0; r < l->nrows; r++) {
		const struct row *rw = &l->rows[r];
		if (cur < rw->base || cur > rw->end)
			continue;
		if (rw->base + rw->ln->log_start <= cur)
			best = r;
	}
	return best;
}

int
compose_layout_cursor_col(const struct compose_layout *l, size_t r, size_t cur)
{
	if (r >= l->nrows)
		return 0;
	const struct row *rw = &l->rows[r];
	int col = text_line_col_of(rw->ln, cur - rw->base);

	if (col < 0)
		col = rw->ln->rtl ? rw->ln->pad : rw->ln->pad + rw->ln->width;
	return col;
}

void
compose_move_screen(struct compose *c, int dir, const struct text_opts *opts)
{
	size_t cur = compose_cursor(c), start, end, len;
	const char *text = compose_text(c, &len);
	struct text_opts o = *opts;
	struct text_lines tl;
	const struct text_line *line = NULL;
	bool moved = false, rtl = false;

	/* The direction an empty or neutral line inherits, as painted. */
	struct compose_layout *l = compose_layout_new(c, opts);
	size_t r = compose_layout_cursor_row(l, cur);
	bool prev_rtl = r < l->nrows && l->rows[r].ln->rtl;
	compose_layout_free(&l);
	/* compose_move_visual wants the cursor's logical line laid out alone. */
	compose_line_bounds(c, cur, &start, &end);
	o.dir = TEXT_DIR_AUTO;
	o.prev_dir = prev_rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR;
	if (text_layout_paragraph(text + start, end - start, NULL, 0, &o, &tl) != 0)
		return;
	for (size_t i = 0; i < tl.nlines; i++)
		if (tl.lines[i].log_start <= cur - start && cur - start <= tl.lines[i].log_end)
			line = &tl.lines[i];
	rtl = tl.resolved_dir == TEXT_DIR_RTL;
	if (line != NULL)
		moved = compose_move_visual(c, dir, line);
	text_lines_free(&tl);
	/* Off the edge: the next line in reading order is to the right of LTR
	 * text and to the left of RTL text. */
	if (!moved)
		compose_move(c, (dir > 0) == !rtl ? 1 : -1);
}

bool
compose_move_row(struct compose *c, int dir, const struct text_opts *opts)
{
	size_t cur = compose_cursor(c);
	struct compose_layout *l = compose_layout_new(c, opts);
	size_t r = compose_layout_cursor_row(l, cur);

	if ((dir < 0 && r == 0) || (dir > 0 && r + 1 >= l->nrows)) {
		compose_layout_free(&l);
		return false;
	}
	int col = compose_layout_cursor_col(l, r, cur);
	const struct row *t = &l->rows[dir < 0 ? r - 1 : r + 1];
	size_t off = text_line_off_at(t->ln, col);
	if (off == (size_t)-1) {
		/* Past the text on one side: the line's start or end. */
		bool left = col < t->ln->pad;
		off = left == t->ln->rtl ? t->ln->log_end : t->ln->log_start;
	}
	compose_set_cursor(c, t->base + off);
	compose_layout_free(&l);
	return true;
}

int
compose_scroll(int top, size_t cursor_row, size_t nrows, int rows)
{
	int r = (int)cursor_row;

	if (r < top)
		top = r;
	if (r >= top + rows)
		top = r - rows + 1;
	if (top > (int)nrows - rows)
		top = (int)nrows - rows;
	if (top < 0)
		top = 0;
	return top;
}

enum compose_counter
compose_counter_text(const struct compose *c, char *out, size_t outlen)
{
	size_t n = compose_length(c), lim = compose_limit(c);

	if (lim > 0 && compose_over_limit(c)) {
		snprintf(out, outlen, "%zu/%zu, %zu over", n, lim, n - lim);
		return COMPOSE_COUNTER_OVER;
	}
	if (lim > 0 && compose_near_limit(c)) {
		snprintf(out, outlen, "%zu/%zu, %zu left", n, lim, lim - n);
		return COMPOSE_COUNTER_NEAR;
	}
	if (lim > 0)
		snprintf(out, outlen, "%zu/%zu", n, lim);
	else
		snprintf(out, outlen, "%zu", n);
	return COMPOSE_COUNTER_OK;
}

void
compose_limit_words(const struct compose *c, char *out, size_t outlen)
{
	snprintf(out, outlen, "%zu/%zu %s", compose_length(c), compose_limit(c),
	    compose_get_unit(c) == COMPOSE_CLUSTERS ? "characters" :
	    compose_get_unit(c) == COMPOSE_CODEPOINTS ? "code points" : "UTF-16 units");
}
