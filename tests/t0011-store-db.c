/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's SQL layer: the statement cache, values bound by type, the WHERE clause
 * that refuses to overflow, and the one write path of a record shared by a local save,
 * sync's put and a batch import (each found by search the same way). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/business.h"
#include "core/store.h"
#include "core/store_business.h"
#include "core/store_internal.h"
#include "core/store_sync.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static struct record *
visit(const char *business, const char *date)
{
	struct record *r = record_new("visit");

	json_object_set_new(r->fields, "business", json_string(business));
	json_object_set_new(r->fields, "date", json_string(date));
	json_object_set_new(r->fields, "municipality", json_string("Soria"));
	return r;
}

/* The statements a connection runs, as sqlite3_trace_v2 sees them start. */
struct statements {
	int all, fts_delete, upsert, meta_writes, json_valid;
};

static int
note_statement(unsigned type, void *payload, void *p, void *x)
{
	struct statements *n = payload;
	const char *sql = sqlite3_sql(p);

	(void)type;
	/* A trigger's program starting (schema 11's, on an update of a date) is not a
	 * statement of its own. */
	if (sql == NULL || (x != NULL && strncmp(x, "--", 2) == 0))
		return 0;
	n->all++;
	/* A text taken out of the index (contentless: FTS5's delete command). */
	n->fts_delete += strncmp(sql, "INSERT INTO record_fts(record_fts,", 34) == 0;
	n->upsert += strstr(sql, "ON CONFLICT(id)") != NULL;
	n->meta_writes += strncmp(sql, "INSERT", 6) == 0 && strstr(sql, " INTO meta(") != NULL;
	n->json_valid += strstr(sql, "json_valid(") != NULL;
	return 0;
}

static int
count_business(const char *id, const char *name, const char *municipality, void *payload)
{
	(void)id;
	(void)name;
	(void)municipality;
	++*(int *)payload;
	return 0;
}

static long
found(struct store *st, const char *words)
{
	struct record_filter f = { .search = words };
	long n = -1;

	store_count(st, &f, &n, NULL);
	return n;
}

