/*
 * The composer widget (model in composer.h). The text is laid out afresh
 * on every paint and every visual move: a comment is at most a few hundred
 * clusters, so this costs microseconds and keeps one source of truth.
 *
 * Rows: the visual lines of every logical line, in order; each knows the
 * byte offset its logical line starts at, so cell offsets (relative to the
 * line) convert to offsets in the whole text.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comments/comments.h"
#include "compose/compose.h"
#include "config/settings.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "colors.h"
#include "composer.h"
#include "keymap.h"
#include "screen.h"
#include "term.h"

struct composer {
	struct comments *cm;		/* borrowed */
	struct compose *ed;		/* NULL when closed */
	int64_t item_id;
	bool saved;			/* the database holds the text as shown */
	long long dirty_ms;		/* when the first unsaved edit happened */
	bool pasting;
	struct buf paste;
	int width;			/* of the last paint; 0 before the first */
	int top;			/* first text row shown */
	/* Closed with a draft the cache refused: the editor is kept (hidden)
	 * and its draft retried by composer_autosave until it is saved, or
	 * until the caller takes it (composer_take_unsaved). */
	bool open;
	bool failing;			/* the last save failed */
};

/* The laid-out text: every logical line's paragraph and the visual rows. */
struct row {
	const struct text_line *ln;
	size_t base;		/* offset of the logical line in the text */
	size_t end;		/* its end (before the \n) */
};
struct laid {
	struct text_lines *paras;
	size_t nparas;
	struct row *rows;
	size_t nrows;
};

struct composer *
composer_new(struct comments *cm)
{
	struct composer *c = xcalloc(1, sizeof *c);

	c->cm = cm;
	c->paste = (struct buf)BUF_INIT;
	return c;
}

bool
composer_save(struct composer *c)
{
	if (c->ed == NULL || c->saved)
		return true;
	if (comments_draft_save(c->cm, c->item_id, compose_text(c->ed, NULL)) == 0) {
		c->saved = true;
		c->failing = false;
	} else
		c->failing = true;
	return c->saved;
}

/* Let the editor go (its draft saved, or taken by the caller). */
static void
drop_editor(struct composer *c)
{
	compose_free(&c->ed);
	buf_free(&c->paste);
	c->pasting = false;
	c->open = false;
	c->failing = false;
	c->item_id = 0;
}

bool
composer_close(struct composer *c)
{
	if (c->ed == NULL)
		return true;
	c->open = false;
	buf_free(&c->paste);
	c->pasting = false;
	if (!composer_save(c))
		return false;	/* never lost: kept, and retried */
	drop_editor(c);
	return true;
}

const char *
composer_unsaved(const struct composer *c, int64_t *item_id)
{
	if (c->ed == NULL || c->saved)
		return NULL;
	*item_id = c->item_id;
	return compose_text(c->ed, NULL);
}

char *
composer_take_unsaved(struct composer *c, int64_t *item_id)
{
	const char *t = composer_unsaved(c, item_id);
	char *copy = t != NULL ? xstrdup(t) : NULL;

	if (c->ed != NULL && !c->open)
		drop_editor(c);
	return copy;
}

void
composer_free(struct composer **cp)
{
	if (*cp == NULL)
		return;
	/* A draft still refused here was taken by the caller (engage_down)
	 * for the recovery file. */
	composer_save(*cp);
	compose_free(&(*cp)->ed);
	buf_free(&(*cp)->paste);
	xfree(cp);
}

static enum compose_unit
unit_of(int config_unit)
{
	switch (config_unit) {
	case CONFIG_UNIT_CODEPOINTS: return COMPOSE_CODEPOINTS;
	case CONFIG_UNIT_UTF16: return COMPOSE_UTF16;
	default: return COMPOSE_CLUSTERS;
	}
}

bool
composer_open(struct composer *c, const struct config *cfg, int64_t item_id,
    const char *feed_url)
{
	int limit, unit;
	char *draft = NULL;

	if (c->ed != NULL && c->item_id == item_id) {
		/* Open already, or closed with its draft unsaved: newer than
		 * the database's, so the editor goes on with it. */
		c->open = true;
		return true;
	}
	if (!composer_close(c))
		return false;	/* another article's draft waits: the caller decides */
	comments_limit_for(cfg, feed_url, &limit, &unit);
	c->ed = compose_new(limit > 0 ? (size_t)limit : 0, unit_of(unit));
	c->item_id = item_id;
	c->top = 0;
	c->saved = true;
	c->open = true;
	if (comments_draft_get(c->cm, item_id, &draft) == 0 && draft != NULL)
		compose_set_text(c->ed, draft, strlen(draft));
	free(draft);
	return true;
}

