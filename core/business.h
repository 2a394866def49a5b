/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * business.h: the business registry's rules, for every front (the command line, the
 * screens, sync's import, the migration of older data).
 *
 * A business is a record of kind "business"; visits and tasks point at one by its id in
 * fields.business_id and keep its name in fields.business for readers of the files. Two
 * names are the same business when their keys (business_name_key) and their
 * municipalities (text_fold) are equal. A business merged into another is a tombstone
 * whose fields.merged_into names the survivor; every reader follows that pointer.
 */
#ifndef VOLUNTEER_BUSINESS_H
#define VOLUNTEER_BUSINESS_H

#include "core/clock.h"
#include "core/error.h"
#include "core/record.h"

struct store;

#define BUSINESS_MERGE_HOPS 16	/* a chain of merges longer than this is refused */

/*
 * The key two business names are compared by: text_fold (accents and case), then every
 * run of blanks and punctuation is one space, except '.' and '\'' which vanish, so
 * "Panadería Hnos. Ruiz", "panaderia hnos ruiz" and "PANADERIA  HNOS RUIZ" agree. The
 * punctuation beyond ASCII a name is typed with (¡ ¿ « » – “ ” … €) is punctuation too:
 * "Bar «La Plaza»" is "bar la plaza". "" for a name with no letter or digit (such as
 * "¡¡...!!"). Caller frees.
 */
char *business_name_key(const char *name);

/* The label a person reads for a field the program adds to records of the registry
 * (business_id, merged_into), in the session's language; NULL for any other key. */
const char *business_field_label(const char *key);

/* 1 for the kinds that point at a business (visit, task). */
int business_kind_links(const char *kind);

/*
 * The id the automatic link gives the business of key in municipality (folded) when none
 * exists yet: a UUIDv7 whose time is fixed (2026-12-01) and whose other bits come from
 * the two keys, so that two laptops linking the same old records make one business, not
 * two. out: UUID_LEN + 1 bytes.
 */
void business_auto_id(const char *key, const char *municipality, char *out);

/* A business record's own rule beyond its form: a name with a letter or a digit.
 * ERR_INVALID naming "name". */
int business_check(const struct record *b, struct error *err);

/*
 * The live business that id stands for, in out (UUID_LEN + 1 bytes): id itself, or the
 * survivor its merge tombstones point at. ERR_INVALID naming business_id when id is no
 * record here, not a business, or a business deleted without a survivor. *name_out
 * (optional) gets its name; caller frees.
 */
int business_resolve(struct store *st, const char *id, char *out, char **name_out,
    struct error *err);

/*
 * Link a visit or a task (other kinds: nothing to do) to its business, the rule of every
 * front: with business_id (not NULL, not ""), that business (resolved), whose name goes
 * into fields.business; else by fields.business within fields.municipality: the single
 * match, or a new business (author's, with the record's municipality and sector) when
 * none matches. ERR_INVALID naming "business" when the name has no letter or digit, or
 * when several businesses match: the message lists each (id, name, municipality) so that
 * the user can give business_id. An edit that keeps the linked business's name keeps the
 * link. Run it inside the transaction that saves r.
 */
int business_link(struct store *st, struct record *r, const char *business_id,
    const char *author, struct error *err);

/* business_link, with the business looked up (and made, when none matches) in
 * municipality instead of the record's (NULL: the record's). */
int business_link_in(struct store *st, struct record *r, const char *business_id,
    const char *municipality, const char *author, struct error *err);

/*
 * Save a record with the rules beyond its form, in one transaction, for every front (the
 * command line's add and edit, the screens' form): a business's own rule
 * (business_check), the link of a visit or a task (business_link_in, municipality as
 * there), then store_record_save. A business made for the record is not left behind when
 * the record cannot be saved.
 */
int business_save(struct store *st, struct record *r, const char *business_id,
    const char *municipality, const char *author, struct error *err);

/* 1 when saving a record named name in municipality would make a new business (the name
 * has a letter or a digit and no live business there has its key); 0 otherwise, and on a
 * read error (the save then reports it). The form asks where the new one is first. */
int business_name_is_new(struct store *st, const char *name, const char *municipality);

/*
 * Two records of one business become one, in one transaction: every visit and task of
 * `from` (any volunteer's) moves to `into` (business_id and name), and `from` becomes a
 * tombstone whose fields.merged_into is `into`; its fields stay in it. Both must be live
 * businesses and differ: ERR_INVALID naming "ID" or "INTO-ID" otherwise. *moved (optional)
 * gets the number of records moved.
 */
int business_merge(struct store *st, const char *from, const char *into, const char *author,
    long *moved, struct error *err);

#endif
