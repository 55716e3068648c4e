/*
 * The SQLite cache: feeds, items, read state, and (for later features)
 * likes, comments, drafts, outbox and tickers. WAL mode, so one process can
 * read while another writes. One struct store per thread (one connection
 * each); prepared statements are kept per connection and reused.
 *
 * Errors are returned as values: functions return 0 / -1 (or NULL) and fill
 * a caller-owned message through store_errmsg() of the same connection.
 *
 * Strings inside the structs filled by this module are owned by the struct
 * and freed by its *_clear / *_free function; const char * arguments are only
 * read during the call.
 */
#ifndef NR_STORE_STORE_H
#define NR_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "feed/feed.h"

struct filter;

/* Opaque connection; store_open() creates it, store_close() frees it. */
struct store;

enum store_open_flags {
	STORE_READONLY = 1 << 0,	/* never create or migrate; the file must exist */
	/* With STORE_READONLY: SQLite's immutable mode, which reads the
	 * database file alone and creates no -wal or -shm file. For a cache
	 * on a full disk or a read-only file system, where a plain read-only
	 * open fails to create the -shm. Sees no committed change still in a
	 * -wal file, and takes no locks: a fallback, never the first try. */
	STORE_IMMUTABLE = 1 << 1,
};

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 14

/*
 * Open (creating and migrating as needed) the database at path. On failure
 * returns NULL and sets *err (caller frees) to one line naming the file and
 * the reason ("cache.db: file is not a database"). A corrupt or foreign file,
 * or one written by a newer version, is never modified.
 */
struct store *store_open(const char *path, int flags, char **err);
/* Close and free *s, setting it to NULL; NULL-safe. */
void store_close(struct store **s);
/* Last error of this connection ("PATH: reason"), valid until the next call. */
const char *store_errmsg(const struct store *s);
/* The same error phrased for a person, without the path: "cache is full (no
 * space left on device)", "cache is read-only", "cache is busy (...)". */
const char *store_errreason(const struct store *s);
/* Whether a call of this connection found the file damaged (SQLite's
 * "database disk image is malformed"). Nothing may be written to it then:
 * callers stop and report store_errmsg(), which says what to do. */
bool store_corrupt(const struct store *s);
/*
 * Whether the cache's path no longer names the file this connection opened
 * (deleted or replaced while the program runs: SQLite would go on writing
 * to a file no one can open again, and lose it all at exit). Once it has
 * said yes, every write of this connection fails with "the cache was
 * removed"; reads go on from the open file. One stat(); opens nothing.
 */
bool store_file_gone(struct store *s);
/* How long a call waits for another connection's write lock before failing
 * with "database is locked" (default STORE_BUSY_MS, set by store_open; no
 * caller needs another: no transaction is held across slow work). */
#define STORE_BUSY_MS 5000
void store_set_busy_timeout(struct store *s, int ms);

/*
 * The files of a cache (files.c). While a connection is open, nothing else
 * in the process may open and close the database, its -wal, -shm or
 * -journal, or the lock file: closing any descriptor of a file drops every
 * fcntl lock the process holds on it (POSIX), SQLite's included.
 */
/* path with every symlink resolved, also when the file (or the link's
 * target) does not exist yet; path itself when its directory cannot be
 * resolved. A new string (caller frees). */
char *store_real_path(const char *path);
/* Where one interactive instance locks the cache: its real path + ".lock",
 * so every spelling of the path names the same lock. Caller frees. */
char *store_lock_path(const char *cache_path);
/* Whether path names one of the files above of the cache at cache_path
 * (by real path, or by device and inode). Opens nothing. */
bool store_is_cache_file(const char *cache_path, const char *path);

/* Feed rows. Validators are what the last successful fetch returned. */
struct store_feed {
	int64_t id;
	char *url;
	char *title;		/* the user's title, else the document's; may be NULL */
	char *tags;		/* space-separated; may be NULL */
	char *etag;		/* may be NULL */
	char *last_modified;	/* may be NULL */
	char *last_error;	/* NULL after a success */
	char *recovered;	/* "line N: what" when the last document read was
				 * damaged but read (not a failure); else NULL */
	time_t last_success;	/* 0 = never */
	time_t retry_after;	/* do not fetch before this time; 0 = any time */
	char *link;		/* the site's link from the document; may be NULL */
	char *language;		/* from the document; may be NULL */
	time_t last_attempt;	/* 0 = never */
	int64_t unread;		/* unread items (filled by store_feed_list only) */
	int64_t total;		/* all items (filled by store_feed_list only) */
};
/* Free the strings of *f and zero it. */
void store_feed_clear(struct store_feed *f);

