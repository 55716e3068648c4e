/*
 * The article view: the title (wrapped, bold), a byline (date, feed,
 * author, each in its own field), a blank line, then the body exactly as
 * `newsreader render` prints it at the same width (html_layout, links
 * listed at the end). The lines are laid out once per width; scrolling only
 * repaints. Search matches are highlighted through the cells' logical
 * offsets, so they land on the right cells in right-to-left text too.
 *
 * Full text: `f` switches the body between the feed's text and the article
 * extracted from the item's web page (store/pages.h), laid out the same
 * way. A page not stored yet is asked of the driver and the view waits
 * without blocking; view_article_page_done() brings the outcome. A page
 * that failed leaves the feed's text in place and says why. The title bar
 * says which text is shown.
 */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/load.h"
#include "driver/driver.h"
#include "html/html.h"
#include "download/download.h"
#include "store/enclosures.h"
#include "store/pages.h"
#include "store/store.h"
#include "text/text.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "app.h"
#include "colors.h"
#include "downloads.h"
#include "engage.h"
#include "engage_compose.h"
#include "panel.h"
#include "screen.h"
#include "status.h"
#include "textdir.h"
#include "view_article.h"
#include "view_comments.h"
#include "view_items.h"
#include "view_token.h"

/* A highlight: logical range of paragraph para (para -1: the title). */
struct hl {
	long para;
	size_t start, end;
};

struct varticle {
	struct view v;
	struct store_item item;
	bool loaded;
	char *query;		/* search words to highlight, or NULL */
	int width;		/* the width the lines were laid out at; 0 = none */
	struct text_lines title;
	struct html_doc doc;
	bool have_doc;
	struct hl *hl;
	size_t nhl;
	long top;		/* first visible line of the whole article */
	long anchor_para;	/* paragraph at top, kept across re-layouts */
	int x0;			/* the text's first column (the market panel's beside it) */
	bool full;		/* the body shown is page.html */
	bool waiting;		/* the page was asked for; its outcome will come */
	struct store_page page;	/* ok when have_page */
	bool have_page;
	/* Enclosures, listed under the body: a blank line, a heading, one
	 * line each; enc_sel is the selected one (-1: none yet). */
	struct store_enclosure *encs;
	size_t nencs;
	long enc_sel;
};

enum { HEADER_GAP = 2 };	/* the byline and the engagement bar after the title */

/* Lines of the enclosure list (0 when none). */
static long
enc_lines(const struct varticle *va)
{
	return va->nencs > 0 ? (long)va->nencs + 2 : 0;
}

/* The first line of the enclosure list in the whole article. */
static long
enc_first(const struct varticle *va)
{
	return (long)va->title.nlines + HEADER_GAP + (va->have_doc ? (long)va->doc.nlines : 0);
}

static long
total_lines(const struct varticle *va)
{
	return enc_first(va) + enc_lines(va);
}

static void
layout_free(struct varticle *va)
{
	if (va->width) {
		text_lines_free(&va->title);
		if (va->have_doc)
			html_doc_free(&va->doc);
	}
	va->have_doc = false;
	free(va->hl);
	va->hl = NULL;
	va->nhl = 0;
	va->width = 0;
}

static void
add_hl(struct varticle *va, long para, size_t start, size_t end)
{
	va->hl = xreallocarray(va->hl, va->nhl + 1, sizeof *va->hl);
	va->hl[va->nhl++] = (struct hl){ para, start, end };
}

/* Highlight what the search matched in the logical text of a paragraph:
 * the same rules as the search itself (store_search_find: harakat, alef
 * forms, case, light stems, quoted phrases). */
static void
find_matches(struct varticle *va, long para, const char *text, size_t len)
{
	struct store_range r[64];
	size_t n = store_search_find(va->query, text, len, r, 64);

	for (size_t i = 0; i < n; i++)
		add_hl(va, para, r[i].start, r[i].end);
}

