/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * i18n.h: translations through gettext, and the language of the program: one of es, en,
 * ca, eu, gl.
 *
 * The language follows [ui] language in the config; "auto" follows the environment in
 * gettext's order: the first known language of the LANGUAGE list, else the first set of
 * LC_ALL, LC_MESSAGES, LANG ("eu_ES.UTF-8" gives eu); anything else is English. Messages
 * are written in English inside _(); po/<lang>.po holds each catalogue.
 *
 * Each language falls back along a chain that ends in Spanish for the co-official
 * languages: ca, eu and gl fall back to es, then English (the msgids); es to English.
 * gettext is told the chain through LANGUAGE ("eu:es"), unless the user's own LANGUAGE
 * list already names a known language and the config does not choose another one.
 */
#ifndef VOLUNTEER_I18N_H
#define VOLUNTEER_I18N_H

#include <libintl.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* A msgid with a context, only marked for xgettext (--keyword=NC_:1c,2): text that is
 * looked up later in another language's catalogue (core/catalog.h), not the session's. */
#define NC_(ctx, s) (s)

#define I18N_LANG_COUNT 5
#define I18N_CHAIN_MAX 3	/* "eu", "es", "en" */

/* The languages, in a stable order: es, en, ca, eu, gl. */
extern const char *const i18n_langs[I18N_LANG_COUNT];

/* Set the locale and the catalogue folder ($VOLUNTEER_LOCALEDIR, else beside the
 * program, else LOCALEDIR); config_language is "auto" or one of the five (NULL: auto).
 * Call once, early. */
void i18n_init(const char *config_language);
/* The session's language: "es", "en", "ca", "eu" or "gl". */
const char *i18n_lang(void);

/*
 * The language a locale name or code names: "es", "es_ES.UTF-8", "ca-ES", "eu.UTF-8",
 * "gl@euro" give "es", "ca", "eu", "gl"; "en..." gives "en". The code alone or before
 * '_', '-', '.', '@' or ':' (so the first entry of a list "ca:es"). NULL for anything else
 * (NULL, "", "C.UTF-8", "fr_FR", "est"). The result is one of i18n_langs. The one test every
 * front uses to name a language.
 */
const char *i18n_lang_of(const char *spec);
/* 1 when code is exactly one of the five codes ("es", not "es_ES"). */
int i18n_lang_known(const char *code);
/* The index of a known code in i18n_langs, or -1. */
int i18n_lang_index(const char *code);

/*
 * The fallback chain of lang into out (I18N_CHAIN_MAX entries), lang first, always ending
 * in "en": ca, eu, gl -> es -> en; es -> en; en alone. An unknown lang is English. Returns
 * the number of entries.
 */
size_t i18n_chain(const char *lang, const char *out[I18N_CHAIN_MAX]);

/*
 * The language "auto" picks from an environment, as i18n_init does; getenv_fn reads a
 * variable (getenv for the real one; tests pass their own). Returns one of the five.
 * *user_list (may be NULL) is set to 1 when the choice came from a LANGUAGE list that
 * names a known language: that list is the user's and is kept as it is.
 */
const char *i18n_pick(const char *config_language, const char *(*getenv_fn)(const char *),
    int *user_list);

/*
 * The one short date style of lang, for every screen, form and list: es, ca, gl
 * "01/12/2026", eu "2026/12/01", en the stored "2026-12-01". iso is "YYYY-MM-DD..."
 * (anything after the day is ignored); anything else is copied as it is (at most 10
 * bytes). out takes I18N_DATE_SHORT_LEN + 1 bytes. date_parse (core/clock.h) reads each
 * style back.
 */
#define I18N_DATE_SHORT_LEN 10
void i18n_date_short(const char *iso, const char *lang, char *out, size_t size);
/* A stored UTC time "2026-12-01T09:30:00Z" as the local time in lang's short style,
 * "01/12/2026 10:30"; anything else is copied as it is (at most 20 bytes). out takes
 * I18N_DATETIME_SHORT_LEN + 1 bytes. The one style of the screens and `show`. */
#define I18N_DATETIME_SHORT_LEN 20
void i18n_datetime_short(const char *iso, const char *lang, char *out, size_t size);
/*
 * A month "YYYY-MM" (anything after is ignored) as a chart's short label in lang: es
 * "nov 2026", en "Nov 2026", ca "nov. 2026", gl "nov. 2026", eu "2026 aza." (Basque puts
 * the year first, as in its dates). The abbreviations are each language's usual ones, kept
 * here beside the date styles rather than in the catalogues: they are conventions of the
 * language, like the decimal mark, not messages. Anything else is copied as it is (at
 * most 7 bytes). out takes I18N_MONTH_SHORT_LEN + 1 bytes.
 */
#define I18N_MONTH_SHORT_LEN 24
void i18n_month_short(const char *ym, const char *lang, char *out, size_t size);
/* The decimal mark of lang: ',' for es, ca, eu, gl; '.' for en. */
char i18n_decimal_mark(const char *lang);
/* A number written in C form ("2.5", "-0.25", "12") rewritten in place in lang's
 * convention ("2,5"). The one function the summaries, the figures and the forms use;
 * files always keep the '.'. */
void i18n_number_local(char *number, const char *lang);

/*
 * The answer to a yes/no question that key (a character) gives: 1 yes, 0 no, -1 neither.
 * letters is the language's "yes/no" pair, one character each side of the '/' ("s/n",
 * "b/e"; the translation of "y/n"); case does not matter, and y and n are always taken
 * as well. A pair that is not two characters around a '/' leaves y/n alone.
 */
int i18n_answer_of(const char *letters, unsigned key);

/* The folder of the catalogues i18n_init found (<dir>/<lang>/LC_MESSAGES/volunteer.mo). */
const char *i18n_catalogue_dir(void);

#endif
