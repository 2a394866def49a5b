/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dates.h: dates written for a person in Spanish or English, whatever the process locale
 * ("20 de noviembre de 2026", "20 November 2026"). strftime would follow LC_TIME, and a
 * summary printed in Spanish from an English session must still say "noviembre".
 */
#ifndef VOLUNTEER_DATES_H
#define VOLUNTEER_DATES_H

#include <stddef.h>

/*
 * The date iso ("YYYY-MM-DD", a real calendar day) written out in lang ("es", anything
 * else is English) into out. Returns 0, or -1 (out = "") when iso is not such a date or
 * out is too small (40 bytes always suffice).
 */
int dates_long(const char *iso, const char *lang, char *out, size_t size);

/* A duration in minutes as a person reads it: "45 min", "2 h", "1 h 15 min" (the same in
 * both languages). 0, or -1 for a negative value or a small out (24 bytes suffice). */
int dates_duration(long minutes, char *out, size_t size);

#endif
