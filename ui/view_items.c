/*
 * Article lists: every feed, one feed, one tag, liked articles, and search
 * results. Rows come through an itemwin (only the rows near the cursor are
 * in memory). A row: an unread sign, the date, the title in its own field
 * (right-aligned when right-to-left, the direction as textdir.h decides
 * it) and, when the list spans feeds, the feed's name in another field. A
 * search result has a second line: a snippet of the matching text
 * (snippet.h) with the match highlighted.
 */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/load.h"
#include "filter/filter.h"
#include "html/html.h"
#include "search/searcher.h"
#include "store/comments.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "app.h"
#include "colors.h"
#include "engage.h"
#include "itemwin.h"
#include "limit.h"
#include "screen.h"
#include "snippet.h"
#include "status.h"
#include "textdir.h"
#include "view_article.h"
#include "view_comments.h"
#include "view_items.h"

struct vitems {
	struct view v;
	struct itemwin w;
	struct listnav nav;
	char *label;		/* untrusted (a feed title) or NULL */
	char *scope_key;	/* ui_state name of this list; NULL for search */
	int64_t total, unread;
	/* Search results: the snippets made so far, by item id (a search
	 * shows a few screens of rows; the cache is dropped when it fills). */
	struct snip { int64_t id; struct snippet s; } *snips;
	size_t nsnips;
	/* Search results come from the search thread (src/search) in steps;
	 * the rows shown are those of the last step. */
	unsigned gen;		/* the searcher_start() whose results we want */
	bool searching;		/* no final step yet */
	int64_t waiting;	/* items the last step could not see (not indexed) */
	int64_t items_then;	/* items in the cache when the search started */
	/* Filters (limit.h): a query feed's expression, the limit typed at
	 * the prompt, and the filter of both the list queries with (owned;
	 * w.scope.filter points at it). */
	char *query_expr, *limit;
	struct filter *filter;
};

static const struct view_ops items_ops;

/* Lines per row: a search result has its snippet under the title. */
static long
row_lines(const struct vitems *vi)
{
	return vi->w.query ? 2 : 1;
}

static void
snips_free(struct vitems *vi)
{
	for (size_t i = 0; i < vi->nsnips; i++)
		snippet_clear(&vi->snips[i].s);
	free(vi->snips);
	vi->snips = NULL;
	vi->nsnips = 0;
}

/* The snippet of a search result: the body's text, the author and the
 * comments, whichever the query matches first. NULL when the item cannot
 * be read. */
static const struct snippet *
snip_of(struct vitems *vi, struct app *app, int64_t id, size_t room)
{
	struct store_item it;
	struct store_comment_list cl = { 0 };
	const char **texts;
	char **owned;
	size_t n = 0;

	for (size_t i = 0; i < vi->nsnips; i++)
		if (vi->snips[i].id == id)
			return &vi->snips[i].s;
	if (vi->nsnips >= 256)
		snips_free(vi);
	if (store_item_get(app->store, id, &it) != 0)
		return NULL;
	if (store_comments_list(app->store, id, &cl) != 0)
		cl.n = 0;
	texts = xcalloc(2 + cl.n * 2, sizeof *texts);
	owned = xcalloc(2 + cl.n, sizeof *owned);
	const char *body = it.content && *it.content ? it.content : it.summary;
	if (body != NULL)
		texts[n++] = owned[0] = html_text(body, strlen(body));
	texts[n++] = it.author;
	for (size_t i = 0; i < cl.n; i++) {
		texts[n++] = cl.v[i].author;
		if (cl.v[i].body != NULL)
			texts[n++] = owned[1 + i] = html_text(cl.v[i].body, strlen(cl.v[i].body));
	}
	vi->snips = xreallocarray(vi->snips, vi->nsnips + 1, sizeof *vi->snips);
	vi->snips[vi->nsnips].id = id;
	snippet_make(vi->w.query, texts, n, room, &vi->snips[vi->nsnips].s);
	for (size_t i = 0; i < 1 + cl.n; i++)
		free(owned[i]);
	free(owned);
	free(texts);
	store_comment_list_clear(&cl);
	store_item_clear(&it);
	return &vi->snips[vi->nsnips++].s;
}

