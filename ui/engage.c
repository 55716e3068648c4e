/*
 * Engagement glue (model in engage.h): the like toggle, repost, the bar,
 * the composer's life cycle and sending, and the outbox timer. The outbox
 * has one writer, this thread: comments_outbox_run() marks entries sending
 * and submits jobs; their answers come back as FETCH_EV_JOB events and are
 * applied by comments_handle_event().
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "comments/comments.h"
#include "config/load.h"
#include "config/paths.h"
#include "fetch/fetch.h"
#include "store/comments.h"
#include "store/store.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "app.h"
#include "colors.h"
#include "comments_view.h"
#include "composer.h"
#include "engage.h"
#include "recovery.h"
#include "screen.h"
#include "sharemenu.h"
#include "status.h"
#include "term.h"

struct engage {
	struct comments *cm;
	struct composer *comp;
	struct sharemenu *menu;
	time_t outbox_next;	/* the earliest queued entry's time; 0 = none */
	bool run_now;		/* run the outbox on the next tick */
	bool outbox_said;	/* its last run failed and said so */
	bool offline;
	bool paste_on;		/* we wrote CSI ? 2004 h */
	/* The drafts of the newest recovery file, offered back when their
	 * article's composer opens empty (once: ui_state remembers). */
	struct recovery *rec;
	char *rec_file;
	bool cursor_valid;
	int cy, cx;
};

/* Bracketed paste only while the composer is open: elsewhere a paste is
 * just keys, as the user expects of a list. */
static void
paste_mode(struct engage *e, bool on)
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

int
engage_up(struct app *app)
{
	struct engage *e = xcalloc(1, sizeof *e);

	e->cm = comments_new(app->store, app->cfg->config, app->fetch);
	e->comp = composer_new(e->cm);
	e->offline = app->fetch == NULL;
	comments_set_offline(e->cm, e->offline);
	/* Nothing is in flight at start-up: a crash or kill left "sending"
	 * entries, which go back to the queue. */
	if (comments_outbox_recover(e->cm, time(NULL)) != 0)
		log_msg(LOG_WARN, "%s", store_errmsg(app->store));
	e->run_now = true;
	char *dir = paths_state_dir();
	if (recovery_find(dir, &e->rec_file) > 0) {
		e->rec = recovery_new();
		if (recovery_read_drafts(e->rec_file, e->rec) <= 0) {
			recovery_free(&e->rec);
			xfree(&e->rec_file);
		}
	}
	free(dir);
	define_key("\033[200~", COMPOSER_KEY_PASTE_START);
	define_key("\033[201~", COMPOSER_KEY_PASTE_END);
	app->engage = e;
	return EXIT_OK;
}

/* The composer's refused draft (if any) into the recovery list, with its
 * article's link; true when there was one. */
static bool
keep_unsaved_draft(struct app *app)
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

void
engage_down(struct app *app)
{
	struct engage *e = app->engage;

	if (e == NULL)
		return;
	/* A draft the cache still refuses goes to the recovery file. */
	composer_save(e->comp);
	keep_unsaved_draft(app);
	composer_free(&e->comp);
	sharemenu_free(&e->menu);
	paste_mode(e, false);
	comments_free(&e->cm);
	recovery_free(&e->rec);
	free(e->rec_file);
	free(e);
	app->engage = NULL;
}

struct comments *
engage_comments(struct app *app)
{
	return app->engage->cm;
}

/* ---- Actions ---- */

static void
toggle_like(struct app *app, const struct engage_target *t)
{
	bool now = t->liked != NULL ? !*t->liked : true;

	/* Refused (app_write_failed said why): the bar keeps the stored state. */
	if (!app_item_liked(app, t->item_id, now))
		return;
	if (t->liked != NULL)
		*t->liked = now;
	status_msg(app->status, LOG_INFO, "%s", now ? "Liked" : "Unliked");
	app->data_changed = true;
}

static void
repost(struct app *app, const struct engage_target *t)
{
	const struct config *c = app->cfg->config;

	/* Reposting goes to the user's own target: share-command, else
	 * bookmark-command. */
	if (c->share_command != NULL)
		share_run(app, c->share_command, "share-command", t->url, t->title);
	else if (c->bookmark_command != NULL)
		share_run(app, c->bookmark_command, "bookmark-command", t->url, t->title);
	else
		status_msg(app->status, LOG_WARN, "repost runs share-command (or bookmark-command): "
		    "set one in the config");
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
		status_msg(app->status, LOG_INFO, "draft restored from %s", e->rec_file);
	}
	free(done);
	free(key);
}

