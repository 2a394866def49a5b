/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import.c: bring into the store what the shared repository holds and this laptop does
 * not, and notice what this laptop holds and the repository lost.
 *
 * The ordinary case is the pruned walk between two commits (walk.c): what was added or
 * changed is read, what was removed is sent again. After a history rewrite the walk has
 * no base to trust, so every record and review of the store is compared with the whole
 * tree instead (by the blob id noted when the repository last held it: no file is read
 * for a record that is there unchanged). Each file read is checked (size before reading,
 * JSON, id against its path, counters in range) and merged into the store; anything
 * refused is quarantined and the import goes on.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/merge.h"
#include "core/store_business.h"
#include "core/store_sync.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "sync/internal.h"
#include "sync/packfile.h"
#include "sync/walk.h"

#define CHUNK 5000		/* records per transaction: a live screen is never held long */
#define DEFER_INDEXES_MIN 2000	/* files of a first import worth building indexes after */

struct change {
	char *path;
	git_oid id;
	enum walk_kind type;
	int retry;		/* a file set aside before, read again (retry_set_aside) */
};

/* What the store holds, for the comparison with a whole tree (import_compare_all). */
struct held {
	char id[UUID_LEN + 1];
	char kind[16];		/* records; "" for a review */
	char record_id[UUID_LEN + 1];	/* reviews */
	char oid[GIT_OID_HEXSZ + 1];	/* records: the blob last seen there, or "" */
	int is_review;
	int dirty;
	int seen;		/* the tree holds it (a record at the path of its own kind) */
};

struct walk {
	struct sync_ctx *c;
	struct change *v;
	size_t n, cap;
	char commit[GIT_OID_HEXSZ + 1];
	const git_oid *tip;	/* the commit imported, for the age of clashing files */
	int has_quarantine;	/* the store lists quarantined files: clear them when fixed */
	int first_import;	/* nothing was imported before: conflicts found are not news */
	struct held *held;	/* sorted by id; only for a comparison with a whole tree */
	size_t nheld;
	struct store_batch *batch;
	struct error *err;
	const char *retrying;	/* the path of the set-aside file being read again, or NULL */
};

static int
quarantine(struct walk *w, const char *path, const char *reason)
{
	struct sync_ctx *c = w->c;
	char *p = text_sanitize(path, 300, 0), *r = text_sanitize(reason, 300, 0);
	int rc = 0;

	/* A file set aside before and still bad is not news: its entry is refreshed. */
	if (w->retrying == NULL || strcmp(w->retrying, path) != 0)
		c->res->quarantined++;
	if (c->quarantine_added++ < SYNC_MAX_QUARANTINE)
		rc = store_quarantine_add(c->st, p, r, w->commit, w->err);
	free(p);
	free(r);
	return rc;
}

static int
held_cmp(const void *a, const void *b)
{
	return strcmp(((const struct held *)a)->id, ((const struct held *)b)->id);
}

static struct held *
held_find(struct walk *w, const char *id)
{
	struct held key;

	if (w->held == NULL)
		return NULL;
	snprintf(key.id, sizeof key.id, "%s", id);
	return bsearch(&key, w->held, w->nheld, sizeof *w->held, held_cmp);
}

/* The shared repository no longer holds this record or review (a removal in an ordinary
 * commit, or absent from a rewritten tree): what this laptop has goes out again. */
static int
send_again(struct walk *w, int is_review, const char *id)
{
	struct sync_ctx *c = w->c;
	int rc = is_review ? store_sync_review_mark_unsynced(c->st, id, w->err) :
	    store_sync_mark_unsynced(c->st, id, w->err);

	if (rc < 0)
		return -1;
	c->res->resent += rc;
	return 0;
}

/* With a whole-tree comparison: is this file already held here as it is? */
static int
held_unchanged(struct walk *w, enum walk_kind kind, const char *path, const git_oid *id)
{
	char rid[UUID_LEN + 1], kindbuf[16], hex[GIT_OID_HEXSZ + 1];
	struct held *h;

	walk_path_names(path, rid, kindbuf, sizeof kindbuf);
	if ((h = held_find(w, rid)) == NULL)
		return 0;
	if (kind == WALK_REVIEW) {
		h->seen = h->is_review;
		return h->is_review;	/* a review never changes: its id says it all */
	}
	if (h->is_review || strcmp(kindbuf, h->kind) != 0)
		return 0;	/* another file claims this id: reconcile decides */
	h->seen = 1;
	git_oid_tostr(hex, sizeof hex, id);
	return !h->dirty && strcmp(hex, h->oid) == 0;
}

