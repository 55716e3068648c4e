/*
 * newsreader reload (CLI.md): fetch every feed of the urls file once (the
 * bundled demo list when there is none), store what changed, exit. The
 * market tickers and the comment feeds that are due are refreshed too.
 *
 * The work is the driver's (src/driver), exactly as in the TUI; this
 * command only lists the feeds in the store, asks the driver for a reload,
 * and reports its outcomes on stderr: a progress bar when stderr is a
 * terminal, one plain line per feed otherwise, failures always, and a
 * summary line at the end. Full-text pages (feeds that ask for them) are
 * fetched in the same run; a line before the summary says how many were
 * stored, and each failed page has a line of its own.
 * Exit 0 once every feed was attempted, failed ones included; EXIT_CONFIG or
 * EXIT_CACHE only when the config or the cache is the problem.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "comments/comments.h"
#include "config/load.h"
#include "config/paths.h"
#include "driver/driver.h"
#include "fetch/fetch.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xalloc.h"

/*
 * The fetch thread commits items with their search indexing put off
 * (feedjob.c). When a reload wrote no more than this many articles, it
 * indexes them before it exits (a few tens of milliseconds), so the usual
 * small reload leaves nothing waiting; after a bigger one the first search
 * or the TUI's idle time does it.
 */
#define RELOAD_INDEX_MAX 1000

/* A signal handler can reach only a file-scope variable: the write end of
 * the self-pipe that turns SIGINT/SIGTERM into a poll() event. */
static int signal_pipe_w = -1;

static void
on_signal(int sig)
{
	unsigned char c = (unsigned char)sig;
	int saved = errno;
	ssize_t w = write(signal_pipe_w, &c, 1);

	(void)w;
	errno = saved;
}

struct reload_report {
	bool tty;		/* stderr is a terminal: draw a bar */
	bool utf8;
	bool bar_shown;
	size_t nfeeds;
	unsigned done, total;	/* jobs of the batch (feeds and the others) */
	unsigned feeds_done;
	unsigned updated, unchanged, failed, skipped;
	unsigned long long changed;	/* articles written, over all feeds */
	bool cache_error;	/* a feed failed because of the cache itself */
	unsigned pages_ok, pages_failed;	/* full-text pages */
	bool syncing;		/* urls-source ttrss|greader */
	bool sync_failed;
};

static int
term_width(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	return 80;
}

static void
bar_clear(struct reload_report *r)
{
	if (r->bar_shown)
		fputs("\r\033[K", stderr);
	r->bar_shown = false;
}

/* "Reloading 37/200 ▕██████░░░░▏ 2 failed", redrawn in place. */
static void
bar_draw(struct reload_report *r)
{
	struct buf b = BUF_INIT;
	char tail[64];
	int width, cells, filled;

	if (!r->tty || r->total == 0)
		return;
	snprintf(tail, sizeof tail, r->failed > 0 ? " %u failed" : "", r->failed);
	width = term_width();
	cells = width - 30 - (int)strlen(tail);
	if (cells > 40)
		cells = 40;
	if (cells < 5)
		cells = 5;
	filled = (int)((long long)cells * r->done / r->total);
	buf_printf(&b, "\rReloading %u/%u %s", r->done, r->total, r->utf8 ? "▕" : "[");
	for (int i = 0; i < cells; i++)
		buf_append_str(&b, i < filled ? (r->utf8 ? "█" : "#") : (r->utf8 ? "░" : "-"));
	buf_printf(&b, "%s%s\033[K", r->utf8 ? "▏" : "]", tail);
	fputs(buf_str(&b), stderr);
	fflush(stderr);
	buf_free(&b);
	r->bar_shown = true;
}

