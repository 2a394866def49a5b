/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the Business field offers as a name is typed (store_business_suggest): names by
 * prefix with accents, case and punctuation ignored; the given municipality's first,
 * then the others; at most max; no tombstone; nothing for an empty prefix; the reads use
 * the name indexes (a plan that scanned every business is a failure here). And
 * business_save: a new name makes one business, in the municipality given. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/business.h"
#include "core/store.h"
#include "core/store_business.h"
#include "core/text.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static char *
add_business(struct store *st, const char *name, const char *muni)
{
	struct record *b = record_new("business");
	struct error err = { 0 };
	char *id;

	json_object_set_new(b->fields, "name", json_string(name));
	json_object_set_new(b->fields, "municipality", json_string(muni));
	if (store_record_save(st, b, "ana", &err) != 0)
		diag("save %s: %s", name, err.msg);
	id = xstrdup(b->id);
	record_free(b);
	return id;
}

/* "name@municipality;" for each business offered. */
static char *
offered(struct store *st, const char *typed, const char *muni, int max)
{
	static char buf[2048];
	struct business_hit h[16];
	struct error err = { 0 };
	char *key = business_name_key(typed);
	int n = -1, i;

	buf[0] = '\0';
	if (store_business_suggest(st, key, muni, h, max, &n, &err) != 0)
		diag("suggest: %s", err.msg);
	for (i = 0; i < n; i++) {
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s@%s;", h[i].name,
		    h[i].municipality);
	}
	business_hits_free(h, n);
	free(key);
	return buf;
}

static void
fold_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_text(ctx, text_fold((const char *)sqlite3_value_text(argv[0])), -1,
	    free);
}

/* 1 when the plan of sql reads one of the name indexes and scans nothing. */
static int
plan_uses_name_index(sqlite3 *db, const char *sql)
{
	char *q = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *s = NULL;
	int good = 0, bad = 0;
	const char *d;

	if (sqlite3_prepare_v2(db, q, -1, &s, NULL) == SQLITE_OK)
		while (sqlite3_step(s) == SQLITE_ROW) {
			d = (const char *)sqlite3_column_text(s, 3);
			diag("plan: %s", d);
			good |= strstr(d, "record_business_") != NULL;
			bad |= strncmp(d, "SCAN", 4) == 0 || strstr(d, "TEMP B-TREE") != NULL;
		}
	sqlite3_finalize(s);
	free(q);
	return good && !bad;
}

int
main(void)
{
	char dir[] = "/tmp/t0808.XXXXXX", *path = NULL, *gone, *db_path;
	struct store *st = NULL;
	struct error err = { 0 };
	struct record *v, *b = NULL;
	sqlite3 *db = NULL;
	int i;

	plan_no_plan();
	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/data", dir);
	ok(store_open(&st, path, &err) == 0, "store opens");
	free(add_business(st, "Panadería Alta", "Soria"));
	free(add_business(st, "Panadería Hermanos Ruiz", "Almazán"));
	free(add_business(st, "Bar Plaza", "Almazán"));
	free(add_business(st, "Pan y Vino", "Medinaceli"));
	gone = add_business(st, "Panadería Cerrada", "Almazán");

	is_str(offered(st, "panad", "Almazán", 8), "Panadería Cerrada@Almazán;"
	    "Panadería Hermanos Ruiz@Almazán;Panadería Alta@Soria;",
	    "the municipality's first, then the others, by name");
	is_str(offered(st, "PANADERÍA, H", "almazan", 8), "Panadería Hermanos Ruiz@Almazán;",
	    "accents, case and punctuation ignored, in the typed name and the municipality");
	is_str(offered(st, "pan", "Medinaceli", 2), "Pan y Vino@Medinaceli;"
	    "Panadería Alta@Soria;", "at most max");
	is_str(offered(st, "panaderia alta", "Almazán", 8), "Panadería Alta@Soria;",
	    "a whole name offers that one");
	is_str(offered(st, "panaderia altas", "Almazán", 8), "", "a longer name: none");
	is_str(offered(st, "", "Almazán", 8), "", "an empty name offers nothing");
	is_str(offered(st, " .,", "Almazán", 8), "", "nor does punctuation alone");
	is_str(offered(st, "bar", "Ágreda", 8), "Bar Plaza@Almazán;",
	    "a municipality with none offers the others");

	/* A tombstone is not offered. */
	store_record_get(st, gone, &b, &err);
	b->deleted = 1;
	ok(store_record_save(st, b, "ana", &err) == 0, "a business is deleted");
	record_free(b);
	is_str(offered(st, "panaderia c", "Almazán", 8), "", "a deleted business is not offered");

	/* A new name makes one business through business_save, where the form says. */
	v = record_new("visit");
	json_object_set_new(v->fields, "business", json_string("Ferretería Nueva"));
	json_object_set_new(v->fields, "municipality", json_string("Soria"));
	json_object_set_new(v->fields, "date", json_string("2026-11-20"));
	ok(business_save(st, v, NULL, "Almazán", "ana", &err) == 0, "a visit of a new name "
	    "is saved");
	is_str(offered(st, "ferreteria", "Almazán", 8), "Ferretería Nueva@Almazán;",
	    "its business is made, in the municipality given");
	ok(business_name_is_new(st, "ferreteria nueva", "Almazán") == 0 &&
	    business_name_is_new(st, "Ferretería Nueva", "Soria") == 1,
	    "business_name_is_new knows it in Almazán only");
	record_free(v);

	/* The plans, on a connection of the test's own. */
	for (i = 0; i < 200; i++) {
		char name[64];
		snprintf(name, sizeof name, "Tienda %d", i);
		free(add_business(st, name, i % 2 ? "Soria" : "Almazán"));
	}
	store_close(st);
	st = NULL;
	db_path = xasprintf("%s/volunteer.db", path);
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	    fold_sql, NULL, NULL) != SQLITE_OK)
		diag("cannot open %s", db_path);
	ok(plan_uses_name_index(db, "SELECT id, label, municipality FROM record INDEXED BY"
	    " record_business_place WHERE kind = 'business' AND deleted = 0 AND"
	    " municipality_key = fold(?3) AND name_key >= ?1 AND name_key < ?2 ORDER BY"
	    " name_key, rowid LIMIT ?4"), "the municipality's read is a range of its index, "
	    "in order (LIMIT stops it)");
	ok(plan_uses_name_index(db, "SELECT id, label, municipality FROM record INDEXED BY"
	    " record_business_key WHERE kind = 'business' AND deleted = 0 AND name_key >= ?1"
	    " AND name_key < ?2 AND municipality_key <> fold(?3) ORDER BY name_key, rowid"
	    " LIMIT ?4"), "and so is the others'");
	sqlite3_close(db);
	free(db_path);
	free(gone);
	free(path);
	test_remove_dir(dir);
	return done_testing();
}