/* The walk's report of one file: kept for the import, or set aside. */
static int
on_change(enum walk_kind kind, const char *path, const git_oid *id, void *payload)
{
	struct walk *w = payload;
	char rid[UUID_LEN + 1], kindbuf[16];

	switch (kind) {
	case WALK_GONE_RECORD:
	case WALK_GONE_REVIEW:
		if (w->c->carrier)
			return 0;	/* a stick need not hold everything */
		walk_path_names(path, rid, kindbuf, sizeof kindbuf);
		return send_again(w, kind == WALK_GONE_REVIEW, rid) == 0 ? 0 : -1;
	case WALK_BAD_FOLDER:
		return quarantine(w, path, _("a folder that is not in the repository layout "
		    "(nothing in it was read)"));
	case WALK_BAD_NAME:
		return quarantine(w, path, _("a file name that is not in the repository layout"));
	case WALK_NOT_FILE:
		return quarantine(w, path, _("not a regular file (a link or a submodule)"));
	default:
		break;
	}
	if ((kind == WALK_RECORD || kind == WALK_REVIEW) && w->held != NULL &&
	    held_unchanged(w, kind, path, id))
		return 0;
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->v = xrealloc(w->v, w->cap * sizeof *w->v);
	}
	w->v[w->n].path = xstrdup(path);
	git_oid_cpy(&w->v[w->n].id, id);
	w->v[w->n].type = kind;
	w->v[w->n].retry = 0;
	w->n++;
	return 0;
}

/* A file over its limit is quarantined without being read: 1, or -1 on error. */
static int
too_large(struct walk *w, const struct change *ch, size_t len, size_t max)
{
	char reason[128];

	snprintf(reason, sizeof reason, _("a file of %zu bytes, over the limit of %zu"), len,
	    max);
	return quarantine(w, ch->path, reason) == 0 ? 1 : -1;
}

/* The blob of a change, if it is at most max bytes: 0 and *blob, 1 when too large (it is
 * then quarantined without being read), -1 on error. */
static int
read_blob(struct walk *w, git_repository *repo, git_odb *odb, const struct change *ch,
    size_t max, git_blob **blob)
{
	git_object_t type;
	size_t len;

	*blob = NULL;
	if (git_odb_read_header(&len, &type, odb, &ch->id) < 0)
		return repo_git_error(w->c, w->err, ERR_FAILED, _("reading the repository"));
	if (len > max)
		return too_large(w, ch, len, max);
	if (git_blob_lookup(blob, repo, &ch->id) < 0)
		return repo_git_error(w->c, w->err, ERR_FAILED, _("reading the repository"));
	return 0;
}

/*
 * Which of two paths was in the shared history first, along the first parents from the
 * imported tip: 0 for a, 1 for b. Both files claim one id; every laptop keeps the older,
 * whatever order it saw them in. Added in the same commit, the path that sorts first
 * wins. Walks at most CLASH_MAX_COMMITS commits (a forged file is rare; its cost is the
 * history's length, once).
 */
#define CLASH_MAX_COMMITS 200000

static int
path_in(git_commit *commit, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int found;

	if (git_commit_tree(&tree, commit) < 0) {
		git_error_clear();
		return 0;
	}
	found = git_tree_entry_bypath(&e, tree, path) == 0;
	if (!found)
		git_error_clear();
	git_tree_entry_free(e);
	git_tree_free(tree);
	return found;
}

static int
older_path(struct walk *w, const char *a, const char *b)
{
	git_commit *commit = NULL, *parent = NULL;
	long depth = 0, first_a = -1, first_b = -1;

	if (w->tip == NULL || git_commit_lookup(&commit, w->c->repo, w->tip) < 0) {
		git_error_clear();
		return strcmp(a, b) <= 0 ? 0 : 1;
	}
	while (commit != NULL && depth < CLASH_MAX_COMMITS) {
		if (path_in(commit, a))
			first_a = depth;
		if (path_in(commit, b))
			first_b = depth;
		if (git_commit_parentcount(commit) == 0 ||
		    git_commit_parent(&parent, commit, 0) < 0) {
			git_error_clear();
			parent = NULL;
		}
		git_commit_free(commit);
		commit = parent;
		parent = NULL;
		depth++;
	}
	git_commit_free(commit);
	if (first_a != first_b)
		return first_a > first_b ? 0 : 1;	/* deeper is older */
	return strcmp(a, b) <= 0 ? 0 : 1;
}

/*
 * Every write of a record by the import. A visit or a task of an older program (no
 * business_id) is linked as the migration links it, and the business it needs is made
 * by the write when none is known (store_batch_put): the business is dirty, so the
 * commit of this same sync carries it, and every laptop makes the same file for it.
 */
static int
put(struct walk *w, const struct record *r, const char *body, const char *base, int dirty,
    const char *oid)
{
	return store_batch_put(w->batch, r, body, base, dirty, oid, w->err);
}

/*
 * Two files claim the id of one record under different kinds (a forged copy). The one
 * that was in the shared history first is kept, here as on every laptop; the other is
 * quarantined. When the stored record is the one to give way and holds changes of this
 * laptop that were never sent, they are kept under conflicts/ so that nothing is lost.
 */
