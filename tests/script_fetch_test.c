/*
 * Tests of command jobs in the fetcher (src/fetch/process.c), the transport
 * of exec: and filter: feeds: the command's stdout as the body, argv words
 * reaching the program untouched (no shell), the failure reasons a user
 * reads (exit status, signal, time limit, size cap, a program that does not
 * exist) with the sanitised stderr, a filter fed a body far larger than a
 * pipe holds (no deadlock), a stop in the middle of a command, and no
 * descriptor or zombie left behind: /proc/self/fd is counted before and
 * after, waitpid(-1) must find no child, and a child sees only 0, 1, 2.
 * No network: the filter's input is a file:// URL.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fetch/fetch.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* What a job saw. */
struct seen {
	struct buf body;
	char *error;
	bool started;
	bool done;
};

static int
on_start(struct fetch_job *job, void *ud, const struct fetch_response *r)
{
	(void)job;
	(void)r;
	((struct seen *)ud)->started = true;
	return 0;
}

static int
on_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	(void)job;
	buf_append(&((struct seen *)ud)->body, data, len);
	return 0;
}

static void
on_done(struct fetch_job *job, void *ud, const struct fetch_response *r, const char *error)
{
	struct seen *s = ud;

	(void)job;
	(void)r;
	s->done = true;
	s->error = xstrdup_null(error);
}

static const struct fetch_job_ops ops = {
	.on_body_start = on_start, .on_body = on_body, .on_done = on_done,
};

static void
seen_clear(struct seen *s)
{
	buf_free(&s->body);
	free(s->error);
	memset(s, 0, sizeof *s);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wait (60 s at most) for the batch's FETCH_EV_ALL_DONE. */
static void
wait_all_done(struct fetcher *f)
{
	struct pollfd p = { .fd = fetcher_fd(f), .events = POLLIN };
	double until = now_s() + 60;
	struct fetch_event ev;

	for (;;) {
		assert_true(now_s() < until);
		poll(&p, 1, 1000);
		while (fetcher_next_event(f, &ev)) {
			bool all = ev.type == FETCH_EV_ALL_DONE;
			fetch_event_clear(&ev);
			if (all)
				return;
		}
	}
}

static int
count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1;	/* the directory's own */
}

/* Run commands (each a NULL-terminated argv; filter_url non-NULL for a
 * filter) as one batch of a fresh fetcher. */
static void
run_jobs(const struct fetch_options *o, char *const *const *cmds, const char *const *urls,
    struct seen *seen, size_t n)
{
	char *err = NULL;
	struct fetcher *f = fetcher_start(o, &err);

	assert_non_null(f);
	fetcher_hold(f);
	for (size_t i = 0; i < n; i++) {
		struct fetch_request req = {
			.url = urls != NULL && urls[i] != NULL ? urls[i] : "exec:test",
			.allow_file = true, .command = cmds[i],
			.command_filter = urls != NULL && urls[i] != NULL,
		};
		memset(&seen[i], 0, sizeof seen[i]);
		fetcher_submit(f, &req, &ops, &seen[i]);
	}
	fetcher_release(f);
	wait_all_done(f);
	fetcher_stop(&f);
}

static void
run_one(const struct fetch_options *o, char *const *cmd, const char *url, struct seen *s)
{
	const char *urls[1] = { url };

	run_jobs(o, &cmd, urls, s, 1);
}

/* Processes of group pgid still running (zombies waiting for init do not
 * count: they are not ours to reap). */
static int
group_alive(long pgid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char path[300], line[512], *close_paren;
		char state;
		long pgrp;
		FILE *f;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(line, sizeof line, f) != NULL &&
		    (close_paren = strrchr(line, ')')) != NULL &&
		    sscanf(close_paren + 1, " %c %*d %ld", &state, &pgrp) == 2 &&
		    pgrp == pgid && state != 'Z')
			n++;
		fclose(f);
	}
	closedir(d);
	return n;
}

