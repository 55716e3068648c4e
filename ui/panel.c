/*
 * The market panel. Its data is the cache: after every market job (and at
 * start-up) the last good list of each source is read back from the store
 * together with the source's status and each token's price history into
 * the panel's model (market/board.h: sorting, selection, what each row
 * shows); this file reads the store and paints (the driver schedules the
 * refreshes, src/driver).
 * Amounts, holders and changes are trusted ASCII (plus ▲▼ and the
 * sparkline blocks) painted as fields of their own with a left-to-right
 * layout, so "$3.53K" and "+4.20% ▲" keep their order next to Arabic names
 * in any UI direction; symbols and names are fetched text and go through
 * screen_field().
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/diag.h"
#include "config/load.h"
#include "driver/driver.h"
#include "jobs/marketjob.h"
#include "market/board.h"
#include "market/format.h"
#include "market/market.h"
#include "market/source.h"
#include "store/tickers.h"
#include "util/buf.h"
#include "util/i18n.h"
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

struct panel {
	struct market_sources *srcs;
	struct market_board *board;	/* the model: lists, errors, sorted tokens, selection */
	bool shown;
	bool focused;
	bool narrow_said;	/* "hidden: too narrow" was said for this narrowing */
	int visible;		/* tokens that fit at the last paint */
	/* Where the tokens were at the last paint, for clicks: the screen row
	 * of the first token's first row, the columns, the first token shown. */
	int rows_y, px, pw;
	size_t top;
	time_t redraw_at;
};

/* The price trend, or the market cap's for tokens without prices. */
static void
load_history(struct panel *p, struct app *app, size_t k)
{
	const char *src = p->srcs->v[market_board_source_of(p->board, k)].name;
	const struct market_ticker *t = market_board_ticker(p->board, k);
	static const enum store_ticker_field fields[] = { STORE_TICKER_PRICE, STORE_TICKER_CAP };

	for (size_t f = 0; f < 2; f++) {
		double *v = NULL;
		size_t n = 0;
		if (store_tickers_history(app->store, src, t->id, fields[f], HIST_MAX, &v,
		    NULL, &n) != 0) {
			log_msg(LOG_WARN, "%s", store_errmsg(app->store));
			return;
		}
		if (market_history_usable(v, n)) {
			market_board_set_history(p->board, k, v, n);
			return;
		}
		free(v);
	}
}

/* Failures and recoveries in the status line, once per distinct reason. */
static void
announce(struct panel *p, struct app *app)
{
	for (size_t i = 0; i < p->srcs->n; i++) {
		const char *error = market_board_news(p->board, i);
		if (error == NULL)
			continue;
		if (market_board_has_data(p->board, i))
			status_msg(app->status, LOG_WARN,
			    _("market data (%s): %s; showing the last values"),
			    market_board_label(p->board, i), error);
		else
			status_msg(app->status, LOG_WARN, _("market data (%s): %s; no data yet"),
			    market_board_label(p->board, i), error);
		app->dirty = true;
	}
}

