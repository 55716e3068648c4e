/*
 * Tests of src/fetch's jobs and synchronous runner against tests/server.py
 * on 127.0.0.1 (feed jobs are covered end to end by tests/reload_test.py;
 * one feed job failing mid-body is here): bodies streamed to the callbacks, a POST with
 * headers and body, the failure reasons users read, events and their
 * order, and a stop in the middle of a transfer.
 */
#include "config.h"

#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fetch/fetch.h"
#include "jobs/feedjob.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xalloc.h"

static pid_t server_pid = -1;
static int server_port;

static char *
url(const char *path)
{
	return xasprintf("http://127.0.0.1:%d%s", server_port, path);
}

static int
start_server(void)
{
	const char *src = getenv("NR_SRCDIR"), *python = getenv("PYTHON3");
	char *script, *root, line[32] = "";
	int fds[2];
	FILE *in;

	if (python == NULL || python[0] == '\0')
		python = "python3";
	if (src == NULL)
		src = ".";
	script = xasprintf("%s/tests/server.py", src);
	root = xasprintf("%s/tests/fixtures/http", src);
	if (pipe(fds) != 0)
		return -1;
	server_pid = fork();
	if (server_pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execlp(python, python, script, "--root", root, "--lifetime", "120",
		    (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	free(script);
	free(root);
	in = fdopen(fds[0], "r");
	if (in == NULL || fgets(line, sizeof line, in) == NULL) {
		fprintf(stderr, "test server did not start\n");
		return -1;
	}
	fclose(in);
	server_port = atoi(line);
	return server_port > 0 ? 0 : -1;
}

static int
stop_server(void **state)
{
	(void)state;
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
	}
	return 0;
}

/* What a generic job saw. */
struct seen {
	struct buf body;
	char *error;
	long status;
	char *content_type;
	char *location;
	long start_status;
	bool started;
	bool done;
	int posted_tag;
};

static int
on_start(struct fetch_job *job, void *ud, const struct fetch_response *r)
{
	struct seen *s = ud;

	(void)job;
	s->started = true;
	s->start_status = r->status;
	s->content_type = xstrdup_null(r->content_type);
	return 0;
}

static int
on_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	struct seen *s = ud;

	(void)job;
	buf_append(&s->body, data, len);
	return 0;
}

static void
on_done(struct fetch_job *job, void *ud, const struct fetch_response *r, const char *error)
{
	struct seen *s = ud;
	struct fetch_event ev = { .type = FETCH_EV_JOB, .tag = s->posted_tag };

	s->done = true;
	s->status = r->status;
	s->error = xstrdup_null(error);
	s->location = xstrdup_null(r->location);
	if (s->posted_tag != 0) {
		ev.message = xstrdup(error != NULL ? error : "sent");
		ev.url = xstrdup(fetch_job_url(job));
		fetch_job_post(job, &ev);
	}
}

static const struct fetch_job_ops seen_ops = {
	.on_body_start = on_start, .on_body = on_body, .on_done = on_done,
};

static void
seen_clear(struct seen *s)
{
	buf_free(&s->body);
	free(s->error);
	free(s->content_type);
	free(s->location);
	memset(s, 0, sizeof *s);
}

/* Run one GET synchronously and return what it saw. */
static void
get(const char *path, const struct fetch_options *o, struct seen *s)
{
	char *u = url(path);
	struct fetch_request req = { .url = u };

	memset(s, 0, sizeof *s);
	fetch_run_sync(o, &req, &seen_ops, s);
	free(u);
}

static void
test_body_streamed(void **state)
{
	struct fetch_options o;
	struct seen s;

	(void)state;
	fetch_options_init(&o);
	get("/gzip/en.xml", &o, &s);
	assert_null(s.error);
	assert_int_equal(s.status, 200);
	assert_true(s.started);
	assert_string_equal(s.content_type, "application/xml");
	/* Decoded: the document itself, not gzip bytes. */
	assert_non_null(strstr(buf_str(&s.body), "<title>Harbour Town Notes</title>"));
	seen_clear(&s);
}

/* Every failure reason exactly as a user reads it. */
static void
test_reasons(void **state)
{
	static const struct {
		const char *path;
		const char *reason;
	} cases[] = {
		{ "/status/404", "HTTP 404" },
		{ "/status/500", "HTTP 500" },
		{ "/status/410", "HTTP 410" },
		{ "/429?retry=30", "HTTP 429 (retry after 30 s)" },
		{ "/503?retry=45", "HTTP 503 (retry after 45 s)" },
		{ "/loop", "too many redirects" },
		{ "/to-file", "redirect to file:// refused" },
		/* Issue 18: not "javascript://", which the Location never said. */
		{ "/to?url=javascript:alert(1)", "redirect to a javascript: URL refused" },
		{ "/to?url=data:text/plain,hi", "redirect to a data: URL refused" },
		{ "/to?url=ftp://127.0.0.1/f.xml", "redirect to ftp:// refused" },
		{ "/reset", "connection reset by the server" },
		{ "/huge?mb=3", "too large (over 1 MiB)" },
		{ "/huge?mb=3&length=1", "too large (over 1 MiB)" },
		{ "/slow", "timeout after 1 s" },
	};
	struct fetch_options o;
	struct seen s;

	(void)state;
	fetch_options_init(&o);
	o.max_body = 1 << 20;
	o.timeout = 1;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		get(cases[i].path, &o, &s);
		if (s.error == NULL || strcmp(s.error, cases[i].reason) != 0)
			fail_msg("%s: got '%s', want '%s'", cases[i].path,
			    s.error != NULL ? s.error : "(success)", cases[i].reason);
		seen_clear(&s);
	}
}

