/*
 * The composer widget (model in composer.h): keys, drafts and painting.
 * Where the text and the cursor land on screen, and the moves that depend
 * on it, are src/compose/geometry.h's (unit-tested without curses).
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comments/comments.h"
#include "compose/compose.h"
#include "compose/geometry.h"
#include "config/settings.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/i18n.h"
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
	bool reply;			/* the text answers a comment: "Reply" */
	int top;			/* first text row shown */
	/* Closed with a draft the cache refused: the editor is kept (hidden)
	 * and its draft retried by composer_autosave until it is saved, or
	 * until the caller takes it (composer_take_unsaved). */
	bool open;
	bool failing;			/* the last save failed */
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
		snprintf(out, outlen, _("no comment open"));
		return;
	}
	compose_limit_words(c->ed, out, outlen);
}

/* ---- Layout ---- */

/* The options the widget paints with (80 columns before the first paint). */
static void
opts_at(const struct composer *c, int w, struct text_opts *o)
{
	screen_text_opts(o, w > 0 ? w : c->width > 0 ? c->width : 80);
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
	bool was_over = compose_over_limit(c->ed);

	(void)paste;
	compose_insert(c->ed, s, len);
	edited(c);
	/* Said when it crosses the limit, not at every key after. */
	return !was_over && compose_over_limit(c->ed) ? COMPOSER_OVER : COMPOSER_NONE;
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
	struct text_opts o;

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
		return insert(c, "\n", 1, false);
	case KEYMAP_FN | KEY_LEFT:
	case KEYMAP_FN | KEY_RIGHT:
		opts_at(c, 0, &o);
		compose_move_screen(c->ed, key == (KEYMAP_FN | KEY_LEFT) ? -1 : 1, &o);
		return COMPOSER_NONE;
	case KEYMAP_FN | KEY_UP:
	case KEYMAP_FN | KEY_DOWN:
		opts_at(c, 0, &o);
		compose_move_row(c->ed, key == (KEYMAP_FN | KEY_UP) ? -1 : 1, &o);
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
	struct compose_layout *l;
	struct text_opts o;
	int want;

	if (!composer_is_open(c) || h < 3)
		return 0;
	opts_at(c, w, &o);
	l = compose_layout_new(c->ed, &o);
	want = (int)compose_layout_nrows(l);
	compose_layout_free(&l);
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
	attr_t a = colors_attr(EL_STATUS);
	attr_t ca = a;
	int x = x0;

	/* The state is in the words too, never in the colour alone. */
	switch (compose_counter_text(c->ed, count, sizeof count)) {
	case COMPOSE_COUNTER_OVER:
		ca = colors_attr(EL_ERROR) | A_REVERSE;
		break;
	case COMPOSE_COUNTER_NEAR:
		ca = colors_attr(EL_WARNING) | A_REVERSE;
		break;
	case COMPOSE_COUNTER_OK:
		break;
	}
	snprintf(hint, sizeof hint, _("  C-d send  Esc close%s"),
	    c->saved ? (compose_empty(c->ed) ? "" : _("  draft saved")) :
	    c->failing ? _("  draft NOT saved") : "");
	w += x0;	/* from here on, the right end */
	screen_fill(y, x0, w - x0, a);
	if (screen_mirrored()) {
		/* Mirrored: the label at the right edge, then the counter and
		 * the hint leftwards. */
		const char *parts[3] = { c->reply ? _("Reply ") : _("Comment "), count, hint };
		attr_t pa[3] = { a | A_BOLD, ca | A_BOLD, a };
		int end = w;
		for (int i = 0; i < 3 && end > x0; i++) {
			int pw = screen_width(parts[i]);
			if (pw > end - x0)
				pw = end - x0;
			end -= pw;
			screen_text(y, end, pw, parts[i], pa[i]);
		}
		return;
	}
	x += screen_text(y, x, w - x, c->reply ? _("Reply ") : _("Comment "), a | A_BOLD);
	x += screen_text(y, x, w - x, count, ca | A_BOLD);
	screen_text(y, x, w - x, hint, a);
}

/* The cells of row k past the limit in the warning colour, underlined so
 * that the colour is not the only sign (the counter says it in words). */
static void
mark_over(struct composer *c, const struct compose_layout *l, size_t k, int y, int x0, int w)
{
	size_t over = compose_limit_offset(c->ed), base = compose_layout_row_base(l, k);
	const struct text_line *line = compose_layout_row(l, k);
	attr_t a = colors_attr(EL_WARNING) | A_UNDERLINE;
	int col = line->pad;

	if (!compose_over_limit(c->ed))
		return;
	for (size_t i = 0; i < line->ncells; i++) {
		const struct text_cell *cell = &line->cells[i];
		if (col + cell->width > w)
			break;
		if (base + cell->log_off >= over && cell->width > 0)
			mvchgat(y, x0 + col, cell->width, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
		col += cell->width;
	}
}

void
composer_draw(struct composer *c, int y, int h, int x0, int w, int *cy, int *cx)
{
	struct compose_layout *l;
	struct text_opts o;
	size_t cur, nrows;
	int rows = h - 1;

	*cy = y;
	*cx = x0;
	if (!composer_is_open(c) || h < 2)
		return;
	c->width = w;
	draw_header(c, y, x0, w);
	opts_at(c, w, &o);
	l = compose_layout_new(c->ed, &o);
	nrows = compose_layout_nrows(l);
	cur = compose_cursor(c->ed);
	size_t r = compose_layout_cursor_row(l, cur);
	/* Keep the cursor's row in view. */
	c->top = compose_scroll(c->top, r, nrows, rows);
	for (int i = 0; i < rows; i++) {
		size_t k = (size_t)(c->top + i);
		screen_fill(y + 1 + i, x0, w, colors_attr(EL_NORMAL));
		if (k < nrows) {
			screen_line(y + 1 + i, x0, w, compose_layout_row(l, k), colors_attr(EL_NORMAL),
			    NULL, 0);
			mark_over(c, l, k, y + 1 + i, x0, w);
		}
	}
	if (r < nrows) {
		int col = compose_layout_cursor_col(l, r, cur);
		*cy = y + 1 + (int)r - c->top;
		*cx = x0 + (col >= w ? w - 1 : col);
	}
	compose_layout_free(&l);
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

void
composer_set_reply(struct composer *c, bool reply)
{
	c->reply = reply;
}
