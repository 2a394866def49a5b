/* SPDX-License-Identifier: GPL-3.0-or-later */
/* personal.c: see personal.h. */
#include <string.h>

#include "core/text.h"
#include "forms/form.h"
#include "forms/personal.h"

#define CONTACT_PREFIX "contact_"

int
form_field_is_personal(const char *kind, const char *name)
{
	const struct form_field *fd;

	if (strncmp(name, CONTACT_PREFIX, sizeof CONTACT_PREFIX - 1) == 0)
		return 1;
	fd = form_field(kind != NULL ? forms_get(kind) : NULL, name);
	return fd != NULL && fd->personal;
}

int
record_has_consent(const struct record *r)
{
	json_t *v = json_object_get(r->fields, "consent");
	int yes;

	if (json_is_true(v))
		return 1;
	return json_is_string(v) && text_yes_no(json_string_value(v), &yes) == 0 && yes;
}
