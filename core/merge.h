/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * merge.h: the three-way merge of one record against the version both sides last saw.
 * Pure: no store, no git, no clock. sync/ feeds it and writes what it returns.
 *
 * Field by field (the tombstone flag counts as one more field): the same value on both
 * sides is kept; a value changed on one side only is taken from that side; a value changed
 * on both sides to different values is a conflict, settled for the whole record by the side
 * that is higher in record_order(), so that every machine that merges the same two
 * versions picks the same winner. The losing side is handed back whole, to be kept under
 * conflicts/ in the shared repository.
 */
#ifndef VOLUNTEER_MERGE_H
#define VOLUNTEER_MERGE_H

#include "core/error.h"
#include "core/record.h"

/* The order of concurrent revisions: rev, then updated, then device (byte order), then
 * the content (tombstone, the fields' canonical JSON, author, creation time), so that it
 * is total: 0 only for the same revision. < 0, 0 or > 0 as a is below, equal to or above b. */
int record_order(const struct record *a, const struct record *b);
/* Only the metadata part of that order (rev, updated, device): 0 for two different
 * contents under one revision's name, which is what "older than what we saw" asks. */
int record_order_meta(const struct record *a, const struct record *b);

/* 1 when a and b hold the same fields and the same tombstone flag (metadata ignored). */
int record_same_content(const struct record *a, const struct record *b);

struct merge_result {
	struct record *merged;	/* the result (owned) */
	int is_remote;		/* merged is the remote revision as it is: nothing to send */
	int conflict;		/* some field changed on both sides to different values */
	int local_won;		/* with a conflict: the local side won the disputed fields */
	struct record *loser;	/* with a conflict: a copy of the losing side (owned) */
	char **fields;		/* with a conflict: the disputed field names, NULL-terminated */
};

/*
 * Merge local and remote, two revisions of one record, against base (NULL when there is no
 * common version: every field set differently on the two sides is then disputed).
 * When the result holds exactly the remote content, it is the remote revision itself
 * (is_remote = 1). Otherwise it is a new revision: rev = max(local, remote) + 1, updated =
 * the later of the two, device = the device argument, author and creation time of the
 * local side. ERR_INVALID when the two are not revisions of one record (id or kind
 * differ). On success the caller frees out with merge_result_free.
 */
int merge_records(struct merge_result *out, const struct record *base,
    const struct record *local, const struct record *remote, const char *device,
    struct error *err);
void merge_result_free(struct merge_result *m);

#endif
