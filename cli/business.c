/* SPDX-License-Identifier: GPL-3.0-or-later */
/* business.c: the business registry's commands: `business merge ID INTO-ID`, `agenda`,
 * and the history that `show BUSINESS` adds to the business's own data. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/business.h"
#include "core/i18n.h"
#include "core/store_business.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/export.h"
#include "report/record_json.h"

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

/* ---- show BUSINESS: its data (cli/records.c) and then its whole history ---- */

/* A field of r as its form shows it ("" when unset); caller frees. */
static char *
shown_value(const struct record *r, const char *name)
{
	const struct form *form = forms_get(r->kind);
	const struct form_field *fd = form ? form_field(form, name) : NULL;
	json_t *v = json_object_get(r->fields, name);

	if (fd == NULL || v == NULL || json_is_null(v))
		return xstrdup("");
	return export_value_label(fd, v, i18n_lang(), ", ");
}

static int
print_history_row(const struct record *r, void *payload)
{
	const struct form *form = forms_get(r->kind);
	const char *title = record_field_str(r, "title");
	char date[DATE_LEN + 1], *status, *due, *follow;

	(void)payload;
	record_sort_date(r, date);
	printf("  %s  %-8s ", date, form ? form_title(form, i18n_lang()) : r->kind);
	cli_put_safe(stdout, title ? title : record_label(r), 0);
	status = shown_value(r, "status");
	due = shown_value(r, "due");
	follow = shown_value(r, "follow_up");
	if (*status) {
		fputs(" · ", stdout);
		cli_put_safe(stdout, status, 0);
	}
	if (*due)
		printf(" · %s %s", _("due"), due);
	if (*follow)
		printf(" · %s %s", _("follow-up"), follow);
	if (r->flagged)
		printf(" · %s", _("flagged"));
	if (r->conflict)
		printf(" · %s", _("conflict"));
	printf("  %.13s\n", r->id);
	free(status);
	free(due);
	free(follow);
	return 0;
}

void
cli_business_history_text(struct app *app, const struct record *b)
{
	printf("%s:\n", _("history"));
	store_business_records(app->st, b->id, NULL, print_history_row, NULL, NULL);
}

struct history_json {
	struct store *st;
	json_t *array;
};

static int
add_history_json(const struct record *r, void *payload)
{
	struct history_json *h = payload;

	json_array_append_new(h->array, record_json(h->st, r));
	return 0;
}

int
cli_business_history_json(struct app *app, const struct record *b, json_t *o,
    struct error *err)
{
	struct history_json h = { app->st, json_array() };

	json_object_set_new(o, "history", h.array);
	return store_business_records(app->st, b->id, NULL, add_history_json, &h, err);
}

/* ---- agenda ---- */

enum { OPT_DAYS = OPT_FIRST_FREE + 40 };

const struct cli_option cli_agenda_options[] = {
	{ "days", OPT_DAYS, "N", N_("also what falls due in the next N days (0 to 366)"), 0 },
	{ "json", OPT_JSON, NULL, N_("the agenda as JSON"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

struct agenda_out {
	struct app *app;
	const char *today;
	json_t *array;		/* --json */
	long n;
};

static int
print_agenda_row(const struct record *r, const char *when, void *payload)
{
	struct agenda_out *a = payload;
	const char *title = record_field_str(r, "title"), *business;
	json_t *o;

	a->n++;
	business = record_field_str(r, "business");
	if (a->array != NULL) {
		o = json_pack("{s:s, s:s, s:s}", "when", when, "what",
		    strcmp(r->kind, "visit") == 0 ? "follow_up" : "due", "overdue",
		    strcmp(when, a->today) < 0 ? "yes" : "no");
		json_object_set_new(o, "record", record_json(a->app->st, r));
		json_array_append_new(a->array, o);
		return 0;
	}
	printf("%s  %-9s ", when, strcmp(when, a->today) < 0 ? _("overdue") :
	    strcmp(when, a->today) == 0 ? _("today") : _("upcoming"));
	printf("%-10s ", strcmp(r->kind, "visit") == 0 ? _("follow-up") : _("task due"));
	cli_put_safe(stdout, business ? business : "", 0);
	if (title != NULL) {
		fputs(" · ", stdout);
		cli_put_safe(stdout, title, 0);
	}
	printf("  %.13s\n", r->id);
	return 0;
}

int
cmd_agenda(struct app *app)
{
	struct agenda_out a = { .app = app };
	struct error err = { 0 };
	char today[DATE_LEN + 1], until[DATE_LEN + 1], *end;
	const char *arg;
	long days = 0;
	int opt, json = 0, status = 0;
	time_t t;
	struct tm tm;

	while ((opt = cli_next_option(app, &arg)) > 0) {
		if (opt == OPT_JSON)
			json = 1;
		else {
			errno = 0;
			days = strtol(arg, &end, 10);
			if (errno || *end || end == arg || days < 0 || days > 366)
				return cli_usage("agenda", _("--days: '%s' is not a number of days "
				    "from 0 to 366"), arg);
		}
	}
	if (opt < 0)
		return 2;
	if (optind != app->argc)
		return cli_usage("agenda", "%s", _("agenda takes no operand"));
	clock_today(today);
	t = time(NULL) + days * 86400;
	localtime_r(&t, &tm);
	strftime(until, sizeof until, "%Y-%m-%d", &tm);
	a.today = today;
	a.array = json ? json_array() : NULL;
	if (store_agenda(app->st, app->cfg->id, until, print_agenda_row, &a, &err) != 0) {
		json_decref(a.array);
		return cli_fail(&err);
	}
	if (json)
		status = cli_print_json(a.array);
	else if (a.n == 0)
		printf("%s\n", _("nothing due"));
	json_decref(a.array);
	return status != 0 ? status : fflush(stdout) == 0 ? 0 : 1;
}
