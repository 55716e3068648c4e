/*
 * Tiny Tiny RSS API requests and answers (ttrss.h). Built and read with
 * jansson. The server is lenient about types across versions (ids as
 * numbers or numeric strings, unread as a boolean or 0/1), so the readers
 * below accept both.
 */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/ttrss.h"
#include "util/json.h"
#include "util/buf.h"
#include "util/xalloc.h"

char *
ttrss_api_url(const char *base)
{
	size_t n = strlen(base);

	return xasprintf("%s%sapi/", base, n > 0 && base[n - 1] == '/' ? "" : "/");
}

/* The JSON text of o, which it consumes. o is NULL when a string was not
 * UTF-8 (the callers check the user's strings first): an empty object,
 * which the server refuses, rather than a crash. */
static char *
dump(json_t *o)
{
	char *s = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;

	json_decref(o);
	if (s == NULL)
		return xstrdup("{}");
	return s;
}

char *
ttrss_req_login(const char *user, const char *password)
{
	return dump(json_pack("{s:s, s:s, s:s}", "op", "login", "user", user,
	    "password", password != NULL ? password : ""));
}

char *
ttrss_req_simple(const char *op, const char *sid)
{
	return dump(json_pack("{s:s, s:s}", "op", op, "sid", sid));
}

char *
ttrss_req_feeds(const char *sid)
{
	return dump(json_pack("{s:s, s:s, s:i}", "op", "getFeeds", "sid", sid, "cat_id", -3));
}

char *
ttrss_req_headlines(const char *sid, int64_t feed_id, int64_t since_id, size_t skip,
    bool with_content, bool unread_only)
{
	json_t *o = json_pack("{s:s, s:s, s:I, s:i, s:I, s:b, s:s, s:s}",
	    "op", "getHeadlines", "sid", sid, "feed_id", (json_int_t)feed_id,
	    "limit", TTRSS_PAGE, "skip", (json_int_t)skip, "show_content", with_content,
	    "view_mode", unread_only ? "unread" : "all_articles",
	    "order_by", "date_reverse");

	if (since_id > 0)
		json_object_set_new(o, "since_id", json_integer(since_id));
	/* The excerpt is built from the content on the server: not needed. */
	json_object_set_new(o, "show_excerpt", json_false());
	return dump(o);
}

char *
ttrss_req_update(const char *sid, const int64_t *ids, size_t n, enum ttrss_field field,
    bool on)
{
	struct buf b = BUF_INIT;
	char *s;

	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%" PRId64, i > 0 ? "," : "", ids[i]);
	s = dump(json_pack("{s:s, s:s, s:s, s:i, s:i}", "op", "updateArticle", "sid", sid,
	    "article_ids", buf_str(&b), "mode", on ? 1 : 0, "field", (int)field));
	buf_free(&b);
	return s;
}

