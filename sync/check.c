/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check.c: sync_check_remote, the question `status` asks before it calls a laptop safe.
 * See sync.h.
 *
 * The last sync verified that a tip of the remote held every record of ours; this asks
 * whether the remote branch, as it is now, still does. The same commit: yes. A
 * descendant (others pushed since): the pruned walk from the verified tip tells what was
 * removed or changed, at the cost of the change. Anything else (a rewritten history, the
 * branch recreated, another repository at the address): every synced record and review of
 * the store is looked for in the whole tree, by the blob id noted when it was synced, and
 * a file that differs is read for its revision. Nothing in the store changes: the next
 * sync repairs what this finds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/store_sync.h"
#include "core/util.h"
#include "sync/internal.h"
#include "sync/walk.h"

/* A file of the remote tree, for the whole comparison. */
struct entry {
	char id[UUID_LEN + 1];
	char kind[16];		/* "" for a review */
	git_oid oid;
};

struct checker {
	struct sync_ctx *c;
	struct sync_check *out;
	git_odb *odb;
	struct entry *v;	/* the whole tree's record and review files, sorted by id */
	size_t n, cap;
	int failed;
	struct error *err;
};

static void
lacking(struct checker *k, const char *id)
{
	struct sync_check *o = k->out;

	if (o->nlacking % 64 == 0)
		o->lacking = xrealloc(o->lacking, (o->nlacking + 64) * sizeof *o->lacking);
	snprintf(o->lacking[o->nlacking++], UUID_LEN + 1, "%s", id);
}

/*
 * A synced record of ours is held by the remote's file (NULL: none) if that file is ours
 * as it is, or carries a higher revision (someone built on it since).
 */
static int
holds(struct checker *k, const struct record *local, const git_oid *oid)
{
	git_object_t type;
	git_odb_object *obj = NULL;
	struct record *r = NULL;
	char *mine = NULL;
	size_t len;
	int held = 0;

	if (oid == NULL || git_odb_read_header(&len, &type, k->odb, oid) < 0 ||
	    len > RECORD_MAX_FILE || git_odb_read(&obj, k->odb, oid) < 0) {
		git_error_clear();
		return 0;
	}
	if (record_from_json(&r, git_odb_object_data(obj), git_odb_object_size(obj),
	    NULL) == 0 && strcmp(r->kind, local->kind) == 0) {
		mine = file_of_record(local);
		held = r->rev > local->rev || (strlen(mine) == git_odb_object_size(obj) &&
		    memcmp(mine, git_odb_object_data(obj), strlen(mine)) == 0);
	}
	free(mine);
	record_free(r);
	git_odb_object_free(obj);
	return held;
}

/* The file at the place of a record id of kind, as the remote holds it (NULL: none). */
static void
check_record(struct checker *k, const char *id, const char *kind, const git_oid *remote_oid)
{
	struct record *local = NULL;
	char *base = NULL;

	if (store_sync_lookup(k->c->st, id, &local, &base, NULL) != 0 || local == NULL ||
	    !local->synced || strcmp(local->kind, kind) != 0)
		goto out;	/* unsynced ones are counted by status already; a file of
				 * another kind that claims the id is not where ours lives */
	if (!holds(k, local, remote_oid))
		lacking(k, id);
out:
	record_free(local);
	free(base);
}

/* The walk from the verified tip to a descendant: what it removed or changed. */
static int
on_change(enum walk_kind kind, const char *path, const git_oid *id, void *payload)
{
	struct checker *k = payload;
	char rid[UUID_LEN + 1], rkind[16];

	walk_path_names(path, rid, rkind, sizeof rkind);
	if (kind == WALK_GONE_RECORD)
		check_record(k, rid, rkind, NULL);
	else if (kind == WALK_RECORD)
		check_record(k, rid, rkind, id);
	else if (kind == WALK_GONE_REVIEW)
		lacking(k, rid);	/* reviews never change; gone is gone */
	return 0;
}

static int
collect(enum walk_kind kind, const char *path, const git_oid *id, void *payload)
{
	struct checker *k = payload;
	struct entry *e;

	if (kind != WALK_RECORD && kind != WALK_REVIEW)
		return 0;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 1024;
		k->v = xrealloc(k->v, k->cap * sizeof *k->v);
	}
	e = &k->v[k->n++];
	walk_path_names(path, e->id, e->kind, sizeof e->kind);
	git_oid_cpy(&e->oid, id);
	return 0;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c != 0 ? c : strcmp(x->kind, y->kind);
}

/* The remote's file for a record id of kind (a review: kind ""), or NULL. */
static const struct entry *
find(struct checker *k, const char *id, const char *kind)
{
	struct entry key;

	snprintf(key.id, sizeof key.id, "%s", id);
	snprintf(key.kind, sizeof key.kind, "%s", kind);
	return k->v ? bsearch(&key, k->v, k->n, sizeof *k->v, entry_cmp) : NULL;
}

