/*
 * The view stack and the actions every view shares. Views handle what is
 * theirs (moving a cursor, opening an entry) and hand everything else here.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/load.h"
#include "driver/driver.h"
#include "store/store.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "app.h"
#include "browser.h"
#include "panel.h"
#include "status.h"
#include "uwrite.h"

void
app_push(struct app *app, struct view *v)
{
	if (app->nviews == APP_MAX_VIEWS) {
		/* Deep enough: replace the top rather than grow without end. */
		struct view *old = app->views[--app->nviews];
		old->ops->free(old);
	}
	app->views[app->nviews++] = v;
	app->dirty = true;
}

void
app_pop(struct app *app)
{
	if (app->nviews <= 1) {
		app_quit(app, EXIT_OK, NULL);
		return;
	}
	struct view *v = app->views[--app->nviews];
	if (v->ops->save)
		v->ops->save(v, app);
	v->ops->free(v);
	/* What lies below may be stale (read marks, a finished reload). */
	struct view *top = app_top(app);
	if (top->ops->reload)
		top->ops->reload(top, app);
	app->dirty = true;
}

struct view *
app_top(struct app *app)
{
	return app->nviews ? app->views[app->nviews - 1] : NULL;
}

void
app_quit(struct app *app, int code, const char *fatal)
{
	app->quit = true;
	app->exit_code = code;
	if (fatal != NULL && app->fatal == NULL)
		app->fatal = xstrdup(fatal);
}

/* all: a reload of everything, which brings the tickers and the comment
 * feeds that are due along (as `newsreader reload` does). */
static void
reload(struct app *app, const char *const *urls, size_t n, bool all)
{
	if (app->fetch == NULL) {
		status_msg(app->status, LOG_WARN, "offline: not reloading (started with --offline)");
		app->dirty = true;
		return;
	}
	if (n == 0)
		return;
	if (!app->reloading) {
		app->quiet_batch = false;
		app->done = app->failed = app->succeeded = 0;
		app->total = 0;
	}
	app->reloading = true;
	app->total += (unsigned)n;
	status_progress(app->status, true, app->done, app->total, app->failed);
	if (all)
		driver_reload(app->driver, urls, n, time(NULL));
	else
		driver_reload_feeds(app->driver, urls, n);
	app->dirty = true;
}

void
app_reload(struct app *app, const char *const *urls, size_t n)
{
	reload(app, urls, n, false);
}

void
app_reload_all(struct app *app)
{
	const struct urls_list *u = app->cfg->urls;
	const char **urls = xcalloc(u->n + 1, sizeof *urls);

	for (size_t i = 0; i < u->n; i++)
		urls[i] = u->v[i].url;
	reload(app, urls, u->n, true);
	free(urls);
}

void
app_open_url(struct app *app, const char *url)
{
	char *err = NULL;

	if (url == NULL || *url == '\0') {
		status_msg(app->status, LOG_WARN, "this article has no link");
	} else if (browser_open(app->cfg->config->browser, url, &err) != 0) {
		status_msg(app->status, LOG_ERROR, "cannot open the browser: %s", err);
		free(err);
	} else
		status_msg(app->status, LOG_INFO, "opened in the browser");
	app->dirty = true;
}

void
app_not_yet(struct app *app, enum action a)
{
	status_msg(app->status, LOG_INFO, "%s: not yet available", action_name(a));
	app->dirty = true;
}

static void
search_done(struct app *app, const char *text)
{
	app->dirty = true;
	if (text == NULL || *text == '\0')
		return;
	app_push(app, view_search_new(app, text));
}

void
app_action(struct app *app, enum action a)
{
	switch (a) {
	case ACTION_BACK:
		app_pop(app);
		break;
	case ACTION_QUIT:
		app_quit(app, EXIT_OK, NULL);
		break;
	case ACTION_HELP:
		if (strcmp(app_top(app)->ops->name, "help") != 0)
			app_push(app, view_help_new(app));
		break;
	case ACTION_SEARCH:
		prompt_start(&app->prompt, "Search: ", search_done);
		break;
	case ACTION_SHOW_ERRORS:
		app_push(app, view_errors_new(app));
		break;
	case ACTION_LIKED:
		app_push(app, view_items_new(app, STORE_SCOPE_LIKED, 0, NULL, "Liked"));
		break;
	case ACTION_RELOAD_ALL:
		app_reload_all(app);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACTION_LIKE:
	case ACTION_SHARE:
	case ACTION_REPOST:
	case ACTION_COMMENT:
	case ACTION_COMMENTS:
		/* Lists and the article handle these (engage.h). */
		status_msg(app->status, LOG_INFO, "%s: select an article first", action_name(a));
		break;
	case ACTION_PANEL:
	case ACTION_MARKET_SORT:
		/* The panel is in the article view; the setting holds everywhere. */
		panel_action(app, a);
		break;
	case ACTION_FOCUS:
		status_msg(app->status, LOG_INFO, "the market panel is in the article view");
		break;
	default:
		break;
	}
	app->dirty = true;
}

/* A write went to the queue: say so once per wait. */
static void
queued(struct app *app)
{
	if (app->uw_said)
		return;
	app->uw_said = true;
	status_msg(app->status, LOG_INFO,
	    "the cache is busy (a reload is writing): saving as soon as it is free");
	app->dirty = true;
}

void
app_item_read(struct app *app, int64_t item_id, bool read)
{
	if (!uwrite_item_read(app->uw, app->store, item_id, read))
		queued(app);
}

void
app_feed_read(struct app *app, int64_t feed_id)
{
	if (!uwrite_feed_read(app->uw, app->store, feed_id))
		queued(app);
}

void
app_item_liked(struct app *app, int64_t item_id, bool liked)
{
	if (!uwrite_item_liked(app->uw, app->store, item_id, liked))
		queued(app);
}

bool
app_flush_writes(struct app *app)
{
	if (uwrite_pending(app->uw) == 0)
		return false;
	size_t n = uwrite_flush(app->uw, app->store);
	if (uwrite_pending(app->uw) == 0)
		app->uw_said = false;
	if (n > 0)
		app->data_changed = true;	/* read marks the views show */
	return n > 0;
}

char *
app_state_get(struct app *app, const char *key)
{
	char *v = NULL;
	const char *q;

	if (uwrite_state_lookup(app->uw, key, &q))
		return xstrdup_null(q);
	if (store_state_get(app->store, key, &v) != 0)
		return NULL;
	return v;
}

void
app_state_put(struct app *app, const char *key, const char *value)
{
	if (!uwrite_state(app->uw, app->store, key, value))
		queued(app);
}
