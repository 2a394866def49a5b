/* SPDX-License-Identifier: GPL-3.0-or-later */
/* export.c: see export.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store_report.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "forms/personal.h"
#include "report/export.h"
#include "report/record_json.h"

#define FLUSH_AT (64 * 1024)

/* ---- an output buffer that hands its bytes on in pieces ---- */

struct out {
	char *data;
	size_t len, cap;
	export_write_fn write;	/* NULL: keep everything (report_to_csv) */
	void *payload;
	int failed;
	int saved_errno;
};

static void
out_put(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		while (o->len + n + 1 > o->cap)
			o->cap = o->cap ? o->cap * 2 : 4096;
		o->data = xrealloc(o->data, o->cap);
	}
	memcpy(o->data + o->len, s, n);
	o->len += n;
	o->data[o->len] = '\0';
}

static void
out_str(struct out *o, const char *s)
{
	out_put(o, s, strlen(s));
}

static void
out_flush(struct out *o)
{
	if (o->write == NULL || o->len == 0)
		return;
	if (!o->failed && o->write(o->data, o->len, o->payload) != 0) {
		o->failed = 1;
		o->saved_errno = errno;
	}
	o->len = 0;
}

static void
out_maybe_flush(struct out *o)
{
	if (o->len >= FLUSH_AT)
		out_flush(o);
}

/* ---- CSV ---- */

