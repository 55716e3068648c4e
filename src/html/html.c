/*
 * Blocks to screen lines (html.h). Each block's text goes through the
 * layout engine with the width less its gutter; the gutter (quote bars,
 * list markers) is then added as chrome cells on the paragraph's start
 * side: the left of LTR lines, the right of RTL lines. Chrome cells have
 * log_len 0, so they map to no logical text (search, clicks).
 *
 * Layout decisions: one blank line between blocks except inside one list,
 * table or pre block and after <br>; never two blank lines in a row (empty
 * pre lines included), nor one first or last; h1 is underlined with ═, h2
 * with ─; hr is a ─ rule across the width; pre lines are clipped with "…";
 * the links follow a final rule as "[N] URL" lines.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html/blocks.h"
#include "html/html.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define CLIP_MARK "…"
#define RULE_NOWIDTH 20	/* cells of a rule when --width 0 */

struct builder {
	struct html_doc *d;
	size_t alines, aparas;
};

static size_t
add_para(struct builder *b, struct text_lines *tl)
{
	struct html_doc *d = b->d;
	if (d->nparas == b->aparas) {
		b->aparas = b->aparas ? b->aparas * 2 : 16;
		d->paras = xreallocarray(d->paras, b->aparas, sizeof *d->paras);
	}
	d->paras[d->nparas] = *tl;
	return d->nparas++;
}

/* An empty paragraph for lines that carry no text (rules). */
static size_t
add_empty_para(struct builder *b, enum text_dir dir)
{
	struct text_lines tl = { 0 };
	tl.resolved_dir = dir;
	tl.logical = xstrdup("");
	return add_para(b, &tl);
}

static void
add_line(struct builder *b, const struct text_line *l, size_t para)
{
	struct html_doc *d = b->d;
	if (d->nlines == b->alines) {
		b->alines = b->alines ? b->alines * 2 : 64;
		d->lines = xreallocarray(d->lines, b->alines, sizeof *d->lines);
	}
	d->lines[d->nlines].line = *l;
	d->lines[d->nlines].para = para;
	d->nlines++;
}

static void
add_blank(struct builder *b, size_t para)
{
	struct text_line l = { 0 };
	l.utf8 = xstrdup("");
	add_line(b, &l, para);
}

static void
free_line(struct text_line *l)
{
	text_line_free(l);
	l->utf8 = NULL;
	l->cells = NULL;
}

/* Append chrome text as cells: one cell of width 1 per code point (all
 * chrome characters are narrow), dim unless blank. */
static void
chrome_cells(struct buf *u, struct text_cell **cells, size_t *n, const char *s)
{
	size_t len = strlen(s);
	uint32_t cp;

	for (size_t i = 0; i < len; ) {
		size_t k = utf8_decode(s + i, len - i, &cp);
		*cells = xreallocarray(*cells, *n + 1, sizeof **cells);
		(*cells)[*n] = (struct text_cell){
			.off = (uint32_t)u->len, .len = (uint32_t)k, .width = 1,
			.attr = cp == ' ' ? 0 : TEXT_ATTR_DIM,
		};
		(*n)++;
		buf_append(u, s + i, k);
		i += k;
	}
}

/*
 * Replace *l by: chrome `pre`, its first `keep` cells, chrome `post`.
 * Trailing blank chrome is trimmed (render prints no trailing spaces).
 */
