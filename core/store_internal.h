/*
 * store_internal.h: for the files of core/ that extend the store (store*.c) only.
 * Everyone else goes through store.h.
 */
#ifndef VOLUNTEER_STORE_INTERNAL_H
#define VOLUNTEER_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/error.h"

struct store {
	sqlite3 *db;
	char *dir;
	char *device;
	int lock_fd;		/* holds the flock; -1 in a child that shares its parent's */
	int tx_depth;
	int tx_failed;
};

/* Fill err from the connection's last error, prefixed by what; returns -1. */
int db_error(struct store *st, struct error *err, const char *what);
/* Prepare sql; NULL with err filled on failure. */
sqlite3_stmt *db_prepare(struct store *st, const char *sql, struct error *err);
/* Run sql that returns no rows, binding n text parameters (NULL binds NULL). */
int db_exec(struct store *st, struct error *err, const char *sql, int n, ...);
/* The first column of the first row, or def; binds n text parameters. */
int64_t db_int(struct store *st, int64_t def, const char *sql, int n, ...);
/* A malloc'd copy of a text column, or NULL: the caller frees. */
char *column_malloc(sqlite3_stmt *stmt, int i);

struct record;
struct record_filter;

/* Insert or update one record row; ?1..?13 as record_row_bind binds them; returns rowid. */
#define RECORD_UPSERT_SQL \
	"INSERT INTO record(id, kind, volunteer, rev, updated, deleted, date, municipality," \
	" label, body, base, dirty, synced_oid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9," \
	" ?10, ?11, ?12, ?13)" \
	" ON CONFLICT(id) DO UPDATE SET kind = ?2, volunteer = ?3, rev = ?4, updated = ?5," \
	" deleted = ?6, date = ?7, municipality = ?8, label = ?9, body = ?10," \
	" base = coalesce(?11, base), dirty = ?12, synced_oid = coalesce(?13, synced_oid)" \
	" RETURNING rowid"
/* Bind r's row to a RECORD_UPSERT_SQL statement. body, base (NULL: keep the stored base)
 * and oid (the blob id of the file on the shared repository; NULL: keep the stored one)
 * must live until the statement is stepped; r too. */
void record_row_bind(sqlite3_stmt *stmt, const struct record *r, const char *body,
    const char *base, int dirty, const char *oid);
/* What search finds a record by: every string of its fields, one a line. Caller frees. */
char *record_search_text(const struct record *r);

/*
 * The WHERE clause of a record_filter over `record r`: the one meaning of every filter for
 * the list, the counts and the reports. Values are bound, never pasted.
 */
struct where {
	char sql[2048];		/* " WHERE ... AND ..." or "" */
	const char *text[16];	/* the values, in order, bound as ?1, ?2, ... */
	int ntext;
	char *fts;		/* owned: the FTS5 query */
};

/* Fill w from f (paging fields ignored); deleted_too keeps tombstones. ERR_INVALID for an
 * unknown kind. Free with where_free even on failure. */
int where_build(struct where *w, const struct record_filter *f, int deleted_too,
    struct error *err);
/* One more condition; value (may be NULL) is bound in order. */
void where_add(struct where *w, const char *cond, const char *value);
/* Prepare head + w + tail and bind w's values. */
sqlite3_stmt *where_prepare(struct store *st, const char *head, const struct where *w,
    const char *tail, struct error *err);
void where_free(struct where *w);

#endif
