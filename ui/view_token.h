/*
 * The token detail view: Enter on a token in the focused market panel.
 * The token's values with the source each came from, every source that
 * lists it, its links, and block charts of the price and the market cap
 * over 24 h and 7 d and of the holders over 7 d, from the cache's history
 * (market/chart.h). Opening it asks CoinGecko sources for the token's
 * market chart, so a fresh install has more than a bar or two
 * (driver_market_history()); the charts follow as the history comes.
 *
 * Keys: j/k and the pages scroll, o opens the token's page, r refreshes,
 * q goes back.
 */
#ifndef NR_UI_VIEW_TOKEN_H
#define NR_UI_VIEW_TOKEN_H

struct app;
struct view;

/* NULL when the panel has no selected token. */
struct view *view_token_new(struct app *app);

#endif
