/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A list's rows read from the record table's columns (store_list_rows) are the rows the
 * records themselves give (record_row_of over store_list), field by field, for records of
 * every kind and shape: tasks of each status and of statuses no form knows, statuses and
 * titles that are arrays, objects, numbers or text that reads like JSON; workshops with
 * and without attendees, with 0, 1, true, false, a real or a text; hostile text; dates
 * that are not dates; tombstones, unsynced, conflicting, flagged and reviewed records;
 * under every filter, a search, keyset paging both ways, limit and offset. Every field of
 * the row takes two or more values over the records, so a row that dropped one differs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/store.h"
#include "core/util.h"
#include "tests/tap.h"

#define TEXT_MAX (256 * 1024)

struct text {
	char s[TEXT_MAX];
	size_t len;
	int n;
};

static void
add_str(struct text *t, const char *name, const char *v)
{
	t->len += (size_t)snprintf(t->s + t->len, sizeof t->s - t->len, " %s=%s%s%s", name,
	    v ? "'" : "", v ? v : "NULL", v ? "'" : "");
}

/* Every field of the row, one line. */
static void
add_row(struct text *t, const struct record_row *r)
{
	if (t->len + 4096 > sizeof t->s)
		return;
	t->n++;
	add_str(t, "id", r->id);
	add_str(t, "kind", r->kind);
	add_str(t, "volunteer", r->volunteer);
	add_str(t, "date", r->date);
	add_str(t, "municipality", r->municipality);
	add_str(t, "label", r->label);
	add_str(t, "business", r->business);
	add_str(t, "title", r->title);
	add_str(t, "status", r->status);
	t->len += (size_t)snprintf(t->s + t->len, sizeof t->s - t->len,
	    " attendees=%d:%lld deleted=%d synced=%d conflict=%d flagged=%d\n",
	    r->has_attendees, r->has_attendees ? r->attendees : 0, r->deleted, r->synced,
	    r->conflict, r->flagged);
}

struct by_record {
	struct text *t;
	int with_title;
};

static int
take_record(const struct record *rec, void *payload)
{
	struct by_record *b = payload;
	struct record_row row;

	record_row_of(rec, &row);
	if (!b->with_title)
		row.title = NULL;
	add_row(b->t, &row);
	return 0;
}

static int
take_row(const struct record_row *row, void *payload)
{
	add_row(payload, row);
	return 0;
}

/* The first rows a filter gives, by both paths, compared. */
static void
compare(struct store *st, const struct record_filter *f, const char *what)
{
	struct text *a = xcalloc(1, sizeof *a), *b = xcalloc(1, sizeof *b);
	struct text *c = xcalloc(1, sizeof *c), *d = xcalloc(1, sizeof *d);
	struct by_record with = { a, 1 }, without = { c, 0 };
	struct error err = { 0 };
	int rc;

	rc = store_list(st, f, take_record, &with, &err) | store_list(st, f, take_record,
	    &without, &err);
	rc |= store_list_rows(st, f, STORE_ROW_TITLE, take_row, b, &err) |
	    store_list_rows(st, f, 0, take_row, d, &err);
	if (!ok(rc == 0 && a->n > 0 && strcmp(a->s, b->s) == 0,
	    "%s: %d rows from the row's columns as from the records", what, a->n))
		diag("error: %s\n# records:\n%s# rows:\n%s", err.msg, a->s, b->s);
	if (!ok(rc == 0 && strcmp(c->s, d->s) == 0, "%s: and without the title", what))
		diag("records:\n%s# rows:\n%s", c->s, d->s);
	free(a);
	free(b);
	free(c);
	free(d);
}

