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
 * - `C` opens the comments pane (view_comments.h), `c` the composer
 *   (engage_compose.h) at the bottom of the article view: the views open
 *   both, through their constructors. Ctrl-D sends through
 *   comments_send(); the outbox runs on the loop's timer
 *   (engage_outbox.h), the driver applies the comment jobs' events
 *   (src/driver) and the loop hands their outcomes to engage_event()
 *   (engage_outbox.h); offline it waits.
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
/* Like, share, repost, and comment in the article view; false for other
 * actions (the views open the comments pane and, from a list, the
 * article with its composer). */
bool engage_action(struct app *app, enum action a, const struct engage_target *t);

/* Keys for the share menu or the composer when one is open; true when
 * taken. top_article: view_article_id() of the view on top. */
bool engage_key(struct app *app, int key, long long top_article);

/* The bar of the article at row y, columns [x, x + w). */
void engage_bar_draw(struct app *app, const struct store_item *it, int y, int x, int w);
/* The share menu over the content area. */
void engage_overlay_draw(struct app *app, int y, int h, int w);

/* Run what is due (outbox, draft autosave); the ms until the next, or -1. */
int engage_timeout(struct app *app);

/* The comments handle, for the comments pane. */
struct comments *engage_comments(struct app *app);

#endif