static void
layout(struct varticle *va, struct app *app, int w)
{
	struct text_opts o;
	const struct store_item *it = &va->item;
	const char *title = it->title && *it->title ? it->title : _("(untitled)");
	const char *body = it->content && *it->content ? it->content : it->summary;
	char *err = NULL;

	if (va->full && va->have_page)
		body = va->page.html;

	layout_free(va);
	screen_text_opts(&o, w);
	/* The title's look comes from the base attribute at paint time. Its
	 * direction and the body's follow the item's language and the feed's
	 * direction setting (textdir.h). */
	o.dir = ui_title_dir(app->cfg->config, it->language, it->feed_url, title);
	text_layout_paragraph(title, strlen(title), NULL, 0, &o, &va->title);
	o.dir = TEXT_DIR_AUTO;
	if (body != NULL && *body != '\0') {
		/* The options `render` uses, so both show the same lines, with
		 * the language and the direction setting (links are already
		 * absolute in the store). */
		int set = config_feed_direction(app->cfg->config, it->feed_url);
		struct html_opts ho = { .text = o, .lang = it->language, .base_url = NULL,
			.setting_dir = set == CONFIG_DIR_RTL ? TEXT_DIR_RTL :
			    set == CONFIG_DIR_LTR ? TEXT_DIR_LTR : TEXT_DIR_AUTO };
		if (html_layout(body, strlen(body), &ho, &va->doc, &err) == 0)
			va->have_doc = true;
		else {
			status_msg(app->status, LOG_ERROR, _("cannot show the article: %s"),
			    err ? err : _("layout failed"));
			free(err);
		}
	}
	va->width = w;
	if (va->query != NULL) {
		find_matches(va, -1, va->title.logical, va->title.logical_len);
		for (size_t p = 0; va->have_doc && p < va->doc.nparas; p++)
			find_matches(va, (long)p, va->doc.paras[p].logical,
			    va->doc.paras[p].logical_len);
	}
	/* Keep the paragraph that was at the top in view. */
	if (va->anchor_para >= 0 && va->have_doc) {
		for (size_t i = 0; i < va->doc.nlines; i++) {
			if ((long)va->doc.lines[i].para == va->anchor_para) {
				va->top = (long)va->title.nlines + HEADER_GAP + (long)i;
				break;
			}
		}
	}
}

static void
fix_top(struct varticle *va, long h)
{
	long max = total_lines(va) - h;

	if (va->top > max)
		va->top = max;
	if (va->top < 0)
		va->top = 0;
	long body = va->top - (long)va->title.nlines - HEADER_GAP;
	va->anchor_para = va->have_doc && body >= 0 && body < (long)va->doc.nlines ?
	    (long)va->doc.lines[body].para : -1;
}

static void
draw_line_hl(struct varticle *va, int y, int w, const struct text_line *l, long para,
    attr_t base)
{
	struct screen_range r[32];
	size_t n = 0;

	for (size_t i = 0; i < va->nhl && n < 32; i++)
		if (va->hl[i].para == para && va->hl[i].start < l->log_end &&
		    va->hl[i].end > l->log_start)
			r[n++] = (struct screen_range){ va->hl[i].start, va->hl[i].end };
	/* The link list at the end ("[1] URL", one paragraph each) is the
	 * reader's, not the author's: mirrored with the chrome. */
	struct text_line m;
	if (screen_mirrored() && va->have_doc && para >= 0 && va->doc.nlinks > 0 &&
	    (size_t)para >= va->doc.nparas - va->doc.nlinks && !l->rtl && l->width < w) {
		m = *l;
		m.pad = w - l->width;
		l = &m;
	}
	screen_line(y, va->x0, w, l, base, r, n);
}