/* Insert the feed if new (title/tags from the urls file may be NULL) and
 * return its id, or -1. Existing rows keep their data but get the new
 * user title/tags. */
int64_t store_feed_ensure(struct store *s, const char *url, const char *user_title,
    const char *tags);
/* Fill *out (caller clears with store_feed_clear) for the feed's URL; 0, or -1 when unknown. */
int store_feed_get(struct store *s, const char *url, struct store_feed *out);
/*
 * Every feed with its unread/total counts, ordered by id (the urls file's
 * order of first appearance). *out is a new array of *n feeds; the caller
 * frees it with store_feed_list_free(). 0, or -1.
 */
int store_feed_list(struct store *s, struct store_feed **out, size_t *n);
void store_feed_list_free(struct store_feed **v, size_t n);

/* Forget the feed with its items, drafts and comments (a feed the user
 * removed from the urls file). Liked items go too. */
int store_feed_delete(struct store *s, int64_t feed_id);

/* One transaction per fetched feed. BEGIN IMMEDIATE: the write lock is taken
 * here, so "database is locked" comes from store_begin, not mid-batch. */
int store_begin(struct store *s);
int store_commit(struct store *s);
int store_rollback(struct store *s);

/* Document metadata from the parser (title shown when the user gave none). */
int store_feed_set_meta(struct store *s, int64_t feed_id, const struct feed_meta *meta);
/*
 * Insert the item, or update it in place when (feed, id) exists and its
 * content changed (a hash of title, link, author, dates, summary, content,
 * categories, enclosures and comment data). *changed (may be NULL) tells
 * whether a row was written. Read, liked and starred state survive updates.
 * The full-text index follows every write.
 */
int store_item_upsert(struct store *s, int64_t feed_id, const struct feed_item *item,
    bool *changed);
/* What store_item_upsert_ex() did. */
enum store_upsert_outcome {
	STORE_UPSERT_SAME,		/* known and unchanged */
	STORE_UPSERT_INSERTED,		/* a new item */
	STORE_UPSERT_UPDATED,		/* known, its content changed */
	STORE_UPSERT_TOMBSTONED,	/* removed by store_cleanup(): not inserted */
};
int store_item_upsert_ex(struct store *s, int64_t feed_id, const struct feed_item *item,
    enum store_upsert_outcome *what);

/*
 * Cleanup (cleanup.c): max-items and keep-articles-days. Removes the items
 * of each feed beyond its max_items newest (by list date; 0: no limit) and
 * those dated before now - keep_days days (0: keep), read or unread, except
 * items that are liked or starred, have a comment draft, an outbox entry
 * or a repost not yet sent, and items of a feed server (urls-source
 * ttrss|greader), which keeps its own. Each removed item leaves a tombstone
 * (feed, hash of its guid, time): store_item_upsert() does not bring it
 * back while the feed still lists it. Comments, full-text pages and the
 * search index go with the items. One transaction, removing at most
 * max_remove items (0: all; a caller that must stay responsive calls again
 * while *removed == max_remove); *removed (may be NULL) gets the number
 * removed. 0, or -1.
 */
int store_cleanup(struct store *s, int max_items, int keep_days, time_t now, size_t max_remove,
    int64_t *removed);
/* After a feed's whole document was read (not a 304): its tombstones that
 * no item of the document matched since since_ms (store_now_ms() when its
 * fetch began) are forgotten, as the feed no longer lists those items.
 * 0, or -1. */
int store_tombstones_prune(struct store *s, int64_t feed_id, int64_t since_ms);
/* Wall-clock milliseconds: a tombstone's seen time (two reloads may start
 * within one second). */
int64_t store_now_ms(void);
/* Tombstones of a feed (tests, the man page's figures). -1 on error. */
int64_t store_tombstone_count(struct store *s, int64_t feed_id);

/* Record a successful fetch or a 304. Validators are kept when NULL is
 * passed (a 304 need not repeat them); the last error is cleared. */
int store_feed_fetched(struct store *s, int64_t feed_id, const char *etag,
    const char *last_modified, time_t when);
/* Record a failure with its reason, keeping the old validators and items. */
/* The recovered note of the document just stored (NULL: it was sound). */
int store_feed_set_recovered(struct store *s, int64_t feed_id, const char *note);
int store_feed_failed(struct store *s, int64_t feed_id, const char *reason, time_t when,
    time_t retry_after);

