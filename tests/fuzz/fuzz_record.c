/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_record.c: a record file decodes, encodes and decodes again to the same record, and
 * the second encoding is the first byte for byte. */
#include <string.h>

#include "core/record.h"
#include "tests/fuzz/fuzz.h"

FUZZ_TARGET(record)
{
	struct record *r1 = NULL, *r2 = NULL;
	struct error err = { 0 };
	char *t1 = NULL, *t2 = NULL;
	json_t *o1 = NULL, *o2 = NULL;

	if (record_from_json(&r1, (const char *)data, size, &err) != 0)
		goto out;
	t1 = record_to_json(r1);
	FUZZ_CHECK(t1 != NULL);
	if (t1 == NULL)
		goto out;
	FUZZ_CHECK(record_from_json(&r2, t1, strlen(t1), &err) == 0);
	if (r2 == NULL)
		goto out;
	o1 = record_to_object(r1);
	o2 = record_to_object(r2);
	FUZZ_CHECK(json_equal(o1, o2));
	t2 = record_to_json(r2);
	FUZZ_CHECK(t2 != NULL && strcmp(t1, t2) == 0);
out:
	json_decref(o1);
	json_decref(o2);
	free(t1);
	free(t2);
	record_free(r1);
	record_free(r2);
	return 0;
}
