/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "core/record.h"
#include "forms/form.h"
#include "tui/app.h"
#include "tui/tui.h"
#include "cli/cli.h"

const struct cli_command cli_commands[] = {
	{ .name = "init", .run = cmd_init, .options = cli_init_options,
	  .summary = N_("write the config and create the database") },
	{ .name = "add", .run = cmd_add, .needs_store = STORE_WRITES,
	  .args = "KIND FIELD=VALUE... [FIELD@=FILE]",
	  .summary = N_("log a visit, task, workshop or business; prints the new record's id") },
	{ .name = "edit", .run = cmd_edit, .needs_store = STORE_WRITES,
	  .args = N_("ID FIELD=VALUE... (FIELD= unsets)"),
	  .summary = N_("change fields of a record") },
	{ .name = "delete", .run = cmd_delete, .needs_store = STORE_WRITES, .args = "ID",
	  .summary = N_("delete a record (a tombstone that syncs)") },
	{ .name = "show", .run = cmd_show, .needs_store = STORE_READS, .args = "ID",
	  .options = cli_show_options,
	  .summary = N_("one record with its metadata and reviews") },
	{ .name = "list", .run = cmd_list, .needs_store = STORE_READS,
	  .options = cli_list_options,
	  .filters = 1, .summary = N_("records, newest first") },
	{ .name = "sync", .run = cmd_sync, .needs_store = STORE_WRITES,
	  .options = cli_sync_options,
	  .summary = N_("send and receive records through the shared repository") },
	{ .name = "status", .run = cmd_status, .needs_store = STORE_READS,
	  .options = cli_status_options,
	  .summary = N_("is everything safe on the remote? unsynced records, last sync, "
	  "warnings") },
	{ .name = "export", .run = cmd_export, .needs_store = STORE_READS,
	  .options = cli_export_options,
	  .filters = 1, .summary = N_("records as CSV or JSON") },
	{ .name = "report", .run = cmd_report, .needs_store = STORE_READS,
	  .options = cli_report_options,
	  .filters = 1, .summary = N_("the programme's figures") },
	{ .name = "summary", .run = cmd_summary, .needs_store = STORE_READS, .args = "ID",
	  .options = cli_summary_options,
	  .summary = N_("a visit's summary for the business (or a workshop's attendance "
	  "sheet)") },
	{ .name = "print", .run = cmd_print, .needs_store = STORE_READS, .args = "ID",
	  .options = cli_print_options, .summary = N_("print the summary through lp") },
	{ .name = "review", .run = cmd_review, .needs_store = STORE_WRITES, .args = "ID",
	  .options = cli_review_options,
	  .summary = N_("a coordinator's review of a record: --ok, --flag COMMENT or "
	  "--resolve") },
	{ .name = "business", .run = cmd_business, .needs_store = STORE_WRITES,
	  .args = "merge ID INTO-ID",
	  .summary = N_("two records of one business become one (the other points at it)") },
	{ .name = "agenda", .run = cmd_agenda, .needs_store = STORE_READS,
	  .options = cli_agenda_options,
	  .summary = N_("follow-ups and task due dates that are due or overdue, soonest "
	  "first") },
	{ .name = "forms", .run = cmd_forms, .needs_store = STORE_READS, .args = "[KIND]",
	  .summary = N_("kinds and their fields") },
	{ .name = "check-push", .run = cmd_check_push,
	  .summary = N_("the shared repository's pre-receive hook: refuses what no honest "
	  "laptop sends") },
	{ .name = "help", .run = cmd_help, .args = "[COMMAND]",
	  .summary = N_("this overview, or the options of one command") },
	{ .name = "completion", .run = cmd_completion, .args = "bash",
	  .summary = N_("the shell completion script, written from this table") },
	{ .name = NULL },
};

/* `volunteer CMD --help` anywhere before a lone "--": the command's help, exit 0. */
static int
asks_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
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

	record_json_init();
	i18n_init(NULL);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+c:hV", opts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config = optarg;
			break;
		case 'h':
			cli_print_overview(stdout);
			return 0;
		case 'V':
			printf("volunteer %s\n", VOLUNTEER_VERSION);
			return 0;
		default:
			fprintf(stderr, _("volunteer: unknown option '%s'\nTry 'volunteer --help'.\n"),
			    argv[optind - 1]);
			return 2;
		}
	}
	app.config_path = config_default_path(config);
	app.argc = argc - optind;
	app.argv = argv + optind;

	if (app.argc == 0) {
		const struct screens_module *screens = screens_module(&err);
		status = screens != NULL ? screens->run(&app, &err) : -1;
		if (status < 0)
			status = cli_fail(&err);
		app_close(&app);
		return status;
	}
	if ((c = cli_command_find(app.argv[0])) == NULL) {
		fprintf(stderr, _("volunteer: unknown command '%s'\nTry 'volunteer --help'.\n"),
		    app.argv[0]);
		app_close(&app);
		return 2;
	}
	if (asks_help(app.argc, app.argv)) {
		cli_print_help(stdout, c);
		app_close(&app);
		return 0;
	}
	/* Bad usage is told before the config and the store are even read. */
	if ((status = cli_check_options(&app)) != 0) {
		app_close(&app);
		return status;
	}
	if (c->needs_store != STORE_NONE && (c->needs_store == STORE_READS ?
	    app_open_reading(&app, &err) : app_open(&app, &err)) != 0) {
		status = cli_fail(&err);
		app_close(&app);
		return status;
	}
	if (app.cfg != NULL) {
		int i;
		for (i = 0; i < app.cfg->nwarnings; i++)
			fprintf(stderr, _("volunteer: warning: %s\n"), app.cfg->warnings[i]);
	}
	optind = 0;	/* each command parses its own options from app.argv */
	status = c->run(&app);
	app_close(&app);
	return status;
}
