/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The pack reader of a first import (sync/packfile.h) against libgit2, on packs git
 * itself wrote: every blob it reads is libgit2's byte for byte, through chains of deltas
 * by offset and by id, with a cache of bases large or tiny; a file over the limit is
 * told by its size; a loose object, a damaged entry and a damaged index are "not read
 * here", never wrong bytes. And the delta format's edges, by hand.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "core/util.h"
#include "sync/packfile.h"
#include "tests/packwrite.h"
#include "tests/tap.h"
#include "tests/testlib.h"

#define FILES 400
#define BIG (200 * 1024)
#define LIMIT (64 * 1024)

static char dir[] = "/tmp/t0356-XXXXXX";

static int
sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if (system(cmd) != 0) {
		diag("failed: %s", cmd);
		return -1;
	}
	return 0;
}

/* A repository of FILES record-like files changed over 4 commits, and a large file in
 * two versions, packed by git with deep chains; by_id: its deltas name their bases by id. */
static int
make_repo(const char *path, int by_id)
{
	FILE *f;
	char name[512];
	int c, i;

	if (sh("git init -q -b main %s && git -C %s config user.name t && git -C %s config"
	    " user.email t@t", path, path, path) != 0)
		return -1;
	for (c = 0; c < 4; c++) {
		for (i = 0; i < FILES; i++) {
			if (c > 0 && i % (c + 1) != 0)
				continue;
			snprintf(name, sizeof name, "%s/r%04d.json", path, i);
			if ((f = fopen(name, "w")) == NULL)
				return -1;
			fprintf(f, "{\"id\":\"%04d\",\"kind\":\"visit\",\"rev\":%d,\"fields\":{"
			    "\"notes\":\"Visita a la botiga de la pla\\u00e7a, revisi\\u00f3 %d\","
			    "\"municipality\":\"Vilanova %d\",\"topics\":[\"web\",\"xarxes\"]}}\n",
			    i, c, c * 7 + i, i % 13);
			fclose(f);
		}
		snprintf(name, sizeof name, "%s/big.txt", path);
		if ((f = fopen(name, "w")) == NULL)
			return -1;
		for (i = 0; i < BIG / 16; i++)
			fprintf(f, "line %05d v%d..\n", i, c >= 2 && i % 1000 == 0);
		fclose(f);
		if (sh("git -C %s add -A && git -C %s commit -qm c%d", path, path, c) != 0)
			return -1;
	}
	return sh("git -C %s -c repack.useDeltaBaseOffset=%s repack -q -a -d -f --depth=50"
	    " --window=50", path, by_id ? "false" : "true");
}

struct blob {
	git_oid id;
	unsigned char *data;
	size_t len;
};

static struct blob *blobs;
static size_t nblobs;

/* Every blob of the repository at path as libgit2 reads it: the reference. */
static int
load_blobs(const char *path)
{
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	char cmd[1024], line[128];
	size_t cap = 0;
	FILE *p;

	if (git_repository_open(&repo, path) < 0 || git_repository_odb(&odb, repo) < 0)
		return -1;
	snprintf(cmd, sizeof cmd, "git -C %s rev-list --objects --all | cut -d' ' -f1 | git -C %s"
	    " cat-file --batch-check='%%(objecttype) %%(objectname)' | sed -n 's/^blob //p'", path, path);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, p) != NULL) {
		git_odb_object *obj = NULL;
		struct blob *b;

		if (nblobs == cap) {
			cap = cap ? 2 * cap : 256;
			blobs = xrealloc(blobs, cap * sizeof *blobs);
		}
		b = &blobs[nblobs];
		line[strcspn(line, "\n")] = '\0';
		if (git_oid_fromstr(&b->id, line) < 0 || git_odb_read(&obj, odb, &b->id) < 0)
			break;
		b->len = git_odb_object_size(obj);
		b->data = xmalloc(b->len + 1);
		memcpy(b->data, git_odb_object_data(obj), b->len);
		git_odb_object_free(obj);
		nblobs++;
	}
	pclose(p);
	git_odb_free(odb);
	git_repository_free(repo);
	return 0;
}

