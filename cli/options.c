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

/*
 * bash. What the table knows is written into the script (commands, each command's options,
 * the values an option offers, the operands); what changes with the data is asked of the
 * program when the user presses Tab, with the same --config: the fields of a kind (from
 * the forms in use, `volunteer forms KIND`), the record ids (`volunteer list --all --ids`)
 * and the printers (`lpstat -a`). The embedded forms' fields stand in when the program
 * cannot answer (no config yet).
 */
static const char bash_head[] =
    "# bash completion for volunteer, written by `volunteer completion bash`\n"
    "# (from the program's command table: do not edit, regenerate).\n"
    "_volunteer_ask() {\n"
    "\t\"$prog\" \"${cfg[@]}\" \"$@\" 2>/dev/null\n"
    "}\n"
    "# The field names of kind $1 as FIELD=, or of every kind.\n"
    "_volunteer_fields() {\n"
    "\tlocal names\n"
    "\tnames=$(_volunteer_ask forms ${1:+\"$1\"} | awk '/^  [a-z_0-9]+ / { print $1 }')\n"
    "\t[ -n \"$names\" ] || names=$(_volunteer_embedded_fields \"$1\")\n"
    "\tcompopt -o nospace 2>/dev/null\n"
    "\tCOMPREPLY=($(compgen -S = -W \"$names\" -- \"$cur\"))\n"
    "}\n"
    "# Record ids starting with what is typed.\n"
    "_volunteer_ids() {\n"
    "\tCOMPREPLY=($(_volunteer_ask list --all --ids | awk -v p=\"$cur\" "
    "'index($0, p) == 1'))\n"
    "}\n"
    "_volunteer_printers() {\n"
    "\tCOMPREPLY=($(compgen -W \"$(lpstat -a 2>/dev/null | awk '{ print $1 }')\" "
    "-- \"$cur\"))\n"
    "}\n"
    "_volunteer() {\n"
    "\tlocal cur prev cmd w i opts vals prog=${COMP_WORDS[0]} cfg=() args=()\n"
    "\tcur=${COMP_WORDS[COMP_CWORD]}\n"
    "\tprev=${COMP_WORDS[COMP_CWORD-1]}\n"
    "\tcmd=\n"
    "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
    "\t\tcase ${COMP_WORDS[i]} in\n"
    "\t\t--config) cfg=(--config \"${COMP_WORDS[i+1]}\"); i=$((i + 1)) ;;\n"
    "\t\t-*) ;;\n"
    "\t\t*) cmd=${COMP_WORDS[i]}; break ;;\n"
    "\t\tesac\n"
    "\tdone\n"
    "\tif [ -z \"$cmd\" ]; then\n"
    "\t\tcase $prev in\n"
    "\t\t--config) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
    "\t\tesac\n"
    "\t\tCOMPREPLY=($(compgen -W \"";

/* The case arm that completes the value of option o (none for free text). */
static void
print_value_completion(FILE *f, const char *cmd, const struct cli_option *o)
{
	const char *p;

	fprintf(f, "\t%s:--%s", cmd, o->name);
	if (o->key > 0 && o->key < 128)
		fprintf(f, "|%s:-%c", cmd, o->key);
	fputs(") ", f);
	if (strcmp(o->arg, "FILE") == 0)
		fputs("COMPREPLY=($(compgen -f -- \"$cur\"))", f);
	else if (strcmp(o->arg, "DIR") == 0)
		fputs("COMPREPLY=($(compgen -d -- \"$cur\"))", f);
	else if (strcmp(o->arg, "KIND") == 0) {
		fputs("COMPREPLY=($(compgen -W \"", f);
		print_kinds(f);
		fputs("\" -- \"$cur\"))", f);
	} else if (strcmp(o->name, "printer") == 0)
		fputs("_volunteer_printers", f);
	else if (strchr(o->arg, '|') != NULL) {
		fputs("COMPREPLY=($(compgen -W \"", f);
		for (p = o->arg; *p; p++)
			fputc(*p == '|' ? ' ' : *p, f);
		fputs("\" -- \"$cur\"))", f);
	} else
		fputs("COMPREPLY=()", f);
	fputs("; return ;;\n", f);
}

/* The n-th word of a command's operands ("KIND FIELD=VALUE... [FIELD@=FILE]"), without
 * brackets and dots, into buf; 0 when there is none. */
static int
operand_word(const struct cli_command *c, int n, char *buf, size_t size)
{
	const char *p = c->args;
	size_t len;

	if (p == NULL)
		return 0;
	for (;;) {
		p += strspn(p, " [(");
		len = strcspn(p, " ");
		if (len == 0)
			return 0;
		if (n-- == 0)
			break;
		p += len;
	}
	while (len > 0 && strchr("]).", p[len - 1]) != NULL)
		len--;
	snprintf(buf, size, "%.*s", (int)len, p);
	return 1;
}

