/* SPDX-License-Identifier: GPL-3.0-or-later */
/* records.c: the record commands: add, edit, delete, show and list. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/business.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/export.h"
#include "report/record_json.h"

#define MAX_FILE_VALUE (16 * 1024 * 1024)	/* FIELD@=FILE reads at most this much */

static char *
read_value_file(const char *path, const char *field, struct error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 4096, len = 0, n;
	char *buf;

	if (f == NULL) {
		error_set(err, ERR_INVALID, field, _("%s: cannot read %s: %s"), field, path,
		    strerror(errno));
		return NULL;
	}
	buf = xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len > MAX_FILE_VALUE) {
			error_set(err, ERR_INVALID, field, _("%s: %s is over %d bytes"), field, path,
			    MAX_FILE_VALUE);
			free(buf);
			buf = NULL;
			break;
		}
		if (cap - len - 1 == 0)
			buf = xrealloc(buf, cap *= 2);
	}
	if (buf != NULL) {
		buf[len] = '\0';
		if (strlen(buf) != len) {
			error_set(err, ERR_INVALID, field, _("%s: %s holds a NUL byte"), field, path);
			free(buf);
			buf = NULL;
		}
	}
	if (f != stdin)
		fclose(f);
	return buf;
}

/*
 * Apply FIELD=VALUE (or FIELD@=FILE) arguments to fields. An empty VALUE unsets the field
 * (edit). Each name must be a field of the form: a typo must not become an unknown key.
 */
static int
apply_assignments(const struct form *form, json_t *fields, int argc, char **argv,
    struct error *err)
{
	const struct form_field *fd;
	char name[128], *file_text;
	const char *eq, *value;
	json_t *v;
	int i, from_file;

	for (i = 0; i < argc; i++) {
		eq = strchr(argv[i], '=');
		if (eq == NULL || eq == argv[i])
			return error_set(err, ERR_INVALID, argv[i], _("'%.60s' is not FIELD=VALUE"),
			    argv[i]);
		from_file = eq[-1] == '@';
		snprintf(name, sizeof name, "%.*s", (int)(eq - argv[i] - from_file), argv[i]);
		fd = form_field(form, name);
		if (fd == NULL)
			return error_set(err, ERR_INVALID, name, _("%s: no such field in a %s (see "
			    "`volunteer forms %s`)"), name, form->kind, form->kind);
		value = eq + 1;
		file_text = NULL;
		if (from_file && (value = file_text = read_value_file(eq + 1, name, err)) == NULL)
			return -1;
		if (!utf8_valid(value, strlen(value))) {
			free(file_text);
			return error_set(err, ERR_INVALID, name, _("%s: the value is not valid UTF-8"),
			    name);
		}
		if (strlen(value) > RECORD_MAX_VALUE) {
			error_set(err, ERR_INVALID, name, _("%s: the value is %zu bytes; the limit is "
			    "%d"), name, strlen(value), RECORD_MAX_VALUE);
			free(file_text);
			return -1;
		}
		v = NULL;
		if (form_parse_value(fd, value, &v, err) != 0) {
			free(file_text);
			return -1;
		}
		free(file_text);
		if (v == NULL || json_is_null(v))
			json_object_del(fields, name);
		else
			json_object_set(fields, name, v);
		json_decref(v);
	}
	return 0;
}

/*
 * Take business_id=ID out of the assignments of a visit or a task: it is no field of the
 * forms (the form picks a business by its name) but the link that business_save checks.
 * *out is borrowed from argv; NULL when not given.
 */
static void
take_business_id(const char *kind, int *argc, char **argv, const char **out)
{
	int i, o = 0;

	*out = NULL;
	for (i = 0; i < *argc; i++) {
		if (business_kind_links(kind) && strncmp(argv[i], "business_id=", 12) == 0)
			*out = argv[i] + 12;
		else
			argv[o++] = argv[i];
	}
	*argc = o;
}

/* The linked business's name as fields.business, so that the form's required name is
 * there before it is checked (business_link sets it again, in the transaction). */
static int
name_of_business(struct app *app, struct record *r, const char *business_id,
    struct error *err)
{
	char id[UUID_LEN + 1], *name = NULL;

	if (business_resolve(app->st, business_id, id, &name, err) != 0)
		return -1;
	json_object_set_new(r->fields, "business", json_string(name));
	free(name);
	return 0;
}

