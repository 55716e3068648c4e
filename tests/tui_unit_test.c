/*
 * Unit tests of the reader's pure parts: the key map (names, defaults,
 * config binds and their error text), the browser's argv (%u substituted
 * after splitting, never a shell), the lock file (the holder's PID in
 * the message, stale files taken over), and the queue of the user's writes
 * (nothing lost, order kept, while another connection holds the cache).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <curses.h>

#include "comments/comments.h"
#include "config/settings.h"
#include "feed/feed.h"
#include "store/store.h"
#include "browser.h"
#include "composer.h"
#include "keymap.h"
#include "lock.h"
#include "uwrite.h"

static void
test_key_names(void **state)
{
	static const struct { const char *name; int key; } cases[] = {
		{ "j", 'j' }, { "G", 'G' }, { "/", '/' }, { "?", '?' },
		{ "Enter", '\n' }, { "Esc", 27 }, { "Tab", '\t' }, { "Space", ' ' },
		{ "C-l", 12 }, { "^L", 12 }, { "c-d", 4 },
		{ "Up", KEYMAP_FN | KEY_UP }, { "PgDn", KEYMAP_FN | KEY_NPAGE },
		{ "pageup", KEYMAP_FN | KEY_PPAGE }, { "F1", KEYMAP_FN | KEY_F(1) },
		{ "\xd8\xab", 0x062b },	/* an Arabic letter, for Arabic layouts */
		{ "", -1 }, { "jj", -1 }, { "F13", -1 }, { "Hyper", -1 }, { "C-", -1 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int k = keymap_key_from_name(cases[i].name);
		if (k != cases[i].key)
			fail_msg("%s: got %d, want %d", cases[i].name, k, cases[i].key);
		if (k != -1) {
			char back[32];
			keymap_key_name(k, back, sizeof back);
			assert_int_equal(keymap_key_from_name(back), k);
		}
	}
}

static void
test_defaults_and_binds(void **state)
{
	struct keymap *km = keymap_new();
	char *err = NULL;
	char keys[128];

	(void)state;
	/* vi keys and arrows together. */
	assert_int_equal(keymap_lookup(km, 'j'), ACTION_DOWN);
	assert_int_equal(keymap_lookup(km, KEYMAP_FN | KEY_DOWN), ACTION_DOWN);
	assert_int_equal(keymap_lookup(km, 'k'), ACTION_UP);
	assert_int_equal(keymap_lookup(km, '\r'), ACTION_OPEN);
	assert_int_equal(keymap_lookup(km, KEYMAP_FN | KEY_ENTER), ACTION_OPEN);
	assert_int_equal(keymap_lookup(km, 'q'), ACTION_BACK);
	assert_int_equal(keymap_lookup(km, 'n'), ACTION_NEXT_UNREAD);
	assert_int_equal(keymap_lookup(km, 'R'), ACTION_RELOAD_ALL);
	assert_int_equal(keymap_lookup(km, 'l'), ACTION_LIKE);
	assert_int_equal(keymap_lookup(km, 'x'), ACTION_NONE);

	/* Rebinding moves a key; "none" unbinds; the help lists live keys. */
	assert_int_equal(keymap_bind(km, "x", "reload", &err), 0);
	assert_int_equal(keymap_lookup(km, 'x'), ACTION_RELOAD);
	assert_int_equal(keymap_bind(km, "j", "none", &err), 0);
	assert_int_equal(keymap_lookup(km, 'j'), ACTION_NONE);
	keymap_keys_of(km, ACTION_DOWN, keys, sizeof keys);
	assert_string_equal(keys, "Down");
	keymap_keys_of(km, ACTION_RELOAD, keys, sizeof keys);
	assert_string_equal(keys, "r, x");

	assert_int_equal(keymap_bind(km, "Hyper-x", "reload", &err), -1);
	assert_string_equal(err, "unknown key 'Hyper-x'");
	free(err);
	assert_int_equal(keymap_bind(km, "z", "explode", &err), -1);
	assert_string_equal(err, "unknown action 'explode'");
	free(err);
	assert_true(keymap_action_ok("next-unread", NULL));
	assert_false(keymap_action_ok("nextunread", NULL));
	assert_true(keymap_key_ok("PgUp", NULL));
	keymap_free(&km);
	assert_null(km);
}

static void
test_action_table(void **state)
{
	bool ok;

	(void)state;
	for (int a = 1; a < ACTION_COUNT_; a++) {
		assert_int_equal(action_from_name(action_name((enum action)a), &ok), a);
		assert_true(ok);
		assert_true(*action_help((enum action)a) != '\0');
	}
}