static int
settle_clash(struct walk *w, const struct record *local, struct record *remote,
    const char *raw, const char *remote_path, const char *hex)
{
	struct sync_ctx *c = w->c;
	char local_path[128], *reason = NULL, *cpath = NULL, *ctext = NULL;
	int rc = -1;

	if (record_path(local, local_path, sizeof local_path) != 0 ||
	    older_path(w, local_path, remote_path) == 0) {
		reason = xasprintf(_("another file, %s, was in the shared history first with "
		    "the same id: this one is set aside"), local_path);
		rc = quarantine(w, remote_path, reason);
		goto out;
	}
	if (!local->synced) {
		cpath = conflict_path(local);
		ctext = file_of_record(local);
		if (store_sync_pending_add(c->st, cpath, ctext, w->err) != 0)
			goto out;
	}
	reason = xasprintf(_("another file, %s, was in the shared history first with the same "
	    "id: it replaces this one here"), remote_path);
	if (quarantine(w, local_path, reason) != 0 ||
	    put(w, remote, raw, raw, c->carrier, c->carrier ? NULL : hex) != 0)
		goto out;
	if (!local->synced && store_record_set_conflict(c->st, remote->id, 1, w->err) != 0)
		goto out;
	rc = 0;		/* a correction, not news: not counted as received */
out:
	free(reason);
	free(cpath);
	free(ctext);
	return rc;
}

/*
 * One record file from the repository against the local state:
 * - a new record is taken as it is;
 * - our own revision coming back marks ours clean (also when the answer to the push that
 *   carried it was lost);
 * - the version both sides last saw (the base), unchanged: nothing to do;
 * - older than the base (a restored or rewritten history, an old stick): never go back,
 *   and send ours again;
 * - an earlier revision written by this laptop, newer than the base: a push that was
 *   applied although its answer never came; it becomes the base, so that a later edit
 *   here is no conflict with itself;
 * - anything else is merged against the base: a hand edit that kept rev (and device)
 *   included, which the base's own revision tells apart from a lost answer.
 */
