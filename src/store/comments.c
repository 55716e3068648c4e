/*
 * Comments, comment feed state and the outbox (see comments.h for the
 * model and the outbox state machine).
 *
 * These run on user actions and once per comment feed fetched, not per
 * item of a reload, so each call prepares its statement and finalizes it;
 * the connection's statement cache (store-int.h) has no slots for them.
 *
 * Transitions are single UPDATEs guarded by "WHERE state = ..." (and, out
 * of "sending", by the claim's owner): when no row changes, the entry was
 * not in the expected state and the call fails with a message naming the
 * state it was in. SQLite runs one writer at a time and re-reads the row
 * under its write lock, so of two connections claiming one queued entry
 * exactly one sees a change.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/comments.h"
#include "store/store-int.h"
#include "util/xalloc.h"

/* Prepare sql with ?1 bound to id and step it once: 1 with the row to
 * read in *stp (the caller finalizes it), 0 when there is none, -1 on
 * error (set). Only on 1 is a statement left to finalize. */
static int
query_id(struct store *s, const char *sql, int64_t id, sqlite3_stmt **stp)
{
	sqlite3_stmt *st = store_prep_once(s, sql);
	int rc;

	*stp = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return store_finish_once(s, st, rc);
	*stp = st;
	return 1;
}

/* Prepare sql with ?1 bound to id (the caller binds the rest and runs
 * it); NULL with the error set. */
static sqlite3_stmt *
prep_id(struct store *s, const char *sql, int64_t id)
{
	sqlite3_stmt *st = store_prep_once(s, sql);

	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	return st;
}

void
store_comment_list_clear(struct store_comment_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].remote_id);
		free(l->v[i].author);
		free(l->v[i].body);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int
no_article(struct store *s, int64_t item_id)
{
	return store_failf(s, "no article %lld", (long long)item_id);
}

/* The "#comment-N" tail of a WordPress comment guid, or NULL. */
static const char *
wp_comment_tail(const char *id)
{
	const char *h = strrchr(id, '#');
	const char *d;

	if (h == NULL || strncmp(h, "#comment-", 9) != 0)
		return NULL;
	d = h + 9;
	if (*d == '\0' || strspn(d, "0123456789") != strlen(d))
		return NULL;
	return h;
}

/* The row of item_id whose remote id is id or ends in the same
 * "#comment-N"; 0 when none, -1 on error. */
static int64_t
find_comment(struct store *s, int64_t item_id, const char *id)
{
	const char *tail = wp_comment_tail(id);
	sqlite3_stmt *st;
	int64_t row = 0;
	int rc;

	/* substr(x, -n) is the last n characters: an exact suffix match that
	 * LIKE, with its % and _ wildcards, would not give. */
	st = prep_id(s, "SELECT id FROM comments WHERE item_id = ?1 AND own = 0 AND "
	    "(remote_id = ?2 OR (?3 IS NOT NULL AND substr(remote_id, -length(?3)) = ?3)) "
	    "ORDER BY remote_id = ?2 DESC, id LIMIT 1", item_id);
	if (st == NULL)
		return -1;
	store_bind_text(st, 2, id);
	store_bind_text(st, 3, tail);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		row = sqlite3_column_int64(st, 0);
		rc = SQLITE_DONE;
	}
	if (store_finish_once(s, st, rc) == -1)
		return -1;
	return row;
}

