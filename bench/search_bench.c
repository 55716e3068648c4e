/*
 * Search benchmark (issue 13): a cache of 100,000 items, half Arabic and
 * half English (made-up words, see pick()), written through the store as a reload writes them (1,000
 * items a transaction), then each query run 21 times; prints the median
 * and the slowest query time, the time to build the index and its size.
 * Usage: bench/search_bench [DIR] [ITEMS]  (DIR: where the cache goes,
 * default a new directory under /tmp, removed afterwards; a DIR given is
 * kept, and a cache already there with ITEMS items is used again, so the
 * 1,000,000-item cache is built once).
 * `make bench` runs it; BENCHMARKS.md records its output.
 */
#include "config.h"

#include <math.h>
#include <poll.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "search/indexer.h"
#include "search/searcher.h"
#include "store/store.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const char *const ar_words[] = {
	"السوق", "العملة", "الرقمية", "ارتفع", "سعر", "البيتكوين", "اليوم", "بنسبة",
	"بعد", "إعلان", "منصة", "التداول", "عن", "إدراج", "رمز", "جديد", "وقال",
	"المحللون", "إن", "حجم", "السيولة", "تضاعف", "خلال", "الأسبوع", "الماضي",
	"في", "ظل", "اهتمام", "المستثمرين", "والمتداولون", "للتداول", "بالمنصة",
	"التضخم", "الاقتصاد", "المصرفية", "الذهب", "النفط", "الشركات", "الأسهم",
};
static const char *const en_words[] = {
	"market", "token", "exchange", "listing", "liquidity", "holders", "price",
	"rally", "analysts", "said", "volume", "doubled", "during", "the", "week",
	"as", "investors", "watched", "new", "chain", "upgrade", "inflation",
	"economy", "banks", "gold", "oil", "companies", "shares", "traders",
};

static unsigned long rng = 12345;

static unsigned long
next(void)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return rng >> 33;
}

/*
 * Words as news text has them: most come from a large vocabulary with a
 * Zipf-like spread (a few very common words, a long tail), and 3 % are the
 * topic words above, the ones the benchmark searches for; each of those
 * then occurs in roughly one item in ten.
 */
#define VOCAB 20000
static char *vocab[2][VOCAB];

static void
make_vocab(void)
{
	static const char *const ar_letters[] = {
		"ا", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ر", "ز", "س", "ش", "ص", "ط",
		"ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "ه", "و", "ي", "ة",
	};
	for (int k = 0; k < 2; k++) {
		for (int i = 0; i < VOCAB; i++) {
			struct buf w = BUF_INIT;
			int len = 3 + (int)(next() % 6);
			for (int j = 0; j < len; j++) {
				if (k == 0)
					buf_append_str(&w, ar_letters[next() % 25]);
				else
					buf_append_char(&w, (char)('a' + next() % 26));
			}
			vocab[k][i] = buf_detach(&w);
		}
	}
}

static const char *
pick(bool ar)
{
	if (next() % 100 < 3)
		return ar ? ar_words[next() % (sizeof ar_words / sizeof ar_words[0])] :
		    en_words[next() % (sizeof en_words / sizeof en_words[0])];
	/* rank = VOCAB^u - 1 for a uniform u: about Zipf. */
	double u = (double)(next() % 1000000) / 1e6;
	int r = (int)pow(VOCAB, u) - 1;
	return vocab[ar ? 0 : 1][r < 0 ? 0 : r % VOCAB];
}

static void
sentence(struct buf *b, bool ar, int n)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			buf_append_char(b, ' ');
		buf_append_str(b, pick(ar));
	}
}

static double now_ms(void);
static int cmp_double(const void *a, const void *b);

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Bytes of the tables and indexes whose name starts with prefix (dbstat). */
static long long
table_bytes(const char *path, const char *prefix)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?1 || '%'",
	    -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

/* Write count items (ids PREFIX-N from first on) through the store as a
 * reload does, 1,000 a transaction. 0 or -1. */