/* The byline mirrored: date, feed and author from the right edge leftwards. */
static void
draw_byline_rtl(struct varticle *va, const char *date, int y, int end)
{
	const struct store_item *it = &va->item;
	attr_t dim = colors_attr(EL_DIM);
	const char *sep = screen_utf8() ? " \xc2\xb7 " : " - ";
	int x = end, sw = screen_width(sep);
	int dw = screen_width(date);

	if (dw > end - va->x0)
		dw = end - va->x0;
	x -= dw;
	screen_text(y, x, dw, date, colors_attr(EL_DATE));
	const char *parts[2] = { it->feed_title, it->author };
	for (int i = 0; i < 2; i++) {
		if (parts[i] == NULL || *parts[i] == '\0' || x - sw <= va->x0)
			continue;
		x -= sw;
		screen_text(y, x, sw, sep, dim);
		int fw = text_width(parts[i], strlen(parts[i]));
		if (fw > x - va->x0)
			fw = x - va->x0;
		if (fw > 0) {
			x -= fw;
			screen_field(y, x, fw, parts[i],
			    i == 0 ? colors_attr(EL_FEED) : colors_attr(EL_NORMAL), ALIGN_RIGHT);
		}
	}
}

static void
draw_byline(struct varticle *va, struct app *app, int y, int w)
{
	const struct store_item *it = &va->item;
	char date[64] = "";
	struct tm tm;
	time_t t = it->date;
	attr_t dim = colors_attr(EL_DIM);
	const char *sep = screen_utf8() ? " \xc2\xb7 " : " - ";
	int x = va->x0;

	w += va->x0;	/* from here on, the right end */
	if (localtime_r(&t, &tm) != NULL)
		/* TRANSLATORS: strftime(3) format of the article's date. */
		strftime(date, sizeof date, _("%Y-%m-%d %H:%M"), &tm);
	if (app->rtl) {
		draw_byline_rtl(va, date, y, w);
		return;
	}
	x += screen_text(y, x, w - x, date, colors_attr(EL_DATE));
	/* Feed and author are fetched text: fields of their own. */
	const char *parts[2] = { it->feed_title, it->author };
	for (int i = 0; i < 2; i++) {
		if (parts[i] == NULL || *parts[i] == '\0' || x >= w)
			continue;
		x += screen_text(y, x, w - x, sep, dim);
		int fw = text_width(parts[i], strlen(parts[i]));
		if (fw > w - x)
			fw = w - x;
		if (fw > 0) {
			/* Shaping can make it narrower than measured. */
			x += screen_field(y, x, fw, parts[i],
			    i == 0 ? colors_attr(EL_FEED) : colors_attr(EL_NORMAL), ALIGN_START);
		}
	}
}

/* The kind of an enclosure for a person: its MIME type, else its medium. */
static const char *
enc_kind(const struct store_enclosure *e)
{
	if (e->type != NULL && *e->type)
		return e->type;
	if (e->medium != NULL && *e->medium)
		return e->medium;
	return _("file");
}

/* Line k of the enclosure list: blank, heading, then "[n] type, size:
 * title or file name" (the type and the title are fetched text: fields).
 * In a mirrored interface the pieces run from the right edge leftwards,
 * as the byline does. */
