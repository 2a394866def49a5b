/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_record.c: records (see store.h): the one write path, reading, listing, counting
 * and search, and the WHERE clause that gives every filter its one meaning. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/business.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/store_business.h"
#include "core/store_internal.h"
#include "core/store_search.h"
#include "core/util.h"

#define RECORD_COLUMNS STORE_RECORD_COLUMNS

int
store_row_record(sqlite3_stmt *stmt, int col, struct record **out, struct error *err)
{
	const char *body = (const char *)sqlite3_column_text(stmt, col);
	struct record *r = NULL;

	if (body == NULL ||
	    record_from_json(&r, body, (size_t)sqlite3_column_bytes(stmt, col), err) != 0) {
		error_prefix(err, _("a stored record is damaged"));
		return -1;
	}
	r->synced = sqlite3_column_int(stmt, col + 1) == 0;
	r->conflict = sqlite3_column_int(stmt, col + 2);
	r->flagged = sqlite3_column_int(stmt, col + 3);
	*out = r;
	return 0;
}

int
store_record_get(struct store *st, const char *id, struct record **out, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = -1;

	stmt = db_static(st, "SELECT " RECORD_COLUMNS " FROM record r WHERE r.id = ?", err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		rc = store_row_record(stmt, 0, out, err);
		break;
	case SQLITE_DONE:
		error_set(err, ERR_NOTFOUND, "id", _("no record with id %s"), id);
		break;
	default:
		db_error(st, err, _("reading a record"));
	}
	db_reset(stmt);
	return rc;
}

int
store_record_resolve(struct store *st, const char *prefix, char *out, struct error *err)
{
	sqlite3_stmt *stmt;
	char *hi;
	int n = 0, rc;

	if (strlen(prefix) < 4 || strlen(prefix) > UUID_LEN || strspn(prefix,
	    "0123456789abcdef-") != strlen(prefix))
		return error_set(err, ERR_INVALID, "id", _("id: '%.40s' is not a record id "
		    "(give at least its first 4 characters)"), prefix);
	stmt = db_prepare(st, "SELECT id FROM record WHERE id >= ? AND id < ? ORDER BY id"
	    " LIMIT 2", err);
	if (stmt == NULL)
		return -1;
	hi = xasprintf("%s~", prefix);	/* '~' sorts after every id character */
	sqlite3_bind_text(stmt, 1, prefix, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, hi, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n++ == 0)
			snprintf(out, UUID_LEN + 1, "%s", sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	free(hi);
	if (rc != SQLITE_DONE)
		return db_error(st, err, _("finding a record"));
	if (n == 0)
		return error_set(err, ERR_NOTFOUND, "id", _("id: no record %s"), prefix);
	if (n > 1)
		return error_set(err, ERR_INVALID, "id", _("id: %s matches more than one record; "
		    "give more characters"), prefix);
	return 0;
}

/* How many leading characters a and b (NULL: none) share. */
static size_t
common_prefix(const char *a, const unsigned char *b)
{
	size_t n = 0;

	if (b == NULL)
		return 0;
	while (a[n] != '\0' && a[n] == (char)b[n])
		n++;
	return n;
}

void
store_record_short_id(struct store *st, const char *id, char *out)
{
	sqlite3_stmt *stmt;
	size_t len = strlen(id), n = STORE_SHORT_ID_MIN, shared;

	stmt = db_static(st, "SELECT (SELECT max(id) FROM record WHERE id < ?1),"
	    " (SELECT min(id) FROM record WHERE id > ?1)", NULL);
	if (stmt == NULL)
		n = len;
	else {
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			/* Only the neighbours in id order can share a longer prefix than any
			 * other record does. */
			shared = common_prefix(id, sqlite3_column_text(stmt, 0));
			if (common_prefix(id, sqlite3_column_text(stmt, 1)) > shared)
				shared = common_prefix(id, sqlite3_column_text(stmt, 1));
			if (shared + 1 > n)
				n = shared + 1;
		} else
			n = len;
		db_reset(stmt);
	}
	/* "01a2b3c4-" reads as a cut-off word: take the next character too. */
	if (n < len && id[n - 1] == '-')
		n++;
	if (n > len)
		n = len;
	snprintf(out, UUID_LEN + 1, "%.*s", (int)n, id);
}

/* Every string of fields (and of its arrays), one a line: what search finds a record by.
 * Caller frees. */
static char *
fields_search_text(json_t *fields)
{
	const char *key;
	json_t *v, *e;
	size_t cap = 256, len = 0, i;
	char *buf = xmalloc(cap);

	buf[0] = '\0';
	json_object_foreach(fields, key, v) {
		json_t *one = json_is_array(v) ? v : NULL;
		size_t n = one ? json_array_size(one) : 1;
		for (i = 0; i < n; i++) {
			e = one ? json_array_get(one, i) : v;
			if (!json_is_string(e))
				continue;
			size_t add = json_string_length(e) + 1;
			if (len + add + 1 > cap) {
				while (len + add + 1 > cap)
					cap *= 2;
				buf = xrealloc(buf, cap);
			}
			memcpy(buf + len, json_string_value(e), add - 1);
			len += add - 1;
			buf[len++] = '\n';
			buf[len] = '\0';
		}
	}
	return buf;
}

char *
record_search_text(const struct record *r)
{
	return fields_search_text(r->fields);
}

void
record_sql_search_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *body = (const char *)sqlite3_value_text(argv[0]);
	size_t len = (size_t)sqlite3_value_bytes(argv[0]);
	json_t *root = NULL;

	(void)argc;
	if (body != NULL && (root = record_json_lean(body, len)) == NULL)
		root = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
	sqlite3_result_text(ctx, fields_search_text(json_object_get(root, "fields")), -1, free);
	json_decref(root);
}

