/*
 * Comments and the comment outbox in the cache (DESIGN.md section 6).
 *
 * comments: one row per comment shown under an article. Rows from the
 * article's comment feed are keyed by (item, remote id) so a refetch updates
 * instead of duplicating; the user's own notes (no site to post to) have no
 * remote id and own_note set.
 *
 * outbox: comments waiting to reach a site. The state machine, enforced
 * here (a transition from the wrong state fails and changes nothing):
 *
 *   queued --mark_sending--> sending --mark_sent--> sent
 *     ^                        |  |
 *     +------mark_retry--------+  +--mark_send_failed--> failed --requeue--> queued
 *     +------take_over (the claim's owner is gone)
 *   queued --mark_failed--> failed
 *
 * Several processes may share the cache (a second reader, a cron job), so
 * "sending" is a claim: mark_sending is one UPDATE guarded by state =
 * 'queued', which only one connection can win, and it records the owner
 * (an opaque string naming the process, comments/owner.h) and the time.
 * Every step out of "sending" names the owner and does nothing for another
 * one, so a process whose claim was taken over cannot overwrite what the
 * new owner does. Only take_over ends someone else's claim; the caller
 * decides when (comments_outbox_recover: owner gone, or claim stale).
 *
 * unsure: the entry's last send may have reached the site without its
 * answer being stored (a crash, a stop, a transfer cut off after the
 * request went out): before sending it again the site is asked whether it
 * has it (comments/reconcile.c).
 *
 * The body is always kept, also when sent or failed, so nothing the user
 * wrote is lost. Times are UTC seconds passed in by the caller (tests pass
 * their own "now").
 *
 * Ownership as in store.h: strings in filled structs belong to the struct
 * and go with its *_clear function.
 */
#ifndef NR_STORE_COMMENTS_H
#define NR_STORE_COMMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct store;

struct store_comment {
	int64_t id;
	int64_t item_id;
	char *remote_id;	/* the comment feed item's id; NULL for own notes */
	char *author;		/* may be NULL */
	time_t date;		/* 0 when unknown */
	char *body;		/* HTML, free of controls */
	bool own_note;		/* kept locally, never sent anywhere */
};
struct store_comment_list {
	struct store_comment *v;
	size_t n;
};
/* Free the rows and zero the list; safe on a zeroed list. */
void store_comment_list_clear(struct store_comment_list *l);

/* A comment as read from a feed or a site's answer (borrowed strings). */
struct store_comment_in {
	const char *remote_id;	/* required */
	const char *author;
	time_t date;
	const char *body;
};
/*
 * Insert or update the comment (item, remote_id). A remote id ending in
 * "#comment-N" (WordPress comment guids) also matches a row of the item
 * whose id ends the same way, so a comment we sent is found again in the
 * feed even when the site's guid differs in scheme or host. *added (may be
 * NULL) tells whether a new row was made. 0 or -1.
 */
int store_comment_upsert(struct store *s, int64_t item_id, const struct store_comment_in *c,
    bool *added);
/* Add the user's own note (body HTML); *id (may be NULL) gets its row id. */
int store_comment_add_note(struct store *s, int64_t item_id, time_t date, const char *body,
    int64_t *id);
/* Delete one comment row (an own note the user removes). */
int store_comment_delete(struct store *s, int64_t comment_id);
/* The item's comments, oldest first (date, then row id). *out is replaced. */
int store_comments_list(struct store *s, int64_t item_id, struct store_comment_list *out);
/*
 * *hint: the count the article's feed announced (slash:comments, thr:total),
 * -1 when unknown; *stored: comment rows we hold for it (own notes
 * included). Either pointer may be NULL. 0, or -1 (unknown item too).
 */
int store_comments_count(struct store *s, int64_t item_id, int64_t *hint, int64_t *stored);

/* What the last fetch of an article's comment feed left. */
struct store_comment_feed {
	char *url;
	char *etag;		/* may be NULL */
	char *last_modified;	/* may be NULL */
	time_t fetched_at;	/* last success; 0 = never */
	char *last_error;	/* NULL after a success */
};
void store_comment_feed_clear(struct store_comment_feed *f);
/* 0 and *out filled; 1 when the item's comment feed was never fetched; -1. */
int store_comment_feed_get(struct store *s, int64_t item_id, struct store_comment_feed *out);
/* A success (validators NULL keep the old ones, as after a 304). */
int store_comment_feed_fetched(struct store *s, int64_t item_id, const char *url,
    const char *etag, const char *last_modified, time_t when);
int store_comment_feed_failed(struct store *s, int64_t item_id, const char *url,
    const char *reason);
/* The items whose comment feed was last fetched before `before` (and at
 * least once), most recently fetched first, at most max: what a reload
 * refreshes. *ids is a new array (caller frees). 0 or -1. */
