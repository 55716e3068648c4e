/*
 * newsreader import FILE.opml: append the OPML document's feeds to the urls
 * file, skipping URLs it already lists. The user's existing lines and
 * comments are kept byte for byte: the new file is the old bytes plus the
 * new lines, written next to it and renamed over it. Nothing new: the file
 * is not touched at all.
 *
 * An OPML file is often someone else's list, and a file:// URL in it can
 * only name a file on this machine: one is imported only when it names a
 * regular file now (the user's own exported list round-trips); a FIFO,
 * device, directory, socket or missing path is skipped with a warning that
 * says why. (The fetcher refuses anything but a regular file anyway, should
 * the path change later.)
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "cmd_urls.h"
#include "config/diag.h"
#include "config/fileio.h"
#include "config/opml.h"
#include "config/paths.h"
#include "config/urls.h"
#include "fetch/fetch.h"
#include "util/buf.h"
#include "util/xalloc.h"

static void
print_diags(const struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "newsreader: %s%s\n",
		    d->v[i].level == DIAG_WARNING ? "warning: " : "", d->v[i].msg);
}

int
cmd_import(const struct cli_globals *g, int argc, char **argv)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct urls_list *opml = NULL, *have = NULL;
	struct buf out = BUF_INIT;
	char *urls_path = NULL, *err = NULL;
	size_t added = 0, skipped = 0;
	int rc = EXIT_FAIL;

	if (argc != 2 || argv[1][0] == '\0' || (argv[1][0] == '-' && argv[1][1] != '\0')) {
		fprintf(stderr, "Usage: newsreader import FILE.opml\n"
		    "Try 'newsreader --help' for more information.\n");
		return EXIT_USAGE;
	}
	if (opml_parse_file(argv[1], &opml, &d, &err) == -1) {
		fprintf(stderr, "newsreader: %s\n", err);
		goto out;
	}
	print_diags(&d);

	urls_path = paths_urls_file(g->urls_path);
	if ((rc = cmd_urls_load(urls_path, &have, &out)) != EXIT_OK)
		goto out;
	rc = EXIT_FAIL;
	for (size_t i = 0; i < opml->n; i++) {
		const struct urls_entry *e = &opml->v[i];
		char *why = strncasecmp(e->url, "file:", 5) == 0 ? fetch_file_check(e->url) : NULL;
		if (why != NULL) {
			fprintf(stderr, "newsreader: warning: %s: %s not imported: %s\n", argv[1],
			    e->url, why);
			free(why);
			continue;
		}
		if (!urls_list_add(have, e->url, (const char *const *)e->tags, e->ntags,
		    e->title, 0)) {
			skipped++;
			continue;
		}
		char *line = urls_format_entry(e);
		buf_append_str(&out, line);
		free(line);
		added++;
	}
	if (added > 0 && cmd_urls_write(urls_path, &out) != EXIT_OK)
		goto out;
	fprintf(stderr, "newsreader: import: %zu added, %zu skipped (already in %s)\n",
	    added, skipped, urls_path);
	rc = EXIT_OK;
out:
	buf_free(&out);
	urls_list_free(&opml);
	urls_list_free(&have);
	diag_list_clear(&d);
	free(urls_path);
	free(err);
	return rc;
}
