/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * thin.c: the trees of a push sent as deltas against the remote's (contract in thin.h).
 *
 * Four parts: the map from a new tree to the remote's tree at its path (thin_prepare),
 * the rewrite of a pack (thin_rewrite_pack), the smart subtransport that wraps libgit2's
 * own and keeps each connection's stream and advertisement (thin_register), and the push
 * and the fetch written on that stream (thin_push, thin_fetch).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>
#include <git2/sys/transport.h>
#include <openssl/sha.h>
#include <zlib.h>

#include "core/i18n.h"
#include "core/util.h"
#include "sync/internal.h"
#include "sync/packfile.h"
#include "sync/thin.h"

#define THIN_MAP_MAX 20000		/* trees mapped for one push */
#define THIN_DEPTH_MAX 16		/* records/<kind>/YYYY/MM/DD is 5 */
#define THIN_OBJECT_MAX (16u << 20)	/* a larger tree or object stops the rewrite */

struct tree_pair {
	git_oid new_id, base_id;
};

static struct {
	struct tree_pair *pairs;
	size_t n, cap;
} map;

/* ---- the map ---- */

static void
map_add(const git_oid *new_id, const git_oid *base_id)
{
	if (map.n == map.cap) {
		map.cap = map.cap ? map.cap * 2 : 64;
		map.pairs = xrealloc(map.pairs, map.cap * sizeof *map.pairs);
	}
	map.pairs[map.n].new_id = *new_id;
	map.pairs[map.n].base_id = *base_id;
	map.n++;
}

static int
pair_cmp(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct tree_pair *)a)->new_id,
	    &((const struct tree_pair *)b)->new_id);
}

static const git_oid *
map_base(const git_oid *new_id)
{
	struct tree_pair key = { .new_id = *new_id };
	const struct tree_pair *p;

	p = map.n ? bsearch(&key, map.pairs, map.n, sizeof *map.pairs, pair_cmp) : NULL;
	return p ? &p->base_id : NULL;
}

/* Map tree new_id, and its subtrees that differ, to the trees at their paths in base_id. */
static void
map_trees(git_repository *repo, const git_oid *new_id, const git_oid *base_id, int depth)
{
	git_tree *new = NULL, *base = NULL;
	const git_tree_entry *e, *b;
	size_t i, n;

	if (git_oid_equal(new_id, base_id) || map.n >= THIN_MAP_MAX || depth > THIN_DEPTH_MAX)
		return;
	map_add(new_id, base_id);
	if (git_tree_lookup(&new, repo, new_id) < 0 || git_tree_lookup(&base, repo, base_id) < 0)
		goto out;
	n = git_tree_entrycount(new);
	for (i = 0; i < n; i++) {
		e = git_tree_entry_byindex(new, i);
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
			continue;
		b = git_tree_entry_byname(base, git_tree_entry_name(e));
		if (b != NULL && git_tree_entry_type(b) == GIT_OBJECT_TREE)
			map_trees(repo, git_tree_entry_id(e), git_tree_entry_id(b), depth + 1);
	}
out:
	git_error_clear();
	git_tree_free(new);
	git_tree_free(base);
}

void
thin_prepare(git_repository *repo, const git_oid *tip, const git_oid *remote_tip)
{
	git_revwalk *walk = NULL;
	git_commit *commit = NULL, *remote = NULL;
	git_oid id;

	thin_release();
	if (remote_tip == NULL || git_oid_is_zero(remote_tip))
		return;
	if (git_commit_lookup(&remote, repo, remote_tip) < 0 || git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_push(walk, tip) < 0 || git_revwalk_hide(walk, remote_tip) < 0)
		goto out;
	while (git_revwalk_next(&id, walk) == 0) {
		if (git_commit_lookup(&commit, repo, &id) < 0)
			break;
		map_trees(repo, git_commit_tree_id(commit), git_commit_tree_id(remote), 0);
		git_commit_free(commit);
		commit = NULL;
	}
	if (map.n > 1)
		qsort(map.pairs, map.n, sizeof *map.pairs, pair_cmp);
out:
	git_error_clear();
	git_revwalk_free(walk);
	git_commit_free(remote);
}