static void
free_blobs(void)
{
	for (size_t i = 0; i < nblobs; i++)
		free(blobs[i].data);
	free(blobs);
	blobs = NULL;
	nblobs = 0;
}

struct counts {
	int read, same, too_large, not_here, wrong;
};

/* Every blob read by r (max bytes at most), checked against the reference. */
static void
read_all(struct packfile_reader *r, size_t max, struct counts *n)
{
	memset(n, 0, sizeof *n);
	for (size_t i = 0; i < nblobs; i++) {
		const struct blob *b = &blobs[i];
		unsigned char *data;
		size_t len;

		switch (packfile_reader_read(r, b->id.id, max, &data, &len)) {
		case PACKFILE_READ:
			n->read++;
			if (len == b->len && data[len] == '\0' && memcmp(data, b->data, len) == 0)
				n->same++;
			else
				n->wrong++;
			free(data);
			break;
		case PACKFILE_TOO_LARGE:
			n->too_large++;
			if (len != b->len || len <= max || data != NULL)
				n->wrong++;
			break;
		case PACKFILE_NOT_HERE:
			n->not_here++;
			break;
		}
	}
}

static int
count_lines(const char *fmt, const char *path)
{
	char cmd[1024];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof cmd, fmt, path, path);
	if ((p = popen(cmd, "r")) != NULL) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	return n;
}

static void
check_pack(const char *label, const char *path)
{
	char objects[1024];
	struct packfile_reader *r;
	struct counts n;
	int deltas;

	deltas = count_lines("git -C %s verify-pack -v %s/.git/objects/pack/*.idx |"
	    " awk '$2 == \"blob\" && NF >= 7 && $6 >= 3' | wc -l", path);
	ok(deltas > 100, "%s: git made deltas of blobs, chains of 3 and more (%d)", label,
	    deltas);
	ok(count_lines("git -C %s rev-list --objects --all | cut -d' ' -f1 | git -C %s cat-file"
	    " --batch-check='%%(objectsize) %%(deltabase)' | awk '$1 > 100000 && $2 !~ /^0+$/'"
	    " | wc -l", path) == 1, "%s: one version of the large file is a delta", label);
	snprintf(objects, sizeof objects, "%s/.git/objects", path);
	r = packfile_reader_open(objects, 64u << 20);
	ok(r != NULL, "%s: the reader opens the pack", label);
	read_all(r, LIMIT, &n);
	ok(n.wrong == 0, "%s: no blob read differs from libgit2's (%d)", label, n.wrong);
	ok(n.read + n.too_large == (int)nblobs, "%s: every blob is read or told too large"
	    " (%d + %d of %zu)", label, n.read, n.too_large, nblobs);
	ok(n.same == n.read && n.read > FILES, "%s: each one read is libgit2's bytes (%d)",
	    label, n.same);
	ok(n.too_large == 2, "%s: both versions of the large file are over the limit by size,"
	    " the delta too (%d)", label, n.too_large);
	packfile_reader_free(r);

	/* A cache of 4 kB: bases are evicted at once and chains are walked again. */
	r = packfile_reader_open(objects, 4096);
	read_all(r, BIG * 2, &n);
	ok(n.wrong == 0, "%s, tiny cache: no blob differs (%d)", label, n.wrong);
	ok(n.read == (int)nblobs, "%s, tiny cache: every blob is read, the large one too"
	    " (%d of %zu)", label, n.read, nblobs);
	packfile_reader_free(r);
}

/* Every byte of the pack's entries at some offsets flipped in turn; each time, what is
 * read is libgit2's bytes of the intact repository, or not read here. */
