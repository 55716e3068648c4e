/*
 * Synchronous transfers for subcommands (dump-feed URL, extract URL): the
 * same job callbacks, options and failure reasons as the fetch thread, run
 * with curl_easy_perform on the calling thread.
 */
#include "config.h"

#include <stdlib.h>

#include "fetch/fetch_int.h"
#include "util/xalloc.h"

void
fetch_run_sync(const struct fetch_options *o, const struct fetch_request *req,
    const struct fetch_job_ops *ops, void *ud)
{
	struct fetch_job *job = fetch_job_new(req, ops, ud, o->max_body);
	CURLcode code;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (job->ops.prepare == NULL || job->ops.prepare(job, job->ud) == FETCH_GO) {
		fetch_transfer_setup(job, o);
		code = curl_easy_perform(job->easy);
		fetch_transfer_done(job, code);
	}
	fetch_job_free(job);
	curl_global_cleanup();
}

struct sync_feed {
	const struct feed_sink *sink;
	void *ud;
	struct feed_parser *parser;
	char *err;
};

static int
sync_body_start(struct fetch_job *job, void *ud, const struct fetch_response *r)
{
	struct sync_feed *sf = ud;

	(void)job;
	sf->parser = feed_parser_new(r->url, r->charset, sf->sink, sf->ud);
	return 0;
}

static int
sync_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	struct sync_feed *sf = ud;

	if (feed_parser_push(sf->parser, data, len) != 0) {
		const char *e = feed_parser_error(sf->parser);
		fetch_job_fail(job, "parse error: %s", e != NULL ? e : "not a feed");
		return -1;
	}
	return 0;
}

static void
sync_done(struct fetch_job *job, void *ud, const struct fetch_response *r, const char *error)
{
	struct sync_feed *sf = ud;

	(void)job;
	if (error != NULL) {
		sf->err = xstrdup(error);
		return;
	}
	if (sf->parser == NULL)
		sf->parser = feed_parser_new(r->url, r->charset, sf->sink, sf->ud);
	if (feed_parser_finish(sf->parser) != 0) {
		const char *e = feed_parser_error(sf->parser);
		sf->err = xasprintf("parse error: %s", e != NULL ? e : "not a feed");
	}
}

int
fetch_feed_url(const char *url, const struct fetch_options *o,
    const struct feed_sink *sink, void *ud, char **err)
{
	static const struct fetch_job_ops ops = {
		.on_body_start = sync_body_start,
		.on_body = sync_body,
		.on_done = sync_done,
	};
	struct fetch_request req = { .url = url, .allow_file = true };
	struct sync_feed sf = { .sink = sink, .ud = ud };

	fetch_run_sync(o, &req, &ops, &sf);
	feed_parser_free(&sf.parser);
	if (sf.err != NULL) {
		*err = sf.err;
		return -1;
	}
	*err = NULL;
	return 0;
}
