/*
 * Running the user's commands (`browser`, `share-command`,
 * `bookmark-command`) without a shell. The command line from the config is
 * split into words first, with shell-like quoting but no expansion of any
 * kind; then %u (URL) and %t (title) are substituted inside the words. So a
 * fetched title such as `$(rm -rf ~)` or `a"; ls` is always exactly one
 * literal argument, and nothing ever parses it again: the argv goes to
 * execvp, never to sh -c.
 */
#ifndef NR_SHARE_ARGV_H
#define NR_SHARE_ARGV_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * Split cmdline into a NULL-terminated argv (*argv_out, caller frees with
 * share_argv_free). Words are separated by blanks (space, tab, newline).
 * Quoting as in sh: '...' keeps everything literally; "..." keeps
 * everything but \" \\ \$ \` (and backslash-newline, removed); outside
 * quotes a backslash takes the next character literally. '' and "" make an
 * empty word. $, `, ~, *, ?, [, ;, |, &, <, > are ordinary characters.
 * Returns 0, or -1 with *err (caller frees): "unterminated single quote",
 * "unterminated double quote", "trailing backslash", "empty command".
 */
int share_argv_split(const char *cmdline, char ***argv_out, char **err);

/*
 * A new argv (caller frees) with, inside every word, %u replaced by url,
 * %t by title and %% by a single %; any other % is kept as it is. When no
 * word contains %u the URL is appended as the last argument. title may be
 * NULL (empty). The result is used as is: no splitting, no quoting.
 */
char **share_argv_substitute(char *const *argv, const char *url, const char *title);

/* Number of words in a NULL-terminated argv. */
size_t share_argv_len(char *const *argv);
/* Free an argv from this module and set *argv to NULL; NULL-safe. */
void share_argv_free(char ***argv);

/*
 * Only http and https (scheme case-insensitive) with a host after "//",
 * and no spaces or control characters. Returns true, or false with *reason
 * (a static string, may be NULL) saying why, for the status line.
 */
bool share_url_allowed(const char *url, const char **reason);

enum share_spawn_flags {
	/*
	 * Keep the terminal: stdin/stdout/stderr are inherited and the child
	 * stays in our session and process group, for text-mode browsers
	 * (w3m, lynx). The caller leaves curses first, then waits for the pid
	 * with share_spawn_wait() and redraws. Without this flag the child is
	 * detached: double fork (nothing to reap), setsid, stdio on /dev/null.
	 */
	SHARE_SPAWN_TERMINAL = 1 << 0,
	/*
	 * Detached, and its end reported: a watcher process (not ours to
	 * reap) waits for the program and writes one int, its wait status,
	 * to the pipe whose read end is returned in *watch_fd (non-blocking,
	 * close-on-exec; the caller closes it). EOF without the int: the
	 * watcher could not wait.
	 */
	SHARE_SPAWN_WATCH = 1 << 1,
};

struct share_spawn_opts {
	int flags;		/* enum share_spawn_flags */
	const char *label;	/* error prefix, e.g. "browser"; NULL = none */
	/* Test hook: when > 2, the child's stdout and stderr go to this fd
	 * (instead of /dev/null, or of the terminal with SHARE_SPAWN_TERMINAL). */
	int out_fd;
	int *watch_fd;		/* out, with SHARE_SPAWN_WATCH; -1 on failure */
};

/*
 * fork + execvp(argv[0], argv); never a shell. The child's signal mask and
 * dispositions are reset and our other descriptors are not inherited.
 * An exec failure comes back through a close-on-exec pipe, so the error is
 * the real one: "browser: firefox: No such file or directory".
 * Returns the child's pid (detached: the grandchild's, already not ours to
 * reap), or -1 with *err (caller frees). opts may be NULL (detached, no
 * label).
 */
pid_t share_spawn_opts(char *const argv[], const struct share_spawn_opts *opts, char **err);
/* share_spawn_opts() with default options: detached, no label. */
pid_t share_spawn(char *const argv[], char **err);

/*
 * Wait for a SHARE_SPAWN_TERMINAL child, ignoring SIGINT and SIGQUIT
 * meanwhile as system(3) does (Ctrl-C is for the program). Returns its
 * exit status (0..255), or -1 with *err ("lynx: killed by signal 9", or
 * the waitpid error).
 */
int share_spawn_wait(pid_t pid, const char *label, char **err);

/*
 * Run argv (no shell) with its stdout and stderr into a pipe and wait for
 * it: returns at most cap bytes of that output (caller frees) and the exit
 * status in *status, or NULL with *err (caller frees) when it cannot run.
 * For short queries of a helper program ("tmux show-options").
 */
char *share_capture(char *const argv[], size_t cap, int *status, char **err);

#endif