static void
check_damaged(const char *path)
{
	char cmd[2048], objects[1024], pack[1024];
	struct packfile_reader *r;
	struct counts n;
	int wrong = 0, refused = 0, tries = 0;
	long size = 0;
	FILE *p;

	snprintf(cmd, sizeof cmd, "ls %s/.git/objects/pack/*.pack", path);
	if ((p = popen(cmd, "r")) == NULL || fgets(pack, sizeof pack, p) == NULL) {
		ok(0, "the pack to damage is there");
		if (p)
			pclose(p);
		return;
	}
	pclose(p);
	pack[strcspn(pack, "\n")] = '\0';
	if ((p = fopen(pack, "r")) != NULL) {
		fseek(p, 0, SEEK_END);
		size = ftell(p);
		fclose(p);
	}
	snprintf(objects, sizeof objects, "%s/.git/objects", path);
	for (long at = 12; at < size - 20; at += size / 23) {
		FILE *f = fopen(pack, "r+");
		int c;

		if (f == NULL)
			break;
		fseek(f, at, SEEK_SET);
		c = fgetc(f);
		fseek(f, at, SEEK_SET);
		fputc(c ^ 0x5a, f);
		fclose(f);
		r = packfile_reader_open(objects, 1u << 20);
		if (r != NULL) {
			read_all(r, BIG * 2, &n);
			wrong += n.wrong;
			refused += n.not_here;
			packfile_reader_free(r);
		}
		tries++;
		f = fopen(pack, "r+");
		fseek(f, at, SEEK_SET);
		fputc(c, f);
		fclose(f);
	}
	ok(tries > 20, "the pack was damaged at %d places", tries);
	ok(wrong == 0, "no damaged entry gave bytes other than the intact ones (%d)", wrong);
	ok(refused > 0, "damaged entries were not read here (%d)", refused);
}

/* Write a delta: sizes, then ops as given. */
static size_t
put_size(unsigned char *p, size_t v)
{
	size_t n = 0;

	do {
		p[n] = v & 0x7f;
		v >>= 7;
		if (v)
			p[n] |= 0x80;
		n++;
	} while (v);
	return n;
}

static void
check_deltas(void)
{
	unsigned char base[0x12000], d[64], *out;
	size_t n, len;

	for (size_t i = 0; i < sizeof base; i++)
		base[i] = (unsigned char)(i * 7);
	/* copy of size 0 means 0x10000 bytes; then an insert of 3 */
	n = put_size(d, sizeof base);
	n += put_size(d + n, 0x10000 + 3);
	d[n++] = 0x80 | 0x01;	/* copy, one offset byte, no size byte */
	d[n++] = 0x10;
	d[n++] = 3;
	memcpy(d + n, "abc", 3);
	n += 3;
	out = packfile_apply_delta(base, sizeof base, d, n, 1 << 20, &len);
	ok(out != NULL && len == 0x10003 && memcmp(out, base + 0x10, 0x10000) == 0 &&
	    memcmp(out + 0x10000, "abc", 4) == 0, "a copy of size 0 is 64 kB, and the result"
	    " ends in a NUL");
	free(out);
	out = packfile_apply_delta(base, sizeof base, d, n, 0x10002, &len);
	ok(out == NULL && len == 0x10003, "a result over the limit is refused by its size");
	out = packfile_apply_delta(base, sizeof base - 1, d, n, 1 << 20, &len);
	ok(out == NULL && len == 0, "a delta for a base of another size is refused");
	/* a copy past the end of the base */
	n = put_size(d, 16);
	n += put_size(d + n, 8);
	d[n++] = 0x80 | 0x01 | 0x10;
	d[n++] = 12;
	d[n++] = 8;
	out = packfile_apply_delta(base, 16, d, n, 1 << 20, &len);
	ok(out == NULL, "a copy past the base's end is refused");
	/* the reserved op 0, and an insert past the delta's end */
	n = put_size(d, 16);
	n += put_size(d + n, 1);
	d[n++] = 0;
	ok(packfile_apply_delta(base, 16, d, n, 1 << 20, &len) == NULL, "op 0 is refused");
	n = put_size(d, 16);
	n += put_size(d + n, 5);
	d[n++] = 5;
	d[n++] = 'x';
	ok(packfile_apply_delta(base, 16, d, n, 1 << 20, &len) == NULL,
	    "an insert longer than the delta is refused");
	/* a result shorter than announced */
	n = put_size(d, 16);
	n += put_size(d + n, 9);
	d[n++] = 0x80 | 0x10;
	d[n++] = 8;
	ok(packfile_apply_delta(base, 16, d, n, 1 << 20, &len) == NULL,
	    "a result shorter than its header says is refused");
}