/* The snippet laid out by the engine (so Arabic reads right), its first
 * line in [x, x + w) of row y, matches highlighted, dimmed. */
static void
draw_snip(const struct snippet *sn, int y, int x, int w, attr_t base)
{
	struct text_opts o;
	struct text_lines l;

	if (sn == NULL || w <= 0 || sn->text[0] == '\0')
		return;
	screen_text_opts(&o, w);
	o.strip_bidi = true;
	o.dir = text_majority_strong(sn->text, strlen(sn->text));
	if (text_layout_paragraph(sn->text, strlen(sn->text), sn->spans, sn->nspans, &o,
	    &l) != 0)
		return;
	if (l.nlines > 0)
		screen_line(y, x, w, &l.lines[0], base, NULL, 0);
	text_lines_free(&l);
}

static void
fail(struct app *app)
{
	status_msg(app->status, LOG_ERROR, "%s", store_errmsg(app->store));
}

static void
counts(struct vitems *vi, struct app *app)
{
	if (vi->w.query) {
		vi->total = (int64_t)vi->w.hits.n;
		return;
	}
	if (store_items_count(app->store, &vi->w.scope, &vi->total, &vi->unread) != 0)
		fail(app);
}

static void search_begin(struct vitems *vi, struct app *app);

static void
items_refresh(struct view *v, struct app *app)
{
	struct vitems *vi = (struct vitems *)v;

	snips_free(vi);
	if (vi->w.query) {
		/* Search again when the answer may have changed: it was
		 * stopped (another search ran), it could not see items not
		 * yet indexed, or items came or went. The rows stay until the
		 * new answer comes. */
		int64_t now = -1;
		bool running = vi->searching && app->search_gen == vi->gen;
		store_items_count(app->store, &vi->w.scope, &now, NULL);
		/* A search still running is left to finish (a long reload
		 * would otherwise restart it at every refresh); its answer
		 * checks the count again. */
		if (!running && (vi->searching || vi->waiting > 0 || now != vi->items_then))
			search_begin(vi, app);
	}
	if (itemwin_reload(&vi->w, app->store, &vi->nav, v->last_h) != 0)
		fail(app);
	counts(vi, app);
}

static void
items_title(struct view *v, struct app *app, struct view_title *t)
{
	struct vitems *vi = (struct vitems *)v;

	(void)app;
	if (vi->w.query) {
		snprintf(t->prefix, sizeof t->prefix, "%s", _("Search: "));
		t->name = vi->w.query;
		if (vi->searching)
			snprintf(t->suffix, sizeof t->suffix, "%s", _(" (searching...)"));
		else {
			int k = snprintf(t->suffix, sizeof t->suffix,
			    P_(" (%lld result)", " (%lld results)", vi->total),
			    (long long)vi->total);
			if (vi->waiting > 0 && k > 0 && (size_t)k < sizeof t->suffix)
				snprintf(t->suffix + k, sizeof t->suffix - (size_t)k, "%s",
				    _(", indexing new articles..."));
		}
		return;
	}
	switch (vi->w.scope.kind) {
	case STORE_SCOPE_ALL:
		if (vi->query_expr != NULL) {
			snprintf(t->prefix, sizeof t->prefix, "%s", _("Query: "));
			t->name = vi->label;
			break;
		}
		snprintf(t->prefix, sizeof t->prefix, "%s", _("All articles"));
		break;
	case STORE_SCOPE_TAG:
		snprintf(t->prefix, sizeof t->prefix, "%s", _("Tag: "));
		t->name = vi->label;
		break;
	case STORE_SCOPE_LIKED:
		snprintf(t->prefix, sizeof t->prefix, "%s", _("Liked articles"));
		break;
	default:
		snprintf(t->prefix, sizeof t->prefix, "%s", _("Feed: "));
		t->name = vi->label;
		break;
	}
	const char *hidden = vi->w.scope.unread_only ? _(", read articles hidden") : "";
	/* The position, when the window touches an end of the list (always
	 * for lists of up to a couple of thousand rows; in the middle of a
	 * huge one it would cost a count per move, so it is left out). */
	int64_t pos = -1, shown = vi->total;
	if (vi->w.scope.unread_only) {
		/* Rows shown are not counted: a position only when all are in hand. */
		shown = (int64_t)vi->w.n;
		if (vi->w.n > 0 && vi->w.at_start && vi->w.at_end)
			pos = vi->nav.cur + 1;
	} else if (vi->w.n > 0 && vi->w.at_start)
		pos = vi->nav.cur + 1;
	else if (vi->w.n > 0 && vi->w.at_end)
		pos = vi->total - (int64_t)vi->w.n + vi->nav.cur + 1;
	if (pos >= 1 && pos <= shown)
		snprintf(t->suffix, sizeof t->suffix, _(" (%lld unread, %lld in all%s)  %lld/%lld"),
		    (long long)vi->unread, (long long)vi->total, hidden, (long long)pos,
		    (long long)shown);
	else
		snprintf(t->suffix, sizeof t->suffix, _(" (%lld unread, %lld in all%s)"),
		    (long long)vi->unread, (long long)vi->total, hidden);
	limit_title(t->suffix, sizeof t->suffix, vi->limit);
}

