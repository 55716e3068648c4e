/*
 * Sync state in the cache (store/sync.h). These run rarely (once per sync)
 * and loop inside: statements are prepared per call, once for a whole list,
 * so the connection's statement table stays the feeds' and items' own.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store-int.h"
#include "store/sync.h"
#include "util/xalloc.h"

static sqlite3_stmt *
prep(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s);
		return NULL;
	}
	return st;
}

/* Run st once (it returns no row) and finalize it; 0 or -1. */
static int
run_once(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		return store_fail(s);
	}
	return 0;
}

/* sql prepared with ?1 and ?2 bound to the range of the ids with prefix:
 * from "ttrss:" up to (not including) "ttrss;". NULL on failure. */
static sqlite3_stmt *
prep_prefix(struct store *s, const char *sql, const char *prefix)
{
	sqlite3_stmt *st = prep(s, sql);
	char *end;
	size_t n;

	if (st == NULL)
		return NULL;
	end = xstrdup(prefix);
	n = strlen(end);
	if (n > 0)
		end[n - 1]++;
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_TRANSIENT);
	free(end);
	return st;
}

int64_t
store_sync_feed(struct store *s, const char *remote_id, const char *url, const char *title,
    const char *tag)
{
	int64_t id = store_feed_ensure(s, url, title, tag);
	sqlite3_stmt *st;

	if (id < 0 || (st = prep(s, "UPDATE feeds SET remote_id = ?1 WHERE id = ?2")) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, remote_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	return run_once(s, st) == 0 ? id : -1;
}

int64_t
store_sync_feed_id(struct store *s, const char *remote_id)
{
	sqlite3_stmt *st = prep(s, "SELECT id FROM feeds WHERE remote_id = ?1");
	int64_t id = -1;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, remote_id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

int
store_sync_feed_rows(struct store *s, const char *prefix, struct store_sync_feed_row **v,
    size_t *n)
{
	sqlite3_stmt *st;

	*v = NULL;
	*n = 0;
	st = prep_prefix(s, "SELECT url, user_title, tags FROM feeds"
	    " WHERE remote_id >= ?1 AND remote_id < ?2 ORDER BY id", prefix);
	if (st == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[*n] = (struct store_sync_feed_row){
			.url = store_column_strdup(st, 0),
			.title = store_column_strdup(st, 1),
			.tags = store_column_strdup(st, 2),
		};
		(*n)++;
	}
	sqlite3_finalize(st);
	return 0;
}

void
store_sync_feed_rows_free(struct store_sync_feed_row **v, size_t n)
{
	if (*v == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*v)[i].url);
		free((*v)[i].title);
		free((*v)[i].tags);
	}
	free(*v);
	*v = NULL;
}

int
store_sync_drop_feeds(struct store *s, const char *prefix, const char *const *keep, size_t n)
{
	sqlite3_stmt *st;
	int64_t *gone = NULL;
	size_t ngone = 0;
	int ret = 0;

	st = prep_prefix(s, "SELECT id, remote_id FROM feeds WHERE remote_id >= ?1 AND remote_id < ?2",
	    prefix);
	if (st == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *rid = (const char *)sqlite3_column_text(st, 1);
		bool kept = false;
		for (size_t i = 0; i < n && !kept; i++)
			kept = strcmp(keep[i], rid) == 0;
		if (!kept) {
			gone = xreallocarray(gone, ngone + 1, sizeof *gone);
			gone[ngone++] = sqlite3_column_int64(st, 0);
		}
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < ngone && ret == 0; i++)
		ret = store_feed_delete(s, gone[i]);
	free(gone);
	return ret == 0 ? (int)ngone : -1;
}

int
store_sync_item(struct store *s, int64_t feed_id, const struct feed_item *item,
    const char *remote_id, bool read, bool liked, bool *changed)
{
	sqlite3_stmt *st;
	int64_t now = (int64_t)time(NULL);

	if (store_item_upsert(s, feed_id, item, changed) != 0)
		return -1;
	/*
	 * A new row (synced_read still NULL) takes the server's state; a known
	 * one follows the server where the server changed and this machine
	 * did not (store/sync.h).
	 */
	st = prep(s,
	    "UPDATE items SET remote_id = ?1,"
	    "  read = CASE WHEN synced_read IS NULL OR read = synced_read THEN ?3 ELSE read END,"
	    "  read_at = CASE WHEN (synced_read IS NULL OR read = synced_read) AND ?3"
	    "    THEN coalesce(read_at, ?5) WHEN (synced_read IS NULL OR read = synced_read)"
	    "    THEN NULL ELSE read_at END,"
	    "  liked = CASE WHEN synced_liked IS NULL OR liked = synced_liked THEN ?4"
	    "    ELSE liked END,"
	    "  liked_at = CASE WHEN (synced_liked IS NULL OR liked = synced_liked) AND ?4"
	    "    THEN coalesce(liked_at, ?5) WHEN (synced_liked IS NULL OR liked = synced_liked)"
	    "    THEN NULL ELSE liked_at END,"
	    "  synced_read = ?3, synced_liked = ?4"
	    " WHERE feed_id = ?2 AND guid = ?1"
	    "  AND (remote_id IS NULL OR synced_read IS NOT ?3 OR synced_liked IS NOT ?4)");
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, remote_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, feed_id);
	sqlite3_bind_int(st, 3, read);
	sqlite3_bind_int(st, 4, liked);
	sqlite3_bind_int64(st, 5, now);
	return run_once(s, st);
}

