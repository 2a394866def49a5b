/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What an import's batch (core/store_sync.h) remembers, and when it forgets it:
 * - the business an older record (no business_id) is linked to is looked up once for a
 *   name and municipality, not once a record (store_business_links_keep): counted in the
 *   statements SQLite starts, not in time;
 * - a business row written in the batch, and each commit of it, forget those links: a
 *   business that arrives with a lower id takes the next records, as the look-up gives;
 * - the search text of a row that was there before the batch, or before the last flush,
 *   is replaced, never doubled, although the flush looks up only those rows (fts_floor).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/store_internal.h"
#include "core/store_sync.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tests/testlib.h"

/* The look-ups of a business by its key (store_business_find) that SQLite starts. */
static int
note_find(unsigned type, void *payload, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);

	(void)type;
	(void)x;
	if (sql != NULL && strstr(sql, "INDEXED BY record_business_key") != NULL &&
	    strstr(sql, "municipality_key = fold(?2) ORDER BY id") != NULL)
		(*(int *)payload)++;
	return 0;
}

static struct record *
make(const char *kind, const char *id, const char *name, const char *text)
{
	struct record *r = record_new(kind);

	snprintf(r->id, sizeof r->id, "%s", id);
	free(r->volunteer);
	r->volunteer = xstrdup("ana");
	free(r->device);
	r->device = xstrdup("laptop-ana");
	r->rev = 1;
	snprintf(r->created, sizeof r->created, "2026-11-02T10:00:00Z");
	snprintf(r->updated, sizeof r->updated, "2026-11-02T10:00:00Z");
	json_object_set_new(r->fields, kind[0] == 'b' ? "name" : "business", json_string(name));
	json_object_set_new(r->fields, "municipality", json_string("Almazán"));
	json_object_set_new(r->fields, "date", json_string("2026-11-02"));
	if (text != NULL)
		json_object_set_new(r->fields, "findings", json_string(text));
	return r;
}

/* Put r through the batch; its business_id column into link. */
static int
put(struct store *st, struct store_batch *b, struct record *r, char *link)
{
	struct error err = { 0 };
	char *body = record_to_json(r), *col;
	int rc = store_batch_put(b, r, body, body, 0, NULL, &err);

	if (rc != 0)
		diag("put %s: %s", r->id, err.msg);
	col = db_text(st, "SELECT business_id FROM record WHERE id = ?", "t", r->id);
	snprintf(link, UUID_LEN + 1, "%s", col ? col : "");
	free(col);
	free(body);
	record_free(r);
	return rc;
}

static long
matches(struct store *st, const char *word)
{
	return (long)db_int(st, -1, "SELECT count(*) FROM record_fts WHERE record_fts MATCH ?",
	    "t", word);
}

