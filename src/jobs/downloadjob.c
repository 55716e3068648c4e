/* Enclosure downloads by the fetcher (downloadjob.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetch/fetch.h"
#include "jobs/downloadjob.h"
#include "jobs/jobs.h"
#include "util/xalloc.h"

struct dl {
	unsigned id;
	char *part;
	int fd;
	int64_t got;
};

static void
result_free(void *data)
{
	struct download_job_result *r = data;
	free(r->error);
	free(r);
}

static void
post(struct fetch_job *job, struct dl *d, bool started, int64_t total, const char *error)
{
	struct download_job_result *r = xcalloc(1, sizeof *r);
	r->id = d->id;
	r->started = started;
	r->total = total;
	r->got = d->got;
	r->error = error != NULL ? xstrdup(error) : NULL;
	struct fetch_event ev = {
		.type = FETCH_EV_JOB,
		.tag = JOB_DOWNLOAD,
		.url = xstrdup(fetch_job_url(job)),
		.message = error != NULL ? xstrdup(error) : NULL,
		.data = r,
		.data_free = result_free,
	};
	fetch_job_post(job, &ev);
}

static enum fetch_prepare_result
dl_prepare(struct fetch_job *job, void *ud)
{
	struct dl *d = ud;
	(void)job;
	/* The caller made it (O_EXCL); nobody else writes it. */
	d->fd = open(d->part, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
	if (d->fd == -1)
		fetch_job_fail(job, "%s: %s", d->part, strerror(errno));
	return FETCH_GO;
}

static int
dl_start(struct fetch_job *job, void *ud, const struct fetch_response *r)
{
	struct dl *d = ud;
	if (d->fd == -1)
		return -1;
	post(job, d, true, r->content_length, NULL);
	return 0;
}

static int
dl_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	struct dl *d = ud;
	while (len > 0) {
		ssize_t n = write(d->fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fetch_job_fail(job, "%s: %s", d->part, strerror(errno));
			return -1;
		}
		data += n;
		len -= (size_t)n;
		d->got += n;
	}
	return 0;
}

static void
dl_done(struct fetch_job *job, void *ud, const struct fetch_response *r, const char *error)
{
	struct dl *d = ud;
	(void)r;
	if (error == NULL && d->fd == -1)
		error = "cannot write the file";
	if (d->fd != -1 && close(d->fd) == -1 && error == NULL)
		error = strerror(errno);
	d->fd = -1;
	if (error != NULL)
		unlink(d->part);	/* no partial file, also when nobody reads the event */
	post(job, d, false, -1, error);
}

static void
dl_free(void *ud)
{
	struct dl *d = ud;
	if (d->fd != -1) {
		close(d->fd);
		unlink(d->part);
	}
	free(d->part);
	free(d);
}

static const struct fetch_job_ops dl_ops = {
	.prepare = dl_prepare,
	.on_body_start = dl_start,
	.on_body = dl_body,
	.on_done = dl_done,
	.free_ud = dl_free,
};

void
download_job_submit(struct fetcher *f, unsigned id, const char *url, const char *part,
    int64_t max_size, bool allow_file)
{
	struct dl *d = xcalloc(1, sizeof *d);
	d->id = id;
	d->part = xstrdup(part);
	d->fd = -1;
	struct fetch_request req = {
		.url = url,
		.allow_file = allow_file,
		.max_body = max_size > 0 ? (size_t)max_size : (size_t)INT64_MAX,
		.no_total_timeout = true,
	};
	fetcher_submit(f, &req, &dl_ops, d);
}
