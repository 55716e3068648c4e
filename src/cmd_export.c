/*
 * newsreader export: the feed list (the urls file, or the bundled demo list
 * when there is none) as OPML 2.0 on stdout, tags as nested folders. What
 * the cache knows fills in: the feed's own title when the urls file gives
 * none, and the site's link (htmlUrl). SOURCE_DATE_EPOCH, when set, fixes
 * dateCreated so the output can be reproduced.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "config/diag.h"
#include "config/load.h"
#include "config/opml.h"
#include "config/paths.h"
#include "config/urls.h"
#include "store/store.h"
#include "util/xalloc.h"

/*
 * The cache's title and link of each feed of l, read-only: a cache that does
 * not exist or cannot be read leaves them unknown (the export does not need
 * them). *feeds is the storage behind the returned array; free both with
 * known_free().
 */
static struct opml_known *
known_load(const struct cli_globals *g, const struct urls_list *l, struct store_feed **feeds)
{
	char *path = paths_cache_file(g->cache_path), *err = NULL;
	struct opml_known *k = xcalloc(l->n ? l->n : 1, sizeof *k);
	struct store *s = NULL;
	struct stat sb;

	*feeds = xcalloc(l->n ? l->n : 1, sizeof **feeds);
	if (stat(path, &sb) == 0)
		s = store_open(path, STORE_READONLY, &err);
	free(err);
	free(path);
	for (size_t i = 0; s != NULL && i < l->n; i++) {
		if (store_feed_get(s, l->v[i].url, &(*feeds)[i]) != 0)
			continue;
		k[i].title = (*feeds)[i].title;
		k[i].html_url = (*feeds)[i].link;
	}
	store_close(&s);
	return k;
}

static void
known_free(struct opml_known *k, struct store_feed *feeds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_feed_clear(&feeds[i]);
	free(feeds);
	free(k);
}

int
cmd_export(const struct cli_globals *g, int argc, char **argv)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *urls = NULL;
	char *path = NULL, *doc, *end;
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t now = time(NULL);
	bool demo;
	int rc = EXIT_OK;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "Usage: newsreader export\n"
		    "Try 'newsreader --help' for more information.\n");
		return EXIT_USAGE;
	}
	if (config_load_urls(g, &urls, &path, &demo, &d) == -1)
		rc = EXIT_CONFIG;
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "newsreader: %s%s\n",
		    d.v[i].level == DIAG_WARNING ? "warning: " : "", d.v[i].msg);
	diag_list_clear(&d);
	if (rc != EXIT_OK)
		return rc;
	if (epoch != NULL && *epoch != '\0') {
		long long v = strtoll(epoch, &end, 10);
		if (*end == '\0' && v >= 0)
			now = (time_t)v;
	}
	struct store_feed *feeds;
	struct opml_known *known = known_load(g, urls, &feeds);
	doc = opml_export(urls, known, now);
	known_free(known, feeds, urls->n);
	if (fputs(doc, stdout) == EOF || fflush(stdout) == EOF) {
		fprintf(stderr, "newsreader: export: cannot write the output: %s\n",
		    strerror(errno));
		rc = EXIT_FAIL;
	}
	free(doc);
	free(path);
	urls_list_free(&urls);
	return rc;
}