/* The default of date-format (src/config/settings.c); translated, as the
 * Arabic interface writes dates with month names. */
/* TRANSLATORS: strftime(3) format of the dates in the article list. */
#define DEFAULT_DATE_FORMAT N_("%Y-%m-%d")

/* The user's date-format; a format from the config is data, not a literal. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
format_date(char *out, size_t outlen, const char *fmt, const struct tm *tm)
{
	if (strftime(out, outlen, fmt, tm) == 0)
		out[0] = '\0';
}
#pragma GCC diagnostic pop

static void
items_draw(struct view *v, struct app *app, int y, int h, int w)
{
	struct vitems *vi = (struct vitems *)v;
	const char *fmt = app->cfg->config->date_format;
	bool show_feed = vi->w.scope.kind != STORE_SCOPE_FEED || vi->w.query;
	int feedw = show_feed && w >= 50 ? (w >= 100 ? 24 : 16) : 0;
	/* Mirrored: the signs on the right edge, the title starting at the
	 * right, the date then the feed on the left. */
	bool rtl = app->rtl;
	enum screen_align al = rtl ? ALIGN_RIGHT : ALIGN_START;
	char dates[256][64];
	int datew = 0;

	/* The default date format is the language's (Arabic month names
	 * through the locale); one set in the config is kept as it is. */
	if (strcmp(fmt, DEFAULT_DATE_FORMAT) == 0)
		fmt = _(DEFAULT_DATE_FORMAT);
	long lines = row_lines(vi);
	int screen_h = h;

	/* Rows, not screen lines, from here on (also for the keys' paging). */
	h = h / (int)lines > 0 ? h / (int)lines : 1;
	v->last_h = h;
	if (itemwin_settle(&vi->w, app->store, &vi->nav, h) != 0)
		fail(app);
	if (vi->w.n == 0) {
		const char *none = vi->w.query && vi->searching ? _("Searching...") :
		    vi->w.query || vi->limit ? _("No articles match.") :
		    vi->w.scope.kind == STORE_SCOPE_LIKED ?
		    _("No liked articles yet. l on an article likes it.") :
		    _("No articles here yet. r reloads, R reloads every feed.");
		int nw = screen_width(none);
		if (nw > w - 2)
			nw = w - 2;
		screen_text(y + 1, rtl ? w - 2 - nw : 2, w - 2, none, colors_attr(EL_DIM));
		return;
	}
	/* One date column as wide as the widest visible date. */
	for (int r = 0; r < h && r < 256 && vi->nav.top + r < (long)vi->w.n; r++) {
		struct tm tm;
		time_t t = vi->w.v[vi->nav.top + r].date;
		dates[r][0] = '\0';
		if (localtime_r(&t, &tm) != NULL)
			format_date(dates[r], sizeof dates[r], fmt, &tm);
		int dw = screen_width(dates[r]);
		if (dw > datew)
			datew = dw;
	}
	if (datew > w / 3)
		datew = w / 3;
	for (int rr = 0; rr < h; rr++) {
		long i = vi->nav.top + rr;
		int r = rr * (int)lines;
		if (i >= (long)vi->w.n || r >= screen_h)
			break;
		const struct store_item_summary *it = &vi->w.v[i];
		bool sel = i == vi->nav.cur;
		attr_t base = sel ? colors_attr(EL_SELECTED) : colors_attr(EL_NORMAL);
		attr_t strong = it->read ? 0 : A_BOLD;
		char more[64] = "";
		const char *date = rr < 256 ? dates[rr] : more;
		int x = 0;

		if (rr >= 256) {	/* a taller terminal than the measured rows */
			struct tm tm;
			time_t t = it->date;
			if (localtime_r(&t, &tm) != NULL)
				format_date(more, sizeof more, fmt, &tm);
		}

		screen_fill(y + r, 0, w, base);
		/* Unread is a sign too, not only bold. */
		screen_text(y + r, rtl ? w - 1 : x, 1,
		    it->read ? " " : (screen_utf8() ? "\xe2\x97\x8f" : "N"), base | strong);
		if (it->liked)	/* liked: a heart (or L) next to the unread sign */
			screen_text(y + r, rtl ? w - 2 : x + 1, 1,
			    screen_utf8() ? "\xe2\x99\xa5" : "L", base);
		x += 3;	/* the two signs, then a space before the date */
		int dw = screen_width(date);
		if (dw > datew)
			dw = datew;
		/* Right-to-left dates line up on their right, the start of their text. */
		screen_text(y + r, rtl ? datew - dw : x, dw, date, sel ? base : colors_attr(EL_DATE));
		x += datew + (datew ? 2 : 0);
		int titlew = w - x - (feedw ? feedw + 2 : 0) - 1;
		if (rtl)
			x = w - 3 - titlew;
		const char *title = it->title && *it->title ? it->title : _("(untitled)");
		screen_field_dir(y + r, x, titlew, title, base | strong,
		    rtl ? ALIGN_RIGHT : ALIGN_AUTO,
		    ui_title_dir(app->cfg->config, it->language, it->feed_url, title));
		if (feedw)
			screen_field(y + r, rtl ? datew + 2 : w - feedw - 1, feedw, it->feed_title,
			    sel ? base : colors_attr(EL_FEED), al);
		if (lines > 1 && r + 1 < screen_h) {
			screen_fill(y + r + 1, 0, w, base);
			draw_snip(snip_of(vi, app, it->id, w > 14 ? (size_t)w - 8 : 8), y + r + 1,
			    rtl ? 2 : 4, w - 6, sel ? base : colors_attr(EL_DIM));
		}
	}
}

