/*
 * Google Reader API requests and answers (greader.h), with jansson.
 */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/greader.h"
#include "util/json.h"
#include "util/buf.h"
#include "util/xalloc.h"

char *
greader_url(const char *base, const char *path)
{
	size_t n = strlen(base);

	while (*path == '/')
		path++;
	return xasprintf("%s%s%s", base, n > 0 && base[n - 1] == '/' ? "" : "/", path);
}

/* application/x-www-form-urlencoded (and safe in a query). */
static void
put_encoded(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~')
			buf_append_char(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

char *
greader_login_body(const char *user, const char *password)
{
	struct buf b = BUF_INIT;

	buf_append_str(&b, "Email=");
	put_encoded(&b, user);
	buf_append_str(&b, "&Passwd=");
	put_encoded(&b, password != NULL ? password : "");
	return buf_detach(&b);
}

char *
greader_parse_login(const char *body, size_t len, char **err)
{
	const char *p = body, *end = body + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (l > 5 && strncmp(p, "Auth=", 5) == 0) {
			while (l > 5 && (p[l - 1] == '\r' || p[l - 1] == ' '))
				l--;
			if (l > 5)
				return xstrndup(p + 5, l - 5);
		}
		p += l + 1;
	}
	*err = xstrdup("login answer without an Auth token; is this the Google Reader API "
	    "address?");
	return NULL;
}

char *
greader_auth_header(const char *token)
{
	return xasprintf("Authorization: GoogleLogin auth=%s", token);
}

char *
greader_url_subscriptions(const char *base)
{
	return greader_url(base, "reader/api/0/subscription/list?output=json");
}

char *
greader_url_token(const char *base)
{
	return greader_url(base, "reader/api/0/token");
}

char *
greader_url_edit(const char *base)
{
	return greader_url(base, "reader/api/0/edit-tag");
}

/* The URL of the API path in b (freed) at the page continuation names
 * (NULL: the first). */
static char *
paged_url(const char *base, struct buf *b, const char *continuation)
{
	char *u;

	if (continuation != NULL) {
		buf_append_str(b, "&c=");
		put_encoded(b, continuation);
	}
	u = greader_url(base, buf_str(b));
	buf_free(b);
	return u;
}

char *
greader_url_contents(const char *base, time_t since, const char *continuation)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "reader/api/0/stream/contents/%s?output=json&n=%d",
	    GREADER_READING_LIST, GREADER_PAGE);
	if (since > 0)
		buf_printf(&b, "&ot=%lld", (long long)since);
	return paged_url(base, &b, continuation);
}

char *
greader_url_ids(const char *base, const char *s, const char *exclude, const char *continuation)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "reader/api/0/stream/items/ids?output=json&n=%d&s=", 10 * GREADER_PAGE);
	put_encoded(&b, s);
	if (exclude != NULL) {
		buf_append_str(&b, "&xt=");
		put_encoded(&b, exclude);
	}
	return paged_url(base, &b, continuation);
}

char *
greader_edit_body(const char *const *ids, size_t n, const char *tag, bool add,
    const char *token)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		const char *id = strncmp(ids[i], "greader:", 8) == 0 ? ids[i] + 8 : ids[i];
		buf_append_str(&b, i > 0 ? "&i=" : "i=");
		put_encoded(&b, id);
	}
	buf_append_str(&b, add ? "&a=" : "&r=");
	put_encoded(&b, tag);
	buf_append_str(&b, "&T=");
	put_encoded(&b, token != NULL ? token : "");
	return buf_detach(&b);
}

char *
greader_item_id(const char *id)
{
	static const char prefix[] = "tag:google.com,2005:reader/item/";
	unsigned long long v;
	char *end;

	if (id == NULL || *id == '\0')
		return NULL;
	if (strncmp(id, prefix, sizeof prefix - 1) == 0) {
		id += sizeof prefix - 1;
		v = strtoull(id, &end, 16);
	} else {
		if (*id == '-')
			return NULL;
		v = strtoull(id, &end, 10);
	}
	if (end == id || *end != '\0')
		return NULL;
	return xasprintf("greader:%llu", v);
}

static json_t *
load(const char *body, size_t len, const char *what, char **err)
{
	json_error_t je;
	json_t *root = json_load_fetched(body, len, 0, &je);

	if (root == NULL || !json_is_object(root)) {
		*err = xasprintf("%s: not a JSON object%s", what, root == NULL ?
		    " (is this the Google Reader API address?)" : "");
		json_decref(root);
		return NULL;
	}
	return root;
}

static char *
continuation_of(json_t *root)
{
	json_t *c = json_object_get(root, "continuation");

	if (json_is_string(c) && json_string_length(c) > 0)
		return xstrdup(json_string_value(c));
	if (json_is_integer(c) && json_integer_value(c) != 0)
		return xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(c));
	return NULL;
}

