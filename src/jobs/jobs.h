/*
 * The kinds of background job (the src/jobs module): each kind is one file
 * that builds its requests, parses what comes back on the fetch thread, and
 * ends in exactly one FETCH_EV_JOB event tagged with its kind and carrying
 * its result; the receiver (src/driver) dispatches on the tag.
 *
 *   feedjob.h     a feed: conditional GET, items stored in short batches
 *   marketjob.h   a market source's tickers (and holders lookups)
 *   commentjob.h  an article's comment feed; a comment POST
 *   feedsink.h    the feed parser as a job's body sink (feeds, comments)
 *   pagejob.h     an item's web page: downloaded, extracted, stored
 *   pagequeue.h   the pages waiting, a few per host at a time
 *   syncjob.h     a sync with a feed server (Tiny Tiny RSS, Google Reader API)
 *   downloadjob.h an enclosure downloaded into a file
 *
 * The transport (src/fetch) knows none of them.
 */
#ifndef NR_JOBS_JOBS_H
#define NR_JOBS_JOBS_H

/* fetch_event.tag of each kind's event. 0 is no job's. */
enum job_kind {
	JOB_FEED = 1,
	JOB_MARKET,
	JOB_COMMENT_FEED,
	JOB_COMMENT_POST,
	JOB_COMMENT_LOOKUP,	/* an outbox entry looked up on the site */
	JOB_PAGE,		/* an item's web page for full text */
	JOB_REPOST,		/* a status posted to Mastodon (commentjob.h) */
	JOB_DOWNLOAD = 30,	/* an enclosure streamed to disk (downloadjob.h) */
	JOB_SYNC = 20,		/* a sync with the feed server (syncjob.h) */
};

#endif
