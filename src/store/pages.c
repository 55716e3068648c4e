/*
 * Full-text pages (store/pages.h). A page is written once per download, a
 * few per feed and reload, so its statements are prepared per call.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/pages.h"
#include "store/store-int.h"
#include "util/xalloc.h"

void
store_page_clear(struct store_page *p)
{
	free(p->url);
	free(p->title);
	free(p->html);
	free(p->reason);
	memset(p, 0, sizeof *p);
}

int
store_page_get(struct store *s, int64_t item_id, struct store_page *out)
{
	sqlite3_stmt *st;
	int rc, ret = 1;

	memset(out, 0, sizeof *out);
	st = store_prep_once(s,
	    "SELECT url, state, title, html, reason, attempts, fetched_at, next_attempt "
	    "FROM pages WHERE item_id = ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(st, 1);
		out->item_id = item_id;
		out->url = store_column_strdup(st, 0);
		out->ok = state != NULL && strcmp(state, "ok") == 0;
		out->title = store_column_strdup(st, 2);
		out->html = store_column_strdup(st, 3);
		out->reason = store_column_strdup(st, 4);
		out->attempts = sqlite3_column_int(st, 5);
		out->fetched_at = (time_t)sqlite3_column_int64(st, 6);
		out->next_attempt = (time_t)sqlite3_column_int64(st, 7);
		ret = 0;
		rc = sqlite3_step(st);
	}
	if (store_finish_once(s, st, rc) == -1) {
		store_page_clear(out);
		return -1;
	}
	return ret;
}

/* Run st (prepared, bound) in a transaction of its own unless one is open. */
static int
run_write(struct store *s, sqlite3_stmt *st)
{
	bool own = sqlite3_get_autocommit(s->db) != 0;

	if (own && store_begin(s) != 0) {
		sqlite3_finalize(st);
		return -1;
	}
	if (store_run_once(s, st) != 0) {
		if (own)
			store_rollback_keep_err(s);
		return -1;
	}
	return own ? store_commit(s) : 0;
}

int
store_page_put_ok(struct store *s, int64_t item_id, const char *url, const char *title,
    const char *html, time_t now)
{
	sqlite3_stmt *st = store_prep_once(s,
	    "INSERT OR REPLACE INTO pages (item_id, url, state, title, html, reason, "
	    "attempts, fetched_at, next_attempt) VALUES (?1, ?2, 'ok', ?3, ?4, NULL, 0, ?5, 0)");

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	store_bind_text(st, 2, url);
	store_bind_text(st, 3, title);
	store_bind_text(st, 4, html);
	sqlite3_bind_int64(st, 5, (int64_t)now);
	return run_write(s, st);
}

int
store_page_put_failed(struct store *s, int64_t item_id, const char *url,
    const char *reason, time_t now, time_t retry_after)
{
	/* Backoff: FIRST << attempts (the attempts before this one), capped;
	 * the shift is capped in SQL so it cannot overflow. */
	sqlite3_stmt *st = store_prep_once(s,
	    "INSERT INTO pages (item_id, url, state, reason, attempts, fetched_at, "
	    "next_attempt) VALUES (?1, ?2, 'failed', ?3, 1, ?4, max(?4 + ?5, ?7)) "
	    "ON CONFLICT (item_id) DO UPDATE SET url = excluded.url, reason = excluded.reason, "
	    "attempts = attempts + 1, fetched_at = excluded.fetched_at, "
	    "next_attempt = max(?4 + min(?6, ?5 << min(attempts, 20)), ?7) "
	    "WHERE state = 'failed'");

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	store_bind_text(st, 2, url);
	store_bind_text(st, 3, reason);
	sqlite3_bind_int64(st, 4, (int64_t)now);
	sqlite3_bind_int64(st, 5, STORE_PAGE_BACKOFF_FIRST);
	sqlite3_bind_int64(st, 6, STORE_PAGE_BACKOFF_MAX);
	sqlite3_bind_int64(st, 7, (int64_t)retry_after);
	return run_write(s, st);
}

int
store_pages_wanted(struct store *s, int64_t feed_id, time_t now, size_t max,
    struct store_page_want **out, size_t *n)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = store_prep_once(s,
	    "SELECT i.id, i.link, i.content, i.summary FROM items i "
	    "LEFT JOIN pages p ON p.item_id = i.id "
	    "WHERE i.feed_id = ?1 AND (i.link LIKE 'http://%' OR i.link LIKE 'https://%') "
	    "AND (p.item_id IS NULL OR (p.state = 'failed' AND p.next_attempt <= ?2)) "
	    "ORDER BY i.date DESC, i.id DESC LIMIT ?3");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, (int64_t)now);
	sqlite3_bind_int64(st, 3, (int64_t)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			*out = xreallocarray(*out, alloc, sizeof **out);
		}
		(*out)[*n].item_id = sqlite3_column_int64(st, 0);
		(*out)[*n].url = store_column_strdup(st, 1);
		(*out)[*n].content = store_column_strdup(st, 2);
		(*out)[*n].summary = store_column_strdup(st, 3);
		(*n)++;
	}
	if (store_finish_once(s, st, rc) == -1) {
		store_page_wants_free(out, *n);
		*n = 0;
		return -1;
	}
	return 0;
}

void
store_page_wants_free(struct store_page_want **v, size_t n)
{
	if (*v == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*v)[i].url);
		free((*v)[i].content);
		free((*v)[i].summary);
	}
	free(*v);
	*v = NULL;
}

int64_t
store_pages_count(struct store *s, int64_t feed_id)
{
	sqlite3_stmt *st = store_prep_once(s,
	    "SELECT count(*) FROM pages p JOIN items i ON i.id = p.item_id "
	    "WHERE p.state = 'ok' AND (?1 < 0 OR i.feed_id = ?1)");
	int64_t v = -1;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	if (store_finish_once(s, st, rc) == -1)
		return -1;
	return v;
}
