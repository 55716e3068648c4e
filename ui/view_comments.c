/*
 * The comments pane (model in view_comments.h). Entries are read from the
 * store on open and on every refresh (a comment feed arrived, a send was
 * answered) and laid out once per width; scrolling only repaints.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "comments/comments.h"
#include "html/html.h"
#include "store/comments.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "app.h"
#include "colors.h"
#include "engage.h"
#include "engage_compose.h"
#include "engage_outbox.h"
#include "screen.h"
#include "status.h"
#include "view_article.h"
#include "view_comments.h"

struct centry {
	char *author;		/* untrusted; NULL: the meta says who */
	char *meta;		/* trusted chrome: "you (note) · 2026-05-04 09:15" */
	enum element meta_el;
	char *html;		/* the body */
	struct html_doc doc;
	bool have_doc;
	int depth;		/* a reply's depth in its thread (0: top-level) */
	int64_t wp_id;		/* the site's id of the comment (a reply's parent); 0 */
};

/* A row: header (line -1), blank (-2) or line k of the entry's body. */
struct crow {
	size_t entry;
	long line;
};

struct vcomments {
	struct view v;
	int64_t item_id;
	char *title;		/* the article's, untrusted */
	struct centry *e;
	size_t ne;
	size_t ncomments;	/* of e, the comment rows (the rest: outbox) */
	struct crow *rows;
	size_t nrows;
	int width;		/* laid out at; 0 = not yet */
	long top;
};

static const struct view_ops comments_ops;

static void
fmt_date(time_t t, char *out, size_t outlen)
{
	struct tm tm;

	out[0] = '\0';
	if (t > 0 && localtime_r(&t, &tm) != NULL)
		/* TRANSLATORS: strftime(3) format of a comment's date. */
		strftime(out, outlen, _("%Y-%m-%d %H:%M"), &tm);
}

static void
entries_free(struct vcomments *vc)
{
	for (size_t i = 0; i < vc->ne; i++) {
		free(vc->e[i].author);
		free(vc->e[i].meta);
		free(vc->e[i].html);
		if (vc->e[i].have_doc)
			html_doc_free(&vc->e[i].doc);
	}
	free(vc->e);
	vc->e = NULL;
	vc->ne = 0;
	free(vc->rows);
	vc->rows = NULL;
	vc->nrows = 0;
	vc->width = 0;
}

static struct centry *
add_entry(struct vcomments *vc)
{
	vc->e = xreallocarray(vc->e, vc->ne + 1, sizeof *vc->e);
	memset(&vc->e[vc->ne], 0, sizeof *vc->e);
	return &vc->e[vc->ne++];
}

static const char *
sep(void)
{
	return screen_utf8() ? " \xc2\xb7 " : " - ";
}

/* Does comment remote id rid belong to a sent outbox entry (the site's id
 * as "...#comment-N")? */
static bool
sent_by_us(const struct store_outbox_list *ob, const char *rid)
{
	const char *h = rid != NULL ? strrchr(rid, '#') : NULL;

	if (h == NULL || strncmp(h, "#comment-", 9) != 0)
		return false;
	for (size_t i = 0; i < ob->n; i++)
		if (ob->v[i].state == STORE_OUTBOX_SENT && ob->v[i].remote_id != NULL &&
		    strcmp(ob->v[i].remote_id, h + 9) == 0)
			return true;
	return false;
}