int
store_comment_upsert(struct store *s, int64_t item_id, const struct store_comment_in *c,
    bool *added)
{
	sqlite3_stmt *st;
	int64_t row;

	if (added != NULL)
		*added = false;
	if (c->remote_id == NULL || *c->remote_id == '\0')
		return store_failf(s, "comment without an id");
	if ((row = find_comment(s, item_id, c->remote_id)) == -1)
		return -1;
	if (row > 0) {
		/* Keep a known date when the feed gives none. */
		st = prep_id(s, "UPDATE comments SET author = coalesce(?2, author), "
		    "date = CASE WHEN ?3 > 0 THEN ?3 ELSE date END, body = ?4 WHERE id = ?1", row);
		if (st == NULL)
			return -1;
	} else {
		st = prep_id(s, "INSERT INTO comments (item_id, remote_id, author, date, body, "
		    "own) VALUES (?1, ?5, ?2, ?3, ?4, 0)", item_id);
		if (st == NULL)
			return -1;
		store_bind_text(st, 5, c->remote_id);
	}
	store_bind_text(st, 2, c->author);
	sqlite3_bind_int64(st, 3, (int64_t)c->date);
	store_bind_text(st, 4, c->body != NULL ? c->body : "");
	if (store_run_once(s, st) == -1)
		return -1;
	if (added != NULL)
		*added = row == 0;
	return 0;
}

int
store_comment_add_note(struct store *s, int64_t item_id, time_t date, const char *body,
    int64_t *id)
{
	sqlite3_stmt *st = prep_id(s, "INSERT INTO comments (item_id, remote_id, author, "
	    "date, body, own) VALUES (?1, NULL, NULL, ?2, ?3, 1)", item_id);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 2, (int64_t)date);
	store_bind_text(st, 3, body);
	if (store_run_once(s, st) == -1)
		return -1;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int
store_comment_delete(struct store *s, int64_t comment_id)
{
	sqlite3_stmt *st = prep_id(s, "DELETE FROM comments WHERE id = ?1", comment_id);

	if (st == NULL)
		return -1;
	return store_run_once(s, st);
}

int
store_comments_list(struct store *s, int64_t item_id, struct store_comment_list *out)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	store_comment_list_clear(out);
	st = prep_id(s, "SELECT id, item_id, remote_id, author, date, body, own FROM comments "
	    "WHERE item_id = ?1 ORDER BY date, id", item_id);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			out->v = xreallocarray(out->v, alloc, sizeof *out->v);
		}
		struct store_comment *c = &out->v[out->n++];
		c->id = sqlite3_column_int64(st, 0);
		c->item_id = sqlite3_column_int64(st, 1);
		c->remote_id = store_column_strdup(st, 2);
		c->author = store_column_strdup(st, 3);
		c->date = (time_t)sqlite3_column_int64(st, 4);
		c->body = store_column_strdup(st, 5);
		if (c->body == NULL)
			c->body = xstrdup("");
		c->own_note = sqlite3_column_int(st, 6) != 0;
	}
	if (store_finish_once(s, st, rc) == -1) {
		store_comment_list_clear(out);
		return -1;
	}
	return 0;
}

int
store_comments_count(struct store *s, int64_t item_id, int64_t *hint, int64_t *stored)
{
	sqlite3_stmt *st;
	int rc;

	rc = query_id(s, "SELECT coalesce(comments_count, -1), "
	    "(SELECT count(*) FROM comments WHERE item_id = ?1) FROM items WHERE id = ?1",
	    item_id, &st);
	if (rc != 1)
		return rc == 0 ? no_article(s, item_id) : -1;
	if (hint != NULL)
		*hint = sqlite3_column_int64(st, 0);
	if (stored != NULL)
		*stored = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return 0;
}

void
store_comment_feed_clear(struct store_comment_feed *f)
{
	free(f->url);
	free(f->etag);
	free(f->last_modified);
	free(f->last_error);
	memset(f, 0, sizeof *f);
}

int
store_comment_feed_get(struct store *s, int64_t item_id, struct store_comment_feed *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	rc = query_id(s, "SELECT url, etag, last_modified, fetched_at, last_error "
	    "FROM comment_feeds WHERE item_id = ?1", item_id, &st);
	if (rc != 1)
		return rc == 0 ? 1 : -1;
	out->url = store_column_strdup(st, 0);
	out->etag = store_column_strdup(st, 1);
	out->last_modified = store_column_strdup(st, 2);
	out->fetched_at = (time_t)sqlite3_column_int64(st, 3);
	out->last_error = store_column_strdup(st, 4);
	sqlite3_finalize(st);
	return 0;
}

