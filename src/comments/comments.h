/*
 * Comments (DESIGN.md sections 3 and 6): reading an article's comment feed,
 * drafts, and sending through the outbox to a WordPress site, or keeping the
 * comment as the user's own note when no site is configured for the feed.
 *
 * Threads: everything here runs on the caller's thread (the UI thread) with
 * the caller's store connection. Network work is submitted to the fetcher
 * as comment jobs (jobs/commentjob.h); their results come back as
 * FETCH_EV_JOB events, which the caller hands to comments_handle_event():
 * that is where comments are stored and outbox states change, so the outbox
 * has a single writer.
 *
 * Other processes may share the cache and its outbox: a send is claimed
 * in the store first (store/comments.h), so one process sends a comment,
 * and a send that may have reached the site is looked up there before it
 * is sent again (reconcile.c).
 *
 * The caller drives the outbox from its timer and poll() loop:
 *     comments_outbox_recover() once at start-up;
 *     comments_outbox_run(c, now, &next) whenever now >= next (and after a
 *     send, or when the network comes back), poll() with a timeout until
 *     next; every FETCH_EV_JOB event goes to comments_handle_event().
 *
 * WordPress post ids (needed by POST /wp-json/wp/v2/comments): WordPress
 * writes each post's guid as "SITE/?p=ID" and plain permalinks as
 * "?p=ID" (pages: "?page_id=ID"); its comment feed of a post with plain
 * permalinks is "?feed=rss2&p=ID". So the id is the p= (or page_id=) query
 * parameter of the guid, else of the link, else of the comment feed URL.
 * An article with none of them cannot be commented on through the API: the
 * comment fails at once with a reason saying so, its text kept.
 */
#ifndef NR_COMMENTS_COMMENTS_H
#define NR_COMMENTS_COMMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config/settings.h"
#include "fetch/fetch.h"

struct store;

/* Comment feeds fetched less than this long ago are not fetched again
 * unless forced (seconds). */
#define COMMENTS_FRESH_FOR 300
/* Retry delays after a failed send: 30 s, doubled each time, at most 1 h. */
#define COMMENTS_BACKOFF_FIRST 30
#define COMMENTS_BACKOFF_MAX 3600

/*
 * The context: borrowed store, config and fetcher (which may be NULL: then
 * nothing is fetched or sent, and entries wait). Created by comments_new(),
 * freed by comments_free(); it owns only the identity strings.
 */
struct comments;
struct comments *comments_new(struct store *s, const struct config *cfg, struct fetcher *f);
void comments_free(struct comments **c);
/* Replace the fetcher (NULL: none). */
void comments_set_fetcher(struct comments *c, struct fetcher *f);
/* While offline nothing is sent: queued entries wait (default: online). */
void comments_set_offline(struct comments *c, bool offline);
/*
 * The author_name and author_email sent with each comment (copied; NULL
 * unsets). An endpoint's own name= and email= win over these; without
 * either, the endpoint's user= is the name and no email is sent. A site
 * that allows anonymous comments usually wants both.
 */
void comments_set_identity(struct comments *c, const char *name, const char *email);

/* ---- Endpoints and their rules (pure functions) ---- */

/* The comment-endpoint whose feed prefix starts feed_url (the longest such
 * prefix wins), or NULL: comments on that feed stay own notes. */
const struct config_comment_endpoint *comments_endpoint_for(const struct config *cfg,
    const char *feed_url);
/* The comment limit and unit (enum config_comment_unit) of the feed's
 * articles: the endpoint's limit=/unit= when set, else comment-limit and
 * comment-unit. feed_url may be NULL. */
void comments_limit_for(const struct config *cfg, const char *feed_url, int *limit,
    int *unit);
/* The WordPress post id per the rule above, or -1. Any argument may be NULL. */
int64_t comments_wp_post_id(const char *guid, const char *link, const char *comments_feed);
/* "{base}/wp-json/wp/v2/comments": a trailing / of base is dropped; a query
 * on base ("?lang=ar") is kept and moved after the path. New string. */
