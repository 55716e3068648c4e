/*
 * The feed list: "All articles", the tags, then every feed of the urls
 * file with its unread count; Enter opens an article list (view_items.h).
 */
#ifndef NR_UI_VIEW_FEEDS_H
#define NR_UI_VIEW_FEEDS_H

struct app;
struct view;

struct view *view_feeds_new(struct app *app);

#endif
