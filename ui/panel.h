/*
 * The market side panel of the article view (DESIGN.md section 5): the
 * tokens of every configured market source, two rows each (symbol, name,
 * market cap; holders, sparkline, 24 h change), under a header with the
 * source's name, the data's age and a marker when the last refresh failed.
 *
 * The panel owns the market sources and their schedule: it submits market
 * jobs to the fetch thread when they are due (never with --offline), and
 * on each job's event re-reads the cache (store/tickers.h), which keeps
 * the last good values, so bad data never blanks it; the reason goes to
 * the status line. It sits on the right of the article, on the left when
 * the UI is right-to-left (app->rtl), and hides itself on a terminal
 * narrower than PANEL_MIN_COLS, saying so once.
 *
 * Every function takes the app and does nothing when app->panel is NULL.
 */
#ifndef NR_UI_PANEL_H
#define NR_UI_PANEL_H

#include <stdbool.h>

#include "keymap.h"

struct app;
struct fetch_event;

/* Below this terminal width the article keeps every column. */
#define PANEL_MIN_COLS 90

/* Opaque; created by panel_new() into app->panel, freed by panel_free(). */
struct panel;

/*
 * Sources from the config, their schedule restored from the cache, the
 * cached lists loaded; visibility and sort from the saved UI state. Needs
 * app->store; app->fetch may be NULL (offline). Returns NULL when no market
 * source is configured.
 */
struct panel *panel_new(struct app *app);
void panel_free(struct panel **pp);

/*
 * Main loop: submit the refreshes now due, and return the smaller of t and
 * the milliseconds until the panel next needs the loop (a refresh, the age
 * in the header changing); t -1 means none yet.
 */
int panel_timeout(struct app *app, int t);
/* A fetch event: true when it was a market job's (handled: the cache is
 * re-read, failures go to the status line). */
bool panel_event(struct app *app, const struct fetch_event *ev);

/*
 * Article view: paint the panel beside an article area of rows [y, y + h)
 * and columns [*x, *x + *w), and narrow the area to what the article keeps
 * (*x moves right when the panel is on the left).
 */
void panel_draw(struct app *app, int y, int h, int *x, int *w);
/* The article's width at area width w (for layout before painting). */
int panel_article_width(struct app *app, int w);
/* An action in the article view: true when the panel took it (p, Tab,
 * the sort key always; moving, opening, reloading while it has the focus). */
bool panel_action(struct app *app, enum action a);

#endif
