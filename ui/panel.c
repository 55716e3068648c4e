/*
 * The market panel. Its model is the cache: after every market job (and at
 * start-up) the last good list of each source is read back from the store
 * together with the source's status and each token's price history, and
 * the entries are sorted; painting only formats. Amounts, holders and
 * changes are trusted ASCII (plus ▲▼ and the sparkline blocks) painted as
 * fields of their own with a left-to-right layout, so "$3.53K" and
 * "+4.20% ▲" keep their order next to Arabic names in any UI direction;
 * symbols and names are fetched text and go through screen_field().
 */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/diag.h"
#include "config/load.h"
#include "driver/driver.h"
#include "jobs/marketjob.h"
#include "market/format.h"
#include "market/market.h"
#include "market/source.h"
#include "store/tickers.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "app.h"
#include "colors.h"
#include "panel.h"
#include "screen.h"
#include "status.h"

#define PANEL_W_MIN 26
#define PANEL_W_MAX 34
#define HEADER_ROWS 2
#define HIST_MAX 64		/* history points read per token */
#define AGE_REDRAW 30		/* seconds between repaints of the age */

/* One token on screen; t is borrowed from its source's list. */
struct pentry {
	size_t src;
	const struct market_ticker *t;
	double *hist;
	size_t nhist;
};

/* What the panel knows of one source (parallel to srcs->v). */
struct psource {
	struct market_list *list;	/* last good list; never NULL after reload */
	time_t updated;		/* when it was fetched; 0 = never */
	char *error;		/* the last refresh failed: why */
	char *said;		/* the error last put in the status line */
	char *label;		/* short name for the header */
};

struct panel {
	struct market_sources *srcs;
	struct psource *ps;
	struct pentry *v;
	size_t n;
	enum market_sort sort;
	bool shown;
	bool focused;
	bool narrow_said;	/* "hidden: too narrow" was said for this narrowing */
	size_t cur, top;
	int visible;		/* tokens that fit at the last paint */
	time_t redraw_at;
};

static const struct {
	enum market_sort key;
	const char *state;	/* ui_state value */
	const char *label;	/* header and status line */
} sorts[] = {
	{ MARKET_SORT_CAP, "cap", "market cap" },
	{ MARKET_SORT_CHANGE, "change", "change" },
	{ MARKET_SORT_HOLDERS, "holders", "holders" },
};
#define NSORTS (sizeof sorts / sizeof sorts[0])

static size_t
sort_index(enum market_sort key)
{
	for (size_t i = 0; i < NSORTS; i++)
		if (sorts[i].key == key)
			return i;
	return 0;
}

/* "demo", the name= of the line, the API's name, or the host (file name)
 * of a generic URL: the whole generated name is too long for the header. */
static char *
source_label(const struct market_src *s)
{
	const char *kind = market_kind_name(s->kind);
	size_t kl = strlen(kind);

	if (s->line == 0)
		return xstrdup("demo");
	if (strncmp(s->name, kind, kl) != 0 || s->name[kl] != ' ')
		return xstrdup(s->name);
	if (s->kind != MARKET_GENERIC || s->base_url == NULL)
		return xstrdup(kind);
	const char *u = strstr(s->base_url, "://");
	if (u == NULL)
		return xstrdup(kind);
	if (strncmp(s->base_url, "file:", 5) == 0) {
		const char *slash = strrchr(u, '/');
		return xstrdup(slash[1] != '\0' ? slash + 1 : kind);
	}
	u += 3;
	return xstrndup(u, strcspn(u, "/?#"));
}

static bool
any_finite(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]))
			return true;
	return false;
}

/* The price trend, or the market cap's for tokens without prices. */
static void
load_history(struct panel *p, struct app *app, struct pentry *e)
{
	const char *src = p->srcs->v[e->src].name;
	static const enum store_ticker_field fields[] = { STORE_TICKER_PRICE, STORE_TICKER_CAP };

	for (size_t f = 0; f < 2; f++) {
		double *v = NULL;
		size_t n = 0;
		if (store_tickers_history(app->store, src, e->t->id, fields[f], HIST_MAX, &v,
		    NULL, &n) != 0) {
			log_msg(LOG_WARN, "%s", store_errmsg(app->store));
			return;
		}
		if (any_finite(v, n)) {
			e->hist = v;
			e->nhist = n;
			return;
		}
		free(v);
	}
}

