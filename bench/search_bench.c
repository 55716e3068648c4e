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
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
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

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/nrsearch.XXXXXX";
	const char *dir = argc > 1 ? argv[1] : mkdtemp(tmpl);
	long items = argc > 2 ? atol(argv[2]) : 100000;
	static const char *const queries[] = {
		"تداول", "بيتكوين", "المنصة", "المتداولون", "تضخم", "\"حجم السيولة\"",
		"السيولة الأسبوع", "market", "liquidity holders", "\"gold price\"", "zzzq",
	};
	char *path, *err = NULL;
	struct store *s;
	struct stat sb;
	double t0, tbuild;
	int64_t feed;

	if (dir == NULL || items <= 0) {
		fprintf(stderr, "usage: search_bench [DIR] [ITEMS]\n");
		return 2;
	}
	path = xasprintf("%s/cache.db", dir);
	make_vocab();
	if (argc > 1 && count_items(path) == items) {
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
	for (long i = 0; i < items; i++) {
		struct feed_item it = { 0 };
		struct buf id = BUF_INIT, title = BUF_INIT, body = BUF_INIT, author = BUF_INIT;
		bool ar = i % 2 == 0;
		if (i % 1000 == 0 && store_begin(s) != 0)
			return 1;
		buf_printf(&id, "item-%ld", i);
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
			return 1;
		}
		if (i % 1000 == 999 || i == items - 1) {
			if (store_commit(s) != 0) {
				fprintf(stderr, "search_bench: %s\n", store_errmsg(s));
				return 1;
			}
		}
		buf_free(&id);
		buf_free(&title);
		buf_free(&body);
		buf_free(&author);
	}
	tbuild = now_ms() - t0;
	fprintf(stderr, "search_bench: %ld items written and indexed in %.1f s\n", items, tbuild / 1e3);
	store_close(&s);
built:
	if ((s = store_open(path, 0, &err)) == NULL) {
		fprintf(stderr, "search_bench: %s\n", err);
		return 1;
	}
	printf("| query | rows (limit 50) | median ms | slowest ms |\n|---|---:|---:|---:|\n");
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		double t[21];
		size_t rows = 0;
		for (int k = 0; k < 21; k++) {
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
		qsort(t, 21, sizeof t[0], cmp_double);
		printf("| `%s` | %zu | %.2f | %.2f |\n", queries[q], rows, t[10], t[20]);
	}
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
