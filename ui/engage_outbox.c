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
