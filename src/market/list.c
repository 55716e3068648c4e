/*
 * Ticker lists: ownership, lookup by id, filtering, the merge of a fresh
 * list into the last good one (the rule is written at market_merge in
 * market.h), and sorting.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "market/internal.h"
#include "market/market.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static const char *const kind_names[] = {
	[MARKET_GENERIC] = "generic",
	[MARKET_GATE_ALPHA] = "gate-alpha",
	[MARKET_COINGECKO] = "coingecko",
	[MARKET_DEXSCREENER] = "dexscreener",
	[MARKET_GECKOTERMINAL] = "geckoterminal",
};

const char *
market_kind_name(enum market_kind kind)
{
	if ((size_t)kind < sizeof kind_names / sizeof kind_names[0])
		return kind_names[kind];
	return "market";
}

bool
market_kind_from_name(const char *name, enum market_kind *kind)
{
	for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++) {
		if (strcmp(name, kind_names[i]) == 0) {
			*kind = (enum market_kind)i;
			return true;
		}
	}
	return false;
}

unsigned
market_kind_fields(enum market_kind kind)
{
	switch (kind) {
	case MARKET_GENERIC:
		return MARKET_F_PRICE | MARKET_F_CAP | MARKET_F_HOLDERS | MARKET_F_CHANGE |
		    MARKET_F_NAME | MARKET_F_URL | MARKET_F_VOLUME;
	case MARKET_GATE_ALPHA:
		return MARKET_F_PRICE | MARKET_F_CAP | MARKET_F_CHANGE;
	case MARKET_COINGECKO:
	case MARKET_DEXSCREENER:
		return MARKET_F_PRICE | MARKET_F_CAP | MARKET_F_CHANGE | MARKET_F_NAME |
		    MARKET_F_URL | MARKET_F_VOLUME;
	case MARKET_GECKOTERMINAL:
		return MARKET_F_HOLDERS;
	}
	return 0;
}

void
market_ticker_clear(struct market_ticker *t)
{
	xfree(&t->id);
	xfree(&t->symbol);
	xfree(&t->name);
	xfree(&t->url);
	xfree(&t->chain);
	xfree(&t->address);
	xfree(&t->pool);
	memset(t, 0, sizeof *t);
}

void
market_ticker_copy(struct market_ticker *dst, const struct market_ticker *src)
{
	*dst = *src;
	dst->id = xstrdup_null(src->id);
	dst->symbol = xstrdup_null(src->symbol);
	dst->name = xstrdup_null(src->name);
	dst->url = xstrdup_null(src->url);
	dst->chain = xstrdup_null(src->chain);
	dst->address = xstrdup_null(src->address);
	dst->pool = xstrdup_null(src->pool);
}

struct market_list *
market_list_new(void)
{
	return xcalloc(1, sizeof(struct market_list));
}

void
market_list_free(struct market_list **lp)
{
	struct market_list *l = *lp;

	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		market_ticker_clear(&l->items[i]);
	free(l->items);
	for (size_t i = 0; i < l->nreasons; i++)
		free(l->reasons[i]);
	free(l->reasons);
	free(l);
	*lp = NULL;
}

static void
copy_reasons(struct market_list *dst, const struct market_list *src)
{
	if (src->nreasons == 0)
		return;
	dst->reasons = xreallocarray(NULL, src->nreasons, sizeof *dst->reasons);
	for (size_t i = 0; i < src->nreasons; i++)
		dst->reasons[i] = xstrdup(src->reasons[i]);
	dst->nreasons = src->nreasons;
	dst->nreasons_dropped = src->nreasons_dropped;
}

struct market_list *
market_list_copy(const struct market_list *l)
{
	struct market_list *c = market_list_new();

	if (l == NULL)
		return c;
	if (l->n > 0) {
		c->items = xreallocarray(NULL, l->n, sizeof *c->items);
		c->alloc = l->n;
		for (size_t i = 0; i < l->n; i++)
			market_ticker_copy(&c->items[i], &l->items[i]);
		c->n = l->n;
	}
	copy_reasons(c, l);
	return c;
}

void
market_reason(struct market_list *l, const char *fmt, ...)
{
	va_list ap;

	if (l->nreasons >= MARKET_MAX_REASONS) {
		/* The last slot says how many more there were. */
		l->nreasons_dropped++;
		free(l->reasons[l->nreasons - 1]);
		l->reasons[l->nreasons - 1] = xasprintf("... and %zu more problems",
		    l->nreasons_dropped + 1);
		return;
	}
	va_start(ap, fmt);
	char *f = xvasprintf(fmt, ap);
	va_end(ap);
	/* Reasons quote what the source sent: no control (DEL included) gets
	 * through to the screen, whatever the caller passed. */
	char *r = utf8_sanitize(f, strlen(f), 0, NULL);
	free(f);
	l->reasons = xreallocarray(l->reasons, l->nreasons + 1, sizeof *l->reasons);
	l->reasons[l->nreasons++] = r;
}

