/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The repository file format of a record: sorted keys, two-space indent, final newline,
 * unknown fields kept, strict metadata. */
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/util.h"
#include "tests/tap.h"

static const char file[] =
    "{\n"
    "  \"created\": \"2026-11-20T10:42:07Z\",\n"
    "  \"deleted\": false,\n"
    "  \"device\": \"netbook-1\",\n"
    "  \"fields\": {\n"
    "    \"business\": \"Panader\xc3\xad" "a Las Eras\",\n"
    "    \"duration_min\": 45,\n"
    "    \"future_field\": {\n"
    "      \"x\": 1\n"
    "    },\n"
    "    \"topics\": [\n"
    "      \"website\",\n"
    "      \"social_media\"\n"
    "    ]\n"
    "  },\n"
    "  \"id\": \"019aa0b0-6d0c-7a1b-8c2d-3e4f5a6b7c8d\",\n"
    "  \"kind\": \"visit\",\n"
    "  \"rev\": 3,\n"
    "  \"updated\": \"2026-11-20T11:00:00Z\",\n"
    "  \"volunteer\": \"maria\"\n"
    "}\n";

static int
rejects(const char *text, const char *field, const char *name)
{
	struct record *r = NULL;
	struct error err = { 0 };
	int rc = record_from_json(&r, text, strlen(text), &err);

	record_free(r);
	if (!ok(rc != 0 && strcmp(err.field, field) == 0, "%s", name))
		diag("rc %d field '%s' msg '%s'", rc, err.field, err.msg);
	return rc;
}

int
main(void)
{
	struct record *r = NULL;
	struct error err = { 0 };
	char path[128], *out, *big;

	ok(record_from_json(&r, file, strlen(file), &err) == 0, "a repository file decodes");
	is_str(r->volunteer, "maria", "volunteer");
	is_int(r->rev, 3, "rev");
	is_str(record_label(r), "Panader\xc3\xad" "a Las Eras", "label is the business");
	out = record_to_json(r);
	is_str(out, file, "encoding gives back the same bytes (unknown field kept)");
	free(out);
	ok(record_path(r, path, sizeof path) == 0, "record path");
	ok(strncmp(path, "records/visit/", 14) == 0 && strstr(path, r->id) != NULL &&
	    strcmp(path + strlen(path) - 5, ".json") == 0, "path is records/visit/.../<id>.json");
	out = record_field_text(r, "topics");
	is_str(out, "website, social_media", "multi field as text");
	free(out);
	record_free(r);

	rejects("{", "", "not JSON");
	rejects("[]", "", "not an object");
	rejects("{\"id\": \"x\", \"kind\": \"visit\", \"volunteer\": \"m\", \"created\": "
	    "\"2026-11-20T10:42:07Z\", \"updated\": \"2026-11-20T10:42:07Z\", \"rev\": 1, "
	    "\"fields\": {}}", "id", "an id that is not a UUID");
	rejects("{\"id\": \"019aa0b0-6d0c-7a1b-8c2d-3e4f5a6b7c8d\", \"kind\": \"party\", "
	    "\"volunteer\": \"m\", \"created\": \"2026-11-20T10:42:07Z\", \"updated\": "
	    "\"2026-11-20T10:42:07Z\", \"rev\": 1, \"fields\": {}}", "kind", "an unknown kind");
	rejects("{\"id\": \"019aa0b0-6d0c-7a1b-8c2d-3e4f5a6b7c8d\", \"kind\": \"visit\", "
	    "\"volunteer\": \"m\\u001b[2J\", \"created\": \"2026-11-20T10:42:07Z\", \"updated\": "
	    "\"2026-11-20T10:42:07Z\", \"rev\": 1, \"fields\": {}}", "volunteer",
	    "a volunteer id with an escape sequence");
	rejects("{\"id\": \"019aa0b0-6d0c-7a1b-8c2d-3e4f5a6b7c8d\", \"kind\": \"visit\", "
	    "\"volunteer\": \"m\", \"created\": \"yesterday\", \"updated\": "
	    "\"2026-11-20T10:42:07Z\", \"rev\": 1, \"fields\": {}}", "created",
	    "a bad time, named by its field");
	rejects("{\"id\": \"019aa0b0-6d0c-7a1b-8c2d-3e4f5a6b7c8d\", \"kind\": \"visit\", "
	    "\"volunteer\": \"m\", \"created\": \"2026-11-20T10:42:07Z\", \"updated\": "
	    "\"20-11-2026T10:42:07Z\", \"rev\": 1, \"fields\": {}}", "updated",
	    "a day-first time is not ISO 8601");
	rejects("{\"id\": \"019aa0b0-6d0c-7a1b-8c2d-3e4f5a6b7c8d\", \"kind\": \"visit\", "
	    "\"volunteer\": \"m\", \"created\": \"2026-11-20T10:42:07Z\", \"updated\": "
	    "\"2026-11-20T10:42:07Z\", \"rev\": -1, \"fields\": {}}", "rev", "a negative rev");
	rejects("{\"id\": \"019aa0b0-6d0c-7a1b-8c2d-3e4f5a6b7c8d\", \"kind\": \"visit\", "
	    "\"volunteer\": \"m\", \"created\": \"2026-11-20T10:42:07Z\", \"updated\": "
	    "\"2026-11-20T10:42:07Z\", \"rev\": 1, \"fields\": {\"a\": \"x\\u0000y\"}}", "",
	    "a NUL inside a value");
	rejects("{\"id\": \"a\", \"id\": \"b\"}", "", "duplicate keys");
	rejects("{\"business\": \"\xff\"}", "", "invalid UTF-8");
	big = xmalloc(RECORD_MAX_FILE + 10);
	memset(big, ' ', RECORD_MAX_FILE + 9);
	big[RECORD_MAX_FILE + 9] = '\0';
	rejects(big, "", "a file over 1 MB");
	free(big);
	is_str(record_kind_at(0), "visit", "the first kind is the visit");
	ok(record_kind_at(1) != NULL && strcmp(record_kind_at(1), "task") == 0 &&
	    record_kind_at(2) != NULL && strcmp(record_kind_at(2), "workshop") == 0 &&
	    record_kind_at(3) != NULL && strcmp(record_kind_at(3), "business") == 0 &&
	    record_kind_at(4) == NULL, "then task, workshop and business, and no more");
	ok(record_kind_valid("task") && record_kind_valid("business") &&
	    !record_kind_valid("shop") && !record_kind_valid(NULL),
	    "a valid kind is one of the list");
	return done_testing();
}
