/*
 * The market panel's model (board.h). The entries point into the sources'
 * lists, so every change to a list is followed by market_board_rebuild(),
 * which rebuilds the entries and puts the selection back on its token.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "market/board.h"
#include "text/text.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* One token on the board; t is borrowed from its source's list. */
struct entry {
	size_t src;
	const struct market_ticker *t;
	double *hist;
	size_t nhist;
};

/* What the board knows of one source. */
struct bsource {
	struct market_list *list;	/* last good list; never NULL */
	time_t updated;		/* when it was fetched; 0 = never */
	char *error;		/* the last refresh failed: why */
	char *said;		/* the error last announced */
	char *label;		/* short name for the header */
};

struct market_board {
	struct bsource *s;
	size_t ns;
	struct entry *v;
	size_t n;
	enum market_sort sort;
	size_t cur, top;
	/* The selection while the entries are gone (between set_list and
	 * rebuild): the list its ticker pointed into may be freed. */
	char *keep_id;
	size_t keep_src;
};

static const struct {
	enum market_sort key;
	const char *state;	/* ui_state value */
	const char *label;	/* header and status line */
} sorts[] = {
	{ MARKET_SORT_CAP, "cap", N_("market cap") },
	{ MARKET_SORT_CHANGE, "change", N_("change") },
	{ MARKET_SORT_HOLDERS, "holders", N_("holders") },
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

const char *
market_sort_state(enum market_sort key)
{
	return sorts[sort_index(key)].state;
}

const char *
market_sort_label(enum market_sort key)
{
	return _(sorts[sort_index(key)].label);
}

bool
market_sort_from_state(const char *name, enum market_sort *key)
{
	for (size_t i = 0; name != NULL && i < NSORTS; i++)
		if (strcmp(name, sorts[i].state) == 0) {
			*key = sorts[i].key;
			return true;
		}
	return false;
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

struct market_board *
market_board_new(const struct market_sources *srcs)
{
	struct market_board *b = xcalloc(1, sizeof *b);

	b->ns = srcs->n;
	b->s = xcalloc(b->ns > 0 ? b->ns : 1, sizeof *b->s);
	for (size_t i = 0; i < b->ns; i++) {
		b->s[i].label = source_label(&srcs->v[i]);
		b->s[i].list = market_list_new();
	}
	b->sort = MARKET_SORT_CAP;
	return b;
}

static void
entries_free(struct market_board *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].hist);
	free(b->v);
	b->v = NULL;
	b->n = 0;
}

void
market_board_free(struct market_board **bp)
{
	struct market_board *b = *bp;

	if (b == NULL)
		return;
	entries_free(b);
	for (size_t i = 0; i < b->ns; i++) {
		market_list_free(&b->s[i].list);
		free(b->s[i].error);
		free(b->s[i].said);
		free(b->s[i].label);
	}
	free(b->s);
	free(b->keep_id);
	xfree(bp);
}

size_t
market_board_nsources(const struct market_board *b)
{
	return b->ns;
}

const char *
market_board_label(const struct market_board *b, size_t i)
{
	return i < b->ns ? b->s[i].label : "";
}

/* The selected token as (source, id), copied: the list may go. */
static char *
selection(const struct market_board *b, size_t *src)
{
	if (b->cur >= b->n)
		return NULL;
	*src = b->v[b->cur].src;
	return xstrdup(b->v[b->cur].t->id);
}

void
market_board_set_list(struct market_board *b, size_t i, struct market_list *list, time_t updated)
{
	if (i >= b->ns || list == NULL)
		return;
	/* The entries point into the old list: they go with it, and the
	 * selection waits for the rebuild by name. */
	if (b->n > 0 && b->keep_id == NULL)
		b->keep_id = selection(b, &b->keep_src);
	entries_free(b);
	market_list_free(&b->s[i].list);
	b->s[i].list = list;
	b->s[i].updated = updated;
}

void
market_board_set_error(struct market_board *b, size_t i, const char *error)
{
	if (i >= b->ns)
		return;
	free(b->s[i].error);
	b->s[i].error = xstrdup_null(error);
}

const char *
market_board_error(const struct market_board *b, size_t i)
{
	return i < b->ns ? b->s[i].error : NULL;
}

const char *
market_board_news(struct market_board *b, size_t i)
{
	struct bsource *s;

	if (i >= b->ns)
		return NULL;
	s = &b->s[i];
	if (s->error == NULL) {
		xfree(&s->said);
		return NULL;
	}
	if (s->said != NULL && strcmp(s->said, s->error) == 0)
		return NULL;
	free(s->said);
	s->said = xstrdup(s->error);
	return s->error;
}

