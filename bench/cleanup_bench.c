/*
 * Cleanup benchmark (issue 16): a cache of FEEDS x PER items (default 200
 * feeds x 1,000 = 200,000), written through the store as a reload writes
 * them (one feed a transaction, bodies of about 600 bytes of Arabic and
 * English words, indexed for search), then store_cleanup() as it runs
 * after a reload: with nothing to remove (max-items 1000: the cost every
 * reload pays), then max-items 900 (a day's turnover: 20,000 items go),
 * then max-items 50 (a limit set for the first time: most of the cache
 * goes), each timed on the wall clock with the items and tombstones left.
 * Usage: bench/cleanup_bench [DIR] [FEEDS] [PER]  (DIR: where the cache
 * goes, default a new directory under /tmp, removed afterwards).
 * `make bench` runs it; BENCHMARKS.md records its output.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const char *const words[] = {
	"السوق", "العملة", "الرقمية", "ارتفع", "سعر", "اليوم", "بنسبة", "منصة",
	"التداول", "إدراج", "جديد", "المحللون", "السيولة", "الأسبوع", "market",
	"token", "exchange", "listing", "liquidity", "price", "rally", "analysts",
	"volume", "investors", "chain", "upgrade", "economy", "shares",
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
die(struct store *s, const char *what)
{
	fprintf(stderr, "cleanup_bench: %s: %s\n", what, s ? store_errmsg(s) : "failed");
	exit(1);
}

static void
run(struct store *s, int max_items, const char *label)
{
	int64_t removed = 0, total = 0, tomb = 0;
	struct store_scope all = { .kind = STORE_SCOPE_ALL };
	double t0 = now_s();

	if (store_cleanup(s, max_items, 0, time(NULL), 0, &removed) != 0)
		die(s, "cleanup");
	double t = now_s() - t0;
	if (store_items_count(s, &all, &total, NULL) != 0)
		die(s, "count");
	struct store_feed *f;
	size_t n;
	if (store_feed_list(s, &f, &n) != 0)
		die(s, "feeds");
	for (size_t i = 0; i < n; i++)
		tomb += store_tombstone_count(s, f[i].id);
	store_feed_list_free(&f, n);
	printf("| %s | max-items %d | %.3f | %lld | %lld | %lld |\n", label, max_items, t,
	    (long long)removed, (long long)total, (long long)tomb);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/nrcleanbench.XXXXXX";
	const char *dir = argc > 1 ? argv[1] : mkdtemp(tmpl);
	int feeds = argc > 2 ? atoi(argv[2]) : 200, per = argc > 3 ? atoi(argv[3]) : 1000;
	char *path = xasprintf("%s/cache.db", dir), *err = NULL;
	struct store *s = store_open(path, 0, &err);
	unsigned long rng = 7;
	time_t base = time(NULL) - (time_t)per * 600;

	if (s == NULL) {
		fprintf(stderr, "cleanup_bench: %s\n", err);
		return 1;
	}
	double t0 = now_s();
	for (int f = 0; f < feeds; f++) {
		char *url = xasprintf("https://feeds.example/%d.xml", f);
		int64_t feed = store_feed_ensure(s, url, NULL, NULL);
		free(url);
		if (feed < 0 || store_begin(s) != 0)
			die(s, "feed");
		for (int i = 0; i < per; i++) {
			struct buf body = BUF_INIT;
			char id[64], title[64];
			snprintf(id, sizeof id, "https://feeds.example/%d/%d", f, i);
			snprintf(title, sizeof title, "خبر %d عن market %d", i, f);
			buf_append_str(&body, "<p>");
			for (int w = 0; w < 60; w++) {
				rng = rng * 6364136223846793005UL + 1442695040888963407UL;
				buf_printf(&body, "%s ", words[(rng >> 33) % (sizeof words /
				    sizeof words[0])]);
			}
			buf_append_str(&body, "</p>");
			struct feed_item it = { .id = id, .title = title, .summary = buf_str(&body),
			    .published = base + (time_t)i * 600, .comments_count = -1 };
			if (store_item_upsert(s, feed, &it, NULL) != 0)
				die(s, "upsert");
			buf_free(&body);
		}
		if (store_commit(s) != 0)
			die(s, "commit");
	}
	printf("cache: %d feeds x %d items written and indexed in %.1f s\n\n", feeds, per,
	    now_s() - t0);
	printf("| run | setting | wall s | removed | items left | tombstones |\n");
	printf("|---|---|---:|---:|---:|---:|\n");
	run(s, per, "nothing to remove");
	run(s, per * 9 / 10, "a day's turnover");
	run(s, per * 9 / 10, "again, nothing to remove");
	run(s, 50, "a limit set for the first time");
	store_close(&s);
	if (argc <= 1) {
		char *cmd[] = { "db", "db-wal", "db-shm" };
		for (size_t i = 0; i < 3; i++) {
			char *p = xasprintf("%s/cache.%s", dir, cmd[i]);
			unlink(p);
			free(p);
		}
		rmdir(dir);
	}
	free(path);
	return 0;
}
