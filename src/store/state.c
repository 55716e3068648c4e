/*
 * Small per-user records: comment drafts (one per item, saved as the user
 * types) and the UI's persistent state (last view, list positions) as
 * key/value pairs.
 */
#include "config.h"

#include <stdlib.h>

#include "store/store-int.h"
#include "util/xalloc.h"

/* Fetch the one-row result of st into *text (and *when); 0 or -1. */
static int
store_get_text(struct store *s, sqlite3_stmt *st, char **text, time_t *when)
{
	int rc = sqlite3_step(st), ret = 0;

	*text = NULL;
	if (rc == SQLITE_ROW) {
		*text = store_column_strdup(st, 0);
		if (when != NULL)
			*when = (time_t)sqlite3_column_int64(st, 1);
	} else if (rc != SQLITE_DONE)
		ret = store_fail(s);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ret;
}

int
store_draft_get(struct store *s, int64_t item_id, char **text, time_t *updated)
{
	sqlite3_stmt *st;

	*text = NULL;
	if (updated != NULL)
		*updated = 0;
	st = store_stmt(s, STMT_DRAFT_GET,
	    "SELECT text, updated_at FROM drafts WHERE item_id = ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	return store_get_text(s, st, text, updated);
}

int
store_draft_put(struct store *s, int64_t item_id, const char *text)
{
	sqlite3_stmt *st;

	if (text == NULL || *text == '\0')
		st = store_stmt(s, STMT_DRAFT_DELETE, "DELETE FROM drafts WHERE item_id = ?1");
	else
		st = store_stmt(s, STMT_DRAFT_PUT,
		    "INSERT INTO drafts (item_id, text, updated_at) VALUES (?1, ?2, ?3) "
		    "ON CONFLICT (item_id) DO UPDATE SET text = ?2, updated_at = ?3");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	if (text != NULL && *text != '\0') {
		store_bind_text(st, 2, text);
		sqlite3_bind_int64(st, 3, (int64_t)time(NULL));
	}
	return store_step_done(s, st);
}

int
store_state_get(struct store *s, const char *key, char **value)
{
	sqlite3_stmt *st;

	*value = NULL;
	st = store_stmt(s, STMT_STATE_GET, "SELECT value FROM ui_state WHERE key = ?1");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, key);
	return store_get_text(s, st, value, NULL);
}

int
store_state_put(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt *st;

	if (value == NULL)
		st = store_stmt(s, STMT_STATE_DELETE, "DELETE FROM ui_state WHERE key = ?1");
	else
		st = store_stmt(s, STMT_STATE_PUT,
		    "INSERT INTO ui_state (key, value) VALUES (?1, ?2) "
		    "ON CONFLICT (key) DO UPDATE SET value = ?2");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, key);
	if (value != NULL)
		store_bind_text(st, 2, value);
	return store_step_done(s, st);
}
