/*
 * The fetch thread. It owns one curl multi handle and runs every submitted
 * job through it; the caller talks to it only through two mutex-protected
 * lists:
 *
 *   caller --fetcher_submit--> incoming --(thread)--> pending
 *   pending --(caps allow)--> active (in the multi handle) --> done
 *   thread --fetcher_post--> events --(one byte on the pipe)--> caller poll()
 *
 * The thread sleeps in curl_multi_poll(); a submission or a stop request
 * wakes it with curl_multi_wakeup(). The stop flag lives under the mutex, so
 * no wake-up is lost and no timed nap is needed.
 *
 * Caps are enforced here rather than with CURLMOPT_MAX_*_CONNECTIONS, whose
 * queued transfers would already run their timeout clocks while waiting.
 *
 * A command job (process.c) is active without an easy handle (or, for a
 * filter, after its handle has left the multi): its pipes join
 * curl_multi_poll as extra descriptors, and its deadlines shorten the wait.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetch/fetch_int.h"
#include "util/url.h"
#include "util/xalloc.h"

struct event_node {
	struct fetch_event ev;
	struct event_node *next;
};

struct host_slot {
	char *host;		/* own copy: jobs of the host come and go */
	unsigned n;
};

struct fetcher {
	struct fetch_options opt;
	pthread_t thread;
	int pipe_r, pipe_w;
	CURLM *multi;

	pthread_mutex_t mu;
	/* Under mu. */
	bool stop;
	unsigned hold;		/* fetcher_hold() without its release */
	struct fetch_job *incoming, **incoming_tail;
	struct event_node *events, **events_tail;
	fetch_refuse_fn refuse;	/* fetcher_refuse_files(); may be NULL */
	void *refuse_ud;

	/* Fetch thread only (after start). */
	struct fetch_job *pending, **pending_tail;
	struct fetch_job **active;
	size_t nactive;
	struct curl_waitfd *waitfds;	/* room for 3 per active job */
	struct host_slot *hosts;	/* one per distinct active host */
	size_t nhosts;
	unsigned batch_total, batch_done;
	bool stopping;
};

static void *fetch_thread(void *arg);