/* A record of kind with fields given as JSON text, saved (by author) and so indexed. */
static char *
add(struct store *st, const char *kind, const char *author, const char *fields)
{
	struct record *r = record_new(kind);
	struct error err = { 0 };
	json_error_t jerr;
	char *id;

	json_decref(r->fields);
	r->fields = json_loads(fields, 0, &jerr);
	if (r->fields == NULL) {
		diag("bad fields %s: %s", fields, jerr.text);
		r->fields = json_object();
	}
	if (store_record_save(st, r, author, &err) != 0)
		diag("save %s: %s", fields, err.msg);
	id = xstrdup(r->id);
	record_free(r);
	return id;
}

static void
review(struct store *st, const char *id, const char *status)
{
	struct review rv;
	struct error err = { 0 };

	memset(&rv, 0, sizeof rv);
	snprintf(rv.record_id, sizeof rv.record_id, "%s", id);
	snprintf(rv.status, sizeof rv.status, "%s", status);
	rv.by = (char *)"coord";
	rv.comment = (char *)"revisar";
	if (store_review_add(st, &rv, &err) != 0)
		diag("review: %s", err.msg);
}

/* How many different values field i of the rows' lines takes (the records' path). */
static int
values_of(const char *lines, const char *field)
{
	char seen[64][256], key[64];
	const char *p, *end;
	int n = 0, i;
	size_t len;

	snprintf(key, sizeof key, " %s=", field);
	for (p = lines; (p = strstr(p, key)) != NULL; p = end) {
		p += strlen(key);
		end = strpbrk(p, " \n");
		if (end == NULL)
			break;
		/* a quoted value may hold spaces: up to the closing quote */
		if (*p == '\'' && (end = strchr(p + 1, '\'')) == NULL)
			break;
		len = (size_t)(end - p) < 255 ? (size_t)(end - p) : 255;
		for (i = 0; i < n && (strlen(seen[i]) != len || strncmp(seen[i], p, len)); i++)
			;
		if (i == n && n < 64) {
			memcpy(seen[n], p, len);
			seen[n++][len] = '\0';
		}
	}
	return n;
}

