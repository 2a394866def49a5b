/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * checkpush.c: sync_check_push, the server's guard of a shared repository (a pre-receive
 * hook, or gitolite's VREF). See sync.h.
 *
 * It refuses what no honest laptop sends: a branch deleted or rewritten, a file removed,
 * a file outside the layout, a record, conflict or review file that does not decode or
 * whose ids do not match its path, a counter out of range; and, when the pusher is known
 * (gitolite's $GL_USER), a new record of another volunteer or a review, unless the pusher
 * is one of the coordinators the server lists (`git config volunteer.coordinators "ana
 * bea"`: a coordinator carries USB sticks from villages without signal). It reads only
 * what the push changes: the pruned walk of walk.c between the old and the new tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/record.h"
#include "core/store.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "sync/internal.h"
#include "sync/walk.h"

#define MAX_REFUSALS 20		/* lines told back per push; the rest only counted */

struct guard {
	git_repository *repo;
	git_odb *odb;
	git_tree *old_tree;	/* the branch before the push, NULL when it is new */
	const char *ref;
	const char *user;	/* $GL_USER, or NULL */
	int coordinator;	/* user is a listed coordinator */
	FILE *msgs;
	long refused;
};

static void
refuse(struct guard *g, const char *path, const char *why)
{
	char *p = text_sanitize(path ? path : "", 200, 0);

	if (g->refused++ < MAX_REFUSALS)
		fprintf(g->msgs, "volunteer check-push: %s%s%s: %s\n", g->ref, *p ? " " : "", p,
		    why);
	free(p);
}

/* The text of blob id when it is at most max bytes; NULL (refused) otherwise. */
static char *
blob_text(struct guard *g, const char *path, const git_oid *id, size_t max, size_t *len)
{
	git_odb_object *obj = NULL;
	git_object_t type;
	char *text = NULL;

	if (git_odb_read_header(len, &type, g->odb, id) < 0 || type != GIT_OBJECT_BLOB) {
		git_error_clear();
		refuse(g, path, _("the file cannot be read"));
		return NULL;
	}
	if (*len > max) {
		refuse(g, path, _("the file is over the size limit"));
		return NULL;
	}
	if (git_odb_read(&obj, g->odb, id) < 0) {
		git_error_clear();
		refuse(g, path, _("the file cannot be read"));
		return NULL;
	}
	text = xmalloc(*len + 1);
	memcpy(text, git_odb_object_data(obj), *len);
	text[*len] = '\0';
	git_odb_object_free(obj);
	return text;
}

/* Was path in the branch before this push? */
static int
was_there(struct guard *g, const char *path)
{
	git_tree_entry *e = NULL;
	int found;

	if (g->old_tree == NULL)
		return 0;
	found = git_tree_entry_bypath(&e, g->old_tree, path) == 0;
	if (!found)
		git_error_clear();
	git_tree_entry_free(e);
	return found;
}

static void
check_record(struct guard *g, const char *path, const git_oid *id, int conflict)
{
	struct record *r = NULL;
	struct error err = { 0 };
	char want[128], *text;
	size_t len;

	if ((text = blob_text(g, path, id, RECORD_MAX_FILE, &len)) == NULL)
		return;
	if (record_from_json(&r, text, len, &err) != 0)
		refuse(g, path, err.msg);
	else if (conflict ? strncmp(path + strlen("conflicts/"), r->id, UUID_LEN) != 0 :
	    record_path(r, want, sizeof want) != 0 || strcmp(want, path) != 0)
		refuse(g, path, _("the id or kind in the file does not match its path"));
	else if (!conflict && g->user != NULL && !g->coordinator &&
	    strcmp(r->volunteer, g->user) != 0 && !was_there(g, path))
		refuse(g, path, _("a new record of another volunteer: only a coordinator may "
		    "bring those"));
	record_free(r);
	free(text);
}

static void
check_review(struct guard *g, const char *path, const git_oid *id)
{
	struct review *rv = NULL;
	struct error err = { 0 };
	char want[128], *text;
	size_t len;

	if ((text = blob_text(g, path, id, SYNC_MAX_OTHER_FILE, &len)) == NULL)
		return;
	if (review_from_json(&rv, text, len, &err) != 0)
		refuse(g, path, err.msg);
	else {
		snprintf(want, sizeof want, "reviews/%s/%s.json", rv->record_id, rv->id);
		if (strcmp(want, path) != 0)
			refuse(g, path, _("the ids in the file do not match its path"));
		else if (g->user != NULL && !g->coordinator && !was_there(g, path))
			refuse(g, path, _("a review by someone who is not a coordinator"));
	}
	review_free(rv);
	free(text);
}

static void
check_form(struct guard *g, const char *path, const git_oid *id)
{
	struct form *f = NULL;
	struct error err = { 0 };
	char *text;
	size_t len;

	if ((text = blob_text(g, path, id, FORM_MAX_FILE, &len)) == NULL)
		return;
	if (strlen(text) != len || form_parse(&f, path, text, &err) != 0)
		refuse(g, path, err.msg[0] ? err.msg : _("not a text file"));
	else if (g->user != NULL && !g->coordinator)
		refuse(g, path, _("a form by someone who is not a coordinator"));
	form_free(f);
	free(text);
}

static int
on_change(enum walk_kind kind, const char *path, const git_oid *id, void *payload)
{
	struct guard *g = payload;

	switch (kind) {
	case WALK_RECORD:
		check_record(g, path, id, 0);
		break;
	case WALK_CONFLICT:
		check_record(g, path, id, 1);
		break;
	case WALK_REVIEW:
		check_review(g, path, id);
		break;
	case WALK_FORM:
		check_form(g, path, id);
		break;
	case WALK_BAD_NAME:
	case WALK_BAD_FOLDER:
		refuse(g, path, _("outside the repository layout"));
		break;
	case WALK_NOT_FILE:
		refuse(g, path, _("not a regular file (a link or a submodule)"));
		break;
	case WALK_GONE_RECORD:
	case WALK_GONE_REVIEW:
		refuse(g, path, _("a file is removed: records are never removed, a deletion is a "
		    "tombstone"));
		break;
	}
	return 0;
}

/* One "old new ref" line of the hook's input. */
static void
check_update(struct guard *g, const git_oid *old, const git_oid *new)
{
	git_tree *new_tree = NULL;

	if (strncmp(g->ref, "refs/heads/", 11) != 0)
		return;		/* tags and other refs are none of the records' business */
	if (git_oid_is_zero(new)) {
		refuse(g, NULL, _("deleting the branch is refused: every laptop's records are "
		    "on it"));
		return;
	}
	if (!git_oid_is_zero(old)) {
		if (git_graph_descendant_of(g->repo, new, old) != 1) {
			git_error_clear();
			refuse(g, NULL, _("the push rewrites the branch (not a fast-forward): "
			    "records would be lost"));
			return;
		}
		if ((g->old_tree = repo_commit_tree(g->repo, old)) == NULL) {
			refuse(g, NULL, _("the branch's present commit cannot be read"));
			return;
		}
	}
	if ((new_tree = repo_commit_tree(g->repo, new)) == NULL) {
		refuse(g, NULL, _("the pushed commit cannot be read"));
		return;
	}
	if (walk_changes(g->repo, g->old_tree, new_tree, on_change, g) < 0) {
		git_error_clear();
		refuse(g, NULL, _("the pushed trees cannot be read"));
	}
	git_tree_free(new_tree);
	git_tree_free(g->old_tree);
	g->old_tree = NULL;
}

/* Is user among the space- or comma-separated names of list? */
static int
listed(const char *list, const char *user)
{
	size_t n = strlen(user);
	const char *p = list;

	while (p != NULL && *p) {
		p += strspn(p, " ,\t");
		if (strncmp(p, user, n) == 0 && (p[n] == '\0' || strchr(" ,\t", p[n])))
			return 1;
		p += strcspn(p, " ,\t");
	}
	return 0;
}

int
sync_check_push(FILE *in, FILE *msgs, long *refused, struct error *err)
{
	struct guard g = { .msgs = msgs };
	git_config *cfg = NULL;
	git_buf coordinators = { 0 };
	char line[512], old_hex[GIT_OID_HEXSZ + 1], new_hex[GIT_OID_HEXSZ + 1], ref[400];
	git_oid old, new;
	int rc = -1;

	*refused = 0;
	sync_git_init();
	/* From the hook's environment: GIT_DIR, and the quarantine that holds the pushed
	 * objects (GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES). */
	if (git_repository_open_ext(&g.repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0 ||
	    git_repository_odb(&g.odb, g.repo) < 0) {
		const git_error *e = git_error_last();
		error_set(err, ERR_FAILED, "", _("check-push runs as a hook of the shared "
		    "repository (%.200s)"), e && e->message ? e->message : "no repository");
		goto out;
	}
	g.user = getenv("GL_USER");
	if (g.user != NULL && *g.user == '\0')
		g.user = NULL;
	if (g.user != NULL && git_repository_config_snapshot(&cfg, g.repo) == 0 &&
	    git_config_get_string_buf(&coordinators, cfg, "volunteer.coordinators") == 0)
		g.coordinator = listed(coordinators.ptr, g.user);
	git_error_clear();
	while (fgets(line, sizeof line, in) != NULL) {
		if (sscanf(line, "%40s %40s %399s", old_hex, new_hex, ref) != 3 ||
		    git_oid_fromstr(&old, old_hex) < 0 || git_oid_fromstr(&new, new_hex) < 0) {
			error_set(err, ERR_INVALID, "", _("check-push: a line of the hook's input "
			    "is not \"old new ref\""));
			goto out;
		}
		g.ref = ref;
		check_update(&g, &old, &new);
	}
	if (g.refused > MAX_REFUSALS)
		fprintf(msgs, _("volunteer check-push: and %ld more\n"), g.refused - MAX_REFUSALS);
	*refused = g.refused;
	rc = 0;
out:
	git_buf_dispose(&coordinators);
	git_config_free(cfg);
	git_odb_free(g.odb);
	git_repository_free(g.repo);
	git_libgit2_shutdown();
	return rc;
}