/* One line about one feed, above the bar when there is one. */
static void
feed_line(struct reload_report *r, const char *url, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
feed_line(struct reload_report *r, const char *url, const char *fmt, ...)
{
	va_list ap;

	bar_clear(r);
	fprintf(stderr, "newsreader: %s: ", url);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	bar_draw(r);
}

static const char *
plural(unsigned long long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
report_feed(struct reload_report *r, const struct feed_job_result *f)
{
	char when[64];
	struct tm tm;

	r->feeds_done++;
	switch (f->outcome) {
	case FEED_JOB_UPDATED:
		r->updated++;
		r->changed += f->changed;
		if (!r->tty)
			feed_line(r, f->url, "%u new or changed %s", f->changed,
			    plural(f->changed, "article", "articles"));
		break;
	case FEED_JOB_UNCHANGED:
		r->unchanged++;
		if (!r->tty)
			feed_line(r, f->url, "unchanged");
		break;
	case FEED_JOB_FAILED:
		r->failed++;
		if (f->error != NULL && strncmp(f->error, "cache: ", 7) == 0)
			r->cache_error = true;
		feed_line(r, f->url, "%s", f->error != NULL ? f->error : "failed");
		break;
	case FEED_JOB_SKIPPED:
		r->skipped++;
		gmtime_r(&f->retry_after, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
		feed_line(r, f->url, "skipped: retry after %s (in %lld s)", when,
		    (long long)(f->retry_after - time(NULL)));
		break;
	}
}

/* A sync's outcome: the server's own reason when it failed. */
static void
report_sync(struct reload_report *r, const struct sync_job_result *y)
{
	if (!y->ok) {
		r->sync_failed = true;
		if (y->error != NULL && strncmp(y->error, "cache: ", 7) == 0)
			r->cache_error = true;
		feed_line(r, y->source, "sync failed: %s", y->error != NULL ? y->error : "failed");
		return;
	}
	r->changed += y->new_items;
	feed_line(r, y->source, "synced %u %s: %u new or changed %s, %u %s sent, "
	    "%u changed on the server (%u %s)", y->feeds, plural(y->feeds, "feed", "feeds"),
	    y->new_items, plural(y->new_items, "article", "articles"), y->sent,
	    plural(y->sent, "change", "changes"), y->state_changes, y->requests,
	    plural(y->requests, "request", "requests"));
}

/* Returns true when the batch is over. */
static bool
report(struct reload_report *r, const struct driver_outcome *o)
{
	const struct market_job_result *m = o->market;

	switch (o->kind) {
	case DRIVER_FEED:
		report_feed(r, o->feed);
		break;
	case DRIVER_MARKET:
		if (!m->ok)
			feed_line(r, m->source, "market data: %s",
			    m->error != NULL ? m->error : "failed");
		else if (!r->tty)
			feed_line(r, m->source, "market data: %zu %s", m->count,
			    plural(m->count, "ticker", "tickers"));
		break;
	case DRIVER_SYNC:
		report_sync(r, o->sync);
		break;
	case DRIVER_COMMENTS:
		if (o->comments.kind == COMMENTS_LOAD_FAILED ||
		    o->comments.kind == COMMENTS_POST_FAILED)
			feed_line(r, o->ev.url != NULL ? o->ev.url : "comments", "comments: %s",
			    o->comments.message != NULL ? o->comments.message : "failed");
		break;
	case DRIVER_REPOST:	/* only the reader sends reposts */
		break;
	case DRIVER_PAGE:
		if (o->page->ok)
			r->pages_ok++;
		else if (!o->page->stopped) {
			r->pages_failed++;
			feed_line(r, o->page->url, "full text: %s",
			    o->page->error != NULL ? o->page->error : "failed");
		}
		break;
	case DRIVER_PROGRESS:
		r->done = o->done;
		r->total = o->total;
		bar_draw(r);
		break;
	case DRIVER_ALL_DONE:
		return true;
	case DRIVER_OTHER:
		break;
	}
	return false;
}

static void
print_diags(const struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "newsreader: %s%s\n",
		    d->v[i].level == DIAG_WARNING ? "warning: " : "", d->v[i].msg);
}

static void
options_from_config(struct fetch_options *o, const struct config *c)
{
	fetch_options_init(o);
	o->max_total = (unsigned)c->max_parallel;
	o->max_per_host = (unsigned)c->max_per_host;
	o->timeout = c->download_timeout;
	o->connect_timeout = c->connect_timeout;
	o->max_body = (size_t)c->max_body_size << 20;
	o->script_timeout = c->script_timeout;
}

/* Give every listed feed its row (and the user's title and tags) at once. */
static int
ensure_feeds(struct store *s, const struct urls_list *urls)
{
	if (store_begin(s) != 0)
		return -1;
	for (size_t i = 0; i < urls->n; i++) {
		const struct urls_entry *e = &urls->v[i];
		struct buf tags = BUF_INIT;
		int64_t id;

		for (size_t t = 0; t < e->ntags; t++)
			buf_printf(&tags, "%s%s", t > 0 ? " " : "", e->tags[t]);
		id = store_feed_ensure(s, e->url, e->title, e->ntags > 0 ? buf_str(&tags) : NULL);
		buf_free(&tags);
		if (id < 0) {
			store_rollback(s);
			return -1;
		}
	}
	return store_commit(s);
}

/* Run the batch until every job is done or a signal comes; 0 or the signal. */
static int
wait_for_jobs(struct fetcher *f, struct driver *d, int sigfd, struct reload_report *r)
{
	struct pollfd pfd[2] = {
		{ .fd = fetcher_fd(f), .events = POLLIN },
		{ .fd = sigfd, .events = POLLIN },
	};
	struct driver_outcome o;
	bool all_done = false;

	/* The pages a feed asks for are queued when its job ends, so the
	 * fetcher's batch may end before them: the run is over when it has
	 * and no page is left. */
	while (!all_done || driver_pages_busy(d) > 0) {
		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			return SIGTERM;
		}
		if (pfd[1].revents & POLLIN) {
			unsigned char sig = SIGTERM;
			if (read(sigfd, &sig, 1) != 1)
				sig = SIGTERM;
			return sig;
		}
		while (driver_next(d, time(NULL), &o)) {
			if (report(r, &o))
				all_done = true;
			driver_outcome_clear(&o);
		}
	}
	return 0;
}

int
cmd_reload(const struct cli_globals *g, int argc, char **argv)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct app_config *a = NULL;
	struct reload_report r = { 0 };
	struct fetch_options o;
	struct store *s = NULL;
	struct fetcher *f = NULL;
	struct driver *drv = NULL;
	struct comments *cm = NULL;
	struct driver_setup ds;
	size_t jobs;
	struct sigaction sa, old_int, old_term;
	const char **urls = NULL;
	int64_t before, after;
	char *err = NULL;
	int sigpipe[2] = { -1, -1 }, sig, rc = EXIT_OK;

	if (argc > 1) {
		fprintf(stderr, "newsreader: reload: unexpected argument '%s'\n"
		    "Try 'newsreader --help' for more information.\n", argv[1]);
		return EXIT_USAGE;
	}
	if (g->offline) {
		fprintf(stderr, "newsreader: reload: offline, nothing fetched\n");
		return EXIT_OK;
	}
	if (config_load_all(g, &a, &d) != 0) {
		print_diags(&d);
		diag_list_clear(&d);
		return EXIT_CONFIG;
	}
	print_diags(&d);
	diag_list_clear(&d);
	if (a->using_demo)
		fprintf(stderr, "newsreader: no urls file: reloading the bundled demo feeds\n");

	if ((s = store_open(a->cache_path, 0, &err)) == NULL) {
		fprintf(stderr, "newsreader: %s\n", err);
		free(err);
		app_config_free(&a);
		return EXIT_CACHE;
	}
	r.syncing = a->config->urls_source != CONFIG_URLS_LOCAL;
	if (ensure_feeds(s, a->urls) != 0 || (before = store_unread_count(s)) < 0) {
		fprintf(stderr, "newsreader: %s\n", store_errmsg(s));
		store_close(&s);
		app_config_free(&a);
		return EXIT_CACHE;
	}
	options_from_config(&o, a->config);
	if ((f = fetcher_start(&o, &err)) == NULL) {
		fprintf(stderr, "newsreader: %s\n", err);
		free(err);
		store_close(&s);
		app_config_free(&a);
		return EXIT_FAIL;
	}
	char *log_path = paths_log_file();
	ds = (struct driver_setup){ .fetch = f, .store = s, .cache_path = a->cache_path,
	    .config = a->config, .log_path = log_path };
	drv = driver_new(&ds, &d, &err);
	free(log_path);
	if (drv == NULL) {
		fprintf(stderr, "newsreader: %s\n", err);
		free(err);
		fetcher_stop(&f);
		store_close(&s);
		app_config_free(&a);
		return EXIT_CACHE;
	}
	print_diags(&d);
	diag_list_clear(&d);
	cm = comments_new(s, a->config, f);
	driver_set_comments(drv, cm);

	/* Ctrl-C and SIGTERM stop the thread the normal way: nothing half-written. */
	if (pipe(sigpipe) != 0)
		sigpipe[0] = sigpipe[1] = -1;
	signal_pipe_w = sigpipe[1];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);

	r.tty = isatty(STDERR_FILENO);
	r.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	r.nfeeds = a->urls->n;
	if (r.syncing && sync_urls_from_store(s, a->config, a->urls) == 0)
		r.nfeeds = a->urls->n;
	urls = xcalloc(a->urls->n + 1, sizeof *urls);
	for (size_t i = 0; i < a->urls->n; i++)
		urls[i] = a->urls->v[i].url;
	jobs = driver_reload(drv, urls, a->urls->n, time(NULL));
	sig = jobs > 0 ? wait_for_jobs(f, drv, sigpipe[0], &r) : 0;
	fetcher_stop(&f);
	comments_free(&cm);
	driver_free(&drv);
	bar_clear(&r);

	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	signal_pipe_w = -1;
	if (sigpipe[0] != -1) {
		close(sigpipe[0]);
		close(sigpipe[1]);
	}

	if (sig != 0) {
		fprintf(stderr, "newsreader: reload: interrupted after %u of %zu %s\n",
		    r.feeds_done, r.nfeeds, plural(r.nfeeds, "feed", "feeds"));
		rc = 128 + sig;
	} else {
		after = store_unread_count(s);
		unsigned long long fresh = after > before ? (unsigned long long)(after - before) : 0;

		if (r.pages_ok + r.pages_failed > 0)
			fprintf(stderr, "full text: %u %s stored, %u failed\n", r.pages_ok,
			    plural(r.pages_ok, "page", "pages"), r.pages_failed);
		if (r.syncing) {
			/* The feed list is the server's, as this sync left it. */
			if (sync_urls_from_store(s, a->config, a->urls) == 0)
				r.nfeeds = a->urls->n;
			if (r.sync_failed)
				rc = EXIT_FAIL;
		}
		if (r.syncing)
			fprintf(stderr, "%s %zu %s from %s", r.sync_failed ? "kept" : "synced",
			    r.nfeeds, plural(r.nfeeds, "feed", "feeds"),
			    a->config->urls_source == CONFIG_URLS_TTRSS ? "Tiny Tiny RSS" :
			    "the Google Reader API server");
		else
			fprintf(stderr, "reloaded %zu %s: %u updated, %u unchanged, %u failed",
			    r.nfeeds, plural(r.nfeeds, "feed", "feeds"), r.updated, r.unchanged,
			    r.failed);
		if (r.skipped > 0)
			fprintf(stderr, ", %u skipped", r.skipped);
		fprintf(stderr, ", %llu new %s\n", fresh, plural(fresh, "article", "articles"));
		if (r.cache_error)
			rc = EXIT_CACHE;
		/* Optional: never wait for another writer's lock for it, and
		 * an item left unindexed is indexed by the next search. */
		if (r.changed > 0 && r.changed <= RELOAD_INDEX_MAX) {
			store_set_busy_timeout(s, 0);
			store_search_catch_up(s, RELOAD_INDEX_MAX);
		}
	}
	free(urls);
	store_close(&s);
	app_config_free(&a);
	return rc;
}
