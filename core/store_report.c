/* store_report.c: see store_report.h. */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/store_internal.h"
#include "core/store_report.h"
#include "core/util.h"

/* Bigger than any real count or duration: a hostile file cannot overflow a sum. */
#define SANE_MAX 1000000

/*
 * A WHERE clause for a record_filter, with the same meaning as store_list's (store.c keeps
 * its builder private; this one follows it condition by condition). Values are bound,
 * never pasted.
 */
struct where {
	char sql[2048];
	const char *text[16];
	int ntext;
	char *fts;		/* owned: the FTS5 query */
};

static void
where_add(struct where *w, const char *cond, const char *value)
{
	strcat(w->sql, w->sql[0] == '\0' ? " WHERE " : " AND ");
	strcat(w->sql, cond);
	if (value != NULL)
		w->text[w->ntext++] = value;
}

/* Each word quoted (no FTS syntax gets through) and taken as a prefix, as store_list. */
static char *
fts_query(const char *text)
{
	size_t len = strlen(text), o = 0;
	char *q = xmalloc(len * 2 + 8 * (len + 1) + 1);
	const char *p = text;

	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (o > 0)
			q[o++] = ' ';
		q[o++] = '"';
		for (; *p && *p != ' ' && *p != '\t' && *p != '\n'; p++) {
			if (*p == '"')
				q[o++] = '"';
			q[o++] = *p;
		}
		q[o++] = '"';
		q[o++] = '*';
	}
	q[o] = '\0';
	return q;
}

static int
where_build(struct where *w, const struct record_filter *f, int deleted_too,
    struct error *err)
{
	memset(w, 0, sizeof *w);
	if (!deleted_too)
		where_add(w, "r.deleted = 0", NULL);
	if (f->kind != NULL) {
		if (!record_kind_valid(f->kind))
			return error_set(err, ERR_INVALID, "kind", "kind: unknown kind '%s' "
			    "(visit, task or workshop)", f->kind);
		where_add(w, "r.kind = ?", f->kind);
	}
	if (f->volunteer != NULL)
		where_add(w, "r.volunteer = ?", f->volunteer);
	if (f->municipality != NULL)
		where_add(w, "r.municipality = ?", f->municipality);
	if (f->from != NULL)
		where_add(w, "r.date >= ?", f->from);
	if (f->to != NULL)
		where_add(w, "r.date <= ?", f->to);
	if (f->only_unsynced)
		where_add(w, "r.dirty = 1", NULL);
	if (f->only_conflict)
		where_add(w, "r.conflict = 1", NULL);
	if (f->only_flagged || f->flagged_for)
		where_add(w, "(SELECT v.status FROM review v WHERE v.record_id = r.id"
		    " ORDER BY v.at DESC, v.id DESC LIMIT 1) = 'flagged'", NULL);
	if (f->flagged_for)
		where_add(w, "r.volunteer = ?", f->flagged_for);
	if (f->only_unreviewed)
		where_add(w, "NOT EXISTS (SELECT 1 FROM review v WHERE v.record_id = r.id)", NULL);
	if (f->search != NULL && *f->search) {
		w->fts = fts_query(f->search);
		where_add(w, "r.rowid IN (SELECT rowid FROM record_fts WHERE record_fts MATCH ?)",
		    w->fts);
	}
	return 0;
}

static sqlite3_stmt *
where_prepare(struct store *st, const char *head, const struct where *w, const char *tail,
    struct error *err)
{
	char *sql = xasprintf("%s%s%s", head, w->sql, tail ? tail : "");
	sqlite3_stmt *stmt = db_prepare(st, sql, err);
	int i;

	free(sql);
	if (stmt == NULL)
		return NULL;
	for (i = 0; i < w->ntext; i++)
		sqlite3_bind_text(stmt, i + 1, w->text[i], -1, SQLITE_STATIC);
	return stmt;
}

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

int
store_report_scan(struct store *st, const struct record_filter *f,
    enum store_report_group by, store_report_cb cb, void *payload, struct error *err)
{
	static const char *const group_sql[] = {
		[STORE_GROUP_NONE] = "''",
		[STORE_GROUP_MUNICIPALITY] = "r.municipality",
		[STORE_GROUP_VOLUNTEER] = "r.volunteer",
		[STORE_GROUP_MONTH] = "substr(r.date, 1, 7)",
	};
	struct store_report_row row;
	struct where w;
	sqlite3_stmt *stmt = NULL;
	char *head = NULL;
	int rc = -1, step = SQLITE_DONE, stop = 0;

	if ((unsigned)by >= sizeof group_sql / sizeof group_sql[0])
		return error_set(err, ERR_INVALID, "--by", "--by: unknown grouping");
	if (where_build(&w, f, 0, err) != 0)
		goto out;
	/* SQLite keeps the parse of the last few JSON texts of a statement, so the several
	 * extractions from one body parse it once. Fields a kind does not have are not read. */
	head = xasprintf("SELECT %s, r.kind,"
	    " CASE WHEN r.kind IN ('visit', 'task')"
	    "  THEN json_extract(r.body, '$.fields.business') END,"
	    " CASE WHEN r.kind = 'task' THEN json_extract(r.body, '$.fields.status') END,"
	    " CASE WHEN r.kind = 'visit' THEN json_extract(r.body, '$.fields.follow_up') END,"
	    " CASE WHEN r.kind = 'workshop'"
	    "  THEN json_extract(r.body, '$.fields.attendees') END,"
	    " CASE WHEN r.kind = 'workshop'"
	    "  THEN json_extract(r.body, '$.fields.attendees_65plus') END,"
	    " CASE WHEN r.kind = 'workshop' THEN json_extract(r.body, '$.fields.women') END,"
	    " CASE WHEN r.kind IN ('visit', 'workshop')"
	    "  THEN json_extract(r.body, '$.fields.duration_min') END,"
	    " CASE WHEN r.kind = 'task' THEN json_extract(r.body, '$.fields.hours') END"
	    " FROM record r", group_sql[by]);
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
		if (row.kind == NULL)
			row.kind = "";
		stop = cb(&row, payload);
	}
	if (!stop && step != SQLITE_DONE) {
		db_error(st, err, "reading records for the report");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	free(head);
	free(w.fts);
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
		db_error(st, err, "reading the field names");
		goto out;
	}
	*out = names;
	*n = len;
	names = NULL;
	rc = 0;
out:
	store_report_names_free(names, len);
	sqlite3_finalize(stmt);
	free(w.fts);
	return rc;
}
