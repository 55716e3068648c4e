/*
 * The store's side of a sync, shared by the two chains of src/jobs
 * (syncjob.c: Tiny Tiny RSS, greaderjob.c: Google Reader API): what an
 * answer says goes into the cache the same way whichever server said it.
 * Each call is one transaction, rolled back on failure.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/syncjob-int.h"
#include "store/store.h"
#include "store/sync.h"
#include "sync/sync.h"
#include "util/xalloc.h"

void
sync_strv_free(char ***v, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

void
sync_group_of(int g, enum store_sync_field *field, bool *value)
{
	*field = g < 2 ? STORE_SYNC_READ : STORE_SYNC_LIKED;
	*value = (g % 2) == 0;
}

static int
store_failed(struct store *s, char **err)
{
	*err = xasprintf("cache: %s", store_errmsg(s));
	store_rollback(s);
	return -1;
}

int
sync_store_feeds(struct store *s, const char *prefix, const struct sync_feed_list *feeds,
    int64_t **feed_ids, char **err)
{
	const char **keep = xcalloc(feeds->n + 1, sizeof *keep);
	int gone;

	*feed_ids = xcalloc(feeds->n + 1, sizeof **feed_ids);
	if (store_begin(s) != 0) {
		free(keep);
		return store_failed(s, err);
	}
	for (size_t i = 0; i < feeds->n; i++) {
		const struct sync_feed *f = &feeds->v[i];
		/* A tag is one word in the urls file's model. */
		char *tag = sync_tag_of(f->category);
		(*feed_ids)[i] = store_sync_feed(s, f->id, f->url, f->title, tag);
		free(tag);
		if ((*feed_ids)[i] < 0) {
			free(keep);
			return store_failed(s, err);
		}
		keep[i] = f->id;
	}
	gone = store_sync_drop_feeds(s, prefix, keep, feeds->n);
	free(keep);
	if (gone < 0 || store_commit(s) != 0)
		return store_failed(s, err);
	return 0;
}

static int64_t
feed_id_of(const struct sync_feed_list *feeds, const int64_t *feed_ids, const char *remote)
{
	for (size_t i = 0; remote != NULL && i < feeds->n; i++)
		if (strcmp(feeds->v[i].id, remote) == 0)
			return feed_ids[i];
	return -1;
}

int
sync_store_page(struct store *s, const struct sync_feed_list *feeds, const int64_t *feed_ids,
    const struct sync_item_list *l, const char *cursor_key, int64_t cursor, time_t *newest,
    unsigned *new_items, char **err)
{
	char num[32];

	if (store_begin(s) != 0)
		return store_failed(s, err);
	for (size_t i = 0; i < l->n; i++) {
		const struct sync_item *it = &l->v[i];
		int64_t fid = feed_id_of(feeds, feed_ids, it->feed_id);
		struct feed_item fi = {
			.id = it->id, .id_from_document = true, .title = it->title,
			.link = it->link, .author = it->author, .published = it->published,
			.content = it->content, .comments_count = -1,
		};
		bool changed = false;

		if (fid < 0)
			continue;	/* a feed the list did not have (subscribed meanwhile) */
		if (store_sync_item(s, fid, &fi, it->id, it->read, it->starred, &changed) != 0)
			return store_failed(s, err);
		if (changed)
			(*new_items)++;
		if (newest != NULL && it->crawled > *newest)
			*newest = it->crawled;
	}
	if (newest != NULL)
		cursor = (int64_t)*newest;
	snprintf(num, sizeof num, "%" PRId64, cursor);
	if (store_state_put(s, cursor_key, num) != 0 || store_commit(s) != 0)
		return store_failed(s, err);
	return 0;
}

int
sync_ack_group(struct store *s, const struct store_sync_change *changes, size_t nchanges,
    int group, unsigned *sent, char **err)
{
	enum store_sync_field field;
	bool value;
	struct store_sync_change *v = xcalloc(nchanges + 1, sizeof *v);
	size_t n = 0;

	sync_group_of(group, &field, &value);
	for (size_t i = 0; i < nchanges; i++)
		if (changes[i].field == field && changes[i].value == value)
			v[n++] = changes[i];
	if (store_begin(s) != 0 || store_sync_acknowledge(s, v, n) != 0) {
		free(v);
		return store_failed(s, err);
	}
	free(v);
	if (store_commit(s) != 0)
		return store_failed(s, err);
	*sent += (unsigned)n;
	return 0;
}

int
sync_apply_ids(struct store *s, const char *prefix, char *const *unread, size_t nunread,
    char *const *starred, size_t nstarred, unsigned *state_changes, char **err)
{
	int64_t changed = 0;

	if (store_begin(s) != 0 ||
	    store_sync_apply_state(s, prefix, (const char *const *)unread, nunread,
	    (const char *const *)starred, nstarred, &changed) != 0)
		return store_failed(s, err);
	if (store_commit(s) != 0)
		return store_failed(s, err);
	*state_changes = (unsigned)changed;
	return 0;
}