void
thin_release(void)
{
	free(map.pairs);
	memset(&map, 0, sizeof map);
}

/* ---- the pack ---- */

static void
put_varint(struct strbuf *sb, size_t v)
{
	while (v >= 0x80) {
		strbuf_add_char(sb, (char)(0x80 | (v & 0x7f)));
		v >>= 7;
	}
	strbuf_add_char(sb, (char)v);
}

/* A copy of base[off..off+len) into the result, in pieces git's format holds. */
static void
put_copy(struct strbuf *sb, size_t off, size_t len)
{
	while (len > 0) {
		size_t n = len > 0xffff ? 0xffff : len;
		unsigned char cmd = 0x80, arg[7];
		int k = 0, i;

		for (i = 0; i < 4; i++)
			if ((off >> (8 * i)) & 0xff) {
				cmd |= (unsigned char)(1 << i);
				arg[k++] = (unsigned char)(off >> (8 * i));
			}
		for (i = 0; i < 2; i++)
			if ((n >> (8 * i)) & 0xff) {
				cmd |= (unsigned char)(0x10 << i);
				arg[k++] = (unsigned char)(n >> (8 * i));
			}
		strbuf_add_char(sb, (char)cmd);
		strbuf_add_len(sb, (const char *)arg, (size_t)k);
		off += n;
		len -= n;
	}
}

static void
put_insert(struct strbuf *sb, const unsigned char *p, size_t len)
{
	while (len > 0) {
		size_t n = len > 127 ? 127 : len;

		strbuf_add_char(sb, (char)n);
		strbuf_add_len(sb, (const char *)p, n);
		p += n;
		len -= n;
	}
}

/* The delta that makes data from base: the common beginning, the rest, the common end. */
static void
make_delta(const unsigned char *base, size_t blen, const unsigned char *data, size_t dlen,
    struct strbuf *out)
{
	size_t pre = 0, suf = 0, most = blen < dlen ? blen : dlen;

	while (pre < most && base[pre] == data[pre])
		pre++;
	while (suf < most - pre && base[blen - 1 - suf] == data[dlen - 1 - suf])
		suf++;
	put_varint(out, blen);
	put_varint(out, dlen);
	put_copy(out, 0, pre);
	put_insert(out, data + pre, dlen - pre - suf);
	put_copy(out, blen - suf, suf);
}

static void
put_entry_header(struct strbuf *sb, int type, size_t size)
{
	unsigned char c = (unsigned char)((type << 4) | (size & 15));

	size >>= 4;
	while (size > 0) {
		strbuf_add_char(sb, (char)(c | 0x80));
		c = size & 0x7f;
		size >>= 7;
	}
	strbuf_add_char(sb, (char)c);
}

static void
put_deflated(struct strbuf *sb, const char *data, size_t len)
{
	uLongf n = compressBound((uLong)len);
	unsigned char *buf = xmalloc(n);

	if (compress2(buf, &n, (const unsigned char *)data, (uLong)len, Z_DEFAULT_COMPRESSION) != Z_OK)
		util_out_of_memory();
	strbuf_add_len(sb, (const char *)buf, n);
	free(buf);
}

/* Entry for a tree (data, size) sent as a delta against its mapped base, in out; 0 when
 * it went there, -1 when the tree stays whole. */
static int
tree_as_delta(git_odb *odb, const unsigned char *data, size_t size, struct strbuf *out)
{
	git_odb_object *base = NULL;
	const git_oid *base_id;
	struct strbuf *delta;
	git_oid id;
	int rc = -1;

	if (git_odb_hash(&id, data, size, GIT_OBJECT_TREE) < 0 || (base_id = map_base(&id)) == NULL)
		goto out;
	if (git_odb_read(&base, odb, base_id) < 0 || git_odb_object_type(base) != GIT_OBJECT_TREE)
		goto out;
	delta = strbuf_new(256);
	make_delta(git_odb_object_data(base), git_odb_object_size(base), data, size, delta);
	if (delta->len < size / 2) {
		put_entry_header(out, PACKFILE_REF_DELTA, delta->len);
		strbuf_add_len(out, (const char *)base_id->id, GIT_OID_RAWSZ);
		put_deflated(out, delta->str, delta->len);
		rc = 0;
	}
	strbuf_free(delta);
out:
	git_error_clear();
	git_odb_object_free(base);
	return rc;
}

