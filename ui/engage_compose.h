/*
 * The composer's controller: the composer widget (composer.h) opened on an
 * article at the bottom of the article view, its keys (engage_key), Ctrl-D
 * sending through comments_send(), Esc closing with the draft kept, and
 * bracketed paste while it is open. Part of the engagement module
 * (engage.h), whose state it shares.
 */
#ifndef NR_UI_ENGAGE_COMPOSE_H
#define NR_UI_ENGAGE_COMPOSE_H

#include <stdbool.h>
#include <stdint.h>

struct app;

/* Open the composer on item_id (its draft restored); the article view of
 * item_id is on top (view_article_compose() makes sure of it). */
void engage_composer_open(struct app *app, int64_t item_id);
/* Rows the composer takes at the bottom of the article item_id's area. */
int engage_bottom_rows(struct app *app, int64_t item_id, int h, int w);
void engage_bottom_draw(struct app *app, int64_t item_id, int y, int h, int x, int w);
/* The terminal cursor on the composer's caret (the frame's last step). */
void engage_cursor(struct app *app);
/* The terminal is handed to the shell (restore false: bracketed paste
 * off) or taken back (on again when the composer is open). */
void engage_tty(struct app *app, bool restore);

#endif