int
store_comment_feed_fetched(struct store *s, int64_t item_id, const char *url,
    const char *etag, const char *last_modified, time_t when)
{
	/* A new URL invalidates the old validators. */
	sqlite3_stmt *st = prep_id(s, "INSERT INTO comment_feeds (item_id, url, etag, "
	    "last_modified, fetched_at, last_error) VALUES (?1, ?2, ?3, ?4, ?5, NULL) "
	    "ON CONFLICT (item_id) DO UPDATE SET "
	    "etag = CASE WHEN url = ?2 THEN coalesce(?3, etag) ELSE ?3 END, "
	    "last_modified = CASE WHEN url = ?2 THEN coalesce(?4, last_modified) ELSE ?4 END, "
	    "url = ?2, fetched_at = ?5, last_error = NULL", item_id);

	if (st == NULL)
		return -1;
	store_bind_text(st, 2, url);
	store_bind_text(st, 3, etag);
	store_bind_text(st, 4, last_modified);
	sqlite3_bind_int64(st, 5, (int64_t)when);
	return store_run_once(s, st);
}

int
store_comment_feed_failed(struct store *s, int64_t item_id, const char *url,
    const char *reason)
{
	sqlite3_stmt *st = prep_id(s, "INSERT INTO comment_feeds (item_id, url, last_error) "
	    "VALUES (?1, ?2, ?3) ON CONFLICT (item_id) DO UPDATE SET last_error = ?3", item_id);

	if (st == NULL)
		return -1;
	store_bind_text(st, 2, url);
	store_bind_text(st, 3, reason);
	return store_run_once(s, st);
}

void
store_comment_target_clear(struct store_comment_target *t)
{
	free(t->feed_url);
	free(t->guid);
	free(t->link);
	free(t->comments_feed);
	memset(t, 0, sizeof *t);
}

int
store_comment_target_get(struct store *s, int64_t item_id, struct store_comment_target *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	rc = query_id(s, "SELECT f.url, i.guid, i.link, i.comments_feed FROM items i "
	    "JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?1", item_id, &st);
	if (rc != 1)
		return rc == 0 ? no_article(s, item_id) : -1;
	out->item_id = item_id;
	out->feed_url = store_column_strdup(st, 0);
	out->guid = store_column_strdup(st, 1);
	out->link = store_column_strdup(st, 2);
	out->comments_feed = store_column_strdup(st, 3);
	sqlite3_finalize(st);
	return 0;
}

/* ---- Outbox ---- */

static const char *const state_names[] = { "queued", "sending", "sent", "failed" };

const char *
store_outbox_state_name(enum store_outbox_state st)
{
	if ((size_t)st < sizeof state_names / sizeof state_names[0])
		return state_names[st];
	return "unknown";
}

static enum store_outbox_state
state_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof state_names / sizeof state_names[0]; i++)
		if (name != NULL && strcmp(name, state_names[i]) == 0)
			return (enum store_outbox_state)i;
	return STORE_OUTBOX_FAILED;	/* the CHECK constraint makes this unreachable */
}

void
store_outbox_entry_clear(struct store_outbox_entry *e)
{
	free(e->body);
	free(e->reason);
	free(e->remote_id);
	free(e->claim_owner);
	memset(e, 0, sizeof *e);
}

