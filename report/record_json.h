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

#endif
