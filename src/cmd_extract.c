/*
 * newsreader extract [--url URL] [--text] FILE|URL: reader mode on one page
 * (CLI.md). FILE may be "-" (stdin) or a file:// URL; http(s) URLs are
 * downloaded with the fetch module's synchronous runner, and their final URL
 * (after redirects) and HTTP charset are used unless --url overrides the URL.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "extract/extract.h"
#include "fetch/fetch.h"
#include "util/buf.h"
#include "util/url.h"
#include "util/xalloc.h"

/* Read all of fd; -1 with errno set on a read error. */
static int
read_fd(int fd, struct buf *b)
{
	char chunk[65536];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (!buf_append(b, chunk, (size_t)n)) {
			errno = EFBIG;
			return -1;
		}
	}
	return 0;
}

static int
read_file(const char *path, struct buf *b)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	int rc, saved;

	if (fd < 0)
		return -1;
	rc = read_fd(fd, b);
	saved = errno;
	if (fd != STDIN_FILENO)
		close(fd);
	errno = saved;
	return rc;
}

struct download {
	struct buf body;
	char *url;		/* effective URL */
	char *charset;
	char *err;
};

static int
dl_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	struct download *d = ud;

	(void)job;
	buf_append(&d->body, data, len);
	return 0;
}

static void
dl_done(struct fetch_job *job, void *ud, const struct fetch_response *r, const char *error)
{
	struct download *d = ud;

	(void)job;
	if (error != NULL) {
		d->err = xstrdup(error);
		return;
	}
	d->url = xstrdup_null(r->url);
	d->charset = xstrdup_null(r->charset);
}

static int
download(const char *url, struct download *d)
{
	static const struct fetch_job_ops ops = { .on_body = dl_body, .on_done = dl_done };
	struct fetch_request req = { .url = url };
	struct fetch_options o;

	fetch_options_init(&o);
	buf_init(&d->body, 0);
	fetch_run_sync(&o, &req, &ops, d);
	return d->err != NULL ? -1 : 0;
}

static void
usage(FILE *out)
{
	fprintf(out, "Usage: newsreader extract [--url URL] [--text] FILE|URL\n");
}

int
cmd_extract(const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "text", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct download d = { BUF_INIT, NULL, NULL, NULL };
	struct extract_opts eo = { NULL, NULL };
	struct extract_article *a;
	const char *url = NULL, *src;
	bool text = false;
	char *err = NULL, *path = NULL;
	int c, rc = EXIT_FAIL;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'u': url = optarg; break;
		case 't': text = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: usage(stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "newsreader: extract: expected one FILE or URL\n");
		usage(stderr);
		return EXIT_USAGE;
	}
	src = argv[optind];

	if (strncasecmp(src, "http://", 7) == 0 || strncasecmp(src, "https://", 8) == 0) {
		if (g->offline) {
			fprintf(stderr, "newsreader: extract: %s: not fetched with --offline\n", src);
			return EXIT_FAIL;
		}
		if (download(src, &d) != 0) {
			fprintf(stderr, "newsreader: extract: %s: %s\n", src, d.err);
			goto out;
		}
		eo.url = url != NULL ? url : d.url != NULL ? d.url : src;
		eo.charset = d.charset;
	} else {
		if (strncasecmp(src, "file://", 7) == 0) {
			path = url_file_path(src);
			if (path == NULL) {
				fprintf(stderr, "newsreader: extract: %s: only local file:// URLs can be read\n", src);
				goto out;
			}
			eo.url = url != NULL ? url : src;
		} else {
			path = xstrdup(src);
			eo.url = url;
		}
		if (read_file(path, &d.body) != 0) {
			fprintf(stderr, "newsreader: extract: %s: %s\n", src, strerror(errno));
			goto out;
		}
	}

	a = extract_page(d.body.data != NULL ? d.body.data : "", d.body.len, &eo, &err);
	if (a == NULL) {
		fprintf(stderr, "newsreader: extract: %s: %s\n", src, err);
		free(err);
		goto out;
	}
	fputs(text ? a->text : a->html, stdout);
	extract_article_free(&a);
	rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
	if (rc != EXIT_OK)
		fprintf(stderr, "newsreader: extract: standard output: %s\n", strerror(errno));
out:
	free(path);
	free(d.url);
	free(d.charset);
	free(d.err);
	buf_free(&d.body);
	return rc;
}
