/*
 * The outbox timer and comment events (engage_outbox.h). The outbox has
 * one writer, this thread: comments_outbox_run() marks entries sending and
 * submits jobs; the driver applies their answers (src/driver) and the
 * loop hands the outcomes to engage_event().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "comments/comments.h"
#include "comments/mastodon.h"
#include "config/load.h"
#include "sync/sync.h"
#include "store/comments.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/log.h"
#include "app.h"
#include "engage-int.h"
#include "engage_outbox.h"
#include "status.h"

static void
run_outbox(struct app *app, time_t now)
{
	struct engage *e = app->engage;
	time_t next = 0;
	int n = comments_outbox_run(e->cm, now, &next);

	e->run_now = false;
	if (n < 0) {
		/* The cache refused it: soon again, and said once per streak. */
		if (!e->outbox_said)
			status_msg(app->status, LOG_ERROR, _("outbox not saved: %s"),
			    app_write_reason(app));
		e->outbox_said = true;
		next = now + 2;
	} else
		e->outbox_said = false;
	if (n > 0) {
		status_msg(app->status, LOG_INFO, P_("sending %d comment", "sending %d comments", n), n);
		app->data_changed = true;
	}
	if (n != 0)
		app->dirty = true;
	e->outbox_next = next;
}

/* Send the next due repost (one in flight at a time). */
static void
run_reposts(struct app *app, time_t now)
{
	struct engage *e = app->engage;
	const struct config *c = app->cfg->config;
	char *token = NULL, *err = NULL;
	time_t next = 0;

	e->repost_now = false;
	e->repost_next = 0;
	if (c->repost_target != CONFIG_REPOST_MASTODON || e->repost_busy)
		return;
	/* The token is read only when something is to be sent. */
	int due = mastodon_due(app->store, now, &next, &err);
	if (due <= 0) {
		if (due == -1) {
			status_msg(app->status, LOG_ERROR, _("repost not sent: %s"), err);
			free(err);
		} else
			e->repost_next = next;
		return;
	}
	if (c->mastodon_url == NULL) {
		status_msg(app->status, LOG_ERROR, _("repost not sent: set mastodon-url in the config"));
		return;
	}
	if (!sync_url_safe_for_password(c->mastodon_url)) {
		status_msg(app->status, LOG_ERROR, _("repost not sent: mastodon-url must be https "
		    "(or http to a loopback host): %s"), c->mastodon_url);
		return;
	}
	if (c->mastodon_token_file == NULL) {
		status_msg(app->status, LOG_ERROR,
		    _("repost not sent: set mastodon-token-file in the config"));
		return;
	}
	if (sync_read_password(c->mastodon_token_file, NULL, &token, &err) == -1) {
		status_msg(app->status, LOG_ERROR, _("repost not sent: the token: %s"),
		    err != NULL ? err : "");
		free(err);
		return;
	}
	int rc = mastodon_run(app->store, app->fetch, c->mastodon_url, token, now, &next, &err);
	sync_password_free(&token);
	if (rc == -1) {
		status_msg(app->status, LOG_ERROR, _("repost not sent: %s"), err);
		free(err);
		e->repost_next = now + 5;
		return;
	}
	if (rc == 1)
		e->repost_busy = true;
	else
		e->repost_next = next;
	app->dirty = true;
}

void
engage_repost_done(struct app *app, const char *msg, int sent)
{
	struct engage *e = app->engage;

	if (e == NULL)
		return;
	e->repost_busy = false;
	e->repost_now = true;	/* the next one, or the next retry's time */
	if (sent == 1)
		status_msg(app->status, LOG_INFO, _("reposted to Mastodon: %s"), msg);
	else
		status_msg(app->status, LOG_ERROR, _("repost failed, kept in the queue: %s"), msg);
	app->dirty = true;
}

int
engage_outbox_timeout(struct app *app)
{
	struct engage *e = app->engage;
	time_t now = time(NULL);
	int t = -1;

	bool off = app->fetch == NULL || status_offline(app->status);
	if (off != e->offline) {
		e->offline = off;
		comments_set_offline(e->cm, off);
		if (!off)
			e->run_now = true;	/* back online: what waited goes now */
	}
	if (!e->offline && (e->run_now || (e->outbox_next != 0 && now >= e->outbox_next)))
		run_outbox(app, now);
	if (!e->offline && e->outbox_next != 0) {
		long long ms = (long long)(e->outbox_next - now) * 1000;
		t = ms < 0 ? 0 : ms > 3600000 ? 3600000 : (int)ms;
	}
	if (!e->offline && !e->repost_busy &&
	    (e->repost_now || (e->repost_next != 0 && now >= e->repost_next)))
		run_reposts(app, now);
	if (!e->offline && !e->repost_busy && e->repost_next != 0) {
		long long ms = (long long)(e->repost_next - now) * 1000;
		int r = ms < 0 ? 0 : ms > 3600000 ? 3600000 : (int)ms;
		if (t < 0 || r < t)
			t = r;
	}
	return t;
}

void
engage_event(struct app *app, const struct comments_outcome *o)
{
	struct engage *e = app->engage;

	if (e == NULL)
		return;
	enum log_level lv = LOG_INFO;
	if (o->kind == COMMENTS_POST_FAILED || o->kind == COMMENTS_LOAD_FAILED)
		lv = LOG_ERROR;
	else if (o->kind == COMMENTS_RETRYING)
		lv = LOG_WARN;
	if (o->kind != COMMENTS_UNCHANGED && o->message != NULL)
		status_msg(app->status, lv, "%s", o->message);
	if (o->kind == COMMENTS_RETRYING &&
	    (e->outbox_next == 0 || o->next_attempt < e->outbox_next))
		e->outbox_next = o->next_attempt;
	app->data_changed = true;
}

int
engage_retry_now(struct app *app, int64_t item_id)
{
	struct store_outbox_list l = { 0 };
	time_t now = time(NULL);
	int n = 0;

	if (store_outbox_list(app->store, item_id, &l) != 0) {
		status_msg(app->status, LOG_ERROR, "%s", store_errmsg(app->store));
		return 0;
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct store_outbox_entry *en = &l.v[i];
		if (en->state != STORE_OUTBOX_QUEUED || en->next_attempt <= now)
			continue;
		/* Waiting out a backoff: the user asks for now. The store's
		 * only way to "due now" is through failed -> requeue, done in
		 * one transaction so no one sees it failed. */
		if (store_begin(app->store) != 0)
			break;
		if (store_outbox_mark_failed(app->store, en->id, "retrying now", now) != 0 ||
		    store_outbox_requeue(app->store, en->id, NULL, now) != 0 ||
		    store_commit(app->store) != 0) {
			store_rollback(app->store);
			continue;
		}
		n++;
	}
	store_outbox_list_clear(&l);
	app->engage->run_now = true;
	return n;
}
