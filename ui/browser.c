/*
 * Running the browser through src/share: the command is split into argv
 * (share_argv_split, no shell), %u substituted after splitting, and started
 * detached by share_spawn_opts (double fork, so no zombie and no wait for a
 * browser that runs for hours; exec errors still reach the status line).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "share/argv.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "browser.h"

/* $BROWSER's traditional %s means the URL: turn it into %u (keeping %%). */
static void
percent_s_to_u(char **words)
{
	for (char **w = words; *w != NULL; w++) {
		for (char *p = *w; *p != '\0'; p++) {
			if (p[0] == '%' && p[1] == '%')
				p++;
			else if (p[0] == '%' && p[1] == 's')
				p[1] = 'u';
		}
	}
}

char **
browser_argv(char *const *cmd, const char *url)
{
	char **words = NULL, **argv;
	const char *env = getenv("BROWSER");

	if (cmd == NULL || cmd[0] == NULL) {
		/* $BROWSER: the first of a colon-separated list, split into words. */
		char *first = env && *env ? xstrndup(env, strcspn(env, ":")) : NULL;
		char *err = NULL;
		if (first == NULL || share_argv_split(first, &words, &err) != 0) {
			free(err);
			share_argv_free(&words);
			words = xcalloc(2, sizeof *words);
			words[0] = xstrdup("xdg-open");
		}
		free(first);
		percent_s_to_u(words);
		cmd = words;
	}
	argv = share_argv_substitute(cmd, url, NULL);
	share_argv_free(&words);
	return argv;
}

void
browser_argv_free(char ***argvp)
{
	share_argv_free(argvp);
}

bool
browser_is_fallback(char *const *cmd)
{
	char **argv;
	bool fallback;

	if (cmd != NULL && cmd[0] != NULL)
		return false;
	/* The same parse as browser_argv(): an unusable $BROWSER falls back too. */
	argv = browser_argv(NULL, "http://x");
	const char *env = getenv("BROWSER");
	fallback = env == NULL || *env == '\0' ||
	    (strcmp(argv[0], "xdg-open") == 0 && strncmp(env, "xdg-open", 8) != 0);
	browser_argv_free(&argv);
	return fallback;
}

int
browser_open(char *const *cmd, const char *url, struct browser_run *run, char **err)
{
	char **argv;
	pid_t pid;
	int wfd = -1;

	*err = NULL;
	if (run != NULL)
		*run = (struct browser_run){ .watch_fd = -1 };
	if (url == NULL || !share_url_allowed(url, NULL)) {
		*err = xstrdup(_("not an http or https URL"));
		return -1;
	}
	argv = browser_argv(cmd, url);
	if (run != NULL) {
		run->program = xstrdup(argv[0]);
		run->fallback = browser_is_fallback(cmd);
	}
	/* Detached: setsid, stdio on /dev/null, not ours to reap; exec
	 * errors come back through share_spawn's pipe, the exit status
	 * through the watch pipe. */
	struct share_spawn_opts o = { .flags = SHARE_SPAWN_WATCH, .out_fd = -1,
	    .watch_fd = &wfd };
	pid = share_spawn_opts(argv, &o, err);
	browser_argv_free(&argv);
	if (run != NULL)
		run->watch_fd = wfd;
	else if (wfd != -1)
		close(wfd);
	return pid == -1 ? -1 : 0;
}
