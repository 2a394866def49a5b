/* SPDX-License-Identifier: GPL-3.0-or-later */
/* filter.c: the filter options that list, export and report share. See cli.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"

void
cli_filter_init(struct app *app, struct cli_filter *cf)
{
	memset(cf, 0, sizeof *cf);
	if (app->cfg->role != ROLE_COORDINATOR)
		cf->f.volunteer = app->cfg->id;
}

int
cli_filter_option(struct cli_filter *cf, int opt, const char *arg, struct error *err)
{
	switch (opt) {
	case OPT_KIND:
		if (!record_kind_valid(arg))
			return error_set(err, ERR_INVALID, "--kind", _("--kind: unknown kind '%s' "
			    "(visit, task, workshop or business)"), arg);
		cf->f.kind = arg;
		return 1;
	case OPT_VOLUNTEER:
		cf->f.volunteer = arg;
		cf->all = 1;
		return 1;
	case OPT_ALL:
		cf->f.volunteer = NULL;
		cf->all = 1;
		return 1;
	case OPT_MUNICIPALITY:
		cf->f.municipality = arg;
		return 1;
	case OPT_FROM:
	case OPT_TO:
		if (date_parse(arg, opt == OPT_FROM ? cf->from : cf->to) != 0)
			return error_set(err, ERR_INVALID, opt == OPT_FROM ? "--from" : "--to",
			    _("%s: '%s' is not a valid date (use 2026-11-20 or 20/11/2026)"),
			    opt == OPT_FROM ? "--from" : "--to", arg);
		if (opt == OPT_FROM)
			cf->f.from = cf->from;
		else
			cf->f.to = cf->to;
		return 1;
	case OPT_SEARCH:
		cf->f.search = arg;
		return 1;
	case OPT_UNSYNCED:
		cf->f.only_unsynced = 1;
		return 1;
	case OPT_FLAGGED:
		cf->f.only_flagged = 1;
		return 1;
	case OPT_CONFLICTS:
		cf->f.only_conflict = 1;
		return 1;
	case OPT_UNREVIEWED:
		cf->f.only_unreviewed = 1;
		return 1;
	case OPT_DELETED:
		cf->f.include_deleted = 1;
		return 1;
	case OPT_FLAGGED_FOR_ME:
		cf->flagged_for_me = 1;
		return 1;
	}
	return 0;
}

int
cli_next_filtered(struct app *app, struct cli_filter *cf, const char **arg)
{
	struct error err = { 0 };
	int key, taken;

	while ((key = cli_next_option(app, arg)) > 0) {
		if ((taken = cli_filter_option(cf, key, *arg, &err)) < 0) {
			cli_fail(&err);
			return -1;
		}
		if (!taken)
			return key;
	}
	return key;
}

int
cli_filter_finish(struct app *app, struct cli_filter *cf, struct error *err)
{
	if (cf->f.from && cf->f.to && strcmp(cf->f.from, cf->f.to) > 0)
		return error_set(err, ERR_INVALID, "--to", _("--to: %s is before --from %s"),
		    cf->f.to, cf->f.from);
	if (cf->f.search && !utf8_valid(cf->f.search, strlen(cf->f.search)))
		return error_set(err, ERR_INVALID, "--search", _("--search: not valid UTF-8"));
	if (cf->flagged_for_me)
		cf->f.flagged_for = app->cfg->id;
	/* The registry is there with --kind business; without, the work logged. */
	cf->f.work_only = 1;
	return 0;
}