static int
entry_cmp(const void *a, const void *b, void *ud)
{
	const struct entry *x = a, *y = b;
	int c = market_ticker_cmp(x->t, y->t, *(const enum market_sort *)ud);

	if (c == 0)
		c = x->src < y->src ? -1 : x->src > y->src;
	return c;
}

/* Sort; the selection stays on its token (ids are stable across sorts). */
static void
sort_entries(struct market_board *b, size_t src, const char *id)
{
	if (b->n > 1)
		qsort_r(b->v, b->n, sizeof *b->v, entry_cmp, &b->sort);
	for (size_t i = 0; id != NULL && i < b->n; i++)
		if (b->v[i].src == src && strcmp(b->v[i].t->id, id) == 0)
			b->cur = i;
}

void
market_board_rebuild(struct market_board *b)
{
	size_t alloc = 0, src = 0;
	/* set_list dropped the entries: then the selection is the one kept
	 * at the last rebuild. */
	char *id = selection(b, &src);

	if (b->keep_id != NULL) {
		free(id);
		id = b->keep_id;
		src = b->keep_src;
		b->keep_id = NULL;
	}
	entries_free(b);
	for (size_t i = 0; i < b->ns; i++)
		for (size_t j = 0; j < b->s[i].list->n; j++) {
			if (b->n == alloc) {
				alloc = alloc ? alloc * 2 : 16;
				b->v = xreallocarray(b->v, alloc, sizeof *b->v);
			}
			b->v[b->n++] = (struct entry){ .src = i, .t = &b->s[i].list->items[j] };
		}
	b->cur = 0;
	sort_entries(b, src, id);
	free(id);
}

size_t
market_board_count(const struct market_board *b)
{
	return b->n;
}

const struct market_ticker *
market_board_ticker(const struct market_board *b, size_t k)
{
	return k < b->n ? b->v[k].t : NULL;
}

size_t
market_board_source_of(const struct market_board *b, size_t k)
{
	return k < b->n ? b->v[k].src : 0;
}

void
market_board_set_history(struct market_board *b, size_t k, double *v, size_t n)
{
	if (k >= b->n) {
		free(v);
		return;
	}
	free(b->v[k].hist);
	b->v[k].hist = v;
	b->v[k].nhist = n;
}

bool
market_history_usable(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]))
			return true;
	return false;
}

enum market_sort
market_board_sort(const struct market_board *b)
{
	return b->sort;
}

void
market_board_set_sort(struct market_board *b, enum market_sort key)
{
	size_t src = 0;
	char *id = selection(b, &src);

	b->sort = key;
	sort_entries(b, src, id);
	free(id);
}

enum market_sort
market_board_next_sort(struct market_board *b)
{
	market_board_set_sort(b, sorts[(sort_index(b->sort) + 1) % NSORTS].key);
	return b->sort;
}

size_t
market_board_cursor(const struct market_board *b)
{
	return b->cur;
}

void
market_board_move(struct market_board *b, enum market_board_move how, size_t page)
{
	if (page < 1)
		page = 1;
	switch (how) {
	case MARKET_MOVE_UP:
		if (b->cur > 0)
			b->cur--;
		break;
	case MARKET_MOVE_DOWN:
		if (b->cur + 1 < b->n)
			b->cur++;
		break;
	case MARKET_MOVE_PAGE_UP:
		b->cur = b->cur > page ? b->cur - page : 0;
		break;
	case MARKET_MOVE_PAGE_DOWN:
		b->cur = b->n == 0 ? 0 : b->cur + page < b->n ? b->cur + page : b->n - 1;
		break;
	case MARKET_MOVE_TOP:
		b->cur = 0;
		break;
	case MARKET_MOVE_BOTTOM:
		b->cur = b->n ? b->n - 1 : 0;
		break;
	}
}

const struct market_ticker *
market_board_selected(const struct market_board *b)
{
	return b->cur < b->n ? b->v[b->cur].t : NULL;
}

size_t
market_board_scroll(struct market_board *b, size_t visible)
{
	if (b->n == 0) {
		b->cur = b->top = 0;
		return 0;
	}
	if (b->cur >= b->n)
		b->cur = b->n - 1;
	if (visible == 0)
		return b->top;
	if (b->cur < b->top)
		b->top = b->cur;
	if (b->cur >= b->top + visible)
		b->top = b->cur - visible + 1;
	if (b->top + visible > b->n)
		b->top = b->n > visible ? b->n - visible : 0;
	return b->top;
}

