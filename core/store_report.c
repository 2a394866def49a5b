/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_report.c: see store_report.h. */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store_internal.h"
#include "core/store_report.h"
#include "core/util.h"

/* Bigger than any real count or duration: a hostile file cannot overflow a sum. */
#define SANE_MAX 1000000

/* A whole number in [0, SANE_MAX], else -1. */
static int64_t
column_count(sqlite3_stmt *stmt, int i)
{
	double d;

	switch (sqlite3_column_type(stmt, i)) {
	case SQLITE_INTEGER: {
		int64_t v = sqlite3_column_int64(stmt, i);
		return v >= 0 && v <= SANE_MAX ? v : -1;
	}
	case SQLITE_FLOAT:
		d = sqlite3_column_double(stmt, i);
		return d >= 0 && d <= SANE_MAX && d == floor(d) ? (int64_t)d : -1;
	}
	return -1;
}

static double
column_amount(sqlite3_stmt *stmt, int i)
{
	double d;

	switch (sqlite3_column_type(stmt, i)) {
	case SQLITE_INTEGER:
	case SQLITE_FLOAT:
		d = sqlite3_column_double(stmt, i);
		return d >= 0 && d <= SANE_MAX ? d : -1;
	}
	return -1;
}

static const char *
column_text(sqlite3_stmt *stmt, int i)
{
	return sqlite3_column_type(stmt, i) == SQLITE_TEXT ?
	    (const char *)sqlite3_column_text(stmt, i) : NULL;
}

/* The business's sector, one answer for all its records however each one was filled in;
 * the primary key finds the business. */
#define SECTOR_SQL "CASE WHEN r.kind IN ('visit', 'task') THEN" \
	" coalesce((SELECT b.fig_sector FROM record b" \
	" WHERE b.id = r.business_id AND r.business_id <> ''), r.fig_sector) END"

/*
 * Whether f leaves (nearly) every record in, so that the table is read in its own order:
 * with "deleted = 0" alone SQLite walks record_by_date and looks each row up in the table,
 * 2.0 s against 0.5 s for reading the table through at 1,000,000 records. A filter that
 * an index narrows (a volunteer, a municipality, a period, unsynced, a search) is left to
 * the planner.
 */
static int
filter_is_broad(const struct record_filter *f)
{
	return f->volunteer == NULL && f->municipality == NULL && f->from == NULL &&
	    f->to == NULL && !f->only_unsynced && f->flagged_for == NULL &&
	    (f->search == NULL || *f->search == '\0');
}

