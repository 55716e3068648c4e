/*
 * The prompt's line editor: insert, delete, move by code point. A
 * combining mark typed after a letter joins it on screen because the whole
 * text is laid out as one paragraph on every paint.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "colors.h"
#include "keymap.h"
#include "prompt.h"
#include "screen.h"

void
prompt_start(struct prompt *p, const char *label,
    void (*done)(struct app *app, const char *text))
{
	p->active = true;
	p->label = label;
	p->n = p->cur = 0;
	p->done = done;
	curs_set(1);
}

void
prompt_free(struct prompt *p)
{
	free(p->cp);
	p->cp = NULL;
	p->n = p->alloc = p->cur = 0;
	p->active = false;
}

/* The UTF-8 of code points [0, n); *offs (may be NULL) gets the byte offset
 * of each code point plus the end. */
static char *
to_utf8(const struct prompt *p, size_t **offs)
{
	struct buf b = BUF_INIT;
	size_t *o = offs ? xcalloc(p->n + 1, sizeof *o) : NULL;

	buf_append(&b, "", 0);
	for (size_t i = 0; i < p->n; i++) {
		char u[4];
		if (o)
			o[i] = b.len;
		buf_append(&b, u, utf8_encode(p->cp[i], u));
	}
	if (o) {
		o[p->n] = b.len;
		*offs = o;
	}
	return buf_detach(&b);
}

static void
finish(struct prompt *p, struct app *app, bool ok)
{
	char *text = ok ? to_utf8(p, NULL) : NULL;
	void (*done)(struct app *, const char *) = p->done;

	p->active = false;
	curs_set(0);
	if (done)
		done(app, text);
	free(text);
}

bool
prompt_key(struct prompt *p, struct app *app, int key)
{
	switch (key) {
	case '\n':
	case '\r':
	case KEYMAP_FN | KEY_ENTER:
		finish(p, app, true);
		return true;
	case 27:	/* Esc */
	case 3:		/* C-c, when it arrives as a key */
	case 7:		/* C-g */
		finish(p, app, false);
		return true;
	case 127:
	case 8:
	case KEYMAP_FN | KEY_BACKSPACE:
		if (p->cur == 0) {
			if (p->n == 0)
				finish(p, app, false);
			return p->n == 0;
		}
		memmove(p->cp + p->cur - 1, p->cp + p->cur, (p->n - p->cur) * sizeof *p->cp);
		p->cur--;
		p->n--;
		return false;
	case KEYMAP_FN | KEY_DC:
	case 4:		/* C-d */
		if (p->cur < p->n) {
			memmove(p->cp + p->cur, p->cp + p->cur + 1,
			    (p->n - p->cur - 1) * sizeof *p->cp);
			p->n--;
		}
		return false;
	case KEYMAP_FN | KEY_LEFT:
	case 2:		/* C-b */
		if (p->cur > 0)
			p->cur--;
		return false;
	case KEYMAP_FN | KEY_RIGHT:
	case 6:		/* C-f */
		if (p->cur < p->n)
			p->cur++;
		return false;
	case KEYMAP_FN | KEY_HOME:
	case 1:		/* C-a */
		p->cur = 0;
		return false;
	case KEYMAP_FN | KEY_END:
	case 5:		/* C-e */
		p->cur = p->n;
		return false;
	case 21:	/* C-u */
		p->n = p->cur = 0;
		return false;
	}
	if ((key & KEYMAP_FN) || key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0) ||
	    utf8_is_bidi_control((uint32_t)key) || key > 0x10ffff)
		return false;
	if (p->n >= 512)
		return false;	/* a search needs no more */
	if (p->n == p->alloc) {
		p->alloc = p->alloc ? p->alloc * 2 : 64;
		p->cp = xreallocarray(p->cp, p->alloc, sizeof *p->cp);
	}
	memmove(p->cp + p->cur + 1, p->cp + p->cur, (p->n - p->cur) * sizeof *p->cp);
	p->cp[p->cur++] = (uint32_t)key;
	p->n++;
	return false;
}

void
prompt_draw(struct prompt *p, int y, int cols)
{
	attr_t a = colors_attr(EL_NORMAL);
	size_t *offs;
	char *text = to_utf8(p, &offs);
	int x, cx;
	struct text_opts o;
	struct text_lines l;

	/* Mirrored: the label at the right edge, the input right-aligned
	 * against it. */
	bool mir = screen_mirrored();
	int lw = screen_width(p->label);

	screen_fill(y, 0, cols, a);
	if (lw > cols)
		lw = cols;
	if (mir) {
		screen_text(y, cols - lw, lw, p->label, a | A_BOLD);
		x = 0;
		cx = cols - lw - 1 > 0 ? cols - lw - 1 : 0;
	} else {
		x = screen_text(y, 0, cols, p->label, a | A_BOLD);
		cx = x;
	}
	screen_text_opts(&o, 0);
	if (p->n > 0 && text_layout_paragraph(text, strlen(text), NULL, 0, &o, &l) == 0) {
		if (l.nlines > 0) {
			struct text_line *ln = &l.lines[0];
			int room = mir ? cols - lw - 1 : cols - x - 1;
			int shift = ln->width > room ? ln->width - room : 0;
			int col;
			/* Keep the cursor's side visible: show the end of long input. */
			if (l.resolved_dir == TEXT_DIR_RTL)
				shift = 0;
			if (mir && room > 0) {
				x = room - (ln->width - shift < room ? ln->width - shift : room);
				room -= x;
			}
			if (shift == 0)
				screen_line(y, x, room, ln, a, NULL, 0);
			else {
				/* Drop cells scrolled off the left edge. */
				int c = 0;
				size_t i = 0;
				while (i < ln->ncells && c < shift)
					c += ln->cells[i++].width;
				struct text_line part = *ln;
				part.cells = ln->cells + i;
				part.ncells = ln->ncells - i;
				part.pad = c - shift;
				screen_line(y, x, room, &part, a, NULL, 0);
			}
			if (p->cur >= p->n)
				col = l.resolved_dir == TEXT_DIR_RTL ? 0 : ln->width;
			else
				col = text_line_col_of(ln, offs[p->cur]);
			if (col < 0)
				col = ln->width;
			/* In right-to-left text the caret sits left of the
			 * character at the cursor's logical position end. */
			cx = x + col - shift;
			if (l.resolved_dir == TEXT_DIR_RTL && p->cur < p->n)
				cx += text_width(text + offs[p->cur], offs[p->cur + 1] - offs[p->cur]);
			if (cx >= cols)
				cx = cols - 1;
			if (cx < x)
				cx = x;
		}
		text_lines_free(&l);
	}
	move(y, cx);
	free(offs);
	free(text);
}
