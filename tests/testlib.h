/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * testlib.h: what the C tests share beside tap.h: a store in a temporary folder, removing
 * that folder, and counting the virtual machine instructions SQLite runs for a piece of
 * work (a figure that does not move with the machine's load, so a test can say "reads a
 * few rows, not all").
 */
#ifndef VOLUNTEER_TESTLIB_H
#define VOLUNTEER_TESTLIB_H

#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/store.h"
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

#endif
