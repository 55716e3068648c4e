/* newsreader dump-feed (placeholder until its module lands). */
#include "config.h"

#include <stdio.h>

#include "cli.h"

int
cmd_dump_feed(const struct cli_globals *g, int argc, char **argv)
{
	(void)g; (void)argc; (void)argv;
	fprintf(stderr, "newsreader: dump-feed: not implemented yet\n");
	return EXIT_FAIL;
}
