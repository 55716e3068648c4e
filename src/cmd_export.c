/*
 * newsreader export: the feed list (the urls file, or the bundled demo list
 * when there is none) as OPML 2.0 on stdout. SOURCE_DATE_EPOCH, when set,
 * fixes dateCreated so the output can be reproduced.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "config/diag.h"
#include "config/load.h"
#include "config/opml.h"
#include "config/urls.h"
#include "util/xalloc.h"

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
	doc = opml_export(urls, now);
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
