/*
 * import.c: bring into the store what changed between two commits of the shared
 * repository: walk.c finds the files, each is checked (size before reading, JSON, id
 * against its path) and merged into the store; anything refused is quarantined and the
 * import goes on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/merge.h"
#include "core/store_sync.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "sync/internal.h"
#include "sync/walk.h"

#define CHUNK 5000		/* records per transaction: a live screen is never held long */

struct change {
	char *path;
	git_oid id;
	enum walk_kind type;
};

struct walk {
	struct sync_ctx *c;
	struct change *v;
	size_t n, cap;
	char commit[GIT_OID_HEXSZ + 1];
	int has_quarantine;	/* the store lists quarantined files: clear them when fixed */
	struct store_batch *batch;
	struct error *err;
};

static int
quarantine(struct walk *w, const char *path, const char *reason)
{
	struct sync_ctx *c = w->c;
	char *p = text_sanitize(path, 300, 0), *r = text_sanitize(reason, 300, 0);
	int rc = 0;

	c->res->quarantined++;
	if (c->quarantine_added++ < SYNC_MAX_QUARANTINE)
		rc = store_quarantine_add(c->st, p, r, w->commit, w->err);
	free(p);
	free(r);
	return rc;
}

/* The walk's report of one file: kept for the import, or set aside. */
static int
on_change(enum walk_kind kind, const char *path, const git_oid *id, void *payload)
{
	struct walk *w = payload;

	switch (kind) {
	case WALK_BAD_FOLDER:
		return quarantine(w, path, "a folder that is not in the repository layout "
		    "(nothing in it was read)");
	case WALK_BAD_NAME:
		return quarantine(w, path, "a file name that is not in the repository layout");
	case WALK_NOT_FILE:
		return quarantine(w, path, "not a regular file (a link or a submodule)");
	default:
		break;
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->v = xrealloc(w->v, w->cap * sizeof *w->v);
	}
	w->v[w->n].path = xstrdup(path);
	git_oid_cpy(&w->v[w->n].id, id);
	w->v[w->n].type = kind;
	w->n++;
	return 0;
}

/* The blob of a change, if it is at most max bytes: 0 and *blob, 1 when too large (it is
 * then quarantined without being read), -1 on error. */
static int
read_blob(struct walk *w, git_repository *repo, git_odb *odb, const struct change *ch,
    size_t max, git_blob **blob)
{
	git_object_t type;
	size_t len;
	char reason[128];

	*blob = NULL;
	if (git_odb_read_header(&len, &type, odb, &ch->id) < 0)
		return repo_git_error(w->c, w->err, ERR_FAILED, "reading the repository");
	if (len > max) {
		snprintf(reason, sizeof reason, "a file of %zu bytes, over the limit of %zu",
		    len, max);
		return quarantine(w, ch->path, reason) == 0 ? 1 : -1;
	}
	if (git_blob_lookup(blob, repo, &ch->id) < 0)
		return repo_git_error(w->c, w->err, ERR_FAILED, "reading the repository");
	return 0;
}

/*
 * One record file from the repository against the local state: a new record is taken as
 * it is; our own revision coming back marks ours clean; an older one is ignored (and ours
 * sent again); anything else is merged against the base.
 */