struct fetcher *
fetcher_start(const struct fetch_options *o, char **err)
{
	struct fetcher *f = xcalloc(1, sizeof *f);
	int fds[2];

	*err = NULL;
	f->opt = *o;
	if (f->opt.max_total == 0)
		f->opt.max_total = 1;
	if (f->opt.max_per_host == 0)
		f->opt.max_per_host = 1;
	if (pipe(fds) != 0) {
		*err = xasprintf("cannot create a pipe: %s", strerror(errno));
		free(f);
		return NULL;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
		fcntl(fds[i], F_SETFD, FD_CLOEXEC);
	}
	f->pipe_r = fds[0];
	f->pipe_w = fds[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	f->multi = curl_multi_init();
	if (f->multi == NULL)
		abort();
	f->active = xcalloc(f->opt.max_total, sizeof *f->active);
	f->hosts = xcalloc(f->opt.max_total, sizeof *f->hosts);
	f->waitfds = xcalloc((size_t)f->opt.max_total * 3, sizeof *f->waitfds);
	f->incoming_tail = &f->incoming;
	f->events_tail = &f->events;
	f->pending_tail = &f->pending;
	pthread_mutex_init(&f->mu, NULL);
	if (pthread_create(&f->thread, NULL, fetch_thread, f) != 0) {
		*err = xstrdup("cannot start the fetch thread");
		pthread_mutex_destroy(&f->mu);
		curl_multi_cleanup(f->multi);
		curl_global_cleanup();
		close(f->pipe_r);
		close(f->pipe_w);
		free(f->active);
		free(f->hosts);
		free(f->waitfds);
		free(f);
		return NULL;
	}
	return f;
}

static void
free_job_list(struct fetch_job *j)
{
	while (j != NULL) {
		struct fetch_job *next = j->next;
		fetch_job_free(j);
		j = next;
	}
}

void
fetcher_stop(struct fetcher **fp)
{
	struct fetcher *f = *fp;
	struct event_node *n;

	if (f == NULL)
		return;
	pthread_mutex_lock(&f->mu);
	f->stop = true;
	pthread_mutex_unlock(&f->mu);
	curl_multi_wakeup(f->multi);
	pthread_join(f->thread, NULL);

	free_job_list(f->incoming);
	while ((n = f->events) != NULL) {
		f->events = n->next;
		fetch_event_clear(&n->ev);
		free(n);
	}
	curl_multi_cleanup(f->multi);
	curl_global_cleanup();
	pthread_mutex_destroy(&f->mu);
	close(f->pipe_r);
	close(f->pipe_w);
	free(f->active);
	free(f->hosts);
	free(f->waitfds);
	free(f);
	*fp = NULL;
}

int
fetcher_fd(const struct fetcher *f)
{
	return f->pipe_r;
}

void
fetcher_post(struct fetcher *f, struct fetch_event *ev)
{
	struct event_node *n = xmalloc(sizeof *n);
	ssize_t w;

	n->ev = *ev;
	n->next = NULL;
	memset(ev, 0, sizeof *ev);
	pthread_mutex_lock(&f->mu);
	*f->events_tail = n;
	f->events_tail = &n->next;
	pthread_mutex_unlock(&f->mu);
	/* A full pipe already holds a wake-up: EAGAIN is fine. */
	w = write(f->pipe_w, "", 1);
	(void)w;
}

bool
fetcher_next_event(struct fetcher *f, struct fetch_event *ev)
{
	char drain[256];
	struct event_node *n;

	/* Drain first: a byte written after this belongs to an event we
	 * may not see now, and will wake the caller again. */
	while (read(f->pipe_r, drain, sizeof drain) > 0)
		;
	pthread_mutex_lock(&f->mu);
	n = f->events;
	if (n != NULL) {
		f->events = n->next;
		if (f->events == NULL)
			f->events_tail = &f->events;
	}
	pthread_mutex_unlock(&f->mu);
	if (n == NULL)
		return false;
	*ev = n->ev;
	free(n);
	return true;
}

bool
fetcher_stopping(struct fetcher *f)
{
	return f->stopping;
}

bool
fetcher_check_stop(struct fetcher *f)
{
	bool stop;

	pthread_mutex_lock(&f->mu);
	stop = f->stop;
	pthread_mutex_unlock(&f->mu);
	if (stop)
		f->stopping = true;
	return stop;
}

static void
enqueue(struct fetcher *f, struct fetch_job *first, struct fetch_job **last_next)
{
	pthread_mutex_lock(&f->mu);
	*f->incoming_tail = first;
	f->incoming_tail = last_next;
	pthread_mutex_unlock(&f->mu);
	curl_multi_wakeup(f->multi);
}

void
fetcher_submit(struct fetcher *f, const struct fetch_request *req,
    const struct fetch_job_ops *ops, void *ud)
{
	struct fetch_job *job = fetch_job_new(req, ops, ud, f->opt.max_body);

	job->f = f;
	enqueue(f, job, &job->next);
}

void
fetcher_hold(struct fetcher *f)
{
	pthread_mutex_lock(&f->mu);
	f->hold++;
	pthread_mutex_unlock(&f->mu);
}

void
fetcher_release(struct fetcher *f)
{
	pthread_mutex_lock(&f->mu);
	if (f->hold > 0)
		f->hold--;
	pthread_mutex_unlock(&f->mu);
	curl_multi_wakeup(f->multi);
}

static void
post_progress(struct fetcher *f, enum fetch_event_type type)
{
	struct fetch_event ev = { .type = type, .done = f->batch_done,
	    .total = f->batch_total };

	fetcher_post(f, &ev);
}

static void
job_finished(struct fetcher *f, struct fetch_job *job)
{
	fetch_job_free(job);
	f->batch_done++;
	post_progress(f, FETCH_EV_PROGRESS);
}

static struct host_slot *
host_slot(struct fetcher *f, const char *host)
{
	for (size_t i = 0; i < f->nhosts; i++) {
		if (strcmp(f->hosts[i].host, host) == 0)
			return &f->hosts[i];
	}
	return NULL;
}

void
fetcher_refuse_files(struct fetcher *f, fetch_refuse_fn refuse, void *ud)
{
	pthread_mutex_lock(&f->mu);
	f->refuse = refuse;
	f->refuse_ud = ud;
	pthread_mutex_unlock(&f->mu);
}

/* A file:// job whose file the caller forbids (fetcher_refuse_files): fail
 * it, with the caller's reason, before curl opens anything. */
static bool
refused_file(struct fetcher *f, struct fetch_job *job)
{
	fetch_refuse_fn refuse;
	const char *reason = NULL;
	void *ud;
	char *path;

	pthread_mutex_lock(&f->mu);
	refuse = f->refuse;
	ud = f->refuse_ud;
	pthread_mutex_unlock(&f->mu);
	if (refuse == NULL || !job->allow_file || (path = url_file_path(job->url)) == NULL)
		return false;
	reason = refuse(path, ud);
	if (reason != NULL)
		fetch_job_fail(job, "%s", reason);
	free(path);
	return reason != NULL;
}

/* Move pending jobs into the multi handle while the caps allow. */
static void
start_jobs(struct fetcher *f)
{
	struct fetch_job **pp = &f->pending, *job;
	struct host_slot *hs;

	while ((job = *pp) != NULL && f->nactive < f->opt.max_total) {
		hs = host_slot(f, job->host);
		if (hs != NULL && hs->n >= f->opt.max_per_host) {
			pp = &job->next;	/* this host is busy; try the next job */
			continue;
		}
		*pp = job->next;
		if (*pp == NULL)
			f->pending_tail = pp;
		job->next = NULL;

		if (job->ops.prepare != NULL && job->ops.prepare(job, job->ud) == FETCH_SKIP) {
			job_finished(f, job);
			continue;
		}
		if (job->allow_file && fetch_is_file_url(job->url)) {
			/* Read here, at once: a regular file (nothing else is
			 * opened) under the cap, timeout and stop request. A
			 * filter's command then runs on it, as an active job. */
			bool done;

			job->opt = &f->opt;
			if (refused_file(f, job))
				done = fetch_transfer_done(job, CURLE_ABORTED_BY_CALLBACK);
			else
				done = fetch_local_run(job, &f->opt);
			if (done) {
				job_finished(f, job);
				continue;
			}
		} else if (job->argv != NULL && !job->filter) {
			/* A command alone: no transfer at all. */
			job->opt = &f->opt;
			if (!fetch_proc_start(job)) {
				job_finished(f, job);
				continue;
			}
		} else {
			fetch_transfer_setup(job, &f->opt);
			curl_multi_add_handle(f->multi, job->easy);
			job->in_multi = true;
		}
		f->active[f->nactive++] = job;
		if (hs == NULL) {
			hs = &f->hosts[f->nhosts++];
			hs->host = xstrdup(job->host);
			hs->n = 0;
		}
		hs->n++;
	}
}

static void
deactivate(struct fetcher *f, struct fetch_job *job)
{
	struct host_slot *hs = host_slot(f, job->host);

	if (job->in_multi)
		curl_multi_remove_handle(f->multi, job->easy);
	job->in_multi = false;
	for (size_t i = 0; i < f->nactive; i++) {
		if (f->active[i] == job) {
			f->active[i] = f->active[--f->nactive];
			break;
		}
	}
	if (hs != NULL && --hs->n == 0) {
		free(hs->host);
		*hs = f->hosts[--f->nhosts];
	}
}

/* Finish every transfer curl reports done; true when there was one. */
static bool
reap(struct fetcher *f)
{
	CURLMsg *msg;
	int left;
	bool any = false;

	while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
		struct fetch_job *job = NULL;
		CURLcode code = msg->data.result;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&job);
		curl_multi_remove_handle(f->multi, job->easy);
		job->in_multi = false;
		any = true;
		/* A filter's command now runs: the job stays active. */
		if (!fetch_transfer_done(job, code))
			continue;
		deactivate(f, job);
		job_finished(f, job);
	}
	return any;
}