static void
open_selected(struct vitems *vi, struct app *app)
{
	if (vi->w.n == 0)
		return;
	app_push(app, view_article_new(app, vi->w.v[vi->nav.cur].id, vi->w.query));
}

/* Move to the item with key (loading around it when outside the window). */
static void
goto_key(struct vitems *vi, struct app *app, struct store_item_key key)
{
	long h = vi->v.last_h;

	for (size_t i = 0; i < vi->w.n; i++) {
		if (vi->w.v[i].id == key.id) {
			vi->nav.cur = (long)i;
			listnav_fix(&vi->nav, (long)vi->w.n, h);
			itemwin_settle(&vi->w, app->store, &vi->nav, h);
			return;
		}
	}
	long idx;
	if (itemwin_load_around(&vi->w, app->store, key, &idx) != 0) {
		fail(app);
		return;
	}
	vi->nav.cur = idx;
	vi->nav.top = idx - h / 2;
	itemwin_settle(&vi->w, app->store, &vi->nav, h);
}

bool
view_items_step(struct view *v, struct app *app, int how, long long *item_id)
{
	struct vitems *vi = (struct vitems *)v;
	long h = v->last_h;

	if (v->ops != &items_ops || vi->w.n == 0)
		return false;
	if (how == 1 || how == -1) {
		if (vi->nav.cur + how < 0 || vi->nav.cur + how >= (long)vi->w.n)
			return false;
		listnav_move(&vi->nav, how, (long)vi->w.n, h);
		itemwin_settle(&vi->w, app->store, &vi->nav, h);
	} else {
		struct store_item_key key;
		if (!itemwin_find_unread(&vi->w, app->store, &vi->nav, how > 0 ? 1 : -1, &key))
			return false;
		goto_key(vi, app, key);
	}
	*item_id = vi->w.v[vi->nav.cur].id;
	return true;
}

