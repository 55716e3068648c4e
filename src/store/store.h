/*
 * The SQLite cache: feeds, items, read state, and (for later features)
 * likes, comments, drafts, outbox and tickers. WAL mode, so one process can
 * read while another writes. One struct store per thread (one connection
 * each); prepared statements are kept per connection and reused.
 *
 * Errors are returned as values: functions return 0 / -1 (or NULL) and fill
 * a caller-owned message through store_errmsg() of the same connection.
 */
#ifndef NR_STORE_STORE_H
#define NR_STORE_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "feed/feed.h"

/* Opaque connection; store_open() creates it, store_close() frees it. */
struct store;

enum store_open_flags {
	STORE_READONLY = 1 << 0,	/* never create or migrate */
};

/*
 * Open (creating and migrating as needed) the database at path. On failure
 * returns NULL and sets *err (caller frees) to one line naming the file and
 * the reason ("cache.db: file is not a database"). A corrupt or foreign file
 * is never overwritten.
 */
struct store *store_open(const char *path, int flags, char **err);
void store_close(struct store **s);
/* Last error of this connection, valid until the next call. */
const char *store_errmsg(const struct store *s);

/* Feed rows. Validators are what the last successful fetch returned. */
struct store_feed {
	int64_t id;
	char *url;
	char *title;		/* may be NULL */
	char *tags;		/* space-separated; may be NULL */
	char *etag;		/* may be NULL */
	char *last_modified;	/* may be NULL */
	char *last_error;	/* NULL after a success */
	time_t last_success;	/* 0 = never */
	time_t retry_after;	/* do not fetch before this time; 0 = any time */
};
void store_feed_clear(struct store_feed *f);

/* Insert the feed if new (title/tags from the urls file may be NULL) and
 * return its id, or -1. Existing rows keep their data but get the new
 * user title/tags. */
int64_t store_feed_ensure(struct store *s, const char *url, const char *user_title,
    const char *tags);
/* Fill *out (caller clears with store_feed_clear) for the feed's URL; 0, or -1 when unknown. */
int store_feed_get(struct store *s, const char *url, struct store_feed *out);

/* One transaction per fetched feed. */
int store_begin(struct store *s);
int store_commit(struct store *s);
int store_rollback(struct store *s);

/* Document metadata from the parser (title shown when the user gave none). */
int store_feed_set_meta(struct store *s, int64_t feed_id, const struct feed_meta *meta);
/*
 * Insert the item, or update it in place when (feed, id) exists and its
 * content changed. *changed (may be NULL) tells whether a row was written.
 * Read state survives updates.
 */
int store_item_upsert(struct store *s, int64_t feed_id, const struct feed_item *item,
    bool *changed);
/* Record a successful fetch (validators may be NULL) or a 304. */
int store_feed_fetched(struct store *s, int64_t feed_id, const char *etag,
    const char *last_modified, time_t when);
/* Record a failure with its reason, keeping the old validators and items. */
int store_feed_failed(struct store *s, int64_t feed_id, const char *reason, time_t when,
    time_t retry_after);

/* Number of unread items over all feeds, or -1. */
int64_t store_unread_count(struct store *s);
int store_item_mark_read(struct store *s, int64_t item_id, bool read);

#endif
