/*
 * Commands as a transport (script feeds: exec: and filter: lines). A job
 * with an argv runs it with posix_spawnp, never through a shell, and its
 * stdout becomes the job's body, through the same on_body_start/on_body/
 * on_done callbacks and the same size cap as an HTTP body.
 *
 * The child: a process group of its own (so a timeout can kill the
 * script's own children too), every signal at its default and none
 * blocked, stdin /dev/null or a pipe carrying the filter's input, stdout
 * and stderr pipes, and no other descriptor of ours (closefrom in the
 * spawn, close-on-exec on ours otherwise).
 *
 * The fetch thread polls our ends of the pipes next to curl's sockets
 * (curl_multi_poll's extra descriptors), all non-blocking, so writing a
 * large input while the command writes a large output cannot deadlock and
 * no transfer waits on a slow script. At the deadline the group gets
 * SIGTERM, and SIGKILL PROC_KILL_GRACE_MS later; every child is reaped
 * with waitpid on its pid (nothing else waits for children of ours).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fetch/fetch_int.h"
#include "util/utf8.h"
#include "util/xalloc.h"

extern char **environ;

/* SIGTERM, then this long to clean up before SIGKILL. */
#define PROC_KILL_GRACE_MS 2000
/* After SIGKILL, how long to wait for the pipes to close (a member that
 * left the group may hold them) before giving up on them. */
#define PROC_PIPE_GRACE_MS 1000
/* The end of stderr kept for the failure reason, and the part shown. */
#define PROC_STDERR_KEEP 4096
#define PROC_STDERR_SHOWN 400
/* Bytes read from stdout per turn, so one chatty command cannot starve
 * the other jobs of the thread. */
#define PROC_READ_TURN ((size_t)1 << 20)

struct fetch_proc {
	pid_t pid;		/* 0 once reaped */
	pid_t pgid;		/* its process group (the pid it had) */
	int status;		/* wait status, once reaped */
	int in, out, err;	/* our ends; -1 when closed */
	size_t in_off;		/* bytes of job->input written */
	size_t received;	/* stdout bytes passed on */
	bool started;		/* on_body_start called */
	char errtail[PROC_STDERR_KEEP];
	size_t errlen;
	int64_t deadline;	/* monotonic ms: the time limit */
	int64_t kill_at;	/* SIGKILL due (after SIGTERM); 0: not yet */
	int64_t give_up_at;	/* stop waiting for the pipes; 0: not yet */
	bool killed;		/* SIGKILL sent */
	long timeout_s;
};

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
close_fd(int *fd)
{
	if (*fd != -1) {
		close(*fd);
		*fd = -1;
	}
}

static void
set_nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* Spawn argv with the pipes; 0, or an errno value. */
static int
spawn(char **argv, bool with_input, struct fetch_proc *p)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, all;
	int rc;

	/* A program named by its path is checked here: a posix_spawn that
	 * forks before exec (Valgrind's, older C libraries) reports a missing
	 * one only as exit status 127. */
	if (strchr(argv[0], '/') != NULL && access(argv[0], X_OK) == -1)
		return errno;
	if (pipe2(out, O_CLOEXEC) == -1 || pipe2(err, O_CLOEXEC) == -1 ||
	    (with_input && pipe2(in, O_CLOEXEC) == -1)) {
		rc = errno;
		for (int i = 0; i < 2; i++) {
			close_fd(&in[i]);
			close_fd(&out[i]);
			close_fd(&err[i]);
		}
		return rc;
	}
	posix_spawn_file_actions_init(&fa);
	if (with_input)
		posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	else
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
#ifdef HAVE_POSIX_SPAWN_FILE_ACTIONS_ADDCLOSEFROM_NP
	/* Our descriptors without close-on-exec (curl's sockets, say). */
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
#endif
	posix_spawnattr_init(&at);
	/* The UI ignores SIGPIPE and this thread blocks it: an ignored or
	 * blocked signal would survive exec. */
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &all);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
	    POSIX_SPAWN_SETSIGDEF);
	rc = posix_spawnp(&p->pid, argv[0], &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close_fd(&in[0]);
	close_fd(&out[1]);
	close_fd(&err[1]);
	if (rc != 0) {
		p->pid = 0;
		close_fd(&in[1]);
		close_fd(&out[0]);
		close_fd(&err[0]);
		return rc;
	}
	p->pgid = p->pid;
	p->in = in[1];
	p->out = out[0];
	p->err = err[0];
	if (p->in != -1)
		set_nonblock(p->in);
	set_nonblock(p->out);
	set_nonblock(p->err);
	return 0;
}