static void
mark_scope_read(struct vitems *vi, struct app *app)
{
	struct store_feed *f;
	size_t n;

	if (vi->w.scope.filter != NULL && !vi->w.query) {
		/* Every matching unread article, a page at a time. */
		struct store_scope sc = vi->w.scope;
		struct store_item_list l = { 0 };
		struct store_item_key key = STORE_KEY_TOP;
		sc.unread_only = true;
		while (store_items_page(app->store, &sc, key, STORE_OLDER, 256, &l) == 0 &&
		    l.n > 0) {
			key = store_item_summary_key(&l.v[l.n - 1]);
			for (size_t i = 0; i < l.n; i++)
				app_item_read(app, l.v[i].id, true);
		}
		store_item_list_clear(&l);
		return;
	}
	if (vi->w.scope.kind == STORE_SCOPE_FEED) {
		app_feed_read(app, vi->w.scope.feed_id);
		return;
	}
	if (vi->w.query || vi->w.scope.kind == STORE_SCOPE_LIKED) {
		/* Only the rows in hand: these lists cross feeds arbitrarily. */
		for (size_t i = 0; i < vi->w.n; i++)
			if (!vi->w.v[i].read)
				app_item_read(app, vi->w.v[i].id, true);
		return;
	}
	if (store_feed_list(app->store, &f, &n) != 0) {
		fail(app);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		bool in = vi->w.scope.kind == STORE_SCOPE_ALL;
		if (!in && f[i].tags) {
			char *padded = xasprintf(" %s ", f[i].tags);
			char *needle = xasprintf(" %s ", vi->w.tag);
			in = strstr(padded, needle) != NULL;
			free(padded);
			free(needle);
		}
		if (in && f[i].unread > 0)
			app_feed_read(app, f[i].id);
	}
	store_feed_list_free(&f, n);
}

static void
reload_scope(struct vitems *vi, struct app *app)
{
	struct store_feed *f;
	size_t n, k = 0;

	if (vi->w.scope.kind == STORE_SCOPE_ALL || vi->w.query) {
		app_reload_all(app);
		return;
	}
	if (store_feed_list(app->store, &f, &n) != 0) {
		fail(app);
		return;
	}
	const char **urls = xcalloc(n + 1, sizeof *urls);
	for (size_t i = 0; i < n; i++) {
		bool in = false;
		if (urls_list_find(app->cfg->urls, f[i].url) < 0)
			continue;
		if (vi->w.scope.kind == STORE_SCOPE_FEED)
			in = f[i].id == vi->w.scope.feed_id;
		else if (vi->w.scope.kind == STORE_SCOPE_TAG && f[i].tags) {
			char *padded = xasprintf(" %s ", f[i].tags);
			char *needle = xasprintf(" %s ", vi->w.tag);
			in = strstr(padded, needle) != NULL;
			free(padded);
			free(needle);
		} else
			in = true;
		if (in)
			urls[k++] = f[i].url;
	}
	app_reload(app, urls, k);
	free(urls);
	store_feed_list_free(&f, n);
}

/* Query with the list's own expression and limit (NULL: none); false,
 * the list as it was, when the limit does not parse. */
static bool
set_limit(struct vitems *vi, struct app *app, const char *limit)
{
	struct filter *f;

	if (!limit_build(app, vi->query_expr, limit, &f))
		return false;
	filter_free(&vi->filter);
	vi->filter = f;
	vi->w.scope.filter = f;
	free(vi->limit);
	vi->limit = xstrdup_null(limit);
	if (itemwin_load_top(&vi->w, app->store) != 0)
		fail(app);
	vi->nav.cur = vi->nav.top = 0;
	counts(vi, app);
	return true;
}

static void
limit_done(struct app *app, const char *text)
{
	struct view *v = app_top(app);

	app->dirty = true;
	if (text == NULL || v->ops != &items_ops)
		return;
	/* An empty expression clears the limit. */
	set_limit((struct vitems *)v, app, *text != '\0' ? text : NULL);
}

/*
 * show-read-articles: the list hides read articles or shows them again,
 * the cursor on the same article or, when it is hidden now, the next one
 * down. Articles read from now on stay listed until the list is left
 * (read_since), so the cursor never jumps under the reader.
 */