static void
load(struct vcomments *vc, struct app *app)
{
	struct store_comment_list cl = { 0 };
	struct store_outbox_list ob = { 0 };
	char date[32];
	time_t now = time(NULL);

	entries_free(vc);
	if (store_comments_list(app->store, vc->item_id, &cl) != 0 ||
	    store_outbox_list(app->store, vc->item_id, &ob) != 0) {
		status_msg(app->status, LOG_ERROR, "%s", store_errmsg(app->store));
		store_comment_list_clear(&cl);
		return;
	}
	/* Replies under their parent (thr:in-reply-to). */
	const char **ids = xcalloc(cl.n + 1, sizeof *ids), **parents = xcalloc(cl.n + 1,
	    sizeof *parents);
	size_t *order = xcalloc(cl.n + 1, sizeof *order);
	int *depth = xcalloc(cl.n + 1, sizeof *depth);
	for (size_t i = 0; i < cl.n; i++) {
		ids[i] = cl.v[i].remote_id;
		parents[i] = cl.v[i].parent;
	}
	comments_thread_order(ids, parents, cl.n, order, depth);
	for (size_t oi = 0; oi < cl.n; oi++) {
		const struct store_comment *c = &cl.v[order[oi]];
		struct centry *e = add_entry(vc);
		e->depth = depth[oi];
		e->wp_id = c->own_note ? 0 : comments_wp_comment_id(c->remote_id);
		fmt_date(c->date, date, sizeof date);
		if (c->own_note) {
			e->meta = xasprintf(_("you (note)%s%s"), *date ? sep() : "", date);
			e->meta_el = EL_COUNT;
		} else {
			e->author = xstrdup(c->author && *c->author ? c->author : _("(anonymous)"));
			bool ours = sent_by_us(&ob, c->remote_id);
			/* Held: sent, but the site shows it only once a moderator
			 * approves it (the comment feed then brings it). */
			e->meta = xasprintf("%s%s%s%s%s%s", *date ? sep() : "", date,
			    ours ? sep() : "", ours ? _("you") : "", ours || c->held ? sep() : "",
			    c->held ? _("awaiting moderation") : ours ? _("sent") : "");
			e->meta_el = c->held ? EL_WARNING : EL_DATE;
		}
		e->html = xstrdup(c->body ? c->body : "");
	}
	free(ids);
	free(parents);
	free(order);
	free(depth);
	vc->ncomments = vc->ne;
	for (size_t i = 0; i < ob.n; i++) {
		const struct store_outbox_entry *o = &ob.v[i];
		/* A sent comment is in the list above, under the site's id. */
		if (o->state == STORE_OUTBOX_SENT && o->remote_id != NULL)
			continue;
		struct centry *e = add_entry(vc);
		fmt_date(o->created_at, date, sizeof date);
		switch (o->state) {
		case STORE_OUTBOX_QUEUED:
			if (o->next_attempt > now)
				e->meta = xasprintf(_("you%squeued%snext try in %lld s%s%s"), sep(), sep(),
				    (long long)(o->next_attempt - now),
				    o->reason ? _(" after: ") : "", o->reason ? o->reason : "");
			else
				e->meta = xasprintf(_("you%squeued%s%s"), sep(), sep(), date);
			e->meta_el = EL_WARNING;
			break;
		case STORE_OUTBOX_SENDING:
			e->meta = xasprintf(_("you%ssending%s%s"), sep(), sep(), date);
			e->meta_el = EL_WARNING;
			break;
		case STORE_OUTBOX_SENT:
			e->meta = xasprintf(_("you%ssent%s%s"), sep(), sep(), date);
			e->meta_el = EL_COUNT;
			break;
		case STORE_OUTBOX_FAILED:
			e->meta = xasprintf(_("you%sfailed: %s"), sep(),
			    o->reason ? o->reason : _("unknown reason"));
			e->meta_el = EL_ERROR;
			break;
		}
		e->html = comments_text_to_html(o->body ? o->body : "");
	}
	store_comment_list_clear(&cl);
	store_outbox_list_clear(&ob);
}

/* A reply is indented two columns a level, at most four levels, and never
 * below half the width. */
static int
indent_of(const struct centry *e, int w)
{
	int d = e->depth < 4 ? e->depth : 4, in = 2 * d;

	return in < w / 2 ? in : 0;
}

static void
layout(struct vcomments *vc, int w)
{
	struct text_opts o;

	free(vc->rows);
	vc->rows = NULL;
	vc->nrows = 0;
	for (size_t i = 0; i < vc->ne; i++) {
		struct centry *e = &vc->e[i];
		screen_text_opts(&o, w - indent_of(e, w));
		struct html_opts ho = { .text = o, .lang = NULL, .base_url = NULL };
		char *err = NULL;
		if (e->have_doc)
			html_doc_free(&e->doc);
		e->have_doc = html_layout(e->html, strlen(e->html), &ho, &e->doc, &err) == 0;
		free(err);
		size_t need = vc->nrows + 2 + (e->have_doc ? e->doc.nlines : 0);
		vc->rows = xreallocarray(vc->rows, need, sizeof *vc->rows);
		vc->rows[vc->nrows++] = (struct crow){ i, -1 };
		for (size_t k = 0; e->have_doc && k < e->doc.nlines; k++)
			vc->rows[vc->nrows++] = (struct crow){ i, (long)k };
		vc->rows[vc->nrows++] = (struct crow){ i, -2 };
	}
	vc->width = w;
}

static void
fix_top(struct vcomments *vc, long h)
{
	if (vc->top > (long)vc->nrows - h)
		vc->top = (long)vc->nrows - h;
	if (vc->top < 0)
		vc->top = 0;
}

