/* record_json.c: see record_json.h. */
#include <jansson.h>

#include "report/record_json.h"

static int
collect_review(const struct review *rv, void *payload)
{
	json_t *o = json_object();

	json_object_set_new(o, "by", json_string(rv->by));
	json_object_set_new(o, "status", json_string(rv->status));
	json_object_set_new(o, "comment", json_string(rv->comment ? rv->comment : ""));
	json_object_set_new(o, "at", json_string(rv->at));
	json_array_append_new(payload, o);
	return 0;
}

json_t *
record_json(struct store *st, const struct record *r)
{
	json_t *o = record_to_object(r), *reviews = json_array();

	json_object_set_new(o, "synced", json_boolean(r->synced));
	json_object_set_new(o, "conflict", json_boolean(r->conflict));
	json_object_set_new(o, "flagged", json_boolean(r->flagged));
	store_reviews_of(st, r->id, collect_review, reviews, NULL);
	json_object_set_new(o, "reviews", reviews);
	return o;
}
