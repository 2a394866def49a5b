/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dates.h: dates written out for a person in any of the five languages, whatever the
 * process locale ("20 de noviembre de 2026", "20 November 2026", "1 d'abril de 2026",
 * "2026ko azaroaren 20a", "20 de novembro de 2026"). strftime would follow LC_TIME, and a
 * summary printed in Basque from a Spanish session must still say "azaroaren".
 *
 * The words and the pattern are print strings of the catalogues (core/catalog.h): month
 * names in context "print: month", months with their preposition in "print: of month"
 * ("of April": "d'abril", "azaroaren"), and the pattern in "print: long date".
 */
#ifndef VOLUNTEER_DATES_H
#define VOLUNTEER_DATES_H

#include <stddef.h>

/*
 * The date iso ("YYYY-MM-DD", a real calendar day) written out in lang (one of the five;
 * anything else is English) into out. Returns 0, or -1 (out = "") when iso is not such a
 * date or out is too small (DATES_LONG_MAX bytes always suffice).
 */
#define DATES_LONG_MAX 96
int dates_long(const char *iso, const char *lang, char *out, size_t size);

/*
 * The pattern expanded: {day}, {month}, {of_month} and {year} replaced by the given
 * parts, {year_ko} by the year with its Basque suffix (2026ko, 2025eko), any other text
 * copied (an unknown {name} too). 0, or -1 (out = "") when out is
 * too small. dates_long's engine, apart for its tests.
 */
int dates_expand(const char *pattern, int day, const char *month, const char *of_month,
    int year, char *out, size_t size);

/* A duration in minutes as a person reads it: "45 min", "2 h", "1 h 15 min" (the same in
 * every language). 0, or -1 for a negative value or a small out (24 bytes suffice). */
int dates_duration(long minutes, char *out, size_t size);

#endif
