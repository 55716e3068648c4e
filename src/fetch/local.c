/*
 * file:// transfers, read here rather than by curl. curl's file protocol
 * opens the path with a blocking open(), so a FIFO in the feed list (or
 * planted by an imported OPML file) hung the fetch thread: no other feed
 * was fetched and the reader could not quit. Here the path is checked
 * with stat() first (a device is never opened, for the side effects an
 * open can have), opened non-blocking, and refused with a specific reason
 * unless the descriptor itself is a regular file. Symbolic links are
 * followed: a link to a regular file is a user's ordinary setup, and
 * fstat() of what was opened is what counts.
 *
 * The body then goes through the same callbacks, size cap, total timeout
 * and stop request as an HTTP body, in chunks, on the calling thread.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fetch/fetch_int.h"
#include "util/url.h"
#include "util/xalloc.h"

#define CHUNK (64u << 10)

bool
fetch_is_file_url(const char *url)
{
	return strncasecmp(url, "file:", 5) == 0;
}

/* What a non-regular file is, for the reason. */
static const char *
file_kind(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a plain file";
}

/* Why a file cannot be read, from errno (caller frees). */
static char *
errno_why(int e)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR:
		return xstrdup("no such file");
	case EACCES:
	case EPERM:
		return xstrdup("cannot read the file: permission denied");
	case ELOOP:
		return xstrdup("cannot read the file: too many symbolic links");
	default:
		return xasprintf("cannot read the file: %s", strerror(e));
	}
}

static void
fail_errno(struct fetch_job *job, int e)
{
	char *why = errno_why(e);

	fetch_job_fail(job, "%s", why);
	free(why);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Open path as a regular file, or fail the job; -1 then. */
static int
open_regular(struct fetch_job *job, const char *path, struct stat *st)
{
	int fd;

	if (stat(path, st) == -1) {
		fail_errno(job, errno);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		fetch_job_fail(job, "not a regular file (%s)", file_kind(st->st_mode));
		return -1;
	}
	/* Replaced by a FIFO since stat(): O_NONBLOCK keeps open() from
	 * waiting for a writer, fstat() below refuses it. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd == -1) {
		fail_errno(job, errno);
		return -1;
	}
	if (fstat(fd, st) == -1 || !S_ISREG(st->st_mode)) {
		fetch_job_fail(job, "not a regular file (%s)", file_kind(st->st_mode));
		close(fd);
		return -1;
	}
	return fd;
}

/* Whether the read must stop (the reason set). */
static bool
must_stop(struct fetch_job *job, const struct fetch_options *o, double start)
{
	if (job->f != NULL && fetcher_check_stop(job->f)) {
		fetch_job_fail(job, "cancelled");
		return true;
	}
	if (o->timeout > 0 && now() - start > (double)o->timeout) {
		fetch_job_fail(job, "timeout after %ld s", o->timeout);
		return true;
	}
	return false;
}

char *
fetch_file_check(const char *url)
{
	struct stat st;
	char *path;
	int e;

	if (strstr(url, "%00") != NULL || (path = url_file_path(url)) == NULL)
		return xstrdup("malformed file URL (file:///absolute/path expected)");
	e = stat(path, &st) == -1 ? errno : 0;
	free(path);
	if (e != 0)
		return errno_why(e);
	if (!S_ISREG(st.st_mode))
		return xasprintf("not a regular file (%s)", file_kind(st.st_mode));
	return NULL;
}

bool
fetch_local_run(struct fetch_job *job, const struct fetch_options *o)
{
	double start = now();
	struct stat st;
	char *path = NULL, *buf = NULL;
	int fd = -1;

	job->opt = o;
	/* A %00 would cut the path short where curl refused the URL. */
	if (strstr(job->url, "%00") != NULL || (path = url_file_path(job->url)) == NULL) {
		fetch_job_fail(job, "malformed file URL (file:///absolute/path expected)");
		goto done;
	}
	if ((fd = open_regular(job, path, &st)) == -1)
		goto done;
	if ((uint64_t)st.st_size > job->max_body) {
		char *why = fetch_too_large(job);
		fetch_job_fail(job, "%s", why);
		free(why);
		goto done;
	}
	job->resp.content_length = (int64_t)st.st_size;
	buf = xmalloc(CHUNK);
	for (;;) {
		ssize_t n;

		if (must_stop(job, o, start))
			break;
		n = read(fd, buf, CHUNK);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			fail_errno(job, errno);
			break;
		}
		if (n == 0)
			break;
		if (fetch_body_bytes(job, buf, (size_t)n) != 0)
			break;
	}
done:
	if (fd != -1)
		close(fd);
	free(buf);
	free(path);
	return fetch_transfer_done(job, CURLE_OK);
}
