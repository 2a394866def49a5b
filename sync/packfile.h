/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * packfile.h: git's pack format, read here (one place for its entries, its zlib streams
 * and its deltas), and a reader of blobs straight from a repository's packs.
 *
 * The reader is for a first import, which reads every blob of a pack that this laptop's
 * fetch has just indexed (and so hashed: index-pack checks every object it stores).
 * libgit2 1.5 takes a mutex of the pack for every window and every cached delta base,
 * twice per blob (the size, then the bytes), so that two reading threads spent 10 % of
 * the import waking each other, and it inflates each object with a zlib stream it sets
 * up and frees. Here each reader has its own maps of the packs, its own zlib stream and
 * its own cache of delta bases, and no lock: one thread of it reads the 100,000 records
 * of bench/gen-sync's repository in 0.67 s, where libgit2 took 2.1 s and `git cat-file
 * --batch` takes 1.0 s (`gen-sync read`, BENCHMARKS.md).
 *
 * The reader answers only what it reads whole and checks: an entry's zlib stream must
 * end where its header says, with a good checksum, and a delta must fit its base and
 * make exactly the size it announces. Anything else (a loose object, an index it does
 * not know, a chain too deep, a damaged entry) is "not read here", and the caller asks
 * libgit2, which gives its own answer or its own error: the reader never makes the
 * import fail where libgit2 would not.
 */
#ifndef VOLUNTEER_SYNC_PACKFILE_H
#define VOLUNTEER_SYNC_PACKFILE_H

#include <stddef.h>

#include <zlib.h>

enum packfile_type {
	PACKFILE_COMMIT = 1, PACKFILE_TREE = 2, PACKFILE_BLOB = 3, PACKFILE_TAG = 4,
	PACKFILE_OFS_DELTA = 6, PACKFILE_REF_DELTA = 7
};

#define PACKFILE_OID_SIZE 20

/*
 * The header of the entry at p (at most avail bytes): its type and the size of what its
 * zlib stream holds (the object, or the delta). The header's length, or -1 when it is
 * not one (cut short, a size over 2^60).
 */
int packfile_entry_header(const unsigned char *p, size_t avail, int *type, size_t *size);

/*
 * Inflate the zlib stream at p (at most avail bytes) that holds exactly size bytes into
 * out (size + 1 bytes; NULL: inflated and dropped, to find its length), through z (NULL:
 * a stream of its own; else one inflateInit'ed, reset here). 0 with the stream's length
 * in *used; -1 when it is not such a stream (damaged, shorter, longer).
 */
int packfile_inflate(z_stream *z, const unsigned char *p, size_t avail, size_t size,
    unsigned char *out, size_t *used);

/*
 * Apply the delta d[0..dlen) to base[0..blen): the result in a new buffer of *outlen + 1
 * bytes (NUL after them), the caller's. NULL when the delta does not fit this base, or
 * its result would be over max bytes (then *outlen is that size, or 0 when the delta is
 * damaged).
 */
unsigned char *packfile_apply_delta(const unsigned char *base, size_t blen,
    const unsigned char *d, size_t dlen, size_t max, size_t *outlen);

/* ---- the reader ---- */

struct packfile_reader;

/*
 * A reader of the packs of the object folder dir (objects/pack/pack-*.idx, index version
 * 2), caching up to cache_bytes of delta bases. NULL when there is none it can read (no
 * memory, or no pack). One thread's: it takes no lock, and two readers share nothing.
 */
struct packfile_reader *packfile_reader_open(const char *dir, size_t cache_bytes);
void packfile_reader_free(struct packfile_reader *r);

enum packfile_read {
	PACKFILE_READ = 0,		/* *data and *len: the object's bytes, NUL after them */
	PACKFILE_TOO_LARGE = 1,		/* *len: its size, over max; nothing else was read */
	PACKFILE_NOT_HERE = 2		/* ask libgit2 */
};

/* The object id (20 bytes) if it is at most max bytes. *data is the caller's (free). */
enum packfile_read packfile_reader_read(struct packfile_reader *r, const unsigned char *id,
    size_t max, unsigned char **data, size_t *len);

#endif
