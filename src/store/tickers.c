/*
 * The market panel's cache (store/tickers.h): tables tickers, ticker_history
 * and ticker_sources of schema version 2.
 *
 * These run about once a minute per source, so their statements are
 * prepared per call rather than kept in the connection's statement cache.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "store/tickers.h"
#include "util/xalloc.h"

void
store_ticker_status_clear(struct store_ticker_status *st)
{
	free(st->last_error);
	memset(st, 0, sizeof *st);
}

/* A save is its own transaction: it never joins one left open on s. */
static bool
in_transaction(struct store *s)
{
	return !sqlite3_get_autocommit(s->db);
}

static void
bind_num(sqlite3_stmt *st, int i, struct market_num n)
{
	if (n.present && isfinite(n.value))
		sqlite3_bind_double(st, i, n.value);
	else
		sqlite3_bind_null(st, i);
}

static struct market_num
column_num(sqlite3_stmt *st, int col)
{
	struct market_num n = { 0 };
	double v;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return n;
	v = sqlite3_column_double(st, col);
	if (isfinite(v)) {
		n.value = v;
		n.present = true;
	}
	return n;
}

/* Add or thin one token's history point at when, then apply the caps. */
static int
history_point(struct store *s, const char *source, const struct market_ticker *t,
    time_t when)
{
	sqlite3_stmt *st;
	int64_t newest = 0, before = 0;
	int rc, k = 0;

	if (!t->price_usd.present && !t->market_cap_usd.present)
		return 0;
	/* The two newest points decide between moving the newest and adding. */
	st = store_prep_once(s,
	    "SELECT t FROM ticker_history WHERE source = ?1 AND id = ?2 "
	    "ORDER BY t DESC LIMIT 2");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, t->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k++ == 0)
			newest = sqlite3_column_int64(st, 0);
		else
			before = sqlite3_column_int64(st, 0);
	}
	if (store_finish_once(s, st, rc) == -1)
		return -1;

	if (k == 2 && newest < (int64_t)when && (int64_t)when - before < STORE_TICKER_HISTORY_STEP) {
		st = store_prep_once(s,
		    "UPDATE OR REPLACE ticker_history SET t = ?3, price_usd = ?4, "
		    "market_cap_usd = ?5 WHERE source = ?1 AND id = ?2 AND t = ?6");
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 6, newest);
	} else {
		st = store_prep_once(s,
		    "INSERT OR REPLACE INTO ticker_history (source, id, t, price_usd, "
		    "market_cap_usd) VALUES (?1, ?2, ?3, ?4, ?5)");
		if (st == NULL)
			return -1;
	}
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, t->id);
	sqlite3_bind_int64(st, 3, (int64_t)when);
	bind_num(st, 4, t->price_usd);
	bind_num(st, 5, t->market_cap_usd);
	if (store_run_once(s, st) == -1)
		return -1;

	st = store_prep_once(s,
	    "DELETE FROM ticker_history WHERE source = ?1 AND id = ?2 AND t <= "
	    "(SELECT t FROM ticker_history WHERE source = ?1 AND id = ?2 "
	    "ORDER BY t DESC LIMIT 1 OFFSET ?3)");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, t->id);
	sqlite3_bind_int64(st, 3, STORE_TICKER_HISTORY_MAX);
	return store_run_once(s, st);
}

static int
save_rows(struct store *s, const char *source, const struct market_list *l, time_t when)
{
	sqlite3_stmt *st;

	/* The list replaces what was stored: a token the source dropped goes. */
	st = store_prep_once(s, "DELETE FROM tickers WHERE source = ?1");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, source);
	if (store_run_once(s, st) == -1)
		return -1;

	for (size_t i = 0; i < l->n; i++) {
		const struct market_ticker *t = &l->items[i];

		st = store_prep_once(s,
		    "INSERT OR REPLACE INTO tickers (source, id, pos, symbol, name, url, "
		    "chain, price_usd, market_cap_usd, holders, change_24h_pct, updated_at) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
		if (st == NULL)
			return -1;
		store_bind_text(st, 1, source);
		store_bind_text(st, 2, t->id);
		sqlite3_bind_int64(st, 3, (int64_t)i);
		store_bind_text(st, 4, t->symbol);
		store_bind_text(st, 5, t->name);
		store_bind_text(st, 6, t->url);
		store_bind_text(st, 7, t->chain);
		bind_num(st, 8, t->price_usd);
		bind_num(st, 9, t->market_cap_usd);
		bind_num(st, 10, t->holders);
		bind_num(st, 11, t->change_24h_pct);
		sqlite3_bind_int64(st, 12, (int64_t)when);
		if (store_run_once(s, st) == -1 || history_point(s, source, t, when) == -1)
			return -1;
	}

	st = store_prep_once(s, "DELETE FROM ticker_history WHERE source = ?1 AND t < ?2");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, source);
	sqlite3_bind_int64(st, 2, (int64_t)when - STORE_TICKER_HISTORY_AGE);
	if (store_run_once(s, st) == -1)
		return -1;

	st = store_prep_once(s,
	    "INSERT INTO ticker_sources (source, last_success, last_attempt, "
	    "last_error, error_at, retry_after) VALUES (?1, ?2, ?2, NULL, 0, 0) "
	    "ON CONFLICT (source) DO UPDATE SET last_success = ?2, last_attempt = ?2, "
	    "last_error = NULL, error_at = 0, retry_after = 0");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, source);
	sqlite3_bind_int64(st, 2, (int64_t)when);
	return store_run_once(s, st);
}

