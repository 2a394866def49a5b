/* SPDX-License-Identifier: GPL-3.0-or-later */
/* business.c: the business registry's commands: `business merge ID INTO-ID`. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/business.h"
#include "core/i18n.h"

int
cmd_business(struct app *app)
{
	struct error err = { 0 };
	long moved = 0;

	if (app->argc < 2 || strcmp(app->argv[1], "merge") != 0)
		return cli_usage("business", "%s", _("give merge ID INTO-ID"));
	if (app->argc != 4)
		return cli_usage("business", "%s", _("merge takes two business ids: ID INTO-ID"));
	if (business_merge(app->st, app->argv[2], app->argv[3], app->cfg->id, &moved,
	    &err) != 0)
		return cli_fail(&err);
	printf(ngettext("merged: %ld record moved\n", "merged: %ld records moved\n",
	    (unsigned long)moved), moved);
	return fflush(stdout) == 0 ? 0 : 1;
}