int
greader_parse_subscriptions(const char *body, size_t len, struct sync_feed_list *out,
    char **err)
{
	json_t *root = load(body, len, "subscription list", err), *subs, *s;
	size_t i;

	out->v = NULL;
	out->n = 0;
	if (root == NULL)
		return -1;
	subs = json_object_get(root, "subscriptions");
	if (!json_is_array(subs)) {
		*err = xstrdup("subscription list without subscriptions");
		json_decref(root);
		return -1;
	}
	out->v = xcalloc(json_array_size(subs) + 1, sizeof *out->v);
	json_array_foreach(subs, i, s) {
		struct sync_feed *f = &out->v[out->n];
		char *id = sync_json_text(s, "id", false), *url = sync_json_text(s, "url", false);
		json_t *cats = json_object_get(s, "categories"), *c0 = json_array_get(cats, 0);

		/* The id is "feed/URL"; url is the feed's own where given. */
		if (url == NULL && id != NULL && strncmp(id, "feed/", 5) == 0)
			url = xstrdup(id + 5);
		if (id == NULL || url == NULL) {
			free(id);
			free(url);
			continue;
		}
		f->id = xasprintf("greader:%s", id);
		free(id);
		f->url = url;
		f->title = sync_json_text(s, "title", false);
		if (json_is_object(c0))
			f->category = sync_json_text(c0, "label", false);
		out->n++;
	}
	json_decref(root);
	return 0;
}

/* The first href of a list of {"href": ...}. */
static char *
first_href(json_t *list)
{
	json_t *x = json_array_get(list, 0);

	return json_is_object(x) ? sync_json_text(x, "href", false) : NULL;
}

int
greader_parse_contents(const char *body, size_t len, struct sync_item_list *out,
    char **continuation, char **err)
{
	json_t *root = load(body, len, "stream contents", err), *items, *it;
	size_t i;

	*continuation = NULL;
	if (root == NULL)
		return -1;
	items = json_object_get(root, "items");
	if (!json_is_array(items)) {
		*err = xstrdup("stream contents without items");
		json_decref(root);
		return -1;
	}
	out->v = xreallocarray(out->v, out->n + json_array_size(items) + 1, sizeof *out->v);
	json_array_foreach(items, i, it) {
		struct sync_item *si = &out->v[out->n];
		json_t *j = json_object_get(it, "id"), *cats, *c, *origin;
		char *id = greader_item_id(json_string_value(j));
		size_t k;

		if (id == NULL)
			continue;
		memset(si, 0, sizeof *si);
		si->id = id;
		origin = json_object_get(it, "origin");
		if (json_is_object(origin)) {
			char *sid = sync_json_text(origin, "streamId", false);
			if (sid != NULL)
				si->feed_id = xasprintf("greader:%s", sid);
			free(sid);
		}
		si->title = sync_json_text(it, "title", false);
		si->author = sync_json_text(it, "author", false);
		si->link = first_href(json_object_get(it, "canonical"));
		if (si->link == NULL)
			si->link = first_href(json_object_get(it, "alternate"));
		c = json_object_get(it, "content");
		if (!json_is_object(c))
			c = json_object_get(it, "summary");
		if (json_is_object(c))
			si->content = sync_json_text(c, "content", true);
		j = json_object_get(it, "published");
		if (json_is_integer(j))
			si->published = (time_t)json_integer_value(j);
		j = json_object_get(it, "crawlTimeMsec");
		if (json_is_string(j))
			si->crawled = (time_t)(strtoll(json_string_value(j), NULL, 10) / 1000);
		else if (json_is_integer(j))
			si->crawled = (time_t)(json_integer_value(j) / 1000);
		si->read = false;
		cats = json_object_get(it, "categories");
		json_array_foreach(cats, k, c) {
			const char *t = json_string_value(c);
			if (t == NULL)
				continue;
			/* "user/-/state/..." or "user/USERID/state/...". */
			const char *st = strstr(t, "/state/com.google/");
			if (st == NULL || strncmp(t, "user/", 5) != 0)
				continue;
			st += strlen("/state/com.google/");
			if (strcmp(st, "read") == 0)
				si->read = true;
			else if (strcmp(st, "starred") == 0)
				si->starred = true;
		}
		out->n++;
	}
	*continuation = continuation_of(root);
	json_decref(root);
	return 0;
}

int
greader_parse_ids(const char *body, size_t len, char ***v, size_t *n, char **continuation,
    char **err)
{
	json_t *root = load(body, len, "item ids", err), *refs, *r;
	size_t i;

	*continuation = NULL;
	if (root == NULL)
		return -1;
	refs = json_object_get(root, "itemRefs");
	if (refs == NULL || json_is_null(refs)) {
		/* Some servers leave the list out when it is empty. */
		json_decref(root);
		return 0;
	}
	if (!json_is_array(refs)) {
		*err = xstrdup("item ids without itemRefs");
		json_decref(root);
		return -1;
	}
	*v = xreallocarray(*v, *n + json_array_size(refs) + 1, sizeof **v);
	json_array_foreach(refs, i, r) {
		json_t *j = json_object_get(r, "id");
		char *id = NULL;
		if (json_is_string(j))
			id = greader_item_id(json_string_value(j));
		else if (json_is_integer(j)) {
			char num[32];
			snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
			id = greader_item_id(num);
		}
		if (id != NULL)
			(*v)[(*n)++] = id;
	}
	*continuation = continuation_of(root);
	json_decref(root);
	return 0;
}
