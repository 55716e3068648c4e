/*
 * Unit tests of src/config/newsboat.c: one newsboat line at a time, its
 * verdict and the newsreader text it became, the lines that depend on each
 * other (auto-reload with reload-time, notify-program with notify-format),
 * quoting that our own parser reads back to the same values, and the hints
 * of the config loader.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config/diag.h"
#include "config/newsboat.h"
#include "config/settings.h"

static struct newsboat_result *
tr(const char *text)
{
	return newsboat_translate("nb", text, strlen(text), "/home/u");
}

/* One line: its verdict and output (translated) or reason (left out). */
static void
one(const char *in, enum newsboat_verdict v, const char *want)
{
	struct newsboat_result *r = tr(in);

	assert_int_equal(r->n, 1);
	if (r->v[0].verdict != v)
		fail_msg("%s: verdict %d, want %d (%s)", in, r->v[0].verdict, v,
		    r->v[0].note ? r->v[0].note : r->v[0].out);
	assert_string_equal(v == NEWSBOAT_TRANSLATED ? r->v[0].out : r->v[0].note, want);
	newsboat_result_free(&r);
	assert_null(r);
}

static void
test_lines(void **state)
{
	static const struct {
		const char *in;
		enum newsboat_verdict v;
		const char *want;
	} cases[] = {
		{ "bind-key j down", NEWSBOAT_TRANSLATED, "bind j down" },
		{ "bind-key ^U pageup", NEWSBOAT_TRANSLATED, "bind C-u page-up" },
		{ "bind-key NPAGE pagedown", NEWSBOAT_TRANSLATED, "bind PgDn page-down" },
		{ "bind-key F5 reload-all", NEWSBOAT_TRANSLATED, "bind F5 reload-all" },
		{ "bind-key ض quit", NEWSBOAT_TRANSLATED, "bind ض back" },
		{ "bind-key Q hard-quit", NEWSBOAT_TRANSLATED, "bind Q quit" },
		{ "bind-key \"\\\"\" open", NEWSBOAT_TRANSLATED, "bind \"\\\"\" open" },
		{ "bind-key WEIRD open", NEWSBOAT_LEFT_OUT, "key 'WEIRD' has no newsreader name" },
		{ "bind-key j", NEWSBOAT_LEFT_OUT, "expected bind-key KEY OPERATION [CONTEXT]" },
		{ "unbind-key ^R", NEWSBOAT_TRANSLATED, "bind C-r none" },
		{ "show-read-feeds true", NEWSBOAT_TRANSLATED, "show-read-feeds yes" },
		{ "show-read-articles maybe", NEWSBOAT_LEFT_OUT,
		  "value cannot be translated: 'maybe' is not yes or no" },
		{ "text-width 99999", NEWSBOAT_LEFT_OUT,
		  "value cannot be translated: text-width takes 0 to 10000" },
		{ "reload-threads 4", NEWSBOAT_TRANSLATED, "max-parallel 4" },
		{ "auto-reload no", NEWSBOAT_TRANSLATED, "auto-reload 0" },
		{ "auto-reload yes", NEWSBOAT_TRANSLATED, "auto-reload 60" },
		{ "reload-time 15", NEWSBOAT_LEFT_OUT, "newsboat reloads every reload-time minutes "
		  "only with auto-reload yes, which this config does not set" },
		{ "browser \"~/bin/open %u\"", NEWSBOAT_TRANSLATED, "browser \"/home/u/bin/open %u\"" },
		{ "browser ~/bin/open", NEWSBOAT_TRANSLATED, "browser /home/u/bin/open" },
		{ "bookmark-cmd \"bm --tag 'a b'\"", NEWSBOAT_TRANSLATED,
		  "bookmark-command bm --tag \"a b\" %u %t" },
		{ "notify-program notify-send", NEWSBOAT_TRANSLATED,
		  "notify-program notify-send \"newsreader: %n new articles in %f feeds\"" },
		{ "ignore-mode kill", NEWSBOAT_LEFT_OUT, "value cannot be translated: 'kill'" },
		{ "color listfocus red default underline invis", NEWSBOAT_TRANSLATED,
		  "color selected red default underline" },
		{ "color title color17 default", NEWSBOAT_TRANSLATED,
		  "color title color17 default" },
		{ "color listnormal pink default", NEWSBOAT_LEFT_OUT, "colour 'pink' cannot be "
		  "translated (expected default, a colour name or color0 to color255)" },
		{ "macro a open ; toggle-article-read", NEWSBOAT_TRANSLATED,
		  "macro a open ; toggle-read" },
		{ "macro b open;next-unread;open", NEWSBOAT_TRANSLATED,
		  "macro b open ; next-unread ; open" },
		{ "macro c show-urls", NEWSBOAT_LEFT_OUT,
		  "macro step 'show-urls' has no newsreader action" },
		{ "macro ENTER open", NEWSBOAT_LEFT_OUT,
		  "macro key 'ENTER': newsreader's macros take one character after ','" },
		{ "urls-source freshrss", NEWSBOAT_TRANSLATED, "urls-source greader" },
		{ "freshrss-passwordeval \"pass show rss\"", NEWSBOAT_TRANSLATED,
		  "greader-password-command \"pass show rss\"" },
		{ "ttrss-password hunter2", NEWSBOAT_LEFT_OUT, "newsreader keeps no password in "
		  "its config: put it in a file only you can read and name that file "
		  "(ttrss-password-file)" },
		{ "max-items \"unterminated", NEWSBOAT_LEFT_OUT,
		  "cannot be read: unterminated quote" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		one(cases[i].in, cases[i].v, cases[i].want);
}

/* Lines read together, in either order; counts; comments and blanks skipped. */
static void
test_pairs(void **state)
{
	const char *text = "# mine\n\nreload-time 20\nnotify-format \"%d new (%n unread)\"\n"
	    "auto-reload yes\nnotify-program \"~/n.sh\"\n";
	struct newsboat_result *r = tr(text);

	(void)state;
	assert_int_equal(r->n, 4);
	assert_int_equal(r->v[0].line, 3);
	assert_int_equal(r->v[0].verdict, NEWSBOAT_MERGED);
	assert_string_equal(r->v[0].note, "with auto-reload (line 5)");
	assert_int_equal(r->v[1].verdict, NEWSBOAT_MERGED);
	assert_string_equal(r->v[2].out, "auto-reload 20");
	/* %n (unread in all) has no counterpart: our default message. */
	assert_string_equal(r->v[3].out,
	    "notify-program /home/u/n.sh \"newsreader: %n new articles in %f feeds\"");
	assert_string_equal(r->v[3].note, "notify-format (line 4) uses %n, which newsreader "
	    "does not count: the message says how many articles and feeds are new");
	assert_int_equal(r->translated, 2);
	assert_int_equal(r->merged, 2);
	assert_int_equal(r->left_out, 0);
	newsboat_result_free(&r);
}

/* What put_word writes, our parser reads back as the same values. */
static void
test_round_trip(void **state)
{
	const char *text = "datetime-format \"%d \\\"%b\\\" \\\\ x\"\n"
	    "browser \"#fire fox\"\nbind-key ^A open\n";
	struct newsboat_result *r = tr(text);
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c;

	(void)state;
	assert_int_equal(config_parse("out", r->config, strlen(r->config), &c, &d), 0);
	assert_string_equal(c->date_format, "%d \"%b\" \\ x");
	assert_string_equal(c->browser[0], "#fire");
	assert_string_equal(c->browser[1], "fox");
	assert_int_equal(c->nbinds, 1);
	assert_string_equal(c->binds[0].key, "C-a");
	config_free(&c);
	diag_list_clear(&d);
	newsboat_result_free(&r);
}

/* The loader names our setting for newsboat's. */
static void
test_hints(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c;
	const char *text = "bind-key j down\nrefresh-on-startup yes\nfoo 1\n";

	(void)state;
	assert_string_equal(newsboat_hint("bookmark-cmd"), "did you mean bookmark-command?");
	assert_null(newsboat_hint("max-items"));
	assert_int_equal(config_parse("c", text, strlen(text), &c, &d), 3);
	assert_string_equal(d.v[0].msg, "c:1: bind-key: did you mean bind? (bind KEY ACTION)");
	assert_string_equal(d.v[1].msg, "c:2: refresh-on-startup: did you mean reload-on-start?");
	assert_string_equal(d.v[2].msg, "c:3: unknown setting 'foo'");
	config_free(&c);
	diag_list_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_hints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
