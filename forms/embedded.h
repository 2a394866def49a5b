/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * embedded.h: the default form definitions compiled into the binary.
 * build/forms_embedded.c is written by forms/embed.sh from the forms/<kind>.ini files
 * (see the Makefile); forms_init reads them.
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

#endif
