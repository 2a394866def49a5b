/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * record.h: the record model and its repository-file encoding.
 *
 * A record is what a volunteer logs: a visit, a task or a workshop. The metadata is set by
 * the program, never by a form; `fields` is a JSON object keyed by the form's field names
 * (unknown keys are kept). The file format is the contract of the shared repository:
 * UTF-8 JSON, sorted keys, two-space indent, a final newline.
 */
#ifndef VOLUNTEER_RECORD_H
#define VOLUNTEER_RECORD_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/clock.h"
#include "core/error.h"

#define RECORD_MAX_FILE (1024 * 1024)	/* a record file over 1 MB is refused */
#define RECORD_MAX_VALUE (64 * 1024)	/* one field value over 64 KB is refused */
#define VOLUNTEER_ID_MAX 64
/*
 * The largest revision counter a file may carry: 2^53, which every JSON reader holds
 * exactly. A file beyond it is hostile and refused; a new revision is record_rev_next(),
 * which stops at the limit instead of overflowing, so one forged file cannot push a
 * laptop's own revisions out of range (ties are then settled by time and device).
 */
#define RECORD_REV_MAX (INT64_C(1) << 53)

struct record {
	char id[UUID_LEN + 1];
	char kind[16];			/* "visit", "task", "workshop", "business" */
	char *volunteer;		/* the author's id */
	char *device;			/* the laptop that wrote this revision */
	int64_t rev;			/* Lamport counter */
	char created[ISO_TIME_LEN + 1];
	char updated[ISO_TIME_LEN + 1];
	int deleted;			/* a tombstone */
	json_t *fields;			/* owned: an object */

	/* Local state, never written to the repository file. */
	int synced;			/* this revision is on the shared repository */
	int conflict;			/* a concurrent edit lost a field; see conflicts/ */
	int flagged;			/* a coordinator flagged it and no later review cleared it */
};

/* A new empty record of kind (fields = {}); caller frees with record_free. */
struct record *record_new(const char *kind);
void record_free(struct record *r);
struct record *record_dup(const struct record *r);

/* The revision after rev (the higher of two, plus one): saturates at RECORD_REV_MAX. */
int64_t record_rev_next(int64_t rev);

/* 1 when kind is one of the four kinds. */
int record_kind_valid(const char *kind);
/* The kinds in the order every front shows them (visit, task, workshop, business), the one list:
 * kind i, or NULL past the last. */
const char *record_kind_at(size_t i);

/* The text of any file of the shared repository: o as JSON with sorted keys, a two-space
 * indent, reals as record_json_dumps writes them and a final newline. Caller frees. */
char *repo_json_text(json_t *o);
/*
 * json_dumps(v, flags) with every real in the shortest form that reads back as the same
 * double ("0.1", "4.55", "0.30000000000000004"; an exponent below 1e-4 and from 1e15, as
 * jansson writes it: "1.234e-5"), whatever LC_NUMERIC. A real of 15 digits or fewer comes out as it did
 * with JSON_REAL_PRECISION(15), so files written before keep their bytes. NULL only when
 * jansson fails. Caller frees.
 */
char *record_json_dumps(const json_t *v, size_t flags);

#define REAL_DIGITS_MAX 17	/* a double always reads back from 17 significant digits */
/*
 * The shortest significant digits of |d| (finite) that read back as |d|: d is
 * ±0.DIGITS × 10^(*exp10 + 1), i.e. the first digit stands for 10^*exp10. digits gets at
 * most REAL_DIGITS_MAX digits and a NUL; returns their count (1 for zero: "0", exp10 0).
 */
int real_shortest_digits(double d, char digits[REAL_DIGITS_MAX + 1], int *exp10);
/* d as a person reads and types it: the shortest digits, '.' as the point whatever
 * LC_NUMERIC, never an exponent ("0.00001234", "1200000"; "-" only below zero).
 * REAL_TEXT_MAX bytes hold any double. */