/* Serve the running commands; true when one ended. */
static bool
serve_commands(struct fetcher *f)
{
	bool any = false;

	for (size_t i = 0; i < f->nactive;) {
		struct fetch_job *job = f->active[i];

		if (job->proc == NULL || !fetch_proc_service(job)) {
			i++;
			continue;
		}
		deactivate(f, job);	/* moves the last job to i */
		job_finished(f, job);
		any = true;
	}
	return any;
}

/* The commands' descriptors for curl_multi_poll, and how long it may wait. */
static unsigned
command_fds(struct fetcher *f, int *wait_ms)
{
	unsigned n = 0;

	for (size_t i = 0; i < f->nactive; i++) {
		long ms;

		if (f->active[i]->proc == NULL)
			continue;
		n += fetch_proc_fds(f->active[i], f->waitfds + n);
		ms = fetch_proc_wait_ms(f->active[i]);
		if (ms >= 0 && ms < *wait_ms)
			*wait_ms = (int)ms;
	}
	return n;
}

/* Stop: in-flight transfers end as "cancelled", queued ones are dropped. */
static void
cancel_all(struct fetcher *f)
{
	f->stopping = true;
	while (f->nactive > 0) {
		struct fetch_job *job = f->active[f->nactive - 1];

		deactivate(f, job);
		if (job->proc != NULL) {
			fetch_proc_cancel(job);	/* killed at once, reaped */
		} else {
			fetch_job_fail(job, "cancelled");
			fetch_transfer_done(job, CURLE_ABORTED_BY_CALLBACK);
		}
		fetch_job_free(job);
	}
	free_job_list(f->pending);
	f->pending = NULL;
	f->pending_tail = &f->pending;
}

