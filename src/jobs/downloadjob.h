/*
 * Enclosure downloads by our own fetcher (issue 16): the body streamed
 * into a part file the caller created, never held in memory. No total
 * timeout (a podcast may take an hour) but the fetcher's low-speed abort,
 * its own size cap (download-max-size, none by default) instead of the
 * feeds' max-body-size. The job posts FETCH_EV_JOB events tagged
 * JOB_DOWNLOAD whose data is a struct download_job_result: one when the
 * body starts (the server's length), one when it ends. On failure the part
 * file is removed by the job itself, so that also happens when the
 * fetcher stops at quit and the event is dropped.
 */
#ifndef NR_JOBS_DOWNLOADJOB_H
#define NR_JOBS_DOWNLOADJOB_H

#include <stdbool.h>
#include <stdint.h>

struct fetcher;

struct download_job_result {
	unsigned id;		/* the caller's */
	bool started;		/* true: the body started (total is the server's) */
	int64_t total;		/* Content-Length, -1 when unknown */
	int64_t got;		/* bytes written (the end) */
	char *error;		/* the end: NULL on success, else why */
};

/*
 * Download url into part (opened O_WRONLY|O_TRUNC here, created by the
 * caller). max_size 0: no cap. allow_file: url may be file: (a local
 * feed's enclosure).
 */
void download_job_submit(struct fetcher *f, unsigned id, const char *url, const char *part,
    int64_t max_size, bool allow_file);

#endif
