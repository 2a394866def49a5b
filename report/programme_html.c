/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * programme_html.c: PLACEHOLDER so that `report --format html` links on this branch.
 * The real HTML report is written on its own branch (report/programme_html.c there,
 * with report/chart_svg.c): when merging, take that file and drop this one.
 */
#include "core/i18n.h"
#include "report/programme_html.h"

int
programme_render_html(const struct programme *p, const char *programme_name,
    const char *lang, char **out, size_t *len, struct error *err)
{
	(void)p;
	(void)programme_name;
	(void)lang;
	*out = NULL;
	*len = 0;
	return error_set(err, ERR_FAILED, "--format", _("--format html: the HTML report is not "
	    "built in this version"));
}