static int
write_items(struct store *s, int64_t feed, const char *prefix, long first, long count)
{
	for (long i = first; i < first + count; i++) {
		struct feed_item it = { 0 };
		struct buf id = BUF_INIT, title = BUF_INIT, body = BUF_INIT, author = BUF_INIT;
		bool ar = i % 2 == 0;
		if ((i - first) % 1000 == 0 && store_begin(s) != 0)
			return -1;
		buf_printf(&id, "%s-%ld", prefix, i);
		sentence(&title, ar, 8);
		buf_append_str(&body, "<p>");
		sentence(&body, ar, 60);
		buf_append_str(&body, "</p><p>");
		sentence(&body, ar, 60);
		buf_append_str(&body, "</p>");
		sentence(&author, ar, 2);
		it.id = buf_str(&id);
		it.title = buf_str(&title);
		it.content = buf_str(&body);
		it.author = buf_str(&author);
		it.published = 1700000000 + i;
		it.comments_count = -1;
		if (store_item_upsert(s, feed, &it, NULL) != 0) {
			fprintf(stderr, "search_bench: %s\n", store_errmsg(s));
			return -1;
		}
		if ((i - first) % 1000 == 999 || i == first + count - 1) {
			if (store_commit(s) != 0) {
				fprintf(stderr, "search_bench: %s\n", store_errmsg(s));
				return -1;
			}
		}
		buf_free(&id);
		buf_free(&title);
		buf_free(&body);
		buf_free(&author);
	}
	return 0;
}

/* Items in the cache at path, or -1 when there is none to read. */
static long
count_items(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long n = -1;

	if (access(path, F_OK) != 0 ||
	    sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM items", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

/* The rows of the first page of r, as the search view reads them. */
static void
join_page(struct store *s, const struct search_result *r)
{
	struct store_item_list l = { 0 };

	store_items_by_ids(s, r->hits.ids, r->hits.n < 50 ? r->hits.n : 50, &l);
	store_item_list_clear(&l);
}

/*
 * One search through the search thread, as the reader runs it: ms until
 * the first page is on hand (first answer + its 50 rows joined) and until
 * the final answer's first page; *n the matches. With ix, the indexing
 * thread indexes the waiting items meanwhile, as in the reader.
 */
static void
stepped_one(struct store *s, struct searcher *sr, const char *q, struct indexer *ix,
    double *first, double *full, size_t *n)
{
	double t0 = now_ms();
	bool got_first = false;

	if (ix != NULL)
		indexer_kick(ix);
	searcher_start(sr, q);
	for (;;) {
		struct search_result *r = searcher_take(sr);
		if (r == NULL) {
			struct pollfd p = { .fd = searcher_fd(sr), .events = POLLIN };
			poll(&p, 1, 1000);
			continue;
		}
		join_page(s, r);
		if (!got_first) {
			*first = now_ms() - t0;
			got_first = true;
		}
		if (r->final) {
			*full = now_ms() - t0;
			*n = r->hits.n;
			search_result_free(r);
			return;
		}
		search_result_free(r);
	}
}

/* Issue 18: time to the first page and to the full results through the
 * search thread, next to the synchronous search of before, with the index
 * complete and with 20,000 new items waiting to be indexed. 0 or -1. */
static int
stepped(struct store *s, const char *path, long items, int runs)
{
	const char *const q[] = { "market", "تداول", "المتداولون", vocab[1][VOCAB - 1],
	    "\"gold price\"" };
	const char *const what[] = { "common word", "common Arabic word (stem)",
	    "Arabic word with prefix and suffix (stemmed)", "rare word", "phrase" };
	char *err = NULL;
	struct searcher *sr = searcher_new(path, &err);

	if (sr == NULL) {
		fprintf(stderr, "search_bench: %s\n", err);
		return -1;
	}
	printf("\n| query | kind | matches | before: page 1 ms | before: page 2 ms | "
	    "first page ms | full results ms | next page ms |\n"
	    "|---|---|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		double p1[21], p2[21], f[21], a[21], nx[21];
		size_t n = 0;
		for (int k = 0; k < runs; k++) {
			struct store_item_list l = { 0 };
			struct store_search_hits h = { 0 };
			double t = now_ms();
			store_search(s, q[i], 50, 0, &l);
			p1[k] = now_ms() - t;
			t = now_ms();
			store_search(s, q[i], 50, 50, &l);
			p2[k] = now_ms() - t;
			store_item_list_clear(&l);
			stepped_one(s, sr, q[i], NULL, &f[k], &a[k], &n);
			/* The next page: the held ids joined (itemwin.c). */
			store_search_ids(s, q[i], 0, NULL, NULL, &h);
			t = now_ms();
			store_items_by_ids(s, h.ids + (h.n > 50 ? 50 : h.n),
			    h.n > 100 ? 50 : h.n > 50 ? h.n - 50 : 0, &l);
			nx[k] = now_ms() - t;
			store_item_list_clear(&l);
			store_search_hits_clear(&h);
		}
		qsort(p1, (size_t)runs, sizeof *p1, cmp_double);
		qsort(p2, (size_t)runs, sizeof *p2, cmp_double);
		qsort(f, (size_t)runs, sizeof *f, cmp_double);
		qsort(a, (size_t)runs, sizeof *a, cmp_double);
		qsort(nx, (size_t)runs, sizeof *nx, cmp_double);
		printf("| `%s` | %s | %zu | %.1f | %.1f | %.1f | %.1f | %.2f |\n", q[i], what[i],
		    n, p1[runs / 2], p2[runs / 2], f[runs / 2], a[runs / 2], nx[runs / 2]);
		fflush(stdout);
	}

	/* While indexing catches up: 20,000 new items in a feed of their
	 * own, written with the index deferred as a big reload writes them. */
	int64_t late = store_feed_ensure(s, "https://bench.example/late", NULL, NULL);
	const long nlate = 20000;
	struct indexer *ix = indexer_new(path, &err);

	if (ix == NULL) {
		fprintf(stderr, "search_bench: %s\n", err);
		return -1;
	}
	printf("\nWith %ld new items waiting to be indexed:\n\n"
	    "| query | before: page 1 ms (indexes first) | first page ms | results over the "
	    "indexed items ms | full results, new items included, ms |\n"
	    "|---|---:|---:|---:|---:|\n", nlate);
	for (size_t i = 0; i < 2; i++) {
		double first, full, again_first, again;
		size_t n;
		char prefix[16];
		snprintf(prefix, sizeof prefix, "late%zu", i);
		store_set_deferred_index(s, true);
		if (write_items(s, late, prefix, items, nlate) != 0)
			return -1;
		store_set_deferred_index(s, false);
		double t0 = now_ms();
		stepped_one(s, sr, q[i], ix, &first, &full, &n);
		while (!indexer_take(ix)) {
			struct pollfd p = { .fd = indexer_fd(ix), .events = POLLIN };
			poll(&p, 1, 1000);
		}
		stepped_one(s, sr, q[i], NULL, &again_first, &again, &n);
		again = now_ms() - t0;	/* from the start of the first search */
		/* The synchronous search on the same state: new items again. */
		struct store_item_list l = { 0 };
		store_set_deferred_index(s, true);
		snprintf(prefix, sizeof prefix, "again%zu", i);
		if (write_items(s, late, prefix, items, nlate) != 0)
			return -1;
		store_set_deferred_index(s, false);
		double t = now_ms();
		store_search(s, q[i], 50, 0, &l);
		double before = now_ms() - t;
		store_item_list_clear(&l);
		printf("| `%s` | %.1f | %.1f | %.1f | %.1f |\n", q[i], before, first, full, again);
		fflush(stdout);
	}
	searcher_free(&sr);
	indexer_free(&ix);
	/* The cache back to what it was, for the next run. */
	if (store_feed_delete(s, late) != 0) {
		fprintf(stderr, "search_bench: %s\n", store_errmsg(s));
		return -1;
	}
	return 0;
}

static double
run_ms(sqlite3 *db, const char *sql)
{
	double t = now_ms();
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "search_bench: %s: %s\n", sql, err);
		sqlite3_free(err);
	}
	return now_ms() - t;
}

