/*
 * The command-line contract (../shared/CLI.md): global options, then a
 * subcommand. Each subcommand is one function in its own src/cmd_*.c; main.c
 * parses the global options and dispatches.
 */
#ifndef NR_CLI_H
#define NR_CLI_H

#include <stdbool.h>

/* Exit codes shared by every subcommand. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,	/* the work failed (unparsable document, ...) */
	EXIT_USAGE = 2,	/* bad options or arguments */
	EXIT_CONFIG = 3,	/* config or urls file error */
	EXIT_CACHE = 4,	/* the cache database cannot be opened or used */
	EXIT_UNSAVED = 5,	/* the reader ended with changes the cache refused
				 * (they are in a recovery file) */
};

struct config;
struct diag_list;

/* Global options; strings point into argv or are NULL when not given. */
struct cli_globals {
	const char *config_path;	/* --config */
	const char *urls_path;	/* --urls */
	const char *cache_path;	/* --cache */
	bool offline;		/* --offline */
	/* Checks the reader's own names (keys, actions, colour elements) with
	 * the rest of the config, so the reader and every subcommand reject
	 * the same files and every bad line is reported at once; returns the
	 * number of errors added to d. NULL: not checked (unit tests). */
	int (*check_names)(const struct config *c, struct diag_list *d);
};

/* argv[0] is the subcommand's name; options after it belong to it. */
typedef int (*cli_command_fn)(const struct cli_globals *g, int argc, char **argv);

int cmd_tui(const struct cli_globals *g, int argc, char **argv);
int cmd_reload(const struct cli_globals *g, int argc, char **argv);
int cmd_print_unread(const struct cli_globals *g, int argc, char **argv);
int cmd_dump_feed(const struct cli_globals *g, int argc, char **argv);
int cmd_extract(const struct cli_globals *g, int argc, char **argv);
int cmd_render(const struct cli_globals *g, int argc, char **argv);
int cmd_add(const struct cli_globals *g, int argc, char **argv);
int cmd_import(const struct cli_globals *g, int argc, char **argv);
int cmd_export(const struct cli_globals *g, int argc, char **argv);
int cmd_import_newsboat(const struct cli_globals *g, int argc, char **argv);
/* The cli_globals.check_names of the program (ui/tui.c: the names are the
 * reader's). */
int cli_check_ui_names(const struct config *c, struct diag_list *d);

#endif
