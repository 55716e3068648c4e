/* newsreader reload (placeholder until its module lands). */
#include "config.h"

#include <stdio.h>

#include "cli.h"

int
cmd_reload(const struct cli_globals *g, int argc, char **argv)
{
	(void)g; (void)argc; (void)argv;
	fprintf(stderr, "newsreader: reload: not implemented yet\n");
	return EXIT_FAIL;
}
