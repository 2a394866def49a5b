/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SQLite store: saving, listing, searching, paging, the Lamport clock, the sync
 * state, drafts, reviews, and the lock against a second instance. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/store.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static struct record *
visit(const char *business, const char *date, const char *muni)
{
	struct record *r = record_new("visit");

	json_object_set_new(r->fields, "business", json_string(business));
	json_object_set_new(r->fields, "date", json_string(date));
	json_object_set_new(r->fields, "municipality", json_string(muni));
	return r;
}

static int
collect_ids(const struct record *r, void *payload)
{
	char *buf = payload;

	strcat(buf, record_label(r));
	strcat(buf, ";");
	return 0;
}

static char *
list(struct store *st, const struct record_filter *f)
{
	static char buf[4096];
	struct error err = { 0 };

	buf[0] = '\0';
	if (store_list(st, f, collect_ids, buf, &err) != 0)
		diag("list: %s", err.msg);
	return buf;
}

static long
count(struct store *st, const struct record_filter *f)
{
	long n = -1;

	store_count(st, f, &n, NULL);
	return n;
}

static int
first_page_end(const struct record *r, void *payload)
{
	struct record **last = payload;

	record_free(*last);
	*last = record_dup(r);
	return 0;
}

int
main(void)
{
	char dir[] = "/tmp/t0010-XXXXXX", *path, *s;
	struct store *st = NULL, *st2 = NULL;
	struct error err = { 0 };
	struct record_filter f = { 0 };
	struct record *r, *got = NULL, *last = NULL;
	struct review rv = { 0 };
	struct draft d = { 0 }, *dl = NULL;
	sqlite3 *db;
	sqlite3_stmt *stmt;
	long n;
	struct stat sb;
	int64_t rev1;
	char id[UUID_LEN + 1], by[] = "ana", comment[] = "falta la fecha de seguimiento";
	int i;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/data", dir);
	ok(store_open(&st, path, &err) == 0, "store opens and creates its folder");
	ok(store_device(st) != NULL && strlen(store_device(st)) > 4, "a device id is made");

	ok(store_open(&st2, path, &err) != 0 && err.kind == ERR_LOCKED,
	    "a second instance is refused");
	ok(strstr(err.msg, "in use by another volunteer program") != NULL,
	    "with a message that says why");
	s = xasprintf("(pid %ld)", (long)getpid());
	ok(strstr(err.msg, s) != NULL, "and names the holder's pid");
	free(s);
	/* The pid is found when asked for, not written at every open: a write to the lock
	 * file waited on the filesystem's journal at every start. */
	s = xasprintf("%s/volunteer.lock", path);
	ok(stat(s, &sb) == 0 && sb.st_size == 0, "the lock file is not written");
	free(s);

	r = visit("Panadería Las Eras", "2026-11-20", "Almazán");
	ok(store_record_save(st, r, "maria", &err) == 0, "save a new record");
	ok(r->id[0] != '\0' && r->rev >= 1, "id and rev are set");
	is_str(r->volunteer, "maria", "author is set");
	is_str(r->device, store_device(st), "device is this laptop");
	rev1 = r->rev;
	memcpy(id, r->id, sizeof id);
	json_object_set_new(r->fields, "findings", json_string("Sin web"));
	ok(store_record_save(st, r, "maria", &err) == 0 && r->rev == rev1 + 1,
	    "an edit moves rev to max(seen) + 1");
	record_free(r);

	ok(store_record_get(st, id, &got, &err) == 0, "get it back");
	is_str(record_field_str(got, "findings"), "Sin web", "with the edit");
	ok(!got->synced, "not synced yet");
	record_free(got);
	ok(store_record_get(st, "019aa0b0-6d0c-7a1b-8c2d-3e4f5a6b7c8d", &got, &err) != 0 &&
	    err.kind == ERR_NOTFOUND, "an unknown id is not found");

	r = visit("Bar Plaza", "2026-11-18", "Berlanga");
	store_record_save(st, r, "maria", &err);
	record_free(r);
	r = visit("Taller Ñandú", "2026-11-19", "Berlanga");
	store_record_save(st, r, "pedro", &err);
	record_free(r);

	is_str(list(st, &f), "Panadería Las Eras;Taller Ñandú;Bar Plaza;", "newest first");
	f.volunteer = "maria";
	is_int(count(st, &f), 2, "filter by volunteer");
	f.volunteer = NULL;
	f.municipality = "berlanga";
	is_int(count(st, &f), 2, "municipality ignores case");
	f.municipality = NULL;
	f.from = "2026-11-19";
	f.to = "2026-11-19";
	is_str(list(st, &f), "Taller Ñandú;", "date range is inclusive");
	f.from = f.to = NULL;
	f.search = "panaderia";
	is_str(list(st, &f), "Panadería Las Eras;", "search ignores accents");
	f.search = "nand";
	is_str(list(st, &f), "Taller Ñandú;", "search takes prefixes");
	f.search = "\") OR 1 --";
	is_int(count(st, &f), 0, "FTS syntax in a search is only text");
	f.search = NULL;
	f.kind = "task";
	is_int(count(st, &f), 0, "filter by kind");
	f.kind = NULL;

	f.limit = 1;
	store_list(st, &f, first_page_end, &last, &err);
	f.after_date = last->fields ? record_field_str(last, "date") : NULL;
	f.after_id = last->id;
	is_str(list(st, &f), "Taller Ñandú;", "keyset paging continues after the last row");
	record_free(last);
	f.after_date = f.after_id = NULL;
	f.limit = 0;
	f.oldest_first = 1;
	is_str(list(st, &f), "Bar Plaza;Taller Ñandú;Panadería Las Eras;", "oldest first");
	f.after_date = "2026-11-18";
	f.after_id = "";
	is_str(list(st, &f), "Bar Plaza;Taller Ñandú;Panadería Las Eras;",
	    "oldest first, after a key, reads the newer rows");
	f.after_date = "2026-11-19";
	f.after_id = "~";
	is_str(list(st, &f), "Panadería Las Eras;", "and skips the rows up to the key");
	memset(&f, 0, sizeof f);

	ok(store_unsynced_count(st, &n, &err) == 0 && n == 3, "three records unsynced");
	ok(store_record_get(st, id, &got, &err) == 0, "reload");
	ok(store_record_mark_synced(st, id, got->rev - 1, NULL, &err) == 0, "mark an old rev");
	store_unsynced_count(st, &n, &err);
	is_int(n, 3, "an older rev does not mark a newer edit clean");
	store_record_mark_synced(st, id, got->rev, NULL, &err);
	store_unsynced_count(st, &n, &err);
	is_int(n, 2, "the pushed rev marks it clean");
	s = store_record_base(st, id);
	ok(s != NULL && strstr(s, "Sin web") != NULL, "the base is the synced file");
	free(s);

	got->deleted = 1;
	ok(store_record_save(st, got, "maria", &err) == 0, "delete is a save");
	record_free(got);
	is_int(count(st, &f), 2, "tombstones are not listed");
	f.include_deleted = 1;
	is_int(count(st, &f), 3, "unless asked");
	f.include_deleted = 0;
	f.search = "panaderia";
	is_int(count(st, &f), 0, "nor found by search");
	f.search = NULL;

	/* A record arriving from another laptop with a higher rev moves the clock. */
	r = visit("Farmacia", "2026-11-01", "Almazán");
	uuid_v7(r->id);
	free(r->volunteer);
	r->volunteer = xstrdup("pedro");
	r->rev = 41;
	strcpy(r->created, "2026-11-01T09:00:00Z");
	strcpy(r->updated, "2026-11-01T09:00:00Z");
	ok(store_record_put(st, r, NULL, 0, &err) == 0, "put a received record");
	json_object_set_new(r->fields, "findings", json_string("x"));
	store_record_save(st, r, "maria", &err);
	is_int(r->rev, 42, "the next local edit is max(seen) + 1");
	record_free(r);

	/* Reviews: the latest one decides whether a record is flagged. */
	snprintf(rv.record_id, sizeof rv.record_id, "%s", id);
	rv.by = by;
	strcpy(rv.status, "flagged");
	rv.comment = comment;
	ok(store_review_add(st, &rv, &err) == 0, "add a review");
	f.only_flagged = 1;
	f.include_deleted = 1;
	is_int(count(st, &f), 1, "the record is flagged");
	f.flagged_for = "maria";
	is_int(count(st, &f), 1, "flagged for its author");
	f.flagged_for = "pedro";
	is_int(count(st, &f), 0, "not for someone else");
	memset(&f, 0, sizeof f);
	ok(store_record_get(st, id, &got, &err) == 0 && got->flagged, "get says flagged");
	record_free(got);
	sleep(1);	/* reviews are ordered by time to the second */
	strcpy(rv.status, "ok");
	rv.comment = by + 3;
	store_review_add(st, &rv, &err);
	ok(store_record_get(st, id, &got, &err) == 0 && !got->flagged,
	    "a later ok clears the flag");
	record_free(got);

	/* Drafts survive a reopen (a dead battery). */
	strcpy(d.kind, "visit");
	d.fields = json_pack("{s:s}", "business", "Peña Çà ñ");
	ok(store_draft_save(st, &d, &err) == 0 && d.id > 0, "save a draft");
	json_object_set_new(d.fields, "findings", json_string("a medio escribir"));
	store_draft_save(st, &d, &err);
	json_decref(d.fields);

	ok(store_quarantine_add(st, "records/../x.json", "bad path", "abc", &err) == 0,
	    "quarantine a file");
	store_close(st);
	st = NULL;

	ok(store_open(&st, path, &err) == 0, "reopen after close");
	ok(store_draft_latest(st, &dl, &err) == 0 && dl != NULL, "the draft is there");
	is_str(dl ? json_string_value(json_object_get(dl->fields, "findings")) : NULL,
	    "a medio escribir", "with every character typed");
	ok(store_draft_delete(st, dl->id, &err) == 0, "delete the draft");
	draft_free(dl);
	dl = NULL;
	store_draft_latest(st, &dl, &err);
	ok(dl == NULL, "no draft left");
	store_close(st);

	/* The file is what DESIGN says: WAL, the latest schema version. */
	s = xasprintf("%s/volunteer.db", path);
	sqlite3_open(s, &db);
	sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL);
	sqlite3_step(stmt);
	is_str((const char *)sqlite3_column_text(stmt, 0), "wal", "journal mode is WAL");
	sqlite3_finalize(stmt);
	sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL);
	sqlite3_step(stmt);
	is_int(sqlite3_column_int(stmt, 0), 13, "schema version 13");
	sqlite3_finalize(stmt);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	free(s);
	ok(store_open(&st, path, &err) != 0 && strstr(err.msg, "newer version") != NULL,
	    "a database from a newer version is refused, not damaged");

	/* A read-only data folder: a clear message. */
	s = xasprintf("%s/ro", dir);
	mkdir(s, 0500);
	if (geteuid() == 0) {
		skip(1, "root can write anywhere");
	} else {
		ok(store_open(&st, s, &err) != 0 && strstr(err.msg, "read-only") != NULL,
		    "a read-only data folder is refused with a message");
	}
	free(s);
	for (i = 0; i < 1; i++)
		free(path);
	test_remove_dir(dir);
	return done_testing();
}