/* Two deltas by id, each on the other: a chain that never reaches an object. */
static void
check_cycle(void)
{
	char cdir[] = "/tmp/t0356-cycle-XXXXXX";
	unsigned char delta[] = { 1, 1, 1, 'x' }, body[128], *data = (unsigned char *)"";
	unsigned char id[PACKFILE_OID_SIZE];
	uLongf zlen = 64;
	size_t n = 0, second = 0, len = 0;
	struct packfile_reader *r;
	int k, answers = 0;

	if (mkdtemp(cdir) == NULL) {
		ok(0, "a folder for the cycle");
		return;
	}
	for (k = 0; k < 2; k++) {
		if (k == 1)
			second = n;
		body[n++] = (unsigned char)(PACKFILE_REF_DELTA << 4 | sizeof delta);
		packwrite_id(body + n, 1 - k);
		n += PACKFILE_OID_SIZE;
		zlen = sizeof body - n;
		if (compress2(body + n, &zlen, delta, sizeof delta, 9) != Z_OK)
			break;
		n += zlen;
	}
	r = packwrite(cdir, body, n, second) == 0 ? packfile_reader_open(cdir, 1u << 20) : NULL;
	ok(r != NULL, "a pack of two deltas, each on the other, opens");
	for (k = 0; r != NULL && k < 2; k++) {
		packwrite_id(id, k);
		answers += packfile_reader_read(r, id, LIMIT, &data, &len) == PACKFILE_NOT_HERE &&
		    data == NULL;
	}
	ok(answers == 2, "neither is read here: the chain stops (%d of 2)", answers);
	packfile_reader_free(r);
	packwrite_remove(cdir);
}

int
main(void)
{
	char path[256], objects[1024];
	struct packfile_reader *r;
	unsigned char *data;
	size_t len;
	git_oid loose;
	FILE *p;
	char line[1024] = "";

	git_libgit2_init();
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/ofs", dir);
	if (make_repo(path, 0) != 0 || load_blobs(path) != 0) {
		printf("Bail out! cannot make the repository\n");
		return 1;
	}
	ok(nblobs > FILES, "libgit2 read the %zu blobs of the repository", nblobs);
	check_pack("deltas by offset", path);

	/* A loose object beside the pack: not the reader's. */
	snprintf(objects, sizeof objects, "%s/.git/objects", path);
	sh("echo '{\"loose\": 1}' > %s/loose.json", dir);
	snprintf(line, sizeof line, "git -C %s hash-object -w %s/loose.json", path, dir);
	if ((p = popen(line, "r")) != NULL) {
		if (fgets(line, sizeof line, p) == NULL)
			line[0] = '\0';
		pclose(p);
	}
	line[strcspn(line, "\n")] = '\0';
	r = packfile_reader_open(objects, 1u << 20);
	ok(r != NULL && git_oid_fromstr(&loose, line) == 0 &&
	    packfile_reader_read(r, loose.id, LIMIT, &data, &len) == PACKFILE_NOT_HERE &&
	    data == NULL, "a loose object is not read here");
	packfile_reader_free(r);

	check_damaged(path);

	/* An index cut short is not opened: nothing is read from it. */
	sh("cp -r %s %s/cut && for f in %s/cut/.git/objects/pack/*.idx; do chmod u+w $f &&"
	    " truncate -s 2000 $f; done", path, dir, dir);
	snprintf(objects, sizeof objects, "%s/cut/.git/objects", dir);
	ok(packfile_reader_open(objects, 1u << 20) == NULL, "an index cut short is not read");
	free_blobs();

	snprintf(path, sizeof path, "%s/ref", dir);
	if (make_repo(path, 1) != 0 || load_blobs(path) != 0) {
		printf("Bail out! cannot make the repository\n");
		return 1;
	}
	ok(count_lines("git -C %s verify-pack -v %s/.git/objects/pack/*.idx | wc -l", path) > 0,
	    "the second pack is there");
	ok(nblobs > FILES, "libgit2 read the %zu blobs of the second", nblobs);
	check_pack("deltas by id", path);
	free_blobs();

	check_deltas();
	check_cycle();
	test_remove_dir(dir);
	git_libgit2_shutdown();
	return done_testing();
}