void
store_outbox_list_clear(struct store_outbox_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		store_outbox_entry_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

#define OUTBOX_COLUMNS "id, coalesce(item_id, 0), body, state, reason, attempts, " \
	"next_attempt, created_at, updated_at, remote_id, claim_owner, claim_at, unsure"

static void
outbox_row(sqlite3_stmt *st, struct store_outbox_entry *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->item_id = sqlite3_column_int64(st, 1);
	e->body = store_column_strdup(st, 2);
	e->state = state_from_name((const char *)sqlite3_column_text(st, 3));
	e->reason = store_column_strdup(st, 4);
	e->attempts = sqlite3_column_int(st, 5);
	e->next_attempt = (time_t)sqlite3_column_int64(st, 6);
	e->created_at = (time_t)sqlite3_column_int64(st, 7);
	e->updated_at = (time_t)sqlite3_column_int64(st, 8);
	e->remote_id = store_column_strdup(st, 9);
	e->claim_owner = store_column_strdup(st, 10);
	e->claim_at = (time_t)sqlite3_column_int64(st, 11);
	e->unsure = sqlite3_column_int(st, 12) != 0;
}

/* Step st to the end into out (replaced) and finalize it. */
static int
outbox_collect(struct store *s, sqlite3_stmt *st, struct store_outbox_list *out)
{
	size_t alloc = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			out->v = xreallocarray(out->v, alloc, sizeof *out->v);
		}
		outbox_row(st, &out->v[out->n++]);
	}
	if (store_finish_once(s, st, rc) == -1) {
		store_outbox_list_clear(out);
		return -1;
	}
	return 0;
}

/* The entries that sql selects (OUTBOX_COLUMNS, ?1 = v) into out, which
 * is replaced. */
static int
outbox_query(struct store *s, const char *sql, int64_t v, struct store_outbox_list *out)
{
	sqlite3_stmt *st;

	store_outbox_list_clear(out);
	if ((st = prep_id(s, sql, v)) == NULL)
		return -1;
	return outbox_collect(s, st, out);
}

int64_t
store_outbox_add(struct store *s, int64_t item_id, const char *body, time_t now)
{
	sqlite3_stmt *st = prep_id(s, "INSERT INTO outbox (item_id, body, state, attempts, "
	    "next_attempt, created_at, updated_at) VALUES (?1, ?2, 'queued', 0, ?3, ?3, ?3)",
	    item_id);

	if (st == NULL)
		return -1;
	store_bind_text(st, 2, body);
	sqlite3_bind_int64(st, 3, (int64_t)now);
	if (store_run_once(s, st) == -1)
		return -1;
	return sqlite3_last_insert_rowid(s->db);
}

int
store_outbox_get(struct store *s, int64_t id, struct store_outbox_entry *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	rc = query_id(s, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ?1", id, &st);
	if (rc != 1)
		return rc == 0 ? store_failf(s, "no outbox entry %lld", (long long)id) : -1;
	outbox_row(st, out);
	sqlite3_finalize(st);
	return 0;
}

int
store_outbox_list(struct store *s, int64_t item_id, struct store_outbox_list *out)
{
	return outbox_query(s, "SELECT " OUTBOX_COLUMNS " FROM outbox "
	    "WHERE ?1 = 0 OR item_id = ?1 ORDER BY created_at, id", item_id, out);
}

int
store_outbox_due(struct store *s, time_t now, struct store_outbox_list *out)
{
	return outbox_query(s, "SELECT " OUTBOX_COLUMNS " FROM outbox "
	    "WHERE state = 'queued' AND next_attempt <= ?1 ORDER BY next_attempt, id",
	    (int64_t)now, out);
}

int
store_outbox_next_due(struct store *s, time_t *when)
{
	sqlite3_stmt *st;
	int rc;

	*when = 0;
	st = store_prep_once(s, "SELECT min(next_attempt) FROM outbox WHERE state = 'queued'");
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			*when = (time_t)sqlite3_column_int64(st, 0);
		rc = SQLITE_DONE;
	}
	return store_finish_once(s, st, rc);
}

int
store_outbox_claims(struct store *s, struct store_outbox_list *out)
{
	return outbox_query(s, "SELECT " OUTBOX_COLUMNS " FROM outbox "
	    "WHERE state = 'sending' ORDER BY claim_at, id", 0, out);
}

