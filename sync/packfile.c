/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * packfile.c: git's pack format, and a reader of blobs from a repository's packs
 * (contract in packfile.h).
 *
 * A pack (Documentation/gitformat-pack) is "PACK", a version, a count, then entries: a
 * header of a type and a size, for a delta the base (an offset back in the pack, or an
 * object id), then a zlib stream. Its index (version 2) maps the sorted object ids to
 * the entries' offsets through a fan-out table of their first byte.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "sync/packfile.h"

#define PACKFILE_CHAIN_MAX 1024			/* deltas followed for one object */
#define PACKFILE_OBJECT_MAX (16u << 20)		/* a base or a delta larger is not read here */
#define PACKFILE_CACHE_SLOTS (1u << 17)		/* power of two */
#define PACK_OFF_MASK ((UINT64_C(1) << 48) - 1)	/* where: pack << 48 | offset */

int
packfile_entry_header(const unsigned char *p, size_t avail, int *type, size_t *size)
{
	size_t n = 0, v;
	int shift;
	unsigned char c;

	if (avail == 0)
		return -1;
	c = p[n++];
	*type = (c >> 4) & 7;
	v = c & 15;
	for (shift = 4; c & 0x80; shift += 7) {
		if (n >= avail || shift > 56)
			return -1;
		c = p[n++];
		v |= (size_t)(c & 0x7f) << shift;
	}
	*size = v;
	return (int)n;
}

int
packfile_inflate(z_stream *z, const unsigned char *p, size_t avail, size_t size,
    unsigned char *out, size_t *used)
{
	unsigned char scratch[16384];
	z_stream own;
	size_t got = 0, room;
	int rc;

	if (z == NULL) {
		memset(&own, 0, sizeof own);
		if (inflateInit(&own) != Z_OK)
			return -1;
		z = &own;
	} else if (inflateReset(z) != Z_OK) {
		return -1;
	}
	z->next_in = (unsigned char *)p;
	z->avail_in = avail > UINT_MAX ? UINT_MAX : (uInt)avail;
	do {
		if (out != NULL) {
			room = size + 1 - got;
			z->next_out = out + got;
			z->avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
		} else {
			z->next_out = scratch;
			z->avail_out = sizeof scratch;
		}
		/* Z_FINISH into a buffer that holds it all: zlib writes no window then. */
		rc = inflate(z, out != NULL ? Z_FINISH : Z_NO_FLUSH);
		got = z->total_out;
		if (got > size)
			rc = Z_DATA_ERROR;
	} while (rc == Z_OK);
	*used = z->total_in;
	if (z == &own)
		inflateEnd(&own);
	return rc == Z_STREAM_END && got == size ? 0 : -1;
}

