/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sync.c: see store_sync.h; and the sync state of store.h (what the shared
 * repository still lacks). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store_business.h"
#include "core/store_internal.h"
#include "core/store_sync.h"
#include "core/util.h"

#define LOOKUP_SQL "SELECT body, CASE WHEN base_is_body THEN body ELSE base END, dirty," \
	" conflict FROM record WHERE id = ?"

/* One row of LOOKUP_SQL for id; stmt (cached) is given back. */
static int
lookup(struct store *st, sqlite3_stmt *stmt, const char *id, struct record **out,
    char **base, struct error *err)
{
	const char *body;
	struct record *r = NULL;
	int rc = -1, step;

	*out = NULL;
	*base = NULL;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	step = sqlite3_step(stmt);
	if (step == SQLITE_DONE) {
		rc = 0;
		goto out;
	}
	if (step != SQLITE_ROW) {
		db_error(st, err, _("reading a record"));
		goto out;
	}
	body = (const char *)sqlite3_column_text(stmt, 0);
	if (body == NULL || record_from_json(&r, body, (size_t)sqlite3_column_bytes(stmt, 0),
	    err) != 0) {
		error_prefix(err, _("the stored record %s is damaged"), id);
		goto out;
	}
	r->synced = sqlite3_column_int(stmt, 2) == 0;
	r->conflict = sqlite3_column_int(stmt, 3);
	*base = column_malloc(stmt, 1);
	*out = r;
	rc = 0;
out:
	db_reset(stmt);
	return rc;
}

int
store_sync_lookup(struct store *st, const char *id, struct record **out, char **base,
    struct error *err)
{
	sqlite3_stmt *stmt = db_static(st, LOOKUP_SQL, err);

	*out = NULL;
	*base = NULL;
	if (stmt == NULL)
		return -1;
	return lookup(st, stmt, id, out, base, err);
}

struct store_batch {
	struct store *st;
	int64_t max_rev;
};

int
store_batch_begin(struct store *st, struct store_batch **out, struct error *err)
{
	struct store_batch *b = xcalloc(1, sizeof *b);

	b->st = st;
	/* A big import rewrites the same index pages again and again: let them stay in
	 * memory (64 MB) rather than spill to the WAL mid-transaction. */
	db_exec(st, NULL, "PRAGMA cache_size = -65536", "");
	if (record_index_queue(st, 1, err) != 0) {
		free(b);
		return -1;
	}
	store_business_links_keep(st, 1);
	*out = b;
	return 0;
}

int
store_batch_lookup(struct store_batch *b, const char *id, struct record **out, char **base,
    struct error *err)
{
	return store_sync_lookup(b->st, id, out, base, err);
}

int
store_batch_put(struct store_batch *b, const struct record *r, const char *body,
    const char *base, int dirty, const char *oid, struct error *err)
{
	if (record_write_linking(b->st, r, body, base, dirty, oid, err) != 0)
		return -1;
	if (r->rev > b->max_rev)
		b->max_rev = r->rev;
	return 0;
}

/*
 * The secondary indexes of record, dropped for a large first import and built again at
 * its end: building an index over rows already there is one sort, where keeping six
 * indexes up to date row by row cost 15 % of the import (10,000 records, 0.15 s of
 * 0.9 s of CPU). Their definitions are read from the database itself and kept in meta
 * ("index:NAME") in the transaction that drops them, so the migrations stay the one
 * place that defines them, and a kill in between leaves a note that store_open acts on
 * (store_indexes_restore) rather than a store without its indexes.
 */
#define INDEX_NOTE_LO "index:"
#define INDEX_NOTE_HI "index;"	/* ';' follows ':' */

int
store_batch_defer_indexes(struct store_batch *b, struct error *err)
{
	struct store *st = b->st;
	sqlite3_stmt *stmt;
	char *name = NULL, *sql = NULL, *key = NULL;
	int step, rc = -1;

	/* The registry's small partial indexes stay: the import's linking of records to
	 * their businesses names them (INDEXED BY, core/store_business.c). */
	stmt = db_prepare(st, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND"
	    " tbl_name = 'record' AND sql IS NOT NULL AND name NOT IN"
	    " ('record_business_key', 'record_business_place') ORDER BY name LIMIT 1", err);
	if (stmt == NULL)
		return -1;
	/* One at a time: a DROP changes the schema under a running SELECT of it. */
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		name = column_malloc(stmt, 0);
		sql = column_malloc(stmt, 1);
		sqlite3_reset(stmt);
		key = xasprintf(INDEX_NOTE_LO "%s", name);
		if (store_meta_set(st, key, sql, err) != 0)
			goto out;
		/* The name comes from sqlite_schema; quoted as an identifier all the same. */
		free(sql);
		sql = sqlite3_mprintf("DROP INDEX \"%w\"", name);
		if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			db_error(st, err, _("preparing the import"));
			sqlite3_free(sql);
			sql = NULL;
			goto out;
		}
		sqlite3_free(sql);
		sql = NULL;
		free(name);
		free(key);
		name = key = NULL;
	}
	if (step != SQLITE_DONE) {
		db_error(st, err, _("preparing the import"));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	free(name);
	free(sql);
	free(key);
	return rc;
}

