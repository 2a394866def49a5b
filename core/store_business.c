/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_business.c: see store_business.h. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/business.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/store_business.h"
#include "core/store_internal.h"
#include "core/strmap.h"
#include "core/text.h"
#include "core/util.h"

/*
 * The partial indexes record_business_key (name_key; schema 6) and record_business_place
 * (municipality_key, name_key; schema 7) serve exactly this condition. They are named
 * (INDEXED BY): without ANALYZE statistics SQLite prefers record_by_kind, whose two
 * equalities (kind, deleted) look better to it, and then reads every business for each
 * match: 50 ms a keystroke at 20,000 businesses instead of 0.1 ms (BENCHMARKS.md).
 * Matching by a whole key (store_business_find) runs in the migration to schema 6, before
 * record_business_place exists: it names record_business_key, as selective for one key.
 */
#define LIVE_BUSINESS "kind = 'business' AND deleted = 0 AND name_key = ?1"
#define BY_PLACE "record INDEXED BY record_business_place"
#define BY_KEY "record INDEXED BY record_business_key"

/*
 * A business a look-up has just returned is live until the transaction writes: a visit
 * saved with the business its name found asks store_business_is_live of that business
 * next, and was answered by a second statement (39 k instructions to prepare at every
 * `add`). Only inside a write transaction, whose BEGIN IMMEDIATE keeps every other
 * connection from writing, and only while the connection's count of changed rows (which
 * counts every INSERT, UPDATE and DELETE, a trigger's too) has not moved.
 */
static int
live_noted(struct store *st, const char *id)
{
	return st->tx_depth > 0 && !sqlite3_get_autocommit(st->db) &&
	    st->live_tx == st->tx_serial &&
	    st->live_changes == sqlite3_total_changes64(st->db) &&
	    strcmp(st->live_business, id) == 0;
}

static void
note_live(struct store *st, const char *id)
{
	st->live_business[0] = '\0';
	if (st->tx_depth == 0 || id == NULL || strlen(id) >= sizeof st->live_business)
		return;
	memcpy(st->live_business, id, strlen(id) + 1);
	st->live_tx = st->tx_serial;
	st->live_changes = sqlite3_total_changes64(st->db);
}