static void
draw_enclosure(struct varticle *va, bool rtl, int y, int w, long k)
{
	int x = va->x0, end = va->x0 + w;
	char lead[64], size[48] = "", num[32];

	if (k == 0)
		return;
	if (k == 1) {
		const char *head = _("Enclosures (e selects, v opens, d downloads, D lists downloads):");
		int hw = screen_width(head);
		if (rtl && hw < w)
			x = end - hw;
		screen_text(y, x, end - x, head, colors_attr(EL_HEADING) | A_BOLD);
		return;
	}
	size_t i = (size_t)(k - 2);
	const struct store_enclosure *e = &va->encs[i];
	bool sel = (long)i == va->enc_sel;
	attr_t a = sel ? colors_attr(EL_SELECTED) : colors_attr(EL_NORMAL);
	const char *kind = enc_kind(e);
	int kw = text_width(kind, strlen(kind));
	char *fname = NULL;
	const char *label = e->title;

	if (label == NULL || *label == '\0')
		label = fname = download_file_name(e->url);
	if (kw > 30)
		kw = 30;
	if (e->length > 0) {
		download_human_size(e->length, num, sizeof num);
		snprintf(size, sizeof size, rtl ? "%s, " : ", %s", num);
	}
	if (e->duration > 0) {
		/* The length of a recording, as players show it: 1:02:03, 4:05. */
		int64_t t = e->duration;
		size_t len = strlen(size);
		if (t >= 3600)
			snprintf(num, sizeof num, "%lld:%02d:%02d", (long long)(t / 3600),
			    (int)(t / 60 % 60), (int)(t % 60));
		else
			snprintf(num, sizeof num, "%d:%02d", (int)(t / 60), (int)(t % 60));
		snprintf(size + len, sizeof size - len, rtl ? "%s, " : ", %s", num);
	}
	screen_fill(y, x, w, a);
	if (!rtl) {
		snprintf(lead, sizeof lead, "%s[%zu] ", sel ? "> " : "  ", i + 1);
		x += screen_text(y, x, end - x, lead, a);
		if (kw > end - x)
			kw = end - x;
		if (kw > 0)
			x += screen_field(y, x, kw, kind, a | colors_attr(EL_DIM), ALIGN_START);
		if (*size && x < end)
			x += screen_text(y, x, end - x, size, a);
		if (x + 2 < end) {
			x += screen_text(y, x, end - x, ": ", a);
			screen_field(y, x, end - x, label, a, ALIGN_START);
		}
	} else {
		snprintf(lead, sizeof lead, " [%zu]%s", i + 1, sel ? " <" : "  ");
		x = end - screen_width(lead);
		if (x >= va->x0)
			screen_text(y, x, end - x, lead, a);
		int room = x - va->x0;
		if (kw > room)
			kw = room;
		if (kw > 0) {
			x -= kw;
			screen_field(y, x, kw, kind, a | colors_attr(EL_DIM), ALIGN_RIGHT);
		}
		int sw = screen_width(size);
		if (*size && x - sw > va->x0) {
			x -= sw;
			screen_text(y, x, sw, size, a);
		}
		if (x - 2 > va->x0) {
			x -= 2;
			screen_text(y, x, 2, ": ", a);
			screen_field(y, va->x0, x - va->x0, label, a, ALIGN_RIGHT);
		}
	}
	free(fname);
}

/* text-width: the article's columns out of the w it may use. */
static int
text_cols(const struct app *app, int w)
{
	int tw = app->cfg->config->text_width;

	return tw > 0 && tw < w ? tw : w;
}

static void
article_draw(struct view *v, struct app *app, int y, int h, int w)
{
	struct varticle *va = (struct varticle *)v;

	va->x0 = 0;
	panel_draw(app, y, h, &va->x0, &w);
	/* text-width N: at most N columns, centred in the room left. */
	va->x0 += (w - text_cols(app, w)) / 2;
	w = text_cols(app, w);
	if (!va->loaded) {
		screen_text(y + 1, va->x0 + 2, w - 2, _("This article is no longer in the cache."),
		    colors_attr(EL_DIM));
		return;
	}
	if (va->width != w)
		layout(va, app, w);
	/* The composer, when open, takes the bottom rows (engage_compose.h). */
	int ch = engage_bottom_rows(app, va->item.id, h, w);
	h -= ch;
	v->last_h = h;
	engage_bottom_draw(app, va->item.id, y + h, ch, va->x0, w);
	fix_top(va, h);
	long nt = (long)va->title.nlines;
	for (int r = 0; r < h; r++) {
		long i = va->top + r;
		if (i < nt)
			draw_line_hl(va, y + r, w, &va->title.lines[i], -1,
			    colors_attr(EL_HEADING) | A_BOLD);
		else if (i == nt)
			draw_byline(va, app, y + r, w);
		else if (i == nt + 1)
			engage_bar_draw(app, &va->item, y + r, va->x0, w);
		else if (va->have_doc && i - nt - HEADER_GAP < (long)va->doc.nlines) {
			const struct html_line *hl = &va->doc.lines[i - nt - HEADER_GAP];
			draw_line_hl(va, y + r, w, &hl->line, (long)hl->para,
			    colors_attr(EL_NORMAL));
		} else if (i >= enc_first(va) && i < total_lines(va))
			draw_enclosure(va, app->rtl, y + r, w, i - enc_first(va));
	}
}

