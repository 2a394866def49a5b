/* store_sync.c: see store_sync.h. The pending files live in the meta table under keys
 * "pending:<path>", so no schema change is needed for them. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/store_internal.h"
#include "core/store_sync.h"
#include "core/util.h"

#define PENDING "pending:"

int
store_sync_lookup(struct store *st, const char *id, struct record **out, char **base,
    struct error *err)
{
	sqlite3_stmt *stmt;
	const char *body;
	struct record *r = NULL;
	int rc = -1, step;

	*out = NULL;
	*base = NULL;
	stmt = db_prepare(st, "SELECT body, base, dirty, conflict FROM record WHERE id = ?",
	    err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	step = sqlite3_step(stmt);
	if (step == SQLITE_DONE) {
		rc = 0;
		goto out;
	}
	if (step != SQLITE_ROW) {
		db_error(st, err, "reading a record");
		goto out;
	}
	body = (const char *)sqlite3_column_text(stmt, 0);
	if (body == NULL || record_from_json(&r, body, (size_t)sqlite3_column_bytes(stmt, 0),
	    err) != 0) {
		error_prefix(err, "the stored record %s is damaged", id);
		goto out;
	}
	r->synced = sqlite3_column_int(stmt, 2) == 0;
	r->conflict = sqlite3_column_int(stmt, 3);
	*base = column_malloc(stmt, 1);
	*out = r;
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return rc;
}

int
store_sync_empty(struct store *st)
{
	return db_int(st, 1, "SELECT NOT EXISTS (SELECT 1 FROM record)", 0) != 0;
}

int
store_sync_pending_add(struct store *st, const char *path, const char *text,
    struct error *err)
{
	char *key = xasprintf(PENDING "%s", path);
	int rc = store_meta_set(st, key, text, err);

	free(key);
	return rc;
}

int
store_sync_pending_each(struct store *st, pending_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt;
	int step;

	/* '~' sorts after every character of a repository path. */
	stmt = db_prepare(st, "SELECT substr(key, length('" PENDING "') + 1), value FROM meta"
	    " WHERE key >= '" PENDING "' AND key < '" PENDING "~' ORDER BY key", err);
	if (stmt == NULL)
		return -1;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		if (cb((const char *)sqlite3_column_text(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1), payload) != 0)
			break;
	sqlite3_finalize(stmt);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_error(st, err, "listing the files to send");
	return 0;
}

int
store_sync_pending_remove(struct store *st, const char *path, struct error *err)
{
	char *key = xasprintf(PENDING "%s", path);
	int rc = store_meta_set(st, key, NULL, err);

	free(key);
	return rc;
}

int
store_sync_quarantine_remove(struct store *st, const char *path, struct error *err)
{
	return db_exec(st, err, "DELETE FROM quarantine WHERE path = ?", 1, path);
}
