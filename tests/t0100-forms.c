/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0100-forms.c: the forms engine: the default forms, values typed and stored, rules,
 * broken definitions, the registry and defaults. */
#include <jansson.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/error.h"
#include "core/util.h"
#include "forms/embedded.h"
#include "forms/form.h"
#include "tap.h"

static int
starts_with(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The field names of a form joined with spaces, for one comparison. */
static char *
field_names(const struct form *f)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; f != NULL && i < f->nfields; i++) {
		t = xasprintf("%s%s%s", s, i ? " " : "", f->fields[i].name);
		free(s);
		s = t;
	}
	return s;
}

/* Validate fields (a JSON text); 0 or -1 with err filled. */
static int
validate_json(const struct form *f, const char *text, struct error *err)
{
	json_t *fields = json_loads(text, 0, NULL);
	int rc;

	error_clear(err);
	if (fields == NULL) {
		diag("bad JSON in test: %s", text);
		return -2;
	}
	rc = form_validate(f, fields, err);
	json_decref(fields);
	return rc;
}

/* Parse text for field name of f; returns the stored value as compact JSON or NULL. */
static char *
parse_to_json(const struct form *f, const char *name, const char *text, struct error *err)
{
	json_t *v = NULL;
	char *s;

	error_clear(err);
	if (form_parse_value(form_field(f, name), text, &v, err) != 0)
		return NULL;
	if (v == NULL)
		return xstrdup("unset");
	s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(v);
	return s;
}

static void
check_parse(const struct form *f, const char *name, const char *text, const char *want,
    const char *what)
{
	struct error err;
	char *got = parse_to_json(f, name, text, &err);

	is_str(got, want, what);
	if (got == NULL)
		diag("error: %s", err.msg);
	free(got);
}

static void
check_parse_fails(const struct form *f, const char *name, const char *text,
    const char *want_prefix, const char *what)
{
	struct error err;
	char *got = parse_to_json(f, name, text, &err);

	ok(got == NULL && err.kind == ERR_INVALID && starts_with(err.msg, want_prefix), "%s",
	    what);
	if (got != NULL)
		diag("accepted as %s", got);
	else if (!starts_with(err.msg, want_prefix))
		diag("message: %s", err.msg);
	free(got);
}

static void
check_valid(const struct form *f, const char *json, const char *what)
{
	struct error err;
	int rc = validate_json(f, json, &err);

	ok(rc == 0, "%s", what);
	if (rc != 0)
		diag("error: %s", err.msg);
}

/* Rejected, with err.field == field and the message starting with prefix. */
static void
check_invalid(const struct form *f, const char *json, const char *field,
    const char *prefix, const char *what)
{
	struct error err;
	int rc = validate_json(f, json, &err);

	ok(rc == -1 && err.kind == ERR_INVALID && strcmp(err.field, field) == 0 &&
	    starts_with(err.msg, prefix), "%s", what);
	if (rc == 0)
		diag("accepted");
	else if (strcmp(err.field, field) != 0 || !starts_with(err.msg, prefix))
		diag("field '%s', message: %s", err.field, err.msg);
}

static void
check_broken(const char *text, const char *prefix, const char *what)
{
	struct form *f = NULL;
	struct error err;
	int rc;

	error_clear(&err);
	rc = form_parse(&f, "bad.ini", text, &err);
	ok(rc == -1 && f == NULL && err.kind == ERR_INVALID && starts_with(err.msg, prefix),
	    "%s", what);
	if (rc == 0)
		diag("accepted");
	else if (!starts_with(err.msg, prefix))
		diag("message: %s", err.msg);
	form_free(f);
}

static void
test_defaults_parse(void)
{
	static const struct {
		const char *kind, *names;
	} want[] = {
		{ "visit", "business sector municipality province date duration_min "
		  "contact_name contact_phone contact_email consent topics findings "
		  "recommendations next_steps follow_up language" },
		{ "task", "business title type status municipality date due hours url "
		  "description" },
		{ "workshop", "title topic municipality venue date start duration_min "
		  "attendees attendees_65plus women men satisfaction materials notes language" },
		{ "business", "name municipality sector address web social contact_name "
		  "contact_phone contact_email consent language notes" },
	};
	const struct form *f;
	char *names;
	size_t i;

	is_int(forms_count(), 4, "four forms embedded");
	for (i = 0; i < 4; i++) {
		f = forms_at(i);
		is_str(f != NULL ? f->kind : NULL, want[i].kind, "registry order");
		ok(forms_get(want[i].kind) == f, "forms_get(%s)", want[i].kind);
		names = field_names(f);
		is_str(names, want[i].names, "field names in DESIGN order");
		free(names);
	}
	ok(forms_get("survey") == NULL, "unknown kind gives NULL");

	f = forms_get("visit");
	is_str(form_title(f, "es"), "Visita", "Spanish title");
	is_str(form_title(f, "en"), "Visit", "English title");
	ok(form_field(f, "business")->required && form_field(f, "municipality")->required &&
	    form_field(f, "date")->required && !form_field(f, "province")->required,
	    "visit required marks");
	ok(form_field(f, "business")->has_max && form_field(f, "business")->max == 120,
	    "business at most 120 characters");
	ok(form_field(f, "contact_name")->personal && form_field(f, "contact_phone")->personal &&
	    form_field(f, "contact_email")->personal && !form_field(f, "business")->personal,
	    "contact fields are personal");
	is_int(form_field(f, "consent")->type, FT_BOOL, "consent is yes/no");
	is_int(form_field(f, "topics")->type, FT_MULTI, "topics is multi");
	is_int(form_field(f, "topics")->nchoices, 9, "nine topics");
	is_int(form_field(f, "sector")->nchoices, 9, "nine sectors");
	is_int(form_field(f, "follow_up")->type, FT_DATE, "follow_up is a date");
	is_str(form_field_label(form_field(f, "duration_min"), "es"), "Duración (min)",
	    "Spanish label with an accent");
	is_str(form_field_label(form_field(f, "next_steps"), "es_ES.UTF-8"), "Próximos pasos",
	    "es_ES locale picks Spanish");
	is_str(form_field_label(form_field(f, "next_steps"), NULL), "Next steps",
	    "no language is English");
	is_str(form_choice_label(form_field(f, "topics"), "website", "es"), "Página web",
	    "Spanish choice label");
	is_str(form_choice_label(form_field(f, "topics"), "website", "en"), "Website",
	    "English choice label");
	is_str(form_choice_label(form_field(f, "topics"), "nope", "es"), "nope",
	    "unknown choice shows its value");
	ok(strlen(form_field_help(form_field(f, "business"), "es")) > 0, "help in Spanish");
	is_str(field_type_name(FT_LONGTEXT), "longtext", "type names");

	f = forms_get("task");
	is_str(form_field(f, "status")->default_value, "todo", "status defaults to todo");
	ok(form_field(f, "hours")->step == 0.25 && form_field(f, "hours")->max == 200,
	    "hours 0-200 in quarter hours");
	is_str(form_choice_label(form_field(f, "status"), "done", "es"), "Hecha",
	    "task status in Spanish");

	f = forms_get("workshop");
	ok(form_field(f, "attendees")->required && form_field(f, "title")->required,
	    "workshop required marks");
	is_str(form_field_label(form_field(f, "attendees_65plus"), "es"), "Mayores de 65",
	    "Mayores de 65");
	is_int(f->nrules, 4, "workshop has four rules");
	is_str(f->rules[3].text, "women + men <= attendees", "rule text");
}

