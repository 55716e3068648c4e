/*
 * Article lists (every feed, one feed, one tag, liked) and search results;
 * Enter opens the article (view_article.h).
 */
#ifndef NR_UI_VIEW_ITEMS_H
#define NR_UI_VIEW_ITEMS_H

#include <stdbool.h>

struct app;
struct view;
struct search_result;

/* Article lists: kind is a store_scope_kind; tag borrowed. */
struct view *view_items_new(struct app *app, int kind, long long feed_id, const char *tag,
    const char *label);
/* Search results: the list fills as the search thread answers (loop.c
 * hands each answer to view_search_result). */
struct view *view_search_new(struct app *app, const char *query);
/* One step of a search's answer (freed here); dropped unless a search
 * view on the stack still waits for it. */
void view_search_result(struct app *app, struct search_result *r);
/* A query feed (urls file "query:Title:EXPRESSION"): the articles of every
 * feed that match expr, which was checked when the file was read. */
struct view *view_query_new(struct app *app, const char *title, const char *expr);
/* Move a list's cursor (how: 1/-1 one row, 2/-2 the next/previous unread)
 * and give the item now selected; false when there is none or v is not a
 * list. Used by the article view for n/N. */
bool view_items_step(struct view *v, struct app *app, int how, long long *item_id);
/* The ui_state name of a list's scope ("feed:3"), NULL for other views. */
const char *view_items_scope_key(struct view *v);

#endif
