/*
 * Opening an article in the browser: the config's `browser` command (argv
 * with %u still in place), else $BROWSER, else xdg-open. %u (and %s in
 * $BROWSER, by tradition) is substituted after splitting, so a URL is always
 * exactly one argument; no shell is ever involved. Only http and https URLs
 * are opened.
 */
#ifndef NR_UI_BROWSER_H
#define NR_UI_BROWSER_H

/*
 * Start the browser detached (stdio on /dev/null, not waited for).
 * cmd: NULL-terminated argv template or NULL. Returns 0, or -1 with *err
 * (caller frees) saying why ("not an http or https URL", "firefox: No such
 * file or directory").
 */
int browser_open(char *const *cmd, const char *url, char **err);
/* The argv that would run (for tests and messages); caller frees with
 * browser_argv_free(). */
char **browser_argv(char *const *cmd, const char *url);
void browser_argv_free(char ***argv);

#endif
