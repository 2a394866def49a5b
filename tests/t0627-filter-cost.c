/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Filters that pick few records out of many, and what they cost: the flagged records (the
 * list's --flagged and --flagged-for-me, the screens' start message "N records flagged
 * for you"; the latest review decides, a later "ok" clears a flag), the records in
 * conflict, and one village's records when they are all old. Each is found at about the
 * same cost whatever else the store holds: at 1,000,000 records the first screen of a
 * volunteer took 700 ms to count their flagged records one by one, a page of the records
 * in conflict 4.1 s, a page of a village of old records 2 to 3.6 s. Costs are SQLite's
 * virtual machine instructions, not time.
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
save_in(struct store *st, const char *author, const char *kind, const char *date,
    const char *business, const char *place)
{
	struct record *r = record_new(kind);
	struct error err = { 0 };
	char *id;

	json_object_set_new(r->fields, "business", json_string(business));
	json_object_set_new(r->fields, "municipality", json_string(place));
	json_object_set_new(r->fields, "date", json_string(date));
	if (kind[0] == 't')
		json_object_set_new(r->fields, "title", json_string(business));
	if (store_record_save(st, r, author, &err) != 0)
		diag("save %s: %s", business, err.msg);
	id = xstrdup(r->id);
	record_free(r);
	return id;
}

static char *
save(struct store *st, const char *author, const char *kind, const char *date,
    const char *business)
{
	return save_in(st, author, kind, date, business, "Almazán");
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

/* How many match f, and the instructions it took. */
static long
count_of(struct store *st, const struct record_filter *f, long *steps)
{
	struct error err = { 0 };
	long n = -1;

	test_sql_steps_start(st->db, steps);
	if (store_count(st, f, &n, &err) != 0)
		diag("count: %s", err.msg);
	test_sql_steps_stop(st->db);
	return n;
}

static long
count_for(struct store *st, const char *volunteer, long *steps)
{
	struct record_filter f = { .flagged_for = volunteer };

	return count_of(st, &f, steps);
}

/* The first page of f, and the instructions it took. */
static const char *
page_of(struct store *st, struct record_filter *f, struct seen *s, long *steps)
{
	const char *text;

	f->limit = 20;
	test_sql_steps_start(st->db, steps);
	text = listed(st, f, s);
	test_sql_steps_stop(st->db);
	return text;
}

/* n records of ana's in Almazán, newer than every other, none reviewed. */
static void
add_plain(struct store *st, int n)
{
	char date[16];
	int i;

	if (store_begin(st, NULL) != 0)
		diag("begin");
	for (i = 0; i < n; i++) {
		snprintf(date, sizeof date, "2027-%02d-%02d", 1 + i % 12, 1 + i % 28);
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
	long few[4], many[4], steps;

	if ((st = test_store_new(dir, &path)) == NULL)
		return 1;
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
	is_int(count_for(st, "ana", &steps), 2, "a deleted record is not counted");
	memset(&f, 0, sizeof f);
	f.flagged_for = "ana";
	f.include_deleted = 1;
	is_int(listed(st, &f, &s) ? s.n : 0, 3, "unless deleted ones are asked for");

	/* Two records in conflict, and a village whose records are all old. */
	if (store_record_set_conflict(st, a1, 1, &err) != 0 ||
	    store_record_set_conflict(st, p1, 1, &err) != 0)
		diag("conflict: %s", err.msg);
	free(save_in(st, "pedro", "visit", "2024-02-01", "Mesón Viejo", "Villavieja"));
	free(save_in(st, "ana", "task", "2024-03-01", "Tienda Vieja", "Villavieja"));
	free(save_in(st, "ana", "business", "2024-01-01", "Tienda Vieja", "Villavieja"));

	add_plain(st, 300);
	is_int(count_for(st, "ana", &few[0]), 2, "300 more records of ana's, none reviewed");
	memset(&f, 0, sizeof f);
	f.only_conflict = 1;
	is_str(page_of(st, &f, &s, &few[1]), "Quesos Pedro;Ferretería Gómez;",
	    "the records in conflict, newest first");
	memset(&f, 0, sizeof f);
	f.municipality = "villavieja";
	f.work_only = 1;
	is_str(page_of(st, &f, &s, &few[2]), "Tienda Vieja;Mesón Viejo;",
	    "a village's records, newest first, its place folded");
	is_int(count_of(st, &f, &steps), 2, "and their count leaves its business out");
	memset(&f, 0, sizeof f);
	f.municipality = "Almazán";
	f.kind = "business";
	is_int(count_of(st, &f, &few[3]), 0, "Almazán has no business");

	add_plain(st, 3000);
	is_int(count_for(st, "ana", &many[0]), 2, "3,300 more");
	memset(&f, 0, sizeof f);
	f.only_conflict = 1;
	is_str(page_of(st, &f, &s, &many[1]), "Quesos Pedro;Ferretería Gómez;",
	    "the same records in conflict");
	memset(&f, 0, sizeof f);
	f.municipality = "Villavieja";
	f.work_only = 1;
	is_str(page_of(st, &f, &s, &many[2]), "Tienda Vieja;Mesón Viejo;",
	    "the same village's records");
	is_int(count_of(st, &f, &steps), 2, "the same count");
	memset(&f, 0, sizeof f);
	f.municipality = "Almazán";
	f.kind = "business";
	is_int(count_of(st, &f, &many[3]), 0, "nor after 3,000 more of its records");
	memset(&f, 0, sizeof f);
	f.only_unreviewed = 1;
	f.work_only = 1;
	is_int(count_of(st, &f, &steps), 3302, "the work with no review: all but the reviewed four");
	diag("counting the work with no review: %ld instructions at 3,306 records", steps);
	ok(steps < 3306 * 6, "fewer than six instructions a record (a review looked up for each "
	    "took more)");
	f.volunteer = "pedro";
	is_int(count_of(st, &f, &steps), 1, "pedro's with no review");
	f.volunteer = NULL;
	f.include_deleted = 1;
	is_int(count_of(st, &f, &steps), 3302, "and with the deleted one, which was reviewed");
	{
		static const char *const what[] = {
			"counting her flagged records", "a page of the records in conflict",
			"a page of a village of old records", "counting a place's businesses",
		};
		int i;

		for (i = 0; i < 4; i++) {
			diag("%s: %ld instructions beside 300 records, %ld beside 3,300", what[i],
			    few[i], many[i]);
			ok(many[i] < few[i] * 3 / 2 && many[i] < 3000,
			    "%s costs the same whatever else the store holds", what[i]);
		}
	}

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
