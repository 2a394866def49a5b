/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_review.c: a coordinator's reviews (see store.h): the repository file of a review
 * and its rows in the store. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/record.h"
#include "core/store.h"
#include "core/store_internal.h"
#include "core/text.h"
#include "core/util.h"

void
review_free(struct review *rv)
{
	if (rv == NULL)
		return;
	free(rv->by);
	free(rv->comment);
	free(rv);
}

json_t *
review_to_object(const struct review *rv)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(rv->id));
	json_object_set_new(o, "record", json_string(rv->record_id));
	json_object_set_new(o, "by", json_string(rv->by));
	json_object_set_new(o, "status", json_string(rv->status));
	json_object_set_new(o, "comment", json_string(rv->comment ? rv->comment : ""));
	json_object_set_new(o, "at", json_string(rv->at));
	return o;
}

char *
review_to_json(const struct review *rv)
{
	json_t *o = review_to_object(rv);
	char *out = repo_json_text(o);

	json_decref(o);
	return out;
}

int
review_comment_clean(const char *text, int required, char **out, struct error *err)
{
	char *s = text_trim(text ? text : "");
	size_t n = strlen(s);

	*out = NULL;
	if (n == 0 && required)
		error_set(err, ERR_INVALID, "comment", "%s", _("the comment is empty; say what the "
		    "volunteer should check or fix"));
	else if (!utf8_valid(s, n))
		error_set(err, ERR_INVALID, "comment", "%s", _("the comment is not valid UTF-8"));
	else if (n > REVIEW_COMMENT_MAX)
		error_set(err, ERR_INVALID, "comment", _("the comment is %zu bytes; the limit is "
		    "%d"), n, REVIEW_COMMENT_MAX);
	else if (text_needs_sanitize(s, TEXT_KEEP_NEWLINES))
		error_set(err, ERR_INVALID, "comment", "%s", _("the comment holds control "
		    "characters"));
	else {
		*out = s;
		return 0;
	}
	free(s);
	return -1;
}