bool
composer_is_open(const struct composer *c)
{
	return c->ed != NULL && c->open;
}

int64_t
composer_item(const struct composer *c)
{
	return composer_is_open(c) ? c->item_id : 0;
}

const char *
composer_text(const struct composer *c)
{
	return composer_is_open(c) ? compose_text(c->ed, NULL) : "";
}

static void edited(struct composer *c);

void
composer_restore(struct composer *c, const char *text)
{
	if (!composer_is_open(c))
		return;
	compose_set_text(c->ed, text, strlen(text));
	c->top = 0;
	edited(c);
}

void
composer_clear(struct composer *c)
{
	if (c->ed == NULL)
		return;
	compose_set_text(c->ed, "", 0);
	c->saved = true;	/* comments_send dropped the draft */
	c->failing = false;
	c->top = 0;
}

bool
composer_over_limit(const struct composer *c)
{
	return c->ed != NULL && compose_over_limit(c->ed);
}

void
composer_limit_words(const struct composer *c, char *out, size_t outlen)
{
	if (c->ed == NULL) {
		snprintf(out, outlen, "no comment open");
		return;
	}
	snprintf(out, outlen, "%zu/%zu %s", compose_length(c->ed), compose_limit(c->ed),
	    compose_get_unit(c->ed) == COMPOSE_CLUSTERS ? "characters" :
	    compose_get_unit(c->ed) == COMPOSE_CODEPOINTS ? "code points" : "UTF-16 units");
}

/* ---- Layout ---- */

static void
laid_free(struct laid *l)
{
	for (size_t i = 0; i < l->nparas; i++)
		text_lines_free(&l->paras[i]);
	free(l->paras);
	free(l->rows);
	memset(l, 0, sizeof *l);
}

/* Lay out every logical line at width w, as `render --input text` does. */
static void
lay_out(const struct composer *c, int w, struct laid *l)
{
	size_t len, start = 0;
	const char *text = compose_text(c->ed, &len);
	struct text_opts o;

	memset(l, 0, sizeof *l);
	screen_text_opts(&o, w);
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
}

/* The row holding the cursor: the last row of its logical line that starts
 * at or before it (a wrapped line's end is the next one's start). */
static size_t
cursor_row(const struct laid *l, size_t cur)
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

static int
cursor_col(const struct row *rw, size_t cur)
{
	int col = text_line_col_of(rw->ln, cur - rw->base);

	if (col < 0)
		col = rw->ln->rtl ? rw->ln->pad : rw->ln->pad + rw->ln->width;
	return col;
}

/* Left/Right: one cluster on screen, by the visual line; at its edge, on to
 * the next or previous line in reading order. */
static void
move_visual(struct composer *c, int dir)
{
	struct laid l;
	size_t cur = compose_cursor(c->ed), start, end, len;
	const char *text = compose_text(c->ed, &len);
	int w = c->width > 0 ? c->width : 80;
	struct text_opts o;
	struct text_lines tl;
	const struct text_line *line = NULL;
	bool moved = false, rtl = false;

	/* The direction an empty or neutral line inherits, as painted. */
	lay_out(c, w, &l);
	size_t r = cursor_row(&l, cur);
	bool prev_rtl = r < l.nrows && l.rows[r].ln->rtl;
	laid_free(&l);
	/* compose_move_visual wants the cursor's logical line laid out alone. */
	compose_line_bounds(c->ed, cur, &start, &end);
	screen_text_opts(&o, w);
	o.prev_dir = prev_rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR;
	if (text_layout_paragraph(text + start, end - start, NULL, 0, &o, &tl) != 0)
		return;
	for (size_t i = 0; i < tl.nlines; i++)
		if (tl.lines[i].log_start <= cur - start && cur - start <= tl.lines[i].log_end)
			line = &tl.lines[i];
	rtl = tl.resolved_dir == TEXT_DIR_RTL;
	if (line != NULL)
		moved = compose_move_visual(c->ed, dir, line);
	text_lines_free(&tl);
	/* Off the edge: the next line in reading order is to the right of LTR
	 * text and to the left of RTL text. */
	if (!moved)
		compose_move(c->ed, (dir > 0) == !rtl ? 1 : -1);
}