static void
test_visit(void)
{
	const struct form *f = forms_get("visit");
	struct error err;
	char big[200];
	char *s, *huge;
	json_t *fields;
	size_t i;

	check_valid(f, "{\"business\": \"Panadería Las Eras\", \"municipality\": "
	    "\"Almazán\", \"date\": \"2026-11-20\"}", "minimal visit is valid");
	check_valid(f, "{\"business\": \"Bar\", \"municipality\": \"Berlanga\", "
	    "\"date\": \"2026-11-20\", \"sector\": \"food_drink\", \"duration_min\": 45, "
	    "\"consent\": true, \"topics\": [\"website\", \"app\"], \"contact_email\": "
	    "\"ana@example.es\", \"contact_phone\": \"+34 975 30 00 00\", "
	    "\"findings\": \"Line one\\nline two\\twith a tab\", \"follow_up\": "
	    "\"2026-12-01\", \"province\": null}", "full visit is valid");

	check_invalid(f, "{\"municipality\": \"Almazán\", \"date\": \"2026-11-20\"}",
	    "business", "business: required", "missing business");
	check_invalid(f, "{\"business\": \" \\t \", \"municipality\": \"Almazán\", "
	    "\"date\": \"2026-11-20\"}", "business", "business: required",
	    "blank business counts as missing");
	check_invalid(f, "{\"business\": null, \"municipality\": \"Almazán\", "
	    "\"date\": \"2026-11-20\"}", "business", "business: required",
	    "null business counts as missing");
	check_invalid(f, "{\"business\": \"Bar\", \"municipality\": \"Almazán\"}",
	    "date", "date: required", "missing date");

	check_parse_fails(f, "duration_min", "abc", "duration_min: 'abc' is not a whole number",
	    "'abc' for an int");
	check_invalid(f, "{\"business\": \"Bar\", \"municipality\": \"X\", \"date\": "
	    "\"2026-11-20\", \"duration_min\": \"abc\"}", "duration_min", "duration_min: ",
	    "stored 'abc' for an int");
	check_invalid(f, "{\"business\": \"Bar\", \"municipality\": \"X\", \"date\": "
	    "\"2026-11-20\", \"duration_min\": 30.0}", "duration_min",
	    "duration_min: '30.0' is not a whole number", "a real for an int");
	check_parse(f, "duration_min", " 45 ", "45", "int with blanks");
	check_parse_fails(f, "duration_min", "4", "duration_min: 4 is below the minimum (5)",
	    "int below min");
	check_parse_fails(f, "duration_min", "601", "duration_min: 601 is above the maximum",
	    "int above max");
	check_parse(f, "duration_min", "", "unset", "empty text is unset");

	check_parse_fails(f, "date", "2026-02-30",
	    "date: '2026-02-30' is not a valid date (use 2026-11-20 or 20/11/2026)",
	    "2026-02-30 rejected");
	check_parse(f, "date", "20/11/2026", "\"2026-11-20\"", "20/11/2026 normalised");
	check_parse(f, "date", "2028-02-29", "\"2028-02-29\"", "leap day");
	check_invalid(f, "{\"business\": \"Bar\", \"municipality\": \"X\", \"date\": "
	    "\"20/11/2026\"}", "date", "date: ", "stored dates are YYYY-MM-DD");

	check_invalid(f, "{\"business\": \"Bar\", \"municipality\": \"X\", \"date\": "
	    "\"2026-11-20\", \"follow_up\": \"2026-11-19\"}", "follow_up",
	    "follow_up: 2026-11-19 is before date (2026-11-20)",
	    "follow_up before date names follow_up");
	check_valid(f, "{\"business\": \"Bar\", \"municipality\": \"X\", \"date\": "
	    "\"2026-11-20\", \"follow_up\": \"2026-11-20\"}", "follow_up on the same day");

	check_invalid(f, "{\"business\": \"Bar\", \"municipality\": \"X\", \"date\": "
	    "\"2026-11-20\", \"sector\": \"bakery\"}", "sector", "sector: 'bakery' is not one of",
	    "unknown choice names the value");
	check_parse_fails(f, "sector", "bakery", "sector: 'bakery' is not one of",
	    "unknown choice typed");
	check_parse(f, "sector", "food_drink", "\"food_drink\"", "choice by value");
	check_parse(f, "sector", "hostelería", "\"hospitality\"", "choice by Spanish label");

	check_invalid(f, "{\"business\": \"Bar\", \"municipality\": \"X\", \"date\": "
	    "\"2026-11-20\", \"topics\": [\"website\", \"blockchain\"]}", "topics",
	    "topics: 'blockchain' is not one of", "multi with an unknown value");
	check_invalid(f, "{\"business\": \"Bar\", \"municipality\": \"X\", \"date\": "
	    "\"2026-11-20\", \"topics\": [\"app\", \"app\"]}", "topics", "topics: 'app'",
	    "multi with a repeated value");
	check_invalid(f, "{\"business\": \"Bar\", \"municipality\": \"X\", \"date\": "
	    "\"2026-11-20\", \"topics\": \"app\"}", "topics", "topics: expected a list",
	    "multi stored as a string");
	check_parse(f, "topics", "website, social_media,,app, website",
	    "[\"website\",\"social_media\",\"app\"]", "multi typed with commas");
	check_parse_fails(f, "topics", "website, blockchain", "topics: 'blockchain'",
	    "multi typed with an unknown value");

	check_parse(f, "consent", "sí", "true", "sí is yes");
	check_parse(f, "consent", "No", "false", "No is no");
	check_parse_fails(f, "consent", "maybe", "consent: 'maybe'", "maybe is not a bool");
	check_invalid(f, "{\"business\": \"Bar\", \"municipality\": \"X\", \"date\": "
	    "\"2026-11-20\", \"consent\": \"yes\"}", "consent", "consent: expected yes or no",
	    "bool stored as a string");

	/* Lengths are characters: 120 'é' are 240 bytes and fit. */
	s = xstrdup("");
	for (i = 0; i < 120; i++) {
		char *t = xasprintf("%sé", s);
		free(s);
		s = t;
	}
	fields = json_pack("{s:s, s:s, s:s}", "business", s, "municipality", "X",
	    "date", "2026-11-20");
	ok(form_validate(f, fields, &err) == 0, "120 characters of two bytes fit");
	free(s);
	memset(big, 'a', 121);
	big[121] = '\0';
	json_object_set_new(fields, "business", json_string(big));
	ok(form_validate(f, fields, &err) == -1 && strcmp(err.msg,
	    "business: 121 characters, at most 120") == 0, "text over max length");

	huge = xmalloc(10 * 1024 * 1024 + 1);
	memset(huge, 'x', 10 * 1024 * 1024);
	huge[10 * 1024 * 1024] = '\0';
	json_object_set_new(fields, "business", json_string("Bar"));
	json_object_set_new(fields, "findings", json_string(huge));
	ok(form_validate(f, fields, &err) == -1 && strcmp(err.field, "findings") == 0 &&
	    strstr(err.msg, "64 KB") != NULL, "a 10 MB value is refused");
	json_object_del(fields, "findings");
	json_object_set_new(fields, "notes_from_elsewhere", json_string(huge));
	ok(form_validate(f, fields, &err) == -1 &&
	    strcmp(err.field, "notes_from_elsewhere") == 0, "a 10 MB unknown value is refused");
	json_object_del(fields, "notes_from_elsewhere");
	error_clear(&err);
	json_t *v = NULL;
	ok(form_parse_value(form_field(f, "findings"), huge, &v, &err) == -1 && v == NULL &&
	    starts_with(err.msg, "findings: "), "a 10 MB typed value is refused");
	free(huge);

	json_object_set_new(fields, "business", json_string_nocheck("Caf\xe9 Bar"));
	ok(form_validate(f, fields, &err) == -1 && strcmp(err.msg,
	    "business: the text is not valid UTF-8") == 0, "invalid UTF-8 is refused");
	check_parse_fails(f, "business", "Caf\xe9", "business: the text is not valid UTF-8",
	    "invalid UTF-8 typed is refused");
	json_object_set_new(fields, "business", json_string("Bar\x1b[2J"));
	ok(form_validate(f, fields, &err) == -1 && starts_with(err.msg, "business: ") &&
	    strstr(err.msg, "control") != NULL, "an escape character is refused");
	json_object_set_new(fields, "business", json_string("Bar\nPlaza"));
	ok(form_validate(f, fields, &err) == -1, "a new line in one-line text is refused");
	/* The one rule of hostile text (core/text.h), as every front applies it. */
	json_object_set_new(fields, "business", json_string("Bar \xe2\x80\xae" "azalP"));
	ok(form_validate(f, fields, &err) == -1 && strstr(err.msg, "control") != NULL,
	    "a bidi override is refused");
	json_object_set_new(fields, "business", json_string("Bar\xe2\x80\x8b" "Plaza"));
	ok(form_validate(f, fields, &err) == -1, "a zero-width space is refused");
	json_object_set_new(fields, "business", json_string("Bar Plaza"));
	json_object_set_new(fields, "findings", json_string("one\r\ntwo"));
	ok(form_validate(f, fields, &err) == -1 && strcmp(err.field, "findings") == 0,
	    "a carriage return is refused, in long text too");
	json_object_set_new(fields, "findings", json_string("one\n\ttwo"));
	ok(form_validate(f, fields, &err) == 0, "long text keeps newlines and tabs");
	json_object_del(fields, "findings");

	json_object_set_new(fields, "old_field", json_string("kept"));
	json_object_set_new(fields, "other_thing", json_pack("{s:[i,i]}", "a", 1, 2));
	ok(form_validate(f, fields, &err) == 0, "unknown keys are not an error");
	is_str(json_string_value(json_object_get(fields, "old_field")), "kept",
	    "unknown keys are kept");
	json_object_set_new(fields, "old_field", json_string_nocheck("\xff"));
	ok(form_validate(f, fields, &err) == -1 && strcmp(err.field, "old_field") == 0,
	    "an unknown key must be valid UTF-8");
	json_decref(fields);

	check_parse(f, "contact_email", " ana@example.es ", "\"ana@example.es\"", "email");
	check_parse_fails(f, "contact_email", "ana@example", "contact_email: 'ana@example'",
	    "email without a dot in the domain");
	check_parse_fails(f, "contact_email", "ana@@example.es", "contact_email: ",
	    "email with two @");
	check_parse_fails(f, "contact_email", "ana maria@example.es", "contact_email: ",
	    "email with a space");
	check_parse(f, "contact_phone", "+34 (975) 30-00-00", "\"+34 (975) 30-00-00\"",
	    "phone with signs");
	check_parse_fails(f, "contact_phone", "12345", "contact_phone: '12345'",
	    "phone with 5 digits");
	check_parse_fails(f, "contact_phone", "975 30 00 00 ext 2", "contact_phone: ",
	    "phone with letters");
	check_parse(f, "findings", "one\r\ntwo", "\"one\\ntwo\"", "CRLF in long text");

	/* A Spanish locale writes 1,25 with printf; stored and shown numbers keep '.'. */
	if (setlocale(LC_NUMERIC, "es_ES.UTF-8") != NULL ||
	    setlocale(LC_NUMERIC, "es_ES.utf8") != NULL) {
		v = json_real(1.25);
		s = form_value_text(form_field(forms_get("task"), "hours"), v);
		is_str(s, "1.25", "decimals show with '.' under a Spanish locale");
		free(s);
		json_decref(v);
		check_parse(forms_get("task"), "hours", "1,25", "1.25",
		    "decimal comma under a Spanish locale");
		setlocale(LC_NUMERIC, "C");
	} else
		skip(2, "no es_ES locale");

	s = form_value_text(form_field(f, "topics"), NULL);
	is_str(s, "", "unset shows as empty text");
	free(s);
	v = json_pack("[s,s]", "website", "app");
	s = form_value_text(form_field(f, "topics"), v);
	is_str(s, "website, app", "multi shows joined");
	free(s);
	json_decref(v);
	v = json_true();
	s = form_value_text(form_field(f, "consent"), v);
	is_str(s, "yes", "bool shows yes");
	free(s);
	json_decref(v);
}