static int
check_held(const struct sync_state *s, void *payload)
{
	struct checker *k = payload;
	const struct entry *e;
	char hex[GIT_OID_HEXSZ + 1];

	if (s->dirty)
		return 0;
	e = find(k, s->id, s->is_review ? "" : s->kind);
	if (s->is_review) {
		if (e == NULL)
			lacking(k, s->id);
		return 0;
	}
	if (e != NULL) {
		git_oid_tostr(hex, sizeof hex, &e->oid);
		if (s->oid != NULL && strcmp(hex, s->oid) == 0)
			return 0;
	}
	check_record(k, s->id, s->kind, e ? &e->oid : NULL);
	return 0;
}

static int
compare(struct sync_ctx *c, struct sync_check *out, const git_oid *tip, int empty,
    struct error *err)
{
	struct checker k = { .c = c, .out = out, .err = err };
	git_tree *tverified = NULL, *ttip = NULL;
	char *verified_hex = store_meta_get(c->st, "remote_tip");
	git_oid verified;
	int rc = -1, walked;

	if (git_repository_odb(&k.odb, c->repo) < 0) {
		repo_git_error(c, err, ERR_FAILED, _("reading the local repository"));
		goto out;
	}
	if (empty) {
		out->history = SYNC_HISTORY_BRANCH_GONE;
		walked = store_sync_each_state(c->st, check_held, &k, err);
		rc = walked == 0 ? 0 : -1;
		goto out;
	}
	if ((ttip = repo_commit_tree(c->repo, tip)) == NULL) {
		repo_git_error(c, err, ERR_FAILED, _("reading the fetched commit"));
		goto out;
	}
	if (verified_hex != NULL && git_oid_fromstr(&verified, verified_hex) == 0) {
		if (git_oid_equal(&verified, tip)) {
			rc = 0;
			goto out;
		}
		if (git_graph_descendant_of(c->repo, tip, &verified) == 1 &&
		    (tverified = repo_commit_tree(c->repo, &verified)) != NULL) {
			walked = walk_changes(c->repo, tverified, ttip, on_change, &k);
			rc = walked == 0 ? 0 : repo_git_error(c, err, ERR_FAILED,
			    _("reading the repository"));
			goto out;
		}
		git_error_clear();
	}
	out->history = SYNC_HISTORY_REWRITTEN;
	if (walk_changes(c->repo, NULL, ttip, collect, &k) != 0) {
		repo_git_error(c, err, ERR_FAILED, _("reading the repository"));
		goto out;
	}
	if (k.v != NULL)
		qsort(k.v, k.n, sizeof *k.v, entry_cmp);
	rc = store_sync_each_state(c->st, check_held, &k, err);
out:
	free(k.v);
	free(verified_hex);
	git_tree_free(tverified);
	git_tree_free(ttip);
	git_odb_free(k.odb);
	return rc;
}

int
sync_check_remote(struct store *st, const struct sync_options *opt, struct sync_check *out,
    struct error *err)
{
	struct sync_result res;
	struct sync_ctx c;
	struct error nerr = { 0 };
	git_oid tip;
	int empty = 0, rc = -1;

	memset(out, 0, sizeof *out);
	memset(&res, 0, sizeof res);
	sync_git_init();
	if (sync_setup(&c, st, opt, &res, err) != 0)
		goto out;
	if (c.local_path != NULL && access(c.local_path, F_OK) != 0) {
		snprintf(out->msg, sizeof out->msg, _("cannot reach the remote %s"), c.url_shown);
		rc = 0;
		goto out;
	}
	if (repo_open(&c, &nerr) != 0) {
		if (!c.reader) {
			*err = nerr;
			goto out;
		}
		snprintf(out->msg, sizeof out->msg, "%.399s", nerr.msg);
		rc = 0;
		goto out;
	}
	if (net_fetch(&c, &tip, &empty, &nerr) != 0) {
		if (nerr.kind == ERR_INVALID) {
			*err = nerr;
			goto out;
		}
		snprintf(out->msg, sizeof out->msg, "%.399s", nerr.msg);
		rc = 0;
		goto out;
	}
	out->reached = 1;
	if (!empty)
		git_oid_tostr(out->tip, sizeof out->tip, &tip);
	if (repo_open(&c, err) != 0)
		goto out;
	/* What the fetch brought is the sync's to import; only its ref is noted here, and
	 * not beside a running program, whose sync moves that ref by compare-and-swap. */
	if (!empty && !c.reader && repo_ref_set(c.repo, SYNC_REF_FETCHED, &tip, NULL, NULL) != 0)
		git_error_clear();
	rc = compare(&c, out, &tip, empty, err);
out:
	sync_teardown(&c);
	git_libgit2_shutdown();
	return rc;
}
