/* SPDX-License-Identifier: GPL-3.0-or-later */
/* catalog.c: see catalog.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/util.h"

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u
#define MO_HEADER_BYTES 28		/* magic, revision, N, O, T, hash size, hash offset */

struct catalog {
	unsigned char *data;
	size_t size;
	int swapped;
	uint32_t n, originals, translations;
};

static uint32_t
word_at(const struct catalog *c, size_t off)
{
	const unsigned char *p = c->data + off;

	if (c->swapped)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* The string of entry i of the table at table (originals or translations), NUL
 * terminated inside the file, or NULL when its descriptor points outside. */
static const char *
string_at(const struct catalog *c, uint32_t table, uint32_t i)
{
	uint64_t desc = (uint64_t)table + (uint64_t)i * 8, len, off;

	if (desc + 8 > c->size)
		return NULL;
	len = word_at(c, (size_t)desc);
	off = word_at(c, (size_t)desc + 4);
	if (off + len >= c->size || c->data[off + len] != '\0')
		return NULL;
	return (const char *)c->data + off;
}

static unsigned char *
read_whole(const char *path, size_t *size)
{
	unsigned char *data = NULL, *grown;
	size_t len = 0, cap = 0, got;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (len == cap) {
			if (cap >= CATALOG_MAX_BYTES)
				goto fail;
			cap = cap ? cap * 2 : 65536;
			grown = xrealloc(data, cap);
			data = grown;
		}
		got = fread(data + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f) || len > CATALOG_MAX_BYTES)
		goto fail;
	fclose(f);
	*size = len;
	return data;
fail:
	fclose(f);
	free(data);
	return NULL;
}

struct catalog *
catalog_open(const char *path)
{
	struct catalog *c = xcalloc(1, sizeof *c);
	uint32_t magic;

	if (path == NULL || (c->data = read_whole(path, &c->size)) == NULL ||
	    c->size < MO_HEADER_BYTES)
		goto fail;
	magic = (uint32_t)c->data[0] | (uint32_t)c->data[1] << 8 |
	    (uint32_t)c->data[2] << 16 | (uint32_t)c->data[3] << 24;
	if (magic == MO_MAGIC_SWAPPED)
		c->swapped = 1;
	else if (magic != MO_MAGIC)
		goto fail;
	/* Major revisions 0 and 1 share the tables read here. */
	if ((word_at(c, 4) >> 16) > 1)
		goto fail;
	c->n = word_at(c, 8);
	c->originals = word_at(c, 12);
	c->translations = word_at(c, 16);
	if ((uint64_t)c->originals + (uint64_t)c->n * 8 > c->size ||
	    (uint64_t)c->translations + (uint64_t)c->n * 8 > c->size)
		goto fail;
	return c;
fail:
	catalog_free(c);
	return NULL;
}

void
catalog_free(struct catalog *c)
{
	if (c == NULL)
		return;
	free(c->data);
	free(c);
}

const char *
catalog_lookup(const struct catalog *c, const char *ctx, const char *msgid)
{
	char small[256], *key = small;
	const char *orig, *found = NULL;
	uint32_t lo = 0, hi, mid;
	size_t need;
	int cmp;

	if (c == NULL || msgid == NULL)
		return NULL;
	/* gettext keys an entry with a context as "context\004msgid". */
	need = (ctx != NULL ? strlen(ctx) + 1 : 0) + strlen(msgid) + 1;
	if (need > sizeof small)
		key = xmalloc(need);
	if (ctx != NULL)
		snprintf(key, need, "%s\004%s", ctx, msgid);
	else
		memcpy(key, msgid, need);
	hi = c->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		/* A damaged entry ends the search: the msgid is the answer then. */
		if ((orig = string_at(c, c->originals, mid)) == NULL)
			break;
		cmp = strcmp(key, orig);
		if (cmp == 0) {
			found = string_at(c, c->translations, mid);
			break;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (key != small)
		free(key);
	return found != NULL && *found != '\0' ? found : NULL;
}

/* ---- one catalogue per language for the run ---- */

static struct {
	struct catalog *cat;
	int tried;
} cache[I18N_LANG_COUNT];
static char *dir_override;

void
catalog_use_dir(const char *dir)
{
	size_t i;

	for (i = 0; i < I18N_LANG_COUNT; i++) {
		catalog_free(cache[i].cat);
		cache[i].cat = NULL;
		cache[i].tried = 0;
	}
	free(dir_override);
	dir_override = dir != NULL ? xstrdup(dir) : NULL;
}

static const struct catalog *
catalog_of(const char *lang)
{
	int i = i18n_lang_index(lang);
	char *path;

	if (i < 0)
		return NULL;
	if (!cache[i].tried) {
		cache[i].tried = 1;
		path = xasprintf("%s/%s/LC_MESSAGES/volunteer.mo",
		    dir_override != NULL ? dir_override : i18n_catalogue_dir(), lang);
		cache[i].cat = catalog_open(path);
		free(path);
	}
	return cache[i].cat;
}

const char *
catalog_text(const char *lang, const char *ctx, const char *msgid)
{
	const char *chain[I18N_CHAIN_MAX], *t;
	size_t i, n = i18n_chain(lang, chain);

	for (i = 0; i < n; i++) {
		/* English is the msgids themselves. */
		if (strcmp(chain[i], "en") == 0)
			break;
		if ((t = catalog_lookup(catalog_of(chain[i]), ctx, msgid)) != NULL)
			return t;
	}
	return msgid;
}