static int
reconcile(struct walk *w, struct record *remote, const char *raw, const struct change *ch)
{
	struct sync_ctx *c = w->c;
	struct store *st = c->st;
	struct record *local = NULL, *base = NULL;
	struct merge_result m = { 0 };
	struct error *err = w->err;
	char *base_text = NULL, *rfile = NULL, *lfile = NULL, *bfile = NULL, *full = NULL;
	char *path = NULL, *loser = NULL, *body = NULL, hex[GIT_OID_HEXSZ + 1];
	const char *oid;
	int rc = -1, own;

	git_oid_tostr(hex, sizeof hex, &ch->id);
	oid = c->carrier ? NULL : hex;	/* only the shared repository's blobs are noted */
	if (store_batch_lookup(w->batch, remote->id, &local, &base_text, err) != 0)
		return -1;
	if (local == NULL) {
		/* The file as it came: it decoded, so it is a record; no need to write it
		 * out again (a first import takes a hundred thousand). */
		if (put(w, remote, raw, raw, c->carrier, oid) != 0)
			goto out;
		c->res->received++;
		rc = 0;
		goto out;
	}
	if (strcmp(local->kind, remote->kind) != 0) {
		rc = settle_clash(w, local, remote, raw, ch->path, hex);
		goto out;
	}
	rfile = record_to_json(remote);
	lfile = file_of_record(local);
	if (strcmp(lfile, rfile) == 0) {
		/* Ours, back from the remote: it is safe there whatever this laptop knew. */
		rc = c->carrier ? 0 : store_record_mark_synced(st, local->id, local->rev, hex,
		    err);
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
		if (record_order_meta(remote, base) < 0) {
			rc = c->carrier || !local->synced ? 0 :
			    send_again(w, 0, local->id);
			goto out;
		}
	}
	own = remote->device != NULL && strcmp(remote->device, store_device(st)) == 0;
	fill_personal(remote, local);
	full = record_to_json(remote);
	if (own && record_order_meta(remote, local) < 0 &&
	    (base == NULL || record_order_meta(remote, base) > 0)) {
		body = record_to_json(local);
		rc = put(w, local, body, full, 1, oid);
		goto out;
	}
	if (merge_records(&m, base, local, remote, store_device(st), err) != 0) {
		rc = err->kind == ERR_INVALID ? quarantine(w, ch->path, err->msg) : -1;
		if (rc == 0)
			error_clear(err);
		goto out;
	}
	if (m.is_remote) {
		if (put(w, m.merged, full, full, c->carrier, oid) != 0)
			goto out;
	} else {
		body = record_to_json(m.merged);
		if (put(w, m.merged, body, full, 1, oid) != 0)
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

/*
 * The importers: one for each kind of file the walk keeps, in the order they are taken
 * (records first: conflicts and reviews refer to them). import_one reads a file of at
 * most limit bytes (a larger one is quarantined unread) and hands its bytes to take,
 * which decodes, checks and stores it: 0 when taken or quarantined, -1 on an error that
 * stops the import.
 */
struct importer {
	enum walk_kind kind;
	size_t limit;
	int (*take)(struct walk *w, const struct change *ch, const char *data, size_t len);
};

/* A record file: checked against its path, then merged with what is here. */
/* A file that could not be decoded: set aside when the file is at fault; when this laptop
 * is (no memory to read it), the import stops with the error, so that the file is read
 * again by the next sync instead of being set aside (core/record.h). */
static int
set_aside(struct walk *w, const char *path, const struct error *ferr)
{
	if (ferr->kind == ERR_FAILED)
		return error_set(w->err, ERR_FAILED, "", "%s", ferr->msg);
	return quarantine(w, path, ferr->msg);
}

/* What take_decoded asks of a decoded record file; the reader thread finds it beside
 * the decoding (check_decoded reads the record alone, and touches no store). */
struct checked {
	int path_ok;		/* the id and kind in the file match its path */
	int hostile;		/* a field holds terminal control characters */
};

static void
check_decoded(const struct record *r, const char *path, struct checked *out)
{
	char want[128];

	out->path_ok = record_path(r, want, sizeof want) == 0 && strcmp(want, path) == 0;
	out->hostile = out->path_ok && text_json_has_hostile(r->fields, SYNC_FIELDS_MAX_DEPTH);
}

/* A record file decoded (r, the caller's) and checked (ck): set aside if it is not at its
 * path, else merged. */
static int
take_decoded(struct walk *w, const struct change *ch, const char *data, size_t len,
    struct record *r, const struct checked *ck)
{
	char *raw = NULL;
	int rc;

	if (!ck->path_ok) {
		rc = quarantine(w, ch->path, _("the id or kind in the file does not match its path"));
		goto out;
	}
	/* Hostile text is imported (never shown) and stays listed; a file that is fine now
	 * leaves the list. */
	if (ck->hostile) {
		if (quarantine(w, ch->path, _("imported, but a field holds terminal control "
		    "characters: they are never shown")) != 0) {
			rc = -1;
			goto out;
		}
	} else if (w->has_quarantine && store_sync_quarantine_remove(w->c->st, ch->path,
	    w->err) != 0) {
		rc = -1;
		goto out;
	}
	raw = xstrndup(data, len);
	rc = reconcile(w, r, raw, ch);
out:
	free(raw);
	return rc;
}

static int
take_record(struct walk *w, const struct change *ch, const char *data, size_t len)
{
	struct record *r = NULL;
	struct error ferr = { 0 };
	struct checked ck;
	int rc;

	if (record_from_json(&r, data, len, &ferr) != 0)
		return set_aside(w, ch->path, &ferr);
	check_decoded(r, ch->path, &ck);
	rc = take_decoded(w, ch, data, len, r, &ck);
	record_free(r);
	return rc;
}

/* Written by this volunteer or on this laptop. */
static int
record_is_own(const struct sync_ctx *c, const struct record *r)
{
	return strcmp(r->device, store_device(c->st)) == 0 || (c->cfg != NULL &&
	    c->cfg->id != NULL && strcmp(r->volunteer, c->cfg->id) == 0);
}

/* The losing version of a conflict: the record it belongs to is flagged here too. */
static int
take_conflict(struct walk *w, const struct change *ch, const char *data, size_t len)
{
	struct record *r = NULL, *local = NULL;
	struct error ferr = { 0 };
	char *base = NULL, *text = NULL;
	int rc;

	if (record_from_json(&r, data, len, &ferr) != 0)
		return set_aside(w, ch->path, &ferr);
	if (strncmp(ch->path + strlen("conflicts/"), r->id, UUID_LEN) != 0) {
		rc = quarantine(w, ch->path, _("the id in the file does not match its folder"));
		goto out;
	}
	/* The record is flagged here too, until someone resolves it. It is news for this
	 * laptop's own records; a first import merely receives the programme's old ones. */
	if ((rc = store_batch_lookup(w->batch, r->id, &local, &base, w->err)) != 0 ||
	    local == NULL)
		goto out;
	/* Kept for the screens; one a review settled already is not news again (a
	 * whole-tree comparison reads every file). */
	text = xstrndup(data, len);
	if ((rc = store_conflict_version_add(w->c->st, ch->path, r->id, text, w->err)) != 0) {
		rc = rc < 0 ? -1 : 0;
		goto out;
	}
	if (!local->conflict) {
		rc = store_record_set_conflict(w->c->st, r->id, 1, w->err);
		if (!w->first_import && record_is_own(w->c, local))
			w->c->res->conflicts++;
	}
out:
	record_free(r);
	record_free(local);
	free(base);
	free(text);
	return rc;
}

static int
take_review(struct walk *w, const struct change *ch, const char *data, size_t len)
{
	struct review *rv = NULL;
	struct error ferr = { 0 };
	char want[128];
	int rc;

	if (review_from_json(&rv, data, len, &ferr) != 0)
		return set_aside(w, ch->path, &ferr);
	snprintf(want, sizeof want, "reviews/%s/%s.json", rv->record_id, rv->id);
	if (strcmp(want, ch->path) != 0) {
		rc = quarantine(w, ch->path, _("the ids in the file do not match its path"));
		goto out;
	}
	if ((rc = store_review_receive(w->c->st, rv, !w->c->carrier, w->err)) == 0)
		w->c->res->received++;
out:
	review_free(rv);
	return rc;
}

/* A form from the repository replaces the default once it parses; a bad one is reported
 * and the previous one stays. */
static int
take_form(struct walk *w, const struct change *ch, const char *data, size_t len)
{
	struct form *f = NULL;
	struct error ferr = { 0 };
	char *text = NULL, *dir = NULL, kind[16];
	int rc;

	text = xstrndup(data, len);
	snprintf(kind, sizeof kind, "%.*s", (int)(strlen(ch->path) - strlen("forms/") - 4),
	    ch->path + strlen("forms/"));
	if (strlen(text) != len || !utf8_valid(text, len)) {
		rc = quarantine(w, ch->path, _("not a text file (NUL bytes or invalid UTF-8); the "
		    "previous form stays"));
		goto out;
	}
	if (form_parse(&f, ch->path, text, &ferr) != 0) {
		char *reason = xasprintf(_("%s; the previous form stays"), ferr.msg);
		rc = quarantine(w, ch->path, reason);
		free(reason);
		goto out;
	}
	if (strcmp(f->kind, kind) != 0) {
		rc = quarantine(w, ch->path, _("the kind in the form does not match its file name; "
		    "the previous form stays"));
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
	return rc;
}

static const struct importer importers[] = {
	{ .kind = WALK_RECORD, .limit = RECORD_MAX_FILE, .take = take_record },
	{ .kind = WALK_CONFLICT, .limit = RECORD_MAX_FILE, .take = take_conflict },
	{ .kind = WALK_REVIEW, .limit = SYNC_MAX_OTHER_FILE, .take = take_review },
	{ .kind = WALK_FORM, .limit = FORM_MAX_FILE, .take = take_form },
};

static int
import_one(struct walk *w, git_odb *odb, const struct importer *im, const struct change *ch)
{
	git_blob *blob = NULL;
	int rc;

	w->retrying = ch->retry ? ch->path : NULL;
	if ((rc = read_blob(w, w->c->repo, odb, ch, im->limit, &blob)) != 0) {
		w->retrying = NULL;
		return rc < 0 ? -1 : 0;
	}
	rc = im->take(w, ch, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	w->retrying = NULL;
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

static int
collect_held(const struct sync_state *s, void *payload)
{
	struct walk *w = payload;
	struct held *h;

	if (w->nheld % 1024 == 0)
		w->held = xrealloc(w->held, (w->nheld + 1024) * sizeof *w->held);
	h = &w->held[w->nheld++];
	memset(h, 0, sizeof *h);
	snprintf(h->id, sizeof h->id, "%s", s->id);
	snprintf(h->kind, sizeof h->kind, "%s", s->kind ? s->kind : "");
	snprintf(h->record_id, sizeof h->record_id, "%s", s->record_id ? s->record_id : "");
	snprintf(h->oid, sizeof h->oid, "%s", s->oid ? s->oid : "");
	h->is_review = s->is_review;
	h->dirty = s->dirty;
	return 0;
}

/*
 * Files set aside by an earlier sync are read again at every sync, as long as the tree
 * still holds them: one set aside because this laptop could not read it (no memory, an
 * older program) comes in once it can, and one still bad only has its entry refreshed.
 */
struct retry {
	struct walk *w;
	git_tree *tree;
	int rc;
	int count;
};

static int
retry_one(const char *path, const char *reason, const char *commit, const char *at,
    void *payload)
{
	struct retry *rt = payload;
	struct walk *w = rt->w;
	git_tree_entry *e = NULL;
	enum walk_kind kind;
	size_t i;

	if (rt->count++ >= SYNC_MAX_QUARANTINE)
		return 1;
	/* Set aside for its name or place: the walk reports it again when it changes. */
	if (!walk_path_kind(path, &kind))
		return 0;
	for (i = 0; i < w->n; i++)
		if (strcmp(w->v[i].path, path) == 0)
			return 0;	/* changed in this walk: read anyway */
	if (git_tree_entry_bypath(&e, rt->tree, path) != 0)
		return 0;
	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	    git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB) {
		size_t before = w->n;
		if ((rt->rc = on_change(kind, path, git_tree_entry_id(e), w)) == 0 &&
		    w->n > before)
			w->v[w->n - 1].retry = 1;
	}
	git_tree_entry_free(e);
	return rt->rc != 0;
}

static int
retry_set_aside(struct walk *w, git_tree *tree)
{
	struct retry rt = { .w = w, .tree = tree };

	if (store_quarantine_list(w->c->st, retry_one, &rt, w->err) != 0)
		return -1;
	return rt.rc;
}

/* After a whole-tree comparison: what the tree does not hold goes out again. */
static int
send_unseen(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->nheld; i++)
		if (!w->held[i].seen && !w->held[i].dirty &&
		    send_again(w, w->held[i].is_review, w->held[i].id) != 0)
			return -1;
	return 0;
}

/*
 * The record files of a large import are read from the pack and decoded by other
 * threads, AHEAD of the store's writes, which take them in the walk's order: the reading
 * (inflate) and decoding (jansson), half of a first import's CPU time, run beside
 * SQLite's inserts instead of before each. A first import reads the packs itself
 * (sync/packfile.h: no lock, one zlib stream, its own cache of delta bases), and one
 * thread of that keeps ahead of the writes; any other import, or a file that reader
 * leaves, is read by libgit2, with two threads for READERS_MIN_FILES files or more on
 * two cores or more, each taking every other file. It checks each record against its
 * path and for terminal controls too (check_decoded: 3 % of the writing thread's work
 * at 10,000 files). Each thread reads through an object database of its own (libgit2
 * objects are not shared between threads), writes nothing, and touches no store;
 * everything it finds (a file over the limit, one that is not a record, one at another
 * path, a repository that cannot be read) is acted on by the main thread, in order, as
 * the plain path acts on it.
 */
#define AHEAD 256		/* files read and decoded ahead of the writes */
#define AHEAD_MIN 200		/* record files of an import worth a second thread */
#define READERS_MAX 2		/* reading threads; AHEAD is a multiple of it */
#define READERS_MIN_FILES 500	/* record files of an import worth a third thread */
#define AHEAD_CACHE (64u << 20)	/* bytes of delta bases each reader keeps */

struct ahead {
	int state;		/* 0 read (data, len; r, or ferr), 1 over the limit (len), -1 not
				 * read (msg) */
	const char *data;	/* buf's, or obj's */
	size_t len;
	unsigned char *buf;	/* read by the pack reader */
	git_odb_object *obj;	/* read by libgit2 */
	struct record *r;
	struct checked ck;	/* of r */
	struct error ferr;
	char msg[300];
};

struct reader;

/* One reading thread: the record files whose rank in the walk is k, k + nthreads, ...,
 * through an object database of its own. */
struct reader_thread {
	struct reader *rd;
	pthread_t thread;
	git_odb *odb;
	struct packfile_reader *packs;	/* NULL: libgit2 reads every file */
	size_t k;
	int started;
};

struct reader {
	const struct change *v;
	size_t *rank;		/* the index in v of each record file, in the walk's order */
	size_t n;		/* record files */
	size_t limit;
	struct ahead ring[AHEAD];	/* the file of rank j in ring[j % AHEAD] */
	size_t ready[AHEAD];	/* j + 1 once ring[j % AHEAD] holds the file of rank j */
	size_t consumed;	/* files the main thread took, in rank order */
	int stop;
	int readers_wait, main_waits;	/* woken only when waiting: a futex call a file
					 * was 9 % of the import */
	pthread_mutex_t mu;
	pthread_cond_t room, filled;
	struct reader_thread th[READERS_MAX];
	size_t nthreads;
};

static void
ahead_clear(struct ahead *a)
{
	git_odb_object_free(a->obj);
	free(a->buf);
	record_free(a->r);
	memset(a, 0, sizeof *a);
}

static void
ahead_read(struct reader *rd, struct reader_thread *t, const struct change *ch,
    struct ahead *a)
{
	git_object_t type;
	const git_error *e;

	memset(a, 0, sizeof *a);
	switch (t->packs != NULL ? packfile_reader_read(t->packs, ch->id.id, rd->limit, &a->buf,
	    &a->len) : PACKFILE_NOT_HERE) {
	case PACKFILE_READ:
		a->data = (const char *)a->buf;
		goto decode;
	case PACKFILE_TOO_LARGE:
		a->state = 1;
		return;
	case PACKFILE_NOT_HERE:
		break;
	}
	if (git_odb_read_header(&a->len, &type, t->odb, &ch->id) < 0 ||
	    (a->len <= rd->limit && git_odb_read(&a->obj, t->odb, &ch->id) < 0)) {
		e = git_error_last();
		snprintf(a->msg, sizeof a->msg, "%s", e && e->message ? e->message : "");
		a->state = -1;
		return;
	}
	if (a->len > rd->limit) {
		a->state = 1;
		return;
	}
	a->data = git_odb_object_data(a->obj);
	a->len = git_odb_object_size(a->obj);
decode:
	if (record_from_json(&a->r, a->data, a->len, &a->ferr) != 0)
		a->r = NULL;
	else
		check_decoded(a->r, ch->path, &a->ck);
}

static void *
reader_main(void *payload)
{
	struct reader_thread *t = payload;
	struct reader *rd = t->rd;
	size_t j;

	for (j = t->k; j < rd->n; j += rd->nthreads) {
		pthread_mutex_lock(&rd->mu);
		while (!rd->stop && j - rd->consumed >= AHEAD) {
			rd->readers_wait++;
			pthread_cond_wait(&rd->room, &rd->mu);
			rd->readers_wait--;
		}
		if (rd->stop) {
			pthread_mutex_unlock(&rd->mu);
			break;
		}
		pthread_mutex_unlock(&rd->mu);
		/* The slot is the main thread's again only once its file was taken. What it
		 * held is freed here, by the thread that allocated it (AHEAD is a multiple of
		 * nthreads, so a slot always has the same reader): freed by the other, glibc's
		 * arenas were locked against each other at every file. */
		ahead_clear(&rd->ring[j % AHEAD]);
		ahead_read(rd, t, &rd->v[rd->rank[j]], &rd->ring[j % AHEAD]);
		pthread_mutex_lock(&rd->mu);
		rd->ready[j % AHEAD] = j + 1;
		if (rd->main_waits && j == rd->consumed)
			pthread_cond_signal(&rd->filled);
		pthread_mutex_unlock(&rd->mu);
	}
	return NULL;
}

static void reader_stop(struct reader *rd);

/* A reader for w's record files, or NULL to read them on this thread (few of them, or
 * no thread to be had). Two threads for a large import on a machine of two cores or
 * more: one was the import's bottleneck (inflate and jansson at 85 % of a core, the
 * writes waiting on it half of the time, 100,000 records). */
static struct reader *
reader_start(struct walk *w)
{
	struct reader *rd;
	char *dir;
	size_t i, k, count = 0;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	for (i = 0; i < w->n; i++)
		count += w->v[i].type == WALK_RECORD;
	if (count < AHEAD_MIN)
		return NULL;
	rd = xcalloc(1, sizeof *rd);
	rd->v = w->v;
	rd->rank = xcalloc(count, sizeof *rd->rank);
	for (i = 0; i < w->n; i++)
		if (w->v[i].type == WALK_RECORD)
			rd->rank[rd->n++] = i;
	rd->limit = RECORD_MAX_FILE;
	pthread_mutex_init(&rd->mu, NULL);
	pthread_cond_init(&rd->room, NULL);
	pthread_cond_init(&rd->filled, NULL);
	/* One folder path for all: libgit2 shares a pack's handle between the handles of
	 * one path, and with it the cache of delta bases that neighbouring files share (a
	 * path of its own for each reader, "./objects", was 10 % slower). */
	dir = xasprintf("%sobjects", git_repository_path(w->c->repo));
	/* A first import reads the packs itself, and one thread of that keeps ahead of the
	 * writes: a second changed nothing at 100,000 records (3.09-3.31 s against
	 * 3.16-3.29 s) but took 64 MB more. */
	if (w->first_import)
		rd->th[0].packs = packfile_reader_open(dir, AHEAD_CACHE);
	rd->nthreads = rd->th[0].packs == NULL && count >= READERS_MIN_FILES && cpus >= 2 ?
	    READERS_MAX : 1;
	for (k = 0; k < rd->nthreads; k++) {
		struct reader_thread *t = &rd->th[k];

		t->rd = rd;
		t->k = k;
		if (git_odb_open(&t->odb, dir) < 0 ||
		    pthread_create(&t->thread, NULL, reader_main, t) != 0)
			break;
		t->started = 1;
	}
	free(dir);
	git_error_clear();
	if (k < rd->nthreads) {
		/* Each thread has its share of the ranks: all of them, or none. */
		reader_stop(rd);
		return NULL;
	}
	return rd;
}

static void
reader_stop(struct reader *rd)
{
	size_t i;

	if (rd == NULL)
		return;
	pthread_mutex_lock(&rd->mu);
	rd->stop = 1;
	pthread_cond_broadcast(&rd->room);
	pthread_mutex_unlock(&rd->mu);
	for (i = 0; i < rd->nthreads; i++) {
		if (rd->th[i].started)
			pthread_join(rd->th[i].thread, NULL);
		git_odb_free(rd->th[i].odb);
		packfile_reader_free(rd->th[i].packs);
	}
	for (i = 0; i < AHEAD; i++)
		ahead_clear(&rd->ring[i]);
	pthread_mutex_destroy(&rd->mu);
	pthread_cond_destroy(&rd->room);
	pthread_cond_destroy(&rd->filled);
	free(rd->rank);
	free(rd);
}

/* The next record file from the reader, taken as import_one takes one. */
static int
import_ahead(struct walk *w, struct reader *rd, const struct change *ch)
{
	struct ahead *a;
	char msg[300];
	int rc;

	pthread_mutex_lock(&rd->mu);
	while (rd->ready[rd->consumed % AHEAD] != rd->consumed + 1) {
		rd->main_waits = 1;
		pthread_cond_wait(&rd->filled, &rd->mu);
		rd->main_waits = 0;
	}
	pthread_mutex_unlock(&rd->mu);
	a = &rd->ring[rd->consumed % AHEAD];
	w->retrying = ch->retry ? ch->path : NULL;
	if (a->state < 0) {
		repo_clean_message(w->c, a->msg[0] ? a->msg : _("unknown error"), msg,
		    sizeof msg);
		rc = error_set(w->err, ERR_FAILED, "", "%s: %s", _("reading the repository"),
		    msg);
	} else if (a->state > 0) {
		rc = too_large(w, ch, a->len, rd->limit) < 0 ? -1 : 0;
	} else if (a->r == NULL) {
		rc = set_aside(w, ch->path, &a->ferr);
	} else {
		rc = take_decoded(w, ch, a->data, a->len, a->r, &a->ck);
	}
	w->retrying = NULL;
	pthread_mutex_lock(&rd->mu);
	rd->consumed++;
	if (rd->readers_wait)
		pthread_cond_broadcast(&rd->room);
	pthread_mutex_unlock(&rd->mu);
	return rc;
}

/* Read and merge the files the walk kept, kind by kind in the order of importers[], in
 * chunks of CHUNK per transaction. */
static int
import_kept(struct walk *w, git_odb *odb, int *in_tx)
{
	struct sync_ctx *c = w->c;
	struct reader *rd = reader_start(w);
	size_t i, k, done = 0;
	int rc = -1;

	for (k = 0; k < sizeof importers / sizeof importers[0]; k++) {
		for (i = 0; i < w->n; i++) {
			const struct change *ch = &w->v[i];
			if (ch->type != importers[k].kind)
				continue;
			if (rd != NULL && ch->type == WALK_RECORD ?
			    import_ahead(w, rd, ch) != 0 :
			    import_one(w, odb, &importers[k], ch) != 0)
				goto out;
			if (++done % CHUNK == 0) {
				if (store_batch_flush(w->batch, w->err) != 0)
					goto out;
				*in_tx = 0;
				if (store_commit(c->st, w->err) != 0 ||
				    store_begin(c->st, w->err) != 0)
					goto out;
				*in_tx = 1;
				progress(c, done, w->n);
			}
		}
	}
	rc = 0;
out:
	reader_stop(rd);
	return rc;
}

/*
 * The one import: the walk from tfrom to tto (either may be NULL: an empty tree), with
 * held != NULL for a comparison of the whole store with tto. Records to as the last
 * imported tip (to NULL: the branch is gone, and so is the tip).
 */
static int
import_run(struct walk *w, git_tree *tfrom, git_tree *tto, const git_oid *to)
{
	struct sync_ctx *c = w->c;
	struct error *err = w->err;
	git_odb *odb = NULL;
	size_t i;
	int rc = -1, in_tx = 0, walked;

	if (git_repository_odb(&odb, c->repo) < 0) {
		repo_git_error(c, err, ERR_FAILED, _("reading the local repository"));
		goto out;
	}
	/*
	 * A first import reads every blob of the pack that this sync's fetch (or the one it
	 * resumes) has just indexed, and indexing a pack is hashing each of its objects:
	 * hashing them again as they are read was 5 % of the import. zlib still checks each
	 * object's checksum as it inflates it, and a file damaged all the same fails its
	 * decoding and is set aside as any bad file is. Every later sync hashes as before.
	 */
	if (w->first_import)
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	store_quarantine_list(c->st, count_quarantine, &w->has_quarantine, NULL);
	if (store_begin(c->st, err) != 0)
		goto out;
	in_tx = 1;
	if (store_batch_begin(c->st, &w->batch, err) != 0)
		goto out;
	if (tto != NULL && (tfrom == NULL || !git_oid_equal(git_tree_id(tfrom),
	    git_tree_id(tto)))) {
		if ((walked = walk_changes(c->repo, tfrom, tto, on_change, w)) != 0) {
			if (walked < 0 && err->msg[0] == '\0')
				repo_git_error(c, err, ERR_FAILED, _("reading the repository"));
			goto out;
		}
	}
	/* A first import of many records builds the indexes once, after the rows. */
	if (w->first_import && w->held == NULL && w->n >= DEFER_INDEXES_MIN &&
	    store_batch_defer_indexes(w->batch, err) != 0)
		goto out;
	if (tto != NULL && w->has_quarantine && retry_set_aside(w, tto) != 0)
		goto out;
	if (w->held != NULL && send_unseen(w) != 0)
		goto out;
	if (import_kept(w, odb, &in_tx) != 0)
		goto out;
	if (!in_tx) {
		if (store_begin(c->st, err) != 0)
			goto out;
		in_tx = 1;
	}
	if (store_batch_end(w->batch, err) != 0) {
		w->batch = NULL;
		goto out;
	}
	w->batch = NULL;
	if (store_meta_set(c->st, sync_tip_key(c), to ? w->commit : NULL, err) != 0)
		goto out;
	in_tx = 0;
	if (store_commit(c->st, err) != 0)
		goto out;
	progress(c, 1, 1);
	rc = 0;
out:
	if (w->first_import)
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	store_batch_end(w->batch, NULL);
	if (in_tx)
		store_rollback(c->st);
	for (i = 0; i < w->n; i++)
		free(w->v[i].path);
	free(w->v);
	free(w->held);
	git_odb_free(odb);
	return rc;
}

/* The tree of commit id, or NULL with err filled. */
static git_tree *
tree_of(struct sync_ctx *c, const git_oid *id, struct error *err)
{
	git_tree *tree = repo_commit_tree(c->repo, id);

	if (tree == NULL)
		repo_git_error(c, err, ERR_FAILED, _("reading the fetched commit"));
	return tree;
}

int
import_changes(struct sync_ctx *c, const git_oid *from, const git_oid *to, struct error *err)
{
	struct walk w = { .c = c, .err = err, .tip = to, .first_import = from == NULL };
	git_tree *tfrom = NULL, *tto = NULL;
	int rc = -1;

	git_oid_tostr(w.commit, sizeof w.commit, to);
	if ((tto = tree_of(c, to, err)) == NULL ||
	    (from != NULL && (tfrom = tree_of(c, from, err)) == NULL))
		goto out;
	rc = import_run(&w, tfrom, tto, to);
out:
	git_tree_free(tfrom);
	git_tree_free(tto);
	return rc;
}

int
import_compare_all(struct sync_ctx *c, const git_oid *to, struct error *err)
{
	struct walk w = { .c = c, .err = err, .tip = to };
	git_tree *tto = NULL;
	int rc = -1;

	if (to != NULL) {
		git_oid_tostr(w.commit, sizeof w.commit, to);
		if ((tto = tree_of(c, to, err)) == NULL)
			goto out;
	}
	if (store_sync_each_state(c->st, collect_held, &w, err) != 0) {
		free(w.held);
		goto out;
	}
	if (w.held == NULL)
		w.held = xmalloc(sizeof *w.held);	/* an empty store: still a comparison */
	else
		qsort(w.held, w.nheld, sizeof *w.held, held_cmp);
	rc = import_run(&w, NULL, tto, to);
out:
	git_tree_free(tto);
	return rc;
}