static void
open_composer(struct app *app, int64_t item_id)
{
	struct engage *e = app->engage;
	struct store_comment_target t;

	if (store_comment_target_get(app->store, item_id, &t) != 0) {
		status_msg(app->status, LOG_ERROR, "%s", store_errmsg(app->store));
		return;
	}
	if (!composer_open(e->comp, app->cfg->config, item_id, t.feed_url)) {
		/* Another article's draft is still refused: it cannot stay in
		 * the editor, so it waits for the recovery file instead. */
		keep_unsaved_draft(app);
		status_hold(app->status, LOG_ERROR, "the draft of another article is not saved "
		    "(%s): it will be written to a recovery file at exit", app_write_reason(app));
		composer_open(e->comp, app->cfg->config, item_id, t.feed_url);
	}
	store_comment_target_clear(&t);
	restore_draft(app, item_id);
	paste_mode(e, true);
	if (composer_over_limit(e->comp)) {
		char w[96];
		composer_limit_words(e->comp, w, sizeof w);
		status_msg(app->status, LOG_WARN, "the draft is over the limit (%s): shorten it "
		    "to send", w);
	}
	app->dirty = true;
}

void
engage_compose(struct app *app, int64_t item_id)
{
	struct view *top = app_top(app);

	if (top == NULL || view_article_id(top) != item_id)
		app_push(app, view_article_new(app, item_id, NULL));
	open_composer(app, item_id);
}

bool
engage_action(struct app *app, enum action a, const struct engage_target *t)
{
	struct engage *e = app->engage;

	if (e == NULL || t == NULL || t->item_id <= 0)
		return false;
	switch (a) {
	case ACTION_LIKE:
		toggle_like(app, t);
		break;
	case ACTION_SHARE:
		sharemenu_free(&e->menu);
		e->menu = sharemenu_new(app, t->url, t->title);
		break;
	case ACTION_REPOST:
		repost(app, t);
		break;
	case ACTION_COMMENTS:
		app_push(app, view_comments_new(app, t->item_id));
		break;
	case ACTION_COMMENT:
		if (t->in_article)
			open_composer(app, t->item_id);
		else
			engage_compose(app, t->item_id);
		break;
	default:
		return false;
	}
	app->dirty = true;
	return true;
}

/* ---- The composer's keys and sending ---- */

static void
leave_composer(struct app *app)
{
	struct engage *e = app->engage;
	bool had_text = *composer_text(e->comp) != '\0';

	paste_mode(e, false);
	if (!composer_close(e->comp))
		status_hold(app->status, LOG_ERROR, "draft not saved: %s (kept here and tried "
		    "again; c goes on with it; at exit it goes to a recovery file)",
		    app_write_reason(app));
	else if (had_text)
		status_msg(app->status, LOG_INFO, "draft saved (c goes on with it)");
}

static void
send(struct app *app)
{
	struct engage *e = app->engage;
	enum comments_send_how how;
	char *reason = NULL;
	int64_t item = composer_item(e->comp);

	int rc = comments_send(e->cm, item, composer_text(e->comp), time(NULL), &how, NULL,
	    &reason);
	if (rc != 0) {
		/* The cache refusing it is said as every refused write is. */
		if (reason != NULL && strcmp(reason, store_errmsg(app->store)) == 0)
			status_hold(app->status, LOG_ERROR, "comment not sent: %s (the draft is "
			    "kept)", app_write_reason(app));
		else
			status_msg(app->status, LOG_WARN, "not sent: %s", reason ? reason : "error");
		free(reason);
		return;
	}
	composer_clear(e->comp);
	composer_close(e->comp);
	paste_mode(e, false);
	switch (how) {
	case COMMENTS_SENT_QUEUED:
		status_msg(app->status, LOG_INFO, "comment queued for sending (C shows the outbox)");
		e->run_now = true;
		break;
	case COMMENTS_SENT_NOTE:
		status_msg(app->status, LOG_INFO, "no comment-endpoint for this feed: kept as "
		    "your own note (C shows it)");
		break;
	case COMMENTS_SENT_FAILED:
		status_msg(app->status, LOG_ERROR, "comment not sent: %s (text kept: C shows it, "
		    "c there edits it)", reason ? reason : "failed");
		break;
	}
	free(reason);
	app->data_changed = true;
}