static void
test_task(void)
{
	const struct form *f = forms_get("task");

	check_parse_fails(f, "hours", "1.3", "hours: 1.3 is not in steps of 0.25",
	    "hours 1.3 refused (quarter hours)");
	check_parse(f, "hours", "1.25", "1.25", "hours 1.25 accepted");
	check_parse(f, "hours", "1,25", "1.25", "hours with a decimal comma");
	check_parse(f, "hours", "2", "2.0", "whole hours");
	check_parse_fails(f, "hours", "200.25", "hours: 200.25 is above the maximum (200)",
	    "hours above 200");
	check_parse_fails(f, "hours", "-1", "hours: -1 is below the minimum (0)",
	    "negative hours");
	check_parse_fails(f, "hours", "1e2", "hours: '1e2' is not a number", "no exponents");
	check_parse_fails(f, "hours", "1.2.3", "hours: ", "two points");
	check_invalid(f, "{\"business\": \"Bar\", \"title\": \"Web\", \"municipality\": "
	    "\"X\", \"date\": \"2026-11-20\", \"hours\": 1.3}", "hours", "hours: 1.3 is not",
	    "stored hours 1.3");
	check_valid(f, "{\"business\": \"Bar\", \"title\": \"Web\", \"municipality\": "
	    "\"X\", \"date\": \"2026-11-20\", \"hours\": 3, \"status\": \"in_progress\"}",
	    "integer hours stored");
	check_invalid(f, "{\"business\": \"Bar\", \"municipality\": \"X\", "
	    "\"date\": \"2026-11-20\"}", "title", "title: required", "task needs a title");
	check_parse(f, "url", "https://panaderia.example.es/carta?x=1",
	    "\"https://panaderia.example.es/carta?x=1\"", "https url");
	check_parse(f, "url", "www.example.es", "\"https://www.example.es\"",
	    "a bare host becomes https");
	check_parse_fails(f, "url", "ftp://example.es", "url: 'ftp://example.es'",
	    "ftp is not a web address");
	check_parse_fails(f, "url", "https://", "url: ", "a url needs a host");
	check_invalid(f, "{\"business\": \"Bar\", \"title\": \"Web\", \"municipality\": "
	    "\"X\", \"date\": \"2026-11-20\", \"url\": \"javascript:alert(1)\"}", "url",
	    "url: ", "stored url without http");
}

