/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog.h: text in a language chosen at run time, read from the same gettext
 * catalogues as the session's messages (<catalogue dir>/<lang>/LC_MESSAGES/volunteer.mo).
 *
 * Why not gettext: a summary is printed in the business's language, which may differ from
 * the session's (a Basque bakery's summary from a Spanish session), and switching
 * gettext's locale in the middle of a run would change every other message too. So the
 * printed words are ordinary msgids with a context (NC_("print", "Visit summary") in the
 * source, so xgettext finds them), translated in po/<lang>.po like any other message,
 * and looked up here in the catalogue of the language asked for.
 *
 * The .mo file is read by this module (format: GNU gettext manual, "The Format of GNU MO
 * Files"): either byte order, the sorted table of originals searched by bisection. Every
 * offset and length is checked against the file: a damaged catalogue never crashes, it
 * just yields the msgid. One catalogue per language is kept for the run.
 */
#ifndef VOLUNTEER_CATALOG_H
#define VOLUNTEER_CATALOG_H

#include <stddef.h>

#define CATALOG_MAX_BYTES (16u << 20)	/* ours is ~60 KB: a bigger file is not ours */

struct catalog;

/* The catalogue in the .mo file at path, or NULL when it is missing, unreadable, larger
 * than CATALOG_MAX_BYTES or not a .mo (magic, revision, tables outside the file). */
struct catalog *catalog_open(const char *path);
void catalog_free(struct catalog *c);
/* The translation of msgid in context ctx (NULL: none) in c, or NULL when c has none (an
 * entry that is damaged or empty counts as none). Borrowed from c. */
const char *catalog_lookup(const struct catalog *c, const char *ctx, const char *msgid);

/*
 * msgid in context ctx in lang, along lang's fallback chain (i18n_chain: gl -> es -> the
 * msgid, which is English). Never NULL; borrowed for the run. The catalogue of each
 * language is read once, from i18n_catalogue_dir() or the folder given to catalog_use_dir.
 */
const char *catalog_text(const char *lang, const char *ctx, const char *msgid);
/* catalog_text with its msgid marked for xgettext (the pot target's --keyword=CT_:2c,3). */
#define CT_(lang, ctx, s) catalog_text((lang), ctx, s)
/* Read catalogues from dir from now on (NULL: i18n_catalogue_dir()); forgets the cached
 * ones. For tests and for a front that moves the catalogues. */
void catalog_use_dir(const char *dir);

#endif
