/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The rewrite of a push's pack (sync/thin.h), on a real repository and packs written by
 * libgit2's packbuilder:
 * - a folder of 400 files that gains one (at its end, or in its middle) goes out as a
 *   delta against the remote's folder: the pack is less than half as large, and libgit2's
 *   indexer, given the remote's objects, completes it and finds every object of the push,
 *   the folder's new tree among them (the indexer hashes each object it resolves);
 * - nothing mapped, or a pack that is not one, a bad checksum, a truncated pack, and
 *   bytes changed anywhere under a checksum made to match: the pack goes out as it is,
 *   and nothing is read outside it (ASan).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <git2.h>
#include <openssl/sha.h>

#include "core/strbuf.h"
#include "sync/thin.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static git_repository *repo;

static void
blob(git_treebuilder *tb, const char *name, const char *text)
{
	git_oid id;

	if (git_blob_create_from_buffer(&id, repo, text, strlen(text)) < 0 ||
	    git_treebuilder_insert(NULL, tb, name, &id, GIT_FILEMODE_BLOB) < 0)
		abort();
}

/* A root tree holding README and day/ with files 0..n-1 and, when extra is set, that one. */
static void
make_tree(git_oid *root, git_oid *day, int n, const char *extra)
{
	git_treebuilder *tb, *rb;
	char name[64], text[128];
	int i;

	if (git_treebuilder_new(&tb, repo, NULL) < 0 || git_treebuilder_new(&rb, repo, NULL) < 0)
		abort();
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "019a%04d-7abc-8def-0123456789ab.json", i * 2);
		snprintf(text, sizeof text, "{\"id\": %d}\n", i);
		blob(tb, name, text);
	}
	if (extra != NULL)
		blob(tb, extra, "{\"id\": \"new\"}\n");
	if (git_treebuilder_write(day, tb) < 0 ||
	    git_treebuilder_insert(NULL, rb, "day", day, GIT_FILEMODE_TREE) < 0)
		abort();
	blob(rb, "README", "records\n");
	if (git_treebuilder_write(root, rb) < 0)
		abort();
	git_treebuilder_free(tb);
	git_treebuilder_free(rb);
}

static void
make_commit(git_oid *out, const git_oid *tree_id, const git_oid *parent_id)
{
	git_signature *sig;
	git_tree *tree;
	git_commit *parent = NULL;
	const git_commit *parents[1];

	if (git_signature_new(&sig, "Ana", "ana@example.org", 1764000000, 0) < 0 ||
	    git_tree_lookup(&tree, repo, tree_id) < 0 ||
	    (parent_id != NULL && git_commit_lookup(&parent, repo, parent_id) < 0))
		abort();
	parents[0] = parent;
	if (git_commit_create(out, repo, NULL, sig, sig, NULL, "records", tree,
	    parent ? 1 : 0, parents) < 0)
		abort();
	git_commit_free(parent);
	git_tree_free(tree);
	git_signature_free(sig);
}

/* The pack libgit2 writes for a push of commit (its tree, day tree and new blob). */
static void
push_pack(git_buf *out, const git_oid *commit, const git_oid *root, const git_oid *day,
    const char *extra)
{
	git_packbuilder *pb;
	git_tree *d;

	if (git_packbuilder_new(&pb, repo) < 0 || git_packbuilder_insert(pb, commit, NULL) < 0 ||
	    git_packbuilder_insert(pb, root, NULL) < 0 || git_packbuilder_insert(pb, day, NULL) < 0 ||
	    git_tree_lookup(&d, repo, day) < 0 ||
	    git_packbuilder_insert(pb, git_tree_entry_id(git_tree_entry_byname(d, extra)), NULL) < 0 ||
	    git_packbuilder_write_buf(out, pb) < 0)
		abort();
	git_tree_free(d);
	git_packbuilder_free(pb);
}

/* Index pack into dir/pack with the repository's objects for its bases; 0 when every
 * object is there, the tree day among them. */
static int
index_pack(const char *dir, const struct strbuf *pack, git_odb *odb, const git_oid *day,
    unsigned *objects, unsigned *local)
{
	git_indexer_options opts;
	git_indexer_progress stats;
	git_indexer *idx;
	git_odb *got;
	char sub[700];
	int rc;

	git_indexer_options_init(&opts, GIT_INDEXER_OPTIONS_VERSION);
	snprintf(sub, sizeof sub, "%s/pack", dir);
	mkdir(dir, 0700);
	mkdir(sub, 0700);
	if (git_indexer_new(&idx, sub, 0, odb, &opts) < 0)
		return -1;
	rc = git_indexer_append(idx, pack->str, pack->len, &stats);
	if (rc == 0)
		rc = git_indexer_commit(idx, &stats);
	git_indexer_free(idx);
	*objects = stats.indexed_objects;
	*local = stats.local_objects;
	if (rc < 0)
		return rc;
	if (git_odb_open(&got, dir) < 0)
		return -1;
	rc = git_odb_exists(got, day) ? 0 : -1;
	git_odb_free(got);
	return rc;
}

/* The remote at commit a (day/ with 400 files); commit b adds extra; libgit2's pack of b. */
struct fixture {
	git_oid a, b, root_b, day_b;
	git_buf pack;
	git_odb *odb;
};

