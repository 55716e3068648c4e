/*
 * The cache's side of sync with a feed server (issue 14; schema version 10).
 *
 * A synced item keeps the server's id (remote_id, with its source's prefix)
 * and the state the server last agreed to (synced_read, synced_liked).
 * read != synced_read or liked != synced_liked means a change made here
 * that the server has not been told of: that difference is the queue of
 * offline changes. It is written by the same UPDATE that changes the flag,
 * so it survives kill -9, and a sync clears it only after the server has
 * acknowledged it (sending a flag twice is harmless; losing one is not).
 *
 * The server's state is applied per item and field: where the server's
 * value differs from the synced one, the server changed it; it wins unless
 * the field also changed here since (then this machine's value stays queued
 * and is sent on the next sync: neither API says when a server-side change
 * was made, so "later" is "made here after the last sync").
 */
#ifndef NR_STORE_SYNC_H
#define NR_STORE_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "feed/feed.h"
#include "store/store.h"

/* A feed of the server: its row (created when new) with the server's title
 * and category as the feed's title and tag. Returns the feed id, or -1. */
int64_t store_sync_feed(struct store *s, const char *remote_id, const char *url,
    const char *title, const char *tag);
/* Feeds of source prefix ("ttrss:") that are not in keep: gone from the
 * server, so removed here with their items. Returns how many, or -1. */
int store_sync_drop_feeds(struct store *s, const char *prefix, const char *const *keep,
    size_t n);
/* The feeds of source prefix as last synced, in the store's order. */
struct store_sync_feed_row {
	char *url;
	char *title;	/* may be NULL */
	char *tags;	/* may be NULL */
};
/* *v (caller frees with store_sync_feed_rows_free). 0, or -1. */
int store_sync_feed_rows(struct store *s, const char *prefix, struct store_sync_feed_row **v,
    size_t *n);
void store_sync_feed_rows_free(struct store_sync_feed_row **v, size_t n);
/* The feed id of a server feed id, or -1 (unknown or error). */
int64_t store_sync_feed_id(struct store *s, const char *remote_id);

/*
 * Store an item of the server (its guid is remote_id). A new item takes the
 * server's read and liked state as its own; a known one gets it by the
 * rule above. *changed (may be NULL): the row was written.
 */
int store_sync_item(struct store *s, int64_t feed_id, const struct feed_item *item,
    const char *remote_id, bool read, bool liked, bool *changed);

/*
 * The server's whole state of the source's items: the ids it lists as
 * unread and as starred; every other item of the source is read and not
 * starred there. Applied by the rule above in a few statements. *changed
 * gets how many items' flags changed here. 0, or -1.
 */
int store_sync_apply_state(struct store *s, const char *prefix,
    const char *const *unread, size_t nunread, const char *const *starred, size_t nstarred,
    int64_t *changed);

/* A change made here that the server has not acknowledged. */
enum store_sync_field { STORE_SYNC_READ, STORE_SYNC_LIKED };
struct store_sync_change {
	int64_t item_id;
	char *remote_id;
	enum store_sync_field field;
	bool value;
};
/* The pending changes of source prefix (caller frees with
 * store_sync_changes_free). 0, or -1. */
int store_sync_pending(struct store *s, const char *prefix, struct store_sync_change **v,
    size_t *n);
void store_sync_changes_free(struct store_sync_change **v, size_t n);
/* The server acknowledged these: they are no longer pending (unless the
 * field changed again meanwhile). 0, or -1. */
int store_sync_acknowledge(struct store *s, const struct store_sync_change *v, size_t n);
/* How many changes of prefix wait (-1 on error). */
int64_t store_sync_pending_count(struct store *s, const char *prefix);

#endif
