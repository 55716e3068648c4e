/*
 * libFuzzer target for the feed servers' answer parsers (src/sync): the
 * input is a response body, read as every Tiny Tiny RSS and Google Reader
 * API answer. Whatever it holds, every string handed out must be
 * sanitized (no controls, no escape sequence; article content may keep
 * newlines and tabs) and every id must carry its source's prefix.
 */
#include "config.h"

#include <jansson.h>

#include "sync/greader.h"
#include "sync/ttrss.h"

#include "fuzz.h"

static void
clean(const char *s, bool keep_nl, const char *what)
{
	const char *why;

	if (s == NULL)
		return;
	fuzz_touch(s);
	if ((why = fuzz_unclean(s, keep_nl)) != NULL)
		fuzz_fail("%s not clean: %s", what, why);
}

static void
check_items(const struct sync_item_list *l, const char *prefix)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct sync_item *it = &l->v[i];
		if (it->id == NULL || strncmp(it->id, prefix, strlen(prefix)) != 0)
			fuzz_fail("item id without %s", prefix);
		clean(it->title, false, "title");
		clean(it->link, false, "link");
		clean(it->author, false, "author");
		clean(it->content, true, "content");
		fuzz_touch(it->feed_id);
	}
}

static void
check_feeds(const struct sync_feed_list *l, const char *prefix)
{
	for (size_t i = 0; i < l->n; i++) {
		if (strncmp(l->v[i].id, prefix, strlen(prefix)) != 0 || l->v[i].url == NULL)
			fuzz_fail("feed without %s id or URL", prefix);
		clean(l->v[i].url, false, "feed URL");
		clean(l->v[i].title, false, "feed title");
		clean(l->v[i].category, false, "category");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body = (const char *)data;
	struct sync_feed_list fl = { 0 };
	struct sync_item_list il = { 0 };
	json_t *content = NULL;
	char *err = NULL, *s, *cont = NULL, **ids = NULL;
	size_t nids = 0;
	int64_t max = 0;

	/* Tiny Tiny RSS: the envelope, then its content as each answer. */
	if (ttrss_parse(body, size, &content, &err) == TTRSS_OK) {
		if (ttrss_parse_login(content, &s, &err) == 0)
			free(s);
		else
			free(err);
		if (ttrss_parse_feeds(content, content, &fl, &err) == 0)
			check_feeds(&fl, "ttrss:");
		else
			free(err);
		sync_feed_list_clear(&fl);
		if (ttrss_parse_headlines(content, &il, &max, &err) == 0)
			check_items(&il, "ttrss:");
		else
			free(err);
		sync_item_list_clear(&il);
		json_decref(content);
	} else {
		clean(err, false, "ttrss error");
		free(err);
	}

	/* Google Reader API. */
	s = greader_parse_login(body, size, &err);
	free(s);
	if (s == NULL)
		free(err);
	if (greader_parse_subscriptions(body, size, &fl, &err) == 0)
		check_feeds(&fl, "greader:");
	else
		free(err);
	sync_feed_list_clear(&fl);
	if (greader_parse_contents(body, size, &il, &cont, &err) == 0)
		check_items(&il, "greader:");
	else
		free(err);
	free(cont);
	sync_item_list_clear(&il);
	if (greader_parse_ids(body, size, &ids, &nids, &cont, &err) == 0) {
		for (size_t i = 0; i < nids; i++)
			if (strncmp(ids[i], "greader:", 8) != 0)
				fuzz_fail("id without greader:");
	} else
		free(err);
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(cont);
	return 0;
}
