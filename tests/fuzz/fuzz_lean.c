/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_lean.c: the lean reader of record files (record_json_lean) gives jansson's tree or
 * nothing: whatever valid UTF-8 it accepts (its contract: record_from_json checks the
 * UTF-8 first), json_loadb with JSON_REJECT_DUPLICATES accepts too, as the same values
 * (json_equal: the same types, strings to the byte, reals equal). */
#include <jansson.h>
#include <string.h>

#include "core/record.h"
#include "core/text.h"
#include "tests/fuzz/fuzz.h"

FUZZ_TARGET(lean)
{
	json_error_t jerr;
	json_t *lean, *full;

	if (!utf8_valid((const char *)data, size))
		return 0;
	lean = record_json_lean((const char *)data, size);
	if (lean == NULL)
		return 0;
	full = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	FUZZ_CHECK(full != NULL);
	FUZZ_CHECK(full == NULL || json_equal(lean, full));
	json_decref(lean);
	json_decref(full);
	return 0;
}
