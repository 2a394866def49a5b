/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_form.c: a form definition parses or is refused with a message; one that parses
 * validates a fixed record without harm, and its values read back as they are shown. */
#include <string.h>

#include "forms/form.h"
#include "tests/fuzz/fuzz.h"

static const char form_fixed_fields[] =
    "{\"business\": \"Panadería Las Eras\", \"date\": \"2026-11-20\", "
    "\"follow_up\": \"2026-12-15\", \"attendees\": 14, \"attendees_65plus\": 12, "
    "\"women\": 9, \"men\": 5, \"duration_min\": 90, \"hours\": 1.5, "
    "\"topics\": [\"website\", \"social_media\"], \"consent\": true, "
    "\"municipality\": \"Almazán\", \"email\": \"a@example.org\"}";

FUZZ_TARGET(form)
{
	struct form *f = NULL;
	struct error err = { 0 };
	json_t *fields = NULL, *v = NULL;
	char *text = NULL, *shown = NULL;
	size_t i;

	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if (form_parse(&f, "forms/fuzz.ini", text, &err) != 0) {
		FUZZ_CHECK(err.kind == ERR_INVALID && err.msg[0] != '\0');
		goto out;
	}
	fields = json_loads(form_fixed_fields, 0, NULL);
	(void)form_validate(f, fields, &err);
	form_apply_defaults(f, fields, "Almazán");
	(void)form_validate(f, fields, &err);
	for (i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];

		FUZZ_CHECK(form_field(f, fd->name) != NULL);
		(void)form_check_field(f, fd, fields, &err);
		shown = form_value_text(fd, json_object_get(fields, fd->name));
		if (form_parse_value(fd, shown, &v, &err) == 0)
			json_decref(v);
		v = NULL;
		free(shown);
		shown = NULL;
	}
out:
	json_decref(fields);
	form_free(f);
	free(text);
	return 0;
}