int
store_indexes_restore(struct store *st, struct error *err)
{
	sqlite3_stmt *stmt;
	char *key = NULL, *sql = NULL;
	int step, rc = -1;

	stmt = db_prepare(st, "SELECT key, value FROM meta WHERE key >= '" INDEX_NOTE_LO "'"
	    " AND key < '" INDEX_NOTE_HI "' LIMIT 1", err);
	if (stmt == NULL)
		return -1;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		key = column_malloc(stmt, 0);
		sql = column_malloc(stmt, 1);
		sqlite3_reset(stmt);
		if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			db_error(st, err, _("building the indexes of the records"));
			goto out;
		}
		if (store_meta_set(st, key, NULL, err) != 0)
			goto out;
		free(key);
		free(sql);
		key = sql = NULL;
	}
	if (step != SQLITE_DONE) {
		db_error(st, err, _("building the indexes of the records"));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	free(key);
	free(sql);
	return rc;
}

int
store_batch_flush(struct store_batch *b, struct error *err)
{
	/* A commit follows: the next transaction may see businesses written by others. */
	store_business_links_forget(b->st);
	return record_index_flush(b->st, err);
}

int
store_batch_end(struct store_batch *b, struct error *err)
{
	int rc;

	if (b == NULL)
		return 0;
	/* Without err, the end of a failed import that is rolled back: nothing to index. */
	rc = err != NULL ? record_index_flush(b->st, err) : 0;
	if (rc == 0 && err != NULL)
		rc = store_indexes_restore(b->st, err);
	record_index_queue(b->st, 0, NULL);
	store_business_links_keep(b->st, 0);
	if (rc == 0)
		rc = store_clock_see(b->st, b->max_rev, err);
	db_exec(b->st, NULL, "PRAGMA cache_size = -2000", "");
	free(b);
	return rc;
}

int
store_sync_pending_add(struct store *st, const char *path, const char *text,
    struct error *err)
{
	char id[UUID_LEN + 1];

	if (db_exec(st, err, "INSERT INTO pending(path, text) VALUES (?, ?)"
	    " ON CONFLICT(path) DO UPDATE SET text = excluded.text", "tt", path, text) != 0)
		return -1;
	/* A losing version decided here is kept for the screens once it is sent, too. */
	if (strncmp(path, "conflicts/", 10) != 0 || strlen(path) < 10 + UUID_LEN)
		return 0;
	snprintf(id, sizeof id, "%.*s", UUID_LEN, path + 10);
	return store_conflict_version_add(st, path, id, text, err) < 0 ? -1 : 0;
}

int
store_sync_pending_each(struct store *st, pending_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt;
	int step;

	stmt = db_prepare(st, "SELECT path, text FROM pending ORDER BY path", err);
	if (stmt == NULL)
		return -1;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		if (cb((const char *)sqlite3_column_text(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1), payload) != 0)
			break;
	sqlite3_finalize(stmt);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_error(st, err, _("listing the files to send"));
	return 0;
}

int
store_sync_pending_remove(struct store *st, const char *path, struct error *err)
{
	return db_exec(st, err, "DELETE FROM pending WHERE path = ?", "t", path);
}

int
store_sync_mark_unsynced(struct store *st, const char *id, struct error *err)
{
	if (db_exec(st, err, "UPDATE record SET dirty = 1 WHERE id = ? AND dirty = 0", "t",
	    id))
		return -1;
	return sqlite3_changes(st->db) > 0;
}

int
store_sync_review_mark_unsynced(struct store *st, const char *id, struct error *err)
{
	if (db_exec(st, err, "UPDATE review SET dirty = 1 WHERE id = ? AND dirty = 0", "t",
	    id))
		return -1;
	return sqlite3_changes(st->db) > 0;
}

int
store_sync_each_state(struct store *st, state_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt;
	int step, stop = 0;

	stmt = db_prepare(st, "SELECT 0, id, kind, dirty, synced_oid, '' FROM record"
	    " UNION ALL SELECT 1, id, '', dirty, NULL, record_id FROM review", err);
	if (stmt == NULL)
		return -1;
	while (!stop && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct sync_state s = {
			.is_review = sqlite3_column_int(stmt, 0),
			.id = (const char *)sqlite3_column_text(stmt, 1),
			.kind = (const char *)sqlite3_column_text(stmt, 2),
			.dirty = sqlite3_column_int(stmt, 3),
			.oid = (const char *)sqlite3_column_text(stmt, 4),
			.record_id = (const char *)sqlite3_column_text(stmt, 5),
		};
		stop = cb(&s, payload);
	}
	sqlite3_finalize(stmt);
	if (!stop && step != SQLITE_DONE)
		return db_error(st, err, _("reading the sync state"));
	return 0;
}

int
store_sync_quarantine_remove(struct store *st, const char *path, struct error *err)
{
	return db_exec(st, err, "DELETE FROM quarantine WHERE path = ?", "t", path);
}

int
store_unsynced_count(struct store *st, long *out, struct error *err)
{
	int64_t n = db_int(st, -1, "SELECT (SELECT count(*) FROM record WHERE dirty = 1) +"
	    " (SELECT count(*) FROM review WHERE dirty = 1) + (SELECT count(*) FROM pending)", "");

	if (n < 0)
		return db_error(st, err, _("counting unsynced records"));
	*out = (long)n;
	return 0;
}

int
store_unsynced_each(struct store *st, unsynced_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt;
	int step, stop = 0;

	stmt = db_prepare(st, "SELECT 0, id FROM record WHERE dirty = 1"
	    " UNION ALL SELECT 1, id FROM review WHERE dirty = 1"
	    " UNION ALL SELECT 2, path FROM pending ORDER BY 1, 2", err);
	if (stmt == NULL)
		return -1;
	while (!stop && (step = sqlite3_step(stmt)) == SQLITE_ROW)
		stop = cb((enum unsynced_what)sqlite3_column_int(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1), payload);
	sqlite3_finalize(stmt);
	if (!stop && step != SQLITE_DONE)
		return db_error(st, err, _("listing what is not on the remote"));
	return 0;
}
