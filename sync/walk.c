/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walk.c: what changed between two trees of the shared repository. See walk.h.
 *
 * The two trees are compared entry by entry and the walk goes down only where the ids
 * differ, so that its cost follows the change and not the size of the repository (libgit2
 * 1.5's git_diff_tree_to_tree reads every tree even when nothing changed). Names are
 * checked against the layout on the way down.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/record.h"
#include "sync/walk.h"

#define MAX_PATH 512

struct walk {
	git_repository *repo;
	walk_cb cb;
	void *payload;
};

/* Folders of the layout; a file's level is its enum walk_kind. */
enum level {
	L_IGNORE = 100, L_BAD, L_ROOT, L_RECORDS, L_KIND, L_YEAR, L_MONTH, L_DAY, L_CONFLICTS,
	L_CONFLICT_ID, L_REVIEWS, L_REVIEW_ID, L_FORMS,
};
#define F_RECORD ((enum level)WALK_RECORD)
#define F_CONFLICT ((enum level)WALK_CONFLICT)
#define F_REVIEW ((enum level)WALK_REVIEW)
#define F_FORM ((enum level)WALK_FORM)

static int
all_digits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789") == n;
}

static int
two_digits_in(const char *s, int lo, int hi)
{
	return all_digits(s, 2) && atoi(s) >= lo && atoi(s) <= hi;
}

/* "<uuid><suffix>" */
static int
uuid_name(const char *s, const char *suffix)
{
	char id[UUID_LEN + 1];

	if (strlen(s) != UUID_LEN + strlen(suffix) || strcmp(s + UUID_LEN, suffix) != 0)
		return 0;
	memcpy(id, s, UUID_LEN);
	id[UUID_LEN] = '\0';
	return uuid_valid(id);
}

/*
 * "<rev>-<device>.json", as conflict_path() writes it: rev in decimal, 0 to RECORD_REV_MAX
 * (the largest a laptop can reach, record_rev_next saturates there, and the largest a
 * record file may hold), the device made safe. Bounded by the same constant so that
 * every name a laptop writes is one that every other laptop takes.
 */
