/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * embedded.h: the default form definitions compiled into the binary.
 * build/forms_embedded.c is written by forms/embed.sh from the forms/<kind>.ini files
 * (see the Makefile); forms_get takes them at their kind's first use.
 */
#ifndef VOLUNTEER_FORMS_EMBEDDED_H
#define VOLUNTEER_FORMS_EMBEDDED_H

#include <stddef.h>

struct form_source {
	const char *name;	/* the file's base name, "visit.ini" */
	const char *text;	/* its text, as in the file */
};

extern const struct form_source forms_embedded[];
extern const size_t forms_embedded_count;

/*
 * The same defaults already parsed: build/forms_compiled.c, written at build time by
 * forms/tool/compile-forms.c with the program's own form_parse. forms_compiled[i] is the
 * form of forms_embedded[i] for i < forms_compiled_count, NULL past the end. The forms
 * are static data with `compiled` set: form_free leaves them, and nothing writes them
 * but their `source`, which forms_get points at the embedded text when it takes one.
 */
struct form;
extern struct form *const forms_compiled[];
extern const size_t forms_compiled_count;

#endif
