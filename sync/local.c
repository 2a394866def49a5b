/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * local.c: remotes that are folders (a path, file://, a USB stick).
 *
 * libgit2 1.5's local transport moves the remote branch with a forced write that ignores
 * a concurrent push, and runs no hooks: two volunteers pushing to one shared folder could
 * lose a commit. Here the objects are copied first (a pack written into the remote, under
 * a temporary name until complete) and the branch then moves by compare-and-swap
 * (git_reference_create_matching), which fails if anyone moved it meanwhile.
 *
 * The ref update takes git's lock file; a process killed while holding it would block
 * the folder for good. So volunteers serialise their updates with a flock on
 * <remote>/volunteer-push.lock (released by the kernel whatever happens) and leave a
 * marker while they hold git's lock: whoever next holds the flock and finds the marker
 * knows the lock file is a dead volunteer's and removes it. A lock without the marker
 * belongs to someone else (git itself) and is waited for.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/util.h"
#include "sync/internal.h"

static int
open_remote(struct sync_ctx *c, git_repository **out, struct net_reply *rep)
{
	struct stat sb;
	const git_error *e;
	char msg[300];

	if (stat(c->local_path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		rep->status = -1;
		rep->kind = ERR_FAILED;
		snprintf(rep->msg, sizeof rep->msg, _("cannot reach the remote %s: %s"),
		    c->url_shown, stat(c->local_path, &sb) != 0 ? strerror(errno) :
		    "not a folder");
		return -1;
	}
	if (git_repository_open_ext(out, c->local_path, GIT_REPOSITORY_OPEN_NO_SEARCH |
	    GIT_REPOSITORY_OPEN_BARE, NULL) < 0) {
		e = git_error_last();
		repo_clean_message(c, e && e->message ? e->message : "?", msg, sizeof msg);
		rep->status = -1;
		rep->kind = ERR_FAILED;
		snprintf(rep->msg, sizeof rep->msg, _("the remote %s is not a git repository (%s)"),
		    c->url_shown, msg);
		return -1;
	}
	return 0;
}

static void
reply_git(struct sync_ctx *c, struct net_reply *rep, const char *what)
{
	const git_error *e = git_error_last();
	char msg[300];

	repo_clean_message(c, e && e->message ? e->message : _("unknown error"), msg, sizeof msg);
	rep->status = -1;
	rep->kind = ERR_FAILED;
	/* what is a whole sentence with two %s: the remote, then the reason */
	snprintf(rep->msg, sizeof rep->msg, what, c->url_shown, msg);
}

/* Pack what tip has and the known commits do not, from src into the folder dir. */
static int
copy_objects(git_repository *src, const git_oid *tip, const git_oid *const *known,
    size_t nknown, git_odb *held, const char *dir)
{
	git_packbuilder *pb = NULL;
	int rc;

	if ((rc = git_packbuilder_new(&pb, src)) == 0 &&
	    (rc = pack_commits_since(pb, src, tip, known, nknown, held)) == 0 &&
	    git_packbuilder_object_count(pb) > 0)
		rc = git_packbuilder_write(pb, dir, 0, NULL, NULL);
	git_packbuilder_free(pb);
	return rc;
}

int
local_fetch(struct sync_ctx *c, git_repository *repo, struct net_reply *rep)
{
	git_repository *remote = NULL;
	git_odb *odb = NULL;
	git_oid tip, fetched, head;
	const git_oid *known[2];
	char *dir = NULL;
	int rc, has_fetched, has_head, copied = 0;

	if (open_remote(c, &remote, rep) != 0)
		return -1;
	rc = git_reference_name_to_id(&tip, remote, c->branch_ref);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		rep->empty = 1;
		rep->status = 0;
		goto out;
	}
	if (rc < 0 || git_repository_odb(&odb, repo) < 0) {
		reply_git(c, rep, _("cannot read the remote %s: %s"));
		goto out;
	}
	git_oid_tostr(rep->tip, sizeof rep->tip, &tip);
	has_fetched = git_reference_name_to_id(&fetched, repo, SYNC_REF_FETCHED) == 0;
	has_head = git_reference_name_to_id(&head, repo, c->branch_ref) == 0;
	git_error_clear();
	if (!has_fetched && !has_head && !git_odb_exists(odb, &tip)) {
		/* A first fetch: the remote's packs as they are, as git clone does from a
		 * folder; packing a hundred thousand objects anew would take seconds. */
		if (pack_copy_packs(git_repository_path(remote), c->repo_path) != 0) {
			rep->status = -1;
			rep->kind = ERR_FAILED;
			snprintf(rep->msg, sizeof rep->msg, _("cannot fetch from the remote %s: %s"),
			    c->url_shown, strerror(errno));
			goto out;
		}
		git_odb_refresh(odb);
		copied = 1;
	}
	/* After copied packs even a tip that is here may stand on commits that were not in
	 * them (loose objects of plain git pushes): look at each commit. */
	if (copied || !git_odb_exists(odb, &tip)) {
		/* Our refs mark commits whose whole history we hold; after copied packs,
		 * only the commits themselves are known to be here. */
		known[0] = has_fetched ? &fetched : NULL;
		known[1] = has_head ? &head : NULL;
		dir = xasprintf("%s/objects/pack", c->repo_path);
		if (copy_objects(remote, &tip, known, 2, copied ? odb : NULL, dir) < 0) {
			reply_git(c, rep, _("cannot fetch from the remote %s: %s"));
			goto out;
		}
	}
	rep->status = 0;
out:
	free(dir);
	git_odb_free(odb);
	git_repository_free(remote);
	return rep->status;
}

/* The flock that serialises volunteers' ref updates on this folder (see the top). Waits a
 * few seconds at most: a busy folder is a refused push, redone later. */
static int
take_push_lock(struct sync_ctx *c, git_repository *remote, struct net_reply *rep)
{
	const char *gitdir = git_repository_path(remote);
	char *path = xasprintf("%s/volunteer-push.lock", gitdir);
	char *marker = xasprintf("%s/volunteer-push.active", gitdir);
	char *reflock = xasprintf("%s/%s.lock", gitdir, c->branch_ref);
	struct timespec pause = { 0, 20 * 1000000L };
	int fd, i;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		rep->status = -1;
		rep->kind = ERR_FAILED;
		snprintf(rep->msg, sizeof rep->msg, _("cannot write to the remote %s: %s"),
		    c->url_shown, strerror(errno));
		goto out;
	}
	for (i = 0; flock(fd, LOCK_EX | LOCK_NB) != 0; i++) {
		if (i >= 250) {
			close(fd);
			fd = -1;
			rep->rejected = 1;	/* busy: redo after a pause */
			rep->status = 0;
			goto out;
		}
		nanosleep(&pause, NULL);
	}
	if (access(marker, F_OK) == 0) {
		/* A volunteer died while holding git's lock on the branch. */
		unlink(reflock);
		unlink(marker);
	}
out:
	free(path);
	free(marker);
	free(reflock);
	return fd;
}

