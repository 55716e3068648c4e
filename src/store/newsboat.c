/*
 * newsboat's cache.db into ours (store/newsboat.h). newsboat's schema
 * (its src/cache.cpp, stable since 2.10): rss_feed (rssurl, url, title)
 * and rss_item (guid, title, author, url, feedurl, pubDate, content,
 * unread, flags, deleted, ...). Its cache is opened with
 * SQLITE_OPEN_READONLY, which never writes the file nor creates a journal.
 * All our writes are one transaction: an import that fails leaves our
 * cache as it was.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/newsboat.h"
#include "store/store-int.h"
#include "util/xalloc.h"

/* Statements of one import, prepared once (finalized by import_end). */
struct import {
	struct store *s;
	sqlite3_stmt *feed_put, *feed_id, *item_find, *item_mark;
};

static void
import_end(struct import *im)
{
	sqlite3_finalize(im->feed_put);
	sqlite3_finalize(im->feed_id);
	sqlite3_finalize(im->item_find);
	sqlite3_finalize(im->item_mark);
}

static int
import_prepare(struct import *im)
{
	struct store *s = im->s;

	/* A feed we know keeps its titles; newsboat's fill the gaps only. */
	im->feed_put = store_prep_once(s,
	    "INSERT INTO feeds (url, doc_title, link) VALUES (?1, nullif(?2, ''), nullif(?3, '')) "
	    "ON CONFLICT (url) DO UPDATE SET doc_title = coalesce(doc_title, nullif(?2, '')), "
	    "link = coalesce(link, nullif(?3, ''))");
	im->feed_id = store_prep_once(s, "SELECT id FROM feeds WHERE url = ?1");
	/* By guid; else by link, for items whose guid was derived otherwise. */
	im->item_find = store_prep_once(s,
	    "SELECT id FROM items WHERE feed_id = ?1 AND (guid = ?2 OR "
	    "(?3 IS NOT NULL AND ?3 != '' AND link = ?3)) ORDER BY guid = ?2 DESC LIMIT 1");
	/* newsboat's read state wins; a star is only ever added. */
	im->item_mark = store_prep_once(s,
	    "UPDATE items SET read = ?2, "
	    "read_at = CASE WHEN ?2 THEN coalesce(read_at, ?3) ELSE NULL END, "
	    "starred = max(starred, ?4) WHERE id = ?1");
	return im->feed_put && im->feed_id && im->item_find && im->item_mark ? 0 : -1;
}

static int64_t
import_feed(struct import *im, const char *url, const char *title, const char *link)
{
	int64_t id = -1;

	store_bind_text(im->feed_put, 1, url);
	store_bind_text(im->feed_put, 2, title);
	store_bind_text(im->feed_put, 3, link);
	if (store_step_done(im->s, im->feed_put) == -1)
		return -1;
	store_bind_text(im->feed_id, 1, url);
	if (sqlite3_step(im->feed_id) == SQLITE_ROW)
		id = sqlite3_column_int64(im->feed_id, 0);
	else
		store_fail(im->s);
	sqlite3_reset(im->feed_id);
	return id;
}

/* Our id of the item (0 when we lack it), or -1. */
static int64_t
import_find(struct import *im, int64_t feed_id, const char *guid, const char *link)
{
	int64_t id = 0;
	int rc;

	sqlite3_bind_int64(im->item_find, 1, feed_id);
	store_bind_text(im->item_find, 2, guid);
	store_bind_text(im->item_find, 3, link);
	rc = sqlite3_step(im->item_find);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(im->item_find, 0);
	else if (rc != SQLITE_DONE)
		id = store_fail(im->s);
	sqlite3_reset(im->item_find);
	return id;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t != NULL ? (const char *)t : NULL;
}

