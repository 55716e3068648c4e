/*
 * The search worker (see searcher.h). The thread owns its store connection
 * from open to close; the caller's thread touches only the job slot, the
 * result queue (both under the mutex) and the generation it wants, which
 * the worker's cancel check reads without the lock (an atomic).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "searcher.h"

struct searcher {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *path;
	int pipe_r, pipe_w;
	/* Under mu. */
	char *query;		/* the job waiting for the worker, or NULL */
	unsigned query_gen;
	unsigned last_gen;	/* the last generation handed out */
	bool stop;
	struct search_result **q;	/* results not yet taken, oldest first */
	size_t qn, qa;
	/* The generation whose results are still wanted: a job of any other
	 * generation stops at its next check. */
	atomic_uint live;
	atomic_bool stopping;
	/* The worker's own. */
	struct store *store;
	size_t first;		/* matches ranked by the provisional step */
	long delay_ms;		/* test hook: a slow search (NR_TEST_SEARCH_DELAY_MS) */
};

/* What the cancel check needs: the searcher and the job's generation. */
struct job {
	struct searcher *sr;
	unsigned gen;
};

void
search_result_free(struct search_result *r)
{
	if (r == NULL)
		return;
	store_search_hits_clear(&r->hits);
	free(r->error);
	free(r);
}

static bool
job_cancelled(void *arg)
{
	const struct job *j = arg;

	return atomic_load(&j->sr->stopping) || atomic_load(&j->sr->live) != j->gen;
}

/* Queue r for the caller (or drop it if no longer wanted) and wake it. */
static void
post(struct searcher *sr, struct search_result *r)
{
	ssize_t w;

	pthread_mutex_lock(&sr->mu);
	if (r->gen != atomic_load(&sr->live)) {
		pthread_mutex_unlock(&sr->mu);
		search_result_free(r);
		return;
	}
	if (sr->qn == sr->qa) {
		sr->qa = sr->qa ? sr->qa * 2 : 4;
		sr->q = xreallocarray(sr->q, sr->qa, sizeof *sr->q);
	}
	sr->q[sr->qn++] = r;
	pthread_mutex_unlock(&sr->mu);
	/* A full pipe already holds a wake-up: EAGAIN is fine. */
	w = write(sr->pipe_w, "", 1);
	(void)w;
}

static void
post_error(struct searcher *sr, unsigned gen, const char *msg)
{
	struct search_result *r = xcalloc(1, sizeof *r);

	r->gen = gen;
	r->final = true;
	r->waiting = -1;
	r->error = xstrdup(msg);
	post(sr, r);
}

/* The test hook's pause, in short naps so that a cancel ends it at once.
 * true when the job was cancelled meanwhile. */
static bool
nap(struct job *j, long ms)
{
	for (long left = ms; left > 0; left -= 10) {
		struct timespec ts = { 0, (left < 10 ? left : 10) * 1000000L };
		if (job_cancelled(j))
			return true;
		nanosleep(&ts, NULL);
	}
	return job_cancelled(j);
}

/* One step: rank the newest matches (newest > 0) or all; false when the
 * job is over (cancelled, failed, or every match in already). */
static bool
step(struct searcher *sr, struct job *j, const char *query, size_t newest, int64_t waiting)
{
	struct search_result *r = xcalloc(1, sizeof *r);
	int rc;

	r->gen = j->gen;
	r->final = newest == 0;
	r->waiting = waiting;
	if (sr->delay_ms > 0 && nap(j, sr->delay_ms)) {
		search_result_free(r);
		return false;
	}
	rc = store_search_ids(sr->store, query, newest, job_cancelled, j, &r->hits);
	if (rc == 1) {
		search_result_free(r);
		return false;
	}
	if (rc == -1) {
		r->final = true;
		r->error = xstrdup(store_errreason(sr->store));
		post(sr, r);
		return false;
	}
	bool more = !r->hits.complete;

	r->final = !more;
	post(sr, r);	/* r is the caller's now */
	return more;
}

static void
run(struct searcher *sr, struct job *j, const char *query)
{
	int64_t waiting;

	if (sr->store == NULL) {
		char *err = NULL;
		/* Read-only: this connection never writes, not even the index
		 * catch-up (the UI loop does that in idle slices). Immutable as
		 * a fallback, as the reader opens a cache on a full disk. */
		sr->store = store_open(sr->path, STORE_READONLY, &err);
		if (sr->store == NULL) {
			free(err);
			err = NULL;
			sr->store = store_open(sr->path, STORE_READONLY | STORE_IMMUTABLE, &err);
		}
		if (sr->store == NULL) {
			post_error(sr, j->gen, err != NULL ? err : "cannot open the cache");
			free(err);
			return;
		}
	}
	waiting = store_search_waiting(sr->store);
	if (step(sr, j, query, sr->first, waiting))
		step(sr, j, query, 0, waiting);
}

