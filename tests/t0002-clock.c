/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates, times and UUIDv7 ids. */
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "tests/tap.h"

int
main(void)
{
	char out[64], a[UUID_LEN + 1], b[UUID_LEN + 1], now[ISO_TIME_LEN + 1];
	int i, ordered = 1;

	ok(date_parse("2026-11-20", out) == 0, "ISO date accepted");
	is_str(out, "2026-11-20", "ISO date kept");
	ok(date_parse("20/11/2026", out) == 0, "day/month/year accepted");
	is_str(out, "2026-11-20", "day/month/year normalised");
	ok(date_parse("2026-02-30", out) != 0, "2026-02-30 rejected");
	ok(date_parse("2028-02-29", out) == 0, "29 February of a leap year accepted");
	ok(date_parse("2100-02-29", out) != 0, "2100 is not a leap year");
	ok(date_parse("2026-13-01", out) != 0, "month 13 rejected");
	ok(date_parse("2026-1-01", out) != 0, "short month rejected");
	ok(date_parse("abc", out) != 0, "text rejected");
	ok(time_of_day_parse("09:30", out) == 0 && strcmp(out, "09:30") == 0, "09:30 ok");
	ok(time_of_day_parse("9:30", out) == 0 && strcmp(out, "09:30") == 0, "9:30 padded");
	ok(time_of_day_parse("24:00", out) != 0, "24:00 rejected");

	uuid_v7(a);
	ok(uuid_valid(a), "uuid_v7 makes a valid UUID");
	is_int(a[14], '7', "version nibble is 7");
	ok(strchr("89ab", a[19]) != NULL, "variant bits are RFC 4122");
	for (i = 0; i < 1000; i++) {
		uuid_v7(b);
		if (strcmp(a, b) >= 0)
			ordered = 0;
		memcpy(a, b, sizeof a);
	}
	ok(ordered, "ids made in a row sort in order");
	clock_now_iso(now);
	ok(iso_time_valid(now), "now is a valid ISO time");
	ok(uuid_v7_day_path(a, out) == 0 && strncmp(out, now, 4) == 0 && out[4] == '/',
	    "the id's day path starts with this year");
	ok(uuid_v7_day_path("01234567-89ab-4def-8123-456789abcdef", out) != 0,
	    "a UUIDv4 has no day path");
	ok(!uuid_valid("../../etc/passwd-aaaa-bbbb-cccc-dddd"), "a path is not a UUID");
	ok(!iso_time_valid("2026-11-20T25:00:00Z"), "hour 25 rejected");
	ok(iso_time_valid("2028-02-29T23:59:59Z"), "29 February of a leap year");
	ok(!iso_time_valid("20-11-2026T10:00:00Z"), "day first is not ISO 8601");
	ok(!iso_time_valid("20/11/2026T10:00:00Z"), "a slashed date is not ISO 8601");
	ok(!iso_time_valid("2026-02-29T10:00:00Z"), "29 February of a common year");
	ok(!iso_time_valid("2026-11-20T10:00:60Z"), "second 60 rejected");
	ok(!iso_time_valid("2026-11-20T10:60:00Z"), "minute 60 rejected");
	ok(!iso_time_valid("2026-11-20 10:00:00Z"), "a space for T rejected");
	ok(!iso_time_valid("2026-11-20T1a:00:00Z"), "a letter in the hour rejected");
	return done_testing();
}