/* Number of unread items over all feeds, or -1. */
int64_t store_unread_count(struct store *s);
int store_item_mark_read(struct store *s, int64_t item_id, bool read);
/* Mark every item of the feed read. */
int store_feed_mark_read(struct store *s, int64_t feed_id);
int store_item_set_liked(struct store *s, int64_t item_id, bool liked);
int store_item_set_starred(struct store *s, int64_t item_id, bool starred);

/* Which items a list shows. */
enum store_scope_kind {
	STORE_SCOPE_ALL,	/* every feed */
	STORE_SCOPE_FEED,	/* feed_id */
	STORE_SCOPE_TAG,	/* feeds whose tags contain tag */
	STORE_SCOPE_LIKED,
	STORE_SCOPE_STARRED,
	STORE_SCOPE_COUNT_
};
struct store_scope {
	enum store_scope_kind kind;
	int64_t feed_id;	/* STORE_SCOPE_FEED */
	const char *tag;	/* STORE_SCOPE_TAG; borrowed */
	bool unread_only;
	/* Both borrowed, may be NULL (src/filter): only rows that match
	 * filter (a query feed, the limit prompt), and none that match hide
	 * (kill rules in display mode). Counts then scan the rows. */
	const struct filter *filter;
	const struct filter *hide;
	/* With unread_only: items read after this second are listed too (an
	 * article read in a list that hides read ones stays until the list is
	 * left); 0: none. */
	time_t read_since;
};

/*
 * Lists are ordered newest first by (date, id), where date is the published
 * date, else the updated date, else when the item was first seen. A key is a
 * position in that order: paging by key (keyset) costs the same at item
 * 100,000 as at item 0.
 */
struct store_item_key {
	time_t date;
	int64_t id;
};
/* The key before the newest item: page STORE_OLDER from here to start. */
#define STORE_KEY_TOP ((struct store_item_key){ INT64_MAX, INT64_MAX })

/* One row of a list. */
struct store_item_summary {
	int64_t id;
	int64_t feed_id;
	char *title;		/* may be NULL */
	char *link;		/* may be NULL */
	char *feed_title;	/* user title, document title or URL; never NULL */
	time_t date;
	int64_t comments_count;	/* -1 when unknown */
	bool read, liked, starred;
	char *language;		/* the item's, else the feed's; may be NULL */
	char *feed_url;		/* never NULL in rows from the store */
};
struct store_item_list {
	struct store_item_summary *v;
	size_t n;
};
/* Free the strings of one row and zero it. */
void store_item_summary_clear(struct store_item_summary *it);
/* Free the rows and zero the list; NULL-safe and safe on a zeroed list. */
void store_item_list_clear(struct store_item_list *l);
/* The list key of a row. */
struct store_item_key store_item_summary_key(const struct store_item_summary *it);

enum store_direction {
	STORE_OLDER,	/* rows after key in list order (further down) */
	STORE_NEWER,	/* rows before key (further up) */
};
/*
 * Up to limit rows of scope on the dir side of key (key itself excluded),
 * returned in list order (newest first) either way. *out is replaced; the
 * caller clears it with store_item_list_clear(). 0, or -1.
 */
int store_items_page(struct store *s, const struct store_scope *scope,
    struct store_item_key key, enum store_direction dir, size_t limit,
    struct store_item_list *out);
/* Total and unread item counts of scope (either pointer may be NULL). */
int store_items_count(struct store *s, const struct store_scope *scope, int64_t *total,
    int64_t *unread);

/* One item with everything stored about it. */
struct store_item {
	int64_t id;
	int64_t feed_id;
	char *guid;
	char *title, *link, *author;	/* may be NULL */
	time_t published, updated;	/* 0 when absent */
	time_t date;			/* the list order date */
	char *summary, *content;	/* HTML; may be NULL */
	char *categories;		/* one per line; NULL when none */
	char *enclosures;		/* JSON array of {url, type, length}; NULL when none */
	char *comments_feed;		/* may be NULL */
	int64_t comments_count;		/* -1 when unknown */
	char *language;			/* the item's, else the feed's; may be NULL */
	char *feed_title;		/* never NULL */
	bool read, liked, starred;
	time_t read_at, liked_at;	/* 0 when not */
	time_t first_seen;
	char *feed_url;			/* never NULL */
};
/* Fill *out (caller clears with store_item_clear); 0, or -1 (unknown id too). */
int store_item_get(struct store *s, int64_t item_id, struct store_item *out);
void store_item_clear(struct store_item *it);