/*
 * Where one slice of the idle catch-up goes (issue 18): the same statements
 * store_search_catch_up() runs, timed one by one over nslices slices of
 * per items, with the WAL checkpoint taken apart from the commit. 0 or -1.
 */
static int
slices(struct store *s, long items, int per, int nslices)
{
	sqlite3 *db = s->db;
	int64_t feed = store_feed_ensure(s, "https://bench.example/slices", NULL, NULL);
	double sum[6] = { 0 }, worst[6] = { 0 };
	char ins[512], del[256];

	snprintf(ins, sizeof ins, "INSERT INTO items_fts (rowid, title, body, author) "
	    "SELECT i.id, nr_fts_text(i.title), nr_fts_html(i.summary, i.content), "
	    "nr_fts_text(i.author) FROM fts_pending p JOIN items i ON i.id = p.id "
	    "ORDER BY p.id LIMIT %d", per);
	snprintf(del, sizeof del, "DELETE FROM fts_pending WHERE id IN "
	    "(SELECT id FROM fts_pending ORDER BY id LIMIT %d)", per);
	store_set_deferred_index(s, true);
	if (write_items(s, feed, "slice", items, (long)per * nslices) != 0)
		return -1;
	store_set_deferred_index(s, false);
	run_ms(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	if (getenv("NR_BENCH_FTS_CONFIG") != NULL)	/* an experiment: 'automerge', 2 */
		printf("config: %.1f ms\n", run_ms(db, getenv("NR_BENCH_FTS_CONFIG")));
	/* Checkpoints apart, after every slice (or, with "auto", as the reader
	 * takes them: inside the commit once the WAL holds 1,000 pages). */
	bool apart = getenv("NR_BENCH_AUTO_CHECKPOINT") == NULL;
	if (apart)
		sqlite3_wal_autocheckpoint(db, 0);
	for (int k = 0; k < nslices; k++) {
		double t[6];
		int log = 0, done = 0;
		t[0] = run_ms(db, "BEGIN IMMEDIATE");
		t[0] += run_ms(db, ins);
		t[1] = run_ms(db, del);
		t[2] = run_ms(db, "SELECT count(*) FROM fts_pending");
		t[3] = run_ms(db, "COMMIT");
		double c = now_ms();
		if (apart)
			sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
		t[4] = now_ms() - c;
		t[5] = t[0] + t[1] + t[2] + t[3] + t[4];
		printf("slice %2d: insert %.1f delete %.1f count %.1f commit %.1f "
		    "checkpoint %.1f (%d pages) total %.1f ms\n",
		    k, t[0], t[1], t[2], t[3], t[4], log, t[5]);
		for (int j = 0; j < 6; j++) {
			sum[j] += t[j];
			worst[j] = t[j] > worst[j] ? t[j] : worst[j];
		}
	}
	printf("mean: insert %.1f delete %.1f count %.1f commit %.1f checkpoint %.1f "
	    "total %.1f ms\n", sum[0] / nslices, sum[1] / nslices, sum[2] / nslices,
	    sum[3] / nslices, sum[4] / nslices, sum[5] / nslices);
	printf("worst: insert %.1f delete %.1f count %.1f commit %.1f checkpoint %.1f "
	    "total %.1f ms\n", worst[0], worst[1], worst[2], worst[3], worst[4], worst[5]);
	sqlite3_wal_autocheckpoint(db, STORE_CHECKPOINT_PAGES);
	if (store_feed_delete(s, feed) != 0) {
		fprintf(stderr, "search_bench: %s\n", store_errmsg(s));
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/nrsearch.XXXXXX";
	const char *dir = argc > 1 ? argv[1] : mkdtemp(tmpl);
	long items = argc > 2 ? atol(argv[2]) : 100000;
	int runs = argc > 3 ? atoi(argv[3]) : 21;
	static const char *const queries[] = {
		"تداول", "بيتكوين", "المنصة", "المتداولون", "تضخم", "\"حجم السيولة\"",
		"السيولة الأسبوع", "market", "liquidity holders", "\"gold price\"", "zzzq",
	};
	char *path, *err = NULL;
	struct store *s;
	struct stat sb;
	double t0, tbuild;
	int64_t feed;

	if (dir == NULL || items <= 0 || runs < 1 || runs > 21) {
		fprintf(stderr, "usage: search_bench [DIR] [ITEMS] [RUNS (1-21)] "
		    "[slices PER | defer N | undefer]\n");
		return 2;
	}
	path = xasprintf("%s/cache.db", dir);
	make_vocab();
	/* A mode (slices, defer, undefer) works on the cache as it is. */
	if (argc > 1 && (argc > 4 || count_items(path) == items)) {
		printf("(cache of %ld items in %s used again)\n", items, path);
		tbuild = -1;
		goto built;
	}
	unlink(path);
	if ((s = store_open(path, 0, &err)) == NULL) {
		fprintf(stderr, "search_bench: %s\n", err);
		return 1;
	}
	feed = store_feed_ensure(s, "https://bench.example/rss", NULL, NULL);
	t0 = now_ms();
	if (write_items(s, feed, "item", 0, items) != 0)
		return 1;
	tbuild = now_ms() - t0;
	fprintf(stderr, "search_bench: %ld items written and indexed in %.1f s\n", items, tbuild / 1e3);
	store_close(&s);
built:
	if ((s = store_open(path, 0, &err)) == NULL) {
		fprintf(stderr, "search_bench: %s\n", err);
		return 1;
	}
	if (argc > 5 && strcmp(argv[4], "slices") == 0)
		return slices(s, items, atoi(argv[5]), runs) == 0 ? 0 : 1;
	if (argc > 5 && strcmp(argv[4], "defer") == 0) {
		/* Items a big reload left unindexed, for bench_search_tui.py
		 * --while-indexing; the reader indexes them. */
		int64_t late = store_feed_ensure(s, "https://bench.example/deferred", NULL, NULL);
		store_set_deferred_index(s, true);
		if (write_items(s, late, "deferred", items, atol(argv[5])) != 0)
			return 1;
		printf("%ld items wait to be indexed\n", (long)store_search_waiting(s));
		store_close(&s);
		return 0;
	}
	if (argc > 5 && strcmp(argv[4], "catchup") == 0) {
		/* N deferred items indexed by this thread in slices of 128 (as
		 * the reader did), then N more by the indexing thread, twice:
		 * the total ms of each. */
		int64_t late = store_feed_ensure(s, "https://bench.example/catchup", NULL, NULL);
		long n = atol(argv[5]);
		struct indexer *ix = indexer_new(path, &err);
		for (int k = 0; k < 4; k++) {
			char prefix[16];
			snprintf(prefix, sizeof prefix, "cu%d", k);
			store_set_deferred_index(s, true);
			if (ix == NULL || write_items(s, late, prefix, items, n) != 0)
				return 1;
			store_set_deferred_index(s, false);
			double t = now_ms();
			if (k % 2 == 0) {
				while (store_search_catch_up(s, 128) > 0)
					;
			} else {
				indexer_kick(ix);
				while (!indexer_take(ix)) {
					struct pollfd p = { .fd = indexer_fd(ix), .events = POLLIN };
					poll(&p, 1, 1000);
				}
			}
			struct stat wb;
			char *wal = xasprintf("%s-wal", path);
			stat(wal, &wb);
			free(wal);
			printf("%ld items indexed by %s: %.0f ms (caller's transaction state %d, "
			    "WAL %.1f MiB)\n", n,
			    k % 2 == 0 ? "the caller, slices of 128" : "the indexing thread",
			    now_ms() - t, sqlite3_txn_state(s->db, NULL), wb.st_size / 1048576.0);
			fflush(stdout);
		}
		indexer_free(&ix);
		int rc = store_feed_delete(s, late);
		store_close(&s);
		return rc == 0 ? 0 : 1;
	}
	if (argc > 4 && strcmp(argv[4], "undefer") == 0) {
		int64_t late = store_feed_ensure(s, "https://bench.example/deferred", NULL, NULL);
		int rc = store_feed_delete(s, late);
		store_close(&s);
		return rc == 0 ? 0 : 1;
	}
	printf("| query | rows (limit 50) | median ms | slowest ms |\n|---|---:|---:|---:|\n");
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		double t[21];
		size_t rows = 0;
		for (int k = 0; k < runs; k++) {
			struct store_item_list l = { 0 };
			double a = now_ms();
			if (store_search(s, queries[q], 50, 0, &l) != 0) {
				fprintf(stderr, "search_bench: %s\n", store_errmsg(s));
				return 1;
			}
			t[k] = now_ms() - a;
			rows = l.n;
			store_item_list_clear(&l);
		}
		qsort(t, (size_t)runs, sizeof t[0], cmp_double);
		printf("| `%s` | %zu | %.2f | %.2f |\n", queries[q], rows, t[runs / 2],
		    t[runs - 1]);
	}
	if (stepped(s, path, items, runs) != 0)
		return 1;
	store_close(&s);
	stat(path, &sb);
	if (tbuild >= 0)
		printf("\n%ld items written and indexed in %.1f s", items, tbuild / 1e3);
	printf("\n%ld items; cache %.1f MiB, of which "
	    "items_fts %.1f MiB and items %.1f MiB (dbstat).\n", items,
	    sb.st_size / 1048576.0, table_bytes(path, "items_fts") / 1048576.0,
	    (table_bytes(path, "items") - table_bytes(path, "items_fts")) / 1048576.0);
	if (argc <= 1)
		unlink(path);
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	if (argc <= 1) {
		unlink(wal);
		unlink(shm);
	}
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < VOCAB; i++)
			free(vocab[k][i]);
	free(wal);
	free(shm);
	free(path);
	if (argc <= 1)
		rmdir(dir);
	return 0;
}