/* The response the job's callbacks see: no HTTP headers of the command's
 * output (a filter keeps the fetched URL, the base of relative links, and
 * its validators for the next conditional GET). */
static void
command_response(struct fetch_job *job)
{
	struct fetch_response *r = &job->resp;

	if (!job->filter) {
		memset(r, 0, sizeof *r);
		r->content_length = -1;
		return;
	}
	r->content_type = NULL;
	r->charset = NULL;
	r->content_language = NULL;
	r->content_length = -1;
	if (r->status == 0)
		r->status = 200;
}

bool
fetch_proc_start(struct fetch_job *job)
{
	struct fetch_proc *p = xcalloc(1, sizeof *p);
	long t = job->opt != NULL ? job->opt->script_timeout : 0;
	int rc;

	p->in = p->out = p->err = -1;
	job->proc = p;
	command_response(job);
	if (t <= 0)
		t = 60;
	p->timeout_s = t;
	rc = spawn(job->argv, job->filter, p);
	if (rc != 0) {
		fetch_job_fail(job, "cannot run '%s': %s", job->argv[0], strerror(rc));
		xfree(&job->proc);
		if (job->ops.on_done != NULL)
			job->ops.on_done(job, job->ud, &job->resp, job->fail_reason);
		return false;
	}
	p->deadline = now_ms() + (int64_t)t * 1000;
	return true;
}

unsigned
fetch_proc_fds(const struct fetch_job *job, struct curl_waitfd *w)
{
	const struct fetch_proc *p = job->proc;
	unsigned n = 0;

	if (p == NULL)
		return 0;
	if (p->in != -1)
		w[n++] = (struct curl_waitfd){ .fd = p->in, .events = CURL_WAIT_POLLOUT };
	if (p->out != -1)
		w[n++] = (struct curl_waitfd){ .fd = p->out, .events = CURL_WAIT_POLLIN };
	if (p->err != -1)
		w[n++] = (struct curl_waitfd){ .fd = p->err, .events = CURL_WAIT_POLLIN };
	return n;
}

long
fetch_proc_wait_ms(const struct fetch_job *job)
{
	const struct fetch_proc *p = job->proc;
	int64_t now = now_ms(), next;

	if (p == NULL)
		return -1;
	/* Pipes closed, exit not reaped yet: look again soon. */
	if (p->out == -1 && p->err == -1)
		return 10;
	next = p->give_up_at != 0 ? p->give_up_at : p->kill_at != 0 ? p->kill_at : p->deadline;
	return next <= now ? 0 : (long)(next - now);
}

/*
 * Signal the whole group (the script's own children too): while the leader
 * is unreaped, or a member still holds our pipes, the group exists and its
 * id cannot have been reused.
 */
static void
signal_group(struct fetch_proc *p, int sig)
{
	if (p->pgid > 0 && (p->pid > 0 || p->out != -1 || p->err != -1))
		kill(-p->pgid, sig);
}

static void
kill_now(struct fetch_proc *p, int64_t now)
{
	if (p->killed)
		return;
	signal_group(p, SIGKILL);
	p->killed = true;
	p->give_up_at = now + PROC_PIPE_GRACE_MS;
}

