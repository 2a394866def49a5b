/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h: the command line: the table of commands (cli/main.c), the one parser of their
 * options and what is written from the table (cli/options.c), the shared filters
 * (cli/filter.c) and output (cli/output.c), and the commands, one file per family. Each
 * command returns the exit status: 0 done, 1 could not be done, 2 bad usage or invalid
 * input (with a message on stderr naming the argument).
 */
#ifndef VOLUNTEER_CLI_H
#define VOLUNTEER_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "tui/app.h"

/*
 * An option of a command, declared once: the parser, --help, the usage errors and the
 * shell completion are all written from these tables. key is what cli_next_option
 * returns; a key that is a letter is also the short option -key.
 */
struct cli_option {
	const char *name;		/* --name */
	int key;
	const char *arg;		/* the value's placeholder ("URL"); NULL for a flag */
	const char *help;		/* one line, N_() */
	int required;			/* shown without brackets; the command checks it */
};

struct cli_command {
	const char *name;
	const char *args;		/* the operands after the name ("ID"), or NULL */
	const char *summary;		/* one line, N_() */
	const struct cli_option *options;	/* ends with { NULL }; NULL: none */
	int filters;			/* also takes cli_filter_options */
	int (*run)(struct app *app);
	int needs_store;		/* STORE_*: how the store is opened before run */
};

/* What a command does with the store: nothing, write (it holds the store alone), or only
 * read (it works beside a running program, the screens, too). */
enum { STORE_NONE, STORE_WRITES, STORE_READS };

/* The command table (cli/main.c), ending with { NULL }. */
extern const struct cli_command cli_commands[];
const struct cli_command *cli_command_find(const char *name);

/* Text from the store or the repository, printed so that no control gets through. */
void cli_put_safe(FILE *f, const char *s, int keep_newlines);
/* v as indented JSON with sorted keys on stdout; 0, or 1 when it cannot be written. */
int cli_print_json(json_t *v);
/* Print err to stderr as "volunteer: msg" and return its exit status. */
int cli_fail(const struct error *err);
/* A usage error of cmd: the message and a hint to `volunteer cmd --help`; returns 2. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * The next option of the running command (app->argv[0]) as its table declares it: its
 * key (> 0) with *arg its value (or NULL), 0 when the options end (optind is then the
 * first operand), -1 after a usage error was printed (the command returns 2).
 */
int cli_next_option(struct app *app, const char **arg);
/* Parse the running command's options once without running it: 0, or 2 after a usage
 * error. Leaves the parser ready for the command. */
int cli_check_options(struct app *app);
/* The usage line of c (filters as "[filters]" unless in full); its help (--help). */
void cli_print_usage(FILE *f, const struct cli_command *c, int filters_in_full);
void cli_print_help(FILE *f, const struct cli_command *c);
/* `volunteer --help`: every command's usage line and summary. */
void cli_print_overview(FILE *f);

/* Filters shared by list, export and report: keys, and their table (cli/options.c). */
#include <stdio.h>
#include "core/store.h"
enum {
	OPT_KIND = 256, OPT_VOLUNTEER, OPT_ALL, OPT_MUNICIPALITY, OPT_FROM, OPT_TO, OPT_SEARCH,
	OPT_UNSYNCED, OPT_FLAGGED, OPT_CONFLICTS, OPT_UNREVIEWED, OPT_DELETED, OPT_JSON,
	OPT_FLAGGED_FOR_ME,
	OPT_FIRST_FREE = 300,	/* commands number their own options from here */
};
extern const struct cli_option cli_filter_options[];

/* A filter being filled from options; the strings point into argv or dates[]. */
struct cli_filter {
	struct record_filter f;
	char from[11], to[11];
	int all;			/* --all or --volunteer given */
	int flagged_for_me;
};
/* Start a filter: by default a volunteer sees their own records, a coordinator all. */
void cli_filter_init(struct app *app, struct cli_filter *cf);
/* Take one of CLI_FILTER_OPTIONS: 1 taken, 0 not a filter option, -1 bad value (err). */
int cli_filter_option(struct cli_filter *cf, int opt, const char *arg, struct error *err);
/* cli_next_option for a command that takes filters: they go into cf as they come (a bad
 * value is a usage error, -1), and the command sees only its own options. */
int cli_next_filtered(struct app *app, struct cli_filter *cf, const char **arg);
/* Check the filter once every option is in (from ≤ to). */
int cli_filter_finish(struct app *app, struct cli_filter *cf, struct error *err);

int cmd_init(struct app *app);		/* cli/init.c */
int cmd_add(struct app *app);		/* cli/records.c */
int cmd_edit(struct app *app);		/* cli/records.c */
int cmd_delete(struct app *app);		/* cli/records.c */
int cmd_show(struct app *app);		/* cli/records.c */
int cmd_list(struct app *app);		/* cli/records.c */
int cmd_status(struct app *app);	/* cli/status.c */
int cmd_forms(struct app *app);		/* cli/forms.c */
int cmd_sync(struct app *app);		/* cli/sync.c */
int cmd_check_push(struct app *app);	/* cli/sync.c */
int cmd_export(struct app *app);	/* cli/report.c */
int cmd_report(struct app *app);	/* cli/report.c */
int cmd_review(struct app *app);	/* cli/review.c */
int cmd_summary(struct app *app);	/* cli/summary.c */
int cmd_print(struct app *app);		/* cli/summary.c */
int cmd_business(struct app *app);	/* cli/business.c */
int cmd_agenda(struct app *app);	/* cli/business.c */
extern const struct cli_option cli_agenda_options[];
/* show BUSINESS: its visits and tasks, oldest first, after its own data (cli/business.c);
 * as JSON, o gets "history", an array of records as `list --json` shows them. */
void cli_business_history_text(struct app *app, const struct record *b);
int cli_business_history_json(struct app *app, const struct record *b, json_t *o,
    struct error *err);
int cmd_help(struct app *app);		/* cli/options.c */
int cmd_completion(struct app *app);	/* cli/options.c */

/* Each command's options, beside the command. */
extern const struct cli_option cli_init_options[], cli_show_options[], cli_list_options[],
    cli_status_options[], cli_sync_options[], cli_export_options[], cli_report_options[],
    cli_summary_options[], cli_print_options[], cli_review_options[];


#endif