int
store_tickers_save(struct store *s, const char *source, const struct market_list *l,
    time_t when)
{
	if (in_transaction(s))
		return store_failf(s, "tickers: a transaction is already open");
	if (store_begin(s) == -1)
		return -1;
	if (save_rows(s, source, l, when) == -1 || store_commit(s) == -1) {
		store_rollback_keep_err(s);
		return -1;
	}
	return 0;
}

int
store_tickers_failed(struct store *s, const char *source, const char *reason, time_t when,
    time_t retry_after)
{
	sqlite3_stmt *st;

	st = store_prep_once(s,
	    "INSERT INTO ticker_sources (source, last_attempt, last_error, error_at, "
	    "retry_after) VALUES (?1, ?2, ?3, ?2, ?4) "
	    "ON CONFLICT (source) DO UPDATE SET last_attempt = ?2, last_error = ?3, "
	    "error_at = ?2, retry_after = ?4");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, source);
	sqlite3_bind_int64(st, 2, (int64_t)when);
	store_bind_text(st, 3, reason != NULL ? reason : "failed");
	sqlite3_bind_int64(st, 4, (int64_t)retry_after);
	return store_run_once(s, st);
}

int
store_tickers_status(struct store *s, const char *source, struct store_ticker_status *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	st = store_prep_once(s,
	    "SELECT last_success, last_attempt, last_error, error_at, retry_after, "
	    "(SELECT count(*) FROM tickers WHERE source = ?1) FROM ticker_sources "
	    "WHERE source = ?1");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, source);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->last_success = (time_t)sqlite3_column_int64(st, 0);
		out->last_attempt = (time_t)sqlite3_column_int64(st, 1);
		out->last_error = store_column_strdup(st, 2);
		out->error_at = (time_t)sqlite3_column_int64(st, 3);
		out->retry_after = (time_t)sqlite3_column_int64(st, 4);
		out->count = (size_t)sqlite3_column_int64(st, 5);
		rc = SQLITE_DONE;
	}
	return store_finish_once(s, st, rc);
}

int
store_tickers_load(struct store *s, const char *source, struct market_list **out,
    time_t *updated_at)
{
	struct store_ticker_status status;
	struct market_list *l;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (updated_at != NULL)
		*updated_at = 0;
	if (store_tickers_status(s, source, &status) == -1)
		return -1;
	st = store_prep_once(s,
	    "SELECT id, symbol, name, url, chain, price_usd, market_cap_usd, holders, "
	    "change_24h_pct FROM tickers WHERE source = ?1 ORDER BY pos, id");
	if (st == NULL) {
		store_ticker_status_clear(&status);
		return -1;
	}
	store_bind_text(st, 1, source);
	l = market_list_new();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct market_ticker t = {
			.id = (char *)sqlite3_column_text(st, 0),
			.symbol = (char *)sqlite3_column_text(st, 1),
			.name = (char *)sqlite3_column_text(st, 2),
			.url = (char *)sqlite3_column_text(st, 3),
			.chain = (char *)sqlite3_column_text(st, 4),
			.price_usd = column_num(st, 5),
			.market_cap_usd = column_num(st, 6),
			.holders = column_num(st, 7),
			.change_24h_pct = column_num(st, 8),
		};
		/* Copied and checked again: the file may have been edited. */
		market_list_append(l, &t);
	}
	if (store_finish_once(s, st, rc) == -1) {
		market_list_free(&l);
		store_ticker_status_clear(&status);
		return -1;
	}
	if (updated_at != NULL)
		*updated_at = status.last_success;
	store_ticker_status_clear(&status);
	*out = l;
	return 0;
}

int
store_tickers_history(struct store *s, const char *source, const char *id,
    enum store_ticker_field field, size_t max, double **values, time_t **times, size_t *n)
{
	sqlite3_stmt *st;
	double *v = NULL;
	time_t *tv = NULL;
	size_t len = 0, alloc = 0;
	int rc;

	*values = NULL;
	if (times != NULL)
		*times = NULL;
	*n = 0;
	/* Newest first with the limit, then reversed into time order. */
	st = store_prep_once(s, field == STORE_TICKER_CAP ?
	    "SELECT t, market_cap_usd FROM ticker_history WHERE source = ?1 AND id = ?2 "
	    "ORDER BY t DESC LIMIT ?3" :
	    "SELECT t, price_usd FROM ticker_history WHERE source = ?1 AND id = ?2 "
	    "ORDER BY t DESC LIMIT ?3");
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, id);
	sqlite3_bind_int64(st, 3, max == 0 ? -1 : max > (size_t)INT32_MAX ? INT32_MAX :
	    (int64_t)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == alloc) {
			alloc = alloc != 0 ? alloc * 2 : 32;
			v = xreallocarray(v, alloc, sizeof *v);
			tv = xreallocarray(tv, alloc, sizeof *tv);
		}
		tv[len] = (time_t)sqlite3_column_int64(st, 0);
		v[len] = sqlite3_column_type(st, 1) == SQLITE_NULL ? NAN :
		    sqlite3_column_double(st, 1);
		len++;
	}
	if (store_finish_once(s, st, rc) == -1) {
		free(v);
		free(tv);
		return -1;
	}
	for (size_t i = 0; i < len / 2; i++) {
		double dv = v[i];
		time_t dt = tv[i];
		v[i] = v[len - 1 - i];
		v[len - 1 - i] = dv;
		tv[i] = tv[len - 1 - i];
		tv[len - 1 - i] = dt;
	}
	*values = v;
	*n = len;
	if (times != NULL)
		*times = tv;
	else
		free(tv);
	return 0;
}
