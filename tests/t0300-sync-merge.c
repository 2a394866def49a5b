/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The three-way merge of a record: one-sided edits survive, disputed fields go to the
 * higher (rev, updated, device) whatever the side, and the loser is kept whole. */
#include <stdlib.h>
#include <string.h>

#include "core/merge.h"
#include "core/util.h"
#include "tests/tap.h"

#define ID "019aa0b0-6d0c-7a1b-8c2d-3e4f5a6b7c8d"

static struct record *
rev(const char *device, int64_t n, const char *updated, const char *fields_json)
{
	struct record *r = record_new("visit");

	snprintf(r->id, sizeof r->id, "%s", ID);
	free(r->volunteer);
	r->volunteer = xstrdup("maria");
	free(r->device);
	r->device = xstrdup(device);
	r->rev = n;
	snprintf(r->created, sizeof r->created, "2026-11-20T10:00:00Z");
	snprintf(r->updated, sizeof r->updated, "%s", updated);
	json_decref(r->fields);
	r->fields = json_loads(fields_json, 0, NULL);
	return r;
}

static const char *
str(const struct record *r, const char *name)
{
	const char *s = record_field_str(r, name);

	return s ? s : "(unset)";
}

int
main(void)
{
	struct record *base, *a, *b, *c;
	struct merge_result m1, m2;
	struct error err = { 0 };

	plan(41);
	base = rev("laptop-a", 5, "2026-11-20T10:00:00Z",
	    "{\"business\": \"Bar Plaza\", \"findings\": \"none\", \"duration_min\": 30}");

	/* Different fields on the two sides: both survive, no conflict. */
	a = rev("laptop-a", 6, "2026-11-20T11:00:00Z",
	    "{\"business\": \"Bar Plaza\", \"findings\": \"web is old\", \"duration_min\": 30}");
	b = rev("laptop-b", 6, "2026-11-20T11:05:00Z",
	    "{\"business\": \"Bar Plaza\", \"findings\": \"none\", \"duration_min\": 45}");
	ok(merge_records(&m1, base, a, b, "laptop-a", &err) == 0, "merge of different fields");
	is_int(m1.conflict, 0, "no conflict");
	is_str(str(m1.merged, "findings"), "web is old", "the local edit survives");
	is_int(json_integer_value(json_object_get(m1.merged->fields, "duration_min")), 45,
	    "the remote edit survives");
	is_int(m1.merged->rev, 7, "a new revision above both");
	is_str(m1.merged->device, "laptop-a", "written by the merging device");
	is_str(m1.merged->updated, "2026-11-20T11:05:00Z", "updated is the later of the two");
	is_int(m1.is_remote, 0, "not the remote revision");
	merge_result_free(&m1);

	/* The same two edits merged on the other machine give the same content. */
	ok(merge_records(&m2, base, b, a, "laptop-b", &err) == 0, "merged the other way");
	is_str(str(m2.merged, "findings"), "web is old", "same findings either way");
	is_int(json_integer_value(json_object_get(m2.merged->fields, "duration_min")), 45,
	    "same duration either way");
	merge_result_free(&m2);
	record_free(a);
	record_free(b);

	/* The same field on both sides: the higher (rev, updated, device) wins everywhere. */
	a = rev("laptop-a", 6, "2026-11-20T11:00:00Z",
	    "{\"business\": \"Bar Plaza\", \"findings\": \"from A\", \"duration_min\": 30}");
	b = rev("laptop-b", 7, "2026-11-20T09:00:00Z",
	    "{\"business\": \"Bar Plaza\", \"findings\": \"from B\", \"duration_min\": 60}");
	ok(merge_records(&m1, base, a, b, "laptop-a", &err) == 0, "conflicting merge on A");
	ok(merge_records(&m2, base, b, a, "laptop-b", &err) == 0, "conflicting merge on B");
	is_int(m1.conflict, 1, "A sees a conflict");
	is_int(m2.conflict, 1, "B sees a conflict");
	is_str(str(m1.merged, "findings"), "from B", "A: the higher rev wins");
	is_str(str(m2.merged, "findings"), "from B", "B: the same winner");
	is_int(m1.local_won, 0, "A lost");
	is_int(m2.local_won, 1, "B won");
	is_str(m1.loser->device, "laptop-a", "A's loser is A's version");
	is_str(str(m1.loser, "findings"), "from A", "the loser is kept whole");
	is_str(m2.loser->device, "laptop-a", "B's loser is A's version too");
	is_int(m1.is_remote, 1, "on A the result is B's revision itself");
	ok(m1.fields && m1.fields[0] && strcmp(m1.fields[0], "findings") == 0 && !m1.fields[1],
	    "the one disputed field is named");
	is_int(json_integer_value(json_object_get(m1.merged->fields, "duration_min")), 60,
	    "an undisputed edit of the loser's side is still merged");
	merge_result_free(&m1);
	merge_result_free(&m2);
	record_free(a);
	record_free(b);

	/* The loser's edits of fields nobody disputes are merged all the same. */
	a = rev("laptop-a", 6, "2026-11-20T11:00:00Z",
	    "{\"business\": \"Bar Plaza\", \"findings\": \"from A\", \"duration_min\": 90}");
	b = rev("laptop-b", 7, "2026-11-20T09:00:00Z",
	    "{\"business\": \"Bar Plaza\", \"findings\": \"from B\", \"duration_min\": 30}");
	ok(merge_records(&m1, base, a, b, "laptop-a", &err) == 0 && m1.conflict &&
	    !m1.is_remote && strcmp(str(m1.merged, "findings"), "from B") == 0 &&
	    json_integer_value(json_object_get(m1.merged->fields, "duration_min")) == 90,
	    "the loser's undisputed edit survives, the disputed field goes to the winner");
	merge_result_free(&m1);
	record_free(a);
	record_free(b);

	/* Equal rev: the later update wins; equal update: the device name decides. */
	a = rev("laptop-a", 6, "2026-11-20T12:00:00Z", "{\"findings\": \"A\"}");
	b = rev("laptop-b", 6, "2026-11-20T11:00:00Z", "{\"findings\": \"B\"}");
	ok(record_order(a, b) > 0, "same rev: the later update is higher");
	c = rev("laptop-c", 6, "2026-11-20T12:00:00Z", "{\"findings\": \"C\"}");
	ok(record_order(c, a) > 0, "same rev and time: the device decides");
	ok(merge_records(&m1, NULL, a, c, "laptop-a", &err) == 0 && m1.conflict &&
	    strcmp(str(m1.merged, "findings"), "C") == 0, "no base: set differently is a "
	    "conflict, won by the higher");
	merge_result_free(&m1);
	record_free(a);
	record_free(b);
	record_free(c);

	/* An exact tie (same rev, updated and device: two files without device): the
	 * order is total, and both directions of the merge give the same record. */
	a = rev("", 6, "2026-11-20T12:00:00Z", "{\"findings\": \"A\", \"hours\": 1}");
	b = rev("", 6, "2026-11-20T12:00:00Z", "{\"findings\": \"B\", \"hours\": 2}");
	ok(record_order(a, b) != 0 && record_order(a, b) == -record_order(b, a),
	    "an exact tie is broken on content, the same way from both sides");
	ok(record_order(a, a) == 0, "a revision is equal to itself");
	ok(merge_records(&m1, base, a, b, "laptop-x", &err) == 0 &&
	    merge_records(&m2, base, b, a, "laptop-x", &err) == 0, "merge both ways");
	ok(m1.conflict && m2.conflict && m1.local_won != m2.local_won,
	    "one side wins in both directions");
	ok(json_equal(m1.merged->fields, m2.merged->fields) &&
	    m1.merged->deleted == m2.merged->deleted &&
	    json_equal(m1.loser->fields, m2.loser->fields), "the same fields and the same loser "
	    "whichever laptop merges");
	merge_result_free(&m1);
	merge_result_free(&m2);
	b->deleted = 1;
	json_object_set_new(b->fields, "findings", json_string("A"));
	json_object_set_new(b->fields, "hours", json_integer(1));
	ok(record_order(a, b) < 0 && record_order(b, a) > 0, "a tombstone breaks a tie too");
	record_free(a);
	record_free(b);

	/* A tombstone on one side and an edit on the other: deleted, the edit kept inside. */
	a = rev("laptop-a", 6, "2026-11-20T11:00:00Z",
	    "{\"business\": \"Bar Plaza\", \"findings\": \"none\", \"duration_min\": 30}");
	a->deleted = 1;
	b = rev("laptop-b", 6, "2026-11-20T11:00:00Z",
	    "{\"business\": \"Bar Plaza\", \"findings\": \"kept\", \"duration_min\": 30}");
	ok(merge_records(&m1, base, a, b, "laptop-a", &err) == 0, "delete against edit");
	is_int(m1.merged->deleted, 1, "the tombstone travels");
	is_str(str(m1.merged, "findings"), "kept", "the other side's edit is not lost");
	is_int(m1.conflict, 0, "no conflict");
	merge_result_free(&m1);
	record_free(a);
	record_free(b);

	/* An unset field on one side is an edit too. */
	a = rev("laptop-a", 6, "2026-11-20T11:00:00Z",
	    "{\"business\": \"Bar Plaza\", \"duration_min\": 30}");
	b = rev("laptop-b", 6, "2026-11-20T11:00:00Z",
	    "{\"business\": \"Bar Plaza\", \"findings\": \"none\", \"duration_min\": 30}");
	ok(merge_records(&m1, base, a, b, "laptop-a", &err) == 0 &&
	    json_object_get(m1.merged->fields, "findings") == NULL, "an unset field stays unset");
	merge_result_free(&m1);
	record_free(b);

	/* Two revisions of different records are refused. */
	b = rev("laptop-b", 6, "2026-11-20T11:00:00Z", "{}");
	b->id[0] = 'f';
	ok(merge_records(&m1, base, a, b, "laptop-a", &err) != 0 && err.kind == ERR_INVALID,
	    "different ids are refused");
	record_free(a);
	record_free(b);
	record_free(base);
	return done_testing();
}
