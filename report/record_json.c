/* SPDX-License-Identifier: GPL-3.0-or-later */
/* record_json.c: see record_json.h. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/util.h"
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

/* The length of the code point at s when record_json_text escapes it, else 0. */
static size_t
hostile_at(const char *s, size_t left, unsigned *cp)
{
	size_t n = utf8_decode(s, left, cp);

	/* jansson escapes C0 controls itself and writes valid UTF-8. */
	if (n == 0)
		return 0;
	return *cp >= 0x20 && *cp < 0x10000 && text_char_is_hostile(*cp) ? n : 0;
}

char *
record_json_text(const json_t *v)
{
	static const char hex[] = "0123456789ABCDEF";
	char *raw = record_json_dumps(v, JSON_INDENT(2) | JSON_SORT_KEYS), *out;
	size_t len, i, n, o = 0, extra = 0;
	unsigned cp;

	if (raw == NULL)
		return NULL;
	/* Anything hostile that jansson lets through can only stand inside a string, where
	 * \uXXXX (in capitals, as jansson writes \u001B) means the same; every hostile code point jansson can write is below
	 * U+10000, one escape each. */
	len = strlen(raw);
	for (i = 0; i < len; i += n ? n : 1)
		if ((n = hostile_at(raw + i, len - i, &cp)) != 0)
			extra += 6 - n;
	if (extra == 0)
		return raw;
	out = xmalloc(len + extra + 1);
	for (i = 0; i < len; i += n) {
		if ((n = hostile_at(raw + i, len - i, &cp)) != 0) {
			memcpy(out + o, "\\u", 2);
			out[o + 2] = hex[(cp >> 12) & 0xf];
			out[o + 3] = hex[(cp >> 8) & 0xf];
			out[o + 4] = hex[(cp >> 4) & 0xf];
			out[o + 5] = hex[cp & 0xf];
			o += 6;
		} else {
			out[o++] = raw[i];
			n = 1;
		}
	}
	out[o] = '\0';
	free(raw);
	return out;
}
