/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * strmap.h: a table from strings to values, for the reports' counts by municipality,
 * month, topic and sector.
 *
 * The map owns a copy of each key, and each value once it is stored in a slot: strmap_free
 * frees the values with the free_value given to strmap_new (NULL: the values are not the
 * map's). Values are void pointers; NULL is a value like any other, told from a missing
 * key by strmap_slot's added. Lookups cost one hash of the key (FNV-1a) and, on average,
 * under two compares (open addressing, at most half full). The order of strmap_next is the
 * table's, not the insertion's: callers that show the keys sort them. Allocation never
 * fails (core/util.h).
 */
#ifndef VOLUNTEER_STRMAP_H
#define VOLUNTEER_STRMAP_H

#include <stddef.h>

struct strmap;

struct strmap *strmap_new(void (*free_value)(void *));
/* Free the map, its keys and (with free_value) its values. NULL: nothing. */
void strmap_free(struct strmap *m);
size_t strmap_size(const struct strmap *m);
/* The value of key, NULL when the key is missing (or its value is NULL). */
void *strmap_get(const struct strmap *m, const char *key);
/*
 * The slot of key's value, added (its value NULL, *added 1) when the key was missing, else
 * *added 0 (added may be NULL). The pointer stays valid until the next key is added.
 */
void **strmap_slot(struct strmap *m, const char *key, int *added);
/*
 * Walk the map: *pos starts at 0; each call gives one key and its value (value may be
 * NULL) and returns 1, then 0 when every key has been given. Adding keys during a walk
 * restarts nothing and may skip or repeat keys: do not.
 */
int strmap_next(const struct strmap *m, size_t *pos, const char **key, void **value);

#endif