static void
compose(struct text_line *l, const char *pre, size_t keep, const char *post)
{
	struct buf u = BUF_INIT;
	struct text_cell *cells = NULL;
	size_t n = 0;
	int width = 0;

	buf_init(&u, 0);
	chrome_cells(&u, &cells, &n, pre);
	for (size_t i = 0; i < keep && i < l->ncells; i++) {
		struct text_cell c = l->cells[i];
		cells = xreallocarray(cells, n + 1, sizeof *cells);
		buf_append(&u, l->utf8 + c.off, c.len);
		c.off = (uint32_t)(u.len - c.len);
		cells[n++] = c;
	}
	chrome_cells(&u, &cells, &n, post);
	while (n > 0 && cells[n - 1].log_len == 0 && cells[n - 1].len == 1 &&
	    u.data[cells[n - 1].off] == ' ') {
		u.len = cells[n - 1].off;
		u.data[u.len] = '\0';
		n--;
	}
	for (size_t i = 0; i < n; i++)
		width += cells[i].width;
	free_line(l);
	l->utf8 = buf_detach(&u);
	l->cells = cells;
	l->ncells = n;
	l->width = width;
}

/* The gutter in visual order for one line of a block, segments from s0. */
static void
gutter(const struct html_block *bl, size_t s0, bool first, bool rtl, struct buf *g)
{
	buf_reset(g);
	for (size_t k = s0; k < bl->nsegs; k++) {
		/* RTL: visual left to right is inner to outer. */
		const struct html_seg *s = &bl->segs[rtl ? bl->nsegs - 1 - (k - s0) : k];
		if (s->kind == HTML_SEG_QUOTE) {
			buf_append_str(g, rtl ? " │" : "│ ");
			continue;
		}
		if (!first || !s->show) {
			for (int i = 0; i < s->width; i++)
				buf_append_char(g, ' ');
			continue;
		}
		const char *m = s->marker;
		size_t mlen = strlen(m);
		bool num = mlen > 0 && m[mlen - 1] == '.';
		int cells = num ? (int)mlen : 1;
		int padn = s->width - 1 - cells;
		if (!rtl) {
			for (int i = 0; i < padn; i++)
				buf_append_char(g, ' ');
			buf_append_str(g, m);
			buf_append_char(g, ' ');
		} else {
			/* "12." reads right to left as 12 then the dot: ".12". */
			buf_append_char(g, ' ');
			if (num) {
				buf_append_char(g, '.');
				buf_append(g, m, mlen - 1);
			} else
				buf_append_str(g, m);
			for (int i = 0; i < padn; i++)
				buf_append_char(g, ' ');
		}
	}
}

static int
gutter_width(const struct html_block *bl, size_t s0)
{
	int w = 0;
	for (size_t k = s0; k < bl->nsegs; k++)
		w += bl->segs[k].width;
	return w;
}

/* Add the gutter to a laid-out line and append it to the document. */
static void
emit_line(struct builder *b, const struct html_block *bl, size_t s0, bool first,
    bool rtl, struct text_line *l, size_t para, struct buf *g)
{
	gutter(bl, s0, first, rtl, g);
	if (g->len > 0 || l->utf8 == NULL)
		compose(l, rtl ? "" : buf_str(g), l->ncells, rtl ? buf_str(g) : "");
	add_line(b, l, para);
}

/* A line of n copies of ch starting at column pad. */
static struct text_line
rule_line(const char *ch, int n, int pad, bool rtl)
{
	struct text_line l = { 0 };
	struct buf r = BUF_INIT;

	for (int i = 0; i < n; i++)
		buf_append_str(&r, ch);
	l.utf8 = xstrdup("");
	compose(&l, buf_str(&r), 0, "");
	buf_free(&r);
	l.pad = pad;
	l.rtl = rtl;
	return l;
}

static int
lay_block(struct builder *b, const struct html_block *bl, const struct text_opts *base,
    struct buf *g)
{
	struct text_opts o = *base;
	int W = base->width;
	int margins = base->indent_start + base->indent_end;
	size_t s0 = 0;
	int gw = gutter_width(bl, 0);
	bool rtl = bl->dir == TEXT_DIR_RTL && bl->type != HTML_BLOCK_PRE;

	/* At narrow widths drop outer levels rather than leave no room. */
	while (W > 0 && s0 < bl->nsegs && W - margins - gw < (W / 3 > 10 ? W / 3 : 10)) {
		gw -= bl->segs[s0].width;
		s0++;
	}
	int avail = W > 0 ? W - margins - gw : 0;
	if (W > 0 && avail < 1)
		avail = 1;