int
thin_rewrite_pack(const unsigned char *pack, size_t len, git_odb *odb, struct strbuf *out)
{
	unsigned char sum[SHA_DIGEST_LENGTH], *data = NULL;
	uint32_t version, count, i;
	size_t off = 12, end, start, size, used;
	int type, n, changed = 0;

	if (map.n == 0 || len < 32 || memcmp(pack, "PACK", 4) != 0)
		return 0;
	version = (uint32_t)pack[4] << 24 | (uint32_t)pack[5] << 16 | (uint32_t)pack[6] << 8 | pack[7];
	count = (uint32_t)pack[8] << 24 | (uint32_t)pack[9] << 16 | (uint32_t)pack[10] << 8 | pack[11];
	end = len - SHA_DIGEST_LENGTH;
	if ((version != 2 && version != 3) || SHA1(pack, end, sum) == NULL ||
	    memcmp(sum, pack + end, sizeof sum) != 0)
		return 0;
	strbuf_truncate(out, 0);
	strbuf_add_len(out, (const char *)pack, 12);
	for (i = 0; i < count; i++) {
		start = off;
		if (off >= end || (n = packfile_entry_header(pack + off, end - off, &type,
		    &size)) < 0)
			goto keep;
		off += (size_t)n;
		/* A delta by offset: offsets would move; 0 and 5 are not types of a pack. */
		if (type == PACKFILE_OFS_DELTA || type == 0 || type == 5 || size > THIN_OBJECT_MAX)
			goto keep;
		if (type == PACKFILE_REF_DELTA) {
			if (end - off < GIT_OID_RAWSZ)
				goto keep;
			off += GIT_OID_RAWSZ;
		}
		if (type == PACKFILE_TREE) {
			data = xmalloc(size + 1);
			if (packfile_inflate(NULL, pack + off, end - off, size, data, &used) < 0)
				goto keep;
			off += used;
			if (tree_as_delta(odb, data, size, out) == 0)
				changed = 1;
			else
				strbuf_add_len(out, (const char *)pack + start, off - start);
			free(data);
			data = NULL;
			continue;
		}
		if (packfile_inflate(NULL, pack + off, end - off, size, NULL, &used) < 0)
			goto keep;
		off += used;
		strbuf_add_len(out, (const char *)pack + start, off - start);
	}
	if (off != end || !changed)
		goto keep;
	SHA1((const unsigned char *)out->str, out->len, sum);
	strbuf_add_len(out, (const char *)sum, sizeof sum);
	return 1;
keep:
	free(data);
	strbuf_truncate(out, 0);
	return 0;
}

/* ---- the subtransport ---- */

struct thin_stream;

struct thin_sub {
	git_smart_subtransport parent;
	git_smart_subtransport *real;
	struct thin_stream *streams;
	int rpc;		/* http(s): a request for each turn */
	char *url;		/* of the advertisement (receive-pack or upload-pack) */
	struct thin_stream *ls;	/* git://, ssh://: the stream it came on, the one to use */
	struct strbuf *adv;	/* its first bytes, for the capabilities */
};

#define THIN_ADV_MAX 16384	/* the capabilities come in the first line */

/* The subtransports whose receive-pack and upload-pack advertisements came last: the push
 * connection's and the fetch connection's (the network child opens at most one of each at
 * a time; the fetch opened beside a push is the upload-pack one). */
static struct thin_sub *push_sub, *fetch_sub;

struct thin_stream {
	git_smart_subtransport_stream parent;
	git_smart_subtransport_stream *real;
	struct thin_sub *sub;
	git_smart_service_t service;
	int sent;		/* the program's own turn went out on it */
	struct thin_stream *next;
};

/* A read of a connection's stream. A server that closes an HTTP connection before its
 * answer is told as on git:// (libgit2's HTTP client says "unexpected EOF", in English,
 * to a volunteer on a dropped link). */
static int
stream_read(git_smart_subtransport_stream *s, char *buf, size_t size, size_t *got)
{
	int rc = s->read(s, buf, size, got);
	const git_error *e;

	if (rc < 0 && (e = git_error_last()) != NULL && e->message != NULL &&
	    strcmp(e->message, "unexpected EOF") == 0)
		git_error_set_str(GIT_ERROR_NET,
		    _("the remote closed the connection before it answered"));
	return rc;
}