static void
check_argv(char **argv, const char *const *want)
{
	size_t i;

	for (i = 0; want[i] != NULL; i++) {
		assert_non_null(argv[i]);
		assert_string_equal(argv[i], want[i]);
	}
	assert_null(argv[i]);
}

static void
test_browser_argv(void **state)
{
	/* A URL with shell syntax stays one argument, untouched. */
	const char *url = "https://example.org/a b;$(rm -rf ~)'\"";
	char *cmd[] = { "firefox", "--new-tab", "%u", NULL };
	char *cmd2[] = { "open-it", NULL };
	char *cmd3[] = { "echo", "<%u>", "100%%", NULL };
	char **argv;

	(void)state;
	argv = browser_argv(cmd, url);
	check_argv(argv, (const char *const[]){ "firefox", "--new-tab", url, NULL });
	browser_argv_free(&argv);
	/* No %u: the URL is appended. */
	argv = browser_argv(cmd2, url);
	check_argv(argv, (const char *const[]){ "open-it", url, NULL });
	browser_argv_free(&argv);
	argv = browser_argv(cmd3, "http://x");
	check_argv(argv, (const char *const[]){ "echo", "<http://x>", "100%", NULL });
	browser_argv_free(&argv);
	/* $BROWSER: the first of a colon list, %s as well as %u. */
	setenv("BROWSER", "w3m -o x=1 %s:lynx", 1);
	argv = browser_argv(NULL, "http://x");
	check_argv(argv, (const char *const[]){ "w3m", "-o", "x=1", "http://x", NULL });
	browser_argv_free(&argv);
	unsetenv("BROWSER");
	argv = browser_argv(NULL, "http://x");
	check_argv(argv, (const char *const[]){ "xdg-open", "http://x", NULL });
	browser_argv_free(&argv);
}

static void
test_browser_refuses(void **state)
{
	static const char *const bad[] = {
		"file:///etc/passwd", "javascript:alert(1)", "ftp://x", "", "https://a\nb",
	};
	char *cmd[] = { "/bin/true", NULL };
	char *err;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(browser_open(cmd, bad[i], &err), -1);
		assert_string_equal(err, "not an http or https URL");
		free(err);
	}
	assert_int_equal(browser_open(cmd, "https://example.org/", &err), 0);
	char *missing[] = { "/nonexistent/browser", NULL };
	assert_int_equal(browser_open(missing, "https://example.org/", &err), -1);
	assert_string_equal(err, "/nonexistent/browser: No such file or directory");
	free(err);
}

