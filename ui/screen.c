/*
 * Cell painting. A cell whose width the C library's wcwidth() agrees with
 * goes to curses as a prepared wide character, in runs of one attribute
 * (one call per run: curses then copies cells instead of decoding bytes
 * one at a time, most of the CPU of a scroll step before). Any other cell
 * is placed with its own move, so a disagreement between our Unicode widths
 * and wcwidth() can at worst garble one cell, never the rest of the row.
 * Both ways give curses the same characters with the same attributes: the
 * screen is the same. Without a UTF-8 locale the non-ASCII cells are shown
 * as '?' (one per column).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text/text.h"
#include "util/digits.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "colors.h"
#include "screen.h"

static bool utf8_ok = true;
static bool do_shape = true;
static bool do_reorder = true;
static bool chrome_rtl = false;
static bool chrome_digits = false;
static bool mirrored = false;

void
screen_set_mirrored(bool on)
{
	mirrored = on;
}

bool
screen_mirrored(void)
{
	return mirrored;
}

void
screen_setup_chrome(bool rtl, bool arabic_indic)
{
	chrome_rtl = rtl;
	chrome_digits = arabic_indic;
}

bool
screen_chrome_rtl(void)
{
	return chrome_rtl;
}

/* The chrome string as shown: Arabic-Indic digits when they are asked for.
 * The caller frees the result when it is not s. */
static const char *
chrome_digits_of(const char *s)
{
	if (!chrome_digits || strpbrk(s, "0123456789") == NULL)
		return s;
	size_t n = strlen(s) * 2 + 1;
	char *out = xmalloc(n);
	digits_arabic_indic(s, out, n);
	return out;
}

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

/* wcwidth() of recent code points, one slot per low byte (a whole script
 * block such as Arabic's fits); key is the code point plus one, 0 empty.
 * The locale is set once, before the first frame. */
static struct {
	uint32_t key;
	int w;
} width_cache[256];

static int
cp_width(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (width_cache[cp & 0xff].key != cp + 1) {
		width_cache[cp & 0xff].key = cp + 1;
		width_cache[cp & 0xff].w = wcwidth((wchar_t)cp);
	}
	return width_cache[cp & 0xff].w;
}

/*
 * The cell as one curses character, as curses would build it from the
 * bytes: a base character whose wcwidth() is the cell's width, then up to
 * CCHARW_MAX - 1 zero-width marks (only on a one-column base: curses hangs
 * a mark on the column before the cursor, the second half of a wide
 * character). No attribute of its own, as with addnstr: the window's
 * attribute is applied the same way when it is written. False when the
 * cell needs the byte path.
 */
static bool
cell_wchar(const char *str, size_t len, int width, cchar_t *out)
{
	const unsigned char *s = (const unsigned char *)str;
	wchar_t wc[CCHARW_MAX + 1];
	size_t n = 0;

	if (!utf8_ok || width < 1 || len == 0)
		return false;
	for (size_t off = 0, k; off < len; n++, off += k) {
		uint32_t cp;
		if (s[off] < 0x80) {
			cp = s[off];
			k = 1;
		} else if (s[off] >= 0xc2 && s[off] < 0xe0 && off + 1 < len &&
		    (s[off + 1] & 0xc0) == 0x80) {
			cp = (uint32_t)(s[off] & 0x1f) << 6 | (s[off + 1] & 0x3f);
			k = 2;
		} else if (s[off] >= 0xe1 && s[off] < 0xf0 && s[off] != 0xed &&
		    off + 2 < len && (s[off + 1] & 0xc0) == 0x80 &&
		    (s[off + 2] & 0xc0) == 0x80) {
			/* Not E0 or ED: no overlong form or surrogate here.
			 * Shaped Arabic (presentation forms) is all here. */
			cp = (uint32_t)(s[off] & 0x0f) << 12 |
			    (uint32_t)(s[off + 1] & 0x3f) << 6 | (s[off + 2] & 0x3f);
			k = 3;
		} else {
			k = utf8_decode(str + off, len - off, &cp);
			if (cp == UTF8_REPLACEMENT && k == 1)
				return false;
		}
		if (n == CCHARW_MAX || (n > 0 && width != 1) ||
		    cp_width(cp) != (n == 0 ? width : 0))
			return false;
		wc[n] = (wchar_t)cp;
	}
#ifdef NCURSES_VERSION
	/* What setcchar(out, wc, A_NORMAL, 0, NULL) stores, without its
	 * second pass over the widths. */
	memset(out, 0, sizeof *out);
	memcpy(out->chars, wc, n * sizeof wc[0]);
	return true;
#else
	wc[n] = L'\0';
	return setcchar(out, wc, A_NORMAL, 0, NULL) == OK;
#endif
}

/* Cells waiting to be written with one call: same row, contiguous, one
 * attribute. */
struct run {
	int y, x, n;
	attr_t a;
	cchar_t cc[128];
};

static void
run_flush(struct run *r)
{
	if (r->n == 0)
		return;
	attrset(r->a);
	mvadd_wchnstr(r->y, r->x, r->cc, r->n);
	r->x = -1;
	r->n = 0;
}

