/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_dates.c: dates and times in every accepted format. What date_parse and
 * time_of_day_parse accept normalises to a form they take back unchanged; what
 * iso_time_valid accepts is "YYYY-MM-DDTHH:MM:SSZ" whose date and time parse as such. */
#include <string.h>

#include "core/clock.h"
#include "tests/fuzz/fuzz.h"

FUZZ_TARGET(dates)
{
	char *s, out[DATE_LEN + 1], again[DATE_LEN + 1], hm[6], hm2[6], part[11];

	if (size > 64)
		return 0;
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	memset(out, 0, sizeof out);
	if (date_parse(s, out) == 0) {
		FUZZ_CHECK(strlen(out) == DATE_LEN);
		FUZZ_CHECK(date_parse(out, again) == 0 && strcmp(out, again) == 0);
	}
	memset(hm, 0, sizeof hm);
	if (time_of_day_parse(s, hm) == 0) {
		FUZZ_CHECK(strlen(hm) == 5);
		FUZZ_CHECK(time_of_day_parse(hm, hm2) == 0 && strcmp(hm, hm2) == 0);
	}
	if (iso_time_valid(s)) {
		FUZZ_CHECK(strlen(s) == ISO_TIME_LEN && s[10] == 'T' && s[19] == 'Z');
		memcpy(part, s, DATE_LEN);
		part[DATE_LEN] = '\0';
		FUZZ_CHECK(date_parse(part, out) == 0 && strcmp(part, out) == 0);
		memcpy(part, s + 11, 5);
		part[5] = '\0';
		FUZZ_CHECK(time_of_day_parse(part, hm) == 0 && strcmp(part, hm) == 0);
		/* Seconds up to 60: a leap second. */
		FUZZ_CHECK(s[16] == ':' && s[17] >= '0' && s[17] <= '6' && s[18] >= '0' &&
		    s[18] <= '9' && (s[17] - '0') * 10 + (s[18] - '0') <= 60);
	}
	free(s);
	return 0;
}
