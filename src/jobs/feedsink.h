/*
 * A feed parser as a job's body sink: the one adapter between src/fetch's
 * job callbacks and src/feed's streaming parser, used by the feed jobs, the
 * comment feed jobs and `dump-feed URL`. The parser is created with the
 * final response's URL (for relative links) and charset when the body
 * starts, is fed every chunk, and is finished when the transfer ends; a
 * document it cannot read fails the job with one wording:
 * "parse error: line N: reason" (or "parse error: not a feed").
 */
#ifndef NR_JOBS_FEEDSINK_H
#define NR_JOBS_FEEDSINK_H

#include "feed/feed.h"
#include "fetch/fetch.h"

/*
 * Embedded in a job's user data; zero it, then set sink and ud (which go to
 * the parser). feed_body_clear() frees the parser.
 */
struct feed_body {
	const struct feed_sink *sink;
	void *ud;
	struct feed_parser *parser;	/* owned; NULL before the body starts */
};

/* For on_body_start: a new parser for the response. Returns 0. */
int feed_body_start(struct feed_body *b, const struct fetch_response *r);
/* For on_body: push the bytes; on a parse error fail the job (the reason as
 * above) and return -1. */
int feed_body_push(struct feed_body *b, struct fetch_job *job, const char *data,
    size_t len);
/* For on_done of a successful transfer: finish the document (an empty body
 * is parsed too). NULL, or the failure reason (caller frees). */
char *feed_body_finish(struct feed_body *b, const struct fetch_response *r);
void feed_body_clear(struct feed_body *b);

/*
 * Download url synchronously (http/https; file:// too) and stream it into a
 * parser with sink and ud. Returns 0, or -1 with *err (caller frees): the
 * transfer's failure reason or the parse error.
 */
int feed_fetch_url(const char *url, const struct fetch_options *o,
    const struct feed_sink *sink, void *ud, char **err);

#endif