static int
scan(struct store *st, const struct record_filter *f, enum store_report_group by, int wide,
    store_report_cb cb, void *payload, struct error *err)
{
	static const char *const group_sql[] = {
		[STORE_GROUP_NONE] = "''",
		[STORE_GROUP_MUNICIPALITY] = "r.municipality",
		[STORE_GROUP_VOLUNTEER] = "r.volunteer",
		[STORE_GROUP_MONTH] = "substr(r.date, 1, 7)",
		[STORE_GROUP_SECTOR] = SECTOR_SQL,
	};
	static const char wide_sql[] = ", r.municipality, r.volunteer, r.date, " SECTOR_SQL ","
	    " CASE WHEN r.kind = 'visit' THEN r.fig_topics END,"
	    " CASE WHEN r.kind = 'workshop' THEN r.fig_men END,"
	    " CASE WHEN r.kind = 'workshop' THEN r.fig_satisfaction END";
	struct store_report_row row = { .men = -1, .satisfaction = -1 };
	struct where w;
	sqlite3_stmt *stmt = NULL;
	char *head = NULL;
	int rc = -1, step = SQLITE_DONE, stop = 0;

	if ((unsigned)by >= sizeof group_sql / sizeof group_sql[0])
		return error_set(err, ERR_INVALID, "--by", _("--by: unknown grouping"));
	if (where_build(&w, f, 0, err) != 0)
		goto out;
	/* The fields are the body's, copied into columns by the record writer
	 * (store_bind_figures): no JSON is read here. Fields a kind does not have are not
	 * counted. */
	head = xasprintf("SELECT %s, r.kind,"
	    /* A business counts once by its id, whatever the spelling on each record;
	     * a record no business is known for yet, by its name. */
	    " CASE WHEN r.kind IN ('visit', 'task') THEN CASE WHEN r.business_id <> ''"
	    "  THEN 'id:' || r.business_id ELSE r.fig_business END END,"
	    " CASE WHEN r.kind = 'task' THEN r.fig_status END,"
	    " CASE WHEN r.kind = 'visit' THEN r.fig_follow_up END,"
	    " CASE WHEN r.kind = 'workshop' THEN r.fig_attendees END,"
	    " CASE WHEN r.kind = 'workshop' THEN r.fig_attendees_65plus END,"
	    " CASE WHEN r.kind = 'workshop' THEN r.fig_women END,"
	    " CASE WHEN r.kind IN ('visit', 'workshop') THEN r.fig_duration_min END,"
	    " CASE WHEN r.kind = 'task' THEN r.fig_hours END"
	    "%s FROM record r%s", group_sql[by], wide ? wide_sql : "",
	    filter_is_broad(f) ? " NOT INDEXED" : "");
	if ((stmt = where_prepare(st, head, &w, NULL, err)) == NULL)
		goto out;
	while (!stop && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *g = (const char *)sqlite3_column_text(stmt, 0);
		row.group = g ? g : "";
		row.kind = (const char *)sqlite3_column_text(stmt, 1);
		row.business = column_text(stmt, 2);
		row.status = column_text(stmt, 3);
		row.follow_up = column_text(stmt, 4);
		row.attendees = column_count(stmt, 5);
		row.attendees_65plus = column_count(stmt, 6);
		row.women = column_count(stmt, 7);
		row.duration_min = column_count(stmt, 8);
		row.hours = column_amount(stmt, 9);
		if (wide) {
			row.municipality = column_text(stmt, 10);
			row.volunteer = column_text(stmt, 11);
			row.date = column_text(stmt, 12);
			row.sector = column_text(stmt, 13);
			row.topics = column_text(stmt, 14);
			row.men = column_count(stmt, 15);
			row.satisfaction = column_amount(stmt, 16);
		}
		if (row.kind == NULL)
			row.kind = "";
		stop = cb(&row, payload);
	}
	if (!stop && step != SQLITE_DONE) {
		db_error(st, err, _("reading records for the report"));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	free(head);
	where_free(&w);
	return rc;
}

int
store_report_scan(struct store *st, const struct record_filter *f,
    enum store_report_group by, store_report_cb cb, void *payload, struct error *err)
{
	return scan(st, f, by, 0, cb, payload, err);
}

int
store_report_scan_wide(struct store *st, const struct record_filter *f,
    store_report_cb cb, void *payload, struct error *err)
{
	return scan(st, f, STORE_GROUP_NONE, 1, cb, payload, err);
}

/* A body that does not parse (damaged) leaves its row's figures NULL: the report counts
 * nothing of it, as it could not before. */
int
store_report_migrate(struct store *st, struct error *err)
{
	sqlite3_stmt *stmt, *upd = NULL;
	int rc = -1, step;

	if ((stmt = db_prepare(st, "SELECT rowid, body FROM record", err)) == NULL)
		return -1;
	if ((upd = db_prepare(st, "UPDATE record SET (" STORE_FIGURE_COLUMNS ") = ("
	    STORE_FIGURE_PARAMS ") WHERE rowid = ?1", err)) == NULL)
		goto out;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *body = (const char *)sqlite3_column_blob(stmt, 1);
		json_t *root = body != NULL ? json_loadb(body,
		    (size_t)sqlite3_column_bytes(stmt, 1), JSON_REJECT_DUPLICATES, NULL) : NULL;
		json_t *fields = json_object_get(root, "fields");

		sqlite3_bind_int64(upd, 1, sqlite3_column_int64(stmt, 0));
		store_bind_figures(upd, json_is_object(fields) ? fields : NULL);
		step = sqlite3_step(upd);
		sqlite3_reset(upd);
		sqlite3_clear_bindings(upd);
		json_decref(root);
		if (step != SQLITE_DONE) {
			db_error(st, err, _("filling the report's columns"));
			goto out;
		}
	}
	rc = step == SQLITE_DONE ? 0 : db_error(st, err, _("filling the report's columns"));
out:
	sqlite3_finalize(upd);
	sqlite3_finalize(stmt);
	return rc;
}

void
store_report_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; names != NULL && i < n; i++)
		free(names[i]);
	free(names);
}

int
store_report_field_names(struct store *st, const struct record_filter *f, char ***out,
    size_t *n, struct error *err)
{
	struct where w;
	sqlite3_stmt *stmt = NULL;
	char **names = NULL;
	size_t len = 0, cap = 0;
	int rc = -1, step;

	*out = NULL;
	*n = 0;
	if (where_build(&w, f, f->include_deleted, err) != 0)
		goto out;
	stmt = where_prepare(st, "SELECT DISTINCT j.key FROM record r,"
	    " json_each(r.body, '$.fields') j", &w, " ORDER BY j.key", err);
	if (stmt == NULL)
		goto out;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(stmt, 0);
		if (k == NULL)
			continue;
		if (len == cap)
			names = xrealloc(names, (cap = cap ? cap * 2 : 32) * sizeof *names);
		names[len++] = xstrdup(k);
	}
	if (step != SQLITE_DONE) {
		db_error(st, err, _("reading the field names"));
		goto out;
	}
	*out = names;
	*n = len;
	names = NULL;
	rc = 0;
out:
	store_report_names_free(names, len);
	sqlite3_finalize(stmt);
	where_free(&w);
	return rc;
}