bool
engage_key(struct app *app, int key)
{
	struct engage *e = app->engage;
	char w[96];

	if (e == NULL)
		return false;
	if (e->menu != NULL) {
		if (!sharemenu_key(e->menu, app, key))
			sharemenu_free(&e->menu);
		app->dirty = true;
		return true;
	}
	if (!composer_is_open(e->comp))
		return false;
	if (view_article_id(app_top(app)) != composer_item(e->comp)) {
		/* The article went from under it: keep the draft, let go. */
		leave_composer(app);
		return false;
	}
	switch (composer_key(e->comp, key)) {
	case COMPOSER_NONE:
		break;
	case COMPOSER_REFUSED:
		composer_limit_words(e->comp, w, sizeof w);
		status_msg(app->status, LOG_WARN, "refused: the comment is at its limit (%s)", w);
		break;
	case COMPOSER_PASTE_REFUSED:
		composer_limit_words(e->comp, w, sizeof w);
		status_msg(app->status, LOG_WARN, "paste refused: it would pass the limit "
		    "(now %s); nothing was inserted", w);
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

/* "l like  c comment ..." from the live key map (first key of each). */
static void
hints(struct app *app, char *out, size_t outlen)
{
	static const struct { enum action a; const char *word; } h[] = {
		{ ACTION_LIKE, "like" }, { ACTION_COMMENT, "comment" },
		{ ACTION_COMMENTS, "comments" }, { ACTION_SHARE, "share" },
		{ ACTION_REPOST, "repost" },
	};
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < sizeof h / sizeof h[0]; i++) {
		char keys[64];
		keymap_keys_of(app->km, h[i].a, keys, sizeof keys);
		if (*keys == '\0')
			continue;
		keys[strcspn(keys, ",")] = '\0';
		int n = snprintf(out + used, outlen - used, "%s%s %s", used ? "  " : "", keys,
		    h[i].word);
		if (n < 0 || (size_t)n >= outlen - used)
			break;
		used += (size_t)n;
	}
}

void
engage_bar_draw(struct app *app, const struct store_item *it, int y, int x0, int w)
{
	int64_t hint = -1, stored = 0, n;
	bool u = screen_utf8();
	char count[64], keys[160];
	int x = x0;

	if (store_comments_count(app->store, it->id, &hint, &stored) != 0)
		hint = -1;
	n = stored > 0 ? stored : hint;
	if (n < 0)
		snprintf(count, sizeof count, "comments");
	else
		snprintf(count, sizeof count, "%lld comment%s", (long long)n, n == 1 ? "" : "s");
	const char *like = it->liked ? (u ? "\xe2\x99\xa5 liked" : "<3 liked") :
	    (u ? "\xe2\x99\xa1 like" : "-- not liked");
	attr_t la = it->liked ? colors_attr(EL_COUNT) | A_BOLD : colors_attr(EL_DIM);
	const char *sep = u ? " \xc2\xb7 " : " - ";
	w += x0;	/* from here on, the right end */
	screen_fill(y, x0, w - x0, colors_attr(EL_NORMAL));
	hints(app, keys, sizeof keys);
	int kw = screen_width(keys);
	if (app->rtl) {
		/* Mirrored: the like at the right edge, the count to its left,
		 * the hints against the left edge. Each piece keeps its own
		 * left-to-right order (trusted chrome, counts as numbers). */
		int lw = screen_width(like), sw = screen_width(sep), cw = screen_width(count);
		int r = w;
		r -= lw;
		if (r < x0)
			r = x0;
		screen_text(y, r, w - r, like, la);
		if (r - sw - cw >= x0) {
			r -= sw;
			screen_text(y, r, sw, sep, colors_attr(EL_DIM));
			r -= cw;
			screen_text(y, r, cw, count, colors_attr(EL_COUNT));
		}
		if (x0 + kw + 3 <= r)
			screen_text(y, x0, kw, keys, colors_attr(EL_DIM));
		else if (r - 3 > x0)
			screen_text(y, x0, r - 3 - x0, keys, colors_attr(EL_DIM));
		return;
	}
	x += screen_text(y, x, w - x, like, la);
	x += screen_text(y, x, w - x, sep, colors_attr(EL_DIM));
	x += screen_text(y, x, w - x, count, colors_attr(EL_COUNT));
	/* Hints right-aligned when they fit, else after the counts. */
	if (x + 3 + kw <= w)
		screen_text(y, w - kw, kw, keys, colors_attr(EL_DIM));
	else if (x + 3 < w)
		screen_text(y, x + 3, w - x - 3, keys, colors_attr(EL_DIM));
}

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
engage_overlay_draw(struct app *app, int y, int h, int w)
{
	struct engage *e = app->engage;

	if (e != NULL && e->menu != NULL)
		sharemenu_draw(e->menu, y, h, w);
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

/* ---- Timer and events ---- */

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
			status_msg(app->status, LOG_ERROR, "outbox not saved: %s",
			    app_write_reason(app));
		e->outbox_said = true;
		next = now + 2;
	} else
		e->outbox_said = false;
	if (n > 0) {
		status_msg(app->status, LOG_INFO, "sending %d comment%s", n, n == 1 ? "" : "s");
		app->data_changed = true;
	}
	if (n != 0)
		app->dirty = true;
	e->outbox_next = next;
}

int
engage_timeout(struct app *app)
{
	struct engage *e = app->engage;
	time_t now = time(NULL);
	int t = -1;

	if (e == NULL)
		return -1;
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
	enum composer_saved what;
	int s = composer_autosave(e->comp, term_now_ms(), &what);
	if (what == COMPOSER_SAVE_FAILED)
		status_hold(app->status, LOG_ERROR, "draft not saved: %s (kept here and tried "
		    "again)", app_write_reason(app));
	else if (what == COMPOSER_SAVE_RECOVERED)
		status_msg(app->status, LOG_INFO, "draft saved");
	if (what != COMPOSER_SAVE_QUIET)
		app->dirty = true;
	if (s >= 0 && (t < 0 || s < t))
		t = s;
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
