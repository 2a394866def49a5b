/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * form.h: form definitions (forms/<kind>.ini) and the engine that reads them and validates
 * a record's fields against them.
 *
 * The default forms are compiled into the binary from forms/<kind>.ini (one source, see
 * forms/embed.sh), as text and already parsed (forms/embedded.h). A coordinator may put forms/<kind>.ini in the shared repository; once it
 * parses and validates, forms_install() replaces the default for this process and
 * forms_save_override() keeps it for the next start. A bad definition is rejected with its
 * file, line and reason, and the previous one stays.
 */
#ifndef VOLUNTEER_FORM_H
#define VOLUNTEER_FORM_H

#include <jansson.h>
#include <stddef.h>

#include "core/error.h"
#include "core/record.h"

enum field_type {
	FT_TEXT, FT_LONGTEXT, FT_INT, FT_DECIMAL, FT_DATE, FT_TIME, FT_CHOICE, FT_MULTI,
	FT_BOOL, FT_EMAIL, FT_PHONE, FT_URL,
};

/*
 * A text's translations, from `label.<lang>`, `help.<lang>`, `title.<lang>` and
 * `choice.<value>.<lang>`: any code of 2 or 3 lowercase letters is kept, a language the
 * program does not know too (unused until it does). At most FORM_MAX_LANGS per text.
 */
#define FORM_MAX_LANGS 16
struct form_tr {
	char lang[4];
	char *text;
};
struct form_trs {
	struct form_tr *v;
	size_t n;
};

struct form_choice {
	char *value;		/* stored value, e.g. "social_media" */
	char *label;		/* the plain label (English) */
	struct form_trs label_tr;
};

/* A cross-field rule: sum(left[]) OP right, e.g. "women + men <= attendees",
 * "follow_up >= date" (dates compare as dates). Checked only when every operand is set. */
struct form_rule {
	char **left;
	size_t nleft;
	char op[3];		/* "<=", ">=", "<", ">" */
	char *right;
	char *text;		/* the rule as written, for messages */
	/* The same operands as indices into the form's fields, and the field the rule is
	 * reported on (its last left operand in display order). */
	size_t *left_at;
	size_t right_at, subject_at;
};

/*
 * What a form may hold. A definition arrives by sync from anyone with push access, and
 * every save validates against it: beyond these it is refused with file:line and the
 * reason, and the previous form stays.
 */
#define FORM_MAX_FIELDS		300
#define FORM_MAX_RULES		600
#define FORM_MAX_RULE_OPERANDS	16	/* names in one rule, both sides */
#define FORM_MAX_CHOICES	200	/* of one field */
#define FORM_MAX_ALL_CHOICES	2000	/* of all fields */
#define FORM_MAX_LABEL		200	/* characters of a title, label or choice label */
#define FORM_MAX_HELP		2000	/* characters of a help text or a default */
/* Bytes of a form file, here or from the shared repository: 300 fields with labels and
 * help in several languages fit. */
#define FORM_MAX_FILE		(1024 * 1024)

struct form_field {
	char *name;
	enum field_type type;
	char *label, *help;	/* the plain ones (English) */
	struct form_trs label_tr, help_tr;
	int required;
	int has_min, has_max;
	double min, max;	/* numbers: the value; text: the length in characters */
	double step;		/* decimals: 0.25 for quarter hours, 0.1 for one decimal; 0 any */
	struct form_choice *choices;
	size_t nchoices;
	char *default_value;	/* "today" for dates means the local date at creation */
	int personal;		/* contact data: leaves the laptop only when consent = yes */
};

struct form {
	char *kind;
	char *title;
	struct form_trs title_tr;
	struct form_field *fields;
	size_t nfields;
	struct form_rule *rules;
	size_t nrules;
	char *source;		/* the INI text it was read from (for saving an override) */
	/* Indexes built by form_parse, so that validation is linear in the form's size:
	 * field indices sorted by name (form_field's binary search); for field i, the rules
	 * reported on it are subject_rules[subject_first[i] .. subject_first[i + 1]) and the
	 * rules it takes part in member_rules[member_first[i] .. member_first[i + 1]), each
	 * in rule order. */
	size_t *by_name;
	size_t *subject_rules, *subject_first;
	size_t *member_rules, *member_first;
	/* A default compiled into the program already parsed (forms/embedded.h): static
	 * data, never freed nor written. */
	int compiled;
};

/* Steps of work done by lookups and rule checks since the start of the process (tests
 * count them to prove that validation grows with the form, not with its square). */
unsigned long form_work_done(void);
void form_work_note(unsigned long steps);
/* Definitions parsed (form_parse called) since the start of the process: tests count them
 * to prove that a command parses only the forms it uses. */
unsigned long form_parses_done(void);
/* Defaults taken into the registry since the start (compiled or, where none is, parsed). */
unsigned long forms_defaults_taken(void);

/*
 * Parse a definition. `name` is the file name used in messages ("forms/visit.ini").
 * On error: ERR_INVALID, msg "forms/visit.ini:12: unknown type 'number'".
 */
