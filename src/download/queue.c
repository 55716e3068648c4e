/*
 * The download queue (download.h). Owned by the UI thread. A download by
 * command is a detached process (share_spawn_opts with SHARE_SPAWN_WATCH)
 * whose wait status arrives on a pipe; one by our fetcher is a job
 * (downloadjob.h) whose events the UI hands to download_queue_event().
 * Either way the bytes so far are the part file's size, read at each poll.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "download/download.h"
#include "fetch/fetch.h"
#include "jobs/downloadjob.h"
#include "jobs/jobs.h"
#include "share/argv.h"
#include "util/xalloc.h"

struct download {
	unsigned id;
	enum download_state state;
	char *url, *type;
	char *name, *path, *part;
	char *error;
	int64_t got, total;
	pid_t pid;		/* command: the program (its own session) */
	int watch_fd;		/* command: its wait status arrives here; -1 */
	bool by_job;		/* our fetcher runs it */
};

struct download_queue {
	char *dir;
	char **command;		/* argv template; NULL: our fetcher */
	unsigned max_running;
	struct fetcher *fetch;
	int64_t max_size;
	struct download *v;
	size_t n, cap;
	unsigned next_id;
	unsigned ended;		/* ids that ended, reported by poll one by one */
};

struct download_queue *
download_queue_new(const struct download_setup *setup)
{
	struct download_queue *q = xcalloc(1, sizeof *q);
	q->dir = setup->dir != NULL ? xstrdup(setup->dir) : download_default_dir();
	if (setup->command != NULL && setup->command[0] != NULL) {
		size_t n = share_argv_len(setup->command);
		q->command = xcalloc(n + 1, sizeof *q->command);
		for (size_t i = 0; i < n; i++)
			q->command[i] = xstrdup(setup->command[i]);
	}
	q->max_running = setup->max_running > 0 ? setup->max_running : 1;
	q->fetch = setup->fetch;
	q->max_size = setup->max_size;
	q->next_id = 1;
	return q;
}

static void
fail(struct download *d, const char *why)
{
	d->state = DOWNLOAD_FAILED;
	free(d->error);
	d->error = xstrdup(why);
	if (d->part != NULL)
		unlink(d->part);
	if (d->watch_fd != -1) {
		close(d->watch_fd);
		d->watch_fd = -1;
	}
	d->pid = 0;
}

static void
stop_one(struct download *d)
{
	if (d->state != DOWNLOAD_QUEUED && d->state != DOWNLOAD_RUNNING)
		return;
	if (d->pid > 0) {
		/* The program leads its own session: its children go too. */
		if (kill(-d->pid, SIGTERM) == -1)
			kill(d->pid, SIGTERM);
	}
	fail(d, "stopped");
}

size_t
download_queue_stop_all(struct download_queue *q)
{
	size_t n = 0;
	for (size_t i = 0; i < q->n; i++) {
		if (q->v[i].state == DOWNLOAD_QUEUED || q->v[i].state == DOWNLOAD_RUNNING) {
			stop_one(&q->v[i]);
			n++;
		}
	}
	return n;
}

void
download_queue_free(struct download_queue **qp)
{
	struct download_queue *q = *qp;
	if (q == NULL)
		return;
	download_queue_stop_all(q);
	for (size_t i = 0; i < q->n; i++) {
		struct download *d = &q->v[i];
		free(d->url);
		free(d->type);
		free(d->name);
		free(d->path);
		free(d->part);
		free(d->error);
		if (d->watch_fd != -1)
			close(d->watch_fd);
	}
	free(q->v);
	free(q->dir);
	share_argv_free(&q->command);
	free(q);
	*qp = NULL;
}

unsigned
download_queue_add(struct download_queue *q, const char *url, const char *type,
    int64_t length, char **err)
{
	if (q->command == NULL && q->fetch == NULL) {
		*err = xstrdup("offline: no download-command set and the network is off");
		return 0;
	}
	if (download_make_dir(q->dir, err) == -1)
		return 0;
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 8;
		q->v = xreallocarray(q->v, q->cap, sizeof *q->v);
	}
	struct download *d = &q->v[q->n++];
	memset(d, 0, sizeof *d);
	d->id = q->next_id++;
	d->state = DOWNLOAD_QUEUED;
	d->url = xstrdup(url);
	d->type = type != NULL ? xstrdup(type) : NULL;
	d->total = length;
	d->watch_fd = -1;
	d->name = download_file_name(url);
	d->path = NULL;
	return d->id;
}

/* Reserve the final name and create the empty part file (O_EXCL). */
static int
reserve(struct download_queue *q, struct download *d)
{
	for (int tries = 0; tries < 5; tries++) {
		char *path = download_free_path(q->dir, d->name);
		if (path == NULL) {
			fail(d, "no free file name");
			return -1;
		}
		char *part = xasprintf("%s.part", path);
		int fd = open(part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd != -1) {
			close(fd);
			free(d->path);
			d->path = path;
			d->part = part;
			const char *slash = strrchr(path, '/');
			free(d->name);
			d->name = xstrdup(slash ? slash + 1 : path);
			return 0;
		}
		int e = errno;
		free(path);
		free(part);
		if (e != EEXIST) {
			char *why = xasprintf("%s: %s", q->dir, strerror(e));
			fail(d, why);
			free(why);
			return -1;
		}
	}
	fail(d, "no free file name");
	return -1;
}

