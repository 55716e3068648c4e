/*
 * Reposts to a Mastodon instance: a status made of the article's title,
 * link and the user's optional comment, queued in the cache
 * (store/reposts.h) and posted by a job (repost_post_submit) to
 * POST /api/v1/statuses with the entry's Idempotency-Key. One entry is
 * in flight at a time; its answer comes back through the driver.
 */
#ifndef NR_COMMENTS_MASTODON_H
#define NR_COMMENTS_MASTODON_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "fetch/fetch.h"
#include "jobs/commentjob.h"

struct store;

/* Most characters of a status on a default instance. */
#define MASTODON_STATUS_MAX 500
/* Attempts before a transient failure stops retrying by itself. */
#define MASTODON_MAX_ATTEMPTS 8

/* The status for an article (caller frees): comment (may be NULL or
 * empty), then the title, then the link, one per line. */
char *mastodon_status_text(const char *title, const char *url, const char *comment);

/* Queue a status; 0, or -1 with *err (caller frees). */
int mastodon_queue(struct store *s, int64_t item_id, const char *text, time_t now,
    int64_t *id, char **err);

/* Whether an entry is due at now: 1, 0 (*next: the earliest retry or
 * 0), -1 with *err. */
int mastodon_due(struct store *s, time_t now, time_t *next, char **err);

/*
 * Send the next due entry: claim it (marked sending, on disk) and submit
 * its POST to instance_url with token. 1 when a job went out, 0 when none
 * is due (*next: the earliest retry or 0), -1 with *err.
 */
int mastodon_run(struct store *s, struct fetcher *f, const char *instance_url,
    const char *token, time_t now, time_t *next, char **err);

/*
 * Apply the answer to a FETCH_TAG_REPOST job: sent, or failed with the
 * server's own message and a retry time for transient failures (5xx, 429,
 * no answer) with exponential backoff. *msg (caller frees) says what
 * happened for a person. Returns 1 sent, 0 failed, -1 on a cache error.
 */
int mastodon_apply(struct store *s, const struct comment_post_result *r, time_t now,
    char **msg);

#endif
