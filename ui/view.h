/*
 * What a view is: the hooks every view implements and the header every
 * view struct starts with. Views live on the app's stack (app.h); each
 * view has its own header with its constructor (view_feeds.h,
 * view_items.h, view_article.h, view_pager.h, view_comments.h), and one
 * view opens another only through that constructor.
 */
#ifndef NR_UI_VIEW_H
#define NR_UI_VIEW_H

#include <stdbool.h>

#include "keymap.h"

struct app;
struct view;

struct view_title {
	char prefix[128];	/* trusted, e.g. "Articles: " */
	const char *name;	/* untrusted (a feed title), borrowed; may be NULL */
	char suffix[128];	/* trusted, e.g. " (12 unread, 40 in all)" */
};

/* What every view does; any hook but draw may be NULL. */
struct view_ops {
	const char *name;
	/* Paint the content area: rows [y, y + h), columns [0, w). */
	void (*draw)(struct view *v, struct app *app, int y, int h, int w);
	/* The title bar: trusted chrome around at most one untrusted name,
	 * which is laid out in a field of its own (it cannot reorder the
	 * counts next to it). */
	void (*title)(struct view *v, struct app *app, struct view_title *t);
	/* True when handled; unhandled actions fall back to nav_action(). */
	bool (*action)(struct view *v, struct app *app, enum action a);
	/* A click on content row `row` (0-based from the area's top). */
	void (*click)(struct view *v, struct app *app, int row, bool dbl);
	/* The store changed (a feed finished reloading, items were marked). */
	void (*reload)(struct view *v, struct app *app);
	/* Persist the position (store ui_state). */
	void (*save)(struct view *v, struct app *app);
	void (*free)(struct view *v);
	/* The smallest content area this view can paint sanely. */
	int min_w, min_h;
};

/* Every view struct starts with this. */
struct view {
	const struct view_ops *ops;
	int last_h;		/* content height of the last draw (paging) */
	int last_w;
};

#endif