static void
test_retry_after_date(void **state)
{
	struct fetch_options o;
	struct seen s;
	int wait = -1;

	(void)state;
	fetch_options_init(&o);
	get("/429?retry=90&date=1", &o, &s);
	assert_non_null(s.error);
	/* An HTTP-date has one-second resolution: 89 or 90. */
	assert_int_equal(sscanf(s.error, "HTTP 429 (retry after %d s)", &wait), 1);
	assert_true(wait >= 88 && wait <= 90);
	seen_clear(&s);
}

/* A Retry-After far in the future (seconds near the 64-bit limit, or a
 * date thousands of years ahead) is capped to a day, not an overflow. */
static void
test_retry_after_huge(void **state)
{
	static const char *const paths[] = {
		"/429?retry=9223372036854775000",
		"/503?retry=900000000000",
	};
	struct fetch_options o;
	struct seen s;

	(void)state;
	fetch_options_init(&o);
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		get(paths[i], &o, &s);
		assert_non_null(s.error);
		assert_non_null(strstr(s.error, "(retry after 86400 s)"));
		seen_clear(&s);
	}
}

static void
test_file_only_when_allowed(void **state)
{
	struct fetch_options o;
	struct fetch_request req = { .url = "file:///etc/hostname" };
	struct seen s = { 0 };

	(void)state;
	fetch_options_init(&o);
	fetch_run_sync(&o, &req, &seen_ops, &s);
	assert_string_equal(s.error, "unsupported URL scheme (http and https only)");
	seen_clear(&s);
}

static void
test_post(void **state)
{
	static const char *const headers[] = {
		"Content-Type: application/json", "Authorization: Basic dGVzdDp0ZXN0", NULL,
	};
	static const char body[] = "{\"post\": 7, \"content\": \"رأي جميل في المقال\"}";
	char *u = url("/wp-json/wp/v2/comments");
	struct fetch_request req = { .url = u, .method = "POST", .headers = headers,
	    .body = body, .body_len = strlen(body) };
	struct fetch_options o;
	struct seen s = { 0 };

	(void)state;
	fetch_options_init(&o);
	fetch_run_sync(&o, &req, &seen_ops, &s);
	assert_null(s.error);
	assert_int_equal(s.status, 201);
	assert_non_null(strstr(buf_str(&s.body), "\"post\": 7"));
	assert_non_null(strstr(buf_str(&s.body), "\"authorization\": \"Basic dGVzdDp0ZXN0\""));
	assert_non_null(strstr(buf_str(&s.body), "\"user_agent\": \"newsreader/" PACKAGE_VERSION "\""));
	seen_clear(&s);
	free(u);
}

/* Run one request synchronously with the two switches below. */
static void
run(const char *method, const char *path, bool error_body, bool no_redirects,
    const struct fetch_options *o, struct seen *s)
{
	static const char body[] = "{\"post\": 7, \"content\": \"x\"}";
	char *u = url(path);
	struct fetch_request req = { .url = u, .method = method,
	    .want_error_body = error_body, .no_redirects = no_redirects };

	if (method != NULL) {
		req.body = body;
		req.body_len = strlen(body);
	}
	memset(s, 0, sizeof *s);
	fetch_run_sync(o, &req, &seen_ops, s);
	free(u);
}

