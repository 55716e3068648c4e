/*
 * The composer's controller (engage_compose.h): opening the composer on an
 * article, its keys, sending through comments_send(), closing with the
 * draft kept, its rows under the article and the terminal cursor, the
 * draft's autosave timer, and bracketed paste while it is open. A draft
 * the cache refuses stays in the editor and is said; one that cannot stay
 * goes to the recovery list (recovery.h), and a draft the last recovery
 * file kept is offered back once.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "comments/comments.h"
#include "config/load.h"
#include "store/comments.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "app.h"
#include "composer.h"
#include "engage-int.h"
#include "engage_compose.h"
#include "recovery.h"
#include "status.h"
#include "term.h"

/* Bracketed paste only while the composer is open: elsewhere a paste is
 * just keys, as the user expects of a list. */
void
engage_paste_mode(struct engage *e, bool on)
{
	if (on == e->paste_on)
		return;
	term_write(on ? "\033[?2004h" : "\033[?2004l");
	e->paste_on = on;
}

void
engage_tty(struct app *app, bool restore)
{
	struct engage *e = app->engage;

	if (e != NULL && e->paste_on)
		term_write(restore ? "\033[?2004h" : "\033[?2004l");
}

bool
engage_keep_unsaved_draft(struct app *app)
{
	struct engage *e = app->engage;
	struct store_item it;
	int64_t item = 0;
	char *text = composer_take_unsaved(e->comp, &item);

	if (text == NULL)
		return false;
	char *why = xstrdup(app_write_reason(app));	/* before the read below */
	bool have = store_item_get(app->store, item, &it) == 0;
	recovery_note(app->lost, RECOVERY_DRAFT, item, text, have ? it.link : NULL, why);
	if (have)
		store_item_clear(&it);
	free(why);
	free(text);
	return true;
}

/* An empty composer, and the last recovery file kept a draft of this
 * article that was never offered back: the editor takes it (unsaved, so
 * the autosave stores it). */
static void
restore_draft(struct app *app, int64_t item_id)
{
	struct engage *e = app->engage;
	const char *text;

	if (e->rec == NULL || *composer_text(e->comp) != '\0' ||
	    (text = recovery_draft(e->rec, item_id)) == NULL)
		return;
	const char *base = strrchr(e->rec_file, '/') ? strrchr(e->rec_file, '/') + 1 :
	    e->rec_file;
	char *key = xasprintf("restored:%s:%lld", base, (long long)item_id);
	char *done = app_state_get(app, key);
	if (done == NULL) {
		composer_restore(e->comp, text);
		app_state_put(app, key, "1");
		status_msg(app->status, LOG_INFO, _("draft restored from %s"), e->rec_file);
	}
	free(done);
	free(key);
}

void
engage_reply_next(struct app *app, int64_t parent)
{
	app->engage->reply_next = parent;
}

void
engage_composer_open(struct app *app, int64_t item_id)
{
	struct engage *e = app->engage;
	struct store_comment_target t;

	e->reply_to = e->reply_next;
	e->reply_next = 0;
	composer_set_reply(e->comp, e->reply_to > 0);

	if (store_comment_target_get(app->store, item_id, &t) != 0) {
		status_msg(app->status, LOG_ERROR, "%s", store_errmsg(app->store));
		return;
	}
	if (!composer_open(e->comp, app->cfg->config, item_id, t.feed_url)) {
		/* Another article's draft is still refused: it cannot stay in
		 * the editor, so it waits for the recovery file instead. */
		engage_keep_unsaved_draft(app);
		status_hold(app->status, LOG_ERROR, _("the draft of another article is not saved "
		    "(%s): it will be written to a recovery file at exit"), app_write_reason(app));
		composer_open(e->comp, app->cfg->config, item_id, t.feed_url);
	}
	store_comment_target_clear(&t);
	restore_draft(app, item_id);
	engage_paste_mode(e, true);
	if (composer_over_limit(e->comp)) {
		char w[96];
		composer_limit_words(e->comp, w, sizeof w);
		status_msg(app->status, LOG_WARN, _("the draft is over the limit (%s): shorten it "
		    "to send"), w);
	}
	app->dirty = true;
}

/* ---- Keys and sending ---- */

