/*
 * main.c: the command line. `volunteer` alone starts the terminal UI; `volunteer CMD ...`
 * runs one command from the table below and exits with its status.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "forms/form.h"
#include "tui/app.h"
#include "tui/cli.h"

const struct cli_command cli_commands[] = {
	{ .name = "init", .run = cmd_init,
	  .usage = "--id ID --name NAME [--email E] [--remote URL] [--municipality M]"
	  " [--role volunteer|coordinator] [--data-dir DIR] [--force]",
	  .summary = "write the config and create the database" },
	{ .name = "add", .run = cmd_add, .needs_store = 1,
	  .usage = "KIND FIELD=VALUE... [FIELD@=FILE]",
	  .summary = "log a visit, task or workshop; prints the new record's id" },
	{ .name = "edit", .run = cmd_edit, .needs_store = 1,
	  .usage = "ID FIELD=VALUE... (FIELD= unsets)",
	  .summary = "change fields of a record" },
	{ .name = "delete", .run = cmd_delete, .needs_store = 1, .usage = "ID",
	  .summary = "delete a record (a tombstone that syncs)" },
	{ .name = "show", .run = cmd_show, .needs_store = 1, .usage = "ID [--json]",
	  .summary = "one record with its metadata and reviews" },
	{ .name = "list", .run = cmd_list, .needs_store = 1,
	  .usage = "[--kind K] [--volunteer V|--all] [--municipality M] [--from D] [--to D]"
	  " [--search TEXT] [--unsynced] [--flagged] [--flagged-for-me] [--conflicts] [--limit N]"
	  " [--count] [--json]",
	  .summary = "records, newest first" },
	{ .name = "sync", .run = cmd_sync, .needs_store = 1,
	  .usage = "[--dry-run] [--remote URL] [--json]",
	  .summary = "send and receive records through the shared repository" },
	{ .name = "status", .run = cmd_status, .needs_store = 1, .usage = "[--json]",
	  .summary = "unsynced records, last sync, remote, warnings" },
	{ .name = "export", .run = cmd_export, .needs_store = 1,
	  .usage = "--csv|--json [--bom] [--no-safe-formulas] [filters] [-o FILE]",
	  .summary = "records as CSV or JSON" },
	{ .name = "report", .run = cmd_report, .needs_store = 1,
	  .usage = "[--by municipality|volunteer|month] [filters] [--csv] [--no-safe-formulas]",
	  .summary = "the programme's figures" },
	{ .name = "summary", .run = cmd_summary, .needs_store = 1,
	  .usage = "ID [--format pdf|txt] [--lang es|en] [-o FILE]",
	  .summary = "a visit's summary for the business (or a workshop's attendance sheet)" },
	{ .name = "print", .run = cmd_print, .needs_store = 1,
	  .usage = "ID [--printer NAME] [--lang es|en]",
	  .summary = "print the summary through lp" },
	{ .name = "review", .run = cmd_review, .needs_store = 1,
	  .usage = "ID --ok [--comment TEXT] | --flag COMMENT | --resolve [--take FILE]",
	  .summary = "a coordinator's review of a record" },
	{ .name = "forms", .run = cmd_forms, .needs_store = 1, .usage = "[KIND]",
	  .summary = "kinds and their fields" },
	{ .name = NULL },
};

static void
usage(FILE *f)
{
	const struct cli_command *c;

	fprintf(f, "usage: volunteer [--config FILE]                 start the terminal UI\n");
	for (c = cli_commands; c->name != NULL; c++)
		fprintf(f, "       volunteer [--config FILE] %s %s\n", c->name, c->usage);
	fprintf(f, "       volunteer --help | --version\n\ncommands:\n");
	for (c = cli_commands; c->name != NULL; c++)
		fprintf(f, "  %-8s %s\n", c->name, c->summary);
	fprintf(f, "\nExit status: 0 done, 1 could not be done, 2 bad usage or input.\n"
	    "See volunteer(1).\n");
}

int
cli_fail(const struct error *err)
{
	fprintf(stderr, "volunteer: %s\n", err->msg[0] ? err->msg : "failed");
	return error_exit_status(err) ? error_exit_status(err) : 1;
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	const struct cli_command *c;
	va_list ap;

	fprintf(stderr, "volunteer %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	for (c = cli_commands; c->name != NULL; c++)
		if (strcmp(c->name, cmd) == 0)
			fprintf(stderr, "usage: volunteer %s %s\n", c->name, c->usage);
	return 2;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *c;
	struct app app = { 0 };
	struct error err = { 0 };
	const char *config = NULL;
	int opt, status;

	i18n_init(NULL);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+c:hV", opts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("volunteer %s\n", VOLUNTEER_VERSION);
			return 0;
		default:
			fprintf(stderr, "volunteer: unknown option '%s'\n", argv[optind - 1]);
			usage(stderr);
			return 2;
		}
	}
	app.config_path = config_default_path(config);
	app.argc = argc - optind;
	app.argv = argv + optind;

	if (app.argc == 0) {
		status = ui_run(&app);
		app_close(&app);
		return status;
	}
	for (c = cli_commands; c->name != NULL; c++)
		if (strcmp(c->name, app.argv[0]) == 0)
			break;
	if (c->name == NULL) {
		fprintf(stderr, "volunteer: unknown command '%s'\n", app.argv[0]);
		usage(stderr);
		app_close(&app);
		return 2;
	}
	if (c->needs_store && app_open(&app, &err) != 0) {
		status = cli_fail(&err);
		app_close(&app);
		return status;
	}
	if (app.cfg != NULL) {
		int i;
		for (i = 0; i < app.cfg->nwarnings; i++)
			fprintf(stderr, "volunteer: warning: %s\n", app.cfg->warnings[i]);
	}
	optind = 0;	/* each command parses its own options from app.argv */
	status = c->run(&app);
	app_close(&app);
	return status;
}
