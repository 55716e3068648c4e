/*
 * Test driver for market refreshes (tests/market_fetch_test.py), doing what
 * the TUI does with the market panel, minus the painting:
 *
 *   market_fetch_driver CONFIG CACHE [--offline] [--restore]
 *
 * Reads the market-source lines of CONFIG, asks the scheduler which sources
 * are due (after restoring their schedule from CACHE with --restore),
 * refreshes those through the fetch thread, stores each result as it comes
 * (market_job_apply(), on a connection of its own as the TUI's driver does),
 * stops the thread, then prints what the panel would show from the cache through
 * a connection of its own. --offline fetches nothing. Output lines:
 *   warning: FILE:LINE: market-source: REASON
 *   wait NAME: in N s                     (not due)
 *   submit NAME[ +holders]
 *   event NAME: ok, N tickers[, H holders][; warning: W]
 *   event NAME: error: REASON[; retry in N s]
 *   next NAME: in N s
 *   source NAME: N tickers, updated AGE[; last error: REASON]
 *     SYMBOL|NAME|PRICE|CAP|HOLDERS|CHANGE|POINTS|SPARKLINE
 * Exit status 0, or 1 when the config or the cache cannot be read, or 2
 * when an event did not arrive in time.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/settings.h"
#include "fetch/fetch.h"
#include "jobs/marketjob.h"
#include "market/format.h"
#include "market/source.h"
#include "store/store.h"
#include "store/tickers.h"
#include "util/xalloc.h"

#define WAIT_SECONDS 30
#define SPARK_CELLS 8

static void
print_ticker(struct store *s, const char *source, const struct market_ticker *t, time_t now)
{
	char p[MARKET_FMT_SIZE], m[MARKET_FMT_SIZE], h[MARKET_FMT_SIZE], c[MARKET_FMT_SIZE];
	double *v = NULL;
	size_t n = 0;
	char *spark;

	(void)now;
	if (store_tickers_history(s, source, t->id, STORE_TICKER_PRICE, SPARK_CELLS, &v, NULL,
	    &n) == -1) {
		printf("  history: %s\n", store_errmsg(s));
		return;
	}
	spark = market_sparkline(v, n, SPARK_CELLS, 0);
	printf("  %s|%s|%s|%s|%s|%s|%zu|%s\n", t->symbol, t->name != NULL ? t->name : "—",
	    market_fmt_price(t->price_usd, 0, p), market_fmt_money(t->market_cap_usd, 0, m),
	    market_fmt_holders(t->holders, 0, h), market_fmt_change(t->change_24h_pct, 0, c),
	    n, spark);
	free(spark);
	free(v);
}

static int
show_cache(const char *cache, const struct market_sources *l)
{
	char *err = NULL;
	struct store *s = store_open(cache, 0, &err);
	time_t now = time(NULL);

	if (s == NULL) {
		printf("cache: %s\n", err);
		free(err);
		return 1;
	}
	for (size_t i = 0; i < l->n; i++) {
		const char *name = l->v[i].name;
		struct store_ticker_status st;
		struct market_list *list = NULL;
		time_t updated = 0;
		char age[MARKET_FMT_SIZE];

		if (store_tickers_load(s, name, &list, &updated) == -1 ||
		    store_tickers_status(s, name, &st) == -1) {
			printf("cache: %s\n", store_errmsg(s));
			market_list_free(&list);
			store_close(&s);
			return 1;
		}
		printf("source %s: %zu tickers, updated %s", name, list->n,
		    market_fmt_age(now, updated, age));
		if (st.last_error != NULL)
			printf("; last error: %s", st.last_error);
		printf("\n");
		for (size_t j = 0; j < list->n; j++)
			print_ticker(s, name, &list->items[j], now);
		store_ticker_status_clear(&st);
		market_list_free(&list);
	}
	store_close(&s);
	return 0;
}

static void
print_event(const struct fetch_event *ev, const struct market_job_result *r, time_t now)
{
	if (r->ok) {
		printf("event %s: ok, %zu tickers", r->source, r->count);
		if (r->holders > 0)
			printf(", %zu holders", r->holders);
		if (r->warning != NULL)
			printf("; warning: %s", r->warning);
	} else {
		printf("event %s: error: %s", ev->url, ev->message);
		if (r->retry_after != 0)
			printf("; retry in %lld s", (long long)(r->retry_after - now));
	}
	printf("\n");
}

/* Refresh the due sources; 0, or 2 when their events did not all come. */
static int
refresh(const char *cache, struct market_sources *l, bool restore)
{
	struct fetch_options o;
	struct fetcher *f;
	struct store *st;
	char *err = NULL;
	size_t *due = xcalloc(l->n + 1, sizeof *due), ndue, left;
	time_t now = time(NULL), deadline;
	int ret = 0;

	if (restore) {
		struct store *s = store_open(cache, 0, &err);
		if (s == NULL || market_sources_restore(l, s, now) == -1) {
			printf("cache: %s\n", s == NULL ? err : store_errmsg(s));
			free(err);
			store_close(&s);
			free(due);
			return 1;
		}
		store_close(&s);
	}
	fetch_options_init(&o);
	o.connect_timeout = 5;
	o.timeout = 10;
	if ((st = store_open(cache, 0, &err)) == NULL) {
		printf("cache: %s\n", err);
		free(err);
		free(due);
		return 1;
	}
	if ((f = fetcher_start(&o, &err)) == NULL) {
		printf("fetcher: %s\n", err);
		free(err);
		free(due);
		store_close(&st);
		return 1;
	}
	ndue = market_schedule_due(l, now, due, l->n);
	for (size_t i = 0; i < l->n; i++) {
		const struct market_src *s = &l->v[i];
		bool is_due = false;

		for (size_t j = 0; j < ndue; j++)
			is_due = is_due || due[j] == i;
		if (!is_due)
			printf("wait %s: in %lld s\n", s->name, (long long)(s->next_due - now));
	}
	for (size_t j = 0; j < ndue; j++) {
		const struct market_src *s = &l->v[due[j]];
		printf("submit %s%s\n", s->name, s->want_holders ? " +holders" : "");
		market_job_submit(f, s);
	}
	fflush(stdout);

	left = ndue;
	deadline = time(NULL) + WAIT_SECONDS;
	while (left > 0 && time(NULL) < deadline) {
		struct pollfd pfd = { .fd = fetcher_fd(f), .events = POLLIN };
		struct fetch_event ev;

		poll(&pfd, 1, 200);
		while (fetcher_next_event(f, &ev)) {
			if (market_job_result(&ev) != NULL) {
				struct market_job_result *r = ev.data;
				time_t t = time(NULL);
				market_job_apply(st, r, t);
				if (!r->ok && ev.message == NULL)
					ev.message = xstrdup(r->error);	/* a store failure */
				print_event(&ev, r, t);
				market_schedule_done(l, r->source, t, r->retry_after);
				left--;
			}
			fetch_event_clear(&ev);
		}
	}
	if (left > 0) {
		printf("timeout: %zu refreshes did not report\n", left);
		ret = 2;
	}
	fetcher_stop(&f);
	store_close(&st);
	now = time(NULL);
	for (size_t i = 0; i < l->n; i++)
		printf("next %s: in %lld s\n", l->v[i].name, (long long)(l->v[i].next_due - now));
	free(due);
	return ret;
}

int
main(int argc, char **argv)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct config *cfg = NULL;
	struct market_sources *l;
	bool offline = false, restore = false;
	int ret;

	if (argc < 3) {
		fprintf(stderr, "usage: market_fetch_driver CONFIG CACHE [--offline] "
		    "[--restore]\n");
		return 1;
	}
	for (int i = 3; i < argc; i++) {
		offline = offline || strcmp(argv[i], "--offline") == 0;
		restore = restore || strcmp(argv[i], "--restore") == 0;
	}
	if (config_load(argv[1], true, &cfg, &d) != 0) {
		for (size_t i = 0; i < d.n; i++)
			printf("config: %s\n", d.v[i].msg);
		diag_list_clear(&d);
		config_free(&cfg);
		return 1;
	}
	l = market_sources_from_config(cfg, &d);
	for (size_t i = 0; i < d.n; i++)
		printf("%s: %s\n", d.v[i].level == DIAG_WARNING ? "warning" : "error",
		    d.v[i].msg);
	diag_list_clear(&d);
	ret = offline ? 0 : refresh(argv[2], l, restore);
	if (ret != 1 && show_cache(argv[2], l) != 0)
		ret = 1;
	market_sources_free(&l);
	config_free(&cfg);
	return ret;
}