static void
leave_composer(struct app *app)
{
	struct engage *e = app->engage;
	bool had_text = *composer_text(e->comp) != '\0';

	engage_paste_mode(e, false);
	if (!composer_close(e->comp))
		status_hold(app->status, LOG_ERROR, _("draft not saved: %s (kept here and tried "
		    "again; c goes on with it; at exit it goes to a recovery file)"),
		    app_write_reason(app));
	else if (had_text)
		status_msg(app->status, LOG_INFO, _("draft saved (c goes on with it)"));
}

static void
send(struct app *app)
{
	struct engage *e = app->engage;
	enum comments_send_how how;
	char *reason = NULL;
	int64_t item = composer_item(e->comp);

	int rc = comments_send_reply(e->cm, item, e->reply_to, composer_text(e->comp), time(NULL),
	    &how, NULL, &reason);
	if (rc != 0) {
		/* The cache refusing it is said as every refused write is. */
		if (reason != NULL && strcmp(reason, store_errmsg(app->store)) == 0)
			status_hold(app->status, LOG_ERROR, _("comment not sent: %s (the draft is "
			    "kept)"), app_write_reason(app));
		else
			status_msg(app->status, LOG_WARN, _("not sent: %s"), reason ? reason : _("error"));
		free(reason);
		return;
	}
	composer_clear(e->comp);
	composer_close(e->comp);
	e->reply_to = 0;
	engage_paste_mode(e, false);
	switch (how) {
	case COMMENTS_SENT_QUEUED:
		status_msg(app->status, LOG_INFO, _("comment queued for sending (C shows the outbox)"));
		e->run_now = true;
		break;
	case COMMENTS_SENT_NOTE:
		status_msg(app->status, LOG_INFO, _("no comment-endpoint for this feed: kept as "
		    "your own note (C shows it)"));
		break;
	case COMMENTS_SENT_FAILED:
		status_msg(app->status, LOG_ERROR, _("comment not sent: %s (text kept: C shows it, "
		    "c there edits it)"), reason ? reason : _("failed"));
		break;
	}
	free(reason);
	app->data_changed = true;
}

bool
engage_composer_key(struct app *app, int key, long long top_article)
{
	struct engage *e = app->engage;
	char w[96];

	if (!composer_is_open(e->comp))
		return false;
	if (top_article != composer_item(e->comp)) {
		/* The article went from under it: keep the draft, let go. */
		leave_composer(app);
		return false;
	}
	switch (composer_key(e->comp, key)) {
	case COMPOSER_NONE:
		break;
	case COMPOSER_OVER:
		composer_limit_words(e->comp, w, sizeof w);
		status_msg(app->status, LOG_WARN, _("over the limit (%s): trim the marked part "
		    "to send"), w);
		break;
	case COMPOSER_SEND:
		send(app);
		break;
	case COMPOSER_LEAVE:
		leave_composer(app);
		break;
	}
	app->dirty = true;
	return true;
}

/* ---- Painting ---- */

int
engage_bottom_rows(struct app *app, int64_t item_id, int h, int w)
{
	struct engage *e = app->engage;

	if (e == NULL || !composer_is_open(e->comp) || composer_item(e->comp) != item_id)
		return 0;
	return composer_rows(e->comp, h, w);
}

void
engage_bottom_draw(struct app *app, int64_t item_id, int y, int h, int x, int w)
{
	struct engage *e = app->engage;

	if (e == NULL || composer_item(e->comp) != item_id || h <= 0)
		return;
	composer_draw(e->comp, y, h, x, w, &e->cy, &e->cx);
	e->cursor_valid = true;
}

void
engage_cursor(struct app *app)
{
	struct engage *e = app->engage;

	if (e == NULL)
		return;
	if (e->cursor_valid && e->menu == NULL && !app->prompt.active &&
	    composer_is_open(e->comp)) {
		curs_set(1);
		move(e->cy, e->cx);
	}
	e->cursor_valid = false;
}

int
engage_composer_timeout(struct app *app)
{
	struct engage *e = app->engage;
	enum composer_saved what;

	int s = composer_autosave(e->comp, term_now_ms(), &what);
	if (what == COMPOSER_SAVE_FAILED)
		status_hold(app->status, LOG_ERROR, _("draft not saved: %s (kept here and tried "
		    "again)"), app_write_reason(app));
	else if (what == COMPOSER_SAVE_RECOVERED)
		status_msg(app->status, LOG_INFO, _("draft saved"));
	if (what != COMPOSER_SAVE_QUIET)
		app->dirty = true;
	return s;
}
