/*
 * The sync password (sync.h): from a file only its owner can read, or from
 * the first line a command prints. The command is run by argv with
 * execvp, never through a shell (like share-command), with stdin on
 * /dev/null and stderr inherited (a password manager may prompt there).
 * No message built here ever contains the password.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "sync/sync.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define PASSWORD_MAX 4096
#define COMMAND_TIMEOUT_MS 30000

void
sync_feed_list_clear(struct sync_feed_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].id);
		free(l->v[i].url);
		free(l->v[i].title);
		free(l->v[i].category);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
sync_item_list_clear(struct sync_item_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct sync_item *it = &l->v[i];
		free(it->id);
		free(it->feed_id);
		free(it->title);
		free(it->link);
		free(it->author);
		free(it->content);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

char *
sync_json_text(const json_t *o, const char *key, bool html)
{
	const json_t *x = json_object_get(o, key);

	return json_is_string(x) ? sync_clean(json_string_value(x), html) : NULL;
}

char *
sync_clean(const char *s, bool html)
{
	size_t n;
	char *c;

	if (s == NULL)
		return NULL;
	c = utf8_sanitize(s, strlen(s), UTF8_KEEP_MARKS | (html ? UTF8_KEEP_NEWLINES : 0), &n);
	if (!html) {
		/* One line: a blank run (a stray newline too) is one space. */
		size_t j = 0;
		bool space = false;
		for (size_t i = 0; i < n; i++) {
			if (c[i] == ' ' || c[i] == '\n' || c[i] == '\t' || c[i] == '\r') {
				space = j > 0;
				continue;
			}
			if (space)
				c[j++] = ' ';
			space = false;
			c[j++] = c[i];
		}
		c[j] = '\0';
		n = j;
	}
	if (n == 0) {
		free(c);
		return NULL;
	}
	return c;
}

void
sync_password_free(char **pw)
{
	if (*pw == NULL)
		return;
	explicit_bzero(*pw, strlen(*pw));
	free(*pw);
	*pw = NULL;
}

char *
sync_password_line(const char *data)
{
	size_t start = strspn(data, " \t"), len = strcspn(data, "\r\n");

	while (len > start && (data[len - 1] == ' ' || data[len - 1] == '\t'))
		len--;
	return len > start ? xstrndup(data + start, len - start) : NULL;
}

static int
from_file(const char *path, char **pw, char **err)
{
	char data[PASSWORD_MAX];
	struct stat st;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		*err = xasprintf("%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((st.st_mode & 077) != 0) {
		*err = xasprintf("%s: refusing a password file that others can read "
		    "(mode %03o; chmod 600 it)", path, (unsigned)(st.st_mode & 0777));
		close(fd);
		return -1;
	}
	n = read(fd, data, sizeof data - 1);
	close(fd);
	if (n == -1) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	data[n] = '\0';
	*pw = sync_password_line(data);
	explicit_bzero(data, sizeof data);
	if (*pw == NULL) {
		*err = xasprintf("%s: no password in the file", path);
		return -1;
	}
	return 0;
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static int
from_command(char *const *argv, char **pw, char **err)
{
	char data[PASSWORD_MAX];
	size_t len = 0;
	int pfd[2], status, devnull;
	bool timed_out = false;
	struct timespec t0;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) == -1) {
		*err = xasprintf("password command: %s", strerror(errno));
		return -1;
	}
	if ((pid = fork()) == -1) {
		*err = xasprintf("password command: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		devnull = open("/dev/null", O_RDONLY);
		if (devnull != -1)
			dup2(devnull, STDIN_FILENO);
		dup2(pfd[1], STDOUT_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd p = { .fd = pfd[0], .events = POLLIN };
		long left = COMMAND_TIMEOUT_MS - ms_since(&t0);
		ssize_t n;

		if (left <= 0) {
			timed_out = true;
			kill(pid, SIGKILL);
			break;
		}
		if (poll(&p, 1, (int)left) == -1 && errno != EINTR)
			break;
		if (!(p.revents & (POLLIN | POLLHUP)))
			continue;
		n = read(pfd[0], data + len, sizeof data - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (len == sizeof data - 1)
			break;
	}
	close(pfd[0]);
	data[len] = '\0';
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		explicit_bzero(data, sizeof data);
		if (timed_out)
			*err = xasprintf("password command %s: no answer after %d s", argv[0],
			    COMMAND_TIMEOUT_MS / 1000);
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			*err = xasprintf("password command %s: cannot run it", argv[0]);
		else if (WIFEXITED(status))
			*err = xasprintf("password command %s: exit status %d", argv[0],
			    WEXITSTATUS(status));
		else
			*err = xasprintf("password command %s: killed by signal %d", argv[0],
			    WTERMSIG(status));
		return -1;
	}
	*pw = sync_password_line(data);
	explicit_bzero(data, sizeof data);
	if (*pw == NULL) {
		*err = xasprintf("password command %s: printed no password", argv[0]);
		return -1;
	}
	return 0;
}

int
sync_read_password(const char *file, char *const *argv, char **pw, char **err)
{
	*pw = NULL;
	*err = NULL;
	if (file != NULL)
		return from_file(file, pw, err);
	if (argv != NULL && argv[0] != NULL)
		return from_command(argv, pw, err);
	*err = xstrdup("no password-file or password-command is set");
	return -1;
}

bool
sync_url_safe_for_password(const char *url)
{
	static const char *const loopback[] = {
		"http://127.", "http://localhost/", "http://localhost:", "http://[::1]",
	};

	if (strncmp(url, "https://", 8) == 0)
		return true;
	for (size_t i = 0; i < sizeof loopback / sizeof loopback[0]; i++)
		if (strncmp(url, loopback[i], strlen(loopback[i])) == 0)
			return true;
	return false;
}
