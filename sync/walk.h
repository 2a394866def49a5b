/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walk.h: what changed between two trees of the shared repository, by the layout of
 * DESIGN.md: records/<kind>/<yyyy>/<mm>/<dd>/<id>.json, conflicts/<id>/<rev>-<device>.json,
 * reviews/<record-id>/<review-id>.json, forms/<kind>.ini.
 *
 * Subtrees whose ids are equal on both sides are skipped without being read, so the cost
 * grows with the change, not with the repository. Files added or changed are reported;
 * so are record and review files that were removed (the program never removes one, a
 * deletion is a tombstone, but a plain git user may, and what is gone must be sent
 * again). Inside the four folders, a name outside the layout is reported as bad, a folder
 * once and without going in; anything outside the four folders (a README) is left alone.
 */
#ifndef VOLUNTEER_SYNC_WALK_H
#define VOLUNTEER_SYNC_WALK_H

#include <git2.h>

enum walk_kind {
	WALK_RECORD, WALK_CONFLICT, WALK_REVIEW, WALK_FORM,
	WALK_BAD_NAME,		/* a file whose name is not in the layout */
	WALK_BAD_FOLDER,	/* a folder whose name is not in the layout (not entered) */
	WALK_NOT_FILE,		/* a link or a submodule where a file belongs */
	WALK_GONE_RECORD,	/* a record file of from that to no longer holds */
	WALK_GONE_REVIEW,	/* a review file likewise */
};

/* Called for each file (or bad folder) with its repository path; non-zero stops the
 * walk and is returned by walk_changes. */
typedef int (*walk_cb)(enum walk_kind kind, const char *path, const git_oid *id,
    void *payload);

/*
 * What a path of the layout names: the id of a record or review file (its last component
 * without ".json", into id of UUID_LEN + 1 bytes), and for "records/<kind>/..." the kind
 * ("" for any other path).
 */
void walk_path_names(const char *path, char *id, char *kind, size_t ksize);

/* 1 and *kind (WALK_RECORD, WALK_CONFLICT, WALK_REVIEW or WALK_FORM) when path names a
 * file of the layout, by the rules the walk applies; 0 for any other path. */
int walk_path_kind(const char *path, enum walk_kind *kind);

/* Compare to against from (NULL: an empty tree). 0, the callback's non-zero value, or a
 * libgit2 error code. */
int walk_changes(git_repository *repo, git_tree *from, git_tree *to, walk_cb cb,
    void *payload);

/* 1 when name (no folder) is a conflict file name of the layout, "<rev>-<device>.json"
 * with 0 <= rev <= RECORD_REV_MAX: every name conflict_path() gives. */
int walk_conflict_name(const char *name);

#endif