/* What the script does for an operand named word of command c (the first is args[0]). */
static void
print_operand_completion(FILE *f, const struct cli_command *c, const char *word)
{
	if (strcmp(word, "KIND") == 0) {
		fputs("COMPREPLY=($(compgen -W \"", f);
		print_kinds(f);
		fputs("\" -- \"$cur\"))", f);
	} else if (strcmp(word, "ID") == 0)
		fputs("_volunteer_ids", f);
	else if (strcmp(word, "COMMAND") == 0) {
		fputs("COMPREPLY=($(compgen -W \"", f);
		print_commands(f);
		fputs("\" -- \"$cur\"))", f);
	} else if (strncmp(word, "FIELD", 5) == 0) {
		/* The fields of the kind given, or of the record given. */
		if (strncmp(c->args, "KIND", 4) == 0)
			fputs("_volunteer_fields \"${args[0]}\"", f);
		else
			fputs("_volunteer_fields \"$(_volunteer_ask show \"${args[0]}\" --json | "
			    "sed -n 's/^  \"kind\": \"\\([a-z_]*\\)\",*$/\\1/p')\"", f);
	} else if (word[0] >= 'a' && word[0] <= 'z')
		fprintf(f, "COMPREPLY=($(compgen -W \"%s\" -- \"$cur\"))", word);
	else
		fputs("COMPREPLY=()", f);
}

static void
print_embedded_fields(FILE *f)
{
	const struct form *form;
	size_t i, k;

	fputs("_volunteer_embedded_fields() {\n\tcase $1 in\n", f);
	for (i = 0; i < forms_count(); i++) {
		form = forms_at(i);
		fprintf(f, "\t%s) echo", form->kind);
		for (k = 0; k < form->nfields; k++)
			fprintf(f, " %s", form->fields[k].name);
		fputs(" ;;\n", f);
	}
	fputs("\t*) echo", f);
	for (i = 0; i < forms_count(); i++)
		for (k = 0, form = forms_at(i); k < form->nfields; k++)
			fprintf(f, " %s", form->fields[k].name);
	fputs(" ;;\n\tesac\n}\n", f);
}

static void
print_bash_completion(FILE *f)
{
	const struct cli_option *all[MAX_OPTIONS];
	const struct cli_command *c;
	char word[64];
	size_t n, i;
	int k;

	fputs(bash_head, f);
	print_commands(f);
	fputs(" --config --help --version\" -- \"$cur\"))\n"
	    "\t\treturn\n"
	    "\tfi\n"
	    "\t# The command's options, and those that take a value (not operands).\n"
	    "\tcase $cmd in\n", f);
	for (c = cli_commands; c->name != NULL; c++) {
		n = options_of(c, all, MAX_OPTIONS);
		fprintf(f, "\t%s) opts=\"--help", c->name);
		for (i = 0; i < n; i++)
			fprintf(f, " --%s", all[i]->name);
		fputs("\"; vals=\"", f);
		for (i = 0; i < n; i++) {
			if (all[i]->arg == NULL)
				continue;
			fprintf(f, " --%s", all[i]->name);
			if (all[i]->key > 0 && all[i]->key < 128)
				fprintf(f, " -%c", all[i]->key);
		}
		fputs("\" ;;\n", f);
	}
	fputs("\t*) return ;;\n"
	    "\tesac\n"
	    "\tfor ((i = i + 1; i < COMP_CWORD; i++)); do\n"
	    "\t\tw=${COMP_WORDS[i]}\n"
	    "\t\tcase \" $vals \" in\n"
	    "\t\t*\" $w \"*) i=$((i + 1)); continue ;;\n"
	    "\t\tesac\n"
	    "\t\tcase $w in\n"
	    "\t\t-*) ;;\n"
	    "\t\t*) args+=(\"$w\") ;;\n"
	    "\t\tesac\n"
	    "\tdone\n"
	    "\tcase $cmd:$prev in\n", f);
	for (c = cli_commands; c->name != NULL; c++) {
		n = options_of(c, all, MAX_OPTIONS);
		for (i = 0; i < n; i++) {
			if (all[i]->arg == NULL)
				continue;
			print_value_completion(f, c->name, all[i]);
		}
	}
	fputs("\tesac\n"
	    "\tcase $cur in\n"
	    "\t-*) COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\")); return ;;\n"
	    "\tesac\n"
	    "\tcase $cmd:${#args[@]} in\n", f);
	for (c = cli_commands; c->name != NULL; c++) {
		for (k = 0; k < 2 && operand_word(c, k, word, sizeof word); k++) {
			/* "FIELD=VALUE..." is every operand from the second on. */
			if (k == 1 && strstr(c->args, "...") != NULL)
				fprintf(f, "\t%s:[1-9]*) ", c->name);
			else
				fprintf(f, "\t%s:%d) ", c->name, k);
			print_operand_completion(f, c, word);
			fputs(" ;;\n", f);
		}
	}
	fputs("\t*) COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\")) ;;\n"
	    "\tesac\n"
	    "}\n", f);
	print_embedded_fields(f);
	fputs("complete -F _volunteer volunteer\n", f);
}

int
cmd_completion(struct app *app)
{
	if (app->argc != 2 || strcmp(app->argv[1], "bash") != 0)
		return cli_usage("completion", _("give the shell: bash"));
	/* The kinds of the embedded forms, which forms_count parses without a forms_init: a
	 * completion script does not depend on a config. */
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
