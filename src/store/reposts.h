/*
 * The repost queue (schema v12): statuses waiting to be posted to a
 * Mastodon instance. Each entry carries its Idempotency-Key from the
 * moment it is queued, so a resend after a crash (an entry left
 * "sending") reuses the key and the instance creates no second status.
 */
#ifndef NR_STORE_REPOSTS_H
#define NR_STORE_REPOSTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct store;

/* One queued repost; strings owned by the entry (store_repost_clear). */
struct store_repost {
	int64_t id;
	int64_t item_id;
	char *text;		/* the status as it will be posted */
	char *idem_key;		/* the Idempotency-Key (never NULL) */
	char *state;		/* "queued", "sending", "sent" or "failed" */
	int attempts;
	time_t next_try;
	char *error;		/* the last failure; NULL when none */
	char *remote_url;	/* the status's URL once sent */
};

void store_repost_clear(struct store_repost *r);

/* Queue text for item_id with the key; *id is the new entry. 0 or -1. */
int store_repost_add(struct store *s, int64_t item_id, const char *text,
    const char *idem_key, time_t now, int64_t *id);

/*
 * Claim the oldest entry due at now (queued, left sending by a crash, or
 * failed with a retry due) and mark it sending, attempts + 1, before its
 * request goes out. 1 with *out filled, 0 when none is due (*next: the
 * earliest retry, 0 when none waits), -1 on error.
 */
int store_repost_claim(struct store *s, time_t now, struct store_repost *out, time_t *next);

/* Whether an entry is due at now (1), none (0, *next as for claim), -1. */
int store_repost_due(struct store *s, time_t now, time_t *next);

/* The entry was posted (remote_url may be NULL). */
int store_repost_sent(struct store *s, int64_t id, const char *remote_url);
/* The entry failed with error; retry at next_try, or never when 0. */
int store_repost_failed(struct store *s, int64_t id, const char *error, time_t next_try);
/* Failed entries that wait for the user (no retry time) are queued again
 * (at a start: the token or the instance may have been fixed); the number
 * requeued, or -1. */
int store_repost_requeue_failed(struct store *s);
/* Entry id (1), or 0 when there is none. */
int store_repost_get(struct store *s, int64_t id, struct store_repost *out);

#endif
