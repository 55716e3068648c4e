/*
 * fork/exec of the browser. A double fork detaches it (no zombie, no wait
 * for a browser that runs for hours) and a close-on-exec pipe carries the
 * exec error back, so "no such program" still reaches the status line.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "browser.h"

static bool
url_ok(const char *url)
{
	if (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0)
		return false;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return false;
	return true;
}

/* Replace every %u (and %s when percent_s) in word by url. */
static char *
subst(const char *word, const char *url, bool percent_s, bool *used)
{
	size_t ulen = strlen(url), n = 0;
	char *out = xmalloc(strlen(word) * (ulen + 1) + 1);

	for (const char *p = word; *p; p++) {
		if (p[0] == '%' && (p[1] == 'u' || (percent_s && p[1] == 's'))) {
			memcpy(out + n, url, ulen);
			n += ulen;
			p++;
			*used = true;
		} else if (p[0] == '%' && p[1] == '%') {
			out[n++] = '%';
			p++;
		} else
			out[n++] = *p;
	}
	out[n] = '\0';
	return out;
}

char **
browser_argv(char *const *cmd, const char *url)
{
	char **words = NULL, **argv;
	size_t n = 0;
	bool used = false, percent_s = false;
	const char *env = getenv("BROWSER");

	if (cmd == NULL || cmd[0] == NULL) {
		/* $BROWSER: the first of a colon-separated list, split on blanks. */
		char *first = env && *env ? xstrndup(env, strcspn(env, ":")) :
		    xstrdup("xdg-open");
		char *save = NULL;
		for (char *w = strtok_r(first, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
			words = xreallocarray(words, n + 2, sizeof *words);
			words[n++] = xstrdup(w);
		}
		free(first);
		if (n == 0) {
			words = xreallocarray(words, 2, sizeof *words);
			words[n++] = xstrdup("xdg-open");
		}
		words[n] = NULL;
		percent_s = true;
		cmd = words;
	}
	for (n = 0; cmd[n]; n++)
		;
	argv = xcalloc(n + 2, sizeof *argv);
	for (size_t i = 0; i < n; i++)
		argv[i] = subst(cmd[i], url, percent_s, &used);
	if (!used)
		argv[n] = xstrdup(url);
	if (words != NULL)
		browser_argv_free(&words);
	return argv;
}

void
browser_argv_free(char ***argvp)
{
	if (*argvp == NULL)
		return;
	for (char **p = *argvp; *p; p++)
		free(*p);
	xfree(argvp);
}

int
browser_open(char *const *cmd, const char *url, char **err)
{
	int fds[2];
	char **argv;
	pid_t pid;

	*err = NULL;
	if (url == NULL || !url_ok(url)) {
		*err = xstrdup("not an http or https URL");
		return -1;
	}
	argv = browser_argv(cmd, url);
	if (pipe2(fds, O_CLOEXEC) == -1) {
		*err = xasprintf("pipe: %s", strerror(errno));
		browser_argv_free(&argv);
		return -1;
	}
	pid = fork();
	if (pid == -1) {
		*err = xasprintf("fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		browser_argv_free(&argv);
		return -1;
	}
	if (pid == 0) {
		/* Intermediate child: only async-signal-safe calls from here on. */
		close(fds[0]);
		if (fork() != 0)
			_exit(0);
		setsid();
		int null = open("/dev/null", O_RDWR);
		if (null != -1) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		execvp(argv[0], argv);
		int e = errno;
		if (write(fds[1], &e, sizeof e) < 0)
			_exit(127);
		_exit(127);
	}
	close(fds[1]);
	while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
		;
	int e = 0;
	ssize_t r;
	while ((r = read(fds[0], &e, sizeof e)) == -1 && errno == EINTR)
		;
	close(fds[0]);
	if (r == (ssize_t)sizeof e) {
		*err = xasprintf("%s: %s", argv[0], strerror(e));
		browser_argv_free(&argv);
		return -1;
	}
	browser_argv_free(&argv);
	return 0;
}
