/*
 * Tests of src/download: the file name a hostile URL gets, numbering
 * instead of overwriting, the size shown, the argv of the commands, and
 * the queue running a download-command (success, failure, stop) with the
 * bytes on disk checked.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "download/download.h"
#include "fetch/fetch.h"
#include "jobs/downloadjob.h"
#include "share/argv.h"
#include "util/xalloc.h"

static void
name_is(const char *url, const char *want)
{
	char *got = download_file_name(url);
	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", url, got, want);
	free(got);
}

static void
test_file_names(void **state)
{
	(void)state;
	name_is("https://pod.example/show/ep12.mp3", "ep12.mp3");
	name_is("https://pod.example/show/ep12.mp3?token=1#t=30", "ep12.mp3");
	name_is("https://pod.example/a/b/", "b");
	name_is("https://pod.example/", "download");
	name_is("https://pod.example", "download");
	/* Arabic names, percent-encoded or not */
	name_is("https://pod.example/%D8%AD%D9%84%D9%82%D8%A9.mp3", "حلقة.mp3");
	name_is("https://pod.example/حلقة ١.mp3", "حلقة ١.mp3");
	/* Hostile: never leaves the directory, never hidden */
	name_is("https://evil.example/../../.bashrc", "bashrc");
	name_is("https://evil.example/x/..%2F..%2F.bashrc", "_.._.bashrc");
	name_is("https://evil.example/%2e%2e", "download");
	name_is("https://evil.example/..", "download");
	name_is("https://evil.example/.", "download");
	name_is("https://evil.example/...hidden", "hidden");
	name_is("https://evil.example/a%2Fb%5Cc", "a_b_c");
	/* Shell syntax is just characters in a name (no shell ever sees it) */
	name_is("https://evil.example/a;rm%20-rf%20~", "a;rm -rf ~");
	/* Newlines, escape codes, bidi overrides, NUL go */
	name_is("https://evil.example/a%0Ab%0D.mp3", "ab.mp3");
	name_is("https://evil.example/%1B%5B31mred%1B%5B0m.txt", "red.txt");
	name_is("https://evil.example/%E2%80%AEgpj.exe", "gpj.exe");
	name_is("https://evil.example/a%00b", "ab");
	name_is("https://evil.example/%07%08", "download");
	/* Invalid UTF-8 becomes U+FFFD, never raw bytes */
	name_is("https://evil.example/%FF.bin", "\xEF\xBF\xBD.bin");
	/* At most 200 bytes, whole characters */
	char url[1024] = "https://long.example/";
	for (int i = 0; i < 150; i++)
		strcat(url, "ب");	/* 2 bytes each */
	char *got = download_file_name(url);
	assert_int_equal(strlen(got), 200);
	free(got);
}

static void
test_human_size(void **state)
{
	(void)state;
	char s[32];
	download_human_size(0, s, sizeof s);
	assert_string_equal(s, "0 B");
	download_human_size(999, s, sizeof s);
	assert_string_equal(s, "999 B");
	download_human_size(12400000, s, sizeof s);
	assert_string_equal(s, "12.4 MB");
	download_human_size(13002342, s, sizeof s);
	assert_string_equal(s, "13.0 MB");
	download_human_size(524288, s, sizeof s);
	assert_string_equal(s, "524 kB");
	download_human_size(1500000000, s, sizeof s);
	assert_string_equal(s, "1.5 GB");
	download_human_size(999999, s, sizeof s);
	assert_string_equal(s, "1.0 MB");
}

