/*
 * The market panel's model (board.h). The entries point into the sources'
 * lists, so every change to a list is followed by market_board_rebuild(),
 * which rebuilds the entries and puts the selection back on its token.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "market/board.h"
#include "text/text.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* One token on the board: the merge of the same token from every source
 * that lists it (t owned), with where each field came from. */
struct entry {
	size_t src;		/* the first source that listed it (its id) */
	struct market_ticker t;
	size_t from[MARKET_BOARD_NFIELDS];	/* source of each field */
	time_t at[MARKET_BOARD_NFIELDS];	/* that source's fetch time */
	size_t *srcs;		/* every source that lists it */
	const char **ids;	/* its id in each of them (borrowed from the lists) */
	size_t nsrcs;
	double *hist;
	size_t nhist;
};

/* What the board knows of one source. */
struct bsource {
	struct market_list *list;	/* last good list; never NULL */
	time_t updated;		/* when it was fetched; 0 = never */
	char *error;		/* the last refresh failed: why */
	char *warning;		/* what the last good refresh lost */
	time_t last_attempt, retry_after;
	unsigned interval;
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
		b->s[i].interval = srcs->v[i].interval;
	}
	b->sort = MARKET_SORT_CAP;
	return b;
}

static void
entries_free(struct market_board *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].hist);
		free(b->v[i].srcs);
		free(b->v[i].ids);
		market_ticker_clear(&b->v[i].t);
	}
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
		free(b->s[i].warning);
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
	return xstrdup(b->v[b->cur].t.id);
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

void
market_board_set_status(struct market_board *b, size_t i, time_t last_attempt,
    time_t retry_after, const char *error, const char *warning)
{
	if (i >= b->ns)
		return;
	b->s[i].last_attempt = last_attempt;
	b->s[i].retry_after = retry_after;
	market_board_set_error(b, i, error);
	free(b->s[i].warning);
	b->s[i].warning = xstrdup_null(warning);
}

static struct market_source_status
status_of(const struct bsource *s)
{
	return (struct market_source_status){
		.last_success = s->updated, .last_attempt = s->last_attempt,
		.retry_after = s->retry_after, .error = s->error, .warning = s->warning,
		.interval = s->interval,
	};
}

enum market_state
market_board_state(const struct market_board *b, size_t i, time_t now)
{
	if (i >= b->ns)
		return MARKET_STATE_NEW;
	struct market_source_status st = status_of(&b->s[i]);
	return market_state_of(&st, now);
}

char *
market_board_state_text(const struct market_board *b, size_t i, time_t now)
{
	if (i >= b->ns)
		return xstrdup("");
	struct market_source_status st = status_of(&b->s[i]);
	return market_state_text(&st, now);
}

bool
market_board_has_data(const struct market_board *b, size_t i)
{
	return i < b->ns && b->s[i].list->n > 0;
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
	int c = market_ticker_cmp(&x->t, &y->t, *(const enum market_sort *)ud);

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
		if (b->v[i].src == src && strcmp(b->v[i].t.id, id) == 0)
			b->cur = i;
}

/*
 * Token keys to entries, so a rebuild stays linear in the tokens (Gate
 * Alpha lists thousands): open addressing, FNV-1a over the key folded to
 * ASCII lower case. Keys are owned; values are indexes into b->v.
 */
struct tmap {
	char **key;
	size_t *val;
	size_t cap;		/* a power of two, at least twice the keys */
};

static void
tmap_init(struct tmap *m, size_t n)
{
	m->cap = 16;
	while (m->cap < 2 * n + 2)
		m->cap *= 2;
	m->key = xcalloc(m->cap, sizeof *m->key);
	m->val = xcalloc(m->cap, sizeof *m->val);
}

static void
tmap_free(struct tmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->key[i]);
	free(m->key);
	free(m->val);
}

