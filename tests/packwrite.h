/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * packwrite.h: a hand-made pack of two entries and its index (version 2), for the tests
 * and the fuzz target of sync/packfile.c: git writes only packs it can read, and the
 * reader must also meet those it cannot.
 */
#ifndef VOLUNTEER_PACKWRITE_H
#define VOLUNTEER_PACKWRITE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "sync/packfile.h"

/* The ids of the two entries: 10 00 .. 00 and 20 00 .. 00 (sorted, as an index has them). */
static inline void
packwrite_id(unsigned char *id, int k)
{
	memset(id, 0, PACKFILE_OID_SIZE);
	id[0] = k == 0 ? 0x10 : 0x20;
}

static inline void
packwrite_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static inline int
packwrite_file(const char *path, const unsigned char *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (f == NULL)
		return -1;
	ok = fwrite(p, 1, n, f) == n;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/*
 * DIR/pack/pack-t.pack: "PACK", version 2, two entries, then body[0..len) and a trailer
 * of 20 zero bytes; DIR/pack/pack-t.idx puts the first entry at offset 12 and the second
 * at 12 + second (ids packwrite_id 0 and 1). 0, or -1 when a file cannot be written.
 */
static inline int
packwrite(const char *dir, const unsigned char *body, size_t len, size_t second)
{
	unsigned char idx[8 + 1024 + 2 * 28 + 40], *pack;
	char *path;
	size_t plen = 12 + len + 20;
	int rc;

	pack = xcalloc(1, plen);
	memcpy(pack, "PACK", 4);
	packwrite_be32(pack + 4, 2);
	packwrite_be32(pack + 8, 2);
	memcpy(pack + 12, body, len);
	memset(idx, 0, sizeof idx);
	memcpy(idx, "\377tOc", 4);
	packwrite_be32(idx + 4, 2);
	for (int i = 0; i < 256; i++)
		packwrite_be32(idx + 8 + 4 * i, (uint32_t)((i >= 0x10) + (i >= 0x20)));
	packwrite_id(idx + 1032, 0);
	packwrite_id(idx + 1032 + PACKFILE_OID_SIZE, 1);
	packwrite_be32(idx + 1032 + 2 * 24, 12);
	packwrite_be32(idx + 1032 + 2 * 24 + 4, (uint32_t)(12 + second));
	path = xasprintf("%s/pack", dir);
	mkdir(path, 0700);
	free(path);
	path = xasprintf("%s/pack/pack-t.idx", dir);
	rc = packwrite_file(path, idx, sizeof idx);
	free(path);
	path = xasprintf("%s/pack/pack-t.pack", dir);
	if (rc == 0)
		rc = packwrite_file(path, pack, plen);
	free(path);
	free(pack);
	return rc;
}

/* Remove what packwrite wrote in dir, and dir. */
static inline void
packwrite_remove(const char *dir)
{
	char *path;

	path = xasprintf("%s/pack/pack-t.idx", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/pack/pack-t.pack", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/pack", dir);
	rmdir(path);
	free(path);
	rmdir(dir);
}

#endif