static void
start(struct download_queue *q, struct download *d)
{
	if (reserve(q, d) == -1)
		return;
	d->state = DOWNLOAD_RUNNING;
	if (q->command == NULL) {
		d->by_job = true;
		download_job_submit(q->fetch, d->id, d->url, d->part, q->max_size,
		    strncasecmp(d->url, "file:", 5) == 0);
		return;
	}
	char *err = NULL;
	char **argv = download_argv(q->command, d->url, d->part, d->type);
	struct share_spawn_opts o = {
		.flags = SHARE_SPAWN_WATCH,
		.label = "download-command",
		.watch_fd = &d->watch_fd,
	};
	d->pid = share_spawn_opts(argv, &o, &err);
	share_argv_free(&argv);
	if (d->pid == -1) {
		d->pid = 0;
		fail(d, err);
		free(err);
	}
}

/* A command ended with wait status st. */
static void
command_ended(struct download *d, int st)
{
	close(d->watch_fd);
	d->watch_fd = -1;
	d->pid = 0;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		char *done = NULL, *err = NULL;
		if (download_commit(d->part, d->path, &done, &err) == -1) {
			fail(d, err);
			free(err);
			return;
		}
		free(d->path);
		d->path = done;
		const char *slash = strrchr(done, '/');
		free(d->name);
		d->name = xstrdup(slash ? slash + 1 : done);
		d->state = DOWNLOAD_DONE;
		return;
	}
	char *why = WIFEXITED(st) ?
	    xasprintf("download-command exited with status %d", WEXITSTATUS(st)) :
	    WIFSIGNALED(st) ? xasprintf("download-command killed by signal %d", WTERMSIG(st)) :
	    xstrdup("download-command failed");
	fail(d, why);
	free(why);
}

static void
mark_ended(struct download_queue *q, struct download *d)
{
	q->ended = d->id;
}

bool
download_queue_poll(struct download_queue *q, unsigned *ended)
{
	bool changed = false;
	unsigned running = 0;

	q->ended = 0;
	for (size_t i = 0; i < q->n; i++) {
		struct download *d = &q->v[i];
		if (d->state != DOWNLOAD_RUNNING)
			continue;
		if (d->watch_fd != -1) {
			int st;
			ssize_t r = read(d->watch_fd, &st, sizeof st);
			if (r == (ssize_t)sizeof st) {
				if (d->part != NULL) {
					struct stat sb;
					if (stat(d->part, &sb) == 0)
						d->got = sb.st_size;
				}
				command_ended(d, st);
				mark_ended(q, d);
				changed = true;
				continue;
			}
			if (r == 0 || (r == -1 && errno != EAGAIN && errno != EINTR)) {
				fail(d, "download-command: its end could not be watched");
				mark_ended(q, d);
				changed = true;
				continue;
			}
		}
		struct stat sb;
		if (d->part != NULL && stat(d->part, &sb) == 0 && sb.st_size != d->got) {
			d->got = sb.st_size;
			changed = true;
		}
		running++;
	}
	for (size_t i = 0; i < q->n && running < q->max_running; i++) {
		struct download *d = &q->v[i];
		if (d->state != DOWNLOAD_QUEUED)
			continue;
		start(q, d);
		changed = true;
		if (d->state == DOWNLOAD_RUNNING)
			running++;
		else
			mark_ended(q, d);
	}
	if (ended != NULL)
		*ended = q->ended;
	return changed;
}

static struct download *
by_id(const struct download_queue *q, unsigned id)
{
	for (size_t i = 0; i < q->n; i++) {
		if (q->v[i].id == id)
			return &q->v[i];
	}
	return NULL;
}

bool
download_queue_event(struct download_queue *q, const struct fetch_event *ev, unsigned *ended)
{
	*ended = 0;
	if (ev->type != FETCH_EV_JOB || ev->tag != JOB_DOWNLOAD || ev->data == NULL)
		return false;
	const struct download_job_result *r = ev->data;
	struct download *d = by_id(q, r->id);
	if (d == NULL || d->state != DOWNLOAD_RUNNING)
		return true;	/* stopped meanwhile */
	if (r->started) {
		if (r->total >= 0)
			d->total = r->total;
		return true;
	}
	d->got = r->got;
	if (r->error != NULL) {
		fail(d, r->error);
	} else {
		char *done = NULL, *err = NULL;
		if (download_commit(d->part, d->path, &done, &err) == -1) {
			fail(d, err);
			free(err);
		} else {
			free(d->path);
			d->path = done;
			const char *slash = strrchr(done, '/');
			free(d->name);
			d->name = xstrdup(slash ? slash + 1 : done);
			d->state = DOWNLOAD_DONE;
			d->total = d->got;
		}
	}
	*ended = d->id;
	return true;
}

size_t
download_queue_active(const struct download_queue *q)
{
	size_t n = 0;
	for (size_t i = 0; i < q->n; i++) {
		if (q->v[i].state == DOWNLOAD_QUEUED || q->v[i].state == DOWNLOAD_RUNNING)
			n++;
	}
	return n;
}

size_t
download_queue_count(const struct download_queue *q)
{
	return q->n;
}

static void
info(const struct download *d, struct download_info *out)
{
	out->id = d->id;
	out->state = d->state;
	out->url = d->url;
	out->type = d->type;
	out->name = d->name;
	out->path = d->path;
	out->error = d->error;
	out->got = d->got;
	out->total = d->total;
}

bool
download_queue_get(const struct download_queue *q, size_t i, struct download_info *out)
{
	if (i >= q->n)
		return false;
	info(&q->v[i], out);
	return true;
}

bool
download_queue_find(const struct download_queue *q, unsigned id, struct download_info *out)
{
	const struct download *d = by_id(q, id);
	if (d == NULL)
		return false;
	info(d, out);
	return true;
}