struct market_ticker *
market_list_find(const struct market_list *l, const char *id)
{
	if (l == NULL || id == NULL)
		return NULL;
	for (size_t i = 0; i < l->n; i++) {
		if (strcasecmp(l->items[i].id, id) == 0)
			return &l->items[i];
	}
	return NULL;
}

void
market_list_push(struct market_list *l, struct market_ticker *t)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 8;
		l->items = xreallocarray(l->items, l->alloc, sizeof *l->items);
	}
	l->items[l->n++] = *t;
	memset(t, 0, sizeof *t);
}

/* Order of pointers into one array by id, then position. */
static int
cmp_id_ptr(const void *a, const void *b)
{
	const struct market_ticker *x = *(const struct market_ticker *const *)a;
	const struct market_ticker *y = *(const struct market_ticker *const *)b;
	int c = strcasecmp(x->id, y->id);

	if (c != 0)
		return c;
	return x < y ? -1 : x > y;
}

void
market_list_dedupe(struct market_list *l, const char *source)
{
	if (l->n < 2)
		return;
	struct market_ticker **idx = xreallocarray(NULL, l->n, sizeof *idx);
	bool *drop = xcalloc(l->n, sizeof *drop);

	for (size_t i = 0; i < l->n; i++)
		idx[i] = &l->items[i];
	qsort(idx, l->n, sizeof *idx, cmp_id_ptr);
	for (size_t i = 1; i < l->n; i++) {
		if (strcasecmp(idx[i - 1]->id, idx[i]->id) == 0)
			drop[idx[i] - l->items] = true;
	}
	free(idx);
	size_t j = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (drop[i]) {
			market_reason(l, "%s: %s: duplicate id %s, ignored", source,
			    l->items[i].symbol, l->items[i].id);
			market_ticker_clear(&l->items[i]);
		} else
			l->items[j++] = l->items[i];
	}
	l->n = j;
	free(drop);
}

/* A numeric field re-checked, for tickers that did not come from a parser. */
static void
recheck(struct market_num *n, enum market_numfield f)
{
	if (n->present && market_check_value(f, n->value) != NULL) {
		n->present = false;
		n->rejected = true;
		n->value = 0;
	}
}

bool
market_list_append(struct market_list *l, const struct market_ticker *src)
{
	struct market_ticker t = *src;
	const char *why;

	if (src->symbol == NULL)
		return false;
	t.symbol = market_clean_text(src->symbol, strlen(src->symbol), MARKET_SYMBOL_MAX,
	    true, &why);
	if (t.symbol == NULL)
		return false;
	const char *id = src->id ? src->id : src->symbol;
	t.id = market_clean_text(id, strlen(id), 128, true, &why);
	if (t.id == NULL) {
		free(t.symbol);
		return false;
	}
	t.name = src->name ? market_clean_text(src->name, strlen(src->name),
	    MARKET_NAME_MAX, false, &why) : NULL;
	t.url = src->url ? market_clean_url(src->url, strlen(src->url), &why) : NULL;
	t.chain = src->chain ? market_clean_text(src->chain, strlen(src->chain), 64, true,
	    &why) : NULL;
	recheck(&t.price_usd, MNF_PRICE);
	recheck(&t.market_cap_usd, MNF_CAP);
	recheck(&t.holders, MNF_HOLDERS);
	recheck(&t.change_24h_pct, MNF_CHANGE);
	recheck(&t.volume_24h_usd, MNF_CAP);
	t.address = src->address ? market_clean_text(src->address, strlen(src->address), 128,
	    true, &why) : NULL;
	t.pool = src->pool ? market_clean_text(src->pool, strlen(src->pool), 128, true, &why) :
	    NULL;
	if (market_list_find(l, t.id) != NULL) {
		market_ticker_clear(&t);
		return false;
	}
	market_list_push(l, &t);
	return true;
}

/*
 * Is s in the comma-separated list (ASCII case ignored, blanks around words
 * ignored)? A symbol may itself contain commas, and no word of the list can
 * then equal it: s also matches where it is written whole in the list,
 * starting at a word's start and ending at a word's end ("A,B" is in
 * "A,B,C"), so a symbol copied into symbols= as it is shown always keeps its
 * token. (Escaping the comma would not survive copying a symbol as shown.)
 */
static bool
in_list(const char *list, const char *s)
{
	size_t n = strlen(s);
	const char *p = list;

	if (n == 0)
		return false;
	for (;;) {
		while (*p == ' ')
			p++;
		if (strncasecmp(p, s, n) == 0) {
			const char *e = p + n;
			while (*e == ' ')
				e++;
			if (*e == ',' || *e == '\0')
				return true;
		}
		if ((p = strchr(p, ',')) == NULL)
			return false;
		p++;
	}
}

void
market_list_keep(struct market_list *l, const char *wanted)
{
	size_t j = 0;

	if (wanted == NULL || *wanted == '\0')
		return;
	for (size_t i = 0; i < l->n; i++) {
		struct market_ticker *t = &l->items[i];
		if (in_list(wanted, t->symbol) || in_list(wanted, t->id))
			l->items[j++] = *t;
		else
			market_ticker_clear(t);
	}
	l->n = j;
}