/*
 * Insert or update one record row; ?1..?17 as bind_row binds them; returns the rowid.
 * base_is_body = 1 says "the last synced file is body itself" (a clean row: nearly every
 * row after a sync) instead of a second copy of the file in base: a first import of
 * 100,000 records wrote 56 MB of copies. ?16 = 1 stores that; ?11 = NULL keeps the base,
 * so a row whose base was its body keeps the old body as its base when the body changes.
 * The report's columns are bound from the record's fields in the same statement
 * (store_bind_figures), so that no write can leave them behind the body.
 */
#define RECORD_INSERT_SQL \
	"INSERT INTO record(id, kind, volunteer, rev, updated, deleted, date, municipality," \
	" label, body, base, dirty, synced_oid, municipality_key, business_id, name_key," \
	" base_is_body, agenda, " STORE_FIGURE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6," \
	" ?7, ?8, ?9, ?10, ?11, ?12, ?13, fold(?8), ?14, ?15, ?16, ?17, " \
	STORE_FIGURE_PARAMS ")"
/* A row given its id by this save (store_record_save) is new: the INSERT alone, which
 * SQLite prepares in a quarter of the upsert's time (the DO UPDATE is a second statement
 * over the ten indexes); `add` prepares it once per process. */
#define RECORD_UPSERT_SQL RECORD_INSERT_SQL \
	" ON CONFLICT(id) DO UPDATE SET kind = ?2, volunteer = ?3, rev = ?4, updated = ?5," \
	" deleted = ?6, date = ?7, municipality = ?8, municipality_key = fold(?8)," \
	" label = ?9, body = ?10, business_id = ?14, name_key = ?15, agenda = ?17," \
	" (" STORE_FIGURE_COLUMNS ") = (" STORE_FIGURE_PARAMS ")," \
	" base = CASE WHEN ?16 THEN NULL WHEN ?11 IS NOT NULL THEN ?11" \
	" WHEN base_is_body AND body IS NOT ?10 THEN body ELSE base END," \
	" base_is_body = (?16 OR (?11 IS NULL AND base_is_body AND body IS ?10))," \
	" dirty = ?12, synced_oid = coalesce(?13, synced_oid)" \
	" RETURNING rowid"
/*
 * The search index holds search_text(body) (record_sql_search_text) of every row not
 * deleted, under the row's key (STORE_SEARCH_KEY) made from its rowid and date. It keeps
 * no copy of the text (schema 13: contentless), so a row's text is taken out by giving
 * FTS5 the same text again, made from the body still in the row: before the row changes.
 * What goes in is made from the record written (record_search_text), whose file the body
 * is (its JSON, or the text it was read from), so that no body is parsed twice: the same
 * strings, in another order at most, which FTS5's delete does not look at.
 */
#define FTS_FORGET_SQL "INSERT INTO record_fts(record_fts, rowid, text) SELECT 'delete', " \
	STORE_SEARCH_KEY("date", "rowid") ", search_text(body) FROM record" \
	" WHERE id = ?1 AND deleted = 0"
#define FTS_INSERT_SQL "INSERT INTO record_fts(rowid, text) VALUES (" \
	STORE_SEARCH_KEY("?3", "?1") ", ?2)"
/*
 * The search text of a batch (store_batch_begin), indexed at record_index_flush in a few
 * statements. Why: SQLite opens a statement savepoint for each write inside a
 * transaction, and FTS5 writes out its pending terms at every savepoint, so indexing row
 * by row made one tiny segment a record and merged them over and over: a quarter of a
 * first import's time (perf, 10,000 records).
 *
 * Each row written is queued (fts_queue) with its new text (none for a tombstone). A
 * row that was there at the last flush (at or below its floor, fts_floor: the largest
 * rowid then; rows are never deleted, so a row made since has a higher rowid) may have
 * text in the index: on its first write since the flush, the key and text the index
 * holds for it (none for a tombstone) are noted too, and the flush takes them out. A
 * first import, whose floor is 0, notes nothing. The queue and the floor live in the
 * same transaction as the rows, so a kill or a rollback loses all or none of them.
 */
#define FTS_QUEUE_CREATE_SQL "CREATE TEMP TABLE IF NOT EXISTS fts_queue(" \
	"rowid INTEGER PRIMARY KEY, text TEXT, old_key INTEGER, old_text TEXT)"
#define FTS_FLOOR_CREATE_SQL "CREATE TEMP TABLE IF NOT EXISTS fts_floor(" \
	"one INTEGER PRIMARY KEY, rowid_max INTEGER)"
#define FTS_FLOOR_SET_SQL "INSERT OR REPLACE INTO temp.fts_floor(one, rowid_max)" \
	" VALUES (1, (SELECT coalesce(max(rowid), 0) FROM record))"
#define FTS_FLOOR_CLEAR_SQL "DELETE FROM temp.fts_floor"
#define FTS_FLOOR "(SELECT rowid_max FROM temp.fts_floor)"
#define FTS_QUEUE_OLD_SQL "INSERT INTO temp.fts_queue(rowid, old_key, old_text) SELECT rowid, " \
	STORE_SEARCH_KEY("date", "rowid") ", CASE WHEN deleted = 0 THEN search_text(body) END" \
	" FROM record WHERE " FTS_FLOOR " > 0 AND id = ?1 AND rowid <= " FTS_FLOOR \
	" ON CONFLICT(rowid) DO NOTHING"
#define FTS_QUEUE_SQL "INSERT INTO temp.fts_queue(rowid, text) VALUES (?1, ?2)" \
	" ON CONFLICT(rowid) DO UPDATE SET text = excluded.text"
/* Both in key order (ORDER BY): FTS5 writes its pending terms out before a rowid lower
 * than the last, and the keys follow the dates, which an import meets in any order (the
 * migration to schema 11 made one segment a row so). */
#define FTS_QUEUE_DELETE_SQL "INSERT INTO record_fts(record_fts, rowid, text)" \
	" SELECT 'delete', old_key, old_text FROM temp.fts_queue WHERE old_text IS NOT NULL" \
	" ORDER BY old_key"
