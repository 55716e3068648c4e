/*
 * Engagement in the reader (issue 6): like, share, repost, comments and
 * the composer, glued to the views, the main loop and the fetch thread.
 *
 * - The bar: one row under the article's byline (the row between the
 *   header and the body): ♥ liked / ♡ like, the comment count (the feed's
 *   hint until comments are loaded, then the loaded count), the key hints.
 * - `l` toggles like (lists and the article); `S` reposts: it runs
 *   share-command, else bookmark-command (there is no separate
 *   repost-command); `s` opens the share menu (sharemenu.h).
 * - `C` opens the comments pane (comments_view.c), `c` the composer
 *   (composer.h) at the bottom of the article view. Ctrl-D sends through
 *   comments_send(); the outbox runs on the loop's timer, the driver
 *   applies the comment jobs' events (src/driver) and the loop hands
 *   their outcomes to engage_event(); offline it waits.
 *
 * The state lives in app->engage (UI thread only), made by engage_up()
 * after the fetcher starts and freed by engage_down() (which saves the
 * draft and turns bracketed paste off).
 */
#ifndef NR_UI_ENGAGE_H
#define NR_UI_ENGAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "keymap.h"

struct app;
struct store_item;
struct comments;
struct comments_outcome;

int engage_up(struct app *app);
void engage_down(struct app *app);

/* The article an action applies to (strings borrowed). */
struct engage_target {
	int64_t item_id;
	const char *url;
	const char *title;
	bool *liked;		/* updated by like; may be NULL */
	bool in_article;	/* the article view (the composer can open) */
};
/* Like, share, repost, comment, comments; false for other actions. */
bool engage_action(struct app *app, enum action a, const struct engage_target *t);

/* Keys for the composer or the share menu when one is open; true when taken. */
bool engage_key(struct app *app, int key);

/* The bar of the article at row y, columns [x, x + w). */
void engage_bar_draw(struct app *app, const struct store_item *it, int y, int x, int w);
/* Rows the composer takes at the bottom of the article item_id's area. */
int engage_bottom_rows(struct app *app, int64_t item_id, int h, int w);
void engage_bottom_draw(struct app *app, int64_t item_id, int y, int h, int x, int w);
/* The share menu over the content area, and the terminal cursor (last). */
void engage_overlay_draw(struct app *app, int y, int h, int w);
void engage_cursor(struct app *app);

/* The terminal is handed to the shell (restore false: bracketed paste
 * off) or taken back (on again when the composer is open). */
void engage_tty(struct app *app, bool restore);

/* Run what is due (outbox, draft autosave); the ms until the next, or -1. */
int engage_timeout(struct app *app);
/* What a comment job's event did (applied by the driver): tell the user,
 * and reschedule the outbox for a retry. */
void engage_event(struct app *app, const struct comments_outcome *o);

/* For the comments pane. */
struct comments *engage_comments(struct app *app);
/* Send waiting comments of item_id (0: all) now, not after the backoff;
 * returns how many were queued again. */
int engage_retry_now(struct app *app, int64_t item_id);
/* Open the composer on an article over the article view on top. */
void engage_compose(struct app *app, int64_t item_id);

#endif
