/* cli_sync.c: placeholder until its issue lands. */
#include <stdio.h>

#include "tui/cli.h"

int
cmd_sync(struct app *app)
{
	fprintf(stderr, "volunteer %s: not available in this version yet\n", app->argv[0]);
	return 1;
}
