/*
 * The comment composer widget at the bottom of the article view: a header
 * row (the live counter N/400, key hints, whether the draft is saved) over
 * the text, which is edited as logical UTF-8 by src/compose and shown laid
 * out by src/text, one logical line per paragraph, exactly as
 * `newsreader render --input text` lays out the same lines at the same
 * width. The terminal cursor goes on the cell of the cluster after the
 * logical cursor (text_line_col_of), so it lands right in Arabic too.
 *
 * One composer per session, open on at most one article. Its draft goes to
 * the database (comments_draft_save) at most COMPOSER_SAVE_MS after an edit
 * and on every close, so a kill -9 loses at most that much typing. A draft
 * the database refuses (a full disk, a read-only cache) is never dropped:
 * the composer keeps it, open or closed, and tries again on the next edit
 * and every COMPOSER_RETRY_MS, until it is saved or the caller takes it
 * for the recovery file (composer_take_unsaved).
 */
#ifndef NR_UI_COMPOSER_H
#define NR_UI_COMPOSER_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct comments;
struct config;

/* How long an edit may stay unsaved (the loop's timer saves it). */
#define COMPOSER_SAVE_MS 500
/* Between two tries of a draft the database refused. */
#define COMPOSER_RETRY_MS 2000

/* Bracketed paste: curses key codes we define for ESC [ 200 ~ and ESC [ 201 ~. */
#define COMPOSER_KEY_PASTE_START (KEY_MAX + 1)
#define COMPOSER_KEY_PASTE_END (KEY_MAX + 2)

/* What a key did, for the caller's status line. */
enum composer_result {
	COMPOSER_NONE,		/* handled, nothing to report */
	COMPOSER_REFUSED,	/* an insert would pass the limit: nothing changed */
	COMPOSER_PASTE_REFUSED,	/* a whole paste refused for the same reason */
	COMPOSER_SEND,		/* Ctrl-D: the caller sends composer_text() */
	COMPOSER_LEAVE,		/* Esc: the caller closes (the draft is kept) */
};

/* Opaque; composer_new() makes it, composer_free() frees it (trying a last
 * save: take an unsaved draft first, composer_take_unsaved). */
struct composer;
struct composer *composer_new(struct comments *cm);
void composer_free(struct composer **c);

/* Open on item_id (restoring its draft, or going on with the one kept
 * unsaved); limit and unit come from the config for feed_url
 * (comments_limit_for). An open composer of another article is closed
 * first; false (nothing opened) when that closed one's draft could not be
 * saved: the caller takes it (composer_take_unsaved) and opens again. */
bool composer_open(struct composer *c, const struct config *cfg, int64_t item_id,
    const char *feed_url);
/* Save the draft and close; false when the save failed (the draft is kept
 * and retried: composer_autosave). */
bool composer_close(struct composer *c);
bool composer_is_open(const struct composer *c);
int64_t composer_item(const struct composer *c);
/* The logical text (owned by the composer, valid until the next edit). */
const char *composer_text(const struct composer *c);
/* Replace the open composer's text with text (a draft from a recovery
 * file), unsaved: the next autosave writes it. */
void composer_restore(struct composer *c, const char *text);
/* Empty the text (after a send; the store already dropped the draft). */
void composer_clear(struct composer *c);
/* The text is over the limit (restored from an older, longer limit). */
bool composer_over_limit(const struct composer *c);
/* "the comment is over the limit (412/400)"-style words for the refusals. */
void composer_limit_words(const struct composer *c, char *out, size_t outlen);

/* Feed one key (a code point, or KEYMAP_FN | KEY_*). */
enum composer_result composer_key(struct composer *c, int key);

/* Rows the composer wants in a content area of h rows, w columns. */
int composer_rows(struct composer *c, int h, int w);
/* Paint into rows [y, y + h), columns [x, x + w); *cy, *cx get the screen
 * cursor. */
void composer_draw(struct composer *c, int y, int h, int x, int w, int *cy, int *cx);

/* What composer_autosave did, for the status line. */
enum composer_saved {
	COMPOSER_SAVE_QUIET,		/* nothing to say */
	COMPOSER_SAVE_DONE,		/* saved ("draft saved" in the header) */
	COMPOSER_SAVE_FAILED,		/* the first failure of a streak */
	COMPOSER_SAVE_RECOVERED,	/* saved after failures */
};
/* Save the draft (open, or closed and kept) when an edit waits longer
 * than COMPOSER_SAVE_MS, or a refused one COMPOSER_RETRY_MS; returns the
 * milliseconds until the next try, or -1 when nothing waits. */
int composer_autosave(struct composer *c, long long now_ms, enum composer_saved *what);
/* Save now when anything is unsaved; true when the database has it. */
bool composer_save(struct composer *c);
/* The draft the database does not have yet (open or kept), or NULL; the
 * text is the composer's, valid until its next change. */
const char *composer_unsaved(const struct composer *c, int64_t *item_id);
/* The same as a copy the caller frees; a kept (closed) editor is let go. */
char *composer_take_unsaved(struct composer *c, int64_t *item_id);

#endif
