/*
 * Unit tests of src/sync: the Tiny Tiny RSS request bodies and answer
 * parsers (answers written here in the shape tt-rss 21.x sends), and the
 * password sources (file permissions, a command run without a shell).
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
#include <jansson.h>

#include "config/settings.h"
#include "sync/sync.h"
#include "sync/greader.h"
#include "sync/ttrss.h"

static json_t *
parse_ok(const char *body)
{
	json_t *c = NULL;
	char *err = NULL;

	assert_int_equal(ttrss_parse(body, strlen(body), &c, &err), TTRSS_OK);
	assert_null(err);
	return c;
}

static void
test_requests(void **state)
{
	char *s;
	json_t *o;
	int64_t ids[] = { 12, 7 };

	(void)state;
	s = ttrss_api_url("http://127.0.0.1:8080/tt-rss");
	assert_string_equal(s, "http://127.0.0.1:8080/tt-rss/api/");
	free(s);
	s = ttrss_api_url("https://example.org/");
	assert_string_equal(s, "https://example.org/api/");
	free(s);

	/* A password with quotes and Arabic survives JSON escaping. */
	s = ttrss_req_login("admin", "كلمة \"سر\"\\x");
	o = json_loads(s, 0, NULL);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "op")), "login");
	assert_string_equal(json_string_value(json_object_get(o, "password")), "كلمة \"سر\"\\x");
	json_decref(o);
	sync_password_free(&s);
	assert_null(s);

	s = ttrss_req_headlines("S1", TTRSS_FEED_ALL, 40, 200, true, false);
	o = json_loads(s, 0, NULL);
	assert_int_equal(json_integer_value(json_object_get(o, "feed_id")), -4);
	assert_int_equal(json_integer_value(json_object_get(o, "since_id")), 40);
	assert_int_equal(json_integer_value(json_object_get(o, "skip")), 200);
	assert_int_equal(json_integer_value(json_object_get(o, "limit")), TTRSS_PAGE);
	assert_true(json_is_true(json_object_get(o, "show_content")));
	assert_string_equal(json_string_value(json_object_get(o, "view_mode")), "all_articles");
	assert_string_equal(json_string_value(json_object_get(o, "sid")), "S1");
	json_decref(o);
	free(s);
	s = ttrss_req_headlines("S1", TTRSS_FEED_STARRED, 0, 0, false, true);
	o = json_loads(s, 0, NULL);
	assert_null(json_object_get(o, "since_id"));
	assert_string_equal(json_string_value(json_object_get(o, "view_mode")), "unread");
	json_decref(o);
	free(s);

	s = ttrss_req_update("S1", ids, 2, TTRSS_FIELD_UNREAD, false);
	o = json_loads(s, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(o, "article_ids")), "12,7");
	assert_int_equal(json_integer_value(json_object_get(o, "field")), 2);
	assert_int_equal(json_integer_value(json_object_get(o, "mode")), 0);
	json_decref(o);
	free(s);
}

static void
test_errors(void **state)
{
	static const struct {
		const char *body;
		enum ttrss_status st;
		const char *words;
	} cases[] = {
		{ "{\"seq\":0,\"status\":1,\"content\":{\"error\":\"LOGIN_ERROR\"}}",
		  TTRSS_LOGIN_ERROR, "wrong user name or password" },
		{ "{\"seq\":0,\"status\":1,\"content\":{\"error\":\"API_DISABLED\"}}",
		  TTRSS_API_DISABLED, "API is disabled" },
		{ "{\"seq\":0,\"status\":1,\"content\":{\"error\":\"NOT_LOGGED_IN\"}}",
		  TTRSS_NOT_LOGGED_IN, "NOT_LOGGED_IN" },
		{ "{\"seq\":0,\"status\":1,\"content\":{\"error\":\"X\\u001b[2J\"}}",
		  TTRSS_FAILED, "error: X?[2J" },
		{ "<html>Not Found</html>", TTRSS_FAILED, "is this the Tiny Tiny RSS address" },
		{ "{\"seq\":0}", TTRSS_FAILED, "no status" },
	};
	json_t *c;
	char *err;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c = (json_t *)1;
		assert_int_equal(ttrss_parse(cases[i].body, strlen(cases[i].body), &c, &err),
		    cases[i].st);
		assert_null(c);
		assert_non_null(strstr(err, cases[i].words));
		free(err);
	}
}

