/*
 * Where files live (DESIGN.md section 8): XDG base directories, with the
 * command-line overrides of struct cli_globals taking precedence, and the
 * bundled data directory (demo feeds, demo market data).
 * Every function returns a new string the caller frees.
 */
#ifndef NR_CONFIG_PATHS_H
#define NR_CONFIG_PATHS_H

#include <stdbool.h>

/*
 * Whether every XDG base directory can be found: each variable is an
 * absolute path, or there is a home directory ($HOME when absolute, else
 * the password database's). Check it before using the functions below
 * without overrides.
 */
bool paths_have_home(void);
/* $XDG_CONFIG_HOME/newsreader/config (or override when non-NULL). */
char *paths_config_file(const char *override);
/* $XDG_CONFIG_HOME/newsreader/urls (or override when non-NULL). */
char *paths_urls_file(const char *override);
/* $XDG_DATA_HOME/newsreader/cache.db (or override); creates the parent
 * directory (mode 0700) when it is the default and missing. */
char *paths_cache_file(const char *override);
/* $XDG_STATE_HOME/newsreader/log */
char *paths_log_file(void);
/* $XDG_STATE_HOME/newsreader (not created here) */
char *paths_state_dir(void);
/*
 * The bundled data directory: $NR_DATA_DIR when set, else the installed
 * $(pkgdatadir) when it has demo/, else the source tree's data/ (so the
 * program runs from its build directory without `make install`).
 */
char *paths_data_dir(void);

#endif
