/*
 * The cache shared by processes (issue 9): two connections of one process
 * (the UI's and the fetch thread's) stay correct while another process
 * writes, checkpoints and closes its own connection. Opening the second
 * connection must not drop the first one's SQLite locks; if it did, the
 * other process would believe it was the last user, delete the WAL, and
 * our later writes would go to a deleted file no one else sees.
 *
 * Also which paths name a file of a cache (store_is_cache_file).
 *
 * The other process is this program again, run with exec (a forked child
 * would inherit this process's SQLite state): "--other PATH SQL" runs SQL,
 * a full checkpoint and closes; "--query PATH SQL" prints the first
 * column of the first row.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/store.h"
#include "util/xalloc.h"

#define STORE_FIXTURE_NAME "store_procs_test"
#include "store_fixture.h"

static const char *self_exe;

/* Child mode: run sql on path, checkpoint (TRUNCATE), close. Exit 0 on success. */
static int
other_process(const char *path, const char *sql)
{
	sqlite3 *db;
	int rc;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return 1;
	sqlite3_busy_timeout(db, 5000);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fprintf(stderr, "other process: %s\n", sqlite3_errmsg(db));
	/* The last connection to close deletes the WAL: this must not be it. */
	return sqlite3_close(db) == SQLITE_OK && rc == SQLITE_OK ? 0 : 1;
}

/* Child mode: print the first column of sql's first row. */
static int
query_process(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int rc = 1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return 1;
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			const unsigned char *v = sqlite3_column_text(st, 0);
			printf("%s\n", v != NULL ? (const char *)v : "NULL");
			rc = 0;
		} else
			printf("error: %s\n", sqlite3_errmsg(db));
		sqlite3_finalize(st);
	} else
		printf("error: %s\n", sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc;
}

