/*
 * newsreader print-unread: "N unread articles" on stdout (CLI.md), for
 * status bars and scripts.
 *
 * A cache that does not exist yet holds no articles: print 0 and create
 * nothing, so polling from a status bar before the first run does not leave
 * an empty database in the user's data directory. An existing cache is
 * opened like by every other command (so an old one is upgraded); one that
 * cannot be read or is not a cache is an error (exit 4) and left untouched.
 * So is a symbolic link to nothing: the user pointed it at a cache that has
 * gone (an unmounted disk, a moved file), and "0 unread" would hide that.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config/load.h"
#include "config/paths.h"
#include "store/store.h"

int
cmd_print_unread(const struct cli_globals *g, int argc, char **argv)
{
	struct store *s;
	struct stat sb;
	char *path, *err;
	int64_t n;

	if (argc > 1) {
		fprintf(stderr, "newsreader: print-unread: unexpected argument '%s'\n"
		    "Try 'newsreader --help' for more information.\n", argv[1]);
		return EXIT_USAGE;
	}
	/* A --config or --urls file the user named must exist and be valid,
	 * as for reload: "0 unread articles" would hide the typo. */
	if (g->config_path != NULL || g->urls_path != NULL) {
		struct diag_list d = DIAG_LIST_INIT;
		struct app_config *a = NULL;

		if (config_load_all(g, &a, &d) != 0) {
			for (size_t i = 0; i < d.n; i++)
				if (d.v[i].level == DIAG_ERROR)
					fprintf(stderr, "newsreader: %s\n", d.v[i].msg);
			diag_list_clear(&d);
			return EXIT_CONFIG;
		}
		diag_list_clear(&d);
		app_config_free(&a);
	}
	path = paths_cache_file(g->cache_path);
	if (stat(path, &sb) == -1 && errno == ENOENT) {
		char target[4096];
		ssize_t tn = readlink(path, target, sizeof target - 1);

		if (tn >= 0) {
			target[tn] = '\0';
			fprintf(stderr, "newsreader: %s: the cache does not exist (a symbolic link "
			    "to %s, which does not exist)\n", path, target);
			free(path);
			return EXIT_CACHE;
		}
		free(path);
		printf("0 unread articles\n");
		return EXIT_OK;
	}
	if ((s = store_open(path, 0, &err)) == NULL) {
		fprintf(stderr, "newsreader: %s\n", err);
		free(err);
		free(path);
		return EXIT_CACHE;
	}
	free(path);
	if ((n = store_unread_count(s)) < 0) {
		fprintf(stderr, "newsreader: %s\n", store_errmsg(s));
		store_close(&s);
		return EXIT_CACHE;
	}
	store_close(&s);
	printf("%" PRId64 " unread articles\n", n);
	return EXIT_OK;
}
