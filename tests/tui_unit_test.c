/*
 * Unit tests of the reader's pure parts: the key map (names, defaults,
 * config binds and their error text), the browser's argv (%u substituted
 * after splitting, never a shell), the lock file (the holder's PID in
 * the message, stale files taken over), the composer keeping a draft the
 * cache refuses, the recovery file, and the store's refusals in words.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <curses.h>

#include "comments/comments.h"
#include "config/fileio.h"
#include "config/settings.h"
#include "feed/feed.h"
#include "store/store.h"
#include "browser.h"
#include "composer.h"
#include "keymap.h"
#include "lock.h"
#include "recovery.h"
#include "snippet.h"
#include "textdir.h"

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
		assert_int_equal(browser_open(cmd, bad[i], NULL, &err), -1);
		assert_string_equal(err, "not an http or https URL");
		free(err);
	}
	assert_int_equal(browser_open(cmd, "https://example.org/", NULL, &err), 0);
	char *missing[] = { "/nonexistent/browser", NULL };
	assert_int_equal(browser_open(missing, "https://example.org/", NULL, &err), -1);
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
		/* errno tells "in use" from a full disk (tui.c falls back to
		 * a read-only cache only for the latter). */
		const char *msg = l2 ? "acquired" : errno == EAGAIN ? e : "errno is not EAGAIN";
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

/* The id of the item titled title, as connection s sees it. */
static int64_t
only_item_id(struct store *s, const char *title)
{
	struct store_scope all = { .kind = STORE_SCOPE_ALL };
	struct store_item_list l = { 0 };
	int64_t id = -1;

	assert_int_equal(store_items_page(s, &all, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.v[i].title, title) == 0)
			id = l.v[i].id;
	store_item_list_clear(&l);
	assert_true(id > 0);
	return id;
}

/* An item in a fresh cache at dir/cache.db, with a second connection. */
static int64_t
two_connections(char *dir, char **path, struct store **ui, struct store **other)
{
	char *err = NULL;

	assert_non_null(mkdtemp(dir));
	assert_true(asprintf(path, "%s/cache.db", dir) > 0);
	*ui = store_open(*path, 0, &err);
	assert_non_null(*ui);
	*other = store_open(*path, 0, &err);
	assert_non_null(*other);
	int64_t feed = store_feed_ensure(*ui, "http://127.0.0.1/f.xml", "F", NULL);
	assert_true(feed > 0);
	struct feed_item it = { .id = "a1", .title = "One", .published = 1000,
	    .comments_count = -1 };
	assert_int_equal(store_item_upsert(*ui, feed, &it, NULL), 0);
	struct feed_item it2 = { .id = "a2", .title = "Two", .published = 2000,
	    .comments_count = -1 };
	assert_int_equal(store_item_upsert(*ui, feed, &it2, NULL), 0);
	return only_item_id(*ui, "One");
}

