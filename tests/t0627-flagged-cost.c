/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The flagged records (the list's --flagged and --flagged-for-me, the screens' start
 * message "N records flagged for you"): the latest review decides, a later "ok" clears a
 * flag, other filters and the order still apply; and finding them costs about the same
 * whatever the volunteer holds besides (the review table names the candidates: the first
 * screen of a volunteer with 1,000,000 records of their own took 700 ms counting them
 * record by record). Costs are SQLite's virtual machine instructions, not time.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/store_internal.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static char *
save(struct store *st, const char *author, const char *kind, const char *date,
    const char *business)
{
	struct record *r = record_new(kind);
	struct error err = { 0 };
	char *id;

	json_object_set_new(r->fields, "business", json_string(business));
	json_object_set_new(r->fields, "municipality", json_string("Almazán"));
	json_object_set_new(r->fields, "date", json_string(date));
	if (kind[0] == 't')
		json_object_set_new(r->fields, "title", json_string(business));
	if (store_record_save(st, r, author, &err) != 0)
		diag("save %s: %s", business, err.msg);
	id = xstrdup(r->id);
	record_free(r);
	return id;
}

/* A review of record id, at the given time (the latest decides). */
static void
review(struct store *st, const char *id, const char *status, const char *at)
{
	static unsigned n;
	char by[] = "coord", comment[] = "Revisa la fecha";
	struct review rv = { .by = by, .comment = comment };
	struct error err = { 0 };

	snprintf(rv.id, sizeof rv.id, "%08x-0000-4000-8000-000000000000", ++n);
	snprintf(rv.record_id, sizeof rv.record_id, "%s", id);
	snprintf(rv.status, sizeof rv.status, "%s", status);
	snprintf(rv.at, sizeof rv.at, "%s", at);
	if (store_review_put(st, &rv, 1, &err) != 0)
		diag("review: %s", err.msg);
}

struct seen {
	char text[512];
	long n;
};

static int
take(const struct record *r, void *payload)
{
	struct seen *s = payload;

	snprintf(s->text + strlen(s->text), sizeof s->text - strlen(s->text), "%s;",
	    record_field_str(r, "business"));
	s->n++;
	return 0;
}

static const char *
listed(struct store *st, struct record_filter *f, struct seen *s)
{
	struct error err = { 0 };

	memset(s, 0, sizeof *s);
	if (store_list(st, f, take, s, &err) != 0)
		diag("list: %s", err.msg);
	return s->text;
}

/* The count of flagged_for's records, and the instructions it took. */
static long
count_for(struct store *st, const char *volunteer, long *steps)
{
	struct record_filter f = { .flagged_for = volunteer };
	struct error err = { 0 };
	long n = -1;

	test_sql_steps_start(st->db, steps);
	if (store_count(st, &f, &n, &err) != 0)
		diag("count: %s", err.msg);
	test_sql_steps_stop(st->db);
	return n;
}

static void
add_plain(struct store *st, int n)
{
	char date[16];
	int i;

	if (store_begin(st, NULL) != 0)
		diag("begin");
	for (i = 0; i < n; i++) {
		snprintf(date, sizeof date, "2025-%02d-%02d", 1 + i % 12, 1 + i % 28);
		free(save(st, "ana", i % 2 ? "visit" : "task", date, "Sin revisar"));
	}
	if (store_commit(st, NULL) != 0)
		diag("commit");
}

int
main(void)
{
	char dir[] = "/tmp/t0627-XXXXXX", *path, *a1, *a2, *a3, *a4, *p1;
	struct store *st = NULL;
	struct error err = { 0 };
	struct record_filter f;
	struct seen s;
	long few, many;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/data", dir);
	if (store_open(&st, path, &err) != 0) {
		diag("open: %s", err.msg);
		return 1;
	}
	a1 = save(st, "ana", "visit", "2026-03-02", "Ferretería Gómez");
	a2 = save(st, "ana", "task", "2026-05-01", "Panadería Sol");
	a3 = save(st, "ana", "visit", "2026-01-10", "Bar Central");
	a4 = save(st, "ana", "visit", "2026-02-10", "Farmacia Ruiz");
	p1 = save(st, "pedro", "visit", "2026-04-04", "Quesos Pedro");
	review(st, a1, "flagged", "2026-06-01T10:00:00Z");
	review(st, a2, "flagged", "2026-06-01T10:00:00Z");
	review(st, a3, "flagged", "2026-06-01T10:00:00Z");
	review(st, a3, "ok", "2026-06-02T10:00:00Z");	/* cleared */
	review(st, a4, "ok", "2026-06-01T10:00:00Z");
	review(st, a4, "flagged", "2026-06-03T10:00:00Z");	/* flagged after an ok */
	review(st, p1, "flagged", "2026-06-01T10:00:00Z");

	memset(&f, 0, sizeof f);
	f.flagged_for = "ana";
	is_str(listed(st, &f, &s), "Panadería Sol;Ferretería Gómez;Farmacia Ruiz;",
	    "ana's flagged records, newest first; a flag cleared by a later ok is not");
	f.oldest_first = 1;
	is_str(listed(st, &f, &s), "Farmacia Ruiz;Ferretería Gómez;Panadería Sol;",
	    "oldest first too");
	f.oldest_first = 0;
	f.kind = "visit";
	is_str(listed(st, &f, &s), "Ferretería Gómez;Farmacia Ruiz;", "and of one kind");
	f.kind = NULL;
	f.limit = 1;
	f.offset = 1;
	is_str(listed(st, &f, &s), "Ferretería Gómez;", "a page of them");
	memset(&f, 0, sizeof f);
	f.only_flagged = 1;
	f.search = "quesos";
	is_str(listed(st, &f, &s), "Quesos Pedro;", "everyone's flagged, searched");
	f.search = NULL;
	f.volunteer = "pedro";
	is_str(listed(st, &f, &s), "Quesos Pedro;", "everyone's flagged, of one volunteer");
	f.volunteer = NULL;
	is_int(listed(st, &f, &s) ? s.n : 0, 4, "four flagged records in all");
	{
		struct record *r = NULL;

		if (store_record_get(st, a2, &r, &err) != 0 || r == NULL)
			diag("get: %s", err.msg);
		r->deleted = 1;
		if (store_record_save(st, r, "ana", &err) != 0)
			diag("delete: %s", err.msg);
		record_free(r);
	}
	is_int(count_for(st, "ana", &few), 2, "a deleted record is not counted");
	memset(&f, 0, sizeof f);
	f.flagged_for = "ana";
	f.include_deleted = 1;
	is_int(listed(st, &f, &s) ? s.n : 0, 3, "unless deleted ones are asked for");

	add_plain(st, 300);
	is_int(count_for(st, "ana", &few), 2, "300 more records of ana's, none reviewed");
	add_plain(st, 3000);
	is_int(count_for(st, "ana", &many), 2, "3,300 more");
	diag("instructions: %ld beside 300 records of hers, %ld beside 3,300", few, many);
	ok(many < few * 3 / 2 && many < 3000,
	    "counting her flagged records costs the same whatever else she holds");

	store_close(st);
	free(a1);
	free(a2);
	free(a3);
	free(a4);
	free(p1);
	free(path);
	test_remove_dir(dir);
	return done_testing();
}