/* The records: kind, author, fields. Their indexes are used below (states, paging). */
static const struct {
	const char *kind, *author, *fields;
} records[] = {
	{ "task", "ana", "{\"business\": \"Bar Plaza\", \"title\": \"Web nueva\","
	    " \"status\": \"todo\", \"municipality\": \"Almazán\", \"date\": \"2026-11-20\"}" },
	{ "task", "ana", "{\"business\": \"Bar Plaza\", \"title\": \"Perfil\","
	    " \"status\": \"in_progress\", \"municipality\": \"Berlanga\","
	    " \"date\": \"2026-11-19\"}" },
	{ "task", "luis", "{\"title\": \"Sin negocio\", \"status\": \"done\","
	    " \"municipality\": \"Ágreda\", \"date\": \"2026-11-18\"}" },
	{ "task", "ana", "{\"business\": \"Quesería\", \"status\": \"blocked\","
	    " \"date\": \"2026-11-18\"}" },
	{ "task", "ana", "{\"business\": \"Taller\", \"title\": \"Nuevo\","
	    " \"status\": \"archived_later\", \"date\": \"2026-11-17\"}" },
	{ "task", "ana", "{\"business\": \"Array\", \"title\": [\"a\", \"b\"],"
	    " \"status\": [\"done\"], \"date\": \"2026-11-16\"}" },
	{ "task", "ana", "{\"business\": {\"x\": 1}, \"title\": {\"t\": 2},"
	    " \"status\": {\"s\": \"done\"}, \"date\": \"2026-11-16\"}" },
	{ "task", "ana", "{\"business\": \"[no json\", \"title\": \"{brace\","
	    " \"status\": \"[done]\", \"date\": \"2026-11-15\"}" },
	{ "task", "ana", "{\"business\": 7, \"title\": 8, \"status\": 3,"
	    " \"date\": \"2026-11-15\"}" },
	{ "task", "ana", "{\"title\": true, \"status\": false, \"business\": null,"
	    " \"date\": \"2026-11-14\"}" },
	{ "task", "ana", "{\"title\": \"Sólo título\", \"date\": \"2026-11-14\"}" },
	{ "workshop", "ana", "{\"title\": \"Videollamadas\", \"attendees\": 12,"
	    " \"municipality\": \"Medinaceli\", \"date\": \"2026-11-13\"}" },
	{ "workshop", "luis", "{\"title\": \"Banca\", \"attendees\": 0,"
	    " \"date\": \"2026-11-13\"}" },
	{ "workshop", "ana", "{\"title\": \"Uno\", \"attendees\": 1,"
	    " \"date\": \"2026-11-12\"}" },
	{ "workshop", "ana", "{\"title\": \"Verdad\", \"attendees\": true,"
	    " \"date\": \"2026-11-12\"}" },
	{ "workshop", "ana", "{\"title\": \"Falso\", \"attendees\": false,"
	    " \"date\": \"2026-11-11\"}" },
	{ "workshop", "ana", "{\"title\": \"Real\", \"attendees\": 12.0,"
	    " \"date\": \"2026-11-11\"}" },
	{ "workshop", "ana", "{\"title\": \"Texto\", \"attendees\": \"12\","
	    " \"date\": \"2026-11-10\"}" },
	{ "workshop", "ana", "{\"title\": \"Sin asistentes\", \"date\": \"2026-11-10\","
	    " \"status\": \"done\", \"business\": \"Junta\"}" },
	{ "workshop", "ana", "{\"title\": \"Muchos\", \"attendees\": -3000000000,"
	    " \"date\": \"2026-11-09\"}" },
	/* Hostile text: the row keeps it as it is, and the fronts sanitise it. */
	{ "visit", "ana", "{\"business\": \"Evil\\u001b]0;pwned\\u0007\\u202etxt\","
	    " \"municipality\": \"Ol\\u001b[2Jvega\\r\\b\", \"date\": \"2026-11-09\"}" },
	{ "visit", "ana", "{\"business\": \"Día 20-11\", \"date\": \"20-11-2026\"}" },
	{ "visit", "luis", "{\"business\": \"Sin fecha\", \"municipality\": 5}" },
	{ "visit", "ana", "{\"business\": \"Febrero\", \"date\": \"2026-02-30\","
	    " \"status\": \"todo\", \"attendees\": 9}" },
	{ "visit", "ana", "{\"title\": \"Sin negocio\", \"date\": \"2026/11/08\"}" },
	{ "business", "ana", "{\"name\": \"Panadería Las Eras\", \"municipality\": \"Almazán\"}" },
	{ "business", "luis", "{\"name\": [\"x\"], \"business\": \"otra\"}" },
	{ "visit", "ana", "{}" },
};