static void
write_input(struct fetch_job *job, struct fetch_proc *p)
{
	while (p->in != -1 && p->in_off < job->input.len) {
		size_t n = job->input.len - p->in_off;
		ssize_t w = write(p->in, job->input.data + p->in_off, n > 65536 ? 65536 : n);

		if (w > 0) {
			p->in_off += (size_t)w;
			continue;
		}
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1 && errno == EAGAIN)
			return;
		/* EPIPE: the command stopped reading, its business. The thread
		 * blocks SIGPIPE; take the one this write raised. */
		if (w == -1 && errno == EPIPE) {
			sigset_t pipe_set;
			struct timespec zero = { 0, 0 };

			sigemptyset(&pipe_set);
			sigaddset(&pipe_set, SIGPIPE);
			(void)sigtimedwait(&pipe_set, NULL, &zero);
		}
		close_fd(&p->in);
	}
	if (p->in != -1 && p->in_off >= job->input.len)
		close_fd(&p->in);	/* EOF: the whole body was given */
}

/* Pass stdout on to the job; a cap or a callback's refusal ends the
 * command at once. */
static void
read_output(struct fetch_job *job, struct fetch_proc *p, int64_t now)
{
	char chunk[65536];
	size_t turn = 0;

	while (p->out != -1 && turn < PROC_READ_TURN) {
		ssize_t r = read(p->out, chunk, sizeof chunk);

		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1 && errno == EAGAIN)
			return;
		if (r <= 0) {
			close_fd(&p->out);
			return;
		}
		turn += (size_t)r;
		if (job->fail_reason != NULL)
			continue;	/* failed already: drain so it can end */
		if (!p->started) {
			p->started = true;
			if (job->ops.on_body_start != NULL &&
			    job->ops.on_body_start(job, job->ud, &job->resp) != 0) {
				fetch_job_fail(job, "aborted");
				kill_now(p, now);
				continue;
			}
		}
		if ((size_t)r > job->max_body - p->received) {
			char *why = fetch_too_large(job);
			fetch_job_fail(job, "%s", why);
			free(why);
			kill_now(p, now);
			continue;
		}
		p->received += (size_t)r;
		if (job->ops.on_body != NULL && job->ops.on_body(job, job->ud, chunk, (size_t)r) != 0) {
			fetch_job_fail(job, "aborted");
			kill_now(p, now);
		}
	}
}

/* Keep the end of stderr: the last lines say what went wrong. */
static void
read_stderr(struct fetch_proc *p)
{
	char chunk[4096];

	while (p->err != -1) {
		ssize_t r = read(p->err, chunk, sizeof chunk);

		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1 && errno == EAGAIN)
			return;
		if (r <= 0) {
			close_fd(&p->err);
			return;
		}
		size_t n = (size_t)r;
		const char *src = chunk;
		if (n >= PROC_STDERR_KEEP) {
			src += n - PROC_STDERR_KEEP;
			n = PROC_STDERR_KEEP;
			p->errlen = 0;
		} else if (p->errlen + n > PROC_STDERR_KEEP) {
			size_t drop = p->errlen + n - PROC_STDERR_KEEP;
			memmove(p->errtail, p->errtail + drop, p->errlen - drop);
			p->errlen -= drop;
		}
		memcpy(p->errtail + p->errlen, src, n);
		p->errlen += n;
	}
}

/*
 * The last PROC_STDERR_SHOWN bytes of stderr as one line: blanks (newlines
 * too) collapse to one space, and the sanitiser drops every control and
 * escape sequence. NULL when nothing is left.
 */
static char *
stderr_line(const struct fetch_proc *p)
{
	size_t start = p->errlen > PROC_STDERR_SHOWN ? p->errlen - PROC_STDERR_SHOWN : 0;
	char *flat = xmalloc(p->errlen - start + 1), *clean;
	size_t n = 0;

	/* Do not start inside a UTF-8 sequence. */
	while (start < p->errlen && ((unsigned char)p->errtail[start] & 0xC0) == 0x80)
		start++;
	for (size_t i = start; i < p->errlen; i++) {
		char c = p->errtail[i];
		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			if (n > 0 && flat[n - 1] != ' ')
				flat[n++] = ' ';
			continue;
		}
		flat[n++] = c;
	}
	while (n > 0 && flat[n - 1] == ' ')
		n--;
	flat[n] = '\0';
	clean = utf8_sanitize(flat, n, 0, NULL);
	free(flat);
	if (clean[0] == '\0') {
		free(clean);
		return NULL;
	}
	return clean;
}