int
store_business_find(struct store *st, const char *key, const char *municipality,
    int only_municipality, business_row_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	/* Prepared once: an import links every older record through here (18 % of a first
	 * import of 10,000 went to preparing this statement again). */
	stmt = db_static(st, only_municipality ?
	    "SELECT id, label, municipality FROM " BY_KEY " WHERE " LIVE_BUSINESS
	    " AND municipality_key = fold(?2) ORDER BY id" :
	    "SELECT id, label, municipality FROM " BY_KEY " WHERE " LIVE_BUSINESS
	    " ORDER BY municipality_key <> fold(?2), id", err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, municipality, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		note_live(st, (const char *)sqlite3_column_text(stmt, 0));
		if (cb((const char *)sqlite3_column_text(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1),
		    (const char *)sqlite3_column_text(stmt, 2), payload) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		db_error(st, err, _("finding a business"));
	db_reset(stmt);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The first key after every key that starts with prefix: its last byte one up (a key's
 * bytes are UTF-8, never 0xff, so the carry cannot run past it). Caller frees. */
static char *
prefix_end(const char *prefix)
{
	char *end = xstrdup(prefix);
	size_t len = strlen(end);

	end[len - 1] = (char)((unsigned char)end[len - 1] + 1);
	return end;
}

int
store_business_suggest(struct store *st, const char *key_prefix,
    const char *municipality, struct business_hit *out, int max, int *n,
    struct error *err)
{
	static const char *const sql[2] = {
		"SELECT id, label, municipality FROM " BY_PLACE " WHERE kind = 'business'"
		" AND deleted = 0 AND municipality_key = fold(?3) AND name_key >= ?1 AND"
		" name_key < ?2 ORDER BY name_key, rowid LIMIT ?4",
		/* Run only when the municipality has fewer than max: it skips fewer than max
		 * rows of the range before it has its own. */
		"SELECT id, label, municipality FROM " BY_KEY " WHERE kind = 'business' AND"
		" deleted = 0 AND name_key >= ?1 AND name_key < ?2 AND municipality_key <>"
		" fold(?3) ORDER BY name_key, rowid LIMIT ?4",
	};
	sqlite3_stmt *stmt;
	char *end = NULL;
	int pass, rc = SQLITE_DONE;
	const char *t;

	*n = 0;
	if (key_prefix == NULL || *key_prefix == '\0' || max <= 0)
		return 0;
	end = prefix_end(key_prefix);
	for (pass = 0; pass < 2 && *n < max; pass++) {
		if ((stmt = db_static(st, sql[pass], err)) == NULL) {
			free(end);
			return -1;
		}
		sqlite3_bind_text(stmt, 1, key_prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, end, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, municipality ? municipality : "", -1, SQLITE_STATIC);
		sqlite3_bind_int(stmt, 4, max - *n);
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			struct business_hit *h = &out[(*n)++];
			snprintf(h->id, sizeof h->id, "%s", sqlite3_column_text(stmt, 0));
			t = (const char *)sqlite3_column_text(stmt, 1);
			h->name = xstrdup(t ? t : "");
			t = (const char *)sqlite3_column_text(stmt, 2);
			h->municipality = xstrdup(t ? t : "");
		}
		db_reset(stmt);
		if (rc != SQLITE_DONE)
			break;
	}
	free(end);
	if (rc != SQLITE_DONE) {
		business_hits_free(out, *n);
		*n = 0;
		return db_error(st, err, _("suggesting businesses"));
	}
	return 0;
}

void
business_hits_free(struct business_hit *h, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(h[i].name);
		free(h[i].municipality);
		h[i].name = h[i].municipality = NULL;
	}
}

static int
take_first(const char *id, const char *name, const char *municipality, void *payload)
{
	(void)name;
	(void)municipality;
	snprintf(payload, UUID_LEN + 1, "%s", id);
	return 1;
}

static int
is_hostile(const char *s)
{
	return s != NULL && text_has_hostile(s, strlen(s));
}

void
store_business_links_keep(struct store *st, int on)
{
	strmap_free(st->business_links);
	st->business_links = on ? strmap_new(free) : NULL;
}

void
store_business_links_forget(struct store *st)
{
	if (st->business_links != NULL && strmap_size(st->business_links) > 0)
		store_business_links_keep(st, 1);
}

int
store_business_autolink(struct store *st, const struct record *r, int make, char *out,
    struct error *err)
{
	const char *name = record_field_str(r, "business");
	const char *muni = record_field_str(r, "municipality"), *sector, *kept;
	char *key = NULL, *muni_key = NULL, *body = NULL, *link = NULL;
	struct record *b = NULL;
	struct error lookup = { 0 };
	int rc = -1;

	out[0] = '\0';
	if (muni == NULL)
		muni = "";
	if (st->business_links != NULL) {
		/* The name's length first: no text can make two pairs one key. */
		link = xasprintf("%zu:%s%s", name ? strlen(name) : 0, name ? name : "", muni);
		if ((kept = strmap_get(st->business_links, link)) != NULL) {
			snprintf(out, UUID_LEN + 1, "%s", kept);
			rc = 0;
			goto out;
		}
	}
	key = business_name_key(name ? name : "");
	if (*key == '\0') {
		rc = 0;
		goto out;
	}
	if (store_business_find(st, key, muni, 1, take_first, out, err) != 0)
		goto out;
	if (out[0] != '\0') {
		rc = 0;
		goto keep;
	}
	muni_key = text_fold(muni);
	business_auto_id(key, muni_key, out);
	if (business_resolve(st, out, out, NULL, &lookup) == 0) {
		rc = 0;		/* made here or elsewhere before, perhaps merged since */
		goto keep;
	}
	/* Not to be made, or deleted by someone with no survivor: no link rather than a
	 * revival. Nor is a business made of hostile text (a file that arrived with terminal
	 * controls is kept but never shown): it would send that text on as a new record. */
	sector = record_field_str(r, "sector");
	if (!make || is_hostile(name) || is_hostile(muni) || is_hostile(sector) ||
	    db_int(st, 0, "SELECT count(*) FROM record WHERE id = ?", "t", out) != 0) {
		out[0] = '\0';
		rc = 0;
		goto out;
	}
	b = record_new("business");
	snprintf(b->id, sizeof b->id, "%s", out);
	json_object_set_new(b->fields, "name", json_string(name));
	json_object_set_new(b->fields, "municipality", json_string(muni));
	if (sector != NULL)
		json_object_set_new(b->fields, "sector", json_string(sector));
	/* Everything else from r too, none of it from this laptop (see the header). */
	free(b->volunteer);
	b->volunteer = xstrdup(r->volunteer ? r->volunteer : "");
	free(b->device);
	b->device = xstrdup(r->device ? r->device : "");
	b->rev = 1;
	memcpy(b->created, r->created, sizeof b->created);
	memcpy(b->updated, r->created, sizeof b->updated);
	body = record_to_json(b);
	/* The write forgets the links kept (a business row): this one is kept after it. */
	if (record_write(st, b, body, body, 1, NULL, err) != 0 ||
	    store_clock_see(st, b->rev, err) != 0)
		goto out;
	rc = 0;
keep:
	if (link != NULL && out[0] != '\0')
		*strmap_slot(st->business_links, link, NULL) = xstrdup(out);
out:
	error_clear(&lookup);
	free(body);
	record_free(b);
	free(muni_key);
	free(key);
	free(link);
	return rc;
}

int
store_business_column(struct store *st, const struct record *r, int make, char *out,
    struct error *err)
{
	const char *id = record_field_str(r, "business_id");
	struct error lookup = { 0 };

	out[0] = '\0';
	if (!business_kind_links(r->kind))
		return 0;
	if (id != NULL && uuid_valid(id)) {
		/* A business not here yet (later in the same import) keeps its id as given. */
		if (business_resolve(st, id, out, NULL, &lookup) != 0)
			snprintf(out, UUID_LEN + 1, "%s", id);
		error_clear(&lookup);
		return 0;
	}
	if (r->deleted)
		return 0;
	return store_business_autolink(st, r, make, out, err);
}

int
store_business_records(struct store *st, const char *business_id, const char *kind,
    record_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	/* Prepared for this call only: the callback may run the store's statements. The
	 * business's own index (record_by_business) reads its few rows; "+r.deleted" keeps
	 * SQLite from walking record_by_date through every record instead, for its order
	 * (no ANALYZE statistics here), as it did: a summary at 100,000 records read them
	 * all. Not INDEXED BY: a first import drops that index until its end. */
	stmt = db_prepare(st, "SELECT " STORE_RECORD_COLUMNS " FROM record r WHERE"
	    " r.business_id = ?1 AND r.business_id <> '' AND +r.deleted = 0"
	    " AND (?2 IS NULL OR r.kind = ?2) ORDER BY r.date, r.id", err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, business_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
	rc = store_each_row(st, stmt, cb, payload, _("reading a business's records"), err);
	sqlite3_finalize(stmt);
	return rc;
}

const char *
store_agenda_day(const struct record *r)
{
	const char *status;

	if (r->deleted)
		return NULL;
	if (strcmp(r->kind, "visit") == 0)
		return record_field_str(r, "follow_up");
	if (strcmp(r->kind, "task") != 0)
		return NULL;
	status = record_field_str(r, "status");
	return status != NULL && strcmp(status, "done") == 0 ? NULL :
	    record_field_str(r, "due");
}

/* Everyone's agenda, or one volunteer's (record_agenda's index): two statements, since
 * "?2 IS NULL OR volunteer = ?2" would read every row. */
#define AGENDA_ROWS "SELECT " STORE_RECORD_COLUMNS ", r.agenda FROM record r" \
	" WHERE r.agenda IS NOT NULL AND r.agenda <= ?1"
#define AGENDA_ORDER " ORDER BY r.agenda, r.id"

int
store_agenda(struct store *st, const char *volunteer, const char *until, agenda_cb cb,
    void *payload, struct error *err)
{
	sqlite3_stmt *stmt;
	struct record *r = NULL;
	char when[16];
	int rc, stop = 0;

	stmt = db_prepare(st, volunteer != NULL ? AGENDA_ROWS " AND r.volunteer = ?2"
	    AGENDA_ORDER : AGENDA_ROWS AGENDA_ORDER, err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, until, -1, SQLITE_STATIC);
	if (volunteer != NULL)
		sqlite3_bind_text(stmt, 2, volunteer, -1, SQLITE_STATIC);
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (store_row_record(stmt, 0, &r, err) != 0) {
			sqlite3_finalize(stmt);
			return -1;
		}
		snprintf(when, sizeof when, "%.10s", sqlite3_column_text(stmt, 4));
		stop = cb(r, when, payload);
		record_free(r);
		r = NULL;
	}
	if (stop)
		rc = SQLITE_DONE;
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("reading the agenda"));
}

