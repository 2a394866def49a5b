/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dates.c: see dates.h. */
#include <stdio.h>
#include <string.h>

#include "core/catalog.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "report/dates.h"

/* Marked for xgettext only: the catalogue gives each language's words (catalog_text). */
static const char *const months[12] = {
	NC_("print: month", "January"), NC_("print: month", "February"),
	NC_("print: month", "March"), NC_("print: month", "April"),
	NC_("print: month", "May"), NC_("print: month", "June"),
	NC_("print: month", "July"), NC_("print: month", "August"),
	NC_("print: month", "September"), NC_("print: month", "October"),
	NC_("print: month", "November"), NC_("print: month", "December"),
};
/* TRANSLATORS: the month as it stands in a long date after the day, with its preposition
 * or case: Spanish "de noviembre", Catalan "de novembre" but "d'abril" before a vowel,
 * Basque the genitive "azaroaren". English does not use these (its pattern has {month}). */
static const char *const of_months[12] = {
	NC_("print: of month", "of January"), NC_("print: of month", "of February"),
	NC_("print: of month", "of March"), NC_("print: of month", "of April"),
	NC_("print: of month", "of May"), NC_("print: of month", "of June"),
	NC_("print: of month", "of July"), NC_("print: of month", "of August"),
	NC_("print: of month", "of September"), NC_("print: of month", "of October"),
	NC_("print: of month", "of November"), NC_("print: of month", "of December"),
};

/*
 * Basque writes the year with -ko after a vowel and -eko after a consonant, as the number
 * is read: 2026ko (sei), 2025eko (bost), 2021eko (bat), 2030eko (hogeita hamar), 2011ko
 * (hamaika). The consonant endings are bat (1), bost (5) and hamar (10, 30, 50, 70, 90).
 */
static int
basque_eko(int year)
{
	int n = year % 100;

	return (n % 10 == 1 && n != 11) || n % 10 == 5 || (n % 20 == 10);
}

int
dates_expand(const char *pattern, int day, const char *month, const char *of_month,
    int year, char *out, size_t size)
{
	static const char *const names[] = { "{day}", "{month}", "{of_month}", "{year}",
		"{year_ko}" };
	char num[16];
	const char *p = pattern, *part;
	size_t used = 0, len, i;

	if (size == 0)
		return -1;
	out[0] = '\0';
	while (*p != '\0') {
		part = NULL;
		len = 1;
		for (i = 0; *p == '{' && i < sizeof names / sizeof names[0]; i++) {
			if (strncmp(p, names[i], strlen(names[i])) != 0)
				continue;
			len = strlen(names[i]);
			if (i == 0 || i == 3) {
				snprintf(num, sizeof num, "%d", i == 0 ? day : year);
				part = num;
			} else if (i == 4) {
				snprintf(num, sizeof num, "%d%s", year, basque_eko(year) ? "eko" :
				    "ko");
				part = num;
			} else
				part = i == 1 ? month : of_month;
			break;
		}
		if (part == NULL) {
			part = p;
			len = 1;
		} else {
			p += len;
			len = strlen(part);
			if (used + len >= size)
				goto small;
			memcpy(out + used, part, len);
			used += len;
			continue;
		}
		if (used + 1 >= size)
			goto small;
		out[used++] = *p++;
	}
	out[used] = '\0';
	return 0;
small:
	out[0] = '\0';
	return -1;
}

int
dates_long(const char *iso, const char *lang, char *out, size_t size)
{
	char norm[DATE_LEN + 1];
	int y, m, d;

	if (size > 0)
		out[0] = '\0';
	/* Only the stored form: date_parse also takes 20/11/2026, which is not what is kept. */
	if (iso == NULL || strlen(iso) != DATE_LEN || date_parse(iso, norm) != 0 ||
	    strcmp(norm, iso) != 0 || sscanf(norm, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	/* TRANSLATORS: a long date on a printed summary. Keep the names in braces as they
	 * are and put them in your language's order: {day} (20), {year} (2026), {month}
	 * (the month's name, context "print: month"), {of_month} (the month with its
	 * preposition or case, context "print: of month") and {year_ko} (the year with the
	 * Basque -ko/-eko: 2026ko, 2025eko). Spanish: "{day} {of_month} de {year}"; Basque:
	 * "{year_ko} {of_month} {day}a". */
	return dates_expand(CT_(lang, "print: long date", "{day} {month} {year}"), d,
	    catalog_text(lang, "print: month", months[m - 1]),
	    catalog_text(lang, "print: of month", of_months[m - 1]), y, out, size);
}

int
dates_duration(long minutes, char *out, size_t size)
{
	int n;

	if (size > 0)
		out[0] = '\0';
	if (minutes < 0)
		return -1;
	/* The same in every language: "h" and "min" are the international symbols. */
	if (minutes < 60)
		n = snprintf(out, size, "%ld min", minutes);
	else if (minutes % 60 == 0)
		n = snprintf(out, size, "%ld h", minutes / 60);
	else
		n = snprintf(out, size, "%ld h %ld min", minutes / 60, minutes % 60);
	if (n < 0 || (size_t)n >= size) {
		if (size > 0)
			out[0] = '\0';
		return -1;
	}
	return 0;
}