static void
test_workshop(void)
{
	const struct form *f = forms_get("workshop");
	const char *base = "\"title\": \"Videollamadas\", \"municipality\": \"Berlanga\", "
	    "\"date\": \"2026-11-19\"";
	struct error err;
	json_t *fields;
	char *s;

	s = xasprintf("{%s, \"attendees\": 50, \"attendees_65plus\": 30, \"women\": 30, "
	    "\"men\": 20, \"satisfaction\": 4.5, \"start\": \"17:30\"}", base);
	check_valid(f, s, "workshop at the limits is valid");
	free(s);
	s = xasprintf("{%s, \"attendees\": 50, \"attendees_65plus\": 80}", base);
	check_invalid(f, s, "attendees_65plus", "attendees_65plus: 80 is more than attendees (50)",
	    "attendees_65plus > attendees");
	free(s);
	s = xasprintf("{%s, \"attendees\": 50, \"women\": 30, \"men\": 30}", base);
	check_invalid(f, s, "men", "men: women + men (60) is more than attendees (50)",
	    "women + men > attendees");
	free(s);
	s = xasprintf("{%s, \"women\": 30, \"men\": 30}", base);
	check_invalid(f, s, "attendees", "attendees: required",
	    "rules wait for a missing operand; required reported");
	free(s);
	s = xasprintf("{%s, \"attendees\": 501}", base);
	check_invalid(f, s, "attendees", "attendees: 501 is above the maximum (500)",
	    "attendees over 500");
	free(s);

	/* One field at a time, as the form screen does. */
	fields = json_pack("{s:s, s:s, s:s, s:i, s:i, s:i}", "title", "T", "municipality",
	    "M", "date", "2026-11-19", "attendees", 40, "women", 30, "men", 20);
	error_clear(&err);
	ok(form_check_field(f, form_field(f, "women"), fields, &err) == -1 &&
	    strcmp(err.field, "men") == 0, "checking women reports the broken sum");
	error_clear(&err);
	ok(form_check_field(f, form_field(f, "attendees"), fields, &err) == -1 &&
	    starts_with(err.msg, "men: women + men (50)"), "checking attendees too");
	error_clear(&err);
	ok(form_check_field(f, form_field(f, "title"), fields, &err) == 0,
	    "title is fine on its own");
	json_object_set_new(fields, "attendees", json_integer(50));
	ok(form_check_field(f, form_field(f, "men"), fields, &err) == 0, "sum within attendees");
	json_object_set_new(fields, "attendees", json_string("lots"));
	error_clear(&err);
	ok(form_check_field(f, form_field(f, "men"), fields, &err) == 0,
	    "a rule with a bad operand waits for that field's own check");
	ok(form_validate(f, fields, &err) == -1 && strcmp(err.msg,
	    "attendees: 'lots' is not a whole number") == 0, "bad operand reported on itself");
	json_decref(fields);

	check_parse_fails(f, "satisfaction", "4.55", "satisfaction: 4.55 is not in steps of 0.1",
	    "satisfaction 4.55 refused");
	check_parse(f, "satisfaction", "4.5", "4.5", "satisfaction 4.5 accepted");
	check_parse(f, "satisfaction", "4,7", "4.7", "satisfaction 4,7 accepted");
	check_parse(f, "satisfaction", "5", "5.0", "satisfaction 5 accepted");
	check_parse_fails(f, "satisfaction", "0.9", "satisfaction: 0.9 is below the minimum (1)",
	    "satisfaction below 1");
	s = xasprintf("{%s, \"attendees\": 5, \"satisfaction\": 4.55}", base);
	check_invalid(f, s, "satisfaction", "satisfaction: 4.55 is not in steps of 0.1",
	    "stored satisfaction 4.55");
	free(s);

	check_parse(f, "start", "9:05", "\"09:05\"", "time normalised");
	check_parse_fails(f, "start", "24:00", "start: '24:00' is not a valid time",
	    "24:00 refused");
	s = xasprintf("{%s, \"attendees\": 5, \"start\": \"9:05\"}", base);
	check_invalid(f, s, "start", "start: ", "stored times are HH:MM");
	free(s);
}

