/*
 * newsreader dump-feed FILE|URL: parse one feed document and print it as the
 * JSON object of CLI.md. The parse is a session (dump_begin, feed_parser_push
 * per chunk, dump_end) so a body fetched over HTTP can be fed the same way
 * as a file read in 64 KiB chunks.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "feed/feed.h"
#include "jobs/feedsink.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/url.h"
#include "util/xalloc.h"

struct dump {
	struct feed_parser *parser;
	enum feed_format format;
	json_t *meta;		/* title, link, description, language */
	json_t *items;
};

static json_t *
jstr(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;
	return v ? v : json_null();
}

static json_t *
jdate(time_t t)
{
	char d[DATE_ISO_LEN];
	if (t == 0)
		return json_null();
	date_format_iso(t, d);
	return json_string(d);
}

static void
on_meta(const struct feed_meta *m, void *ud)
{
	struct dump *d = ud;
	d->format = m->format;
	json_object_set_new(d->meta, "title", jstr(m->title));
	json_object_set_new(d->meta, "link", jstr(m->link));
	json_object_set_new(d->meta, "description", jstr(m->description));
	json_object_set_new(d->meta, "language", jstr(m->language));
}

static void
on_item(const struct feed_item *it, void *ud)
{
	struct dump *d = ud;
	json_t *o = json_object(), *cats = json_array(), *encs = json_array();

	json_object_set_new(o, "id", jstr(it->id));
	json_object_set_new(o, "title", jstr(it->title));
	json_object_set_new(o, "link", jstr(it->link));
	json_object_set_new(o, "author", jstr(it->author));
	json_object_set_new(o, "published", jdate(it->published));
	json_object_set_new(o, "updated", jdate(it->updated));
	/* Flagged only when it happens (a compatible extension of CLI.md). */
	if (it->date_unparsed != NULL)
		json_object_set_new(o, "date_unparsed", json_string(it->date_unparsed));
	json_object_set_new(o, "summary", jstr(it->summary));
	json_object_set_new(o, "content", jstr(it->content));
	for (size_t i = 0; i < it->ncategories; i++)
		json_array_append_new(cats, jstr(it->categories[i]));
	json_object_set_new(o, "categories", cats);
	for (size_t i = 0; i < it->nenclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];
		json_t *eo = json_object();
		json_object_set_new(eo, "url", jstr(e->url));
		json_object_set_new(eo, "type", jstr(e->type));
		json_object_set_new(eo, "length", e->length >= 0 ? json_integer(e->length) : json_null());
		/* Additive keys (issue 16), only when the feed gives them, as
		 * date_unparsed: the output of older feeds stays byte for byte. */
		if (e->title != NULL)
			json_object_set_new(eo, "title", json_string(e->title));
		if (e->medium != NULL)
			json_object_set_new(eo, "medium", json_string(e->medium));
		if (e->duration >= 0)
			json_object_set_new(eo, "duration", json_integer(e->duration));
		json_array_append_new(encs, eo);
	}
	json_object_set_new(o, "enclosures", encs);
	json_object_set_new(o, "comments_feed", jstr(it->comments_feed));
	json_object_set_new(o, "comments_count",
	    it->comments_count >= 0 ? json_integer(it->comments_count) : json_null());
	json_array_append_new(d->items, o);
}

static const struct feed_sink dump_sink = { on_meta, on_item };

/* Start a session; doc_url and charset as for feed_parser_new(). */
static void
dump_begin(struct dump *d, const char *doc_url, const char *charset)
{
	memset(d, 0, sizeof *d);
	d->meta = json_object();
	d->items = json_array();
	d->parser = feed_parser_new(doc_url, charset, &dump_sink, d);
}

/* Print the collected document as the JSON object of CLI.md. */
static int
dump_print(struct dump *d)
{
	static const char *const keys[] = { "title", "link", "description", "language" };
	int rc = EXIT_OK;
	json_t *root = json_object();
	json_object_set_new(root, "format", json_string(feed_format_name(d->format)));
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		json_t *v = json_object_get(d->meta, keys[i]);
		json_object_set(root, keys[i], v ? v : json_null());
	}
	json_object_set(root, "items", d->items);
	/* Only for a damaged document read past (a compatible extension).
	 * Over http the fetcher owns the parser and does not pass it on yet. */
	if (d->parser != NULL && feed_parser_recovered(d->parser) != NULL)
		json_object_set_new(root, "recovered", json_string(feed_parser_recovered(d->parser)));
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (s == NULL || fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF ||
	    fflush(stdout) == EOF) {
		fprintf(stderr, "newsreader: dump-feed: cannot write the output: %s\n",
		    strerror(errno));
		rc = EXIT_FAIL;
	}
	free(s);
	json_decref(root);
	return rc;
}