/* The advertisement's first bytes are kept, for its capabilities (adv_has). */
static int
thin_read(git_smart_subtransport_stream *stream, char *buf, size_t size, size_t *got)
{
	struct thin_stream *s = (struct thin_stream *)stream;
	int rc = stream_read(s->real, buf, size, got);

	if (rc >= 0 && *got > 0 && (s->service == GIT_SERVICE_RECEIVEPACK_LS ||
	    s->service == GIT_SERVICE_UPLOADPACK_LS) && !s->sent && s->sub->adv != NULL &&
	    s->sub->adv->len < THIN_ADV_MAX)
		strbuf_add_len(s->sub->adv, buf, *got < THIN_ADV_MAX ? *got : THIN_ADV_MAX);
	return rc;
}

static int
thin_write(git_smart_subtransport_stream *stream, const char *buf, size_t len)
{
	struct thin_stream *s = (struct thin_stream *)stream;

	return s->real->write(s->real, buf, len);
}

static void
thin_stream_free(git_smart_subtransport_stream *stream)
{
	struct thin_stream *s = (struct thin_stream *)stream, **pp;

	for (pp = &s->sub->streams; *pp != NULL; pp = &(*pp)->next)
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	if (s->sub->ls == s)
		s->sub->ls = NULL;
	s->real->free(s->real);
	free(s);
}

static int
thin_action(git_smart_subtransport_stream **out, git_smart_subtransport *sub, const char *url,
    git_smart_service_t action)
{
	struct thin_sub *t = (struct thin_sub *)sub;
	git_smart_subtransport_stream *real;
	struct thin_stream *s;
	int rc;

	if ((rc = t->real->action(&real, t->real, url, action)) < 0)
		return rc;
	/* git:// and ssh:// answer the push on the stream of its advertisement */
	for (s = t->streams; s != NULL; s = s->next)
		if (s->real == real)
			break;
	if (s == NULL) {
		s = xcalloc(1, sizeof *s);
		s->parent.subtransport = sub;
		s->parent.read = thin_read;
		s->parent.write = thin_write;
		s->parent.free = thin_stream_free;
		s->real = real;
		s->sub = t;
		s->next = t->streams;
		t->streams = s;
	}
	if (action == GIT_SERVICE_RECEIVEPACK_LS || action == GIT_SERVICE_UPLOADPACK_LS) {
		free(t->url);
		t->url = xstrdup(url);
		if (t->adv != NULL)
			strbuf_free(t->adv);
		t->adv = strbuf_new(1024);
		t->ls = t->rpc ? NULL : s;
		if (action == GIT_SERVICE_RECEIVEPACK_LS)
			push_sub = t;
		else
			fetch_sub = t;
	}
	s->service = action;
	*out = &s->parent;
	return 0;
}

static int
thin_close(git_smart_subtransport *sub)
{
	struct thin_sub *t = (struct thin_sub *)sub;

	return t->real->close(t->real);
}

static void
thin_free(git_smart_subtransport *sub)
{
	struct thin_sub *t = (struct thin_sub *)sub;
	struct thin_stream *s;

	/* streams libgit2 did not free go with their wrappers; their own are the real
	 * subtransport's to free */
	while ((s = t->streams) != NULL) {
		t->streams = s->next;
		free(s);
	}
	if (push_sub == t)
		push_sub = NULL;
	if (fetch_sub == t)
		fetch_sub = NULL;
	if (t->adv != NULL)
		strbuf_free(t->adv);
	free(t->url);
	t->real->free(t->real);
	free(t);
}

static int
wrap_sub(git_smart_subtransport **out, git_transport *owner, git_smart_subtransport_cb real_cb,
    int rpc)
{
	struct thin_sub *t = xcalloc(1, sizeof *t);

	t->rpc = rpc;
	if (real_cb(&t->real, owner, NULL) < 0) {
		free(t);
		return -1;
	}
	t->parent.action = thin_action;
	t->parent.close = thin_close;
	t->parent.free = thin_free;
	*out = &t->parent;
	return 0;
}

