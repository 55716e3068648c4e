/*
 * Search in steps and off the UI thread (issue 18): store_search_ids()
 * gives the order the synchronous search gave (checked against that
 * search's own SQL, kept here as the oracle), its provisional form ranks
 * only the newest matches, it stops when told to, and the searcher thread
 * answers the latest query only: a query that a newer one replaced, or one
 * cancelled, delivers nothing. The indexing thread indexes what a deferred
 * writer left, on its own connection, and says when it is done.
 */
#include "config.h"

#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "search/indexer.h"
#include "search/searcher.h"
#include "store/comments.h"
#include "store/store-int.h"	/* the oracle runs SQL on the connection */
#include "store/store.h"
#include "util/xalloc.h"

#define STORE_FIXTURE_NAME "nrsearchtest"
#include "store_fixture.h"

/* Made-up news, Arabic and English; some words in many items, the ranks
 * varied by where and how often they occur. */
static const char *const titles[] = {
	"سوق الذهب اليوم", "ارتفاع أسعار النفط", "منصة التداول الجديدة",
	"Gold market rally", "Oil price falls", "The trading platform",
	"الذهب والنفط في السوق", "Market watch: gold and oil", "تداول الأسهم",
	"Shares and gold", "المتداولون في المنصة", "A quiet market day",
};
static const char *const bodies[] = {
	"<p>قال المحللون إن سوق الذهب ارتفع بعد إعلان البنك.</p>",
	"<p>ارتفعت أسعار النفط والذهب خلال الأسبوع الماضي.</p>",
	"<p>أطلقت المنصة خدمة للتداول، والمتداولون يترقبون.</p>",
	"<p>Gold rallied as traders watched the market and the gold price.</p>",
	"<p>Oil fell while the market waited for gold news.</p>",
	"<p>The platform lists new tokens for trading.</p>",
	"<p>السوق يترقب الذهب والنفط والتداول.</p>",
	"<p>Gold, oil and the market: a week of trading.</p>",
	"<p>تداول الأسهم في السوق بعد ارتفاع الذهب.</p>",
	"<p>Shares rose; gold held; the market was calm.</p>",
	"<p>المتداولون في المنصة يتداولون الذهب.</p>",
	"<p>Nothing moved in the market today.</p>",
};
static const char *const queries[] = {
	"الذهب", "ذهب", "السوق", "تداول", "المتداولون", "gold", "market", "oil gold",
	"\"gold price\"", "market gold", "zzzq", "النفط", "comment",
};

static struct store *
fill(const char *db)
{
	struct store *s = open_ok(db, 0);
	int64_t feed;

	feed = store_feed_ensure(s, "https://news.example/rss", NULL, NULL);
	assert_int_equal(store_begin(s), 0);
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
			char id[32];
			struct feed_item it = { 0 };
			snprintf(id, sizeof id, "n%d-%zu", round, i);
			it.id = id;
			it.title = titles[(i + (size_t)round) % 12];
			it.content = bodies[i];
			it.published = 1700000000 + round * 100 + (time_t)i;
			it.comments_count = -1;
			assert_int_equal(store_item_upsert(s, feed, &it, NULL), 0);
		}
	}
	assert_int_equal(store_commit(s), 0);
	/* A match in a comment counts for its item. */
	struct store_comment_in c = { .remote_id = "c1", .author = "reader",
	    .date = 1700000500, .body = "<p>A comment about gold and the market.</p>" };
	assert_int_equal(store_comment_upsert(s, 2, &c, NULL), 0);
	return s;
}

/* The synchronous search before issue 18, as it was written: rank every
 * match, join, order. The ids in its order. */
