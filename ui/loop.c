/*
 * The main loop: one poll() over the terminal, the self-pipe (signals and
 * log messages from other threads) and the fetcher's wakeup fd. It sleeps
 * until one of them is readable or a timer is due (a status message
 * expiring, the auto-reload interval, the next ticker refresh the driver
 * asks for); there is no periodic polling. Every fetcher event goes through
 * the driver (src/driver), which applies it and says by the job's tag what
 * it was; the loop hands that to the view it concerns.
 *
 * The fetch thread leaves new items out of the search index
 * (store_search_catch_up); the indexing thread (src/search/indexer.h)
 * indexes them and says when it is done on a sixth fd. Without that thread
 * (a read-only cache) the loop indexes in small slices while no input
 * waits. Searches run on their own thread (src/search); its answers arrive
 * on a fifth fd.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "config/load.h"
#include "driver/driver.h"
#include "fetch/fetch.h"
#include "search/indexer.h"
#include "search/searcher.h"
#include "share/notify.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "app.h"
#include "downloads.h"
#include "engage.h"
#include "engage_outbox.h"
#include "frame.h"
#include "keymap.h"
#include "loop.h"
#include "macro.h"
#include "nav.h"
#include "panel.h"
#include "status.h"
#include "term.h"
#include "tui.h"
#include "view_article.h"
#include "view_items.h"

/* The terminal's size now (the kernel knows; curses is told). */
static void
handle_resize(struct app *app)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	getmaxyx(stdscr, app->rows, app->cols);
	clearok(curscr, TRUE);
	app->dirty = true;
}

static void
read_sig_pipe(struct app *app)
{
	char buf[64];
	ssize_t n;

	while ((n = read(app->sig_pipe[0], buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == 'w')
				handle_resize(app);
			else if (buf[i] == 't')
				app_quit(app, EXIT_OK, NULL);
			else if (buf[i] == 'z')
				tui_suspend(app);
			else if (buf[i] == 'c')
				tui_continued(app);
		}
	}
	if (status_drain(app->status))
		app->dirty = true;
}

/* Articles the cleanup removes per slice: about half a second's work
 * (cleanup.c), so a first cleanup of a big cache never freezes the screen;
 * the rest goes in idle time. */
#define CLEANUP_SLICE 2000

static void
cleanup_slice(struct app *app)
{
	int64_t removed = 0;

	app->cleanup_pending = false;
	if (app->readonly)
		return;
	if (driver_cleanup(app->driver, time(NULL), CLEANUP_SLICE, &removed) != 0) {
		status_msg(app->status, LOG_WARN, _("cleanup failed: %s"),
		    store_errreason(app->store));
		return;
	}
	if (removed > 0)
		app->data_changed = true;
	app->cleanup_pending = removed == CLEANUP_SLICE;
}

/* After a batch: the cleanup, then the notification of new articles
 * (notify-program detached, the terminal's OSC 9/777 sequence). */
static void
after_batch(struct app *app)
{
	const struct config *c = app->cfg->config;

	cleanup_slice(app);
	if (app->notify.added == 0)
		return;
	if (c->notify_program != NULL) {
		char *err = NULL;
		if (notify_run(c->notify_program, &app->notify, &err) != 0) {
			status_msg(app->status, LOG_WARN, "%s", err);
			free(err);
		}
	}
	if (c->notify_osc != CONFIG_OSC_OFF) {
		char *seq = notify_osc(c->notify_osc == CONFIG_OSC_777 ? 777 : 9, &app->notify);
		term_write(seq);
		free(seq);
	}
	notify_batch_clear(&app->notify);
}

/* The end of a batch: say how it went, and whether we are offline. */
static void
batch_done(struct app *app)
{
	struct reload_progress *rp = status_reload(app->status);

	rp->active = false;
	after_batch(app);
	if (rp->failed > 0 && rp->succeeded == 0) {
		status_set_offline(app->status, true);
		status_msg(app->status, LOG_WARN,
		    _("offline: no feed could be reached; showing the cache (E lists the errors)"));
	} else {
		status_set_offline(app->status, false);
		if (rp->failed > 0)
			status_msg(app->status, LOG_WARN, P_("%u of %u feed failed (E lists them)",
			    "%u of %u feeds failed (E lists them)", rp->total), rp->failed, rp->total);
		else if (!rp->quiet)
			status_msg(app->status, LOG_INFO, P_("reloaded %u feed", "reloaded %u feeds", rp->total),
			    rp->total);
	}
	rp->quiet = false;
}