/* The command has ended and been reaped: the job's one on_done. */
static void
finish(struct fetch_job *job, struct fetch_proc *p)
{
	int st = p->status;
	char *tail, *reason;

	close_fd(&p->in);
	close_fd(&p->out);
	close_fd(&p->err);
	if (job->fail_reason == NULL) {
		if (WIFEXITED(st) && WEXITSTATUS(st) != 0)
			fetch_job_fail(job, "script exited with status %d", WEXITSTATUS(st));
		else if (WIFSIGNALED(st))
			fetch_job_fail(job, "script killed by signal %d", WTERMSIG(st));
	}
	if (job->fail_reason != NULL && (tail = stderr_line(p)) != NULL) {
		reason = xasprintf("%s: %s", job->fail_reason, tail);
		free(job->fail_reason);
		job->fail_reason = reason;
		free(tail);
	}
	xfree(&job->proc);
	if (job->ops.on_done != NULL)
		job->ops.on_done(job, job->ud, &job->resp, job->fail_reason);
}

/* Reap the command if it has exited; true when it is (now or before). */
static bool
reap(struct fetch_proc *p, bool block)
{
	int st;
	pid_t r;

	if (p->pid == 0)
		return true;
	while ((r = waitpid(p->pid, &st, block ? 0 : WNOHANG)) == -1 && errno == EINTR)
		;
	if (r == 0)
		return false;
	/* -1 (ECHILD) only if someone else reaped it: count it as gone. */
	p->status = r == p->pid ? st : 0;
	p->pid = 0;
	return true;
}

bool
fetch_proc_service(struct fetch_job *job)
{
	struct fetch_proc *p = job->proc;
	int64_t now = now_ms();

	if (p == NULL)
		return false;
	write_input(job, p);
	read_output(job, p, now);
	read_stderr(p);
	/* The exit status is read as soon as there is one. */
	(void)reap(p, false);

	bool over = p->pid == 0 && p->out == -1 && p->err == -1;

	if (job->fail_reason == NULL && now >= p->deadline && !over) {
		fetch_job_fail(job, "script timed out after %ld s", p->timeout_s);
		signal_group(p, SIGTERM);
		p->kill_at = now + PROC_KILL_GRACE_MS;
	} else if (p->kill_at != 0 && !p->killed && now >= p->kill_at) {
		kill_now(p, now);
	}
	/* Killed and still not closed: a descendant that left the group
	 * holds the pipes. We stop listening; the leader is reaped below. */
	if (p->give_up_at != 0 && now >= p->give_up_at) {
		close_fd(&p->in);
		close_fd(&p->out);
		close_fd(&p->err);
		(void)reap(p, p->killed);
	}
	if (p->out != -1 || p->err != -1 || p->pid != 0)
		return false;
	finish(job, p);
	return true;
}

void
fetch_proc_cancel(struct fetch_job *job)
{
	struct fetch_proc *p = job->proc;

	if (p == NULL)
		return;
	fetch_job_fail(job, "cancelled");
	signal_group(p, SIGKILL);
	close_fd(&p->in);
	close_fd(&p->out);
	close_fd(&p->err);
	(void)reap(p, true);
	finish(job, p);
}

void
fetch_proc_free(struct fetch_job *job)
{
	struct fetch_proc *p = job->proc;

	if (p == NULL)
		return;
	signal_group(p, SIGKILL);
	close_fd(&p->in);
	close_fd(&p->out);
	close_fd(&p->err);
	(void)reap(p, true);
	xfree(&job->proc);
}
