/*
 * The feed list: "All articles", one entry per tag, then the feeds of the
 * urls file in its order, each with unread/total counts, its tags and a
 * "!" marker when its last fetch failed. Feeds are few, so the whole list
 * is read from the store (with counts) and re-read when a reload changes it.
 */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/load.h"
#include "filter/filter.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "app.h"
#include "colors.h"
#include "limit.h"
#include "listnav.h"
#include "screen.h"
#include "status.h"
#include "textdir.h"
#include "view_feeds.h"
#include "view_items.h"

enum fentry_kind { FE_ALL, FE_TAG, FE_QUERY, FE_FEED };

struct fentry {
	enum fentry_kind kind;
	int64_t feed_id;
	char *label;		/* untrusted for feeds */
	char *tags;		/* feeds: space-separated, may be NULL */
	char *url;
	char *expr;		/* FE_QUERY: the query feed's expression */
	int64_t unread, total;
	bool failed;
	enum text_dir dir;	/* of the label (feeds: language, direction setting) */
};

struct vfeeds {
	struct view v;
	struct fentry *e;
	size_t n;
	struct listnav nav;
	int64_t unread_all;
	char *limit;		/* the limit prompt's text (limit.h); NULL: none */
	struct filter *filter;	/* owned: limit parsed */
};

static void
entries_free(struct vfeeds *vf)
{
	for (size_t i = 0; i < vf->n; i++) {
		free(vf->e[i].label);
		free(vf->e[i].tags);
		free(vf->e[i].url);
		free(vf->e[i].expr);
	}
	free(vf->e);
	vf->e = NULL;
	vf->n = 0;
}

/* The entry's identity for ui_state: "all", "tag:NAME", "feed:ID". */
static char *
entry_key(const struct fentry *e)
{
	switch (e->kind) {
	case FE_ALL:
		return xstrdup("all");
	case FE_TAG:
		return xasprintf("tag:%s", e->label);
	case FE_QUERY:
		return xasprintf("query:%s", e->label);
	case FE_FEED:
		break;
	}
	return xasprintf("feed:%" PRId64, e->feed_id);
}

static void
select_key(struct vfeeds *vf, const char *key)
{
	for (size_t i = 0; key != NULL && i < vf->n; i++) {
		char *k = entry_key(&vf->e[i]);
		bool same = strcmp(k, key) == 0;
		free(k);
		if (same) {
			vf->nav.cur = (long)i;
			return;
		}
	}
}

static struct fentry *
add_entry(struct vfeeds *vf, size_t *alloc)
{
	if (vf->n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 32;
		vf->e = xreallocarray(vf->e, *alloc, sizeof *vf->e);
	}
	struct fentry *e = &vf->e[vf->n++];
	memset(e, 0, sizeof *e);
	return e;
}

/* A query feed's entry with its counts (under the limit, if any). */
static void
add_query(struct vfeeds *vf, struct app *app, size_t *alloc, const struct urls_query *q)
{
	struct filter *f;
	int64_t total = 0, unread = 0;

	if (!limit_build(app, q->expr, vf->limit, &f) || f == NULL)
		return;
	struct store_scope sc = { .kind = STORE_SCOPE_ALL, .filter = f, .hide = app->hide };
	if (store_items_count(app->store, &sc, &total, &unread) != 0)
		status_msg(app->status, LOG_ERROR, "%s", store_errmsg(app->store));
	filter_free(&f);
	if (vf->limit != NULL && total == 0)
		return;
	struct fentry *e = add_entry(vf, alloc);
	e->kind = FE_QUERY;
	e->label = xstrdup(q->title);
	e->expr = xstrdup(q->expr);
	e->total = total;
	e->unread = unread;
	e->dir = ui_title_dir(app->cfg->config, NULL, NULL, e->label);
}

/*
 * show-read-feeds no: drop the feeds and tags without unread articles ("All
 * articles" stays). The cursor goes to the entry at its place in the full
 * list or the next one shown (else the last); with sticky_key that entry
 * stays even when read, so reading the feed under the cursor does not make
 * the cursor jump.
 */