/* After a guarded UPDATE changed nothing: say why. owner: the claim the
 * caller expected (NULL when the step is not out of "sending"). */
static int
transition_failed(struct store *s, int64_t id, const char *want, const char *owner)
{
	struct store_outbox_entry e;

	if (store_outbox_get(s, id, &e) == -1)
		return -1;
	if (owner != NULL && e.state == STORE_OUTBOX_SENDING)
		store_failf(s, "outbox entry %lld is being sent by %s, not by %s", (long long)id,
		    e.claim_owner != NULL ? e.claim_owner : "an older version", owner);
	else
		store_failf(s, "outbox entry %lld is %s, not %s", (long long)id,
		    store_outbox_state_name(e.state), want);
	store_outbox_entry_clear(&e);
	return -1;
}

/* Prepare a guarded transition of entry id (?1) at now (?2); the caller
 * binds the rest and runs it with transition(). NULL with the error set. */
static sqlite3_stmt *
transition_prep(struct store *s, const char *sql, int64_t id, time_t now)
{
	sqlite3_stmt *st = prep_id(s, sql, id);

	if (st != NULL)
		sqlite3_bind_int64(st, 2, (int64_t)now);
	return st;
}

/* Run a guarded transition (?1 = id) and check that it applied. */
static int
transition(struct store *s, sqlite3_stmt *st, int64_t id, const char *want)
{
	if (store_run_once(s, st) == -1)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return transition_failed(s, id, want, NULL);
	return 0;
}

/* Run a step out of owner's claim (?1 = id, ?3 = owner). */
static int
claim_step(struct store *s, sqlite3_stmt *st, int64_t id, const char *owner)
{
	if (store_run_once(s, st) == -1)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return transition_failed(s, id, "sending", owner);
	return 0;
}

/* Prepare a step out of owner's claim: ?1 id, ?2 now, ?3 owner. */
static sqlite3_stmt *
claim_prep(struct store *s, const char *sql, int64_t id, const char *owner, time_t now)
{
	sqlite3_stmt *st;

	if (owner == NULL) {
		store_failf(s, "outbox entry %lld: no claim owner given", (long long)id);
		return NULL;
	}
	if ((st = transition_prep(s, sql, id, now)) != NULL)
		store_bind_text(st, 3, owner);
	return st;
}

#define CLAIMED_BY "WHERE id = ?1 AND state = 'sending' AND claim_owner = ?3"

int
store_outbox_mark_sending(struct store *s, int64_t id, const char *owner, time_t now)
{
	sqlite3_stmt *st = claim_prep(s, "UPDATE outbox SET state = 'sending', "
	    "attempts = attempts + 1, updated_at = ?2, claim_owner = ?3, claim_at = ?2 "
	    "WHERE id = ?1 AND state = 'queued'", id, owner, now);

	if (st == NULL)
		return -1;
	if (store_run_once(s, st) == -1)
		return -1;
	return sqlite3_changes(s->db) == 0 ? 1 : 0;
}

int
store_outbox_renew(struct store *s, int64_t id, const char *owner, time_t now)
{
	sqlite3_stmt *st = claim_prep(s, "UPDATE outbox SET claim_at = ?2, updated_at = ?2 "
	    CLAIMED_BY, id, owner, now);

	if (st == NULL)
		return -1;
	if (store_run_once(s, st) == -1)
		return -1;
	return sqlite3_changes(s->db) == 0 ? 1 : 0;
}

int
store_outbox_mark_sent(struct store *s, int64_t id, const char *owner, const char *remote_id,
    time_t now)
{
	sqlite3_stmt *st = claim_prep(s, "UPDATE outbox SET state = 'sent', reason = NULL, "
	    "remote_id = ?4, updated_at = ?2, claim_owner = NULL, unsure = 0 " CLAIMED_BY,
	    id, owner, now);

	if (st == NULL)
		return -1;
	store_bind_text(st, 4, remote_id);
	return claim_step(s, st, id, owner);
}

