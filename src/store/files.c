/*
 * The files of a cache on disk: the database, SQLite's -wal, -shm and
 * -journal next to it, and the interactive instance's lock file.
 *
 * Why anyone needs to know: POSIX drops every fcntl lock a process holds on
 * a file as soon as the process closes any descriptor of that file. So
 * while a connection is open, nothing else in the process may open and
 * close one of these files (a file:// feed naming the cache, say), or
 * another process may take the cache for unused and delete its WAL.
 */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"
#include "util/xalloc.h"

/* Symlinks followed, even one that points at a file not created yet. */
#define MAX_LINKS 40

char *
store_real_path(const char *path)
{
	char *p = xstrdup(path), *r;

	for (int i = 0; i < MAX_LINKS; i++) {
		char target[PATH_MAX];
		ssize_t n;

		if ((r = realpath(p, NULL)) != NULL) {
			free(p);
			return r;
		}
		if (errno != ENOENT)
			break;
		n = readlink(p, target, sizeof target - 1);
		if (n == -1) {
			/* Not a link, so not there yet: resolve its directory. */
			char *d = xstrdup(p), *b = xstrdup(p), *rd;
			if ((rd = realpath(dirname(d), NULL)) != NULL) {
				r = xasprintf("%s/%s", strcmp(rd, "/") == 0 ? "" : rd, basename(b));
				free(rd);
			}
			free(d);
			free(b);
			if (r != NULL) {
				free(p);
				return r;
			}
			break;
		}
		target[n] = '\0';
		if (target[0] == '/') {
			free(p);
			p = xstrdup(target);
		} else {
			/* Relative to the link's directory. */
			char *d = xstrdup(p);
			char *np = xasprintf("%s/%s", dirname(d), target);
			free(d);
			free(p);
			p = np;
		}
	}
	free(p);
	return xstrdup(path);
}

char *
store_lock_path(const char *cache_path)
{
	char *real = store_real_path(cache_path);
	char *lock = xasprintf("%s.lock", real);

	free(real);
	return lock;
}

bool
store_is_cache_file(const char *cache_path, const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal", ".lock" };
	char *real_cache = store_real_path(cache_path), *real = store_real_path(path);
	struct stat want, have;
	bool have_ok = stat(path, &have) == 0, hit = false;

	for (size_t i = 0; !hit && i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *f = xasprintf("%s%s", real_cache, suffixes[i]);
		/* By name, for a file that does not exist (yet); by device and
		 * inode for another name of it (a hard link, a bind mount). */
		if (strcmp(f, real) == 0)
			hit = true;
		else if (have_ok && stat(f, &want) == 0 && want.st_dev == have.st_dev &&
		    want.st_ino == have.st_ino)
			hit = true;
		free(f);
	}
	free(real);
	free(real_cache);
	return hit;
}
