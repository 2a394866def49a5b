/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_import.c: one record file from the shared repository, checked as sync/import.c
 * takes it (record_from_json, then the path its id and kind give must be the path it
 * came by, then the hostile-text check of its fields). The input is "<path>\n<file>";
 * without a newline, the whole input is the file, arriving at its own place.
 * What is taken has a path inside the layout, and the file this laptop would write back
 * (file_of_record) decodes to the same record at the same path.
 */
#include <string.h>

#include "core/clock.h"
#include "core/record.h"
#include "core/text.h"
#include "forms/form.h"
#include "sync/internal.h"
#include "tests/fuzz/fuzz.h"

/* records/<kind>/<yyyy>/<mm>/<dd>/<uuid>.json, nothing else. */
static int
import_path_in_layout(const char *p, const struct record *r)
{
	char day[11];
	size_t k = strlen(r->kind);

	if (strncmp(p, "records/", 8) != 0 || !record_kind_valid(r->kind) ||
	    strncmp(p + 8, r->kind, k) != 0 || p[8 + k] != '/')
		return 0;
	p += 9 + k;
	if (uuid_v7_day_path(r->id, day) != 0 || strncmp(p, day, 10) != 0 || p[10] != '/')
		return 0;
	p += 11;
	return uuid_valid(r->id) && strncmp(p, r->id, UUID_LEN) == 0 &&
	    strcmp(p + UUID_LEN, ".json") == 0;
}

FUZZ_TARGET(import)
{
	const char *file = (const char *)data, *nl;
	struct record *r = NULL, *back = NULL;
	struct error err = { 0 };
	char path[128], again[128], *given = NULL, *text = NULL;
	size_t len = size;

	if (forms_count() == 0)
		forms_init(NULL, &err);
	if ((nl = memchr(data, '\n', size)) != NULL && nl - file < 120 &&
	    strncmp(file, "records/", 8) == 0) {
		given = strndup(file, (size_t)(nl - file));
		file = nl + 1;
		len = size - (size_t)(nl + 1 - (const char *)data);
	}
	if (record_from_json(&r, file, len, &err) != 0)
		goto out;
	if (record_path(r, path, sizeof path) != 0 || (given != NULL && strcmp(path, given) != 0))
		goto out;
	FUZZ_CHECK(import_path_in_layout(path, r));
	(void)text_json_has_hostile(r->fields, SYNC_FIELDS_MAX_DEPTH);
	text = file_of_record(r);
	FUZZ_CHECK(text != NULL && record_from_json(&back, text, strlen(text), &err) == 0);
	if (back == NULL)
		goto out;
	FUZZ_CHECK(record_path(back, again, sizeof again) == 0 && strcmp(path, again) == 0);
	FUZZ_CHECK(strcmp(r->id, back->id) == 0 && r->rev == back->rev &&
	    r->deleted == back->deleted && strcmp(r->updated, back->updated) == 0);
out:
	record_free(back);
	record_free(r);
	free(text);
	free(given);
	return 0;
}
