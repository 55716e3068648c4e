/* The repost queue (reposts.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/reposts.h"
#include "store/store-int.h"

#define COLS "id, item_id, text, idem_key, state, attempts, next_try, error, remote_url"

void
store_repost_clear(struct store_repost *r)
{
	free(r->text);
	free(r->idem_key);
	free(r->state);
	free(r->error);
	free(r->remote_url);
	memset(r, 0, sizeof *r);
}

static void
read_row(sqlite3_stmt *st, struct store_repost *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->item_id = sqlite3_column_int64(st, 1);
	r->text = store_column_strdup(st, 2);
	r->idem_key = store_column_strdup(st, 3);
	r->state = store_column_strdup(st, 4);
	r->attempts = sqlite3_column_int(st, 5);
	r->next_try = (time_t)sqlite3_column_int64(st, 6);
	r->error = store_column_strdup(st, 7);
	r->remote_url = store_column_strdup(st, 8);
}

int
store_repost_add(struct store *s, int64_t item_id, const char *text, const char *idem_key,
    time_t now, int64_t *id)
{
	sqlite3_stmt *st = store_prep_once(s, "INSERT INTO reposts "
	    "(item_id, text, idem_key, state, created, next_try) VALUES (?1, ?2, ?3, 'queued', ?4, 0)");

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	store_bind_text(st, 2, text);
	store_bind_text(st, 3, idem_key);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
	if (store_run_once(s, st) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int
store_repost_get(struct store *s, int64_t id, struct store_repost *out)
{
	sqlite3_stmt *st = store_prep_once(s, "SELECT " COLS " FROM reposts WHERE id = ?1");
	int rc, found = 0;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, out);
		found = 1;
		rc = SQLITE_DONE;
	}
	if (store_finish_once(s, st, rc) == -1) {
		store_repost_clear(out);
		return -1;
	}
	return found;
}

int
store_repost_due(struct store *s, time_t now, time_t *next)
{
	sqlite3_stmt *st;
	int rc, due = 0;

	*next = 0;
	st = store_prep_once(s, "SELECT count(*), (SELECT min(next_try) FROM reposts "
	    "WHERE state = 'failed' AND next_try > ?1) FROM reposts "
	    "WHERE state IN ('queued', 'sending') "
	    "OR (state = 'failed' AND next_try > 0 AND next_try <= ?1)");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		due = sqlite3_column_int64(st, 0) > 0;
		*next = (time_t)sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	return store_finish_once(s, st, rc) == -1 ? -1 : due;
}

int
store_repost_claim(struct store *s, time_t now, struct store_repost *out, time_t *next)
{
	sqlite3_stmt *st;
	int64_t id = 0;
	int rc;

	*next = 0;
	memset(out, 0, sizeof *out);
	st = store_prep_once(s, "SELECT id FROM reposts WHERE state IN ('queued', 'sending') "
	    "OR (state = 'failed' AND next_try > 0 AND next_try <= ?1) ORDER BY id LIMIT 1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		rc = SQLITE_DONE;
	}
	if (store_finish_once(s, st, rc) == -1)
		return -1;
	if (id == 0) {
		st = store_prep_once(s, "SELECT min(next_try) FROM reposts "
		    "WHERE state = 'failed' AND next_try > 0");
		if (st == NULL)
			return -1;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			*next = (time_t)sqlite3_column_int64(st, 0);
			rc = SQLITE_DONE;
		}
		return store_finish_once(s, st, rc) == -1 ? -1 : 0;
	}
	/* Sending is on disk before the request: a crash now resends with
	 * the same key. */
	st = store_prep_once(s, "UPDATE reposts SET state = 'sending', "
	    "attempts = attempts + 1 WHERE id = ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (store_run_once(s, st) == -1)
		return -1;
	return store_repost_get(s, id, out);
}

int
store_repost_sent(struct store *s, int64_t id, const char *remote_url)
{
	sqlite3_stmt *st = store_prep_once(s, "UPDATE reposts SET state = 'sent', "
	    "error = NULL, next_try = 0, remote_url = ?2 WHERE id = ?1");

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, remote_url);
	return store_run_once(s, st);
}

int
store_repost_failed(struct store *s, int64_t id, const char *error, time_t next_try)
{
	sqlite3_stmt *st = store_prep_once(s, "UPDATE reposts SET state = 'failed', "
	    "error = ?2, next_try = ?3 WHERE id = ?1");

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, error);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)next_try);
	return store_run_once(s, st);
}

int
store_repost_requeue_failed(struct store *s)
{
	sqlite3_stmt *st = store_prep_once(s, "UPDATE reposts SET state = 'queued' "
	    "WHERE state = 'failed' AND next_try = 0");

	if (st == NULL || store_run_once(s, st) == -1)
		return -1;
	return sqlite3_changes(s->db);
}