static void
entries_free(struct panel *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].hist);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

static int
entry_cmp(const void *a, const void *b, void *ud)
{
	const struct pentry *x = a, *y = b;
	int c = market_ticker_cmp(x->t, y->t, *(const enum market_sort *)ud);

	if (c == 0)
		c = x->src < y->src ? -1 : x->src > y->src;
	return c;
}

static void
sort_entries(struct panel *p)
{
	const char *id = NULL;
	size_t src = 0;

	if (p->cur < p->n) {
		id = p->v[p->cur].t->id;
		src = p->v[p->cur].src;
	}
	if (p->n > 1)
		qsort_r(p->v, p->n, sizeof *p->v, entry_cmp, &p->sort);
	/* The selection stays on its token (ids are stable across sorts). */
	for (size_t i = 0; id != NULL && i < p->n; i++)
		if (p->v[i].src == src && strcmp(p->v[i].t->id, id) == 0)
			p->cur = i;
}

/* Failures and recoveries in the status line, once per distinct reason. */
static void
announce(struct panel *p, struct app *app)
{
	for (size_t i = 0; i < p->srcs->n; i++) {
		struct psource *ps = &p->ps[i];
		if (ps->error == NULL) {
			xfree(&ps->said);
			continue;
		}
		if (ps->said != NULL && strcmp(ps->said, ps->error) == 0)
			continue;
		status_msg(app->status, LOG_WARN, "market data (%s): %s; showing the last values",
		    ps->label, ps->error);
		free(ps->said);
		ps->said = xstrdup(ps->error);
		app->dirty = true;
	}
}

/* Re-read every source from the cache; a read error keeps what we had. */
static void
reload(struct panel *p, struct app *app)
{
	char *sel_id = NULL;
	size_t sel_src = 0, alloc = 0;

	if (p->cur < p->n) {
		sel_id = xstrdup(p->v[p->cur].t->id);
		sel_src = p->v[p->cur].src;
	}
	entries_free(p);
	for (size_t i = 0; i < p->srcs->n; i++) {
		struct psource *ps = &p->ps[i];
		const char *name = p->srcs->v[i].name;
		struct market_list *l = NULL;
		struct store_ticker_status st;
		time_t at = 0;

		if (store_tickers_load(app->store, name, &l, &at) == 0) {
			market_list_free(&ps->list);
			ps->list = l;
			ps->updated = at;
		} else
			log_msg(LOG_WARN, "%s", store_errmsg(app->store));
		if (ps->list == NULL)
			ps->list = market_list_new();
		if (store_tickers_status(app->store, name, &st) == 0) {
			free(ps->error);
			ps->error = xstrdup_null(st.last_error);
			store_ticker_status_clear(&st);
		}
		for (size_t j = 0; j < ps->list->n; j++) {
			if (p->n == alloc) {
				alloc = alloc ? alloc * 2 : 16;
				p->v = xreallocarray(p->v, alloc, sizeof *p->v);
			}
			struct pentry *e = &p->v[p->n++];
			*e = (struct pentry){ .src = i, .t = &ps->list->items[j] };
			load_history(p, app, e);
		}
	}
	p->cur = p->n;		/* nothing to keep while sorting */
	sort_entries(p);
	p->cur = 0;
	for (size_t i = 0; sel_id != NULL && i < p->n; i++)
		if (p->v[i].src == sel_src && strcmp(p->v[i].t->id, sel_id) == 0)
			p->cur = i;
	free(sel_id);
	app->dirty = true;
}

