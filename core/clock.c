/* SPDX-License-Identifier: GPL-3.0-or-later */
/* clock.c: see clock.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/time.h>

#include "core/clock.h"
#include "core/i18n.h"

#ifndef VOLUNTEER_BUILD_DATE
#define VOLUNTEER_BUILD_DATE "2026-12-01"
#endif

const char clock_build_date[] = VOLUNTEER_BUILD_DATE;

int
clock_check_now(const char *not_before, long slack, struct error *err)
{
	time_t t = time(NULL);
	struct tm tm;
	char now[64], later[64];

	if (gmtime_r(&t, &tm) == NULL)
		return error_set(err, ERR_FAILED, "", "%s", _("the computer's clock cannot be "
		    "read; set the date and time, then save again"));
	strftime(now, sizeof now, "%Y-%m-%d %H:%M", &tm);
	if (tm.tm_year + 1900 < 1000 || strncmp(now, clock_build_date, DATE_LEN) < 0)
		return error_set(err, ERR_FAILED, "", _("the computer's clock says %s, before "
		    "this program was even made (%s); set the date and time, then save again"),
		    now, clock_build_date);
	t += slack;
	if (not_before != NULL && gmtime_r(&t, &tm) != NULL) {
		strftime(later, sizeof later, "%Y-%m-%dT%H:%M:%SZ", &tm);
		if (strcmp(later, not_before) < 0)
			return error_set(err, ERR_FAILED, "", _("the computer's clock says %s, "
			    "earlier than the newest record saved on this laptop (%.10s %.5s); "
			    "set the date and time, then save again"), now, not_before,
			    not_before + 11);
	}
	return 0;
}

void
clock_now_iso(char *buf)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, ISO_TIME_LEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
clock_today(char *buf)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, DATE_LEN + 1, "%Y-%m-%d", &tm);
}

static void
random_bytes(unsigned char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	/* getrandom does not fail on Linux ≥ 3.17 once seeded; this only guards odd kernels. */
	for (; got < n; got++)
		buf[got] = (unsigned char)(rand() ^ (int)time(NULL));
}

void
uuid_v7(char *out)
{
	static uint64_t last_ms;
	static unsigned counter;
	unsigned char b[16];
	struct timeval tv;
	uint64_t ms;
	int i;

	gettimeofday(&tv, NULL);
	ms = (uint64_t)tv.tv_sec * 1000 + (uint64_t)tv.tv_usec / 1000;
	random_bytes(b, sizeof b);
	/* Ids made in the same millisecond by this process still sort in order. */
	if (ms <= last_ms) {
		ms = last_ms;
		counter++;
	} else
		counter = ((unsigned)b[6] << 4 | b[7] >> 4) & 0x1ff;
	last_ms = ms;
	for (i = 0; i < 6; i++)
		b[i] = (unsigned char)(ms >> (40 - 8 * i));
	b[6] = (unsigned char)(0x70 | ((counter >> 8) & 0x0f));
	b[7] = (unsigned char)(counter & 0xff);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, UUID_LEN + 1,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
	    b[12], b[13], b[14], b[15]);
}

int
uuid_valid(const char *s)
{
	int i;

	if (s == NULL || strlen(s) != UUID_LEN)
		return 0;
	for (i = 0; i < UUID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	}
	return 1;
}

int64_t
uuid_v7_ms(const char *s)
{
	int64_t ms = 0;
	int i, digits = 0;

	if (!uuid_valid(s) || s[14] != '7')
		return -1;
	for (i = 0; digits < 12; i++) {
		if (s[i] == '-')
			continue;
		ms = ms * 16 + (s[i] <= '9' ? s[i] - '0' : s[i] - 'a' + 10);
		digits++;
	}
	return ms;
}

int
uuid_v7_day_path(const char *s, char *out)
{
	int64_t ms = uuid_v7_ms(s);
	time_t t;
	struct tm tm;

	if (ms < 0)
		return -1;
	t = (time_t)(ms / 1000);
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999)
		return -1;
	strftime(out, 11, "%Y/%m/%d", &tm);
	return 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int
all_digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int
date_parse(const char *s, char *out)
{
	int y, m, d;

	if (s == NULL)
		return -1;
	/* 2026-11-20 as stored, 2026/11/20 as Basque writes it (i18n_date_short). */
	if (strlen(s) == 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] && all_digits(s, 4) &&
	    all_digits(s + 5, 2) && all_digits(s + 8, 2)) {
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[5] - '0') * 10 + (s[6] - '0');
		d = (s[8] - '0') * 10 + (s[9] - '0');
	} else if (strlen(s) == 10 && (s[2] == '/' || s[2] == '-') && s[5] == s[2] &&
	    all_digits(s, 2) && all_digits(s + 3, 2) && all_digits(s + 6, 4)) {
		d = (s[0] - '0') * 10 + (s[1] - '0');
		m = (s[3] - '0') * 10 + (s[4] - '0');
		y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	} else
		return -1;
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	if (out != NULL)
		snprintf(out, DATE_LEN + 1, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return 0;
}

int
time_of_day_parse(const char *s, char *out)
{
	int h, m;

	if (s == NULL)
		return -1;
	/* 17:00, or 17.00 as many write it in Spain. */
	if (strlen(s) == 5 && (s[2] == ':' || s[2] == '.') && all_digits(s, 2) &&
	    all_digits(s + 3, 2)) {
		h = (s[0] - '0') * 10 + (s[1] - '0');
		m = (s[3] - '0') * 10 + (s[4] - '0');
	} else if (strlen(s) == 4 && (s[1] == ':' || s[1] == '.') && all_digits(s, 1) &&
	    all_digits(s + 2, 2)) {
		h = s[0] - '0';
		m = (s[2] - '0') * 10 + (s[3] - '0');
	} else
		return -1;
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	if (out != NULL)
		snprintf(out, 6, "%02d:%02d", h % 100, m % 100);
	return 0;
}

/*
 * Only the one form clock_now_iso writes: a file is read by every laptop and by the
 * reports' --from/--to, which compare the text; "20-11-2026T10:00:00Z" would pass a
 * person's date parser and then sort as the year 20.
 */
int
iso_time_valid(const char *s)
{
	int y, m, d;

	if (s == NULL || strlen(s) != ISO_TIME_LEN || s[4] != '-' || s[7] != '-' ||
	    s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return 0;
	if (!all_digits(s, 4) || !all_digits(s + 5, 2) || !all_digits(s + 8, 2) ||
	    !all_digits(s + 11, 2) || !all_digits(s + 14, 2) || !all_digits(s + 17, 2))
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 0;
	return (s[11] - '0') * 10 + (s[12] - '0') < 24 && (s[14] - '0') * 10 + (s[15] - '0') < 60 &&
	    (s[17] - '0') * 10 + (s[18] - '0') < 60;
}