static void
article_title(struct view *v, struct app *app, struct view_title *t)
{
	struct varticle *va = (struct varticle *)v;

	/* The title is painted first: lay out now to know the length. */
	int aw = text_cols(app, panel_article_width(app, app->cols));
	if (va->loaded && va->width != aw)
		layout(va, app, aw);
	long total = total_lines(va), h = app->rows - 2;
	int pct = total <= h ? 100 : (int)((va->top + h) * 100 / total);

	snprintf(t->prefix, sizeof t->prefix, "%s", _("Article: "));
	t->name = va->loaded ? va->item.feed_title : NULL;
	char pc[64];
	snprintf(pc, sizeof pc, va->loaded && va->item.read ? _(" (%d%%)") :
	    _(" (%d%%, unread)"), pct > 100 ? 100 : pct);
	/* Which text is shown goes first inside the parenthesis. */
	const char *which = !va->loaded ? "" : va->full ? _("full article, ") :
	    va->waiting ? _("feed text, fetching full article, ") : _("feed text, ");
	const char *paren = strchr(pc, '(');
	if (paren != NULL)
		snprintf(t->suffix, sizeof t->suffix, "%.*s%s%s", (int)(paren - pc + 1), pc,
		    which, paren + 1);
	else
		snprintf(t->suffix, sizeof t->suffix, "%s", pc);
}

static void
page_forget(struct varticle *va)
{
	store_page_clear(&va->page);
	va->have_page = va->full = va->waiting = false;
}

/* The stored page of the item, when it was extracted; false otherwise
 * (*why: the stored failure, or NULL). */
static bool
page_load(struct varticle *va, struct app *app)
{
	store_page_clear(&va->page);
	va->have_page = store_page_get(app->store, va->item.id, &va->page) == 0 &&
	    va->page.ok && va->page.html != NULL;
	return va->have_page;
}

static void
show_full(struct varticle *va, bool full)
{
	va->full = full;
	layout_free(va);
	va->top = 0;
	va->anchor_para = -1;
}

/* The `f` key. */
static void
toggle_full(struct varticle *va, struct app *app)
{
	time_t until = 0;
	char when[32] = "";
	struct tm tm;

	if (va->full) {
		show_full(va, false);
		status_msg(app->status, LOG_INFO, "%s", _("showing the feed's text"));
		return;
	}
	if (va->waiting) {
		status_msg(app->status, LOG_INFO, "%s", _("still fetching the full article..."));
		return;
	}
	if (page_load(va, app)) {
		show_full(va, true);
		status_msg(app->status, LOG_INFO, "%s", _("showing the full article"));
		return;
	}
	switch (driver_page_fetch(app->driver, va->item.id, va->item.link, &until)) {
	case DRIVER_PAGE_QUEUED:
		va->waiting = true;
		status_sticky(app->status, _("fetching the full article..."));
		break;
	case DRIVER_PAGE_OFFLINE:
		if (va->page.reason != NULL)
			status_msg(app->status, LOG_WARN,
			    _("full article failed: %s; showing the feed's text"), va->page.reason);
		else
			status_msg(app->status, LOG_WARN,
			    "%s", _("offline: the full article is not stored; showing the feed's text"));
		break;
	case DRIVER_PAGE_NO_LINK:
		status_msg(app->status, LOG_WARN,
		    "%s", _("this article has no web page link; showing the feed's text"));
		break;
	case DRIVER_PAGE_HOST_WAITS:
		if (localtime_r(&until, &tm) != NULL)
			strftime(when, sizeof when, "%H:%M", &tm);
		status_msg(app->status, LOG_WARN,
		    _("the site asked to wait until %s; showing the feed's text"), when);
		break;
	}
}