static int
sub_git(git_smart_subtransport **out, git_transport *owner, void *param)
{
	(void)param;
	return wrap_sub(out, owner, git_smart_subtransport_git, 0);
}

static int
sub_http(git_smart_subtransport **out, git_transport *owner, void *param)
{
	(void)param;
	return wrap_sub(out, owner, git_smart_subtransport_http, 1);
}

static int
sub_ssh(git_smart_subtransport **out, git_transport *owner, void *param)
{
	(void)param;
	return wrap_sub(out, owner, git_smart_subtransport_ssh, 0);
}

void
thin_register(void)
{
	static git_smart_subtransport_definition git_def = { sub_git, 0, NULL };
	static git_smart_subtransport_definition http_def = { sub_http, 1, NULL };
	static git_smart_subtransport_definition ssh_def = { sub_ssh, 0, NULL };
	static int done;

	if (done)
		return;
	done = 1;
	git_transport_register("git", git_transport_smart, &git_def);
	git_transport_register("http", git_transport_smart, &http_def);
	git_transport_register("https", git_transport_smart, &http_def);
	git_transport_register("ssh", git_transport_smart, &ssh_def);
	git_error_clear();
}

/* ---- the push itself ---- */

#define THIN_REPORT_MAX (1u << 20)	/* what a server may answer a push with */

/* The length of a pkt-line from its four hex digits; -1 when they are not that. */
static int
pkt_len(const char *p)
{
	int n = 0, i, d;

	for (i = 0; i < 4; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			d = p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			d = p[i] - 'a' + 10;
		else if (p[i] >= 'A' && p[i] <= 'F')
			d = p[i] - 'A' + 10;
		else
			return -1;
		n = n * 16 + d;
	}
	return n > 0 && n < 4 ? -1 : n;
}

/* The capabilities of the last receive-pack advertisement: the first ref line's, after
 * its NUL (http's comes after "# service=git-receive-pack" and a flush). */
static int
adv_has(const struct strbuf *adv, const char *cap)
{
	const char *p = adv->str, *end = adv->str + adv->len, *nul, *nl, *c;
	size_t n, k = strlen(cap);
	int len;

	while (end - p >= 4) {
		if ((len = pkt_len(p)) < 0)
			return 0;
		if (len == 0) {
			p += 4;
			continue;
		}
		if (end - p < len)
			return 0;
		if (len > 14 && memcmp(p + 4, "# service=", 10) == 0) {
			p += len;
			continue;
		}
		if ((nul = memchr(p + 4, '\0', (size_t)len - 4)) == NULL)
			return 0;
		nl = memchr(nul, '\n', (size_t)(p + len - nul));
		end = nl != NULL ? nl : p + len;
		for (c = nul + 1; c < end; c += n + 1) {
			const char *sp = memchr(c, ' ', (size_t)(end - c));

			n = (size_t)((sp != NULL ? sp : end) - c);
			if ((n == k || (n > k && c[k] == '=')) && memcmp(c, cap, k) == 0)
				return 1;
			if (sp == NULL)
				break;
		}
		return 0;
	}
	return 0;
}

/* The stream for the next turn of t's connection: a new request for http(s) (the caller
 * frees it), the connection's own stream for git:// and ssh://. */
static int
turn_stream(struct thin_sub *t, git_smart_service_t service, git_smart_subtransport_stream **s)
{
	if (t->rpc)
		return t->real->action(s, t->real, t->url, service);
	*s = t->ls->real;
	t->ls->sent = 1;
	return 0;
}

/* What the server's band 3 (or ERR) says, as the libgit2 error of the failed turn. */
static void
set_remote_failed(const char *said, size_t len)
{
	char text[220];

	snprintf(text, sizeof text, "%.*s", (int)(len > 200 ? 200 : len), said);
	git_error_set(GIT_ERROR_NET, _("the remote failed: %s"), text);
}

struct pkt_reader {
	git_smart_subtransport_stream *s;
	char buf[65536];
	size_t have, off, total, max;	/* max: what it reads at most */
};