static void
set_hide_read(struct vitems *vi, bool hide)
{
	vi->w.scope.unread_only = hide;
	vi->w.scope.read_since = hide ? time(NULL) : 0;
}

static void
toggle_show_read(struct vitems *vi, struct app *app)
{
	struct store_item_key key = STORE_KEY_TOP;
	long row = vi->nav.cur - vi->nav.top;

	app->show_read_articles = !app->show_read_articles;
	set_hide_read(vi, !app->show_read_articles);
	if (vi->w.n > 0)
		key = store_item_summary_key(&vi->w.v[vi->nav.cur]);
	snips_free(vi);
	if (key.id == INT64_MAX) {
		if (itemwin_load_top(&vi->w, app->store) != 0)
			fail(app);
		vi->nav.cur = vi->nav.top = 0;
	} else {
		long idx;
		if (itemwin_load_around(&vi->w, app->store, key, &idx) != 0)
			fail(app);
		if (idx >= (long)vi->w.n)	/* nothing below: the last one */
			idx = (long)vi->w.n - 1;
		vi->nav.cur = idx < 0 ? 0 : idx;
		vi->nav.top = vi->nav.cur - row;
	}
	if (itemwin_settle(&vi->w, app->store, &vi->nav, vi->v.last_h) != 0)
		fail(app);
	counts(vi, app);
	status_msg(app->status, LOG_INFO, "%s", app->show_read_articles ?
	    _("showing read articles") : _("hiding read articles"));
}

static bool
items_action(struct view *v, struct app *app, enum action a)
{
	struct vitems *vi = (struct vitems *)v;
	long h = v->last_h, n = (long)vi->w.n;
	long long id;

	switch (a) {
	case ACTION_UP:
		listnav_move(&vi->nav, -1, n, h);
		break;
	case ACTION_DOWN:
		listnav_move(&vi->nav, 1, n, h);
		break;
	case ACTION_PAGE_UP:
		listnav_move(&vi->nav, -(h > 2 ? h - 1 : 1), n, h);
		break;
	case ACTION_PAGE_DOWN:
		listnav_move(&vi->nav, h > 2 ? h - 1 : 1, n, h);
		break;
	case ACTION_TOP:
		if (itemwin_load_top(&vi->w, app->store) != 0)
			fail(app);
		vi->nav.cur = vi->nav.top = 0;
		break;
	case ACTION_BOTTOM:
		if (itemwin_load_bottom(&vi->w, app->store) != 0)
			fail(app);
		vi->nav.cur = (long)vi->w.n - 1;
		vi->nav.top = vi->nav.cur;
		break;
	case ACTION_OPEN:
		open_selected(vi, app);
		return true;
	case ACTION_NEXT_UNREAD:
	case ACTION_PREV_UNREAD:
		if (!view_items_step(v, app, a == ACTION_NEXT_UNREAD ? 2 : -2, &id))
			status_msg(app->status, LOG_INFO, _("no more unread articles"));
		return true;
	case ACTION_TOGGLE_READ:
		if (n > 0) {
			struct store_item_summary *it = &vi->w.v[vi->nav.cur];
			/* Refused: the row keeps the stored state, the cursor
			 * stays on it. */
			if (!app_item_read(app, it->id, !it->read))
				break;
			it->read = !it->read;
			counts(vi, app);
			listnav_move(&vi->nav, 1, n, h);
		}
		break;
	case ACTION_SET_FILTER:
		if (vi->w.query)
			return false;
		limit_prompt(app, limit_done);
		return true;
	case ACTION_CLEAR_FILTER:
		if (vi->limit != NULL)
			set_limit(vi, app, NULL);
		return true;
	case ACTION_MARK_FEED_READ:
		mark_scope_read(vi, app);
		app->data_changed = true;
		return true;
	case ACTION_TOGGLE_SHOW_READ:
		if (vi->w.query)
			return false;
		toggle_show_read(vi, app);
		return true;
	case ACTION_RELOAD:
		reload_scope(vi, app);
		return true;
	case ACTION_OPEN_BROWSER:
		if (n > 0)
			app_open_url(app, vi->w.v[vi->nav.cur].link);
		return true;
	case ACTION_COMMENTS:
		if (n == 0)
			return false;
		app_push(app, view_comments_new(app, vi->w.v[vi->nav.cur].id));
		return true;
	case ACTION_COMMENT:
		/* The article opens with its composer. */
		if (n == 0)
			return false;
		view_article_compose(app, vi->w.v[vi->nav.cur].id);
		return true;
	case ACTION_LIKE:
	case ACTION_SHARE:
	case ACTION_REPOST:
		/* On the selected article (engage.h). */
		if (n == 0)
			return false;
		return engage_action(app, a, &(struct engage_target){
		    .item_id = vi->w.v[vi->nav.cur].id, .url = vi->w.v[vi->nav.cur].link,
		    .title = vi->w.v[vi->nav.cur].title, .liked = &vi->w.v[vi->nav.cur].liked });
	default:
		return false;
	}
	if (itemwin_settle(&vi->w, app->store, &vi->nav, h) != 0)
		fail(app);
	return true;
}