static void
draw_header(const struct centry *e, int y, int w, bool rtl)
{
	int x = indent_of(e, w);

	screen_fill(y, 0, w, colors_attr(EL_NORMAL));
	if (rtl) {
		/* Mirrored: the author at the right edge (less the indent), the
		 * meta to its left; a reply's sign to the author's right. */
		int end = w - x;
		if (e->depth > 0 && x >= 2)
			screen_text_ltr(y, end, 2, screen_utf8() ? " \xe2\x86\xb2" : " <",
			    colors_attr(EL_DIM));
		if (e->author != NULL) {
			int aw = text_width(e->author, strlen(e->author));
			if (aw > end / 2)
				aw = end / 2;
			if (aw > 0) {
				end -= aw;
				screen_field(y, end, aw, e->author, colors_attr(EL_FEED) | A_BOLD,
				    ALIGN_RIGHT);
			}
		}
		int mw = screen_width(e->meta);
		if (mw > end)
			mw = end;
		screen_text(y, end - mw, mw, e->meta, colors_attr(e->meta_el) | A_BOLD);
		return;
	}
	/* A reply says so in a sign too, not only by its indent. */
	if (e->depth > 0 && x >= 2)
		screen_text(y, x - 2, 2, screen_utf8() ? "\xe2\x86\xb3 " : "> ",
		    colors_attr(EL_DIM));
	if (e->author != NULL) {
		/* The author's name is fetched text: a field of its own. */
		int aw = text_width(e->author, strlen(e->author));
		if (aw > w / 2)
			aw = w / 2;
		if (aw > w - x)
			aw = w - x;
		if (aw > 0)
			x += screen_field(y, x, aw, e->author, colors_attr(EL_FEED) | A_BOLD,
			    ALIGN_START);
	}
	screen_text(y, x, w - x, e->meta, colors_attr(e->meta_el) | A_BOLD);
}

static void
comments_draw(struct view *v, struct app *app, int y, int h, int w)
{
	struct vcomments *vc = (struct vcomments *)v;

	if (vc->width != w)
		layout(vc, w);
	fix_top(vc, h);
	if (vc->nrows == 0) {
		const char *none = _("No comments yet. c writes one; r fetches again.");
		int nw = screen_width(none);
		if (nw > w - 2)
			nw = w - 2;
		screen_text(y + 1, app->rtl ? w - 2 - nw : 2, w - 2, none, colors_attr(EL_DIM));
		return;
	}
	for (int r = 0; r < h; r++) {
		long i = vc->top + r;
		if (i >= (long)vc->nrows)
			break;
		const struct crow *row = &vc->rows[i];
		const struct centry *e = &vc->e[row->entry];
		if (row->line == -1)
			draw_header(e, y + r, w, app->rtl);
		else if (row->line >= 0) {
			/* Mirrored, the indent is on the right. */
			int in = indent_of(e, w);
			screen_fill(y + r, app->rtl ? w - in : 0, in, colors_attr(EL_NORMAL));
			screen_line(y + r, app->rtl ? 0 : in, w - in, &e->doc.lines[row->line].line,
			    colors_attr(EL_NORMAL), NULL, 0);
		}
	}
}

static void
comments_title(struct view *v, struct app *app, struct view_title *t)
{
	struct vcomments *vc = (struct vcomments *)v;

	(void)app;
	snprintf(t->prefix, sizeof t->prefix, "%s", _("Comments: "));
	t->name = vc->title;
	snprintf(t->suffix, sizeof t->suffix, " (%zu%s)", vc->ncomments,
	    vc->ne > vc->ncomments ? _(", yours waiting below") : "");
}

static void
fetch(struct vcomments *vc, struct app *app, bool force)
{
	switch (comments_fetch(engage_comments(app), vc->item_id, force, time(NULL))) {
	case COMMENTS_FETCH_SUBMITTED:
		status_msg(app->status, LOG_INFO, _("loading comments..."));
		break;
	case COMMENTS_FETCH_NONE:
		if (force)
			status_msg(app->status, LOG_INFO, _("this article has no comment feed"));
		break;
	case COMMENTS_FETCH_OFFLINE:
		status_msg(app->status, LOG_INFO, _("offline: showing the stored comments"));
		break;
	case COMMENTS_FETCH_FRESH:
		break;
	case COMMENTS_FETCH_ERROR:
		status_msg(app->status, LOG_ERROR, "%s", store_errmsg(app->store));
		break;
	}
}

/* a in the pane: a reply to the first comment on the screen that the site
 * knows by id, in the composer over the article (the REST API's parent). */