/* The next pkt-line: its payload in *data (len bytes; 0 with *flush for "0000"). */
static int
pkt_next(struct pkt_reader *r, const char **data, size_t *len, int *flush)
{
	size_t got;
	int n;

	for (;;) {
		if (r->have - r->off >= 4) {
			if ((n = pkt_len(r->buf + r->off)) < 0) {
				git_error_set_str(GIT_ERROR_NET,
				    _("the remote's answer could not be read"));
				return -1;
			}
			if (n == 0) {
				r->off += 4;
				*flush = 1;
				*len = 0;
				return 0;
			}
			if (r->have - r->off >= (size_t)n) {
				*data = r->buf + r->off + 4;
				*len = (size_t)n - 4;
				*flush = 0;
				r->off += (size_t)n;
				return 0;
			}
		}
		if (r->off > 0) {
			memmove(r->buf, r->buf + r->off, r->have - r->off);
			r->have -= r->off;
			r->off = 0;
		}
		if (r->total > r->max) {
			git_error_set_str(GIT_ERROR_NET, _("the remote's answer is too long"));
			return -1;
		}
		if (stream_read(r->s, r->buf + r->have, sizeof r->buf - r->have, &got) < 0)
			return -1;
		if (got == 0) {
			git_error_set_str(GIT_ERROR_NET,
			    _("the remote closed the connection before it answered"));
			return -1;
		}
		r->have += got;
		r->total += got;
	}
}

/* One line of git's report-status. */
static void
report_line(const char *line, size_t len, const char *ref, struct thin_report *rep)
{
	size_t k = strlen(ref);

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (len == 9 && memcmp(line, "unpack ok", 9) == 0)
		rep->unpack_ok = 1;
	else if (len > 7 && memcmp(line, "unpack ", 7) == 0)
		snprintf(rep->status, sizeof rep->status, "unpack %.*s", (int)(len - 7), line + 7);
	else if (len == 3 + k && memcmp(line, "ok ", 3) == 0 && memcmp(line + 3, ref, k) == 0)
		rep->ref_seen = 1;
	else if (len > 4 + k && memcmp(line, "ng ", 3) == 0 && memcmp(line + 3, ref, k) == 0 &&
	    line[3 + k] == ' ') {
		rep->ref_seen = 1;
		rep->refused = 1;
		if (rep->status[0] == '\0')	/* an unpack error says more */
			snprintf(rep->status, sizeof rep->status, "%.*s", (int)(len - 4 - k),
			    line + 4 + k);
	}
}

/* Read the server's answer: the report, and what its hooks print (to sideband). */
static int
read_report(git_smart_subtransport_stream *s, int banded, const char *ref,
    int (*sideband)(const char *, int, void *), void *payload, struct thin_report *rep)
{
	struct pkt_reader *r = xcalloc(1, sizeof *r);
	struct strbuf *inner = strbuf_new(256);
	const char *data, *p;
	size_t len, off = 0;
	int flush, rc = -1, m;

	r->s = s;
	r->max = THIN_REPORT_MAX;
	for (;;) {
		if (pkt_next(r, &data, &len, &flush) < 0)
			goto out;
		if (flush)
			break;
		if (!banded) {
			report_line(data, len, ref, rep);
			continue;
		}
		if (len == 0)
			continue;
		if (data[0] == 1)
			strbuf_add_len(inner, data + 1, len - 1);
		else if (data[0] == 2 && sideband != NULL)
			sideband(data + 1, (int)(len - 1), payload);
		else if (data[0] == 3) {
			set_remote_failed(data + 1, len - 1);
			goto out;
		}
	}
	/* side-band: the report is pkt-lines inside band 1 */
	while (banded && inner->len - off >= 4) {
		p = inner->str + off;
		if ((m = pkt_len(p)) <= 0 || (size_t)m > inner->len - off)
			break;
		report_line(p + 4, (size_t)m - 4, ref, rep);
		off += (size_t)m;
	}
	rc = 0;
out:
	strbuf_free(inner);
	free(r);
	return rc;
}