int store_comment_feeds_stale(struct store *s, time_t before, size_t max, int64_t **ids,
    size_t *n);

/* What sending needs to know about an article. */
struct store_comment_target {
	int64_t item_id;
	char *feed_url;
	char *guid;
	char *link;		/* may be NULL */
	char *comments_feed;	/* may be NULL */
};
void store_comment_target_clear(struct store_comment_target *t);
/* 0, or -1 ("no article N" for an unknown id). */
int store_comment_target_get(struct store *s, int64_t item_id, struct store_comment_target *out);

/* ---- Outbox ---- */

enum store_outbox_state {
	STORE_OUTBOX_QUEUED,
	STORE_OUTBOX_SENDING,
	STORE_OUTBOX_SENT,
	STORE_OUTBOX_FAILED,
};
/* "queued", "sending", "sent", "failed". */
const char *store_outbox_state_name(enum store_outbox_state st);

struct store_outbox_entry {
	int64_t id;
	int64_t item_id;	/* 0 when the article is gone */
	char *body;		/* the text as the user wrote it */
	enum store_outbox_state state;
	char *reason;		/* failed: why; queued after a retry: the last error; else NULL */
	int attempts;		/* sends started */
	time_t next_attempt;	/* queued: not before this time */
	time_t created_at, updated_at;
	char *remote_id;	/* sent: the site's comment id; else NULL */
	char *claim_owner;	/* sending: who claimed it (NULL: a claim of schema 5) */
	time_t claim_at;	/* sending: when it was claimed or last renewed */
	bool unsure;		/* the last send may have reached the site: look it up first */
};
struct store_outbox_list {
	struct store_outbox_entry *v;
	size_t n;
};
void store_outbox_entry_clear(struct store_outbox_entry *e);
void store_outbox_list_clear(struct store_outbox_list *l);

/* Queue body for item_id, due at now. Returns the new id, or -1. */
int64_t store_outbox_add(struct store *s, int64_t item_id, const char *body, time_t now);
/* 0, or -1 ("no outbox entry N" for an unknown id). */
int store_outbox_get(struct store *s, int64_t id, struct store_outbox_entry *out);
/* Entries of item_id (0: of every article), oldest first. */
int store_outbox_list(struct store *s, int64_t item_id, struct store_outbox_list *out);
/* Queued entries with next_attempt <= now, the longest waiting first. */
int store_outbox_due(struct store *s, time_t now, struct store_outbox_list *out);
/* *when: the earliest next_attempt of a queued entry, 0 when none is queued. */
int store_outbox_next_due(struct store *s, time_t *when);
/* Every sending entry (every claim), oldest claim first. */
int store_outbox_claims(struct store *s, struct store_outbox_list *out);

/*
 * Claim: queued -> sending for owner (not NULL) at now; counts an attempt.
 * 0 when this call won the claim; 1 when the entry was not queued (another
 * process claimed it first, or it changed meanwhile): nothing changed; -1.
 */
int store_outbox_mark_sending(struct store *s, int64_t id, const char *owner, time_t now);
/* Renew owner's claim (claim_at = now) as a new step of the send starts.
 * 0; 1 when the entry is no longer sending under owner; -1. */
int store_outbox_renew(struct store *s, int64_t id, const char *owner, time_t now);
/* owner's claim -> sent, with the site's id (may be NULL). */
int store_outbox_mark_sent(struct store *s, int64_t id, const char *owner,
    const char *remote_id, time_t now);
/* owner's claim -> queued, due at next_attempt; reason is the error that
 * caused it; unsure: whether the send may have reached the site. */
int store_outbox_mark_retry(struct store *s, int64_t id, const char *owner,
    time_t next_attempt, const char *reason, bool unsure, time_t now);
/* owner's claim -> failed with reason (the site refused the comment). */
int store_outbox_mark_send_failed(struct store *s, int64_t id, const char *owner,
    const char *reason, time_t now);
/* queued -> failed with reason: it cannot be sent at all (no post id, no
 * password). A claimed entry is left to its owner. */
int store_outbox_mark_failed(struct store *s, int64_t id, const char *reason, time_t now);
/* failed -> queued (due now, attempts reset), with new text when body is not
 * NULL: the user edited a failed comment and sends it again. */
int store_outbox_requeue(struct store *s, int64_t id, const char *body, time_t now);
/* Forget an entry in any state but sending. */
int store_outbox_delete(struct store *s, int64_t id);
/*
 * End someone else's claim: the entry, sending under owner (NULL matches a
 * claim without one) claimed at claim_at, goes back to the queue due now,
 * marked unsure (its send may have reached the site). Both must match, so
 * a claim renewed or finished since the caller looked is left alone.
 * 0 done; 1 the claim had changed; -1.
 */
int store_outbox_take_over(struct store *s, int64_t id, const char *owner, time_t claim_at,
    time_t now);

#endif
