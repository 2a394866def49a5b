/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * db.c: the SQL wrappers of the store (see store_internal.h), in the manner of fossil's
 * db.c: every value bound, statements prepared once per connection, transactions that
 * nest with a counter.
 *
 * Why a cache: a sync that imports 100,000 records, or a list that reads one row per
 * record it shows, would otherwise parse the same SQL once per row. The cache is a small
 * array searched by pointer first (the SQL is nearly always a literal) and then by text.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store.h"
#include "core/store_internal.h"
#include "core/store_search.h"
#include "core/text.h"
#include "core/util.h"

struct db_cached {
	const char *sql;	/* as the caller passed it (a literal, nearly always) */
	char *text;		/* owned copy: the key when sql is not the same pointer */
	sqlite3_stmt *stmt;
};

int
db_error(struct store *st, struct error *err, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);

	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		return error_set(err, ERR_LOCKED, "", _("%s: the database is busy"), what);
	if ((code & 0xff) == SQLITE_FULL)
		return error_set(err, ERR_FAILED, "", _("%s: the disk is full; nothing was changed"),
		    what);
	/* A commit whose fsync failed may still be whole on disk: SQLite's recovery at the next
	 * open takes back every WAL frame that was written (tests/t0710). Say so, so that
	 * nobody types the record a second time. */
	if (code == SQLITE_IOERR_FSYNC || code == SQLITE_IOERR_DIR_FSYNC)
		return error_set(err, ERR_FAILED, "", _("%s: the disk reported an error while "
		    "saving; the change may or may not have been kept: look before doing it again"),
		    what);
	/* A failing disk (a worn SD card, a pulled USB stick) in the user's language, SQLite's
	 * own words after it for whoever reads it out to a coordinator. */
	if ((code & 0xff) == SQLITE_IOERR)
		return error_set(err, ERR_FAILED, "", _("%s: the disk reported an error (%s)"), what,
		    sqlite3_errmsg(st->db));
	if ((code & 0xff) == SQLITE_READONLY)
		return error_set(err, ERR_FAILED, "", _("%s: the database is read-only (%s)"), what,
		    st->dir);
	return error_set(err, ERR_FAILED, "", "%s: %s", what, sqlite3_errmsg(st->db));
}

/*
 * A statement that failed inside a transaction may have rolled the whole transaction back
 * (SQLite does so on a full memory or a full disk: sqlite3_get_autocommit then says so).
 * Nothing more may run in it: each statement would be committed on its own, apart from
 * what the transaction held (tests/stress/t0710's sweep: an add whose search-index write
 * ran out of memory was saved without it, and COMMIT then found no transaction). -1 then.
 */
static int
tx_lost(struct store *st, struct error *err)
{
	if (st->tx_depth == 0 || !sqlite3_get_autocommit(st->db))
		return 0;
	st->tx_failed = 1;
	return error_set(err, ERR_FAILED, "", _("the change was rolled back"));
}

sqlite3_stmt *
db_prepare(struct store *st, const char *sql, struct error *err)
{
	sqlite3_stmt *stmt = NULL;

	if (tx_lost(st, err) != 0)
		return NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		db_error(st, err, _("database"));
		return NULL;
	}
	return stmt;
}

sqlite3_stmt *
db_static(struct store *st, const char *sql, struct error *err)
{
	sqlite3_stmt *stmt;
	int i;

	if (tx_lost(st, err) != 0)
		return NULL;
	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].sql == sql)
			return st->cache[i].stmt;
	for (i = 0; i < st->ncache; i++)
		if (strcmp(st->cache[i].text, sql) == 0)
			return st->cache[i].stmt;
	if ((stmt = db_prepare(st, sql, err)) == NULL)
		return NULL;
	if (st->ncache == st->capcache) {
		st->capcache = st->capcache ? st->capcache * 2 : 32;
		st->cache = xrealloc(st->cache, (size_t)st->capcache * sizeof *st->cache);
	}
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache].text = xstrdup(sql);
	st->cache[st->ncache].stmt = stmt;
	st->ncache++;
	return stmt;
}

/* fold(x): text_fold, so that a filter and the column it compares with fold alike. */
static void
sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	char *folded;

	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	folded = text_fold((const char *)s);
	sqlite3_result_text(ctx, folded, -1, free);
}

