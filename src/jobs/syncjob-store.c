/*
 * What the two sync chains of src/jobs (syncjob.c: Tiny Tiny RSS,
 * greaderjob.c: Google Reader API) do alike, whichever server answers:
 * the run's common state, its first request, the bodies, the send groups
 * and the store's side (syncjob-int.h).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/syncjob-int.h"
#include "fetch/fetch.h"
#include "store/store.h"
#include "store/sync.h"
#include "sync/sync.h"
#include "util/xalloc.h"

static void
strv_free(char ***v, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

/* The (field, value) of send group g (0..3). */
static void
group_of(int g, enum store_sync_field *field, bool *value)
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

void
sync_base_init(struct sync_base *b, struct store *s, struct sync_session *session,
    const char *source, size_t max_body)
{
	b->s = s;
	b->session = session;
	b->res = xcalloc(1, sizeof *b->res);
	b->res->source = xstrdup(source);
	buf_init(&b->body, max_body);
}

void
sync_base_clear(struct sync_base *b)
{
	free(b->account);
	free(b->user);
	sync_secret_clear(&b->secret);
	free(b->error);
	buf_free(&b->body);
	store_sync_changes_free(&b->changes, b->nchanges);
	sync_feed_list_clear(&b->feeds);
	free(b->feed_ids);
	free(b->cursor_key);
	strv_free(&b->unread, &b->nunread);
	strv_free(&b->starred, &b->nstarred);
	if (b->res != NULL)
		sync_result_free(b->res);
}

enum fetch_prepare_result
sync_on_prepare(struct fetch_job *job, void *ud)
{
	struct sync_base *b = ud;
	char *saved = NULL;

	if (!b->loaded && b->error == NULL) {
		b->loaded = true;
		if (store_state_get(b->s, b->cursor_key, &saved) == 0 && saved != NULL)
			b->since = strtoll(saved, NULL, 10);
		free(saved);
		b->top = b->since;
		if (store_sync_pending(b->s, b->prefix, &b->changes, &b->nchanges) != 0)
			b->error = xasprintf("cache: %s", store_errmsg(b->s));
	}
	if (b->error == NULL)
		return FETCH_GO;
	sync_post_result(job, &b->res, b->error);
	return FETCH_SKIP;
}

int
sync_on_body_start(struct fetch_job *job, void *ud, const struct fetch_response *resp)
{
	struct sync_base *b = ud;

	(void)job;
	(void)resp;
	buf_reset(&b->body);
	return 0;
}

int
sync_on_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	struct sync_base *b = ud;

	if (!buf_append(&b->body, data, len)) {
		fetch_job_fail(job, "answer too large");
		return -1;
	}
	return 0;
}

char *
sync_next_send(struct sync_base *b, sync_send_body_fn *body_of)
{
	for (; b->group < 4; b->group++) {
		enum store_sync_field field;
		bool value;
		const char **ids = xcalloc(b->nchanges + 1, sizeof *ids);
		size_t n = 0;
		char *body = NULL;

		group_of(b->group, &field, &value);
		for (size_t i = 0; i < b->nchanges; i++)
			if (b->changes[i].field == field && b->changes[i].value == value)
				ids[n++] = b->changes[i].remote_id;
		if (n > 0)
			body = body_of(b, ids, n, field, value);
		free(ids);
		if (body != NULL)
			return body;
	}
	return NULL;
}

bool
sync_relogin(struct fetch_job *job, struct sync_base *b)
{
	char *err = NULL;

	if (sync_secret_get(&b->secret, &err) != 0) {
		sync_post_result(job, &b->res, err);
		free(err);
		return false;
	}
	b->relogged = true;
	return true;
}

int
sync_store_feeds(struct sync_base *b, char **err)
{
	struct store *s = b->s;
	const char **keep = xcalloc(b->feeds.n + 1, sizeof *keep);
	int gone;

	b->feed_ids = xcalloc(b->feeds.n + 1, sizeof *b->feed_ids);
	if (store_begin(s) != 0) {
		free(keep);
		return store_failed(s, err);
	}
	for (size_t i = 0; i < b->feeds.n; i++) {
		const struct sync_feed *f = &b->feeds.v[i];
		/* A tag is one word in the urls file's model. */
		char *tag = sync_tag_of(f->category);
		b->feed_ids[i] = store_sync_feed(s, f->id, f->url, f->title, tag);
		free(tag);
		if (b->feed_ids[i] < 0) {
			free(keep);
			return store_failed(s, err);
		}
		keep[i] = f->id;
	}
	gone = store_sync_drop_feeds(s, b->prefix, keep, b->feeds.n);
	free(keep);
	if (gone < 0 || store_commit(s) != 0)
		return store_failed(s, err);
	b->res->feeds = (unsigned)b->feeds.n;
	return 0;
}

static int64_t
feed_id_of(const struct sync_base *b, const char *remote)
{
	for (size_t i = 0; remote != NULL && i < b->feeds.n; i++)
		if (strcmp(b->feeds.v[i].id, remote) == 0)
			return b->feed_ids[i];
	return -1;
}

int
sync_store_page(struct sync_base *b, const struct sync_item_list *l, bool by_crawl,
    char **err)
{
	struct store *s = b->s;
	char num[32];

	if (store_begin(s) != 0)
		return store_failed(s, err);
	for (size_t i = 0; i < l->n; i++) {
		const struct sync_item *it = &l->v[i];
		int64_t fid = feed_id_of(b, it->feed_id);
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
			b->res->new_items++;
		if (by_crawl && (int64_t)it->crawled > b->top)
			b->top = (int64_t)it->crawled;
	}
	snprintf(num, sizeof num, "%" PRId64, b->top);
	if (store_state_put(s, b->cursor_key, num) != 0 || store_commit(s) != 0)
		return store_failed(s, err);
	return 0;
}

int
sync_ack_group(struct sync_base *b, char **err)
{
	struct store *s = b->s;
	enum store_sync_field field;
	bool value;
	struct store_sync_change *v = xcalloc(b->nchanges + 1, sizeof *v);
	size_t n = 0;

	group_of(b->group, &field, &value);
	for (size_t i = 0; i < b->nchanges; i++)
		if (b->changes[i].field == field && b->changes[i].value == value)
			v[n++] = b->changes[i];
	if (store_begin(s) != 0 || store_sync_acknowledge(s, v, n) != 0) {
		free(v);
		return store_failed(s, err);
	}
	free(v);
	if (store_commit(s) != 0)
		return store_failed(s, err);
	b->res->sent += (unsigned)n;
	return 0;
}

int
sync_apply_ids(struct sync_base *b, char **err)
{
	struct store *s = b->s;
	int64_t changed = 0;

	if (store_begin(s) != 0 ||
	    store_sync_apply_state(s, b->prefix, (const char *const *)b->unread, b->nunread,
	    (const char *const *)b->starred, b->nstarred, &changed) != 0)
		return store_failed(s, err);
	if (store_commit(s) != 0)
		return store_failed(s, err);
	b->res->state_changes = (unsigned)changed;
	return 0;
}
