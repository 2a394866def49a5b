/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_export.c: a record built from the input (its fields when the input is a JSON
 * object, else the input as the business's name) goes through the store and out through
 * export_records. The JSON export parses back as an array of one record; in the CSV, with
 * the formula guard on, no cell starts a formula (=, +, -, @, tab, CR) unless it is a number.
 * The first byte picks the kind and whether the output is for a terminal.
 */
#include <string.h>

#include "core/store.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/export.h"
#include "tests/fuzz/fuzz.h"

static struct store *export_store;

struct export_buf {
	char *data;
	size_t len;
};

static int
export_put(const char *data, size_t len, void *payload)
{
	struct export_buf *b = payload;

	b->data = xrealloc(b->data, b->len + len + 1);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

static int
export_is_number(const char *s, size_t n)
{
	char *copy = xstrndup(s, n), *end = NULL;
	int yes;

	strtod(copy, &end);
	yes = n > 0 && end != NULL && *end == '\0' && strspn(copy, "+-0123456789.eE") == n;
	free(copy);
	return yes;
}

/* The cells of RFC 4180 text: 1 when every cell that starts a formula is a number. */
static int
export_csv_guarded(const char *p, size_t len)
{
	const char *end = p + len;
	char *cell = xmalloc(len + 1);
	size_t n;
	int good = 1;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		n = 0;
		if (*p == '"') {
			for (p++; p < end; p++) {
				if (*p == '"' && p + 1 < end && p[1] == '"')
					cell[n++] = *p++;
				else if (*p == '"') {
					p++;
					break;
				} else
					cell[n++] = *p;
			}
		}
		while (p < end && *p != ',' && !(*p == '\r' && p + 1 < end && p[1] == '\n'))
			cell[n++] = *p++;
		if (n > 0 && strchr("=+-@\t\r", cell[0]) != NULL && !export_is_number(cell, n)) {
			fprintf(stderr, "a cell starts a formula: %.*s\n", (int)n, cell);
			good = 0;
		}
		if (p < end && *p == ',')
			p++;
		else if (p < end)
			p += 2;
	}
	free(cell);
	return good;
}

FUZZ_TARGET(export)
{
	static const char *const kinds[] = { "visit", "task", "workshop" };
	static char dir[] = "/tmp/volunteer-fuzz-export-XXXXXX";
	struct export_options opt = { .format = EXPORT_CSV, .safe_formulas = 1 };
	struct record_filter filter = { .include_deleted = 1 };
	struct export_buf csv = { 0 }, js = { 0 };
	struct record *r = NULL, *check = NULL;
	struct error err = { 0 };
	json_t *fields = NULL, *back = NULL;
	char *text = NULL;

	if (size < 1)
		return 0;
	if (export_store == NULL) {
		if (mkdtemp(dir) == NULL || store_open(&export_store, dir, &err) != 0 ||
		    forms_init(NULL, &err) != 0) {
			fprintf(stderr, "%s\n", err.msg);
			abort();
		}
	}
	fields = json_loadb((const char *)data + 1, size - 1, 0, NULL);
	if (!json_is_object(fields)) {
		json_decref(fields);
		fields = json_object();
		json_object_set_new(fields, "business", json_stringn((const char *)data + 1,
		    size - 1));
		if (json_object_get(fields, "business") == NULL)
			goto out;
	}
	r = record_new(kinds[data[0] % 3]);
	memcpy(r->id, "019a4f3c-1b2e-7c3d-8e4f-0123456789ab", UUID_LEN + 1);
	free(r->volunteer);
	r->volunteer = xstrdup("maria");
	free(r->device);
	r->device = xstrdup("laptop");
	r->rev = 1;
	memcpy(r->created, "2026-11-20T10:42:07Z", ISO_TIME_LEN + 1);
	memcpy(r->updated, "2026-11-20T10:42:07Z", ISO_TIME_LEN + 1);
	json_decref(r->fields);
	r->fields = fields;
	fields = NULL;
	/* Only what a record file can carry (the store trusts its callers): no U+0000. */
	text = record_to_json(r);
	if (record_from_json(&check, text, strlen(text), &err) != 0)
		goto out;
	/* The same id every time: the store holds this one record. */
	if (store_record_put(export_store, r, NULL, 1, &err) != 0)
		goto out;
	opt.for_terminal = (data[0] & 4) != 0;
	opt.bom = (data[0] & 8) != 0;
	opt.labels = (data[0] & 16) != 0;
	opt.labels_lang = "es";
	FUZZ_CHECK(export_records(export_store, &filter, &opt, export_put, &csv, NULL,
	    &err) == 0);
	FUZZ_CHECK(csv.data != NULL && export_csv_guarded(csv.data, csv.len));
	opt.format = EXPORT_JSON;
	FUZZ_CHECK(export_records(export_store, &filter, &opt, export_put, &js, NULL,
	    &err) == 0);
	FUZZ_CHECK(js.data != NULL &&
	    (back = json_loadb(js.data, js.len, 0, NULL)) != NULL && json_is_array(back) &&
	    json_array_size(back) == 1);
out:
	json_decref(back);
	json_decref(fields);
	record_free(r);
	record_free(check);
	free(text);
	free(csv.data);
	free(js.data);
	return 0;
}