int
store_outbox_mark_retry(struct store *s, int64_t id, const char *owner, time_t next_attempt,
    const char *reason, bool unsure, time_t now)
{
	sqlite3_stmt *st = claim_prep(s, "UPDATE outbox SET state = 'queued', reason = ?5, "
	    "next_attempt = ?4, updated_at = ?2, claim_owner = NULL, unsure = ?6 " CLAIMED_BY,
	    id, owner, now);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 4, (int64_t)next_attempt);
	store_bind_text(st, 5, reason);
	sqlite3_bind_int(st, 6, unsure);
	return claim_step(s, st, id, owner);
}

int
store_outbox_mark_send_failed(struct store *s, int64_t id, const char *owner,
    const char *reason, time_t now)
{
	sqlite3_stmt *st = claim_prep(s, "UPDATE outbox SET state = 'failed', reason = ?4, "
	    "updated_at = ?2, claim_owner = NULL " CLAIMED_BY, id, owner, now);

	if (st == NULL)
		return -1;
	store_bind_text(st, 4, reason != NULL ? reason : "failed");
	return claim_step(s, st, id, owner);
}

int
store_outbox_mark_failed(struct store *s, int64_t id, const char *reason, time_t now)
{
	sqlite3_stmt *st = transition_prep(s,
	    "UPDATE outbox SET state = 'failed', reason = ?3, "
	    "updated_at = ?2 WHERE id = ?1 AND state = 'queued'", id, now);

	if (st == NULL)
		return -1;
	store_bind_text(st, 3, reason != NULL ? reason : "failed");
	return transition(s, st, id, "queued");
}

int
store_outbox_requeue(struct store *s, int64_t id, const char *body, time_t now)
{
	sqlite3_stmt *st = transition_prep(s,
	    "UPDATE outbox SET state = 'queued', reason = NULL, "
	    "attempts = 0, next_attempt = ?2, updated_at = ?2, body = coalesce(?3, body) "
	    "WHERE id = ?1 AND state = 'failed'", id, now);

	if (st == NULL)
		return -1;
	store_bind_text(st, 3, body);
	return transition(s, st, id, "failed");
}

int
store_outbox_delete(struct store *s, int64_t id)
{
	sqlite3_stmt *st = prep_id(s, "DELETE FROM outbox WHERE id = ?1 AND state <> 'sending'",
	    id);

	if (st == NULL)
		return -1;
	return transition(s, st, id, "queued, sent or failed");
}

int
store_outbox_take_over(struct store *s, int64_t id, const char *owner, time_t claim_at,
    time_t now)
{
	/* IS, not =: a claim of schema 5 has no owner. */
	sqlite3_stmt *st = transition_prep(s, "UPDATE outbox SET state = 'queued', "
	    "next_attempt = ?2, updated_at = ?2, claim_owner = NULL, unsure = 1 "
	    "WHERE id = ?1 AND state = 'sending' AND claim_owner IS ?3 AND claim_at = ?4",
	    id, now);

	if (st == NULL)
		return -1;
	store_bind_text(st, 3, owner);
	sqlite3_bind_int64(st, 4, (int64_t)claim_at);
	if (store_run_once(s, st) == -1)
		return -1;
	return sqlite3_changes(s->db) == 0 ? 1 : 0;
}

int
store_comment_feeds_stale(struct store *s, time_t before, size_t max, int64_t **ids,
    size_t *n)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT item_id FROM comment_feeds WHERE fetched_at > 0 "
	    "AND fetched_at < ?1 ORDER BY fetched_at DESC LIMIT ?2", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s);
	sqlite3_bind_int64(st, 1, (int64_t)before);
	sqlite3_bind_int64(st, 2, (int64_t)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			*ids = xreallocarray(*ids, alloc, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_fail(s);
	}
	return 0;
}