struct panel *
panel_new(struct app *app)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct market_sources *srcs = market_sources_from_config(app->cfg->config, &d);
	struct panel *p;

	for (size_t i = 0; i < d.n; i++)
		log_msg(LOG_WARN, "%s", d.v[i].msg);
	diag_list_clear(&d);
	if (srcs->n == 0) {
		market_sources_free(&srcs);
		return NULL;
	}
	p = xcalloc(1, sizeof *p);
	p->srcs = srcs;
	p->ps = xcalloc(srcs->n, sizeof *p->ps);
	for (size_t i = 0; i < srcs->n; i++)
		p->ps[i].label = source_label(&srcs->v[i]);
	char *v = app_state_get(app, "panel");
	p->shown = v == NULL || strcmp(v, "hidden") != 0;
	free(v);
	v = app_state_get(app, "panel-sort");
	p->sort = MARKET_SORT_CAP;
	for (size_t i = 0; v != NULL && i < NSORTS; i++)
		if (strcmp(v, sorts[i].state) == 0)
			p->sort = sorts[i].key;
	free(v);
	reload(p, app);
	announce(p, app);
	return p;
}

void
panel_free(struct panel **pp)
{
	struct panel *p = *pp;

	if (p == NULL)
		return;
	entries_free(p);
	for (size_t i = 0; i < p->srcs->n; i++) {
		market_list_free(&p->ps[i].list);
		free(p->ps[i].error);
		free(p->ps[i].said);
		free(p->ps[i].label);
	}
	free(p->ps);
	market_sources_free(&p->srcs);
	xfree(pp);
}

static bool
in_article(struct app *app)
{
	struct view *v = app_top(app);

	return v != NULL && strcmp(v->ops->name, "article") == 0;
}

static int
min_ms(int t, long long ms)
{
	if (ms < 0)
		return t;
	if (ms > 3600000)
		ms = 3600000;
	return t < 0 || ms < t ? (int)ms : t;
}

int
panel_timeout(struct app *app, int t)
{
	struct panel *p = app->panel;
	time_t now = time(NULL);

	if (p == NULL)
		return t;
	/* "just now" becomes "1 min ago" without any event. */
	if (p->shown && in_article(app)) {
		if (p->redraw_at != 0 && now >= p->redraw_at)
			app->dirty = true;
		if (p->redraw_at == 0 || now >= p->redraw_at)
			p->redraw_at = now + AGE_REDRAW;
		t = min_ms(t, (long long)(p->redraw_at - now) * 1000);
	} else
		p->redraw_at = 0;
	return t;
}

void
panel_event(struct app *app, const struct market_job_result *r)
{
	struct panel *p = app->panel;

	if (p == NULL)
		return;
	reload(p, app);
	/* The event is the freshest word on the outcome. */
	struct market_src *s = market_sources_find(p->srcs, r->source);
	if (s != NULL) {
		struct psource *ps = &p->ps[s - p->srcs->v];
		free(ps->error);
		ps->error = r->ok ? NULL : xstrdup(r->error ? r->error : "refresh failed");
	}
	announce(p, app);
	app->dirty = true;
}

static int
panel_cols(const struct panel *p, int w)
{
	if (p == NULL || !p->shown || w < PANEL_MIN_COLS)
		return 0;
	int pw = w * 3 / 10;
	return pw < PANEL_W_MIN ? PANEL_W_MIN : pw > PANEL_W_MAX ? PANEL_W_MAX : pw;
}

int
panel_article_width(struct app *app, int w)
{
	return w - panel_cols(app->panel, w);
}

static int
fmt_flags(void)
{
	return screen_utf8() ? 0 : MARKET_FMT_ASCII;
}

/* Trusted ASCII-ish text as its own left-to-right field; returns its width. */
static int
put_ltr(int y, int x, const char *s, attr_t a)
{
	int w = screen_width(s);

	return screen_text(y, x, w, s, a);
}

/* An untrusted name or symbol in at most maxw columns, starting at x (or
 * ending at x + maxw when right). Returns the columns taken. */
static int
put_field(int y, int x, int maxw, const char *s, attr_t a, bool right)
{
	if (s == NULL || *s == '\0' || maxw <= 0)
		return 0;
	int fw = text_width(s, strlen(s));
	if (fw > maxw)
		fw = maxw;
	screen_field(y, right ? x + maxw - fw : x, fw, s, a, ALIGN_START);
	return fw;
}