static void
reply(struct vcomments *vc, struct app *app)
{
	int64_t id = vc->item_id, parent = 0;

	for (long r = vc->top; r >= 0 && r < vc->top + vc->v.last_h &&
	    (size_t)r < vc->nrows && parent <= 0; r++) {
		size_t k = vc->rows[r].entry;
		if (k < vc->ncomments)
			parent = vc->e[k].wp_id;
	}
	if (parent <= 0) {
		status_msg(app->status, LOG_INFO, "%s", _("no comment of the site on the screen to "
		    "reply to (scroll to it)"));
		return;
	}
	app_pop(app);	/* frees vc */
	engage_reply_next(app, parent);
	view_article_compose(app, id);
	status_msg(app->status, LOG_INFO, _("replying to comment %lld"), (long long)parent);
}

/* c in the pane: a failed comment comes back for editing when the draft
 * is empty; then the composer opens over the article. */
static void
compose(struct vcomments *vc, struct app *app)
{
	struct store_outbox_list ob = { 0 };
	char *draft = NULL, *err = NULL;
	int64_t id = vc->item_id, failed = 0;

	if (comments_draft_get(engage_comments(app), id, &draft) == 0 && draft == NULL &&
	    store_outbox_list(app->store, id, &ob) == 0) {
		for (size_t i = 0; i < ob.n; i++)
			if (ob.v[i].state == STORE_OUTBOX_FAILED)
				failed = ob.v[i].id;
		if (failed != 0 && comments_outbox_to_draft(engage_comments(app), failed, &err) != 0) {
			status_msg(app->status, LOG_ERROR, "%s", err);
			free(err);
		}
	}
	store_outbox_list_clear(&ob);
	free(draft);
	app_pop(app);	/* frees vc */
	view_article_compose(app, id);
}

static bool
comments_action(struct view *v, struct app *app, enum action a)
{
	struct vcomments *vc = (struct vcomments *)v;
	long h = v->last_h;

	switch (a) {
	case ACTION_UP:
		vc->top--;
		break;
	case ACTION_DOWN:
	case ACTION_OPEN:
		vc->top++;
		break;
	case ACTION_PAGE_UP:
		vc->top -= h > 2 ? h - 1 : 1;
		break;
	case ACTION_PAGE_DOWN:
		vc->top += h > 2 ? h - 1 : 1;
		break;
	case ACTION_TOP:
		vc->top = 0;
		break;
	case ACTION_BOTTOM:
		vc->top = (long)vc->nrows;
		break;
	case ACTION_RELOAD: {
		int n = engage_retry_now(app, vc->item_id);
		fetch(vc, app, true);
		if (n > 0)
			status_msg(app->status, LOG_INFO, P_("sending %d waiting comment now",
			    "sending %d waiting comments now", n), n);
		return true;
	}
	case ACTION_COMMENT:
		compose(vc, app);
		return true;
	case ACTION_REPLY:
		reply(vc, app);
		return true;
	case ACTION_COMMENTS:
		return true;
	case ACTION_LIKE:
	case ACTION_SHARE:
	case ACTION_REPOST:
		/* For the article below. */
		if (app->nviews >= 2) {
			struct view *below = app->views[app->nviews - 2];
			if (below->ops->action != NULL)
				return below->ops->action(below, app, a);
		}
		return false;
	default:
		return false;
	}
	fix_top(vc, h);
	return true;
}

static void
comments_refresh(struct view *v, struct app *app)
{
	struct vcomments *vc = (struct vcomments *)v;

	load(vc, app);
}

static void
comments_free_view(struct view *v)
{
	struct vcomments *vc = (struct vcomments *)v;

	entries_free(vc);
	free(vc->title);
	free(vc);
}

static const struct view_ops comments_ops = {
	.name = "comments",
	.draw = comments_draw,
	.title = comments_title,
	.action = comments_action,
	.reload = comments_refresh,
	.free = comments_free_view,
	.min_w = 20,
	.min_h = 4,
};

struct view *
view_comments_new(struct app *app, int64_t item_id)
{
	struct vcomments *vc = xcalloc(1, sizeof *vc);
	struct store_item it;

	vc->v.ops = &comments_ops;
	vc->v.last_h = app->rows > 2 ? app->rows - 2 : 1;
	vc->item_id = item_id;
	if (store_item_get(app->store, item_id, &it) == 0) {
		vc->title = xstrdup(it.title && *it.title ? it.title : _("(untitled)"));
		store_item_clear(&it);
	}
	load(vc, app);
	fetch(vc, app, false);
	return &vc->v;
}
