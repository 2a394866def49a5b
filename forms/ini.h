/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ini.h: a small, strict INI reader for form definitions.
 *
 * It reads from memory and remembers the line of every section and key, so that a bad
 * definition is rejected with "file:line: reason" (iniparser 4.1 can do neither).
 *
 * Syntax: blank lines; comments are lines whose first non-blank character is ';' or '#';
 * "[section]"; "key = value". A value is kept as written (';' and '#' inside it are not
 * comments), trimmed of blanks; a value in double quotes keeps its blanks, and inside the
 * quotes \" is a quote and \\ a backslash. CRLF line ends and a leading UTF-8 BOM are
 * accepted. Lines may be of any length. Rejected, with the line: invalid UTF-8, control or
 * invisible characters, a key outside a section, a line that is neither, a duplicate
 * section, a duplicate key within a section unless the key is listed as repeatable, and
 * more sections or keys than INI_MAX_SECTIONS and INI_MAX_ENTRIES.
 */
#ifndef VOLUNTEER_FORMS_INI_H
#define VOLUNTEER_FORMS_INI_H

#include <stddef.h>

#include "core/error.h"
#include "forms/form.h"

/* What one definition may hold: [form], [rules] and a section per field; in a section the
 * fixed keys, a label in two languages per choice, and the rules (forms/form.h's bounds). */
#define INI_MAX_SECTIONS	(FORM_MAX_FIELDS + 2)
#define INI_MAX_ENTRIES		(32 + 2 * FORM_MAX_CHOICES + FORM_MAX_RULES)
#define INI_MAX_ALL_ENTRIES	20000	/* in the whole file */

/* Names, keys and values are strings inside the ini's copy of the text (struct ini's
 * text), valid until ini_free. */
struct ini_entry {
	char *key;
	char *value;
	int line;
	unsigned key_hash;	/* of key (ini_find compares it first) */
};

struct ini_section {
	char *name;
	int line;
	struct ini_entry *entries;	/* in file order */
	size_t nentries;
};

struct ini {
	struct ini_section *sections;	/* in file order */
	size_t nsections;
	size_t nentries;		/* in all sections */
	char *text;			/* the copy every string above points into */
};

/*
 * Parse text. name is used in messages ("forms/visit.ini:12: duplicate key 'type'").
 * repeatable is a NULL-terminated list of keys that may appear more than once in a
 * section (may be NULL). On error: ERR_INVALID and -1; *out is set only on success.
 */
int ini_parse(struct ini **out, const char *name, const char *text,
    const char *const *repeatable, struct error *err);
void ini_free(struct ini *ini);

/* The first entry of key in s, or NULL. */
const struct ini_entry *ini_find(const struct ini_section *s, const char *key);
/* The section called name, or NULL. */
const struct ini_section *ini_section(const struct ini *ini, const char *name);

#endif
