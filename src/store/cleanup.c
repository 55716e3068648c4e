/*
 * Cleanup after a reload (store.h, store_cleanup): max-items per feed and
 * keep-articles-days, with tombstones so that what was removed does not
 * come back unread while the feed still lists it.
 *
 * The rule: of each feed's items in list order (date, id, newest first),
 * the max_items newest always stay; older ones and those dated before the
 * keep_days limit go, read or unread, unless something of the user's hangs
 * on them (a like, a star, a draft, an outbox entry, a repost not yet
 * sent). Kept items still count among the newest, so a feed may keep more
 * than max_items rows, never fewer of its newest ones.
 *
 * The ids to remove are collected in a temporary table first: the
 * tombstones are written from it (a hash of the guid is computed here, in
 * C), then the rows are deleted by id, which fires the triggers that keep
 * the search index and the feed counts, and the cascades that take the
 * comments and the full-text pages along. Removing an item costs about
 * 0.2 ms, most of it the search index's (a contentless FTS5 table is told
 * the very terms it indexed, so each body's HTML is read again):
 * max_remove lets the reader do a big first cleanup in slices.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "store/store-int.h"
#include "util/xalloc.h"

/* FNV-1a, 64 bits: the guid's identity in a tombstone. A collision only
 * means one new item of the same feed is skipped once in 2^64. */
static int64_t
guid_hash(const char *guid)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (const unsigned char *p = (const unsigned char *)guid; *p != '\0'; p++) {
		h ^= *p;
		h *= 0x100000001b3u;
	}
	return (int64_t)h;
}

int64_t
store_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
store_tombstone_seen(struct store *s, int64_t feed_id, const char *guid)
{
	sqlite3_stmt *st = store_stmt(s, STMT_TOMBSTONE_SEEN,
	    "UPDATE item_tombstones SET seen_at = ?3 WHERE feed_id = ?1 AND guid_hash = ?2");

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, guid_hash(guid));
	sqlite3_bind_int64(st, 3, store_now_ms());
	if (store_step_done(s, st) == -1)
		return -1;
	return sqlite3_changes(s->db) > 0 ? 1 : 0;
}

int
store_tombstones_prune(struct store *s, int64_t feed_id, int64_t since_ms)
{
	sqlite3_stmt *st = store_prep_once(s,
	    "DELETE FROM item_tombstones WHERE feed_id = ?1 AND seen_at < ?2");

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, since_ms);
	return store_run_once(s, st);
}

int64_t
store_tombstone_count(struct store *s, int64_t feed_id)
{
	sqlite3_stmt *st = store_prep_once(s,
	    "SELECT count(*) FROM item_tombstones WHERE feed_id = ?1");
	int64_t n = -1;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	if (store_finish_once(s, st, rc) == -1)
		return -1;
	return n;
}

/* Run sql once with ?1 = a, ?2 = b (when the statement has them). */
static int
run2(struct store *s, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = store_prep_once(s, sql);

	if (st == NULL)
		return -1;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	return store_run_once(s, st);
}

/* Items the user's own data hangs on. */
#define PROTECTED \
	"i.liked = 0 AND i.starred = 0 " \
	"AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.item_id = i.id) " \
	"AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.item_id = i.id) " \
	"AND NOT EXISTS (SELECT 1 FROM reposts r WHERE r.item_id = i.id " \
	"  AND r.state IN ('queued', 'sending'))"

/* Collect the ids to remove into temp.cleanup_ids: by rank, then by date
 * (two statements, so that each reads only what it needs: the rank only
 * feeds over the limit, the date only the old end of the date index). */
