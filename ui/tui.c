/* The interactive reader (placeholder until issue 4 lands). */
#include "config.h"

#include <stdio.h>

#include "cli.h"

int
cmd_tui(const struct cli_globals *g, int argc, char **argv)
{
	(void)g; (void)argc; (void)argv;
	fprintf(stderr, "newsreader: the interactive reader is not there yet; "
	    "try 'newsreader --help' for the commands that are\n");
	return EXIT_FAIL;
}
