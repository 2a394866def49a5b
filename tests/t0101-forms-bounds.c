/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0101-forms-bounds.c: what a form may hold, validation that grows with the form (counted
 * in lookups and rule checks, never timed), and rules that can never hold refused. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/util.h"
#include "forms/form.h"
#include "tap.h"

/* A form of n int fields (names in reverse order, so that the display order is not the
 * sorted one), each but the first with two rules, and a last field "top"; extra is
 * appended to the text. */
static char *
big_form(size_t n, const char *extra)
{
	char *s = xstrdup("[form]\nkind = workshop\ntitle = Big\n"), *t;
	size_t i;

	for (i = 0; i < n - 1; i++) {
		t = xasprintf("%s[f%04zu]\ntype = int\nlabel = Field %zu\nmin = 0\nmax = 1000\n"
		    "%s", s, n - i, i, i == 0 ? "" : "");
		free(s);
		s = t;
		if (i > 0) {
			t = xasprintf("%srule = >= f%04zu\nrule = f%04zu + f%04zu <= top\n", s,
			    n - i + 1, n - i, n - i + 1);
			free(s);
			s = t;
		}
	}
	t = xasprintf("%s[top]\ntype = int\nmin = 0\nmax = 1000\n%s", s, extra);
	free(s);
	return t;
}

static json_t *
big_record(size_t n)
{
	json_t *o = json_object();
	char name[16];
	size_t i;

	for (i = 0; i < n - 1; i++) {
		snprintf(name, sizeof name, "f%04zu", n - i);
		json_object_set_new(o, name, json_integer((json_int_t)i));
	}
	json_object_set_new(o, "top", json_integer(1000));
	return o;
}

/* The work of validating a good record against a form of n fields; -1 if it fails. */
static long
validate_work(size_t n, size_t *noperands)
{
	struct form *f = NULL;
	struct error err = { 0 };
	char *text = big_form(n, "");
	json_t *rec = big_record(n);
	unsigned long before;
	long work = -1;
	size_t i;

	if (form_parse(&f, "big.ini", text, &err) != 0) {
		diag("%s", err.msg);
		goto out;
	}
	*noperands = 0;
	for (i = 0; i < f->nrules; i++)
		*noperands += f->rules[i].nleft + 1;
	before = form_work_done();
	if (form_validate(f, rec, &err) != 0) {
		diag("%s", err.msg);
		goto out;
	}
	/* And every field on its own, as the form screen checks them. */
	for (i = 0; i < f->nfields; i++)
		if (form_check_field(f, &f->fields[i], rec, &err) != 0) {
			diag("%s", err.msg);
			goto out;
		}
	work = (long)(form_work_done() - before);
out:
	form_free(f);
	json_decref(rec);
	free(text);
	return work;
}

static void
check_refused(const char *text, const char *want, const char *name)
{
	struct form *f = NULL;
	struct error err = { 0 };

	ok(form_parse(&f, "bad.ini", text, &err) != 0 && strstr(err.msg, want) != NULL,
	    "%s", name);
	if (f == NULL && strstr(err.msg, want) == NULL)
		diag("got: %s", err.msg);
	form_free(f);
}