void
screen_line(int y, int x, int w, const struct text_line *line, attr_t base,
    const struct screen_range *hl, size_t nhl)
{
	struct run r = { .y = y, .x = -1 };
	int col = line->pad, end = -1;
	uint16_t last_ta = 0;
	attr_t a = base;

	for (size_t i = 0; i < line->ncells; i++) {
		const struct text_cell *c = &line->cells[i];
		const char *s = line->utf8 + c->off;
		cchar_t cc;
		if (col + c->width > w)
			break;
		/* Marks with no base at the field's first column: curses would
		 * hang them on the cell before it, another field's or the end
		 * of the row above. */
		if (c->width == 0 && col == 0)
			continue;
		uint16_t ta = c->attr;
		for (size_t h = 0; h < nhl; h++)
			if (c->log_off < hl[h].end && c->log_off + c->log_len > hl[h].start)
				ta |= TEXT_ATTR_MATCH;
		if (i == 0 || ta != last_ta) {
			a = colors_text_attr(ta, base);
			/* An underline cuts through Arabic letters: RTL headings
			 * keep only the rule below them (html.c). */
			if (line->rtl && (ta & TEXT_ATTR_HEADING))
				a &= ~A_UNDERLINE;
		}
		last_ta = ta;
		if (cell_wchar(s, c->len, c->width, &cc)) {
			if (r.n > 0 && (a != r.a || x + col != end ||
			    r.n == (int)(sizeof r.cc / sizeof r.cc[0])))
				run_flush(&r);
			if (r.n == 0) {
				r.x = x + col;
				r.a = a;
			}
			r.cc[r.n++] = cc;
			end = x + col + c->width;
		} else {
			/* Written in order: this cell may overlap the run's end. */
			run_flush(&r);
			put_bytes(y, x + col, s, c->len, c->width, a);
		}
		col += c->width;
	}
	run_flush(&r);
}

int
screen_width(const char *s)
{
	const char *p = s;
	struct text_opts o;
	struct text_lines l;
	int w;

	for (; *p != '\0' && (unsigned char)*p < 0x80; p++)
		;
	if (*p == '\0')
		return (int)strlen(s);
	/* Shaping can join two letters into one cell (lam-alef): measure the
	 * laid-out line, the width screen_text() will take. */
	screen_text_opts(&o, 0);
	if (text_layout_paragraph(s, strlen(s), NULL, 0, &o, &l) != 0)
		return text_width(s, strlen(s));
	w = l.nlines > 0 ? l.lines[0].width : 0;
	text_lines_free(&l);
	return w;
}

static int chrome_text(int y, int x, int w, const char *s, attr_t a, bool rtl);

int
screen_text(int y, int x, int w, const char *s, attr_t a)
{
	return chrome_text(y, x, w, s, a, chrome_rtl);
}

int
screen_text_ltr(int y, int x, int w, const char *s, attr_t a)
{
	return chrome_text(y, x, w, s, a, false);
}

static int
chrome_text(int y, int x, int w, const char *s, attr_t a, bool rtl)
{
	struct text_opts o;
	struct text_lines l;
	int used = 0;

	if (w <= 0 || *s == '\0')
		return 0;
	const char *shown = chrome_digits_of(s);
	screen_text_opts(&o, 0);
	/* The chrome's labels read in the interface's language: a translated
	 * Arabic label is a right-to-left paragraph, so its colon and its
	 * numbers land where Arabic puts them; English stays left-to-right. */
	o.dir = rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR;
	int rc = text_layout_paragraph(shown, strlen(shown), NULL, 0, &o, &l);
	if (shown != s)
		free((char *)shown);
	if (rc != 0)
		return 0;
	if (l.nlines > 0 && l.lines[0].width > w && rtl) {
		/* Right-to-left: the logical start is on the right; keep the
		 * cells that fit there and put the ellipsis before them. */
		struct text_line *ln = &l.lines[0];
		int tw = 0;
		size_t i = ln->ncells;
		while (i > 0 && tw + ln->cells[i - 1].width <= w - 1)
			tw += ln->cells[--i].width;
		struct text_line tail = *ln;
		tail.cells = ln->cells + i;
		tail.ncells = ln->ncells - i;
		tail.pad = 0;
		tail.width = tw;
		screen_text(y, x, 1, screen_ellipsis(), a);
		screen_line(y, x + 1, tw, &tail, a, NULL, 0);
		used = tw + 1;
	} else if (l.nlines > 0 && l.lines[0].width > w) {
		/* Too long: the cells that fit in one column less, then the
		 * ellipsis, so a cut label never looks whole. */
		const struct text_line *ln = &l.lines[0];
		int tw = ln->pad;
		for (size_t i = 0; i < ln->ncells && tw + ln->cells[i].width <= w - 1; i++)
			tw += ln->cells[i].width;
		screen_line(y, x, tw, ln, a, NULL, 0);
		screen_text(y, x + tw, 1, screen_ellipsis(), a);
		used = tw + 1;
	} else if (l.nlines > 0) {
		screen_line(y, x, w, &l.lines[0], a, NULL, 0);
		used = l.lines[0].width;
	}
	text_lines_free(&l);
	return used;
}

int
screen_field(int y, int x, int w, const char *text, attr_t base, enum screen_align al)
{
	return screen_field_dir(y, x, w, text, base, al, TEXT_DIR_AUTO);
}

int
screen_field_dir(int y, int x, int w, const char *text, attr_t base, enum screen_align al,
    enum text_dir dir)
{
	struct text_opts o;
	struct text_lines l;
	size_t len = text ? strlen(text) : 0;
	int used = 0;

	screen_fill(y, x, w, base);
	if (w <= 0 || len == 0)
		return 0;
	screen_text_opts(&o, w);
	o.dir = dir;
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
