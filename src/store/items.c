/*
 * Items: the upsert a reload does for every parsed item, the user's marks
 * (read, liked, starred), and the paged reads the views use.
 *
 * An upsert looks the item up by (feed, guid) and compares a 64-bit hash of
 * everything stored from the document: equal means nothing to write (the
 * common case of a refetched feed), different means an update in place that
 * leaves the user's marks alone. Written text is queued for the search
 * index, which store_commit() brings up to date (search.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "store/enclosures.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* A 64-bit multiply-xorshift hash, 8 bytes a step (bodies are long):
 * change detection, not security. */
struct hash {
	uint64_t h;
};

static void
hash_bytes(struct hash *h, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t v = h->h, w;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		v = (v ^ w) * 0x9e3779b97f4a7c15ULL;
		v ^= v >> 29;
	}
	for (; len > 0; p++, len--) {
		v = (v ^ *p) * 0x100000001b3ULL;
		v ^= v >> 29;
	}
	h->h = v;
}

/* A tag byte and the length first, so NULL, "" and shifted fields differ. */
static void
hash_str(struct hash *h, const char *s)
{
	uint64_t len = s != NULL ? strlen(s) : 0;
	unsigned char tag = s != NULL ? 1 : 0;

	hash_bytes(h, &tag, 1);
	hash_bytes(h, &len, sizeof len);
	if (s != NULL)
		hash_bytes(h, s, len);
}

static void
hash_int(struct hash *h, int64_t v)
{
	hash_bytes(h, &v, sizeof v);
}

/* The categories, one per line, or NULL when there are none. */
static char *
item_categories(const struct feed_item *it)
{
	struct buf b = BUF_INIT;

	if (it->ncategories == 0)
		return NULL;
	for (size_t i = 0; i < it->ncategories; i++) {
		if (i > 0)
			buf_append_char(&b, '\n');
		buf_append_str(&b, it->categories[i] != NULL ? it->categories[i] : "");
	}
	return buf_detach(&b);
}

/* The enclosures as a JSON array, or NULL when there are none. */
static char *
item_enclosures(const struct feed_item *it)
{
	json_t *arr;
	char *text, *ret;

	if (it->nenclosures == 0)
		return NULL;
	arr = json_array();
	for (size_t i = 0; i < it->nenclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];
		json_t *o = json_object();
		json_object_set_new(o, "url", json_string(e->url != NULL ? e->url : ""));
		json_object_set_new(o, "type", e->type != NULL ? json_string(e->type) :
		    json_null());
		json_object_set_new(o, "length", e->length >= 0 ? json_integer(e->length) :
		    json_null());
		/* Only when present: the rows stored before issue 16 keep their hash. */
		if (e->title != NULL)
			json_object_set_new(o, "title", json_string(e->title));
		if (e->medium != NULL)
			json_object_set_new(o, "medium", json_string(e->medium));
		if (e->duration > 0)
			json_object_set_new(o, "duration", json_integer(e->duration));
		json_array_append_new(arr, o);
	}
	text = json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(arr);
	if (text == NULL)
		return NULL;	/* a string that is not UTF-8; the feed module prevents it */
	ret = xstrdup(text);
	free(text);
	return ret;
}

static int64_t
item_hash(const struct feed_item *it, const char *categories, const char *enclosures)
{
	struct hash h = { 0xcbf29ce484222325ULL };

	hash_str(&h, it->title);
	hash_str(&h, it->link);
	hash_str(&h, it->author);
	hash_int(&h, (int64_t)it->published);
	hash_int(&h, (int64_t)it->updated);
	hash_str(&h, it->summary);
	hash_str(&h, it->content);
	hash_str(&h, categories);
	hash_str(&h, enclosures);
	hash_str(&h, it->comments_feed);
	hash_int(&h, it->comments_count);
	hash_str(&h, it->language);
	return (int64_t)h.h;
}

