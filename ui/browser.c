/*
 * Running the browser through src/share: the command is split into argv
 * (share_argv_split, no shell), %u substituted after splitting, and started
 * detached by share_spawn_opts (double fork, so no zombie and no wait for a
 * browser that runs for hours; exec errors still reach the status line).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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

int
browser_open(char *const *cmd, const char *url, char **err)
{
	char **argv;
	pid_t pid;

	*err = NULL;
	if (url == NULL || !share_url_allowed(url, NULL)) {
		*err = xstrdup(_("not an http or https URL"));
		return -1;
	}
	argv = browser_argv(cmd, url);
	/* Detached: double fork, setsid, stdio on /dev/null; exec errors
	 * come back through share_spawn's pipe. */
	pid = share_spawn_opts(argv, NULL, err);
	browser_argv_free(&argv);
	return pid == -1 ? -1 : 0;
}
