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
	/* Drafts of closed articles the database refused (its write lock was
	 * held): kept here and retried by composer_autosave until saved. */
	struct unsaved {
		int64_t item_id;
		char *text;
	} *unsaved;
	size_t nunsaved;
	long long unsaved_ms;		/* the last try */
};

struct composer *
composer_new(struct comments *cm)
{
	struct composer *c = xcalloc(1, sizeof *c);

	c->cm = cm;
	c->paste = (struct buf)BUF_INIT;
	return c;
}

void
composer_save(struct composer *c)
{
	const char *text;

	if (c->ed == NULL || c->saved)
		return;
	text = compose_text(c->ed, NULL);
	if (comments_draft_save(c->cm, c->item_id, text) == 0)
		c->saved = true;
}

/* The unsaved draft of item_id, or NULL. */
static struct unsaved *
unsaved_find(struct composer *c, int64_t item_id)
{
	for (size_t i = 0; i < c->nunsaved; i++)
		if (c->unsaved[i].item_id == item_id)
			return &c->unsaved[i];
	return NULL;
}

static void
unsaved_drop(struct composer *c, struct unsaved *u)
{
	free(u->text);
	*u = c->unsaved[--c->nunsaved];
}

/* Retry the drafts of closed articles; true when all are saved. */
static bool
unsaved_flush(struct composer *c)
{
	for (size_t i = c->nunsaved; i-- > 0;)
		if (comments_draft_save(c->cm, c->unsaved[i].item_id, c->unsaved[i].text) == 0)
			unsaved_drop(c, &c->unsaved[i]);
	return c->nunsaved == 0;
}

void
composer_close(struct composer *c)
{
	if (c->ed == NULL)
		return;
	composer_save(c);
	if (!c->saved) {
		/* Never lost: kept until the database takes it. */
		struct unsaved *u = unsaved_find(c, c->item_id);
		if (u == NULL) {
			c->unsaved = xreallocarray(c->unsaved, c->nunsaved + 1, sizeof *c->unsaved);
			u = &c->unsaved[c->nunsaved++];
			u->item_id = c->item_id;
		} else
			free(u->text);
		u->text = xstrdup(compose_text(c->ed, NULL));
		c->unsaved_ms = term_now_ms();
	}
	compose_free(&c->ed);
	buf_free(&c->paste);
	c->pasting = false;
	c->item_id = 0;
}

void
composer_free(struct composer **cp)
{
	if (*cp == NULL)
		return;
	composer_close(*cp);
	unsaved_flush(*cp);
	for (size_t i = 0; i < (*cp)->nunsaved; i++)
		free((*cp)->unsaved[i].text);
	free((*cp)->unsaved);
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

void
composer_open(struct composer *c, const struct config *cfg, int64_t item_id,
    const char *feed_url)
{
	int limit, unit;
	char *draft = NULL;

	if (c->ed != NULL && c->item_id == item_id)
		return;
	composer_close(c);
	comments_limit_for(cfg, feed_url, &limit, &unit);
	c->ed = compose_new(limit > 0 ? (size_t)limit : 0, unit_of(unit));
	c->item_id = item_id;
	c->top = 0;
	struct unsaved *u = unsaved_find(c, item_id);
	c->saved = true;
	if (u != NULL) {
		/* Newer than the database's: the editor owns it again. */
		compose_set_text(c->ed, u->text, strlen(u->text));
		unsaved_drop(c, u);
		c->saved = false;
		c->dirty_ms = term_now_ms();
	} else if (comments_draft_get(c->cm, item_id, &draft) == 0 && draft != NULL)
		compose_set_text(c->ed, draft, strlen(draft));
	free(draft);
}

bool
composer_is_open(const struct composer *c)
{
	return c->ed != NULL;
}

int64_t
composer_item(const struct composer *c)
{
	return c->ed != NULL ? c->item_id : 0;
}

const char *
composer_text(const struct composer *c)
{
	return c->ed != NULL ? compose_text(c->ed, NULL) : "";
}

void
composer_clear(struct composer *c)
{
	if (c->ed == NULL)
		return;
	compose_set_text(c->ed, "", 0);
	c->saved = true;	/* comments_send dropped the draft */
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
	if (c->saved)
		c->dirty_ms = term_now_ms();
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
	struct text_opts o;

	if (c->ed == NULL)
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

	if (c->ed == NULL || h < 3)
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
	snprintf(hint, sizeof hint, "  C-d send  Esc close%s",
	    c->saved ? (compose_empty(c->ed) ? "" : "  draft saved") : "");
	w += x0;	/* from here on, the right end */
	screen_fill(y, x0, w - x0, a);
	x += screen_text(y, x, w - x, "Comment ", a | A_BOLD);
	x += screen_text(y, x, w - x, count, ca | A_BOLD);
	screen_text(y, x, w - x, hint, a);
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
	if (c->ed == NULL || h < 2)
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
		if (k < nrows)
			screen_line(y + 1 + i, x0, w, compose_layout_row(l, k), colors_attr(EL_NORMAL),
			    NULL, 0);
	}
	if (r < nrows) {
		int col = compose_layout_cursor_col(l, r, cur);
		*cy = y + 1 + (int)r - c->top;
		*cx = x0 + (col >= w ? w - 1 : col);
	}
	compose_layout_free(&l);
}

int
composer_autosave(struct composer *c, long long now, bool *saved_now)
{
	int t = -1;

	*saved_now = false;
	if (c->nunsaved > 0) {
		if (now >= c->unsaved_ms + COMPOSER_SAVE_MS && !unsaved_flush(c))
			c->unsaved_ms = now;
		if (c->nunsaved > 0)
			t = (int)(c->unsaved_ms + COMPOSER_SAVE_MS - now);
	}
	if (c->ed == NULL || c->saved)
		return t;
	long long due = c->dirty_ms + COMPOSER_SAVE_MS;
	if (now >= due) {
		composer_save(c);
		if (!c->saved) {
			/* The database is busy or failing: try again later. */
			c->dirty_ms = now;
			return COMPOSER_SAVE_MS;
		}
		*saved_now = true;
		return t;
	}
	return t >= 0 && t < due - now ? t : (int)(due - now);
}