static attr_t
change_attr(struct market_num n, attr_t base)
{
	int dir = market_change_direction(n);

	if (dir == 0)
		return base;
	return (base & ~A_COLOR) | colors_attr(dir > 0 ? EL_MARKET_UP : EL_MARKET_DOWN);
}

/* Two rows of one token in [x, x + w): mirrored in a right-to-left UI. */
static void
draw_entry(const struct pentry *e, int y, int x, int w, bool rtl, bool sel)
{
	const struct market_ticker *t = e->t;
	attr_t base = sel ? colors_attr(EL_SELECTED) : colors_attr(EL_NORMAL);
	attr_t dim = sel ? base : colors_attr(EL_DIM);
	char cap[MARKET_FMT_SIZE], chg[MARKET_FMT_SIZE], hold[MARKET_FMT_SIZE + 16];
	int flags = fmt_flags();

	screen_fill(y, x, w, base);
	screen_fill(y + 1, x, w, base);

	/* Row 1: symbol, name, market cap. */
	market_fmt_money(t->market_cap_usd, flags, cap);
	int cw = screen_width(cap);
	int sw = text_width(t->symbol, strlen(t->symbol));
	if (sw > w - cw - 1)
		sw = w - cw - 1;
	int room = w - sw - cw - 2;
	if (rtl) {
		put_ltr(y, x, cap, base);
		put_field(y, x + w - sw, sw, t->symbol, base | A_BOLD, false);
		put_field(y, x + cw + 1, room, t->name, base, true);
	} else {
		put_field(y, x, sw, t->symbol, base | A_BOLD, false);
		put_field(y, x + sw + 1, room, t->name, base, false);
		put_ltr(y, x + w - cw, cap, base);
	}

	/* Row 2: holders, sparkline, change (sign and arrow, then colour). */
	market_fmt_change(t->change_24h_pct, flags, chg);
	int gw = screen_width(chg);
	static const char *const labels[] = { " holders", " hold.", "" };
	size_t li = 0;
	int hw = 0, cells = 0;
	char num[MARKET_FMT_SIZE];
	market_fmt_holders(t->holders, flags, num);
	for (li = 0; li < 3; li++) {
		const char *lab = labels[li];
		if (li == 0 && t->holders.present && t->holders.value == 1)
			lab = " holder";
		snprintf(hold, sizeof hold, "%s%s", num, lab);
		hw = screen_width(hold);
		cells = w - hw - gw - 2;
		if (cells >= 4)
			break;
	}
	if (cells > 12)
		cells = 12;
	char *spark = cells > 0 ? market_sparkline(e->hist, e->nhist, (size_t)cells, flags) : NULL;
	if (rtl) {
		put_ltr(y + 1, x, chg, change_attr(t->change_24h_pct, base));
		if (spark != NULL)
			put_ltr(y + 1, x + gw + 1, spark, base);
		put_ltr(y + 1, x + w - hw, hold, dim);
	} else {
		put_ltr(y + 1, x, hold, dim);
		if (spark != NULL)
			put_ltr(y + 1, x + w - gw - 1 - cells, spark, base);
		put_ltr(y + 1, x + w - gw, chg, change_attr(t->change_24h_pct, base));
	}
	free(spark);
}