/* want_error_body: an API's error JSON reaches the job, still as a failure. */
static void
test_error_body(void **state)
{
	struct fetch_options o;
	struct seen s;

	(void)state;
	fetch_options_init(&o);
	run("POST", "/wp-json/wp/v2/comments?fail=400", true, false, &o, &s);
	assert_string_equal(s.error, "HTTP 400");
	assert_int_equal(s.status, 400);
	assert_true(s.started);
	assert_int_equal(s.start_status, 400);
	assert_string_equal(s.content_type, "application/json");
	assert_string_equal(buf_str(&s.body), "{\"code\": \"test_failure\", "
	    "\"message\": \"failing on request\", \"data\": {\"status\": 400}}");
	seen_clear(&s);

	/* Without it the body is not read. */
	run("POST", "/wp-json/wp/v2/comments?fail=400", false, false, &o, &s);
	assert_string_equal(s.error, "HTTP 400");
	assert_int_equal(s.status, 400);
	assert_false(s.started);
	assert_int_equal(s.body.len, 0);
	seen_clear(&s);

	/* A 2xx is unchanged by it. */
	run(NULL, "/en.xml", true, false, &o, &s);
	assert_null(s.error);
	assert_int_equal(s.start_status, 200);
	assert_non_null(strstr(buf_str(&s.body), "Harbour"));
	seen_clear(&s);

	/* The cap holds for error bodies too, streamed or announced. */
	o.max_body = 1 << 20;
	run(NULL, "/huge?mb=3&status=500", true, false, &o, &s);
	assert_string_equal(s.error, "too large (over 1 MiB)");
	assert_true(s.body.len <= (size_t)1 << 20);
	seen_clear(&s);
	run(NULL, "/huge?mb=3&status=500&length=1", true, false, &o, &s);
	assert_string_equal(s.error, "too large (over 1 MiB)");
	assert_int_equal(s.body.len, 0);
	seen_clear(&s);
	/* Under the cap the whole error body arrives. */
	run(NULL, "/huge?mb=0.5&status=503", true, false, &o, &s);
	assert_string_equal(s.error, "HTTP 503");
	assert_int_equal(s.body.len, (size_t)1 << 19);
	assert_non_null(strstr(buf_str(&s.body), "</rss>"));
	seen_clear(&s);
}

/* no_redirects: a 3xx ends the job with its status and where it pointed. */
static void
test_no_redirects(void **state)
{
	struct fetch_options o;
	struct seen s;
	char *to = url("/en.xml");

	(void)state;
	fetch_options_init(&o);
	run(NULL, "/redirect/2", false, true, &o, &s);
	assert_string_equal(s.error, "HTTP 302");
	assert_int_equal(s.status, 302);
	assert_false(s.started);
	assert_non_null(s.location);
	assert_non_null(strstr(s.location, "/redirect/1?to="));
	seen_clear(&s);

	run(NULL, "/redirect/1", true, true, &o, &s);
	assert_string_equal(s.error, "HTTP 302");
	assert_string_equal(s.location, to);
	assert_int_equal(s.body.len, 0);	/* the server sends none */
	seen_clear(&s);

	/* Not even a redirect to file:// is tried: the 302 is the answer. */
	run(NULL, "/to-file", false, true, &o, &s);
	assert_string_equal(s.error, "HTTP 302");
	assert_string_equal(s.location, "file:///etc/passwd");
	seen_clear(&s);

	/* Without the flag the same chain is followed to the document. */
	run(NULL, "/redirect/2", false, false, &o, &s);
	assert_null(s.error);
	assert_int_equal(s.status, 200);
	assert_null(s.location);
	assert_non_null(strstr(buf_str(&s.body), "Harbour"));
	seen_clear(&s);
	free(to);
}

/* Wait for the next event (at most 10 s). */
static bool
next_event(struct fetcher *f, struct fetch_event *ev)
{
	struct pollfd pfd = { .fd = fetcher_fd(f), .events = POLLIN };

	/* 60 s without an event is a hang (long, for Valgrind's pace). */
	for (int i = 0; i < 600; i++) {
		if (fetcher_next_event(f, ev))
			return true;
		poll(&pfd, 1, 100);
	}
	return false;
}