static void
test_broken(void)
{
	struct form *f = NULL;
	struct error err;
	char *text, *label;

	check_broken("[form]\nkind = visit\n\n[a]\ntype = number\n",
	    "bad.ini:5: unknown type 'number'", "unknown type");
	check_broken("[form]\nkind = visit\n[n]\ntype = int\nmin = 10\nmax = 5\n",
	    "bad.ini:6: min 10 is above max 5", "min above max");
	check_broken("[form]\nkind = workshop\n[a]\ntype = int\n[b]\ntype = int\n"
	    "[rules]\nrule = a + c <= b\n", "bad.ini:8: rule 'a + c <= b': unknown field 'c'",
	    "rule naming an unknown field");
	check_broken("[form]\nkind = visit\n[a]\ntype = date\nrule = >= nothere\n",
	    "bad.ini:5: rule", "shorthand rule naming an unknown field");
	check_broken("[form]\nkind = visit\n[a]\ntype = text\nlabel = A\nlabel = B\n",
	    "bad.ini:6: duplicate key 'label'", "duplicate key");
	check_broken("[form]\nkind = visit\n[a]\ntype = text\n\n[a]\ntype = int\n",
	    "bad.ini:6: duplicate section [a]", "duplicate section");
	check_broken("[form]\nkind = visit\n[a]\ntype = text\ncolour = red\n",
	    "bad.ini:5: unknown key 'colour'", "unknown key");
	check_broken("[form]\nkind = visit\ncolour = red\n[a]\ntype = text\n",
	    "bad.ini:3: unknown key 'colour'", "unknown key in [form]");
	check_broken("[form]\nkind = survey\n[a]\ntype = text\n", "bad.ini:2: unknown kind",
	    "unknown kind");
	check_broken("[a]\ntype = text\n", "bad.ini:1: no [form] section", "no [form]");
	check_broken("[form]\nkind = visit\n", "bad.ini:1: the form has no fields",
	    "no fields");
	check_broken("[form]\nkind = visit\n[a]\nlabel = A\n", "bad.ini:3: field 'a' has no type",
	    "field without type");
	check_broken("key = 1\n", "bad.ini:1: key 'key' before any [section]",
	    "key outside a section");
	check_broken("[form]\nkind = visit\n[a]\ntype = text\njust words\n",
	    "bad.ini:5: expected 'key = value'", "a line that is neither");
	check_broken("[form]\nkind = visit\n[a]\ntype = choice\n", "bad.ini:3: field 'a' of "
	    "type choice needs 'choices'", "choice without choices");
	check_broken("[form]\nkind = visit\n[a]\ntype = choice\nchoices = x, y\n"
	    "choice.z = Z\n", "bad.ini:6: 'z' is not one of the choices", "label of no choice");
	check_broken("[form]\nkind = visit\n[a]\ntype = choice\nchoices = x, y, x\n",
	    "bad.ini:5: choice 'x' appears twice", "repeated choice");
	check_broken("[form]\nkind = task\n[s]\ntype = choice\nchoices = a, b\ndefault = c\n",
	    "bad.ini:6: s: 'c' is not one of", "default not a choice");
	check_broken("[form]\nkind = visit\n[a]\ntype = date\n[b]\ntype = int\n"
	    "[rules]\nrule = a <= b\n", "bad.ini:8: rule 'a <= b': cannot compare",
	    "rule comparing a date with a number");
	check_broken("[form]\nkind = visit\n[a]\ntype = int\n[b]\ntype = int\n"
	    "[rules]\nrule = a <= b <= a\n", "bad.ini:8: rule", "rule with two comparisons");
	check_broken("[form]\nkind = visit\n[a]\ntype = date\nmin = 3\n",
	    "bad.ini:5: 'min' does not apply to a date field", "min on a date");
	check_broken("[form]\nkind = visit\n[a]\ntype = int\nmin = 1.5\n",
	    "bad.ini:5: min: '1.5' is not a whole number", "fractional min of an int");
	check_broken("[form]\nkind = visit\n[Bad Name]\ntype = int\n",
	    "bad.ini:3: field name", "field name with a space");
	check_broken("[form]\nkind = visit\n[a]\ntype = text\nlabel = \x1b[31mred\n",
	    "bad.ini:5: control or invisible", "escape sequence in a label");
	check_broken("[form]\nkind = visit\n[a]\ntype = text\nlabel = \"open\n",
	    "bad.ini:5: no closing quote", "unterminated quote");
	check_broken("[form]\nkind = visit\n[a]\ntype = text\nlabel = caf\xe9\n",
	    "bad.ini:5: not valid UTF-8", "invalid UTF-8 in a definition");
	check_broken("[form]\r\nkind = visit\r\n[a]\r\ntype = text\r\nmax = x\r\n",
	    "bad.ini:5: max: 'x' is not a number", "CRLF lines are counted");

	/* What a good definition may hold. */
	label = xmalloc(FORM_MAX_HELP + 1);
	memset(label, 'L', FORM_MAX_HELP);
	label[FORM_MAX_HELP] = '\0';
	text = xasprintf("\xef\xbb\xbf; comment\r\n# another\r\n[form]\r\nkind = task\r\n"
	    "title = \"  Spaced  \"\r\n\r\n[ a ]\r\n  type = text\r\nlabel = A\r\n"
	    "help = a; b # c\r\nhelp.es = \"say \\\"hi\\\" \\\\ bye\"\r\n[b]\nhelp = %s\n"
	    "type = int", label);
	error_clear(&err);
	ok(form_parse(&f, "good.ini", text, &err) == 0, "BOM, CRLF, comments, a long line");
	if (f == NULL)
		diag("%s", err.msg);
	else {
		is_str(f->title, "  Spaced  ", "quoted value keeps its blanks");
		is_str(f->fields[0].name, "a", "section name trimmed");
		ok(f->nfields == 2 && strlen(f->fields[1].help) == FORM_MAX_HELP,
		    "a 2,000-byte line");
		is_str(f->fields[0].help, "a; b # c", "';' and '#' inside a value are kept");
		is_str(form_field_help(&f->fields[0], "es"), "say \"hi\" \\ bye", "escapes inside quotes");
		is_int(f->nfields, 2, "last line without a new line");
		is_str(f->source, text, "source kept");
	}
	form_free(f);
	free(text);
	free(label);
}