static void
draw_header(struct panel *p, struct app *app, int y, int h, int x, int w)
{
	attr_t dim = colors_attr(EL_DIM), a = colors_attr(EL_HEADING) | A_BOLD;
	bool failed = false;
	time_t oldest = 0;
	char label[64], age[MARKET_FMT_SIZE], line2[128];
	const char *sep = screen_utf8() ? " \xc2\xb7 " : " - ";
	bool rtl = app->rtl;

	for (size_t i = 0; i < p->srcs->n; i++) {
		failed |= p->ps[i].error != NULL;
		if (p->ps[i].updated != 0 && (oldest == 0 || p->ps[i].updated < oldest))
			oldest = p->ps[i].updated;
	}
	if (p->srcs->n == 1)
		snprintf(label, sizeof label, "%s", p->ps[0].label);
	else
		snprintf(label, sizeof label, "%zu sources", p->srcs->n);
	if (p->focused)
		a = colors_attr(EL_SELECTED) | A_BOLD;

	/* Row 1: "Hot · NAME", and "!" at the far end when a refresh failed. */
	int mark = failed ? 2 : 0;
	int hotw = screen_width("Hot") + screen_width(sep);
	if (rtl) {
		if (failed)
			screen_text(y, x, 1, "!", colors_attr(EL_ERROR) | A_BOLD);
		screen_text(y, x + w - 3, 3, "Hot", a);
		screen_text(y, x + w - hotw, hotw - 3, sep, dim);
		put_field(y, x + mark, w - hotw - mark, label, dim, true);
	} else {
		screen_text(y, x, 3, "Hot", a);
		screen_text(y, x + 3, hotw - 3, sep, dim);
		put_field(y, x + hotw, w - hotw - mark, label, dim, false);
		if (failed)
			screen_text(y, x + w - 1, 1, "!", colors_attr(EL_ERROR) | A_BOLD);
	}
	if (h < 2)
		return;
	/* Row 2: the data's age and the sort order. */
	if (oldest != 0)
		market_fmt_age(time(NULL), oldest, age);
	else
		snprintf(age, sizeof age, "%s", app->fetch != NULL ? "loading" : "no data yet");
	snprintf(line2, sizeof line2, "%s%sby %s", age, sep, sorts[sort_index(p->sort)].label);
	int lw = screen_width(line2);
	if (lw > w)
		lw = w;
	screen_text(y + 1, rtl ? x + w - lw : x, lw, line2, dim);
}

void
panel_draw(struct app *app, int y, int h, int *x, int *w)
{
	struct panel *p = app->panel;

	if (p == NULL || !p->shown)
		return;
	if (*w < PANEL_MIN_COLS) {
		if (!p->narrow_said)
			status_msg(app->status, LOG_INFO, "market panel hidden: the terminal is "
			    "narrower than %d columns", PANEL_MIN_COLS);
		p->narrow_said = true;
		p->focused = false;
		return;
	}
	p->narrow_said = false;
	/* [article] gap separator gap [content], mirrored in a right-to-left UI:
	 * the terminal's edge is border enough on the other side. */
	int pw = panel_cols(p, *w), sep, cx, iw = pw - 3, px;
	if (app->rtl) {
		px = *x;
		cx = px;
		sep = px + iw + 1;
		*x += pw;
	} else {
		px = *x + *w - pw;
		sep = px + 1;
		cx = sep + 2;
	}
	*w -= pw;
	const char *bar = screen_utf8() ? "\xe2\x94\x82" : "|";
	for (int r = 0; r < h; r++) {
		screen_fill(y + r, px, pw, colors_attr(EL_NORMAL));
		screen_text(y + r, sep, 1, bar, colors_attr(EL_DIM));
	}
	draw_header(p, app, y, h, cx, iw);
	int rows = h - HEADER_ROWS;
	p->visible = rows / 2 > 0 ? rows / 2 : 0;
	if (p->n == 0) {
		if (rows > 0)
			screen_text(y + HEADER_ROWS, app->rtl ? cx + iw - 9 : cx, 9, "no tokens",
			    colors_attr(EL_DIM));
		return;
	}
	if (p->cur >= p->n)
		p->cur = p->n - 1;
	if (p->visible == 0)
		return;
	if (p->cur < p->top)
		p->top = p->cur;
	if (p->cur >= p->top + (size_t)p->visible)
		p->top = p->cur - (size_t)p->visible + 1;
	if (p->top + (size_t)p->visible > p->n)
		p->top = p->n > (size_t)p->visible ? p->n - (size_t)p->visible : 0;
	for (int i = 0; i < p->visible && p->top + (size_t)i < p->n; i++) {
		size_t k = p->top + (size_t)i;
		draw_entry(&p->v[k], y + HEADER_ROWS + 2 * i, cx, iw, app->rtl,
		    p->focused && k == p->cur);
	}
}