/* Up/Down: the same column on the row above or below. */
static void
move_vertical(struct composer *c, int dir)
{
	struct laid l;
	size_t cur = compose_cursor(c->ed);

	lay_out(c, c->width > 0 ? c->width : 80, &l);
	size_t r = cursor_row(&l, cur);
	if ((dir < 0 && r == 0) || (dir > 0 && r + 1 >= l.nrows)) {
		laid_free(&l);
		return;
	}
	int col = cursor_col(&l.rows[r], cur);
	const struct row *t = &l.rows[dir < 0 ? r - 1 : r + 1];
	size_t off = text_line_off_at(t->ln, col);
	if (off == (size_t)-1) {
		/* Past the text on one side: the line's start or end. */
		bool left = col < t->ln->pad;
		off = left == t->ln->rtl ? t->ln->log_end : t->ln->log_start;
	}
	compose_set_cursor(c->ed, t->base + off);
	laid_free(&l);
}

/* ---- Keys ---- */

static void
edited(struct composer *c)
{
	/* While saves fail, the next edit is the next try (composer_autosave
	 * sees it due at once). */
	if (c->saved || c->failing)
		c->dirty_ms = term_now_ms() - (c->failing ? COMPOSER_RETRY_MS : 0);
	c->saved = false;
}

static enum composer_result
insert(struct composer *c, const char *s, size_t len, bool paste)
{
	if (compose_insert(c->ed, s, len) != COMPOSE_OK)
		return paste ? COMPOSER_PASTE_REFUSED : COMPOSER_REFUSED;
	edited(c);
	return COMPOSER_NONE;
}

/* C-u: delete back to the start of the logical line, as in readline; at
 * the start nothing (the newline before stays). A comment is a few hundred
 * clusters, so one Backspace at a time costs nothing. */
static bool
kill_to_line_start(struct compose *ed)
{
	size_t start, end;
	bool any = false;

	compose_line_bounds(ed, compose_cursor(ed), &start, &end);
	while (compose_cursor(ed) > start && compose_backspace(ed))
		any = true;
	return any;
}

enum composer_result
composer_key(struct composer *c, int key)
{
	char u[4];

	if (!composer_is_open(c))
		return COMPOSER_LEAVE;
	if (c->pasting) {
		/* Everything up to the end marker is one insert. */
		if (key == (KEYMAP_FN | COMPOSER_KEY_PASTE_END)) {
			enum composer_result r = insert(c, c->paste.data ? c->paste.data : "",
			    c->paste.len, true);
			buf_free(&c->paste);
			c->pasting = false;
			return r;
		}
		if (key & KEYMAP_FN)
			return COMPOSER_NONE;	/* a key sequence inside a paste */
		if (key == '\r')
			key = '\n';
		buf_append(&c->paste, u, utf8_encode((uint32_t)key, u));
		return COMPOSER_NONE;
	}
	switch (key) {
	case KEYMAP_FN | COMPOSER_KEY_PASTE_START:
		c->pasting = true;
		buf_free(&c->paste);
		return COMPOSER_NONE;
	case KEYMAP_FN | COMPOSER_KEY_PASTE_END:
		return COMPOSER_NONE;
	case 27:
		return COMPOSER_LEAVE;
	case 4:		/* C-d */
		return COMPOSER_SEND;
	case '\r':
	case '\n':
	case KEYMAP_FN | KEY_ENTER:
		if (compose_newline(c->ed) != COMPOSE_OK)
			return COMPOSER_REFUSED;
		edited(c);
		return COMPOSER_NONE;
	case KEYMAP_FN | KEY_LEFT:
		move_visual(c, -1);
		return COMPOSER_NONE;
	case KEYMAP_FN | KEY_RIGHT:
		move_visual(c, 1);
		return COMPOSER_NONE;
	case KEYMAP_FN | KEY_UP:
		move_vertical(c, -1);
		return COMPOSER_NONE;
	case KEYMAP_FN | KEY_DOWN:
		move_vertical(c, 1);
		return COMPOSER_NONE;
	case KEYMAP_FN | KEY_HOME:
	case 1:		/* C-a */
		compose_home(c->ed);
		return COMPOSER_NONE;
	case KEYMAP_FN | KEY_END:
	case 5:		/* C-e */
		compose_end(c->ed);
		return COMPOSER_NONE;
	case KEYMAP_FN | KEY_BACKSPACE:
	case 127:
	case 8:
		if (compose_backspace(c->ed))
			edited(c);
		return COMPOSER_NONE;
	case KEYMAP_FN | KEY_DC:
		if (compose_delete(c->ed))
			edited(c);
		return COMPOSER_NONE;
	case 23:	/* C-w */
		if (compose_delete_word(c->ed))
			edited(c);
		return COMPOSER_NONE;
	case 21:	/* C-u */
		if (kill_to_line_start(c->ed))
			edited(c);
		return COMPOSER_NONE;
	}
	if ((key & KEYMAP_FN) || key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0) ||
	    key > 0x10ffff)
		return COMPOSER_NONE;
	return insert(c, u, utf8_encode((uint32_t)key, u), false);
}