static int
width_of(const char *s)
{
	return s != NULL ? text_width(s, strlen(s)) : 0;
}

/* An untrusted name or symbol in at most maxw columns from x, or ending at
 * x + maxw when right. */
static struct market_field
field(const char *s, int x, int maxw, bool right)
{
	if (s == NULL || *s == '\0' || maxw <= 0)
		return (struct market_field){ NULL, x, 0 };
	int fw = width_of(s);
	if (fw > maxw)
		fw = maxw;
	return (struct market_field){ s, right ? x + maxw - fw : x, fw };
}

/* Trusted text, as wide as it is, at x. */
static struct market_field
ltr(const char *s, int x)
{
	return (struct market_field){ s, x, width_of(s) };
}

void
market_board_row(const struct market_board *b, size_t k, int w, bool rtl, int flags,
    struct market_row *r)
{
	const struct market_ticker *t = market_board_ticker(b, k);

	memset(r, 0, sizeof *r);
	if (t == NULL)
		return;
	const struct entry *e = &b->v[k];

	/* Row 1: symbol, name, market cap. */
	market_fmt_money(t->market_cap_usd, flags, r->cap_s);
	int cw = width_of(r->cap_s);
	int sw = width_of(t->symbol);
	if (sw > w - cw - 1)
		sw = w - cw - 1;
	int room = w - sw - cw - 2;
	if (rtl) {
		r->cap = ltr(r->cap_s, 0);
		r->symbol = field(t->symbol, w - sw, sw, false);
		r->name = field(t->name, cw + 1, room, true);
	} else {
		r->symbol = field(t->symbol, 0, sw, false);
		r->name = field(t->name, sw + 1, room, false);
		r->cap = ltr(r->cap_s, w - cw);
	}

	/* Row 2: holders, sparkline, change (sign and arrow, then colour). */
	market_fmt_change(t->change_24h_pct, flags, r->change_s);
	r->change_dir = market_change_direction(t->change_24h_pct);
	int gw = width_of(r->change_s);
	static const char *const labels[] = { N_(" holders"), N_(" hold."), "" };
	int hw = 0, cells = 0;
	char num[MARKET_FMT_SIZE];
	market_fmt_holders(t->holders, flags, num);
	for (size_t li = 0; li < 3; li++) {
		const char *lab = *labels[li] ? _(labels[li]) : "";
		if (li == 0 && t->holders.present && t->holders.value == 1)
			lab = _(" holder");
		snprintf(r->holders_s, sizeof r->holders_s, "%s%s", num, lab);
		hw = width_of(r->holders_s);
		cells = w - hw - gw - 2;
		if (cells >= 4)
			break;
	}
	if (cells > 12)
		cells = 12;
	r->spark_s = cells > 0 ? market_sparkline(e->hist, e->nhist, (size_t)cells, flags) : NULL;
	if (rtl) {
		r->change = ltr(r->change_s, 0);
		if (r->spark_s != NULL)
			r->spark = ltr(r->spark_s, gw + 1);
		r->holders = ltr(r->holders_s, w - hw);
	} else {
		r->holders = ltr(r->holders_s, 0);
		if (r->spark_s != NULL)
			r->spark = ltr(r->spark_s, w - gw - 1 - cells);
		r->change = ltr(r->change_s, w - gw);
	}
}

void
market_row_clear(struct market_row *r)
{
	free(r->spark_s);
	memset(r, 0, sizeof *r);
}

void
market_board_header(const struct market_board *b, time_t now, bool online, int flags,
    struct market_header *h)
{
	time_t oldest = 0;
	char age[MARKET_FMT_SIZE];
	const char *sep = flags & MARKET_FMT_ASCII ? " - " : " \xc2\xb7 ";

	memset(h, 0, sizeof *h);
	for (size_t i = 0; i < b->ns; i++) {
		h->failed |= b->s[i].error != NULL;
		if (b->s[i].updated != 0 && (oldest == 0 || b->s[i].updated < oldest))
			oldest = b->s[i].updated;
	}
	if (b->ns == 1)
		snprintf(h->label, sizeof h->label, "%s", b->s[0].label);
	else
		snprintf(h->label, sizeof h->label, P_("%zu source", "%zu sources", b->ns), b->ns);
	if (oldest != 0)
		market_fmt_age(now, oldest, age);
	else
		snprintf(age, sizeof age, "%s", online ? _("loading") : _("no data yet"));
	snprintf(h->status, sizeof h->status, _("%s%sby %s"), age, sep, market_sort_label(b->sort));
}
