/*
 * cli.h: the non-interactive commands. Each returns the exit status: 0 done, 1 could not
 * be done, 2 bad usage or invalid input (with a message on stderr naming the argument).
 */
#ifndef VOLUNTEER_CLI_H
#define VOLUNTEER_CLI_H

#include "tui/app.h"

struct cli_command {
	const char *name;
	const char *usage;		/* after "volunteer NAME" */
	const char *summary;
	int (*run)(struct app *app);
	int needs_store;		/* the store is opened before run */
};

/* The command table (tui/main.c). */
extern const struct cli_command cli_commands[];

/* Print err to stderr as "volunteer: msg" and return its exit status. */
int cli_fail(const struct error *err);
/* Print a usage error for cmd and return 2. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Filters shared by list, export and report. */
#include <getopt.h>
#include "core/store.h"
enum {
	OPT_KIND = 256, OPT_VOLUNTEER, OPT_ALL, OPT_MUNICIPALITY, OPT_FROM, OPT_TO, OPT_SEARCH,
	OPT_UNSYNCED, OPT_FLAGGED, OPT_CONFLICTS, OPT_UNREVIEWED, OPT_DELETED, OPT_JSON,
	OPT_FLAGGED_FOR_ME,
	OPT_FIRST_FREE = 300,	/* commands number their own options from here */
};
#define CLI_FILTER_OPTIONS \
	{ "kind", required_argument, NULL, OPT_KIND }, \
	{ "volunteer", required_argument, NULL, OPT_VOLUNTEER }, \
	{ "all", no_argument, NULL, OPT_ALL }, \
	{ "municipality", required_argument, NULL, OPT_MUNICIPALITY }, \
	{ "from", required_argument, NULL, OPT_FROM }, \
	{ "to", required_argument, NULL, OPT_TO }, \
	{ "search", required_argument, NULL, OPT_SEARCH }, \
	{ "unsynced", no_argument, NULL, OPT_UNSYNCED }, \
	{ "flagged", no_argument, NULL, OPT_FLAGGED }, \
	{ "conflicts", no_argument, NULL, OPT_CONFLICTS }, \
	{ "unreviewed", no_argument, NULL, OPT_UNREVIEWED }, \
	{ "deleted", no_argument, NULL, OPT_DELETED }, \
	{ "flagged-for-me", no_argument, NULL, OPT_FLAGGED_FOR_ME }

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
/* Check the filter once every option is in (from ≤ to). */
int cli_filter_finish(struct app *app, struct cli_filter *cf, struct error *err);

int cmd_init(struct app *app);
int cmd_add(struct app *app);
int cmd_edit(struct app *app);
int cmd_delete(struct app *app);
int cmd_show(struct app *app);
int cmd_list(struct app *app);
int cmd_status(struct app *app);
int cmd_forms(struct app *app);
int cmd_sync(struct app *app);		/* tui/cli_sync.c */
int cmd_export(struct app *app);	/* tui/cli_report.c */
int cmd_report(struct app *app);	/* tui/cli_report.c */
int cmd_review(struct app *app);	/* tui/cli_review.c */
int cmd_summary(struct app *app);	/* tui/cli_summary.c */
int cmd_print(struct app *app);		/* tui/cli_summary.c */

/* The terminal UI (tui/ui.c). */
int ui_run(struct app *app);

#endif