static void
rm_rf(const char *dir)
{
	char *cmd = NULL;

	assert_true(asprintf(&cmd, "rm -rf '%s'", dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static long long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * A draft the cache refuses is never dropped: closing keeps it (and says
 * so by returning false), the timer retries it and reports the first
 * failure once, reopening the same article goes on with it, opening
 * another article hands it to the caller, and a retry saves it once the
 * cache takes writes again. The refusal here is another connection's
 * write lock with a zero wait: a real refusal, made instantly.
 */
static void
test_composer_refused(void **state)
{
	char dir[] = "/tmp/nrcomp.XXXXXX";
	char *path = NULL, *draft = NULL;
	struct store *ui, *other;
	enum composer_saved what;
	int64_t got = 0;

	(void)state;
	int64_t id = two_connections(dir, &path, &ui, &other);
	int64_t id2 = only_item_id(ui, "Two");
	store_set_busy_timeout(ui, 0);
	struct config *cfg = config_new_defaults();
	struct comments *cm = comments_new(ui, cfg, NULL);
	struct composer *comp = composer_new(cm);

	assert_true(composer_open(comp, cfg, id, "http://127.0.0.1/f.xml"));
	composer_key(comp, 'h');
	composer_key(comp, 'i');
	assert_int_equal(store_begin(other), 0);
	long long now = mono_ms();
	assert_int_equal(composer_autosave(comp, now + COMPOSER_SAVE_MS, &what),
	    COMPOSER_RETRY_MS);
	assert_int_equal(what, COMPOSER_SAVE_FAILED);
	assert_false(composer_close(comp));
	assert_false(composer_is_open(comp));
	assert_string_equal(composer_unsaved(comp, &got), "hi");
	assert_int_equal(got, id);
	/* Said once per streak. */
	assert_true(composer_autosave(comp, now + 100000, &what) > 0);
	assert_int_equal(what, COMPOSER_SAVE_QUIET);
	/* The same article: the editor goes on with the kept text. */
	assert_true(composer_open(comp, cfg, id, "http://127.0.0.1/f.xml"));
	assert_string_equal(composer_text(comp), "hi");
	composer_key(comp, '!');
	assert_false(composer_close(comp));
	/* Another article: refused while the old draft waits; the caller
	 * takes it, and then the new one opens. */
	assert_false(composer_open(comp, cfg, id2, "http://127.0.0.1/f.xml"));
	char *taken = composer_take_unsaved(comp, &got);
	assert_string_equal(taken, "hi!");
	assert_int_equal(got, id);
	free(taken);
	assert_null(composer_unsaved(comp, &got));
	assert_true(composer_open(comp, cfg, id2, "http://127.0.0.1/f.xml"));
	composer_key(comp, 'x');
	assert_false(composer_close(comp));
	/* The cache takes writes again: the next try saves the kept draft. */
	assert_int_equal(store_commit(other), 0);
	assert_int_equal(composer_autosave(comp, mono_ms() + 100000, &what), -1);
	assert_int_equal(what, COMPOSER_SAVE_RECOVERED);
	assert_null(composer_unsaved(comp, &got));
	assert_int_equal(comments_draft_get(cm, id2, &draft), 0);
	assert_string_equal(draft, "x");
	free(draft);
	composer_free(&comp);
	comments_free(&cm);
	config_free(&cfg);
	store_close(&other);
	store_close(&ui);
	rm_rf(dir);
	free(path);
}

/* The recovery file: every entry with its link and reason, a draft's lines
 * each after "| ", controls in a link neutralized, a private file, and
 * found again by the next start. */
static void
test_recovery_file(void **state)
{
	char dir[] = "/tmp/nrrec.XXXXXX";
	char *path = NULL, *err = NULL, *text = NULL, *newest = NULL;
	size_t len;
	int e;
	struct stat sb;

	(void)state;
	assert_non_null(mkdtemp(dir));
	struct recovery *r = recovery_new();
	recovery_note(r, RECOVERY_LIKE, 7, "liked", "https://example.org/a", "cache is full");
	recovery_note(r, RECOVERY_DRAFT, 7, "\xd8\xb1\xd8\xa3\xd9\x8a \xd8\xac\xd9\x85\xd9\x8a\xd9\x84\nsecond line",
	    "https://example.org/a\nlike item=99", "cache is full (no space left on device)");
	recovery_note(r, RECOVERY_READ, 8, "read", NULL, "cache is read-only");
	recovery_note(r, RECOVERY_READ, 9, "read", NULL, "cache is read-only");
	recovery_forget(r, RECOVERY_READ, 8);	/* saved after all */
	recovery_note(r, RECOVERY_LIKE, 7, "not liked", NULL, "cache is full");	/* replaces */
	assert_int_equal(recovery_count(r), 3);
	assert_int_equal(recovery_count_kind(r, RECOVERY_DRAFT), 1);

	char *sub = NULL;
	assert_true(asprintf(&sub, "%s/state/newsreader", dir) > 0);
	assert_int_equal(recovery_find(sub, &newest), 0);
	assert_null(newest);
	assert_int_equal(recovery_write(r, sub, "/home/u/cache.db", 86400, &path, &err), 0);
	assert_null(err);
	assert_non_null(strstr(path, "/recovery-19700102-000000-"));
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(fileio_read(path, 1 << 20, &text, &len, &e), 0);
	assert_non_null(strstr(text, "in /home/u/cache.db\n"));
	assert_non_null(strstr(text, "\nlike item=7 wanted=not liked\nreason: cache is full\n"));
	assert_non_null(strstr(text, "\ndraft item=7\nlink: https://example.org/a?like item=99\n"
	    "reason: cache is full (no space left on device)\n"
	    "| \xd8\xb1\xd8\xa3\xd9\x8a \xd8\xac\xd9\x85\xd9\x8a\xd9\x84\n| second line\n"));
	assert_non_null(strstr(text, "\nread item=9 wanted=read\n"));
	assert_null(strstr(text, "item=8"));
	assert_null(strstr(text, "\nlike item=99"));
	free(text);
	assert_int_equal(recovery_find(sub, &newest), 1);
	assert_string_equal(newest, path);
	free(newest);
	/* The next start reads the drafts back, every line of them. */
	struct recovery *back = recovery_new();
	assert_int_equal(recovery_read_drafts(path, back), 1);
	assert_string_equal(recovery_draft(back, 7),
	    "\xd8\xb1\xd8\xa3\xd9\x8a \xd8\xac\xd9\x85\xd9\x8a\xd9\x84\nsecond line");
	assert_null(recovery_draft(back, 9));
	recovery_free(&back);
	free(path);
	free(sub);
	recovery_free(&r);
	assert_null(r);
	rm_rf(dir);
}

/* The store's refusals in a person's words. */
static void
test_write_reasons(void **state)
{
	char dir[] = "/tmp/nrwhy.XXXXXX";
	char *path = NULL, *err = NULL;
	struct store *ui, *other;

	(void)state;
	int64_t id = two_connections(dir, &path, &ui, &other);
	store_set_busy_timeout(ui, 0);
	assert_int_equal(store_begin(other), 0);
	assert_int_equal(store_item_set_liked(ui, id, true), -1);
	assert_string_equal(store_errreason(ui), "cache is busy (its write lock was held for "
	    "over 5 s)");
	store_rollback(other);
	store_close(&other);
	struct store *ro = store_open(path, STORE_READONLY, &err);
	assert_non_null(ro);
	assert_int_equal(store_item_set_liked(ro, id, true), -1);
	assert_string_equal(store_errreason(ro), "cache is read-only");
	store_close(&ro);
	/* Immutable: reads the file alone, creates nothing next to it. */
	store_close(&ui);
	struct store *im = store_open(path, STORE_IMMUTABLE, &err);
	assert_non_null(im);
	assert_true(only_item_id(im, "One") == id);
	assert_int_equal(store_item_set_liked(im, id, true), -1);
	assert_non_null(strstr(store_errreason(im), "read-only"));
	store_close(&im);
	rm_rf(dir);
	free(path);
}


/* Issue 13: a search result's snippet comes from the first text the query
 * matches (the body before the comments), is cut around the match with
 * "…", and marks every match in the cut, prefixed forms included. */
static void
test_snippet(void **state)
{
	const char *texts[] = {
		"Nothing here about it at all, just words and more words to pad the "
		"start of the body so that the match is far away from its beginning: "
		"\xd8\xb3\xd8\xac\xd9\x84 \xd8\xa7\xd9\x84\xd8\xa8\xd9\x8a\xd8\xaa\xd9\x83"
		"\xd9\x88\xd9\x8a\xd9\x86 \xd8\xb1\xd9\x82\xd9\x85\xd8\xa7 then the end.",
		NULL,
		"a comment with \xd8\xa8\xd9\x8a\xd8\xaa\xd9\x83\xd9\x88\xd9\x8a\xd9\x86 too",
	};
	struct snippet sn;

	(void)state;
	/* بيتكوين finds البيتكوين in the body: the body wins over the comment. */
	snippet_make("\xd8\xa8\xd9\x8a\xd8\xaa\xd9\x83\xd9\x88\xd9\x8a\xd9\x86", texts, 3, 40,
	    &sn);
	assert_int_equal(strncmp(sn.text, "\xe2\x80\xa6", 3), 0);	/* cut at the start */
	assert_int_equal(sn.nspans, 1);
	assert_int_equal(sn.spans[0].attr, TEXT_ATTR_MATCH);
	assert_int_equal(sn.spans[0].end - sn.spans[0].start, 18);	/* the whole word */
	assert_memory_equal(sn.text + sn.spans[0].start, "\xd8\xa7\xd9\x84", 4);
	snippet_clear(&sn);
	/* Only the comment matches. */
	snippet_make("comment", texts, 3, 40, &sn);
	assert_string_equal(sn.text, texts[2]);
	assert_int_equal(sn.nspans, 1);
	assert_int_equal(sn.spans[0].start, 2);
	assert_int_equal(sn.spans[0].end, 9);
	snippet_clear(&sn);
	/* No match: the body's start, no highlight. */
	snippet_make("zzz", texts, 3, 20, &sn);
	assert_int_equal(sn.nspans, 0);
	assert_int_equal(strncmp(sn.text, "Nothing here", 12), 0);
	snippet_clear(&sn);
}

/* Issue 13: list titles follow the language, then the feed's direction
 * setting, then most words. */
static void
test_title_dir(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c;
	const char *t = "Google \xd8\xaa\xd8\xb9\xd9\x84\xd9\x86 \xd8\xb9\xd9\x86 "
	    "\xd9\x86\xd9\x85\xd9\x88\xd8\xb0\xd8\xac";

	(void)state;
	config_parse("t", "direction https://en.example/ ltr\n", 34, &c, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(ui_title_dir(c, NULL, "https://ar.example/", t), TEXT_DIR_RTL);
	assert_int_equal(ui_title_dir(c, NULL, "https://en.example/x", t), TEXT_DIR_LTR);
	assert_int_equal(ui_title_dir(c, "ar", "https://en.example/x", t), TEXT_DIR_RTL);
	assert_int_equal(ui_title_dir(c, "en", NULL, t), TEXT_DIR_LTR);
	config_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_snippet),
		cmocka_unit_test(test_title_dir),
		cmocka_unit_test(test_defaults_and_binds),
		cmocka_unit_test(test_action_table),
		cmocka_unit_test(test_browser_argv),
		cmocka_unit_test(test_browser_refuses),
		cmocka_unit_test(test_lock),
		cmocka_unit_test(test_composer_refused),
		cmocka_unit_test(test_recovery_file),
		cmocka_unit_test(test_write_reasons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
