/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_report.h: the store's side of the programme's figures and of the export.
 *
 * A report over 1,000,000 records must take under five seconds, so the records are not
 * decoded one by one into struct record, nor their bodies parsed: the few values the
 * figures need are columns of their own, filled by the record writer (schema 10), read
 * with the filter applied in SQL, and handed over row by row. The aggregation itself (case
 * folding, distinct businesses, shares) lives in report/stats.c.
 */
#ifndef VOLUNTEER_STORE_REPORT_H
#define VOLUNTEER_STORE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/store.h"

enum store_report_group {
	STORE_GROUP_NONE,		/* every row has the group "" */
	STORE_GROUP_MUNICIPALITY,	/* the municipality as written in the record */
	STORE_GROUP_VOLUNTEER,		/* the author's id */
	STORE_GROUP_MONTH,		/* "YYYY-MM" of the record's date */
	STORE_GROUP_SECTOR,		/* the sector code of a visit's or task's business
					 * (its own field when it has no business); "" for
					 * workshops */
};

/*
 * One record reduced to what the figures need. Strings are borrowed until the callback
 * returns and are NULL when the record has no such text field. A number is -1 when the
 * field is absent, not a number, or outside any sane range (an untrusted file must not
 * overflow a sum).
 */
struct store_report_row {
	const char *group;
	const char *kind;
	const char *business;		/* "id:<business_id>", or the name when unlinked */
	const char *status;		/* tasks */
	const char *follow_up;		/* visits */
	int64_t attendees, attendees_65plus, women;	/* workshops */
	int64_t duration_min;		/* visits and workshops */
	double hours;			/* tasks; -1 when absent */
	/* Only from store_report_scan_wide (NULL and -1 from store_report_scan): */
	const char *municipality;	/* as written in the record */
	const char *volunteer;		/* the author's id */
	const char *date;		/* "YYYY-MM-DD" */
	const char *sector;		/* visits and tasks: as STORE_GROUP_SECTOR gives it */
	const char *topics;		/* visits: the JSON text of the topics' array */
	int64_t men;			/* workshops */
	double satisfaction;		/* workshops; -1 when absent */
};

typedef int (*store_report_cb)(const struct store_report_row *row, void *payload);

/*
 * Every record that matches f (tombstones never, whatever f says; paging ignored), in no
 * particular order. The callback returns non-zero to stop early.
 */
int store_report_scan(struct store *st, const struct record_filter *f,
    enum store_report_group by, store_report_cb cb, void *payload, struct error *err);

/*
 * store_report_scan with every field of struct store_report_row filled (group ""): the
 * programme report groups one pass several ways (report_by_several in report/stats.h).
 * The wider rows cost some 20 % more than store_report_scan's.
 */
int store_report_scan_wide(struct store *st, const struct record_filter *f,
    store_report_cb cb, void *payload, struct error *err);

/*
 * The schema's step to version 10 (core/store.c): the report's columns of every row
 * there is, from its body (store_bind_figures, core/store_internal.h). In the
 * migration's transaction.
 */
int store_report_migrate(struct store *st, struct error *err);

/*
 * The distinct keys of `fields` over the records that match f (tombstones only when f
 * includes them), sorted byte-wise: the export's columns for fields no form knows.
 * *out is a malloc'd array of malloc'd strings; free with store_report_names_free.
 */
int store_report_field_names(struct store *st, const struct record_filter *f, char ***out,
    size_t *n, struct error *err);
void store_report_names_free(char **names, size_t n);

#endif
