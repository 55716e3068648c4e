/*
 * The fetcher (DESIGN.md section 3), the transport and nothing else: one
 * thread that does all network I/O through one curl multi handle. Callers
 * submit jobs (any URL, method, headers and body, with callbacks of the
 * caller's module: src/jobs has the feed, market and comment jobs); the
 * thread runs them in parallel (capped in all and per host), calls each
 * job's callbacks on the fetch thread, and reports to the caller through
 * events tagged with the job's kind: a mutex-protected queue plus a wakeup
 * fd the caller poll()s. It knows nothing of feeds, stores or markets, and
 * nothing here prints.
 *
 * Every transfer: http and https only (file:// when the job allows it, never
 * as a redirect target; read by the fetcher itself, not curl, and only when
 * the path is a regular file: a FIFO, device, directory or socket fails with
 * "not a regular file (a FIFO)" and the like), at most N redirects (none for a no_redirects job),
 * every content encoding libcurl supports, connect/total timeouts, a
 * low-speed abort, a cap on the decoded body, "newsreader/VERSION" as
 * User-Agent.
 *
 * A job may also run a command (script feeds): its stdout is the body,
 * read through the same callbacks and cap. The command is an argv, never a
 * shell; it runs in a process group of its own with stdin /dev/null (or,
 * for a filter, the body fetched from the job's URL), no other descriptor
 * of ours, and a time limit after which the group gets SIGTERM, then
 * SIGKILL. Its stderr (the tail, sanitised) ends the failure reason.
 */
#ifndef NR_FETCH_FETCH_H
#define NR_FETCH_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Tunables; fetch_options_init() fills the defaults noted here. */
struct fetch_options {
	unsigned max_total;	/* parallel transfers in all (16) */
	unsigned max_per_host;	/* parallel transfers per host name (4) */
	long connect_timeout;	/* seconds (10) */
	long timeout;		/* seconds for a whole transfer (30) */
	long low_speed_limit;	/* bytes per second ... (16) */
	long low_speed_time;	/* ... for this many seconds aborts; 0 = off (15) */
	size_t max_body;	/* decoded body bytes (32 MiB) */
	long max_redirects;	/* (5) */
	long script_timeout;	/* seconds a command may run (60) */
};
void fetch_options_init(struct fetch_options *o);

enum fetch_event_type {
	FETCH_EV_JOB,		/* posted by a job's callbacks (fetch_job_post) */
	FETCH_EV_PROGRESS,	/* done of total jobs of the current batch */
	FETCH_EV_ALL_DONE,	/* every submitted job has finished */
};

/*
 * One event. Strings and data are owned by the event: fetch_event_clear()
 * frees them. A job's event carries its kind in tag (chosen by the job's
 * module: src/jobs/jobs.h lists them), so a receiver dispatches on the tag
 * alone.
 */
struct fetch_event {
	enum fetch_event_type type;
	int tag;		/* FETCH_EV_JOB: the job's kind */
	char *url;		/* FETCH_EV_JOB: the job's URL or name; may be NULL */
	char *message;		/* a job's failure reason; may be NULL */
	void *data;		/* FETCH_EV_JOB: the job's result, freed with
				   data_free when set */
	void (*data_free)(void *data);
	unsigned done, total;	/* progress of the batch */
};
void fetch_event_clear(struct fetch_event *ev);

/* Opaque; fetcher_start() creates it, fetcher_stop() stops and frees it. */
struct fetcher;

/*
 * Start the fetch thread. Returns NULL with *err (caller frees) when it
 * cannot be started.
 */
struct fetcher *fetcher_start(const struct fetch_options *o, char **err);
/*
 * Ask the thread to stop (flag under the mutex + curl_multi_wakeup), join it
 * and free everything. Transfers in flight end with on_done and the error
 * "cancelled" (fetch_job_stopping() is true then); queued ones are dropped
 * (free_ud only). Undelivered events are dropped.
 */
void fetcher_stop(struct fetcher **f);
/* The read end of the wakeup pipe: readable when events are waiting. */
int fetcher_fd(const struct fetcher *f);
/*
 * Take the next event (caller clears it with fetch_event_clear); false when
 * there is none. Call until false after the fd becomes readable.
 */
bool fetcher_next_event(struct fetcher *f, struct fetch_event *ev);

/*
 * Hold submissions until fetcher_release(): jobs submitted in between reach
 * the thread together, as one batch (so its FETCH_EV_ALL_DONE cannot come
 * after the first few). Holds nest. Callable from any thread.
 */
void fetcher_hold(struct fetcher *f);
void fetcher_release(struct fetcher *f);

/*
 * Local files no file:// transfer may open. For the local path of every
 * file:// URL, refuse(path, ud) is asked on the fetch thread before the
 * file is opened; a non-NULL answer (a static string) fails the job with that
 * reason. For the caller's own cache: closing any descriptor of it would
 * drop every fcntl lock the process holds on it, SQLite's included. Set it
 * before submitting jobs; ud must outlive the fetcher. Any thread.
 */