/* ---- Painting ---- */

/* At most this many text rows, and the article keeps at least 3 when there
 * is room. Even on the smallest screen the header and one row show: the
 * keys go to the composer while it is open. */
#define MAX_TEXT_ROWS 8

int
composer_rows(struct composer *c, int h, int w)
{
	struct laid l;
	int want;

	if (!composer_is_open(c) || h < 3)
		return 0;
	lay_out(c, w, &l);
	want = (int)l.nrows;
	laid_free(&l);
	if (want > MAX_TEXT_ROWS)
		want = MAX_TEXT_ROWS;
	if (want > h - 4)
		want = h - 4;
	if (want < 1)
		want = 1;
	return want + 1;
}

static void
draw_header(struct composer *c, int y, int x0, int w)
{
	char count[96], hint[96];
	size_t n = compose_length(c->ed), lim = compose_limit(c->ed);
	attr_t a = colors_attr(EL_STATUS);
	attr_t ca = a;
	int x = x0;

	/* The state is in the words too, never in the colour alone. */
	if (lim > 0 && compose_over_limit(c->ed)) {
		snprintf(count, sizeof count, "%zu/%zu, %zu over", n, lim, n - lim);
		ca = colors_attr(EL_ERROR) | A_REVERSE;
	} else if (lim > 0 && compose_near_limit(c->ed)) {
		snprintf(count, sizeof count, "%zu/%zu, %zu left", n, lim, lim - n);
		ca = colors_attr(EL_WARNING) | A_REVERSE;
	} else if (lim > 0)
		snprintf(count, sizeof count, "%zu/%zu", n, lim);
	else
		snprintf(count, sizeof count, "%zu", n);
	snprintf(hint, sizeof hint, "  C-d send  Esc close%s",
	    c->saved ? (compose_empty(c->ed) ? "" : "  draft saved") :
	    c->failing ? "  draft NOT saved" : "");
	w += x0;	/* from here on, the right end */
	screen_fill(y, x0, w - x0, a);
	x += screen_text(y, x, w - x, "Comment ", a | A_BOLD);
	x += screen_text(y, x, w - x, count, ca | A_BOLD);
	screen_text(y, x, w - x, hint, a);
}

void
composer_draw(struct composer *c, int y, int h, int x0, int w, int *cy, int *cx)
{
	struct laid l;
	size_t cur;
	int rows = h - 1;

	*cy = y;
	*cx = x0;
	if (!composer_is_open(c) || h < 2)
		return;
	c->width = w;
	draw_header(c, y, x0, w);
	lay_out(c, w, &l);
	cur = compose_cursor(c->ed);
	size_t r = cursor_row(&l, cur);
	/* Keep the cursor's row in view. */
	if ((int)r < c->top)
		c->top = (int)r;
	if ((int)r >= c->top + rows)
		c->top = (int)r - rows + 1;
	if (c->top > (int)l.nrows - rows)
		c->top = (int)l.nrows - rows;
	if (c->top < 0)
		c->top = 0;
	for (int i = 0; i < rows; i++) {
		size_t k = (size_t)(c->top + i);
		screen_fill(y + 1 + i, x0, w, colors_attr(EL_NORMAL));
		if (k < l.nrows)
			screen_line(y + 1 + i, x0, w, l.rows[k].ln, colors_attr(EL_NORMAL), NULL, 0);
	}
	if (r < l.nrows) {
		int col = cursor_col(&l.rows[r], cur);
		*cy = y + 1 + (int)r - c->top;
		*cx = x0 + (col >= w ? w - 1 : col);
	}
	laid_free(&l);
}

int
composer_autosave(struct composer *c, long long now, enum composer_saved *what)
{
	*what = COMPOSER_SAVE_QUIET;
	if (c->ed == NULL || c->saved)
		return -1;
	long long due = c->dirty_ms + (c->failing ? COMPOSER_RETRY_MS : COMPOSER_SAVE_MS);
	if (now < due)
		return (int)(due - now);
	bool was_failing = c->failing;
	if (!composer_save(c)) {
		/* Said once per streak; tried again later. */
		if (!was_failing)
			*what = COMPOSER_SAVE_FAILED;
		c->dirty_ms = now;
		return COMPOSER_RETRY_MS;
	}
	*what = was_failing ? COMPOSER_SAVE_RECOVERED : COMPOSER_SAVE_DONE;
	if (!c->open)
		drop_editor(c);	/* a closed draft, saved at last */
	return -1;
}