static void
feed_done(struct app *app, const struct feed_job_result *f)
{
	struct reload_progress *rp = status_reload(app->status);

	switch (f->outcome) {
	case FEED_JOB_UPDATED:
		rp->succeeded++;
		app->data_changed = true;
		app->index_pending = true;
		if (f->added > 0) {
			struct store_feed sf = { 0 };
			bool named = store_feed_get(app->store, f->url, &sf) == 0 &&
			    sf.title != NULL;
			notify_batch_add(&app->notify, named ? sf.title : f->url, f->added);
			store_feed_clear(&sf);
		}
		break;
	case FEED_JOB_UNCHANGED:
	case FEED_JOB_SKIPPED:
		rp->succeeded++;
		break;
	case FEED_JOB_FAILED:
		rp->failed++;
		app->data_changed = true;	/* the error marker */
		break;
	}
}

/*
 * A sync with the feed server ended: it stands for the whole feed list in
 * the reload's count. The feed list is the server's again; on failure the
 * reason to show (caller frees; shown after the batch's own message).
 */
static char *
sync_done(struct app *app, const struct sync_job_result *y)
{
	struct reload_progress *rp = status_reload(app->status);
	const char *server = strcmp(y->source, "ttrss") == 0 ? "Tiny Tiny RSS" :
	    "Google Reader API";

	rp->succeeded++;
	rp->quiet = true;
	app->data_changed = true;
	app->index_pending = true;
	if (sync_urls_from_store(app->store, app->cfg->config, app->cfg->urls) != 0)
		log_msg(LOG_WARN, "%s", store_errmsg(app->store));
	notify_batch_add(&app->notify, server, y->new_items);
	if (!y->ok)
		return xasprintf("%s: sync failed: %s", server,
		    y->error != NULL ? y->error : "failed");
	status_set_offline(app->status, false);
	status_msg(app->status, LOG_INFO, "synced with %s: %u new, %u sent", server,
	    y->new_items, y->sent);
	return NULL;
}

static void
read_fetch_events(struct app *app)
{
	struct driver_outcome o;
	struct reload_progress *rp = status_reload(app->status);

	while (driver_next(app->driver, time(NULL), &o)) {
		char *sync_error = NULL;

		switch (o.kind) {
		case DRIVER_FEED:
			feed_done(app, o.feed);
			break;
		case DRIVER_SYNC:
			sync_error = sync_done(app, o.sync);
			break;
		case DRIVER_MARKET:
			panel_event(app, o.market);
			break;
		case DRIVER_COMMENTS:
			engage_event(app, &o.comments);	/* comment feeds and sends */
			break;
		case DRIVER_REPOST:
			engage_repost_done(app, o.repost_msg, o.repost_sent);
			break;
		case DRIVER_PAGE:
			view_article_page_done(app, o.page);	/* full text */
			break;
		case DRIVER_DOWNLOAD:
			downloads_event(app, &o.ev);	/* an enclosure download */
			break;
		case DRIVER_PROGRESS:
		case DRIVER_ALL_DONE:
			/* The fetcher's batch also counts market (and other) jobs:
			 * the feeds' progress is counted from their own events. */
		case DRIVER_OTHER:
			break;
		}
		if (rp->active) {
			unsigned fin = rp->succeeded + rp->failed;
			if (fin > rp->done)
				rp->done = fin;
			if (fin >= rp->total)
				batch_done(app);
		}
		/* After batch_done: the server's own reason, not "offline". */
		if (sync_error != NULL) {
			status_set_offline(app->status, true);
			status_msg(app->status, LOG_ERROR, "%s", sync_error);
			free(sync_error);
		}
		driver_outcome_clear(&o);
		app->dirty = true;
	}
}

static void
handle_mouse(struct app *app)
{
	MEVENT me;
	struct view *v = app_top(app);

	if (getmouse(&me) != OK || v == NULL)
		return;
	if (me.bstate & BUTTON4_PRESSED) {
		for (int i = 0; i < 3; i++)
			if (!v->ops->action || !v->ops->action(v, app, ACTION_UP))
				break;
	} else if (me.bstate & BUTTON5_PRESSED) {
		for (int i = 0; i < 3; i++)
			if (!v->ops->action || !v->ops->action(v, app, ACTION_DOWN))
				break;
	} else if (me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)) {
		int row = me.y - 1;	/* below the title bar */
		bool dbl = (me.bstate & BUTTON1_DOUBLE_CLICKED) != 0;
		if (panel_click(app, me.y, me.x)) {
			if (dbl && v->ops->action)
				v->ops->action(v, app, ACTION_OPEN);
		} else if (row >= 0 && row < app->rows - 2 && v->ops->click)
			v->ops->click(v, app, row, (me.bstate & BUTTON1_DOUBLE_CLICKED) != 0);
	}
	app->dirty = true;
}

