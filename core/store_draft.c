/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_draft.c: drafts of forms in progress and the quarantine of files refused from the
 * shared repository (see store.h). */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/store_internal.h"
#include "core/util.h"

void
draft_free(struct draft *d)
{
	if (d == NULL)
		return;
	json_decref(d->fields);
	free(d->field);
	free(d);
}

int
store_draft_save(struct store *st, struct draft *d, struct error *err)
{
	sqlite3_stmt *stmt;
	char *fields = json_dumps(d->fields ? d->fields : json_object(), JSON_COMPACT);
	sqlite3_int64 id = 0;
	int rc;

	clock_now_iso(d->updated);
	stmt = db_static(st, "INSERT INTO draft(id, kind, record_id, fields, field, updated)"
	    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET kind = excluded.kind,"
	    " record_id = excluded.record_id, fields = excluded.fields,"
	    " field = excluded.field, updated = excluded.updated RETURNING id", err);
	if (stmt == NULL) {
		free(fields);
		return -1;
	}
	if (d->id > 0)
		sqlite3_bind_int64(stmt, 1, d->id);
	sqlite3_bind_text(stmt, 2, d->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, d->record_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, fields, -1, SQLITE_STATIC);
	if (d->field != NULL)
		sqlite3_bind_text(stmt, 5, d->field, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, d->updated, -1, SQLITE_STATIC);
	/* RETURNING gives its row before the statement commits: the commit (and its fsync) is
	 * the step after, and its failure must not pass for a saved draft (tests/t0712). */
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		rc = sqlite3_step(stmt);
	}
	if (rc != SQLITE_DONE) {
		db_error(st, err, _("saving the draft"));
		db_reset(stmt);
		free(fields);
		return -1;
	}
	db_reset(stmt);
	free(fields);
	d->id = id;
	return 0;
}

int
store_draft_latest(struct store *st, struct draft **out, struct error *err)
{
	sqlite3_stmt *stmt;
	struct draft *d;
	const char *fields;
	int rc;

	*out = NULL;
	stmt = db_prepare(st, "SELECT id, kind, record_id, fields, field, updated FROM draft"
	    " ORDER BY updated DESC, id DESC LIMIT 1", err);
	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		d = xcalloc(1, sizeof *d);
		d->id = sqlite3_column_int64(stmt, 0);
		snprintf(d->kind, sizeof d->kind, "%s", sqlite3_column_text(stmt, 1));
		snprintf(d->record_id, sizeof d->record_id, "%s", sqlite3_column_text(stmt, 2));
		fields = (const char *)sqlite3_column_text(stmt, 3);
		d->fields = json_loads(fields ? fields : "{}", 0, NULL);
		if (!json_is_object(d->fields)) {
			json_decref(d->fields);
			d->fields = json_object();
		}
		d->field = column_malloc(stmt, 4);
		snprintf(d->updated, sizeof d->updated, "%s", sqlite3_column_text(stmt, 5));
		*out = d;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, _("reading drafts"));
	return 0;
}

int
store_draft_delete(struct store *st, int64_t id, struct error *err)
{
	return db_exec(st, err, "DELETE FROM draft WHERE id = ?", "i", id);
}


int
store_quarantine_add(struct store *st, const char *path, const char *reason,
    const char *commit, struct error *err)
{
	char at[ISO_TIME_LEN + 1];

	clock_now_iso(at);
	return db_exec(st, err, "INSERT INTO quarantine(path, reason, commit_id, at)"
	    " VALUES (?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET reason = excluded.reason,"
	    " commit_id = excluded.commit_id, at = excluded.at", "tttt", path, reason,
	    commit ? commit : "", at);
}

int
store_quarantine_list(struct store *st, quarantine_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt = db_prepare(st, "SELECT path, reason, commit_id, at FROM quarantine"
	    " ORDER BY at, path", err);
	int step;

	if (stmt == NULL)
		return -1;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (cb((const char *)sqlite3_column_text(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1),
		    (const char *)sqlite3_column_text(stmt, 2),
		    (const char *)sqlite3_column_text(stmt, 3), payload))
			break;
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_error(st, err, _("listing quarantined files"));
	return 0;
}