static void
test_login_feeds_headlines(void **state)
{
	json_t *c, *cats, *feeds;
	struct sync_feed_list fl;
	struct sync_item_list il = { 0 };
	char *sid, *err = NULL;
	int64_t max = 0;

	(void)state;
	c = parse_ok("{\"seq\":0,\"status\":0,\"content\":{\"session_id\":\"abc\","
	    "\"api_level\":15}}");
	assert_int_equal(ttrss_parse_login(c, &sid, &err), 0);
	assert_string_equal(sid, "abc");
	free(sid);
	json_decref(c);
	c = parse_ok("{\"seq\":0,\"status\":0,\"content\":{\"api_level\":15}}");
	assert_int_equal(ttrss_parse_login(c, &sid, &err), -1);
	assert_non_null(strstr(err, "session id"));
	free(err);
	json_decref(c);

	cats = parse_ok("{\"status\":0,\"content\":[{\"id\":\"3\",\"title\":\"أخبار\"},"
	    "{\"id\":4,\"title\":\"Tech\"}]}");
	/* A virtual feed (negative id, no URL) is skipped; ids as strings too. */
	feeds = parse_ok("{\"status\":0,\"content\":["
	    "{\"id\":-4,\"title\":\"All articles\"},"
	    "{\"id\":5,\"feed_url\":\"http://[::1]/ar.xml\",\"title\":\"عربي\",\"cat_id\":3},"
	    "{\"id\":\"6\",\"feed_url\":\"http://[::1]/en.xml\",\"title\":\"English\","
	    "\"cat_id\":0}]}");
	assert_int_equal(ttrss_parse_feeds(cats, feeds, &fl, &err), 0);
	assert_int_equal(fl.n, 2);
	assert_string_equal(fl.v[0].id, "ttrss:5");
	assert_string_equal(fl.v[0].url, "http://[::1]/ar.xml");
	assert_string_equal(fl.v[0].title, "عربي");
	assert_string_equal(fl.v[0].category, "أخبار");
	assert_string_equal(fl.v[1].id, "ttrss:6");
	assert_null(fl.v[1].category);
	sync_feed_list_clear(&fl);
	json_decref(cats);
	json_decref(feeds);

	c = parse_ok("{\"status\":0,\"content\":["
	    "{\"id\":41,\"unread\":true,\"marked\":false,\"updated\":1764000000,"
	    "\"published\":false,\"title\":\"خبر\",\"link\":\"http://x/1\",\"feed_id\":\"5\","
	    "\"content\":\"<p>نص</p>\",\"author\":\"سارة\"},"
	    "{\"id\":\"40\",\"unread\":0,\"marked\":1,\"updated\":\"1764000001\",\"feed_id\":6,"
	    "\"title\":\"a\\u001b[2Jb\\nc\"},"
	    "{\"title\":\"no id\"}]}");
	assert_int_equal(ttrss_parse_headlines(c, &il, &max, &err), 0);
	assert_int_equal(il.n, 2);
	assert_int_equal(max, 41);
	assert_string_equal(il.v[0].id, "ttrss:41");
	assert_string_equal(il.v[0].feed_id, "ttrss:5");
	assert_false(il.v[0].read);
	assert_false(il.v[0].starred);
	assert_int_equal(il.v[0].published, 1764000000);
	assert_string_equal(il.v[0].content, "<p>نص</p>");
	assert_true(il.v[1].read);
	assert_true(il.v[1].starred);
	/* A server's title cannot clear the screen or break a line. */
	assert_string_equal(il.v[1].title, "ab c");
	assert_int_equal(il.v[1].published, 1764000001);
	/* Pages append. */
	assert_int_equal(ttrss_parse_headlines(c, &il, &max, &err), 0);
	assert_int_equal(il.n, 4);
	sync_item_list_clear(&il);
	json_decref(c);

	assert_int_equal(ttrss_id_number("ttrss:77"), 77);
	assert_int_equal(ttrss_id_number("greader:77"), -1);
	assert_int_equal(ttrss_id_number("ttrss:7x"), -1);
}

static char dir[] = "/tmp/nr-sync-test-XXXXXX";

