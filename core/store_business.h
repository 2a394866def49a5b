/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_business.h: what the business registry (core/business.h) asks of the store.
 *
 * Two columns of the record table serve it (schema version 6): name_key, the
 * business_name_key of a business's name, and business_id, the live business a visit or
 * a task points at. business_id is the file's fields.business_id with merge pointers
 * followed; for a record written by an older program (no business_id), the automatic
 * link of store_business_autolink. Those links live in the column only: nobody else's
 * file is rewritten for them.
 */
#ifndef VOLUNTEER_STORE_BUSINESS_H
#define VOLUNTEER_STORE_BUSINESS_H

#include "core/error.h"
#include "core/store.h"

/* One business row: borrowed strings, valid during the call. Non-zero stops. */
typedef int (*business_row_cb)(const char *id, const char *name, const char *municipality,
    void *payload);

/*
 * The live businesses whose name_key is key: those of municipality (folded) first, then
 * the others (none when only_municipality), oldest id first within each. The callback
 * must not call store_business_find again (its statement is the store's cached one).
 */
int store_business_find(struct store *st, const char *key, const char *municipality,
    int only_municipality, business_row_cb cb, void *payload, struct error *err);

/* One business offered while a name is typed: owned strings (business_hits_free). */
struct business_hit {
	char id[UUID_LEN + 1];
	char *name;
	char *municipality;
};

/*
 * The live businesses whose name_key starts with key_prefix (a business_name_key), at
 * most max into out[], those of municipality (folded) first, then the others; by key,
 * then as stored, within each. *n gets how many. Two range reads, of the indexes
 * record_business_place and record_business_key, each with LIMIT, so that the cost
 * follows max, not the registry (bench/b-business.sh). An empty prefix offers nothing.
 */
int store_business_suggest(struct store *st, const char *key_prefix,
    const char *municipality, struct business_hit *out, int max, int *n,
    struct error *err);
void business_hits_free(struct business_hit *h, int n);

/*
 * The business r (a visit or task of an older program, without business_id) belongs to,
 * into out (UUID_LEN + 1; "" when its name has no letter or digit, or none is found):
 * the oldest live business of the same name key in its municipality; else the one at
 * business_auto_id, which with `make` is made now when there is none. In the caller's
 * transaction.
 *
 * Both the migration and sync's import make it (make = 1): a record of an older program
 * that arrives is linked as one migrated here, and the business it needs is dirty, so
 * the commit of the sync that made it carries it (until then `status` is not safe).
 * Two laptops that make it for the same record must write the same file, or each would
 * push its own and they would merge or clash: so nothing in it comes from this laptop.
 * Its id is business_auto_id; its name, municipality and sector are r's; its author and
 * device are r's; its created and updated are r's created (which no edit of r moves);
 * its rev is 1, and its base is itself, as if both laptops had last seen it (an edit of
 * it that arrives then merges cleanly over it). Two different old records of one
 * business can still make two versions of it (a spelling that differs): they merge as
 * any concurrent edit. A business at that id deleted without a survivor is not revived,
 * and none is made from a name, municipality or sector with terminal controls (such a
 * file is kept but never shown; its text is not sent on in a new record).
 * A save of this program's own forms never gets here: business_link links those.
 */
int store_business_autolink(struct store *st, const struct record *r, int make, char *out,
    struct error *err);

/*
 * A batch (core/store_sync.h) keeps the links store_business_autolink finds or makes
 * (on = 1) until it ends (on = 0); store_business_links_forget drops them, as any write
 * of a business row does, and the batch does at each of its commits. Why: the records of
 * a programme name few businesses (bench/gen-sync's 100,000 name 80), and looking each
 * record's up again, its key made and its municipality folded, was 13 % of a first
 * import's writes (callgrind, 10,000 records). Only a link found is kept, by the
 * record's own business and municipality text: the look-up would give it again while no
 * business row changes.
 */
void store_business_links_keep(struct store *st, int on);
void store_business_links_forget(struct store *st);

/* The business_id column of r's row: the file's business_id followed through merges, or
 * the automatic link (make as above). out: UUID_LEN + 1 bytes ("" for other kinds). */
int store_business_column(struct store *st, const struct record *r, int make, char *out,
    struct error *err);

/* The records (visits, tasks; tombstones not) whose business_id column is business_id,
 * only those of kind when it is not NULL, oldest date first. The callback may read the
 * store; non-zero stops. */
int store_business_records(struct store *st, const char *business_id, const char *kind,
    record_cb cb, void *payload, struct error *err);

/*
 * The agenda: visits whose follow_up and tasks (not done) whose due date is on or before
 * until (YYYY-MM-DD), of volunteer (NULL: everyone's), soonest first. The callback gets
 * the record and the date it is on the agenda for; non-zero stops.
 */
typedef int (*agenda_cb)(const struct record *r, const char *when, void *payload);
int store_agenda(struct store *st, const char *volunteer, const char *until, agenda_cb cb,
    void *payload, struct error *err);

/* The same records counted, without reading them: those due on `today` and those due
 * before it (the status bar at every start). */
int store_agenda_count(struct store *st, const char *volunteer, const char *today,
    long *due_today, long *overdue, struct error *err);

/*
 * The day r is on the agenda for, the one rule of what the agenda holds: a live visit's
 * follow_up, a live task's due unless its status is done; NULL for anything else (and for
 * a value that is not text). Borrowed from r. The record writer keeps it in the agenda
 * column, so that the agenda reads its rows by index.
 */
const char *store_agenda_day(const struct record *r);
/* The schema's step to version 9 (core/store.c): fill the agenda column and renew every
 * business's name key. In the migration's transaction. */
int store_agenda_migrate(struct store *st, struct error *err);

/* 1 when id is the row of a live business (not a tombstone), else 0. */
int store_business_is_live(struct store *st, const char *id);

/* The business record_id's row points at (its business_id column) into out (UUID_LEN + 1
 * bytes); "" when none or no such record. */
void store_business_of(struct store *st, const char *record_id, char *out);

/* After r's row is written: a business tombstone with merged_into takes the rows that
 * pointed at it over to its survivor (laptops that still link to the old id follow). */
int store_business_written(struct store *st, const struct record *r, struct error *err);

/* Migration 5 -> 6: fill business_id and name_key for every row, making the businesses
 * the old records need. In the migration's transaction. */
int store_business_migrate(struct store *st, struct error *err);

#endif