static size_t
oracle(struct store *s, const char *query, int64_t *out, size_t max)
{
	char *fts = store_search_fts_query(query);
	sqlite3_stmt *st;
	size_t n = 0;

	if (fts == NULL)
		return 0;
	assert_int_equal(sqlite3_prepare_v2(s->db,
	    "SELECT m.id FROM ("
	    " SELECT id, min(r) AS r FROM ("
	    "  SELECT rowid AS id, bm25(items_fts, 4.0, 1.0, 2.0) AS r FROM items_fts"
	    "   WHERE items_fts MATCH ?1"
	    "  UNION ALL SELECT c.item_id, 0.5 * bm25(comments_fts) FROM comments_fts"
	    "   JOIN comments c ON c.id = comments_fts.rowid WHERE comments_fts MATCH ?1"
	    " ) GROUP BY id ORDER BY r, id DESC LIMIT -1"
	    ") m JOIN items i ON i.id = m.id JOIN feeds f ON f.id = i.feed_id "
	    "ORDER BY m.r, m.id DESC", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, fts, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW && n < max)
		out[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	free(fts);
	return n;
}

static void
test_same_order_as_before(void **state)
{
	struct fx *fx = *state;
	struct store *s = fill(fx->db);
	int64_t want[64];
	size_t total = 0;

	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		struct store_search_hits h = { 0 };
		struct store_item_list l = { 0 };
		size_t n = oracle(s, queries[q], want, 64);
		assert_int_equal(store_search_ids(s, queries[q], 0, NULL, NULL, &h), 0);
		if (h.n != n)
			fail_msg("%s: %zu hits, the old search had %zu", queries[q], h.n, n);
		for (size_t i = 0; i < n; i++)
			if (h.ids[i] != want[i])
				fail_msg("%s: hit %zu is %lld, was %lld", queries[q], i,
				    (long long)h.ids[i], (long long)want[i]);
		/* store_search's pages are slices of the same order. */
		for (size_t off = 0; off < n; off += 5) {
			assert_int_equal(store_search(s, queries[q], 5, off, &l), 0);
			assert_int_equal(l.n, n - off < 5 ? n - off : 5);
			for (size_t i = 0; i < l.n; i++)
				assert_int_equal(l.v[i].id, want[off + i]);
		}
		/* And the rows of a page come in the order of the ids asked. */
		if (n >= 2) {
			int64_t rev[2] = { want[1], want[0] };
			assert_int_equal(store_items_by_ids(s, rev, 2, &l), 0);
			assert_int_equal(l.n, 2);
			assert_int_equal(l.v[0].id, want[1]);
			assert_int_equal(l.v[1].id, want[0]);
		}
		store_item_list_clear(&l);
		store_search_hits_clear(&h);
		total += n;
	}
	assert_true(total > 60);	/* the queries do find things */
	store_close(&s);
}

/* The provisional step: the newest matches only, ranked among themselves. */
static void
test_newest_first_step(void **state)
{
	struct fx *fx = *state;
	struct store *s = fill(fx->db);
	struct store_search_hits all = { 0 }, few = { 0 };

	assert_int_equal(store_search_ids(s, "market", 0, NULL, NULL, &all), 0);
	assert_true(all.n > 8);
	assert_int_equal(store_search_ids(s, "market", 4, NULL, NULL, &few), 0);
	/* Four from the index, and item 2 through its comment (the newest
	 * comment match). */
	assert_int_equal(few.n, 5);
	assert_false(few.complete);
	assert_true(all.complete);
	int64_t newest_cut = INT64_MAX;
	size_t last = 0;
	for (size_t i = 0; i < few.n; i++) {
		size_t at = all.n;
		for (size_t j = 0; j < all.n; j++)
			if (all.ids[j] == few.ids[i])
				at = j;
		assert_true(at < all.n);	/* a real match */
		assert_true(i == 0 || at > last);	/* in the full ranking's order */
		last = at;
		if (few.ids[i] != 2 && few.ids[i] < newest_cut)
			newest_cut = few.ids[i];
	}
	/* No match newer than the ones taken was left out. */
	for (size_t j = 0; j < all.n; j++) {
		bool in = false;
		for (size_t i = 0; i < few.n; i++)
			in = in || few.ids[i] == all.ids[j];
		if (all.ids[j] > newest_cut)
			assert_true(in);
	}
	/* Fewer matches than asked for: the first step holds them all. */
	assert_int_equal(store_search_ids(s, "\"gold price\"", 1000, NULL, NULL, &few), 0);
	assert_true(few.n > 0);
	assert_true(few.complete);
	store_search_hits_clear(&all);
	store_search_hits_clear(&few);
	store_close(&s);
}

static bool
always(void *arg)
{
	int *calls = arg;
	(*calls)++;
	return true;
}

static void
test_cancelled(void **state)
{
	struct fx *fx = *state;
	struct store *s = fill(fx->db);
	struct store_search_hits h = { 0 };
	int calls = 0;

	assert_int_equal(store_search_ids(s, "market", 0, always, &calls, &h), 1);
	assert_true(calls > 0);
	assert_int_equal(h.n, 0);
	/* The connection is fine afterwards. */
	assert_int_equal(store_search_ids(s, "market", 0, NULL, NULL, &h), 0);
	assert_true(h.n > 0);
	store_search_hits_clear(&h);
	store_close(&s);
}

/* The next result of the searcher, waiting on its fd up to 10 s. */
static struct search_result *
next_result(struct searcher *sr)
{
	for (int i = 0; i < 100; i++) {
		struct search_result *r = searcher_take(sr);
		if (r != NULL)
			return r;
		struct pollfd p = { .fd = searcher_fd(sr), .events = POLLIN };
		poll(&p, 1, 100);
	}
	return NULL;
}

static void
test_searcher(void **state)
{
	struct fx *fx = *state;
	struct store *s = fill(fx->db);
	struct store_search_hits want = { 0 };
	struct search_result *r;
	char *err = NULL;
	struct searcher *sr = searcher_new(fx->db, &err);
	unsigned g;

	assert_non_null(sr);
	searcher_set_first_matches(sr, 3);
	/* Two steps, the last one final and the full ranking. */
	g = searcher_start(sr, "gold");
	assert_non_null(r = next_result(sr));
	assert_int_equal(r->gen, g);
	assert_false(r->final);
	assert_null(r->error);
	search_result_free(r);
	assert_non_null(r = next_result(sr));
	assert_true(r->final);
	assert_int_equal(r->waiting, 0);
	assert_int_equal(store_search_ids(s, "gold", 0, NULL, NULL, &want), 0);
	assert_int_equal(r->hits.n, want.n);
	assert_memory_equal(r->hits.ids, want.ids, want.n * sizeof *want.ids);
	search_result_free(r);
	/* A query replaced before its answer is taken: only the new one's. */
	searcher_start(sr, "النفط");
	g = searcher_start(sr, "market");
	assert_int_equal(store_search_ids(s, "market", 0, NULL, NULL, &want), 0);
	for (;;) {
		assert_non_null(r = next_result(sr));
		assert_int_equal(r->gen, g);
		bool fin = r->final;
		if (fin) {
			assert_int_equal(r->hits.n, want.n);
			assert_memory_equal(r->hits.ids, want.ids, want.n * sizeof *want.ids);
		}
		search_result_free(r);
		if (fin)
			break;
	}
	/* Cancelled: nothing comes, even once the worker is idle again. */
	searcher_start(sr, "gold");
	searcher_cancel(sr);
	g = searcher_start(sr, "zzzq");
	/* No match: one step says it all. */
	assert_non_null(r = next_result(sr));
	assert_int_equal(r->gen, g);
	assert_int_equal(r->hits.n, 0);
	assert_true(r->final);
	search_result_free(r);
	/* Items not indexed yet are counted, so the caller can ask again. */
	store_set_deferred_index(s, true);
	assert_int_equal(store_begin(s), 0);
	struct feed_item it = { .id = "late", .title = "Late gold news",
	    .published = 1800000000, .comments_count = -1 };
	assert_int_equal(store_item_upsert(s, 1, &it, NULL), 0);
	assert_int_equal(store_commit(s), 0);
	g = searcher_start(sr, "late");
	assert_non_null(r = next_result(sr));
	assert_int_equal(r->waiting, 1);
	assert_int_equal(r->hits.n, 0);
	search_result_free(r);
	searcher_free(&sr);
	assert_null(sr);
	store_search_hits_clear(&want);
	store_close(&s);
}

/* Wait up to ms for the indexer to say it is done; true when it did. */
static bool
indexer_done(struct indexer *ix, int ms)
{
	for (int waited = 0; waited <= ms; waited += 50) {
		if (indexer_take(ix))
			return true;
		struct pollfd p = { .fd = indexer_fd(ix), .events = POLLIN };
		poll(&p, 1, 50);
	}
	return indexer_take(ix);
}

/* Items written with the index deferred, as a big reload writes them:
 * n of them, each with the word. */
static void
write_deferred(struct store *s, const char *word, int n)
{
	store_set_deferred_index(s, true);
	assert_int_equal(store_begin(s), 0);
	for (int i = 0; i < n; i++) {
		char id[48], title[64];
		struct feed_item it = { .published = 1800000000 + i, .comments_count = -1 };
		snprintf(id, sizeof id, "%s-%d", word, i);
		snprintf(title, sizeof title, "%s خبر عاجل %d", word, i);
		it.id = id;
		it.title = title;
		it.content = "<p>نص الخبر المؤجل. The deferred story.</p>";
		assert_int_equal(store_item_upsert(s, 1, &it, NULL), 0);
	}
	assert_int_equal(store_commit(s), 0);
	store_set_deferred_index(s, false);
}

static void
test_indexer(void **state)
{
	struct fx *fx = *state;
	struct store *s = fill(fx->db);
	struct store_search_hits h = { 0 };
	char *err = NULL;
	struct indexer *ix;
	const int n = 3 * INDEXER_SLICE + 5;	/* several slices */

	/* No cache to write to: NULL and why, so the caller indexes itself. */
	assert_null(indexer_new("/nonexistent-nr-dir/cache.db", &err));
	assert_non_null(err);
	free(err);
	err = NULL;

	write_deferred(s, "zebraquake", n);
	assert_int_equal(store_search_waiting(s), n);
	assert_non_null(ix = indexer_new(fx->db, &err));
	assert_null(err);
	/* Nothing happens before a kick. */
	assert_false(indexer_done(ix, 200));
	assert_int_equal(store_search_waiting(s), n);
	indexer_kick(ix);
	assert_true(indexer_done(ix, 30000));
	/* Every item indexed, found by a search on another connection. */
	assert_int_equal(store_search_waiting(s), 0);
	assert_int_equal(store_search_ids(s, "zebraquake", 0, NULL, NULL, &h), 0);
	assert_int_equal(h.n, n);
	store_search_hits_clear(&h);

	/* While another connection holds the write lock, it waits and loses
	 * nothing; it finishes once the lock is free. */
	write_deferred(s, "خيزرانة", 7);
	assert_int_equal(store_begin(s), 0);
	indexer_kick(ix);
	assert_false(indexer_done(ix, 300));
	assert_int_equal(store_commit(s), 0);
	assert_true(indexer_done(ix, 30000));
	assert_int_equal(store_search_waiting(s), 0);
	assert_int_equal(store_search_ids(s, "خيزرانة", 0, NULL, NULL, &h), 0);
	assert_int_equal(h.n, 7);
	store_search_hits_clear(&h);

	/* A kick with nothing waiting still says done (the caller's cue). */
	indexer_kick(ix);
	assert_true(indexer_done(ix, 30000));
	indexer_free(&ix);
	assert_null(ix);
	indexer_free(&ix);	/* NULL-safe */
	store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_order_as_before, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newest_first_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancelled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_searcher, setup, teardown),
		cmocka_unit_test_setup_teardown(test_indexer, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