static void
handle_key(struct app *app, int key)
{
	struct view *v = app_top(app);

	if (key == (KEYMAP_FN | KEY_RESIZE)) {
		getmaxyx(stdscr, app->rows, app->cols);
		app->dirty = true;
		return;
	}
	/* A message held until the user acts (a refused write) has been seen. */
	if (status_key(app->status))
		app->dirty = true;
	if (key == (KEYMAP_FN | KEY_MOUSE)) {
		handle_mouse(app);
		return;
	}
	if (app->prompt.active) {
		prompt_key(&app->prompt, app, key);
		app->dirty = true;
		return;
	}
	/* The composer and the share menu take every key while open. */
	if (engage_key(app, key, view_article_id(app_top(app))))
		return;
	if (macro_key(app, key))
		return;
	enum action a = keymap_lookup(app->km, key);
	if (a == ACTION_NONE) {
		char name[32];
		keymap_key_name(key, name, sizeof name);
		status_msg(app->status, LOG_INFO, _("%s: not bound (? shows the keys)"), name);
		app->dirty = true;
		return;
	}
	if (a == ACTION_BACK && key == 27 && app->nviews == 1) {
		/* A stray Esc (a half-read escape sequence) must not quit. */
		status_msg(app->status, LOG_INFO, _("q quits"));
		app->dirty = true;
		return;
	}
	if (v == NULL || v->ops->action == NULL || !v->ops->action(v, app, a))
		(void)nav_action(app, a);
	app->dirty = true;
}

static void
read_keys(struct app *app)
{
	wint_t wc;
	int r;

	/* Everything that is waiting, then one repaint. */
	while (!app->quit && (r = get_wch(&wc)) != ERR) {
		int key = r == KEY_CODE_YES ? (int)(KEYMAP_FN | wc) : (int)wc;
		handle_key(app, key);
	}
}

static int
next_timeout(struct app *app)
{
	int t = status_timeout(app->status);

	if (t == 0)
		app->dirty = true;
	/* The ticker refreshes due now go out; poll() until the next one. */
	time_t due = driver_run(app->driver, time(NULL));
	if (due != 0) {
		long long ms = ((long long)due - (long long)time(NULL)) * 1000;
		ms = ms < 0 ? 0 : ms > 3600000 ? 3600000 : ms;
		if (t < 0 || ms < t)
			t = (int)ms;
	}
	t = panel_timeout(app, t);
	int dt = downloads_timeout(app);
	if (dt >= 0 && (t < 0 || dt < t))
		t = dt;
	/* The outbox and the draft autosave (engage.h). */
	int et = engage_timeout(app);
	if (et >= 0 && (t < 0 || et < t))
		t = et;
	if (app->next_auto_reload != 0) {
		time_t now = time(NULL);
		if (now >= app->next_auto_reload) {
			app->next_auto_reload = now + (time_t)app->auto_reload_s;
			if (!status_reload(app->status)->active)
				app_reload_all(app);
			return 0;
		}
		long ms = (long)(app->next_auto_reload - now) * 1000;
		if (t < 0 || ms < t)
			t = (int)(ms > 3600000 ? 3600000 : ms);
	}
	return t;
}

/*
 * The cache deleted (or replaced) under the running reader: writes from
 * now on are refused by the store and kept like those a full disk refuses
 * (the recovery file at exit); the user is told once, until the next key.
 * No new cache is made: that is for the next start, after the user has
 * read this.
 */
static void
check_cache_file(struct app *app)
{
	if (app->cache_gone || app->store == NULL || app->readonly)
		return;
	bool gone = store_file_gone(app->store);
	if (app->driver != NULL && driver_cache_gone(app->driver))
		gone = true;
	if (!gone)
		return;
	(void)store_file_gone(app->store);	/* both connections refuse */
	indexer_free(&app->indexer);	/* its writes too: the idle slices fail */
	app->indexer_failed = true;
	app->cache_gone = true;
	app->readonly = true;
	free(app->readonly_why);
	app->readonly_why = xasprintf(_("the cache %s was removed"), app->cfg->cache_path);
	status_set_readonly(app->status, true);
	status_hold(app->status, LOG_ERROR, _("the cache %s was removed while the reader "
	    "ran: changes from now on go to a recovery file at exit"), app->cfg->cache_path);
	app->dirty = true;
}

/*
 * Re-read the views after the store changed, at most every REFRESH_MS while
 * a batch runs (200 feeds finishing must not mean 200 re-reads of every
 * count); returns how long until a deferred refresh is due, or -1.
 */