static void *
fetch_thread(void *arg)
{
	struct fetcher *f = arg;
	sigset_t pipe_set;
	int running;

	/* A command that stops reading its input makes our write fail with
	 * EPIPE; the signal it raises stays blocked here (process.c). */
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, NULL);
	for (;;) {
		int wait_ms = 10000;
		unsigned nfds;
		struct fetch_job *in;
		bool stop;

		pthread_mutex_lock(&f->mu);
		stop = f->stop;
		in = NULL;
		if (f->hold == 0) {
			in = f->incoming;
			f->incoming = NULL;
			f->incoming_tail = &f->incoming;
		}
		pthread_mutex_unlock(&f->mu);
		if (stop) {
			free_job_list(in);
			break;
		}
		if (in != NULL) {
			*f->pending_tail = in;
			for (; in != NULL; in = in->next) {
				f->batch_total++;
				f->pending_tail = &in->next;
			}
		}

		start_jobs(f);
		curl_multi_perform(f->multi, &running);
		bool ended = reap(f);
		if (serve_commands(f))
			ended = true;
		if (ended)
			continue;	/* slots freed: start more before sleeping */
		if (f->batch_total > 0 && f->batch_done == f->batch_total &&
		    f->nactive == 0 && f->pending == NULL) {
			post_progress(f, FETCH_EV_ALL_DONE);
			f->batch_total = f->batch_done = 0;
		}
		/* curl shortens the wait to its own next timeout. */
		nfds = command_fds(f, &wait_ms);
		curl_multi_poll(f->multi, nfds > 0 ? f->waitfds : NULL, nfds, wait_ms, NULL);
	}
	cancel_all(f);
	return NULL;
}