static void
hide_read(struct vfeeds *vf, const char *sticky_key)
{
	long cur = vf->nav.cur, newcur = -1;
	size_t k = 0;

	for (size_t i = 0; i < vf->n; i++) {
		struct fentry *e = &vf->e[i];
		bool keep = e->kind == FE_ALL || e->unread > 0;
		if (!keep && sticky_key != NULL) {
			char *key = entry_key(e);
			keep = strcmp(key, sticky_key) == 0;
			free(key);
		}
		if (!keep) {
			free(e->label);
			free(e->tags);
			free(e->url);
			continue;
		}
		if (newcur < 0 && (long)i >= cur)
			newcur = (long)k;
		vf->e[k++] = *e;
	}
	vf->n = k;
	vf->nav.cur = newcur >= 0 ? newcur : (long)k - 1;
}

/* sticky: a refresh (the entry under the cursor stays even when read), not
 * a toggle. */
static void
load_list(struct vfeeds *vf, struct app *app, bool sticky)
{
	struct store_feed *f = NULL;
	size_t nf = 0, alloc = 0;
	const struct urls_list *u = app->cfg->urls;
	char *keep = vf->n ? entry_key(&vf->e[vf->nav.cur]) : NULL;

	entries_free(vf);
	if (store_feed_list(app->store, &f, &nf) != 0) {
		status_msg(app->status, LOG_ERROR, "%s", store_errmsg(app->store));
		nf = 0;
	}
	struct fentry *all = add_entry(vf, &alloc);
	all->kind = FE_ALL;
	all->label = xstrdup(_("All articles"));
	/* Tags in the order they first appear in the urls file. */
	for (size_t i = 0; i < u->n; i++) {
		for (size_t t = 0; t < u->v[i].ntags; t++) {
			bool seen = false;
			for (size_t k = 1; k < vf->n; k++)
				if (strcmp(vf->e[k].label, u->v[i].tags[t]) == 0)
					seen = true;
			if (!seen) {
				struct fentry *e = add_entry(vf, &alloc);
				e->kind = FE_TAG;
				e->label = xstrdup(u->v[i].tags[t]);
			}
		}
	}
	size_t ntags = vf->n;
	for (size_t i = 0; i < u->nqueries; i++)
		add_query(vf, app, &alloc, &u->queries[i]);
	for (size_t i = 0; i < nf; i++) {
		long idx = urls_list_find(u, f[i].url);
		if (idx < 0)
			continue;	/* no longer in the urls file */
		/* Kill rules shown hidden and the limit count the feed anew. */
		if (app->hide != NULL || vf->filter != NULL) {
			struct store_scope sc = { .kind = STORE_SCOPE_FEED, .feed_id = f[i].id,
			    .filter = vf->filter, .hide = app->hide };
			if (store_items_count(app->store, &sc, &f[i].total, &f[i].unread) != 0)
				status_msg(app->status, LOG_ERROR, "%s", store_errmsg(app->store));
			if (vf->filter != NULL && f[i].total == 0)
				continue;
		}
		struct fentry *e = add_entry(vf, &alloc);
		e->kind = FE_FEED;
		e->feed_id = f[i].id;
		e->label = xstrdup(f[i].title && *f[i].title ? f[i].title : f[i].url);
		e->tags = xstrdup_null(f[i].tags);
		e->url = xstrdup(f[i].url);
		e->unread = f[i].unread;
		e->total = f[i].total;
		e->failed = f[i].last_error != NULL;
		e->dir = ui_title_dir(app->cfg->config, f[i].language, f[i].url, e->label);
		vf->e[0].unread += e->unread;
		vf->e[0].total += e->total;
		const struct urls_entry *ue = &u->v[idx];
		for (size_t k = 1; k < ntags; k++) {
			for (size_t t = 0; t < ue->ntags; t++) {
				if (strcmp(ue->tags[t], vf->e[k].label) == 0) {
					vf->e[k].unread += e->unread;
					vf->e[k].total += e->total;
					vf->e[k].failed |= e->failed;
				}
			}
		}
	}
	store_feed_list_free(&f, nf);
	if (keep != NULL)
		select_key(vf, keep);
	if (!app->show_read_feeds)
		hide_read(vf, sticky ? keep : NULL);
	free(keep);
	listnav_fix(&vf->nav, (long)vf->n, vf->v.last_h);
}