#define REAL_TEXT_MAX 352
void real_text(double d, char *buf, size_t size);
/* The double that DIGITS × 10^exp10 names, correctly rounded and independent of the
 * locale; digits is 1 to 400 decimal digits. */
double real_from_digits(const char *digits, int exp10);
/* The repository file: sorted keys, two-space indent, final newline. Caller frees. */
char *record_to_json(const struct record *r);
/* The same object as a json_t (new reference), without local state. */
json_t *record_to_object(const struct record *r);

/*
 * Decode a repository file. Strict: the metadata must be present and well-formed (a UUID id,
 * a known kind, a volunteer id, 0 ≤ rev ≤ RECORD_REV_MAX, ISO times, fields an object), the text valid UTF-8
 * and at most RECORD_MAX_FILE bytes. On error, err names the key and reason: ERR_INVALID
 * when the file is at fault, ERR_FAILED when this laptop is (no memory left to read it), so
 * that a reader sets a bad file aside but never a good one it could not read.
 */
int record_from_json(struct record **out, const char *text, size_t len, struct error *err);
/*
 * The object json_loadb(text, len, JSON_REJECT_DUPLICATES) reads from valid UTF-8 (new
 * reference), read faster, for what record files hold; NULL when the text holds anything
 * else (an escape, an exponent, deep nesting, an error...): json_loadb then reads it.
 * Whatever it returns is jansson's object exactly: the same values, types and key order.
 */
json_t *record_json_lean(const char *text, size_t len);
int record_from_object(struct record **out, json_t *obj, struct error *err);
/* The error of a failed json_loadb of a file's text, by the rule above: -1. */
int record_json_load_error(const json_error_t *jerr, struct error *err);

/*
 * jansson allocates through the program's allocator (core/util.h), so that a full memory
 * while a record is built or decoded is the out-of-memory exit, never a NULL that reads as
 * a field not given or a damaged record (tests/stress/t0710's sweep). Call once, before any
 * other jansson call; the program's main does.
 */
void record_json_init(void);

/* "records/<kind>/<yyyy>/<mm>/<dd>/<id>.json" into out (at least 80 bytes); -1 if bad id. */
int record_path(const struct record *r, char *out, size_t size);

/* A field as text for display and search ("" when absent); arrays joined with ", ".
 * Caller frees. */
char *record_field_text(const struct record *r, const char *name);
/* Borrowed string of a string field, or NULL. */
const char *record_field_str(const struct record *r, const char *name);

/* The date shown and sorted on: fields.date, else the day of `created`. */
void record_sort_date(const struct record *r, char *out);
/* What the list shows as the record's name: business / title (a business: its name).
 * Borrowed or "". */
const char *record_label(const struct record *r);

/*
 * What a list shows of a record, which the store keeps in the record's row beside its
 * file (store_list_rows reads it without decoding the file). Every field is given by
 * the rule named here, and record_row_of is that rule over a record: the row the store
 * reads must be the one record_row_of gives (tests/t0620 compares them). Strings are
 * borrowed (from the record, or from the store for its callback) and, coming from the
 * shared repository, not yet sanitised.
 */
struct record_row {
	char id[UUID_LEN + 1];
	char kind[16];
	const char *volunteer;
	char date[DATE_LEN + 1];	/* record_sort_date */
	const char *municipality;	/* fields.municipality when a string, else "" */
	const char *label;		/* record_label */
	const char *business;		/* fields.business when a string, else NULL */
	/* A task's fields.title when a string, else NULL (the store reads it only when
	 * asked: STORE_ROW_TITLE). */
	const char *title;
	const char *status;		/* a task's fields.status when a string, or NULL */
	/* A workshop whose fields.attendees is an integer: 1, and that integer. */
	int has_attendees;
	long long attendees;
	int deleted;
	int synced, conflict, flagged;	/* the local state, as in struct record */
};

/* r's row (borrowing r's strings). */
void record_row_of(const struct record *r, struct record_row *out);

#endif