typedef const char *(*fetch_refuse_fn)(const char *path, void *ud);
void fetcher_refuse_files(struct fetcher *f, fetch_refuse_fn refuse, void *ud);

/* ---- Jobs ---- */

/* What a transfer's response said (valid during the callback only). */
struct fetch_response {
	long status;		/* HTTP status of the last response; 0 for file:// or none */
	const char *url;	/* effective URL after redirects */
	const char *location;	/* Location of the last response, or NULL (a 3xx
				   answer of a no_redirects request says where) */
	const char *content_type;	/* header value or NULL */
	const char *charset;	/* its charset parameter, or NULL */
	const char *etag;	/* ETag of the last response, or NULL */
	const char *last_modified;
	const char *content_language;	/* Content-Language of the last response
					   (the value as sent), or NULL */
	time_t retry_after;	/* absolute time from Retry-After; 0 = none */
	int64_t content_length;	/* -1 when unknown */
};

/* Handle of a running job, for the calls below (fetch thread only). */
struct fetch_job;

enum fetch_prepare_result { FETCH_GO, FETCH_SKIP };

/*
 * Callbacks of a job, all run on the fetch thread. Any may be NULL.
 * prepare: before the transfer starts; may add headers; FETCH_SKIP ends the
 *   job at once (on_done is not called, free_ud is).
 * on_body_start: the final response is 2xx (or any status with
 *   want_error_body: check r->status) and its first body byte arrived;
 *   return -1 to abort (give the reason with fetch_job_fail()).
 * on_body: the next decoded body bytes; return -1 to abort.
 * on_done: the transfer ended. error is NULL on success (2xx, or 304 for a
 *   conditional request: check r->status), else a human-readable reason
 *   ("HTTP 404", "timeout after 30 s", "too large (over 32 MiB)"). A
 *   non-2xx answer is a failure even when its body was passed on.
 * free_ud: the job is over; free ud.
 */
struct fetch_job_ops {
	enum fetch_prepare_result (*prepare)(struct fetch_job *job, void *ud);
	int (*on_body_start)(struct fetch_job *job, void *ud, const struct fetch_response *r);
	int (*on_body)(struct fetch_job *job, void *ud, const char *data, size_t len);
	void (*on_done)(struct fetch_job *job, void *ud, const struct fetch_response *r,
	    const char *error);
	void (*free_ud)(void *ud);
};

struct fetch_request {
	const char *url;
	const char *method;	/* NULL = GET; "POST", "HEAD", ... */
	const char *const *headers;	/* NULL-terminated "Name: value" lines, or NULL */
	const void *body;	/* request body (copied), or NULL */
	size_t body_len;
	bool allow_file;	/* allow file:// for this URL itself */
	size_t max_body;	/* 0 = the fetcher's cap */
	/* Pass the body of a non-2xx answer to on_body_start/on_body too (an
	 * API's error JSON says why), under the same max_body. Without it such
	 * a body is not read at all. */
	bool want_error_body;
	/* Do not follow redirects: a 3xx answer ends the job with its status
	 * (and r->location). For a POST, whose body curl would drop on a 301
	 * or 302 and turn into a GET. */
	bool no_redirects;
	/*
	 * A command job (NULL-terminated argv, copied; NULL: none). Without
	 * command_filter, url is only the job's name and the command's stdout
	 * is the body. With it, url is fetched first (caps, conditional
	 * headers and all) and its 2xx body is the command's stdin; a 304 or
	 * a failure ends the job without running anything.
	 */
	char *const *command;
	bool command_filter;
};

/* Queue a job; the request is copied. Callable from any thread. */
void fetcher_submit(struct fetcher *f, const struct fetch_request *req,
    const struct fetch_job_ops *ops, void *ud);

/* Calls for job callbacks, on the fetch thread only. */
void fetch_job_add_header(struct fetch_job *job, const char *line);
/* Set the failure reason reported to on_done when a callback aborts. */
void fetch_job_fail(struct fetch_job *job, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The fetcher running the job (to submit follow-ups); NULL when it runs
 * synchronously. */
struct fetcher *fetch_job_fetcher(const struct fetch_job *job);
/* The job ends because the fetcher stops (not the server's fault). */
bool fetch_job_stopping(const struct fetch_job *job);
/* Post an event to the caller; takes ownership of its strings and data
 * (dropped when the job runs synchronously). */
void fetch_job_post(struct fetch_job *job, struct fetch_event *ev);
const char *fetch_job_url(const struct fetch_job *job);

/* ---- Synchronous runner (no thread; for subcommands) ---- */

/* Run one job synchronously (callbacks on the calling thread;
 * fetch_job_fetcher() is NULL and fetch_job_post() drops events). */
void fetch_run_sync(const struct fetch_options *o, const struct fetch_request *req,
    const struct fetch_job_ops *ops, void *ud);

/*
 * For a file: URL, whether it names a regular file now (following symbolic
 * links; nothing is opened): NULL if so, else the reason a transfer would
 * fail with, in the same words (caller frees).
 */
char *fetch_file_check(const char *url);

/* "32 MiB", "512 KiB", "1000 bytes": how size caps are reported. */
char *fetch_format_size(size_t n);

#endif