int
store_agenda_count(struct store *st, const char *volunteer, const char *today,
    long *due_today, long *overdue, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = db_prepare(st, volunteer != NULL ?
	    "SELECT count(*) FILTER (WHERE agenda = ?1), count(*) FILTER (WHERE agenda < ?1)"
	    " FROM record WHERE volunteer = ?2 AND agenda IS NOT NULL AND agenda <= ?1" :
	    "SELECT count(*) FILTER (WHERE agenda = ?1), count(*) FILTER (WHERE agenda < ?1)"
	    " FROM record WHERE agenda IS NOT NULL AND agenda <= ?1", err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, today, -1, SQLITE_STATIC);
	if (volunteer != NULL)
		sqlite3_bind_text(stmt, 2, volunteer, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*due_today = (long)sqlite3_column_int64(stmt, 0);
		*overdue = (long)sqlite3_column_int64(stmt, 1);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? 0 : db_error(st, err, _("reading the agenda"));
}

/* Migration 8 -> 9: the agenda column of the rows there are, and every business's name
 * key as business_name_key makes it now. */
int
store_agenda_migrate(struct store *st, struct error *err)
{
	sqlite3_stmt *stmt, *upd = NULL;
	struct record *r = NULL;
	char *key = NULL;
	int rc = -1, step;

	stmt = db_prepare(st, "SELECT " STORE_RECORD_COLUMNS " FROM record r WHERE r.deleted = 0"
	    " AND r.kind IN ('visit', 'task', 'business')", err);
	if (stmt == NULL)
		return -1;
	if ((upd = db_prepare(st, "UPDATE record SET agenda = ?2, name_key = coalesce(?3,"
	    " name_key) WHERE id = ?1", err)) == NULL)
		goto out;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (store_row_record(stmt, 0, &r, err) != 0)
			goto out;
		key = strcmp(r->kind, "business") == 0 ? business_name_key(record_label(r)) : NULL;
		sqlite3_bind_text(upd, 1, r->id, -1, SQLITE_STATIC);
		if (store_agenda_day(r) != NULL)
			sqlite3_bind_text(upd, 2, store_agenda_day(r), -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(upd, 2);
		if (key != NULL)
			sqlite3_bind_text(upd, 3, key, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(upd, 3);
		if (sqlite3_step(upd) != SQLITE_DONE) {
			db_error(st, err, _("reading the agenda"));
			goto out;
		}
		sqlite3_reset(upd);
		sqlite3_clear_bindings(upd);
		free(key);
		key = NULL;
		record_free(r);
		r = NULL;
	}
	rc = step == SQLITE_DONE ? 0 : db_error(st, err, _("reading the agenda"));
out:
	free(key);
	record_free(r);
	sqlite3_finalize(upd);
	sqlite3_finalize(stmt);
	return rc;
}

int
store_business_is_live(struct store *st, const char *id)
{
	if (live_noted(st, id))
		return 1;
	return db_int(st, 0, "SELECT 1 FROM record WHERE id = ? AND kind = 'business' AND"
	    " deleted = 0", "t", id) == 1;
}

void
store_business_of(struct store *st, const char *record_id, char *out)
{
	char *id = db_text(st, "SELECT business_id FROM record WHERE id = ?", "t", record_id);

	snprintf(out, UUID_LEN + 1, "%s", id ? id : "");
	free(id);
}

int
store_business_written(struct store *st, const struct record *r, struct error *err)
{
	const char *into = record_field_str(r, "merged_into");
	char live[UUID_LEN + 1];
	struct error lookup = { 0 };

	if (strcmp(r->kind, "business") == 0)
		store_business_links_forget(st);
	if (strcmp(r->kind, "business") != 0 || !r->deleted || into == NULL ||
	    business_resolve(st, into, live, NULL, &lookup) != 0) {
		error_clear(&lookup);
		return 0;
	}
	return db_exec(st, err, "UPDATE record SET business_id = ? WHERE business_id = ?",
	    "tt", live, r->id);
}

int
store_business_migrate(struct store *st, struct error *err)
{
	sqlite3_stmt *stmt;
	char **ids = NULL, link[UUID_LEN + 1];
	size_t n = 0, cap = 0, i;
	struct record *r = NULL;
	int rc = -1, step;

	stmt = db_prepare(st, "SELECT id FROM record WHERE kind IN ('visit', 'task')"
	    " ORDER BY id", err);
	if (stmt == NULL)
		return -1;
	/* The ids first: the links add business rows to the table being read. */
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n == cap)
			ids = xrealloc(ids, (cap = cap ? cap * 2 : 256) * sizeof *ids);
		ids[n++] = column_malloc(stmt, 0);
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		db_error(st, err, _("linking records to businesses"));
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (store_record_get(st, ids[i], &r, err) != 0 ||
		    store_business_column(st, r, 1, link, err) != 0 ||
		    db_exec(st, err, "UPDATE record SET business_id = ? WHERE id = ?", "tt",
		    link, ids[i]) != 0)
			goto out;
		record_free(r);
		r = NULL;
	}
	rc = 0;
out:
	record_free(r);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return rc;
}
