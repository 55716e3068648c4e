/*
 * The index catch-up worker (see indexer.h). The thread owns its store
 * connection once started; the caller's thread touches only the flags
 * under the mutex and the pipe's read end.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/xalloc.h"
#include "indexer.h"

struct indexer {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;	/* CLOCK_MONOTONIC */
	int pipe_r, pipe_w;
	/* Under mu. */
	bool kicked;
	bool stop;
	/* The worker's own. */
	struct store *store;
};

/* Wait ms or until stopped (under mu); true when stopped. */
static bool
nap(struct indexer *ix, long ms)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_sec += ms / 1000;
	t.tv_nsec += (ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	while (!ix->stop && pthread_cond_timedwait(&ix->cv, &ix->mu, &t) != ETIMEDOUT)
		;
	return ix->stop;
}

static void *
worker(void *arg)
{
	struct indexer *ix = arg;

	pthread_mutex_lock(&ix->mu);
	for (;;) {
		while (!ix->stop && !ix->kicked)
			pthread_cond_wait(&ix->cv, &ix->mu);
		if (ix->stop)
			break;
		ix->kicked = false;
		pthread_mutex_unlock(&ix->mu);
		int64_t left = store_search_catch_up(ix->store, INDEXER_SLICE);
		pthread_mutex_lock(&ix->mu);
		if (left < 0) {
			ix->kicked = true;	/* still to do */
			if (nap(ix, INDEXER_RETRY_MS))
				break;
		} else if (left > 0)
			ix->kicked = true;
		else {
			/* A full pipe already holds a wake-up: EAGAIN is fine. */
			ssize_t w = write(ix->pipe_w, "", 1);
			(void)w;
		}
	}
	pthread_mutex_unlock(&ix->mu);
	return NULL;
}

struct indexer *
indexer_new(const char *db_path, char **err)
{
	struct indexer *ix = xcalloc(1, sizeof *ix);
	pthread_condattr_t ca;
	int fds[2];

	*err = NULL;
	if ((ix->store = store_open(db_path, 0, err)) == NULL) {
		free(ix);
		return NULL;
	}
	store_set_busy_timeout(ix->store, INDEXER_BUSY_MS);
	if (pipe(fds) != 0) {
		*err = xasprintf("cannot create a pipe: %s", strerror(errno));
		store_close(&ix->store);
		free(ix);
		return NULL;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
		fcntl(fds[i], F_SETFD, FD_CLOEXEC);
	}
	ix->pipe_r = fds[0];
	ix->pipe_w = fds[1];
	pthread_mutex_init(&ix->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&ix->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&ix->thread, NULL, worker, ix) != 0) {
		*err = xstrdup("cannot start the indexing thread");
		pthread_mutex_destroy(&ix->mu);
		pthread_cond_destroy(&ix->cv);
		close(ix->pipe_r);
		close(ix->pipe_w);
		store_close(&ix->store);
		free(ix);
		return NULL;
	}
	return ix;
}

void
indexer_free(struct indexer **ixp)
{
	struct indexer *ix = *ixp;

	if (ix == NULL)
		return;
	*ixp = NULL;
	pthread_mutex_lock(&ix->mu);
	ix->stop = true;
	pthread_cond_signal(&ix->cv);
	pthread_mutex_unlock(&ix->mu);
	pthread_join(ix->thread, NULL);
	store_close(&ix->store);
	close(ix->pipe_r);
	close(ix->pipe_w);
	pthread_mutex_destroy(&ix->mu);
	pthread_cond_destroy(&ix->cv);
	free(ix);
}

void
indexer_kick(struct indexer *ix)
{
	pthread_mutex_lock(&ix->mu);
	ix->kicked = true;
	pthread_cond_signal(&ix->cv);
	pthread_mutex_unlock(&ix->mu);
}

int
indexer_fd(const struct indexer *ix)
{
	return ix->pipe_r;
}

bool
indexer_take(struct indexer *ix)
{
	char b[64];
	bool any = false;

	while (read(ix->pipe_r, b, sizeof b) > 0)
		any = true;
	return any;
}