int
cmd_add(struct app *app)
{
	const struct form *form;
	struct record *r = NULL;
	struct error err = { 0 };
	const char *business_id;
	int status, nargs = app->argc - 2;

	if (app->argc < 2)
		return cli_usage("add", _("which kind: visit, task, workshop or business?"));
	form = forms_get(app->argv[1]);
	if (form == NULL)
		return cli_usage("add", _("kind: unknown kind '%s' (visit, task, workshop or "
		    "business)"), app->argv[1]);
	r = record_new(form->kind);
	take_business_id(r->kind, &nargs, app->argv + 2, &business_id);
	if (apply_assignments(form, r->fields, nargs, app->argv + 2, &err) != 0)
		goto fail;
	form_apply_defaults(form, r->fields, app->cfg->municipality);
	if (business_id != NULL && *business_id != '\0' && name_of_business(app, r,
	    business_id, &err) != 0)
		goto fail;
	if (form_validate(form, r->fields, &err) != 0 ||
	    business_save(app->st, r, business_id, NULL, app->cfg->id, &err) != 0)
		goto fail;
	printf("%s\n", r->id);
	record_free(r);
	return fflush(stdout) == 0 ? 0 : 1;
fail:
	status = cli_fail(&err);
	record_free(r);
	return status;
}

/* Load a record by id or unique prefix. */
static int
load_record(struct app *app, const char *arg, struct record **out, struct error *err)
{
	char id[UUID_LEN + 1];

	if (store_record_resolve(app->st, arg, id, err) != 0)
		return -1;
	return store_record_get(app->st, id, out, err);
}

int
cmd_edit(struct app *app)
{
	const struct form *form;
	struct record *r = NULL;
	struct error err = { 0 };
	const char *business_id;
	int status, nargs = app->argc - 2;

	if (app->argc < 3)
		return cli_usage("edit", _("give a record id and at least one FIELD=VALUE"));
	if (load_record(app, app->argv[1], &r, &err) != 0)
		return cli_fail(&err);
	if (r->deleted) {
		error_set(&err, ERR_INVALID, "id", _("record %s is deleted"), r->id);
		goto fail;
	}
	form = forms_get(r->kind);
	if (form == NULL) {
		error_set(&err, ERR_FAILED, "kind", _("no form for kind %s"), r->kind);
		goto fail;
	}
	take_business_id(r->kind, &nargs, app->argv + 2, &business_id);
	if (apply_assignments(form, r->fields, nargs, app->argv + 2, &err) != 0 ||
	    (business_id != NULL && *business_id != '\0' && name_of_business(app, r,
	    business_id, &err) != 0) ||
	    form_validate(form, r->fields, &err) != 0 ||
	    business_save(app->st, r, business_id, NULL, app->cfg->id, &err) != 0)
		goto fail;
	printf("%s\n", r->id);
	record_free(r);
	return 0;
fail:
	status = cli_fail(&err);
	record_free(r);
	return status;
}

int
cmd_delete(struct app *app)
{
	struct record *r = NULL;
	struct error err = { 0 };
	int status = 0;

	if (app->argc != 2)
		return cli_usage("delete", _("give one record id"));
	if (load_record(app, app->argv[1], &r, &err) != 0)
		return cli_fail(&err);
	if (!r->deleted) {
		r->deleted = 1;
		if (store_record_save(app->st, r, app->cfg->id, &err) != 0)
			status = cli_fail(&err);
	}
	record_free(r);
	return status;
}

/* ---- show ---- */

static int
print_review(const struct review *rv, void *payload)
{
	char at[I18N_DATETIME_SHORT_LEN + 1];

	i18n_datetime_short(rv->at, i18n_lang(), at, sizeof at);
	printf("  %s  %-8s %s", at, strcmp(rv->status, "ok") == 0 ? _("ok") :
	    _("flagged"), "");
	cli_put_safe(stdout, rv->by, 0);
	if (rv->comment && *rv->comment) {
		fputs(": ", stdout);
		cli_put_safe(stdout, rv->comment, 0);
	}
	putchar('\n');
	return 0;
}