/* Bind the document's fields as ?3..?14 (shared by insert and update). */
static void
item_bind(sqlite3_stmt *st, const struct feed_item *it, const char *categories,
    const char *enclosures, int64_t hash)
{
	store_bind_text(st, 3, it->title);
	store_bind_text(st, 4, it->link);
	store_bind_text(st, 5, it->author);
	sqlite3_bind_int64(st, 6, (int64_t)it->published);
	sqlite3_bind_int64(st, 7, (int64_t)it->updated);
	store_bind_text(st, 8, it->summary);
	store_bind_text(st, 9, it->content);
	store_bind_text(st, 10, categories);
	store_bind_text(st, 11, enclosures);
	store_bind_text(st, 12, it->comments_feed);
	if (it->comments_count >= 0)
		sqlite3_bind_int64(st, 13, it->comments_count);
	else
		sqlite3_bind_null(st, 13);
	store_bind_text(st, 14, it->language);
	sqlite3_bind_int64(st, 15, hash);
}

/* Look up (feed, guid): 1 found (id, hash set), 0 not found, -1 error. */
static int
item_find(struct store *s, int64_t feed_id, const char *guid, int64_t *id, int64_t *hash)
{
	sqlite3_stmt *st;
	int rc, ret;

	st = store_stmt(s, STMT_ITEM_FIND,
	    "SELECT id, content_hash FROM items WHERE feed_id = ?1 AND guid = ?2");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	store_bind_text(st, 2, guid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*hash = sqlite3_column_int64(st, 1);
		ret = 1;
	} else if (rc == SQLITE_DONE)
		ret = 0;
	else
		ret = store_fail(s);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ret;
}

static int
item_write(struct store *s, int64_t feed_id, const struct feed_item *it,
    enum store_upsert_outcome *what)
{
	char *categories = item_categories(it), *enclosures = item_enclosures(it);
	int64_t hash = item_hash(it, categories, enclosures), id = 0, old_hash = 0;
	sqlite3_stmt *st;
	int found, ret = -1;

	if ((found = item_find(s, feed_id, it->id, &id, &old_hash)) == -1)
		goto out;
	if (found && old_hash == hash) {
		ret = 0;
		goto out;
	}
	if (!found) {
		/* Removed by the cleanup: not back as a new unread item. */
		int t = store_tombstone_seen(s, feed_id, it->id);
		if (t != 0) {
			if (t == 1)
				*what = STORE_UPSERT_TOMBSTONED;
			ret = t == 1 ? 0 : -1;
			goto out;
		}
	}
	if (found) {
		st = store_stmt(s, STMT_ITEM_UPDATE,
		    "UPDATE items SET title = ?3, link = ?4, author = ?5, published = ?6, "
		    "updated = ?7, summary = ?8, content = ?9, categories = ?10, "
		    "enclosures = ?11, comments_feed = ?12, comments_count = ?13, "
		    "language = ?14, content_hash = ?15, "
		    "date = CASE WHEN ?6 != 0 THEN ?6 WHEN ?7 != 0 THEN ?7 ELSE first_seen END "
		    "WHERE id = ?1");
		if (st == NULL || store_fts_queue(s, id, false) == -1)
			goto out;
		sqlite3_bind_int64(st, 1, id);
	} else {
		/* OR FAIL: no statement journal (schema.c, version 5). */
		st = store_stmt(s, STMT_ITEM_INSERT,
		    "INSERT OR FAIL INTO items (feed_id, guid, title, link, author, published, "
		    "updated, summary, content, categories, enclosures, comments_feed, "
		    "comments_count, language, content_hash, first_seen, date) VALUES "
		    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
		    "CASE WHEN ?6 != 0 THEN ?6 WHEN ?7 != 0 THEN ?7 ELSE ?16 END)");
		if (st == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, feed_id);
		store_bind_text(st, 2, it->id);
		sqlite3_bind_int64(st, 16, (int64_t)time(NULL));
	}
	item_bind(st, it, categories, enclosures, hash);
	if (store_step_done(s, st) == -1)
		goto out;
	if (!found) {
		id = sqlite3_last_insert_rowid(s->db);
		if (store_fts_queue(s, id, true) == -1)
			goto out;
	}
	if (store_enclosures_put(s, id, it->enclosures, it->nenclosures, found) == -1)
		goto out;
	*what = found ? STORE_UPSERT_UPDATED : STORE_UPSERT_INSERTED;
	ret = 0;
out:
	free(categories);
	free(enclosures);
	return ret;
}

