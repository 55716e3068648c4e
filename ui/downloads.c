/* Enclosure downloads in the UI (downloads.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/load.h"
#include "download/download.h"
#include "fetch/fetch.h"
#include "share/argv.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "app.h"
#include "browser.h"
#include "downloads.h"
#include "status.h"

/* How often the part files are measured while something runs. */
#define TICK_MS 250

static struct download_queue *
queue(struct app *app)
{
	if (app->downloads == NULL) {
		const struct config *c = app->cfg->config;
		struct download_setup s = {
			.dir = c->download_path,
			.command = c->download_command,
			.max_running = (unsigned)c->max_downloads,
			.fetch = app->fetch,
			.max_size = (int64_t)c->download_max_size << 20,
		};
		app->downloads = download_queue_new(&s);
	}
	return app->downloads;
}

void
downloads_enqueue(struct app *app, const char *url, const char *type, int64_t length)
{
	char *err = NULL;
	struct download_queue *q = queue(app);

	if (download_queue_add(q, url, type, length, &err) == 0) {
		status_msg(app->status, LOG_ERROR, _("cannot download: %s"), err);
		free(err);
		return;
	}
	downloads_tick(app);
	app->dirty = true;
}

/* Run argv detached; say what failed. */
static void
spawn(struct app *app, char **argv, const char *what)
{
	char *err = NULL;
	if (share_spawn(argv, &err) == -1) {
		status_msg(app->status, LOG_ERROR, _("cannot open %s: %s"), what, err);
		free(err);
	} else
		status_msg(app->status, LOG_INFO, _("opened %s with %s"), what, argv[0]);
	app->dirty = true;
}

void
downloads_open_url(struct app *app, const char *url, const char *type)
{
	char *const *cmd = app->cfg->config->enclosure_command;

	if (cmd == NULL || cmd[0] == NULL) {
		app_open_url(app, url);	/* http(s) only, as every link */
		return;
	}
	char **argv = download_argv(cmd, url, NULL, type);
	spawn(app, argv, _("the enclosure"));
	share_argv_free(&argv);
}

void
downloads_open_file(struct app *app, const char *path, const char *type)
{
	char *const *cmd = app->cfg->config->enclosure_command;
	char **argv = cmd != NULL && cmd[0] != NULL ? download_argv(cmd, path, NULL, type) :
	    browser_argv(app->cfg->config->browser, path);
	spawn(app, argv, _("the file"));
	share_argv_free(&argv);
}

/* The status line while downloads run: the first running one's progress. */
static void
show_progress(struct app *app)
{
	struct download_info d;
	size_t active = download_queue_active(app->downloads);
	char got[32], total[32], line[512];

	for (size_t i = 0; download_queue_get(app->downloads, i, &d); i++) {
		if (d.state != DOWNLOAD_RUNNING)
			continue;
		download_human_size(d.got, got, sizeof got);
		if (d.total > 0) {
			download_human_size(d.total, total, sizeof total);
			int pct = (int)(d.got * 100 / d.total);
			snprintf(line, sizeof line, _("downloading %s: %d%% (%s of %s)"), d.name,
			    pct > 100 ? 100 : pct, got, total);
		} else
			snprintf(line, sizeof line, _("downloading %s: %s"), d.name, got);
		if (active > 1) {
			size_t len = strlen(line);
			snprintf(line + len, sizeof line - len, P_(" and %zu more", " and %zu more",
			    active - 1), active - 1);
		}
		status_sticky(app->status, line);
		return;
	}
}

static void
say_end(struct app *app, unsigned id)
{
	struct download_info d;
	char size[32];

	if (id == 0 || !download_queue_find(app->downloads, id, &d))
		return;
	if (d.state == DOWNLOAD_DONE) {
		download_human_size(d.got, size, sizeof size);
		status_msg(app->status, LOG_INFO, _("downloaded %s (%s) to %s"), d.name, size, d.path);
	} else if (d.state == DOWNLOAD_FAILED)
		status_msg(app->status, LOG_ERROR, _("download of %s failed: %s"), d.name,
		    d.error != NULL ? d.error : "?");
}

void
downloads_tick(struct app *app)
{
	unsigned ended = 0;

	if (app->downloads == NULL)
		return;
	bool was = download_queue_active(app->downloads) > 0;
	if (!download_queue_poll(app->downloads, &ended) && !was)
		return;
	app->dirty = true;
	app->data_changed = true;	/* the downloads view, when open */
	if (download_queue_active(app->downloads) > 0)
		show_progress(app);
	say_end(app, ended);
}

int
downloads_timeout(const struct app *app)
{
	return app->downloads != NULL && download_queue_active(app->downloads) > 0 ? TICK_MS : -1;
}

void
downloads_event(struct app *app, const struct fetch_event *ev)
{
	unsigned ended = 0;

	if (app->downloads == NULL || !download_queue_event(app->downloads, ev, &ended))
		return;
	downloads_tick(app);
	say_end(app, ended);	/* after the tick's progress, which it replaces */
	app->dirty = true;
}

size_t
downloads_quit(struct app *app)
{
	size_t n = 0;
	if (app->downloads != NULL) {
		n = download_queue_stop_all(app->downloads);
		download_queue_free(&app->downloads);
	}
	return n;
}
