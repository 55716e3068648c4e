/*
 * Unit tests for src/share: command lines split into argv, %u/%t
 * substitution with hostile titles, fork/exec without a shell (proved by a
 * title that would create a file if any shell saw it), exec errors, the URL
 * filter, OSC 52 bytes, share-intent URLs and Markdown links.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

#include "share/argv.h"
#include "share/notify.h"
#include "share/share.h"
#include "util/xalloc.h"

#define ESC "\x1b"
#define BEL "\x07"

/* Assert argv equals the NULL-terminated list of expected words. */
static void
assert_argv(char **argv, ...)
{
	va_list ap;
	const char *want;
	size_t i = 0;

	assert_non_null(argv);
	va_start(ap, argv);
	while ((want = va_arg(ap, const char *)) != NULL) {
		if (argv[i] == NULL)
			fail_msg("argv has %zu words, expected more (next \"%s\")", i, want);
		assert_string_equal(argv[i], want);
		i++;
	}
	va_end(ap);
	if (argv[i] != NULL)
		fail_msg("argv has an extra word %zu: \"%s\"", i, argv[i]);
}

/* ---- splitting ---- */

struct split_case {
	const char *in;
	const char *out[16];	/* NULL-terminated; out[0] NULL = error expected */
	const char *err;
};

static const struct split_case split_cases[] = {
	{ "firefox", { "firefox" }, NULL },
	{ "  firefox\t--new-tab  ", { "firefox", "--new-tab" }, NULL },
	{ "a\nb", { "a", "b" }, NULL },
	{ "'hello world' x", { "hello world", "x" }, NULL },
	{ "\"hello world\"", { "hello world" }, NULL },
	{ "a'b c'd", { "ab cd" }, NULL },
	{ "\"a \\\"q\\\" \\\\ b\"", { "a \"q\" \\ b" }, NULL },
	/* In double quotes other backslashes are literal, as in sh. */
	{ "\"\\n\\t\"", { "\\n\\t" }, NULL },
	{ "\"\\$HOME \\`x\\`\"", { "$HOME `x`" }, NULL },
	{ "'\\n'", { "\\n" }, NULL },
	{ "a\\ b c", { "a b", "c" }, NULL },
	{ "\\'x", { "'x" }, NULL },
	{ "a\\\nb", { "ab" }, NULL },
	/* Backslash-newline between words is no empty word (fuzz_share). */
	{ "a \\\n b", { "a", "b" }, NULL },
	{ "\\\n", { NULL }, "empty command" },
	/* Nothing is expanded. */
	{ "echo $HOME ~ * `id` $(id) ; | & > <", { "echo", "$HOME", "~", "*", "`id`",
	    "$(id)", ";", "|", "&", ">", "<" }, NULL },
	{ "'' x \"\"", { "", "x", "" }, NULL },
	{ "''", { "" }, NULL },
	{ "open -a 'Google Chrome' %u", { "open", "-a", "Google Chrome", "%u" }, NULL },
	{ "\xd9\x85\xd8\xaa\xd8\xb5\xd9\x81\xd8\xad '\xd8\xa8 \xd8\xaa'",
	    { "\xd9\x85\xd8\xaa\xd8\xb5\xd9\x81\xd8\xad", "\xd8\xa8 \xd8\xaa" }, NULL },
	{ "'abc", { NULL }, "unterminated single quote" },
	{ "x \"abc", { NULL }, "unterminated double quote" },
	{ "\"a\\\"", { NULL }, "unterminated double quote" },
	{ "x\\", { NULL }, "trailing backslash" },
	{ "", { NULL }, "empty command" },
	{ " \t\n", { NULL }, "empty command" },
};