#define FTS_QUEUE_INSERT_SQL "INSERT INTO record_fts(rowid, text) SELECT " \
	STORE_SEARCH_KEY("r.date", "r.rowid") ", q.text FROM temp.fts_queue q" \
	" JOIN record r ON r.rowid = q.rowid WHERE q.text IS NOT NULL ORDER BY 1"
#define FTS_QUEUE_CLEAR_SQL "DELETE FROM temp.fts_queue"

#define FIGURE_(n, field, sep) { n, #field },
static const struct figure {
	int param;
	const char *field;
} figures[] = { STORE_FIGURES(FIGURE_) };
#undef FIGURE_

/* Free a figure's JSON text once SQLite is done with it (jansson's, by our allocator). */
static void
figure_text_free(void *p)
{
	free(p);
}

/* An array of strings that need no escape (a visit's topics: ["website","app"]) as
 * compact JSON, written here; NULL for anything else, which record_json_dumps writes
 * (the same text: jansson escapes only '"', '\\' and controls). jansson's writer was
 * 5,700 instructions an array. Caller frees. */
static char *
plain_string_array(json_t *a)
{
	size_t i, k, len = 2, n = json_array_size(a);
	char *out, *p;

	if (!json_is_array(a))
		return NULL;
	for (i = 0; i < n; i++) {
		json_t *e = json_array_get(a, i);
		const unsigned char *t = (const unsigned char *)json_string_value(e);
		size_t tl = json_string_length(e);

		if (t == NULL)
			return NULL;
		for (k = 0; k < tl; k++)
			if (t[k] < 0x20 || t[k] == '"' || t[k] == '\\')
				return NULL;
		len += tl + 3;
	}
	p = out = xmalloc(len + 1);
	*p++ = '[';
	for (i = 0; i < n; i++) {
		json_t *e = json_array_get(a, i);
		if (i > 0)
			*p++ = ',';
		*p++ = '"';
		memcpy(p, json_string_value(e), json_string_length(e));
		p += json_string_length(e);
		*p++ = '"';
	}
	*p++ = ']';
	*p = '\0';
	return out;
}

void
store_bind_figures(sqlite3_stmt *stmt, json_t *fields)
{
	size_t i;

	for (i = 0; i < sizeof figures / sizeof figures[0]; i++) {
		json_t *v = json_object_get(fields, figures[i].field);
		int n = figures[i].param;
		char *text;

		switch (v != NULL ? json_typeof(v) : JSON_NULL) {
		case JSON_INTEGER:
			sqlite3_bind_int64(stmt, n, json_integer_value(v));
			break;
		case JSON_REAL:
			sqlite3_bind_double(stmt, n, json_real_value(v));
			break;
		case JSON_STRING:
			sqlite3_bind_text(stmt, n, json_string_value(v),
			    (int)json_string_length(v), SQLITE_STATIC);
			break;
		case JSON_TRUE:
		case JSON_FALSE:
			sqlite3_bind_int(stmt, n, json_is_true(v));
			break;
		case JSON_ARRAY:
		case JSON_OBJECT:
			/* json_extract's text of an array or object: compact JSON */
			if ((text = plain_string_array(v)) != NULL ||
			    (text = record_json_dumps(v, JSON_COMPACT)) != NULL)
				sqlite3_bind_text(stmt, n, text, -1, figure_text_free);
			else
				sqlite3_bind_null(stmt, n);
			break;
		default:
			sqlite3_bind_null(stmt, n);
		}
	}
}

/* Bind r's row, of sort date `date` (record_sort_date), to the RECORD_UPSERT_SQL
 * statement; the strings must live until it is stepped. */
static void
bind_row(sqlite3_stmt *stmt, const struct record *r, const char *date, const char *body,
    const char *base, int dirty, const char *oid, const char *business_id,
    const char *name_key)
{
	const char *muni = record_field_str(r, "municipality");

	sqlite3_bind_text(stmt, 1, r->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, r->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, r->volunteer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, r->rev);
	sqlite3_bind_text(stmt, 5, r->updated, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 6, r->deleted);
	sqlite3_bind_text(stmt, 7, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, muni ? muni : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 9, record_label(r), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 10, body, -1, SQLITE_STATIC);
	if (base != NULL && base != body && strcmp(base, body) != 0)
		sqlite3_bind_text(stmt, 11, base, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, 11);
	sqlite3_bind_int(stmt, 16, base != NULL && (base == body || strcmp(base, body) == 0));
	sqlite3_bind_int(stmt, 12, dirty);
	if (oid != NULL)
		sqlite3_bind_text(stmt, 13, oid, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, 13);
	sqlite3_bind_text(stmt, 14, business_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 15, name_key, -1, SQLITE_STATIC);
	if (store_agenda_day(r) != NULL)
		sqlite3_bind_text(stmt, 17, store_agenda_day(r), -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, 17);
	store_bind_figures(stmt, r->fields);
}

/* Step a cached statement that returns no rows, and give it back; what (untranslated,
 * N_) names it in an error: translated only then, not at every row of an import. */
static int
step_done(struct store *st, sqlite3_stmt *stmt, const char *what, struct error *err)
{
	int rc = sqlite3_step(stmt);

	db_reset(stmt);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _(what));
}

/* record_write, told whether r's row is new (its id made by this save) and whether the
 * business of an older program's record is made here when none is known (make). */