static const char *
nonempty(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

/* One row of newsboat's query: the columns of ITEMS_SQL, in its order. */
static int
import_row(struct import *im, sqlite3_stmt *nb, const char *prev_feed, int64_t *feed_id,
    struct store_newsboat_counts *out)
{
	const char *guid = col(nb, 0), *feedurl = col(nb, 4), *link = nonempty(col(nb, 3));
	bool unread = sqlite3_column_int(nb, 7) != 0;
	const char *flags = col(nb, 8);
	bool flagged = flags != NULL && flags[0] != '\0';
	int64_t id;

	if (prev_feed == NULL || strcmp(prev_feed, feedurl) != 0) {
		if ((*feed_id = import_feed(im, feedurl, col(nb, 10), col(nb, 11))) == -1)
			return -1;
		out->feeds++;
	}
	if ((id = import_find(im, *feed_id, guid, link)) == -1)
		return -1;
	if (id == 0) {
		struct feed_item it = {
			.id = guid,
			.id_from_document = true,
			.title = nonempty(col(nb, 1)),
			.link = link,
			.author = nonempty(col(nb, 2)),
			.published = (time_t)sqlite3_column_int64(nb, 5),
			.content = nonempty(col(nb, 6)),
			.comments_count = -1,
		};
		if (store_item_upsert(im->s, *feed_id, &it, NULL) == -1)
			return -1;
		if ((id = import_find(im, *feed_id, guid, link)) <= 0)
			return id == 0 ? store_failf(im->s, "item %s not stored", guid) : -1;
		out->created++;
	}
	sqlite3_bind_int64(im->item_mark, 1, id);
	sqlite3_bind_int(im->item_mark, 2, !unread);
	sqlite3_bind_int64(im->item_mark, 3, (int64_t)time(NULL));
	sqlite3_bind_int(im->item_mark, 4, flagged);
	if (store_step_done(im->s, im->item_mark) == -1)
		return -1;
	out->articles++;
	out->read += !unread;
	out->starred += flagged;
	return 0;
}

/* Deleted items are counted and skipped; query feeds hold no items. */
#define ITEMS_SQL \
	"SELECT i.guid, i.title, i.author, i.url, i.feedurl, i.pubDate, i.content, " \
	"i.unread, i.flags, i.deleted, f.title, f.url FROM rss_item i " \
	"LEFT JOIN rss_feed f ON f.rssurl = i.feedurl " \
	"WHERE i.guid IS NOT NULL AND i.guid != '' AND i.feedurl IS NOT NULL " \
	"AND i.feedurl != '' AND i.feedurl NOT LIKE 'query:%' " \
	"ORDER BY i.feedurl, i.pubDate, i.id"

int
store_import_newsboat(struct store *s, const char *nb_path,
    struct store_newsboat_counts *out, char **err)
{
	struct import im = { .s = s };
	sqlite3 *nb = NULL;
	sqlite3_stmt *st = NULL;
	char *prev = NULL;
	int64_t feed_id = -1;
	int rc;

	memset(out, 0, sizeof *out);
	*err = NULL;
	if (sqlite3_open_v2(nb_path, &nb, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", nb_path, nb ? sqlite3_errmsg(nb) : "out of memory");
		sqlite3_close(nb);
		return -1;
	}
	sqlite3_busy_timeout(nb, STORE_BUSY_MS);
	if (sqlite3_prepare_v2(nb, ITEMS_SQL, -1, &st, NULL) != SQLITE_OK) {
		const char *m = sqlite3_errmsg(nb);
		if (strstr(m, "no such") != NULL || strstr(m, "not a database") != NULL)
			*err = xasprintf("%s: not a newsboat cache (%s)", nb_path, m);
		else
			*err = xasprintf("%s: %s", nb_path, m);
		sqlite3_close(nb);
		return -1;
	}
	if (store_begin(s) == -1 || import_prepare(&im) == -1)
		goto fail_ours;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 9) != 0) {
			out->deleted++;
			continue;
		}
		if (import_row(&im, st, prev, &feed_id, out) == -1)
			goto fail_ours;
		free(prev);
		prev = xstrdup(col(st, 4));
	}
	if (rc != SQLITE_DONE) {
		*err = xasprintf("%s: %s", nb_path, sqlite3_errmsg(nb));
		import_end(&im);
		store_rollback(s);
		goto out;
	}
	import_end(&im);
	if (store_commit(s) == -1) {
		store_rollback_keep_err(s);
		*err = xstrdup(store_errmsg(s));
	}
	goto out;
fail_ours:
	*err = xstrdup(store_errmsg(s));
	import_end(&im);
	store_rollback_keep_err(s);
out:
	free(prev);
	sqlite3_finalize(st);
	sqlite3_close(nb);
	return *err == NULL ? 0 : -1;
}
