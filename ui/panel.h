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
struct market_job_result;

/* Below this terminal width the article keeps every column. */
#define PANEL_MIN_COLS 90

/* Opaque; created by panel_new() into app->panel, freed by panel_free(). */
struct panel;

/*
 * Sources from the config (their refreshes are the driver's), the cached
 * lists loaded; visibility and sort from the saved UI state. Needs
 * app->store. Returns NULL when no market source is configured.
 */
struct panel *panel_new(struct app *app);
void panel_free(struct panel **pp);

/*
 * Main loop: the smaller of t and the milliseconds until the panel next
 * needs a repaint (the age in the header changing); t -1 means none yet.
 */
int panel_timeout(struct app *app, int t);
/* A source's refresh was stored (by the driver): the cache is re-read,
 * failures go to the status line. */
void panel_event(struct app *app, const struct market_job_result *r);

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