int
store_item_upsert(struct store *s, int64_t feed_id, const struct feed_item *item,
    bool *changed)
{
	enum store_upsert_outcome what;
	int rc = store_item_upsert_ex(s, feed_id, item, &what);

	if (changed != NULL)
		*changed = rc == 0 && (what == STORE_UPSERT_INSERTED ||
		    what == STORE_UPSERT_UPDATED);
	return rc;
}

int
store_item_upsert_ex(struct store *s, int64_t feed_id, const struct feed_item *item,
    enum store_upsert_outcome *what)
{
	bool own_tx = sqlite3_get_autocommit(s->db) != 0;

	*what = STORE_UPSERT_SAME;
	if (item->id == NULL)
		return store_failf(s, "item without an id");
	/* The row and its index entry go together even outside a batch. */
	if (own_tx && store_begin(s) == -1)
		return -1;
	if (item_write(s, feed_id, item, what) == -1) {
		if (own_tx) {
			char *err = xstrdup(store_errmsg(s));
			store_rollback(s);
			free(s->err);
			s->err = err;
		}
		return -1;
	}
	/* The feed key is checked at COMMIT (schema.c, version 5). */
	if (own_tx && store_commit(s) == -1) {
		store_rollback_keep_err(s);
		return -1;
	}
	return 0;
}

/* Run a one-value count statement; -1 on error. */
static int64_t
store_count(struct store *s, sqlite3_stmt *st)
{
	int64_t n = -1;

	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		store_fail(s);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return n;
}

int64_t
store_unread_count(struct store *s)
{
	sqlite3_stmt *st;

	/* The per-feed counts the triggers keep (schema.c, version 4). */
	st = store_stmt(s, STMT_UNREAD_COUNT,
	    "SELECT coalesce(sum(unread), 0) FROM feeds");
	if (st == NULL)
		return -1;
	return store_count(s, st);
}

/* An UPDATE of one flag (?2) with its time (?3) on a row (?1). */
static int
store_set_flag(struct store *s, enum stmt_id id, const char *sql, int64_t row, bool on)
{
	sqlite3_stmt *st = store_stmt(s, id, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, row);
	sqlite3_bind_int(st, 2, on);
	if (on)
		sqlite3_bind_int64(st, 3, (int64_t)time(NULL));
	else
		sqlite3_bind_null(st, 3);
	if (store_step_done(s, st) == -1)
		return -1;
	if (sqlite3_changes(s->db) == 0 && id != STMT_FEED_MARK_READ)
		return store_failf(s, "no item %lld", (long long)row);
	return 0;
}

int
store_item_mark_read(struct store *s, int64_t item_id, bool read)
{
	return store_set_flag(s, STMT_MARK_READ,
	    "UPDATE items SET read = ?2, read_at = ?3 WHERE id = ?1", item_id, read);
}

int
store_feed_mark_read(struct store *s, int64_t feed_id)
{
	return store_set_flag(s, STMT_FEED_MARK_READ,
	    "UPDATE items SET read = ?2, read_at = ?3 WHERE feed_id = ?1 AND read = 0",
	    feed_id, true);
}

int
store_item_set_liked(struct store *s, int64_t item_id, bool liked)
{
	return store_set_flag(s, STMT_SET_LIKED,
	    "UPDATE items SET liked = ?2, liked_at = ?3 WHERE id = ?1", item_id, liked);
}

int
store_item_set_starred(struct store *s, int64_t item_id, bool starred)
{
	/* No starred_at column yet: binding ?3 is a harmless no-op. */
	return store_set_flag(s, STMT_SET_STARRED,
	    "UPDATE items SET starred = ?2 WHERE id = ?1", item_id, starred);
}