static void
load_item(struct varticle *va, struct app *app, long long id)
{
	if (va->loaded)
		store_item_clear(&va->item);
	page_forget(va);
	layout_free(va);
	va->top = 0;
	va->anchor_para = -1;
	store_enclosures_free(&va->encs, va->nencs);
	va->nencs = 0;
	va->enc_sel = -1;
	va->loaded = store_item_get(app->store, id, &va->item) == 0;
	if (!va->loaded)
		return;
	if (store_enclosures_get(app->store, id, &va->encs, &va->nencs) == -1)
		status_msg(app->status, LOG_WARN, _("cannot read the enclosures: %s"),
		    store_errmsg(app->store));
	/* Opening an article reads it. */
	if (!va->item.read && app_item_read(app, id, true))
		va->item.read = true;
}

/* e selects the next enclosure (and shows it), v opens it, d downloads it. */
static void
enclosure_action(struct varticle *va, struct app *app, enum action a)
{
	if (!va->loaded || va->nencs == 0) {
		status_msg(app->status, LOG_INFO, "%s", _("this article has no enclosures"));
		return;
	}
	/* v or d before any e: the first one. */
	if (a == ACTION_NEXT_ENCLOSURE || va->enc_sel < 0) {
		va->enc_sel = (va->enc_sel + 1) % (long)va->nencs;
		/* Scroll so that the selected line is on the screen. */
		long line = enc_first(va) + 2 + va->enc_sel, h = va->v.last_h;
		if (line < va->top || line >= va->top + h)
			va->top = line - h + 1 > 0 ? line - h + 1 : 0;
		if (va->width > 0)
			fix_top(va, h);
		if (a == ACTION_NEXT_ENCLOSURE)
			return;
	}
	const struct store_enclosure *e = &va->encs[va->enc_sel];
	if (a == ACTION_OPEN_ENCLOSURE)
		downloads_open_url(app, e->url, e->type);
	else
		downloads_enqueue(app, e->url, e->type, e->length);
}

