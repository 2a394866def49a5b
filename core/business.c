/* SPDX-License-Identifier: GPL-3.0-or-later */
/* business.c: see business.h. The SQL is in store_business.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/business.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/store_business.h"
#include "core/text.h"
#include "core/util.h"

#define CANDIDATES_SHOWN 20	/* a longer list of matches is cut, with its count */

const char *
business_field_label(const char *key)
{
	if (strcmp(key, "business_id") == 0)
		return _("Business record");
	if (strcmp(key, "merged_into") == 0)
		return _("Merged into");
	return NULL;
}

/*
 * The punctuation and symbols beyond ASCII that a name is typed with here: Latin-1's
 * (¡ ¿ « » · ° § ...; not ª º, nor the superscripts and fractions, which read as
 * letters or digits), × ÷, general punctuation (– — ‘ ’ “ ” … • ‹ ›), currency signs
 * (€), CJK and full-width punctuation. Other characters beyond ASCII are letters.
 */
static int
is_wide_punct(unsigned cp)
{
	return (cp >= 0xa0 && cp <= 0xbf && cp != 0xaa && cp != 0xba && cp != 0xb2 &&
	    cp != 0xb3 && cp != 0xb9 && !(cp >= 0xbc && cp <= 0xbe)) ||
	    cp == 0xd7 || cp == 0xf7 || (cp >= 0x2000 && cp <= 0x206f) ||
	    (cp >= 0x20a0 && cp <= 0x20cf) || (cp >= 0x3000 && cp <= 0x303f) ||
	    (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20);
}

char *
business_name_key(const char *name)
{
	char *folded = text_fold(name), *out = xmalloc(strlen(folded) + 1);
	size_t o = 0, i, len = strlen(folded), n;
	int gap = 0;
	unsigned char c;
	unsigned cp;

	for (i = 0; i < len; i += n) {
		c = (unsigned char)folded[i];
		n = 1;
		if (c == '.' || c == '\'')
			continue;
		if (c >= 0x80 && (n = utf8_decode(folded + i, len - i, &cp)) == 0)
			n = 1;	/* not UTF-8: a byte of a letter, as before */
		else if (c >= 0x80 && is_wide_punct(cp)) {
			gap = 1;
			continue;
		}
		/* Letters other than Latin ones stay as their bytes: they are letters. */
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
			if (gap && o > 0)
				out[o++] = ' ';
			gap = 0;
			memcpy(out + o, folded + i, n);
			o += n;
		} else
			gap = 1;
	}
	out[o] = '\0';
	free(folded);
	return out;
}

int
business_kind_links(const char *kind)
{
	return strcmp(kind, "visit") == 0 || strcmp(kind, "task") == 0;
}

/* FNV-1a, 64 bits, from a seed: a spread of the keys' bits, not a secret. */
static uint64_t
fnv1a(uint64_t h, const char *s)
{
	while (*s) {
		h ^= (unsigned char)*s++;
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

void
business_auto_id(const char *key, const char *municipality, char *out)
{
	const uint64_t ms = UINT64_C(1796083200000);	/* 2026-12-01T00:00:00Z */
	uint64_t a, b;
	unsigned char u[16];
	int i;

	a = fnv1a(fnv1a(UINT64_C(0xcbf29ce484222325), key), "\n");
	a = fnv1a(a, municipality);
	b = fnv1a(fnv1a(UINT64_C(0x84222325cbf29ce4), municipality), "\n");
	b = fnv1a(b, key);
	for (i = 0; i < 6; i++)
		u[i] = (unsigned char)(ms >> (40 - 8 * i));
	for (i = 0; i < 2; i++)
		u[6 + i] = (unsigned char)(a >> (8 * i));
	for (i = 0; i < 8; i++)
		u[8 + i] = (unsigned char)(b >> (8 * i));
	u[6] = (unsigned char)(0x70 | (u[6] & 0x0f));
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);
	snprintf(out, UUID_LEN + 1,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	    u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11],
	    u[12], u[13], u[14], u[15]);
}

int
business_check(const struct record *b, struct error *err)
{
	const char *name = record_field_str(b, "name");
	char *key = business_name_key(name ? name : "");
	int empty = *key == '\0';

	free(key);
	if (empty)
		return error_set(err, ERR_INVALID, "name", _("name: a business's name needs a "
		    "letter or a digit"));
	return 0;
}

int
business_resolve(struct store *st, const char *id, char *out, char **name_out,
    struct error *err)
{
	struct record *b = NULL;
	char at[UUID_LEN + 1];
	const char *next;
	struct error lookup = { 0 };
	int hops;

