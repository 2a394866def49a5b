/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_pack.c: git's pack format as sync/packfile.c reads it, on bytes from anywhere (a
 * first import reads the packs a fetch brought). The first byte chooses:
 *   0  a delta (packfile_apply_delta): two bytes of the base's length, the base, then the
 *      delta. What it makes is at most the limit, with a NUL after it.
 *   1  an entry (packfile_entry_header, packfile_inflate): the stream's length is within
 *      what was given, and an inflated entry is its header's size.
 *   2  a pack of two entries (the bytes after the second, after "PACK" and a count), with
 *      an index that puts them at offset 12 and at the offset the second byte says, read:
 *      never more than the limit, and the same bytes twice (the second from its cache).
 */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "sync/packfile.h"
#include "tests/fuzz/fuzz.h"
#include "tests/packwrite.h"

#define FUZZ_PACK_MAX (1 << 16)

static void
fuzz_pack_delta(const uint8_t *data, size_t size)
{
	size_t blen, len;
	unsigned char *out;

	if (size < 2)
		return;
	blen = (size_t)data[0] << 8 | data[1];
	if (blen > size - 2)
		blen = size - 2;
	out = packfile_apply_delta(data + 2, blen, data + 2 + blen, size - 2 - blen,
	    FUZZ_PACK_MAX, &len);
	if (out != NULL) {
		FUZZ_CHECK(len <= FUZZ_PACK_MAX);
		FUZZ_CHECK(out[len] == '\0');
		free(out);
	}
}

static void
fuzz_pack_entry(const uint8_t *data, size_t size)
{
	size_t esize, used;
	unsigned char *out;
	int type, n;

	if ((n = packfile_entry_header(data, size, &type, &esize)) < 0)
		return;
	FUZZ_CHECK((size_t)n <= size);
	if (esize > FUZZ_PACK_MAX)
		return;
	out = xmalloc(esize + 1);
	if (packfile_inflate(NULL, data + n, size - (size_t)n, esize, out, &used) == 0)
		FUZZ_CHECK(used <= size - (size_t)n);
	if (packfile_inflate(NULL, data + n, size - (size_t)n, esize, NULL, &used) == 0)
		FUZZ_CHECK(used <= size - (size_t)n);
	free(out);
}

static void
fuzz_pack_reader(const uint8_t *data, size_t size)
{
	char dir[] = "/tmp/fuzz-pack-XXXXXX";
	unsigned char *a, *b, id[PACKFILE_OID_SIZE];
	struct packfile_reader *r;
	size_t alen, blen;
	enum packfile_read ra, rb;

	if (size < 2 || mkdtemp(dir) == NULL)
		return;
	if (packwrite(dir, data + 1, size - 1, data[0] % (size - 1)) == 0 &&
	    (r = packfile_reader_open(dir, 1 << 20)) != NULL) {
		for (int k = 0; k < 2; k++) {
			packwrite_id(id, k);
			ra = packfile_reader_read(r, id, FUZZ_PACK_MAX, &a, &alen);
			rb = packfile_reader_read(r, id, FUZZ_PACK_MAX, &b, &blen);
			FUZZ_CHECK(ra == rb);
			if (ra == PACKFILE_READ && rb == PACKFILE_READ)
				FUZZ_CHECK(alen <= FUZZ_PACK_MAX && alen == blen &&
				    memcmp(a, b, alen) == 0);
			if (ra == PACKFILE_TOO_LARGE)
				FUZZ_CHECK(alen > FUZZ_PACK_MAX);
			free(a);
			free(b);
		}
		packfile_reader_free(r);
	}
	packwrite_remove(dir);
}

FUZZ_TARGET(pack)
{
	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		fuzz_pack_delta(data + 1, size - 1);
		break;
	case 1:
		fuzz_pack_entry(data + 1, size - 1);
		break;
	default:
		fuzz_pack_reader(data + 1, size - 1);
		break;
	}
	return 0;
}