int
walk_conflict_name(const char *s)
{
	size_t n = strlen(s), digits = strspn(s, "0123456789"), i;
	int64_t rev = 0;
	char dev[80];

	if (n < 8 || n > 100 || digits == 0 || digits > 19 || s[digits] != '-' ||
	    strcmp(s + n - 5, ".json") != 0)
		return 0;
	for (i = 0; i < digits; i++) {
		if (rev > (RECORD_REV_MAX - (s[i] - '0')) / 10)
			return 0;
		rev = rev * 10 + (s[i] - '0');
	}
	snprintf(dev, sizeof dev, "%.*s", (int)(n - 5 - digits - 1), s + digits + 1);
	return dev[0] != '\0' && strspn(dev, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-_") == strlen(dev);
}

static int
form_name(const char *s)
{
	char kind[16];
	size_t n = strlen(s);

	if (n < 5 || n > 15 || strcmp(s + n - 4, ".ini") != 0)
		return 0;
	snprintf(kind, sizeof kind, "%.*s", (int)(n - 4), s);
	return record_kind_valid(kind);
}

/* Where an entry called name leads from a folder at level, by the repository layout. */
static enum level
next_level(enum level at, const char *name, int is_tree)
{
	switch (at) {
	case L_ROOT:
		if (!is_tree)
			return L_IGNORE;
		if (strcmp(name, "records") == 0)
			return L_RECORDS;
		if (strcmp(name, "conflicts") == 0)
			return L_CONFLICTS;
		if (strcmp(name, "reviews") == 0)
			return L_REVIEWS;
		if (strcmp(name, "forms") == 0)
			return L_FORMS;
		return L_IGNORE;	/* README and the like: the business of git users */
	case L_RECORDS:
		return is_tree && record_kind_valid(name) ? L_KIND : L_BAD;
	case L_KIND:
		return is_tree && all_digits(name, 4) ? L_YEAR : L_BAD;
	case L_YEAR:
		return is_tree && two_digits_in(name, 1, 12) ? L_MONTH : L_BAD;
	case L_MONTH:
		return is_tree && two_digits_in(name, 1, 31) ? L_DAY : L_BAD;
	case L_DAY:
		return !is_tree && uuid_name(name, ".json") ? F_RECORD : L_BAD;
	case L_CONFLICTS:
		return is_tree && uuid_name(name, "") ? L_CONFLICT_ID : L_BAD;
	case L_CONFLICT_ID:
		return !is_tree && walk_conflict_name(name) ? F_CONFLICT : L_BAD;
	case L_REVIEWS:
		return is_tree && uuid_name(name, "") ? L_REVIEW_ID : L_BAD;
	case L_REVIEW_ID:
		return !is_tree && uuid_name(name, ".json") ? F_REVIEW : L_BAD;
	case L_FORMS:
		return !is_tree && form_name(name) ? F_FORM : L_BAD;
	default:
		return L_BAD;
	}
}

static size_t
path_add(char *path, size_t plen, const char *name)
{
	size_t nlen = strlen(name);

	if (plen + nlen + 2 > MAX_PATH)
		nlen = MAX_PATH - plen - 2;
	memcpy(path + plen, name, nlen);
	path[plen + nlen] = '\0';
	return nlen;
}

/* The record and review files of old (at level at) that new lacks (new NULL: all of
 * them); an entry that new holds as the same type of entry is walk_tree's to compare. */
static int
walk_gone(struct walk *w, git_tree *old, git_tree *new, char *path, size_t plen,
    enum level at)
{
	const git_tree_entry *e, *ne;
	git_tree *sub = NULL;
	enum level next;
	size_t i, n = git_tree_entrycount(old), nlen;
	int is_tree, rc = 0;

	for (i = 0; rc == 0 && i < n; i++) {
		e = git_tree_entry_byindex(old, i);
		is_tree = git_tree_entry_filemode(e) == GIT_FILEMODE_TREE;
		ne = new ? git_tree_entry_byname(new, git_tree_entry_name(e)) : NULL;
		if (ne != NULL && (git_tree_entry_filemode(ne) == GIT_FILEMODE_TREE) == is_tree)
			continue;
		next = next_level(at, git_tree_entry_name(e), is_tree);
		if (next == L_IGNORE || next == L_BAD || next == F_CONFLICT || next == F_FORM)
			continue;
		nlen = path_add(path, plen, git_tree_entry_name(e));
		if (!is_tree) {
			rc = w->cb(next == F_RECORD ? WALK_GONE_RECORD : WALK_GONE_REVIEW, path,
			    git_tree_entry_id(e), w->payload);
			continue;
		}
		path[plen + nlen] = '/';
		path[plen + nlen + 1] = '\0';
		if ((rc = git_tree_lookup(&sub, w->repo, git_tree_entry_id(e))) < 0)
			break;
		rc = walk_gone(w, sub, NULL, path, plen + nlen + 1, next);
		git_tree_free(sub);
		sub = NULL;
	}
	path[plen] = '\0';
	return rc;
}

static int
walk_tree(struct walk *w, git_tree *old, git_tree *new, char *path, size_t plen,
    enum level at)
{
	const git_tree_entry *e, *o;
	git_tree *sub_new = NULL, *sub_old = NULL;
	const char *name;
	enum level next;
	size_t i, n = git_tree_entrycount(new), nlen;
	git_filemode_t mode;
	int is_tree, rc = 0;

	for (i = 0; rc == 0 && i < n; i++) {
		e = git_tree_entry_byindex(new, i);
		name = git_tree_entry_name(e);
		mode = git_tree_entry_filemode(e);
		o = old ? git_tree_entry_byname(old, name) : NULL;
		if (o != NULL && git_tree_entry_filemode(o) == mode &&
		    git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(e)))
			continue;	/* the whole subtree is the same: not one read below */
		is_tree = mode == GIT_FILEMODE_TREE;
		next = next_level(at, name, is_tree);
		if (next == L_IGNORE)
			continue;
		nlen = path_add(path, plen, name);
		if (next == L_BAD) {
			rc = w->cb(is_tree ? WALK_BAD_FOLDER : WALK_BAD_NAME, path,
			    git_tree_entry_id(e), w->payload);
			continue;
		}
		if (is_tree) {
			path[plen + nlen] = '/';
			path[plen + nlen + 1] = '\0';
			if ((rc = git_tree_lookup(&sub_new, w->repo, git_tree_entry_id(e))) < 0)
				break;
			if (o != NULL && git_tree_entry_filemode(o) == GIT_FILEMODE_TREE &&
			    git_tree_lookup(&sub_old, w->repo, git_tree_entry_id(o)) < 0)
				git_error_clear();
			rc = walk_tree(w, sub_old, sub_new, path, plen + nlen + 1, next);
			git_tree_free(sub_new);
			git_tree_free(sub_old);
			sub_new = sub_old = NULL;
			continue;
		}
		if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE)
			rc = w->cb(WALK_NOT_FILE, path, git_tree_entry_id(e), w->payload);
		else
			rc = w->cb((enum walk_kind)next, path, git_tree_entry_id(e), w->payload);
	}
	path[plen] = '\0';
	if (rc == 0 && old != NULL)
		rc = walk_gone(w, old, new, path, plen, at);
	return rc;
}

int
walk_path_kind(const char *path, enum walk_kind *kind)
{
	enum level at = L_ROOT;
	char name[256];
	const char *p = path, *slash;
	size_t n;

	for (;;) {
		slash = strchr(p, '/');
		n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 0 || n >= sizeof name)
			return 0;
		memcpy(name, p, n);
		name[n] = '\0';
		at = next_level(at, name, slash != NULL);
		if (at == L_BAD || at == L_IGNORE)
			return 0;
		if (slash == NULL)
			break;
		p = slash + 1;
	}
	if (at != F_RECORD && at != F_CONFLICT && at != F_REVIEW && at != F_FORM)
		return 0;
	*kind = (enum walk_kind)at;
	return 1;
}

void
walk_path_names(const char *path, char *id, char *kind, size_t ksize)
{
	const char *slash = strrchr(path, '/'), *p;

	snprintf(id, UUID_LEN + 1, "%.*s", UUID_LEN, slash ? slash + 1 : path);
	kind[0] = '\0';
	if (strncmp(path, "records/", 8) == 0) {
		p = path + 8;
		slash = strchr(p, '/');
		snprintf(kind, ksize, "%.*s", slash ? (int)(slash - p) : 0, p);
	}
}

int
walk_changes(git_repository *repo, git_tree *from, git_tree *to, walk_cb cb, void *payload)
{
	struct walk w = { .repo = repo, .cb = cb, .payload = payload };
	char path[MAX_PATH] = "";

	return walk_tree(&w, from, to, path, 0, L_ROOT);
}