/* Lists. */

void
store_item_summary_clear(struct store_item_summary *it)
{
	free(it->title);
	free(it->link);
	free(it->feed_title);
	free(it->language);
	free(it->feed_url);
	memset(it, 0, sizeof *it);
}

void
store_item_list_clear(struct store_item_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		store_item_summary_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

struct store_item_key
store_item_summary_key(const struct store_item_summary *it)
{
	return (struct store_item_key){ it->date, it->id };
}

static void
store_summary_read(sqlite3_stmt *st, struct store_item_summary *it)
{
	it->id = sqlite3_column_int64(st, 0);
	it->feed_id = sqlite3_column_int64(st, 1);
	it->title = store_column_strdup(st, 2);
	it->link = store_column_strdup(st, 3);
	it->feed_title = store_column_strdup(st, 4);
	if (it->feed_title == NULL)
		it->feed_title = xstrdup("");
	it->date = (time_t)sqlite3_column_int64(st, 5);
	it->comments_count = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 6);
	it->read = sqlite3_column_int(st, 7) != 0;
	it->liked = sqlite3_column_int(st, 8) != 0;
	it->starred = sqlite3_column_int(st, 9) != 0;
	it->language = store_column_strdup(st, 10);
	it->feed_url = store_column_strdup(st, 11);
}