int
main(void)
{
	static const char *const fields[] = { "id", "kind", "volunteer", "date",
	    "municipality", "label", "business", "title", "status", "attendees", "deleted",
	    "synced", "conflict", "flagged" };
	char dir[] = "/tmp/t0626-XXXXXX", *path, *ids[64];
	struct store *st = NULL;
	struct error err = { 0 };
	struct record_filter f;
	struct text *all;
	struct by_record b;
	struct record *r = NULL;
	int n = 0, i;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/data", dir);
	if (!ok(store_open(&st, path, &err) == 0, "a store opens")) {
		diag("%s", err.msg);
		return done_testing();
	}
	for (i = 0; i < (int)(sizeof records / sizeof records[0]); i++)
		ids[n++] = add(st, records[i].kind, records[i].author, records[i].fields);

	/* Local state: synced, conflicts, reviews, a tombstone. */
	for (i = 0; i < n; i += 3)
		if (store_record_get(st, ids[i], &r, &err) == 0) {
			store_record_mark_synced(st, r->id, r->rev, NULL, &err);
			record_free(r);
		}
	store_record_set_conflict(st, ids[1], 1, &err);
	store_record_set_conflict(st, ids[12], 1, &err);
	review(st, ids[2], "flagged");
	review(st, ids[4], "ok");
	review(st, ids[5], "flagged");
	review(st, ids[5], "ok");		/* a later ok clears the flag */
	review(st, ids[20], "flagged");
	if (store_record_get(st, ids[3], &r, &err) == 0) {
		r->deleted = 1;
		store_record_save(st, r, "ana", &err);
		record_free(r);
	}

	memset(&f, 0, sizeof f);
	compare(st, &f, "every record");
	f.include_deleted = 1;
	compare(st, &f, "with the tombstones");

	/* Every field takes two values or more: a row that dropped one would differ. */
	all = xcalloc(1, sizeof *all);
	b.t = all;
	b.with_title = 1;
	store_list(st, &f, take_record, &b, &err);
	is_int(all->n, n, "every record is listed with the tombstones");
	for (i = 0; i < (int)(sizeof fields / sizeof fields[0]); i++)
		ok(values_of(all->s, fields[i]) >= 2, "the records give two or more values of %s",
		    fields[i]);
	ok(strstr(all->s, "status='done'") && strstr(all->s, "status='[done]'") &&
	    strstr(all->s, "title='Web nueva'") && strstr(all->s, "attendees=1:12 ") &&
	    strstr(all->s, "attendees=1:0 ") && strstr(all->s, "attendees=1:1 ") &&
	    strstr(all->s, "attendees=1:-3000000000 ") && strstr(all->s, "label='Bar Plaza'") &&
	    strstr(all->s, "business='[no json'") && strstr(all->s, "title='{brace'") &&
	    strstr(all->s, "municipality=''"), "a record's row has its status, title, attendees, "
	    "label, business and municipality");
	free(all);

	memset(&f, 0, sizeof f);
	f.kind = "task";
	compare(st, &f, "tasks");
	f.kind = "workshop";
	compare(st, &f, "workshops");
	f.kind = "visit";
	compare(st, &f, "visits");
	f.kind = "business";
	compare(st, &f, "businesses");
	f.kind = NULL;
	f.work_only = 1;
	compare(st, &f, "the work, not the businesses");
	f.work_only = 0;
	f.volunteer = "luis";
	compare(st, &f, "one volunteer's");
	f.volunteer = NULL;
	f.municipality = "almazan";
	compare(st, &f, "a municipality, accents and case ignored");
	f.municipality = NULL;
	f.from = "2026-11-12";
	f.to = "2026-11-18";
	compare(st, &f, "between two dates");
	f.from = f.to = NULL;
	f.only_unsynced = 1;
	compare(st, &f, "unsynced");
	f.only_unsynced = 0;
	f.only_conflict = 1;
	compare(st, &f, "in conflict");
	f.only_conflict = 0;
	f.only_flagged = 1;
	compare(st, &f, "flagged");
	f.only_flagged = 0;
	f.flagged_for = "ana";
	compare(st, &f, "flagged for a volunteer");
	f.flagged_for = NULL;
	f.only_unreviewed = 1;
	compare(st, &f, "not reviewed");
	f.only_unreviewed = 0;
	f.search = "sin";
	compare(st, &f, "a search");
	f.search = "bar plaza";
	f.limit = 1;
	compare(st, &f, "a search's first row");
	f.search = NULL;
	f.limit = 5;
	f.offset = 3;
	compare(st, &f, "limit and offset");
	f.offset = 0;
	f.after_date = "2026-11-15";
	f.after_id = ids[8];
	compare(st, &f, "the page after a row");
	f.oldest_first = 1;
	compare(st, &f, "the page before a row, oldest first");
	f.search = "sin";
	compare(st, &f, "a search's page before a row");

	for (i = 0; i < n; i++)
		free(ids[i]);
	store_close(st);
	free(path);
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			diag("could not remove %s", dir);
		free(cmd);
	}
	return done_testing();
}
