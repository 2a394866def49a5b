/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * build.c: the commit of one sync, on top of the fetched tip, with no work tree and no
 * index: every changed file is a blob at its path and git_tree_create_updated rewrites only
 * the trees on those paths.
 *
 * The new objects are written to an in-memory backend and reach the disk as one pack:
 * with fsync on, a hundred loose objects would cost a hundred synchronous writes.
 */
#include <git2/sys/mempack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store_sync.h"
#include "core/text.h"
#include "core/util.h"
#include "sync/internal.h"

struct builder {
	struct sync_ctx *c;
	git_repository *repo;
	git_tree_update *updates;
	size_t n, cap;
	struct outgoing *out;
	int failed;
	struct error *err;
};

void
outgoing_free(struct outgoing *o)
{
	size_t i;

	free(o->records);
	free(o->reviews);
	for (i = 0; i < o->npending; i++)
		free(o->pending[i]);
	free(o->pending);
	memset(o, 0, sizeof *o);
}

static int
add_file(struct builder *b, const char *path, const char *text, git_oid *out)
{
	git_oid id;

	if (git_blob_create_from_buffer(&id, b->repo, text, strlen(text)) < 0) {
		b->failed = 1;
		return repo_git_error(b->c, b->err, ERR_FAILED, _("writing to the local repository"));
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 32;
		b->updates = xrealloc(b->updates, b->cap * sizeof *b->updates);
	}
	memset(&b->updates[b->n], 0, sizeof b->updates[b->n]);
	b->updates[b->n].action = GIT_TREE_UPDATE_UPSERT;
	b->updates[b->n].filemode = GIT_FILEMODE_BLOB;
	git_oid_cpy(&b->updates[b->n].id, &id);
	b->updates[b->n].path = xstrdup(path);
	b->n++;
	if (out != NULL)
		git_oid_cpy(out, &id);
	return 0;
}

static int
add_record(const struct record *r, void *payload)
{
	struct builder *b = payload;
	struct outgoing *o = b->out;
	char path[128], *text;
	git_oid id;
	int rc;

	if (record_path(r, path, sizeof path) != 0) {
		/* Not a UUIDv7 of a real day: it stays unsynced, and sync and status say so. */
		o->unplaceable++;
		return 0;
	}
	text = file_of_record(r);
	rc = add_file(b, path, text, &id);
	free(text);
	if (rc != 0)
		return 1;
	o->records = xrealloc(o->records, (o->nrecords + 1) * sizeof *o->records);
	memcpy(o->records[o->nrecords].id, r->id, sizeof r->id);
	o->records[o->nrecords].rev = r->rev;
	git_oid_tostr(o->records[o->nrecords].oid, sizeof o->records[o->nrecords].oid, &id);
	o->nrecords++;
	return 0;
}

static int
add_review(const struct review *rv, void *payload)
{
	struct builder *b = payload;
	struct outgoing *o = b->out;
	char *path = xasprintf("reviews/%s/%s.json", rv->record_id, rv->id);
	char *text = review_to_json(rv);
	int rc = add_file(b, path, text, NULL);

	free(path);
	free(text);
	if (rc != 0)
		return 1;
	o->reviews = xrealloc(o->reviews, (o->nreviews + 1) * sizeof *o->reviews);
	memcpy(o->reviews[o->nreviews], rv->id, sizeof rv->id);
	o->nreviews++;
	return 0;
}

static int
add_pending(const char *path, const char *text, void *payload)
{
	struct builder *b = payload;
	struct outgoing *o = b->out;

	if (add_file(b, path, text, NULL) != 0)
		return 1;
	o->pending = xrealloc(o->pending, (o->npending + 1) * sizeof *o->pending);
	o->pending[o->npending++] = xstrdup(path);
	return 0;
}

/* The volunteer as a git signature: git refuses '<', '>' and new lines in it. */
static int
signature(struct sync_ctx *c, git_signature **out, struct error *err)
{
	const struct config *cfg = c->cfg;
	const char *id = cfg && cfg->id && *cfg->id ? cfg->id : "volunteer";
	char *name = text_sanitize(cfg && cfg->name && *cfg->name ? cfg->name : id, 200, 0);
	char *email = cfg && cfg->email && *cfg->email ? text_sanitize(cfg->email, 200, 0) :
	    xasprintf("%s@volunteer.invalid", id);
	char *p;
	int rc = 0;

	for (p = name; *p; p++)
		if (*p == '<' || *p == '>')
			*p = ' ';
	for (p = email; *p; p++)
		if (*p == '<' || *p == '>' || *p == ' ')
			*p = '_';
	if (git_signature_now(out, name, email) < 0 &&
	    git_signature_now(out, id, "volunteer@volunteer.invalid") < 0)
		rc = repo_git_error(c, err, ERR_FAILED, _("the author of the commit"));
	free(name);
	free(email);
	return rc;
}