int form_parse(struct form **out, const char *name, const char *text, struct error *err);
void form_free(struct form *f);

/*
 * The registry: the embedded defaults, and the overrides saved under the dir of the last
 * forms_init (data_dir/forms/<kind>.ini) that parse. forms_init reads the overrides (dir
 * may be NULL: none); a default is parsed at the first forms_get of its kind, or at the
 * first forms_count/forms_at (which see every kind), so that a command pays only for the
 * forms it uses. Usable before any forms_init (the defaults only); forms_shutdown frees
 * everything parsed.
 */
int forms_init(const char *dir, struct error *err);
void forms_shutdown(void);
/* The form of a kind, or NULL for an unknown kind. Borrowed until forms_install/shutdown. */
const struct form *forms_get(const char *kind);
/* Every kind known, in a stable order (visit, task, workshop, business). */
size_t forms_count(void);
const struct form *forms_at(size_t i);
/* Replace the form of f->kind with f (the registry owns f afterwards). */
void forms_install(struct form *f);
/* Write f->source to dir/<kind>.ini so that the next start uses it. */
int forms_save_override(const char *dir, const struct form *f, struct error *err);

const struct form_field *form_field(const struct form *f, const char *name);
/* Label in lang, along its chain (i18n_chain: gl, es, en), then the plain label, then the
 * field's name. The same rule for help, titles and choice labels. */
const char *form_field_label(const struct form_field *fd, const char *lang);
const char *form_field_help(const struct form_field *fd, const char *lang);
const char *form_title(const struct form *f, const char *lang);
/* The title of the form of kind in lang ("Visita"); the kind itself when no form has it. */
const char *forms_kind_title(const char *kind, const char *lang);
const char *form_choice_label(const struct form_field *fd, const char *value, const char *lang);
/* What a list shows beside a record (its row): a workshop's attendance ("12 people", the
 * catalogue's plural) or a task's status as the task form labels it in lang; "" for
 * neither. The one rule of the command line's list and the screens'. Caller frees. */
char *form_row_extra(const struct record_row *r, const char *lang);
const char *field_type_name(enum field_type t);

/*
 * Turn text typed by a person into the stored JSON value: ints to integers, decimals to
 * reals, dates "20/11/2026" to "2026-11-20", multi "a,b" to ["a","b"], bool yes/no/sí/true
 * to true/false, "" to NULL (unset). Bad text gives ERR_INVALID naming the field:
 * "duration_min: 'abc' is not a whole number".
 */
int form_parse_value(const struct form_field *fd, const char *text, json_t **out,
    struct error *err);
/* The stored value as text for editing ("" when unset); caller frees. */
char *form_value_text(const struct form_field *fd, json_t *value);
/* The same in lang's style, as a form shows it and form_parse_value reads it back: dates
 * in the short style of i18n_date_short ("01/12/2026"), decimals with lang's mark
 * ("2,5"). Caller frees. */
char *form_value_local(const struct form_field *fd, json_t *value, const char *lang);

/* Check one field of fields (type, range, choices, required) and the rules it takes part
 * in. Returns 0, or -1 with err naming the field and the reason. */
int form_check_field(const struct form *f, const struct form_field *fd, json_t *fields,
    struct error *err);
/* Check a whole record's fields; the first problem in display order. Unknown keys are
 * allowed (kept, never dropped) but must be valid UTF-8 and at most 64 KB. */
int form_validate(const struct form *f, json_t *fields, struct error *err);
/* Set the defaults for a new record: date fields with default=today, choices with a
 * default, municipality from the config when given. Does not overwrite set fields. */
void form_apply_defaults(const struct form *f, json_t *fields, const char *municipality);

/*
 * Added to the contract above:
 * - forms_init returns 0. An override under dir that is rejected is skipped (the default
 *   stays) and its problem is left in err with ERR_INVALID: a front may show it as a
 *   warning. err is cleared first. (It returned -1 when an embedded default did not
 *   parse, a build bug; the defaults are parsed later now, and such a kind has no form:
 *   tests/t0100 parses every default.)
 * - form_parse_value gives *out = NULL (no value) for "" or blank text.
 * - form_field_help returns "" when the field has no help; form_choice_label returns value
 *   itself for a value that is not a choice. lang is a code or a locale name
 *   ("gl", "gl_ES.UTF-8"); NULL or an unknown one is English.
 */

/* A number written by a person or in a form definition: "1.25" or "1,25", an optional
 * sign, at most 17 significant digits (zeros that only place the point do not count), no
 * exponent. Independent of the C locale. 0, or -1 when s is not such a number. */
int form_number_parse(const char *s, double *out);
/* A number as form_value_text shows it: the shortest digits that read back as d, '.' as
 * the decimal point, never an exponent ("0.00001234"), so form_number_parse takes back
 * exactly d. FORM_NUMBER_TEXT_MAX bytes hold any double. */
#define FORM_NUMBER_TEXT_MAX REAL_TEXT_MAX
void form_number_format(double d, char *buf, size_t size);

#endif