static void
fixture_make(struct fixture *fx, const char *extra)
{
	git_oid root_a, day_a;

	memset(fx, 0, sizeof *fx);
	make_tree(&root_a, &day_a, 400, NULL);
	make_commit(&fx->a, &root_a, NULL);
	make_tree(&fx->root_b, &fx->day_b, 400, extra);
	make_commit(&fx->b, &fx->root_b, &fx->a);
	push_pack(&fx->pack, &fx->b, &fx->root_b, &fx->day_b, extra);
	if (git_repository_odb(&fx->odb, repo) < 0)
		abort();
}

static void
fixture_free(struct fixture *fx)
{
	git_odb_free(fx->odb);
	git_buf_dispose(&fx->pack);
}

static void
one_case(const char *label, const char *extra, const char *tmp)
{
	struct fixture fx;
	struct strbuf *out = strbuf_new(64);
	const unsigned char *pack;
	unsigned objects = 0, local = 0;
	char dir[600];

	fixture_make(&fx, extra);
	pack = (const unsigned char *)fx.pack.ptr;
	is_int(thin_rewrite_pack(pack, fx.pack.size, fx.odb, out), 0,
	    "nothing mapped: the pack goes out as it is");
	thin_prepare(repo, &fx.b, &fx.a);
	is_int(thin_rewrite_pack(pack, fx.pack.size, fx.odb, out), 1, label);
	ok(out->len < fx.pack.size / 2, "%s: %zu bytes, libgit2's pack %zu", label, out->len,
	    fx.pack.size);
	snprintf(dir, sizeof dir, "%s/%s", tmp, extra);
	is_int(index_pack(dir, out, fx.odb, &fx.day_b, &objects, &local), 0,
	    "libgit2's indexer completes it from the remote's objects, the new folder among them");
	is_int(objects, 4, "the four objects of the push are there");
	ok(local >= 1, "with the base it took from the remote's objects (%u)", local);
	thin_release();
	is_int(thin_rewrite_pack(pack, fx.pack.size, fx.odb, out), 0,
	    "released: the pack goes out as it is");
	fixture_free(&fx);
	strbuf_free(out);
}

static void
hostile(void)
{
	struct fixture fx;
	struct strbuf *out = strbuf_new(64);
	unsigned char *copy;
	size_t i, len, bad = 0, rewritten = 0;

	fixture_make(&fx, "019a0401-7abc-8def-0123456789ab.json");
	thin_prepare(repo, &fx.b, &fx.a);
	len = fx.pack.size;
	copy = malloc(len);

	is_int(thin_rewrite_pack((const unsigned char *)"PACX\0\0\0\2\0\0\0\0", 12, fx.odb, out), 0,
	    "not a pack: as it is");
	memcpy(copy, fx.pack.ptr, len);
	copy[len / 2] ^= 0x40;
	is_int(thin_rewrite_pack(copy, len, fx.odb, out), 0, "a byte changed: as it is (checksum)");
	for (i = 0; i < len; i++) {
		unsigned char *cut = malloc(i ? i : 1);

		memcpy(cut, fx.pack.ptr, i);
		if (thin_rewrite_pack(cut, i, fx.odb, out) != 0)
			bad++;
		free(cut);
	}
	is_int(bad, 0, "every truncation of the pack: as it is");
	/* a byte changed at every position, the checksum made to match: nothing read outside
	 * the pack (ASan), and what is rewritten (a changed byte that zlib's own checksums do
	 * not see) is still a pack: its header's count, its own checksum */
	bad = 0;
	for (i = 12; i < len - 20; i++) {
		unsigned char sum[SHA_DIGEST_LENGTH];

		memcpy(copy, fx.pack.ptr, len);
		copy[i] ^= 0x21;
		SHA1(copy, len - 20, copy + len - 20);
		if (thin_rewrite_pack(copy, len, fx.odb, out) != 1)
			continue;
		rewritten++;
		SHA1((unsigned char *)out->str, out->len - 20, sum);
		if (out->len < 32 || memcmp(out->str, copy, 12) != 0 ||
		    memcmp(sum, out->str + out->len - 20, sizeof sum) != 0)
			bad++;
	}
	is_int(bad, 0, "a byte changed anywhere under a matching checksum: never a broken pack");
	diag("%zu of %zu such packs rewritten", rewritten, len - 32);
	memcpy(copy, fx.pack.ptr, len);
	copy[11] = 200;	/* more objects than the pack holds */
	SHA1(copy, len - 20, copy + len - 20);
	is_int(thin_rewrite_pack(copy, len, fx.odb, out), 0, "a count larger than the pack: as it is");
	thin_release();
	free(copy);
	fixture_free(&fx);
	strbuf_free(out);
}

int
main(void)
{
	char tmp[] = "/tmp/t0345.XXXXXX", path[64];

	if (mkdtemp(tmp) == NULL)
		return 1;
	git_libgit2_init();
	snprintf(path, sizeof path, "%s/repo.git", tmp);
	if (git_repository_init(&repo, path, 1) < 0) {
		ok(0, "a bare repository");
		return done_testing();
	}
	one_case("a file added at the end of a folder of 400", "zzzz-last.json", tmp);
	one_case("a file added in the middle", "019a0401-7abc-8def-0123456789ab.json", tmp);
	hostile();
	git_repository_free(repo);
	git_libgit2_shutdown();
	test_remove_dir(tmp);
	return done_testing();
}
