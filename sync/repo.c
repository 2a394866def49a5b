/* SPDX-License-Identifier: GPL-3.0-or-later */
/* repo.c: the bare clone in data_dir/repo.git. See internal.h. */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "sync/internal.h"

void
repo_clean_message(const struct sync_ctx *c, const char *msg, char *out, size_t size)
{
	/* libgit2 may quote the URL it was given, half redacted: never let a password through. */
	char *shown = sync_text_redact(msg ? msg : "", c != NULL ? c->url : NULL);
	char *clean = text_sanitize(shown, size > 1 ? size - 1 : 0, 0);

	snprintf(out, size, "%s", clean);
	free(clean);
	free(shown);
}

int
repo_git_error(struct sync_ctx *c, struct error *err, enum error_kind kind, const char *what)
{
	const git_error *e = git_error_last();
	char msg[300];

	repo_clean_message(c, e && e->message ? e->message : _("unknown error"), msg, sizeof msg);
	return error_set(err, kind, "", "%s: %s", what, msg);
}

/* Remove *.lock files below dir (refs, at any depth). */
static void
remove_locks(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat sb;
	char *path;
	size_t n;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		n = strlen(e->d_name);
		if (lstat(path, &sb) == 0) {
			if (S_ISDIR(sb.st_mode) && depth < 8)
				remove_locks(path, depth + 1);
			else if (S_ISREG(sb.st_mode) && n > 5 &&
			    strcmp(e->d_name + n - 5, ".lock") == 0)
				unlink(path);
		}
		free(path);
	}
	closedir(d);
}

static int
pack_name_final(const char *name)
{
	static const char *const ends[] = { ".pack", ".idx", ".rev", ".keep", ".bitmap",
	    ".promisor", ".mtimes" };
	size_t i, n = strlen(name), k;

	if (strncmp(name, "pack-", 5) != 0)
		return 0;
	for (i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		k = strlen(ends[i]);
		if (n > k && strcmp(name + n - k, ends[i]) == 0)
			return 1;
	}
	return 0;
}

void
repo_remove_stale(const char *gitdir)
{
	static const char *const top[] = { "HEAD.lock", "config.lock", "packed-refs.lock",
	    "index.lock", "shallow.lock", "FETCH_HEAD.lock" };
	DIR *d;
	struct dirent *e;
	char *path;
	size_t i;

	for (i = 0; i < sizeof top / sizeof top[0]; i++) {
		path = xasprintf("%s/%s", gitdir, top[i]);
		unlink(path);
		free(path);
	}
	path = xasprintf("%s/refs", gitdir);
	remove_locks(path, 0);
	free(path);
	/* A pack being received is written under a temporary name and renamed to
	 * pack-<id>.pack/.idx once complete: anything else in the folder is the remains of a
	 * killed transfer. */
	path = xasprintf("%s/objects/pack", gitdir);
	if ((d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			char *file;
			if (e->d_name[0] == '.' || pack_name_final(e->d_name))
				continue;
			file = xasprintf("%s/%s", path, e->d_name);
			unlink(file);
			free(file);
		}
		closedir(d);
	}
	free(path);
}

static int
remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

/* Make repo.git in a folder of its own and rename it into place, so that a kill during
 * the creation never leaves a half-made repository where the next sync looks. */
static int
create_repo(struct sync_ctx *c, struct error *err)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	char *tmp = xasprintf("%s.new-%ld", c->repo_path, (long)getpid()), *dir, *base, *old;
	struct dirent *e;
	DIR *d;
	int rc = -1;

	/* Leftovers of creations that were killed (we hold the flock: none is running). */
	dir = xstrdup(c->repo_path);
	base = strrchr(dir, '/');
	if (base != NULL && (*base = '\0', d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strncmp(e->d_name, "repo.git.new-", 13) != 0)
				continue;
			old = xasprintf("%s/%s", dir, e->d_name);
			nftw(old, remove_one, 16, FTW_DEPTH | FTW_PHYS);
			free(old);
		}
		closedir(d);
	}
	free(dir);
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH |
	    GIT_REPOSITORY_INIT_NO_REINIT;
	opts.mode = GIT_REPOSITORY_INIT_SHARED_UMASK;
	opts.initial_head = c->branch;
	if (git_repository_init_ext(&repo, tmp, &opts) < 0) {
		repo_git_error(c, err, ERR_FAILED, c->repo_path);
		goto out;
	}
	git_repository_free(repo);
	if (rename(tmp, c->repo_path) != 0) {
		error_set(err, ERR_FAILED, "", _("cannot create %s: %s"), c->repo_path,
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		nftw(tmp, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(tmp);
	return rc;
}

int
repo_open(struct sync_ctx *c, struct error *err)
{
	struct stat sb;
	char *aside;

	if (c->repo != NULL)
		return 0;
	if (stat(c->repo_path, &sb) == 0) {
		if (!c->reader)
			repo_remove_stale(c->repo_path);
		if (git_repository_open_ext(&c->repo, c->repo_path,
		    GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_BARE, NULL) == 0)
			return 0;
		if (c->reader)
			return repo_git_error(c, err, ERR_FAILED, c->repo_path);
		/* Only a copy: what it holds is in the store or on the remote. Keep it aside
		 * for whoever wants to look, and start a new one. */
		aside = xasprintf("%s.broken-%ld", c->repo_path, (long)time(NULL));
		if (rename(c->repo_path, aside) != 0) {
			free(aside);
			return repo_git_error(c, err, ERR_FAILED, c->repo_path);
		}
		free(aside);
		git_error_clear();
	}
	if (c->reader)
		return error_set(err, ERR_FAILED, "", _("%s: not made yet (the program that holds "
		    "the data makes it at its first sync)"), c->repo_path);
	if (create_repo(c, err) != 0)
		return -1;
	if (git_repository_open_ext(&c->repo, c->repo_path, GIT_REPOSITORY_OPEN_NO_SEARCH |
	    GIT_REPOSITORY_OPEN_BARE, NULL) < 0)
		return repo_git_error(c, err, ERR_FAILED, c->repo_path);
	return 0;
}

void
repo_close(struct sync_ctx *c)
{
	git_repository_free(c->repo);
	c->repo = NULL;
}

int
repo_ref_get(git_repository *repo, const char *ref, git_oid *out, struct error *err)
{
	int rc = git_reference_name_to_id(out, repo, ref);

	if (rc == 0)
		return 0;
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return 1;
	}
	return repo_git_error(NULL, err, ERR_FAILED, ref);
}

int
repo_ref_set(git_repository *repo, const char *ref, const git_oid *id,
    const git_oid *expected, struct error *err)
{
	git_reference *r = NULL;
	int rc;

	if (expected != NULL)
		rc = git_reference_create_matching(&r, repo, ref, id, 1, expected, "volunteer sync");
	else
		rc = git_reference_create(&r, repo, ref, id, 1, "volunteer sync");
	git_reference_free(r);
	if (rc < 0)
		return repo_git_error(NULL, err, ERR_FAILED, ref);
	return 0;
}

git_tree *
repo_commit_tree(git_repository *repo, const git_oid *id)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;

	if (git_commit_lookup(&commit, repo, id) == 0 && git_commit_tree(&tree, commit) < 0)
		tree = NULL;
	git_commit_free(commit);
	return tree;
}
