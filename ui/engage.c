/*
 * Engagement (model in engage.h): the module's life cycle, the like toggle,
 * repost, the share menu and the bar under the byline. The composer's
 * controller is engage_compose.c, the outbox timer engage_outbox.c; their
 * shared state is engage-int.h. Nothing here opens a view.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "comments/comments.h"
#include "comments/mastodon.h"
#include "config/load.h"
#include "config/paths.h"
#include "store/comments.h"
#include "store/reposts.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "app.h"
#include "colors.h"
#include "composer.h"
#include "engage-int.h"
#include "engage.h"
#include "engage_compose.h"
#include "recovery.h"
#include "screen.h"
#include "sharemenu.h"
#include "status.h"

int
engage_up(struct app *app)
{
	struct engage *e = xcalloc(1, sizeof *e);

	e->cm = comments_new(app->store, app->cfg->config, app->fetch);
	e->comp = composer_new(e->cm);
	e->offline = app->fetch == NULL;
	comments_set_offline(e->cm, e->offline);
	/* Claims of processes that are gone (a crash or kill) go back to
	 * the queue, and are looked up on the site before being sent again. */
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
	/* What a crash left queued or sending goes now, and what was refused
	 * is tried once more (its error shows again if it still fails). */
	if (app->cfg->config->repost_target == CONFIG_REPOST_MASTODON &&
	    store_repost_requeue_failed(app->store) == -1)
		log_msg(LOG_WARN, "%s", store_errmsg(app->store));
	e->repost_now = true;
	app->engage = e;
	return EXIT_OK;
}

void
engage_down(struct app *app)
{
	struct engage *e = app->engage;

	if (e == NULL)
		return;
	/* A draft the cache still refuses goes to the recovery file. */
	composer_save(e->comp);
	engage_keep_unsaved_draft(app);
	composer_free(&e->comp);
	sharemenu_free(&e->menu);
	engage_paste_mode(e, false);
	comments_free(&e->cm);
	recovery_free(&e->rec);
	free(e->rec_file);
	free(e->repost_title);
	free(e->repost_url);
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
	status_msg(app->status, LOG_INFO, "%s", now ? _("Liked") : _("Unliked"));
	app->data_changed = true;
}

/* The repost prompt ended: text is the optional comment, NULL on Esc. */
static void
repost_comment_done(struct app *app, const char *text)
{
	struct engage *e = app->engage;
	char *status, *err = NULL;
	int64_t id;

	if (e == NULL || e->repost_item <= 0)
		return;
	if (text == NULL) {
		status_msg(app->status, LOG_INFO, _("repost cancelled"));
		goto out;
	}
	status = mastodon_status_text(e->repost_title, e->repost_url, text);
	if (mastodon_queue(app->store, e->repost_item, status, time(NULL), &id, &err) == -1) {
		status_msg(app->status, LOG_ERROR, _("repost not queued: %s"), err);
		free(err);
	} else {
		status_msg(app->status, LOG_INFO, _("repost queued for Mastodon"));
		e->repost_now = true;
	}
	free(status);
out:
	e->repost_item = 0;
	xfree(&e->repost_title);
	xfree(&e->repost_url);
	app->dirty = true;
}

static void
repost(struct app *app, const struct engage_target *t)
{
	const struct config *c = app->cfg->config;
	struct engage *e = app->engage;

	if (c->repost_target == CONFIG_REPOST_MASTODON) {
		free(e->repost_title);
		free(e->repost_url);
		e->repost_item = t->item_id;
		e->repost_title = xstrdup_null(t->title);
		e->repost_url = xstrdup_null(t->url);
		prompt_start(&app->prompt, _("Repost with a comment (Enter posts, Esc cancels): "),
		    repost_comment_done);
		return;
	}
	/* Reposting goes to the user's own target: share-command, else
	 * bookmark-command. */
	if (c->share_command != NULL)
		share_run(app, c->share_command, "share-command", t->url, t->title);
	else if (c->bookmark_command != NULL)
		share_run(app, c->bookmark_command, "bookmark-command", t->url, t->title);
	else
		status_msg(app->status, LOG_WARN, _("repost runs share-command (or bookmark-command): "
		    "set one in the config"));
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
	case ACTION_COMMENT:
		/* Elsewhere the view opens the article first (view_article_compose). */
		if (!t->in_article)
			return false;
		engage_composer_open(app, t->item_id);
		break;
	default:
		return false;
	}
	app->dirty = true;
	return true;
}

bool
engage_key(struct app *app, int key, long long top_article)
{
	struct engage *e = app->engage;

	if (e == NULL)
		return false;
	if (e->menu != NULL) {
		if (!sharemenu_key(e->menu, app, key))
			sharemenu_free(&e->menu);
		app->dirty = true;
		return true;
	}
	return engage_composer_key(app, key, top_article);
}

int
engage_timeout(struct app *app)
{
	if (app->engage == NULL)
		return -1;
	int t = engage_outbox_timeout(app);
	int s = engage_composer_timeout(app);
	if (s >= 0 && (t < 0 || s < t))
		t = s;
	return t;
}

/* ---- Painting ---- */

/* "l like  c comment ..." from the live key map (first key of each). */
static void
hints(struct app *app, char *out, size_t outlen)
{
	static const struct { enum action a; const char *word; } h[] = {
		{ ACTION_LIKE, N_("like") }, { ACTION_COMMENT, N_("comment") },
		{ ACTION_COMMENTS, N_("comments") }, { ACTION_SHARE, N_("share") },
		{ ACTION_REPOST, N_("repost") },
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
		    _(h[i].word));
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
	n = comments_shown_count(hint, stored);
	/* An unknown count says nothing (the hints name the comments key):
	 * a bare "comments" read like a count that failed to print. */
	if (n < 0)
		count[0] = '\0';
	else
		snprintf(count, sizeof count, P_("%lld comment", "%lld comments", n), (long long)n);
	const char *like = it->liked ? (u ? _("\xe2\x99\xa5 liked") : _("<3 liked")) :
	    (u ? _("\xe2\x99\xa1 like") : _("-- not liked"));
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
		if (cw > 0 && r - sw - cw >= x0) {
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
	if (count[0] != '\0') {
		x += screen_text(y, x, w - x, sep, colors_attr(EL_DIM));
		x += screen_text(y, x, w - x, count, colors_attr(EL_COUNT));
	}
	/* Hints right-aligned when they fit, else after the counts. */
	if (x + 3 + kw <= w)
		screen_text(y, w - kw, kw, keys, colors_attr(EL_DIM));
	else if (x + 3 < w)
		screen_text(y, x + 3, w - x - 3, keys, colors_attr(EL_DIM));
}

void
engage_overlay_draw(struct app *app, int y, int h, int w)
{
	struct engage *e = app->engage;

	if (e != NULL && e->menu != NULL)
		sharemenu_draw(e->menu, y, h, w);
}