/*
 * Full-text search over titles and bodies (HTML stripped), Arabic-aware:
 * both the index and the query go through store_search_normalize(). Every
 * word of the query must occur, each as a word prefix. Rows come best match
 * first (title matches weigh more); *out is replaced and the caller clears it
 * with store_item_list_clear(). An empty query finds nothing. 0, or -1.
 */
int store_search(struct store *s, const char *query, size_t limit, size_t offset,
    struct store_item_list *out);
/*
 * The same search in two steps, for a caller that runs it off the UI
 * thread (src/search) and pages through the result itself.
 * store_search_ids() finds the ranked ids of every match (in store_search's
 * order) over what is indexed now; it indexes nothing, so it runs on a
 * read-only connection. newest > 0 ranks only the newest matches of the
 * index (up to that many), a fast provisional answer on a big cache; 0
 * ranks them all. cancelled (may be NULL) is polled while SQLite works;
 * when it returns true the search stops. 0, 1 (cancelled), or -1. *out
 * is replaced; the caller frees it with store_search_hits_clear().
 */
struct store_search_hits {
	int64_t *ids;	/* best first */
	size_t n;
	bool complete;	/* every match is in (newest was 0, or not reached) */
};
void store_search_hits_clear(struct store_search_hits *h);
int store_search_ids(struct store *s, const char *query, size_t newest,
    bool (*cancelled)(void *arg), void *arg, struct store_search_hits *out);
/* The rows of ids[0..n) in that order (ids no longer in the cache are
 * skipped); *out as store_search's. 0, or -1. */
int store_items_by_ids(struct store *s, const int64_t *ids, size_t n,
    struct store_item_list *out);
/* Items written but not yet indexed (waiting for store_search_catch_up),
 * or -1. */
int64_t store_search_waiting(struct store *s);
/*
 * The index normally follows every commit. A bulk writer (reload of a huge
 * feed) can defer it: written items then wait in a queue in the database
 * until someone calls store_search_catch_up(), which indexes up to max of
 * them (0: all) in its own transaction and returns how many still wait, or
 * -1. Search finds deferred items only once they are indexed.
 */
void store_set_deferred_index(struct store *s, bool deferred);
int64_t store_search_catch_up(struct store *s, size_t max);
/*
 * A bulk writer that commits many short transactions (a big feed's
 * batches) checkpoints the WAL when it holds this many pages instead of
 * SQLite's 1000 (STORE_CHECKPOINT_PAGES; 0 restores it): each checkpoint
 * costs two fsyncs, and a 40 MiB feed would otherwise pay them every few
 * batches.
 */
#define STORE_CHECKPOINT_PAGES 1000
void store_set_bulk_checkpoint(struct store *s, int pages);
/*
 * The search normal form of len bytes of UTF-8 text: harakat (U+064B-U+065F,
 * U+0670) and tatweel (U+0640) removed; alef forms (U+0622, U+0623, U+0625,
 * U+0671) become U+0627; ta marbuta (U+0629) becomes ha (U+0647); alef
 * maqsura (U+0649) becomes ya (U+064A); letters lower-cased; invalid bytes
 * become U+FFFD. Returns a new string (caller frees). When map is non-NULL it
 * receives a new array (caller frees) of strlen(result) + 1 entries: for each
 * byte of the result, the offset in s of the character it came from, and at
 * the end len. A highlighter finds the match in the normal form and maps it
 * back to s with it.
 */
char *store_search_normalize(const char *s, size_t len, size_t **map);

/* A byte range [start, end) of a text. */
struct store_range {
	size_t start, end;
};
/*
 * Where query matches in len bytes of plain UTF-8 text, as store_search
 * matches it (word prefixes, light stems of Arabic words, quoted phrases
 * exactly): up to max ranges of whole words, in text order, for
 * highlighting. Returns how many it wrote.
 */
size_t store_search_find(const char *query, const char *text, size_t len,
    struct store_range *out, size_t max);

/* The comment draft of an item: *text is a new string (caller frees), or NULL
 * when there is none; *updated (may be NULL) when it was saved. 0, or -1. */
int store_draft_get(struct store *s, int64_t item_id, char **text, time_t *updated);
/* Save the draft; NULL or "" deletes it. */
int store_draft_put(struct store *s, int64_t item_id, const char *text);

/* UI state that persists (last view, list positions): *value is a new string
 * (caller frees) or NULL when the key is unset. 0, or -1. */
int store_state_get(struct store *s, const char *key, char **value);
/* Set the key; NULL deletes it. */
int store_state_put(struct store *s, const char *key, const char *value);

#endif