static void
test_thread_events(void **state)
{
	struct fetch_options o;
	struct fetcher *f;
	struct seen a = { .posted_tag = 1 }, b = { .posted_tag = 2 };
	char *ua = url("/delay/200/en.xml"), *ub = url("/status/404"), *err = NULL;
	struct fetch_request ra = { .url = ua }, rb = { .url = ub };
	struct fetch_event ev;
	int jobs = 0, progress = 0;
	bool all_done = false;

	(void)state;
	fetch_options_init(&o);
	f = fetcher_start(&o, &err);
	assert_non_null(f);
	fetcher_submit(f, &ra, &seen_ops, &a);
	fetcher_submit(f, &rb, &seen_ops, &b);
	while (!all_done && next_event(f, &ev)) {
		switch (ev.type) {
		case FETCH_EV_JOB:
			jobs++;
			/* The 404 answers at once, the delayed one later. */
			if (jobs == 1) {
				assert_int_equal(ev.tag, 2);
				assert_string_equal(ev.message, "HTTP 404");
				assert_string_equal(ev.url, ub);
			} else {
				assert_int_equal(ev.tag, 1);
				assert_string_equal(ev.message, "sent");
			}
			break;
		case FETCH_EV_PROGRESS:
			progress++;
			assert_int_equal(ev.done, progress);
			break;
		case FETCH_EV_ALL_DONE:
			all_done = true;
			assert_int_equal(ev.done, 2);
			break;
		default:
			fail_msg("unexpected event %d", ev.type);
		}
		fetch_event_clear(&ev);
	}
	assert_true(all_done);
	assert_int_equal(jobs, 2);
	assert_int_equal(progress, 2);
	fetcher_stop(&f);
	assert_null(f);
	assert_non_null(strstr(buf_str(&a.body), "Harbour"));
	seen_clear(&a);
	seen_clear(&b);
	free(ua);
	free(ub);
}

static void
test_stop_mid_transfer(void **state)
{
	struct fetch_options o;
	struct fetcher *f;
	struct seen s = { 0 };
	char *u = url("/slow?seconds=30"), *err = NULL;
	struct fetch_request req = { .url = u };
	struct timespec t0, t1;

	(void)state;
	fetch_options_init(&o);
	f = fetcher_start(&o, &err);
	assert_non_null(f);
	fetcher_submit(f, &req, &seen_ops, &s);
	usleep(300 * 1000);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fetcher_stop(&f);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* Stopping wakes the thread at once; no 30 s wait, no timed nap. */
	assert_true(t1.tv_sec - t0.tv_sec < 2);
	assert_true(s.done);
	assert_string_equal(s.error, "cancelled");
	seen_clear(&s);
	free(u);
}

/* Jobs submitted under a hold reach the thread as one batch: ALL_DONE
 * comes once, after both, even when the first is done at once. */
static void
test_hold_one_batch(void **state)
{
	struct fetch_options o;
	struct fetcher *f;
	struct seen a = { .posted_tag = 1 }, b = { .posted_tag = 2 };
	char *ua = url("/en.xml"), *ub = url("/delay/300/en.xml"), *err = NULL;
	struct fetch_request ra = { .url = ua }, rb = { .url = ub };
	struct fetch_event ev;
	int jobs = 0, all_done = 0;

	(void)state;
	fetch_options_init(&o);
	f = fetcher_start(&o, &err);
	assert_non_null(f);
	fetcher_hold(f);
	fetcher_submit(f, &ra, &seen_ops, &a);
	usleep(400 * 1000);	/* held: the first cannot run ahead */
	fetcher_submit(f, &rb, &seen_ops, &b);
	fetcher_release(f);
	while (all_done == 0 && next_event(f, &ev)) {
		if (ev.type == FETCH_EV_JOB)
			jobs++;
		if (ev.type == FETCH_EV_ALL_DONE) {
			all_done++;
			assert_int_equal(ev.done, 2);
			assert_int_equal(ev.total, 2);
		}
		fetch_event_clear(&ev);
	}
	assert_int_equal(jobs, 2);
	fetcher_stop(&f);
	seen_clear(&a);
	seen_clear(&b);
	free(ua);
	free(ub);
}

/* A feed not in the cache yet that fails after some of its batches were
 * committed: its row, created with the first batch, has the failure
 * recorded under the id the event reports, and the committed items stay. */
