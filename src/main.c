/*
 * newsreader: parse the global options of CLI.md, then run one subcommand.
 * All options are parsed before anything acts, so their order never matters.
 */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "cli.h"
#include "config/paths.h"
#include "util/i18n.h"

static const struct {
	const char *name;
	cli_command_fn fn;
	const char *synopsis;
	bool files;	/* uses the config, cache or state directories */
} commands[] = {
	{ "reload", cmd_reload, "reload", true },
	{ "print-unread", cmd_print_unread, "print-unread", true },
	{ "dump-feed", cmd_dump_feed, "dump-feed FILE|URL", false },
	{ "extract", cmd_extract, "extract [--url URL] [--text] FILE|URL", false },
	{ "render", cmd_render,
	  "render [--width N] [--dir auto|ltr|rtl] [--no-shape] [--input html|text] FILE|-",
	  false },
	{ "add", cmd_add, "add [--pick N] URL", true },
	{ "import", cmd_import, "import FILE.opml", true },
	{ "export", cmd_export, "export", true },
	{ "import-newsboat", cmd_import_newsboat, "import-newsboat [--dry-run] [--force] [DIR]",
	  true },
};

/* Without a home directory the default paths would be relative to wherever
 * the program was started: refuse, saying what to set. */
static bool
home_ok(void)
{
	if (paths_have_home())
		return true;
	fprintf(stderr, _("newsreader: cannot find the home directory: HOME is not an "
	    "absolute path and the password database has none for user ID %ld; set HOME "
	    "(or XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_STATE_HOME)\n"), (long)getuid());
	return false;
}

static void
usage(FILE *out)
{
	fprintf(out,
	    _("Usage: newsreader [OPTION]... [COMMAND [ARG]...]\n"
	    "A terminal news reader that lays out Arabic and English correctly.\n"
	    "Without a command, starts the interactive reader.\n"
	    "\n"
	    "Options:\n"
	    "      --config FILE   config file (default $XDG_CONFIG_HOME/newsreader/config)\n"
	    "      --urls FILE     feed list (default $XDG_CONFIG_HOME/newsreader/urls,\n"
	    "                      or the bundled demo feeds when that does not exist)\n"
	    "      --cache FILE    cache database (default $XDG_DATA_HOME/newsreader/cache.db)\n"
	    "      --offline       never touch the network; read everything from the cache\n"
	    "      --help          show this help and exit\n"
	    "      --version       show the version and exit\n"
	    "\n"
	    "Commands:\n"));
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %s\n", commands[i].synopsis);
	fprintf(out, _("\nSee newsreader(1) for keys, the config file and examples.\n"));
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "urls", required_argument, NULL, 'u' },
		{ "cache", required_argument, NULL, 'd' },
		{ "offline", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_globals g = { .check_names = cli_check_ui_names };
	int c;

	setlocale(LC_ALL, "");
	/*
	 * The plain C/POSIX locale (nothing set, as in a fresh container or a
	 * cron job) cannot show Arabic at all; like Python's PEP 538, coerce it
	 * to C.UTF-8 where that exists. A locale the user chose is kept.
	 */
	const char *ctype = setlocale(LC_CTYPE, NULL);
	if (ctype != NULL && (strcmp(ctype, "C") == 0 || strcmp(ctype, "POSIX") == 0) &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	i18n_init();
	/* '+': stop at the subcommand; its options are its own. */
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': g.config_path = optarg; break;
		case 'u': g.urls_path = optarg; break;
		case 'd': g.cache_path = optarg; break;
		case 'o': g.offline = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		case 'V':
			printf("newsreader %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		default:
			fprintf(stderr, _("Try 'newsreader --help' for more information.\n"));
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		return home_ok() ? cmd_tui(&g, 0, NULL) : EXIT_CONFIG;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[0], commands[i].name) == 0) {
			if (commands[i].files && !home_ok())
				return EXIT_CONFIG;
			optind = 0;	/* reset getopt for the subcommand */
			return commands[i].fn(&g, argc, argv);
		}
	}
	fprintf(stderr, _("newsreader: unknown command '%s'\n"
	    "Try 'newsreader --help' for more information.\n"), argv[0]);
	return EXIT_USAGE;
}