int
db_functions_register(struct store *st, struct error *err)
{
	if (sqlite3_create_function(st->db, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	    SQLITE_INNOCUOUS, NULL, sql_fold, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(st->db, "search_text", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, record_sql_search_text, NULL,
	    NULL) != SQLITE_OK)
		return db_error(st, err, _("database functions"));
	return search_register(st, err);
}

void
db_reset(sqlite3_stmt *stmt)
{
	if (stmt == NULL)
		return;
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
}

void
db_cache_free(struct store *st)
{
	int i;

	for (i = 0; i < st->ncache; i++) {
		sqlite3_finalize(st->cache[i].stmt);
		free(st->cache[i].text);
	}
	free(st->cache);
	st->cache = NULL;
	st->ncache = st->capcache = 0;
}

/* Bind the values of ap to stmt by types (see store_internal.h). */
static void
bind_values(sqlite3_stmt *stmt, const char *types, va_list ap)
{
	const char *s;
	int i;

	for (i = 0; types[i] != '\0'; i++) {
		switch (types[i]) {
		case 'i':
			sqlite3_bind_int64(stmt, i + 1, va_arg(ap, int64_t));
			break;
		default:	/* 't' */
			s = va_arg(ap, const char *);
			if (s == NULL)
				sqlite3_bind_null(stmt, i + 1);
			else
				sqlite3_bind_text(stmt, i + 1, s, -1, SQLITE_TRANSIENT);
		}
	}
}

int
db_exec(struct store *st, struct error *err, const char *sql, const char *types, ...)
{
	sqlite3_stmt *stmt = db_static(st, sql, err);
	va_list ap;
	int rc;

	if (stmt == NULL)
		return -1;
	va_start(ap, types);
	bind_values(stmt, types, ap);
	va_end(ap);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		db_error(st, err, _("database"));
		db_reset(stmt);
		return -1;
	}
	db_reset(stmt);
	return 0;
}

/*
 * db_int and db_text give a default for a statement that failed, and their callers read
 * on: inside a transaction that must not become a decision saved (a lookup that ran out
 * of memory read as "no such business", and a second business made). The transaction is
 * then failed, and store_commit rolls it back.
 */
static void
swallowed(struct store *st, int rc)
{
	if (rc != SQLITE_ROW && rc != SQLITE_DONE && st->tx_depth > 0)
		st->tx_failed = 1;
}

int64_t
db_int(struct store *st, int64_t def, const char *sql, const char *types, ...)
{
	sqlite3_stmt *stmt = db_static(st, sql, NULL);
	va_list ap;
	int64_t v = def;
	int rc;

	if (stmt == NULL) {
		swallowed(st, SQLITE_ERROR);
		return def;
	}
	va_start(ap, types);
	bind_values(stmt, types, ap);
	va_end(ap);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW &&
	    sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(stmt, 0);
	swallowed(st, rc);
	db_reset(stmt);
	return v;
}

char *
db_text(struct store *st, const char *sql, const char *types, ...)
{
	sqlite3_stmt *stmt = db_static(st, sql, NULL);
	va_list ap;
	char *v = NULL;
	int rc;

	if (stmt == NULL) {
		swallowed(st, SQLITE_ERROR);
		return NULL;
	}
	va_start(ap, types);
	bind_values(stmt, types, ap);
	va_end(ap);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		v = column_malloc(stmt, 0);
	swallowed(st, rc);
	db_reset(stmt);
	return v;
}

char *
column_malloc(sqlite3_stmt *stmt, int i)
{
	const unsigned char *s = sqlite3_column_text(stmt, i);

	return s ? xstrdup((const char *)s) : NULL;
}

/* ---- transactions: only the outermost commits; a rollback anywhere rolls back all ---- */

int
store_begin(struct store *st, struct error *err)
{
	if (st->tx_depth > 0) {
		st->tx_depth++;
		return 0;
	}
	st->tx_failed = 0;
	if (db_exec(st, err, "BEGIN IMMEDIATE", "") != 0)
		return -1;
	st->tx_depth = 1;
	st->tx_serial++;
	return 0;
}

int
store_commit(struct store *st, struct error *err)
{
	if (st->tx_depth <= 0)
		return 0;
	if (--st->tx_depth > 0)
		return 0;
	if (st->tx_failed || sqlite3_get_autocommit(st->db)) {
		db_exec(st, NULL, "ROLLBACK", "");
		return error_set(err, ERR_FAILED, "", _("the change was rolled back"));
	}
	if (db_exec(st, err, "COMMIT", "") != 0) {
		db_exec(st, NULL, "ROLLBACK", "");
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *st)
{
	if (st->tx_depth <= 0)
		return;
	st->tx_failed = 1;
	if (--st->tx_depth > 0)
		return;
	db_exec(st, NULL, "ROLLBACK", "");
}