static void
test_split_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof split_cases / sizeof split_cases[0]; i++) {
		const struct split_case *c = &split_cases[i];
		char **argv = (char **)1, *err = (char *)1;
		int r = share_argv_split(c->in, &argv, &err);

		if (c->out[0] == NULL) {
			assert_int_equal(r, -1);
			assert_null(argv);
			assert_non_null(err);
			assert_string_equal(err, c->err);
			free(err);
			continue;
		}
		if (r != 0)
			fail_msg("case %zu \"%s\": %s", i, c->in, err);
		assert_null(err);
		size_t n = 0;
		while (c->out[n] != NULL) {
			if (argv[n] == NULL)
				fail_msg("case %zu: too few words", i);
			assert_string_equal(argv[n], c->out[n]);
			n++;
		}
		assert_null(argv[n]);
		assert_int_equal(share_argv_len(argv), n);
		share_argv_free(&argv);
		assert_null(argv);
	}
}

/* ---- substitution ---- */

static char **
split_ok(const char *cmd)
{
	char **argv, *err;

	if (share_argv_split(cmd, &argv, &err) != 0)
		fail_msg("split \"%s\": %s", cmd, err);
	return argv;
}

#define URL "https://example.org/a?b=1&c=2"

static void
test_substitute_hostile(void **state)
{
	char **t, **a;

	(void)state;
	t = split_ok("share --title %t --url %u");
	a = share_argv_substitute(t, URL, "$(rm -rf ~)");
	assert_argv(a, "share", "--title", "$(rm -rf ~)", "--url", URL, NULL);
	share_argv_free(&a);

	a = share_argv_substitute(t, URL, "`touch x` \"q\" 'single'; ls\nnext line");
	assert_argv(a, "share", "--title", "`touch x` \"q\" 'single'; ls\nnext line",
	    "--url", URL, NULL);
	share_argv_free(&a);

	/* A title with %u or %t in it is not substituted again. */
	a = share_argv_substitute(t, URL, "100%u %t");
	assert_argv(a, "share", "--title", "100%u %t", "--url", URL, NULL);
	share_argv_free(&a);
	share_argv_free(&t);

	/* %u in the middle of a word, %% escapes, unknown % kept. */
	t = split_ok("bm --data=url:%u;title:%t 50%% %x %");
	a = share_argv_substitute(t, URL, "\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86 a b");
	assert_argv(a, "bm", "--data=url:" URL ";title:\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86 a b",
	    "50%", "%x", "%", NULL);
	share_argv_free(&a);
	share_argv_free(&t);

	/* No %u: the URL is appended; %%u is a literal %u, not a URL slot. */
	t = split_ok("firefox --new-tab %%u");
	a = share_argv_substitute(t, URL, "t");
	assert_argv(a, "firefox", "--new-tab", "%u", URL, NULL);
	share_argv_free(&a);
	share_argv_free(&t);

	/* %u twice: both replaced, nothing appended; NULL title is empty. */
	t = split_ok("x %u%u '%t'");
	a = share_argv_substitute(t, "u", NULL);
	assert_argv(a, "x", "uu", "", NULL);
	share_argv_free(&a);
	share_argv_free(&t);
}

/* ---- spawning ---- */

static char *tmpdir;

static int
setup_tmpdir(void **state)
{
	char tmpl[] = "/tmp/share_test.XXXXXX";

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	tmpdir = xstrdup(tmpl);
	return 0;
}

static int
teardown_tmpdir(void **state)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;

	(void)state;
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = xasprintf("%s/%s", tmpdir, e->d_name);
		unlink(p);
		free(p);
	}
	if (d != NULL)
		closedir(d);
	rmdir(tmpdir);
	xfree(&tmpdir);
	return 0;
}

static char *
slurp_path(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = xcalloc(1, 65536);

	assert_non_null(f);
	size_t n = fread(s, 1, 65535, f);
	s[n] = '\0';
	fclose(f);
	return s;
}

static bool
exists_in_tmp(const char *name)
{
	char *p = xasprintf("%s/%s", tmpdir, name);
	struct stat st;
	bool r = stat(p, &st) == 0;

	free(p);
	return r;
}

/* The title goes through printf(1) as one literal argument; had any shell
 * seen it, "pwned" files would appear in the child's directory. */
