/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_internal.h: for the files of core/ that make up the store (db.c, store*.c) only.
 * Everyone else goes through store.h.
 *
 * Who owns what:
 *   db.c            the SQL wrappers, the statement cache and the nesting transactions;
 *   store.c         open, lock, migrations, close, meta, the clocks;
 *   store_record.c  records: the one write path, reading, listing, counting, search;
 *   store_review.c  a coordinator's reviews;
 *   store_draft.c   drafts and the quarantine of refused files;
 *   store_sync.c    what sync needs beyond store.h; store_report.c, store_ui.c likewise.
 *
 * SQL is always prepared and its values bound, never pasted (a PRAGMA, which takes no
 * parameter, is the only exception: its value is a number of ours).
 */
#ifndef VOLUNTEER_STORE_INTERNAL_H
#define VOLUNTEER_STORE_INTERNAL_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>

#include "core/error.h"
#include "core/store_search_key.h"
#include "core/store.h"

struct db_cached;

struct store {
	sqlite3 *db;
	char *dir;
	char *device;
	int lock_fd;		/* holds the flock; -1 in a child that shares its parent's */
	int reader;		/* opened read-only beside the holder of the flock */
	int tx_depth;
	int tx_failed;
	int fts_queued;		/* search text queued for record_index_flush (a batch) */
	struct strmap *business_links;	/* a batch's automatic links (store_business.c) */
	struct db_cached *cache;	/* statements prepared once (db_static) */
	int ncache, capcache;
	unsigned tx_serial;	/* counts the outermost transactions begun */
	/* The last business store_business_find returned, live in transaction live_tx
	 * when the connection's changes were live_changes (store_business_is_live). */
	char live_business[40];
	unsigned live_tx;
	int64_t live_changes;
};

/* ---- db.c ---- */

/* Fill err from the connection's last error, prefixed by what; returns -1. */
int db_error(struct store *st, struct error *err, const char *what);
/* Prepare sql for one use; the caller finalizes it. NULL with err filled on failure. */
sqlite3_stmt *db_prepare(struct store *st, const char *sql, struct error *err);
/*
 * The statement for sql, prepared at its first use on this connection and kept until
 * store_close (keyed by the SQL text). The caller binds, steps, and gives it back with
 * db_reset before anything else may use it: so a statement whose rows are handed to a
 * callback (which might run the same query again) is prepared with db_prepare instead.
 */
sqlite3_stmt *db_static(struct store *st, const char *sql, struct error *err);
/* The SQL functions of ours, on a new connection: fold(text), text_fold (core/text.h),
 * and search_has (core/store_search.h). */
int db_functions_register(struct store *st, struct error *err);
/* Reset a statement and clear its bindings (NULL is fine). */
void db_reset(sqlite3_stmt *stmt);
/* Finalize every cached statement: store_close calls it before closing the connection. */
void db_cache_free(struct store *st);
/*
 * Values bound by a type string, one letter per parameter ?1, ?2, ...: 't' a const char *
 * (NULL binds NULL), 'i' an int64_t. "" for none.
 */
/* Run a cached statement that returns no rows (or whose rows are ignored). */
int db_exec(struct store *st, struct error *err, const char *sql, const char *types, ...);
/* The first column of the first row as an integer, or def (no row, NULL, or an error). */
int64_t db_int(struct store *st, int64_t def, const char *sql, const char *types, ...);
/* The first column of the first row as a malloc'd text, or NULL; the caller frees. */
char *db_text(struct store *st, const char *sql, const char *types, ...);
/* A malloc'd copy of a text column, or NULL: the caller frees. */
char *column_malloc(sqlite3_stmt *stmt, int i);

/* ---- store.c: the clocks, kept in meta ---- */

/* Refuse to date a write by a clock that is not plausible (see clock_check_now). */
int store_clock_plausible(struct store *st, struct error *err);
/* Remember at as the newest write of this laptop (if it is). */
int store_note_own_write(struct store *st, const char *at, struct error *err);
/* The Lamport clock: the highest rev seen, and moving it forward to at least rev. */
int64_t store_clock(struct store *st);
int store_clock_see(struct store *st, int64_t rev, struct error *err);
/* Both clocks as a local write finds them in its transaction: refused as
 * store_clock_plausible refuses; then the write of rev at `at` moves them forward from
 * there (store_clock_see and store_note_own_write in one statement), in the same
 * transaction. */
struct store_clocks {
	int64_t clock;
	char newest[64];	/* ISO 8601, "" when none yet */
};
int store_clocks_read(struct store *st, struct store_clocks *out, struct error *err);
int store_clocks_write_own(struct store *st, const struct store_clocks *was, int64_t rev,
    const char *at, struct error *err);

/* ---- store_sync.c ---- */

/* Build the indexes a killed first import left noted (store_batch_defer_indexes); the
 * caller holds a transaction. */
int store_indexes_restore(struct store *st, struct error *err);

/* ---- store_record.c ---- */

struct record;
struct record_filter;

/*
 * The one write of a record's row and its search index: every path that writes a record
 * (a local save, sync's put, a batch import) comes here. body is r's file; base (NULL:
 * keep the stored base) the last synced file; oid the blob id of the file on the shared
 * repository (NULL: keep the one noted). Does not move the Lamport clock. The caller
 * holds a transaction.
 */
int record_write(struct store *st, const struct record *r, const char *body,
    const char *base, int dirty, const char *oid, struct error *err);
/* record_write for an import (store_batch_put): a visit or a task of an older program
 * (no business_id) is linked as the migration links it, its business made when none is
 * known (store_business_column's make), in the same look-up as the row's column. */
int record_write_linking(struct store *st, const struct record *r, const char *body,
    const char *base, int dirty, const char *oid, struct error *err);
