/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * compile-forms: write build/forms_compiled.c, the default forms already parsed.
 *
 * The defaults are forms/<kind>.ini, compiled into the program as text (forms/embed.sh).
 * Parsing one at its kind's first use was a fifth of an add's instructions (callgrind,
 * BENCHMARKS.md "6 December"); this tool, run at build time, parses each text with the
 * program's own form_parse (it is linked with the program's objects) and writes the
 * result as static data, which forms_get then takes as it is (forms/embedded.h). The
 * parse is the same code either way; tests/t0100 compares each compiled form with a parse
 * of its text, member by member.
 *
 * Usage: compile-forms > build/forms_compiled.c. A default that does not parse fails the
 * build with its file:line. The output depends on nothing but the texts: no locale, no
 * time, no path. A member added to struct form or its parts must be written here too.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "forms/embedded.h"
#include "forms/form.h"

/* This program is what writes the compiled forms: it has none, and parses the texts. */
struct form *const forms_compiled[1] = { NULL };
const size_t forms_compiled_count = 0;

static int failed;

/* A C string literal of s, or NULL. Bytes outside printable ASCII, '"', '\\' and '?' (it
 * could start a trigraph) are octal escapes of three digits, so no digit after one can
 * join it. The cast is for -Wwrite-strings: the members are char *, never written. */
static void
put_string(const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		fputs("NULL", stdout);
		return;
	}
	fputs("(char *)\"", stdout);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p >= 32 && *p <= 126 && *p != '"' && *p != '\\' && *p != '?')
			putchar(*p);
		else
			printf("\\%03o", *p);
	}
	putchar('"');
}

/* An exact double: hexadecimal, as printf's %a writes it and a C compiler reads it. */
static void
put_double(double d)
{
	if (!isfinite(d)) {
		fprintf(stderr, "compile-forms: a bound that is not finite\n");
		failed = 1;
		d = 0;
	}
	printf("%a", d);
}

/* A translations array named <prefix>, and the struct form_trs that points to it. */
static void
put_trs_array(const char *prefix, const struct form_trs *t)
{
	size_t i;

	if (t->v == NULL)
		return;
	printf("static struct form_tr %s[] = {\n", prefix);
	for (i = 0; i < t->n; i++) {
		printf("\t{ \"%s\", ", t->v[i].lang);
		put_string(t->v[i].text);
		puts(" },");
	}
	if (t->n == 0)
		puts("\t{ \"\", NULL },");
	puts("};");
}

static void
put_trs_value(const char *prefix, const struct form_trs *t)
{
	if (t->v == NULL)
		printf("{ NULL, %zu }", t->n);
	else
		printf("{ %s, %zu }", prefix, t->n);
}

/* A size_t array named name of n entries (at least one, as form_parse allocates). */
static void
put_sizes(const char *name, const size_t *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	printf("static size_t %s[] = {", name);
	for (i = 0; i < n; i++)
		printf("%s%zu,", i % 12 == 0 ? "\n\t" : " ", v[i]);
	if (n == 0)
		fputs("\n\t0,", stdout);
	puts("\n};");
}

static const char *
array_or_null(const void *p, const char *name)
{
	return p == NULL ? "NULL" : name;
}

static void
put_field_parts(size_t n, size_t j, const struct form_field *fd)
{
	char name[96];
	size_t c;

	snprintf(name, sizeof name, "f%zu_%zu_label", n, j);
	put_trs_array(name, &fd->label_tr);
	snprintf(name, sizeof name, "f%zu_%zu_help", n, j);
	put_trs_array(name, &fd->help_tr);
	for (c = 0; c < fd->nchoices; c++) {
		snprintf(name, sizeof name, "f%zu_%zu_c%zu", n, j, c);
		put_trs_array(name, &fd->choices[c].label_tr);
	}
	if (fd->choices == NULL)
		return;
	printf("static struct form_choice f%zu_%zu_choices[] = {\n", n, j);
	for (c = 0; c < fd->nchoices; c++) {
		snprintf(name, sizeof name, "f%zu_%zu_c%zu", n, j, c);
		fputs("\t{ ", stdout);
		put_string(fd->choices[c].value);
		fputs(", ", stdout);
		put_string(fd->choices[c].label);
		fputs(", ", stdout);
		put_trs_value(name, &fd->choices[c].label_tr);
		puts(" },");
	}
	if (fd->nchoices == 0)
		puts("\t{ NULL, NULL, { NULL, 0 } },");
	puts("};");
}

static void
put_field(size_t n, size_t j, const struct form_field *fd)
{
	char name[96];

	fputs("\t{\n\t\t.name = ", stdout);
	put_string(fd->name);
	printf(",\n\t\t.type = (enum field_type)%d,\n\t\t.label = ", (int)fd->type);
	put_string(fd->label);
	fputs(",\n\t\t.help = ", stdout);
	put_string(fd->help);
	snprintf(name, sizeof name, "f%zu_%zu_label", n, j);
	fputs(",\n\t\t.label_tr = ", stdout);
	put_trs_value(name, &fd->label_tr);
	snprintf(name, sizeof name, "f%zu_%zu_help", n, j);
	fputs(",\n\t\t.help_tr = ", stdout);
	put_trs_value(name, &fd->help_tr);
	printf(",\n\t\t.required = %d, .has_min = %d, .has_max = %d,\n\t\t.min = ",
	    fd->required, fd->has_min, fd->has_max);
	put_double(fd->min);
	fputs(", .max = ", stdout);
	put_double(fd->max);
	fputs(", .step = ", stdout);
	put_double(fd->step);
	snprintf(name, sizeof name, "f%zu_%zu_choices", n, j);
	printf(",\n\t\t.choices = %s, .nchoices = %zu,\n\t\t.default_value = ",
	    array_or_null(fd->choices, name), fd->nchoices);
	put_string(fd->default_value);
	printf(",\n\t\t.personal = %d,\n\t},\n", fd->personal);
}

