/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strmap.c: see strmap.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/util.h"

struct entry {
	char *key;		/* NULL: an empty slot (keys are never removed) */
	uint32_t hash;
	void *value;
};

struct strmap {
	struct entry *slots;
	size_t cap;		/* a power of two */
	size_t n;
	void (*free_value)(void *);
};

/* The slot of key: its own, or the empty one where it would go. */
static struct entry *
find(const struct strmap *m, const char *key, uint32_t h)
{
	size_t mask = m->cap - 1, i = h & mask;

	while (m->slots[i].key != NULL &&
	    (m->slots[i].hash != h || strcmp(m->slots[i].key, key) != 0))
		i = (i + 1) & mask;
	return &m->slots[i];
}

static void
grow(struct strmap *m)
{
	struct entry *old = m->slots, *e;
	size_t i, oldcap = m->cap;

	if (oldcap > (size_t)-1 / 2 / sizeof *old)
		util_out_of_memory();
	m->cap = oldcap * 2;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL) {
			e = find(m, old[i].key, old[i].hash);
			*e = old[i];
		}
	free(old);
}

struct strmap *
strmap_new(void (*free_value)(void *))
{
	struct strmap *m = xcalloc(1, sizeof *m);

	m->cap = 16;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	m->free_value = free_value;
	return m;
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->cap; i++)
		if (m->slots[i].key != NULL) {
			free(m->slots[i].key);
			if (m->free_value != NULL)
				m->free_value(m->slots[i].value);
		}
	free(m->slots);
	free(m);
}

size_t
strmap_size(const struct strmap *m)
{
	return m->n;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	return find(m, key, util_hash(key))->value;
}

void **
strmap_slot(struct strmap *m, const char *key, int *added)
{
	uint32_t h = util_hash(key);
	struct entry *e = find(m, key, h);

	if (added != NULL)
		*added = e->key == NULL;
	if (e->key != NULL)
		return &e->value;
	if (2 * (m->n + 1) > m->cap) {
		grow(m);
		e = find(m, key, h);
	}
	e->key = xstrdup(key);
	e->hash = h;
	e->value = NULL;
	m->n++;
	return &e->value;
}

int
strmap_next(const struct strmap *m, size_t *pos, const char **key, void **value)
{
	while (*pos < m->cap) {
		const struct entry *e = &m->slots[(*pos)++];
		if (e->key != NULL) {
			*key = e->key;
			*value = e->value;
			return 1;
		}
	}
	return 0;
}