	if (uuid_valid(id))
		snprintf(at, sizeof at, "%s", id);
	else if (store_record_resolve(st, id, at, &lookup) != 0) {
		/* A short id as the lists show it is fine too. */
		error_clear(&lookup);
		return error_set(err, ERR_INVALID, "business_id", _("business_id: no business "
		    "%.40s"), id);
	}
	/* A live business is itself: its row says so without its file being read and
	 * parsed (every save of a visit or a task asks this of the business it names). */
	if (name_out == NULL && store_business_is_live(st, at)) {
		snprintf(out, UUID_LEN + 1, "%s", at);
		return 0;
	}
	for (hops = 0; hops <= BUSINESS_MERGE_HOPS; hops++) {
		if (store_record_get(st, at, &b, &lookup) != 0) {
			if (lookup.kind != ERR_NOTFOUND) {
				*err = lookup;
				return -1;
			}
			error_clear(&lookup);
			return error_set(err, ERR_INVALID, "business_id", _("business_id: no "
			    "business %s"), id);
		}
		if (strcmp(b->kind, "business") != 0) {
			error_set(err, ERR_INVALID, "business_id", _("business_id: %s is a %s, not "
			    "a business"), id, b->kind);
			record_free(b);
			return -1;
		}
		if (!b->deleted) {
			snprintf(out, UUID_LEN + 1, "%s", b->id);
			if (name_out != NULL)
				*name_out = xstrdup(record_label(b));
			record_free(b);
			return 0;
		}
		next = record_field_str(b, "merged_into");
		if (next == NULL || !uuid_valid(next)) {
			record_free(b);
			return error_set(err, ERR_INVALID, "business_id", _("business_id: business "
			    "%s is deleted"), id);
		}
		snprintf(at, sizeof at, "%s", next);
		record_free(b);
		b = NULL;
	}
	return error_set(err, ERR_INVALID, "business_id", _("business_id: business %s was "
	    "merged more than %d times over"), id, BUSINESS_MERGE_HOPS);
}

struct candidates {
	size_t n;
	char first[UUID_LEN + 1];
	char *first_name;
	char *list;		/* "  id  name  municipality\n" lines, sanitised */
	size_t len;
};

static int
note_candidate(const char *id, const char *name, const char *municipality, void *payload)
{
	struct candidates *c = payload;
	char *n, *m, *line;

	if (c->n++ == 0) {
		snprintf(c->first, sizeof c->first, "%s", id);
		c->first_name = xstrdup(name);
	}
	if (c->n > CANDIDATES_SHOWN)
		return 0;
	n = text_sanitize(name, 120, 0);
	m = text_sanitize(municipality, 100, 0);
	line = xasprintf("\n  %s  %s  %s", id, n, m);
	c->list = xrealloc(c->list, c->len + strlen(line) + 1);
	memcpy(c->list + c->len, line, strlen(line) + 1);
	c->len += strlen(line);
	free(line);
	free(n);
	free(m);
	return 0;
}

/* The business of fields.business in fields.municipality: found, made, or ambiguous. */
static int
link_by_name(struct store *st, struct record *r, const char *muni, const char *author,
    char *out, struct error *err)
{
	const char *name = record_field_str(r, "business"), *sector;
	struct candidates c = { 0 };
	struct record *b = NULL;
	char *key = business_name_key(name ? name : "");
	int rc = -1;

	if (*key == '\0') {
		error_set(err, ERR_INVALID, "business", _("business: a business's name needs a "
		    "letter or a digit"));
		goto out;
	}
	if (store_business_find(st, key, muni ? muni : "", 1, note_candidate, &c, err) != 0)
		goto out;
	if (c.n > 1) {
		error_set(err, ERR_INVALID, "business", _("business: %zu businesses in %s are "
		    "called like '%s'; give business_id= one of:%s%s"), c.n, muni ? muni : "",
		    name, c.list, c.n > CANDIDATES_SHOWN ? "\n  ..." : "");
		goto out;
	}
	if (c.n == 1) {
		/* The record shows the business's name as the registry spells it. */
		json_object_set_new(r->fields, "business", json_string(c.first_name));
		snprintf(out, UUID_LEN + 1, "%s", c.first);
		rc = 0;
		goto out;
	}
	b = record_new("business");
	json_object_set_new(b->fields, "name", json_string(name));
	json_object_set_new(b->fields, "municipality", json_string(muni ? muni : ""));
	if ((sector = record_field_str(r, "sector")) != NULL)
		json_object_set_new(b->fields, "sector", json_string(sector));
	if (store_record_save(st, b, author, err) != 0)
		goto out;
	snprintf(out, UUID_LEN + 1, "%s", b->id);
	rc = 0;
out:
	record_free(b);
	free(c.first_name);
	free(c.list);
	free(key);
	return rc;
}

/* 1 when r is linked already to a business (out: it, or its survivor) whose name has the
 * key of fields.business. */
static int
link_still_holds(struct store *st, const struct record *r, char *live)
{
	const char *id = record_field_str(r, "business_id"), *name;
	char *linked = NULL, *a, *b;
	struct error ignored = { 0 };
	int same;

	name = record_field_str(r, "business");
	if (id == NULL || name == NULL || business_resolve(st, id, live, &linked,
	    &ignored) != 0) {
		error_clear(&ignored);
		return 0;
	}
	a = business_name_key(linked);
	b = business_name_key(name);
	same = strcmp(a, b) == 0;
	free(a);
	free(b);
	free(linked);
	return same;
}