	if (bl->type == HTML_BLOCK_RULE) {
		size_t para = add_empty_para(b, bl->dir);
		int pad = W > 0 ? (rtl ? base->indent_end : base->indent_start) : 0;
		struct text_line l = rule_line("─", W > 0 ? avail : RULE_NOWIDTH, pad, rtl);
		emit_line(b, bl, s0, true, rtl, &l, para, g);
		return 0;
	}

	struct text_lines tl = { 0 };
	o.dir = bl->type == HTML_BLOCK_PRE ? TEXT_DIR_LTR : bl->dir;
	if (bl->type == HTML_BLOCK_PRE)
		o.width = 0;	/* never wrapped; clipped below */
	else if (W > 0)
		o.width = W - gw;
	if (text_layout_paragraph(bl->text, bl->len, bl->spans, bl->nspans, &o, &tl) != 0)
		return -1;
	struct text_line *lines = tl.lines;
	size_t nlines = tl.nlines;
	tl.lines = NULL;
	tl.nlines = 0;
	size_t para = add_para(b, &tl);

	if (nlines == 0 && bl->type == HTML_BLOCK_PRE) {	/* an empty pre line still takes a line */
		struct text_line l = { 0 };
		l.utf8 = xstrdup("");
		l.pad = W > 0 && bl->type == HTML_BLOCK_PRE ? base->indent_start : 0;
		emit_line(b, bl, s0, true, rtl, &l, para, g);
	}
	int x0 = -1, x1 = 0;
	for (size_t i = 0; i < nlines; i++) {
		struct text_line *l = &lines[i];
		if (bl->type == HTML_BLOCK_PRE) {
			if (W > 0) {
				l->pad = base->indent_start;
				if (l->width > avail) {
					size_t k = 0;
					int w = 0;
					while (k < l->ncells && w + l->cells[k].width <= avail - 1)
						w += l->cells[k++].width;
					compose(l, "", k, CLIP_MARK);
				}
			}
		}
		if (x0 < 0 || l->pad < x0)
			x0 = l->pad;
		if (l->pad + l->width > x1)
			x1 = l->pad + l->width;
		emit_line(b, bl, s0, i == 0, rtl, l, para, g);
	}
	free(lines);
	if (bl->type == HTML_BLOCK_HEADING && bl->level <= 2 && nlines > 0 && x1 > x0) {
		struct text_line l = rule_line(bl->level == 1 ? "═" : "─", x1 - x0, x0, rtl);
		emit_line(b, bl, s0, false, rtl, &l, para, g);
	}
	return 0;
}

/*
 * Tables. Each cell is a paragraph of its own, laid out at its column's
 * width in its own direction (most words; none: left to right, as its
 * isolate resolved), so a cell's numbers never trade places with the next
 * cell's words, and aligned to the table's start side. A column is as wide as its widest cell; when the table
 * does not fit, the widest columns are capped at one width (the largest
 * that fits) and their cells wrap. Columns run right to left in a
 * right-to-left table. The row stays one paragraph for search: its cells'
 * logical offsets are moved to where the cell sits in the row's text.
 */
#define TABLE_SEP " │ "
#define TABLE_SEPW 3

struct tcell {
	struct text_lines tl;	/* laid out at the column width */
	size_t log_base;	/* the cell's offset in the row's logical text */
	bool have;
};

