/* cli_summary.c: `volunteer summary` (a visit's summary or a workshop's attendance sheet,
 * as PDF or text) and `volunteer print` (the same PDF through lp). The work is in
 * report/summary.h; the terminal UI's `p` key calls the same functions. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/i18n.h"
#include "core/text.h"
#include "report/summary.h"
#include "tui/cli.h"

enum { OPT_FORMAT = OPT_FIRST_FREE, OPT_LANG, OPT_OUTPUT, OPT_PRINTER };

/* Write to standard output ("-o -"): the text for a mail, or a PDF for a pipe. */
static int
summary_to_stdout(struct app *app, const char *id, enum summary_format fmt, const char *lang)
{
	struct error err = { 0 };
	char *data = NULL;
	size_t len;
	int status = 0;

	if (summary_render(app->st, app->cfg, id, fmt, lang, &data, &len, NULL, &err) != 0)
		return cli_fail(&err);
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "volunteer summary: %s\n", _("cannot write to standard output"));
		status = 1;
	}
	free(data);
	return status;
}

int
cmd_summary(struct app *app)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ NULL, 0, NULL, 0 },
	};
	enum summary_format fmt = SUMMARY_PDF;
	struct error err = { 0 };
	const char *lang = NULL, *output = NULL, *id;
	char *written = NULL, *shown;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(app->argc, app->argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case OPT_FORMAT:
			if (summary_format_parse(optarg, &fmt, &err) != 0)
				return cli_usage("summary", "%s", err.msg);
			break;
		case OPT_LANG:
			if (summary_lang_check(optarg, &err) != 0)
				return cli_usage("summary", "%s", err.msg);
			lang = optarg;
			break;
		case 'o':
		case OPT_OUTPUT:
			output = optarg;
			break;
		default:
			return cli_usage("summary", "unknown option or missing value '%s'",
			    app->argv[optind - 1]);
		}
	}
	if (optind + 1 != app->argc)
		return cli_usage("summary", "give one record id");
	id = app->argv[optind];
	if (output != NULL && *output == '\0')
		return cli_usage("summary", "-o: the file name is empty");
	if (output != NULL && output[0] == '-' && output[1] == '\0')
		return summary_to_stdout(app, id, fmt, lang);
	if (summary_write(app->st, app->cfg, id, fmt, lang, output, &written, &err) != 0)
		return cli_fail(&err);
	shown = text_sanitize(written, 0, 0);
	printf("%s\n", shown);
	free(shown);
	free(written);
	return fflush(stdout) == 0 ? 0 : 1;
}

int
cmd_print(struct app *app)
{
	static const struct option opts[] = {
		{ "printer", required_argument, NULL, OPT_PRINTER },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ NULL, 0, NULL, 0 },
	};
	struct error err = { 0 };
	const char *printer = NULL, *lang = NULL;
	char *reply = NULL;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(app->argc, app->argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case OPT_PRINTER:
			if (*optarg == '\0')
				return cli_usage("print", "--printer: the name is empty");
			printer = optarg;
			break;
		case OPT_LANG:
			if (summary_lang_check(optarg, &err) != 0)
				return cli_usage("print", "%s", err.msg);
			lang = optarg;
			break;
		default:
			return cli_usage("print", "unknown option or missing value '%s'",
			    app->argv[optind - 1]);
		}
	}
	if (optind + 1 != app->argc)
		return cli_usage("print", "give one record id");
	if (summary_print_record(app->st, app->cfg, app->argv[optind], lang, printer, &reply,
	    &err) != 0)
		return cli_fail(&err);
	if (reply != NULL && *reply)
		printf("%s\n", reply);
	free(reply);
	return fflush(stdout) == 0 ? 0 : 1;
}
