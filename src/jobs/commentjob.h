/*
 * Comment jobs on the fetch thread: download an article's comment feed and
 * parse it, or POST one comment. The thread only does network and parsing;
 * each job ends in one FETCH_EV_JOB event whose data is the result below,
 * and the receiver (src/comments, on the caller's thread and store
 * connection) decides what it means and writes it: the outbox has one
 * writer.
 */
#ifndef NR_JOBS_COMMENTJOB_H
#define NR_JOBS_COMMENTJOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "fetch/fetch.h"
#include "jobs/jobs.h"

/* fetch_event.tag of the kinds of result. */
#define FETCH_TAG_COMMENT_FEED JOB_COMMENT_FEED
#define FETCH_TAG_COMMENT_POST JOB_COMMENT_POST
#define FETCH_TAG_COMMENT_LOOKUP JOB_COMMENT_LOOKUP
#define FETCH_TAG_REPOST JOB_REPOST

/* Most comments kept from one feed (the rest are counted in dropped). */
#define COMMENT_FEED_MAX 5000
/* Body cap of a comment feed and of a POST's answer. */
#define COMMENT_FEED_MAX_BODY ((size_t)8 << 20)
#define COMMENT_POST_MAX_BODY ((size_t)1 << 20)

/* One comment as parsed; strings owned by the result. */
struct comment_copy {
	char *remote_id;	/* the feed item's id (never NULL) */
	char *author;		/* may be NULL */
	time_t date;		/* 0 when absent */
	char *body;		/* HTML (never NULL) */
	char *parent;		/* thr:in-reply-to: the parent comment's (or the
				   post's) id; NULL when absent */
};

/* ev.data of a FETCH_TAG_COMMENT_FEED event; freed by fetch_event_clear. */
struct comment_feed_result {
	int64_t item_id;
	char *url;		/* as submitted */
	char *error;		/* NULL on success */
	bool not_modified;	/* 304: nothing below */
	char *etag, *last_modified;	/* of the response; may be NULL */
	struct comment_copy *v;
	size_t n;
	size_t dropped;		/* comments past COMMENT_FEED_MAX */
};

/*
 * Fetch url, the comment feed of item_id, conditionally when etag or
 * last_modified is set. allow_file: file:// is allowed for this URL (only
 * when the article's feed itself is a local file the user listed).
 */
void comment_feed_submit(struct fetcher *f, int64_t item_id, const char *url,
    bool allow_file, const char *etag, const char *last_modified);

/* ev.data of a FETCH_TAG_COMMENT_POST or _LOOKUP event; freed by
 * fetch_event_clear. */
struct comment_post_result {
	int64_t outbox_id;
	int64_t item_id;
	long status;		/* HTTP status; 0 when no answer came */
	char *error;		/* the transfer's failure reason; NULL on a 2xx */
	char *body;		/* the answer's body (NUL-terminated; "" when none) */
	char *url;		/* as submitted */
	char *final_url;	/* after redirects (none are followed: the URL) */
	char *location;		/* where a 3xx answer pointed, as sent; else NULL */
	long retry_delay;	/* seconds from Retry-After; 0 = none */
};

/*
 * POST json to url with the extra headers (NULL-terminated "Name: value"
 * lines, may be NULL; copied, e.g. an Authorization line). The answer's
 * body is kept up to COMMENT_POST_MAX_BODY, error answers' too (WordPress
 * says why in JSON). Redirects are not followed: curl would resend a POST
 * after a 301 or 302 as a GET without the comment, so a 3xx is the answer.
 */
void comment_post_submit(struct fetcher *f, int64_t outbox_id, int64_t item_id,
    const char *url, const char *const *headers, const char *json);

/*
 * As comment_post_submit, for a repost (a Mastodon status): the same
 * answer under FETCH_TAG_REPOST, outbox_id being the repost's id.
 */
void repost_post_submit(struct fetcher *f, int64_t repost_id, const char *url,
    const char *const *headers, const char *json);

/*
 * GET url (a listing of a post's comments, to find one whose send was
 * interrupted) with the extra headers, as comment_post_submit does
 * otherwise: the answer whole, error bodies too, no redirects. The result
 * is a comment_post_result under FETCH_TAG_COMMENT_LOOKUP.
 */
void comment_lookup_submit(struct fetcher *f, int64_t outbox_id, int64_t item_id,
    const char *url, const char *const *headers);

/* The same jobs run on the calling thread (no fetcher): the result is
 * returned instead of posted (caller frees with the *_free below). */
struct comment_feed_result *comment_feed_run_sync(const struct fetch_options *o,
    int64_t item_id, const char *url, bool allow_file, const char *etag,
    const char *last_modified);
struct comment_post_result *comment_post_run_sync(const struct fetch_options *o,
    int64_t outbox_id, int64_t item_id, const char *url, const char *const *headers,
    const char *json);
struct comment_post_result *comment_lookup_run_sync(const struct fetch_options *o,
    int64_t outbox_id, int64_t item_id, const char *url, const char *const *headers);

void comment_feed_result_free(void *r);
void comment_post_result_free(void *r);

#endif
