/* The enclosures table (enclosures.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/enclosures.h"
#include "store/store-int.h"
#include "util/xalloc.h"

int
store_enclosures_put(struct store *s, int64_t item_id, const struct feed_enclosure *v,
    size_t n, bool replace)
{
	sqlite3_stmt *st;

	if (replace && store_run_int(s, STMT_ENC_DELETE,
	    "DELETE FROM enclosures WHERE item_id = ?1", item_id) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (v[i].url == NULL)
			continue;
		st = store_stmt(s, STMT_ENC_INSERT,
		    "INSERT OR REPLACE INTO enclosures (item_id, pos, url, type, length, title, "
		    "medium, duration) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, item_id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		store_bind_text(st, 3, v[i].url);
		store_bind_text(st, 4, v[i].type);
		if (v[i].length >= 0)
			sqlite3_bind_int64(st, 5, v[i].length);
		store_bind_text(st, 6, v[i].title);
		store_bind_text(st, 7, v[i].medium);
		if (v[i].duration >= 0)
			sqlite3_bind_int64(st, 8, v[i].duration);
		if (store_step_done(s, st) == -1)
			return -1;
	}
	return 0;
}

static int64_t
column_or(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, col);
}

int
store_enclosures_get(struct store *s, int64_t item_id, struct store_enclosure **out,
    size_t *n)
{
	sqlite3_stmt *st = store_prep_once(s, "SELECT url, type, length, title, medium, "
	    "duration FROM enclosures WHERE item_id = ?1 ORDER BY pos");
	struct store_enclosure *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4;
			v = xreallocarray(v, cap, sizeof *v);
		}
		struct store_enclosure *e = &v[len++];
		e->url = store_column_strdup(st, 0);
		if (e->url == NULL)
			e->url = xstrdup("");
		e->type = store_column_strdup(st, 1);
		e->length = column_or(st, 2);
		e->title = store_column_strdup(st, 3);
		e->medium = store_column_strdup(st, 4);
		e->duration = column_or(st, 5);
	}
	if (store_finish_once(s, st, rc) == -1) {
		store_enclosures_free(&v, len);
		return -1;
	}
	*out = v;
	*n = len;
	return 0;
}

void
store_enclosures_free(struct store_enclosure **v, size_t n)
{
	if (*v == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*v)[i].url);
		free((*v)[i].type);
		free((*v)[i].title);
		free((*v)[i].medium);
	}
	free(*v);
	*v = NULL;
}
