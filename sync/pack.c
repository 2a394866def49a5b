/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pack.c: moving objects between repositories at the cost of the change.
 *
 * git_packbuilder_insert_walk marks every tree and blob of the commits it hides as already
 * there: at 100,000 records it reads every tree of the repository for a one-file push.
 * Here a commit's new objects are found by comparing its tree with its first parent's and
 * going down only where the ids differ, as the import walk does.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "sync/internal.h"

/* Insert the trees and blobs of tree new_id that tree old_id (NULL: none) lacks. */
static int
insert_changed(git_packbuilder *pb, git_repository *repo, const git_oid *old_id,
    const git_oid *new_id)
{
	git_tree *old = NULL, *new = NULL;
	const git_tree_entry *e, *o;
	size_t i, n;
	int rc;

	if (old_id != NULL && git_oid_equal(old_id, new_id))
		return 0;
	if ((rc = git_packbuilder_insert(pb, new_id, NULL)) < 0 ||
	    (rc = git_tree_lookup(&new, repo, new_id)) < 0)
		goto out;
	if (old_id != NULL && git_tree_lookup(&old, repo, old_id) < 0) {
		git_error_clear();
		old = NULL;
	}
	n = git_tree_entrycount(new);
	for (i = 0; rc == 0 && i < n; i++) {
		e = git_tree_entry_byindex(new, i);
		o = old ? git_tree_entry_byname(old, git_tree_entry_name(e)) : NULL;
		if (o != NULL && git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(e)))
			continue;
		switch (git_tree_entry_type(e)) {
		case GIT_OBJECT_TREE:
			rc = insert_changed(pb, repo, o && git_tree_entry_type(o) ==
			    GIT_OBJECT_TREE ? git_tree_entry_id(o) : NULL, git_tree_entry_id(e));
			break;
		case GIT_OBJECT_BLOB:
			rc = git_packbuilder_insert(pb, git_tree_entry_id(e), NULL);
			break;
		default:
			break;	/* a submodule: nothing of ours to carry */
		}
	}
out:
	git_tree_free(old);
	git_tree_free(new);
	return rc;
}

int
pack_commit_objects(git_packbuilder *pb, git_repository *repo, const git_oid *commit)
{
	git_commit *c = NULL, *parent = NULL;
	int rc;

	if ((rc = git_commit_lookup(&c, repo, commit)) < 0)
		return rc;
	if (git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) < 0) {
		git_error_clear();
		parent = NULL;
	}
	if ((rc = git_packbuilder_insert(pb, commit, NULL)) == 0)
		rc = insert_changed(pb, repo, parent ? git_commit_tree_id(parent) : NULL,
		    git_commit_tree_id(c));
	git_commit_free(parent);
	git_commit_free(c);
	return rc;
}

int
pack_commits_since(git_packbuilder *pb, git_repository *repo, const git_oid *tip,
    const git_oid *const *known, size_t nknown, git_odb *held)
{
	git_revwalk *walk = NULL;
	git_oid id;
	size_t i;
	int rc;

	if ((rc = git_revwalk_new(&walk, repo)) < 0 || (rc = git_revwalk_push(walk, tip)) < 0)
		goto out;
	for (i = 0; i < nknown; i++)
		if (known[i] != NULL && git_revwalk_hide(walk, known[i]) < 0)
			git_error_clear();	/* not a commit of this repository */
	while ((rc = git_revwalk_next(&id, walk)) == 0) {
		if (held != NULL && git_odb_exists(held, &id))
			continue;
		if ((rc = pack_commit_objects(pb, repo, &id)) < 0)
			goto out;
	}
	if (rc == GIT_ITEROVER)
		rc = 0;
out:
	git_revwalk_free(walk);
	return rc;
}

/* Copy src to dst under a temporary name, then rename: dst is complete or absent. */
static int
copy_file(const char *src, const char *dst)
{
	char *tmp = xasprintf("%s.tmp-%ld", dst, (long)getpid()), buf[65536];
	int in = -1, out = -1, rc = -1;
	ssize_t n;

	if ((in = open(src, O_RDONLY | O_CLOEXEC)) < 0 ||
	    (out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0444)) < 0)
		goto done;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			goto done;
	if (n < 0 || fsync(out) != 0)
		goto done;
	close(out);
	out = -1;
	rc = rename(tmp, dst);
done:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int
pack_copy_packs(const char *src_gitdir, const char *dst_gitdir)
{
	char *sdir = xasprintf("%s/objects/pack", src_gitdir);
	char *ddir = xasprintf("%s/objects/pack", dst_gitdir), *s, *d, *base;
	struct dirent *e;
	struct stat sb;
	DIR *dir;
	size_t n;
	int rc = 0, fd, whole;

	if ((dir = opendir(sdir)) == NULL) {
		rc = errno == ENOENT ? 0 : -1;
		goto out;
	}
	/* The .pack before its .idx: a pack without its index is never read. Each file is
	 * written under a temporary name that repo_remove_stale clears if we are killed.
	 * An index whose pack is not there is a writer's killed between the two renames
	 * (libgit2's indexer puts the .idx in place first): no ref names what it holds, and
	 * it is passed over, as libgit2 passes it over when it reads the folder. */
	while (rc == 0 && (e = readdir(dir)) != NULL) {
		n = strlen(e->d_name);
		if (strncmp(e->d_name, "pack-", 5) != 0 || n < 10 ||
		    strcmp(e->d_name + n - 4, ".idx") != 0)
			continue;
		base = xstrndup(e->d_name, n - 4);
		d = xasprintf("%s/%s.idx", ddir, base);
		s = xasprintf("%s/%s.pack", sdir, base);
		whole = stat(s, &sb) == 0;
		free(s);
		if (whole && stat(d, &sb) != 0) {
			s = xasprintf("%s/%s.pack", sdir, base);
			free(d);
			d = xasprintf("%s/%s.pack", ddir, base);
			rc = copy_file(s, d);
			free(s);
			free(d);
			s = xasprintf("%s/%s.idx", sdir, base);
			d = xasprintf("%s/%s.idx", ddir, base);
			if (rc == 0)
				rc = copy_file(s, d);
			free(s);
		}
		free(d);
		free(base);
	}
	closedir(dir);
	if (rc == 0 && (fd = open(ddir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
out:
	free(sdir);
	free(ddir);
	return rc;
}
