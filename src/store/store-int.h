/*
 * Shared by the files of src/store only: the connection struct, the cache
 * of prepared statements and error helpers.
 */
#ifndef NR_STORE_STORE_INT_H
#define NR_STORE_STORE_INT_H

#include <sqlite3.h>
#include <sys/types.h>

#include "store/store.h"

/* One slot per statement; each is prepared on first use, then reset and
 * rebound on every later use for the life of the connection. */
enum stmt_id {
	STMT_FEED_ENSURE,
	STMT_FEED_ID,
	STMT_FEED_GET,
	STMT_FEED_LIST,
	STMT_FEED_META,
	STMT_FEED_FETCHED,
	STMT_FEED_FAILED,
	STMT_FEED_RECOVERED,
	STMT_FEED_DELETE,
	STMT_ITEM_FIND,
	STMT_ITEM_INSERT,
	STMT_ITEM_UPDATE,
	STMT_FTS_IS_PENDING,
	STMT_FTS_DELETE_OLD,
	STMT_FTS_ADD_PENDING,
	STMT_FTS_FLUSH,
	STMT_FTS_CLEAR_PENDING,
	STMT_FTS_COUNT_PENDING,
	STMT_UNREAD_COUNT,
	STMT_MARK_READ,
	STMT_FEED_MARK_READ,
	STMT_SET_LIKED,
	STMT_SET_STARRED,
	STMT_ITEM_GET,
	STMT_SEARCH_IDS,
	STMT_SEARCH_COMMENTS_CUT,
	STMT_ITEMS_BY_IDS,
	STMT_DRAFT_GET,
	STMT_DRAFT_PUT,
	STMT_DRAFT_DELETE,
	STMT_STATE_GET,
	STMT_STATE_PUT,
	STMT_STATE_DELETE,
	STMT_TOMBSTONE_SEEN,
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_ENC_DELETE,
	STMT_ENC_INSERT,
	/* store_items_page: kind x direction x unread_only */
	STMT_PAGE_FIRST,
	STMT_PAGE_LAST = STMT_PAGE_FIRST + STORE_SCOPE_COUNT_ * 2 * 2 - 1,
	/* store_items_count: one per kind */
	STMT_COUNT_FIRST,
	STMT_COUNT_LAST = STMT_COUNT_FIRST + STORE_SCOPE_COUNT_ - 1,
	STMT_COUNT_
};

struct store {
	sqlite3 *db;
	char *path;		/* as given, for messages */
	char *err;		/* last error, "PATH: reason" */
	char *reason;		/* the same for a person (store_errreason) */
	bool readonly;
	bool corrupt;		/* a call met SQLITE_CORRUPT (store_corrupt) */
	bool immutable;		/* STORE_IMMUTABLE */
	bool have_file;		/* dev and ino below are the file's at open */
	bool gone;		/* the path no longer names it (store_file_gone) */
	dev_t dev;
	ino_t ino;
	int64_t fts_pending;	/* rows this transaction queued in fts_pending */
	bool fts_deferred;	/* store_set_deferred_index() */
	sqlite3_stmt *stmts[STMT_COUNT_];
};

/* The statement of slot id, prepared from sql on first use, reset and
 * without bindings; NULL (error set) when it cannot be prepared. */
sqlite3_stmt *store_stmt(struct store *s, enum stmt_id id, const char *sql);
/* Set the error from the connection's last SQLite error; returns -1. */
int store_fail(struct store *s);
/* Set the error to "PATH: " plus the formatted reason; returns -1. */
int store_failf(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Run a statement that returns no rows to completion and reset it; 0 or -1. */
int store_step_done(struct store *s, sqlite3_stmt *st);
/* Run the row-less statement of slot id with ?1 bound to v; 0 or -1. */
int store_run_int(struct store *s, enum stmt_id id, const char *sql, int64_t v);

/* For statements that run too seldom for a cache slot: prepare sql for one
 * use (the caller finalizes it); NULL with the error set. */
sqlite3_stmt *store_prep_once(struct store *s, const char *sql);
/* Finalize st, whose last step returned rc: 0 when rc is SQLITE_DONE,
 * otherwise -1 with the error set. */
int store_finish_once(struct store *s, sqlite3_stmt *st, int rc);
/* Run a row-less statement from store_prep_once() and finalize it; 0 or -1. */
int store_run_once(struct store *s, sqlite3_stmt *st);
/* Roll back after a failed write, keeping the write's error (not the
 * rollback's) as the one reported. */
void store_rollback_keep_err(struct store *s);

/* Bind a string or NULL. */
int store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Column as a new string, or NULL for SQL NULL. */
char *store_column_strdup(sqlite3_stmt *st, int col);

/* The columns store_summaries_collect() reads, over items i joined to
 * feeds f. */
#define SUMMARY_COLUMNS \
	"i.id, i.feed_id, i.title, i.link, coalesce(f.user_title, f.doc_title, f.url), " \
	"i.date, i.comments_count, i.read, i.liked, i.starred, " \
	"coalesce(i.language, f.language), f.url"
/* Step st (selecting SUMMARY_COLUMNS) to the end into out, which is
 * replaced; then reset st. 0 or -1. */
int store_summaries_collect(struct store *s, sqlite3_stmt *st, struct store_item_list *out);

/* Whether (feed, guid) has a tombstone: 1 (and its seen time is now), 0
 * not, -1 error (cleanup.c). */
int store_tombstone_seen(struct store *s, int64_t feed_id, const char *guid);

/* The migration scripts: migrations[i] brings user_version i to i + 1. */
extern const char *const store_migrations[STORE_SCHEMA_VERSION];

/* Filtered lists (filtered.c): define nr_filter() on the connection; 0 or
 * -1. store_filter_sql() is the SQL condition (caller frees) that applies
 * the filter bound at ?param (store_filter_bind) with the time at
 * ?now_param to a row of items i joined to feeds f. */
struct filter;
int store_filter_register(struct store *s);
char *store_filter_sql(const struct filter *f, int param, int now_param);
void store_filter_bind(sqlite3_stmt *st, int param, const struct filter *f);

/* Define nr_fts_text() and nr_fts_html() on the connection; 0 or -1. */
int store_search_register(struct store *s);
/* Define the FTS5 tokenizer nr_stem (tokenize.c) on the connection; 0 or -1. */
int store_tokenizer_register(struct store *s);
/* The same on a bare connection (tests, tools); an SQLite result code. */
int store_tokenizer_register_db(sqlite3 *db);

/*
 * Arabic light stems (stem.c) of a word in the search normal form: the stem
 * is w[*start .. *start + returned length). A word that is not all Arabic
 * letters is its own stem. store_stem_ar_particle() is the stem after one
 * leading ب، ك، ل or ف as well, for the index only; 0 when there is none.
 */
size_t store_stem_ar(const char *w, size_t len, size_t *start);
/* The FTS5 MATCH expression for a user's query (search.c); NULL when it
 * has no word. Caller frees. */
char *store_search_fts_query(const char *query);
size_t store_stem_ar_particle(const char *w, size_t len, size_t *start);
/* The item's text is about to be written: take its old terms out of the
 * index (when it has some) and queue it for store_fts_flush(). Call before
 * an UPDATE of title, summary or content (new: false), after an INSERT
 * (new: true). 0 or -1. */
int store_fts_queue(struct store *s, int64_t item_id, bool is_new);
/* Index the items queued in this transaction unless indexing is deferred;
 * store_commit() calls it. 0 or -1. */
int store_fts_flush(struct store *s);
/* COMMIT without the flush. */
int store_run_commit(struct store *s);

#endif
