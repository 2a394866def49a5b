/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_sync.h: what sync/ needs from the store beyond store.h: a record's local state in
 * one read, the files that wait for the next commit, and the clearing of a quarantine
 * entry once a good version of the file arrives.
 */
#ifndef VOLUNTEER_STORE_SYNC_H
#define VOLUNTEER_STORE_SYNC_H

#include "core/error.h"
#include "core/record.h"
#include "core/store.h"

/*
 * The current revision of a record (local state filled in) and its merge base, in one
 * read. *out = NULL when there is no such record; *base = NULL when it has no base.
 * The caller frees both.
 */
int store_sync_lookup(struct store *st, const char *id, struct record **out, char **base,
    struct error *err);

/*
 * A batch of record reads and writes for a large import (a first sync takes 100,000
 * records): the page cache is enlarged for its length and the Lamport clock moves once,
 * at the end. store_batch_put writes through the store's one write of a record (the same
 * cached statements as store_record_put), with oid the blob id of the file as the shared
 * repository holds it (NULL: keep the one noted); a visit or a task without business_id
 * gets the business it names, made when none is known (store_business_autolink);
 * store_batch_lookup is store_sync_lookup. The caller holds a transaction around the
 * calls.
 */
struct store_batch;
int store_batch_begin(struct store *st, struct store_batch **out, struct error *err);
int store_batch_lookup(struct store_batch *b, const char *id, struct record **out,
    char **base, struct error *err);
int store_batch_put(struct store_batch *b, const struct record *r, const char *body,
    const char *base, int dirty, const char *oid, struct error *err);
/*
 * The search index of a batch is written at store_batch_flush, in one pass (see
 * record_write): call it before each commit inside a batch, in the transaction that wrote
 * the records, so that a kill never leaves a record unindexed.
 */
int store_batch_flush(struct store_batch *b, struct error *err);
/*
 * For a large first import: drop the secondary indexes of record (in the caller's
 * transaction) and note their definitions, so that store_batch_end builds them again
 * once every row is in; a store opened after a kill in between builds them at its open.
 */
int store_batch_defer_indexes(struct store_batch *b, struct error *err);
/* Flush, build the deferred indexes, move the clock to the highest rev written and free b (NULL is fine). With err
 * NULL (an import that failed and is rolled back) nothing is flushed. */
int store_batch_end(struct store_batch *b, struct error *err);

/*
 * Files to add to the next commit, kept until a push carries them: the losing side of a
 * conflict is decided during an import but must reach the repository with the merged
 * record, even if the program dies in between. path is the repository path.
 */
int store_sync_pending_add(struct store *st, const char *path, const char *text,
    struct error *err);
typedef int (*pending_cb)(const char *path, const char *text, void *payload);
int store_sync_pending_each(struct store *st, pending_cb cb, void *payload,
    struct error *err);
int store_sync_pending_remove(struct store *st, const char *path, struct error *err);

/* The shared repository lacks (or holds older) this record or review: send it again.
 * 1 when it was marked, 0 when it was unsynced already or is not here, -1 on error. */
int store_sync_mark_unsynced(struct store *st, const char *id, struct error *err);
int store_sync_review_mark_unsynced(struct store *st, const char *id, struct error *err);

/* One row of what this laptop holds, for comparing it with a whole tree of the shared
 * repository; the strings are borrowed for the call. */
struct sync_state {
	int is_review;
	const char *id;
	const char *kind;	/* records */
	const char *record_id;	/* reviews */
	int dirty;
	const char *oid;	/* records: the blob last seen on the shared repository, or NULL */
};
typedef int (*state_cb)(const struct sync_state *s, void *payload);
/* Every record and review; the callback returns non-zero to stop. */
int store_sync_each_state(struct store *st, state_cb cb, void *payload, struct error *err);

/* Forget a quarantined path (a good version of the file arrived). */
int store_sync_quarantine_remove(struct store *st, const char *path, struct error *err);

#endif
