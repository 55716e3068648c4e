/*
 * Internals shared by the files of src/fetch (not part of the module's API):
 * the job record and the transfer layer that drives one curl easy handle
 * for both the thread and the synchronous helper.
 */
#ifndef NR_FETCH_FETCH_INT_H
#define NR_FETCH_FETCH_INT_H

#include <curl/curl.h>

#include "fetch/fetch.h"
#include "util/buf.h"

struct fetch_proc;

/*
 * One job from submission to free. Owned by the fetcher's lists (or by the
 * synchronous helper's stack frame); every string here is owned by the job.
 */
struct fetch_job {
	struct fetcher *f;	/* NULL when run synchronously */
	struct fetch_job *next;	/* in the incoming or pending list */

	char *url;
	char *host;		/* for the per-host cap; "" when none */
	char *method;		/* NULL = GET */
	char **headers;		/* NULL-terminated copy of the request's */
	void *body;
	size_t body_len;
	bool allow_file;
	size_t max_body;
	bool want_error_body;
	bool no_redirects;
	struct fetch_job_ops ops;
	void *ud;
	char **argv;		/* a command job's (owned); NULL: none */
	bool filter;		/* the fetched body is the command's stdin */

	/* Transfer state. */
	const struct fetch_options *opt;
	CURL *easy;
	struct curl_slist *slist;	/* request headers, built in prepare */
	char errbuf[CURL_ERROR_SIZE];
	char *fail_reason;	/* set by fetch_job_fail() or a cap */
	bool body_started;
	bool bad_status;	/* body of a non-2xx response: dropped
				   (unless want_error_body) */
	size_t received;
	char *etag;		/* from the last response's headers */
	char *last_modified;
	char *content_language;	/* from the last response's headers */
	char *location;		/* Location of the last response */
	long retry_delay;	/* Retry-After in seconds; 0 = none */
	char *content_type;
	char *charset;
	struct fetch_response resp;
	bool in_multi;		/* easy is in the fetcher's multi handle */

	/* Command state (process.c). */
	struct buf input;	/* a filter's fetched body, for its stdin */
	struct fetch_proc *proc;	/* the running command; NULL when none */
};

/* Build a job from a request (copies everything). */
struct fetch_job *fetch_job_new(const struct fetch_request *req,
    const struct fetch_job_ops *ops, void *ud, size_t default_max_body);
/* Call free_ud and free the job, its easy handle and header list. */
void fetch_job_free(struct fetch_job *job);

/* Create and configure job->easy (after prepare ran). 0, or -1 with fail_reason set. */
int fetch_transfer_setup(struct fetch_job *job, const struct fetch_options *o);
/*
 * The transfer ended with code: fill job->resp, work out the failure reason
 * (NULL on success; owned by the job) and call on_done. Returns true; false
 * when the job goes on: a filter whose command now runs on its body.
 */
bool fetch_transfer_done(struct fetch_job *job, CURLcode code);
/* "too large (over 32 MiB)" for job's cap (caller frees). */
char *fetch_too_large(const struct fetch_job *job);

/*
 * Commands (process.c), on the fetch thread only.
 * fetch_proc_start: run job->argv; true when it runs, false when it could
 * not start (on_done has then been called with the reason).
 */
bool fetch_proc_start(struct fetch_job *job);
/* The descriptors the running command waits on, into w (room for 3);
 * returns how many. */
unsigned fetch_proc_fds(const struct fetch_job *job, struct curl_waitfd *w);
/* Milliseconds until the command next needs attention without I/O (its
 * timeout, the SIGKILL after SIGTERM, its exit); -1: none. */
long fetch_proc_wait_ms(const struct fetch_job *job);
/* Move its bytes, enforce its time limit; true once it has ended, been
 * reaped and on_done called. */
bool fetch_proc_service(struct fetch_job *job);
/* The fetcher stops: kill the group, reap it, on_done with "cancelled". */
void fetch_proc_cancel(struct fetch_job *job);
/* Kill and reap a command still running, close its descriptors; for
 * fetch_job_free(). */
void fetch_proc_free(struct fetch_job *job);

/*
 * Pass body bytes of the transfer to the job (first-byte checks, size cap,
 * on_body_start, on_body): 0, or -1 when the transfer must end (the reason
 * set). The curl write callback and file reads both go through it.
 */
int fetch_body_bytes(struct fetch_job *job, const char *data, size_t len);

/* file: URLs (local.c): read by us, never by curl. */
bool fetch_is_file_url(const char *url);
/*
 * Run a file:// job on the calling thread: refuse anything but a regular
 * file (opened non-blocking), read it under the job's size cap, the total
 * timeout and the fetcher's stop request, then fetch_transfer_done(),
 * whose answer it returns (false: a filter's command now runs on it).
 */
bool fetch_local_run(struct fetch_job *job, const struct fetch_options *o);

/* Fetcher internals used by the transfer layer. */
void fetcher_post(struct fetcher *f, struct fetch_event *ev);
bool fetcher_stopping(struct fetcher *f);
/* Fetch thread: true when fetcher_stop() was asked for (then
 * fetcher_stopping() is true from here on). */
bool fetcher_check_stop(struct fetcher *f);

#endif