enum ttrss_status
ttrss_parse(const char *body, size_t len, json_t **content, char **err)
{
	json_error_t je;
	json_t *root, *status, *c, *e;
	const char *code;
	enum ttrss_status st;

	if (content != NULL)
		*content = NULL;
	*err = NULL;
	if ((root = json_load_fetched(body, len, 0, &je)) == NULL || !json_is_object(root)) {
		/* jansson's text quotes the input: cleaned before it is shown. */
		char *why = sync_clean(je.text, false);
		*err = root == NULL ?
		    xasprintf("not an API answer (line %d: %s); is this the Tiny Tiny RSS "
		    "address?", je.line, why != NULL ? why : "unreadable") :
		    xstrdup("not an API answer: not a JSON object");
		free(why);
		json_decref(root);
		return TTRSS_FAILED;
	}
	status = json_object_get(root, "status");
	c = json_object_get(root, "content");
	if (!json_is_integer(status) || c == NULL) {
		*err = xstrdup("not an API answer: no status or content");
		json_decref(root);
		return TTRSS_FAILED;
	}
	if (json_integer_value(status) == 0) {
		if (content != NULL)
			*content = json_incref(c);
		json_decref(root);
		return TTRSS_OK;
	}
	e = json_object_get(c, "error");
	code = json_is_string(e) ? json_string_value(e) : "unknown error";
	if (strcmp(code, "NOT_LOGGED_IN") == 0) {
		st = TTRSS_NOT_LOGGED_IN;
		*err = xstrdup("the server ended the session (NOT_LOGGED_IN)");
	} else if (strcmp(code, "LOGIN_ERROR") == 0) {
		st = TTRSS_LOGIN_ERROR;
		*err = xstrdup("login refused: wrong user name or password (LOGIN_ERROR)");
	} else if (strcmp(code, "API_DISABLED") == 0) {
		st = TTRSS_API_DISABLED;
		*err = xstrdup("the API is disabled for this user: enable \"API access\" in the "
		    "Tiny Tiny RSS preferences (API_DISABLED)");
	} else {
		st = TTRSS_FAILED;
		/* The code comes from the server: keep it printable and short. */
		*err = xasprintf("the server answered an error: %.60s", code);
		for (char *p = *err; *p != '\0'; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = '?';
	}
	json_decref(root);
	return st;
}

int
ttrss_parse_login(json_t *content, char **sid, char **err)
{
	json_t *s = json_object_get(content, "session_id");

	*sid = NULL;
	if (!json_is_string(s) || json_string_length(s) == 0) {
		*err = xstrdup("login answer without a session id");
		return -1;
	}
	*sid = xstrdup(json_string_value(s));
	/* It goes back into a JSON body only: no need to clean it. */
	return 0;
}

/* A number, or a numeric string; false otherwise. */
static bool
get_int(json_t *o, const char *key, int64_t *v)
{
	json_t *x = json_object_get(o, key);
	char *end;

	if (json_is_integer(x)) {
		*v = json_integer_value(x);
		return true;
	}
	if (json_is_string(x) && json_string_length(x) > 0) {
		*v = strtoll(json_string_value(x), &end, 10);
		return *end == '\0';
	}
	return false;
}

/* true, 1 or "1"/"true". */
static bool
get_bool(json_t *o, const char *key)
{
	json_t *x = json_object_get(o, key);

	if (json_is_boolean(x))
		return json_is_true(x);
	if (json_is_integer(x))
		return json_integer_value(x) != 0;
	if (json_is_string(x))
		return strcmp(json_string_value(x), "1") == 0 ||
		    strcmp(json_string_value(x), "true") == 0;
	return false;
}

int
ttrss_parse_feeds(json_t *categories, json_t *feeds, struct sync_feed_list *out, char **err)
{
	size_t i;
	json_t *f;

	out->v = NULL;
	out->n = 0;
	if (!json_is_array(feeds) || (categories != NULL && !json_is_array(categories))) {
		*err = xstrdup("getFeeds answer is not a list");
		return -1;
	}
	out->v = xcalloc(json_array_size(feeds) + 1, sizeof *out->v);
	json_array_foreach(feeds, i, f) {
		struct sync_feed *sf = &out->v[out->n];
		int64_t id, cat = 0, cid;
		char *url;
		size_t j;
		json_t *c;

		/* Virtual feeds and labels have negative ids and no URL. */
		if (!get_int(f, "id", &id) || id <= 0 || (url = sync_json_text(f, "feed_url", false)) == NULL)
			continue;
		sf->id = xasprintf("ttrss:%" PRId64, id);
		sf->url = url;
		sf->title = sync_json_text(f, "title", false);
		if (get_int(f, "cat_id", &cat) && cat > 0 && categories != NULL)
			json_array_foreach(categories, j, c)
				if (get_int(c, "id", &cid) && cid == cat) {
					sf->category = sync_json_text(c, "title", false);
					break;
				}
		out->n++;
	}
	return 0;
}

int
ttrss_parse_headlines(json_t *content, struct sync_item_list *out, int64_t *max_id,
    char **err)
{
	size_t i, base = out->n;
	json_t *h;

	if (!json_is_array(content)) {
		*err = xstrdup("getHeadlines answer is not a list");
		return -1;
	}
	out->v = xreallocarray(out->v, out->n + json_array_size(content) + 1, sizeof *out->v);
	memset(out->v + base, 0, (json_array_size(content) + 1) * sizeof *out->v);
	json_array_foreach(content, i, h) {
		struct sync_item *it = &out->v[out->n];
		int64_t id, feed, when = 0;

		if (!get_int(h, "id", &id) || id <= 0)
			continue;
		it->id = xasprintf("ttrss:%" PRId64, id);
		if (get_int(h, "feed_id", &feed))
			it->feed_id = xasprintf("ttrss:%" PRId64, feed);
		it->title = sync_json_text(h, "title", false);
		it->link = sync_json_text(h, "link", false);
		it->author = sync_json_text(h, "author", false);
		it->content = sync_json_text(h, "content", true);
		/* "updated" is the article's date; "published" is a flag here. */
		if (get_int(h, "updated", &when) && when > 0)
			it->published = (time_t)when;
		it->read = !get_bool(h, "unread");
		it->starred = get_bool(h, "marked");
		if (id > *max_id)
			*max_id = id;
		out->n++;
	}
	return 0;
}

int64_t
ttrss_id_number(const char *id)
{
	char *end;
	long long v;

	if (strncmp(id, "ttrss:", 6) != 0)
		return -1;
	v = strtoll(id + 6, &end, 10);
	return *end == '\0' && v > 0 ? v : -1;
}
