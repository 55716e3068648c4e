/*
 * Start-up loading shared by the TUI and every subcommand: resolve the
 * paths (command line first, then XDG), read the config file and the urls
 * file, or the bundled demo list when there is no urls file.
 */
#ifndef NR_CONFIG_LOAD_H
#define NR_CONFIG_LOAD_H

#include <stdbool.h>

#include "cli.h"
#include "config/diag.h"
#include "config/settings.h"
#include "config/urls.h"

/* Everything the program starts from; owned by the caller of config_load_all(). */
struct app_config {
	struct config *config;	/* settings, defaults where the file says nothing */
	struct urls_list *urls;	/* the feeds */
	char *config_path;	/* resolved paths */
	char *urls_path;	/* the demo list's path when using_demo */
	char *cache_path;	/* its directory exists when it is the default */
	char *data_dir;		/* the bundled data (demo feeds, demo market data) */
	bool using_demo;	/* no urls file: the bundled demo feeds (say so in the UI) */
};

/*
 * Load the urls file named by --urls or the default one. A missing default
 * file means the bundled demo list (*using_demo set); a missing --urls file
 * is an error. *path gets the file read (caller frees). Returns 0 (warnings
 * may be in d), or -1 with errors in d and *out NULL.
 */
int config_load_urls(const struct cli_globals *g, struct urls_list **out, char **path,
    bool *using_demo, struct diag_list *d);

/*
 * The config (a missing default file means defaults; a missing --config file
 * is an error) and the feeds. When the demo feeds are used and no
 * market-source is configured, the demo market data becomes the one source.
 * Returns 0 (warnings may be in d) or -1 when d holds errors (*out NULL).
 */
int config_load_all(const struct cli_globals *g, struct app_config **out,
    struct diag_list *d);
void app_config_free(struct app_config **a);

#endif