static void
items_click(struct view *v, struct app *app, int row, bool dbl)
{
	struct vitems *vi = (struct vitems *)v;
	long i = vi->nav.top + row / row_lines(vi);

	if (i < 0 || i >= (long)vi->w.n)
		return;
	vi->nav.cur = i;
	if (dbl)
		open_selected(vi, app);
}

static void
items_save(struct view *v, struct app *app)
{
	struct vitems *vi = (struct vitems *)v;

	/* Leaving a search still running: the thread stops it. */
	if (vi->w.query && vi->searching && app->searcher != NULL) {
		searcher_cancel(app->searcher);
		vi->searching = false;
	}
	if (vi->scope_key == NULL || vi->w.n == 0)
		return;
	const struct store_item_summary *it = &vi->w.v[vi->nav.cur];
	char *key = xasprintf("pos:%s", vi->scope_key);
	char *val = xasprintf("%lld:%" PRId64 ":%ld", (long long)it->date, it->id,
	    vi->nav.cur - vi->nav.top);
	app_state_put(app, key, val);
	free(key);
	free(val);
}

static void
items_free(struct view *v)
{
	struct vitems *vi = (struct vitems *)v;

	itemwin_free(&vi->w);
	snips_free(vi);
	free(vi->label);
	free(vi->scope_key);
	free(vi->query_expr);
	free(vi->limit);
	filter_free(&vi->filter);
	free(vi);
}

static const struct view_ops items_ops = {
	.name = "items",
	.draw = items_draw,
	.title = items_title,
	.action = items_action,
	.click = items_click,
	.reload = items_refresh,
	.save = items_save,
	.free = items_free,
	.min_w = 20,
	.min_h = 4,
};

const char *
view_items_scope_key(struct view *v)
{
	return v->ops == &items_ops ? ((struct vitems *)v)->scope_key : NULL;
}

static struct vitems *
items_alloc(struct app *app)
{
	struct vitems *vi = xcalloc(1, sizeof *vi);

	vi->v.ops = &items_ops;
	vi->v.last_h = app->rows > 2 ? app->rows - 2 : 1;
	return vi;
}

/* Kill rules in display mode hold in every list. */
static void
items_hide(struct vitems *vi, struct app *app)
{
	vi->w.scope.hide = app->hide;
}

struct view *
view_items_new(struct app *app, int kind, long long feed_id, const char *tag,
    const char *label)
{
	struct vitems *vi = items_alloc(app);
	char *pos;
	long long date, id;
	long row;

	itemwin_init(&vi->w, kind, feed_id, tag, NULL);
	items_hide(vi, app);
	set_hide_read(vi, !app->show_read_articles);
	vi->label = xstrdup_null(label);
	switch (kind) {
	case STORE_SCOPE_FEED:
		vi->scope_key = xasprintf("feed:%lld", feed_id);
		break;
	case STORE_SCOPE_TAG:
		vi->scope_key = xasprintf("tag:%s", tag);
		break;
	case STORE_SCOPE_LIKED:
		vi->scope_key = xstrdup("liked");
		break;
	default:
		vi->scope_key = xstrdup("all");
		break;
	}
	char *k = xasprintf("pos:%s", vi->scope_key);
	pos = app_state_get(app, k);
	free(k);
	if (pos != NULL && sscanf(pos, "%lld:%lld:%ld", &date, &id, &row) == 3) {
		long idx;
		struct store_item_key key = { (time_t)date, (int64_t)id };
		if (itemwin_load_around(&vi->w, app->store, key, &idx) != 0)
			fail(app);
		vi->nav.cur = idx;
		vi->nav.top = idx - row;
	} else if (itemwin_load_top(&vi->w, app->store) != 0)
		fail(app);
	free(pos);
	if (itemwin_settle(&vi->w, app->store, &vi->nav, vi->v.last_h) != 0)
		fail(app);
	counts(vi, app);
	return &vi->v;
}