static void
test_spawn_no_shell(void **state)
{
	static const char title[] = "$(touch pwned) `touch pwned2` \"q\" 'x'; touch pwned3\n"
	    "\xd8\xb3\xd8\xb7\xd8\xb1";
	char *out = xasprintf("%s/out", tmpdir), *err = NULL, *cwd = getcwd(NULL, 0);
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	char **t, **a;

	(void)state;
	assert_true(fd > 2);
	assert_int_equal(chdir(tmpdir), 0);
	t = split_ok("printf '%%s|%%s' %t %u");
	a = share_argv_substitute(t, URL, title);
	assert_argv(a, "printf", "%s|%s", title, URL, NULL);

	struct share_spawn_opts o = { SHARE_SPAWN_TERMINAL, "share", fd, NULL };
	pid_t pid = share_spawn_opts(a, &o, &err);
	assert_null(err);
	assert_true(pid > 0);
	assert_int_equal(share_spawn_wait(pid, "share", &err), 0);
	assert_null(err);
	close(fd);
	assert_int_equal(chdir(cwd), 0);

	char *got = slurp_path(out);
	assert_string_equal(got, "$(touch pwned) `touch pwned2` \"q\" 'x'; touch pwned3\n"
	    "\xd8\xb3\xd8\xb7\xd8\xb1|" URL);
	assert_false(exists_in_tmp("pwned"));
	assert_false(exists_in_tmp("pwned2"));
	assert_false(exists_in_tmp("pwned3"));
	free(got);
	free(cwd);
	free(out);
	share_argv_free(&a);
	share_argv_free(&t);
}

/* Detached: the program runs on its own; we see it by the file it writes. */
static void
test_spawn_detached(void **state)
{
	char *out = xasprintf("%s/detached", tmpdir), *err = NULL;
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	char *argv[] = { "printf", "%s", "\xd9\x86\xd8\xb5 ok", NULL };
	struct share_spawn_opts o = { 0, "browser", fd, NULL };
	char *got = NULL;

	(void)state;
	pid_t pid = share_spawn_opts(argv, &o, &err);
	assert_null(err);
	assert_true(pid > 0);
	close(fd);
	for (int i = 0; i < 500; i++) {
		free(got);
		got = slurp_path(out);
		if (strcmp(got, "\xd9\x86\xd8\xb5 ok") == 0)
			break;
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	assert_string_equal(got, "\xd9\x86\xd8\xb5 ok");
	free(got);
	free(out);
}

static void
test_spawn_errors(void **state)
{
	char *missing[] = { "nr-no-such-browser-xyz", "https://example.org/", NULL };
	char *path[] = { "/nonexistent/dir/firefox", NULL };
	char *notexec[] = { "/etc/passwd", NULL };
	char *empty[] = { NULL };
	char *err = NULL;
	struct share_spawn_opts o = { 0, "browser", -1, NULL };

	(void)state;
	assert_int_equal(share_spawn_opts(missing, &o, &err), -1);
	assert_string_equal(err, "browser: nr-no-such-browser-xyz: No such file or directory");
	xfree(&err);
	assert_int_equal(share_spawn(path, &err), -1);
	assert_string_equal(err, "/nonexistent/dir/firefox: No such file or directory");
	xfree(&err);
	o.flags = SHARE_SPAWN_TERMINAL;
	assert_int_equal(share_spawn_opts(notexec, &o, &err), -1);
	assert_string_equal(err, "browser: /etc/passwd: Permission denied");
	xfree(&err);
	assert_int_equal(share_spawn_opts(empty, &o, &err), -1);
	assert_string_equal(err, "browser: empty command");
	xfree(&err);

	/* A failing program's status comes back from share_spawn_wait. */
	char *fails[] = { "sh", "-c", "exit 3", NULL };
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	o.out_fd = fd;
	pid_t pid = share_spawn_opts(fails, &o, &err);
	assert_true(pid > 0);
	assert_int_equal(share_spawn_wait(pid, "share", &err), 3);
	assert_null(err);
	char *killed[] = { "sh", "-c", "kill -9 $$", NULL };
	pid = share_spawn_opts(killed, &o, &err);
	assert_true(pid > 0);
	assert_int_equal(share_spawn_wait(pid, "lynx", &err), -1);
	assert_string_equal(err, "lynx: killed by signal 9");
	xfree(&err);
	close(fd);
}

/* ---- URL filter ---- */

static void
test_url_allowed(void **state)
{
	static const struct { const char *url; const char *why; } cases[] = {
		{ "https://example.org/", NULL },
		{ "http://example.org", NULL },
		{ "HTTPS://Example.org/x?y#z", NULL },
		{ "HtTp://127.0.0.1:8080/", NULL },
		{ "https://example.org/%D8%A7", NULL },
		{ "javascript:alert(1)", "not an http or https link" },
		{ "file:///etc/passwd", "not an http or https link" },
		{ "mailto:a@example.org", "not an http or https link" },
		{ "ftp://example.org/", "not an http or https link" },
		{ "-https://example.org/", "not an http or https link" },
		{ "//example.org/", "not an http or https link" },
		{ "https:", "not an http or https link" },
		{ "https://", "link has no host" },
		{ "https:///etc/passwd", "link has no host" },
		{ "", "no link" },
		{ "https://example.org/a b", "link contains spaces or control characters" },
		{ "https://example.org/\x1b]52;c;x\x07", "link contains spaces or control characters" },
		{ "https://example.org/\n", "link contains spaces or control characters" },
	};
	const char *why;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		why = "unset";
		bool ok = share_url_allowed(cases[i].url, &why);
		if (cases[i].why == NULL) {
			if (!ok)
				fail_msg("\"%s\" refused: %s", cases[i].url, why);
			assert_null(why);
		} else {
			if (ok)
				fail_msg("\"%s\" allowed", cases[i].url);
			assert_string_equal(why, cases[i].why);
		}
	}
	assert_false(share_url_allowed(NULL, NULL));
}

