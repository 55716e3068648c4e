/* newsreader print-unread (placeholder until its module lands). */
#include "config.h"

#include <stdio.h>

#include "cli.h"

int
cmd_print_unread(const struct cli_globals *g, int argc, char **argv)
{
	(void)g; (void)argc; (void)argv;
	fprintf(stderr, "newsreader: print-unread: not implemented yet\n");
	return EXIT_FAIL;
}
