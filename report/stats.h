/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats.h: the programme's figures, per municipality, per volunteer or per month, for
 * `volunteer report` and for the review screen.
 *
 * What each figure counts (records that match the filter; tombstones never):
 * - visits, workshops: records of that kind;
 * - businesses (helped): distinct businesses of visits and tasks: by business_id (one business
 *   however its records spell it); a record not linked to a business yet by its name,
 *   compared after trimming, collapsing inner blanks to one space and folding case
 *   (ASCII and Latin letters: "Bar  la Plaza " = "BAR LA PLAZA").
 *   The total counts each business once even when it shows up in several groups;
 * - businesses_visited, businesses_web: the same count over visits only (businesses
 *   visited) and over tasks only (businesses with website or social-media work);
 * - tasks_done: tasks with status done; tasks_open: status todo, in_progress or blocked
 *   (a task with no status is open: todo is the form's default);
 * - attendees, attendees_65plus, women: sums over workshops; the shares are per cent of
 *   attendees (none when there are no attendees);
 * - hours: visit and workshop duration_min, in hours, plus task hours;
 * - follow_ups_due: visits whose follow_up is set and falls on or before the report's
 *   due_by day (today, or the end of the filter's range when it has one), so that a report
 *   on a past period shows what had come due by its end.
 * Values that are absent or not numbers (an untrusted file) add nothing.
 */
#ifndef VOLUNTEER_STATS_H
#define VOLUNTEER_STATS_H

#include <stddef.h>

#include "core/clock.h"
#include "core/error.h"
#include "core/store.h"

struct store_report_row;

enum report_by {
	REPORT_BY_NONE,		/* one group: the total only */
	REPORT_BY_MUNICIPALITY,
	REPORT_BY_VOLUNTEER,
	REPORT_BY_MONTH,
	REPORT_BY_SECTOR,	/* the business's sector (a choice code; "" for none) */
};

struct report_group {
	/* What the group is: the municipality as most records write it, the volunteer's
	 * id, or "YYYY-MM"; "" for records that have none. Raw text from records:
	 * sanitise before it reaches a terminal. */
	char *key;
	long visits, businesses, tasks_done, tasks_open, workshops;
	long businesses_visited, businesses_web;
	long attendees, attendees_65plus, women;
	long minutes;		/* visit and workshop durations */
	double task_hours;
	long follow_ups_due;
};

struct report {
	enum report_by by;
	char due_by[DATE_LEN + 1];
	struct report_group *groups;	/* sorted: municipalities alphabetically (accents
					 * ignored), volunteers by id, months in order */
	size_t ngroups;
	struct report_group total;	/* key "" */
};

/*
 * The figures of the records that match f (its paging fields and include_deleted are
 * ignored), grouped by `by`. due_by is the day follow-ups are due by ("YYYY-MM-DD"); NULL
 * means f->to when set, else today. Free with report_free.
 */
int report_by(struct store *st, const struct record_filter *f, enum report_by by,
    const char *due_by, struct report **out, struct error *err);
void report_free(struct report *rep);
/*
 * The reports by bys[0..n-1] in one pass over the records (the programme report wants
 * three groupings at the cost of one): outs[i] is exactly what report_by(st, f, bys[i],
 * due_by) gives. hook (may be NULL) sees every row as well, with the wide row of
 * store_report_scan_wide (core/store_report.h); a non-zero return stops the pass (the
 * reports then cover the rows seen). Free each with report_free.
 */
int report_by_several(struct store *st, const struct record_filter *f,
    const enum report_by *bys, size_t n, const char *due_by,
    int (*hook)(const struct store_report_row *row, void *payload), void *payload,
    struct report **outs, struct error *err);

/* "municipality", "volunteer", "month", "sector" (or "none") to enum report_by; -1 when
 * unknown. */
int report_by_parse(const char *s, enum report_by *out);
const char *report_by_name(enum report_by by);
/* A group's key as a person reads it in the session's language: a sector's label from
 * the business form ("Alimentación y bebidas" for food_drink); other keys as they are.
 * Borrowed; raw text from records (sanitise it). */
const char *report_group_label(enum report_by by, const char *key);

/* Volunteer hours of a group: minutes / 60 + task hours. */
double report_hours(const struct report_group *g);
/* part as a per cent of whole, or -1 when whole is 0. */
double report_share(long part, long whole);
/* Numbers as the report prints them, independent of the locale: hours with two decimals
 * ("12.25"), shares with one ("33.3", "" when there is no share). buf: 32 bytes. */
void report_format_hours(double hours, char *buf, size_t size);
void report_format_share(double share, char *buf, size_t size);

/*
 * The fourteen figures of a group as a table for people shows them (the text report and the
 * figures screen): cells[1..12] in the order visits, businesses, tasks done, tasks open,
 * workshops, attendees, 65+, 65+ %, women, women %, hours, follow-ups due; decimals with
 * lang's mark ("33,3"), "-" for a share of no attendees. cells[0] (the group) is left as
 * it is. The CSV and JSON of the report keep report_format_*'s '.'.
 */
#define REPORT_NCELLS 15
#define REPORT_CELL 40
void report_group_cells(const struct report_group *g, const char *lang,
    char cells[REPORT_NCELLS][REPORT_CELL]);

/*
 * Fold text for comparison: trimmed, inner blanks collapsed to one space, letters in
 * lower case (ASCII, Latin-1 and Latin Extended-A); with strip_accents also without
 * accents (á → a, ñ → n), for sorting. Invalid UTF-8 bytes are kept as they are.
 * Caller frees.
 */
char *report_fold(const char *s, int strip_accents);

#endif
