/*
 * The row window of an article list (see itemwin.h). Rows move from the
 * store's lists into the window by struct copy; the emptied list is then
 * freed without its strings.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "itemwin.h"

#define PAGE 200
#define MAXWIN 2000

static const struct store_item_key KEY_BOTTOM = { (time_t)INT64_MIN, INT64_MIN };

void
itemwin_init(struct itemwin *w, int kind, long long feed_id, const char *tag,
    const char *query)
{
	memset(w, 0, sizeof *w);
	w->scope.kind = (enum store_scope_kind)kind;
	w->scope.feed_id = feed_id;
	w->tag = xstrdup_null(tag);
	w->scope.tag = w->tag;
	w->query = xstrdup_null(query);
}

static void
rows_free(struct store_item_summary *v, size_t n)
{
	struct store_item_list l = { v, n };

	store_item_list_clear(&l);
}

void
itemwin_free(struct itemwin *w)
{
	rows_free(w->v, w->n);
	w->v = NULL;
	w->n = 0;
	free(w->tag);
	free(w->query);
	w->tag = w->query = NULL;
}

/* Take the rows of l (emptied) into a new array: before ++ l ++ after. */
static void
splice(struct itemwin *w, struct store_item_list *l, bool front)
{
	struct store_item_summary *v = xreallocarray(NULL, w->n + l->n + 1, sizeof *v);

	/* memcpy from a NULL array is undefined even for 0 bytes. */
	if (front) {
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		if (w->n)
			memcpy(v + l->n, w->v, w->n * sizeof *v);
	} else {
		if (w->n)
			memcpy(v, w->v, w->n * sizeof *v);
		if (l->n)
			memcpy(v + w->n, l->v, l->n * sizeof *v);
	}
	free(w->v);
	w->v = v;
	w->n += l->n;
	l->n = 0;
	store_item_list_clear(l);
}

static int
page(struct itemwin *w, struct store *s, struct store_item_key key, enum store_direction dir,
    size_t limit, struct store_item_list *out)
{
	return store_items_page(s, &w->scope, key, dir, limit, out);
}

static void
clear_rows(struct itemwin *w)
{
	rows_free(w->v, w->n);
	w->v = NULL;
	w->n = 0;
}

static int
search_at(struct itemwin *w, struct store *s, size_t off)
{
	struct store_item_list l = { 0 };

	clear_rows(w);
	if (store_search(s, w->query, PAGE, off, &l) != 0)
		return -1;
	w->off = off;
	w->at_start = off == 0;
	w->at_end = l.n < PAGE;
	splice(w, &l, false);
	return 0;
}

int
itemwin_load_top(struct itemwin *w, struct store *s)
{
	struct store_item_list l = { 0 };

	if (w->query)
		return search_at(w, s, 0);
	clear_rows(w);
	if (page(w, s, STORE_KEY_TOP, STORE_OLDER, PAGE, &l) != 0)
		return -1;
	w->at_start = true;
	w->at_end = l.n < PAGE;
	splice(w, &l, false);
	return 0;
}

int
itemwin_load_bottom(struct itemwin *w, struct store *s)
{
	struct store_item_list l = { 0 };

	if (w->query) {
		/* Search results are few (capped by the caller's limit). */
		while (!w->at_end) {
			size_t next = w->off + w->n;
			if (search_at(w, s, next > PAGE / 2 ? next - PAGE / 2 : 0) != 0)
				return -1;
			if (w->n == 0)
				break;
		}
		return 0;
	}
	clear_rows(w);
	if (page(w, s, KEY_BOTTOM, STORE_NEWER, PAGE, &l) != 0)
		return -1;
	w->at_end = true;
	w->at_start = l.n < PAGE;
	splice(w, &l, false);
	return 0;
}

int
itemwin_load_around(struct itemwin *w, struct store *s, struct store_item_key key, long *idx)
{
	struct store_item_list newer = { 0 }, older = { 0 };

	*idx = 0;
	if (w->query || key.id == INT64_MAX)
		return itemwin_load_top(w, s);
	if (page(w, s, key, STORE_NEWER, PAGE / 2, &newer) != 0)
		return -1;
	/* (date, id + 1) is the smallest key above (date, id): the row of key
	 * itself comes first in the older page. */
	struct store_item_key incl = { key.date, key.id + 1 };
	if (page(w, s, incl, STORE_OLDER, PAGE, &older) != 0) {
		store_item_list_clear(&newer);
		return -1;
	}
	clear_rows(w);
	w->at_start = newer.n < PAGE / 2;
	w->at_end = older.n < PAGE;
	*idx = (long)newer.n;
	splice(w, &newer, false);
	splice(w, &older, false);
	return 0;
}

