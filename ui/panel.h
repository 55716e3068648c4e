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
#include <stddef.h>
#include <time.h>

#include "keymap.h"
#include "market/board.h"
#include "market/market.h"

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
/* The market sources, for the errors view: how many, and source i's
 * state line "LABEL: failing: HTTP 404" (caller frees; NULL past the
 * end) with *bad set when it is not ok. */
size_t panel_source_count(struct app *app);
char *panel_source_state(struct app *app, size_t i, time_t now, bool *bad);
/*
 * The selected token for the detail view: a copy of the merged record,
 * the labels of the sources it comes from ("local, dex") and of the
 * source of each value, and (cache name, id) in each source for its
 * history. Owned by the struct: panel_token_clear() frees.
 */
struct panel_token {
	struct market_ticker t;
	char *sources;
	const char *from[MARKET_BOARD_NFIELDS];	/* labels, borrowed from the panel */
	size_t n;		/* sources listing it */
	char **src, **id;	/* cache name and id in each */
	enum market_kind *kind;
};
/* false when the panel is off or has no token. */
bool panel_token(struct app *app, struct panel_token *out);
void panel_token_clear(struct panel_token *pt);
/* A click at screen row y, column x: true when it is on the panel's tokens
 * (the token under it is selected and the panel takes the focus; the
 * caller opens it on a double click, as in the lists). */
bool panel_click(struct app *app, int y, int x);
/* The panel has the keyboard focus. */
bool panel_focused(struct app *app);
/* An action in the article view: true when the panel took it (p, Tab,
 * the sort key always; moving, opening the token's page (open-in-browser),
 * reloading while it has the focus). Enter (open) with the focus is the
 * article view's: it opens the token's detail view. */
bool panel_action(struct app *app, enum action a);

#endif