/*
 * Put the new objects (held in memory) into the repository as one pack: the commit, the
 * trees on the changed paths and the blobs. git_mempack_dump would pack everything the
 * commit reaches, the whole repository.
 */
static int
write_pack(struct builder *b, git_odb *odb, const git_oid *commit, struct error *err)
{
	git_packbuilder *pb = NULL;
	git_buf buf = { 0 };
	git_odb_writepack *wp = NULL;
	git_indexer_progress stats = { 0 };
	int rc = -1;

	if (git_packbuilder_new(&pb, b->repo) < 0 ||
	    pack_commit_objects(pb, b->repo, commit) < 0)
		goto fail;
	if (git_packbuilder_write_buf(&buf, pb) < 0 ||
	    git_odb_write_pack(&wp, odb, NULL, NULL) < 0 ||
	    wp->append(wp, buf.ptr, buf.size, &stats) < 0 || wp->commit(wp, &stats) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	repo_git_error(b->c, err, ERR_FAILED, _("writing to the local repository"));
out:
	if (wp != NULL)
		wp->free(wp);
	git_buf_dispose(&buf);
	git_packbuilder_free(pb);
	return rc;
}

int
build_commit(struct sync_ctx *c, const git_oid *parent, git_oid *commit, int *changed,
    struct outgoing *out, struct error *err)
{
	struct builder b = { .c = c, .out = out, .err = err };
	git_odb *odb = NULL;
	git_odb_backend *mem = NULL;
	git_commit *pcommit = NULL;
	git_tree *ptree = NULL, *tree = NULL;
	git_signature *sig = NULL;
	git_oid tree_id;
	char *msg = NULL;
	size_t i;
	int rc = -1;

	*changed = 0;
	memset(out, 0, sizeof *out);
	/* A handle of its own: the in-memory backend cannot be taken out of an odb again. */
	if (git_repository_open_ext(&b.repo, c->repo_path, GIT_REPOSITORY_OPEN_NO_SEARCH |
	    GIT_REPOSITORY_OPEN_BARE, NULL) < 0 || git_repository_odb(&odb, b.repo) < 0 ||
	    git_mempack_new(&mem) < 0 || git_odb_add_backend(odb, mem, 1000) < 0) {
		repo_git_error(c, err, ERR_FAILED, _("opening the local repository"));
		goto out;
	}
	if (store_list_unsynced(c->st, add_record, &b, err) != 0 || b.failed ||
	    store_reviews_unsynced(c->st, add_review, &b, err) != 0 || b.failed ||
	    store_sync_pending_each(c->st, add_pending, &b, err) != 0 || b.failed)
		goto out;
	if (b.n == 0) {
		rc = 0;
		goto out;
	}
	if (parent != NULL && (git_commit_lookup(&pcommit, b.repo, parent) < 0 ||
	    git_commit_tree(&ptree, pcommit) < 0)) {
		repo_git_error(c, err, ERR_FAILED, _("reading the fetched commit"));
		goto out;
	}
	if (git_tree_create_updated(&tree_id, b.repo, ptree, b.n, b.updates) < 0) {
		repo_git_error(c, err, ERR_FAILED, _("building the commit"));
		goto out;
	}
	if (ptree != NULL && git_oid_equal(&tree_id, git_tree_id(ptree))) {
		rc = 0;		/* every file is on the remote already */
		goto out;
	}
	if (git_tree_lookup(&tree, b.repo, &tree_id) < 0) {
		repo_git_error(c, err, ERR_FAILED, _("building the commit"));
		goto out;
	}
	if (signature(c, &sig, err) != 0)
		goto out;
	msg = xasprintf("%zu record%s, %zu review%s from %s\n\ndevice: %s\n", out->nrecords,
	    out->nrecords == 1 ? "" : "s", out->nreviews, out->nreviews == 1 ? "" : "s",
	    c->cfg && c->cfg->id ? c->cfg->id : "?", store_device(c->st));
	if (git_commit_create(commit, b.repo, NULL, sig, sig, NULL, msg, tree,
	    pcommit ? 1 : 0, (const git_commit **)&pcommit) < 0) {
		repo_git_error(c, err, ERR_FAILED, _("writing the commit"));
		goto out;
	}
	if (write_pack(&b, odb, commit, err) != 0)
		goto out;
	*changed = 1;
	rc = 0;
out:
	for (i = 0; i < b.n; i++)
		free((char *)b.updates[i].path);
	free(b.updates);
	free(msg);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(ptree);
	git_commit_free(pcommit);
	git_odb_free(odb);
	git_repository_free(b.repo);
	return rc;
}
