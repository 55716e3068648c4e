/*
 * A window of rows over an article list that may hold 100,000 items: only
 * the rows around the cursor are in memory, fetched from the store a page
 * at a time by key (scoped lists) or by offset into the ranked ids of a
 * search (the search itself runs elsewhere: src/search). Moving
 * near either edge of the window fetches the next page; the far side is
 * dropped so memory stays bounded.
 */
#ifndef NR_UI_ITEMWIN_H
#define NR_UI_ITEMWIN_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"
#include "listnav.h"

struct itemwin {
	struct store_scope scope;	/* scope.tag points at tag */
	char *tag;
	char *query;		/* search results when non-NULL */
	struct store_item_summary *v;	/* the window, in list order */
	size_t n;
	bool at_start, at_end;	/* the window touches the list's ends */
	size_t off;		/* search: offset of v[0] in the results */
	struct store_search_hits hits;	/* search: every result's id, best first */
};

/* Set up (tag and query are copied; either may be NULL). */
void itemwin_init(struct itemwin *w, int kind, long long feed_id, const char *tag,
    const char *query);
void itemwin_free(struct itemwin *w);

/* Search results: take over *hits (emptied) as the list; the rows are
 * loaded by the next itemwin_reload(). */
void itemwin_set_hits(struct itemwin *w, struct store_search_hits *hits);

/* Load the first rows / the last rows of the list. 0, or -1 (store error). */
int itemwin_load_top(struct itemwin *w, struct store *s);
int itemwin_load_bottom(struct itemwin *w, struct store *s);
/* Load the rows around key (the row itself included when it still exists);
 * *idx: the index of the row at or just after key. */
int itemwin_load_around(struct itemwin *w, struct store *s, struct store_item_key key,
    long *idx);
/*
 * Keep h rows of context on both sides of nav (fetching pages and dropping
 * far rows; nav is adjusted to the new indexes), then clamp nav. 0 or -1.
 */
int itemwin_settle(struct itemwin *w, struct store *s, struct listnav *nav, long h);
/* Re-read the rows around the cursor (after a reload or read marks) while
 * keeping the cursor on the same item and at the same screen row. */
int itemwin_reload(struct itemwin *w, struct store *s, struct listnav *nav, long h);
/* The key of the next unread row after (dir 1) or before (dir -1) nav->cur,
 * searched in the store; false when there is none. */
bool itemwin_find_unread(struct itemwin *w, struct store *s, const struct listnav *nav,
    int dir, struct store_item_key *key);

#endif
