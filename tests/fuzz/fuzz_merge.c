/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_merge.c: the three-way merge of core/merge.c. The input is a JSON array
 * [base or null, local, remote], each {"fields": {...}, "rev": n, "updated": "...",
 * "device": "...", "deleted": bool}. The merge is deterministic (twice gives the same),
 * a field that local or remote added since the base survives, and when the two sides are
 * ordered (record_order is not 0) both directions give the same content.
 */
#include <string.h>

#include "core/merge.h"
#include "core/util.h"
#include "tests/fuzz/fuzz.h"

static struct record *
merge_side(json_t *o)
{
	struct record *r;
	json_t *v;

	if (!json_is_object(o))
		return NULL;
	r = record_new("visit");
	memcpy(r->id, "019a4f3c-1b2e-7c3d-8e4f-0123456789ab", UUID_LEN + 1);
	free(r->volunteer);
	r->volunteer = xstrdup("maria");
	if (json_is_object(v = json_object_get(o, "fields"))) {
		json_decref(r->fields);
		r->fields = json_deep_copy(v);
	}
	if (json_is_integer(v = json_object_get(o, "rev")))
		r->rev = json_integer_value(v);
	if (json_is_string(v = json_object_get(o, "updated")))
		snprintf(r->updated, sizeof r->updated, "%s", json_string_value(v));
	if (json_is_string(v = json_object_get(o, "device")))
	{
		free(r->device);
		r->device = xstrdup(json_string_value(v));
	}
	r->deleted = json_is_true(json_object_get(o, "deleted"));
	return r;
}

static char *
merge_text(const struct merge_result *m)
{
	char *t = record_to_json(m->merged), *s;
	size_t i;

	s = xasprintf("%s|%d|%d|%d|%d", t, m->is_remote, m->conflict, m->local_won,
	    m->merged->deleted);
	free(t);
	for (i = 0; m->fields != NULL && m->fields[i] != NULL; i++) {
		t = xasprintf("%s|%s", s, m->fields[i]);
		free(s);
		s = t;
	}
	return s;
}

/* Every key that side set and base did not hold is in merged. */
static int
merge_kept_added(const struct record *base, const struct record *side,
    const struct record *merged)
{
	const char *key;
	json_t *v;

	json_object_foreach(side->fields, key, v) {
		if (json_is_null(v) || (base != NULL && json_object_get(base->fields, key) != NULL))
			continue;
		if (json_object_get(merged->fields, key) == NULL)
			return 0;
	}
	return 1;
}

FUZZ_TARGET(merge)
{
	struct record *b = NULL, *l = NULL, *r = NULL;
	struct merge_result m1 = { 0 }, m2 = { 0 }, m3 = { 0 };
	struct error err = { 0 };
	json_t *in;
	char *t1 = NULL, *t2 = NULL;

	in = json_loadb((const char *)data, size, 0, NULL);
	if (!json_is_array(in) || json_array_size(in) != 3)
		goto out;
	b = merge_side(json_array_get(in, 0));
	l = merge_side(json_array_get(in, 1));
	r = merge_side(json_array_get(in, 2));
	if (l == NULL || r == NULL)
		goto out;
	if (merge_records(&m1, b, l, r, "laptop", &err) != 0)
		goto out;
	FUZZ_CHECK(merge_records(&m2, b, l, r, "laptop", &err) == 0);
	t1 = merge_text(&m1);
	t2 = merge_text(&m2);
	FUZZ_CHECK(strcmp(t1, t2) == 0);
	FUZZ_CHECK(merge_kept_added(b, l, m1.merged) && merge_kept_added(b, r, m1.merged));
	FUZZ_CHECK(!m1.conflict || m1.loser != NULL);
	if (record_order(l, r) != 0) {
		FUZZ_CHECK(merge_records(&m3, b, r, l, "laptop", &err) == 0);
		FUZZ_CHECK(m3.merged != NULL && record_same_content(m1.merged, m3.merged));
		FUZZ_CHECK(m3.conflict == m1.conflict);
	}
out:
	free(t1);
	free(t2);
	merge_result_free(&m1);
	merge_result_free(&m2);
	merge_result_free(&m3);
	record_free(b);
	record_free(l);
	record_free(r);
	json_decref(in);
	return 0;
}