#define REFRESH_MS 250
static int
refresh_views(struct app *app, long long *last)
{
	long long now = term_now_ms();

	if (!app->data_changed)
		return -1;
	if (status_reload(app->status)->active && now - *last < REFRESH_MS)
		return (int)(REFRESH_MS - (now - *last));
	app->data_changed = false;
	*last = now;
	/* Only the visible view: app_pop() refreshes the one it uncovers. */
	struct view *v = app_top(app);
	if (v != NULL && v->ops->reload)
		v->ops->reload(v, app);
	app->dirty = true;
	return -1;
}

/* Items indexed per idle slice: a few milliseconds of work. */
#define INDEX_SLICE 128
/* After a failed slice (the cache refused the write): wait this long. */
#define INDEX_RETRY_MS 500

static int
min_timeout(int t, long long ms)
{
	if (ms < 0)
		ms = 0;
	return t < 0 || ms < t ? (int)ms : t;
}

/*
 * The catch-up on its own thread (src/search/indexer.h), started on the
 * first need; without it (a read-only cache, no thread) the loop indexes
 * in idle slices itself.
 */
static void
index_kick(struct app *app)
{
	if (app->indexer == NULL && !app->indexer_failed && !app->readonly) {
		char *err = NULL;
		if ((app->indexer = indexer_new(app->cfg->cache_path, &err)) == NULL) {
			log_msg(LOG_WARN, "search index: %s; indexing on the main thread",
			    err != NULL ? err : "no thread");
			free(err);
			app->indexer_failed = true;
		}
	}
	if (app->indexer != NULL) {
		indexer_kick(app->indexer);
		app->index_pending = false;
	}
}

/* One slice of the search index catch-up. */
static void
index_slice(struct app *app)
{
	int64_t left = store_search_catch_up(app->store, INDEX_SLICE);
	if (left < 0)
		app->index_retry_ms = term_now_ms() + INDEX_RETRY_MS;
	else {
		/* Done: a search that ran before could not see everything. */
		if (app->index_pending && left == 0)
			app->data_changed = true;
		app->index_pending = left > 0;
	}
}

void
loop_run(struct app *app)
{
	long long last_refresh = 0;

	while (!app->quit) {
		downloads_tick(app);	/* progress, ends, the next in the queue */
		int due = refresh_views(app, &last_refresh);
		int timeout = next_timeout(app);
		if (due >= 0 && (timeout < 0 || due < timeout))
			timeout = due;
		bool idle_work = app->cleanup_pending;
		if (idle_work)
			timeout = 0;
		if (app->index_pending)
			index_kick(app);
		if (app->index_pending) {
			long long wait = app->index_retry_ms - term_now_ms();
			idle_work = idle_work || wait <= 0;
			timeout = min_timeout(timeout, wait);
		}
		if (app->dirty) {
			app->dirty = false;
			frame_draw(app);
		}
		if (app->quit)
			break;
		struct pollfd fds[6] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = app->sig_pipe[0], .events = POLLIN },
			{ .fd = app->fetch ? fetcher_fd(app->fetch) : -1, .events = POLLIN },
			{ .fd = app->browser_fd, .events = POLLIN },
			{ .fd = app->searcher ? searcher_fd(app->searcher) : -1, .events = POLLIN },
			{ .fd = app->indexer ? indexer_fd(app->indexer) : -1, .events = POLLIN },
		};
		int n = poll(fds, 6, timeout);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			app_quit(app, EXIT_FAIL, "poll failed");
			break;
		}
		/* Before any key acts: a write must not go to a removed file. */
		check_cache_file(app);
		if (n == 0 && idle_work) {
			/* Nothing waits (no key, no event): one slice, then look again. */
			if (app->cleanup_pending)
				cleanup_slice(app);
			else
				index_slice(app);
			continue;
		}
		if (fds[1].revents & POLLIN)
			read_sig_pipe(app);
		if (fds[2].revents & POLLIN)
			read_fetch_events(app);
		if (fds[3].revents & (POLLIN | POLLHUP | POLLERR))
			app_browser_ended(app);
		if (fds[4].revents & POLLIN) {
			struct search_result *r;
			while (app->searcher && (r = searcher_take(app->searcher)) != NULL)
				view_search_result(app, r);
		}
		/* Done: a search that ran before could not see everything. */
		if ((fds[5].revents & POLLIN) && app->indexer && indexer_take(app->indexer))
			app->data_changed = true;
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			/* The terminal is gone (a closed window): leave cleanly. */
			app_quit(app, EXIT_OK, NULL);
			break;
		}
		if (fds[0].revents & POLLIN)
			read_keys(app);
	}
}
