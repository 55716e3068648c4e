/*
 * The view stack, reloads, the browser and the user's writes: what every
 * view may use. It knows no view (the shared actions that open views are
 * in nav.c).
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config/load.h"
#include "driver/driver.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "app.h"
#include "browser.h"
#include "recovery.h"
#include "status.h"

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
		status_msg(app->status, LOG_WARN, _("offline: not reloading (started with --offline)"));
		app->dirty = true;
		return;
	}
	/* With a feed server, one sync stands for every feed (driver.h). */
	size_t jobs = driver_syncs(app->driver) ? 1 : n;
	if (jobs == 0)
		return;
	struct reload_progress *rp = status_reload(app->status);
	if (!rp->active)
		*rp = (struct reload_progress){ 0 };
	rp->active = true;
	rp->total += (unsigned)jobs;
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
app_browser_forget(struct app *app)
{
	if (app->browser_fd != -1)
		close(app->browser_fd);
	app->browser_fd = -1;
	xfree(&app->browser_prog);
}

void
app_browser_ended(struct app *app)
{
	int status;
	ssize_t r = read(app->browser_fd, &status, sizeof status);

	if (r == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (r == (ssize_t)sizeof status) {
		if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
			status_hold(app->status, LOG_ERROR,
			    _("the browser failed: %s exited with status %d"),
			    app->browser_prog, WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			status_hold(app->status, LOG_ERROR,
			    _("the browser failed: %s was killed by signal %d"),
			    app->browser_prog, WTERMSIG(status));
		app->dirty = true;
	}
	app_browser_forget(app);
}

void
app_open_url(struct app *app, const char *url)
{
	struct browser_run run;
	char *err = NULL;

	if (url == NULL || *url == '\0') {
		status_msg(app->status, LOG_WARN, _("this article has no link"));
	} else if (browser_open(app->cfg->config->browser, url, &run, &err) != 0) {
		/* A program that is not there: say how to choose another. */
		if (run.program != NULL && strstr(err, strerror(ENOENT)) != NULL)
			status_msg(app->status, LOG_ERROR, _("cannot open the browser: %s; "
			    "choose one with the browser setting"),
			    err);
		else
			status_msg(app->status, LOG_ERROR, _("cannot open the browser: %s"), err);
		free(err);
		free(run.program);
	} else {
		if (run.fallback)
			status_msg(app->status, LOG_INFO, _("opened with %s (no browser setting "
			    "and no $BROWSER)"), run.program);
		else
			status_msg(app->status, LOG_INFO, _("opened in the browser (%s)"),
			    run.program);
		/* Only the last one is watched: its failure is the one to say. */
		app_browser_forget(app);
		app->browser_fd = run.watch_fd;
		app->browser_prog = run.program;
	}
	app->dirty = true;
}

void
app_not_yet(struct app *app, enum action a)
{
	status_msg(app->status, LOG_INFO, _("%s: not yet available"), action_name(a));
	app->dirty = true;
}

const char *
app_write_reason(struct app *app)
{
	/* A read-only cache refuses every write the same way: say why it was
	 * opened so rather than SQLite's "attempt to write a readonly database". */
	if (app->readonly && app->readonly_why != NULL)
		return app->readonly_why;
	return store_errreason(app->store);
}

void
app_write_failed(struct app *app, const char *what)
{
	status_hold(app->status, LOG_ERROR, _("%s not saved: %s"), what, app_write_reason(app));
	app->dirty = true;
}

/* Keep a refused change for the recovery file, with the item's link. */
static void
lost(struct app *app, enum recovery_kind kind, int64_t id, const char *value)
{
	struct store_item it;
	char *why = xstrdup(app_write_reason(app));	/* before the read below */
	bool have = kind != RECOVERY_FEED_READ && store_item_get(app->store, id, &it) == 0;

	recovery_note(app->lost, kind, id, value, have ? it.link : NULL, why);
	if (have)
		store_item_clear(&it);
	free(why);
}

bool
app_item_read(struct app *app, int64_t item_id, bool read)
{
	if (store_item_mark_read(app->store, item_id, read) == 0) {
		recovery_forget(app->lost, RECOVERY_READ, item_id);
		return true;
	}
	app_write_failed(app, read ? _("read mark") : _("unread mark"));
	lost(app, RECOVERY_READ, item_id, read ? "read" : "unread");
	return false;
}

bool
app_feed_read(struct app *app, int64_t feed_id)
{
	if (store_feed_mark_read(app->store, feed_id) == 0) {
		recovery_forget(app->lost, RECOVERY_FEED_READ, feed_id);
		return true;
	}
	app_write_failed(app, _("read marks"));
	lost(app, RECOVERY_FEED_READ, feed_id, "read");
	return false;
}

bool
app_item_liked(struct app *app, int64_t item_id, bool liked)
{
	if (store_item_set_liked(app->store, item_id, liked) == 0) {
		recovery_forget(app->lost, RECOVERY_LIKE, item_id);
		return true;
	}
	app_write_failed(app, liked ? _("like") : _("unlike"));
	lost(app, RECOVERY_LIKE, item_id, liked ? "liked" : "not liked");
	return false;
}

char *
app_state_get(struct app *app, const char *key)
{
	char *v = NULL;

	if (store_state_get(app->store, key, &v) != 0)
		return NULL;
	return v;
}

void
app_state_put(struct app *app, const char *key, const char *value)
{
	if (store_state_put(app->store, key, value) == 0)
		return;
	/* Positions and view settings: worth a word, not the recovery file
	 * (the exit message counts them). */
	app->state_lost++;
	if (!app->state_said && app->status != NULL) {
		status_msg(app->status, LOG_WARN, _("view positions not saved: %s"),
		    app_write_reason(app));
		app->dirty = true;
	}
	app->state_said = true;
}