/* Re-read every source from the cache; a read error keeps what we had. */
static void
reload(struct panel *p, struct app *app)
{
	for (size_t i = 0; i < p->srcs->n; i++) {
		const char *name = p->srcs->v[i].name;
		struct market_list *l = NULL;
		struct store_ticker_status st;
		time_t at = 0;

		if (store_tickers_load(app->store, name, &l, &at) == 0)
			market_board_set_list(p->board, i, l, at);
		else
			log_msg(LOG_WARN, "%s", store_errmsg(app->store));
		if (store_tickers_status(app->store, name, &st) == 0) {
			market_board_set_status(p->board, i, st.last_attempt, st.retry_after,
			    st.last_error, st.last_warning);
			store_ticker_status_clear(&st);
		}
	}
	market_board_rebuild(p->board);
	for (size_t k = 0; k < market_board_count(p->board); k++)
		load_history(p, app, k);
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
	p->board = market_board_new(srcs);
	char *v = app_state_get(app, "panel");
	p->shown = v == NULL || strcmp(v, "hidden") != 0;
	free(v);
	v = app_state_get(app, "panel-sort");
	enum market_sort key;
	if (market_sort_from_state(v, &key))
		market_board_set_sort(p->board, key);
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
	market_board_free(&p->board);
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
	/* A history (the detail view's backfill) is no news on the source. */
	if (r->history_id != NULL) {
		if (!r->ok)
			status_msg(app->status, LOG_WARN, _("market history (%s): %s"), r->history_id,
			    r->error != NULL ? r->error : _("failed"));
		return;
	}
	/* The event is the freshest word on the outcome. */
	struct market_src *s = market_sources_find(p->srcs, r->source);
	if (s != NULL)
		market_board_set_error(p->board, (size_t)(s - p->srcs->v),
		    r->ok ? NULL : r->error ? r->error : _("refresh failed"));
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

static void
put(int y, int x, const struct market_field *f, attr_t a, bool untrusted)
{
	if (f->text == NULL || f->w <= 0)
		return;
	if (untrusted)
		screen_field(y, x + f->x, f->w, f->text, a, ALIGN_START);
	else
		screen_text(y, x + f->x, f->w, f->text, a);
}

/* An amount: left to right in either interface ("$3.53K", "+4.20% ▲"). */
static void
put_amount(int y, int x, const struct market_field *f, attr_t a)
{
	if (f->text != NULL && f->w > 0)
		screen_text_ltr(y, x + f->x, f->w, f->text, a);
}

/* Two rows of token k in [x, x + w): mirrored in a right-to-left UI. */
static void
draw_entry(const struct panel *p, size_t k, int y, int x, int w, bool rtl, bool sel)
{
	attr_t base = sel ? colors_attr(EL_SELECTED) : colors_attr(EL_NORMAL);
	attr_t dim = sel ? base : colors_attr(EL_DIM);
	attr_t chg = base;
	struct market_row r;

	screen_fill(y, x, w, base);
	screen_fill(y + 1, x, w, base);
	market_board_row(p->board, k, w, rtl, fmt_flags(), &r);
	put(y, x, &r.symbol, base | A_BOLD, true);
	put(y, x, &r.name, base, true);
	put_amount(y, x, &r.price, dim);
	put_amount(y, x, &r.cap, base);
	if (r.change_dir != 0)
		chg = (base & ~A_COLOR) | colors_attr(r.change_dir > 0 ? EL_MARKET_UP : EL_MARKET_DOWN);
	put(y + 1, x, &r.holders, dim, false);
	put_amount(y + 1, x, &r.spark, base);
	put_amount(y + 1, x, &r.change, chg);
	market_row_clear(&r);
}

static void
draw_header(struct panel *p, struct app *app, int y, int h, int x, int w)
{
	attr_t dim = colors_attr(EL_DIM), a = colors_attr(EL_HEADING) | A_BOLD;
	struct market_header hd;
	const char *sep = screen_utf8() ? " \xc2\xb7 " : " - ";
	bool rtl = app->rtl;

	market_board_header(p->board, time(NULL), app->fetch != NULL, fmt_flags(), &hd);
	if (p->focused)
		a = colors_attr(EL_SELECTED) | A_BOLD;

	/* Row 1: "Hot · NAME", and "!" at the far end when a refresh failed. */
	int mark = hd.failed ? 2 : 0;
	const char *hot = _("Hot");
	int hw = screen_width(hot);
	int hotw = hw + screen_width(sep);
	if (rtl) {
		if (hd.failed)
			screen_text(y, x, 1, "!", colors_attr(EL_ERROR) | A_BOLD);
		screen_text(y, x + w - hw, hw, hot, a);
		screen_text(y, x + w - hotw, hotw - hw, sep, dim);
		put_field(y, x + mark, w - hotw - mark, hd.label, dim, true);
	} else {
		screen_text(y, x, hw, hot, a);
		screen_text(y, x + hw, hotw - hw, sep, dim);
		put_field(y, x + hotw, w - hotw - mark, hd.label, dim, false);
		if (hd.failed)
			screen_text(y, x + w - 1, 1, "!", colors_attr(EL_ERROR) | A_BOLD);
	}
	if (h < 2)
		return;
	/* Row 2: the data's age and the sort order. */
	int lw = screen_width(hd.status);
	if (lw > w)
		lw = w;
	screen_text(y + 1, rtl ? x + w - lw : x, lw, hd.status, dim);
}

/* The bytes of s that fit in w columns (whole UTF-8 sequences; at least one
 * character so a wrap always moves). Lines are short: prefixes are measured. */
static size_t
fit(const char *s, int w)
{
	size_t len = 0, next;

	while (s[len] != '\0') {
		next = len + 1;
		while ((s[next] & 0xc0) == 0x80)
			next++;
		if (len > 0 && text_width(s, next) > w)
			break;
		len = next;
	}
	return len;
}

/*
 * Source i's state line, "LABEL: ok, updated 14:02", wrapped into rows of
 * w columns from row y (at most maxrows); returns the rows used. The
 * reason may quote fetched bytes: each piece is an untrusted field.
 */
static int
draw_state(const struct panel *p, size_t i, time_t now, int y, int maxrows, int x, int w,
    bool rtl)
{
	char *st = market_board_state_text(p->board, i, now);
	char *line = xasprintf("%s: %s", market_board_label(p->board, i), st);
	enum market_state s = market_board_state(p->board, i, now);
	attr_t a = s == MARKET_STATE_FAILING || s == MARKET_STATE_LIMITED ?
	    colors_attr(EL_ERROR) : colors_attr(EL_DIM);
	const char *rest = line;
	int used = 0;

	while (*rest != '\0' && used < maxrows) {
		size_t len = fit(rest, w);
		/* Break at the last space that fits, when there is one. */
		if (rest[len] != '\0') {
			size_t sp = len;
			while (sp > 0 && rest[sp] != ' ')
				sp--;
			if (sp > 0)
				len = sp;
		}
		char *piece = xstrndup(rest, len);
		/* Mirrored: a right-to-left line against the right edge, so the
		 * translated state reads after the (Latin) source label. */
		if (rtl)
			screen_field_dir(y + used, x, w, piece, a, ALIGN_RIGHT, TEXT_DIR_RTL);
		else
			put_field(y + used, x, w, piece, a, false);
		free(piece);
		rest += len;
		while (*rest == ' ')
			rest++;
		used++;
	}
	free(line);
	free(st);
	return used;
}

/* Every source's state from row y, in at most rows rows; returns rows used. */
static int
draw_states(const struct panel *p, struct app *app, int y, int rows, int x, int w)
{
	time_t now = time(NULL);
	int used = 0;

	for (size_t i = 0; i < market_board_nsources(p->board) && used < rows; i++)
		used += draw_state(p, i, now, y + used, rows - used, x, w, app->rtl);
	return used;
}

void
panel_draw(struct app *app, int y, int h, int *x, int *w)
{
	struct panel *p = app->panel;

	if (p == NULL || !p->shown)
		return;
	if (*w < PANEL_MIN_COLS) {
		if (!p->narrow_said)
			status_msg(app->status, LOG_INFO, _("market panel hidden: the terminal is "
			    "narrower than %d columns"), PANEL_MIN_COLS);
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
	size_t n = market_board_count(p->board);
	/* Focused, or nothing to show: every source's state first. */
	if (p->focused || n == 0) {
		int used = draw_states(p, app, y + HEADER_ROWS, n == 0 ? rows : rows / 2, cx, iw);
		if (n == 0 && used == 0 && rows > 0) {
			int nw = screen_width(_("no tokens"));
			screen_text(y + HEADER_ROWS, app->rtl ? cx + iw - nw : cx, nw, _("no tokens"),
			    colors_attr(EL_DIM));
		}
		y += used;
		rows -= used;
	}
	p->visible = rows / 2 > 0 ? rows / 2 : 0;
	p->pw = 0;
	if (n == 0)
		return;
	size_t top = market_board_scroll(p->board, (size_t)p->visible);
	p->rows_y = y + HEADER_ROWS;
	p->px = px;
	p->pw = pw;
	p->top = top;
	if (p->visible == 0)
		return;
	size_t cur = market_board_cursor(p->board);
	for (int i = 0; i < p->visible && top + (size_t)i < n; i++) {
		size_t k = top + (size_t)i;
		draw_entry(p, k, y + HEADER_ROWS + 2 * i, cx, iw, app->rtl, p->focused && k == cur);
	}
}

bool
panel_click(struct app *app, int y, int x)
{
	struct panel *p = app->panel;

	if (p == NULL || !p->shown || !in_article(app) || p->pw == 0 || x < p->px ||
	    x >= p->px + p->pw || y < p->rows_y || y >= p->rows_y + 2 * p->visible)
		return false;
	size_t k = p->top + (size_t)((y - p->rows_y) / 2);
	if (k >= market_board_count(p->board))
		return true;	/* a blank row of the panel: nothing to select */
	market_board_move(p->board, MARKET_MOVE_TOP, 1);
	for (size_t i = 0; i < k; i++)
		market_board_move(p->board, MARKET_MOVE_DOWN, 1);
	p->focused = true;
	app->dirty = true;
	return true;
}

bool
panel_focused(struct app *app)
{
	return app->panel != NULL && app->panel->shown && app->panel->focused;
}

bool
panel_token(struct app *app, struct panel_token *out)
{
	struct panel *p = app->panel;
	const size_t *srcs;

	memset(out, 0, sizeof *out);
	if (p == NULL || market_board_selected(p->board) == NULL)
		return false;
	size_t k = market_board_cursor(p->board);
	market_ticker_copy(&out->t, market_board_ticker(p->board, k));
	out->n = market_board_sources_of(p->board, k, &srcs);
	out->src = xcalloc(out->n, sizeof *out->src);
	out->id = xcalloc(out->n, sizeof *out->id);
	out->kind = xcalloc(out->n, sizeof *out->kind);
	struct buf b;
	buf_init(&b, 0);
	for (size_t j = 0; j < out->n; j++) {
		out->src[j] = xstrdup(p->srcs->v[srcs[j]].name);
		out->id[j] = xstrdup(market_board_source_id(p->board, k, j));
		out->kind[j] = p->srcs->v[srcs[j]].kind;
		buf_printf(&b, "%s%s", j > 0 ? ", " : "", market_board_label(p->board, srcs[j]));
	}
	out->sources = buf_detach(&b);
	for (size_t f = 0; f < MARKET_BOARD_NFIELDS; f++)
		out->from[f] = market_board_label(p->board,
		    market_board_field_source(p->board, k, (enum market_board_field)f));
	return true;
}

void
panel_token_clear(struct panel_token *pt)
{
	market_ticker_clear(&pt->t);
	for (size_t j = 0; j < pt->n; j++) {
		free(pt->src[j]);
		free(pt->id[j]);
	}
	free(pt->src);
	free(pt->id);
	free(pt->kind);
	free(pt->sources);
	memset(pt, 0, sizeof *pt);
}

size_t
panel_source_count(struct app *app)
{
	struct panel *p = app->panel;

	return p != NULL ? market_board_nsources(p->board) : 0;
}

char *
panel_source_state(struct app *app, size_t i, time_t now, bool *bad)
{
	struct panel *p = app->panel;

	if (p == NULL || i >= market_board_nsources(p->board))
		return NULL;
	enum market_state s = market_board_state(p->board, i, now);
	*bad = s == MARKET_STATE_FAILING || s == MARKET_STATE_LIMITED ||
	    s == MARKET_STATE_STALE || market_board_error(p->board, i) != NULL;
	char *st = market_board_state_text(p->board, i, now);
	char *line = xasprintf("%s: %s", market_board_label(p->board, i), st);
	free(st);
	return line;
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
		status_msg(app->status, LOG_INFO, _("market panel on, but hidden: the terminal is "
		    "narrower than %d columns"), PANEL_MIN_COLS);
		p->narrow_said = true;
	} else if (*keys)
		status_msg(app->status, LOG_INFO, shown ? _("market panel shown (%s hides it)") :
		    _("market panel hidden (%s shows it)"), keys);
	else
		status_msg(app->status, LOG_INFO, "%s", shown ? _("market panel shown") :
		    _("market panel hidden"));
}

static void
open_token(struct panel *p, struct app *app)
{
	const struct market_ticker *t = market_board_selected(p->board);
	if (t == NULL)
		return;
	if (t->url == NULL)
		status_msg(app->status, LOG_INFO, _("%s has no page"), t->symbol);
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
		    _("no market source configured (market-source in the config)"));
		app->dirty = true;
		return true;
	}
	app->dirty = true;
	switch (a) {
	case ACTION_PANEL:
		set_shown(p, app, !p->shown);
		return true;
	case ACTION_MARKET_SORT:
	{
		enum market_sort key = market_board_next_sort(p->board);
		app_state_put(app, "panel-sort", market_sort_state(key));
		status_msg(app->status, LOG_INFO, _("market panel sorted by %s"),
		    market_sort_label(key));
		return true;
	}
	case ACTION_FOCUS:
		if (!p->shown)
			status_msg(app->status, LOG_INFO, _("the market panel is hidden"));
		else if (app->cols < PANEL_MIN_COLS)
			status_msg(app->status, LOG_INFO, _("the market panel is hidden: the "
			    "terminal is narrower than %d columns"), PANEL_MIN_COLS);
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
		market_board_move(p->board, MARKET_MOVE_UP, (size_t)page);
		break;
	case ACTION_DOWN:
		market_board_move(p->board, MARKET_MOVE_DOWN, (size_t)page);
		break;
	case ACTION_PAGE_UP:
		market_board_move(p->board, MARKET_MOVE_PAGE_UP, (size_t)page);
		break;
	case ACTION_PAGE_DOWN:
		market_board_move(p->board, MARKET_MOVE_PAGE_DOWN, (size_t)page);
		break;
	case ACTION_TOP:
		market_board_move(p->board, MARKET_MOVE_TOP, (size_t)page);
		break;
	case ACTION_BOTTOM:
		market_board_move(p->board, MARKET_MOVE_BOTTOM, (size_t)page);
		break;
	case ACTION_OPEN_BROWSER:
		open_token(p, app);
		break;
	case ACTION_BACK:
		p->focused = false;
		break;
	case ACTION_RELOAD:
		if (app->fetch == NULL)
			status_msg(app->status, LOG_WARN,
			    _("offline: not refreshing the market data (started with --offline)"));
		else {
			driver_market_refresh(app->driver, time(NULL));
			status_msg(app->status, LOG_INFO, _("refreshing the market data"));
		}
		break;
	default:
		return false;
	}
	return true;
}