static void *
worker(void *arg)
{
	struct searcher *sr = arg;

	pthread_mutex_lock(&sr->mu);
	for (;;) {
		while (!sr->stop && sr->query == NULL)
			pthread_cond_wait(&sr->cv, &sr->mu);
		if (sr->stop)
			break;
		char *query = sr->query;
		struct job j = { sr, sr->query_gen };
		sr->query = NULL;
		pthread_mutex_unlock(&sr->mu);
		run(sr, &j, query);
		free(query);
		pthread_mutex_lock(&sr->mu);
	}
	pthread_mutex_unlock(&sr->mu);
	store_close(&sr->store);
	return NULL;
}

struct searcher *
searcher_new(const char *db_path, char **err)
{
	struct searcher *sr = xcalloc(1, sizeof *sr);
	int fds[2];

	if (pipe(fds) != 0) {
		*err = xasprintf("cannot create a pipe: %s", strerror(errno));
		free(sr);
		return NULL;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
		fcntl(fds[i], F_SETFD, FD_CLOEXEC);
	}
	sr->pipe_r = fds[0];
	sr->pipe_w = fds[1];
	sr->path = xstrdup(db_path);
	sr->first = SEARCHER_FIRST_MATCHES;
	atomic_init(&sr->live, 0);
	atomic_init(&sr->stopping, false);
#ifdef NR_TEST_HOOKS
	/* Test hook, only in builds configured with --enable-test-hooks
	 * (tests/tui_search_async.sh): each step of a search waits this many
	 * milliseconds first, as a search on a huge cache would take. */
	const char *d = getenv("NR_TEST_SEARCH_DELAY_MS");
	if (d != NULL && atol(d) > 0)
		sr->delay_ms = atol(d);
#endif
	pthread_mutex_init(&sr->mu, NULL);
	pthread_cond_init(&sr->cv, NULL);
	if (pthread_create(&sr->thread, NULL, worker, sr) != 0) {
		*err = xstrdup("cannot start the search thread");
		pthread_mutex_destroy(&sr->mu);
		pthread_cond_destroy(&sr->cv);
		close(sr->pipe_r);
		close(sr->pipe_w);
		free(sr->path);
		free(sr);
		return NULL;
	}
	return sr;
}

/* Drop every queued result (under mu). */
static void
drop_queue(struct searcher *sr)
{
	for (size_t i = 0; i < sr->qn; i++)
		search_result_free(sr->q[i]);
	sr->qn = 0;
}

void
searcher_free(struct searcher **srp)
{
	struct searcher *sr = *srp;

	if (sr == NULL)
		return;
	*srp = NULL;
	atomic_store(&sr->stopping, true);
	pthread_mutex_lock(&sr->mu);
	sr->stop = true;
	pthread_cond_signal(&sr->cv);
	pthread_mutex_unlock(&sr->mu);
	pthread_join(sr->thread, NULL);
	drop_queue(sr);
	free(sr->q);
	free(sr->query);
	free(sr->path);
	close(sr->pipe_r);
	close(sr->pipe_w);
	pthread_mutex_destroy(&sr->mu);
	pthread_cond_destroy(&sr->cv);
	free(sr);
}

void
searcher_set_first_matches(struct searcher *sr, size_t n)
{
	pthread_mutex_lock(&sr->mu);
	sr->first = n > 0 ? n : 1;
	pthread_mutex_unlock(&sr->mu);
}

int
searcher_fd(const struct searcher *sr)
{
	return sr->pipe_r;
}

unsigned
searcher_start(struct searcher *sr, const char *query)
{
	unsigned gen;

	pthread_mutex_lock(&sr->mu);
	gen = ++sr->last_gen;
	atomic_store(&sr->live, gen);	/* the running job, if any, stops */
	drop_queue(sr);
	free(sr->query);
	sr->query = xstrdup(query);
	sr->query_gen = gen;
	pthread_cond_signal(&sr->cv);
	pthread_mutex_unlock(&sr->mu);
	return gen;
}

void
searcher_cancel(struct searcher *sr)
{
	pthread_mutex_lock(&sr->mu);
	atomic_store(&sr->live, ++sr->last_gen);	/* a generation no job has */
	drop_queue(sr);
	free(sr->query);
	sr->query = NULL;
	pthread_mutex_unlock(&sr->mu);
}

struct search_result *
searcher_take(struct searcher *sr)
{
	struct search_result *r = NULL;
	char drain[64];

	while (read(sr->pipe_r, drain, sizeof drain) > 0)
		;
	pthread_mutex_lock(&sr->mu);
	while (sr->qn > 0 && r == NULL) {
		struct search_result *first = sr->q[0];
		memmove(sr->q, sr->q + 1, (sr->qn - 1) * sizeof *sr->q);
		sr->qn--;
		if (first->gen == atomic_load(&sr->live))
			r = first;
		else
			search_result_free(first);
	}
	pthread_mutex_unlock(&sr->mu);
	return r;
}
