/* ui.c: the terminal UI; until it lands, a short screen saying what works. */
#include <stdio.h>

#include "core/i18n.h"
#include "tui/cli.h"

int
ui_run(struct app *app)
{
	struct error err = { 0 };

	if (app_open(app, &err) != 0)
		return cli_fail(&err);
	printf("volunteer %s\n\n", VOLUNTEER_VERSION);
	printf("%s\n", _("The terminal screens are on their way. The command line works fully:"));
	printf("  volunteer add visit business=\"Panadería Las Eras\" date=2026-11-20\n"
	    "  volunteer list\n  volunteer show ID\n  volunteer --help\n");
	return 0;
}
