/*
 * Command lines to argv, %u/%t substitution after splitting, and fork/exec.
 *
 * The split is a small state machine over the bytes of the command line
 * (UTF-8 passes through untouched: every special character is ASCII). The
 * substitution works on finished words, so fetched text is never split or
 * unquoted. The spawn reports an exec failure through a close-on-exec
 * pipe: if exec succeeds the pipe closes with nothing written; if it fails
 * the child writes errno and the parent turns it into a message.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "share/argv.h"
#include "util/buf.h"
#include "util/xalloc.h"

static void
argv_push(char ***argv, size_t *n, char *word)
{
	*argv = xreallocarray(*argv, *n + 2, sizeof **argv);
	(*argv)[(*n)++] = word;
	(*argv)[*n] = NULL;
}

int
share_argv_split(const char *cmdline, char ***argv_out, char **err)
{
	enum { BLANK, WORD, SQUOTE, DQUOTE } st = BLANK;
	struct buf w = BUF_INIT;
	char **argv = NULL;
	size_t n = 0;
	const char *p;

	*argv_out = NULL;
	*err = NULL;
	for (p = cmdline; *p != '\0'; p++) {
		char c = *p;

		switch (st) {
		case BLANK:
		case WORD:
			if (c == ' ' || c == '\t' || c == '\n') {
				if (st == WORD) {
					argv_push(&argv, &n, buf_detach(&w));
					st = BLANK;
				}
				continue;
			}
			/* Backslash-newline is removed, as in sh: it joins lines
			 * and neither starts nor ends a word. */
			if (c == '\\' && p[1] == '\n') {
				p++;
				continue;
			}
			st = WORD;
			if (c == '\'')
				st = SQUOTE;
			else if (c == '"')
				st = DQUOTE;
			else if (c == '\\') {
				if (p[1] == '\0') {
					*err = xstrdup("trailing backslash");
					goto fail;
				}
				p++;
				buf_append_char(&w, *p);
			} else
				buf_append_char(&w, c);
			/* An empty '' or "" still makes a word: make it exist. */
			if (w.data == NULL)
				buf_append(&w, "", 0);
			break;
		case SQUOTE:
			if (c == '\'')
				st = WORD;
			else
				buf_append_char(&w, c);
			break;
		case DQUOTE:
			if (c == '"')
				st = WORD;
			else if (c == '\\' && p[1] != '\0' && strchr("\"\\$`\n", p[1]) != NULL) {
				p++;
				if (*p != '\n')
					buf_append_char(&w, *p);
			} else
				buf_append_char(&w, c);
			break;
		}
	}
	if (st == SQUOTE || st == DQUOTE) {
		*err = xstrdup(st == SQUOTE ? "unterminated single quote" :
		    "unterminated double quote");
		goto fail;
	}
	if (st == WORD)
		argv_push(&argv, &n, buf_detach(&w));
	if (n == 0) {
		*err = xstrdup("empty command");
		goto fail;
	}
	*argv_out = argv;
	return 0;

fail:
	buf_free(&w);
	share_argv_free(&argv);
	return -1;
}

/* Substitute %u, %t and %% in one word; *used_u records a %u. */
static char *
subst_word(const char *word, const char *url, const char *title, bool *used_u)
{
	struct buf b = BUF_INIT;

	buf_append(&b, "", 0);
	for (const char *p = word; *p != '\0'; p++) {
		if (p[0] != '%' || p[1] == '\0') {
			buf_append_char(&b, *p);
			continue;
		}
		switch (p[1]) {
		case 'u':
			buf_append_str(&b, url);
			*used_u = true;
			break;
		case 't':
			buf_append_str(&b, title);
			break;
		case '%':
			buf_append_char(&b, '%');
			break;
		default:
			/* Unknown: keep both characters, the user may mean them. */
			buf_append(&b, p, 2);
			break;
		}
		p++;
	}
	return buf_detach(&b);
}

char **
share_argv_substitute(char *const *argv, const char *url, const char *title)
{
	size_t n = share_argv_len(argv);
	char **out = xcalloc(n + 2, sizeof *out);
	bool used_u = false;

	if (url == NULL)
		url = "";
	if (title == NULL)
		title = "";
	for (size_t i = 0; i < n; i++)
		out[i] = subst_word(argv[i], url, title, &used_u);
	if (!used_u)
		out[n] = xstrdup(url);
	return out;
}

size_t
share_argv_len(char *const *argv)
{
	size_t n = 0;

	while (argv != NULL && argv[n] != NULL)
		n++;
	return n;
}

