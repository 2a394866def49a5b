/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0623-json-numbers.c: what --json prints and what a record file holds: hostile code
 * points escaped as \uXXXX (the text parses back the same), reals with every digit, and
 * decimals shown without an exponent so that they can be typed back. */
#include <jansson.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "forms/form.h"
#include "report/record_json.h"
#include "tap.h"

static void
check_shown_typed_back(double d, const char *want)
{
	char buf[FORM_NUMBER_TEXT_MAX];
	double back = -1;

	form_number_format(d, buf, sizeof buf);
	if (want != NULL)
		is_str(buf, want, "shown without an exponent");
	ok(strpbrk(buf, "eE") == NULL && form_number_parse(buf, &back) == 0 && back == d,
	    "'%s' is typed back as the same number", buf);
}

int
main(void)
{
	static const char hostile[] = "a\xc2\x9b" "31mb\xe2\x80\xae" "c\xe2\x80\x8b"
	    "d\xe2\x80\xa8" "e\xe2\x80\xa9" "f\x7f" "g\x1b" "ñ";
	json_t *o = json_object(), *back;
	char *text;
	struct record *r = NULL, *r2 = NULL;
	struct error err = { 0 };
	const double reals[] = { 0.1 + 0.2, 1.0 / 3, 123456789.12345678, 1.234e-05, 4.55 };
	size_t i;

	setlocale(LC_ALL, "");
	json_object_set_new(o, "name", json_string(hostile));
	json_object_set_new(o, "x", json_real(0.1 + 0.2));
	text = record_json_text(o);
	ok(text != NULL && strstr(text, "\xc2\x9b") == NULL && strstr(text, "\xe2\x80\xae") == NULL
	    && strstr(text, "\xe2\x80\x8b") == NULL && strstr(text, "\xe2\x80\xa8") == NULL &&
	    strstr(text, "\xe2\x80\xa9") == NULL && strchr(text, 0x7f) == NULL &&
	    strchr(text, 0x1b) == NULL, "no C1, bidi, zero-width, separator, DEL or ESC raw");
	ok(text != NULL && strstr(text, "a\\u009B31mb\\u202Ec\\u200Bd\\u2028e\\u2029f\\u007Fg"
	    "\\u001B") != NULL, "each escaped as \\uXXXX");
	ok(text != NULL && strstr(text, "ñ") != NULL, "letters stay as they are");
	back = text != NULL ? json_loads(text, 0, NULL) : NULL;
	is_str(json_string_value(json_object_get(back, "name")), hostile,
	    "the output parses back to the same string");
	ok(json_real_value(json_object_get(back, "x")) == 0.1 + 0.2, "the real keeps its digits");
	json_decref(back);
	free(text);
	json_decref(o);

	/* Through a record file and back: every real the same double. */
	{
		static const char file[] = "{\"created\": \"2026-11-20T10:42:07Z\", "
		    "\"deleted\": false, \"device\": \"netbook-1\", \"fields\": {}, "
		    "\"id\": \"019aa0b0-6d0c-7a1b-8c2d-3e4f5a6b7c8d\", \"kind\": \"visit\", "
		    "\"rev\": 3, \"updated\": \"2026-11-20T11:00:00Z\", \"volunteer\": \"maria\"}";
		ok(record_from_json(&r, file, strlen(file), &err) == 0, "a record to fill");
	}
	for (i = 0; r != NULL && i < sizeof reals / sizeof reals[0]; i++) {
		char key[8] = "r0";
		key[1] = (char)('0' + i);
		json_object_set_new(r->fields, key, json_real(reals[i]));
	}
	text = r != NULL ? record_to_json(r) : NULL;
	ok(text != NULL && record_from_json(&r2, text, strlen(text), &err) == 0,
	    "a record file with reals reads back");
	for (i = 0; r2 != NULL && i < sizeof reals / sizeof reals[0]; i++) {
		char key[8] = "r0";
		key[1] = (char)('0' + i);
		ok(json_real_value(json_object_get(r2->fields, key)) == reals[i],
		    "real %s survives a round trip", key);
	}
	ok(text != NULL && strstr(text, "\"r4\": 4.55") != NULL && strstr(text, "1.234e-5") != NULL,
	    "short reals are written as before (no noise digits)");
	free(text);
	record_free(r);
	record_free(r2);

	/* Decimals as the forms show them. */
	check_shown_typed_back(1.234e-05, "0.00001234");
	check_shown_typed_back(0.1 + 0.2, "0.30000000000000004");
	check_shown_typed_back(1200000, "1200000");
	check_shown_typed_back(-2.5, "-2.5");
	check_shown_typed_back(1e21, "1000000000000000000000");
	check_shown_typed_back(5e-324, NULL);
	check_shown_typed_back(1.7976931348623157e308, NULL);
	{
		double d;
		ok(form_number_parse("1e2", &d) != 0, "an exponent is still refused");
		ok(form_number_parse("123456789012345678", &d) != 0,
		    "18 significant digits are refused");
		ok(form_number_parse("0,5", &d) == 0 && d == 0.5, "a decimal comma");
	}
	return done_testing();
}