/* A size of a delta's header: 7 bits a byte, low bits first. */
static int
delta_size(const unsigned char **p, const unsigned char *end, size_t *v)
{
	size_t x = 0;
	int shift = 0;
	unsigned char c;

	do {
		if (*p >= end || shift > 56)
			return -1;
		c = *(*p)++;
		x |= (size_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	*v = x;
	return 0;
}

unsigned char *
packfile_apply_delta(const unsigned char *base, size_t blen, const unsigned char *d,
    size_t dlen, size_t max, size_t *outlen)
{
	const unsigned char *end = d + dlen;
	unsigned char *out, *w;
	size_t src, dst, left, off, len;
	unsigned char op;

	*outlen = 0;
	if (delta_size(&d, end, &src) < 0 || delta_size(&d, end, &dst) < 0 || src != blen)
		return NULL;
	if (dst > max) {
		*outlen = dst;
		return NULL;
	}
	w = out = xmalloc(dst + 1);
	left = dst;
	while (d < end) {
		op = *d++;
		if (op & 0x80) {
			off = len = 0;
			for (int i = 0; i < 4; i++)
				if (op & (1u << i)) {
					if (d >= end)
						goto bad;
					off |= (size_t)*d++ << (8 * i);
				}
			for (int i = 0; i < 3; i++)
				if (op & (0x10u << i)) {
					if (d >= end)
						goto bad;
					len |= (size_t)*d++ << (8 * i);
				}
			if (len == 0)
				len = 0x10000;
			if (off > blen || len > blen - off || len > left)
				goto bad;
			memcpy(w, base + off, len);
		} else if (op != 0) {
			len = op;
			if (len > (size_t)(end - d) || len > left)
				goto bad;
			memcpy(w, d, len);
			d += len;
		} else {
			goto bad;	/* reserved */
		}
		w += len;
		left -= len;
	}
	if (left != 0)
		goto bad;
	*w = '\0';
	*outlen = dst;
	return out;
bad:
	free(out);
	return NULL;
}

/* ---- the reader ---- */

struct pack {
	unsigned char *idx, *data;	/* the index and the pack, mapped */
	size_t idx_len, len;
	uint32_t n;			/* objects */
	const unsigned char *oids, *off32, *off64;
	size_t n64;
};

/* A delta base, by where its entry is. Direct-mapped: a slot holds the last base whose
 * place hashes to it; over the budget, a sweep frees slots in turn. */
struct cached {
	unsigned char *data;		/* NULL: empty */
	size_t len;
	uint64_t where;			/* pack << 48 | offset */
};

struct packfile_reader {
	struct pack *packs;
	size_t npacks;
	z_stream z;
	int z_ready;
	struct cached *slots;
	size_t bytes, budget, sweep;
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void *
map_file(const char *path, size_t *len)
{
	struct stat sb;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) != 0 || sb.st_size <= 0 || (uintmax_t)sb.st_size > SIZE_MAX) {
		close(fd);
		return NULL;
	}
	*len = (size_t)sb.st_size;
	p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

/* Map the index at path and its pack into pk: 0, or -1 when either is not one this reads. */
static int
pack_open(struct pack *pk, const char *path)
{
	char *pack_path;
	const unsigned char *fan;
	size_t plen = strlen(path), need;
	uint32_t prev = 0;

	memset(pk, 0, sizeof *pk);
	if ((pk->idx = map_file(path, &pk->idx_len)) == NULL)
		return -1;
	fan = pk->idx + 8;
	if (pk->idx_len < 8 + 1024 + 40 || memcmp(pk->idx, "\377tOc", 4) != 0 ||
	    be32(pk->idx + 4) != 2)
		goto bad;
	for (int i = 0; i < 256; i++) {
		if (be32(fan + 4 * i) < prev)
			goto bad;
		prev = be32(fan + 4 * i);
	}
	pk->n = prev;
	/* the tables' size must not wrap (a 32-bit netbook's size_t) */
	if (pk->n > INT32_MAX || (uint64_t)pk->n * 28 + 8 + 1024 + 40 > SIZE_MAX)
		goto bad;
	need = 8 + 1024 + (size_t)pk->n * 28 + 40;
	if (pk->idx_len < need || (pk->idx_len - need) % 8 != 0)
		goto bad;
	pk->oids = fan + 1024;
	pk->off32 = pk->oids + (size_t)pk->n * 24;
	pk->off64 = pk->off32 + (size_t)pk->n * 4;
	pk->n64 = (pk->idx_len - need) / 8;
	pack_path = xasprintf("%.*s.pack", (int)(plen - 4), path);
	pk->data = map_file(pack_path, &pk->len);
	free(pack_path);
	if (pk->data == NULL || pk->len < 32 || memcmp(pk->data, "PACK", 4) != 0 ||
	    (be32(pk->data + 4) != 2 && be32(pk->data + 4) != 3) || be32(pk->data + 8) != pk->n)
		goto bad;
	return 0;
bad:
	if (pk->data != NULL)
		munmap(pk->data, pk->len);
	munmap(pk->idx, pk->idx_len);
	memset(pk, 0, sizeof *pk);
	return -1;
}

/* The offset of object id in the packs: 0 with *pack and *off, -1 when not there. */
static int
pack_find(const struct packfile_reader *r, const unsigned char *id, size_t *pack,
    uint64_t *off)
{
	for (size_t k = 0; k < r->npacks; k++) {
		const struct pack *pk = &r->packs[k];
		const unsigned char *fan = pk->idx + 8;
		uint32_t lo = id[0] ? be32(fan + 4 * (id[0] - 1)) : 0, hi = be32(fan + 4 * id[0]);
		uint32_t o;

		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			int c = memcmp(pk->oids + (size_t)mid * PACKFILE_OID_SIZE, id,
			    PACKFILE_OID_SIZE);

			if (c < 0) {
				lo = mid + 1;
				continue;
			}
			if (c > 0) {
				hi = mid;
				continue;
			}
			o = be32(pk->off32 + (size_t)mid * 4);
			if (o & 0x80000000u) {
				const unsigned char *q;

				if ((o & 0x7fffffffu) >= pk->n64)
					return -1;
				q = pk->off64 + (size_t)(o & 0x7fffffffu) * 8;
				*off = (uint64_t)be32(q) << 32 | be32(q + 4);
			} else {
				*off = o;
			}
			if (*off < 12 || *off >= pk->len - 20 || *off >> 48 != 0)
				return -1;
			*pack = k;
			return 0;
		}
	}
	return -1;
}

static struct cached *
cache_slot(struct packfile_reader *r, uint64_t where)
{
	uint64_t h = where * UINT64_C(0x9E3779B97F4A7C15);

	return &r->slots[h >> 47 & (PACKFILE_CACHE_SLOTS - 1)];
}

static const struct cached *
cache_get(struct packfile_reader *r, uint64_t where)
{
	const struct cached *c = cache_slot(r, where);

	return c->data != NULL && c->where == where ? c : NULL;
}

/* Keep data (the cache's now, or freed) as the object at where. */
static void
cache_put(struct packfile_reader *r, uint64_t where, unsigned char *data, size_t len)
{
	struct cached *c = cache_slot(r, where);

	if (len > r->budget / 4) {
		free(data);
		return;
	}
	if (c->data != NULL) {
		r->bytes -= c->len;
		free(c->data);
	}
	c->data = data;
	c->len = len;
	c->where = where;
	r->bytes += len;
	for (size_t turns = 0; r->bytes > r->budget && turns < PACKFILE_CACHE_SLOTS; turns++) {
		struct cached *v = &r->slots[r->sweep];

		r->sweep = (r->sweep + 1) & (PACKFILE_CACHE_SLOTS - 1);
		if (v == c || v->data == NULL)
			continue;
		r->bytes -= v->len;
		free(v->data);
		v->data = NULL;
	}
}

/* The entry at where: its type, the size its stream holds, where the stream is (*z,
 * *zlen), and for a delta where its base is (*base, by offset or id). -1 when it is not
 * one this reads. */
static int
entry_at(const struct packfile_reader *r, uint64_t where, int *type, size_t *size,
    const unsigned char **z, size_t *zlen, uint64_t *base)
{
	size_t k = (size_t)(where >> 48);
	uint64_t off = where & PACK_OFF_MASK;
	const struct pack *pk = &r->packs[k];
	const unsigned char *p = pk->data + off, *end = pk->data + pk->len - 20;
	size_t bk;
	uint64_t rel;
	int n;

	if ((n = packfile_entry_header(p, (size_t)(end - p), type, size)) < 0)
		return -1;
	p += n;
	if (*type == PACKFILE_OFS_DELTA) {
		unsigned char c;

		if (p >= end)
			return -1;
		c = *p++;
		rel = c & 0x7f;
		while (c & 0x80) {
			if (p >= end || rel >> 50 != 0)
				return -1;
			c = *p++;
			rel = ((rel + 1) << 7) | (c & 0x7f);
		}
		if (rel == 0 || rel > off - 12)
			return -1;
		*base = (uint64_t)k << 48 | (off - rel);
	} else if (*type == PACKFILE_REF_DELTA) {
		uint64_t boff;

		if ((size_t)(end - p) < PACKFILE_OID_SIZE || pack_find(r, p, &bk, &boff) != 0)
			return -1;
		p += PACKFILE_OID_SIZE;
		*base = (uint64_t)bk << 48 | boff;
	} else if (*type < PACKFILE_COMMIT || *type > PACKFILE_TAG) {
		return -1;
	}
	*z = p;
	*zlen = (size_t)(end - p);
	return 0;
}

/* Inflate an entry's stream of size bytes: a new buffer, or NULL. */
static unsigned char *
inflate_new(struct packfile_reader *r, const unsigned char *z, size_t zlen, size_t size)
{
	unsigned char *buf = xmalloc(size + 1);
	size_t used;

	if (packfile_inflate(&r->z, z, zlen, size, buf, &used) != 0) {
		free(buf);
		return NULL;
	}
	buf[size] = '\0';
	return buf;
}

/* A delta of a chain base_at follows, parsed once. */
struct link {
	uint64_t where;
	const unsigned char *z;
	size_t zlen, size;
};

/*
 * The object at where, as a base: from the cache, or built from its chain of deltas,
 * each base on the way cached. *own says whether the buffer is the caller's (else the
 * cache's, good until the next cache_put). NULL when it is not read here.
 */
static const unsigned char *
base_at(struct packfile_reader *r, uint64_t where, size_t *len, int *own)
{
	struct link chain[PACKFILE_CHAIN_MAX];
	const struct cached *hit;
	const unsigned char *z, *b;
	unsigned char *cur = NULL, *d, *next;
	uint64_t base, cur_at = where;
	size_t n = 0, size, zlen, blen, nlen;
	int type;

	for (;;) {
		if ((hit = cache_get(r, where)) != NULL) {
			b = hit->data;
			blen = hit->len;
			break;
		}
		if (n == PACKFILE_CHAIN_MAX || entry_at(r, where, &type, &size, &z, &zlen,
		    &base) != 0 || size > PACKFILE_OBJECT_MAX)
			return NULL;
		if (type != PACKFILE_OFS_DELTA && type != PACKFILE_REF_DELTA) {
			if ((cur = inflate_new(r, z, zlen, size)) == NULL)
				return NULL;
			b = cur;
			blen = size;
			cur_at = where;
			break;
		}
		chain[n++] = (struct link){ .where = where, .z = z, .zlen = zlen, .size = size };
		where = base;
	}
	/* chain[n - 1] is a delta on b, and chain[0] the object asked for. */
	while (n > 0) {
		const struct link *l = &chain[--n];

		if ((d = inflate_new(r, l->z, l->zlen, l->size)) == NULL)
			goto fail;
		next = packfile_apply_delta(b, blen, d, l->size, PACKFILE_OBJECT_MAX, &nlen);
		free(d);
		if (next == NULL)
			goto fail;
		if (cur != NULL)
			cache_put(r, cur_at, cur, blen);
		b = cur = next;
		blen = nlen;
		cur_at = l->where;
	}
	*len = blen;
	*own = cur != NULL;
	return b;
fail:
	free(cur);
	return NULL;
}

enum packfile_read
packfile_reader_read(struct packfile_reader *r, const unsigned char *id, size_t max,
    unsigned char **data, size_t *len)
{
	const struct cached *hit;
	const unsigned char *z, *b;
	unsigned char *d, *out;
	size_t k, size, zlen, blen, olen;
	uint64_t off, where, base;
	int type, own;

	*data = NULL;
	*len = 0;
	if (pack_find(r, id, &k, &off) != 0)
		return PACKFILE_NOT_HERE;
	where = (uint64_t)k << 48 | off;
	if ((hit = cache_get(r, where)) != NULL) {
		*len = hit->len;
		if (hit->len > max)
			return PACKFILE_TOO_LARGE;
		*data = xmalloc(hit->len + 1);
		memcpy(*data, hit->data, hit->len + 1);
		return PACKFILE_READ;
	}
	if (entry_at(r, where, &type, &size, &z, &zlen, &base) != 0)
		return PACKFILE_NOT_HERE;
	if (type != PACKFILE_OFS_DELTA && type != PACKFILE_REF_DELTA) {
		*len = size;
		if (size > max)
			return PACKFILE_TOO_LARGE;
		if ((*data = inflate_new(r, z, zlen, size)) == NULL)
			return PACKFILE_NOT_HERE;
		return PACKFILE_READ;
	}
	/* The delta first: its header says the size, before any base is read. */
	if (size > PACKFILE_OBJECT_MAX || (d = inflate_new(r, z, zlen, size)) == NULL)
		return PACKFILE_NOT_HERE;
	{
		const unsigned char *p = d, *end = d + size;
		size_t src, dst;

		if (delta_size(&p, end, &src) != 0 || delta_size(&p, end, &dst) != 0) {
			free(d);
			return PACKFILE_NOT_HERE;
		}
		if (dst > max) {
			free(d);
			*len = dst;
			return PACKFILE_TOO_LARGE;
		}
	}
	if ((b = base_at(r, base, &blen, &own)) == NULL) {
		free(d);
		return PACKFILE_NOT_HERE;
	}
	out = packfile_apply_delta(b, blen, d, size, max, &olen);
	free(d);
	if (own)
		cache_put(r, base, (unsigned char *)b, blen);
	if (out == NULL)
		return PACKFILE_NOT_HERE;
	*data = out;
	*len = olen;
	return PACKFILE_READ;
}

static int
name_is_idx(const char *name)
{
	size_t n = strlen(name);

	return n > 9 && strncmp(name, "pack-", 5) == 0 && strcmp(name + n - 4, ".idx") == 0;
}

struct packfile_reader *
packfile_reader_open(const char *dir, size_t cache_bytes)
{
	struct packfile_reader *r;
	struct dirent *e;
	char *packdir = xasprintf("%s/pack", dir), *path;
	DIR *dp = opendir(packdir);
	size_t cap = 0;

	if (dp == NULL) {
		free(packdir);
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	while ((e = readdir(dp)) != NULL) {
		if (!name_is_idx(e->d_name) || r->npacks >= 1 << 15)
			continue;
		if (r->npacks == cap) {
			cap = cap ? 2 * cap : 4;
			r->packs = xrealloc(r->packs, cap * sizeof *r->packs);
		}
		path = xasprintf("%s/%s", packdir, e->d_name);
		if (pack_open(&r->packs[r->npacks], path) == 0)
			r->npacks++;
		free(path);
	}
	closedir(dp);
	free(packdir);
	if (r->npacks == 0 || inflateInit(&r->z) != Z_OK) {
		packfile_reader_free(r);
		return NULL;
	}
	r->z_ready = 1;
	r->budget = cache_bytes;
	r->slots = xcalloc(PACKFILE_CACHE_SLOTS, sizeof *r->slots);
	return r;
}

void
packfile_reader_free(struct packfile_reader *r)
{
	if (r == NULL)
		return;
	for (size_t k = 0; k < r->npacks; k++) {
		munmap(r->packs[k].data, r->packs[k].len);
		munmap(r->packs[k].idx, r->packs[k].idx_len);
	}
	if (r->slots != NULL)
		for (size_t i = 0; i < PACKFILE_CACHE_SLOTS; i++)
			free(r->slots[i].data);
	if (r->z_ready)
		inflateEnd(&r->z);
	free(r->slots);
	free(r->packs);
	free(r);
}