/* ---- OSC 52 ---- */

/* "رابط: https://example.org/مقال" */
#define AR_LINK "\xd8\xb1\xd8\xa7\xd8\xa8\xd8\xb7: https://example.org/" \
	"\xd9\x85\xd9\x82\xd8\xa7\xd9\x84"
#define AR_LINK_B64 "2LHYp9io2Lc6IGh0dHBzOi8vZXhhbXBsZS5vcmcv2YXZgtin2YQ="

static void
test_base64(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "", "" }, { "h", "aA==" }, { "hi", "aGk=" }, { "hey", "aGV5" },
		{ "\xff\xfe\xfd\x00", "//79" }, { AR_LINK, AR_LINK_B64 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *b = share_base64(cases[i].in, strlen(cases[i].in));
		assert_string_equal(b, cases[i].out);
		free(b);
	}
	/* All 64 digits and the bit order, on bytes 0..255. */
	unsigned char all[3] = { 0xfb, 0xef, 0xbe };
	char *b = share_base64(all, 3);
	assert_string_equal(b, "++++");
	free(b);
	all[0] = 0x00; all[1] = 0x10; all[2] = 0x83;
	b = share_base64(all, 3);
	assert_string_equal(b, "ABCD");
	free(b);
}

static void
test_osc52(void **state)
{
	char *err = NULL, *s;

	(void)state;
	s = share_osc52(AR_LINK, 0, 0, &err);
	assert_null(err);
	assert_string_equal(s, ESC "]52;c;" AR_LINK_B64 BEL);
	free(s);

	s = share_osc52("hey", 0, SHARE_OSC52_ST, &err);
	assert_string_equal(s, ESC "]52;c;aGV5" ESC "\\");
	free(s);

	/* An escape sequence in the text cannot get out: it is base64. */
	s = share_osc52("\x1b]0;x\x07", 0, 0, &err);
	assert_string_equal(s, ESC "]52;c;G10wO3gH" BEL);
	free(s);

	/* tmux passthrough: every inner ESC doubled, one DCS around it. */
	s = share_osc52("hey", 0, SHARE_OSC52_TMUX, &err);
	assert_string_equal(s, ESC "Ptmux;" ESC ESC "]52;c;aGV5" BEL ESC "\\");
	free(s);
	s = share_osc52("hey", 0, SHARE_OSC52_TMUX | SHARE_OSC52_ST, &err);
	assert_string_equal(s, ESC "Ptmux;" ESC ESC "]52;c;aGV5" ESC ESC "\\" ESC "\\");
	free(s);

	/* screen: chunks of 76 bytes, each its own DCS; ST forced to BEL. */
	char text[120];
	memset(text, 'a', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	s = share_osc52(text, 0, SHARE_OSC52_SCREEN | SHARE_OSC52_ST, &err);
	char *plain = share_osc52(text, 0, 0, &err);
	assert_int_equal(strlen(plain), 7 + 160 + 1);
	char *want = xasprintf(ESC "P%.76s" ESC "\\" ESC "P%.76s" ESC "\\" ESC "P%s" ESC "\\",
	    plain, plain + 76, plain + 152);
	assert_string_equal(s, want);
	free(want);
	free(plain);
	free(s);

	/* The cap: exactly at it passes, one byte of text more is refused. */
	s = share_osc52("abcdef", 8, 0, &err);
	assert_string_equal(s, ESC "]52;c;YWJjZGVm" BEL);
	free(s);
	s = share_osc52("abcdefg", 8, 0, &err);
	assert_null(s);
	assert_string_equal(err, "too long for the terminal clipboard: 7 bytes, at most 6");
	xfree(&err);

	/* The default cap: 56,244 bytes of text give 74,992 bytes of base64
	 * (the whole groups of 4 that fit in 74,994); one byte more is refused. */
	size_t n = SHARE_OSC52_CAP_DEFAULT / 4 * 3;
	char *big = xmalloc(n + 2);
	memset(big, 'x', n + 1);
	big[n] = '\0';
	s = share_osc52(big, 0, 0, &err);
	assert_non_null(s);
	assert_int_equal(strlen(s), 7 + 74992 + 1);
	free(s);
	big[n] = 'x';
	big[n + 1] = '\0';
	s = share_osc52(big, 0, 0, &err);
	assert_null(s);
	assert_string_equal(err, "too long for the terminal clipboard: 56245 bytes, at most 56244");
	xfree(&err);
	free(big);
}

/* ---- share intents and Markdown ---- */

/* "خبر عاجل" with & " % in it, and its RFC 3986 encoding. */
#define AR_TITLE "\xd8\xae\xd8\xa8\xd8\xb1 \xd8\xb9\xd8\xa7\xd8\xac\xd9\x84 & \"AI\" 100%"
#define AR_TITLE_ENC "%D8%AE%D8%A8%D8%B1%20%D8%B9%D8%A7%D8%AC%D9%84%20%26%20%22AI%22%20100%25"
#define URL_ENC "https%3A%2F%2Fexample.org%2Fa%3Fb%3D1%26c%3D2"

static void
test_intents(void **state)
{
	static const struct { enum share_target t; const char *want; } cases[] = {
		{ SHARE_X, "https://twitter.com/intent/tweet?text=" AR_TITLE_ENC "&url=" URL_ENC },
		{ SHARE_TELEGRAM, "https://t.me/share/url?url=" URL_ENC "&text=" AR_TITLE_ENC },
		{ SHARE_WHATSAPP, "https://wa.me/?text=" AR_TITLE_ENC "%20" URL_ENC },
		{ SHARE_FACEBOOK, "https://www.facebook.com/sharer/sharer.php?u=" URL_ENC },
		{ SHARE_LINKEDIN, "https://www.linkedin.com/sharing/share-offsite/?url=" URL_ENC },
		{ SHARE_REDDIT, "https://www.reddit.com/submit?url=" URL_ENC "&title=" AR_TITLE_ENC },
		{ SHARE_EMAIL, "mailto:?subject=" AR_TITLE_ENC "&body=" URL_ENC },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* Newlines, tabs, an escape sequence and an RLO in the raw title
		 * are cleaned away before encoding. */
		char *u = share_intent_url(cases[i].t, URL,
		    "\n \xe2\x80\xae" "\xd8\xae\xd8\xa8\xd8\xb1\n\t\xd8\xb9\xd8\xa7\xd8\xac\xd9\x84"
		    " \x1b[31m& \"AI\"  100%\r\n");
		assert_string_equal(u, cases[i].want);
		free(u);
	}
	/* No title: the parameter is left out. */
	char *u = share_intent_url(SHARE_X, URL, NULL);
	assert_string_equal(u, "https://twitter.com/intent/tweet?url=" URL_ENC);
	free(u);
	u = share_intent_url(SHARE_WHATSAPP, URL, " ");
	assert_string_equal(u, "https://wa.me/?text=" URL_ENC);
	free(u);
	u = share_intent_url(SHARE_EMAIL, URL, "");
	assert_string_equal(u, "mailto:?body=" URL_ENC);
	free(u);

	assert_string_equal(share_target_name(SHARE_LINKEDIN), "LinkedIn");
	assert_int_equal(share_target_from_name("Twitter"), SHARE_X);
	assert_int_equal(share_target_from_name("x"), SHARE_X);
	assert_int_equal(share_target_from_name("MAIL"), SHARE_EMAIL);
	assert_int_equal(share_target_from_name("whatsapp"), SHARE_WHATSAPP);
	assert_int_equal(share_target_from_name("myspace"), -1);
	assert_int_equal(share_target_from_name(NULL), -1);
}

static void
test_percent_and_clean(void **state)
{
	char *s;

	(void)state;
	s = share_percent_encode("AZaz09-._~ !*'();:@&=+$,/?#[]%\xc3\xa9");
	assert_string_equal(s, "AZaz09-._~%20%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D%25%C3%A9");
	free(s);
	s = share_clean_title("  a\x01\x7f\xc2\x85" "b\xff\t\tc  ");
	assert_string_equal(s, "ab\xef\xbf\xbd c");
	free(s);
	s = share_clean_title(NULL);
	assert_string_equal(s, "");
	free(s);
}

static void
test_markdown(void **state)
{
	char *s;

	(void)state;
	s = share_markdown_link("https://example.org/wiki/Foo_(bar)", "[Draft] a\\b ] (x)");
	assert_string_equal(s, "[\\[Draft\\] a\\\\b \\] (x)](https://example.org/wiki/Foo_%28bar%29)");
	free(s);
	s = share_markdown_link("https://example.org/a b<c>", AR_TITLE "\n\x1b[2J");
	assert_string_equal(s, "[" AR_TITLE "](https://example.org/a%20b%3Cc%3E)");
	free(s);
	/* Issue 18: the destination is share_copy_url()'s. */
	s = share_markdown_link("https://x.example/$(id);'", "t");
	assert_string_equal(s, "[t](https://x.example/%24%28id%29%3B%27)");
	free(s);
	s = share_markdown_link(URL, "\t");
	assert_string_equal(s, "<" URL ">");
	free(s);
}

/*
 * "Copy the link" (issue 18): what RFC 3986 does not allow literally and
 * what a shell acts on is percent-encoded; what the URL needs (query
 * separators, existing escapes, fragments) stays.
 */
static void
test_copy_url(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "https://example.org/a/b?c=1&d=2+3,4*#frag", "https://example.org/a/b?c=1&d=2+3,4*#frag" },
		{ "https://x.example/$(rm -rf ~);echo 'hi'!", "https://x.example/%24%28rm%20-rf%20~%29%3Becho%20%27hi%27%21" },
		{ "https://x.example/`id`|cat>f<g", "https://x.example/%60id%60%7Ccat%3Ef%3Cg" },
		{ "https://x.example/a\"b\\c^d{e}", "https://x.example/a%22b%5Cc%5Ed%7Be%7D" },
		{ "https://x.example/%41%zz%", "https://x.example/%41%25zz%25" },
		{ "https://ar.example/مقال", "https://ar.example/%D9%85%D9%82%D8%A7%D9%84" },
		{ "https://x.example/\x1b]52;c;x\x07\n", "https://x.example/%1B]52%3Bc%3Bx%07%0A" },
		{ "http://[::1]:8080/user@host/~x", "http://[::1]:8080/user@host/~x" },
		{ "", "" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = share_copy_url(cases[i].in);
		if (strcmp(s, cases[i].out) != 0)
			fail_msg("%s: got %s, want %s", cases[i].in, s, cases[i].out);
		/* Nothing a shell acts on (or a terminal) is left. */
		if (strpbrk(s, " $();'!`|<>\"\\{}\n\x1b") != NULL)
			fail_msg("%s: %s is not safe to paste", cases[i].in, s);
		free(s);
	}
	char *s = share_copy_url(NULL);
	assert_string_equal(s, "");
	free(s);
}