int
review_from_json(struct review **out, const char *text, size_t len, struct error *err)
{
	json_error_t jerr;
	json_t *o;
	const char *id, *rec, *by, *status, *comment, *at;
	struct review *rv;
	int rc = -1;

	if (len > 64 * 1024)
		return error_set(err, ERR_INVALID, "", _("review file over 64 KB"));
	if (!utf8_valid(text, len))
		return error_set(err, ERR_INVALID, "", _("not valid UTF-8"));
	if ((o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return record_json_load_error(&jerr, err);
	if (json_unpack(o, "{s:s, s:s, s:s, s:s, s:s, s:s}", "id", &id, "record", &rec,
	    "by", &by, "status", &status, "comment", &comment, "at", &at) != 0) {
		error_set(err, ERR_INVALID, "", _("a review needs id, record, by, status, comment"
		    " and at"));
		goto out;
	}
	if (!uuid_valid(id) || !uuid_valid(rec)) {
		error_set(err, ERR_INVALID, "id", _("review id or record id is not a UUID"));
		goto out;
	}
	if (strcmp(status, "ok") != 0 && strcmp(status, "flagged") != 0) {
		error_set(err, ERR_INVALID, "status", _("status: '%.20s' is not ok or flagged"),
		    status);
		goto out;
	}
	if (!iso_time_valid(at) || *by == '\0' || strlen(by) > VOLUNTEER_ID_MAX ||
	    text_needs_sanitize(by, 0)) {
		error_set(err, ERR_INVALID, "at", _("review author or time is not valid"));
		goto out;
	}
	rv = xcalloc(1, sizeof *rv);
	snprintf(rv->id, sizeof rv->id, "%s", id);
	snprintf(rv->record_id, sizeof rv->record_id, "%s", rec);
	snprintf(rv->status, sizeof rv->status, "%s", status);
	snprintf(rv->at, sizeof rv->at, "%s", at);
	rv->by = xstrdup(by);
	rv->comment = xstrdup(comment);
	*out = rv;
	rc = 0;
out:
	json_decref(o);
	return rc;
}

int
store_review_put(struct store *st, const struct review *rv, int synced, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = db_static(st, "INSERT INTO review(id, record_id, by, status, comment, at, dirty)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
	    " dirty = min(dirty, excluded.dirty)", err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, rv->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, rv->record_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, rv->by, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, rv->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, rv->comment ? rv->comment : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, rv->at, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 7, !synced);
	rc = sqlite3_step(stmt);
	db_reset(stmt);
	if (rc != SQLITE_DONE)
		return db_error(st, err, _("saving the review"));
	return 0;
}

int
store_review_add(struct store *st, struct review *rv, struct error *err)
{
	if (store_clock_plausible(st, err) != 0)
		return -1;
	uuid_v7(rv->id);
	clock_now_iso(rv->at);
	rv->synced = 0;
	if (store_begin(st, err) != 0)
		return -1;
	if (store_review_put(st, rv, 0, err) != 0 || store_note_own_write(st, rv->at, err) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

static int
list_reviews(struct store *st, sqlite3_stmt *stmt, review_cb cb, void *payload,
    struct error *err)
{
	struct review rv;
	int step, stop = 0;

	while (!stop && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		memset(&rv, 0, sizeof rv);
		snprintf(rv.id, sizeof rv.id, "%s", sqlite3_column_text(stmt, 0));
		snprintf(rv.record_id, sizeof rv.record_id, "%s", sqlite3_column_text(stmt, 1));
		rv.by = (char *)sqlite3_column_text(stmt, 2);
		snprintf(rv.status, sizeof rv.status, "%s", sqlite3_column_text(stmt, 3));
		rv.comment = (char *)sqlite3_column_text(stmt, 4);
		snprintf(rv.at, sizeof rv.at, "%s", sqlite3_column_text(stmt, 5));
		rv.synced = sqlite3_column_int(stmt, 6) == 0;
		stop = cb(&rv, payload);
	}
	if (!stop && step != SQLITE_DONE) {
		db_error(st, err, _("listing reviews"));
		sqlite3_finalize(stmt);
		return -1;
	}
	sqlite3_finalize(stmt);
	return 0;
}

int
store_reviews_of(struct store *st, const char *record_id, review_cb cb, void *payload,
    struct error *err)
{
	sqlite3_stmt *stmt = db_prepare(st, "SELECT id, record_id, by, status, comment, at,"
	    " dirty FROM review WHERE record_id = ? ORDER BY at, id", err);

	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, record_id, -1, SQLITE_TRANSIENT);
	return list_reviews(st, stmt, cb, payload, err);
}

int
store_reviews_unsynced(struct store *st, review_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt = db_prepare(st, "SELECT id, record_id, by, status, comment, at,"
	    " dirty FROM review WHERE dirty = 1 ORDER BY at, id", err);

	if (stmt == NULL)
		return -1;
	return list_reviews(st, stmt, cb, payload, err);
}

int
store_review_mark_synced(struct store *st, const char *id, struct error *err)
{
	return db_exec(st, err, "UPDATE review SET dirty = 0 WHERE id = ?", "t", id);
}


/* ---- conflicts ---- */

int
review_is_resolution(const struct review *rv)
{
	return strcmp(rv->status, "ok") == 0 && rv->comment != NULL &&
	    strncmp(rv->comment, REVIEW_RESOLVED, strlen(REVIEW_RESOLVED)) == 0;
}

int
store_conflict_version_add(struct store *st, const char *path, const char *record_id,
    const char *text, struct error *err)
{
	int64_t settled = db_int(st, -1, "SELECT settled FROM conflict_version WHERE path = ?",
	    "t", path);

	if (settled > 0)
		return 1;
	if (db_exec(st, err, "INSERT INTO conflict_version(path, record_id, text)"
	    " VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET text = excluded.text", "ttt",
	    path, record_id, text) != 0)
		return -1;
	return 0;
}

int
store_conflict_versions(struct store *st, const char *record_id, conflict_cb cb,
    void *payload, struct error *err)
{
	sqlite3_stmt *stmt;
	struct record *lost;
	int step, stop = 0;

	stmt = db_prepare(st, "SELECT path, text FROM conflict_version WHERE record_id = ?"
	    " AND settled = 0 ORDER BY path", err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, record_id, -1, SQLITE_TRANSIENT);
	while (!stop && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(stmt, 1);
		lost = NULL;
		/* It was checked when it was decided or received; a damaged one is skipped. */
		if (text == NULL || record_from_json(&lost, text,
		    (size_t)sqlite3_column_bytes(stmt, 1), NULL) != 0)
			continue;
		stop = cb((const char *)sqlite3_column_text(stmt, 0), lost, payload);
		record_free(lost);
	}
	sqlite3_finalize(stmt);
	if (!stop && step != SQLITE_DONE)
		return db_error(st, err, _("listing the versions of a conflict"));
	return 0;
}

char *
store_device_owner(struct store *st, const char *device)
{
	/* A record file names its laptop, not the person at it. A record never edited
	 * since it was made was written by its author on that laptop: the volunteer of most
	 * of those is the answer here (one edited on another laptop would name the author
	 * of the record, not of the revision). */
	return db_text(st, "SELECT volunteer FROM record WHERE json_extract(body, '$.device')"
	    " = ? AND json_extract(body, '$.created') = updated GROUP BY volunteer"
	    " ORDER BY count(*) DESC, volunteer LIMIT 1", "t", device);
}

int
record_take_version(struct record *r, const struct record *lost, char **what,
    struct error *err)
{
	if (strcmp(lost->id, r->id) != 0 || strcmp(lost->kind, r->kind) != 0)
		return error_set(err, ERR_INVALID, "--take", _("--take: the file is a version of "
		    "record %s, not of %s"), lost->id, r->id);
	json_decref(r->fields);
	r->fields = json_deep_copy(lost->fields);
	*what = xasprintf(_("rev %lld from %s"), (long long)lost->rev, lost->device);
	return 0;
}

int
store_conflict_resolve(struct store *st, struct record *r, const char *took,
    const char *by, const char *comment, char review_id[UUID_LEN + 1], struct error *err)
{
	struct review rv = { 0 };
	int rc = -1;

	snprintf(rv.record_id, sizeof rv.record_id, "%s", r->id);
	snprintf(rv.status, sizeof rv.status, "%s", "ok");
	rv.by = (char *)by;
	/* The comment is the contract that tells readers (and every laptop) what happened;
	 * the coordinator's own words follow it. */
	rv.comment = xasprintf("%s%s%s%s%s%s", REVIEW_RESOLVED, took ? " (took " : "",
	    took ? took : "", took ? ")" : "", comment && *comment ? ": " : "",
	    comment ? comment : "");
	if (store_begin(st, err) != 0)
		goto out;
	if ((took != NULL && store_record_save(st, r, by, err) != 0) ||
	    store_record_set_conflict(st, r->id, 0, err) != 0 ||
	    db_exec(st, err, "UPDATE conflict_version SET settled = 1 WHERE record_id = ?",
	    "t", r->id) != 0 || store_review_add(st, &rv, err) != 0) {
		store_rollback(st);
		goto out;
	}
	if (store_commit(st, err) != 0)
		goto out;
	memcpy(review_id, rv.id, UUID_LEN + 1);
	rc = 0;
out:
	free(rv.comment);
	return rc;
}

int
store_review_receive(struct store *st, const struct review *rv, int synced,
    struct error *err)
{
	if (store_review_put(st, rv, synced, err) != 0)
		return -1;
	if (!review_is_resolution(rv))
		return 0;
	if (db_exec(st, err, "UPDATE conflict_version SET settled = 1 WHERE record_id = ?"
	    " AND path NOT IN (SELECT path FROM pending)", "t", rv->record_id) != 0)
		return -1;
	return db_exec(st, err, "UPDATE record SET conflict = 0 WHERE id = ?1 AND conflict = 1"
	    " AND NOT EXISTS (SELECT 1 FROM conflict_version WHERE record_id = ?1 AND"
	    " settled = 0)", "t", rv->record_id);
}
