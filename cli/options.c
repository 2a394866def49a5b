/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli_options.c: the one parser of the commands' options, and everything written from the
 * command table: `--help`, `volunteer help CMD`, `volunteer CMD --help`, the one-line
 * usage errors and the bash completion. See cli.h.
 *
 * Each command declares its options once, in its file, as a struct cli_option table; the
 * parser builds getopt_long's arrays from it, so that what --help says is what the
 * command takes.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "forms/form.h"
#include "cli/cli.h"

#define MAX_OPTIONS 48

const struct cli_option cli_filter_options[] = {
	{ "kind", OPT_KIND, "KIND", N_("only records of this kind (visit, task, workshop)"), 0 },
	{ "volunteer", OPT_VOLUNTEER, "ID", N_("only the records of this volunteer"), 0 },
	{ "all", OPT_ALL, NULL, N_("every volunteer's records (a coordinator's default)"), 0 },
	{ "municipality", OPT_MUNICIPALITY, "M", N_("only records of this municipality"), 0 },
	{ "from", OPT_FROM, "DATE", N_("from this date (2026-11-20 or 20/11/2026)"), 0 },
	{ "to", OPT_TO, "DATE", N_("up to this date, included"), 0 },
	{ "search", OPT_SEARCH, "TEXT", N_("records holding these words (accents ignored)"), 0 },
	{ "unsynced", OPT_UNSYNCED, NULL, N_("only records not yet on the shared repository"), 0 },
	{ "flagged", OPT_FLAGGED, NULL, N_("only records a coordinator flagged"), 0 },
	{ "flagged-for-me", OPT_FLAGGED_FOR_ME, NULL, N_("only my records that were flagged"), 0 },
	{ "conflicts", OPT_CONFLICTS, NULL, N_("only records edited on two devices"), 0 },
	{ "unreviewed", OPT_UNREVIEWED, NULL, N_("only records no coordinator reviewed"), 0 },
	{ "deleted", OPT_DELETED, NULL, N_("include deleted records"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

const struct cli_command *
cli_command_find(const char *name)
{
	const struct cli_command *c;

	for (c = cli_commands; name != NULL && c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* Every option of c, its own then the filters, into out (at most max); the count. */
static size_t
options_of(const struct cli_command *c, const struct cli_option **out, size_t max)
{
	const struct cli_option *o;
	size_t n = 0;

	for (o = c->options; o != NULL && o->name != NULL && n < max; o++)
		out[n++] = o;
	for (o = c->filters ? cli_filter_options : NULL; o != NULL && o->name != NULL &&
	    n < max; o++)
		out[n++] = o;
	return n;
}

int
cli_fail(const struct error *err)
{
	fprintf(stderr, "volunteer: %s\n", err->msg[0] ? err->msg : _("failed"));
	return error_exit_status(err) ? error_exit_status(err) : 1;
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "volunteer %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, _("Try 'volunteer %s --help'.\n"), cmd);
	return 2;
}

int
cli_next_option(struct app *app, const char **arg)
{
	static const struct cli_command *built;
	static struct option longopts[MAX_OPTIONS + 1];
	static char shortopts[2 * MAX_OPTIONS + 2];
	const struct cli_option *all[MAX_OPTIONS];
	const struct cli_command *c = cli_command_find(app->argv[0]);
	size_t n, i, k = 0;
	int key;

	*arg = NULL;
	if (c == NULL)
		return 0;
	n = options_of(c, all, MAX_OPTIONS);
	if (built != c) {
		memset(longopts, 0, sizeof longopts);
		shortopts[k++] = ':';	/* a missing value is ':' , not '?' */
		for (i = 0; i < n; i++) {
			longopts[i].name = all[i]->name;
			longopts[i].has_arg = all[i]->arg ? required_argument : no_argument;
			longopts[i].val = all[i]->key;
			if (all[i]->key > 0 && all[i]->key < 128) {
				shortopts[k++] = (char)all[i]->key;
				if (all[i]->arg)
					shortopts[k++] = ':';
			}
		}
		shortopts[k] = '\0';
		built = c;
	}
	opterr = 0;
	key = getopt_long(app->argc, app->argv, shortopts, longopts, NULL);
	if (key == -1)
		return 0;
	if (key == ':') {
		for (i = 0; i < n; i++)
			if (optopt == all[i]->key)
				break;
		cli_usage(c->name, _("%s needs a value (%s)"), app->argv[optind - 1],
		    i < n ? all[i]->arg : "?");
		return -1;
	}
	if (key == '?') {
		cli_usage(c->name, _("unknown option '%s'"), app->argv[optind - 1]);
		return -1;
	}
	*arg = optarg;
	return key;
}

int
cli_check_options(struct app *app)
{
	const char *arg;
	int key;

	optind = 0;
	while ((key = cli_next_option(app, &arg)) > 0)
		;
	optind = 0;
	return key < 0 ? 2 : 0;
}

/* "--name ARG", or "-o, --output FILE" for an option with a letter of its own. */
static int
option_text(const struct cli_option *o, char *buf, size_t size)
{
	char letter[8] = "";

	if (o->key > 0 && o->key < 128)
		snprintf(letter, sizeof letter, "-%c, ", o->key);
	return snprintf(buf, size, "%s--%s%s%s", letter, o->name, o->arg ? " " : "",
	    o->arg ? o->arg : "");
}

/* The commands of the table, separated by spaces. */
static void
print_commands(FILE *f)
{
	const struct cli_command *c;

	for (c = cli_commands; c->name != NULL; c++)
		fprintf(f, "%s%s", c == cli_commands ? "" : " ", c->name);
}

/* The kinds, as the forms define them, separated by spaces. */
static void
print_kinds(FILE *f)
{
	size_t i;

	for (i = 0; i < forms_count(); i++)
		fprintf(f, "%s%s", i ? " " : "", forms_at(i)->kind);
}

void
cli_print_usage(FILE *f, const struct cli_command *c, int filters_in_full)
{
	const struct cli_option *o;
	char buf[96];

	fprintf(f, "volunteer %s", c->name);
	if (c->args && *c->args)
		fprintf(f, " %s", _(c->args));
	for (o = c->options; o != NULL && o->name != NULL; o++) {
		snprintf(buf, sizeof buf, "--%s%s%s", o->name, o->arg ? " " : "",
		    o->arg ? o->arg : "");
		fprintf(f, o->required ? " %s" : " [%s]", buf);
	}
	if (c->filters && !filters_in_full)
		fprintf(f, " [%s]", _("filters"));
	for (o = c->filters && filters_in_full ? cli_filter_options : NULL;
	    o != NULL && o->name != NULL; o++) {
		snprintf(buf, sizeof buf, "--%s%s%s", o->name, o->arg ? " " : "",
		    o->arg ? o->arg : "");
		fprintf(f, " [%s]", buf);
	}
	fputc('\n', f);
}

static void
print_options(FILE *f, const struct cli_option *o)
{
	char buf[96];

	for (; o != NULL && o->name != NULL; o++) {
		option_text(o, buf, sizeof buf);
		fprintf(f, "  %-24s %s\n", buf, _(o->help));
	}
}

void
cli_print_help(FILE *f, const struct cli_command *c)
{
	fprintf(f, "%s ", _("usage:"));
	cli_print_usage(f, c, 0);
	fprintf(f, "%s\n", _(c->summary));
	if (c->options != NULL && c->options[0].name != NULL) {
		fprintf(f, "\n%s\n", _("options:"));
		print_options(f, c->options);
	}
	if (c->filters) {
		fprintf(f, "\n%s\n", _("filters:"));
		print_options(f, cli_filter_options);
	}
}

void
cli_print_overview(FILE *f)
{
	const struct cli_command *c;

	fprintf(f, "%s volunteer [--config FILE]        %s\n", _("usage:"),
	    _("start the terminal UI"));
	for (c = cli_commands; c->name != NULL; c++) {
		fputs("       ", f);
		cli_print_usage(f, c, 0);
	}
	fputs("       volunteer COMMAND --help | --help | --version\n", f);
	fprintf(f, "\n%s\n", _("commands:"));
	for (c = cli_commands; c->name != NULL; c++)
		fprintf(f, "  %-10s %s\n", c->name, _(c->summary));
	fprintf(f, "\n%s\n", _("filters (list, export, report):"));
	print_options(f, cli_filter_options);
	fprintf(f, "\n%s\n%s\n", _("Exit status: 0 done, 1 could not be done, 2 bad usage or "
	    "input."), _("See volunteer(1)."));
}

/* bash: the commands, each command's options, and the kinds where a kind is asked. */
static void
print_bash_completion(FILE *f)
{
	const struct cli_option *all[MAX_OPTIONS];
	const struct cli_command *c;
	size_t n, i;

	fputs("# bash completion for volunteer, written by `volunteer completion bash`\n"
	    "_volunteer() {\n"
	    "\tlocal cur prev cmd i opts\n"
	    "\tcur=${COMP_WORDS[COMP_CWORD]}\n"
	    "\tprev=${COMP_WORDS[COMP_CWORD-1]}\n"
	    "\tcmd=\n"
	    "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	    "\t\tcase ${COMP_WORDS[i]} in\n"
	    "\t\t--config) i=$((i + 1)) ;;\n"
	    "\t\t-*) ;;\n"
	    "\t\t*) cmd=${COMP_WORDS[i]}; break ;;\n"
	    "\t\tesac\n"
	    "\tdone\n"
	    "\tif [ -z \"$cmd\" ]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"", f);
	print_commands(f);
	fputs(" --config --help --version\" -- \"$cur\"))\n"
	    "\t\treturn\n"
	    "\tfi\n"
	    "\tcase $prev in\n"
	    "\t--kind) COMPREPLY=($(compgen -W \"", f);
	print_kinds(f);
	fputs("\" -- \"$cur\")); return ;;\n"
	    "\tesac\n"
	    "\tcase $cmd in\n", f);
	for (c = cli_commands; c->name != NULL; c++) {
		n = options_of(c, all, MAX_OPTIONS);
		fprintf(f, "\t%s) opts=\"--help", c->name);
		for (i = 0; i < n; i++)
			fprintf(f, " --%s", all[i]->name);
		fputs("\" ;;\n", f);
	}
	fputs("\thelp) COMPREPLY=($(compgen -W \"", f);
	print_commands(f);
	fputs("\" -- \"$cur\")); return ;;\n"
	    "\tesac\n"
	    "\tif [ \"$cur\" = \"${cur#-}\" ] && [ \"$prev\" = \"$cmd\" ] &&\n"
	    "\t    { [ \"$cmd\" = add ] || [ \"$cmd\" = forms ]; }; then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"", f);
	print_kinds(f);
	fputs("\" -- \"$cur\"))\n"
	    "\telse\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	    "\tfi\n"
	    "}\n"
	    "complete -F _volunteer volunteer\n", f);
}

int
cmd_completion(struct app *app)
{
	struct error err = { 0 };

	if (app->argc != 2 || strcmp(app->argv[1], "bash") != 0)
		return cli_usage("completion", _("give the shell: bash"));
	/* The kinds of the embedded forms: a completion script does not depend on a config. */
	if (forms_count() == 0 && forms_init(NULL, &err) != 0)
		return cli_fail(&err);
	print_bash_completion(stdout);
	return fflush(stdout) == 0 ? 0 : 1;
}

int
cmd_help(struct app *app)
{
	const struct cli_command *c;

	if (app->argc > 2)
		return cli_usage("help", _("give at most one command"));
	if (app->argc == 1) {
		cli_print_overview(stdout);
		return 0;
	}
	if ((c = cli_command_find(app->argv[1])) == NULL)
		return cli_usage("help", _("unknown command '%s'"), app->argv[1]);
	cli_print_help(stdout, c);
	return 0;
}
