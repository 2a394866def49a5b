/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0110-personal.c: which fields are personal data and what counts as consent
 * (forms/personal.h), the one answer for sync, the exports and the summaries. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/record.h"
#include "forms/form.h"
#include "forms/personal.h"
#include "tap.h"

/* A coordinator's task form that marks a field personal whose name says nothing. */
static const char *const task_form =
	"[form]\nkind = task\ntitle = Task\n"
	"[title]\ntype = text\nlabel = Title\nrequired = yes\n"
	"[owner_mobile]\ntype = phone\nlabel = Owner's mobile\npersonal = yes\n"
	"[contact_address]\ntype = text\nlabel = Address\n";

static int
consent_of(json_t *value)
{
	struct record *r = record_new("visit");
	int rc;

	if (value != NULL)
		json_object_set_new(r->fields, "consent", value);
	rc = record_has_consent(r);
	record_free(r);
	return rc;
}

int
main(void)
{
	struct error err = { 0 };
	struct form *f = NULL;

	ok(forms_init(NULL, &err) == 0, "the default forms load");

	ok(form_field_is_personal("visit", "contact_name") &&
	    form_field_is_personal("visit", "contact_phone") &&
	    form_field_is_personal("visit", "contact_email"), "the visit's contact fields");
	ok(form_field_is_personal("visit", "contact_address"),
	    "a contact_ field no form knows is personal");
	ok(form_field_is_personal("workshop", "contact_name"),
	    "a contact_ field is personal in a kind whose form has none");
	ok(form_field_is_personal("nosuchkind", "contact_mobile") &&
	    !form_field_is_personal("nosuchkind", "business"),
	    "an unknown kind: the name alone decides");
	ok(!form_field_is_personal("visit", "business") &&
	    !form_field_is_personal("visit", "consent") &&
	    !form_field_is_personal("visit", "findings"), "the other fields are not personal");
	ok(!form_field_is_personal("visit", "contact") &&
	    !form_field_is_personal("visit", "xcontact_name"), "only the prefix counts");

	ok(form_parse(&f, "forms/task.ini", task_form, &err) == 0, "a task form with a "
	    "personal field parses");
	forms_install(f);
	ok(form_field_is_personal("task", "owner_mobile"), "the form's personal flag counts");
	ok(!form_field_is_personal("visit", "owner_mobile"),
	    "the flag belongs to its own form");
	ok(form_field_is_personal("task", "contact_address"),
	    "a contact_ field the form forgot to flag is personal");

	ok(consent_of(json_true()), "consent true");
	ok(consent_of(json_string("yes")) && consent_of(json_string("S\xc3\xad")) &&
	    consent_of(json_string("TRUE")), "consent written by hand: yes, Sí, TRUE");
	ok(!consent_of(NULL), "no consent field: no consent");
	ok(!consent_of(json_false()) && !consent_of(json_string("no")) &&
	    !consent_of(json_string("")) && !consent_of(json_string("maybe")) &&
	    !consent_of(json_integer(1)) && !consent_of(json_null()),
	    "false, no, empty, other words, a number or null: no consent");

	forms_shutdown();
	return done_testing();
}
