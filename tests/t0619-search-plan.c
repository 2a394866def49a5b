/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The search's plan (core/store_search.c): a page of a search gives the rows of the one
 * query (rows of the date index whose rowid is among FTS5's matches) in its order, for
 * every kind of words and every filter and paging; and a page of a word of every record
 * or of a rare word reads a few rows where the one query reads every record (counted in
 * SQLite's virtual machine instructions, not in time). Counts are the one query's too.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/store.h"
#include "core/store_internal.h"
#include "core/store_sync.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tests/testlib.h"

#define IDS_MAX 65536

struct ids {
	char s[IDS_MAX];
	int n;
};

static int
take_id(const char *id, void *payload)
{
	struct ids *b = payload;
	size_t len = strlen(b->s);

	b->n++;
	snprintf(b->s + len, sizeof b->s - len, "%s\n", id);
	return 0;
}

static int
take_record(const struct record *r, void *payload)
{
	return take_id(r->id, payload);
}

/* The rows as the one query gives them: store_list_ids' own query before the plan. */
static void
one_query(struct store *st, const struct record_filter *f, struct ids *out)
{
	struct where w;
	struct error err = { 0 };
	sqlite3_stmt *stmt;

	memset(out, 0, sizeof *out);
	where_build(&w, f, f->include_deleted, &err);
	if (f->after_date != NULL && f->after_id != NULL) {
		where_add(&w, f->oldest_first ? "(r.date, r.id) > (?, ?)" :
		    "(r.date, r.id) < (?, ?)", f->after_date);
		where_bind(&w, f->after_id);
	}
	stmt = where_prepare(st, "SELECT r.id FROM record r", &w, f->oldest_first ?
	    " ORDER BY r.date, r.id LIMIT ?9998 OFFSET ?9999" :
	    " ORDER BY r.date DESC, r.id DESC LIMIT ?9998 OFFSET ?9999", &err);
	if (stmt == NULL) {
		diag("one query: %s", err.msg);
		where_free(&w);
		return;
	}
	sqlite3_bind_int64(stmt, 9998, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(stmt, 9999, f->offset);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		take_id((const char *)sqlite3_column_text(stmt, 0), out);
	sqlite3_finalize(stmt);
	where_free(&w);
}

/* The count as the one query gives it. */
static long
one_count(struct store *st, const struct record_filter *f)
{
	struct where w;
	struct error err = { 0 };
	sqlite3_stmt *stmt;
	long n = -1;

	where_build(&w, f, f->include_deleted, &err);
	if (f->after_date != NULL && f->after_id != NULL) {
		where_add(&w, f->oldest_first ? "(r.date, r.id) > (?, ?)" :
		    "(r.date, r.id) < (?, ?)", f->after_date);
		where_bind(&w, f->after_id);
	}
	stmt = where_prepare(st, "SELECT count(*) FROM record r", &w, NULL, &err);
	if (stmt != NULL && sqlite3_step(stmt) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	where_free(&w);
	return n;
}

/* SQLite's virtual machine instructions for one page of the search words. */
static long
page_cost(struct store *st, const char *words)
{
	struct record_filter f = { .search = words, .limit = 20 };
	struct error err = { 0 };
	struct ids *got = xcalloc(1, sizeof *got);
	long steps = 0;

	test_sql_steps_start(st->db, &steps);
	if (store_list_ids(st, &f, take_id, got, &err) != 0)
		diag("page: %s", err.msg);
	test_sql_steps_stop(st->db);
	free(got);
	return steps;
}

/*
 * n records from number `from`: every one holds "tienda"; the village Villavieja's (a
 * tenth) are all of 2024, the rest of 2025-2026; numbers make a prefix of many terms;
 * one record in 500 is "Raro", every fourth a task.
 */
static void
add_records(struct store *st, int from, int n)
{
	struct error err = { 0 };
	char date[32], name[64];
	int i, k;

	store_begin(st, &err);
	for (i = from; i < from + n; i++) {
		struct record *r = record_new(i % 4 == 3 ? "task" : "visit");
		int old = i % 10 == 0;

		k = (i * 7919) % 700;
		snprintf(date, sizeof date, "%d-%02d-%02d", old ? 2024 : 2025 + k % 2,
		    1 + k / 2 % 12, 1 + k % 28);
		snprintf(name, sizeof name, "%s %d", i % 500 == 7 ? "Raro" : "Negocio", i);
		json_object_set_new(r->fields, "date", json_string(date));
		json_object_set_new(r->fields, i % 4 == 3 ? "title" : "business",
		    json_string(name));
		json_object_set_new(r->fields, "municipality", json_string(old ? "Villavieja" :
		    i % 3 ? "Almazán" : "Ágreda"));
		json_object_set_new(r->fields, "findings", json_string(i % 5 ? "Sin tienda "
		    "online; revisar la ficha" : "Sin tienda online; ficha-nueva \"web\""));
		if (store_record_save(st, r, i % 7 ? "ana" : "luis", &err) != 0)
			diag("save: %s", err.msg);
		record_free(r);
	}
	if (store_commit(st, &err) != 0)
		diag("commit: %s", err.msg);
}

/* n rows written straight into the tables, as bench/report_gen does: every one holds
 * "tienda", one in 5,000 "raro"; their dates are all older than add_records'. */
static void
add_bulk(struct store *st, int from, int n)
{
	char *sql = xasprintf("WITH RECURSIVE n(i) AS (SELECT %d UNION ALL SELECT i + 1 FROM n"
	    " WHERE i < %d) INSERT INTO record(id, kind, volunteer, rev, updated, date, body)"
	    " SELECT printf('bulk-%%08d', i), 'visit', 'ana', 1, '2020-01-01T00:00:00Z',"
	    " printf('20%%02d-%%02d-%%02d', 10 + i %% 10, 1 + i %% 12, 1 + i %% 28),"
	    " json_object('fields', json_object('business', 'Tienda ' || CASE WHEN i %% 5000"
	    " = 17 THEN 'raro' ELSE 'comun' END)) FROM n; INSERT INTO record_fts(rowid, text)"
	    " SELECT " STORE_SEARCH_KEY("date", "rowid") ", search_text(body) FROM record"
	    " WHERE id >= printf('bulk-%%08d', %d) AND id <= printf('bulk-%%08d', %d)"
	    " ORDER BY 1",
	    from, from + n - 1, from, from + n - 1);
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK)
		diag("bulk: %s", msg);
	sqlite3_free(msg);
	free(sql);
}

/*
 * n records from number `from`, all older than add_records' (2019-2021), every one with
 * "molino" (half of the records once both are in: a common word whose records are all
 * old); one in five on the same day, 2020-02-02, whose order is their ids'.
 */
static void
add_old(struct store *st, int from, int n)
{
	struct error err = { 0 };
	char date[32], name[64];
	int i, k;

	store_begin(st, &err);
	for (i = from; i < from + n; i++) {
		struct record *r = record_new(i % 4 == 3 ? "task" : "visit");

		k = (i * 7919) % 900;
		if (i % 5 == 0)
			snprintf(date, sizeof date, "2020-02-02");
		else
			snprintf(date, sizeof date, "%d-%02d-%02d", 2019 + k % 3, 1 + k / 3 % 12,
			    1 + k % 28);
		snprintf(name, sizeof name, "Molino %d", i);
		json_object_set_new(r->fields, "date", json_string(date));
		json_object_set_new(r->fields, i % 4 == 3 ? "title" : "business",
		    json_string(name));
		json_object_set_new(r->fields, "municipality", json_string(i % 3 ? "Almazán" :
		    "Ágreda"));
		json_object_set_new(r->fields, "findings", json_string("Sin tienda online"));
		if (store_record_save(st, r, i % 7 ? "ana" : "luis", &err) != 0)
			diag("save: %s", err.msg);
		record_free(r);
	}
	if (store_commit(st, &err) != 0)
		diag("commit: %s", err.msg);
}

static int
take_id_list(const char *id, void *payload)
{
	struct ids *b = payload;

	if (b->n < 200) {
		snprintf(b->s + (size_t)b->n * 40, 40, "%s", id);
		b->n++;
	}
	return 0;
}

/* The ids of a page of words (up to 200), at b->s + 40 * i. */
static void
page_ids(struct store *st, const char *words, long offset, long limit, struct ids *b)
{
	struct record_filter f = { .search = words, .offset = offset, .limit = limit };
	struct error err = { 0 };

	memset(b, 0, sizeof *b);
	if (store_list_ids(st, &f, take_id_list, b, &err) != 0)
		diag("ids: %s", err.msg);
}

/*
 * The records change under the index: dates edited both ways (an old record made the
 * newest, a new one made old, one moved within its day's ties), edits that keep the date,
 * deletions, and records synced in one by one and in a batch (the queue of
 * record_index_flush), new and changed.
 */
static void
change_records(struct store *st)
{
	struct error err = { 0 };
	struct ids *b = xcalloc(1, sizeof *b);
	struct record *r;
	struct store_batch *batch = NULL;
	char date[32], *body;
	int i;

	page_ids(st, "molino", 100, 60, b);
	store_begin(st, &err);
	for (i = 0; i < b->n; i++) {
		if (store_record_get(st, b->s + (size_t)i * 40, &r, &err) != 0) {
			diag("get: %s", err.msg);
			continue;
		}
		snprintf(date, sizeof date, "2026-10-1%d", i % 10);
		if (i % 4 == 0)
			json_object_set_new(r->fields, "date", json_string(date));
		else if (i % 4 == 1)
			json_object_set_new(r->fields, "date", json_string("2020-02-02"));
		else if (i % 4 == 2)
			r->deleted = 1;
		else
			json_object_set_new(r->fields, "findings", json_string("Molino sin tienda"));
		if (store_record_save(st, r, "ana", &err) != 0)
			diag("save: %s", err.msg);
		record_free(r);
	}
	if (store_commit(st, &err) != 0)
		diag("commit: %s", err.msg);
	/* Newer records of tienda, made old. */
	page_ids(st, "tienda", 0, 30, b);
	store_begin(st, &err);
	for (i = 0; i < b->n; i++) {
		if (store_record_get(st, b->s + (size_t)i * 40, &r, &err) != 0)
			continue;
		json_object_set_new(r->fields, "date", json_string(i % 2 ? "2019-03-03" :
		    "2020-02-02"));
		json_object_set_new(r->fields, "findings", json_string("Molino y tienda"));
		if (store_record_save(st, r, "luis", &err) != 0)
			diag("save: %s", err.msg);
		record_free(r);
	}
	if (store_commit(st, &err) != 0)
		diag("commit: %s", err.msg);
	/* Received from the shared repository: changed records, and new ones. */
	page_ids(st, "molino", 400, 40, b);
	store_begin(st, &err);
	for (i = 0; i < b->n; i++) {
		if (store_record_get(st, b->s + (size_t)i * 40, &r, &err) != 0)
			continue;
		r->rev += 10;
		snprintf(date, sizeof date, "2026-11-2%d", i % 10);
		json_object_set_new(r->fields, "date", json_string(i % 2 ? date : "2018-12-31"));
		if (i % 3 == 0)
			snprintf(r->id, sizeof r->id, "ffffffff-0000-7000-8000-%012d", i);
		if (store_record_put(st, r, NULL, 0, &err) != 0)
			diag("put: %s", err.msg);
		record_free(r);
	}
	if (store_commit(st, &err) != 0)
		diag("commit: %s", err.msg);
	/* And through a batch, whose search text waits for the flush. */
	page_ids(st, "molino", 800, 50, b);
	store_begin(st, &err);
	if (store_batch_begin(st, &batch, &err) != 0)
		diag("batch: %s", err.msg);
	for (i = 0; batch != NULL && i < b->n; i++) {
		if (store_record_get(st, b->s + (size_t)i * 40, &r, &err) != 0)
			continue;
		r->rev += 10;
		json_object_set_new(r->fields, "date", json_string(i % 2 ? "2026-12-01" :
		    "2017-01-01"));
		if (i % 3 == 0)
			snprintf(r->id, sizeof r->id, "eeeeeeee-0000-7000-8000-%012d", i);
		if (i % 5 == 4)
			r->deleted = 1;
		body = record_to_json(r);
		if (store_batch_put(batch, r, body, NULL, 0, NULL, &err) != 0)
			diag("batch put: %s", err.msg);
		free(body);
		/* The same record twice in one batch, its date moved again. */
		if (i % 7 == 1) {
			json_object_set_new(r->fields, "date", json_string("2021-07-07"));
			r->rev++;
			body = record_to_json(r);
			if (store_batch_put(batch, r, body, NULL, 0, NULL, &err) != 0)
				diag("batch put: %s", err.msg);
			free(body);
		}
		record_free(r);
	}
	if (store_batch_end(batch, &err) != 0)
		diag("batch end: %s", err.msg);
	if (store_commit(st, &err) != 0)
		diag("commit: %s", err.msg);
	free(b);
}

static const char *const searches[] = {
	"tienda",		/* every record, asked row by row */
	"tien",			/* its prefix, asked as its one term */
	"Raro",			/* rare: the set, sorted */
	"villavieja",		/* a tenth, all old: the set, walked */
	"1",			/* a prefix of many terms: the set read as a prefix */
	"negocio 12",		/* a whole word and a prefix */
	"almazan tienda",	/* two words */
	"Almazán",		/* accents, as the index folds them */
	"ficha-nueva",		/* one word that is two tokens, a phrase */
	"ficha-nu",		/* and its prefix */
	"\"web\"",		/* quotes in the words */
	"--",			/* no token at all */
	"ningunapalabra",	/* no match */
	"negocio zzz",		/* a prefix of no term */
	"molino",		/* half of the records, all old (once add_old has run) */
	"moli",			/* and its prefix */
	"molino tienda",	/* with a word of every record */
};

/* Each search, each filter and paging: the plan's rows are the one query's, and its
 * counts; *pages and *matched the pages compared and those that held rows. */
static int
compare_all(struct store *st, int *pages, int *matched, int *counts_differ)
{
	struct ids *want = xcalloc(1, sizeof *want), *got = xcalloc(1, sizeof *got);
	struct error err = { 0 };
	size_t i;
	int v, differ = 0;
	long n;

	*pages = *matched = *counts_differ = 0;
	for (i = 0; i < sizeof searches / sizeof *searches; i++) {
		for (v = 0; v < 11; v++) {
			struct record_filter f = { .search = searches[i], .limit = 20 };

			switch (v) {
			case 1: f.offset = 45; break;
			case 2: f.kind = "task"; break;
			case 3: f.volunteer = "luis"; f.oldest_first = 1; break;
			case 4: f.after_date = "2025-06-10"; f.after_id = "8"; break;
			case 5: f.after_date = "2025-06-10"; f.after_id = "8";
				f.oldest_first = 1; break;
			case 6: f.from = "2024-03-01"; f.to = "2025-02-01"; f.limit = 1;
				f.offset = 30; break;
			case 7: f.work_only = 1; f.municipality = "almazan"; break;
			case 8: f.limit = 400; break;
			case 9: f.after_date = "2020-02-02"; f.after_id = "8"; f.limit = 100;
				break;
			case 10: f.from = "2020-02-02"; f.to = "2020-02-02"; f.oldest_first = 1;
				f.offset = 3; f.include_deleted = 1; break;
			}
			one_query(st, &f, want);
			memset(got, 0, sizeof *got);
			if (store_list_ids(st, &f, take_id, got, &err) != 0)
				diag("list ids: %s", err.msg);
			(*pages)++;
			*matched += want->n > 0;
			if (strcmp(want->s, got->s) != 0) {
				differ++;
				diag("'%s', case %d: %d rows where the one query gives %d",
				    searches[i], v, got->n, want->n);
			}
			memset(got, 0, sizeof *got);
			if (store_list(st, &f, take_record, got, &err) != 0)
				diag("list: %s", err.msg);
			if (strcmp(want->s, got->s) != 0) {
				differ++;
				diag("'%s', case %d: store_list differs", searches[i], v);
			}
			n = -2;
			store_count(st, &f, &n, &err);
			if (n != one_count(st, &f)) {
				(*counts_differ)++;
				diag("'%s', case %d: counts %ld where the one query counts %ld",
				    searches[i], v, n, one_count(st, &f));
			}
		}
	}
	free(want);
	free(got);
	return differ;
}

int
main(void)
{
	char dir[] = "/tmp/t0619-XXXXXX", *path;
	struct store *st = NULL;
	struct error err = { 0 };
	struct ids *want = xcalloc(1, sizeof *want), *got = xcalloc(1, sizeof *got);
	long every1, rare1, every2, rare2;
	int differ, pages, matched, counts_differ = 0, v;

	if ((st = test_store_new(dir, &path)) == NULL)
		return 1;
	add_records(st, 0, 3000);

	/* Each search, each filter and paging: the plan's rows are the one query's. */
	differ = compare_all(st, &pages, &matched, &counts_differ);
	is_int(differ, 0, "every page of every search is the one query's rows, in its order");
	is_int(counts_differ, 0, "and every count is the one query's");
	ok(matched > pages / 3, "most of them hold rows (%d of %d)", matched, pages);

	/* A common word of old records, ties on a day, and the records changing. */
	add_old(st, 3000, 3000);
	is_int(test_search_index_astray(st->db), 0, "every record's search text is under its key");
	differ = compare_all(st, &pages, &matched, &counts_differ);
	is_int(differ, 0, "with a common word whose records are all old: the one query's rows");
	is_int(counts_differ, 0, "and its counts");
	change_records(st);
	is_int(test_search_index_astray(st->db), 0, "dates edited, records deleted and synced in: every text "
	    "under its key");
	differ = compare_all(st, &pages, &matched, &counts_differ);
	is_int(differ, 0, "and every page is still the one query's rows, in its order");
	is_int(counts_differ, 0, "and every count");
	ok(matched > pages / 2, "most of them hold rows (%d of %d)", matched, pages);
	is_int(db_int(st, 0, "SELECT count(*) FROM record WHERE id >= 'eeeeeeee' AND id <"
	    " 'ffffffff-1'", ""), 31, "the records synced in are there");

	/* A date as a person may write it (20-11-2026, 01/12/2025) is listed as written, by
	 * its text: its key (day 0) says nothing of its place, and the pages are still the
	 * one query's. */
	{
		const char *odd[] = { "20-11-2026", "01/12/2025", "2021/02/02" };
		struct record *r[3];

		for (v = 0; v < 3; v++) {
			r[v] = record_new("visit");
			json_object_set_new(r[v]->fields, "date", json_string(odd[v]));
			json_object_set_new(r[v]->fields, "business", json_string("Molino Raro"));
			if (store_record_save(st, r[v], "ana", &err) != 0)
				diag("save: %s", err.msg);
		}
		is_int(test_search_index_astray(st->db), 0, "dates not written 9999-99-99: every text under its "
		    "key");
		differ = compare_all(st, &pages, &matched, &counts_differ);
		is_int(differ, 0, "and every page is the one query's rows, in its order");
		is_int(counts_differ, 0, "and every count");
		/* Deleted, their texts leave the index, and the keys follow the dates again. */
		for (v = 0; v < 3; v++) {
			r[v]->deleted = 1;
			if (store_record_save(st, r[v], "ana", &err) != 0)
				diag("delete: %s", err.msg);
			record_free(r[v]);
		}
	}

	/* A page of a search inside a caller's transaction, and a callback that reads. */
	{
		struct record_filter f = { .search = "villavieja", .limit = 5 };

		one_query(st, &f, want);
		memset(got, 0, sizeof *got);
		store_begin(st, &err);
		ok(store_list_ids(st, &f, take_id, got, &err) == 0 &&
		    strcmp(want->s, got->s) == 0, "inside a transaction too");
		ok(store_commit(st, &err) == 0, "which still commits");
	}

	/* Enough records that reading every match costs more than asking about a page's
	 * rows (at a few thousand, reading them all is the cheaper plan, and is taken). */
	add_bulk(st, 0, 40000);
	every1 = page_cost(st, "tienda");
	rare1 = page_cost(st, "raro");
	add_bulk(st, 40000, 40000);
	every2 = page_cost(st, "tienda");
	rare2 = page_cost(st, "raro");
	diag("a page of a word of every record: %ld instructions at 43,000 records, %ld at "
	    "83,000; of a rare word: %ld, %ld", every1, every2, rare1, rare2);
	/* The one query reads every match or walks every record: several instructions a
	 * record (hundreds of thousands here). */
	ok(every2 < 83000 / 10, "a word of every record: a page reads a few rows, not the "
	    "records (%ld instructions at 83,000 records)", every2);
	ok(rare2 < 83000 / 10, "a rare word: a page reads about its matches, not the records "
	    "(%ld)", rare2);

	store_close(st);
	free(want);
	free(got);
	test_remove_dir(dir);
	free(path);
	return done_testing();
}