static const char small_visit[] =
	"[form]\nkind = visit\ntitle = Short visit\n\n[business]\ntype = text\n"
	"required = yes\n\n[date]\ntype = date\ndefault = today\n";

static void
test_registry(void)
{
	char dir[] = "/tmp/t0100-XXXXXX", *path;
	struct form *f = NULL;
	struct error err;
	FILE *fp;

	error_clear(&err);
	ok(form_parse(&f, "visit.ini", small_visit, &err) == 0, "a small visit form parses");
	forms_install(f);
	ok(forms_get("visit") == f && forms_get("visit")->nfields == 2,
	    "forms_install replaces the visit form");
	is_int(forms_count(), 4, "still four kinds");
	is_str(forms_at(0)->kind, "visit", "visit stays first");

	ok(mkdtemp(dir) != NULL, "temporary folder");
	path = xasprintf("%s/forms", dir);
	ok(forms_save_override(path, forms_get("visit"), &err) == 0, "override saved");
	ok(forms_init(path, &err) == 0 && err.kind == ERR_NONE, "forms_init with overrides");
	ok(forms_get("visit")->nfields == 2, "the saved override is used");
	ok(forms_get("task")->nfields == 10, "the task default stays");
	free(path);

	path = xasprintf("%s/forms/task.ini", dir);
	fp = fopen(path, "w");
	fputs("[form]\nkind = task\n[a]\ntype = nonsense\n", fp);
	fclose(fp);
	free(path);

	path = xasprintf("%s/forms", dir);
	ok(forms_init(path, &err) == 0 && err.kind == ERR_INVALID &&
	    strstr(err.msg, "task.ini:4: unknown type 'nonsense'") != NULL,
	    "a broken override is reported");
	ok(forms_get("task") != NULL && forms_get("task")->nfields == 10,
	    "and the default stays");
	free(path);

	path = xasprintf("%s/forms/task.ini", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/forms/visit.ini", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/forms", dir);
	rmdir(path);
	free(path);
	rmdir(dir);
	ok(forms_init(NULL, &err) == 0 && forms_get("visit")->nfields == 16,
	    "forms_init again gives the defaults");
}

