/*
 * The token detail view (view_token.h). Every paint re-reads the panel's
 * selection and the history from the cache, so values and charts follow
 * the refreshes and the backfill without an event of their own; the rows
 * are built into a small model first (label, trusted value or untrusted
 * text), then painted from the scroll position.
 */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "driver/driver.h"
#include "market/chart.h"
#include "market/format.h"
#include "store/tickers.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "app.h"
#include "colors.h"
#include "panel.h"
#include "screen.h"
#include "status.h"
#include "view_token.h"

#define CHART_ROWS 4
#define DAY (24 * 3600)

struct trow {
	char *text;
	enum element el;
	bool untrusted;		/* fetched text: laid out as a field */
	bool bold;
	bool ltr;		/* a chart row: time runs left to right in either UI */
	/* A value row: label (padded to labelw columns), then the amount
	 * (left to right in either UI, as in the panel), then text. */
	char *label;
	char *amount;
	int labelw;
};

struct vtoken {
	struct view v;
	struct panel_token tok;	/* as opened; the panel's selection may move */
	struct trow *rows;
	size_t n;
	long top;
};

static void
add(struct vtoken *vt, enum element el, bool untrusted, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
add(struct vtoken *vt, enum element el, bool untrusted, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	vt->rows = xreallocarray(vt->rows, vt->n + 1, sizeof *vt->rows);
	vt->rows[vt->n++] = (struct trow){ s, el, untrusted, false, false, NULL, NULL, 0 };
}

static void
rows_clear(struct vtoken *vt)
{
	for (size_t i = 0; i < vt->n; i++) {
		free(vt->rows[i].text);
		free(vt->rows[i].label);
		free(vt->rows[i].amount);
	}
	free(vt->rows);
	vt->rows = NULL;
	vt->n = 0;
}

static int
fmt_flags(void)
{
	return screen_utf8() ? 0 : MARKET_FMT_ASCII;
}

/* The history of one field, from the token's source with most points in
 * it; returns the length of *v and *t (both NULL when 0). */
static size_t
history(struct vtoken *vt, struct app *app, enum store_ticker_field f, double **v, time_t **t)
{
	size_t best = 0, len = 0;

	*v = NULL;
	*t = NULL;
	for (size_t j = 0; j < vt->tok.n; j++) {
		double *hv;
		time_t *ht;
		size_t n;
		if (store_tickers_history(app->store, vt->tok.src[j], vt->tok.id[j], f, 0, &hv,
		    &ht, &n) != 0) {
			log_msg(LOG_WARN, "%s", store_errmsg(app->store));
			continue;
		}
		size_t usable = 0;
		for (size_t i = 0; i < n; i++)
			usable += isfinite(hv[i]) != 0;
		if (usable > best) {
			free(*v);
			free(*t);
			*v = hv;
			*t = ht;
			best = usable;
			len = n;
		} else {
			free(hv);
			free(ht);
		}
	}
	return len;
}

/* One chart: its title with the range, then its rows. */
static void
chart(struct vtoken *vt, const char *title, const time_t *t, const double *v, size_t n,
    time_t now, time_t span, int w, bool money)
{
	struct market_chart c;
	char lo[MARKET_FMT_SIZE], hi[MARKET_FMT_SIZE];

	market_chart(t, v, n, now - span, now, w, CHART_ROWS, fmt_flags(), &c);
	if (c.points == 0) {
		add(vt, EL_HEADING, false, _("%s: no history yet"), title);
		market_chart_clear(&c);
		return;
	}
	struct market_num a = { c.min, true, false }, b = { c.max, true, false };
	if (money) {
		market_fmt_money(a, fmt_flags(), lo);
		market_fmt_money(b, fmt_flags(), hi);
	} else {
		market_fmt_holders(a, fmt_flags(), lo);
		market_fmt_holders(b, fmt_flags(), hi);
	}
	add(vt, EL_HEADING, false, P_("%s: low %s, high %s, %zu point",
	    "%s: low %s, high %s, %zu points", c.points), title, lo, hi, c.points);
	for (int r = 0; r < c.h; r++) {
		add(vt, EL_NORMAL, false, "%s", c.rows[r]);
		vt->rows[vt->n - 1].ltr = true;
	}
	market_chart_clear(&c);
}

/* "Price        $0.0123 (from dex)": the label in a column lw wide (the
 * widest translated label), the source only when there is a value. */
static void
value(struct vtoken *vt, const char *label, int lw, const char *shown, struct market_num n,
    const char *from)
{
	if (n.present)
		add(vt, EL_NORMAL, false, _("(from %s)"), from);
	else
		add(vt, EL_NORMAL, false, "%s", "");
	struct trow *row = &vt->rows[vt->n - 1];
	row->label = xstrdup(label);
	row->amount = xstrdup(shown);
	row->labelw = lw;
}

/* A value row in [x, x + w): mirrored, the label at the right edge and the
 * amount and the source leftwards; the amount always left to right. */
static void
draw_value(const struct trow *row, int y, int x, int w, bool rtl, attr_t a)
{
	int lw = row->labelw < w ? row->labelw : w;
	int aw = screen_width(row->amount), tw = screen_width(row->text);

	if (aw > w - lw)
		aw = w - lw;
	if (tw > w - lw - aw - 1)
		tw = w - lw - aw - 1;
	if (!rtl) {
		screen_text(y, x, lw, row->label, a);
		screen_text_ltr(y, x + lw, aw, row->amount, a);
		if (tw > 0)
			screen_text(y, x + lw + aw + 1, tw, row->text, a);
		return;
	}
	int end = x + w, l = screen_width(row->label);
	if (l > lw)
		l = lw;
	screen_text(y, end - l, l, row->label, a);
	end -= lw;
	screen_text_ltr(y, end - aw, aw, row->amount, a);
	end -= aw + 1;
	if (tw > 0)
		screen_text(y, end - tw, tw, row->text, a);
}

static void
build(struct vtoken *vt, struct app *app, int w)
{
	const struct market_ticker *t = &vt->tok.t;
	char price[MARKET_FMT_SIZE], cap[MARKET_FMT_SIZE], hold[MARKET_FMT_SIZE];
	char chg[MARKET_FMT_SIZE], vol[MARKET_FMT_SIZE];
	int fl = fmt_flags();
	time_t now = time(NULL);
	const char *const *from = vt->tok.from;

	rows_clear(vt);
	market_fmt_price(t->price_usd, fl, price);
	market_fmt_money(t->market_cap_usd, fl, cap);
	market_fmt_holders(t->holders, fl, hold);
	market_fmt_change(t->change_24h_pct, fl, chg);
	market_fmt_money(t->volume_24h_usd, fl, vol);

	add(vt, EL_TITLE, true, "%s", t->name != NULL ? t->name : t->symbol);
	vt->rows[vt->n - 1].bold = true;
	const char *lab[] = { _("Price"), _("Market cap"), _("24 h change"), _("24 h volume"),
	    _("Holders") };
	int lw = 0;
	for (size_t i = 0; i < sizeof lab / sizeof lab[0]; i++)
		if (screen_width(lab[i]) > lw)
			lw = screen_width(lab[i]);
	lw += 2;
	value(vt, lab[0], lw, price, t->price_usd, from[MARKET_BOARD_PRICE]);
	value(vt, lab[1], lw, cap, t->market_cap_usd, from[MARKET_BOARD_CAP]);
	value(vt, lab[2], lw, chg, t->change_24h_pct, from[MARKET_BOARD_CHANGE]);
	value(vt, lab[3], lw, vol, t->volume_24h_usd, from[MARKET_BOARD_VOLUME]);
	value(vt, lab[4], lw, hold, t->holders, from[MARKET_BOARD_HOLDERS]);
	add(vt, EL_DIM, false, "%s", _("Sources:"));
	add(vt, EL_NORMAL, true, "%s", vt->tok.sources);
	if (t->chain != NULL || t->address != NULL) {
		add(vt, EL_DIM, false, "%s", _("Contract:"));
		add(vt, EL_NORMAL, true, "%s %s", t->chain ? t->chain : "",
		    t->address ? t->address : "");
	}
	add(vt, EL_DIM, false, "%s", _("Link (o opens it):"));
	add(vt, t->url ? EL_LINK : EL_DIM, t->url != NULL, "%s", t->url ? t->url : _("none"));
	add(vt, EL_NORMAL, false, "%s", "");

	int cw = w - 2 > 10 ? w - 2 : 10;
	static const struct {
		enum store_ticker_field f;
		const char *title;
		time_t span;
		bool money;
	} charts[] = {
		{ STORE_TICKER_PRICE, N_("Price, 24 h"), DAY, true },
		{ STORE_TICKER_PRICE, N_("Price, 7 d"), 7 * DAY, true },
		{ STORE_TICKER_CAP, N_("Market cap, 24 h"), DAY, true },
		{ STORE_TICKER_CAP, N_("Market cap, 7 d"), 7 * DAY, true },
		{ STORE_TICKER_HOLDERS, N_("Holders, 7 d"), 7 * DAY, false },
	};
	for (size_t i = 0; i < sizeof charts / sizeof charts[0]; i++) {
		double *v;
		time_t *tv;
		size_t n = history(vt, app, charts[i].f, &v, &tv);
		chart(vt, _(charts[i].title), tv, v, n, now, charts[i].span, cw, charts[i].money);
		free(v);
		free(tv);
		add(vt, EL_NORMAL, false, "%s", "");
	}
}

static void
token_draw(struct view *v, struct app *app, int y, int h, int w)
{
	struct vtoken *vt = (struct vtoken *)v;
	struct panel_token now;

	/* The panel's selection is still this token: its fresh values. */
	if (panel_token(app, &now)) {
		if (strcmp(now.t.symbol, vt->tok.t.symbol) == 0 && now.n > 0 && vt->tok.n > 0 &&
		    strcmp(now.src[0], vt->tok.src[0]) == 0 && strcmp(now.id[0], vt->tok.id[0]) == 0) {
			panel_token_clear(&vt->tok);
			vt->tok = now;
		} else
			panel_token_clear(&now);
	}
	build(vt, app, w);
	if (vt->top > (long)vt->n - h)
		vt->top = (long)vt->n - h;
	if (vt->top < 0)
		vt->top = 0;
	for (int r = 0; r < h && vt->top + r < (long)vt->n; r++) {
		const struct trow *row = &vt->rows[vt->top + r];
		attr_t a = colors_attr(row->el) | (row->bold ? A_BOLD : 0);
		/* Mirrored: every row against the right edge; a chart keeps its
		 * time axis left to right and fills the width anyway. */
		if (row->label != NULL)
			draw_value(row, y + r, 1, w - 2, app->rtl, a);
		else if (row->ltr)
			screen_text_ltr(y + r, 1, w - 2, row->text, a);
		else if (row->untrusted)
			screen_field(y + r, 1, w - 2, row->text, a,
			    app->rtl ? ALIGN_RIGHT : ALIGN_START);
		else if (app->rtl) {
			int tw = screen_width(row->text);
			if (tw > w - 2)
				tw = w - 2;
			screen_text(y + r, w - 1 - tw, tw, row->text, a);
		} else
			screen_text(y + r, 1, w - 2, row->text, a);
	}
}

static void
token_title(struct view *v, struct app *app, struct view_title *t)
{
	struct vtoken *vt = (struct vtoken *)v;

	(void)app;
	snprintf(t->prefix, sizeof t->prefix, "%s", _("Token: "));
	t->name = vt->tok.t.symbol;
	snprintf(t->suffix, sizeof t->suffix, "%s", _(" (o opens its page, q goes back)"));
}

/* Ask the sources that have a history endpoint for this token's. */
static void
backfill(struct vtoken *vt, struct app *app)
{
	for (size_t j = 0; j < vt->tok.n; j++)
		if (vt->tok.kind[j] == MARKET_COINGECKO || vt->tok.kind[j] == MARKET_DEXSCREENER)
			driver_market_history(app->driver, vt->tok.src[j], vt->tok.id[j],
			    vt->tok.t.pool, vt->tok.t.chain, time(NULL));
}

static bool
token_action(struct view *v, struct app *app, enum action a)
{
	struct vtoken *vt = (struct vtoken *)v;
	long h = v->last_h;

	switch (a) {
	case ACTION_UP: vt->top--; break;
	case ACTION_DOWN: vt->top++; break;
	case ACTION_PAGE_UP: vt->top -= h > 2 ? h - 1 : 1; break;
	case ACTION_PAGE_DOWN: vt->top += h > 2 ? h - 1 : 1; break;
	case ACTION_TOP: vt->top = 0; break;
	case ACTION_BOTTOM: vt->top = (long)vt->n; break;
	case ACTION_OPEN:
	case ACTION_OPEN_BROWSER:
		if (vt->tok.t.url == NULL)
			status_msg(app->status, LOG_INFO, _("%s has no page"), vt->tok.t.symbol);
		else
			app_open_url(app, vt->tok.t.url);
		break;
	case ACTION_RELOAD:
		if (app->fetch == NULL) {
			status_msg(app->status, LOG_WARN,
			    _("offline: not refreshing the market data (started with --offline)"));
			break;
		}
		driver_market_refresh(app->driver, time(NULL));
		backfill(vt, app);
		status_msg(app->status, LOG_INFO, "%s", _("refreshing the market data"));
		break;
	default:
		return false;
	}
	app->dirty = true;
	return true;
}

static void
token_free(struct view *v)
{
	struct vtoken *vt = (struct vtoken *)v;

	rows_clear(vt);
	panel_token_clear(&vt->tok);
	free(vt);
}

static const struct view_ops token_ops = {
	.name = "token", .draw = token_draw, .title = token_title,
	.action = token_action, .free = token_free, .min_w = 20, .min_h = 4,
};

struct view *
view_token_new(struct app *app)
{
	struct vtoken *vt = xcalloc(1, sizeof *vt);

	vt->v.ops = &token_ops;
	if (!panel_token(app, &vt->tok)) {
		free(vt);
		return NULL;
	}
	if (app->fetch != NULL)
		backfill(vt, app);
	return &vt->v;
}
