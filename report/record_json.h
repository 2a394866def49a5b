/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * record_json.h: a record as the command line's --json shows it (`list --json`,
 * `show --json`, and `export --json` before it removes personal data): the object of the
 * repository file plus "synced", "conflict", "flagged" and "reviews" (a list of
 * {by, status, comment, at}, oldest first). A contract for scripts: see DESIGN.md.
 */
#ifndef VOLUNTEER_RECORD_JSON_H
#define VOLUNTEER_RECORD_JSON_H

#include <jansson.h>

#include "core/record.h"
#include "core/store.h"

/* A new object (the caller owns the reference); reviews that cannot be read are left out. */
json_t *record_json(struct store *st, const struct record *r);

/*
 * The text every --json output prints (show, list, export, status, ...): sorted keys, a
 * two-space indent, reals as record_json_dumps writes them (every digit kept), and every
 * hostile code point (core/text.h: C1 and C0 controls, DEL, bidi controls, zero-width
 * characters, U+2028/U+2029) escaped as \uXXXX, so that the output is plain to a terminal
 * and parses back to the same strings. No final newline. Caller frees; NULL only when
 * jansson fails.
 */
char *record_json_text(const json_t *v);

#endif
