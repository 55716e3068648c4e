/*
 * Cell painting. Every cell is placed with its own move, so a disagreement
 * between our Unicode widths and the C library's wcwidth() can at worst
 * garble one cell, never the rest of the row. Without a UTF-8 locale the
 * non-ASCII cells are shown as '?' (one per column).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "colors.h"
#include "screen.h"

static bool utf8_ok = true;
static bool do_shape = true;
static bool do_reorder = true;

void
screen_setup(bool utf8, bool shape, bool reorder)
{
	utf8_ok = utf8;
	do_shape = shape;
	do_reorder = reorder;
}

bool
screen_utf8(void)
{
	return utf8_ok;
}

void
screen_text_opts(struct text_opts *o, int w)
{
	text_opts_default(o);
	o->width = w;
	o->shape = do_shape;
	o->reorder = do_reorder;
}

const char *
screen_ellipsis(void)
{
	return utf8_ok ? "\xe2\x80\xa6" : "~";
}

static void
put_bytes(int y, int x, const char *s, size_t len, int width, attr_t a)
{
	attrset(a);
	if (!utf8_ok) {
		bool ascii = true;
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)s[i] >= 0x80)
				ascii = false;
		if (!ascii) {
			for (int i = 0; i < width; i++)
				mvaddch(y, x + i, '?');
			return;
		}
	}
	mvaddnstr(y, x, s, (int)len);
}

void
screen_fill(int y, int x, int w, attr_t a)
{
	if (w <= 0)
		return;
	attrset(a);
	mvhline(y, x, ' ', w);
}

void
screen_line(int y, int x, int w, const struct text_line *line, attr_t base,
    const struct screen_range *hl, size_t nhl)
{
	int col = line->pad;

	for (size_t i = 0; i < line->ncells; i++) {
		const struct text_cell *c = &line->cells[i];
		if (col + c->width > w)
			break;
		uint16_t ta = c->attr;
		for (size_t h = 0; h < nhl; h++)
			if (c->log_off < hl[h].end && c->log_off + c->log_len > hl[h].start)
				ta |= TEXT_ATTR_MATCH;
		put_bytes(y, x + col, line->utf8 + c->off, c->len, c->width,
		    colors_text_attr(ta, base));
		col += c->width;
	}
}

int
screen_width(const char *s)
{
	return text_width(s, strlen(s));
}

int
screen_text(int y, int x, int w, const char *s, attr_t a)
{
	struct text_opts o;
	struct text_lines l;
	int used = 0;

	if (w <= 0 || *s == '\0')
		return 0;
	screen_text_opts(&o, 0);
	o.dir = TEXT_DIR_LTR;
	if (text_layout_paragraph(s, strlen(s), NULL, 0, &o, &l) != 0)
		return 0;
	if (l.nlines > 0) {
		screen_line(y, x, w, &l.lines[0], a, NULL, 0);
		used = l.lines[0].width < w ? l.lines[0].width : w;
	}
	text_lines_free(&l);
	return used;
}

int
screen_field(int y, int x, int w, const char *text, attr_t base, enum screen_align al)
{
	struct text_opts o;
	struct text_lines l;
	size_t len = text ? strlen(text) : 0;
	int used = 0;

	screen_fill(y, x, w, base);
	if (w <= 0 || len == 0)
		return 0;
	screen_text_opts(&o, w);
	if (text_layout_paragraph(text, len, NULL, 0, &o, &l) != 0)
		return 0;
	if (l.nlines > 1) {
		/* Too long: the first line at one column less, plus the ellipsis
		 * at the logical end (the left side of a right-to-left title). */
		text_lines_free(&l);
		o.width = w - 1;
		if (w < 2 || text_layout_paragraph(text, len, NULL, 0, &o, &l) != 0)
			return 0;
		if (l.nlines == 0) {
			text_lines_free(&l);
			return 0;
		}
		struct text_line *ln = &l.lines[0];
		int tw = ln->width;
		bool rtl = l.resolved_dir == TEXT_DIR_RTL;
		ln->pad = 0;
		if (rtl) {
			int start = x + w - tw;
			screen_line(y, start, tw, ln, base, NULL, 0);
			screen_text(y, start - 1, 1, screen_ellipsis(), base);
		} else if (al == ALIGN_RIGHT) {
			screen_line(y, x + w - 1 - tw, tw, ln, base, NULL, 0);
			screen_text(y, x + w - 1, 1, screen_ellipsis(), base);
		} else {
			screen_line(y, x, tw, ln, base, NULL, 0);
			screen_text(y, x + tw, 1, screen_ellipsis(), base);
		}
		used = tw + 1;
	} else if (l.nlines == 1) {
		struct text_line *ln = &l.lines[0];
		bool right = al == ALIGN_RIGHT ||
		    (al == ALIGN_AUTO && l.resolved_dir == TEXT_DIR_RTL);
		ln->pad = right ? w - ln->width : 0;
		if (ln->pad < 0)
			ln->pad = 0;
		screen_line(y, x, w, ln, base, NULL, 0);
		used = ln->width;
	}
	text_lines_free(&l);
	return used;
}
