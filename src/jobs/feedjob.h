/*
 * Feed jobs: one feed fetched conditionally (the validators from the
 * store), its body parsed as it streams in, its items stored in short
 * transactions on a store connection that only the fetch thread uses.
 * Each ends in one FETCH_EV_JOB event, tag JOB_FEED, url the feed's URL as
 * submitted, message the failure reason (or NULL), data a struct
 * feed_job_result.
 */
#ifndef NR_JOBS_FEEDJOB_H
#define NR_JOBS_FEEDJOB_H

#include <stdint.h>
#include <time.h>

#include "fetch/fetch.h"

struct store;

enum feed_job_outcome {
	FEED_JOB_UPDATED,	/* 200, parsed and stored; changed > 0 */
	FEED_JOB_UNCHANGED,	/* 304, or a 200 that changed no item */
	FEED_JOB_FAILED,	/* error: the reason, also kept in the store */
	FEED_JOB_SKIPPED,	/* retry_after not reached; not fetched */
};

/* A feed job's result; owned by its event. */
struct feed_job_result {
	enum feed_job_outcome outcome;
	char *url;		/* as submitted */
	int64_t feed_id;	/* -1 when the feed has no row */
	char *error;		/* FEED_JOB_FAILED: one line */
	unsigned items;		/* items in the document */
	unsigned changed;	/* items inserted or updated */
	unsigned ignored;	/* items a kill rule dropped (never stored) */
	unsigned added;		/* of those, new items (notify-program's %n) */
	time_t retry_after;	/* absolute; 0 = none */
};

struct filter;

/*
 * Queue the feed at url (file:// allowed: the user listed it). Items that
 * match kill (kill rules in ignore-mode download; borrowed, may be NULL,
 * kept alive until the fetcher is stopped) are never stored. s: the
 * connection the job writes with, used on the fetch thread only, from the
 * job's callbacks (borrowed: keep it open until the fetcher is stopped).
 * A feed unknown to the store gets its row with its first batch.
 */
void feed_job_submit(struct fetcher *f, struct store *s, const char *url,
    const struct filter *kill);
/* The result of a feed job's event (borrowed from ev), or NULL. */
const struct feed_job_result *feed_job_result(const struct fetch_event *ev);

#endif
