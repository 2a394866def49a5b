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
#include "core/util.h"
#include "tests/tap.h"

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

static int
count_step(void *payload)
{
	(*(long *)payload)++;
	return 0;
}

/* SQLite's virtual machine instructions for one page of the search words. */
static long
page_cost(struct store *st, const char *words)
{
	struct record_filter f = { .search = words, .limit = 20 };
	struct error err = { 0 };
	struct ids *got = xcalloc(1, sizeof *got);
	long steps = 0;

	sqlite3_progress_handler(st->db, 1, count_step, &steps);
	if (store_list_ids(st, &f, take_id, got, &err) != 0)
		diag("page: %s", err.msg);
	sqlite3_progress_handler(st->db, 0, NULL, NULL);
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
	char date[11], name[64];
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
	    " printf('20%%02d-%%02d-%%02d', 10 + i %% 10, 1 + i %% 12, 1 + i %% 28), '{}'"
	    " FROM n; INSERT INTO record_fts(rowid, text) SELECT rowid, 'Tienda ' ||"
	    " CASE WHEN substr(id, 6) %% 5000 = 17 THEN 'raro' ELSE 'comun' END FROM record"
	    " WHERE id >= printf('bulk-%%08d', %d) AND id <= printf('bulk-%%08d', %d)",
	    from, from + n - 1, from, from + n - 1);
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK)
		diag("bulk: %s", msg);
	sqlite3_free(msg);
	free(sql);
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
};

int
main(void)
{
	char dir[] = "/tmp/t0619-XXXXXX", *path;
	struct store *st = NULL;
	struct error err = { 0 };
	struct ids *want = xcalloc(1, sizeof *want), *got = xcalloc(1, sizeof *got);
	long every1, rare1, every2, rare2;
	size_t i;
	int v, differ, pages, matched, counts_differ = 0;
	long n;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/data", dir);
	if (store_open(&st, path, &err) != 0) {
		diag("open: %s", err.msg);
		return 1;
	}
	add_records(st, 0, 3000);

	/* Each search, each filter and paging: the plan's rows are the one query's. */
	differ = pages = matched = 0;
	for (i = 0; i < sizeof searches / sizeof *searches; i++) {
		for (v = 0; v < 9; v++) {
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
			}
			one_query(st, &f, want);
			memset(got, 0, sizeof *got);
			if (store_list_ids(st, &f, take_id, got, &err) != 0)
				diag("list ids: %s", err.msg);
			pages++;
			matched += want->n > 0;
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
				counts_differ++;
				diag("'%s', case %d: counts %ld where the one query counts %ld",
				    searches[i], v, n, one_count(st, &f));
			}
		}
	}
	is_int(differ, 0, "every page of every search is the one query's rows, in its order");
	is_int(counts_differ, 0, "and every count is the one query's");
	ok(matched > pages / 2, "most of them hold rows (%d of %d)", matched, pages);

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
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);

		if (system(cmd) != 0)
			diag("could not remove %s", dir);
		free(cmd);
	}
	free(path);
	return done_testing();
}
