/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * testlib.h: what the C tests share beside tap.h: a store in a temporary folder, removing
 * that folder, and counting the virtual machine instructions SQLite runs for a piece of
 * work (a figure that does not move with the machine's load, so a test can say "reads a
 * few rows, not all"), and comparing the search index with the records' own text.
 */
#ifndef VOLUNTEER_TESTLIB_H
#define VOLUNTEER_TESTLIB_H

#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/store.h"
#include "core/store_search_key.h"
#include "core/util.h"
#include "tests/tap.h"

static int
testlib_remove_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path);
}

/* Remove dir and everything in it (links not followed); a failure is a diagnostic. */
static inline void
test_remove_dir(const char *dir)
{
	if (nftw(dir, testlib_remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		diag("could not remove %s", dir);
}

/* A store opened in <dir>/data, dir made from its mkdtemp template; *path is that folder
 * (the caller frees it). NULL, with a diagnostic, when either fails. */
static inline struct store *
test_store_new(char *dir, char **path)
{
	struct store *st = NULL;
	struct error err = { 0 };

	*path = NULL;
	if (mkdtemp(dir) == NULL) {
		diag("mkdtemp %s failed", dir);
		return NULL;
	}
	*path = xasprintf("%s/data", dir);
	if (store_open(&st, *path, &err) != 0) {
		diag("open: %s", err.msg);
		return NULL;
	}
	return st;
}

static int
testlib_count_step(void *payload)
{
	(*(long *)payload)++;
	return 0;
}

/* Count SQLite's instructions on db into *steps (set to 0) until test_sql_steps_stop. */
static inline void
test_sql_steps_start(sqlite3 *db, long *steps)
{
	*steps = 0;
	sqlite3_progress_handler(db, 1, testlib_count_step, steps);
}

static inline void
test_sql_steps_stop(sqlite3 *db)
{
	sqlite3_progress_handler(db, 0, NULL, NULL);
}

/*
 * How far the search index (record_fts) is from what the rows say it holds: the (word,
 * key) pairs it has that search_text(body) of no row not deleted has under the row's key,
 * plus those it lacks. 0 when it holds exactly the rows' text; -1 when the comparison
 * could not be made (diagnosed). An index made again from the bodies (a contentless
 * table of the same tokenizer in temp) is compared with it through fts5vocab. A row
 * whose text has no word is not seen.
 */
static inline long
test_search_index_astray(sqlite3 *db)
{
	static const char setup[] = "DROP TABLE IF EXISTS temp.fts_ref;"
	    "DROP TABLE IF EXISTS temp.fts_ref_words; DROP TABLE IF EXISTS temp.fts_words;"
	    "CREATE VIRTUAL TABLE temp.fts_ref USING fts5(text, content = '', columnsize = 0,"
	    " tokenize = '" STORE_SEARCH_TOKENIZE "');"
	    "INSERT INTO temp.fts_ref(rowid, text) SELECT " STORE_SEARCH_KEY("date", "rowid")
	    ", search_text(body) FROM record WHERE deleted = 0 ORDER BY 1;"
	    "CREATE VIRTUAL TABLE temp.fts_ref_words USING fts5vocab(temp, fts_ref, instance);"
	    "CREATE VIRTUAL TABLE temp.fts_words USING fts5vocab(main, record_fts, instance);";
	static const char count[] = "SELECT (SELECT count(*) FROM (SELECT term, doc FROM"
	    " temp.fts_words EXCEPT SELECT term, doc FROM temp.fts_ref_words)) + (SELECT"
	    " count(*) FROM (SELECT term, doc FROM temp.fts_ref_words EXCEPT SELECT term, doc"
	    " FROM temp.fts_words))";
	sqlite3_stmt *stmt = NULL;
	char *msg = NULL;
	long n = -1;

	if (sqlite3_exec(db, setup, NULL, NULL, &msg) != SQLITE_OK) {
		diag("the index made again: %s", msg);
		sqlite3_free(msg);
		return -1;
	}
	if (sqlite3_prepare_v2(db, count, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(stmt, 0);
	else
		diag("comparing the index: %s", sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	sqlite3_exec(db, "DROP TABLE temp.fts_words; DROP TABLE temp.fts_ref_words;"
	    " DROP TABLE temp.fts_ref", NULL, NULL, NULL);
	return n;
}

#endif