static int
reconcile(struct walk *w, struct record *remote, const char *raw, const char *file_path)
{
	struct sync_ctx *c = w->c;
	struct store *st = c->st;
	struct record *local = NULL, *base = NULL;
	struct merge_result m = { 0 };
	struct error *err = w->err;
	char *base_text = NULL, *rfile = NULL, *lfile = NULL, *bfile = NULL, *full = NULL;
	char *path = NULL, *loser = NULL, *body = NULL;
	int rc = -1;

	if (store_batch_lookup(w->batch, remote->id, &local, &base_text, err) != 0)
		return -1;
	if (local == NULL) {
		/* The file as it came: it decoded, so it is a record; no need to write it
		 * out again (a first import takes a hundred thousand). */
		if (store_batch_put(w->batch, remote, raw, raw, c->carrier, err) != 0)
			goto out;
		c->res->received++;
		rc = 0;
		goto out;
	}
	rfile = record_to_json(remote);
	lfile = file_of_record(local);
	if (strcmp(lfile, rfile) == 0) {
		/* Ours, back from the remote: it is safe there whatever this laptop knew. */
		rc = local->synced || c->carrier ? 0 :
		    store_record_mark_synced(st, local->id, local->rev, err);
		goto out;
	}
	if (base_text != NULL && record_from_json(&base, base_text, strlen(base_text),
	    NULL) != 0)
		base = NULL;	/* a damaged base: merge as if there were none */
	if (base != NULL) {
		bfile = file_of_record(base);
		if (strcmp(bfile, rfile) == 0) {
			rc = 0;		/* the remote has not moved since we last synced */
			goto out;
		}
	}
	if (record_order(remote, local) < 0 && (base == NULL || record_order(remote, base) <= 0)) {
		/* Older than what we hold (another remote, an old stick): never go back; make
		 * sure ours reaches this remote. */
		if (local->synced) {
			body = record_to_json(local);
			rc = store_batch_put(w->batch, local, body, NULL, 1, err);
		} else
			rc = 0;
		goto out;
	}
	fill_personal(remote, local);
	if (merge_records(&m, base, local, remote, store_device(st), err) != 0) {
		/* Not a revision of our record (another kind under the same id). */
		rc = err->kind == ERR_INVALID ? quarantine(w, file_path, err->msg) : -1;
		if (rc == 0)
			error_clear(err);
		goto out;
	}
	full = record_to_json(remote);
	if (m.is_remote) {
		if (store_batch_put(w->batch, m.merged, full, full, c->carrier, err) != 0)
			goto out;
	} else {
		body = record_to_json(m.merged);
		if (store_batch_put(w->batch, m.merged, body, full, 1, err) != 0)
			goto out;
	}
	c->res->received++;
	if (m.conflict) {
		path = conflict_path(m.loser);
		loser = file_of_record(m.loser);
		if (store_sync_pending_add(st, path, loser, err) != 0 ||
		    store_record_set_conflict(st, remote->id, 1, err) != 0)
			goto out;
		c->res->conflicts++;
	}
	rc = 0;
out:
	merge_result_free(&m);
	record_free(local);
	record_free(base);
	free(base_text);
	free(rfile);
	free(lfile);
	free(bfile);
	free(full);
	free(path);
	free(loser);
	free(body);
	return rc;
}

