/*
 * newsboat's cache.db into ours (import-newsboat). newsboat's cache is
 * opened read-only and never written; its items that are not deleted are
 * matched to ours by feed URL and guid (newsboat, like newsreader, takes
 * the guid, else the link): a match gets newsboat's read state, and a
 * flagged item is starred; an item we lack is created from newsboat's copy
 * (title, link, author, date, content), so the state and the text both
 * come over, and the next reload updates it in place.
 */
#ifndef NR_STORE_NEWSBOAT_H
#define NR_STORE_NEWSBOAT_H

#include <stdint.h>

#include "store/store.h"

struct store_newsboat_counts {
	int64_t articles;	/* newsboat's items carried over */
	int64_t feeds;		/* the feeds they belong to */
	int64_t read;		/* of them, read */
	int64_t starred;	/* of them, flagged: starred now */
	int64_t created;	/* new to our cache */
	int64_t deleted;	/* deleted in newsboat: left out */
};

/*
 * Import the newsboat cache at nb_path into s in one transaction (nothing
 * is written on failure). Returns 0, or -1 with *err (caller frees) naming
 * the file that failed and why ("not a newsboat cache (no table rss_item)").
 */
int store_import_newsboat(struct store *s, const char *nb_path,
    struct store_newsboat_counts *out, char **err);

#endif