static void
set_shown(struct panel *p, struct app *app, bool shown)
{
	char keys[64];

	p->shown = shown;
	if (!shown)
		p->focused = false;
	app_state_put(app, "panel", shown ? "shown" : "hidden");
	keymap_keys_of(app->km, ACTION_PANEL, keys, sizeof keys);
	if (shown && app->cols < PANEL_MIN_COLS) {
		status_msg(app->status, LOG_INFO, "market panel on, but hidden: the terminal is "
		    "narrower than %d columns", PANEL_MIN_COLS);
		p->narrow_said = true;
	} else
		status_msg(app->status, LOG_INFO, "market panel %s%s%s%s", shown ? "shown" : "hidden",
		    *keys ? " (" : "", keys, *keys ? (shown ? " hides it)" : " shows it)") : "");
}

static void
open_token(struct panel *p, struct app *app)
{
	if (p->cur >= p->n)
		return;
	const struct market_ticker *t = p->v[p->cur].t;
	if (t->url == NULL)
		status_msg(app->status, LOG_INFO, "%s has no page", t->symbol);
	else
		app_open_url(app, t->url);
}

bool
panel_action(struct app *app, enum action a)
{
	struct panel *p = app->panel;
	long page;

	if (p == NULL) {
		if (a != ACTION_PANEL && a != ACTION_FOCUS && a != ACTION_MARKET_SORT)
			return false;
		status_msg(app->status, LOG_INFO,
		    "no market source configured (market-source in the config)");
		app->dirty = true;
		return true;
	}
	app->dirty = true;
	switch (a) {
	case ACTION_PANEL:
		set_shown(p, app, !p->shown);
		return true;
	case ACTION_MARKET_SORT:
		p->sort = sorts[(sort_index(p->sort) + 1) % NSORTS].key;
		sort_entries(p);
		app_state_put(app, "panel-sort", sorts[sort_index(p->sort)].state);
		status_msg(app->status, LOG_INFO, "market panel sorted by %s",
		    sorts[sort_index(p->sort)].label);
		return true;
	case ACTION_FOCUS:
		if (!p->shown)
			status_msg(app->status, LOG_INFO, "the market panel is hidden");
		else if (app->cols < PANEL_MIN_COLS)
			status_msg(app->status, LOG_INFO, "the market panel is hidden: the "
			    "terminal is narrower than %d columns", PANEL_MIN_COLS);
		else
			p->focused = !p->focused;
		return true;
	default:
		break;
	}
	if (!p->focused)
		return false;
	page = p->visible > 1 ? p->visible - 1 : 1;
	switch (a) {
	case ACTION_UP:
		if (p->cur > 0)
			p->cur--;
		break;
	case ACTION_DOWN:
		if (p->cur + 1 < p->n)
			p->cur++;
		break;
	case ACTION_PAGE_UP:
		p->cur = p->cur > (size_t)page ? p->cur - (size_t)page : 0;
		break;
	case ACTION_PAGE_DOWN:
		p->cur = p->n == 0 ? 0 : p->cur + (size_t)page < p->n ? p->cur + (size_t)page :
		    p->n - 1;
		break;
	case ACTION_TOP:
		p->cur = 0;
		break;
	case ACTION_BOTTOM:
		p->cur = p->n ? p->n - 1 : 0;
		break;
	case ACTION_OPEN:
	case ACTION_OPEN_BROWSER:
		open_token(p, app);
		break;
	case ACTION_BACK:
		p->focused = false;
		break;
	case ACTION_RELOAD:
		if (app->fetch == NULL)
			status_msg(app->status, LOG_WARN,
			    "offline: not refreshing the market data (started with --offline)");
		else {
			driver_market_refresh(app->driver, time(NULL));
			status_msg(app->status, LOG_INFO, "refreshing the market data");
		}
		break;
	default:
		return false;
	}
	return true;
}