int
main(void)
{
	char dir[] = "/tmp/t0011-XXXXXX", *path, *s, *cond, big[WHERE_SQL_MAX];
	struct store *st = NULL;
	struct store_batch *b = NULL;
	struct error err = { 0 };
	struct where w;
	struct record_filter f = { 0 };
	struct record *r, *got = NULL;
	struct draft d = { 0 }, *dl = NULL;
	sqlite3_stmt *one, *two;
	struct statements n = { 0 };
	int i, cached;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/data", dir);
	ok(store_open(&st, path, &err) == 0, "store opens");
	is_int(db_int(st, -1, "PRAGMA foreign_keys", ""), 1, "with foreign keys enforced");
	/* SQLite keeps no statistics of its memory (a mutex and a count at each allocation
	 * of every start): the count it would keep stays 0. */
	is_int(sqlite3_memory_used(), 0, "and SQLite counting no memory");

	/* The cache: one statement per SQL text, whatever pointer the text comes from. */
	one = db_static(st, "SELECT 1", &err);
	s = xstrdup("SELECT 1");
	two = db_static(st, s, &err);
	free(s);
	ok(one != NULL && one == two, "a statement is prepared once per SQL text");
	ok(db_static(st, "SELECT nonsense FROM nowhere", &err) == NULL && err.msg[0] != '\0',
	    "a bad statement is an error, not cached");
	error_clear(&err);

	/* Values bound by type: an integer is an integer. */
	is_int(db_int(st, -1, "SELECT typeof(?) = 'integer' AND ? = 42", "ii", (int64_t)42,
	    (int64_t)42), 1, "'i' binds an integer");
	is_int(db_int(st, -1, "SELECT ? IS NULL", "t", (const char *)NULL), 1,
	    "a NULL text binds NULL");
	s = db_text(st, "SELECT ? || '-' || ?", "ti", "rev", (int64_t)7);
	is_str(s, "rev-7", "db_text binds and copies");
	free(s);

	/* The WHERE clause: an overflow is an error, never a truncated condition. */
	memset(&w, 0, sizeof w);
	for (i = 0; i < WHERE_VALUES_MAX; i++)
		where_add(&w, "r.kind = ?", "visit");
	ok(!w.overflow && w.ntext == WHERE_VALUES_MAX, "as many values as fit are kept");
	where_add(&w, "r.kind = ?", "visit");
	ok(w.overflow && w.ntext == WHERE_VALUES_MAX, "one value more is an overflow");
	ok(where_prepare(st, "SELECT count(*) FROM record r", &w, NULL, &err) == NULL &&
	    err.kind == ERR_FAILED, "and where_prepare refuses it");
	error_clear(&err);
	where_free(&w);

	memset(&w, 0, sizeof w);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	where_add(&w, "r.deleted = 0", NULL);
	cond = xstrdup(w.sql);
	where_add(&w, big, NULL);
	ok(w.overflow && strcmp(w.sql, cond) == 0, "a condition that does not fit is not "
	    "cut: the clause is left whole and marked");
	free(cond);
	ok(where_prepare(st, "SELECT count(*) FROM record r", &w, NULL, &err) == NULL,
	    "and refused");
	error_clear(&err);
	where_free(&w);

	ok(where_build(&w, &(struct record_filter){ .kind = "visit", .volunteer = "ana",
	    .municipality = "Soria", .from = "2026-01-01", .to = "2026-12-31",
	    .search = "pan", .flagged_for = "ana", .only_unsynced = 1, .only_conflict = 1,
	    .only_unreviewed = 1 }, 0, &err) == 0 && !w.overflow,
	    "every filter at once fits");
	where_free(&w);

	/* One write path: a save, a put and a batch put are all found by search. */
	r = visit("Panadería Las Eras", "2026-11-20");
	cached = st->ncache;
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, note_statement, &n);
	ok(store_record_save(st, r, "maria", &err) == 0, "a local save");
	sqlite3_trace_v2(st->db, 0, NULL, NULL);
	/* What an `add` prepares: BEGIN, the row's INSERT, its search text, the clocks and
	 * COMMIT, and the visit's look-up of a business; meta's reads are open's statement
	 * (the clock had a SELECT of its own before). */
	ok(st->ncache - cached <= 6, "a new record's first save prepares at most 6 "
	    "statements (%d)", st->ncache - cached);
	is_int(n.json_valid, 0, "and writes its report columns without a json_valid test");
	is_int(found(st, "panaderia"), 1, "is found by search");
	/* A new record: no search text to take out, no conflict to meet, both clocks of meta
	 * in one write (each statement more is one more parse at every `add`). */
	is_int(n.fts_delete, 0, "a new record's save deletes nothing from the index");
	is_int(n.upsert, 0, "and inserts its row without an upsert");
	is_int(n.meta_writes, 1, "and moves both clocks in one statement");
	diag("a new record's save ran %d statements", n.all);

	/* Saved again, the row is updated: its old words leave the index. */
	json_object_set_new(r->fields, "business", json_string("Herrería Gómez"));
	memset(&n, 0, sizeof n);
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, note_statement, &n);
	ok(store_record_save(st, r, "maria", &err) == 0, "the same record saved again");
	sqlite3_trace_v2(st->db, 0, NULL, NULL);
	ok(n.upsert == 1 && n.fts_delete == 1, "through the upsert, its search text replaced");
	is_int(found(st, "herreria"), 1, "the new words are found");
	is_int(found(st, "panaderia"), 0, "the old ones are not");
	record_free(r);

	/* sync's put of a record new here: the upsert inserts, and nothing is deleted. */
	r = visit("Librería Central", "2026-11-19");
	uuid_v7(r->id);
	memcpy(r->created, "2026-11-19T10:00:00Z", sizeof r->created);
	memcpy(r->updated, r->created, sizeof r->updated);
	r->rev = 3;
	memset(&n, 0, sizeof n);
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, note_statement, &n);
	ok(store_record_put(st, r, NULL, 0, &err) == 0, "a put of a record new here");
	sqlite3_trace_v2(st->db, 0, NULL, NULL);
	ok(n.upsert == 1, "through the upsert");
	is_int(test_search_index_astray(st->db), 0, "the index holds each row's text once");
	is_int(found(st, "libreria"), 1, "and is found by search");
	json_object_set_new(r->fields, "business", json_string("Librería Norte"));
	r->rev = 4;
	ok(store_record_put(st, r, NULL, 0, &err) == 0, "put again, changed");
	is_int(found(st, "central"), 0, "its old words left the index");
	is_int(found(st, "norte"), 1, "its new ones are in it");
	record_free(r);
	ok(db_exec(st, &err, "INSERT INTO record_fts(record_fts) VALUES ('integrity-check')",
	    "") == 0, "the search index is whole");
	is_int(test_search_index_astray(st->db), 0, "and holds its rows' text, no other");
	error_clear(&err);

	r = visit("Ferretería Soto", "2026-11-21");
	uuid_v7(r->id);
	free(r->volunteer);
	r->volunteer = xstrdup("jon");
	free(r->device);
	r->device = xstrdup("other-1234");
	memcpy(r->created, "2026-11-21T10:00:00Z", sizeof r->created);
	memcpy(r->updated, r->created, sizeof r->updated);
	r->rev = 40;
	ok(store_record_put(st, r, NULL, 0, &err) == 0, "sync's put");
	is_int(found(st, "ferreteria"), 1, "is found by search");
	ok(store_record_get(st, r->id, &got, &err) == 0 && got->synced, "as synced");
	record_free(got);
	got = NULL;
	ok(store_record_mark_synced(st, r->id, 40, "abc", &err) == 0, "mark_synced with the "
	    "rev as an integer");
	s = db_text(st, "SELECT synced_oid FROM record WHERE id = ?", "t", r->id);
	is_str(s, "abc", "matches the row of that rev");
	free(s);
	ok(store_record_set_conflict(st, r->id, 1, &err) == 0 &&
	    db_int(st, -1, "SELECT conflict FROM record WHERE id = ?", "t", r->id) == 1,
	    "the conflict flag is stored as an integer");
	is_str(db_int(st, -1, "SELECT typeof(conflict) = 'integer' FROM record WHERE id = ?",
	    "t", r->id) == 1 ? "integer" : "other", "integer", "and its type is integer");

	json_object_set_new(r->fields, "business", json_string("Carpintería Ruiz"));
	r->rev = 90;
	s = record_to_json(r);
	ok(store_begin(st, &err) == 0 && store_batch_begin(st, &b, &err) == 0 &&
	    store_batch_put(b, r, s, s, 0, "def", &err) == 0 &&
	    store_batch_end(b, &err) == 0 && store_commit(st, &err) == 0, "a batch put");
	free(s);
	is_int(found(st, "carpinteria"), 2, "is found by search, with the business it named, "
	    "made by the batch (no business_id)");
	is_int(found(st, "ferreteria"), 0, "and the old text is gone from the index");
	is_int(store_clock(st), 90, "the batch moves the Lamport clock once, at its end");
	record_free(r);

	r = visit("Bar Plaza", "2026-11-22");
	ok(store_record_save(st, r, "maria", &err) == 0 && r->rev == 91,
	    "the next local save counts on from the clock");
	is_int(store_clock(st), 91, "which moves with it");
	/* The clocks only move forward: a newest write a little ahead of this clock (within
	 * the slack a clock may be set back by) stays; an edit counts on from its row's
	 * rev when that is above the clock. */
	{
		time_t ahead = time(NULL) + 300;
		char at[32], *kept;
		int64_t rowrev;

		strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", gmtime(&ahead));
		ok(store_meta_set(st, "newest_own_write", at, &err) == 0 &&
		    db_exec(st, &err, "UPDATE record SET rev = 500 WHERE id = ?", "t", r->id) == 0,
		    "a newest write 5 minutes ahead, and a row's rev above the clock");
		ok(store_record_save(st, r, "maria", &err) == 0 && r->rev == 501,
		    "an edit counts on from its row's rev");
		kept = store_meta_get(st, "newest_own_write");
		is_str(kept, at, "the newest write stays the later one");
		free(kept);
		is_int(store_clock(st), 501, "the clock moves to the edit's rev");
		rowrev = db_int(st, -1, "SELECT CAST(value AS INTEGER) = 501 AND"
		    " typeof(value) = 'text' FROM meta WHERE key = 'clock'", "");
		is_int(rowrev, 1, "kept as text, as before");
	}

	/* A business a look-up has just returned is live without a second statement, until
	 * the transaction writes; another transaction asks the row again. */
	{
		struct record *shop = record_new("business");
		char *key = business_name_key("Forja Lara");
		int hits = 0;

		json_object_set_new(shop->fields, "name", json_string("Forja Lara"));
		json_object_set_new(shop->fields, "municipality", json_string("Soria"));
		ok(store_record_save(st, shop, "maria", &err) == 0 && store_begin(st, &err) == 0 &&
		    store_business_find(st, key, "Soria", 1, count_business, &hits, &err) == 0 &&
		    hits == 1, "a business found by its name in a transaction");
		memset(&n, 0, sizeof n);
		sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, note_statement, &n);
		ok(store_business_is_live(st, shop->id), "is live");
		sqlite3_trace_v2(st->db, 0, NULL, NULL);
		is_int(n.all, 0, "without a statement");
		shop->deleted = 1;
		ok(store_record_save(st, shop, "maria", &err) == 0 &&
		    !store_business_is_live(st, shop->id), "a tombstone written in the same "
		    "transaction: not live");
		store_rollback(st);
		ok(store_begin(st, &err) == 0, "another transaction");
		memset(&n, 0, sizeof n);
		sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, note_statement, &n);
		ok(store_business_is_live(st, shop->id) && n.all == 1, "asks the row again (live: "
		    "the tombstone was rolled back)");
		sqlite3_trace_v2(st->db, 0, NULL, NULL);
		ok(store_commit(st, &err) == 0, "and commits");
		free(key);
		record_free(shop);
	}

	/* The report's columns are bound from the record's fields, each as json_extract
	 * gives it from the body: of every JSON type, and of a record nested deeper than
	 * SQLite's JSON reader goes (which json_extract could not read at all). */
	{
		struct record *deep = visit("Casa Honda", "2026-11-23");
		json_t *v = json_string("bottom"), *a;
		static const char same_sql[] = "SELECT count(*) FROM record, (SELECT value AS f"
		    " FROM json_each('[\"business\",\"status\",\"follow_up\",\"attendees\","
		    "\"attendees_65plus\",\"women\",\"duration_min\",\"hours\",\"sector\","
		    "\"topics\",\"men\",\"satisfaction\"]')) WHERE id = ? AND CASE f"
		    " WHEN 'business' THEN fig_business WHEN 'status' THEN fig_status"
		    " WHEN 'follow_up' THEN fig_follow_up WHEN 'attendees' THEN fig_attendees"
		    " WHEN 'attendees_65plus' THEN fig_attendees_65plus WHEN 'women' THEN fig_women"
		    " WHEN 'duration_min' THEN fig_duration_min WHEN 'hours' THEN fig_hours"
		    " WHEN 'sector' THEN fig_sector WHEN 'topics' THEN fig_topics"
		    " WHEN 'men' THEN fig_men ELSE fig_satisfaction END IS"
		    " json_extract(body, '$.fields.' || f)";
		struct record *all = visit("Casa \"Tipos\"", "2026-11-23");

		json_object_set_new(all->fields, "attendees", json_true());
		json_object_set_new(all->fields, "men", json_false());
		json_object_set_new(all->fields, "hours", json_real(2.5));
		json_object_set_new(all->fields, "women", json_integer(-12));
		json_object_set_new(all->fields, "duration_min", json_real(1e300));
		json_object_set_new(all->fields, "topics", json_pack("[s,s,i,f,n,b]", "web",
		    "p\u00e1gina \"1\"", 3, 0.1, 1));
		json_object_set_new(all->fields, "sector", json_pack("{s:[i],s:{}}", "a", 1, "b"));
		json_object_set_new(all->fields, "satisfaction", json_null());
		json_object_set_new(all->fields, "follow_up", json_pack("[s,s,s]", "web",
		    "p\u00e1gina", "a b/c\x7f"));
		json_object_set_new(all->fields, "attendees_65plus", json_array());
		json_object_set_new(all->fields, "status", json_string("to \"do\"\n\t\\"));
		ok(store_record_save(st, all, "maria", &err) == 0, "a record of every JSON type");
		is_int(db_int(st, -1, same_sql, "t", all->id), 12,
		    "its twelve report columns are what json_extract gives from its body");
		is_int(db_int(st, -1, "SELECT typeof(fig_attendees) = 'integer' AND"
		    " fig_attendees = 1 AND fig_men = 0 AND fig_women = -12 AND"
		    " typeof(fig_hours) = 'real' AND fig_hours = 2.5 AND fig_duration_min = 1e300"
		    " AND typeof(fig_topics) = 'text' AND json_array_length(fig_topics) = 6 AND"
		    " json_extract(fig_topics, '$[1]') = 'p\u00e1gina \"1\"' AND"
		    " json_extract(fig_sector, '$.a[0]') = 1 AND fig_satisfaction IS NULL AND"
		    " fig_follow_up = '[\"web\",\"p\u00e1gina\",\"a b/c\x7f\"]' AND"
		    " fig_attendees_65plus = '[]' FROM record WHERE id = ?", "t", all->id), 1,
		    "true and false as 1 and 0, numbers as numbers, arrays and objects as JSON");
		record_free(all);

		for (i = 0; i < 3000; i++) {
			a = json_array();
			json_array_append_new(a, v);
			v = a;
		}
		json_object_set_new(deep->fields, "nested", v);
		json_object_set_new(deep->fields, "status", json_string("todo"));
		ok(store_record_save(st, deep, "maria", &err) == 0, "a record 3,000 arrays deep "
		    "is saved");
		is_int(db_int(st, -1, "SELECT fig_status = 'todo' AND fig_business = 'Casa Honda'"
		    " FROM record WHERE id = ?", "t", deep->id), 1, "with its report columns");
		is_int(found(st, "honda"), 1, "and is found by search");
		record_free(deep);
		deep = visit("Casa Llana", "2026-11-23");
		json_object_set_new(deep->fields, "status", json_string("todo"));
		ok(store_record_save(st, deep, "maria", &err) == 0 &&
		    db_int(st, -1, "SELECT fig_status = 'todo' AND fig_business = 'Casa Llana'"
		    " FROM record WHERE id = ?", "t", deep->id) == 1,
		    "a shallow one's report columns are its fields");
		record_free(deep);
	}
	error_clear(&err);
	r->deleted = 1;
	ok(store_record_save(st, r, "maria", &err) == 0, "a tombstone");
	is_int(found(st, "plaza"), 0, "is not found by search");
	record_free(r);

	/* Drafts: the id is bound as an integer. */
	d.fields = json_object();
	snprintf(d.kind, sizeof d.kind, "visit");
	ok(store_draft_save(st, &d, &err) == 0 && d.id > 0, "a draft is saved");
	ok(store_draft_delete(st, d.id, &err) == 0 && store_draft_latest(st, &dl, &err) == 0 &&
	    dl == NULL, "and deleted by its integer id");
	json_decref(d.fields);

	is_int(store_count(st, &f, &(long){ 0 }, &err), 0, "counting still works");
	store_close(st);
	free(path);
	test_remove_dir(dir);
	return done_testing();
}
