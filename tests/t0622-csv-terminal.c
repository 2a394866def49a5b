/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0622-csv-terminal.c: CSV for a terminal loses its controls before the formula guard
 * looks at a cell, in the report as in the export: a municipality "ESC=HYPERLINK(...)"
 * must not become a live formula once its ESC is gone. */
#include <stdlib.h>
#include <string.h>

#include "report/export.h"
#include "report/stats.h"
#include "tap.h"

int
main(void)
{
	static char esc_key[] = "\x1b=HYPERLINK(\"http://evil.example\",\"x\")";
	static char csi_key[] = "\xc2\x9b+SUM(A1)";	/* C1 CSI */
	static char none[] = "";
	struct report_group groups[2];
	struct report rep;
	char *csv;

	memset(&rep, 0, sizeof rep);
	memset(groups, 0, sizeof groups);
	groups[0].key = esc_key;
	groups[1].key = csi_key;
	rep.by = REPORT_BY_MUNICIPALITY;
	rep.groups = groups;
	rep.ngroups = 2;
	rep.total.key = none;

	csv = report_to_csv(&rep, 1, 1, NULL);
	ok(csv != NULL && strstr(csv, "\r\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",")
	    != NULL, "report for a terminal: ESC dropped, then the formula guarded");
	ok(csv != NULL && strstr(csv, "\r\n'+SUM(A1),") != NULL,
	    "report for a terminal: a C1 control dropped, then the formula guarded");
	ok(csv != NULL && strchr(csv, '\x1b') == NULL && strstr(csv, "\xc2\x9b") == NULL,
	    "no control reaches the terminal");
	free(csv);

	csv = report_to_csv(&rep, 1, 0, NULL);
	ok(csv != NULL && strstr(csv, "\r\n\"\x1b=HYPERLINK(") != NULL,
	    "to a file the data is written as it is (no formula there: it starts with ESC)");
	free(csv);

	csv = report_to_csv(&rep, 0, 1, NULL);
	ok(csv != NULL && strstr(csv, "\r\n\"=HYPERLINK(") != NULL,
	    "--no-safe-formulas to a terminal: controls dropped, no guard");
	free(csv);

	csv = csv_field("\x1b=1", 1);
	ok(csv != NULL && strcmp(csv, "\x1b=1") == 0, "csv_field writes the data (no terminal)");
	free(csv);
	return done_testing();
}
