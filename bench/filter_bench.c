/*
 * Filter benchmark (issue 16): a cache of 100,000 items in 20 feeds, half
 * Arabic and half English, then filtered lists as the reader asks for them:
 * the count of a query feed (what the feed list shows) and its first page
 * of 50 rows, each run 11 times on one connection; prints the median and
 * the slowest time. The filter runs in C inside SQL (src/store/filtered.c).
 * Usage: bench/filter_bench [DIR] [ITEMS]  (DIR: where the cache goes,
 * default a new directory under /tmp; it is removed afterwards).
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "filter/filter.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const char *const ar_words[] = {
	"السوق", "العملة", "الرقمية", "ارتفع", "سعر", "البِيتكوين", "اليوم", "بنسبة",
	"إعلان", "منصة", "التداول", "إدراج", "رمز", "جديد", "المحللون", "السيولة",
	"الأسبوع", "المستثمرين", "التضخم", "الذهب", "النفط", "الأسهم",
};
static const char *const en_words[] = {
	"market", "token", "exchange", "listing", "liquidity", "holders", "price",
	"rally", "analysts", "said", "volume", "doubled", "during", "the", "week",
	"investors", "bitcoin", "inflation", "gold", "oil", "shares", "traders",
};

static unsigned long rng = 12345;

static unsigned long
next(void)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return rng >> 33;
}

static void
sentence(struct buf *b, bool ar, int n)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			buf_append_char(b, ' ');
		buf_append_str(b, ar ? ar_words[next() % 22] : en_words[next() % 22]);
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

#define RUNS 11

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/nr-filter-bench.XXXXXX";
	const char *dir = argc > 1 ? argv[1] : mkdtemp(tmpl);
	long nitems = argc > 2 ? atol(argv[2]) : 100000;
	static const char *const exprs[] = {
		"unread = \"yes\"",
		"title =~ \"بيتكوين\"",
		"title # \"البيتكوين\" and age < 400",
		"title =~ \"bitcoin\" or title =~ \"الذهب\"",
		"tags # \"crypto\" and unread = \"yes\"",
		"content =~ \"liquidity\"",
		"title =~ \"zzzq\"",
	};
	char *path, *err = NULL;
	struct store *s;
	double t0;

	/* The reader runs in a UTF-8 locale; regexec() costs more there. */
	setlocale(LC_ALL, "C.UTF-8");
	if (dir == NULL)
		return 1;
	path = xasprintf("%s/cache.db", dir);
	if ((s = store_open(path, 0, &err)) == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	t0 = now_ms();
	int64_t feeds[20];
	for (int f = 0; f < 20; f++) {
		char *url = xasprintf("http://127.0.0.1/feed%d.xml", f);
		feeds[f] = store_feed_ensure(s, url, NULL, f % 4 == 0 ? "crypto news" : "news");
		free(url);
	}
	/* The search index is beside the point here: deferred, never built. */
	store_set_deferred_index(s, true);
	for (long i = 0; i < nitems; i += 1000) {
		store_begin(s);
		for (long j = i; j < i + 1000 && j < nitems; j++) {
			bool ar = j % 2 == 0;
			struct buf title = BUF_INIT, body = BUF_INIT;
			char id[32];
			snprintf(id, sizeof id, "item-%ld", j);
			sentence(&title, ar, 8);
			buf_append_str(&body, "<p>");
			sentence(&body, ar, 60);
			buf_append_str(&body, "</p><p>");
			sentence(&body, ar, 60);
			buf_append_str(&body, "</p>");
			struct feed_item it = { .id = id, .title = buf_str(&title),
			    .content = buf_str(&body), .author = ar ? "سارة أحمد" : "Jane Doe",
			    .published = 1796464800 - (time_t)j * 300, .comments_count = -1 };
			if (store_item_upsert(s, feeds[j % 20], &it, NULL) != 0) {
				fprintf(stderr, "%s\n", store_errmsg(s));
				return 1;
			}
			buf_free(&title);
			buf_free(&body);
		}
		store_commit(s);
	}
	printf("%ld items written in %.1f s\n\n", nitems, (now_ms() - t0) / 1e3);
	printf("| expression | matches | count median ms | slowest | first page of 50 median ms | slowest |\n");
	printf("|---|---:|---:|---:|---:|---:|\n");
	for (size_t e = 0; e < sizeof exprs / sizeof exprs[0]; e++) {
		struct filter *f;
		double tc[RUNS], tp[RUNS];
		int64_t total = 0;
		if (filter_parse(exprs[e], &f, &err) != 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		struct store_scope sc = { .kind = STORE_SCOPE_ALL, .filter = f };
		for (int r = 0; r < RUNS; r++) {
			struct store_item_list l = { 0 };
			double a = now_ms();
			if (store_items_count(s, &sc, &total, NULL) != 0)
				return 1;
			double b = now_ms();
			if (store_items_page(s, &sc, STORE_KEY_TOP, STORE_OLDER, 50, &l) != 0)
				return 1;
			tp[r] = now_ms() - b;
			tc[r] = b - a;
			store_item_list_clear(&l);
		}
		qsort(tc, RUNS, sizeof *tc, cmp_double);
		qsort(tp, RUNS, sizeof *tp, cmp_double);
		printf("| `%s` | %lld | %.1f | %.1f | %.1f | %.1f |\n", exprs[e], (long long)total,
		    tc[RUNS / 2], tc[RUNS - 1], tp[RUNS / 2], tp[RUNS - 1]);
		filter_free(&f);
	}
	store_close(&s);
	if (argc <= 1) {
		char *p;
		const char *const files[] = { "cache.db", "cache.db-wal", "cache.db-shm" };
		for (size_t i = 0; i < 3; i++) {
			p = xasprintf("%s/%s", dir, files[i]);
			unlink(p);
			free(p);
		}
		rmdir(dir);
	}
	free(path);
	return 0;
}