/* Run this program in mode with path and sql; its stdout (first line) in out. */
static int
run_self(const char *mode, const char *path, const char *sql, char *out, size_t outsz)
{
	int fds[2], status;
	pid_t pid;
	ssize_t n;
	size_t got = 0;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl(self_exe, self_exe, mode, path, sql, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (got + 1 < outsz && (n = read(fds[0], out + got, outsz - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	out[strcspn(out, "\n")] = '\0';
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool
exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

static void
test_two_connections_survive_other_checkpoint(void **state)
{
	struct fx *fx = *state;
	char *wal = xasprintf("%s-wal", fx->db), out[256];
	struct feed_item it = { .id = "g1", .title = "خبر عاجل / Breaking", .published =
	    1700000000, .comments_count = -1 };
	struct store *ui, *fetch;
	int64_t feed, id;
	bool changed;

	/* The UI's connection, then the fetch thread's (fetcher_start). */
	ui = open_ok(fx->db, 0);
	feed = store_feed_ensure(ui, "https://news.example/rss", NULL, NULL);
	assert_true(feed > 0);
	assert_int_equal(store_item_upsert(ui, feed, &it, &changed), 0);
	assert_int_equal(store_unread_count(ui), 1);
	fetch = open_ok(fx->db, 0);
	assert_int_equal(store_unread_count(fetch), 1);
	id = 1;

	/* A cron reload elsewhere: writes, checkpoints, closes. */
	assert_int_equal(run_self("--other", fx->db,
	    "UPDATE items SET read = 1, read_at = 1700000100", out, sizeof out), 0);
	/* We still have the cache open: the WAL stays. */
	assert_true(exists(wal));
	assert_int_equal(store_unread_count(ui), 0);
	assert_int_equal(store_unread_count(fetch), 0);

	/* A like from the UI's connection is seen by another process at once. */
	assert_int_equal(store_item_set_liked(ui, id, true), 0);
	assert_int_equal(run_self("--query", fx->db, "SELECT liked FROM items WHERE id = 1",
	    out, sizeof out), 0);
	assert_string_equal(out, "1");
	/* And a write of the fetch thread's connection too. */
	struct feed_item two = { .id = "g2", .title = "Second", .published = 1700000200,
	    .comments_count = -1 };
	assert_int_equal(store_item_upsert(fetch, feed, &two, &changed), 0);
	assert_int_equal(run_self("--query", fx->db, "SELECT count(*) FROM items", out,
	    sizeof out), 0);
	assert_string_equal(out, "2");
	assert_int_equal(run_self("--query", fx->db, "PRAGMA integrity_check", out,
	    sizeof out), 0);
	assert_string_equal(out, "ok");
	assert_true(exists(wal));

	store_close(&fetch);
	store_close(&ui);
	/* Everyone gone: the data is in the file and the file is sound. */
	assert_int_equal(run_self("--query", fx->db, "PRAGMA integrity_check", out,
	    sizeof out), 0);
	assert_string_equal(out, "ok");
	assert_int_equal(run_self("--query", fx->db,
	    "SELECT group_concat(liked || read, ',') FROM (SELECT * FROM items ORDER BY id)", out, sizeof out), 0);
	assert_string_equal(out, "11,00");
	free(wal);
}

/* Which paths name a file of the cache (the fetcher and the config refuse
 * them), and the lock's path through symlinks. */
static void
test_cache_files(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	char *real_dir = realpath(fx->dir, NULL);
	char *p, *want;

	assert_non_null(real_dir);
	assert_true(store_is_cache_file(fx->db, fx->db));
	p = xasprintf("%s/./cache.db-wal", fx->dir);
	assert_true(store_is_cache_file(fx->db, p));
	free(p);
	/* Another name of the same file. */
	p = xasprintf("%s/hard-link", fx->dir);
	assert_int_equal(link(fx->db, p), 0);
	assert_true(store_is_cache_file(fx->db, p));
	free(p);
	/* A symlink to a file SQLite has not created (yet). */
	p = xasprintf("%s/to-journal", fx->dir);
	assert_int_equal(symlink("cache.db-journal", p), 0);
	assert_true(store_is_cache_file(fx->db, p));
	free(p);
	p = xasprintf("%s/cache.db.lock", fx->dir);
	assert_true(store_is_cache_file(fx->db, p));
	free(p);
	p = xasprintf("%s/cache.db.lock2", fx->dir);
	assert_false(store_is_cache_file(fx->db, p));
	free(p);
	p = xasprintf("%s/أخبار.xml", fx->dir);
	assert_false(store_is_cache_file(fx->db, p));
	free(p);

	/* A chain of links to a cache not created yet: one lock for all. */
	p = xasprintf("%s/a", fx->dir);
	assert_int_equal(symlink("b", p), 0);
	free(p);
	p = xasprintf("%s/b", fx->dir);
	assert_int_equal(symlink("c.db", p), 0);
	free(p);
	p = xasprintf("%s/a", fx->dir);
	char *lock = store_lock_path(p);
	want = xasprintf("%s/c.db.lock", real_dir);
	assert_string_equal(lock, want);
	free(lock);
	free(want);
	free(p);
	/* A missing directory: the path as written. */
	p = xasprintf("%s/no/such/cache.db", fx->dir);
	char *real = store_real_path(p);
	assert_string_equal(real, p);
	free(real);
	free(p);
	free(real_dir);
	store_close(&s);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_connections_survive_other_checkpoint,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_files, setup, teardown),
	};

	if (argc == 4 && strcmp(argv[1], "--other") == 0)
		return other_process(argv[2], argv[3]);
	if (argc == 4 && strcmp(argv[1], "--query") == 0)
		return query_process(argv[2], argv[3]);
	/* The program's own path, not /proc/self/exe: under Valgrind that
	 * names valgrind, which refuses to run it. */
	{
		static char exe[4096];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

		if (n > 0) {
			exe[n] = '\0';
			self_exe = exe;
		} else
			self_exe = argv[0];
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