static void
test_defaults(void)
{
	const struct form *visit = forms_get("visit"), *task = forms_get("task");
	char today[DATE_LEN + 1];
	json_t *fields;

	clock_today(today);
	fields = json_object();
	form_apply_defaults(visit, fields, "Almazán");
	is_str(json_string_value(json_object_get(fields, "date")), today, "date defaults to today");
	is_str(json_string_value(json_object_get(fields, "municipality")), "Almazán",
	    "municipality from the config");
	ok(json_object_get(fields, "business") == NULL, "no default, no key");
	json_decref(fields);

	fields = json_pack("{s:s, s:s, s:s}", "date", "2026-01-02", "municipality", "Soria",
	    "status", "done");
	json_object_set_new(fields, "due", json_null());
	form_apply_defaults(task, fields, "Almazán");
	is_str(json_string_value(json_object_get(fields, "date")), "2026-01-02",
	    "a set date is kept");
	is_str(json_string_value(json_object_get(fields, "municipality")), "Soria",
	    "a set municipality is kept");
	is_str(json_string_value(json_object_get(fields, "status")), "done", "a set status is kept");
	ok(json_is_null(json_object_get(fields, "due")), "due has no default");
	json_decref(fields);

	fields = json_pack("{s:n}", "municipality");
	form_apply_defaults(task, fields, NULL);
	is_str(json_string_value(json_object_get(fields, "status")), "todo",
	    "status defaults to todo");
	is_str(json_string_value(json_object_get(fields, "date")), today, "task date today");
	ok(json_is_null(json_object_get(fields, "municipality")), "no municipality configured");
	json_decref(fields);
}

/* A default is taken at its kind's first use, once, and never parsed; an override is
 * parsed at forms_init, where a bad one is still reported. */
static void
test_lazy(void)
{
	char dir[] = "/tmp/t0100-lazy-XXXXXX", *path;
	unsigned long before, taken;
	struct error err;
	FILE *fp;

	error_clear(&err);
	before = form_parses_done();
	taken = forms_defaults_taken();
	ok(forms_init(NULL, &err) == 0, "forms_init without overrides");
	is_int((int)(forms_defaults_taken() - taken), 0, "takes no form");
	ok(forms_get("visit") != NULL && forms_get("visit")->nfields == 16,
	    "the visit form is there when asked for");
	is_int((int)(forms_defaults_taken() - taken), 1, "and only it was taken");
	ok(forms_get("visit") != NULL && forms_get("nonsense") == NULL,
	    "asked again, and an unknown kind");
	is_int((int)(forms_defaults_taken() - taken), 1, "nothing more is taken");
	is_str(forms_kind_title("task", "es"), "Tarea", "a title needs its form");
	is_int((int)(forms_defaults_taken() - taken), 2, "which is taken then");
	is_int((int)forms_count(), 4, "the count sees every kind");
	is_str(forms_at(3)->kind, "business", "in the kinds' order");
	is_int((int)(forms_defaults_taken() - taken), 4, "having taken the other two");
	is_int((int)(form_parses_done() - before), 0,
	    "and no default was parsed: the build did it");

	ok(mkdtemp(dir) != NULL, "a folder for overrides");
	path = xasprintf("%s/visit.ini", dir);
	fp = fopen(path, "w");
	ok(fp != NULL && fputs(small_visit, fp) >= 0 && fclose(fp) == 0, "a visit override");
	free(path);
	path = xasprintf("%s/task.ini", dir);
	fp = fopen(path, "w");
	ok(fp != NULL && fputs("[form]\nkind = task\n[a]\ntype = nonsense\n", fp) >= 0 &&
	    fclose(fp) == 0, "and a broken task override");
	free(path);
	before = form_parses_done();
	taken = forms_defaults_taken();
	ok(forms_init(dir, &err) == 0 && err.kind == ERR_INVALID &&
	    strstr(err.msg, "task.ini:4: unknown type 'nonsense'") != NULL,
	    "the broken override is reported at forms_init");
	is_int((int)(form_parses_done() - before), 2, "which read the two overrides only");
	ok(forms_get("visit") != NULL && forms_get("visit")->nfields == 2,
	    "the visit override is used");
	is_int((int)(forms_defaults_taken() - taken), 0, "and the visit default never taken");
	ok(forms_get("task") != NULL && forms_get("task")->nfields == 10,
	    "the task default stands in for the broken override");
	is_int((int)(forms_defaults_taken() - taken), 1, "taken at its first use");
	is_int((int)(form_parses_done() - before), 2, "without a parse");

	path = xasprintf("%s/visit.ini", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/task.ini", dir);
	unlink(path);
	free(path);
	rmdir(dir);
	forms_shutdown();
	ok(forms_get("workshop") != NULL && forms_count() == 4,
	    "after forms_shutdown, the defaults come back at their use");
}

/* --- The defaults compiled at build time against a parse of their texts --- */

static char diff_at[200];

static int
differ(const char *what)
{
	if (diff_at[0] == '\0')
		snprintf(diff_at, sizeof diff_at, "%s", what);
	return 1;
}

static int
str_differ(const char *a, const char *b, const char *what)
{
	if ((a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0))
		return differ(what);
	return 0;
}

static int
sizes_differ(const size_t *a, const size_t *b, size_t n, const char *what)
{
	if ((a == NULL) != (b == NULL) || (n > 0 && a != NULL && memcmp(a, b, n * sizeof *a)))
		return differ(what);
	return 0;
}

static int
trs_differ(const struct form_trs *a, const struct form_trs *b, const char *what)
{
	size_t i;

	if (a->n != b->n)
		return differ(what);
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].lang, b->v[i].lang) != 0 ||
		    str_differ(a->v[i].text, b->v[i].text, what))
			return differ(what);
	return 0;
}