bool
market_list_set_holders(struct market_list *l, const char *id, double count)
{
	struct market_ticker *t = market_list_find(l, id);

	if (t == NULL || market_check_value(MNF_HOLDERS, count) != NULL)
		return false;
	t->holders.value = count;
	t->holders.present = true;
	t->holders.rejected = false;
	return true;
}

static void
merge_num(struct market_num *out, const struct market_num *old, bool source_has)
{
	if (out->present || old == NULL || !old->present)
		return;
	if (out->rejected || !source_has)
		*out = *old;
}

static void
merge_str(char **out, const char *old, bool source_has)
{
	if (*out == NULL && old != NULL && !source_has)
		*out = xstrdup(old);
}

static int
cmp_id_key(const void *key, const void *elem)
{
	const struct market_ticker *t = *(const struct market_ticker *const *)elem;

	return strcasecmp(key, t->id);
}

struct market_list *
market_merge(const struct market_list *prev, const struct market_list *next,
    enum market_kind kind)
{
	if (next == NULL)
		return market_list_copy(prev);

	struct market_list *m = market_list_copy(next);
	unsigned has = market_kind_fields(kind);
	size_t np = prev ? prev->n : 0;
	/* prev sorted by id, so a merge of two big lists stays n log n. */
	struct market_ticker **idx = xreallocarray(NULL, np + 1, sizeof *idx);

	for (size_t i = 0; i < np; i++)
		idx[i] = &prev->items[i];
	qsort(idx, np, sizeof *idx, cmp_id_ptr);
	for (size_t i = 0; i < m->n; i++) {
		struct market_ticker *t = &m->items[i];
		struct market_ticker **found = bsearch(t->id, idx, np, sizeof *idx,
		    cmp_id_key);
		if (found == NULL)
			continue;
		const struct market_ticker *o = *found;
		merge_num(&t->price_usd, &o->price_usd, has & MARKET_F_PRICE);
		merge_num(&t->market_cap_usd, &o->market_cap_usd, has & MARKET_F_CAP);
		merge_num(&t->holders, &o->holders, has & MARKET_F_HOLDERS);
		merge_num(&t->change_24h_pct, &o->change_24h_pct, has & MARKET_F_CHANGE);
		merge_str(&t->name, o->name, has & MARKET_F_NAME);
		merge_str(&t->url, o->url, has & MARKET_F_URL);
		merge_num(&t->volume_24h_usd, &o->volume_24h_usd, has & MARKET_F_VOLUME);
		merge_str(&t->chain, o->chain, false);
		merge_str(&t->address, o->address, false);
		merge_str(&t->pool, o->pool, false);
	}
	free(idx);
	return m;
}

static int
cmp_num_desc(const struct market_num *a, const struct market_num *b)
{
	if (a->present != b->present)
		return a->present ? -1 : 1;
	if (!a->present || a->value == b->value)
		return 0;
	return a->value > b->value ? -1 : 1;
}

int
market_ticker_cmp(const struct market_ticker *a, const struct market_ticker *b,
    enum market_sort key)
{
	int c = 0;

	switch (key) {
	case MARKET_SORT_CAP:
		c = cmp_num_desc(&a->market_cap_usd, &b->market_cap_usd);
		break;
	case MARKET_SORT_CHANGE:
		c = cmp_num_desc(&a->change_24h_pct, &b->change_24h_pct);
		break;
	case MARKET_SORT_HOLDERS:
		c = cmp_num_desc(&a->holders, &b->holders);
		break;
	case MARKET_SORT_SYMBOL:
		break;
	}
	if (c == 0)
		c = strcasecmp(a->symbol, b->symbol);
	if (c == 0)
		c = strcmp(a->symbol, b->symbol);
	if (c == 0)
		c = strcasecmp(a->id, b->id);
	return c;
}

#define SORT_FN(NAME, KEY) \
static int \
NAME(const void *a, const void *b) \
{ \
	return market_ticker_cmp(a, b, KEY); \
}
SORT_FN(cmp_cap, MARKET_SORT_CAP)
SORT_FN(cmp_change, MARKET_SORT_CHANGE)
SORT_FN(cmp_holders, MARKET_SORT_HOLDERS)
SORT_FN(cmp_symbol, MARKET_SORT_SYMBOL)

void
market_list_sort(struct market_list *l, enum market_sort key)
{
	int (*fn)(const void *, const void *) = cmp_symbol;

	if (l->n < 2)
		return;
	switch (key) {
	case MARKET_SORT_CAP:
		fn = cmp_cap;
		break;
	case MARKET_SORT_CHANGE:
		fn = cmp_change;
		break;
	case MARKET_SORT_HOLDERS:
		fn = cmp_holders;
		break;
	case MARKET_SORT_SYMBOL:
		break;
	}
	qsort(l->items, l->n, sizeof *l->items, fn);
}
