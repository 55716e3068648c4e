/* File helpers: capped reads, mkdir -p, atomic replacement (see fileio.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "config/fileio.h"
#include "util/buf.h"
#include "util/xalloc.h"

int
fileio_read(const char *path, size_t cap, char **data, size_t *len, int *errnum)
{
	struct buf b = BUF_INIT;
	char chunk[8192];
	ssize_t n;
	int fd;

	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*errnum = errno;
		return -1;
	}
	buf_init(&b, cap);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*errnum = errno;
			goto fail;
		}
		if (n == 0)
			break;
		if (!buf_append(&b, chunk, (size_t)n)) {
			*errnum = EFBIG;
			goto fail;
		}
	}
	close(fd);
	*len = b.len;
	*data = buf_detach(&b);
	return 0;
fail:
	close(fd);
	buf_free(&b);
	return -1;
}

int
fileio_mkdir_parent(const char *path, mode_t mode)
{
	char *copy = xstrdup(path);
	/* dirname() may return a static "." (a bare file name): copy it, the
	 * walk below writes into it. */
	char *dir = xstrdup(dirname(copy));
	int rc = 0;

	/* Walk forward through the components, creating what is missing. */
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char save = *p;
		*p = '\0';
		if (mkdir(dir, mode) == -1 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*p = save;
		if (save == '\0')
			break;
	}
	free(dir);
	free(copy);
	return rc;
}

/* Write all of data to fd, retrying short writes. */
static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int
fileio_write_atomic(const char *path, const char *data, size_t len, char **err)
{
	char *target, *tmp = NULL, *copy, *dir;
	struct stat st;
	int fd = -1, dfd;

	/* Follow a symlink (a dotfiles repository): replace the real file. */
	target = realpath(path, NULL);
	if (target == NULL)
		target = xstrdup(path);
	copy = xstrdup(target);
	dir = dirname(copy);
	tmp = xasprintf("%s/.%s.XXXXXX", dir, strrchr(target, '/') ?
	    strrchr(target, '/') + 1 : target);
	if ((fd = mkstemp(tmp)) == -1) {
		*err = xasprintf("cannot create a file in %s: %s", dir, strerror(errno));
		goto fail;
	}
	/* mkstemp made it 0600, which a new file keeps. */
	if (stat(target, &st) == 0)
		(void)fchmod(fd, st.st_mode & 07777);
	if (write_all(fd, data, len) == -1 || fsync(fd) == -1) {
		*err = xasprintf("cannot write %s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (close(fd) == -1) {
		fd = -1;
		*err = xasprintf("cannot write %s: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target) == -1) {
		*err = xasprintf("cannot replace %s: %s", target, strerror(errno));
		goto fail;
	}
	/* Make the rename itself durable. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(copy);
	free(target);
	return 0;
fail:
	if (fd != -1)
		close(fd);
	if (tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(copy);
	free(target);
	return -1;
}

int
fileio_unwritable_dir(const char *path, char **dirp)
{
	char *dir = xstrdup(path);
	struct stat sb;
	struct statvfs vfs;
	int e = 0;

	*dirp = NULL;
	for (;;) {
		char *slash = strrchr(dir, '/');
		if (slash == NULL) {
			strcpy(dir, ".");
			break;
		}
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
		if (stat(dir, &sb) == 0 || strcmp(dir, "/") == 0)
			break;
	}
	if (statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY) != 0)
		e = EROFS;
	else if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0 &&
	    (errno == EACCES || errno == EPERM || errno == EROFS))
		e = errno == EPERM ? EACCES : errno;
	if (e != 0)
		*dirp = dir;
	else
		free(dir);
	return e;
}
