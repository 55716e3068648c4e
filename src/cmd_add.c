/*
 * newsreader add [--pick N] URL: add one feed to the urls file. A feed's
 * URL is added as given. A web page is never stored: its feeds are found
 * through <link rel="alternate"> (or, when it names none, the usual
 * addresses at its site's root), each is fetched to check that it is a feed
 * and to learn its title, and the list is printed on stdout, one feed a
 * line: "N<TAB>URL<TAB>TITLE". With exactly one feed, or with --pick N,
 * that feed is added. Exit 0 when the chosen feed is in the urls file
 * afterwards (added now or already there), 1 when nothing could be chosen.
 * The urls file is appended to the way import does it: the old bytes plus
 * one line, written next to it and renamed over it.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "cmd_urls.h"
#include "config/diag.h"
#include "config/fileio.h"
#include "config/paths.h"
#include "config/urls.h"
#include "feed/feed.h"
#include "fetch/fetch.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* One downloaded document and what the feed parser made of it. */
struct probe {
	struct buf body;
	char *url;		/* effective URL after redirects (owned) */
	char *content_type;	/* owned, or NULL */
	char *charset;		/* owned, or NULL */
	char *err;		/* the transfer's failure reason (owned), or NULL */
	bool is_feed;
	char *title;		/* the feed's title (owned), or NULL */
	char *parse_err;	/* why it is not a feed (owned), or NULL */
};

static int
probe_body_start(struct fetch_job *job, void *ud, const struct fetch_response *r)
{
	struct probe *p = ud;

	(void)job;
	free(p->url);
	free(p->content_type);
	free(p->charset);
	p->url = xstrdup(r->url);
	p->content_type = r->content_type ? xstrdup(r->content_type) : NULL;
	p->charset = r->charset ? xstrdup(r->charset) : NULL;
	buf_reset(&p->body);
	return 0;
}

static int
probe_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	(void)job;
	buf_append(&((struct probe *)ud)->body, data, len);
	return 0;
}

static void
probe_done(struct fetch_job *job, void *ud, const struct fetch_response *r, const char *error)
{
	struct probe *p = ud;

	(void)job;
	if (error != NULL)
		p->err = xstrdup(error);
	else if (p->url == NULL)	/* an empty body: no body_start */
		p->url = xstrdup(r->url);
}

static void
title_meta(const struct feed_meta *m, void *ud)
{
	char **title = ud;
	if (*title == NULL && m->title != NULL && m->title[0] != '\0')
		*title = xstrdup(m->title);
}

static void
title_item(const struct feed_item *it, void *ud)
{
	(void)it;
	(void)ud;
}

/* Download url and try it as a feed. Returns 0, or -1 when the download
 * failed (p->err says why). */
static int
probe_run(const char *url, bool allow_file, const struct fetch_options *o, struct probe *p)
{
	static const struct fetch_job_ops ops = {
		.on_body_start = probe_body_start,
		.on_body = probe_body,
		.on_done = probe_done,
	};
	static const struct feed_sink sink = { title_meta, title_item };
	struct fetch_request req = { .url = url, .allow_file = allow_file };

	memset(p, 0, sizeof *p);
	buf_init(&p->body, o->max_body);
	fetch_run_sync(o, &req, &ops, p);
	if (p->err != NULL)
		return -1;

	struct feed_parser *fp = feed_parser_new(p->url, p->charset, &sink, &p->title);
	int rc = feed_parser_push(fp, p->body.data ? p->body.data : "", p->body.len);
	if (rc == 0)
		rc = feed_parser_finish(fp);
	p->is_feed = rc == 0 && feed_parser_format(fp) != FEED_FORMAT_UNKNOWN;
	if (!p->is_feed) {
		const char *e = feed_parser_error(fp);
		p->parse_err = xstrdup(e != NULL ? e : "not a feed");
	}
	feed_parser_free(&fp);
	return 0;
}

static void
probe_free(struct probe *p)
{
	buf_free(&p->body);
	free(p->url);
	free(p->content_type);
	free(p->charset);
	free(p->err);
	free(p->title);
	free(p->parse_err);
}

static bool
probe_is_page(const struct probe *p)
{
	const char *t = p->content_type;
	if (t != NULL && (strncasecmp(t, "text/html", 9) == 0 ||
	    strncasecmp(t, "application/xhtml+xml", 21) == 0))
		return true;
	return feed_looks_like_html(p->body.data ? p->body.data : "", p->body.len);
}

struct found {
	char *url;
	char *title;	/* may be NULL */
};

/* Fetch every candidate and keep the feeds; warn (quietly for the guessed
 * fallbacks, which are expected to be missing) about the others. */
static size_t
check_candidates(char **cand, size_t ncand, bool warn, bool allow_file,
    const struct fetch_options *o, struct found *out, size_t nout)
{
	for (size_t i = 0; i < ncand; i++) {
		struct probe p;
		if (!urls_supported(cand[i])) {
			if (warn)
				fprintf(stderr, "newsreader: add: warning: %s: unsupported URL "
				    "(expected http, https or file; skipped)\n", cand[i]);
			continue;
		}
		if (probe_run(cand[i], allow_file, o, &p) == -1 || !p.is_feed) {
			if (warn)
				fprintf(stderr, "newsreader: add: warning: %s: %s (skipped)\n",
				    cand[i], p.err ? p.err : p.parse_err);
		} else {
			out[nout].url = xstrdup(cand[i]);
			out[nout].title = p.title;
			p.title = NULL;
			nout++;
		}
		probe_free(&p);
	}
	return nout;
}