static void
load(struct vfeeds *vf, struct app *app)
{
	load_list(vf, app, true);
}

static void
feeds_refresh(struct view *v, struct app *app)
{
	load((struct vfeeds *)v, app);
}

static void
feeds_title(struct view *v, struct app *app, struct view_title *t)
{
	struct vfeeds *vf = (struct vfeeds *)v;

	snprintf(t->prefix, sizeof t->prefix, "newsreader %s", PACKAGE_VERSION);
	size_t nfeeds = 0;
	for (size_t i = 0; i < vf->n; i++)
		nfeeds += vf->e[i].kind == FE_FEED;
	char feeds[64];
	snprintf(feeds, sizeof feeds, P_("%zu feed", "%zu feeds", nfeeds), nfeeds);
	snprintf(t->suffix, sizeof t->suffix, _(" %s %s, %lld unread%s"),
	    screen_utf8() ? "\xe2\x80\x94" : "-", feeds, (long long)vf->e[0].unread,
	    app->show_read_feeds ? "" : _(", read feeds hidden"));
	limit_title(t->suffix, sizeof t->suffix, vf->limit);
}

static void
feeds_draw(struct view *v, struct app *app, int y, int h, int w)
{
	struct vfeeds *vf = (struct vfeeds *)v;
	int countw = 13, tagw = w >= 60 ? 18 : 0;
	/* Mirrored: the sign on the right edge, the title starting at the
	 * right, counts then tags on the left. */
	bool rtl = app->rtl;
	enum screen_align al = rtl ? ALIGN_RIGHT : ALIGN_START;

	listnav_fix(&vf->nav, (long)vf->n, h);
	for (int r = 0; r < h; r++) {
		size_t i = (size_t)(vf->nav.top + r);
		if (i >= vf->n)
			break;
		const struct fentry *e = &vf->e[i];
		bool sel = (long)i == vf->nav.cur;
		attr_t base = sel ? colors_attr(EL_SELECTED) : colors_attr(EL_NORMAL);
		attr_t strong = e->unread > 0 ? A_BOLD : 0;
		char counts[48];
		int x = 0;

		screen_fill(y + r, 0, w, base);
		/* A sign, not only a colour: "!" marks a failed last fetch. */
		screen_text(y + r, rtl ? w - 1 : x, 1, e->failed ? "!" : " ",
		    e->failed ? (sel ? base | A_BOLD : colors_attr(EL_ERROR)) : base);
		x += 1;
		snprintf(counts, sizeof counts, "%" PRId64 "/%" PRId64, e->unread, e->total);
		int cw = screen_width(counts);
		screen_text(y + r, rtl ? 0 : x + countw - 1 - cw, cw, counts,
		    sel ? base : colors_attr(EL_COUNT) | strong);
		x += countw + 1;
		int titlew = w - x - (tagw ? tagw + 1 : 0) - 1;
		if (rtl)
			x = w - 2 - titlew;
		if (e->kind == FE_TAG) {
			char lab[64];
			snprintf(lab, sizeof lab, "[%s]", _("tag"));
			int lw = screen_width(lab);
			if (lw > titlew)
				lw = titlew;
			screen_text(y + r, rtl ? x + titlew - lw : x, lw, lab,
			    sel ? base : colors_attr(EL_TAG));
			screen_field(y + r, rtl ? x : x + lw + 1, titlew - lw - 1, e->label,
			    base | strong, al);
		} else if (e->kind == FE_QUERY) {
			char lab[64];
			snprintf(lab, sizeof lab, "[%s]", _("query"));
			int lw = screen_width(lab);
			if (lw > titlew)
				lw = titlew;
			screen_text(y + r, rtl ? x + titlew - lw : x, lw, lab,
			    sel ? base : colors_attr(EL_TAG));
			screen_field_dir(y + r, rtl ? x : x + lw + 1, titlew - lw - 1, e->label,
			    base | strong, rtl ? ALIGN_RIGHT : ALIGN_AUTO, e->dir);
		} else
			screen_field_dir(y + r, x, titlew, e->label, base | strong,
			    rtl ? ALIGN_RIGHT : ALIGN_AUTO,
			    e->kind == FE_FEED ? e->dir : TEXT_DIR_AUTO);
		if (tagw && e->tags)
			screen_field(y + r, rtl ? countw : w - tagw - 1, tagw, e->tags,
			    sel ? base : colors_attr(EL_TAG), al);
	}
}