static char *
tmpdir(void)
{
	char *d = xstrdup("/tmp/nr-download-test-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	char *b = xcalloc(1, 4096);
	size_t n = fread(b, 1, 4095, f);
	b[n] = '\0';
	fclose(f);
	return b;
}

static void
rm_rf(const char *d)
{
	char *cmd = xasprintf("rm -rf '%s'", d);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void
test_free_path_and_commit(void **state)
{
	(void)state;
	char *d = tmpdir();
	char *p = download_free_path(d, "ep.mp3");
	char *want = xasprintf("%s/ep.mp3", d);
	assert_string_equal(p, want);
	put(want, "old");
	free(p);
	p = download_free_path(d, "ep.mp3");
	char *want1 = xasprintf("%s/ep (1).mp3", d);
	assert_string_equal(p, want1);
	free(p);
	/* A part file in progress holds its name too. */
	char *part1 = xasprintf("%s.part", want1);
	put(part1, "");
	p = download_free_path(d, "ep.mp3");
	char *want2 = xasprintf("%s/ep (2).mp3", d);
	assert_string_equal(p, want2);
	free(p);
	/* Commit onto a name taken meanwhile: the old file stays. */
	char *part = xasprintf("%s/x.part", d), *done = NULL, *err = NULL;
	put(part, "new bytes");
	assert_int_equal(download_commit(part, want, &done, &err), 0);
	assert_string_equal(done, want1);
	char *old = slurp(want), *nw = slurp(want1);
	assert_string_equal(old, "old");
	assert_string_equal(nw, "new bytes");
	assert_int_equal(access(part, F_OK), -1);
	free(old); free(nw); free(done); free(part);
	p = download_free_path(d, "README");
	free(want);
	want = xasprintf("%s/README", d);
	assert_string_equal(p, want);
	put(want, "");
	free(p);
	p = download_free_path(d, "README");
	free(want);
	want = xasprintf("%s/README (1)", d);
	assert_string_equal(p, want);
	free(p); free(want); free(want1); free(want2); free(part1);
	rm_rf(d);
	free(d);
}

static void
test_make_dir(void **state)
{
	(void)state;
	char *d = tmpdir();
	char *sub = xasprintf("%s/a/b", d), *err = NULL;
	struct stat st;
	assert_int_equal(download_make_dir(sub, &err), 0);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	char *file = xasprintf("%s/f", d);
	put(file, "");
	assert_int_equal(download_make_dir(file, &err), -1);
	assert_non_null(strstr(err, "not a directory"));
	free(err); free(file); free(sub);
	rm_rf(d);
	free(d);
}

static char **
split(const char *cmdline)
{
	char **v, *err = NULL;
	if (share_argv_split(cmdline, &v, &err) == -1)
		fail_msg("%s: %s", cmdline, err);
	return v;
}

static void
test_argv(void **state)
{
	(void)state;
	const char *url = "https://e.example/a;rm -rf ~ $(id) `id`.mp3";
	char **t = split("player --type=%t %u");
	char **v = download_argv(t, url, NULL, "audio/mpeg");
	assert_int_equal(share_argv_len(v), 3);
	assert_string_equal(v[1], "--type=audio/mpeg");
	assert_string_equal(v[2], url);
	share_argv_free(&v);
	share_argv_free(&t);
	/* No %u or %f: appended in that order. */
	t = split("'my fetcher' -q");
	v = download_argv(t, url, "/tmp/x y.part", NULL);
	assert_int_equal(share_argv_len(v), 4);
	assert_string_equal(v[0], "my fetcher");
	assert_string_equal(v[2], url);
	assert_string_equal(v[3], "/tmp/x y.part");
	share_argv_free(&v);
	share_argv_free(&t);
	t = split("get -o %f %u 100%%");
	v = download_argv(t, "u", "f", NULL);
	assert_int_equal(share_argv_len(v), 5);
	assert_string_equal(v[2], "f");
	assert_string_equal(v[4], "100%");
	share_argv_free(&v);
	share_argv_free(&t);
}

/* Poll q until nothing is active (at most 20 s). */
static void
run_queue(struct download_queue *q)
{
	for (int i = 0; i < 2000 && (download_queue_poll(q, NULL), download_queue_active(q) > 0); i++)
		usleep(10000);
	assert_int_equal(download_queue_active(q), 0);
}

static void
test_queue_command(void **state)
{
	(void)state;
	char *d = tmpdir();
	char *dir = xasprintf("%s/dl", d), *err = NULL;
	/* The command writes its URL's tail into the file it is given. */
	char **cmd = split("sh -c 'printf \"%s\" \"$1\" > \"$2\"; exit \"$3\"' sh %u %f 0");
	struct download_setup setup = {
		.dir = dir,
		.command = cmd,
		.max_running = 2,
	};
	struct download_queue *q = download_queue_new(&setup);
	unsigned a = download_queue_add(q, "https://e.example/ep.mp3", "audio/mpeg", 25, &err);
	unsigned b = download_queue_add(q, "https://e.example/ep.mp3", NULL, -1, &err);
	assert_true(a > 0 && b > 0);
	run_queue(q);
	struct download_info ia, ib;
	assert_true(download_queue_find(q, a, &ia));
	assert_true(download_queue_find(q, b, &ib));
	assert_int_equal(ia.state, DOWNLOAD_DONE);
	assert_int_equal(ib.state, DOWNLOAD_DONE);
	assert_string_equal(ia.name, "ep.mp3");
	assert_string_equal(ib.name, "ep (1).mp3");
	char *got = slurp(ia.path);
	assert_string_equal(got, "https://e.example/ep.mp3");
	free(got);
	assert_int_equal(ia.got, 24);
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	download_queue_free(&q);

	/* A failing command: says why, leaves no file at all. */
	share_argv_free(&cmd);
	setup.command = cmd = split("sh -c 'printf partial > \"$1\"; exit 3' sh %f");
	q = download_queue_new(&setup);
	a = download_queue_add(q, "https://e.example/fail.bin", NULL, -1, &err);
	run_queue(q);
	assert_true(download_queue_find(q, a, &ia));
	assert_int_equal(ia.state, DOWNLOAD_FAILED);
	assert_string_equal(ia.error, "download-command exited with status 3");
	char *p = xasprintf("%s/fail.bin", dir), *pp = xasprintf("%s/fail.bin.part", dir);
	assert_int_equal(access(p, F_OK), -1);
	assert_int_equal(access(pp, F_OK), -1);
	download_queue_free(&q);

	/* Stopped (quit): the program is killed, the part file goes. */
	share_argv_free(&cmd);
	setup.command = cmd = split("sh -c 'printf some > \"$1\"; exec sleep 30' sh %f");
	q = download_queue_new(&setup);
	a = download_queue_add(q, "https://e.example/fail.bin", NULL, -1, &err);
	for (int i = 0; i < 2000; i++) {
		download_queue_poll(q, NULL);
		assert_true(download_queue_find(q, a, &ia));
		if (ia.got == 4)
			break;
		usleep(10000);
	}
	assert_int_equal(ia.got, 4);
	assert_int_equal(download_queue_stop_all(q), 1);
	assert_int_equal(access(pp, F_OK), -1);
	assert_int_equal(access(p, F_OK), -1);
	download_queue_free(&q);

	share_argv_free(&cmd);

	/* max-downloads 1: the second waits until the first ends. */
	char *gate = xasprintf("%s/gate", d);
	char *script = xasprintf("printf x > \"$1\"; while [ ! -e '%s' ]; do sleep 0.02; done",
	    gate);
	char *words[] = { "sh", "-c", script, "sh", "%f", NULL };
	setup.command = words;
	setup.max_running = 1;
	q = download_queue_new(&setup);
	a = download_queue_add(q, "https://e.example/one.bin", NULL, 1, &err);
	b = download_queue_add(q, "https://e.example/two.bin", NULL, 1, &err);
	for (int i = 0; i < 20; i++) {
		download_queue_poll(q, NULL);
		usleep(10000);
	}
	assert_true(download_queue_find(q, a, &ia));
	assert_true(download_queue_find(q, b, &ib));
	assert_int_equal(ia.state, DOWNLOAD_RUNNING);
	assert_int_equal(ib.state, DOWNLOAD_QUEUED);
	assert_int_equal(download_queue_active(q), 2);
	put(gate, "");
	run_queue(q);
	assert_true(download_queue_find(q, a, &ia));
	assert_true(download_queue_find(q, b, &ib));
	assert_int_equal(ia.state, DOWNLOAD_DONE);
	assert_int_equal(ib.state, DOWNLOAD_DONE);
	assert_int_equal(ib.got, 1);
	download_queue_free(&q);
	free(gate);
	free(script);
	free(p); free(pp);
	free(dir);
	rm_rf(d);
	free(d);
}

/* The next download event of f whose download ended (at most 10 s). */
static bool
job_end(struct fetcher *f, struct download_queue *q, unsigned *ended)
{
	struct pollfd pfd = { .fd = fetcher_fd(f), .events = POLLIN };
	struct fetch_event ev;

	for (int i = 0; i < 100; i++) {
		while (fetcher_next_event(f, &ev)) {
			bool mine = download_queue_event(q, &ev, ended);
			fetch_event_clear(&ev);
			if (mine && *ended != 0)
				return true;
		}
		poll(&pfd, 1, 100);
	}
	return false;
}

/* Our own fetcher (downloadjob.h) through the queue: the body streamed to
 * the part file, renamed when complete; over download-max-size it fails
 * with the reason and no file is left. A file: URL stands for the server. */
static void
test_queue_own_fetcher(void **state)
{
	(void)state;
	char *d = tmpdir(), *err = NULL;
	char *src = xasprintf("%s/src.bin", d), *dir = xasprintf("%s/dl", d);
	FILE *f = fopen(src, "wb");
	assert_non_null(f);
	for (int i = 0; i < 300000; i++)
		fputc((i * 7) & 0xFF, f);
	fclose(f);
	struct fetch_options o;
	fetch_options_init(&o);
	o.max_body = 1000;	/* the feeds' cap does not apply to downloads */
	struct fetcher *fe = fetcher_start(&o, &err);
	assert_non_null(fe);
	struct download_setup setup = { .dir = dir, .max_running = 1, .fetch = fe };
	struct download_queue *q = download_queue_new(&setup);
	char *url = xasprintf("file://%s", src);
	unsigned a = download_queue_add(q, url, NULL, -1, &err), ended = 0;
	download_queue_poll(q, NULL);
	assert_true(job_end(fe, q, &ended));
	assert_int_equal(ended, a);
	struct download_info ia;
	assert_true(download_queue_find(q, a, &ia));
	assert_int_equal(ia.state, DOWNLOAD_DONE);
	assert_string_equal(ia.name, "src.bin");
	assert_int_equal(ia.got, 300000);
	char *cmd = xasprintf("cmp -s '%s' '%s'", src, ia.path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	download_queue_free(&q);

	/* download-max-size: 100 kB here. */
	setup.max_size = 100000;
	q = download_queue_new(&setup);
	a = download_queue_add(q, url, NULL, -1, &err);
	download_queue_poll(q, NULL);
	assert_true(job_end(fe, q, &ended));
	assert_true(download_queue_find(q, a, &ia));
	assert_int_equal(ia.state, DOWNLOAD_FAILED);
	assert_non_null(strstr(ia.error, "too large"));
	char *p = xasprintf("%s/src (1).bin", dir), *pp = xasprintf("%s/src (1).bin.part", dir);
	assert_int_equal(access(p, F_OK), -1);
	assert_int_equal(access(pp, F_OK), -1);
	download_queue_free(&q);
	fetcher_stop(&fe);

	/* Offline and no command: refused with the reason. */
	setup.fetch = NULL;
	q = download_queue_new(&setup);
	assert_int_equal(download_queue_add(q, url, NULL, -1, &err), 0);
	assert_non_null(strstr(err, "offline"));
	free(err);
	download_queue_free(&q);
	free(p); free(pp); free(url); free(src); free(dir);
	rm_rf(d);
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_names),
		cmocka_unit_test(test_human_size),
		cmocka_unit_test(test_free_path_and_commit),
		cmocka_unit_test(test_make_dir),
		cmocka_unit_test(test_argv),
		cmocka_unit_test(test_queue_command),
		cmocka_unit_test(test_queue_own_fetcher),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