/* Drop count rows from the front (or the back). */
static void
drop(struct itemwin *w, size_t count, bool front)
{
	if (count == 0)
		return;
	if (front) {
		for (size_t i = 0; i < count; i++) {
			store_item_summary_clear(&w->v[i]);
		}
		memmove(w->v, w->v + count, (w->n - count) * sizeof *w->v);
		w->off += count;
		w->at_start = false;
	} else {
		for (size_t i = w->n - count; i < w->n; i++) {
			store_item_summary_clear(&w->v[i]);
		}
		w->at_end = false;
	}
	w->n -= count;
}

int
itemwin_settle(struct itemwin *w, struct store *s, struct listnav *nav, long h)
{
	long need = 2 * (h > 0 ? h : 1);
	struct store_item_list l = { 0 };

	if (nav->cur < need && !w->at_start && w->n > 0) {
		if (w->query) {
			size_t from = w->off > PAGE ? w->off - PAGE : 0;
			if (store_search(s, w->query, w->off - from, from, &l) != 0)
				return -1;
			w->off = from;
			w->at_start = from == 0;
		} else {
			if (page(w, s, store_item_summary_key(&w->v[0]), STORE_NEWER, PAGE,
			    &l) != 0)
				return -1;
			w->at_start = l.n < PAGE;
		}
		nav->cur += (long)l.n;
		nav->top += (long)l.n;
		splice(w, &l, true);
	}
	if ((long)w->n - nav->cur < need && !w->at_end) {
		if (w->query) {
			if (store_search(s, w->query, PAGE, w->off + w->n, &l) != 0)
				return -1;
		} else if (w->n > 0) {
			if (page(w, s, store_item_summary_key(&w->v[w->n - 1]), STORE_OLDER,
			    PAGE, &l) != 0)
				return -1;
		} else if (page(w, s, STORE_KEY_TOP, STORE_OLDER, PAGE, &l) != 0)
			return -1;
		w->at_end = l.n < PAGE;
		splice(w, &l, false);
	}
	if (w->n > MAXWIN) {
		long excess = (long)w->n - MAXWIN;
		long front = nav->top - need;
		long back = (long)w->n - (nav->top + h + need);
		if (front >= back && front > 0) {
			long k = excess < front ? excess : front;
			drop(w, (size_t)k, true);
			nav->cur -= k;
			nav->top -= k;
		} else if (back > 0)
			drop(w, (size_t)(excess < back ? excess : back), false);
	}
	listnav_fix(nav, (long)w->n, h);
	return 0;
}

int
itemwin_reload(struct itemwin *w, struct store *s, struct listnav *nav, long h)
{
	long row = nav->cur - nav->top, idx;

	if (w->n == 0) {
		nav->cur = nav->top = 0;
		if (itemwin_load_top(w, s) != 0)
			return -1;
		return itemwin_settle(w, s, nav, h);
	}
	if (w->query) {
		size_t abs = w->off + (size_t)nav->cur;
		size_t from = abs > PAGE / 2 ? abs - PAGE / 2 : 0;
		if (search_at(w, s, from) != 0)
			return -1;
		nav->cur = (long)(abs - from);
	} else {
		struct store_item_key key = store_item_summary_key(&w->v[nav->cur]);
		if (itemwin_load_around(w, s, key, &idx) != 0)
			return -1;
		nav->cur = idx;
	}
	nav->top = nav->cur - row;
	return itemwin_settle(w, s, nav, h);
}

bool
itemwin_find_unread(struct itemwin *w, struct store *s, const struct listnav *nav, int dir,
    struct store_item_key *key)
{
	struct store_item_list l = { 0 };
	bool found = false;

	if (w->n == 0)
		return false;
	/* The window first: it is in memory. */
	for (long i = nav->cur + dir; i >= 0 && i < (long)w->n; i += dir) {
		if (!w->v[i].read) {
			*key = store_item_summary_key(&w->v[i]);
			return true;
		}
	}
	if (w->query || (dir > 0 && w->at_end) || (dir < 0 && w->at_start))
		return false;
	struct store_scope sc = w->scope;
	sc.unread_only = true;
	sc.read_since = 0;	/* really unread, not only shown */
	const struct store_item_summary *edge = dir > 0 ? &w->v[w->n - 1] : &w->v[0];
	if (store_items_page(s, &sc, store_item_summary_key(edge),
	    dir > 0 ? STORE_OLDER : STORE_NEWER, 1, &l) == 0 && l.n == 1) {
		*key = store_item_summary_key(&l.v[0]);
		found = true;
	}
	store_item_list_clear(&l);
	return found;
}
