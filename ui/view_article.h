/*
 * The article view: title, byline, the engagement bar, the body as
 * `newsreader render` lays it out, the market panel beside it (panel.h)
 * and the composer under it (engage_compose.h).
 */
#ifndef NR_UI_VIEW_ARTICLE_H
#define NR_UI_VIEW_ARTICLE_H

#include <stdint.h>

struct app;
struct page_job_result;
struct view;

/* query: search words to highlight, or NULL (copied). */
struct view *view_article_new(struct app *app, long long item_id, const char *query);
/* The article's id, -1 for other views. */
long long view_article_id(struct view *v);
/* A full-text page's job ended: the article view that waits for it (on top
 * or under another view) shows it, or says why it failed. */
void view_article_page_done(struct app *app, const struct page_job_result *r);
/* Open the composer on item_id over its article view: pushed unless it
 * is already on top. */
void view_article_compose(struct app *app, int64_t item_id);

#endif