static int
import_record(struct walk *w, git_repository *repo, git_odb *odb, const struct change *ch)
{
	struct record *r = NULL;
	struct error ferr = { 0 };
	git_blob *blob = NULL;
	char path[128], *raw = NULL;
	int rc;

	if ((rc = read_blob(w, repo, odb, ch, RECORD_MAX_FILE, &blob)) != 0)
		return rc < 0 ? -1 : 0;
	if (record_from_json(&r, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
	    &ferr) != 0) {
		rc = quarantine(w, ch->path, ferr.msg);
		goto out;
	}
	if (record_path(r, path, sizeof path) != 0 || strcmp(path, ch->path) != 0) {
		rc = quarantine(w, ch->path, "the id or kind in the file does not match its path");
		goto out;
	}
	if (fields_have_controls(r->fields) &&
	    quarantine(w, ch->path, "imported, but a field holds terminal control characters: "
	    "they are never shown") != 0) {
		rc = -1;
		goto out;
	} else if (w->has_quarantine && store_sync_quarantine_remove(w->c->st, ch->path,
	    w->err) != 0) {
		rc = -1;
		goto out;
	}
	raw = xstrndup(git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	rc = reconcile(w, r, raw, ch->path);
out:
	free(raw);
	record_free(r);
	git_blob_free(blob);
	return rc;
}

static int
import_conflict(struct walk *w, git_repository *repo, git_odb *odb, const struct change *ch)
{
	struct record *r = NULL, *local = NULL;
	struct error ferr = { 0 };
	git_blob *blob = NULL;
	char *base = NULL;
	int rc;

	if ((rc = read_blob(w, repo, odb, ch, RECORD_MAX_FILE, &blob)) != 0)
		return rc < 0 ? -1 : 0;
	if (record_from_json(&r, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
	    &ferr) != 0) {
		rc = quarantine(w, ch->path, ferr.msg);
		goto out;
	}
	if (strncmp(ch->path + strlen("conflicts/"), r->id, UUID_LEN) != 0) {
		rc = quarantine(w, ch->path, "the id in the file does not match its folder");
		goto out;
	}
	/* The record is flagged here too, until someone resolves it. */
	if ((rc = store_batch_lookup(w->batch, r->id, &local, &base, w->err)) == 0 &&
	    local != NULL && !local->conflict) {
		rc = store_record_set_conflict(w->c->st, r->id, 1, w->err);
		w->c->res->conflicts++;
	}
out:
	record_free(r);
	record_free(local);
	free(base);
	git_blob_free(blob);
	return rc;
}

static int
import_review(struct walk *w, git_repository *repo, git_odb *odb, const struct change *ch)
{
	struct review *rv = NULL;
	struct error ferr = { 0 };
	git_blob *blob = NULL;
	char want[128];
	int rc;

	if ((rc = read_blob(w, repo, odb, ch, SYNC_MAX_OTHER_FILE, &blob)) != 0)
		return rc < 0 ? -1 : 0;
	if (review_from_json(&rv, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
	    &ferr) != 0) {
		rc = quarantine(w, ch->path, ferr.msg);
		goto out;
	}
	snprintf(want, sizeof want, "reviews/%s/%s.json", rv->record_id, rv->id);
	if (strcmp(want, ch->path) != 0) {
		rc = quarantine(w, ch->path, "the ids in the file do not match its path");
		goto out;
	}
	if ((rc = store_review_put(w->c->st, rv, !w->c->carrier, w->err)) == 0)
		w->c->res->received++;
out:
	review_free(rv);
	git_blob_free(blob);
	return rc;
}

/* A form from the repository replaces the default once it parses; a bad one is reported
 * and the previous one stays. */
static int
import_form(struct walk *w, git_repository *repo, git_odb *odb, const struct change *ch)
{
	struct form *f = NULL;
	struct error ferr = { 0 };
	git_blob *blob = NULL;
	char *text = NULL, *dir = NULL, kind[16];
	size_t len;
	int rc;

	if ((rc = read_blob(w, repo, odb, ch, SYNC_MAX_OTHER_FILE, &blob)) != 0)
		return rc < 0 ? -1 : 0;
	len = (size_t)git_blob_rawsize(blob);
	text = xstrndup(git_blob_rawcontent(blob), len);
	snprintf(kind, sizeof kind, "%.*s", (int)(strlen(ch->path) - strlen("forms/") - 4),
	    ch->path + strlen("forms/"));
	if (strlen(text) != len || !utf8_valid(text, len)) {
		rc = quarantine(w, ch->path, "not a text file (NUL bytes or invalid UTF-8); the "
		    "previous form stays");
		goto out;
	}
	if (form_parse(&f, ch->path, text, &ferr) != 0) {
		char *reason = xasprintf("%s; the previous form stays", ferr.msg);
		rc = quarantine(w, ch->path, reason);
		free(reason);
		goto out;
	}
	if (strcmp(f->kind, kind) != 0) {
		rc = quarantine(w, ch->path, "the kind in the form does not match its file name; "
		    "the previous form stays");
		goto out;
	}
	dir = xasprintf("%s/forms", store_data_dir(w->c->st));
	if (forms_save_override(dir, f, &ferr) != 0) {
		rc = error_set(w->err, ERR_FAILED, "", "%s", ferr.msg);
		goto out;
	}
	forms_install(f);
	f = NULL;
	w->c->res->received++;
	w->c->res->forms++;
	rc = store_sync_quarantine_remove(w->c->st, ch->path, w->err);
out:
	form_free(f);
	free(text);
	free(dir);
	git_blob_free(blob);
	return rc;
}

static int
count_quarantine(const char *path, const char *reason, const char *commit, const char *at,
    void *payload)
{
	*(int *)payload = 1;
	return 1;
}

static void
progress(struct sync_ctx *c, size_t done, size_t total)
{
	if (c->opt->progress && total > 0)
		c->opt->progress(SYNC_STAGE_IMPORT, (int)(done * 100 / total), c->opt->payload);
}

int
import_changes(struct sync_ctx *c, const git_oid *from, const git_oid *to, struct error *err)
{
	static const enum walk_kind order[] = { WALK_RECORD, WALK_CONFLICT, WALK_REVIEW,
	    WALK_FORM };
	struct walk w = { .c = c, .err = err };
	git_commit *cfrom = NULL, *cto = NULL;
	git_tree *tfrom = NULL, *tto = NULL;
	git_odb *odb = NULL;
	size_t i, k, done = 0;
	int rc = -1, in_tx = 0, walked;

	git_oid_tostr(w.commit, sizeof w.commit, to);
	if (git_commit_lookup(&cto, c->repo, to) < 0 || git_commit_tree(&tto, cto) < 0 ||
	    git_repository_odb(&odb, c->repo) < 0) {
		repo_git_error(c, err, ERR_FAILED, "reading the fetched commit");
		goto out;
	}
	if (from != NULL && (git_commit_lookup(&cfrom, c->repo, from) < 0 ||
	    git_commit_tree(&tfrom, cfrom) < 0)) {
		/* The last imported commit is gone (a new repo.git): compare with nothing;
		 * what we hold already is recognised record by record. */
		git_error_clear();
		tfrom = NULL;
	}
	if (from != NULL && tfrom != NULL && git_oid_equal(git_tree_id(tfrom), git_tree_id(tto)))
		goto done;
	store_quarantine_list(c->st, count_quarantine, &w.has_quarantine, NULL);
	if (store_begin(c->st, err) != 0)
		goto out;
	in_tx = 1;
	if (store_batch_begin(c->st, &w.batch, err) != 0)
		goto out;
	if ((walked = walk_changes(c->repo, tfrom, tto, on_change, &w)) != 0) {
		if (walked < 0 && err->msg[0] == '\0')
			repo_git_error(c, err, ERR_FAILED, "reading the repository");
		goto out;
	}
	/* Records first: conflicts and reviews refer to them. */
	for (k = 0; k < sizeof order / sizeof order[0]; k++) {
		for (i = 0; i < w.n; i++) {
			const struct change *ch = &w.v[i];
			if (ch->type != order[k])
				continue;
			if ((ch->type == WALK_RECORD ? import_record(&w, c->repo, odb, ch) :
			    ch->type == WALK_CONFLICT ? import_conflict(&w, c->repo, odb, ch) :
			    ch->type == WALK_REVIEW ? import_review(&w, c->repo, odb, ch) :
			    import_form(&w, c->repo, odb, ch)) != 0)
				goto out;
			if (++done % CHUNK == 0) {
				in_tx = 0;
				if (store_commit(c->st, err) != 0 || store_begin(c->st, err) != 0)
					goto out;
				in_tx = 1;
				progress(c, done, w.n);
			}
		}
	}
done:
	if (!in_tx) {
		if (store_begin(c->st, err) != 0)
			goto out;
		in_tx = 1;
	}
	if (store_batch_end(w.batch, err) != 0) {
		w.batch = NULL;
		goto out;
	}
	w.batch = NULL;
	if (store_meta_set(c->st, "last_tip", w.commit, err) != 0)
		goto out;
	in_tx = 0;
	if (store_commit(c->st, err) != 0)
		goto out;
	progress(c, 1, 1);
	rc = 0;
out:
	store_batch_end(w.batch, NULL);
	if (in_tx)
		store_rollback(c->st);
	for (i = 0; i < w.n; i++)
		free(w.v[i].path);
	free(w.v);
	git_tree_free(tfrom);
	git_tree_free(tto);
	git_commit_free(cfrom);
	git_commit_free(cto);
	git_odb_free(odb);
	return rc;
}
