/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * clock.h: time and identifiers. All stored times are UTC, ISO 8601, to the second
 * ("2026-11-20T10:42:07Z"); dates are "YYYY-MM-DD"; ids are UUIDv7 in lower-case text.
 */
#ifndef VOLUNTEER_CLOCK_H
#define VOLUNTEER_CLOCK_H

#include <stdint.h>
#include <time.h>

#include "core/error.h"

#define UUID_LEN 36
#define ISO_TIME_LEN 20
#define DATE_LEN 10

/* Now, UTC: "2026-11-20T10:42:07Z" into buf (at least 21 bytes). */
void clock_now_iso(char *buf);
/* Today in local time: "2026-11-20" into buf (at least 11 bytes). */
void clock_today(char *buf);
/* The day the program was built, "YYYY-MM-DD": no real clock can be earlier. */
extern const char clock_build_date[];
/*
 * Is the computer's clock fit to date a new record? 0 when now is not earlier than the
 * build date nor, by more than slack seconds, than not_before (an ISO time, e.g. the newest
 * write of this laptop; NULL: none). Otherwise -1 and ERR_FAILED with a message that says
 * what the clock says and asks to set it.
 */
int clock_check_now(const char *not_before, long slack, struct error *err);
/* A new UUIDv7 (time-ordered) into out (at least 37 bytes). */
void uuid_v7(char *out);
/* 1 when s is a UUID in lower-case canonical text (any version). */
int uuid_valid(const char *s);
/* The Unix time in milliseconds carried by a UUIDv7; -1 if s is not one. */
int64_t uuid_v7_ms(const char *s);
/* "yyyy/mm/dd" of a UUIDv7's time, UTC, into out (at least 11 bytes); -1 if not a UUIDv7. */
int uuid_v7_day_path(const char *s, char *out);

/*
 * Parse a date typed by a person: "2026-11-20", "2026/11/20" or "20/11/2026" (also
 * "20-11-2026"): every short style of i18n_date_short.
 * Checks the calendar (no 2026-02-30). Writes "YYYY-MM-DD" to out (11 bytes); -1 if bad.
 */
int date_parse(const char *s, char *out);
/* "HH:MM" (also "H:MM", "HH.MM", "H.MM"), 00:00 to 23:59, written "HH:MM"; -1 if bad. */
int time_of_day_parse(const char *s, char *out);
/*
 * 1 when s is an ISO 8601 UTC time exactly as clock_now_iso writes it,
 * "YYYY-MM-DDTHH:MM:SSZ", with a real calendar date and time of day; no other form.
 */
int iso_time_valid(const char *s);

#endif