/*
 * Queue the search index of the records written from now on (on = 1) instead of
 * indexing each at once, or stop queueing (on = 0: flush first). record_index_flush
 * indexes what is queued; it must run in the transaction that wrote the rows.
 */
int record_index_queue(struct store *st, int on, struct error *err);
int record_index_flush(struct store *st, struct error *err);
/*
 * The SQL function search_text(body): what search finds the record file body by, every
 * string of its fields (and of their arrays), one a line; '' for a text that is not a
 * record's JSON. The search index holds it for every row not deleted, and takes it out
 * again by the same text (schema 13), so it must give the same text for the same body in
 * every version: changing it needs a migration that indexes every row again.
 */
void record_sql_search_text(sqlite3_context *ctx, int argc, sqlite3_value **argv);
/* search_text of r's file, from r itself. Caller frees. */
char *record_search_text(const struct record *r);

/*
 * The WHERE clause of a record_filter over `record r`: the one meaning of every filter for
 * the list, the counts and the reports. Values are bound, never pasted. A clause that
 * would not fit is an error at where_prepare, never a truncated condition.
 */
#define WHERE_SQL_MAX 2048
#define WHERE_VALUES_MAX 16
struct where {
	char sql[WHERE_SQL_MAX];	/* " WHERE ... AND ..." or "" */
	size_t len;
	const char *text[WHERE_VALUES_MAX];	/* the values, in order, bound as ?1, ?2, ... */
	int ntext;
	int overflow;		/* a condition or a value did not fit: where_prepare fails */
	char *fts;		/* owned: the FTS5 query */
	/* The flagged records are asked for: the review table names the few candidates, so
	 * where_prepare reads record by rowid alone (NOT INDEXED after a head that ends in
	 * "FROM record r"), where an index of the volunteer's or of the dates would walk
	 * every record of theirs to test each one's latest review. */
	int by_review;
};

/* Fill w from f (paging fields ignored); deleted_too keeps tombstones. ERR_INVALID for an
 * unknown kind. Free with where_free even on failure. */
int where_build(struct where *w, const struct record_filter *f, int deleted_too,
    struct error *err);
/* One more condition; value (may be NULL) is bound in order. */
void where_add(struct where *w, const char *cond, const char *value);
/* One more value bound in order, for a condition that takes two. */
void where_bind(struct where *w, const char *value);
/* Prepare head + w + tail and bind w's values; the caller finalizes. NULL with err
 * filled (ERR_FAILED) when w overflowed. */
sqlite3_stmt *where_prepare(struct store *st, const char *head, const struct where *w,
    const char *tail, struct error *err);
void where_free(struct where *w);

/*
 * The fields the report's figures read (core/store_report.c), each kept in a column of
 * its own, fig_<field>, bound as parameter ?<n> of the statements that write them. Why:
 * at 1,000,000 records the report spent 5.4 us a record parsing bodies (BENCHMARKS.md).
 * The value is the record's own field as json_extract would give it from the body (an
 * integer, a real, text, 1 or 0 for true or false, an array or object as its compact
 * JSON text, NULL when absent or null; the columns have no type, so nothing is
 * converted), bound by store_bind_figures from the fields the writer already holds,
 * instead of twelve json_extract that parsed the body again: one INSERT for every
 * record however deep (SQLite's JSON reader stops at 2,000 levels), and the one rule
 * for the migration too. Which kind counts which field stays the report's rule: every
 * kind's columns are filled alike. X(n, field, separator).
 */
#define STORE_FIGURES(X) X(18, business, "") X(19, status, ", ") \
	X(20, follow_up, ", ") X(21, attendees, ", ") X(22, attendees_65plus, ", ") \
	X(23, women, ", ") X(24, duration_min, ", ") X(25, hours, ", ") \
	X(26, sector, ", ") X(27, topics, ", ") X(28, men, ", ") \
	X(29, satisfaction, ", ")
#define STORE_FIGURE_COLUMN_(n, field, sep) sep "fig_" #field
#define STORE_FIGURE_PARAM_(n, field, sep) sep "?" #n
/* "fig_business, fig_status, ...", and their parameters "?18, ?19, ..." */
#define STORE_FIGURE_COLUMNS STORE_FIGURES(STORE_FIGURE_COLUMN_)
#define STORE_FIGURE_PARAMS STORE_FIGURES(STORE_FIGURE_PARAM_)
/* Bind the figures of a record's fields (an object; NULL binds NULLs) to stmt's
 * STORE_FIGURE_PARAMS. Strings are bound from fields, which must outlive the step. */
void store_bind_figures(sqlite3_stmt *stmt, json_t *fields);

/* Whether the latest review of the record aliased r flags it (1 or 0). */
#define STORE_FLAGGED_SQL "coalesce((SELECT v.status = 'flagged' FROM review v" \
	" WHERE v.record_id = r.id ORDER BY v.at DESC, v.id DESC LIMIT 1), 0)"
/* The columns a record is read from, for the table aliased r: body, dirty, conflict and
 * whether its latest review flags it. */
#define STORE_RECORD_COLUMNS "r.body, r.dirty, r.conflict, " STORE_FLAGGED_SQL
/* Decode a row of STORE_RECORD_COLUMNS starting at column col; caller frees *out. */
int store_row_record(sqlite3_stmt *stmt, int col, struct record **out, struct error *err);
/* Each row of stmt (STORE_RECORD_COLUMNS first) as a record to cb, until it returns
 * non-zero; what names the reading in an error. The caller finalizes stmt. */
int store_each_row(struct store *st, sqlite3_stmt *stmt, record_cb cb, void *payload,
    const char *what, struct error *err);

#endif
