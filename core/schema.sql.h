/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * schema.sql.h: the database schema, one migration per version (PRAGMA user_version).
 * A migration is appended, never edited: migrations[i] takes version i to i + 1.
 */
#ifndef VOLUNTEER_SCHEMA_H
#define VOLUNTEER_SCHEMA_H

#include "core/store_search_key.h"

static const char *const store_migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE meta(\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value TEXT NOT NULL\n"
	");\n"
	/* The current revision of every record, local or received. body is the repository
	 * file; the other columns are copies of it for listing and filtering. */
	"CREATE TABLE record(\n"
	"  id TEXT PRIMARY KEY,\n"
	"  kind TEXT NOT NULL,\n"
	"  volunteer TEXT NOT NULL,\n"
	"  rev INTEGER NOT NULL,\n"
	"  updated TEXT NOT NULL,\n"
	"  deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  date TEXT NOT NULL,\n"
	"  municipality TEXT NOT NULL DEFAULT '' COLLATE NOCASE,\n"
	"  label TEXT NOT NULL DEFAULT '',\n"
	"  body TEXT NOT NULL,\n"
	"  base TEXT,\n"			/* the last synced body: the merge base */
	"  dirty INTEGER NOT NULL DEFAULT 1,\n"	/* changed here, not yet on the remote */
	"  conflict INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX record_by_date ON record(deleted, date DESC, id DESC);\n"
	"CREATE INDEX record_by_kind ON record(kind, deleted, date DESC, id DESC);\n"
	"CREATE INDEX record_by_volunteer ON record(volunteer, kind, date DESC, id DESC);\n"
	"CREATE INDEX record_by_municipality ON record(municipality, date DESC);\n"
	"CREATE INDEX record_unsynced ON record(dirty) WHERE dirty = 1;\n"
	"CREATE VIRTUAL TABLE record_fts USING fts5(text,"
	" tokenize = '" STORE_SEARCH_TOKENIZE "');\n"
	"CREATE TABLE review(\n"
	"  id TEXT PRIMARY KEY,\n"
	"  record_id TEXT NOT NULL,\n"
	"  by TEXT NOT NULL,\n"
	"  status TEXT NOT NULL CHECK (status IN ('ok', 'flagged')),\n"
	"  comment TEXT NOT NULL DEFAULT '',\n"
	"  at TEXT NOT NULL,\n"
	"  dirty INTEGER NOT NULL DEFAULT 1\n"
	");\n"
	"CREATE INDEX review_by_record ON review(record_id, at, id);\n"
	"CREATE INDEX review_unsynced ON review(dirty) WHERE dirty = 1;\n"
	"CREATE TABLE draft(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  kind TEXT NOT NULL,\n"
	"  record_id TEXT NOT NULL DEFAULT '',\n"
	"  fields TEXT NOT NULL,\n"
	"  field TEXT,\n"
	"  updated TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE quarantine(\n"
	"  path TEXT PRIMARY KEY,\n"
	"  reason TEXT NOT NULL,\n"
	"  commit_id TEXT NOT NULL DEFAULT '',\n"
	"  at TEXT NOT NULL\n"
	");\n",
	/* 1 -> 2: a volunteer's own list ("mine", every kind or one) without scanning the
	 * other volunteers' rows or skipping tombstones one by one. */
	"DROP INDEX record_by_volunteer;\n"
	"CREATE INDEX record_by_volunteer ON record(volunteer, deleted, date DESC, id DESC);\n"
	"CREATE INDEX record_by_volunteer_kind ON record(volunteer, kind, deleted, date DESC,"
	" id DESC);\n",
	/* 2 -> 3: what a sync checks the shared repository against. synced_oid is the git
	 * blob id of the record's file as the shared repository last held it (imported or
	 * pushed), so that a rewritten history is compared with every record without
	 * reading a file; the losing versions still to be written under conflicts/ get a
	 * table of their own instead of "pending:" rows in meta. */
	"ALTER TABLE record ADD COLUMN synced_oid TEXT;\n"
	"CREATE TABLE pending(\n"
	"  path TEXT PRIMARY KEY,\n"		/* conflicts/<id>/<rev>-<device>.json */
	"  text TEXT NOT NULL\n"
	");\n"
	"INSERT INTO pending(path, text) SELECT substr(key, 9), value FROM meta"
	" WHERE key >= 'pending:' AND key < 'pending:~';\n"
	"DELETE FROM meta WHERE key >= 'pending:' AND key < 'pending:~';\n",
	/* 3 -> 4: --municipality almazan finds "Almazán", as the search does: the name
	 * folded (fold(), core/db.c: text_fold) in a column of its own, indexed; the
	 * NOCASE index, which folded ASCII only, is no longer read. */
	"ALTER TABLE record ADD COLUMN municipality_key TEXT NOT NULL DEFAULT '';\n"
	"UPDATE record SET municipality_key = fold(municipality);\n"
	"DROP INDEX record_by_municipality;\n"
	"CREATE INDEX record_by_municipality_key ON record(municipality_key, date DESC);\n",
	/* 4 -> 5: the losing versions of conflicts, kept here whether this laptop decided
	 * them (a copy of the pending row, which goes once pushed) or received them, so that
	 * a screen can show both sides; settled once a review resolves the conflict, so
	 * that reading the same file again (a whole-tree comparison) does not flag it anew. */
	"CREATE TABLE conflict_version(\n"
	"  path TEXT PRIMARY KEY,\n"		/* conflicts/<id>/<rev>-<device>.json */
	"  record_id TEXT NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  settled INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX conflict_version_by_record ON conflict_version(record_id);\n"
	"INSERT INTO conflict_version(path, record_id, text) SELECT path,"
	" substr(path, 11, 36), text FROM pending WHERE path LIKE 'conflicts/%';\n",
	/* 5 -> 6: a clean row's merge base is its body, said by a flag instead of a second copy
	 * of the file (half of the record table after a first import). */
	"ALTER TABLE record ADD COLUMN base_is_body INTEGER NOT NULL DEFAULT 0;\n"
	"UPDATE record SET base = NULL, base_is_body = 1 WHERE base = body;\n",
	/* 6 -> 7: the business registry (core/store_business.h). name_key is a business's
	 * name as matching compares it; business_id the business a visit or a task points
	 * at. store.c then links every existing visit and task (store_business_migrate), in
	 * the same transaction, with the record writer of today: the migrations before it
	 * are applied first. */
	"ALTER TABLE record ADD COLUMN business_id TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE record ADD COLUMN name_key TEXT NOT NULL DEFAULT '';\n"
	"CREATE INDEX record_business_key ON record(name_key)"
	" WHERE kind = 'business' AND deleted = 0;\n"
	"CREATE INDEX record_by_business ON record(business_id, date DESC)"
	" WHERE business_id <> '';\n",
	/* 7 -> 8: a municipality's businesses by name key (core/store_business.c), so that
	 * matching and the form's suggestions read the few rows they show, not every
	 * business of a prefix: 20,000 businesses, BENCHMARKS.md. */
	"CREATE INDEX record_business_place ON record(municipality_key, name_key)"
	" WHERE kind = 'business' AND deleted = 0;\n",
	/* 8 -> 9: the day a record is on the agenda (store_agenda_day): the agenda and the
	 * count at every start read a volunteer's few due rows by index instead of every
	 * visit and task's JSON (4.5 s at 1,000,000 records, BENCHMARKS.md). store.c fills
	 * it for the rows there are, and gives every business its name key again (the key
	 * learnt the punctuation beyond ASCII). */
	"ALTER TABLE record ADD COLUMN agenda TEXT;\n"
	"CREATE INDEX record_agenda ON record(volunteer, agenda) WHERE agenda IS NOT NULL;\n",
	/* 9 -> 10: the fields the report's figures read, each in a column of its own
	 * (STORE_FIGURE_COLUMNS, core/store_internal.h), so that a report reads no JSON:
	 * 5.4 us a record of parsing at 1,000,000 records, BENCHMARKS.md. No type, so that
	 * each keeps the value json_extract gives. store.c fills them for the rows there are
	 * (store_report_migrate). */
	"ALTER TABLE record ADD COLUMN fig_business;\n"
	"ALTER TABLE record ADD COLUMN fig_status;\n"
	"ALTER TABLE record ADD COLUMN fig_follow_up;\n"
	"ALTER TABLE record ADD COLUMN fig_attendees;\n"
	"ALTER TABLE record ADD COLUMN fig_attendees_65plus;\n"
	"ALTER TABLE record ADD COLUMN fig_women;\n"
	"ALTER TABLE record ADD COLUMN fig_duration_min;\n"
	"ALTER TABLE record ADD COLUMN fig_hours;\n"
	"ALTER TABLE record ADD COLUMN fig_sector;\n"
	"ALTER TABLE record ADD COLUMN fig_topics;\n"
	"ALTER TABLE record ADD COLUMN fig_men;\n"
	"ALTER TABLE record ADD COLUMN fig_satisfaction;\n",
	/* 10 -> 11: the search text of a record keyed by its day (STORE_SEARCH_KEY,
	 * core/store_internal.h), so that a search reads its matches newest first from the
	 * index: a common word whose records are all old walked the 500,000 newer rows to
	 * prove that none matched, or sorted its 500,000 matches (150 ms at 1,000,000 records,
	 * BENCHMARKS.md). The index is made again under the new keys, its text as it was:
	 * the text is set aside first (in memory: temp_store), so that the new index takes
	 * the old one's pages instead of growing the file by its size (0.4 GB at 1,000,000),
	 * and written in key order, as FTS5 wants (a lower rowid than the last written
	 * writes its pending terms out: one segment a row). The trigger moves a record's text
	 * when an update changes its date (to the same key, for two dates of day 0:
	 * harmless). */
	"CREATE TEMP TABLE record_fts_keyed(key INTEGER PRIMARY KEY, text TEXT);\n"
	"INSERT INTO temp.record_fts_keyed(key, text) SELECT "
	STORE_SEARCH_KEY("r.date", "r.rowid") ", f.text FROM record r JOIN record_fts f"
	" ON f.rowid = r.rowid;\n"
	"DROP TABLE record_fts;\n"
	"CREATE VIRTUAL TABLE record_fts USING fts5(text,"
	" tokenize = '" STORE_SEARCH_TOKENIZE "');\n"
	"INSERT INTO record_fts(rowid, text) SELECT key, text FROM temp.record_fts_keyed"
	" ORDER BY key;\n"
	"DROP TABLE temp.record_fts_keyed;\n"
	"CREATE TRIGGER record_fts_move AFTER UPDATE OF date ON record"
	" WHEN old.date IS NOT new.date BEGIN"
	" UPDATE record_fts SET rowid = " STORE_SEARCH_KEY("new.date", "new.rowid")
	" WHERE rowid = " STORE_SEARCH_KEY("old.date", "old.rowid") "; END;\n",
	/* 11 -> 12: a page of one municipality's records, and of the records in conflict,
	 * read in the list's order from an index of their own. The municipality's index had no
	 * `deleted`, so SQLite walked record_by_date, newest first, for the order, testing
	 * each record's place: a village whose records are all old read the 900,000 newer
	 * ones first (2 to 3.6 s at 1,000,000 records); the records in conflict, which are
	 * few, were found by reading every record (4.1 s). */
	"DROP INDEX record_by_municipality_key;\n"
	"CREATE INDEX record_by_municipality_key ON record(municipality_key, deleted,"
	" date DESC, id DESC);\n"
	"CREATE INDEX IF NOT EXISTS record_conflicts ON record(deleted, date DESC, id DESC)"
	" WHERE conflict = 1;\n",
	/* 12 -> 13: the search index keeps no copy of the texts (contentless): FTS5's own copy
	 * and its table of sizes were 12 % of the pages a first import wrote and a seventh of
	 * its time (BENCHMARKS.md). A record's text is taken out by giving the same text
	 * again, made from the body still in the row (core/store_record.c), so every text is
	 * made again here from the bodies by the function that will take it out
	 * (search_text, core/store_internal.h), in key order. No trigger moves a text when a
	 * date changes: FTS5 cannot update a contentless row, and the writer, the only one
	 * to change a date, takes the text out under the old key. Nothing reads a text back
	 * (no snippet, no rank), and columnsize=0 keeps no sizes. */
	"DROP TRIGGER IF EXISTS record_fts_move;\n"
	"DROP TABLE record_fts;\n"
	"CREATE VIRTUAL TABLE record_fts USING fts5(text, content = '', columnsize = 0,"
	" tokenize = '" STORE_SEARCH_TOKENIZE "');\n"
	"INSERT INTO record_fts(rowid, text) SELECT " STORE_SEARCH_KEY("date", "rowid")
	", search_text(body) FROM record WHERE deleted = 0 ORDER BY 1;\n",
};

#endif