int
thin_push(git_repository *repo, const git_oid *commit, const git_oid *old, const char *ref,
    int (*sideband)(const char *, int, void *), git_push_transfer_progress_cb progress,
    void *payload, struct thin_report *rep)
{
	struct thin_sub *t = push_sub;
	git_smart_subtransport_stream *s = NULL;
	git_packbuilder *pb = NULL;
	git_buf pack = GIT_BUF_INIT;
	struct strbuf *req = NULL, *thin = NULL;
	char old_hex[GIT_OID_HEXSZ + 1], new_hex[GIT_OID_HEXSZ + 1];
	const git_oid *known[1] = { old };
	git_odb *odb = NULL;
	size_t cmd, done, piece;
	int banded, rc = -1;

	memset(rep, 0, sizeof *rep);
	if (t == NULL || t->adv == NULL || !adv_has(t->adv, "report-status") ||
	    (!t->rpc && t->ls == NULL))
		return 1;
	banded = adv_has(t->adv, "side-band-64k");
	if (git_packbuilder_new(&pb, repo) < 0)
		goto out;
	git_packbuilder_set_threads(pb, 1);
	if (pack_commits_since(pb, repo, commit, known, old ? 1 : 0, NULL) < 0 ||
	    git_packbuilder_write_buf(&pack, pb) < 0)
		goto out;
	req = strbuf_new(pack.size + 256);
	git_oid_tostr(new_hex, sizeof new_hex, commit);
	if (old != NULL)
		git_oid_tostr(old_hex, sizeof old_hex, old);
	else {
		memset(old_hex, '0', GIT_OID_HEXSZ);
		old_hex[GIT_OID_HEXSZ] = '\0';
	}
	cmd = 4 + 2 * GIT_OID_HEXSZ + 2 + strlen(ref) + 1 + strlen(banded ?
	    "report-status side-band-64k" : "report-status") + 1;
	strbuf_addf(req, "%04zx%s %s %s", cmd, old_hex, new_hex, ref);
	strbuf_add_len(req, "\0", 1);
	strbuf_addf(req, "%s\n0000", banded ? "report-status side-band-64k" : "report-status");
	thin = strbuf_new(64);
	if (!adv_has(t->adv, "no-thin") && git_repository_odb(&odb, repo) == 0 &&
	    thin_rewrite_pack((const unsigned char *)pack.ptr, pack.size, odb, thin) == 1)
		strbuf_add_len(req, thin->str, thin->len);
	else
		strbuf_add_len(req, pack.ptr, pack.size);
	git_error_clear();
	if (turn_stream(t, GIT_SERVICE_RECEIVEPACK, &s) < 0) {
		s = NULL;
		goto out;
	}
	rep->sent = 1;
	/* in pieces, for the progress of a large push on a slow link */
	for (done = 0; done < req->len; done += piece) {
		piece = req->len - done < 65536 ? req->len - done : 65536;
		if (s->write(s, req->str + done, piece) < 0)
			goto out;
		if (progress != NULL)
			progress((unsigned)((done + piece) >> 10), (unsigned)(req->len >> 10),
			    done + piece, payload);
	}
	rc = read_report(s, banded, ref, sideband, payload, rep);
	if (rc == 0 && !rep->unpack_ok && !rep->refused)
		rep->refused = 1;
out:
	if (t->rpc && s != NULL)
		s->free(s);
	git_odb_free(odb);
	if (thin != NULL)
		strbuf_free(thin);
	if (req != NULL)
		strbuf_free(req);
	git_buf_dispose(&pack);
	git_packbuilder_free(pb);
	return rc;
}

/* ---- the fetch ---- */