char *comments_wp_url(const char *base);
/* May a password go to url: https, or http to 127.0.0.1, localhost or [::1]. */
bool comments_url_secure(const char *url);
/* The JSON request body (new string). name and email may be NULL (left out);
 * the text is sent HTML-escaped, as WordPress treats content as HTML. */
char *comments_wp_json(int64_t post_id, const char *text, const char *name,
    const char *email);
/* The delay before retry number attempts + 1 after attempts failed sends
 * (attempts >= 1): 30, 60, 120, ... capped at COMMENTS_BACKOFF_MAX. */
time_t comments_backoff(int attempts);
/*
 * The reason to show for a failed answer: "HTTP 400: Invalid post ID" from
 * the WordPress error JSON's "message" (sanitized, at most 200 bytes), else
 * the transfer's error, else "HTTP N". body may be NULL. New string.
 */
char *comments_http_reason(long status, const char *error, const char *body);
/* Plain text as HTML: &<>" escaped, blank lines split <p> paragraphs, other
 * newlines become <br>. New string. */
char *comments_text_to_html(const char *text);
/* Read an Application Password: the file's first line, blanks trimmed.
 * 0, or -1 with *err (caller frees). The caller frees *pw (and should wipe it). */
int comments_read_password(const char *path, char **pw, char **err);

/* ---- Reading ---- */

enum comments_fetch_status {
	COMMENTS_FETCH_SUBMITTED,	/* a job is on its way; an event will follow */
	COMMENTS_FETCH_FRESH,		/* fetched less than COMMENTS_FRESH_FOR ago */
	COMMENTS_FETCH_NONE,		/* the article has no comment feed */
	COMMENTS_FETCH_OFFLINE,		/* no fetcher */
	COMMENTS_FETCH_ERROR = -1,	/* store error (store_errmsg) */
};
/*
 * Ask for the article's comments: submit a (conditional) fetch of its
 * comment feed. force: fetch even when fresh. file:// comment feeds are
 * allowed only when the article's feed is itself a file:// feed.
 */
enum comments_fetch_status comments_fetch(struct comments *c, int64_t item_id, bool force,
    time_t now);

/* ---- Drafts (one per article) ---- */

/* *text: a new string or NULL when there is none. 0 or -1. */
int comments_draft_get(struct comments *c, int64_t item_id, char **text);
/* Save as the user types; NULL or "" deletes. 0 or -1. */
int comments_draft_save(struct comments *c, int64_t item_id, const char *text);

/* ---- Sending ---- */

enum comments_send_how {
	COMMENTS_SENT_QUEUED,	/* in the outbox; comments_outbox_run sends it */
	COMMENTS_SENT_NOTE,	/* no endpoint: stored as the user's own note */
	COMMENTS_SENT_FAILED,	/* in the outbox as failed at once (*reason says why) */
};
/*
 * Send text (the composer's logical text) as a comment on item_id, in one
 * transaction with clearing the article's draft. Refused (-1, draft kept,
 * nothing stored) when the text is empty or blank or over the limit
 * (comments_limit_for); *reason then says why. Otherwise 0 with *how,
 * *id (the outbox id, or the comment row id of a note; may be NULL) and,
 * for COMMENTS_SENT_FAILED, *reason. *reason (may be NULL) is a new string
 * or NULL; the caller frees it.
 */
int comments_send(struct comments *c, int64_t item_id, const char *text, time_t now,
    enum comments_send_how *how, int64_t *id, char **reason);
/* A failed (or still queued) entry back to the draft for editing: the
 * draft gets its text (replacing any) and the entry is deleted. 0, or -1
 * with *err (caller frees). */
int comments_outbox_to_draft(struct comments *c, int64_t outbox_id, char **err);
/* Queue a failed entry again, due now, with new text when text is not NULL.
 * 0, or -1 with *err (caller frees). */
int comments_outbox_retry(struct comments *c, int64_t outbox_id, const char *text, time_t now,
    char **err);

/*
 * Take over the claims whose owner is gone (comments_owner_status: the
 * process exited or the machine restarted) or that are older than
 * COMMENTS_CLAIM_TIMEOUT: they go back to the queue marked unsure, so the
 * site is asked for the comment before it is sent again. A live process's
 * claim is left alone: it is sending, and its answer will come. Run at
 * start-up; comments_outbox_run() does it too.
 */