static void
put_rule_parts(size_t n, size_t j, const struct form_rule *r)
{
	size_t i;
	char name[96];

	if (r->left != NULL) {
		printf("static char *f%zu_r%zu_left[] = {\n", n, j);
		for (i = 0; i < r->nleft; i++) {
			putchar('\t');
			put_string(r->left[i]);
			puts(",");
		}
		if (r->nleft == 0)
			puts("\tNULL,");
		puts("};");
	}
	snprintf(name, sizeof name, "f%zu_r%zu_left_at", n, j);
	put_sizes(name, r->left_at, r->nleft);
}

static void
put_rule(size_t n, size_t j, const struct form_rule *r)
{
	char left[96], left_at[96];

	snprintf(left, sizeof left, "f%zu_r%zu_left", n, j);
	snprintf(left_at, sizeof left_at, "f%zu_r%zu_left_at", n, j);
	printf("\t{\n\t\t.left = %s, .nleft = %zu, .op = \"%s\",\n\t\t.right = ",
	    array_or_null(r->left, left), r->nleft, r->op);
	put_string(r->right);
	fputs(",\n\t\t.text = ", stdout);
	put_string(r->text);
	printf(",\n\t\t.left_at = %s, .right_at = %zu, .subject_at = %zu,\n\t},\n",
	    array_or_null(r->left_at, left_at), r->right_at, r->subject_at);
}

static void
put_form(size_t n, const struct form *f)
{
	char name[96];
	size_t j, nmember;

	snprintf(name, sizeof name, "f%zu_title", n);
	put_trs_array(name, &f->title_tr);
	for (j = 0; j < f->nfields; j++)
		put_field_parts(n, j, &f->fields[j]);
	printf("static struct form_field f%zu_fields[] = {\n", n);
	for (j = 0; j < f->nfields; j++)
		put_field(n, j, &f->fields[j]);
	puts("};");
	for (j = 0; j < f->nrules; j++)
		put_rule_parts(n, j, &f->rules[j]);
	if (f->rules != NULL) {
		printf("static struct form_rule f%zu_rules[] = {\n", n);
		for (j = 0; j < f->nrules; j++)
			put_rule(n, j, &f->rules[j]);
		if (f->nrules == 0)
			puts("\t{ .left = NULL },");
		puts("};");
	}
	/* As index_rules sizes them: one more than the fields, the rules, the members. */
	nmember = f->member_first != NULL ? f->member_first[f->nfields] : 0;
	snprintf(name, sizeof name, "f%zu_by_name", n);
	put_sizes(name, f->by_name, f->nfields);
	snprintf(name, sizeof name, "f%zu_subject_rules", n);
	put_sizes(name, f->subject_rules, f->nrules + 1);
	snprintf(name, sizeof name, "f%zu_subject_first", n);
	put_sizes(name, f->subject_first, f->nfields + 1);
	snprintf(name, sizeof name, "f%zu_member_rules", n);
	put_sizes(name, f->member_rules, nmember + 1);
	snprintf(name, sizeof name, "f%zu_member_first", n);
	put_sizes(name, f->member_first, f->nfields + 1);

	printf("static struct form f%zu = {\n\t.kind = ", n);
	put_string(f->kind);
	fputs(",\n\t.title = ", stdout);
	put_string(f->title);
	snprintf(name, sizeof name, "f%zu_title", n);
	fputs(",\n\t.title_tr = ", stdout);
	put_trs_value(name, &f->title_tr);
	printf(",\n\t.fields = f%zu_fields, .nfields = %zu,\n", n, f->nfields);
	snprintf(name, sizeof name, "f%zu_rules", n);
	printf("\t.rules = %s, .nrules = %zu,\n", array_or_null(f->rules, name), f->nrules);
	/* The text is the embedded one, set when the form is taken (forms/form.c). */
	puts("\t.source = NULL,");
#define INDEX(member) do { \
	snprintf(name, sizeof name, "f%zu_" #member, n); \
	printf("\t." #member " = %s,\n", array_or_null(f->member, name)); \
} while (0)
	INDEX(by_name);
	INDEX(subject_rules);
	INDEX(subject_first);
	INDEX(member_rules);
	INDEX(member_first);
#undef INDEX
	puts("\t.compiled = 1,\n};\n");
}

int
main(void)
{
	struct form **forms;
	struct error err;
	size_t i;

	forms = calloc(forms_embedded_count + 1, sizeof *forms);
	if (forms == NULL)
		return 1;
	puts("/* Written by forms/tool/compile-forms.c from the default forms: do not edit. */");
	puts("#include <stddef.h>\n");
	puts("#include \"forms/embedded.h\"");
	puts("#include \"forms/form.h\"\n");
	for (i = 0; i < forms_embedded_count; i++) {
		error_clear(&err);
		if (form_parse(&forms[i], forms_embedded[i].name, forms_embedded[i].text,
		    &err) != 0) {
			fprintf(stderr, "compile-forms: %s\n", err.msg);
			failed = 1;
			break;
		}
		put_form(i, forms[i]);
	}
	printf("struct form *const forms_compiled[%zu] = {\n", forms_embedded_count + 1);
	for (i = 0; i < forms_embedded_count; i++)
		printf("\t&f%zu,\n", i);
	puts("\tNULL,\n};");
	printf("const size_t forms_compiled_count = %zu;\n", forms_embedded_count);
	for (i = 0; i < forms_embedded_count; i++)
		form_free(forms[i]);
	free(forms);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "compile-forms: cannot write the output\n");
		failed = 1;
	}
	return failed;
}
