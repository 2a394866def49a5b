/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_review.c: a review file decodes, encodes and decodes again to the same review. */
#include <string.h>

#include "core/store.h"
#include "tests/fuzz/fuzz.h"

FUZZ_TARGET(review)
{
	struct review *v1 = NULL, *v2 = NULL;
	struct error err = { 0 };
	char *t1 = NULL, *t2 = NULL;

	if (review_from_json(&v1, (const char *)data, size, &err) != 0)
		goto out;
	t1 = review_to_json(v1);
	FUZZ_CHECK(t1 != NULL);
	if (t1 == NULL)
		goto out;
	FUZZ_CHECK(review_from_json(&v2, t1, strlen(t1), &err) == 0);
	if (v2 == NULL)
		goto out;
	FUZZ_CHECK(strcmp(v1->id, v2->id) == 0 && strcmp(v1->record_id, v2->record_id) == 0 &&
	    strcmp(v1->status, v2->status) == 0 && strcmp(v1->at, v2->at) == 0);
	FUZZ_CHECK(strcmp(v1->by ? v1->by : "", v2->by ? v2->by : "") == 0);
	FUZZ_CHECK(strcmp(v1->comment ? v1->comment : "", v2->comment ? v2->comment : "") == 0);
	t2 = review_to_json(v2);
	FUZZ_CHECK(t2 != NULL && strcmp(t1, t2) == 0);
out:
	free(t1);
	free(t2);
	review_free(v1);
	review_free(v2);
	return 0;
}