static int
field_differs(const struct form_field *a, const struct form_field *b)
{
	size_t i;

	if (str_differ(a->name, b->name, "name") || a->type != b->type ||
	    str_differ(a->label, b->label, "label") || str_differ(a->help, b->help, "help") ||
	    trs_differ(&a->label_tr, &b->label_tr, "label_tr") ||
	    trs_differ(&a->help_tr, &b->help_tr, "help_tr") || a->required != b->required ||
	    a->has_min != b->has_min || a->has_max != b->has_max || a->min != b->min ||
	    a->max != b->max || a->step != b->step || a->nchoices != b->nchoices ||
	    str_differ(a->default_value, b->default_value, "default") ||
	    a->personal != b->personal)
		return differ(a->name);
	for (i = 0; i < a->nchoices; i++)
		if (str_differ(a->choices[i].value, b->choices[i].value, "choice") ||
		    str_differ(a->choices[i].label, b->choices[i].label, "choice label") ||
		    trs_differ(&a->choices[i].label_tr, &b->choices[i].label_tr, "choice_tr"))
			return differ(a->name);
	return 0;
}

static int
rule_differs(const struct form_rule *a, const struct form_rule *b)
{
	size_t i;

	if (a->nleft != b->nleft || strcmp(a->op, b->op) != 0 ||
	    str_differ(a->right, b->right, "rule") || str_differ(a->text, b->text, "rule") ||
	    sizes_differ(a->left_at, b->left_at, a->nleft, "rule") ||
	    a->right_at != b->right_at || a->subject_at != b->subject_at)
		return differ(a->text);
	for (i = 0; i < a->nleft; i++)
		if (str_differ(a->left[i], b->left[i], a->text))
			return 1;
	return 0;
}

/* text with its first from replaced by to (a copy of text where there is none). */
static char *
replaced(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);

	if (at == NULL)
		return xstrdup(text);
	return xasprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

/* Whether a and b differ in any member; diff_at names the first that does. */
static int
form_differs(const struct form *a, const struct form *b)
{
	size_t i, n;

	diff_at[0] = '\0';
	if (str_differ(a->kind, b->kind, "kind") || str_differ(a->title, b->title, "title") ||
	    trs_differ(&a->title_tr, &b->title_tr, "title_tr") || a->nfields != b->nfields ||
	    a->nrules != b->nrules)
		return differ("form");
	for (i = 0; i < a->nfields; i++)
		if (field_differs(&a->fields[i], &b->fields[i]))
			return 1;
	for (i = 0; i < a->nrules; i++)
		if (rule_differs(&a->rules[i], &b->rules[i]))
			return 1;
	n = a->member_first[a->nfields];
	return sizes_differ(a->by_name, b->by_name, a->nfields, "by_name") ||
	    sizes_differ(a->subject_first, b->subject_first, a->nfields + 1, "subject_first") ||
	    sizes_differ(a->member_first, b->member_first, a->nfields + 1, "member_first") ||
	    sizes_differ(a->subject_rules, b->subject_rules, a->nrules, "subject_rules") ||
	    (b->member_first[b->nfields] != n && differ("members")) ||
	    sizes_differ(a->member_rules, b->member_rules, n, "member_rules");
}

/* Each default the program takes is the build's parse of its text, member by member, and
 * is what forms_get gives; the comparison tells a changed label or rule. */
static void
test_compiled(void)
{
	struct form *parsed = NULL, *task = NULL;
	struct error err;
	const struct form *got;
	char *text;
	size_t i;
	int same;

	is_int((int)forms_compiled_count, (int)forms_embedded_count,
	    "every embedded default is compiled");
	for (i = 0; i < forms_compiled_count && i < forms_embedded_count; i++) {
		error_clear(&err);
		if (!ok(form_parse(&parsed, forms_embedded[i].name, forms_embedded[i].text,
		    &err) == 0, "%s parses", forms_embedded[i].name)) {
			diag("%s", err.msg);
			continue;
		}
		same = forms_compiled[i] != NULL && forms_compiled[i]->compiled &&
		    !form_differs(forms_compiled[i], parsed);
		ok(same, "the compiled %s is its parse%s%s", forms_embedded[i].name,
		    same ? "" : ": differs at ", diff_at);
		got = forms_get(parsed->kind);
		ok(got == forms_compiled[i] && got->source == forms_embedded[i].text,
		    "forms_get(\"%s\") gives it, with the embedded text as its source",
		    parsed->kind);
		if (strcmp(parsed->kind, "task") == 0)
			task = parsed;
		else
			form_free(parsed);
		parsed = NULL;
	}
	/* The comparison itself: one label changed, and another form. */
	for (i = 0; i < forms_embedded_count; i++)
		if (strcmp(forms_embedded[i].name, "visit.ini") == 0)
			break;
	if (i < forms_embedded_count && task != NULL) {
		text = replaced(forms_embedded[i].text, "label.eu = Probintzia",
		    "label.eu = Probintziak");
		same = strcmp(text, forms_embedded[i].text) == 0 ||
		    form_parse(&parsed, "visit.ini", text, &err) != 0 ||
		    !form_differs(forms_compiled[i], parsed);
		ok(!same && strcmp(diff_at, "label_tr") == 0,
		    "a changed label is a difference, found in the labels");
		ok(form_differs(forms_compiled[i], task), "and another form is one");
		form_free(parsed);
		free(text);
	}
	form_free(task);
	form_free(forms_compiled[0]);
	ok(forms_compiled[0]->kind != NULL && forms_compiled[0]->nfields > 0,
	    "form_free leaves a compiled form as it was");
}

int
main(void)
{
	struct error err;

	error_clear(&err);
	test_lazy();
	if (!ok(forms_init(NULL, &err) == 0, "forms_init loads the embedded forms")) {
		diag("%s", err.msg);
		return done_testing();
	}
	test_defaults_parse();
	test_visit();
	test_task();
	test_workshop();
	test_broken();
	test_defaults();
	test_registry();
	forms_shutdown();
	test_compiled();
	forms_shutdown();
	return done_testing();
}
