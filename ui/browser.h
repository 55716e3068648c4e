/*
 * Opening an article in the browser: the config's `browser` command (argv
 * with %u still in place), else $BROWSER, else xdg-open. %u (and %s in
 * $BROWSER, by tradition) is substituted after splitting, so a URL is always
 * exactly one argument; no shell is ever involved. Only http and https URLs
 * are opened.
 */
#ifndef NR_UI_BROWSER_H
#define NR_UI_BROWSER_H

#include <stdbool.h>

/* What browser_open() started; the caller frees program and closes watch_fd. */
struct browser_run {
	char *program;	/* argv[0] of the command run ("xdg-open") */
	bool fallback;	/* neither the browser setting nor $BROWSER: xdg-open */
	int watch_fd;	/* the program's wait status arrives here (share/argv.h
			 * SHARE_SPAWN_WATCH); -1 when not watched */
};

/*
 * Start the browser detached (stdio on /dev/null, not waited for).
 * cmd: NULL-terminated argv template or NULL. run: NULL, or filled on
 * success (and on failure: program and fallback, watch_fd -1). Returns 0,
 * or -1 with *err (caller frees) saying why ("not an http or https URL",
 * "firefox: No such file or directory").
 */
int browser_open(char *const *cmd, const char *url, struct browser_run *run, char **err);
/* True when neither cmd nor $BROWSER names a program (xdg-open is run). */
bool browser_is_fallback(char *const *cmd);
/* The argv that would run (for tests and messages); caller frees with
 * browser_argv_free(). */
char **browser_argv(char *const *cmd, const char *url);
void browser_argv_free(char ***argv);

#endif