static void
open_entry(struct vfeeds *vf, struct app *app)
{
	if (vf->n == 0)
		return;
	const struct fentry *e = &vf->e[vf->nav.cur];
	switch (e->kind) {
	case FE_ALL:
		app_push(app, view_items_new(app, STORE_SCOPE_ALL, 0, NULL, NULL));
		break;
	case FE_TAG:
		app_push(app, view_items_new(app, STORE_SCOPE_TAG, 0, e->label, e->label));
		break;
	case FE_QUERY:
		app_push(app, view_query_new(app, e->label, e->expr));
		break;
	case FE_FEED:
		app_push(app, view_items_new(app, STORE_SCOPE_FEED, e->feed_id, NULL, e->label));
		break;
	}
}

/* The URLs an entry stands for (all feeds, a tag's feeds, one feed). */
static const char **
entry_urls(struct vfeeds *vf, const struct fentry *e, size_t *n)
{
	const char **urls = xcalloc(vf->n + 1, sizeof *urls);

	*n = 0;
	for (size_t i = 0; i < vf->n; i++) {
		const struct fentry *f = &vf->e[i];
		if (f->kind != FE_FEED)
			continue;
		/* A query feed draws on every feed. */
		if (e->kind == FE_ALL || e->kind == FE_QUERY || (e->kind == FE_FEED && f == e))
			urls[(*n)++] = f->url;
		else if (e->kind == FE_TAG && f->tags) {
			/* whole-word match in the space-separated list */
			size_t ll = strlen(e->label);
			for (const char *p = f->tags; (p = strstr(p, e->label)) != NULL; p++) {
				if ((p == f->tags || p[-1] == ' ') && (p[ll] == ' ' || p[ll] == '\0')) {
					urls[(*n)++] = f->url;
					break;
				}
			}
		}
	}
	return urls;
}

static const struct view_ops feeds_ops;

/* Show only the feeds with articles that match limit (NULL: all); false,
 * the list as it was, when it does not parse. */
static bool
set_limit(struct vfeeds *vf, struct app *app, const char *limit)
{
	struct filter *f;

	if (!limit_build(app, NULL, limit, &f))
		return false;
	filter_free(&vf->filter);
	vf->filter = f;
	free(vf->limit);
	vf->limit = xstrdup_null(limit);
	load(vf, app);
	return true;
}

static void
limit_done(struct app *app, const char *text)
{
	struct view *v = app_top(app);

	app->dirty = true;
	if (text == NULL || v->ops != &feeds_ops)
		return;
	set_limit((struct vfeeds *)v, app, *text != '\0' ? text : NULL);
}