/* Fill temp table name with ids; 0 or -1. */
static int
fill_temp(struct store *s, const char *name, const char *const *ids, size_t n)
{
	char sql[128];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "CREATE TEMP TABLE IF NOT EXISTS %s (rid TEXT PRIMARY KEY)",
	    name);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s);
	snprintf(sql, sizeof sql, "DELETE FROM temp.%s", name);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s);
	snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO temp.%s (rid) VALUES (?1)", name);
	if ((st = prep(s, sql)) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_text(st, 1, ids[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return store_fail(s);
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

int
store_sync_apply_state(struct store *s, const char *prefix,
    const char *const *unread, size_t nunread, const char *const *starred, size_t nstarred,
    int64_t *changed)
{
	/* Per field: srv is the server's value; the flag follows it only where
	 * this machine left the field as last synced. */
	static const char *const sql[] = {
	    "UPDATE items SET"
	    "  read = CASE WHEN read = synced_read THEN n.srv ELSE read END,"
	    "  read_at = CASE WHEN read = synced_read THEN"
	    "    (CASE WHEN n.srv THEN ?3 ELSE NULL END) ELSE read_at END,"
	    "  synced_read = n.srv"
	    " FROM (SELECT id AS iid, remote_id NOT IN (SELECT rid FROM temp.sync_unread) AS srv"
	    "   FROM items WHERE remote_id >= ?1 AND remote_id < ?2) AS n"
	    " WHERE items.id = n.iid AND items.synced_read IS NOT n.srv",
	    "UPDATE items SET"
	    "  liked = CASE WHEN liked = synced_liked THEN n.srv ELSE liked END,"
	    "  liked_at = CASE WHEN liked = synced_liked THEN"
	    "    (CASE WHEN n.srv THEN ?3 ELSE NULL END) ELSE liked_at END,"
	    "  synced_liked = n.srv"
	    " FROM (SELECT id AS iid, remote_id IN (SELECT rid FROM temp.sync_starred) AS srv"
	    "   FROM items WHERE remote_id >= ?1 AND remote_id < ?2) AS n"
	    " WHERE items.id = n.iid AND items.synced_liked IS NOT n.srv",
	};
	int64_t before = sqlite3_total_changes64(s->db), flips = 0;

	*changed = 0;
	if (fill_temp(s, "sync_unread", unread, nunread) != 0 ||
	    fill_temp(s, "sync_starred", starred, nstarred) != 0)
		return -1;
	for (size_t i = 0; i < 2; i++) {
		sqlite3_stmt *st = prep_prefix(s, sql[i], prefix);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 3, (int64_t)time(NULL));
		if (run_once(s, st) != 0)
			return -1;
		flips += sqlite3_changes64(s->db);
	}
	(void)before;
	*changed = flips;
	return 0;
}

int
store_sync_pending(struct store *s, const char *prefix, struct store_sync_change **v,
    size_t *n)
{
	sqlite3_stmt *st;
	size_t alloc = 0;

	*v = NULL;
	*n = 0;
	st = prep_prefix(s, "SELECT id, remote_id, read, synced_read, liked, synced_liked FROM items"
	    " WHERE remote_id IS NOT NULL AND (read != synced_read OR liked != synced_liked)"
	    "  AND remote_id >= ?1 AND remote_id < ?2 ORDER BY id", prefix);
	if (st == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int f = 0; f < 2; f++) {
			int col = f == 0 ? 2 : 4;
			if (sqlite3_column_int(st, col) == sqlite3_column_int(st, col + 1))
				continue;
			if (*n == alloc) {
				alloc = alloc ? alloc * 2 : 16;
				*v = xreallocarray(*v, alloc, sizeof **v);
			}
			(*v)[*n] = (struct store_sync_change){
				.item_id = sqlite3_column_int64(st, 0),
				.remote_id = store_column_strdup(st, 1),
				.field = f == 0 ? STORE_SYNC_READ : STORE_SYNC_LIKED,
				.value = sqlite3_column_int(st, col) != 0,
			};
			(*n)++;
		}
	}
	sqlite3_finalize(st);
	return 0;
}

void
store_sync_changes_free(struct store_sync_change **v, size_t n)
{
	if (*v == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free((*v)[i].remote_id);
	free(*v);
	*v = NULL;
}

int
store_sync_acknowledge(struct store *s, const struct store_sync_change *v, size_t n)
{
	sqlite3_stmt *st[2];
	int ret = 0;

	st[0] = prep(s, "UPDATE items SET synced_read = ?2 WHERE id = ?1");
	st[1] = prep(s, "UPDATE items SET synced_liked = ?2 WHERE id = ?1");
	if (st[0] == NULL || st[1] == NULL) {
		sqlite3_finalize(st[0]);
		sqlite3_finalize(st[1]);
		return -1;
	}
	for (size_t i = 0; i < n && ret == 0; i++) {
		sqlite3_stmt *u = st[v[i].field == STORE_SYNC_READ ? 0 : 1];
		sqlite3_bind_int64(u, 1, v[i].item_id);
		sqlite3_bind_int(u, 2, v[i].value);
		if (sqlite3_step(u) != SQLITE_DONE)
			ret = store_fail(s);
		sqlite3_reset(u);
	}
	sqlite3_finalize(st[0]);
	sqlite3_finalize(st[1]);
	return ret;
}

int64_t
store_sync_pending_count(struct store *s, const char *prefix)
{
	struct store_sync_change *v;
	size_t n;

	if (store_sync_pending(s, prefix, &v, &n) != 0)
		return -1;
	store_sync_changes_free(&v, n);
	return (int64_t)n;
}
