/*
 * Sync jobs (issue 14): one sync with the feed server of urls-source, as a
 * chain of requests on the fetch thread, each submitted by the one before:
 *
 *   login -> send the changes made here -> categories -> feeds
 *         -> new articles (paged, since the last sync's greatest id)
 *         -> the ids of unread and of starred articles (paged) -> apply
 *
 * Results are written on the store connection the feed jobs use (fetch
 * thread only), each step in its own short transaction: no write
 * transaction waits on the network. An answer that says the session
 * expired logs in again once and repeats the step. The chain ends in one
 * FETCH_EV_JOB event, tag JOB_SYNC, data a struct sync_job_result.
 *
 * The password is read by sync_job_submit() (on the caller's thread: a
 * password command may take a moment), kept only in the job's memory and
 * wiped when the job ends; it is never logged, stored or put in a message.
 */
#ifndef NR_JOBS_SYNCJOB_H
#define NR_JOBS_SYNCJOB_H

#include <stdbool.h>

#include "config/settings.h"
#include "fetch/fetch.h"

struct store;

/* The session kept between syncs (a TUI syncs many times). Opaque; owned
 * by the driver: sync_session_new(), sync_session_free() after
 * fetcher_stop(). */
struct sync_session;
struct sync_session *sync_session_new(void);
void sync_session_free(struct sync_session **sp);

/* A sync's result; owned by its event. */
struct sync_job_result {
	bool ok;
	char *source;		/* "ttrss" or "greader" */
	char *error;		/* !ok: one line, the server's own reason */
	unsigned feeds;		/* feeds on the server */
	unsigned new_items;	/* articles written */
	unsigned sent;		/* changes made here the server now has */
	unsigned state_changes;	/* read/starred flags the server changed here */
	unsigned requests;	/* HTTP requests the sync made */
};

/* Queue a sync with c's urls-source (not local). s: as for feed jobs. */
void sync_job_submit(struct fetcher *f, struct store *s, const struct config *c,
    struct sync_session *session);
/*
 * With a sync source, the feed list is the server's as last synced: u (the
 * app's urls list) is emptied and refilled from the store, titles and tags
 * included, so every view that follows the urls file follows the server.
 * 0, or -1 (u untouched).
 */
struct urls_list;
int sync_urls_from_store(struct store *s, const struct config *c, struct urls_list *u);
/* "ttrss:" or "greader:" for c's urls-source; NULL for local. */
const char *sync_prefix(const struct config *c);

/* The result of a sync job's event (borrowed from ev), or NULL. */
const struct sync_job_result *sync_job_result(const struct fetch_event *ev);

#endif
