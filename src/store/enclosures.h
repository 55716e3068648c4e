/*
 * The files items carry (podcast episodes, images, PDFs), as the feed
 * named them (store/enclosures.c; schema version 13). The feed job writes
 * them with the item; the article view lists them.
 */
#ifndef NR_STORE_ENCLOSURES_H
#define NR_STORE_ENCLOSURES_H

#include <stddef.h>
#include <stdint.h>

#include "feed/feed.h"
#include "store/store.h"

/* One stored enclosure; the strings are owned by the row. */
struct store_enclosure {
	char *url;		/* never NULL */
	char *type;		/* MIME type or NULL */
	int64_t length;		/* bytes; -1 when unknown */
	char *title;		/* NULL when none */
	char *medium;		/* NULL when none */
	int64_t duration;	/* seconds; -1 when unknown */
};

/*
 * Replace the enclosures of item_id by v[0..n) in that order (replace:
 * false when the item is new and has none yet, which skips the delete).
 * Runs inside the caller's transaction. 0, or -1 (store_error()).
 */
int store_enclosures_put(struct store *s, int64_t item_id, const struct feed_enclosure *v,
    size_t n, bool replace);
/*
 * The enclosures of item_id in document order: *out is a new array the
 * caller frees with store_enclosures_free(), *n its length (0 and NULL
 * when none). 0, or -1.
 */
int store_enclosures_get(struct store *s, int64_t item_id, struct store_enclosure **out,
    size_t *n);
void store_enclosures_free(struct store_enclosure **v, size_t n);

#endif