static size_t
tmap_slot(const struct tmap *m, const char *key)
{
	uint64_t h = 1469598103934665603ull;

	for (const char *p = key; *p != '\0'; p++)
		h = (h ^ (unsigned char)tolower((unsigned char)*p)) * 1099511628211ull;
	size_t i = (size_t)h & (m->cap - 1);
	while (m->key[i] != NULL && strcasecmp(m->key[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* The entry of key, or (size_t)-1. */
static size_t
tmap_get(const struct tmap *m, const char *key)
{
	size_t i = tmap_slot(m, key);

	return m->key[i] != NULL ? m->val[i] : (size_t)-1;
}

/* Key to val unless the key is there already (the first entry wins). */
static void
tmap_add(struct tmap *m, const char *key, size_t val)
{
	size_t i = tmap_slot(m, key);

	if (m->key[i] == NULL) {
		m->key[i] = xstrdup(key);
		m->val[i] = val;
	}
}

/* The maps of one rebuild: by (chain, address), by symbol, and by symbol
 * among the entries without an address. */
struct tmaps {
	struct tmap addr, sym, sym_noaddr;
};

static char *
addr_key(const struct market_ticker *t)
{
	return t->chain != NULL && t->address != NULL ?
	    xasprintf("%s\x1f%s", t->chain, t->address) : NULL;
}

/* Index entry k under the keys it has now. */
static void
index_entry(struct market_board *b, struct tmaps *m, size_t k)
{
	const struct market_ticker *t = &b->v[k].t;
	char *a = addr_key(t);

	if (a != NULL)
		tmap_add(&m->addr, a, k);
	else
		tmap_add(&m->sym_noaddr, t->symbol, k);
	tmap_add(&m->sym, t->symbol, k);
	free(a);
}

/*
 * The entry t joins: the same (chain, address), else a token of that
 * symbol whose address is unknown (or t's is); two tokens that share a
 * symbol but not an address stay apart. Never one of src's own tokens.
 */
static struct entry *
same_token(struct market_board *b, struct tmaps *m, size_t src, const struct market_ticker *t)
{
	char *a = addr_key(t);
	size_t k = (size_t)-1;

	if (a != NULL) {
		k = tmap_get(&m->addr, a);
		if (k == (size_t)-1) {
			k = tmap_get(&m->sym_noaddr, t->symbol);
			/* It may have learnt an address from another source since. */
			if (k != (size_t)-1 && b->v[k].t.chain != NULL && b->v[k].t.address != NULL)
				k = (size_t)-1;
		}
		free(a);
	} else
		k = tmap_get(&m->sym, t->symbol);
	if (k == (size_t)-1 || b->v[k].srcs[b->v[k].nsrcs - 1] == src)
		return NULL;
	return &b->v[k];
}

/* Field f of e from t (of source src, fetched at at) when t's is fresher. */
static void
take_num(struct entry *e, size_t f, struct market_num *dst, const struct market_num *v,
    size_t src, time_t at)
{
	if (!v->present || (dst->present && at <= e->at[f]))
		return;
	*dst = *v;
	e->from[f] = src;
	e->at[f] = at;
}

static void
take_str(char **dst, const char *v)
{
	if (*dst == NULL && v != NULL)
		*dst = xstrdup(v);
}

static void
merge_into(struct entry *e, size_t src, time_t at, const struct market_ticker *t)
{
	take_num(e, MARKET_BOARD_PRICE, &e->t.price_usd, &t->price_usd, src, at);
	take_num(e, MARKET_BOARD_CAP, &e->t.market_cap_usd, &t->market_cap_usd, src, at);
	take_num(e, MARKET_BOARD_HOLDERS, &e->t.holders, &t->holders, src, at);
	take_num(e, MARKET_BOARD_CHANGE, &e->t.change_24h_pct, &t->change_24h_pct, src, at);
	take_num(e, MARKET_BOARD_VOLUME, &e->t.volume_24h_usd, &t->volume_24h_usd, src, at);
	take_str(&e->t.name, t->name);
	take_str(&e->t.url, t->url);
	take_str(&e->t.chain, t->chain);
	take_str(&e->t.address, t->address);
	take_str(&e->t.pool, t->pool);
	e->srcs = xreallocarray(e->srcs, e->nsrcs + 1, sizeof *e->srcs);
	e->ids = xreallocarray(e->ids, e->nsrcs + 1, sizeof *e->ids);
	e->ids[e->nsrcs] = t->id;
	e->srcs[e->nsrcs++] = src;
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
	size_t total = 0;
	for (size_t i = 0; i < b->ns; i++)
		total += b->s[i].list->n;
	struct tmaps m;
	tmap_init(&m.addr, total);
	tmap_init(&m.sym, total);
	tmap_init(&m.sym_noaddr, total);
	for (size_t i = 0; i < b->ns; i++)
		for (size_t j = 0; j < b->s[i].list->n; j++) {
			const struct market_ticker *t = &b->s[i].list->items[j];
			struct entry *e = same_token(b, &m, i, t);
			if (e != NULL) {
				merge_into(e, i, b->s[i].updated, t);
				index_entry(b, &m, (size_t)(e - b->v));
				continue;
			}
			if (b->n == alloc) {
				alloc = alloc ? alloc * 2 : 16;
				b->v = xreallocarray(b->v, alloc, sizeof *b->v);
			}
			e = &b->v[b->n++];
			*e = (struct entry){ .src = i };
			market_ticker_copy(&e->t, t);
			for (size_t f = 0; f < MARKET_BOARD_NFIELDS; f++) {
				e->from[f] = i;
				e->at[f] = b->s[i].updated;
			}
			e->srcs = xcalloc(1, sizeof *e->srcs);
			e->ids = xcalloc(1, sizeof *e->ids);
			e->ids[e->nsrcs] = t->id;
			e->srcs[e->nsrcs++] = i;
			index_entry(b, &m, b->n - 1);
		}
	tmap_free(&m.addr);
	tmap_free(&m.sym);
	tmap_free(&m.sym_noaddr);
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
	return k < b->n ? &b->v[k].t : NULL;
}

size_t
market_board_sources_of(const struct market_board *b, size_t k, const size_t **srcs)
{
	if (k >= b->n) {
		*srcs = NULL;
		return 0;
	}
	*srcs = b->v[k].srcs;
	return b->v[k].nsrcs;
}

const char *
market_board_source_id(const struct market_board *b, size_t k, size_t j)
{
	return k < b->n && j < b->v[k].nsrcs ? b->v[k].ids[j] : NULL;
}

size_t
market_board_field_source(const struct market_board *b, size_t k, enum market_board_field f)
{
	return k < b->n && f < MARKET_BOARD_NFIELDS ? b->v[k].from[f] : 0;
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
	return b->cur < b->n ? &b->v[b->cur].t : NULL;
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
	/* The price only where the name keeps its room. */
	market_fmt_money(t->price_usd, flags, r->price_s);
	int pw = width_of(r->price_s), nw = width_of(t->name);
	if (nw > MARKET_BOARD_NAME_MIN)
		nw = MARKET_BOARD_NAME_MIN;
	if (!t->price_usd.present || room - pw - 1 < nw)
		pw = 0;
	if (pw > 0)
		room -= pw + 1;
	if (rtl) {
		r->cap = ltr(r->cap_s, 0);
		if (pw > 0)
			r->price = ltr(r->price_s, cw + 1);
		r->symbol = field(t->symbol, w - sw, sw, false);
		r->name = field(t->name, cw + 1 + (pw > 0 ? pw + 1 : 0), room, true);
	} else {
		r->symbol = field(t->symbol, 0, sw, false);
		r->name = field(t->name, sw + 1, room, false);
		if (pw > 0)
			r->price = ltr(r->price_s, w - cw - 1 - pw);
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
	/* Nothing to show and a refresh failed: the reason, not "loading". */
	for (size_t i = 0; oldest == 0 && i < b->ns; i++)
		if (b->s[i].error != NULL) {
			snprintf(h->status, sizeof h->status, _("no data yet: %s"), b->s[i].error);
			return;
		}
	snprintf(h->status, sizeof h->status, _("%s%sby %s"), age, sep, market_sort_label(b->sort));
}