static void
dump_free(struct dump *d)
{
	feed_parser_free(&d->parser);
	json_decref(d->meta);
	json_decref(d->items);
}

/* Finish the session: print the object, or the error line naming name. */
static int
dump_end(struct dump *d, const char *name, bool pushed_ok)
{
	int rc;
	if (feed_parser_finish(d->parser) < 0 || !pushed_ok) {
		fprintf(stderr, "%s: %s\n", name, feed_parser_error(d->parser) ?
		    feed_parser_error(d->parser) : "cannot parse the document");
		rc = EXIT_FAIL;
	} else {
		rc = dump_print(d);
	}
	dump_free(d);
	return rc;
}

/* http(s): the fetcher streams the body into its own parser with our sink. */
static int
dump_url(const struct cli_globals *g, const char *url)
{
	struct fetch_options o;
	struct dump d;
	char *err = NULL;
	int rc;

	if (g->offline) {
		fprintf(stderr, "%s: not fetched: --offline\n", url);
		return EXIT_FAIL;
	}
	fetch_options_init(&o);
	memset(&d, 0, sizeof d);
	d.meta = json_object();
	d.items = json_array();
	if (feed_fetch_url(url, &o, &dump_sink, &d, &err) < 0) {
		fprintf(stderr, "%s: %s\n", url, err ? err : "cannot fetch");
		rc = EXIT_FAIL;
	} else {
		rc = dump_print(&d);
	}
	free(err);
	dump_free(&d);
	return rc;
}

/* file:// URL of a local path, percent-encoding what URLs cannot hold. */
static char *
path_to_url(const char *path)
{
	char *real = realpath(path, NULL);
	struct buf b;
	buf_init(&b, 0);
	buf_append_str(&b, "file://");
	for (const unsigned char *c = (const unsigned char *)(real ? real : path); *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		    strchr("/-._~!$&'()*+,;=:@", *c))
			buf_append_char(&b, (char)*c);
		else
			buf_printf(&b, "%%%02X", *c);
	}
	free(real);
	return buf_detach(&b);
}

int
cmd_dump_feed(const struct cli_globals *g, int argc, char **argv)
{
	const char *arg;
	char *path, *url;

	if (argc != 2 || argv[1][0] == '\0' || strcmp(argv[1], "--help") == 0) {
		fprintf(stderr, "usage: newsreader dump-feed FILE|URL\n");
		return argc == 2 && strcmp(argv[1], "--help") == 0 ? EXIT_OK : EXIT_USAGE;
	}
	arg = argv[1];
	if (strncasecmp(arg, "http://", 7) == 0 || strncasecmp(arg, "https://", 8) == 0)
		return dump_url(g, arg);
	if (strncasecmp(arg, "file://", 7) == 0) {
		path = url_file_path(arg);
		if (path == NULL) {
			fprintf(stderr, "%s: only local file:// URLs can be read\n", arg);
			return EXIT_FAIL;
		}
		url = xstrdup(arg);
	} else {
		path = xstrdup(arg);
		url = path_to_url(arg);
	}

	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: cannot open: %s\n", arg, strerror(errno));
		free(path);
		free(url);
		return EXIT_FAIL;
	}
	struct dump d;
	dump_begin(&d, url, NULL);
	char *chunk = xmalloc(64 * 1024);
	bool ok = true;
	for (;;) {
		ssize_t n = read(fd, chunk, 64 * 1024);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "%s: cannot read: %s\n", arg, strerror(errno));
			ok = false;
			break;
		}
		if (n == 0 || feed_parser_push(d.parser, chunk, (size_t)n) < 0)
			break;
	}
	close(fd);
	free(chunk);
	int rc;
	if (!ok) {
		dump_free(&d);
		rc = EXIT_FAIL;
	} else {
		rc = dump_end(&d, arg, true);
	}
	free(path);
	free(url);
	return rc;
}