static void
show_text(struct app *app, const struct record *r)
{
	const struct form *form = forms_get(r->kind);
	const char *lang = i18n_lang(), *key;
	char updated[I18N_DATETIME_SHORT_LEN + 1], created[I18N_DATETIME_SHORT_LEN + 1], *clean;
	json_t *v;
	size_t i;

	/* People read the session's style, as on the detail screen; --json keeps ISO. */
	i18n_datetime_short(r->updated, lang, updated, sizeof updated);
	i18n_datetime_short(r->created, lang, created, sizeof created);
	printf("%s %s\n", form ? form_title(form, lang) : r->kind, r->id);
	printf("%-18s ", _("author")); cli_put_safe(stdout, r->volunteer, 0); putchar('\n');
	clean = text_sanitize(updated, 64, 0);
	/* TRANSLATORS: "updated  TIME (rev N, " then the device id and ")". */
	printf(_("%-18s %s (rev %lld, "), _("updated"), clean, (long long)r->rev);
	free(clean);
	cli_put_safe(stdout, r->device, 0);
	printf(")\n%-18s ", _("created"));
	cli_put_safe(stdout, created, 0);
	putchar('\n');
	printf("%-18s %s%s%s%s\n", _("state"), r->synced ? _("synced") : _("not synced"),
	    r->deleted ? _(", deleted") : "", r->conflict ? _(", conflict") : "",
	    r->flagged ? _(", flagged") : "");
	for (i = 0; form != NULL && i < form->nfields; i++) {
		const struct form_field *fd = &form->fields[i];
		char *text;
		if ((v = json_object_get(r->fields, fd->name)) == NULL || json_is_null(v))
			continue;
		/* Choices by their label; dates and decimals in lang's style (the form's). */
		text = fd->type == FT_CHOICE || fd->type == FT_MULTI ?
		    export_value_label(fd, v, lang, ", ") : form_value_local(fd, v, lang);
		printf("%-18s ", form_field_label(fd, lang));
		cli_put_safe(stdout, text, fd->type == FT_LONGTEXT);
		putchar('\n');
		free(text);
	}
	/* Fields the form does not know (from a newer form) are shown as they are. */
	json_object_foreach(r->fields, key, v) {
		char *text;
		if (form != NULL && form_field(form, key) != NULL)
			continue;
		const char *label = business_field_label(key);
		text = record_field_text(r, key);
		if (label != NULL) {
			printf("%-18s ", label);
		} else {
			putchar(' ');
			cli_put_safe(stdout, key, 0);
			printf("%*s", 17 - (int)(strlen(key) < 17 ? strlen(key) : 17), " ");
		}
		cli_put_safe(stdout, text, 1);
		putchar('\n');
		free(text);
	}
	printf("%s:\n", _("reviews"));
	store_reviews_of(app->st, r->id, print_review, NULL, NULL);
}