int
store_summaries_collect(struct store *s, sqlite3_stmt *st, struct store_item_list *out)
{
	size_t alloc = 0;
	int rc;

	store_item_list_clear(out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == alloc) {
			alloc = alloc == 0 ? 32 : alloc * 2;
			out->v = xreallocarray(out->v, alloc, sizeof *out->v);
		}
		store_summary_read(st, &out->v[out->n++]);
	}
	if (rc != SQLITE_DONE) {
		store_fail(s);
		store_item_list_clear(out);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The WHERE condition of a scope; its parameter, if any, is ?4. */
static const char *
scope_condition(enum store_scope_kind kind)
{
	switch (kind) {
	case STORE_SCOPE_FEED:
		return "i.feed_id = ?4";
	case STORE_SCOPE_TAG:
		return "i.feed_id IN (SELECT id FROM feeds "
		    "WHERE instr(' ' || tags || ' ', ' ' || ?4 || ' ') > 0)";
	case STORE_SCOPE_LIKED:
		return "i.liked = 1";
	case STORE_SCOPE_STARRED:
		return "i.starred = 1";
	default:
		return "1";
	}
}

static int
scope_valid(struct store *s, const struct store_scope *scope)
{
	if ((unsigned)scope->kind >= STORE_SCOPE_COUNT_)
		return store_failf(s, "bad list scope %d", (int)scope->kind);
	if (scope->kind == STORE_SCOPE_TAG && (scope->tag == NULL || *scope->tag == '\0'))
		return store_failf(s, "empty tag");
	return 0;
}

/* The filters of a scope as " AND ..." over ?8 (filter), ?9 (now) and
 * ?10 (hide); "" when it has none. Caller frees. */
static char *
filter_condition(const struct store_scope *scope)
{
	char *m = scope->filter ? store_filter_sql(scope->filter, 8, 9) : NULL;
	char *h = scope->hide ? store_filter_sql(scope->hide, 10, 9) : NULL;
	char *c = xasprintf("%s%s%s%s", m ? " AND " : "", m ? m : "",
	    h ? " AND NOT " : "", h ? h : "");

	free(m);
	free(h);
	return c;
}

static void
scope_bind(sqlite3_stmt *st, const struct store_scope *scope)
{
	if (scope->kind == STORE_SCOPE_FEED)
		sqlite3_bind_int64(st, 4, scope->feed_id);
	else if (scope->kind == STORE_SCOPE_TAG)
		store_bind_text(st, 4, scope->tag);
	if (scope->filter != NULL)
		store_filter_bind(st, 8, scope->filter);
	if (scope->filter != NULL || scope->hide != NULL)
		sqlite3_bind_int64(st, 9, (int64_t)time(NULL));
	if (scope->hide != NULL)
		store_filter_bind(st, 10, scope->hide);
}

int
store_items_page(struct store *s, const struct store_scope *scope,
    struct store_item_key key, enum store_direction dir, size_t limit,
    struct store_item_list *out)
{
	bool newer = dir == STORE_NEWER;
	sqlite3_stmt *st;
	char *sql;
	int slot;

	store_item_list_clear(out);
	if (scope_valid(s, scope) == -1)
		return -1;
	slot = STMT_PAGE_FIRST + ((int)scope->kind * 2 + newer) * 2 + scope->unread_only;
	char *fcond = filter_condition(scope);
	/* Row-value comparison on (date, id) walks the (date DESC, id DESC)
	 * indexes from the key. Going up, read ascending and flip after. */
	sql = xasprintf("SELECT " SUMMARY_COLUMNS " FROM items i "
	    "JOIN feeds f ON f.id = i.feed_id WHERE %s%s%s AND (i.date, i.id) %s (?1, ?2) "
	    "ORDER BY i.date %s, i.id %s LIMIT ?3", scope_condition(scope->kind),
	    scope->unread_only ? " AND (i.read = 0 OR i.read_at > ?5)" : "", fcond,
	    newer ? ">" : "<",
	    newer ? "ASC" : "DESC", newer ? "ASC" : "DESC");
	/* A filtered list's SQL depends on its expression: prepared per call
	 * (microseconds next to the scan the filter makes). */
	st = *fcond != '\0' ? store_prep_once(s, sql) : store_stmt(s, (enum stmt_id)slot, sql);
	free(sql);
	if (st == NULL) {
		free(fcond);
		return -1;
	}
	sqlite3_bind_int64(st, 1, (int64_t)key.date);
	sqlite3_bind_int64(st, 2, key.id);
	sqlite3_bind_int64(st, 3, limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
	scope_bind(st, scope);
	if (scope->unread_only)
		sqlite3_bind_int64(st, 5, scope->read_since > 0 ? (int64_t)scope->read_since :
		    INT64_MAX);
	int rc = store_summaries_collect(s, st, out);
	if (*fcond != '\0')
		sqlite3_finalize(st);
	free(fcond);
	if (rc == -1)
		return -1;
	if (newer) {
		for (size_t i = 0, j = out->n; i + 1 < j; i++, j--) {
			struct store_item_summary t = out->v[i];
			out->v[i] = out->v[j - 1];
			out->v[j - 1] = t;
		}
	}
	return 0;
}

int
store_items_count(struct store *s, const struct store_scope *scope, int64_t *total,
    int64_t *unread)
{
	sqlite3_stmt *st;
	char *sql;
	int rc, ret = -1;

	if (scope_valid(s, scope) == -1)
		return -1;
	/* Scopes made of whole feeds add up the feeds' counts (kept by
	 * triggers, schema.c version 4); liked and starred items are few and
	 * counted through their partial indexes. */
	char *fcond = filter_condition(scope);
	if (*fcond != '\0' && strstr(fcond, "nr_filter(") == NULL)
		/* Flags and age alone (filter_to_sql): two counts the indexes
		 * answer, where one scan would read every row's flags, which
		 * sit after the bodies. */
		sql = xasprintf("SELECT (SELECT count(*) FROM items i JOIN feeds f ON "
		    "f.id = i.feed_id WHERE %s%s), (SELECT count(*) FROM items i JOIN feeds f "
		    "ON f.id = i.feed_id WHERE %s%s AND i.read = 0)",
		    scope_condition(scope->kind), fcond, scope_condition(scope->kind), fcond);
	else if (*fcond != '\0')
		sql = xasprintf("SELECT count(*), count(*) FILTER (WHERE i.read = 0) "
		    "FROM items i JOIN feeds f ON f.id = i.feed_id WHERE %s%s",
		    scope_condition(scope->kind), fcond);
	else if (scope->kind == STORE_SCOPE_ALL || scope->kind == STORE_SCOPE_FEED ||
	    scope->kind == STORE_SCOPE_TAG) {
		const char *cond = scope->kind == STORE_SCOPE_ALL ? "1" :
		    scope->kind == STORE_SCOPE_FEED ? "id = ?4" :
		    "instr(' ' || tags || ' ', ' ' || ?4 || ' ') > 0";
		sql = xasprintf("SELECT coalesce(sum(total), 0), coalesce(sum(unread), 0) "
		    "FROM feeds WHERE %s", cond);
	} else
		sql = xasprintf("SELECT count(*), count(*) FILTER (WHERE i.read = 0) "
		    "FROM items i WHERE %s", scope_condition(scope->kind));
	st = *fcond != '\0' ? store_prep_once(s, sql) :
	    store_stmt(s, (enum stmt_id)(STMT_COUNT_FIRST + (int)scope->kind), sql);
	free(sql);
	if (st == NULL) {
		free(fcond);
		return -1;
	}
	scope_bind(st, scope);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (total != NULL)
			*total = sqlite3_column_int64(st, 0);
		if (unread != NULL)
			*unread = sqlite3_column_int64(st, 1);
		ret = 0;
	} else
		store_fail(s);
	if (*fcond != '\0')
		sqlite3_finalize(st);
	else {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	free(fcond);
	return ret;
}

void
store_item_clear(struct store_item *it)
{
	free(it->guid);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	free(it->categories);
	free(it->enclosures);
	free(it->comments_feed);
	free(it->language);
	free(it->feed_title);
	free(it->feed_url);
	memset(it, 0, sizeof *it);
}

int
store_item_get(struct store *s, int64_t item_id, struct store_item *out)
{
	sqlite3_stmt *st;
	int rc, ret = -1;

	memset(out, 0, sizeof *out);
	st = store_stmt(s, STMT_ITEM_GET,
	    "SELECT i.id, i.feed_id, i.guid, i.title, i.link, i.author, i.published, "
	    "i.updated, i.date, i.summary, i.content, i.categories, i.enclosures, "
	    "i.comments_feed, i.comments_count, i.language, "
	    "coalesce(f.user_title, f.doc_title, f.url), i.read, i.liked, i.starred, "
	    "i.read_at, i.liked_at, i.first_seen, f.url, f.language "
	    "FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->feed_id = sqlite3_column_int64(st, 1);
		out->guid = store_column_strdup(st, 2);
		out->title = store_column_strdup(st, 3);
		out->link = store_column_strdup(st, 4);
		out->author = store_column_strdup(st, 5);
		out->published = (time_t)sqlite3_column_int64(st, 6);
		out->updated = (time_t)sqlite3_column_int64(st, 7);
		out->date = (time_t)sqlite3_column_int64(st, 8);
		out->summary = store_column_strdup(st, 9);
		out->content = store_column_strdup(st, 10);
		out->categories = store_column_strdup(st, 11);
		out->enclosures = store_column_strdup(st, 12);
		out->comments_feed = store_column_strdup(st, 13);
		out->comments_count = sqlite3_column_type(st, 14) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 14);
		out->language = store_column_strdup(st, 15);
		out->feed_title = store_column_strdup(st, 16);
		if (out->feed_title == NULL)
			out->feed_title = xstrdup("");
		out->read = sqlite3_column_int(st, 17) != 0;
		out->liked = sqlite3_column_int(st, 18) != 0;
		out->starred = sqlite3_column_int(st, 19) != 0;
		out->read_at = (time_t)sqlite3_column_int64(st, 20);
		out->liked_at = (time_t)sqlite3_column_int64(st, 21);
		out->first_seen = (time_t)sqlite3_column_int64(st, 22);
		out->feed_url = store_column_strdup(st, 23);
		if (out->language == NULL)
			out->language = store_column_strdup(st, 24);
		ret = 0;
	} else if (rc == SQLITE_DONE)
		store_failf(s, "no item %lld", (long long)item_id);
	else
		store_fail(s);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ret;
}