/* Append url's line to the urls file unless it is listed already. Returns
 * an exit code; tells the user what happened on stderr. */
static int
append_url(const struct cli_globals *g, const char *url, const char *title)
{
	struct urls_list *have = NULL;
	struct urls_entry e = { .url = (char *)url };
	struct buf out = BUF_INIT;
	char *urls_path = paths_urls_file(g->urls_path), *line;
	int rc;

	if ((rc = cmd_urls_load(urls_path, &have, &out)) != EXIT_OK)
		goto out;
	if (urls_list_find(have, url) >= 0) {
		fprintf(stderr, "newsreader: add: %s is already in %s (nothing added)\n",
		    url, urls_path);
		goto out;
	}
	line = urls_format_entry(&e);
	buf_append_str(&out, line);
	free(line);
	if ((rc = cmd_urls_write(urls_path, &out)) != EXIT_OK)
		goto out;
	if (title != NULL)
		fprintf(stderr, "newsreader: add: added %s (%s) to %s\n", url, title, urls_path);
	else
		fprintf(stderr, "newsreader: add: added %s to %s\n", url, urls_path);
out:
	buf_free(&out);
	urls_list_free(&have);
	free(urls_path);
	return rc;
}

static int
usage_error(void)
{
	fprintf(stderr, "Usage: newsreader add [--pick N] URL\n"
	    "Try 'newsreader --help' for more information.\n");
	return EXIT_USAGE;
}

int
cmd_add(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "pick", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct fetch_options o;
	struct probe page;
	struct found *feeds = NULL;
	size_t nfeeds = 0;
	long pick = 0;
	int c, rc = EXIT_FAIL;

	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'p':
			errno = 0;
			pick = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' || pick < 1) {
				fprintf(stderr, "newsreader: add: --pick: '%s' is not a number "
				    "from 1\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			printf("Usage: newsreader add [--pick N] URL\n");
			return EXIT_OK;
		default:
			return usage_error();
		}
	}
	if (argc - optind != 1 || argv[optind][0] == '\0')
		return usage_error();
	const char *url = argv[optind];
	if (!urls_supported(url)) {
		fprintf(stderr, "newsreader: add: %s: unsupported URL (expected http, https "
		    "or file)\n", url);
		return EXIT_USAGE;
	}
	if (g->offline) {
		fprintf(stderr, "newsreader: add: %s: not fetched: --offline (nothing added)\n",
		    url);
		return EXIT_FAIL;
	}
	fetch_options_init(&o);
	bool allow_file = strncasecmp(url, "file://", 7) == 0;
	if (probe_run(url, allow_file, &o, &page) == -1) {
		fprintf(stderr, "newsreader: add: %s: %s (nothing added)\n", url, page.err);
		goto out;
	}
	if (page.is_feed) {
		if (pick > 1) {
			fprintf(stderr, "newsreader: add: --pick %ld: %s is a feed itself, the "
			    "only one to pick\n", pick, url);
			rc = EXIT_USAGE;
			goto out;
		}
		printf("1\t%s\t%s\n", url, page.title ? page.title : "");
		rc = append_url(g, url, page.title);
		goto out;
	}
	if (!probe_is_page(&page)) {
		fprintf(stderr, "newsreader: add: %s: neither a feed nor a web page: parse "
		    "error: %s (nothing added)\n", url, page.parse_err);
		goto out;
	}

	char **cand = NULL;
	size_t ncand = feed_discover(page.body.data ? page.body.data : "", page.body.len,
	    page.url, &cand);
	bool fallback = ncand == 0;
	if (fallback)
		ncand = feed_discover_fallbacks(page.url, &cand);
	feeds = xcalloc(ncand + 1, sizeof *feeds);
	nfeeds = check_candidates(cand, ncand, !fallback, allow_file, &o, feeds, 0);
	feed_discover_free(&cand, ncand);
	if (nfeeds == 0) {
		if (fallback)
			fprintf(stderr, "newsreader: add: %s: a web page that names no feed, and "
			    "none of /feed, /rss.xml, /atom.xml, /feed.json at its site is one "
			    "(nothing added)\n", url);
		else
			fprintf(stderr, "newsreader: add: %s: a web page whose announced feeds "
			    "are not feeds (nothing added)\n", url);
		goto out;
	}
	for (size_t i = 0; i < nfeeds; i++)
		printf("%zu\t%s\t%s\n", i + 1, feeds[i].url, feeds[i].title ? feeds[i].title : "");
	fflush(stdout);
	if (pick > (long)nfeeds) {
		fprintf(stderr, "newsreader: add: --pick %ld: %s has %zu feed%s (nothing "
		    "added)\n", pick, url, nfeeds, nfeeds == 1 ? "" : "s");
		rc = EXIT_USAGE;
		goto out;
	}
	if (pick == 0 && nfeeds > 1) {
		fprintf(stderr, "newsreader: add: %s is a web page with %zu feeds; choose one "
		    "with --pick N (nothing added)\n", url, nfeeds);
		goto out;
	}
	struct found *f = &feeds[pick > 0 ? pick - 1 : 0];
	rc = append_url(g, f->url, f->title);
out:
	for (size_t i = 0; i < nfeeds; i++) {
		free(feeds[i].url);
		free(feeds[i].title);
	}
	free(feeds);
	probe_free(&page);
	return rc;
}