/* Ask the search thread (started on the first search) for the results;
 * without a thread, search here. */
static void
search_begin(struct vitems *vi, struct app *app)
{
	vi->items_then = -1;
	store_items_count(app->store, &vi->w.scope, &vi->items_then, NULL);
	if (app->searcher == NULL) {
		char *err = NULL;
		app->searcher = searcher_new(app->cfg->cache_path, &err);
		free(err);
	}
	if (app->searcher != NULL) {
		vi->gen = app->search_gen = searcher_start(app->searcher, vi->w.query);
		vi->searching = true;
		return;
	}
	struct store_search_hits h = { 0 };
	if (store_search_ids(app->store, vi->w.query, 0, NULL, NULL, &h) != 0)
		fail(app);
	itemwin_set_hits(&vi->w, &h);
	vi->searching = false;
	vi->waiting = 0;
	if (itemwin_reload(&vi->w, app->store, &vi->nav, vi->v.last_h) != 0)
		fail(app);
	counts(vi, app);
}

void
view_search_result(struct app *app, struct search_result *r)
{
	struct vitems *vi = NULL;

	for (int i = 0; i < app->nviews && vi == NULL; i++) {
		struct vitems *c = (struct vitems *)app->views[i];
		if (c->v.ops == &items_ops && c->w.query && c->searching && c->gen == r->gen)
			vi = c;
	}
	if (vi == NULL) {
		search_result_free(r);
		return;
	}
	vi->searching = !r->final;
	vi->waiting = r->waiting;
	if (r->error != NULL)
		status_msg(app->status, LOG_ERROR, _("search failed: %s"), r->error);
	else {
		/* The cursor keeps its row; the rows under it are the new answer's. */
		snips_free(vi);
		itemwin_set_hits(&vi->w, &r->hits);
		if (itemwin_reload(&vi->w, app->store, &vi->nav, vi->v.last_h) != 0)
			fail(app);
		counts(vi, app);
		if (r->final && vi->w.hits.n == 0)
			status_msg(app->status, LOG_INFO, _("nothing found"));
	}
	bool final = r->final && r->error == NULL;
	search_result_free(r);
	/* Items came or went while it ran: once more, with them. */
	int64_t now = -1;
	if (final && store_items_count(app->store, &vi->w.scope, &now, NULL) == 0 &&
	    now != vi->items_then)
		search_begin(vi, app);
	app->dirty = true;
}

struct view *
view_query_new(struct app *app, const char *title, const char *expr)
{
	struct vitems *vi = items_alloc(app);

	itemwin_init(&vi->w, STORE_SCOPE_ALL, 0, NULL, NULL);
	items_hide(vi, app);
	vi->label = xstrdup(title);
	vi->scope_key = xasprintf("query:%s", title);
	vi->query_expr = xstrdup(expr);
	/* The urls file's expression was checked when it was read; were it
	 * bad after all, the list stays empty, never unfiltered. */
	if (!limit_build(app, expr, NULL, &vi->filter) || vi->filter == NULL)
		return &vi->v;
	vi->w.scope.filter = vi->filter;
	if (itemwin_load_top(&vi->w, app->store) != 0)
		fail(app);
	if (itemwin_settle(&vi->w, app->store, &vi->nav, vi->v.last_h) != 0)
		fail(app);
	counts(vi, app);
	return &vi->v;
}

struct view *
view_search_new(struct app *app, const char *query)
{
	struct vitems *vi = items_alloc(app);

	itemwin_init(&vi->w, STORE_SCOPE_ALL, 0, NULL, query);
	search_begin(vi, app);
	return &vi->v;
}
