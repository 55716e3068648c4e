/* The log file with rotation at a size cap (see logfile.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/logfile.h"
#include "util/xalloc.h"

struct logfile {
	char *path;
	size_t max;
};

struct logfile *
logfile_new(const char *path, size_t max_bytes)
{
	struct logfile *l = xcalloc(1, sizeof *l);

	l->path = xstrdup(path);
	l->max = max_bytes;
	return l;
}

void
logfile_free(struct logfile **lp)
{
	if (*lp == NULL)
		return;
	free((*lp)->path);
	xfree(lp);
}

int
logfile_write(struct logfile *l, const char *fmt, ...)
{
	char stamp[32];
	struct tm tm;
	struct stat sb;
	time_t now = time(NULL);
	va_list ap;
	char *msg, *line;
	int fd, rc = 0;

	if (l == NULL)
		return 0;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* One line per entry, whatever a server put in its error text. */
	for (char *p = msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	line = xasprintf("%s %s\n", stamp, msg);
	free(msg);
	/* Another reader or a cron `reload` may share the file: the size is
	 * read now, and a rename is atomic, so at worst both rotate once. */
	if (stat(l->path, &sb) == 0 && sb.st_size > 0 &&
	    (size_t)sb.st_size + strlen(line) > l->max) {
		char *old = xasprintf("%s.1", l->path);
		if (rename(l->path, old) == -1)
			rc = -1;
		free(old);
	}
	fd = open(l->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd == -1) {
		free(line);
		return -1;
	}
	size_t len = strlen(line);
	if (write(fd, line, len) != (ssize_t)len)
		rc = -1;
	if (close(fd) == -1)
		rc = -1;
	free(line);
	return rc;
}
