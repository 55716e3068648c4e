/*
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). The document is
 * buffered whole (capped in feed.c) and parsed with jansson; items then go
 * through the same accumulator as RSS and Atom items, so they get the same
 * sanitizing, id fallback and link resolution.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "feed/internal.h"
#include "util/json.h"
#include "util/url.h"
#include "util/xalloc.h"

static const char *
str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void
set_text(struct field *f, const char *s, int prio)
{
	if (s)
		field_set(f, s, strlen(s), prio);
}

static void
set_url(struct field *f, const char *base, const char *s, int prio)
{
	if (s == NULL || *s == '\0')
		return;
	char *abs = url_resolve(base, s);
	field_set(f, abs, strlen(abs), prio);
	free(abs);
}

/* escape: 0 HTML as is, 1 plain text escaped, 2 plain text with its
 * paragraphs and line breaks kept as HTML. */
static void
set_html(const char *base, struct field *f, const char *s, int escape)
{
	struct buf a, b;
	if (s == NULL)
		return;
	buf_init(&a, 0);
	buf_init(&b, 0);
	buf_append(&a, "", 0);
	buf_append(&b, "", 0);
	if (escape == 2)
		markup_text_to_html(&a, s, strlen(s));
	else if (escape)
		markup_escape(&a, s, strlen(s), false);
	else
		buf_append_str(&a, s);
	markup_resolve_links(&b, a.data, a.len, base);
	field_set(f, b.data, b.len, 1);
	buf_free(&a);
	buf_free(&b);
}

static void
author_name(json_t *obj, struct field *f)
{
	json_t *authors = json_object_get(obj, "authors");	/* 1.1 */
	if (json_is_array(authors) && json_array_size(authors) > 0)
		set_text(f, str(json_array_get(authors, 0), "name"), 2);
	json_t *author = json_object_get(obj, "author");	/* 1.0 */
	if (json_is_object(author))
		set_text(f, str(author, "name"), 1);
}

/* JSON Feed has no xml:base: links resolve against the document's URL, and
 * the HTML of an item against the item's page, which is where it came from. */
static void
json_item(struct feed_parser *p, json_t *it, const char *home)
{
	const char *base = p->doc_url;
	struct item_acc *a = &p->item;
	json_t *v;
	size_t i;
	char *page = url_resolve(home ? home : base, str(it, "url") ? str(it, "url") : "");

	item_begin(p, str(it, "language"));
	v = json_object_get(it, "id");
	if (json_is_string(v)) {
		set_text(&a->f[IF_ID], json_string_value(v), 1);
	} else if (json_is_integer(v)) {
		/* Version 1.0 feeds sometimes use numbers. */
		char num[32];
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		set_text(&a->f[IF_ID], num, 1);
	}
	set_text(&a->f[IF_TITLE], str(it, "title"), 1);
	set_url(&a->f[IF_LINK], base, str(it, "url"), 2);
	set_url(&a->f[IF_LINK], base, str(it, "external_url"), 1);
	if (str(it, "content_html"))
		set_html(page, &a->f[IF_CONTENT], str(it, "content_html"), 0);
	else
		set_html(page, &a->f[IF_CONTENT], str(it, "content_text"), 2);
	set_html(page, &a->f[IF_SUMMARY], str(it, "summary"), 1);	/* plain text */
	free(page);
	set_url(&a->f[IF_THUMB], base, str(it, "image"), 1);
	author_name(it, &a->f[IF_AUTHOR]);
	if (str(it, "date_published"))
		item_set_date(p, false, str(it, "date_published"), 1);
	if (str(it, "date_modified"))
		item_set_date(p, true, str(it, "date_modified"), 1);
	v = json_object_get(it, "tags");
	if (json_is_array(v)) {
		json_t *t;
		json_array_foreach(v, i, t) {
			if (json_is_string(t))
				item_add_category(p, json_string_value(t), json_string_length(t));
		}
	}
	v = json_object_get(it, "attachments");
	if (json_is_array(v)) {
		json_t *att;
		json_array_foreach(v, i, att) {
			const char *url = str(att, "url");
			json_t *size = json_object_get(att, "size_in_bytes");
			char len[32] = "";
			if (url == NULL)
				continue;
			if (json_is_integer(size))
				snprintf(len, sizeof len, "%" JSON_INTEGER_FORMAT, json_integer_value(size));
			char *abs = url_resolve(base, url);
			item_add_enclosure(p, abs, str(att, "mime_type"), *len ? len : NULL);
			free(abs);
		}
	}
	item_emit(p);
}

void
json_parse(struct feed_parser *p)
{
	json_error_t err;
	json_t *root = json_load_fetched(buf_str(&p->json), p->json.len, JSON_REJECT_DUPLICATES, &err);
	const char *version;

	buf_free(&p->json);
	if (root == NULL) {
		feed_fail(p, err.line, "%s", err.text);
		return;
	}
	version = str(root, "version");
	if (!json_is_object(root) || version == NULL || strstr(version, "jsonfeed.org/version/1") == NULL) {
		feed_fail(p, 1, "not a feed (JSON without a JSON Feed version)");
		json_decref(root);
		return;
	}
	p->format = strstr(version, "jsonfeed.org/version/1.1") ? FEED_FORMAT_JSON11 : FEED_FORMAT_JSON10;
	set_text(&p->meta[MF_TITLE], str(root, "title"), 1);
	set_url(&p->meta[MF_LINK], p->doc_url, str(root, "home_page_url"), 1);
	char *home = str(root, "home_page_url") ? url_resolve(p->doc_url, str(root, "home_page_url")) : NULL;
	set_text(&p->meta[MF_DESC], str(root, "description"), 1);
	set_text(&p->meta[MF_LANG], str(root, "language"), 1);
	author_name(root, &p->meta[MF_AUTHOR]);
	meta_emit(p);
	json_t *items = json_object_get(root, "items");
	if (json_is_array(items)) {
		size_t i;
		json_t *it;
		json_array_foreach(items, i, it) {
			if (json_is_object(it))
				json_item(p, it, home);
		}
	}
	free(home);
	json_decref(root);
}