static bool
article_action(struct view *v, struct app *app, enum action a)
{
	struct varticle *va = (struct varticle *)v;
	long h = v->last_h;
	long long id;

	/* Enter on a token: its detail view (o opens its page). */
	if (a == ACTION_OPEN && panel_focused(app)) {
		struct view *tv = view_token_new(app);
		if (tv != NULL)
			app_push(app, tv);
		return true;
	}
	if (panel_action(app, a))
		return true;
	switch (a) {
	case ACTION_UP:
		va->top--;
		break;
	case ACTION_DOWN:
		va->top++;
		break;
	case ACTION_PAGE_UP:
		va->top -= h > 2 ? h - 1 : 1;
		break;
	case ACTION_PAGE_DOWN:
		va->top += h > 2 ? h - 1 : 1;
		break;
	case ACTION_TOP:
		va->top = 0;
		break;
	case ACTION_BOTTOM:
		va->top = total_lines(va);
		break;
	case ACTION_NEXT_UNREAD:
	case ACTION_PREV_UNREAD:
		/* The list below knows the order. */
		if (app->nviews >= 2 && view_items_step(app->views[app->nviews - 2], app,
		    a == ACTION_NEXT_UNREAD ? 2 : -2, &id))
			load_item(va, app, id);
		else
			status_msg(app->status, LOG_INFO, _("no more unread articles"));
		return true;
	case ACTION_OPEN:
		/* Enter in an article reads on, one line, as in a pager. */
		va->top++;
		break;
	case ACTION_OPEN_BROWSER:
		if (va->loaded)
			app_open_url(app, va->item.link);
		return true;
	case ACTION_TOGGLE_READ:
		if (va->loaded) {
			if (app_item_read(app, va->item.id, !va->item.read))
				va->item.read = !va->item.read;
		}
		return true;
	case ACTION_RELOAD:
		if (va->loaded && app->nviews >= 2) {
			struct view *below = app->views[app->nviews - 2];
			return below->ops->action && below->ops->action(below, app, a);
		}
		return false;
	case ACTION_MARK_FEED_READ:
		if (va->loaded)
			app_feed_read(app, va->item.feed_id);
		return true;
	case ACTION_COMMENTS:
		if (!va->loaded)
			return false;
		app_push(app, view_comments_new(app, va->item.id));
		return true;
	case ACTION_FULL_TEXT:
		if (va->loaded)
			toggle_full(va, app);
		return true;
	case ACTION_NEXT_ENCLOSURE:
	case ACTION_OPEN_ENCLOSURE:
	case ACTION_DOWNLOAD_ENCLOSURE:
		enclosure_action(va, app, a);
		return true;
	default:
		if (!va->loaded)
			return false;
		/* Like, share, repost, comment (engage.h). */
		return engage_action(app, a, &(struct engage_target){ .item_id = va->item.id,
		    .url = va->item.link, .title = va->item.title, .liked = &va->item.liked,
		    .in_article = true });
	}
	fix_top(va, h);
	return true;
}

static void
article_refresh(struct view *v, struct app *app)
{
	(void)v;
	(void)app;	/* the article's own text does not change under the reader */
}

static void
article_free(struct view *v)
{
	struct varticle *va = (struct varticle *)v;

	layout_free(va);
	page_forget(va);
	if (va->loaded)
		store_item_clear(&va->item);
	store_enclosures_free(&va->encs, va->nencs);
	free(va->query);
	free(va);
}

static const struct view_ops article_ops = {
	.name = "article",
	.draw = article_draw,
	.title = article_title,
	.action = article_action,
	.reload = article_refresh,
	.free = article_free,
	.min_w = 20,
	.min_h = 4,
};

long long
view_article_id(struct view *v)
{
	struct varticle *va = (struct varticle *)v;

	return v->ops == &article_ops && va->loaded ? (long long)va->item.id : -1;
}

struct view *
view_article_new(struct app *app, long long item_id, const char *query)
{
	struct varticle *va = xcalloc(1, sizeof *va);

	va->v.ops = &article_ops;
	va->v.last_h = app->rows > 2 ? app->rows - 2 : 1;
	va->query = query && *query ? xstrdup(query) : NULL;
	va->anchor_para = -1;
	va->enc_sel = -1;
	load_item(va, app, item_id);
	return &va->v;
}

void
view_article_page_done(struct app *app, const struct page_job_result *r)
{
	/* The article may be under another view (help, comments) by now. */
	for (int i = 0; i < app->nviews; i++) {
		struct varticle *va = (struct varticle *)app->views[i];

		if (view_article_id(app->views[i]) != r->item_id || !va->waiting)
			continue;
		va->waiting = false;
		status_clear(app->status);
		if (r->ok && page_load(va, app)) {
			show_full(va, true);
			status_msg(app->status, LOG_INFO, "%s", _("showing the full article"));
		} else if (!r->stopped)
			status_msg(app->status, LOG_WARN,
			    _("full article failed: %s; showing the feed's text"),
			    r->error != NULL ? r->error : _("not stored"));
	}
}

void
view_article_compose(struct app *app, int64_t item_id)
{
	struct view *top = app_top(app);

	if (top == NULL || view_article_id(top) != item_id)
		app_push(app, view_article_new(app, item_id, NULL));
	engage_composer_open(app, item_id);
}

