/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * export.h: records as CSV or JSON for spreadsheets and scripts, and the report's figures
 * as CSV.
 *
 * CSV follows RFC 4180: UTF-8, CRLF at the end of every row (the header too), a field
 * quoted when it holds a comma, a quote, CR or LF, quotes inside doubled. Line breaks
 * inside a value are kept as they are (inside quotes). One row per record; the columns:
 *   id, kind, volunteer, device, rev, created, updated, deleted, synced, conflict, flagged,
 *   flag_comment (the comment of the latest review when it is a flag), then every field of every form (visit, task, workshop, in form order, each name once),
 *   then the fields no form knows that the exported records carry, sorted by name.
 * Values: text as it is; numbers as numbers ("1.25", never "1,25"); booleans "yes" or
 * "no"; a multiple choice (a JSON array) joined with ";" (choice values never hold one);
 * anything else as compact JSON; an absent field is empty. With labels, a choice is its
 * label in labels_lang ("Comida y bebida"), not its code ("food").
 *
 * Personal data (form_field_is_personal, forms/personal.h) leaves the laptop only when
 * the record has consent (record_has_consent, the same header): otherwise the cell is
 * empty (CSV) or the key is left out of "fields" (JSON), as in the shared repository.
 *
 * Formula injection: a spreadsheet runs a cell that starts with =, +, - or @ (or a tab or
 * CR before one) as a formula, so with safe_formulas (the command line's default) such a
 * text cell gets a leading apostrophe, which spreadsheets show as text and hide. Numbers
 * are never changed. --no-safe-formulas writes the data exactly, for scripts.
 *
 * JSON: the array `volunteer list --json` prints (same keys, sorted, two-space indent),
 * less the personal data above.
 */
#ifndef VOLUNTEER_EXPORT_H
#define VOLUNTEER_EXPORT_H

#include <stddef.h>

#include "core/error.h"
#include "core/store.h"
#include "forms/form.h"
#include "report/stats.h"

enum export_format { EXPORT_CSV, EXPORT_JSON };

struct export_options {
	enum export_format format;
	int bom;		/* CSV: start with the UTF-8 byte-order mark (EF BB BF) */
	int safe_formulas;	/* CSV: see above */
	int for_terminal;	/* the output is a terminal: controls are dropped from text */
	int labels;		/* CSV: choices as their labels in labels_lang, not codes */
	const char *labels_lang;
};

/*
 * A field's value as a person reads it: a choice's label in lang, a multiple choice's
 * labels joined with sep; anything else as form_value_text gives it. Caller frees.
 */
char *export_value_label(const struct form_field *fd, json_t *v, const char *lang,
    const char *sep);

/* Where the output goes, in pieces; returns -1 (errno set) when it cannot be written. */
typedef int (*export_write_fn)(const char *data, size_t len, void *payload);

/*
 * The records that match f, newest first (as `volunteer list`), written through out.
 * *count (may be NULL) is the number of records written. ERR_FAILED when a write fails.
 */
int export_records(struct store *st, const struct record_filter *f,
    const struct export_options *o, export_write_fn out, void *payload, long *count,
    struct error *err);

/*
 * The report as CSV: a header (the grouping's name, or "group", then visits, businesses,
 * tasks_done, tasks_open, workshops, attendees, attendees_65plus, attendees_65plus_pct,
 * women, women_pct, hours, follow_ups_due), a row per group, and a last row whose first
 * cell is "total" (the only row when rep->by is REPORT_BY_NONE). Shares are per cent with
 * one decimal, empty when there are no attendees; hours have two decimals.
 * for_terminal: the output is a terminal, controls are dropped from the names before the
 * formula guard looks at them (as export_records does).
 * Caller frees; *len (may be NULL) is its length.
 */
char *report_to_csv(const struct report *rep, int safe_formulas, int for_terminal,
    size_t *len);

/* One CSV field as RFC 4180 writes it (quoted when needed), with the formula guard when
 * safe_formulas. Caller frees. */
char *csv_field(const char *s, int safe_formulas);

#endif
