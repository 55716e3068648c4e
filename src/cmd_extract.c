/* newsreader extract (placeholder until its module lands). */
#include "config.h"

#include <stdio.h>

#include "cli.h"

int
cmd_extract(const struct cli_globals *g, int argc, char **argv)
{
	(void)g; (void)argc; (void)argv;
	fprintf(stderr, "newsreader: extract: not implemented yet\n");
	return EXIT_FAIL;
}
