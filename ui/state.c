/*
 * What persists between sessions (store ui_state): the stack of views as
 * lines ("feeds", "items feed:3", "article 1234"), and each list's position
 * (saved by the views under "pos:..."). Search results, help and the error
 * list are moments, not places: they are not restored.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/load.h"
#include "config/settings.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "app.h"
#include "state.h"
#include "view_article.h"
#include "view_feeds.h"
#include "view_items.h"

void
state_save_views(struct app *app)
{
	struct buf b = BUF_INIT;

	if (app->store == NULL)
		return;
	buf_append(&b, "", 0);
	for (int i = 0; i < app->nviews; i++) {
		struct view *v = app->views[i];
		const char *sk;
		long long id;
		if (v->ops->save)
			v->ops->save(v, app);
		if (strcmp(v->ops->name, "feeds") == 0)
			buf_append_str(&b, "feeds\n");
		else if ((sk = view_items_scope_key(v)) != NULL)
			buf_printf(&b, "items %s\n", sk);
		else if ((id = view_article_id(v)) >= 0 && i > 0 &&
		    view_items_scope_key(app->views[i - 1]) != NULL)
			buf_printf(&b, "article %lld\n", id);
		else
			break;
	}
	app_state_put(app, "views", buf_str(&b));
	buf_free(&b);
}

/* The list view for a saved scope key, or NULL when it no longer exists. */
static struct view *
items_for(struct app *app, const char *sk)
{
	long long id;

	if (strcmp(sk, "all") == 0)
		return view_items_new(app, STORE_SCOPE_ALL, 0, NULL, NULL);
	if (strcmp(sk, "liked") == 0)
		return view_items_new(app, STORE_SCOPE_LIKED, 0, NULL, NULL);
	if (strncmp(sk, "query:", 6) == 0) {
		const struct urls_list *u = app->cfg->urls;
		for (size_t i = 0; i < u->nqueries; i++)
			if (strcmp(u->queries[i].title, sk + 6) == 0)
				return view_query_new(app, u->queries[i].title, u->queries[i].expr);
		return NULL;
	}
	if (strncmp(sk, "tag:", 4) == 0 && sk[4] != '\0')
		return view_items_new(app, STORE_SCOPE_TAG, 0, sk + 4, sk + 4);
	if (sscanf(sk, "feed:%lld", &id) == 1) {
		struct store_feed *f;
		size_t n;
		struct view *v = NULL;
		if (store_feed_list(app->store, &f, &n) != 0)
			return NULL;
		for (size_t i = 0; i < n; i++)
			if (f[i].id == id)
				v = view_items_new(app, STORE_SCOPE_FEED, id, NULL,
				    f[i].title && *f[i].title ? f[i].title : f[i].url);
		store_feed_list_free(&f, n);
		return v;
	}
	return NULL;
}

void
state_restore_views(struct app *app)
{
	char *s = app_state_get(app, "views");
	char *save = NULL;

	app_push(app, view_feeds_new(app));
	/* restore-view no: always start at the feed list (list positions are
	 * still remembered by the lists themselves). */
	if (s == NULL || !app->cfg->config->restore_view) {
		free(s);
		return;
	}
	for (char *line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct view *v = NULL;
		long long id;
		if (strcmp(line, "feeds") == 0)
			continue;
		if (strncmp(line, "items ", 6) == 0 && app->nviews == 1)
			v = items_for(app, line + 6);
		else if (sscanf(line, "article %lld", &id) == 1 && app->nviews == 2) {
			v = view_article_new(app, id, NULL);
			if (view_article_id(v) < 0) {
				v->ops->free(v);	/* gone from the cache */
				v = NULL;
			}
		}
		if (v == NULL)
			break;
		app_push(app, v);
	}
	free(s);
}