static char *
write_file(const char *name, const char *text, mode_t mode)
{
	char *path;
	FILE *f;

	assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

static void
test_password_file(void **state)
{
	char *path, *pw, *err;

	(void)state;
	path = write_file("pw", "  s3cret كلمة  \nsecond line\n", 0600);
	assert_int_equal(sync_read_password(path, NULL, &pw, &err), 0);
	assert_string_equal(pw, "s3cret كلمة");
	sync_password_free(&pw);
	/* Readable by the group, then by others: refused, and the message
	 * names the file and the fix but never the password. */
	chmod(path, 0640);
	assert_int_equal(sync_read_password(path, NULL, &pw, &err), -1);
	assert_null(pw);
	assert_non_null(strstr(err, "others can read"));
	assert_non_null(strstr(err, "chmod 600"));
	assert_null(strstr(err, "s3cret"));
	free(err);
	chmod(path, 0604);
	assert_int_equal(sync_read_password(path, NULL, &pw, &err), -1);
	free(err);
	unlink(path);
	free(path);
	path = write_file("empty", "\n", 0600);
	assert_int_equal(sync_read_password(path, NULL, &pw, &err), -1);
	assert_non_null(strstr(err, "no password"));
	free(err);
	unlink(path);
	free(path);
	assert_int_equal(sync_read_password("/nonexistent/pw", NULL, &pw, &err), -1);
	assert_non_null(strstr(err, "No such file"));
	free(err);
}

static void
test_password_command(void **state)
{
	/* A shell would expand $HOME and run the ; part: printf prints it as is. */
	char *ok[] = { "printf", "%s\\n", "p$HOME;x", NULL };
	char *fails[] = { "false", NULL };
	char *missing[] = { "/nonexistent/pass-tool", NULL };
	char *pw, *err;

	(void)state;
	assert_int_equal(sync_read_password(NULL, ok, &pw, &err), 0);
	assert_string_equal(pw, "p$HOME;x");
	sync_password_free(&pw);
	assert_int_equal(sync_read_password(NULL, fails, &pw, &err), -1);
	assert_non_null(strstr(err, "exit status 1"));
	free(err);
	assert_int_equal(sync_read_password(NULL, missing, &pw, &err), -1);
	assert_non_null(strstr(err, "cannot run"));
	free(err);

	assert_true(sync_url_safe_for_password("https://rss.example.org/"));
	assert_true(sync_url_safe_for_password("http://127.0.0.1:8080/"));
	assert_true(sync_url_safe_for_password("http://[::1]/tt-rss/"));
	assert_false(sync_url_safe_for_password("http://rss.example.org/"));
	assert_false(sync_url_safe_for_password("http://localhost.evil.org/"));
}

static void
test_settings(void **state)
{
	static const char good[] =
	    "urls-source ttrss\n"
	    "ttrss-url http://127.0.0.1:8080/tt-rss\n"
	    "ttrss-login admin\n"
	    "ttrss-password-command \"pass show rss\"\n";
	static const char missing[] = "urls-source greader\ngreader-url ftp://x/\n";
	static const char both[] =
	    "urls-source ttrss\nttrss-url https://x/\nttrss-login a\n"
	    "ttrss-password-file ~/pw\nttrss-password-command pass\n";
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c;

	(void)state;
	assert_int_equal(config_parse("cfg", good, strlen(good), &c, &d), 0);
	assert_int_equal(c->urls_source, CONFIG_URLS_TTRSS);
	assert_string_equal(c->ttrss_url, "http://127.0.0.1:8080/tt-rss");
	assert_string_equal(c->ttrss_password_command[0], "pass");
	assert_string_equal(c->ttrss_password_command[2], "rss");
	config_free(&c);
	assert_int_equal(config_parse("cfg", missing, strlen(missing), &c, &d), 3);
	assert_non_null(strstr(d.v[0].msg, "not an http or https URL"));
	assert_non_null(strstr(d.v[1].msg, "needs greader-login"));
	assert_non_null(strstr(d.v[2].msg, "one of greader-password-file"));
	config_free(&c);
	diag_list_clear(&d);
	assert_int_equal(config_parse("cfg", both, strlen(both), &c, &d), 1);
	config_free(&c);
	diag_list_clear(&d);
	/* The default is the urls file, and nothing else is needed. */
	assert_int_equal(config_parse("cfg", "", 0, &c, &d), 0);
	assert_int_equal(c->urls_source, CONFIG_URLS_LOCAL);
	config_free(&c);
}

static void
test_greader(void **state)
{
	static const char login[] = "SID=abc\nLSID=null\nAuth=reader/00042\r\n";
	static const char subs[] = "{\"subscriptions\":[{\"id\":\"feed/http://a.example/f\","
	    "\"title\":\"عربي\",\"categories\":[{\"id\":\"user/-/label/News\","
	    "\"label\":\"أخبار محلية\"}]},{\"title\":\"no id\"}]}";
	static const char contents[] = "{\"items\":[{\"id\":"
	    "\"tag:google.com,2005:reader/item/000000000000001f\",\"crawlTimeMsec\":"
	    "\"1764000000123\",\"published\":1763999999,\"title\":\"خبر\","
	    "\"canonical\":[{\"href\":\"http://a.example/1\"}],"
	    "\"summary\":{\"content\":\"<p>نص</p>\"},\"categories\":["
	    "\"user/-/state/com.google/reading-list\",\"user/1005/state/com.google/read\","
	    "\"user/-/state/com.google/starred\"],\"origin\":{\"streamId\":"
	    "\"feed/http://a.example/f\"}},{\"id\":\"bad\"}],\"continuation\":\"c2\"}";
	static const char ids[] = "{\"itemRefs\":[{\"id\":\"31\"},{\"id\":32}]}";
	const char *edit_ids[] = { "greader:31", "greader:18446744073709551615" };
	struct sync_feed_list fl;
	struct sync_item_list il = { 0 };
	char **v = NULL, *s, *err = NULL, *cont;
	size_t n = 0;

	(void)state;
	s = greader_parse_login(login, strlen(login), &err);
	assert_string_equal(s, "reader/00042");
	free(s);
	assert_null(greader_parse_login("Error=BadAuthentication\n", 24, &err));
	assert_non_null(strstr(err, "without an Auth token"));
	free(err);
	s = greader_login_body("me@x", "a&b=c ك");
	assert_string_equal(s, "Email=me%40x&Passwd=a%26b%3Dc%20%D9%83");
	free(s);

	assert_int_equal(greader_parse_subscriptions(subs, strlen(subs), &fl, &err), 0);
	assert_int_equal(fl.n, 1);
	assert_string_equal(fl.v[0].id, "greader:feed/http://a.example/f");
	assert_string_equal(fl.v[0].url, "http://a.example/f");
	assert_string_equal(fl.v[0].category, "أخبار محلية");
	sync_feed_list_clear(&fl);

	assert_int_equal(greader_parse_contents(contents, strlen(contents), &il, &cont, &err), 0);
	assert_int_equal(il.n, 1);
	assert_string_equal(il.v[0].id, "greader:31");	/* 0x1f */
	assert_string_equal(il.v[0].feed_id, "greader:feed/http://a.example/f");
	assert_string_equal(il.v[0].link, "http://a.example/1");
	assert_string_equal(il.v[0].content, "<p>نص</p>");
	assert_true(il.v[0].read);	/* a user id instead of "-" too */
	assert_true(il.v[0].starred);
	assert_int_equal(il.v[0].crawled, 1764000000);
	assert_string_equal(cont, "c2");
	free(cont);
	sync_item_list_clear(&il);

	/* Decimal ids (strings or numbers) are the same ids as the long form. */
	assert_int_equal(greader_parse_ids(ids, strlen(ids), &v, &n, &cont, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0], "greader:31");
	assert_string_equal(v[1], "greader:32");
	assert_null(cont);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	s = greader_item_id("tag:google.com,2005:reader/item/ffffffffffffffff");
	assert_string_equal(s, "greader:18446744073709551615");
	free(s);
	assert_null(greader_item_id("-5"));
	assert_null(greader_item_id("12x"));

	s = greader_edit_body(edit_ids, 2, GREADER_READ, true, "T/1");
	assert_string_equal(s, "i=31&i=18446744073709551615&a=user%2F-%2Fstate%2Fcom.google%2Fread"
	    "&T=T%2F1");
	free(s);
	s = greader_url_contents("https://h/api/greader.php/", 1764000000, "c 2");
	assert_string_equal(s, "https://h/api/greader.php/reader/api/0/stream/contents/"
	    "user/-/state/com.google/reading-list?output=json&n=1000&ot=1764000000&c=c%202");
	free(s);
	s = greader_url_ids("https://h/g", GREADER_READING_LIST, GREADER_READ, NULL);
	assert_string_equal(s, "https://h/g/reader/api/0/stream/items/ids?output=json&n=10000"
	    "&s=user%2F-%2Fstate%2Fcom.google%2Freading-list"
	    "&xt=user%2F-%2Fstate%2Fcom.google%2Fread");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_requests),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_login_feeds_headlines),
		cmocka_unit_test(test_password_file),
		cmocka_unit_test(test_password_command),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_greader),
	};
	int rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	return rc;
}
