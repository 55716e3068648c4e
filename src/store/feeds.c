/*
 * Feed rows: the urls file's entries, the document's metadata, and the
 * outcome of the last fetch (validators for conditional GET, last error,
 * when to retry).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/xalloc.h"

void
store_feed_clear(struct store_feed *f)
{
	free(f->url);
	free(f->title);
	free(f->tags);
	free(f->etag);
	free(f->last_modified);
	free(f->last_error);
	free(f->recovered);
	free(f->link);
	free(f->language);
	memset(f, 0, sizeof *f);
}

void
store_feed_list_free(struct store_feed **v, size_t n)
{
	if (*v == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		store_feed_clear(&(*v)[i]);
	xfree(v);
}

int64_t
store_feed_ensure(struct store *s, const char *url, const char *user_title,
    const char *tags)
{
	sqlite3_stmt *st;
	int64_t id = -1;
	int rc;

	st = store_stmt(s, STMT_FEED_ENSURE,
	    "INSERT INTO feeds (url, user_title, tags) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT (url) DO UPDATE SET user_title = ?2, tags = ?3");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, url);
	store_bind_text(st, 2, user_title);
	store_bind_text(st, 3, tags);
	if (store_step_done(s, st) == -1)
		return -1;
	/* last_insert_rowid is not set by the update branch: look it up. */
	if ((st = store_stmt(s, STMT_FEED_ID, "SELECT id FROM feeds WHERE url = ?1")) == NULL)
		return -1;
	store_bind_text(st, 1, url);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else
		store_fail(s);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return id;
}

#define FEED_COLUMNS \
	"f.id, f.url, coalesce(f.user_title, f.doc_title), f.tags, f.etag, " \
	"f.last_modified, f.last_error, f.last_success, f.retry_after, f.link, " \
	"f.language, f.last_attempt, f.recovered"

static void
store_feed_from_row(sqlite3_stmt *st, struct store_feed *f)
{
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(st, 0);
	f->url = store_column_strdup(st, 1);
	f->title = store_column_strdup(st, 2);
	f->tags = store_column_strdup(st, 3);
	f->etag = store_column_strdup(st, 4);
	f->last_modified = store_column_strdup(st, 5);
	f->last_error = store_column_strdup(st, 6);
	f->last_success = (time_t)sqlite3_column_int64(st, 7);
	f->retry_after = (time_t)sqlite3_column_int64(st, 8);
	f->link = store_column_strdup(st, 9);
	f->language = store_column_strdup(st, 10);
	f->last_attempt = (time_t)sqlite3_column_int64(st, 11);
	f->recovered = store_column_strdup(st, 12);
}

int
store_feed_get(struct store *s, const char *url, struct store_feed *out)
{
	sqlite3_stmt *st;
	int rc, ret = -1;

	memset(out, 0, sizeof *out);
	st = store_stmt(s, STMT_FEED_GET,
	    "SELECT " FEED_COLUMNS " FROM feeds f WHERE f.url = ?1");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, url);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_feed_from_row(st, out);
		ret = 0;
	} else if (rc == SQLITE_DONE)
		store_failf(s, "no feed %s", url);
	else
		store_fail(s);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ret;
}

int
store_feed_list(struct store *s, struct store_feed **out, size_t *n)
{
	struct store_feed *v = NULL;
	size_t len = 0, alloc = 0;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	/* The counts are kept on the row by triggers (schema.c, version 4):
	 * this costs the same at 100,000 items as at 100. */
	st = store_stmt(s, STMT_FEED_LIST,
	    "SELECT " FEED_COLUMNS ", f.unread, f.total FROM feeds f ORDER BY f.id");
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == alloc) {
			alloc = alloc == 0 ? 16 : alloc * 2;
			v = xreallocarray(v, alloc, sizeof *v);
		}
		store_feed_from_row(st, &v[len]);
		v[len].unread = sqlite3_column_int64(st, 13);
		v[len].total = sqlite3_column_int64(st, 14);
		len++;
	}
	if (rc != SQLITE_DONE) {
		store_fail(s);
		sqlite3_reset(st);
		store_feed_list_free(&v, len);
		return -1;
	}
	sqlite3_reset(st);
	*out = v;
	*n = len;
	return 0;
}

int
store_feed_set_meta(struct store *s, int64_t feed_id, const struct feed_meta *meta)
{
	sqlite3_stmt *st;

	st = store_stmt(s, STMT_FEED_META,
	    "UPDATE feeds SET doc_title = ?2, link = ?3, language = ?4 WHERE id = ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	store_bind_text(st, 2, meta->title);
	store_bind_text(st, 3, meta->link);
	store_bind_text(st, 4, meta->language);
	return store_step_done(s, st);
}

int
store_feed_fetched(struct store *s, int64_t feed_id, const char *etag,
    const char *last_modified, time_t when)
{
	sqlite3_stmt *st;

	st = store_stmt(s, STMT_FEED_FETCHED,
	    "UPDATE feeds SET etag = coalesce(?2, etag), "
	    "last_modified = coalesce(?3, last_modified), last_error = NULL, "
	    "last_success = ?4, last_attempt = ?4, retry_after = 0 WHERE id = ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	store_bind_text(st, 2, etag);
	store_bind_text(st, 3, last_modified);
	sqlite3_bind_int64(st, 4, (int64_t)when);
	return store_step_done(s, st);
}

int
store_feed_set_recovered(struct store *s, int64_t feed_id, const char *note)
{
	sqlite3_stmt *st = store_stmt(s, STMT_FEED_RECOVERED,
	    "UPDATE feeds SET recovered = ?2 WHERE id = ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	store_bind_text(st, 2, note);
	return store_step_done(s, st);
}

int
store_feed_failed(struct store *s, int64_t feed_id, const char *reason, time_t when,
    time_t retry_after)
{
	sqlite3_stmt *st;

	st = store_stmt(s, STMT_FEED_FAILED,
	    "UPDATE feeds SET last_error = ?2, last_attempt = ?3, retry_after = ?4 "
	    "WHERE id = ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	store_bind_text(st, 2, reason != NULL ? reason : "failed");
	sqlite3_bind_int64(st, 3, (int64_t)when);
	sqlite3_bind_int64(st, 4, (int64_t)retry_after);
	return store_step_done(s, st);
}

int
store_feed_delete(struct store *s, int64_t feed_id)
{
	sqlite3_stmt *st;

	/* Items, their drafts and comments go by cascade; the index by trigger. */
	st = store_stmt(s, STMT_FEED_DELETE, "DELETE FROM feeds WHERE id = ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	return store_step_done(s, st);
}