static int
formula_start(const char *s)
{
	return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

/*
 * The one way a CSV cell is written, for the export and the report alike. For a terminal
 * the text loses its controls first and the formula guard looks at what is left: guarding
 * first would let "ESC=HYPERLINK(...)" pass as harmless and then lose its ESC, a live
 * formula.
 */
static void
put_csv_field(struct out *o, const char *s, int safe_formulas, int for_terminal)
{
	char *clean = for_terminal ? text_sanitize(s, 0, TEXT_KEEP_NEWLINES) : NULL;
	int quote;
	const char *p;

	if (clean != NULL)
		s = clean;
	quote = strpbrk(s, ",\"\r\n") != NULL;

	if (!quote && !(safe_formulas && formula_start(s))) {
		out_str(o, s);
		free(clean);
		return;
	}
	if (quote)
		out_put(o, "\"", 1);
	if (safe_formulas && formula_start(s))
		out_put(o, "'", 1);
	for (p = s; *p; p++) {
		if (*p == '"')
			out_put(o, "\"\"", 2);
		else
			out_put(o, p, 1);
	}
	if (quote)
		out_put(o, "\"", 1);
	free(clean);
}

char *
csv_field(const char *s, int safe_formulas)
{
	struct out o = { 0 };

	out_put(&o, "", 0);
	put_csv_field(&o, s, safe_formulas, 0);
	return o.data;
}

/* ---- the export's columns ---- */

static const char *const meta_columns[] = {
	"id", "kind", "volunteer", "device", "rev", "created", "updated", "deleted", "synced",
	"conflict", "flagged", "flag_comment",
};
#define NMETA (sizeof meta_columns / sizeof meta_columns[0])

struct columns {
	char **names;		/* owned */
	size_t n, cap;
};

static int
has_name(char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static void
columns_add(struct columns *c, const char *name)
{
	if (has_name(c->names, c->n, name))
		return;
	if (c->n == c->cap)
		c->names = xrealloc(c->names, (c->cap = c->cap ? c->cap * 2 : 32) *
		    sizeof *c->names);
	c->names[c->n++] = xstrdup(name);
}

static void
columns_free(struct columns *c)
{
	store_report_names_free(c->names, c->n);
	memset(c, 0, sizeof *c);
}

static int
columns_build(struct columns *c, struct store *st, const struct record_filter *f,
    struct error *err)
{
	char **found = NULL;
	size_t nfound = 0, i, k;

	memset(c, 0, sizeof *c);
	for (i = 0; i < forms_count(); i++) {
		const struct form *form = forms_at(i);
		/* The work logged has no column of the business registry's form. */
		if (form != NULL && f->kind == NULL && f->work_only &&
		    strcmp(form->kind, "business") == 0)
			continue;
		for (k = 0; form != NULL && k < form->nfields; k++)
			columns_add(c, form->fields[k].name);
	}
	if (store_report_field_names(st, f, &found, &nfound, err) != 0)
		return -1;
	/* Fields no form knows, sorted: store_report_field_names gives them in order. */
	for (i = 0; i < nfound; i++)
		columns_add(c, found[i]);
	store_report_names_free(found, nfound);
	return 0;
}

/* ---- values as text ---- */

static char *
scalar_text(json_t *v)
{
	char buf[FORM_NUMBER_TEXT_MAX];

	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v)) {
		form_number_format(json_real_value(v), buf, sizeof buf);
		return xstrdup(buf);
	}
	if (json_is_boolean(v))
		return xstrdup(json_is_true(v) ? "yes" : "no");
	if (v == NULL || json_is_null(v))
		return xstrdup("");
	return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

/* The cell of a value; *is_number says whether the formula guard must leave it alone. */
static char *
value_text(json_t *v, int *is_number)
{
	struct out o = { 0 };
	json_t *e;
	size_t i;
	char *s;

	*is_number = json_is_number(v);
	if (!json_is_array(v))
		return scalar_text(v);
	out_put(&o, "", 0);
	json_array_foreach(v, i, e) {
		if (i > 0)
			out_put(&o, ";", 1);
		s = scalar_text(e);
		out_str(&o, s);
		free(s);
	}
	return o.data;
}

char *
export_value_label(const struct form_field *fd, json_t *v, const char *lang,
    const char *sep)
{
	struct out o = { 0 };
	json_t *e;
	size_t i;

	if (fd != NULL && fd->type == FT_CHOICE && json_is_string(v))
		return xstrdup(form_choice_label(fd, json_string_value(v), lang));
	if (fd == NULL || fd->type != FT_MULTI || !json_is_array(v))
		return fd != NULL ? form_value_text(fd, v) : scalar_text(v);
	out_put(&o, "", 0);
	json_array_foreach(v, i, e) {
		if (i > 0)
			out_str(&o, sep);
		if (json_is_string(e))
			out_str(&o, form_choice_label(fd, json_string_value(e), lang));
	}
	return o.data;
}

/*
 * A phone number as a spreadsheet keeps it: ="0034 612 345 678". Opened as it is, a
 * spreadsheet reads 0034612345678 as a number (the zeros go) and shows the formula
 * guard's apostrophe before +34 (LibreOffice); a formula that is one string literal
 * keeps every character (gnumeric's ssconvert and LibreOffice alike). A quote inside is
 * doubled, so the value cannot leave the literal.
 */
static char *
phone_cell(const char *s)
{
	struct out o = { 0 };

	out_str(&o, "=\"");
	for (; *s; s++) {
		if (*s == '"')
			out_put(&o, "\"\"", 2);
		else
			out_put(&o, s, 1);
	}
	out_put(&o, "\"", 1);
	return o.data;
}

/* The comment of the latest review when it is a flag (reviews come oldest first). */
static int
latest_flag(const struct review *rv, void *payload)
{
	char **comment = payload;

	free(*comment);
	*comment = strcmp(rv->status, "flagged") == 0 && rv->comment != NULL ?
	    xstrdup(rv->comment) : NULL;
	return 0;
}

struct csv_run {
	struct store *st;
	struct out *o;
	const struct export_options *opt;
	struct columns *cols;
	long count;
};

static void
put_cell(struct csv_run *run, const char *s, int is_number, int first)
{
	if (!first)
		out_put(run->o, ",", 1);
	put_csv_field(run->o, s, run->opt->safe_formulas && !is_number, run->opt->for_terminal);
}

static int
csv_row(const struct record *r, void *payload)
{
	struct csv_run *run = payload;
	const struct form *form = forms_get(r->kind);
	char rev[32], *text, *flag = NULL;
	int consent = record_has_consent(r), is_number;
	size_t i;

	snprintf(rev, sizeof rev, "%lld", (long long)r->rev);
	put_cell(run, r->id, 0, 1);
	put_cell(run, r->kind, 0, 0);
	put_cell(run, r->volunteer, 0, 0);
	put_cell(run, r->device, 0, 0);
	put_cell(run, rev, 1, 0);
	put_cell(run, r->created, 0, 0);
	put_cell(run, r->updated, 0, 0);
	put_cell(run, r->deleted ? "yes" : "no", 0, 0);
	put_cell(run, r->synced ? "yes" : "no", 0, 0);
	put_cell(run, r->conflict ? "yes" : "no", 0, 0);
	put_cell(run, r->flagged ? "yes" : "no", 0, 0);
	if (r->flagged)
		store_reviews_of(run->st, r->id, latest_flag, &flag, NULL);
	put_cell(run, flag != NULL ? flag : "", 0, 0);
	free(flag);
	for (i = 0; i < run->cols->n; i++) {
		const char *name = run->cols->names[i];
		json_t *v = json_object_get(r->fields, name);
		if (v == NULL || (!consent && form_field_is_personal(r->kind, name))) {
			out_put(run->o, ",", 1);
			continue;
		}
		text = value_text(v, &is_number);
		if (run->opt->labels && form != NULL && form_field(form, name) != NULL) {
			free(text);
			text = export_value_label(form_field(form, name), v,
			    run->opt->labels_lang, ";");
		}
		if (run->opt->safe_formulas && form != NULL && json_is_string(v) &&
		    *json_string_value(v) && form_field(form, name) != NULL &&
		    form_field(form, name)->type == FT_PHONE) {
			free(text);
			text = phone_cell(json_string_value(v));
			is_number = 1;	/* a formula of ours: no guard */
		}
		put_cell(run, text, is_number, 0);
		free(text);
	}
	out_put(run->o, "\r\n", 2);
	run->count++;
	out_maybe_flush(run->o);
	return run->o->failed;
}

static int
export_csv(struct store *st, const struct record_filter *f, const struct export_options *opt,
    struct out *o, long *count, struct error *err)
{
	struct columns cols;
	struct csv_run run = { .st = st, .o = o, .opt = opt, .cols = &cols };
	size_t i;
	int rc = -1;

	if (columns_build(&cols, st, f, err) != 0)
		return -1;
	if (opt->bom)
		out_put(o, "\xef\xbb\xbf", 3);
	for (i = 0; i < NMETA; i++)
		put_cell(&run, meta_columns[i], 0, i == 0);
	for (i = 0; i < cols.n; i++)
		put_cell(&run, cols.names[i], 0, 0);
	out_put(o, "\r\n", 2);
	if (store_list(st, f, csv_row, &run, err) != 0)
		goto out;
	*count = run.count;
	rc = 0;
out:
	columns_free(&cols);
	return rc;
}

/* ---- JSON ---- */

struct json_run {
	struct store *st;
	struct out *o;
	long count;
};

static int
json_row(const struct record *r, void *payload)
{
	struct json_run *run = payload;
	json_t *obj = record_json(run->st, r), *fields;
	const char *key;
	char *text, *p;

	fields = json_object_get(obj, "fields");
	if (!record_has_consent(r) && json_is_object(fields)) {
		/* Keys first, deletions after: deleting while iterating is not allowed. */
		char **drop = NULL;
		size_t ndrop = 0, i;
		json_t *v;
		json_object_foreach(fields, key, v) {
			if (form_field_is_personal(r->kind, key)) {
				drop = xrealloc(drop, (ndrop + 1) * sizeof *drop);
				drop[ndrop++] = xstrdup(key);
			}
		}
		for (i = 0; i < ndrop; i++) {
			json_object_del(fields, drop[i]);
			free(drop[i]);
		}
		free(drop);
	}
	text = record_json_text(obj);
	json_decref(obj);
	if (text == NULL)
		return 1;
	/* Each element one level deeper than json_dumps put it: jansson escapes line breaks
	 * inside strings, so every raw '\n' is layout. */
	out_str(run->o, run->count == 0 ? "[\n  " : ",\n  ");
	for (p = text; *p; p++) {
		out_put(run->o, p, 1);
		if (*p == '\n')
			out_put(run->o, "  ", 2);
	}
	free(text);
	run->count++;
	out_maybe_flush(run->o);
	return run->o->failed;
}

static int
export_json(struct store *st, const struct record_filter *f, struct out *o, long *count,
    struct error *err)
{
	struct json_run run = { .st = st, .o = o };
	int rc;

	rc = store_list(st, f, json_row, &run, err);
	if (rc == 0)
		out_str(o, run.count == 0 ? "[]\n" : "\n]\n");
	*count = run.count;
	return rc;
}

int
export_records(struct store *st, const struct record_filter *f,
    const struct export_options *opt, export_write_fn write, void *payload, long *count,
    struct error *err)
{
	struct out o = { .write = write, .payload = payload };
	long n = 0;
	int rc;

	if (opt->format == EXPORT_JSON)
		rc = export_json(st, f, &o, &n, err);
	else
		rc = export_csv(st, f, opt, &o, &n, err);
	if (rc == 0)
		out_flush(&o);
	if (rc == 0 && o.failed) {
		error_set(err, ERR_FAILED, "", _("the export could not be written: %s"),
		    strerror(o.saved_errno));
		rc = -1;
	}
	free(o.data);
	if (count != NULL)
		*count = n;
	return rc;
}

/* ---- the report as CSV ---- */

static void
report_csv_row(struct out *o, const char *key, const struct report_group *g,
    int safe_formulas, int for_terminal)
{
	char buf[64];

	put_csv_field(o, key, safe_formulas, for_terminal);
	snprintf(buf, sizeof buf, ",%ld,%ld,%ld,%ld,%ld,%ld,%ld,", g->visits, g->businesses,
	    g->tasks_done, g->tasks_open, g->workshops, g->attendees, g->attendees_65plus);
	out_str(o, buf);
	report_format_share(report_share(g->attendees_65plus, g->attendees), buf, sizeof buf);
	out_str(o, buf);
	snprintf(buf, sizeof buf, ",%ld,", g->women);
	out_str(o, buf);
	report_format_share(report_share(g->women, g->attendees), buf, sizeof buf);
	out_str(o, buf);
	out_put(o, ",", 1);
	report_format_hours(report_hours(g), buf, sizeof buf);
	out_str(o, buf);
	snprintf(buf, sizeof buf, ",%ld,%ld,%ld\r\n", g->follow_ups_due,
	    g->businesses_visited, g->businesses_web);
	out_str(o, buf);
}

char *
report_to_csv(const struct report *rep, int safe_formulas, int for_terminal, size_t *len)
{
	struct out o = { 0 };
	size_t i;

	out_str(&o, rep->by == REPORT_BY_NONE ? "group" : report_by_name(rep->by));
	out_str(&o, ",visits,businesses,tasks_done,tasks_open,workshops,attendees,"
	    "attendees_65plus,attendees_65plus_pct,women,women_pct,hours,follow_ups_due,"
	    "businesses_visited,businesses_web\r\n");
	for (i = 0; rep->by != REPORT_BY_NONE && i < rep->ngroups; i++)
		report_csv_row(&o, rep->groups[i].key, &rep->groups[i], safe_formulas,
		    for_terminal);
	report_csv_row(&o, "total", &rep->total, 0, 0);
	if (len != NULL)
		*len = o.len;
	return o.data;
}