int
thin_fetch(git_repository *repo, const git_oid *want, const git_oid *const *haves,
    size_t nhaves, git_indexer_progress_cb progress, void *payload)
{
	struct thin_sub *t = fetch_sub;
	git_smart_subtransport_stream *s = NULL;
	git_indexer_options opts;
	git_indexer_progress stats;
	git_indexer *idx = NULL;
	struct pkt_reader *r = NULL;
	struct strbuf *req = NULL, *caps = NULL;
	git_buf objects = GIT_BUF_INIT;
	git_odb *odb = NULL;
	char hex[GIT_OID_HEXSZ + 1], *dir = NULL;
	const char *data;
	size_t len, i, k, sent = 0;
	int flush, rc = -1, packed = 0;

	if (t == NULL || t->adv == NULL || !adv_has(t->adv, "side-band-64k") ||
	    (!t->rpc && t->ls == NULL))
		return 1;
	for (i = 0; i < nhaves; i++)
		if (haves[i] != NULL)
			sent++;
	if (sent == 0)
		return 1;	/* a first fetch: libgit2's, with its negotiation */
	caps = strbuf_new(64);
	strbuf_add(caps, "side-band-64k");
	if (adv_has(t->adv, "ofs-delta"))
		strbuf_add(caps, " ofs-delta");
	if (adv_has(t->adv, "thin-pack"))
		strbuf_add(caps, " thin-pack");
	if (adv_has(t->adv, "no-progress"))
		strbuf_add(caps, " no-progress");
	req = strbuf_new(256);
	git_oid_tostr(hex, sizeof hex, want);
	strbuf_addf(req, "%04zxwant %s %s\n", 4 + 5 + strlen(hex) + 1 + caps->len + 1, hex,
	    caps->str);
	strbuf_add(req, "0000");
	for (i = 0; i < nhaves; i++) {
		if (haves[i] == NULL)
			continue;
		for (k = 0; k < i; k++)
			if (haves[k] != NULL && git_oid_equal(haves[k], haves[i]))
				break;
		if (k < i)
			continue;
		git_oid_tostr(hex, sizeof hex, haves[i]);
		strbuf_addf(req, "%04zxhave %s\n", 4 + 5 + strlen(hex) + 1, hex);
	}
	strbuf_add(req, "0009done\n");

	if (git_repository_item_path(&objects, repo, GIT_REPOSITORY_ITEM_OBJECTS) < 0 ||
	    git_repository_odb(&odb, repo) < 0)
		goto out;
	dir = xasprintf("%spack", objects.ptr);
	git_indexer_options_init(&opts, GIT_INDEXER_OPTIONS_VERSION);
	opts.progress_cb = progress;
	opts.progress_cb_payload = payload;
	if (git_indexer_new(&idx, dir, 0, odb, &opts) < 0)
		goto out;
	if (turn_stream(t, GIT_SERVICE_UPLOADPACK, &s) < 0) {
		s = NULL;
		goto out;
	}
	if (s->write(s, req->str, req->len) < 0)
		goto out;
	r = xcalloc(1, sizeof *r);
	r->s = s;
	r->max = SIZE_MAX;	/* a pack: the indexer writes it to disk as it comes */
	memset(&stats, 0, sizeof stats);
	for (;;) {
		if (pkt_next(r, &data, &len, &flush) < 0)
			goto out;
		if (flush)
			break;
		if (!packed && len >= 3 && (memcmp(data, "ACK", 3) == 0 || memcmp(data, "NAK", 3) == 0))
			continue;
		if (!packed && len >= 4 && memcmp(data, "ERR ", 4) == 0) {
			set_remote_failed(data + 4, len - 4);
			goto out;
		}
		if (len == 0)
			continue;
		if (data[0] == 1) {
			packed = 1;
			if (git_indexer_append(idx, data + 1, len - 1, &stats) < 0)
				goto out;
		} else if (data[0] == 3) {
			set_remote_failed(data + 1, len - 1);
			goto out;
		} else if (data[0] != 2) {
			git_error_set_str(GIT_ERROR_NET, _("the remote's answer could not be read"));
			goto out;
		}
	}
	if (!packed) {
		git_error_set_str(GIT_ERROR_NET, _("the remote closed the connection before it "
		    "answered"));
		goto out;
	}
	if (stats.total_objects == 0) {	/* it cannot hold want: no empty pack is kept */
		git_error_set_str(GIT_ERROR_NET, _("the remote's answer could not be read"));
		goto out;
	}
	if (git_indexer_commit(idx, &stats) < 0)
		goto out;
	git_odb_refresh(odb);
	if (!git_odb_exists(odb, want)) {
		git_error_set_str(GIT_ERROR_NET, _("the remote's answer could not be read"));
		goto out;
	}
	rc = 0;
out:
	if (t->rpc && s != NULL)
		s->free(s);
	free(r);
	git_indexer_free(idx);
	free(dir);
	git_odb_free(odb);
	git_buf_dispose(&objects);
	if (req != NULL)
		strbuf_free(req);
	if (caps != NULL)
		strbuf_free(caps);
	return rc;
}