int
business_link(struct store *st, struct record *r, const char *business_id,
    const char *author, struct error *err)
{
	return business_link_in(st, r, business_id, NULL, author, err);
}

int
business_link_in(struct store *st, struct record *r, const char *business_id,
    const char *municipality, const char *author, struct error *err)
{
	char id[UUID_LEN + 1], *name = NULL;

	if (municipality == NULL)
		municipality = record_field_str(r, "municipality");

	if (!business_kind_links(r->kind) || r->deleted)
		return 0;
	if (business_id != NULL && *business_id != '\0') {
		if (business_resolve(st, business_id, id, &name, err) != 0)
			return -1;
		json_object_set_new(r->fields, "business", json_string(name));
		free(name);
	} else if (!link_still_holds(st, r, id) && link_by_name(st, r, municipality ?
	    municipality : "", author, id, err) != 0)
		return -1;
	json_object_set_new(r->fields, "business_id", json_string(id));
	return 0;
}

int
business_save(struct store *st, struct record *r, const char *business_id,
    const char *municipality, const char *author, struct error *err)
{
	if (store_begin(st, err) != 0)
		return -1;
	if ((strcmp(r->kind, "business") == 0 && !r->deleted && business_check(r, err) != 0) ||
	    business_link_in(st, r, business_id, municipality, author, err) != 0 ||
	    store_record_save(st, r, author, err) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

int
business_name_is_new(struct store *st, const char *name, const char *municipality)
{
	struct candidates c = { 0 };
	struct error ignored = { 0 };
	char *key = business_name_key(name ? name : "");
	int fresh = 0;

	if (*key != '\0' && store_business_find(st, key, municipality ? municipality : "", 1,
	    note_candidate, &c, &ignored) == 0)
		fresh = c.n == 0;
	error_clear(&ignored);
	free(c.first_name);
	free(c.list);
	free(key);
	return fresh;
}

/* A live business by id or short id, or ERR_INVALID naming what (the argument). */
static int
live_business(struct store *st, const char *id, const char *what, struct record **out,
    struct error *err)
{
	char full[UUID_LEN + 1];
	struct error lookup = { 0 };

	if (store_record_resolve(st, id, full, &lookup) != 0 ||
	    store_record_get(st, full, out, &lookup) != 0) {
		error_clear(&lookup);
		return error_set(err, ERR_INVALID, what, _("%s: no business %.40s"), what, id);
	}
	if (strcmp((*out)->kind, "business") != 0)
		error_set(err, ERR_INVALID, what, _("%s: %s is a %s, not a business"), what,
		    (*out)->id, (*out)->kind);
	else if ((*out)->deleted && record_field_str(*out, "merged_into") != NULL)
		error_set(err, ERR_INVALID, what, _("%s: business %s was merged into another"),
		    what, (*out)->id);
	else if ((*out)->deleted)
		error_set(err, ERR_INVALID, what, _("%s: business %s is deleted"), what,
		    (*out)->id);
	else
		return 0;
	record_free(*out);
	*out = NULL;
	return -1;
}

struct moving {
	struct record **v;
	size_t n;
};

static int
collect_record(const struct record *r, void *payload)
{
	struct moving *m = payload;

	m->v = xrealloc(m->v, (m->n + 1) * sizeof *m->v);
	m->v[m->n++] = record_dup(r);
	return 0;
}

int
business_merge(struct store *st, const char *from, const char *into, const char *author,
    long *moved, struct error *err)
{
	struct record *gone = NULL, *kept = NULL;
	struct moving m = { 0 };
	size_t i;
	int rc = -1;

	if (live_business(st, from, "ID", &gone, err) != 0 ||
	    live_business(st, into, "INTO-ID", &kept, err) != 0)
		goto out;
	if (strcmp(gone->id, kept->id) == 0) {
		error_set(err, ERR_INVALID, "INTO-ID", _("INTO-ID: a business cannot be merged "
		    "into itself"));
		goto out;
	}
	if (store_begin(st, err) != 0)
		goto out;
	if (store_business_records(st, gone->id, NULL, collect_record, &m, err) != 0)
		goto fail;
	for (i = 0; i < m.n; i++) {
		json_object_set_new(m.v[i]->fields, "business_id", json_string(kept->id));
		json_object_set_new(m.v[i]->fields, "business", json_string(record_label(kept)));
		if (store_record_save(st, m.v[i], author, err) != 0)
			goto fail;
	}
	gone->deleted = 1;
	json_object_set_new(gone->fields, "merged_into", json_string(kept->id));
	if (store_record_save(st, gone, author, err) != 0)
		goto fail;
	if (store_commit(st, err) != 0)
		goto out;
	if (moved != NULL)
		*moved = (long)m.n;
	rc = 0;
	goto out;
fail:
	store_rollback(st);
out:
	for (i = 0; i < m.n; i++)
		record_free(m.v[i]);
	free(m.v);
	record_free(gone);
	record_free(kept);
	return rc;
}