static int
collect(struct store *s, int max_items, time_t cutoff, int64_t cap)
{
	int64_t have = 0;

	if (run2(s, "CREATE TEMP TABLE IF NOT EXISTS cleanup_ids (id INTEGER PRIMARY KEY)",
	    0, 0) == -1 || run2(s, "DELETE FROM temp.cleanup_ids", 0, 0) == -1)
		return -1;
	/* Only feeds with more rows than the limit are ranked (the counts
	 * the triggers keep, schema.c version 4). */
	if (max_items > 0) {
		if (run2(s,
		    "INSERT INTO temp.cleanup_ids (id) SELECT i.id FROM ("
		    "  SELECT i.id, row_number() OVER ("
		    "    PARTITION BY i.feed_id ORDER BY i.date DESC, i.id DESC) AS rn"
		    "  FROM items i WHERE i.feed_id IN (SELECT id FROM feeds"
		    "    WHERE remote_id IS NULL AND total > ?1)) r"
		    " JOIN items i ON i.id = r.id"
		    " WHERE r.rn > ?1 AND " PROTECTED " LIMIT ?2",
		    max_items, cap) == -1)
			return -1;
		have = sqlite3_changes(s->db);
	}
	if (cutoff > 0 && have < cap && run2(s,
	    "INSERT OR IGNORE INTO temp.cleanup_ids (id) SELECT i.id FROM items i"
	    " JOIN feeds f ON f.id = i.feed_id"
	    " WHERE i.date < ?1 AND f.remote_id IS NULL AND " PROTECTED
	    " AND i.id NOT IN (SELECT id FROM temp.cleanup_ids) LIMIT ?2",
	    (int64_t)cutoff, cap - have) == -1)
		return -1;
	return 0;
}

/* A tombstone for every collected item. */
static int
bury(struct store *s, time_t now)
{
	sqlite3_stmt *sel = store_prep_once(s,
	    "SELECT i.feed_id, i.guid FROM items i JOIN temp.cleanup_ids c ON c.id = i.id");
	sqlite3_stmt *ins = store_prep_once(s,
	    "INSERT OR REPLACE INTO item_tombstones (feed_id, guid_hash, removed_at, seen_at)"
	    " VALUES (?1, ?2, ?3, ?3 * 1000)");
	int rc = SQLITE_ERROR;

	if (sel == NULL || ins == NULL) {
		sqlite3_finalize(sel);
		sqlite3_finalize(ins);
		return -1;
	}
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		const char *guid = (const char *)sqlite3_column_text(sel, 1);
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(sel, 0));
		sqlite3_bind_int64(ins, 2, guid_hash(guid != NULL ? guid : ""));
		sqlite3_bind_int64(ins, 3, (int64_t)now);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			store_fail(s);
			sqlite3_finalize(sel);
			sqlite3_finalize(ins);
			return -1;
		}
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	return store_finish_once(s, sel, rc);
}

int
store_cleanup(struct store *s, int max_items, int keep_days, time_t now, size_t max_remove,
    int64_t *removed)
{
	int64_t cap = max_remove > 0 && max_remove < INT64_MAX ? (int64_t)max_remove : INT64_MAX;
	time_t cutoff = keep_days > 0 ? now - (time_t)keep_days * 86400 : 0;
	bool own_tx = sqlite3_get_autocommit(s->db) != 0;
	int64_t n = 0;

	if (removed != NULL)
		*removed = 0;
	if (max_items <= 0 && keep_days <= 0)
		return 0;
	if (own_tx && store_begin(s) == -1)
		return -1;
	if (collect(s, max_items, cutoff, cap) == -1 || bury(s, now) == -1)
		goto failed;
	if (run2(s, "DELETE FROM items WHERE id IN (SELECT id FROM temp.cleanup_ids)",
	    0, 0) == -1)
		goto failed;
	n = sqlite3_changes(s->db);
	if (run2(s, "DELETE FROM temp.cleanup_ids", 0, 0) == -1)
		goto failed;
	if (own_tx && store_commit(s) == -1)
		goto failed;
	if (removed != NULL)
		*removed = n;
	return 0;
failed:
	if (own_tx)
		store_rollback_keep_err(s);
	return -1;
}
