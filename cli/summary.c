/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_summary.c: `volunteer summary` (a visit's summary, a business's history or a
 * workshop's attendance sheet, as PDF or text) and `volunteer print` (the same PDF through lp). The work is in
 * report/summary.h; the terminal UI's `p` key calls the same functions. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/i18n.h"
#include "core/text.h"
#include "report/summary.h"
#include "cli/cli.h"

enum { OPT_FORMAT = OPT_FIRST_FREE, OPT_LANG, OPT_PRINTER, OPT_ATTENDANCE, OPT_ROWS,
	OPT_FORCE, OPT_OUTPUT = 'o' };

/* Write to standard output ("-o -"): the text for a mail, or a PDF for a pipe. */
static int
summary_to_stdout(struct app *app, const char *id, const struct summary_opts *o)
{
	struct error err = { 0 };
	char *data = NULL;
	size_t len;
	int status = 0;

	if (summary_render(app->st, app->cfg, id, o, &data, &len, NULL, &err) != 0)
		return cli_fail(&err);
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "volunteer summary: %s\n", _("cannot write to standard output"));
		status = 1;
	}
	free(data);
	return status;
}

const struct cli_option cli_summary_options[] = {
	{ "format", OPT_FORMAT, "pdf|txt", N_("a PDF (the default) or plain text"), 0 },
	{ "lang", OPT_LANG, "LANG", N_("the language of the summary (es, en, ca, eu, gl; default: the record's)"), 0 },
	{ "attendance", OPT_ATTENDANCE, NULL, N_("a workshop's attendance sheet to sign, "
	  "numbered rows"), 0 },
	{ "rows", OPT_ROWS, "N", N_("rows of the attendance sheet (default: the attendees)"),
	  0 },
	{ "output", OPT_OUTPUT, "FILE", N_("write to FILE (- for standard output)"), 0 },
	{ "force", OPT_FORCE, NULL, N_("replace a file of the same name (else a number is "
	  "added)"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

int
cmd_summary(struct app *app)
{
	const char *optval;
	struct summary_opts o = SUMMARY_OPTS_INIT;
	struct error err = { 0 };
	const char *output = NULL, *id;
	char *written = NULL, *shown, *end;
	long n;
	int opt, rows_given = 0;

	while ((opt = cli_next_option(app, &optval)) > 0) {
		switch (opt) {
		case OPT_FORMAT:
			if (summary_format_parse(optval, &o.fmt, &err) != 0)
				return cli_usage("summary", "%s", err.msg);
			break;
		case OPT_LANG:
			if (summary_lang_check(optval, &err) != 0)
				return cli_usage("summary", "%s", err.msg);
			o.lang = optval;
			break;
		case OPT_ATTENDANCE:
			o.attendance = 1;
			break;
		case OPT_ROWS:
			n = strtol(optval, &end, 10);
			if (end == optval || *end != '\0' || n < 1 || n > SUMMARY_ROWS_MAX)
				return cli_usage("summary", _("--rows: '%s' is not a number of rows "
				    "between 1 and %d"), optval, SUMMARY_ROWS_MAX);
			o.rows = (int)n;
			rows_given = 1;
			break;
		case OPT_FORCE:
			o.force = 1;
			break;
		case OPT_OUTPUT:
			output = optval;
			break;
		}
	}
	if (opt < 0)
		return 2;
	if (rows_given && !o.attendance)
		return cli_usage("summary", "%s", _("--rows goes with --attendance"));
	if (optind + 1 != app->argc)
		return cli_usage("summary", _("give one record id"));
	id = app->argv[optind];
	if (output != NULL && *output == '\0')
		return cli_usage("summary", _("-o: the file name is empty"));
	if (output != NULL && output[0] == '-' && output[1] == '\0')
		return summary_to_stdout(app, id, &o);
	if (summary_write(app->st, app->cfg, id, &o, output, &written, &err) != 0)
		return cli_fail(&err);
	shown = text_sanitize(written, 0, 0);
	printf("%s\n", shown);
	free(shown);
	free(written);
	return fflush(stdout) == 0 ? 0 : 1;
}

const struct cli_option cli_print_options[] = {
	{ "printer", OPT_PRINTER, "NAME", N_("the printer (else [print] printer, else the "
	  "default)"), 0 },
	{ "lang", OPT_LANG, "LANG", N_("the language of the summary (es, en, ca, eu, gl; default: the record's)"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

int
cmd_print(struct app *app)
{
	const char *optval;
	struct error err = { 0 };
	struct summary_opts o = SUMMARY_OPTS_INIT;
	const char *printer = NULL;
	char *reply = NULL;
	int opt;

	while ((opt = cli_next_option(app, &optval)) > 0) {
		switch (opt) {
		case OPT_PRINTER:
			if (*optval == '\0')
				return cli_usage("print", _("--printer: the name is empty"));
			printer = optval;
			break;
		case OPT_LANG:
			if (summary_lang_check(optval, &err) != 0)
				return cli_usage("print", "%s", err.msg);
			o.lang = optval;
			break;
		}
	}
	if (opt < 0)
		return 2;
	if (optind + 1 != app->argc)
		return cli_usage("print", _("give one record id"));
	if (summary_print_record(app->st, app->cfg, app->argv[optind], &o, printer, &reply,
	    &err) != 0)
		return cli_fail(&err);
	if (reply != NULL && *reply)
		printf("%s\n", reply);
	free(reply);
	return fflush(stdout) == 0 ? 0 : 1;
}
