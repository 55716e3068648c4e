/*
 * cache.db.lock: an fcntl(F_SETLK) write lock on a file holding the PID.
 * fcntl locks vanish with their process, so staleness needs no PID probing;
 * the PID in the file is only there to name the holder in the message.
 * The file sits next to the cache's real path (store_lock_path), so a
 * symlink and its target name one lock.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/fileio.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "lock.h"

struct lock {
	char *path;
	int fd;
};

/* The holder's PID from the file, or 0 when it cannot be read yet. */
static long
lock_read_pid(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

struct lock *
lock_acquire(const char *cache_path, char **err)
{
	char *path = store_lock_path(cache_path);
	char *copy = xstrdup(cache_path);
	const char *name = basename(copy);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd, e;

	*err = NULL;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		char *dir;
		e = errno;
		/* A data directory that could not be made is a read-only one,
		 * not a missing file. */
		int why = e == ENOENT || e == EROFS || e == EACCES ?
		    fileio_unwritable_dir(path, &dir) : 0;
		if (why != 0) {
			*err = xasprintf(_("%s: cannot be created: %s is read-only (%s)"),
			    path, dir, strerror(why));
			free(dir);
			e = why;
		} else
			*err = xasprintf("%s: %s", path, strerror(e));
		errno = e;
		goto fail;
	}
	if (fcntl(fd, F_SETLK, &fl) == -1) {
		if (errno == EACCES || errno == EAGAIN) {
			fl.l_type = F_WRLCK;
			long pid = lock_read_pid(fd);
			/* F_GETLK knows the holder even before it wrote its PID. */
			if (pid <= 0 && fcntl(fd, F_GETLK, &fl) == 0 &&
			    fl.l_type != F_UNLCK)
				pid = fl.l_pid;
			if (pid > 0)
				*err = xasprintf(_("%s is in use by PID %ld"), name, pid);
			else
				*err = xasprintf(_("%s is in use by another newsreader"),
				    name);
			errno = EAGAIN;
		} else
			*err = xasprintf("%s: %s", path, strerror(errno));
		e = errno;
		close(fd);
		errno = e;
		goto fail;
	}
	char pid[32];
	int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == -1 || pwrite(fd, pid, (size_t)n, 0) != n) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		e = errno;
		close(fd);
		errno = e;
		goto fail;
	}
	free(copy);
	struct lock *l = xmalloc(sizeof *l);
	l->path = path;
	l->fd = fd;
	return l;
fail:
	e = errno;	/* the caller tells "in use" (EAGAIN) from a full disk */
	free(copy);
	free(path);
	errno = e;
	return NULL;
}

void
lock_release(struct lock **lp)
{
	struct lock *l = *lp;

	if (l == NULL)
		return;
	/* The file stays: unlinking it would let a process that opened it a
	 * moment ago lock an orphan while a third one creates a new file. An
	 * empty file reads as free. */
	if (ftruncate(l->fd, 0) == -1) {
		/* harmless: the lock itself goes with close() */
	}
	close(l->fd);
	free(l->path);
	free(l);
	*lp = NULL;
}