int
main(void)
{
	struct error err = { 0 };
	size_t ops_full = 0, ops_half = 0, i;
	long full, half;
	char *text, *t, dir[] = "/tmp/t0101.XXXXXX", *path;
	FILE *fp;

	/* Near the bound: every field, every rule, and the work stays linear. */
	full = validate_work(FORM_MAX_FIELDS, &ops_full);
	half = validate_work(FORM_MAX_FIELDS / 2, &ops_half);
	ok(full > 0 && half > 0, "a form of %d fields and %zu rule operands validates a record",
	    FORM_MAX_FIELDS, ops_full);
	/* Each field: its own check, a lookup of its key (a binary search, ~9 steps), its
	 * rules' operands twice (the record, then the field on its own). A scan of all
	 * rules per field would be 300 x 600; of all fields per operand, ~10^7. */
	ok(full > 0 && (size_t)full <= 16 * FORM_MAX_FIELDS + 3 * ops_full,
	    "validation does %ld steps for %d fields and %zu operands (linear)", full,
	    FORM_MAX_FIELDS, ops_full);
	ok(full > 0 && half > 0 && full < 3 * half,
	    "twice the fields, about twice the work (%ld against %ld)", full, half);

	/* Over the bound: refused with file:line and the reason. */
	text = big_form(FORM_MAX_FIELDS + 1, "");
	check_refused(text, "more than 300 fields", "a field too many is refused");
	free(text);
	text = xstrdup("");
	for (i = 0; i <= FORM_MAX_RULES; i++) {
		t = xasprintf("%srule = a <= b\n", text);
		free(text);
		text = t;
	}
	t = xasprintf("[form]\nkind = visit\n[a]\ntype = int\n[b]\ntype = int\n[rules]\n%s", text);
	check_refused(t, "bad.ini:608: more than 600 rules", "a rule too many is refused, with its line");
	free(t);
	free(text);
	text = xstrdup("c0");
	for (i = 1; i <= FORM_MAX_CHOICES; i++) {
		t = xasprintf("%s,c%zu", text, i);
		free(text);
		text = t;
	}
	t = xasprintf("[form]\nkind = visit\n[a]\ntype = choice\nchoices = %s\n", text);
	check_refused(t, "bad.ini:5: more than 200 choices", "a choice too many is refused");
	free(t);
	free(text);
	text = xmalloc(FORM_MAX_LABEL + 2);
	memset(text, 'x', FORM_MAX_LABEL + 1);
	text[FORM_MAX_LABEL + 1] = '\0';
	t = xasprintf("[form]\nkind = visit\n[a]\ntype = int\nlabel = %s\n", text);
	check_refused(t, "bad.ini:5: label: 201 characters, at most 200", "a label too long");
	free(t);
	t = xasprintf("[form]\nkind = visit\ntitle = %s\n[a]\ntype = int\n", text);
	check_refused(t, "bad.ini:3: title: 201 characters", "a title too long");
	free(t);
	free(text);
	text = xstrdup("[form]\nkind = visit\n");
	for (i = 0; i < 400; i++) {
		t = xasprintf("%s[s%zu]\ntype = int\n", text, i);
		free(text);
		text = t;
	}
	check_refused(text, "more than", "a file of 400 sections is refused early");
	free(text);
	check_refused("[form]\nkind = visit\n[a]\ntype = int\n[rules]\nrule = a + a + a + a + a "
	    "+ a + a + a + a + a + a + a + a + a + a + a <= a\n", "bad.ini:6: rule 'a + a",
	    "a rule of 17 names is refused");

	/* The previous form stays when an override over the bound arrives. */
	ok(mkdtemp(dir) != NULL, "a directory for overrides");
	path = xasprintf("%s/workshop.ini", dir);
	text = big_form(FORM_MAX_FIELDS + 1, "");
	fp = fopen(path, "w");
	ok(fp != NULL && fputs(text, fp) >= 0 && fclose(fp) == 0, "an override too big");
	ok(forms_init(dir, &err) == 0 && err.kind == ERR_INVALID &&
	    strstr(err.msg, "more than 300 fields") != NULL, "is reported: %s", err.msg);
	ok(forms_get("workshop") != NULL && form_field(forms_get("workshop"), "attendees") != NULL,
	    "and the default workshop form stays");
	forms_shutdown();
	unlink(path);
	rmdir(dir);
	free(path);
	free(text);

	/* Rules that can never hold. */
	check_refused("[form]\nkind = visit\n[a]\ntype = int\nrule = < a\n",
	    "bad.ini:5: rule 'a < a' can never hold", "a < a is refused with its line");
	check_refused("[form]\nkind = visit\n[a]\ntype = decimal\n[rules]\nrule = a > a\n",
	    "bad.ini:6: rule 'a > a' can never hold", "a > a");
	check_refused("[form]\nkind = visit\n[d]\ntype = date\nrule = > d\n",
	    "rule 'd > d' can never hold", "a date after itself");
	check_refused("[form]\nkind = visit\n[a]\ntype = int\n[b]\ntype = int\nmin = 0\n"
	    "[rules]\nrule = a + b < a\n", "rule 'a + b < a' can never hold",
	    "a + b < a when b is at least 0");
	check_refused("[form]\nkind = visit\n[x]\ntype = int\nmax = 10\n[y]\ntype = int\n"
	    "min = 20\n[rules]\nrule = x >= y\n", "rule 'x >= y' can never hold",
	    "x >= y when x is at most 10 and y at least 20");
	{
		struct form *f = NULL;
		ok(form_parse(&f, "good.ini", "[form]\nkind = visit\n[a]\ntype = int\n[b]\n"
		    "type = int\n[rules]\nrule = a + b < a\nrule = a <= a\n", &err) == 0,
		    "a + b < a with b unbounded may hold; a <= a always does");
		form_free(f);
	}
	ok(forms_init(NULL, &err) == 0, "the default forms pass the same checks");
	forms_shutdown();
	return done_testing();
}