void
share_argv_free(char ***argvp)
{
	if (*argvp == NULL)
		return;
	for (char **p = *argvp; *p != NULL; p++)
		free(*p);
	xfree(argvp);
}

bool
share_url_allowed(const char *url, const char **reason)
{
	const char *why = NULL;
	size_t skip = 0;

	if (url == NULL || *url == '\0')
		why = "no link";
	else if (strncasecmp(url, "https://", 8) == 0)
		skip = 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		skip = 7;
	else
		why = "not an http or https link";
	if (why == NULL && (url[skip] == '\0' || strchr("/?#", url[skip]) != NULL))
		why = "link has no host";
	for (const unsigned char *p = (const unsigned char *)url; why == NULL && *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			why = "link contains spaces or control characters";
	if (reason != NULL)
		*reason = why;
	return why == NULL;
}

/* Mark every descriptor from 3 up close-on-exec so the child keeps none. */
static void
child_cloexec_all(void)
{
#if defined(SYS_close_range) && defined(__linux__)
	/* CLOSE_RANGE_CLOEXEC is 4 (Linux 5.11+); older kernels say ENOSYS/EINVAL. */
	if (syscall(SYS_close_range, 3U, ~0U, 4U) == 0)
		return;
#endif
	long max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = 3; fd < max; fd++)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/*
 * In the child: only async-signal-safe calls. errfd is the write end of the
 * close-on-exec error pipe.
 */
static void __attribute__((noreturn))
child_exec(char *const argv[], const struct share_spawn_opts *o, int errfd, int watchfd)
{
	sigset_t all;
	int e;

	/* Curses and our loop may block or ignore signals; the child must not
	 * inherit that (an ignored SIGINT survives exec). */
	struct sigaction dfl;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			sigaction(s, &dfl, NULL);	/* EINVAL for reserved ones: fine */
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);

	if (!(o->flags & SHARE_SPAWN_TERMINAL)) {
		/* Detached: double fork so nobody has to reap the program. */
		pid_t gc = fork();
		if (gc != 0) {
			/* Intermediate: report a fork failure (as -errno, a pid
			 * is positive), then go. */
			pid_t msg = gc == -1 ? -errno : 0;
			if (gc == -1 && write(errfd, &msg, sizeof msg) < 0)
				_exit(127);
			_exit(gc == -1 ? 127 : 0);
		}
		if (watchfd != -1) {
			/* The watcher: the program is its child; its wait
			 * status goes to the caller's pipe. */
			pid_t prog = fork();
			if (prog == -1) {
				pid_t msg = -errno;
				if (write(errfd, &msg, sizeof msg) < 0)
					_exit(127);
				_exit(127);
			}
			if (prog != 0) {
				int status;
				close(errfd);
				while (waitpid(prog, &status, 0) == -1)
					if (errno != EINTR)
						_exit(127);
				if (write(watchfd, &status, sizeof status) < 0)
					_exit(127);
				_exit(0);
			}
			close(watchfd);
		}
		/* The program's pid first, so the parent can tell it apart
		 * from an errno written after a failed exec. */
		pid_t me = getpid();
		if (write(errfd, &me, sizeof me) < 0)
			_exit(127);
		setsid();
		int null = open("/dev/null", O_RDWR);
		if (null != -1) {
			dup2(null, 0);
			if (o->out_fd > 2) {
				dup2(o->out_fd, 1);
				dup2(o->out_fd, 2);
			} else {
				dup2(null, 1);
				dup2(null, 2);
			}
			if (null > 2)
				close(null);
		}
	}
	if ((o->flags & SHARE_SPAWN_TERMINAL) && o->out_fd > 2) {
		dup2(o->out_fd, 1);
		dup2(o->out_fd, 2);
	}
	child_cloexec_all();
	execvp(argv[0], argv);
	e = errno;
	if (write(errfd, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

static ssize_t
read_full(int fd, void *p, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t r = read(fd, (char *)p + got, len - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 ? (ssize_t)got : -1;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

static char *
errmsg(const char *label, const char *what, const char *detail)
{
	if (label != NULL && *label != '\0')
		return xasprintf("%s: %s: %s", label, what, detail);
	return xasprintf("%s: %s", what, detail);
}

pid_t
share_spawn_opts(char *const argv[], const struct share_spawn_opts *opts, char **err)
{
	static const struct share_spawn_opts defaults = { 0, NULL, -1, NULL };
	const struct share_spawn_opts *o = opts != NULL ? opts : &defaults;
	int fds[2], wfds[2] = { -1, -1 };
	pid_t pid, prog;
	int e;

	*err = NULL;
	if (o->watch_fd != NULL)
		*o->watch_fd = -1;
	if (argv == NULL || argv[0] == NULL || argv[0][0] == '\0') {
		*err = o->label != NULL ? xasprintf("%s: empty command", o->label) :
		    xstrdup("empty command");
		return -1;
	}
	if (pipe2(fds, O_CLOEXEC) == -1) {
		*err = errmsg(o->label, "pipe", strerror(errno));
		return -1;
	}
	if ((o->flags & SHARE_SPAWN_WATCH) && !(o->flags & SHARE_SPAWN_TERMINAL) &&
	    pipe2(wfds, O_CLOEXEC | O_NONBLOCK) == -1) {
		*err = errmsg(o->label, "pipe", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	pid = fork();
	if (pid == -1) {
		*err = errmsg(o->label, "fork", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		if (wfds[0] != -1) {
			close(wfds[0]);
			close(wfds[1]);
		}
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		if (wfds[0] != -1)
			close(wfds[0]);
		child_exec(argv, o, fds[1], wfds[1]);
	}
	close(fds[1]);
	if (wfds[1] != -1)
		close(wfds[1]);
	prog = pid;
	if (!(o->flags & SHARE_SPAWN_TERMINAL)) {
		/* The program sends its pid; a failed fork in the
		 * intermediate sends -errno instead. Reap the intermediate
		 * (ECHILD if a SIGCHLD handler got there first: harmless). */
		pid_t msg = 0;
		ssize_t r = read_full(fds[0], &msg, sizeof msg);
		while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
			;
		if (r != (ssize_t)sizeof msg || msg <= 0) {
			close(fds[0]);
			if (wfds[0] != -1)
				close(wfds[0]);
			*err = errmsg(o->label, "fork",
			    r == (ssize_t)sizeof msg && msg < 0 ? strerror((int)-msg) : "failed");
			return -1;
		}
		prog = msg;
	}
	ssize_t r = read_full(fds[0], &e, sizeof e);
	close(fds[0]);
	if (r == (ssize_t)sizeof e) {
		*err = errmsg(o->label, argv[0], strerror(e));
		if (wfds[0] != -1)
			close(wfds[0]);
		if (o->flags & SHARE_SPAWN_TERMINAL)
			while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
				;
		return -1;
	}
	if (o->watch_fd != NULL)
		*o->watch_fd = wfds[0];
	else if (wfds[0] != -1)
		close(wfds[0]);
	return prog;
}

pid_t
share_spawn(char *const argv[], char **err)
{
	return share_spawn_opts(argv, NULL, err);
}

int
share_spawn_wait(pid_t pid, const char *label, char **err)
{
	struct sigaction ign, old_int, old_quit;
	int status, e = 0;

	*err = NULL;
	/* As system(3) does: Ctrl-C goes to the program in the foreground,
	 * it must not also stop us while we wait for it. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR) {
			e = errno;
			break;
		}
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (e != 0) {
		*err = errmsg(label, "waitpid", strerror(e));
		return -1;
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (label != NULL && *label != '\0')
		*err = xasprintf("%s: killed by signal %d", label, WTERMSIG(status));
	else
		*err = xasprintf("killed by signal %d", WTERMSIG(status));
	return -1;
}

char *
share_capture(char *const argv[], size_t cap, int *status, char **err)
{
	struct share_spawn_opts o = { .flags = SHARE_SPAWN_TERMINAL, .label = NULL, .out_fd = -1 };
	struct buf b;
	char chunk[256];
	int fds[2];
	pid_t pid;

	*err = NULL;
	*status = -1;
	if (pipe2(fds, O_CLOEXEC) == -1) {
		*err = errmsg(NULL, "pipe", strerror(errno));
		return NULL;
	}
	o.out_fd = fds[1];
	pid = share_spawn_opts(argv, &o, err);
	close(fds[1]);
	if (pid == -1) {
		close(fds[0]);
		return NULL;
	}
	buf_init(&b, 0);
	for (;;) {
		ssize_t r = read(fds[0], chunk, sizeof chunk);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		/* Past the cap, keep reading (and dropping) so the child
		 * never blocks on a full pipe. */
		if (b.len < cap)
			buf_append(&b, chunk, (size_t)r < cap - b.len ? (size_t)r : cap - b.len);
	}
	close(fds[0]);
	*status = share_spawn_wait(pid, argv[0], err);
	if (*status == -1) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}