/* No child of ours is left unreaped. */
static void
assert_no_children(void)
{
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

static void
test_exec_body_and_argv(void **state)
{
	/* Every word exactly as the program receives it: nothing expanded,
	 * nothing split, nothing run. */
	char *const cmd[] = { "sh", "-c", "printf '<%s>' \"$@\"; printf 'ignored' >&2", "sh",
	    "a $(touch /tmp/nr-script-pwned); b", "q\"x 'y'", ";", "", "خبر عاجل", NULL };
	struct fetch_options o;
	struct seen s;
	(void)state;

	unlink("/tmp/nr-script-pwned");
	fetch_options_init(&o);
	run_one(&o, cmd, NULL, &s);
	assert_true(s.done);
	assert_null(s.error);
	assert_true(s.started);
	assert_string_equal(buf_str(&s.body),
	    "<a $(touch /tmp/nr-script-pwned); b><q\"x 'y'><;><><خبر عاجل>");
	assert_int_equal(access("/tmp/nr-script-pwned", F_OK), -1);
	seen_clear(&s);
	assert_no_children();
}

/* The reasons, as the errors view and reload show them. */
static void
test_failure_reasons(void **state)
{
	char *const exit4[] = { "sh", "-c",
	    "echo 'first line' >&2; printf 'bad \\033[31mthing\\033]0;pwned\\007 \\tخطأ\\n\\n' >&2; "
	    "exit 4", NULL };
	char *const signal9[] = { "sh", "-c", "kill -9 $$", NULL };
	char *const missing[] = { "/nonexistent/newsreader-feed", NULL };
	char *const big[] = { "sh", "-c", "head -c 100000 /dev/zero", NULL };
	char *const quiet[] = { "sh", "-c", "exit 2", NULL };
	char *const *cmds[] = { exit4, signal9, missing, big, quiet };
	struct seen s[5];
	struct fetch_options o;
	(void)state;

	fetch_options_init(&o);
	o.max_body = 1000;
	run_jobs(&o, cmds, NULL, s, 5);
	/* stderr: one line, controls and escape sequences gone. */
	assert_string_equal(s[0].error, "script exited with status 4: first line bad thing خطأ");
	assert_string_equal(s[1].error, "script killed by signal 9");
	assert_string_equal(s[2].error,
	    "cannot run '/nonexistent/newsreader-feed': No such file or directory");
	assert_string_equal(s[3].error, "too large (over 1000 bytes)");
	assert_true(s[3].body.len <= 1000);
	assert_string_equal(s[4].error, "script exited with status 2");
	for (size_t i = 0; i < 5; i++) {
		assert_true(s[i].done);
		seen_clear(&s[i]);
	}
	assert_no_children();
}

/* The time limit kills the whole group (the script's own children too);
 * the other command of the batch is not held up by it. */
static void
test_timeout_kills_group(void **state)
{
	char *const slow[] = { "sh", "-c", "echo $$ >&2; sleep 30 & sleep 30", NULL };
	char *const fast[] = { "sh", "-c", "echo fast", NULL };
	char *const *cmds[] = { slow, fast };
	struct fetch_options o;
	struct seen s[2];
	double t0 = now_s(), took;
	long pgid;
	(void)state;

	fetch_options_init(&o);
	o.script_timeout = 1;
	run_jobs(&o, cmds, NULL, s, 2);
	took = now_s() - t0;
	assert_null(s[1].error);
	assert_string_equal(buf_str(&s[1].body), "fast\n");
	assert_non_null(s[0].error);
	assert_true(strncmp(s[0].error, "script timed out after 1 s: ", 28) == 0);
	pgid = atol(s[0].error + 28);
	assert_true(pgid > 1);
	/* SIGTERM ends sh and its sleeps at once: well before 30 s. */
	assert_true(took < 10);
	/* The background sleep got the signal too (a moment to die). */
	for (int i = 0; i < 100 && group_alive(pgid) > 0; i++)
		usleep(50000);
	assert_int_equal(group_alive(pgid), 0);
	seen_clear(&s[0]);
	seen_clear(&s[1]);
	assert_no_children();
}

/* A script that ignores SIGTERM gets SIGKILL. */
static void
test_timeout_sigkill(void **state)
{
	char *const stubborn[] = { "sh", "-c", "trap '' TERM; echo started >&2; "
	    "while :; do sleep 1; done", NULL };
	struct fetch_options o;
	struct seen s;
	double t0 = now_s();
	(void)state;

	fetch_options_init(&o);
	o.script_timeout = 1;
	run_one(&o, stubborn, NULL, &s);
	assert_string_equal(s.error, "script timed out after 1 s: started");
	assert_true(now_s() - t0 < 15);
	seen_clear(&s);
	assert_no_children();
}

/* A filter: the fetched body on stdin, written while the output is read:
 * 4 MiB through cat cannot fit in a pipe, so a writer that waited for the
 * reader (or the other way round) would hang here. */
static void
test_filter_large_body(void **state)
{
	char path[] = "/tmp/nr-filter-XXXXXX";
	char *const cat[] = { "cat", NULL };
	char *const upper[] = { "tr", "a-z", "A-Z", NULL };
	char *const reader_quits[] = { "sh", "-c", "head -c 10 >/dev/null; echo done", NULL };
	char *const *cmds[] = { cat, upper, reader_quits };
	const char *urls[3];
	struct fetch_options o;
	struct seen s[3];
	struct buf want = BUF_INIT;
	char *u;
	int fd;
	(void)state;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	for (int i = 0; want.len < ((size_t)4 << 20); i++)
		buf_printf(&want, "line %d of the body, سطر %d\n", i, i);
	assert_int_equal(write(fd, want.data, want.len), (ssize_t)want.len);
	close(fd);
	u = xasprintf("file://%s", path);
	urls[0] = urls[1] = urls[2] = u;
	fetch_options_init(&o);
	o.script_timeout = 30;
	run_jobs(&o, cmds, urls, s, 3);
	assert_null(s[0].error);
	assert_int_equal(s[0].body.len, want.len);
	assert_memory_equal(s[0].body.data, want.data, want.len);
	assert_null(s[1].error);
	assert_non_null(strstr(buf_str(&s[1].body), "LINE 7 OF THE BODY, سطر 7\n"));
	/* A command that stops reading its input is not a failure (EPIPE,
	 * not a SIGPIPE that would kill us). */
	assert_null(s[2].error);
	assert_string_equal(buf_str(&s[2].body), "done\n");
	for (size_t i = 0; i < 3; i++)
		seen_clear(&s[i]);
	unlink(path);
	free(u);
	buf_free(&want);
	assert_no_children();
}

/* A filter whose URL fails runs nothing. */
static void
test_filter_fetch_fails(void **state)
{
	char *const touch[] = { "touch", "/tmp/nr-filter-ran", NULL };
	struct fetch_options o;
	struct seen s;
	(void)state;

	unlink("/tmp/nr-filter-ran");
	fetch_options_init(&o);
	run_one(&o, touch, "file:///nonexistent/feed.xml", &s);
	assert_string_equal(s.error, "no such file");	/* src/fetch/local.c */
	assert_int_equal(access("/tmp/nr-filter-ran", F_OK), -1);
	seen_clear(&s);
}

/* The child inherits stdin, stdout, stderr and nothing else of ours, and
 * an exec: command's stdin is /dev/null (cat ends at once, reading nothing). */
static void
test_child_fds(void **state)
{
	char *const list[] = { "sh", "-c", "ls /proc/$$/fd; readlink /proc/$$/fd/0", NULL };
	char *const cat[] = { "cat", NULL };
	struct fetch_options o;
	struct seen s;
	(void)state;

	fetch_options_init(&o);
	run_one(&o, list, NULL, &s);
	assert_null(s.error);
	assert_string_equal(buf_str(&s.body), "0\n1\n2\n/dev/null\n");
	seen_clear(&s);
	run_one(&o, cat, NULL, &s);
	assert_null(s.error);
	assert_int_equal(s.body.len, 0);
	seen_clear(&s);
}

/* Stopping the fetcher (q in the TUI) kills a running command at once. */
static void
test_stop_kills(void **state)
{
	char *const cmd[] = { "sh", "-c", "echo $$; sleep 30", NULL };
	struct fetch_request req = { .url = "exec:test", .command = cmd };
	struct fetch_options o;
	struct fetcher *f;
	struct seen s = { 0 };
	char *err = NULL;
	double t0;
	(void)state;

	fetch_options_init(&o);
	f = fetcher_start(&o, &err);
	assert_non_null(f);
	fetcher_submit(f, &req, &ops, &s);
	/* Wait until it runs (its pid arrives on stdout). */
	t0 = now_s();
	for (;;) {
		usleep(20000);
		assert_true(now_s() - t0 < 30);
		/* Only the fetch thread writes s; a torn read just loops. */
		if (__atomic_load_n(&s.started, __ATOMIC_ACQUIRE))
			break;
	}
	t0 = now_s();
	fetcher_stop(&f);
	assert_true(now_s() - t0 < 3);
	assert_string_equal(s.error, "cancelled");
	seen_clear(&s);
	assert_no_children();
}

/* Everything above left no descriptor open: runs last. */
static int fds_at_start;

static void
test_no_fd_leak(void **state)
{
	(void)state;
	assert_int_equal(count_fds(), fds_at_start);
	assert_no_children();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exec_body_and_argv),
		cmocka_unit_test(test_failure_reasons),
		cmocka_unit_test(test_timeout_kills_group),
		cmocka_unit_test(test_timeout_sigkill),
		cmocka_unit_test(test_filter_large_body),
		cmocka_unit_test(test_filter_fetch_fails),
		cmocka_unit_test(test_child_fds),
		cmocka_unit_test(test_stop_kills),
		cmocka_unit_test(test_no_fd_leak),
	};

	fds_at_start = count_fds();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