/* notify-program's argv: %n and %f inside the words, hostile titles one
 * argument each time, the message appended when neither is used; the OSC
 * sequences carry no control character of a title. */
static void
test_notify(void **state)
{
	struct notify_batch b = NOTIFY_BATCH_INIT;
	const char *hostile = "$(touch /tmp/x); echo \"hi\" 'q' `id`";
	char *cmd1[] = { "prog", "--count=%n", "%f", "100%%", NULL };
	char *cmd2[] = { "prog", "-t", NULL };
	char **argv;
	(void)state;

	notify_batch_add(&b, hostile, 2);
	notify_batch_add(&b, "أخبار", 1);
	notify_batch_add(&b, hostile, 1);	/* the same feed once */
	notify_batch_add(&b, "nothing new", 0);
	assert_int_equal(b.added, 4);
	assert_int_equal(b.ntitles, 2);
	argv = notify_argv(cmd1, &b);
	assert_string_equal(argv[0], "prog");
	assert_string_equal(argv[1], "--count=4");
	char *feeds = xasprintf("%s, أخبار", hostile);
	assert_string_equal(argv[2], feeds);
	free(feeds);
	assert_string_equal(argv[3], "100%");
	assert_null(argv[4]);
	share_argv_free(&argv);
	argv = notify_argv(cmd2, &b);
	assert_string_equal(argv[1], "-t");
	assert_non_null(strstr(argv[2], "newsreader: 4 new articles in $(touch"));
	assert_null(argv[3]);
	share_argv_free(&argv);
	notify_batch_clear(&b);

	notify_batch_add(&b, "evil\033]0;pwned\a\x9b" "2J\xe2\x80\xae\xc2\x9b" "end;x\xff", 1);
	char *osc = notify_osc(9, &b);
	assert_string_equal(osc, "\033]9;newsreader: 1 new article in evil ]0;pwned \xef\xbf\xbd" "2J  end;x"
	    "\xef\xbf\xbd\a");
	for (const char *p = osc + 1; p[1] != '\0'; p++)
		assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
	free(osc);
	osc = notify_osc(777, &b);
	assert_string_equal(osc, "\033]777;notify;newsreader;newsreader: 1 new article in "
	    "evil ]0;pwned \xef\xbf\xbd" "2J  end;x\xef\xbf\xbd\a");
	free(osc);
	notify_batch_clear(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_table),
		cmocka_unit_test(test_substitute_hostile),
		cmocka_unit_test(test_spawn_no_shell),
		cmocka_unit_test(test_spawn_detached),
		cmocka_unit_test(test_spawn_errors),
		cmocka_unit_test(test_url_allowed),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_osc52),
		cmocka_unit_test(test_intents),
		cmocka_unit_test(test_percent_and_clean),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_copy_url),
		cmocka_unit_test(test_notify),
	};

	return cmocka_run_group_tests(tests, setup_tmpdir, teardown_tmpdir);
}