int comments_outbox_recover(struct comments *c, time_t now);
/*
 * The scheduler: claim and submit every queued entry due at now (none
 * while offline or without a fetcher); an entry another process claimed
 * first is skipped. An unsure entry is looked up on the site first
 * (reconcile.c); it is posted only when the site does not have it. An
 * entry that cannot be sent at all (no endpoint any more, no post id,
 * unreadable password, insecure URL) becomes failed with the reason.
 * *next (may be NULL): the earliest next_attempt of a queued entry not yet
 * due, 0 when none: poll() until then. Returns how many were submitted,
 * or -1 (store error).
 */
int comments_outbox_run(struct comments *c, time_t now, time_t *next);

/* ---- Claims: who is sending an entry (owner.c) ---- */

/* A claim older than this (seconds) is taken over even when its owner
 * seems alive: a send takes seconds (the transfer timeout is 30 s), so an
 * hour means the owner hangs or its answer was lost. */
#define COMMENTS_CLAIM_TIMEOUT 3600

/* The owner naming process pid on this machine: "host=H boot=B pidns=N
 * pid=P start=S" (owner.c says what each is). New string. */
char *comments_owner_of(long pid);
enum comments_owner_status {
	COMMENTS_OWNER_ALIVE,	/* the process runs on this machine */
	COMMENTS_OWNER_GONE,	/* it exited, the machine restarted, or no owner */
	COMMENTS_OWNER_UNKNOWN,	/* another machine's or container's: only its age
				 * can tell */
};
enum comments_owner_status comments_owner_status(const char *owner);
/* The owner c claims as: comments_owner_of(getpid()) unless set. Borrowed. */
const char *comments_owner(const struct comments *c);
/* Claim as owner instead (copied): lets a test act as two processes. */
void comments_set_owner(struct comments *c, const char *owner);

/* ---- Reconciling an uncertain send (reconcile.c) ---- */

/* The listing that may hold text on post_id: comments_url (comments_wp_url)
 * with post, per_page and a search snippet of text; authed: ask for every
 * status in the edit context (needs the right to moderate). New string. */
char *comments_wp_lookup_url(const char *comments_url, int64_t post_id, const char *text,
    bool authed);
/* In a listing (a JSON array of comments), the id of text as sent on
 * post_id by name (NULL: any author), written at not_before or later
 * (0: any time): the content compared as reconcile.c describes. 0 when it
 * is not there, -1 when body is not a listing. */
int64_t comments_wp_find(const char *body, int64_t post_id, const char *text,
    const char *name, time_t not_before);

/* ---- Events ---- */

enum comments_outcome_kind {
	COMMENTS_LOADED,	/* comments of item_id stored (added new ones) */
	COMMENTS_UNCHANGED,	/* 304 or nothing new */
	COMMENTS_LOAD_FAILED,	/* message: why */
	COMMENTS_POSTED,	/* outbox_id sent; the comment is in the list */
	COMMENTS_RETRYING,	/* outbox_id queued again until next_attempt */
	COMMENTS_POST_FAILED,	/* outbox_id failed; message has the reason */
	COMMENTS_CHECKED,	/* outbox_id was looked up on the site: not there, so
				 * it is being posted (message says why) */
};
/* What an event did, for the status line. message is owned (comments_outcome_clear). */
struct comments_outcome {
	enum comments_outcome_kind kind;
	int64_t item_id;
	int64_t outbox_id;	/* 0 for feed outcomes */
	unsigned added;		/* LOADED: new comments */
	time_t next_attempt;	/* RETRYING */
	char *message;		/* one line: "3 new comments", "comment sent", ... */
};
void comments_outcome_clear(struct comments_outcome *o);
/*
 * Apply a fetch event if it is a comment job's (true, *out filled), else
 * false and nothing done. now: the time retries are scheduled from. Store
 * failures are reported in the outcome's message.
 */
bool comments_handle_event(struct comments *c, const struct fetch_event *ev, time_t now,
    struct comments_outcome *out);

#endif
