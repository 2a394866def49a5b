/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store.h: the local SQLite store of records, reviews, drafts and sync state.
 *
 * One file, data_dir/volunteer.db, in WAL mode with synchronous=FULL; the schema is
 * versioned by PRAGMA user_version and migrated forward at open. Every write runs in a
 * transaction; all SQL is prepared with bound values. One process at a time holds the
 * store: store_open takes an exclusive flock on data_dir/volunteer.lock, and a second
 * process gets ERR_LOCKED with a message that says so (never a corrupt file).
 *
 * The store knows nothing of forms or git: callers validate before store_record_save, and
 * sync/ composes the store_record_put / store_record_mark_synced primitives. Nor does it
 * know the shapes of its fronts (the command line's --json is report/record_json.h).
 * Every write of a record, local or from sync, goes through one function and the same
 * prepared statements (core/store_internal.h).
 */
#ifndef VOLUNTEER_STORE_H
#define VOLUNTEER_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "core/error.h"
#include "core/record.h"

struct store;

int store_open(struct store **out, const char *data_dir, struct error *err);
/*
 * For a child process forked by the holder of the store (a sync that runs while the screen
 * stays live): a new connection to the same database, under the lock the child inherited.
 * The child must never use its parent's struct store.
 */
int store_open_in_child(struct store **out, const char *data_dir, struct error *err);
/*
 * For a command that only reads (list, show, status, export, report, summary, forms): the
 * store as store_open gives it, or, when another program holds it (the screens are open),
 * a read-only connection beside it that sees every committed write. A write through it
 * fails; ERR_LOCKED only when the holder's schema is not this program's.
 */
int store_open_reading(struct store **out, const char *data_dir, struct error *err);
/* 1 for a store opened read-only beside another program (store_open_reading). */
int store_is_reader(const struct store *st);
void store_close(struct store *st);
const char *store_data_dir(const struct store *st);
/* This laptop's id, made once at the first open and kept in the database. */
const char *store_device(const struct store *st);

/* Nested transactions: only the outermost commits; a rollback anywhere rolls back all. */
int store_begin(struct store *st, struct error *err);
int store_commit(struct store *st, struct error *err);
void store_rollback(struct store *st);

/* Small key/value state: "last_sync", "last_tip", "remote", ... Caller frees; NULL absent. */
char *store_meta_get(struct store *st, const char *key);
int store_meta_set(struct store *st, const char *key, const char *value, struct error *err);

/* ---- records ---- */

/* The current revision of a record (with local state filled in). ERR_NOTFOUND if none.
 * Tombstones are returned too (deleted = 1). */
int store_record_get(struct store *st, const char *id, struct record **out, struct error *err);
/* Resolve an id prefix of at least 4 characters to one record id (out: 37 bytes).
 * ERR_NOTFOUND if none, ERR_INVALID if ambiguous. */
int store_record_resolve(struct store *st, const char *prefix, char *out, struct error *err);
/*
 * The id to show a person: the shortest prefix of id that no other record of this
 * database shares, at least STORE_SHORT_ID_MIN characters (never ending in '-'), so that
 * store_record_resolve takes it back. Two index lookups (the neighbours in id order), so
 * a list of 100,000 rows can call it for each. out: UUID_LEN + 1 bytes; on a database
 * error, the whole id.
 */
#define STORE_SHORT_ID_MIN 8
void store_record_short_id(struct store *st, const char *id, char *out);

/*
 * A local write (add, edit, delete): the caller has validated r->fields. Sets id (when
 * empty), created (when new), updated = now, device = this laptop, volunteer (when empty)
 * = author, rev = record_rev_next(max rev seen) (Lamport), and marks it unsynced.
 * ERR_FAILED, and nothing written, when the computer's clock is not plausible (see
 * clock_check_now): earlier than the program's build or than this laptop's newest write.
 */
int store_record_save(struct store *st, struct record *r, const char *author, struct error *err);

/*
 * Write r exactly as given (no rev bump): for sync's import and merge. base is the last
 * synced file of the record (the merge base), or NULL to leave it as it is; dirty says
 * whether the record still has to be sent. The Lamport clock moves to at least r->rev.
 */
int store_record_put(struct store *st, const struct record *r, const char *base, int dirty,
    struct error *err);
/* The last synced file of a record (the merge base); caller frees; NULL if none. */
char *store_record_base(struct store *st, const char *id);
/* The shared repository holds revision rev of id, as the blob oid (hex; NULL: keep the
 * one noted): base = body and clean, but only if the record was not edited again
 * meanwhile (its rev is still rev). */
int store_record_mark_synced(struct store *st, const char *id, int64_t rev, const char *oid,
    struct error *err);
int store_record_set_conflict(struct store *st, const char *id, int conflict, struct error *err);

struct record_filter {
	const char *kind;		/* NULL: every kind */
	int work_only;			/* with kind NULL: the logged work, not the businesses */
	const char *volunteer;		/* NULL: everyone */
	const char *municipality;	/* the name, case and accents ignored (text_fold) */
	const char *from, *to;		/* YYYY-MM-DD, inclusive, on the record's date */
	const char *search;		/* words, each a prefix; accents ignored (FTS5) */
	int include_deleted;
	int only_unsynced;
	int only_conflict;
	int only_flagged;		/* the latest review says flagged */
	int only_unreviewed;		/* no review at all */
	int only_reviewed;		/* a review at least (the counts' complement) */
	const char *flagged_for;	/* flagged records whose author is this volunteer */
	/* Paging: newest first by (date, id). after_* continues after that row (keyset),
	 * which costs the same at any depth; offset is there for simple callers. */
	const char *after_date, *after_id;
	int oldest_first;		/* reverse the order; after_* then means "newer than" */
	long limit;			/* 0: no limit */
	long offset;
};

typedef int (*record_cb)(const struct record *r, void *payload);

/* Records that match, newest first; the callback returns non-zero to stop early. */
int store_list(struct store *st, const struct record_filter *f, record_cb cb, void *payload,
    struct error *err);
/* The ids alone of the records store_list would give, in its order: no record is read
 * (a shell completion asks on each Tab). */
int store_list_ids(struct store *st, const struct record_filter *f,
    int (*cb)(const char *id, void *payload), void *payload, struct error *err);
/*
 * The rows store_list would give, in its order, as what a list shows of each record
 * (struct record_row, record.h), read from the row's columns: no record file is decoded
 * (at 100,000 records jansson decoding a page's 20 files was 29 % of `list --limit 20`,
 * BENCHMARKS.md). A task's title, which no column keeps, is NULL unless want has
 * STORE_ROW_TITLE (then SQLite reads it from each task's file). The row and its strings
 * are borrowed for the callback, which returns non-zero to stop early.
 */
#define STORE_ROW_TITLE 1u
typedef int (*record_row_cb)(const struct record_row *row, void *payload);
int store_list_rows(struct store *st, const struct record_filter *f, unsigned want,
    record_row_cb cb, void *payload, struct error *err);
/* How many match; with after_*, how many lie beyond that row (a row's place in the list). */
int store_count(struct store *st, const struct record_filter *f, long *out,
    struct error *err);
/* Every unsynced record (tombstones included), oldest change first. */
int store_list_unsynced(struct store *st, record_cb cb, void *payload, struct error *err);

/* ---- reviews: a coordinator's ok or flag on a record ---- */

struct review {
	char id[UUID_LEN + 1];
	char record_id[UUID_LEN + 1];
	char *by;			/* the coordinator's volunteer id */
	char status[8];			/* "ok" or "flagged" */
	char *comment;
	char at[ISO_TIME_LEN + 1];
	int synced;
};

void review_free(struct review *rv);
#define REVIEW_COMMENT_MAX 4000	/* bytes; a review file stays far below its 64 KB limit */
/*
 * The rule for a comment a coordinator types, for every front: trimmed, required for a
 * flag (say what to check or fix), valid UTF-8, at most REVIEW_COMMENT_MAX bytes, no
 * hostile character (core/text.h) but line breaks. 0 and *out the clean comment (the
 * caller frees), or ERR_INVALID naming "comment" and the reason.
 */
int review_comment_clean(const char *text, int required, char **out, struct error *err);
/* The repository file reviews/<record-id>/<id>.json (sorted keys, indent 2). */
char *review_to_json(const struct review *rv);
int review_from_json(struct review **out, const char *text, size_t len, struct error *err);
json_t *review_to_object(const struct review *rv);

/* A new local review: sets id and at; unsynced. Refused as store_record_save is when
 * the clock is not plausible. */
int store_review_add(struct store *st, struct review *rv, struct error *err);
/* A review that arrived with sync (synced). Idempotent by id. */
int store_review_put(struct store *st, const struct review *rv, int synced,
    struct error *err);
typedef int (*review_cb)(const struct review *rv, void *payload);
/* The reviews of a record, oldest first. */
int store_reviews_of(struct store *st, const char *record_id, review_cb cb, void *payload,
    struct error *err);
int store_reviews_unsynced(struct store *st, review_cb cb, void *payload, struct error *err);
int store_review_mark_synced(struct store *st, const char *id, struct error *err);

/* ---- conflicts: the losing versions of a concurrent edit, and their settling ---- */

/* How a review that settles a conflict begins its comment (a contract for readers of the
 * repository, never translated): "conflict resolved", " (took rev N from DEVICE)" when the
 * losing version was taken, then ": " and the coordinator's words if any. */
#define REVIEW_RESOLVED "conflict resolved"
int review_is_resolution(const struct review *rv);

/* A losing version read from conflicts/<id>/<rev>-<device>.json of the shared
 * repository. 1 when it was settled already (a review resolved it: the record is not to
 * be flagged again), 0 when it is news, -1 on error. */
int store_conflict_version_add(struct store *st, const char *path, const char *record_id,
    const char *text, struct error *err);
/* The unsettled losing versions of a record, oldest first; lost is borrowed for the
 * call, path is its repository path. The callback returns non-zero to stop. */
typedef int (*conflict_cb)(const char *path, const struct record *lost, void *payload);
int store_conflict_versions(struct store *st, const char *record_id, conflict_cb cb,
    void *payload, struct error *err);
/* The volunteer whose records a laptop (device id) mostly wrote, or NULL when none is
 * known here: who wrote a version, since a record file names only its laptop. Caller
 * frees. */
char *store_device_owner(struct store *st, const char *device);

/* r takes the fields of lost, a losing version of the same record (same id and kind,
 * else ERR_INVALID naming "--take"); *what gets "rev N from DEVICE" (caller frees). The
 * caller checks lost's fields against the form first. */
int record_take_version(struct record *r, const struct record *lost, char **what,
    struct error *err);
/*
 * A coordinator settles the conflict of r, in one transaction: when took is not NULL
 * (what record_take_version said), r as changed is saved first; the mark is cleared, the
 * versions are settled, and a review "ok" by `by` records it (comment: the coordinator's
 * words, may be NULL), its id in review_id. Sync carries the review; where it arrives,
 * store_review_receive clears the mark too.
 */
int store_conflict_resolve(struct store *st, struct record *r, const char *took,
    const char *by, const char *comment, char review_id[UUID_LEN + 1], struct error *err);
/* A review that arrived with sync (store_review_put); one that resolves a conflict
 * settles the versions held here and clears the mark, unless a version decided on this
 * laptop still waits to be sent (nobody has seen it: the conflict stays). */
int store_review_receive(struct store *st, const struct review *rv, int synced,
    struct error *err);

/* ---- drafts: a form in progress, saved on every field change ---- */

struct draft {
	int64_t id;
	char kind[16];
	char record_id[UUID_LEN + 1];	/* "" for a new record */
	json_t *fields;			/* owned */
	char *field;			/* the field being edited, or NULL */
	char updated[ISO_TIME_LEN + 1];
};

void draft_free(struct draft *d);
/* Insert (d->id == 0, then set) or replace the draft; one statement, durable at return. */
int store_draft_save(struct store *st, struct draft *d, struct error *err);
/* The most recent draft, or *out = NULL when there is none. */
int store_draft_latest(struct store *st, struct draft **out, struct error *err);
int store_draft_delete(struct store *st, int64_t id, struct error *err);

/* ---- sync state ---- */

/* What the shared repository still lacks: unsynced records, unsynced reviews and the
 * losing versions still to be written under conflicts/. */
int store_unsynced_count(struct store *st, long *out, struct error *err);
enum unsynced_what { UNSYNCED_RECORD, UNSYNCED_REVIEW, UNSYNCED_CONFLICT };
/* Each of them by id (records, reviews) or repository path (conflicts); the callback
 * returns non-zero to stop. */
typedef int (*unsynced_cb)(enum unsynced_what what, const char *id, void *payload);
int store_unsynced_each(struct store *st, unsynced_cb cb, void *payload, struct error *err);

/* Files from the shared repository that were refused, for `volunteer status`. */
int store_quarantine_add(struct store *st, const char *path, const char *reason,
    const char *commit, struct error *err);
typedef int (*quarantine_cb)(const char *path, const char *reason, const char *commit,
    const char *at, void *payload);
int store_quarantine_list(struct store *st, quarantine_cb cb, void *payload,
    struct error *err);

#endif