/* The largest cap t with sum(min(w[i], t)) <= budget (at least 1). */
static int
column_cap(const int *w, size_t n, int budget)
{
	int lo = 1, hi = 1;

	for (size_t i = 0; i < n; i++)
		if (w[i] > hi)
			hi = w[i];
	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;
		long sum = 0;
		for (size_t i = 0; i < n; i++)
			sum += w[i] < mid ? w[i] : mid;
		if (sum <= budget)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Lay out bytes [a, e) of a row as one cell paragraph. */
static int
cell_layout(const struct html_block *bl, const struct html_cell *cl, int width,
    const struct text_opts *base, struct text_lines *out)
{
	struct text_opts o = *base;
	struct text_span *sp = NULL;
	size_t nsp = 0;
	int rc;
	struct html_cell trimmed = *cl;

	/* The spaces between cells belong to no cell's width. */
	while (trimmed.start < trimmed.end && bl->text[trimmed.start] == ' ')
		trimmed.start++;
	while (trimmed.end > trimmed.start && bl->text[trimmed.end - 1] == ' ')
		trimmed.end--;
	cl = &trimmed;
	o.width = width;
	o.indent_start = o.indent_end = 0;
	o.dir = text_majority_strong(bl->text + cl->start, cl->end - cl->start);
	if (o.dir == TEXT_DIR_AUTO)
		o.dir = TEXT_DIR_LTR;
	for (size_t k = 0; k < bl->nspans; k++) {
		const struct text_span *s = &bl->spans[k];
		if (s->end <= cl->start || s->start >= cl->end)
			continue;
		sp = xreallocarray(sp, nsp + 1, sizeof *sp);
		sp[nsp++] = (struct text_span){
			.start = (s->start > cl->start ? s->start : cl->start) - cl->start,
			.end = (s->end < cl->end ? s->end : cl->end) - cl->start,
			.attr = s->attr,
		};
	}
	rc = text_layout_paragraph(bl->text + cl->start, cl->end - cl->start, sp, nsp, &o, out);
	free(sp);
	return rc;
}

/* Append `n` blank chrome cells. */
static void
blank_cells(struct buf *u, struct text_cell **cells, size_t *n, int count)
{
	for (int i = 0; i < count; i++)
		chrome_cells(u, cells, n, " ");
}

/* Lay out the rows hb->v[i..] of one table; returns the index after them,
 * or 0 on failure. */
static size_t
lay_table(struct builder *b, const struct html_blocks *hb, size_t i,
    const struct text_opts *base, struct buf *g)
{
	const struct html_block *first = &hb->v[i];
	size_t j = i, ncols = 0;
	bool rtl = first->dir == TEXT_DIR_RTL;
	int W = base->width, gw = gutter_width(first, 0);
	int *colw;

	while (j < hb->n && hb->v[j].type == HTML_BLOCK_ROW && hb->v[j].table == first->table &&
	    hb->v[j].ncells > 0 && (j == i || hb->v[j].tight)) {
		if (hb->v[j].ncells > ncols)
			ncols = hb->v[j].ncells;
		/* Rows can carry different gutters (an <li> around a row's
		 * cells): the columns must fit beside the widest. */
		if (gutter_width(&hb->v[j], 0) > gw)
			gw = gutter_width(&hb->v[j], 0);
		j++;
	}
	colw = xcalloc(ncols, sizeof *colw);
	/* Natural widths: each cell on one line. */
	for (size_t r = i; r < j; r++) {
		for (size_t c = 0; c < hb->v[r].ncells; c++) {
			struct text_lines tl;
			if (cell_layout(&hb->v[r], &hb->v[r].cells[c], 0, base, &tl) != 0) {
				free(colw);
				return 0;
			}
			if (tl.nlines > 0 && tl.lines[0].width > colw[c])
				colw[c] = tl.lines[0].width;
			text_lines_free(&tl);
		}
	}
	for (size_t c = 0; c < ncols; c++)
		if (colw[c] < 1)
			colw[c] = 1;
	if (W > 0) {
		int avail = W - base->indent_start - base->indent_end - gw;
		int budget = avail - TABLE_SEPW * (int)(ncols - 1);
		long sum = 0;
		if (budget < (int)ncols) {
			/* Not even a column each: the rows as plain paragraphs. */
			free(colw);
			for (size_t r = i; r < j; r++)
				if (lay_block(b, &hb->v[r], base, g) != 0)
					return 0;
			return j;
		}
		for (size_t c = 0; c < ncols; c++)
			sum += colw[c];
		if (sum > budget) {
			int cap = column_cap(colw, ncols, budget);
			for (size_t c = 0; c < ncols; c++)
				if (colw[c] > cap)
					colw[c] = cap;
		}
	}
	int tw = TABLE_SEPW * (int)(ncols - 1);
	for (size_t c = 0; c < ncols; c++)
		tw += colw[c];

	for (size_t r = i; r < j; r++) {
		const struct html_block *bl = &hb->v[r];
		struct tcell *tc = xcalloc(ncols, sizeof *tc);
		struct text_opts o = *base;
		struct text_lines row;
		size_t height = 1, para;
		int rc = 0;

		/* The row as one paragraph, for search and the logical text. */
		o.width = 0;
		o.dir = bl->dir;
		if (text_layout_paragraph(bl->text, bl->len, bl->spans, bl->nspans, &o, &row) != 0)
			rc = -1;
		for (size_t c = 0; rc == 0 && c < bl->ncells; c++) {
			struct text_lines pre;
			if (cell_layout(bl, &bl->cells[c], colw[c], base, &tc[c].tl) != 0) {
				rc = -1;
				break;
			}
			tc[c].have = true;
			/* Where the cell starts in the row's logical text. */
			o.dir = bl->dir;
			if (text_layout_paragraph(bl->text, bl->cells[c].start, NULL, 0, &o, &pre) != 0) {
				rc = -1;
				break;
			}
			tc[c].log_base = pre.logical_len;
			text_lines_free(&pre);
			if (tc[c].tl.nlines > height)
				height = tc[c].tl.nlines;
		}
		if (rc == 0) {
			for (size_t k = 0; k < row.nlines; k++)
				text_line_free(&row.lines[k]);
			free(row.lines);
			row.lines = NULL;
			row.nlines = 0;
			para = add_para(b, &row);
		}
		for (size_t k = 0; rc == 0 && k < height; k++) {
			struct text_line l = { 0 };
			struct buf u = BUF_INIT;
			struct text_cell *cells = NULL;
			size_t n = 0;

			buf_init(&u, 0);
			for (size_t v = 0; v < ncols; v++) {
				size_t c = rtl ? ncols - 1 - v : v;
				int used = 0;
				if (v > 0)
					chrome_cells(&u, &cells, &n, TABLE_SEP);
				if (c < bl->ncells && tc[c].have && k < tc[c].tl.nlines) {
					const struct text_line *cl = &tc[c].tl.lines[k];
					/* Aligned to the table's start side, as a
					 * browser aligns cells that inherit its dir. */
					int pad = rtl && cl->width < colw[c] ? colw[c] - cl->width : 0;
					blank_cells(&u, &cells, &n, pad);
					used = pad;
					for (size_t q = 0; q < cl->ncells; q++) {
						struct text_cell x = cl->cells[q];
						if (used + x.width > colw[c])
							break;
						cells = xreallocarray(cells, n + 1, sizeof *cells);
						buf_append(&u, cl->utf8 + x.off, x.len);
						x.off = (uint32_t)(u.len - x.len);
						x.log_off += (uint32_t)tc[c].log_base;
						cells[n++] = x;
						used += x.width;
					}
				}
				blank_cells(&u, &cells, &n, colw[c] - used);
			}
			/* render prints no trailing spaces */
			while (n > 0 && cells[n - 1].log_len == 0 && cells[n - 1].len == 1 &&
			    u.data[cells[n - 1].off] == ' ') {
				u.len = cells[n - 1].off;
				u.data[u.len] = '\0';
				n--;
			}
			l.utf8 = buf_detach(&u);
			l.cells = cells;
			l.ncells = n;
			for (size_t q = 0; q < n; q++)
				l.width += cells[q].width;
			l.rtl = rtl;
			if (W > 0)
				l.pad = rtl ? W - gutter_width(bl, 0) - base->indent_start - tw :
				    base->indent_start;
			if (l.pad < 0)
				l.pad = 0;
			/* The logical range the line's cells cover (highlights). */
			l.log_start = SIZE_MAX;
			for (size_t q = 0; q < n; q++) {
				if (cells[q].log_len == 0)
					continue;
				if (cells[q].log_off < l.log_start)
					l.log_start = cells[q].log_off;
				if (cells[q].log_off + cells[q].log_len > l.log_end)
					l.log_end = cells[q].log_off + cells[q].log_len;
			}
			if (l.log_start == SIZE_MAX)
				l.log_start = 0;
			emit_line(b, bl, 0, k == 0, rtl, &l, para, g);
		}
		for (size_t c = 0; c < ncols; c++)
			if (tc[c].have)
				text_lines_free(&tc[c].tl);
		free(tc);
		if (rc != 0) {
			free(colw);
			return 0;
		}
	}
	free(colw);
	return j;
}

static bool
block_rtl(const struct html_block *bl)
{
	return bl->dir == TEXT_DIR_RTL && bl->type != HTML_BLOCK_PRE;
}

/* The blank line between two blocks; inside a quote it keeps the bars the
 * two blocks share. */
static void
add_gap(struct builder *b, const struct html_block *p, const struct html_block *n,
    const struct text_opts *base)
{
	size_t k = 0;
	bool rtl = block_rtl(n);
	struct buf bars = BUF_INIT;

	while (k < p->nsegs && k < n->nsegs && p->segs[k].kind == HTML_SEG_QUOTE &&
	    n->segs[k].kind == HTML_SEG_QUOTE)
		k++;
	if (k == 0 || block_rtl(p) != rtl) {
		add_blank(b, b->d->nparas - 1);
		return;
	}
	for (size_t i = 0; i < k; i++)
		buf_append_str(&bars, rtl ? " │" : "│ ");
	int pad = 0;
	if (base->width > 0)
		pad = rtl ? base->width - base->indent_start - 2 * (int)k : base->indent_start;
	struct text_line l = rule_line("", 0, pad < 0 ? 0 : pad, rtl);
	compose(&l, buf_str(&bars), 0, "");
	if (rtl)	/* compose trimmed the trailing blank: keep the bars at the edge */
		l.pad += 2 * (int)k - l.width;
	buf_free(&bars);
	add_line(b, &l, b->d->nparas - 1);
}

/* A line that shows nothing: no cells, or only spaces (render trims them). */
static bool
line_blank(const struct text_line *l)
{
	for (size_t c = 0; c < l->ncells; c++)
		if (l->cells[c].len != 1 || l->utf8[l->cells[c].off] != ' ')
			return false;
	return true;
}

/*
 * Blank lines come from the gaps between blocks and from empty <pre> lines,
 * and the two can meet (a <pre> ending in an empty line, then a gap). Keep
 * the first of a run of blanks, and none at the start or the end.
 */
static void
squeeze_blanks(struct html_doc *d)
{
	size_t k = 0;

	for (size_t i = 0; i < d->nlines; i++) {
		if (line_blank(&d->lines[i].line) &&
		    (k == 0 || line_blank(&d->lines[k - 1].line))) {
			free_line(&d->lines[i].line);
			continue;
		}
		d->lines[k++] = d->lines[i];
	}
	while (k > 0 && line_blank(&d->lines[k - 1].line))
		free_line(&d->lines[--k].line);
	d->nlines = k;
}

static int
lay_links(struct builder *b, const struct html_blocks *hb, const struct text_opts *base)
{
	struct text_opts o = *base;
	int W = base->width;
	size_t para;

	if (hb->nlinks == 0)
		return 0;
	if (b->d->nlines > 0)
		add_blank(b, b->d->nparas - 1);
	para = add_empty_para(b, TEXT_DIR_LTR);
	struct text_line r = rule_line("─",
	    W > 0 ? W - base->indent_start - base->indent_end : RULE_NOWIDTH,
	    W > 0 ? base->indent_start : 0, false);
	add_line(b, &r, para);
	o.dir = TEXT_DIR_LTR;	/* URLs read left to right */
	for (size_t i = 0; i < hb->nlinks; i++) {
		char *t = xasprintf("[%zu] %s", i + 1, hb->links[i]);
		size_t mark = strchr(t, ' ') - t;
		struct text_span sp[2] = {
			{ 0, mark, TEXT_ATTR_DIM },
			{ mark + 1, strlen(t), TEXT_ATTR_LINK },
		};
		struct text_lines tl = { 0 };
		int rc = text_layout_paragraph(t, strlen(t), sp, 2, &o, &tl);
		free(t);
		if (rc != 0)
			return -1;
		struct text_line *lines = tl.lines;
		size_t n = tl.nlines;
		tl.lines = NULL;
		tl.nlines = 0;
		para = add_para(b, &tl);
		for (size_t k = 0; k < n; k++)
			add_line(b, &lines[k], para);
		free(lines);
	}
	return 0;
}

int
html_layout(const char *html, size_t len, const struct html_opts *opts,
    struct html_doc *out, char **err)
{
	struct html_opts dflt;
	struct html_blocks hb;
	struct builder b = { .d = out };
	struct buf g = BUF_INIT;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (opts == NULL) {
		memset(&dflt, 0, sizeof dflt);
		text_opts_default(&dflt.text);
		opts = &dflt;
	}
	if (html_blocks_build(html, len, opts, &hb, err) != 0)
		return -1;
	for (size_t i = 0; i < hb.n && rc == 0; i++) {
		if (i > 0 && !hb.v[i].tight && out->nlines > 0)
			add_gap(&b, &hb.v[i - 1], &hb.v[i], &opts->text);
		if (hb.v[i].type == HTML_BLOCK_ROW && hb.v[i].ncells > 0) {
			size_t next = lay_table(&b, &hb, i, &opts->text, &g);
			if (next == 0)
				rc = -1;
			else
				i = next - 1;
			continue;
		}
		rc = lay_block(&b, &hb.v[i], &opts->text, &g);
	}
	squeeze_blanks(out);
	if (rc == 0)
		rc = lay_links(&b, &hb, &opts->text);
	buf_free(&g);
	if (rc == 0) {
		out->links = hb.links;
		out->nlinks = hb.nlinks;
		hb.links = NULL;
		hb.nlinks = 0;
	}
	html_blocks_free(&hb);
	if (rc != 0) {
		html_doc_free(out);
		if (err != NULL)
			*err = xstrdup("cannot lay out the document");
		return -1;
	}
	return 0;
}

void
html_doc_free(struct html_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t i = 0; i < doc->nlines; i++)
		free_line(&doc->lines[i].line);
	free(doc->lines);
	for (size_t i = 0; i < doc->nparas; i++)
		text_lines_free(&doc->paras[i]);
	free(doc->paras);
	for (size_t i = 0; i < doc->nlinks; i++)
		free(doc->links[i]);
	free(doc->links);
	memset(doc, 0, sizeof *doc);
}

char *
html_text(const char *html, size_t len)
{
	struct html_blocks b;
	struct html_opts o = { .text = { .width = 0 } };
	struct buf out = BUF_INIT;
	char *err = NULL;

	buf_append(&out, "", 0);
	if (html_blocks_build(html, len, &o, &b, &err) != 0) {
		free(err);
		return buf_detach(&out);
	}
	for (size_t i = 0; i < b.n; i++) {
		if (b.v[i].len == 0)
			continue;
		if (out.len > 0)
			buf_append_char(&out, '\n');
		buf_append(&out, b.v[i].text, b.v[i].len);
	}
	html_blocks_free(&b);
	return buf_detach(&out);
}