static int
write_row(struct store *st, const struct record *r, const char *body, const char *base,
    int dirty, const char *oid, int is_new, int make, struct error *err)
{
	sqlite3_stmt *row, *out, *ins;
	char *text = NULL, business_id[UUID_LEN + 1], *name_key, date[DATE_LEN + 1];
	int64_t rowid;
	int rc;

	if (store_business_column(st, r, make, business_id, err) != 0)
		return -1;
	/* The text the index holds for the row, out before the row changes (queued: noted
	 * for the flush). A row given its id by this save has none: `add` prepares nothing
	 * for it. */
	if (!is_new) {
		if ((out = db_static(st, st->fts_queued ? FTS_QUEUE_OLD_SQL : FTS_FORGET_SQL,
		    err)) == NULL)
			return -1;
		sqlite3_bind_text(out, 1, r->id, -1, SQLITE_STATIC);
		if (step_done(st, out, N_("indexing the record"), err) != 0)
			return -1;
	}
	if ((row = db_static(st, is_new ? RECORD_INSERT_SQL : RECORD_UPSERT_SQL, err)) == NULL)
		return -1;
	name_key = business_name_key(strcmp(r->kind, "business") == 0 ? record_label(r) : "");
	record_sort_date(r, date);	/* the row's, and its search text's key */
	bind_row(row, r, date, body, base, dirty, oid, business_id, name_key);
	rc = sqlite3_step(row);
	rowid = rc == SQLITE_ROW ? sqlite3_column_int64(row, 0) : 0;
	/* Run the statement to its end so that the upsert is complete before the reset. */
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(row);
	free(name_key);
	if (is_new && rc == SQLITE_DONE)
		rowid = sqlite3_last_insert_rowid(st->db);
	if (rc != SQLITE_DONE || rowid == 0) {
		db_error(st, err, _("saving the record"));
		db_reset(row);
		return -1;
	}
	db_reset(row);
	if (store_business_written(st, r, err) != 0)
		return -1;
	if (!st->fts_queued && r->deleted)
		return 0;
	/* Queued, a tombstone's NULL text keeps it out at the flush. */
	if ((ins = db_static(st, st->fts_queued ? FTS_QUEUE_SQL : FTS_INSERT_SQL, err)) == NULL)
		return -1;
	if (!r->deleted)
		text = record_search_text(r);
	sqlite3_bind_int64(ins, 1, rowid);
	if (!st->fts_queued)
		sqlite3_bind_text(ins, 3, date, -1, SQLITE_STATIC);
	if (text != NULL)
		sqlite3_bind_text(ins, 2, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(ins, 2);
	rc = step_done(st, ins, N_("indexing the record"), err);
	free(text);
	return rc;
}

int
record_write(struct store *st, const struct record *r, const char *body, const char *base,
    int dirty, const char *oid, struct error *err)
{
	return write_row(st, r, body, base, dirty, oid, 0, 0, err);
}

int
record_write_linking(struct store *st, const struct record *r, const char *body,
    const char *base, int dirty, const char *oid, struct error *err)
{
	return write_row(st, r, body, base, dirty, oid, 0,
	    record_field_str(r, "business_id") == NULL, err);
}

int
record_index_queue(struct store *st, int on, struct error *err)
{
	if (on && (db_exec(st, err, FTS_QUEUE_CREATE_SQL, "") != 0 ||
	    db_exec(st, err, FTS_FLOOR_CREATE_SQL, "") != 0 ||
	    db_exec(st, err, FTS_FLOOR_SET_SQL, "") != 0))
		return -1;
	if (!on)
		db_exec(st, NULL, FTS_FLOOR_CLEAR_SQL, "");
	st->fts_queued = on;
	return 0;
}

int
record_index_flush(struct store *st, struct error *err)
{
	if (!st->fts_queued)
		return 0;
	if (db_exec(st, err, FTS_QUEUE_DELETE_SQL, "") != 0 ||
	    db_exec(st, err, FTS_QUEUE_INSERT_SQL, "") != 0 ||
	    db_exec(st, err, FTS_QUEUE_CLEAR_SQL, "") != 0 ||
	    db_exec(st, err, FTS_FLOOR_SET_SQL, "") != 0) {
		error_prefix(err, "indexing the records for search");
		return -1;
	}
	return 0;
}

int
store_record_save(struct store *st, struct record *r, const char *author, struct error *err)
{
	struct store_clocks clocks;
	char *body = NULL;
	int64_t rev;
	int rc = -1, is_new = r->id[0] == '\0';

	if (!record_kind_valid(r->kind))
		return error_set(err, ERR_INVALID, "kind", _("kind: unknown kind '%s'"), r->kind);
	if (store_begin(st, err) != 0)
		return -1;
	if (store_clocks_read(st, &clocks, err) != 0)
		goto out;
	/* A new id is this millisecond and 62 random bits: no row has it (were one to, the
	 * INSERT would fail on the primary key, and nothing would be written). */
	if (is_new)
		uuid_v7(r->id);
	clock_now_iso(r->updated);
	if (r->created[0] == '\0')
		memcpy(r->created, r->updated, sizeof r->created);
	if (r->volunteer[0] == '\0') {
		free(r->volunteer);
		r->volunteer = xstrdup(author);
	}
	free(r->device);
	r->device = xstrdup(st->device);
	/* An edit goes past its row's rev too; a new row has none. */
	rev = is_new ? 0 : db_int(st, 0, "SELECT rev FROM record WHERE id = ?", "t", r->id);
	r->rev = record_rev_next(rev > clocks.clock ? rev : clocks.clock);
	body = record_to_json(r);
	if (write_row(st, r, body, NULL, 1, NULL, is_new, 0, err) != 0 ||
	    store_clocks_write_own(st, &clocks, r->rev, r->updated, err) != 0)
		goto out;
	r->synced = 0;
	rc = 0;
out:
	free(body);
	if (rc == 0)
		return store_commit(st, err);
	store_rollback(st);
	return -1;
}

int
store_record_put(struct store *st, const struct record *r, const char *base, int dirty,
    struct error *err)
{
	char *body = record_to_json(r);
	int rc;

	if (store_begin(st, err) != 0) {
		free(body);
		return -1;
	}
	rc = record_write(st, r, body, base, dirty, NULL, err);
	if (rc == 0)
		rc = store_clock_see(st, r->rev, err);
	free(body);
	if (rc != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

char *
store_record_base(struct store *st, const char *id)
{
	return db_text(st, "SELECT CASE WHEN base_is_body THEN body ELSE base END FROM record"
	    " WHERE id = ?", "t", id);
}

int
store_record_mark_synced(struct store *st, const char *id, int64_t rev, const char *oid,
    struct error *err)
{
	return db_exec(st, err, "UPDATE record SET dirty = 0, base = NULL, base_is_body = 1,"
	    " synced_oid = coalesce(?, synced_oid) WHERE id = ? AND rev = ?", "tti", oid, id,
	    rev);
}

int
store_record_set_conflict(struct store *st, const char *id, int conflict, struct error *err)
{
	return db_exec(st, err, "UPDATE record SET conflict = ? WHERE id = ?", "it",
	    (int64_t)(conflict != 0), id);
}

void
where_bind(struct where *w, const char *value)
{
	if (w->ntext >= WHERE_VALUES_MAX) {
		w->overflow = 1;
		return;
	}
	w->text[w->ntext++] = value;
}

void
where_add(struct where *w, const char *cond, const char *value)
{
	const char *glue = w->len == 0 ? " WHERE " : " AND ";
	size_t n = strlen(glue) + strlen(cond);

	if (w->overflow || n >= sizeof w->sql - w->len) {
		w->overflow = 1;
		return;
	}
	memcpy(w->sql + w->len, glue, strlen(glue));
	memcpy(w->sql + w->len + strlen(glue), cond, strlen(cond) + 1);
	w->len += n;
	if (value != NULL)
		where_bind(w, value);
}

void
where_free(struct where *w)
{
	free(w->fts);
	w->fts = NULL;
}

int
where_build(struct where *w, const struct record_filter *f, int deleted_too,
    struct error *err)
{
	memset(w, 0, sizeof *w);
	if (!deleted_too)
		where_add(w, "r.deleted = 0", NULL);
	if (f->kind != NULL) {
		if (!record_kind_valid(f->kind))
			return error_set(err, ERR_INVALID, "kind", _("kind: unknown kind '%s' "
			    "(visit, task, workshop or business)"), f->kind);
		where_add(w, "r.kind = ?", f->kind);
	} else if (f->work_only)
		where_add(w, "r.kind <> 'business'", NULL);
	if (f->volunteer != NULL)
		where_add(w, "r.volunteer = ?", f->volunteer);
	/* A place's businesses are few beside its records: they are read by their kind, the
	 * place tested on each. The place's index names `deleted` too (schema 12), so SQLite
	 * would take it and read every record of the place to find them (0.5 s for a village
	 * of 70,000 records at 1,000,000; t0627). */
	if (f->municipality != NULL)
		where_add(w, f->kind != NULL && strcmp(f->kind, "business") == 0 ?
		    "+r.municipality_key = fold(?)" : "r.municipality_key = fold(?)",
		    f->municipality);
	if (f->from != NULL)
		where_add(w, "r.date >= ?", f->from);
	if (f->to != NULL)
		where_add(w, "r.date <= ?", f->to);
	if (f->only_unsynced)
		where_add(w, "r.dirty = 1", NULL);
	if (f->only_conflict)
		where_add(w, "r.conflict = 1", NULL);
	if (f->only_flagged || f->flagged_for) {
		where_add(w, "r.rowid IN (SELECT fr.rowid FROM review v JOIN record fr"
		    " ON fr.id = v.record_id WHERE v.status = 'flagged')", NULL);
		where_add(w, "(SELECT v.status FROM review v WHERE v.record_id = r.id"
		    " ORDER BY v.at DESC, v.id DESC LIMIT 1) = 'flagged'", NULL);
		w->by_review = 1;
	}
	if (f->flagged_for)
		where_add(w, "r.volunteer = ?", f->flagged_for);
	if (f->only_unreviewed)
		where_add(w, "NOT EXISTS (SELECT 1 FROM review v WHERE v.record_id = r.id)", NULL);
	if (f->only_reviewed) {
		where_add(w, "r.rowid IN (SELECT fr.rowid FROM review v JOIN record fr"
		    " ON fr.id = v.record_id)", NULL);
		w->by_review = 1;
	}
	if (f->search != NULL && *f->search) {
		w->fts = fts_query(f->search);
		where_add(w, "r.rowid IN (SELECT " STORE_SEARCH_ROWID("rowid") " FROM record_fts"
		    " WHERE record_fts MATCH ?)", w->fts);
	}
	return 0;
}

#define FROM_RECORD " FROM record r"

sqlite3_stmt *
where_prepare(struct store *st, const char *head, const struct where *w, const char *tail,
    struct error *err)
{
	sqlite3_stmt *stmt;
	char *sql;
	size_t hl;
	int i, by_rowid;

	if (w->overflow) {
		error_set(err, ERR_FAILED, "", _("a filter too long for the database query"));
		return NULL;
	}
	hl = strlen(head);
	by_rowid = w->by_review && hl >= strlen(FROM_RECORD) &&
	    strcmp(head + hl - strlen(FROM_RECORD), FROM_RECORD) == 0;
	sql = xasprintf("%s%s%s%s", head, by_rowid ? " NOT INDEXED" : "", w->sql,
	    tail ? tail : "");
	stmt = db_prepare(st, sql, err);
	free(sql);
	if (stmt == NULL)
		return NULL;
	for (i = 0; i < w->ntext; i++)
		sqlite3_bind_text(stmt, i + 1, w->text[i], -1, SQLITE_STATIC);
	return stmt;
}

/* The rows after the key (after_*), in the filter's direction. */
static void
where_keyset(struct where *w, const struct record_filter *f)
{
	if (f->after_date != NULL && f->after_id != NULL) {
		where_add(w, f->oldest_first ? "(r.date, r.id) > (?, ?)" :
		    "(r.date, r.id) < (?, ?)", f->after_date);
		where_bind(w, f->after_id);
	}
}

/* A list's one order: newest first by (date, id), or the reverse. */
#define ORDER_OLDEST " ORDER BY r.date, r.id"
#define ORDER_NEWEST " ORDER BY r.date DESC, r.id DESC"
/*
 * The page's limit and offset are the parameters just after the filter's values (at most
 * WHERE_VALUES_MAX). They were ?9998 and ?9999: SQLite makes a slot for every number up
 * to the highest, so each list statement allocated and cleared 9,999 of them (560 KB,
 * 80,000 instructions at each prepare, and a page fault for each of its 137 pages).
 */
#define PAGE_LIMIT 17
#define PAGE_OFFSET 18
#define PAGE_TAIL " LIMIT ?17 OFFSET ?18"
_Static_assert(PAGE_LIMIT == WHERE_VALUES_MAX + 1 && PAGE_OFFSET == PAGE_LIMIT + 1,
    "the page's parameters follow the filter's");

/* The page of a list, head its SELECT: keyset (after_*) in either direction, or limit
 * and offset. */
static sqlite3_stmt *
prepare_page(struct store *st, const char *head, struct where *w,
    const struct record_filter *f, struct error *err)
{
	sqlite3_stmt *stmt;

	where_keyset(w, f);
	stmt = where_prepare(st, head, w,
	    f->oldest_first ? ORDER_OLDEST PAGE_TAIL : ORDER_NEWEST PAGE_TAIL, err);
	if (stmt != NULL) {
		sqlite3_bind_int64(stmt, PAGE_LIMIT, f->limit > 0 ? f->limit : -1);
		sqlite3_bind_int64(stmt, PAGE_OFFSET, f->offset);
	}
	return stmt;
}

int
store_each_row(struct store *st, sqlite3_stmt *stmt, record_cb cb, void *payload, const char *what,
    struct error *err)
{
	struct record *r;
	int step, stop = 0;

	while (!stop && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (store_row_record(stmt, 0, &r, err) != 0)
			return -1;
		stop = cb(r, payload);
		record_free(r);
	}
	if (!stop && step != SQLITE_DONE)
		return db_error(st, err, what);
	return 0;
}

/*
 * A record's row (struct record_row) from its columns, which the one writer fills from
 * the record by the same rules (bind_row: record_sort_date, record_label, the
 * municipality or ""; store_bind_figures: fig_status, fig_attendees and fig_business,
 * the fields as json_extract gives them). Plain columns, the checks in C (column_string_field): the
 * same row through CASE expressions over typeof() and json_type() took 160,000 more
 * instructions to prepare and 130,000 to run (callgrind, `list --all --limit 20` at
 * 100,000 records). A task's title has no column: it is read from the file, by SQLite's
 * JSON parser, only when the caller asks (STORE_ROW_TITLE).
 */
#define ROW_COLUMNS "r.id, r.kind, r.volunteer, r.date, r.municipality, r.label," \
	" r.deleted, r.dirty, r.conflict, " STORE_FLAGGED_SQL ", r.fig_status," \
	" r.fig_attendees, r.fig_business"
#define ROW_COLUMNS_TITLE ROW_COLUMNS ", CASE WHEN r.kind = 'task' THEN" \
	" json_extract(r.body, '$.fields.title') END"

/* A text column, "" for NULL. */
static const char *
column_str(sqlite3_stmt *stmt, int i)
{
	const char *s = (const char *)sqlite3_column_text(stmt, i);

	return s != NULL ? s : "";
}

/*
 * json_extract does not tell a string from an array or an object, which it gives as
 * their JSON text, nor an integer from true and false, which it gives as 1 and 0: for
 * such a value (rare: a status that reads "[..." or "{...", an attendance of 0 or 1), 1
 * when fields.<field> of the record's file is of JSON type `type` (json_type).
 */
static int
field_is(struct store *st, const char *id, const char *field, const char *type)
{
	sqlite3_stmt *stmt;
	char path[64];
	int is = 0;

	stmt = db_static(st, "SELECT json_type(body, ?2) = ?3 FROM record WHERE id = ?1",
	    NULL);
	if (stmt == NULL)
		return 0;
	snprintf(path, sizeof path, "$.fields.%s", field);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, type, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		is = sqlite3_column_int(stmt, 0);
	db_reset(stmt);
	return is;
}

/* A text column that json_extract gave for fields.<field>, when that was a string. */
static const char *
column_string_field(struct store *st, sqlite3_stmt *stmt, int i, const char *id,
    const char *field)
{
	const char *s;

	if (sqlite3_column_type(stmt, i) != SQLITE_TEXT)
		return NULL;
	s = (const char *)sqlite3_column_text(stmt, i);
	if ((s[0] == '[' || s[0] == '{') && !field_is(st, id, field, "text"))
		return NULL;
	return s;
}

/* The row of ROW_COLUMNS (or ROW_COLUMNS_TITLE) at stmt, borrowed until its next step. */
static void
row_read(struct store *st, sqlite3_stmt *stmt, struct record_row *out)
{
	int task, workshop;

	memset(out, 0, sizeof *out);
	snprintf(out->id, sizeof out->id, "%s", column_str(stmt, 0));
	snprintf(out->kind, sizeof out->kind, "%s", column_str(stmt, 1));
	out->volunteer = column_str(stmt, 2);
	snprintf(out->date, sizeof out->date, "%s", column_str(stmt, 3));
	out->municipality = column_str(stmt, 4);
	out->label = column_str(stmt, 5);
	out->deleted = sqlite3_column_int(stmt, 6);
	out->synced = sqlite3_column_int(stmt, 7) == 0;
	out->conflict = sqlite3_column_int(stmt, 8);
	out->flagged = sqlite3_column_int(stmt, 9);
	task = strcmp(out->kind, "task") == 0;
	workshop = strcmp(out->kind, "workshop") == 0;
	if (task)
		out->status = column_string_field(st, stmt, 10, out->id, "status");
	if (workshop && sqlite3_column_type(stmt, 11) == SQLITE_INTEGER) {
		out->attendees = sqlite3_column_int64(stmt, 11);
		out->has_attendees = (out->attendees != 0 && out->attendees != 1) ||
		    field_is(st, out->id, "attendees", "integer");
	}
	out->business = column_string_field(st, stmt, 12, out->id, "business");
	if (task && sqlite3_column_count(stmt) > 13)
		out->title = column_string_field(st, stmt, 13, out->id, "title");
}

/* A copy of row that owns its strings, in one allocation (free() frees it): a search
 * hands its rows out after its read transaction. */
static struct record_row *
row_dup(const struct record_row *row)
{
	const char *from[] = { row->volunteer, row->municipality, row->label, row->business,
	    row->title, row->status };
	struct record_row *out;
	const char **to[6];
	size_t len[6], total = sizeof *out, i;
	char *p;

	for (i = 0; i < 6; i++)
		total += len[i] = from[i] != NULL ? strlen(from[i]) + 1 : 0;
	out = xmalloc(total);
	*out = *row;
	to[0] = &out->volunteer;
	to[1] = &out->municipality;
	to[2] = &out->label;
	to[3] = &out->business;
	to[4] = &out->title;
	to[5] = &out->status;
	p = (char *)(out + 1);
	for (i = 0; i < 6; i++) {
		*to[i] = from[i] != NULL ? memcpy(p, from[i], len[i]) : NULL;
		p += len[i];
	}
	return out;
}

/* Where a list's rows go: records, rows or ids (one of the three callbacks). */
struct list_to {
	record_cb record;
	record_row_cb row;
	unsigned want;		/* with row: STORE_ROW_* */
	int (*id)(const char *id, void *payload);
	void *payload;
};

/* The columns `to` reads, as the head of a query of record r. */
#define LIST_HEAD_RECORD "SELECT " RECORD_COLUMNS " FROM record r"
#define LIST_HEAD_ROW "SELECT " ROW_COLUMNS " FROM record r"
#define LIST_HEAD_ROW_TITLE "SELECT " ROW_COLUMNS_TITLE " FROM record r"
#define LIST_HEAD_ID "SELECT r.id FROM record r"
#define LIST_BY_ROWID " WHERE r.rowid = ?1"

/* The head for `to`, of every row or of one by its rowid (?1): literals, so that
 * db_prepare's text stays the same from call to call. */
static const char *
list_head(const struct list_to *to, int by_rowid)
{
	static const char *const head[][2] = {
		{ LIST_HEAD_RECORD, LIST_HEAD_RECORD LIST_BY_ROWID },
		{ LIST_HEAD_ID, LIST_HEAD_ID LIST_BY_ROWID },
		{ LIST_HEAD_ROW, LIST_HEAD_ROW LIST_BY_ROWID },
		{ LIST_HEAD_ROW_TITLE, LIST_HEAD_ROW_TITLE LIST_BY_ROWID },
	};
	int k = to->record != NULL ? 0 : to->row == NULL ? 1 :
	    to->want & STORE_ROW_TITLE ? 3 : 2;

	return head[k][by_rowid != 0];
}

/*
 * A page of a search by store_search.c's plan, read in one read transaction (a
 * savepoint: it nests in a caller's transaction) and handed to `to` after it, so that a
 * callback may begin its own. *planned is 0 when no plan applies: the caller runs the
 * one query.
 */
static int
list_searched(struct store *st, const struct record_filter *f, const struct list_to *to,
    int *planned, struct error *err)
{
	struct record_filter words = *f;
	struct search_days days = { f->from, f->to, f->oldest_first };
	struct where w;
	struct record_row row;
	struct record *rec;
	void **items = NULL;
	int64_t *rowids = NULL;
	sqlite3_stmt *stmt = NULL;
	int n = 0, got = 0, i, rc = -1, stop = 0, step;

	*planned = 0;
	words.search = NULL;
	/* The keyset bounds the dates too: the rows after it are on its day or beyond. */
	if (f->after_date != NULL && f->after_id != NULL) {
		if (f->oldest_first && (days.from == NULL || strcmp(f->after_date, days.from) > 0))
			days.from = f->after_date;
		if (!f->oldest_first && (days.to == NULL || strcmp(f->after_date, days.to) < 0))
			days.to = f->after_date;
	}
	if (db_exec(st, err, "SAVEPOINT store_search", "") != 0)
		return -1;
	if (where_build(&w, &words, f->include_deleted, err) != 0)
		goto release;
	where_keyset(&w, f);
	rc = search_page(st, f->search, &w, f->oldest_first ? ORDER_OLDEST : ORDER_NEWEST,
	    &days, f->limit, f->offset, &rowids, &n, err);
	if (rc <= 0)
		goto release;
	*planned = 1;
	rc = -1;
	stmt = db_prepare(st, list_head(to, 1), err);
	if (stmt == NULL)
		goto release;
	items = xcalloc((size_t)n + 1, sizeof *items);
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(stmt, 1, rowids[i]);
		if ((step = sqlite3_step(stmt)) != SQLITE_ROW) {
			/* The plan just read the row, in this same transaction. */
			if (step == SQLITE_DONE)
				error_set(err, ERR_FAILED, "", "%s", _("a stored record is damaged"));
			else
				db_error(st, err, _("listing records"));
			goto release;
		}
		if (to->record != NULL) {
			if (store_row_record(stmt, 0, &rec, err) != 0)
				goto release;
			items[got] = rec;
		} else if (to->row != NULL) {
			row_read(st, stmt, &row);
			items[got] = row_dup(&row);
		} else
			items[got] = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		got++;
		sqlite3_reset(stmt);
	}
	rc = 0;
release:
	sqlite3_finalize(stmt);
	where_free(&w);
	free(rowids);
	if (db_exec(st, rc == 0 ? err : NULL, "RELEASE store_search", "") != 0)
		rc = -1;
	for (i = 0; i < got; i++) {
		if (to->record != NULL) {
			if (rc == 0 && !stop)
				stop = to->record(items[i], to->payload);
			record_free(items[i]);
		} else {
			if (rc == 0 && !stop)
				stop = to->row != NULL ? to->row(items[i], to->payload) :
				    to->id(items[i], to->payload);
			free(items[i]);
		}
	}
	free(items);
	return rc;
}

/*
 * The one list: a page of f's records, each handed to `to` as it reads them. A search
 * goes by store_search.c's plan when one applies (list_searched); else the one query,
 * the WHERE of f and its page.
 */
static int
list_walk(struct store *st, const struct record_filter *f, const struct list_to *to,
    struct error *err)
{
	struct where w;
	struct record_row row;
	struct record *rec;
	sqlite3_stmt *stmt = NULL;
	int rc = -1, planned, step = SQLITE_DONE, stop = 0;

	if (f->search != NULL && *f->search) {
		rc = list_searched(st, f, to, &planned, err);
		if (rc != 0 || planned)
			return rc;
		rc = -1;
	}
	if (where_build(&w, f, f->include_deleted, err) != 0)
		goto out;
	if ((stmt = prepare_page(st, list_head(to, 0), &w, f, err)) == NULL)
		goto out;
	while (!stop && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (to->record != NULL) {
			if (store_row_record(stmt, 0, &rec, err) != 0)
				goto out;
			stop = to->record(rec, to->payload);
			record_free(rec);
		} else if (to->row != NULL) {
			row_read(st, stmt, &row);
			stop = to->row(&row, to->payload);
		} else {
			stop = to->id((const char *)sqlite3_column_text(stmt, 0), to->payload);
		}
	}
	if (!stop && step != SQLITE_DONE) {
		db_error(st, err, to->record != NULL || to->row != NULL ?
		    _("listing records") : _("listing record ids"));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	where_free(&w);
	return rc;
}

int
store_list(struct store *st, const struct record_filter *f, record_cb cb, void *payload,
    struct error *err)
{
	struct list_to to = { .record = cb, .payload = payload };

	return list_walk(st, f, &to, err);
}

int
store_list_rows(struct store *st, const struct record_filter *f, unsigned want,
    record_row_cb cb, void *payload, struct error *err)
{
	struct list_to to = { .row = cb, .want = want, .payload = payload };

	return list_walk(st, f, &to, err);
}

int
store_list_ids(struct store *st, const struct record_filter *f,
    int (*cb)(const char *id, void *payload), void *payload, struct error *err)
{
	struct list_to to = { .id = cb, .payload = payload };

	return list_walk(st, f, &to, err);
}

/* A search's count by store_search.c's plan, in one read transaction; *planned as for
 * list_searched. */
static int
count_searched(struct store *st, const struct record_filter *f, long *out, int *planned,
    struct error *err)
{
	struct record_filter words = *f;
	struct where w;
	int rc = -1;

	*planned = 0;
	words.search = NULL;
	if (db_exec(st, err, "SAVEPOINT store_search", "") != 0)
		return -1;
	if (where_build(&w, &words, f->include_deleted, err) == 0) {
		where_keyset(&w, f);
		rc = search_count(st, f->search, &w, out, err);
	}
	where_free(&w);
	*planned = rc == 1;
	rc = rc < 0 ? -1 : 0;
	if (db_exec(st, rc == 0 ? err : NULL, "RELEASE store_search", "") != 0)
		rc = -1;
	return rc;
}

int
store_count(struct store *st, const struct record_filter *f, long *out, struct error *err)
{
	struct record_filter whole, part;
	struct where w;
	sqlite3_stmt *stmt = NULL;
	long a, b;
	int rc = -1, planned;

	/* "Not a business" can be answered by no index: the count read every row (6.5 s
	 * at 1,000,000 records). Every record less the businesses are two index counts. */
	if (f->work_only && f->kind == NULL) {
		whole = *f;
		whole.work_only = 0;
		part = whole;
		part.kind = "business";
		if (store_count(st, &whole, &a, err) != 0 ||
		    store_count(st, &part, &b, err) != 0)
			return -1;
		*out = a - b;
		return 0;
	}
	/* Nor "no review": every record tested for one (1.4 s at 1,000,000). The records
	 * less those the review table names. */
	if (f->only_unreviewed && !f->only_reviewed) {
		whole = *f;
		whole.only_unreviewed = 0;
		part = whole;
		part.only_reviewed = 1;
		if (store_count(st, &whole, &a, err) != 0 ||
		    store_count(st, &part, &b, err) != 0)
			return -1;
		*out = a - b;
		return 0;
	}
	if (f->search != NULL && *f->search) {
		rc = count_searched(st, f, out, &planned, err);
		if (rc != 0 || planned)
			return rc;
		rc = -1;
	}
	if (where_build(&w, f, f->include_deleted, err) != 0)
		goto out;
	where_keyset(&w, f);
	if ((stmt = where_prepare(st, "SELECT count(*) FROM record r", &w, NULL, err)) == NULL)
		goto out;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_error(st, err, _("counting records"));
		goto out;
	}
	*out = (long)sqlite3_column_int64(stmt, 0);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	where_free(&w);
	return rc;
}

int
store_list_unsynced(struct store *st, record_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = db_prepare(st, "SELECT " RECORD_COLUMNS " FROM record r WHERE r.dirty = 1"
	    " ORDER BY r.updated, r.id", err);
	if (stmt == NULL)
		return -1;
	rc = store_each_row(st, stmt, cb, payload, _("listing unsynced records"), err);
	sqlite3_finalize(stmt);
	return rc;
}