int
local_push(struct sync_ctx *c, git_repository *repo, const git_oid *commit,
    const git_oid *expected, struct net_reply *rep)
{
	git_repository *remote = NULL;
	git_reference *ref = NULL;
	git_oid now;
	char *dir = NULL, *marker = NULL;
	int rc, has, lock_fd = -1, mfd;

	if (open_remote(c, &remote, rep) != 0)
		return -1;
	rc = git_reference_name_to_id(&now, remote, c->branch_ref);
	if (rc < 0 && rc != GIT_ENOTFOUND) {
		reply_git(c, rep, _("cannot read the remote %s: %s"));
		goto out;
	}
	git_error_clear();
	has = rc == 0;
	if (has && git_oid_equal(&now, commit)) {
		rep->status = 0;	/* done by an earlier run that was killed before it knew */
		goto out;
	}
	if (has != (expected != NULL) || (has && !git_oid_equal(&now, expected))) {
		rep->rejected = 1;
		rep->status = 0;
		goto out;
	}
	dir = xasprintf("%s/objects/pack", git_repository_path(remote));
	if (copy_objects(repo, commit, &expected, expected ? 1 : 0, NULL, dir) < 0) {
		reply_git(c, rep, _("cannot write to the remote %s: %s"));
		goto out;
	}
	if ((lock_fd = take_push_lock(c, remote, rep)) < 0)
		goto out;
	/* Again under the lock: the compare of the compare-and-swap. */
	rc = git_reference_name_to_id(&now, remote, c->branch_ref);
	git_error_clear();
	if ((rc == 0) != (expected != NULL) || (rc == 0 && !git_oid_equal(&now, expected))) {
		rep->rejected = 1;
		rep->status = 0;
		goto out;
	}
	marker = xasprintf("%s/volunteer-push.active", git_repository_path(remote));
	if ((mfd = open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) >= 0)
		close(mfd);
	rc = git_reference_create_matching(&ref, remote, c->branch_ref, commit, has, expected,
	    "volunteer sync");
	unlink(marker);
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ELOCKED) {
		git_error_clear();
		rep->rejected = 1;
		rep->status = 0;
	} else if (rc < 0)
		reply_git(c, rep, _("cannot update the branch of the remote %s: %s"));
	else
		rep->status = 0;
out:
	if (lock_fd >= 0)
		close(lock_fd);
	free(marker);
	free(dir);
	git_reference_free(ref);
	git_repository_free(remote);
	return rep->status;
}

int
local_create(struct sync_ctx *c, struct error *err)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	struct stat sb;
	char *parent, *slash;

	if (stat(c->local_path, &sb) == 0)
		return 0;
	parent = xstrdup(c->local_path);
	while ((slash = strrchr(parent, '/')) != NULL && slash[1] == '\0' && slash != parent)
		*slash = '\0';
	slash = strrchr(parent, '/');
	if (slash != NULL)
		*(slash == parent ? slash + 1 : slash) = '\0';
	if (slash != NULL && (stat(parent, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
		error_set(err, ERR_FAILED, "--remote", _("cannot reach the remote %s: the folder %s "
		    "does not exist (is the stick mounted?)"), c->url_shown, parent);
		free(parent);
		return -1;
	}
	free(parent);
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_NO_REINIT |
	    GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = c->branch;
	if (git_repository_init_ext(&repo, c->local_path, &opts) < 0)
		return repo_git_error(c, err, ERR_FAILED, _("cannot create the remote"));
	git_repository_free(repo);
	return 0;
}