static void
test_unknown_feed_fails_mid_stream(void **state)
{
	struct fetch_options o;
	struct fetcher *f;
	struct fetch_event ev;
	struct store *s, *bg;
	struct store_feed sf;
	char dir[] = "/tmp/nr-fetch-test-XXXXXX", *path, *err = NULL;
	char *u = url("/huge?mb=4");
	const char *urls[] = { u };
	int64_t failed_id = -1;
	bool all_done = false;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/cache.db", dir);
	fetch_options_init(&o);
	o.max_body = 3u << 20;	/* past a batch (256 items, about 220 KiB) */
	f = fetcher_start(&o, &err);
	assert_non_null(f);
	bg = store_open(path, 0, &err);
	assert_non_null(bg);
	feed_job_submit(f, bg, urls[0]);
	while (!all_done && next_event(f, &ev)) {
		const struct feed_job_result *r = feed_job_result(&ev);
		if (r != NULL) {
			assert_int_equal(r->outcome, FEED_JOB_FAILED);
			assert_string_equal(r->error, "too large (over 3 MiB)");
			assert_string_equal(ev.message, "too large (over 3 MiB)");
			failed_id = r->feed_id;
		}
		all_done = ev.type == FETCH_EV_ALL_DONE;
		fetch_event_clear(&ev);
	}
	fetcher_stop(&f);
	store_close(&bg);
	assert_true(failed_id >= 0);

	s = store_open(path, 0, &err);
	assert_non_null(s);
	assert_int_equal(store_feed_get(s, u, &sf), 0);
	assert_int_equal(sf.id, failed_id);
	assert_non_null(sf.last_error);
	assert_string_equal(sf.last_error, "too large (over 3 MiB)");
	store_feed_clear(&sf);
	/* Batches of 256 items or more were committed before the cap hit. */
	assert_true(store_unread_count(s) >= 256);
	store_close(&s);
	unlink(path);
	free(path);
	path = xasprintf("%s/cache.db-wal", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/cache.db-shm", dir);
	unlink(path);
	free(path);
	rmdir(dir);
	free(u);
}

/* fetcher_refuse_files(): asked with the decoded local path of a file://
 * URL before curl opens it; its answer is the job's failure reason. */
static const char *
refuse_a(const char *path, void *ud)
{
	const char *dir = ud;
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && strcmp(path + n, "/a.xml") == 0 ?
	    "refused: a file of the cache" : NULL;
}

static void
test_refuse_files(void **state)
{
	struct fetch_options o;
	struct fetcher *f;
	struct seen a = { 0 }, b = { 0 };
	char dir[] = "/tmp/fetch_test.XXXXXX", *pa, *pb, *ua, *ub, *err = NULL;
	struct fetch_event ev;
	FILE *fp;
	bool all_done = false;

	(void)state;
	assert_non_null(mkdtemp(dir));
	pa = xasprintf("%s/a.xml", dir);
	pb = xasprintf("%s/b.xml", dir);
	assert_non_null(fp = fopen(pa, "w"));
	fputs("never read", fp);
	fclose(fp);
	assert_non_null(fp = fopen(pb, "w"));
	fputs("read", fp);
	fclose(fp);
	ua = xasprintf("file://localhost%s/%%61.xml", dir);	/* a.xml, %-encoded */
	ub = xasprintf("file://%s", pb);
	struct fetch_request ra = { .url = ua, .allow_file = true },
	    rb = { .url = ub, .allow_file = true };
	fetch_options_init(&o);
	f = fetcher_start(&o, &err);
	assert_non_null(f);
	fetcher_refuse_files(f, refuse_a, dir);
	/* One batch: else a refused at once can end the batch before b is in. */
	fetcher_hold(f);
	fetcher_submit(f, &ra, &seen_ops, &a);
	fetcher_submit(f, &rb, &seen_ops, &b);
	fetcher_release(f);
	while (!all_done && next_event(f, &ev)) {
		all_done = ev.type == FETCH_EV_ALL_DONE;
		fetch_event_clear(&ev);
	}
	fetcher_stop(&f);
	assert_true(a.done);
	assert_false(a.started);
	assert_string_equal(a.error, "refused: a file of the cache");
	assert_true(b.done);
	assert_null(b.error);
	assert_string_equal(buf_str(&b.body), "read");
	seen_clear(&a);
	seen_clear(&b);
	unlink(pa);
	unlink(pb);
	rmdir(dir);
	free(pa);
	free(pb);
	free(ua);
	free(ub);
}

static void
test_format_size(void **state)
{
	char *s;

	(void)state;
	s = fetch_format_size(32u << 20);
	assert_string_equal(s, "32 MiB");
	free(s);
	s = fetch_format_size(512 * 1024);
	assert_string_equal(s, "512 KiB");
	free(s);
	s = fetch_format_size(1000);
	assert_string_equal(s, "1000 bytes");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_size),
		cmocka_unit_test(test_body_streamed),
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_retry_after_date),
		cmocka_unit_test(test_retry_after_huge),
		cmocka_unit_test(test_file_only_when_allowed),
		cmocka_unit_test(test_post),
		cmocka_unit_test(test_error_body),
		cmocka_unit_test(test_no_redirects),
		cmocka_unit_test(test_thread_events),
		cmocka_unit_test(test_stop_mid_transfer),
		cmocka_unit_test(test_hold_one_batch),
		cmocka_unit_test(test_unknown_feed_fails_mid_stream),
		cmocka_unit_test(test_refuse_files),
	};

	int rc;

	if (start_server() != 0)
		return 77;	/* no python3: skip */
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	stop_server(NULL);
	return rc;
}