int
main(void)
{
	char dir[] = "/tmp/t0352-XXXXXX", *path;
	char first[UUID_LEN + 1], link[UUID_LEN + 1], older[UUID_LEN + 1];
	struct store *st = NULL;
	struct store_batch *b = NULL;
	struct error err = { 0 };
	int finds = 0, i;

	if ((st = test_store_new(dir, &path)) == NULL)
		return 1;
	/* A record there before the batch, indexed. */
	if (store_begin(st, &err) != 0 || store_batch_begin(st, &b, &err) != 0)
		diag("batch: %s", err.msg);
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000001", "Bar Sol",
	    "antes"), link);
	if (store_batch_end(b, &err) != 0 || store_commit(st, &err) != 0)
		diag("end: %s", err.msg);
	b = NULL;

	if (store_begin(st, &err) != 0 || store_batch_begin(st, &b, &err) != 0)
		diag("batch: %s", err.msg);
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, note_find, &finds);
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000010", "Bar Sol", NULL),
	    first);
	ok(first[0] != '\0', "an older visit is linked to its business (%s)", first);
	is_int(finds, 1, "the business is looked up for the first record");
	finds = 0;
	for (i = 0; i < 5; i++) {
		char id[64];

		snprintf(id, sizeof id, "019a0000-0000-7000-8000-0000000001%02d", i);
		put(st, b, make(i % 2 ? "task" : "visit", id, "Bar Sol", NULL), link);
		if (strcmp(link, first) != 0)
			break;
	}
	is_str(link, first, "the records of the same business and place share its link");
	is_int(finds, 0, "and it is not looked up again for them");
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000200", "Bar Luna", NULL),
	    link);
	ok(link[0] != '\0' && strcmp(link, first) != 0, "another business, another link");
	is_int(finds, 1, "looked up once");

	/* A business of the same name arrives, with an id before the one made: the look-up
	 * takes the oldest id, so the next record links to it. */
	snprintf(older, sizeof older, "00000000-0000-7000-8000-000000000001");
	ok(strcmp(older, first) < 0, "the arriving business sorts first");
	put(st, b, make("business", older, "Bar Sol", NULL), link);
	finds = 0;
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000300", "Bar Sol", NULL),
	    link);
	is_str(link, older, "a business written in the batch is taken by the next record");
	is_int(finds, 1, "the links kept were forgotten when it was written");

	/* Each commit of the batch forgets them too. */
	if (store_batch_flush(b, &err) != 0 || store_commit(st, &err) != 0 ||
	    store_begin(st, &err) != 0)
		diag("flush: %s", err.msg);
	finds = 0;
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000301", "Bar Sol", NULL),
	    link);
	is_str(link, older, "the same link after a commit");
	is_int(finds, 1, "looked up again after the commit");
	sqlite3_trace_v2(st->db, 0, NULL, NULL);

	/* Search text: a row from before the batch, one written before the flush above,
	 * and one new since, each given new text. */
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000001", "Bar Sol",
	    "despues"), link);
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000300", "Bar Sol",
	    "cambiado"), link);
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000400", "Bar Sol",
	    "primero"), link);
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000400", "Bar Sol",
	    "segundo"), link);
	if (store_batch_end(b, &err) != 0 || store_commit(st, &err) != 0)
		diag("end: %s", err.msg);
	b = NULL;
	is_int(matches(st, "antes"), 0, "a row from before the batch: its old text is gone");
	is_int(matches(st, "despues"), 1, "and its new text is found once");
	is_int(matches(st, "cambiado"), 1, "a row flushed earlier in the batch: new text");
	is_int(matches(st, "primero"), 0, "a row written twice between flushes: the last text");
	is_int(matches(st, "segundo"), 1, "found once");
	is_int(test_search_index_astray(st->db), 0, "the index holds each row's text, no other");

	/* A third batch: a row from before it written twice, its date moved by the second
	 * write (and its key with it), and another made a tombstone. */
	if (store_begin(st, &err) != 0 || store_batch_begin(st, &b, &err) != 0)
		diag("batch: %s", err.msg);
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000001", "Bar Sol",
	    "tercero"), link);
	{
		struct record *r = make("visit", "019a0000-0000-7000-8000-000000000001",
		    "Bar Sol", "cuarto");

		json_object_set_new(r->fields, "date", json_string("2025-03-04"));
		put(st, b, r, link);
		r = make("visit", "019a0000-0000-7000-8000-000000000400", "Bar Sol",
		    "segundo");
		r->deleted = 1;
		put(st, b, r, link);
	}
	if (store_batch_end(b, &err) != 0 || store_commit(st, &err) != 0)
		diag("end: %s", err.msg);
	b = NULL;
	is_int(matches(st, "despues") + matches(st, "tercero"), 0,
	    "a row written twice in a batch: neither its text before nor its first is found");
	is_int(matches(st, "cuarto"), 1, "its last is, once");
	is_int(matches(st, "segundo"), 0, "a tombstone's text is gone");
	is_int(test_search_index_astray(st->db), 0, "and the index holds the rows' text");

	/* A batch rolled back leaves the index as it was. */
	if (store_begin(st, &err) != 0 || store_batch_begin(st, &b, &err) != 0)
		diag("batch: %s", err.msg);
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000001", "Bar Sol",
	    "quinto"), link);
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000500", "Bar Sol",
	    "sexto"), link);
	if (store_batch_flush(b, &err) != 0)
		diag("flush: %s", err.msg);
	store_batch_end(b, NULL);
	store_rollback(st);
	b = NULL;
	is_int(matches(st, "quinto") + matches(st, "sexto"), 0, "a batch rolled back: no text");
	is_int(matches(st, "cuarto"), 1, "and the text before it is still found");
	is_int(test_search_index_astray(st->db), 0, "the index holds the rows' text");
	/* After the rollback, the same rowids are given again; a row written twice in the
	 * next batch is taken out once. */
	if (store_begin(st, &err) != 0 || store_batch_begin(st, &b, &err) != 0)
		diag("batch: %s", err.msg);
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000501", "Bar Sol",
	    "septimo"), link);
	if (store_batch_flush(b, &err) != 0 || store_commit(st, &err) != 0 ||
	    store_begin(st, &err) != 0)
		diag("flush: %s", err.msg);
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000501", "Bar Sol",
	    "octavo"), link);
	put(st, b, make("visit", "019a0000-0000-7000-8000-000000000501", "Bar Sol",
	    "noveno"), link);
	if (store_batch_end(b, &err) != 0 || store_commit(st, &err) != 0)
		diag("end: %s", err.msg);
	b = NULL;
	is_int(matches(st, "septimo") + matches(st, "octavo"), 0, "earlier texts gone");
	is_int(matches(st, "noveno"), 1, "the last found once");
	is_int(test_search_index_astray(st->db), 0, "the index holds the rows' text");
	{
		char *check = db_text(st, "PRAGMA integrity_check", "");

		is_str(check ? check : "", "ok", "integrity_check");
		free(check);
	}
	store_close(st);
	free(path);
	done_testing();
	return 0;
}
