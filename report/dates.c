/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dates.c: see dates.h. */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "report/dates.h"

static const char *const months_en[12] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December",
};
static const char *const months_es[12] = {
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
	"septiembre", "octubre", "noviembre", "diciembre",
};

int
dates_long(const char *iso, const char *lang, char *out, size_t size)
{
	char norm[DATE_LEN + 1];
	int y, m, d, n;

	if (size > 0)
		out[0] = '\0';
	/* Only the stored form: date_parse also takes 20/11/2026, which is not what is kept. */
	if (iso == NULL || strlen(iso) != DATE_LEN || date_parse(iso, norm) != 0 ||
	    strcmp(norm, iso) != 0 || sscanf(norm, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	if (i18n_is_spanish(lang))
		n = snprintf(out, size, "%d de %s de %d", d, months_es[m - 1], y);
	else
		n = snprintf(out, size, "%d %s %d", d, months_en[m - 1], y);
	if (n < 0 || (size_t)n >= size) {
		if (size > 0)
			out[0] = '\0';
		return -1;
	}
	return 0;
}

int
dates_duration(long minutes, char *out, size_t size)
{
	int n;

	if (size > 0)
		out[0] = '\0';
	if (minutes < 0)
		return -1;
	/* The same in Spanish and English: "h" and "min" are the international symbols. */
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
