/* Loading the config and the feed list at start-up (see load.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/load.h"
#include "config/paths.h"
#include "store/store.h"
#include "util/xalloc.h"

int
config_load_urls(const struct cli_globals *g, struct urls_list **out, char **path,
    bool *using_demo, struct diag_list *d)
{
	char *p = paths_urls_file(g->urls_path);
	bool demo = false;
	struct stat st;

	*out = NULL;
	if (g->urls_path == NULL && stat(p, &st) == -1 && errno == ENOENT) {
		char *dir = paths_data_dir();
		free(p);
		p = xasprintf("%s/demo/urls", dir);
		free(dir);
		demo = true;
	}
	if (urls_load(p, demo, out, d) == -1) {
		free(p);
		return -1;
	}
	*path = p;
	*using_demo = demo;
	return 0;
}

/* The demo market data, as a generic source, for the first run. */
static void
add_demo_market(struct config *c, const char *data_dir)
{
	struct config_market_source *s;

	c->market_sources = xreallocarray(c->market_sources, c->nmarket_sources + 1,
	    sizeof *c->market_sources);
	s = &c->market_sources[c->nmarket_sources++];
	s->kind = CONFIG_MARKET_GENERIC;
	s->url = xasprintf("file://%s/demo/market.json", data_dir);
	s->params = NULL;
	s->nparams = 0;
	s->line = 0;
}

int
config_load_all(const struct cli_globals *g, struct app_config **out, struct diag_list *d)
{
	struct app_config *a = xcalloc(1, sizeof *a);
	int errors;

	*out = NULL;
	a->config_path = paths_config_file(g->config_path);
	errors = config_load(a->config_path, g->config_path != NULL, &a->config, d);
	/* With a feed server the feeds are the server's (synced into the
	 * cache): neither the urls file nor the demo list. */
	if (a->config->urls_source != CONFIG_URLS_LOCAL)
		a->urls = urls_list_new();
	else if (config_load_urls(g, &a->urls, &a->urls_path, &a->using_demo, d) == -1)
		errors++;
	/* Even when a line above was bad: every bad line at once. */
	if (g->check_names != NULL)
		errors += g->check_names(a->config, d);
	if (errors > 0) {
		app_config_free(&a);
		return -1;
	}
	a->data_dir = paths_data_dir();
	a->cache_path = paths_cache_file(g->cache_path);
	/* The password is read while the cache is open; closing a file of the
	 * cache would drop the process's SQLite locks on it (store.h). */
	for (size_t i = 0; i < a->config->ncomment_endpoints; i++) {
		const struct config_comment_endpoint *ep = &a->config->comment_endpoints[i];
		if (ep->password_file != NULL &&
		    store_is_cache_file(a->cache_path, ep->password_file)) {
			diag_add(d, DIAG_ERROR, a->config_path, ep->line,
			    "password-file %s is a file of newsreader's own cache",
			    ep->password_file);
			errors++;
		}
	}
	if (errors > 0) {
		app_config_free(&a);
		return -1;
	}
	if (a->using_demo && a->config->nmarket_sources == 0)
		add_demo_market(a->config, a->data_dir);
	*out = a;
	return 0;
}

void
app_config_free(struct app_config **ap)
{
	struct app_config *a = *ap;

	if (a == NULL)
		return;
	config_free(&a->config);
	urls_list_free(&a->urls);
	free(a->config_path);
	free(a->urls_path);
	free(a->cache_path);
	free(a->data_dir);
	xfree(ap);
}
