/* SPDX-License-Identifier: GPL-3.0-or-later */
/* merge.c: see merge.h. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/merge.h"
#include "core/util.h"

static int
fields_compare(const json_t *a, const json_t *b)
{
	char *sa = a ? json_dumps(a, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	char *sb = b ? json_dumps(b, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	int c = strcmp(sa ? sa : "", sb ? sb : "");

	free(sa);
	free(sb);
	return c < 0 ? -1 : c > 0;
}

int
record_order_meta(const struct record *a, const struct record *b)
{
	int c;

	if (a->rev != b->rev)
		return a->rev < b->rev ? -1 : 1;
	if ((c = strcmp(a->updated, b->updated)) != 0)
		return c < 0 ? -1 : 1;
	c = strcmp(a->device ? a->device : "", b->device ? b->device : "");
	return c < 0 ? -1 : c > 0;
}

int
record_order(const struct record *a, const struct record *b)
{
	int c;

	if ((c = record_order_meta(a, b)) != 0)
		return c;
	/*
	 * An exact tie happens (a file without device, two edits in one second): without a
	 * last rule each laptop would let its own side win and the two would never agree.
	 * The content decides, the same bytes on every machine: the tombstone, the fields as
	 * canonical JSON (sorted keys, compact), then the author and creation time.
	 */
	if (!a->deleted != !b->deleted)
		return a->deleted ? 1 : -1;
	if ((c = fields_compare(a->fields, b->fields)) != 0)
		return c;
	if ((c = strcmp(a->volunteer ? a->volunteer : "", b->volunteer ? b->volunteer : "")) != 0)
		return c < 0 ? -1 : 1;
	c = strcmp(a->created, b->created);
	return c < 0 ? -1 : c > 0;
}

/* json_equal says 1 == 1.0 is false and treats NULL as unequal to everything; an absent
 * key and a null value mean the same here (the field is not set). */
static int
value_equal(json_t *a, json_t *b)
{
	if (a != NULL && json_is_null(a))
		a = NULL;
	if (b != NULL && json_is_null(b))
		b = NULL;
	if (a == NULL || b == NULL)
		return a == b;
	return json_equal(a, b);
}

int
record_same_content(const struct record *a, const struct record *b)
{
	const char *key;
	json_t *v;

	if (!a->deleted != !b->deleted)
		return 0;
	json_object_foreach(a->fields, key, v)
		if (!value_equal(v, json_object_get(b->fields, key)))
			return 0;
	json_object_foreach(b->fields, key, v)
		if (!value_equal(v, json_object_get(a->fields, key)))
			return 0;
	return 1;
}

void
merge_result_free(struct merge_result *m)
{
	char **p;

	if (m == NULL)
		return;
	record_free(m->merged);
	record_free(m->loser);
	for (p = m->fields; p != NULL && *p != NULL; p++)
		free(*p);
	free(m->fields);
	memset(m, 0, sizeof *m);
}

static void
add_disputed(struct merge_result *m, size_t *n, const char *name)
{
	m->fields = xrealloc(m->fields, (*n + 2) * sizeof *m->fields);
	m->fields[(*n)++] = xstrdup(name);
	m->fields[*n] = NULL;
}

/*
 * The merged value of one field, or NULL for "not set". *disputed is set when both sides
 * changed it differently; the winner's value is returned then.
 */
static json_t *
merge_value(json_t *b, json_t *l, json_t *r, int local_wins, int *disputed)
{
	*disputed = 0;
	if (value_equal(l, r))
		return l;
	if (value_equal(b, l))
		return r;
	if (value_equal(b, r))
		return l;
	*disputed = 1;
	return local_wins ? l : r;
}

int
merge_records(struct merge_result *out, const struct record *base,
    const struct record *local, const struct record *remote, const char *device,
    struct error *err)
{
	struct merge_result m = { 0 };
	struct record *res = NULL;
	json_t *keys = NULL, *b, *l, *r, *v;
	const char *key;
	size_t ndisputed = 0;
	int local_wins, disputed, bdel, del;

	if (strcmp(local->id, remote->id) != 0 || strcmp(local->kind, remote->kind) != 0 ||
	    (base != NULL && (strcmp(base->id, local->id) != 0 ||
	    strcmp(base->kind, local->kind) != 0)))
		return error_set(err, ERR_INVALID, "id", _("id: %s and %s are not two revisions "
		    "of one record"), local->id, remote->id);
	local_wins = record_order(local, remote) > 0;

	/* Every field named on any side, each once. */
	keys = json_object();
	if (base != NULL)
		json_object_foreach(base->fields, key, v)
			json_object_set_new(keys, key, json_true());
	json_object_foreach(local->fields, key, v)
		json_object_set_new(keys, key, json_true());
	json_object_foreach(remote->fields, key, v)
		json_object_set_new(keys, key, json_true());

	res = record_dup(local);
	json_object_clear(res->fields);
	json_object_foreach(keys, key, v) {
		b = base ? json_object_get(base->fields, key) : NULL;
		l = json_object_get(local->fields, key);
		r = json_object_get(remote->fields, key);
		v = merge_value(b, l, r, local_wins, &disputed);
		if (disputed)
			add_disputed(&m, &ndisputed, key);
		if (v != NULL && !json_is_null(v))
			json_object_set_new(res->fields, key, json_deep_copy(v));
	}
	/* The tombstone: the same three-way rule, with "not deleted" as the base when there is
	 * no base. */
	bdel = base ? base->deleted : 0;
	if (!local->deleted == !remote->deleted)
		del = local->deleted;
	else if (!bdel == !local->deleted)
		del = remote->deleted;
	else if (!bdel == !remote->deleted)
		del = local->deleted;
	else {
		add_disputed(&m, &ndisputed, "deleted");
		del = local_wins ? local->deleted : remote->deleted;
	}
	res->deleted = del != 0;

	if (record_same_content(res, remote)) {
		record_free(res);
		res = record_dup(remote);
		m.is_remote = 1;
	} else {
		res->rev = record_rev_next(local->rev > remote->rev ? local->rev : remote->rev);
		if (strcmp(remote->updated, local->updated) > 0)
			memcpy(res->updated, remote->updated, sizeof res->updated);
		free(res->device);
		res->device = xstrdup(device ? device : "");
	}
	res->synced = 0;
	if (ndisputed > 0) {
		m.conflict = 1;
		m.local_won = local_wins;
		m.loser = record_dup(local_wins ? remote : local);
	}
	m.merged = res;
	json_decref(keys);
	*out = m;
	return 0;
}