static bool
feeds_action(struct view *v, struct app *app, enum action a)
{
	struct vfeeds *vf = (struct vfeeds *)v;
	long h = v->last_h, n = (long)vf->n;

	switch (a) {
	case ACTION_UP:
		listnav_move(&vf->nav, -1, n, h);
		return true;
	case ACTION_DOWN:
		listnav_move(&vf->nav, 1, n, h);
		return true;
	case ACTION_PAGE_UP:
		listnav_move(&vf->nav, -(h - 1 > 0 ? h - 1 : 1), n, h);
		return true;
	case ACTION_PAGE_DOWN:
		listnav_move(&vf->nav, h - 1 > 0 ? h - 1 : 1, n, h);
		return true;
	case ACTION_TOP:
		vf->nav.cur = 0;
		listnav_fix(&vf->nav, n, h);
		return true;
	case ACTION_BOTTOM:
		vf->nav.cur = n - 1;
		listnav_fix(&vf->nav, n, h);
		return true;
	case ACTION_OPEN:
		open_entry(vf, app);
		return true;
	case ACTION_NEXT_UNREAD:
	case ACTION_PREV_UNREAD: {
		int d = a == ACTION_NEXT_UNREAD ? 1 : -1;
		for (long i = vf->nav.cur + d; i >= 0 && i < n; i += d) {
			if (vf->e[i].kind == FE_FEED && vf->e[i].unread > 0) {
				vf->nav.cur = i;
				listnav_fix(&vf->nav, n, h);
				return true;
			}
		}
		status_msg(app->status, LOG_INFO, _("no more unread feeds"));
		return true;
	}
	case ACTION_RELOAD: {
		size_t k;
		const char **urls = entry_urls(vf, &vf->e[vf->nav.cur], &k);
		app_reload(app, urls, k);
		free(urls);
		return true;
	}
	case ACTION_SET_FILTER:
		limit_prompt(app, limit_done);
		return true;
	case ACTION_CLEAR_FILTER:
		if (vf->limit != NULL)
			set_limit(vf, app, NULL);
		return true;
	case ACTION_MARK_FEED_READ: {
		size_t k;
		if (vf->n > 0 && vf->e[vf->nav.cur].kind == FE_QUERY) {
			/* Only what the query shows: mark it in its list. */
			status_msg(app->status, LOG_INFO,
			    _("open the query feed to mark its articles read"));
			return true;
		}
		const char **urls = entry_urls(vf, &vf->e[vf->nav.cur], &k);
		for (size_t i = 0; i < vf->n; i++)
			for (size_t j = 0; j < k; j++)
				if (vf->e[i].kind == FE_FEED && vf->e[i].url == urls[j])
					app_feed_read(app, vf->e[i].feed_id);
		free(urls);
		load(vf, app);
		return true;
	}
	case ACTION_OPEN_BROWSER:
		status_msg(app->status, LOG_INFO, _("open an article to open it in the browser"));
		return true;
	case ACTION_TOGGLE_READ:
		return true;
	case ACTION_TOGGLE_SHOW_READ:
		app->show_read_feeds = !app->show_read_feeds;
		load_list(vf, app, false);
		status_msg(app->status, LOG_INFO, "%s", app->show_read_feeds ?
		    _("showing read feeds") : _("hiding read feeds"));
		return true;
	default:
		return false;
	}
}

static void
feeds_click(struct view *v, struct app *app, int row, bool dbl)
{
	struct vfeeds *vf = (struct vfeeds *)v;
	long i = vf->nav.top + row;

	if (i < 0 || i >= (long)vf->n)
		return;
	vf->nav.cur = i;
	if (dbl)
		open_entry(vf, app);
}

static void
feeds_save(struct view *v, struct app *app)
{
	struct vfeeds *vf = (struct vfeeds *)v;

	if (vf->n == 0)
		return;
	char *k = entry_key(&vf->e[vf->nav.cur]);
	app_state_put(app, "pos:feeds", k);
	free(k);
}

static void
feeds_free(struct view *v)
{
	struct vfeeds *vf = (struct vfeeds *)v;

	entries_free(vf);
	free(vf->limit);
	filter_free(&vf->filter);
	free(vf);
}

static const struct view_ops feeds_ops = {
	.name = "feeds",
	.draw = feeds_draw,
	.title = feeds_title,
	.action = feeds_action,
	.click = feeds_click,
	.reload = feeds_refresh,
	.save = feeds_save,
	.free = feeds_free,
	.min_w = 20,
	.min_h = 4,
};

struct view *
view_feeds_new(struct app *app)
{
	struct vfeeds *vf = xcalloc(1, sizeof *vf);
	char *pos;

	vf->v.ops = &feeds_ops;
	vf->v.last_h = app->rows > 2 ? app->rows - 2 : 1;
	load(vf, app);
	pos = app_state_get(app, "pos:feeds");
	select_key(vf, pos);
	free(pos);
	listnav_fix(&vf->nav, (long)vf->n, vf->v.last_h);
	return &vf->v;
}
