/*
 * The feed parser as a job's body sink (feedsink.h).
 */
#include "config.h"

#include <stdlib.h>

#include "jobs/feedsink.h"
#include "util/xalloc.h"

static char *
parse_error(const struct feed_body *b)
{
	const char *e = feed_parser_error(b->parser);

	return xasprintf("parse error: %s", e != NULL ? e : "not a feed");
}

int
feed_body_start(struct feed_body *b, const struct fetch_response *r)
{
	feed_parser_free(&b->parser);
	b->parser = feed_parser_new(r->url, r->charset, b->sink, b->ud);
	/* The document's language when it names none (xml:lang, <language>). */
	feed_parser_set_http_language(b->parser, r->content_language);
	return 0;
}

int
feed_body_push(struct feed_body *b, struct fetch_job *job, const char *data, size_t len)
{
	if (feed_parser_push(b->parser, data, len) != 0) {
		char *why = parse_error(b);
		fetch_job_fail(job, "%s", why);
		free(why);
		return -1;
	}
	return 0;
}

char *
feed_body_finish(struct feed_body *b, const struct fetch_response *r)
{
	if (b->parser == NULL)	/* an empty body: the parser says what it lacks */
		feed_body_start(b, r);
	return feed_parser_finish(b->parser) != 0 ? parse_error(b) : NULL;
}

void
feed_body_clear(struct feed_body *b)
{
	feed_parser_free(&b->parser);
}

/* ---- Synchronously, for dump-feed ---- */

struct sync_feed {
	struct feed_body body;
	char *err;
};

static int
sync_body_start(struct fetch_job *job, void *ud, const struct fetch_response *r)
{
	(void)job;
	return feed_body_start(&((struct sync_feed *)ud)->body, r);
}

static int
sync_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	return feed_body_push(&((struct sync_feed *)ud)->body, job, data, len);
}

static void
sync_done(struct fetch_job *job, void *ud, const struct fetch_response *r, const char *error)
{
	struct sync_feed *sf = ud;

	(void)job;
	sf->err = error != NULL ? xstrdup(error) : feed_body_finish(&sf->body, r);
}

int
feed_fetch_url(const char *url, const struct fetch_options *o,
    const struct feed_sink *sink, void *ud, char **err)
{
	static const struct fetch_job_ops ops = {
		.on_body_start = sync_body_start,
		.on_body = sync_body,
		.on_done = sync_done,
	};
	struct fetch_request req = { .url = url, .allow_file = true };
	struct sync_feed sf = { .body = { .sink = sink, .ud = ud } };

	fetch_run_sync(o, &req, &ops, &sf);
	feed_body_clear(&sf.body);
	*err = sf.err;
	return sf.err != NULL ? -1 : 0;
}