static void
test_lock(void **state)
{
	char dir[] = "/tmp/nrlockXXXXXX";
	char *err = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	char *cache = NULL;
	assert_true(asprintf(&cache, "%s/cache.db", dir) > 0);
	char *lockpath = NULL;
	assert_true(asprintf(&lockpath, "%s.lock", cache) > 0);

	/* A stale file from a dead process is taken over. */
	FILE *f = fopen(lockpath, "w");
	assert_non_null(f);
	fputs("99999999\n", f);
	fclose(f);
	struct lock *l = lock_acquire(cache, &err);
	assert_non_null(l);

	/* Another process is told who holds it (fcntl locks are per process). */
	int pfd[2];
	assert_int_equal(pipe(pfd), 0);
	pid_t pid = fork();
	if (pid == 0) {
		char *e = NULL;
		struct lock *l2 = lock_acquire(cache, &e);
		const char *msg = l2 ? "acquired" : e;
		if (write(pfd[1], msg, strlen(msg)) < 0)
			_exit(2);
		_exit(0);
	}
	close(pfd[1]);
	char buf[256] = "";
	ssize_t n = read(pfd[0], buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(pfd[0]);
	waitpid(pid, NULL, 0);
	char want[64];
	snprintf(want, sizeof want, "cache.db is in use by PID %ld", (long)getpid());
	assert_string_equal(buf, want);

	lock_release(&l);
	assert_null(l);
	l = lock_acquire(cache, &err);
	assert_non_null(l);
	lock_release(&l);
	unlink(lockpath);
	rmdir(dir);
	free(lockpath);
	free(cache);
}

/* The one item's row as connection s sees it. */
static struct store_item_summary
only_item(struct store *s)
{
	struct store_scope all = { .kind = STORE_SCOPE_ALL };
	struct store_item_list l = { 0 };
	struct store_item_summary r;

	assert_int_equal(store_items_page(s, &all, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	assert_int_equal(l.n, 1);
	r = l.v[0];
	r.title = r.link = r.feed_title = NULL;
	store_item_list_clear(&l);
	return r;
}

static void
test_uwrite(void **state)
{
	char dir[] = "/tmp/nruw.XXXXXX";
	char *path = NULL, *err = NULL, *v = NULL;
	const char *q;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_true(asprintf(&path, "%s/cache.db", dir) > 0);
	struct store *ui = store_open(path, 0, &err);
	assert_non_null(ui);
	struct store *other = store_open(path, 0, &err);
	assert_non_null(other);
	int64_t feed = store_feed_ensure(ui, "http://127.0.0.1/f.xml", "F", NULL);
	assert_true(feed > 0);
	struct feed_item it = { .id = "a1", .title = "One", .published = 1000,
	    .comments_count = -1 };
	assert_int_equal(store_item_upsert(ui, feed, &it, NULL), 0);
	int64_t id = only_item(ui).id;
	store_set_busy_timeout(ui, 0);
	struct uwrite *uw = uwrite_new();

	/* A free cache: applied at once. */
	assert_true(uwrite_item_read(uw, ui, id, true));
	assert_true(only_item(ui).read);
	assert_int_equal(uwrite_pending(uw), 0);

	/* Another connection holds the write lock: queued, in order. */
	assert_int_equal(store_begin(other), 0);
	assert_false(uwrite_item_read(uw, ui, id, false));
	assert_false(uwrite_item_liked(uw, ui, id, true));
	assert_false(uwrite_state(uw, ui, "pos:feeds", "x"));
	assert_false(uwrite_state(uw, ui, "pos:feeds", "y"));
	assert_false(uwrite_item_read(uw, ui, id, true));	/* read, unread, read */
	assert_int_equal(uwrite_pending(uw), 5);
	assert_true(uwrite_state_lookup(uw, "pos:feeds", &q));
	assert_string_equal(q, "y");
	assert_false(uwrite_state_lookup(uw, "views", &q));
	assert_int_equal(uwrite_flush(uw, ui), 0);
	assert_int_equal(uwrite_pending(uw), 5);
	assert_true(only_item(ui).read);	/* nothing applied yet */
	assert_false(only_item(ui).liked);

	/* The lock is free: everything goes in, the last word last. */
	assert_int_equal(store_commit(other), 0);
	assert_int_equal(uwrite_flush(uw, ui), 5);
	assert_int_equal(uwrite_pending(uw), 0);
	struct store_item_summary s = only_item(ui);
	assert_true(s.read);
	assert_true(s.liked);
	assert_int_equal(store_state_get(ui, "pos:feeds", &v), 0);
	assert_string_equal(v, "y");
	free(v);

	/*
	 * A draft is never lost: closing the composer while the cache is
	 * locked keeps the text; reopening brings it back; the timer saves
	 * it once the lock is gone.
	 */
	struct config *cfg = config_new_defaults();
	struct comments *cm = comments_new(ui, cfg, NULL);
	struct composer *comp = composer_new(cm);
	struct timespec ts;
	bool saved;
	char *draft = NULL;
	composer_open(comp, cfg, id, "http://127.0.0.1/f.xml");
	composer_key(comp, 'h');
	composer_key(comp, 'i');
	assert_int_equal(store_begin(other), 0);
	composer_close(comp);
	assert_false(composer_is_open(comp));
	clock_gettime(CLOCK_MONOTONIC, &ts);
	long long now = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
	assert_true(composer_autosave(comp, now + 1000, &saved) > 0);	/* still locked */
	composer_open(comp, cfg, id, "http://127.0.0.1/f.xml");
	assert_string_equal(composer_text(comp), "hi");
	composer_key(comp, '!');
	composer_close(comp);
	assert_int_equal(store_commit(other), 0);
	assert_int_equal(composer_autosave(comp, now + 10000, &saved), -1);
	assert_int_equal(comments_draft_get(cm, id, &draft), 0);
	assert_string_equal(draft, "hi!");
	free(draft);
	composer_free(&comp);
	comments_free(&cm);
	config_free(&cfg);

	/* Queued writes left at free are dropped without a leak. */
	assert_int_equal(store_begin(other), 0);
	assert_false(uwrite_feed_read(uw, ui, feed));
	assert_false(uwrite_state(uw, ui, "views", NULL));
	store_rollback(other);
	uwrite_free(&uw);
	assert_null(uw);

	store_close(&other);
	store_close(&ui);
	char *cmd = NULL;
	assert_true(asprintf(&cmd, "rm -rf '%s'", dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_defaults_and_binds),
		cmocka_unit_test(test_action_table),
		cmocka_unit_test(test_browser_argv),
		cmocka_unit_test(test_browser_refuses),
		cmocka_unit_test(test_lock),
		cmocka_unit_test(test_uwrite),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