const struct cli_option cli_show_options[] = {
	{ "json", OPT_JSON, NULL, N_("the record as JSON, with its local state and reviews"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

int
cmd_show(struct app *app)
{
	struct record *r = NULL;
	struct error err = { 0 };
	const char *id = NULL, *arg;
	int opt, json = 0, status = 0;

	while ((opt = cli_next_option(app, &arg)) > 0)
		json = 1;
	if (opt < 0)
		return 2;
	if (optind + 1 != app->argc)
		return cli_usage("show", _("give one record id"));
	id = app->argv[optind];
	if (load_record(app, id, &r, &err) != 0)
		return cli_fail(&err);
	if (json) {
		json_t *o = record_json(app->st, r);
		if (strcmp(r->kind, "business") == 0 &&
		    cli_business_history_json(app, r, o, &err) != 0)
			status = cli_fail(&err);
		else
			status = cli_print_json(o);
		json_decref(o);
	} else {
		show_text(app, r);
		if (strcmp(r->kind, "business") == 0)
			cli_business_history_text(app, r);
	}
	record_free(r);
	return status;
}

/* ---- list ---- */

struct list_out {
	struct app *app;
	json_t *array;		/* --json */
	int everyone;		/* not one volunteer's records: a column says whose */
	int ids;		/* --ids: the full ids alone, one a line (shell completion) */
};

/* Pad s (sanitised) to width display columns, cutting if longer. */
static void
put_column(const char *s, int width)
{
	static const char spaces[] = "                                ";
	char *clean = text_sanitize(s ? s : "", 0, 0);
	size_t len = strlen(clean), used = 0, n;
	int cols = 0, cw, pad;
	unsigned cp;

	/* Columns, not characters: a wide character takes two, a combining accent none.
	 * The part that fits goes out in one write (one a character was a tenth of a
	 * list's instructions). */
	while (used < len) {
		n = utf8_decode(clean + used, len - used, &cp);
		if (n == 0 || cols + (cw = text_char_width(cp)) > width)
			break;
		used += n;
		cols += cw;
	}
	fwrite(clean, 1, used, stdout);
	for (pad = width - cols; pad > 0; pad -= (int)sizeof spaces - 1)
		fwrite(spaces, 1, pad < (int)sizeof spaces - 1 ? (size_t)pad :
		    sizeof spaces - 1, stdout);
	free(clean);
}

/* --ids: one id a line; ids are checked when stored, and still printed safe. */
static int
list_one_id(const char *id, void *payload)
{
	cli_put_safe(stdout, id, 0);
	putchar('\n');
	return 0;
}

/* --json: the record, as `show --json` gives it. */
static int
list_json(const struct record *r, void *payload)
{
	struct list_out *lo = payload;

	json_array_append_new(lo->array, record_json(lo->app->st, r));
	return 0;
}

/* A line of the text list, from the record's row (store_list_rows: no file decoded). */
static int
list_row(const struct record_row *r, void *payload)
{
	struct list_out *lo = payload;
	char date[I18N_DATE_SHORT_LEN + 1], id[UUID_LEN + 1], *extra;

	i18n_date_short(r->date, i18n_lang(), date, sizeof date);
	extra = form_row_extra(r, i18n_lang());
	/* 13 characters tell apart every record not made in the same millisecond. */
	store_record_short_id(lo->app->st, r->id, id);
	printf("%-13s  %s  ", id, date);
	put_column(r->kind, 8);
	putchar(' ');
	put_column(r->label, 30);
	putchar(' ');
	if (lo->everyone) {
		put_column(r->volunteer, 12);
		putchar(' ');
	}
	put_column(r->municipality, 16);
	putchar(' ');
	put_column(extra, 12);
	printf("%s%s%s\n", r->synced ? "" : " ●", r->conflict || r->flagged ? " ⚠" : "",
	    r->deleted ? " ✗" : "");
	free(extra);
	return 0;
}

enum { LIST_LIMIT = OPT_FIRST_FREE, LIST_COUNT, LIST_IDS };

const struct cli_option cli_list_options[] = {
	{ "limit", LIST_LIMIT, "N", N_("at most N records"), 0 },
	{ "count", LIST_COUNT, NULL, N_("only how many records match"), 0 },
	{ "json", OPT_JSON, NULL, N_("a JSON array of records, for scripts"), 0 },
	{ "ids", LIST_IDS, NULL, N_("only the records' full ids, one a line"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

int
cmd_list(struct app *app)
{
	struct list_out lo = { .app = app };
	long n = 0;
	int only_count = 0;
	struct cli_filter cf;
	struct error err = { 0 };
	const char *arg;
	int opt, json = 0, status = 0;
	char *end;

	cli_filter_init(app, &cf);
	while ((opt = cli_next_filtered(app, &cf, &arg)) > 0) {
		if (opt == OPT_JSON)
			json = 1;
		else if (opt == LIST_COUNT)
			only_count = 1;
		else if (opt == LIST_IDS)
			lo.ids = 1;
		else if (opt == LIST_LIMIT) {
			errno = 0;
			cf.f.limit = strtol(arg, &end, 10);
			if (errno || *end || cf.f.limit < 1)
				return cli_usage("list", _("--limit: '%s' is not a positive number"),
				    arg);
		}
	}
	if (opt < 0)
		return 2;
	if (optind < app->argc)
		return cli_usage("list", _("unexpected argument '%s'"), app->argv[optind]);
	if (cli_filter_finish(app, &cf, &err) != 0)
		return cli_fail(&err);
	if (only_count) {
		if (store_count(app->st, &cf.f, &n, &err) != 0)
			return cli_fail(&err);
		printf("%ld\n", n);
		return 0;
	}
	if (json)
		lo.array = json_array();
	lo.everyone = cf.f.volunteer == NULL && cf.f.flagged_for == NULL;
	if (lo.ids && !json) {
		if (store_list_ids(app->st, &cf.f, list_one_id, NULL, &err) != 0)
			return cli_fail(&err);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	if ((json ? store_list(app->st, &cf.f, list_json, &lo, &err) :
	    store_list_rows(app->st, &cf.f, 0, list_row, &lo, &err)) != 0)
		status = cli_fail(&err);
	else if (json)
		status = cli_print_json(lo.array);
	json_decref(lo.array);
	return status;
}
