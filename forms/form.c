/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * form.c: reading a form definition (forms/<kind>.ini), the registry of forms, labels.
 * The syntax is documented at the top of forms/visit.ini; values are checked in validate.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/record.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/embedded.h"
#include "forms/form.h"
#include "forms/ini.h"

#define FIELD_NAME_MAX 63		/* fits struct error's field */
#define TEXT_DEFAULT_MAX 500		/* characters of a one-line text without max */
#define LONGTEXT_DEFAULT_MAX 20000

static const char *const type_names[] = {
	[FT_TEXT] = "text", [FT_LONGTEXT] = "longtext", [FT_INT] = "int",
	[FT_DECIMAL] = "decimal", [FT_DATE] = "date", [FT_TIME] = "time",
	[FT_CHOICE] = "choice", [FT_MULTI] = "multi", [FT_BOOL] = "bool",
	[FT_EMAIL] = "email", [FT_PHONE] = "phone", [FT_URL] = "url",
};

static const char *const repeatable_keys[] = { "rule", NULL };

static struct form **registry;
static size_t nregistry;

const char *
field_type_name(enum field_type t)
{
	if ((size_t)t < sizeof type_names / sizeof type_names[0] && type_names[t] != NULL)
		return type_names[t];
	return "?";
}

static int
type_from_name(const char *s, enum field_type *out)
{
	size_t i;

	for (i = 0; i < sizeof type_names / sizeof type_names[0]; i++) {
		if (type_names[i] != NULL && strcmp(type_names[i], s) == 0) {
			*out = (enum field_type)i;
			return 0;
		}
	}
	return -1;
}

static int
is_string_type(enum field_type t)
{
	return t == FT_TEXT || t == FT_LONGTEXT || t == FT_EMAIL || t == FT_PHONE || t == FT_URL;
}

static int
is_number_type(enum field_type t)
{
	return t == FT_INT || t == FT_DECIMAL;
}

static int
is_identifier(const char *s, size_t max)
{
	size_t n = 0;

	if (!(*s >= 'a' && *s <= 'z'))
		return 0;
	for (; *s != '\0'; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return n <= max;
}

static int
is_integral(double d)
{
	return d > -9e15 && d < 9e15 && (double)(long long)d == d;
}

static unsigned long work, parses, defaults_taken;

unsigned long
form_parses_done(void)
{
	return parses;
}

unsigned long
forms_defaults_taken(void)
{
	return defaults_taken;
}

unsigned long
form_work_done(void)
{
	return work;
}

void
form_work_note(unsigned long steps)
{
	work += steps;
}

/* A value of a definition longer than max characters is refused, with its line. */
static int
check_size(const char *name, const struct ini_entry *e, size_t max, struct error *err)
{
	size_t chars = 0;
	const char *p;

	/* A character is at least a byte: most values are shorter than their bound in
	 * bytes, and need no count (237 values of visit.ini at every start). */
	if (strlen(e->value) <= max)
		return 0;
	for (p = e->value; *p != '\0'; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	if (chars <= max)
		return 0;
	return error_set(err, ERR_INVALID, "", _("%s:%d: %s: %zu characters, at most %zu"),
	    name, e->line, e->key, chars, max);
}

static void
free_trs(struct form_trs *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

static void
free_field(struct form_field *fd)
{
	size_t i;

	free(fd->name);
	free(fd->label);
	free_trs(&fd->label_tr);
	free(fd->help);
	free_trs(&fd->help_tr);
	for (i = 0; i < fd->nchoices; i++) {
		free(fd->choices[i].value);
		free(fd->choices[i].label);
		free_trs(&fd->choices[i].label_tr);
	}
	free(fd->choices);
	free(fd->default_value);
}

static void
free_rule(struct form_rule *r)
{
	size_t i;

	for (i = 0; i < r->nleft; i++)
		free(r->left[i]);
	free(r->left);
	free(r->right);
	free(r->text);
	free(r->left_at);
}

void
form_free(struct form *f)
{
	size_t i;

	if (f == NULL || f->compiled)
		return;
	for (i = 0; i < f->nfields; i++)
		free_field(&f->fields[i]);
	free(f->fields);
	for (i = 0; i < f->nrules; i++)
		free_rule(&f->rules[i]);
	free(f->rules);
	free(f->kind);
	free(f->title);
	free_trs(&f->title_tr);
	free(f->source);
	free(f->by_name);
	free(f->subject_rules);
	free(f->subject_first);
	free(f->member_rules);
	free(f->member_first);
	free(f);
}

/* Set *slot to a copy of value (the INI reader has refused duplicate keys already). */
static void
set_string(char **slot, const char *value)
{
	free(*slot);
	*slot = xstrdup(value);
}

/* 1 when s (len bytes) is a language code of a form: 2 or 3 lowercase ASCII letters. */
static int
is_lang_code(const char *s, size_t len)
{
	size_t i;

	if (len < 2 || len > 3)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

/* The translation of a text into lang (len bytes, a checked code), replacing one of the
 * same language. */
static int
set_translation(struct form_trs *t, const char *lang, size_t len, const char *value,
    const char *name, const struct ini_entry *e, struct error *err)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strlen(t->v[i].lang) == len && strncmp(t->v[i].lang, lang, len) == 0) {
			set_string(&t->v[i].text, value);
			return 0;
		}
	if (t->n >= FORM_MAX_LANGS)
		return error_set(err, ERR_INVALID, "", _("%s:%d: %s: more than %d languages"),
		    name, e->line, e->key, FORM_MAX_LANGS);
	t->v = xgrow(t->v, t->n, sizeof *t->v);
	/* len is 2 or 3 (is_lang_code): it fits lang[4] with its NUL. */
	memcpy(t->v[t->n].lang, lang, len);
	t->v[t->n].lang[len] = '\0';
	t->v[t->n].text = xstrdup(value);
	t->n++;
	return 0;
}

/* A key "<base>" or "<base>.<lang>" into plain or its translations: 1 when key is
 * neither (another key), 0 when set, -1 on error. */
static int
set_text_key(const char *key, const char *base, char **plain, struct form_trs *t,
    const char *name, const struct ini_entry *e, struct error *err)
{
	size_t n = strlen(base);

	if (strncmp(key, base, n) != 0)
		return 1;
	if (key[n] == '\0') {
		set_string(plain, e->value);
		return 0;
	}
	if (key[n] != '.' || !is_lang_code(key + n + 1, strlen(key + n + 1)))
		return 1;
	return set_translation(t, key + n + 1, strlen(key + n + 1), e->value, name, e, err);
}

static int
parse_choices(struct form_field *fd, const char *name, const struct ini_entry *e,
    struct error *err)
{
	const char *p = e->value, *start, *end;
	char *value;
	size_t i;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		start = p;
		while (*p != ',' && *p != '\0')
			p++;
		end = p;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		value = xstrndup(start, (size_t)(end - start));
		if (!is_identifier(value, FIELD_NAME_MAX)) {
			error_set(err, ERR_INVALID, "", _("%s:%d: choice '%.64s' must be "
			    "lower-case letters, digits and '_'"), name, e->line, value);
			free(value);
			return -1;
		}
		if (fd->nchoices == FORM_MAX_CHOICES) {
			error_set(err, ERR_INVALID, "", _("%s:%d: more than %d choices"), name,
			    e->line, FORM_MAX_CHOICES);
			free(value);
			return -1;
		}
		for (i = 0; i < fd->nchoices; i++) {
			if (strcmp(fd->choices[i].value, value) == 0) {
				error_set(err, ERR_INVALID, "", _("%s:%d: choice '%s' appears "
				    "twice"), name, e->line, value);
				free(value);
				return -1;
			}
		}
		fd->choices = xrealloc(fd->choices, (fd->nchoices + 1) * sizeof *fd->choices);
		fd->choices[fd->nchoices].value = value;
		fd->choices[fd->nchoices].label = NULL;
		fd->choices[fd->nchoices].label_tr = (struct form_trs){ NULL, 0 };
		fd->nchoices++;
		if (*p == '\0')
			break;
		p++;
	}
	return 0;
}

/* The choice of fd whose value is value (len bytes), or NULL. */
static struct form_choice *
choice_named(struct form_field *fd, const char *value, size_t len)
{
	size_t i;

	for (i = 0; i < fd->nchoices; i++)
		if (strlen(fd->choices[i].value) == len &&
		    strncmp(fd->choices[i].value, value, len) == 0)
			return &fd->choices[i];
	return NULL;
}

/* "choice.<value>" or "choice.<value>.<lang>", once choices are known. A value that is a
 * choice itself wins over a value read as "<choice>.<lang>". */
static int
parse_choice_label(struct form_field *fd, const char *name, const struct ini_entry *e,
    struct error *err)
{
	const char *value = e->key + strlen("choice."), *dot;
	size_t len = strlen(value);
	struct form_choice *c;

	if (check_size(name, e, FORM_MAX_LABEL, err) != 0)
		return -1;
	if ((c = choice_named(fd, value, len)) != NULL) {
		set_string(&c->label, e->value);
		return 0;
	}
	dot = strrchr(value, '.');
	if (dot != NULL && is_lang_code(dot + 1, strlen(dot + 1)) &&
	    (c = choice_named(fd, value, (size_t)(dot - value))) != NULL)
		return set_translation(&c->label_tr, dot + 1, strlen(dot + 1), e->value, name,
		    e, err);
	if (dot != NULL && is_lang_code(dot + 1, strlen(dot + 1)))
		len = (size_t)(dot - value);
	return error_set(err, ERR_INVALID, "", _("%s:%d: '%.*s' is not one of the choices of "
	    "'%s'"), name, e->line, (int)(len > 64 ? 64 : len), value, fd->name);
}

static int
parse_limit(struct form_field *fd, const char *name, const struct ini_entry *e,
    double *out, struct error *err)
{
	if (!is_number_type(fd->type) && !is_string_type(fd->type))
		return error_set(err, ERR_INVALID, "", _("%s:%d: '%s' does not apply to a "
		    "%s field"), name, e->line, e->key, field_type_name(fd->type));
	if (form_number_parse(e->value, out) != 0)
		return error_set(err, ERR_INVALID, "", _("%s:%d: %s: '%.64s' is not a number"),
		    name, e->line, e->key, e->value);
	if (fd->type != FT_DECIMAL && !is_integral(*out))
		return error_set(err, ERR_INVALID, "", _("%s:%d: %s: '%.64s' is not a whole "
		    "number"), name, e->line, e->key, e->value);
	if (is_string_type(fd->type) && *out < 0)
		return error_set(err, ERR_INVALID, "", _("%s:%d: %s: a length cannot be "
		    "negative"), name, e->line, e->key);
	return 0;
}

/* One key of a field section (all but type, choice labels, default and rule). */
static int
parse_field_key(struct form_field *fd, const char *name, const struct ini_entry *e,
    struct error *err)
{
	const char *k = e->key;
	int rc;

	if ((strncmp(k, "label", 5) == 0 || strncmp(k, "help", 4) == 0) &&
	    check_size(name, e, k[0] == 'h' ? FORM_MAX_HELP : FORM_MAX_LABEL, err) != 0)
		return -1;
	if ((rc = set_text_key(k, "label", &fd->label, &fd->label_tr, name, e, err)) <= 0 ||
	    (rc = set_text_key(k, "help", &fd->help, &fd->help_tr, name, e, err)) <= 0)
		return rc;
	if (strcmp(k, "required") == 0 || strcmp(k, "personal") == 0) {
		if (text_yes_no(e->value, k[0] == 'r' ? &fd->required : &fd->personal) != 0)
			return error_set(err, ERR_INVALID, "", _("%s:%d: %s: '%.64s' must be yes "
			    "or no"), name, e->line, k, e->value);
	} else if (strcmp(k, "min") == 0) {
		if (parse_limit(fd, name, e, &fd->min, err) != 0)
			return -1;
		fd->has_min = 1;
	} else if (strcmp(k, "max") == 0) {
		if (parse_limit(fd, name, e, &fd->max, err) != 0)
			return -1;
		fd->has_max = 1;
	} else if (strcmp(k, "step") == 0) {
		if (fd->type != FT_DECIMAL)
			return error_set(err, ERR_INVALID, "", _("%s:%d: 'step' applies only to "
			    "a decimal field"), name, e->line);
		if (form_number_parse(e->value, &fd->step) != 0 || fd->step <= 0)
			return error_set(err, ERR_INVALID, "", _("%s:%d: step: '%.64s' is not a "
			    "number above 0"), name, e->line, e->value);
	} else if (strcmp(k, "choices") == 0) {
		if (fd->type != FT_CHOICE && fd->type != FT_MULTI)
			return error_set(err, ERR_INVALID, "", _("%s:%d: 'choices' applies only "
			    "to a choice or multi field"), name, e->line);
		return parse_choices(fd, name, e, err);
	} else
		return error_set(err, ERR_INVALID, "", _("%s:%d: unknown key '%.64s' in field "
		    "'%s'"), name, e->line, k, fd->name);
	return 0;
}

static int
parse_default(struct form_field *fd, const char *name, const struct ini_entry *e,
    struct error *err)
{
	json_t *v = NULL;

	if (check_size(name, e, FORM_MAX_HELP, err) != 0)
		return -1;
	if (fd->type == FT_DATE && strcmp(e->value, "today") == 0) {
		set_string(&fd->default_value, "today");
		return 0;
	}
	if (form_parse_value(fd, e->value, &v, err) != 0) {
		error_prefix(err, "%s:%d", name, e->line);
		return -1;
	}
	if (v != NULL)
		set_string(&fd->default_value, e->value);
	json_decref(v);
	return 0;
}

static int
parse_field(struct form_field *fd, const char *name, const struct ini_section *s,
    struct error *err)
{
	const struct ini_entry *type = ini_find(s, "type"), *e, *min = NULL, *max = NULL;
	size_t i;

	if (!is_identifier(s->name, FIELD_NAME_MAX))
		return error_set(err, ERR_INVALID, "", _("%s:%d: field name '%.64s' must be "
		    "lower-case letters, digits and '_' (at most %d)"), name, s->line, s->name,
		    FIELD_NAME_MAX);
	fd->name = xstrdup(s->name);
	if (type == NULL)
		return error_set(err, ERR_INVALID, "", _("%s:%d: field '%s' has no type"),
		    name, s->line, s->name);
	if (type_from_name(type->value, &fd->type) != 0)
		return error_set(err, ERR_INVALID, "", _("%s:%d: unknown type '%.64s'"), name,
		    type->line, type->value);

	for (i = 0; i < s->nentries; i++) {
		e = &s->entries[i];
		if (strcmp(e->key, "type") == 0 || strcmp(e->key, "rule") == 0 ||
		    strcmp(e->key, "default") == 0 || strncmp(e->key, "choice.", 7) == 0)
			continue;
		if (strcmp(e->key, "min") == 0)
			min = e;
		else if (strcmp(e->key, "max") == 0)
			max = e;
		if (parse_field_key(fd, name, e, err) != 0)
			return -1;
	}
	if ((fd->type == FT_CHOICE || fd->type == FT_MULTI) && fd->nchoices == 0)
		return error_set(err, ERR_INVALID, "", _("%s:%d: field '%s' of type %s needs "
		    "'choices'"), name, s->line, fd->name, field_type_name(fd->type));
	for (i = 0; i < s->nentries; i++) {
		e = &s->entries[i];
		if (strncmp(e->key, "choice.", 7) != 0)
			continue;
		if (fd->type != FT_CHOICE && fd->type != FT_MULTI)
			return error_set(err, ERR_INVALID, "", _("%s:%d: '%s' applies only to "
			    "a choice or multi field"), name, e->line, e->key);
		if (parse_choice_label(fd, name, e, err) != 0)
			return -1;
	}
	if (min != NULL && max != NULL && fd->min > fd->max)
		return error_set(err, ERR_INVALID, "", _("%s:%d: min %s is above max %s"),
		    name, min->line > max->line ? min->line : max->line, min->value, max->value);
	if (!fd->has_max && is_string_type(fd->type)) {
		fd->has_max = 1;
		fd->max = fd->type == FT_LONGTEXT ? LONGTEXT_DEFAULT_MAX : TEXT_DEFAULT_MAX;
		if (fd->has_min && fd->min > fd->max)
			return error_set(err, ERR_INVALID, "", _("%s:%d: min %s is above the "
			    "default max %g"), name, min->line, min->value, fd->max);
	}
	if ((e = ini_find(s, "default")) != NULL && parse_default(fd, name, e, err) != 0)
		return -1;
	return 0;
}

/*
 * 1 when no values the fields may hold satisfy the rule: "a < a", "a + b < a" with b at
 * least 0, "attendees > women" with attendees at most 10 and women at least 20. The rule
 * is sum(left) - right OP 0; each field's min and max bound that sum.
 */
static int
rule_never_holds(const struct form *f, const struct form_rule *r)
{
	size_t at[FORM_MAX_RULE_OPERANDS + 1], n = 0, i, k;
	long coef[FORM_MAX_RULE_OPERANDS + 1];
	const struct form_field *fd;
	double lo, hi, smin = 0, smax = 0;

	for (i = 0; i <= r->nleft; i++) {
		size_t idx = i < r->nleft ? r->left_at[i] : r->right_at;
		for (k = 0; k < n && at[k] != idx; k++)
			;
		if (k == n) {
			at[n] = idx;
			coef[n++] = 0;
		}
		coef[k] += i < r->nleft ? 1 : -1;
	}
	if (!is_number_type(f->fields[r->right_at].type))
		/* Dates and times have no range: only the same field on both sides. */
		return n == 1 && (r->op[1] == '\0');
	for (k = 0; k < n; k++) {
		if (coef[k] == 0)
			continue;
		fd = &f->fields[at[k]];
		lo = fd->has_min ? fd->min : -INFINITY;
		hi = fd->has_max ? fd->max : INFINITY;
		smin += coef[k] > 0 ? (double)coef[k] * lo : (double)coef[k] * hi;
		smax += coef[k] > 0 ? (double)coef[k] * hi : (double)coef[k] * lo;
	}
	if (strcmp(r->op, "<") == 0)
		return smin >= 0;
	if (strcmp(r->op, "<=") == 0)
		return smin > 0;
	if (strcmp(r->op, ">") == 0)
		return smax <= 0;
	return smax < 0;
}

/* The operand tokens of a rule: names, "+" and one comparison. */
static int
parse_rule(struct form *f, const char *name, int line, const char *subject,
    const char *text, struct error *err)
{
	struct form_rule r = { 0 };
	const struct form_field *fd, *rf;
	const char *p = text, *start, *shown;
	char *written = NULL, *tok;
	int want_name = 1, rc = -1;
	size_t i;

	while (*p == ' ' || *p == '\t')
		p++;
	/* Shorthand in a field section: "rule = >= date" means "<field> >= date". */
	if (subject != NULL && (*p == '<' || *p == '>'))
		written = xasprintf("%s %s", subject, p);
	else
		written = xstrdup(p);
	shown = written;
	for (p = written; *p != '\0';) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		if (*p == '+' || *p == '<' || *p == '>') {
			/* An operator follows a name, and nothing but a name follows the
			 * comparison. */
			if (want_name || r.op[0] != '\0')
				goto syntax;
			if (*p == '+') {
				want_name = 1;
				p++;
				continue;
			}
			r.op[0] = *p++;
			if (*p == '=')
				r.op[1] = *p++;
			want_name = 1;
			continue;
		}
		start = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
			p++;
		if (p == start || !want_name)
			goto syntax;
		tok = xstrndup(start, (size_t)(p - start));
		if (r.nleft + 1 >= FORM_MAX_RULE_OPERANDS + (r.op[0] != '\0')) {
			error_set(err, ERR_INVALID, "", _("%s:%d: rule '%.128s': more than %d "
			    "names"), name, line, shown, FORM_MAX_RULE_OPERANDS);
			free(tok);
			goto out;
		}
		if (form_field(f, tok) == NULL) {
			error_set(err, ERR_INVALID, "", _("%s:%d: rule '%.128s': unknown field "
			    "'%.64s'"), name, line, shown, tok);
			free(tok);
			goto out;
		}
		if (r.op[0] == '\0') {
			r.left = xrealloc(r.left, (r.nleft + 1) * sizeof *r.left);
			r.left[r.nleft++] = tok;
		} else
			r.right = tok;
		want_name = 0;
	}
	if (r.nleft == 0 || r.right == NULL)
		goto syntax;

	rf = form_field(f, r.right);
	for (i = 0; i < r.nleft; i++) {
		fd = form_field(f, r.left[i]);
		if (r.nleft > 1 && (!is_number_type(fd->type) || !is_number_type(rf->type))) {
			error_set(err, ERR_INVALID, "", _("%s:%d: rule '%.128s': only numbers "
			    "can be added"), name, line, shown);
			goto out;
		}
		if (!(is_number_type(fd->type) && is_number_type(rf->type)) &&
		    !(fd->type == rf->type && (fd->type == FT_DATE || fd->type == FT_TIME))) {
			error_set(err, ERR_INVALID, "", _("%s:%d: rule '%.128s': cannot compare "
			    "%s (%s) with %s (%s)"), name, line, shown, fd->name,
			    field_type_name(fd->type), rf->name, field_type_name(rf->type));
			goto out;
		}
	}
	r.left_at = xcalloc(r.nleft, sizeof *r.left_at);
	r.right_at = (size_t)(rf - f->fields);
	for (i = 0; i < r.nleft; i++) {
		r.left_at[i] = (size_t)(form_field(f, r.left[i]) - f->fields);
		if (i == 0 || r.left_at[i] > r.subject_at)
			r.subject_at = r.left_at[i];
	}
	r.text = xstrdup(r.left[0]);
	for (i = 1; i < r.nleft; i++) {
		tok = xasprintf("%s + %s", r.text, r.left[i]);
		free(r.text);
		r.text = tok;
	}
	tok = xasprintf("%s %s %s", r.text, r.op, r.right);
	free(r.text);
	r.text = tok;
	if (rule_never_holds(f, &r)) {
		error_set(err, ERR_INVALID, "", _("%s:%d: rule '%.128s' can never hold (no "
		    "values the fields may take satisfy it)"), name, line, r.text);
		goto out;
	}
	if (f->nrules == FORM_MAX_RULES) {
		error_set(err, ERR_INVALID, "", _("%s:%d: more than %d rules"), name, line,
		    FORM_MAX_RULES);
		goto out;
	}
	f->rules = xrealloc(f->rules, (f->nrules + 1) * sizeof *f->rules);
	f->rules[f->nrules++] = r;
	memset(&r, 0, sizeof r);
	rc = 0;
	goto out;
syntax:
	error_set(err, ERR_INVALID, "", _("%s:%d: rule '%.128s' must read 'field <= field', "
	    "'a + b <= c' (or <, >, >=)"), name, line, shown);
out:
	free_rule(&r);
	free(written);
	return rc;
}

static int
parse_form_section(struct form *f, const char *name, const struct ini_section *s,
    struct error *err)
{
	const struct ini_entry *e;
	size_t i;
	int rc;

	for (i = 0; i < s->nentries; i++) {
		e = &s->entries[i];
		if (check_size(name, e, FORM_MAX_LABEL, err) != 0)
			return -1;
		if (strcmp(e->key, "kind") == 0) {
			if (!record_kind_valid(e->value))
				return error_set(err, ERR_INVALID, "", _("%s:%d: unknown kind "
				    "'%.64s' (visit, task or workshop)"), name, e->line, e->value);
			set_string(&f->kind, e->value);
		} else if ((rc = set_text_key(e->key, "title", &f->title, &f->title_tr, name, e,
		    err)) < 0)
			return -1;
		else if (rc > 0)
			return error_set(err, ERR_INVALID, "", _("%s:%d: unknown key '%.64s' in "
			    "[form]"), name, e->line, e->key);
	}
	if (f->kind == NULL)
		return error_set(err, ERR_INVALID, "", _("%s:%d: [form] has no kind"), name,
		    s->line);
	return 0;
}

static int
field_name_order(const void *a, const void *b)
{
	const struct form_field *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static void
index_fields(struct form *f)
{
	const struct form_field **sorted = xcalloc(f->nfields, sizeof *sorted);
	size_t i;

	for (i = 0; i < f->nfields; i++)
		sorted[i] = &f->fields[i];
	qsort(sorted, f->nfields, sizeof *sorted, field_name_order);
	f->by_name = xcalloc(f->nfields, sizeof *f->by_name);
	for (i = 0; i < f->nfields; i++)
		f->by_name[i] = (size_t)(sorted[i] - f->fields);
	free(sorted);
}

/* For field i, the rules reported on it and those it takes part in, in rule order
 * (a counting sort: each list is one slice of one array). */
static void
index_rules(struct form *f)
{
	size_t i, j, k, *fill_s, *fill_m, nmember = 0;
	const struct form_rule *r;

	f->subject_first = xcalloc(f->nfields + 1, sizeof *f->subject_first);
	f->member_first = xcalloc(f->nfields + 1, sizeof *f->member_first);
	fill_s = xcalloc(f->nfields + 1, sizeof *fill_s);
	fill_m = xcalloc(f->nfields + 1, sizeof *fill_m);
	for (i = 0; i < f->nrules; i++) {
		r = &f->rules[i];
		f->subject_first[r->subject_at + 1]++;
		for (j = 0; j <= r->nleft; j++) {
			size_t at = j < r->nleft ? r->left_at[j] : r->right_at;
			for (k = 0; k < j && (k < r->nleft ? r->left_at[k] : r->right_at) != at;
			    k++)
				;
			if (k == j) {
				f->member_first[at + 1]++;
				nmember++;
			}
		}
	}
	for (i = 0; i < f->nfields; i++) {
		f->subject_first[i + 1] += f->subject_first[i];
		f->member_first[i + 1] += f->member_first[i];
	}
	f->subject_rules = xcalloc(f->nrules + 1, sizeof *f->subject_rules);
	f->member_rules = xcalloc(nmember + 1, sizeof *f->member_rules);
	memcpy(fill_s, f->subject_first, (f->nfields + 1) * sizeof *fill_s);
	memcpy(fill_m, f->member_first, (f->nfields + 1) * sizeof *fill_m);
	for (i = 0; i < f->nrules; i++) {
		r = &f->rules[i];
		f->subject_rules[fill_s[r->subject_at]++] = i;
		for (j = 0; j <= r->nleft; j++) {
			size_t at = j < r->nleft ? r->left_at[j] : r->right_at;
			for (k = 0; k < j && (k < r->nleft ? r->left_at[k] : r->right_at) != at;
			    k++)
				;
			if (k == j)
				f->member_rules[fill_m[at]++] = i;
		}
	}
	free(fill_s);
	free(fill_m);
}

int
form_parse(struct form **out, const char *name, const char *text, struct error *err)
{
	struct ini *ini = NULL;
	struct form *f = xcalloc(1, sizeof *f);
	const struct ini_section *s, *form_s, *rules_s;
	const struct ini_entry *e;
	size_t i, j, nchoices = 0;
	int rc = -1;

	parses++;
	if (ini_parse(&ini, name, text, repeatable_keys, err) != 0)
		goto out;
	f->source = xstrdup(text);
	if ((form_s = ini_section(ini, "form")) == NULL) {
		error_set(err, ERR_INVALID, "", _("%s:1: no [form] section"), name);
		goto out;
	}
	if (parse_form_section(f, name, form_s, err) != 0)
		goto out;

	for (i = 0; i < ini->nsections; i++) {
		s = &ini->sections[i];
		if (strcmp(s->name, "form") == 0 || strcmp(s->name, "rules") == 0)
			continue;
		if (f->nfields == FORM_MAX_FIELDS) {
			error_set(err, ERR_INVALID, "", _("%s:%d: more than %d fields"), name,
			    s->line, FORM_MAX_FIELDS);
			goto out;
		}
		f->fields = xrealloc(f->fields, (f->nfields + 1) * sizeof *f->fields);
		memset(&f->fields[f->nfields], 0, sizeof *f->fields);
		f->nfields++;
		if (parse_field(&f->fields[f->nfields - 1], name, s, err) != 0)
			goto out;
		/* A choice is checked by a walk of its field's choices: bound them all. */
		nchoices += f->fields[f->nfields - 1].nchoices;
		if (nchoices > FORM_MAX_ALL_CHOICES) {
			error_set(err, ERR_INVALID, "", _("%s:%d: more than %d choices in the "
			    "form"), name, s->line, FORM_MAX_ALL_CHOICES);
			goto out;
		}
		/* Field names are section names: the INI reader refused duplicates. */
	}
	if (f->nfields == 0) {
		error_set(err, ERR_INVALID, "", _("%s:%d: the form has no fields"), name,
		    form_s->line);
		goto out;
	}

	index_fields(f);
	/* Rules last: they may name fields defined further down. */
	for (i = 0; i < ini->nsections; i++) {
		s = &ini->sections[i];
		if (strcmp(s->name, "form") == 0 || strcmp(s->name, "rules") == 0)
			continue;
		for (j = 0; j < s->nentries; j++) {
			e = &s->entries[j];
			if (strcmp(e->key, "rule") == 0 &&
			    parse_rule(f, name, e->line, s->name, e->value, err) != 0)
				goto out;
		}
	}
	if ((rules_s = ini_section(ini, "rules")) != NULL) {
		for (j = 0; j < rules_s->nentries; j++) {
			e = &rules_s->entries[j];
			if (strcmp(e->key, "rule") != 0) {
				error_set(err, ERR_INVALID, "", _("%s:%d: unknown key '%.64s' in "
				    "[rules]"), name, e->line, e->key);
				goto out;
			}
			if (parse_rule(f, name, e->line, NULL, e->value, err) != 0)
				goto out;
		}
	}
	index_rules(f);
	*out = f;
	f = NULL;
	rc = 0;
out:
	if (err != NULL && rc != 0)
		err->kind = ERR_INVALID;
	form_free(f);
	ini_free(ini);
	return rc;
}

/* --- The registry --- */

/*
 * The defaults are taken at their kind's first use, already parsed at build time
 * (forms/embedded.h): `add visit` needs one form of four, and parsing even that one was a
 * fifth of its instructions (callgrind, BENCHMARKS.md). The overrides are read at
 * forms_init as before, so that a bad one is reported there. embedded_tried[i] says
 * forms_embedded[i] was taken (or found broken) since the last forms_shutdown; a kind a
 * form was installed for is never replaced by its default afterwards.
 */
static unsigned char *embedded_tried;

static size_t
kind_rank(const char *kind)
{
	size_t i;

	/* The order of the registry is the kinds' (core/record.h), whatever the files'. */
	for (i = 0; record_kind_at(i) != NULL; i++)
		if (strcmp(record_kind_at(i), kind) == 0)
			return i;
	return i;
}

static struct form *
registry_find(const char *kind)
{
	size_t i;

	for (i = 0; kind != NULL && i < nregistry; i++)
		if (strcmp(registry[i]->kind, kind) == 0)
			return registry[i];
	return NULL;
}

void
forms_install(struct form *f)
{
	size_t i, at;

	for (i = 0; i < nregistry; i++) {
		if (strcmp(registry[i]->kind, f->kind) == 0) {
			form_free(registry[i]);
			registry[i] = f;
			return;
		}
	}
	for (at = 0; at < nregistry && kind_rank(registry[at]->kind) <= kind_rank(f->kind);
	    at++)
		;
	registry = xrealloc(registry, (nregistry + 1) * sizeof *registry);
	memmove(registry + at + 1, registry + at, (nregistry - at) * sizeof *registry);
	registry[at] = f;
	nregistry++;
}

/* Take the embedded default i, unless it was tried already or its kind has a form (an
 * override, or one installed by a sync): compiled, or parsed where it is not. */
static void
load_embedded(size_t i)
{
	struct form *f = NULL;
	struct error ignored = { 0 };

	if (embedded_tried == NULL)
		embedded_tried = xcalloc(forms_embedded_count + 1, 1);
	if (embedded_tried[i])
		return;
	embedded_tried[i] = 1;
	if (i < forms_compiled_count && forms_compiled[i] != NULL) {
		f = forms_compiled[i];
		f->source = (char *)forms_embedded[i].text;
	} else if (form_parse(&f, forms_embedded[i].name, forms_embedded[i].text,
	    &ignored) != 0) {
		/* A default that does not parse is a build bug (the build parses each):
		 * its kind is left without a form. */
		return;
	}
	if (registry_find(f->kind) != NULL) {
		form_free(f);
		return;
	}
	forms_install(f);
	defaults_taken++;
}

/* The embedded default of kind, by its file name "<kind>.ini". */
static void
load_default(const char *kind)
{
	size_t i, len = strlen(kind);

	for (i = 0; i < forms_embedded_count; i++)
		if (strncmp(forms_embedded[i].name, kind, len) == 0 &&
		    strcmp(forms_embedded[i].name + len, ".ini") == 0)
			load_embedded(i);
}

/* Every default not parsed yet: for the calls that walk all the kinds. */
static void
load_all_defaults(void)
{
	size_t i;

	for (i = 0; i < forms_embedded_count; i++)
		load_embedded(i);
}

void
forms_shutdown(void)
{
	size_t i;

	for (i = 0; i < nregistry; i++)
		form_free(registry[i]);
	free(registry);
	registry = NULL;
	nregistry = 0;
	free(embedded_tried);
	embedded_tried = NULL;
}

/* The text of path, at most FORM_MAX_FILE bytes, without NUL bytes. */
static int
read_form_file(const char *path, char **out, struct error *err)
{
	char *buf = NULL;
	size_t len = 0;
	ssize_t n;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return error_set(err, errno == ENOENT ? ERR_NOTFOUND : ERR_FAILED, "",
		    "%s: %s", path, strerror(errno));
	buf = xmalloc(FORM_MAX_FILE + 2);
	while (len <= FORM_MAX_FILE) {
		n = read(fd, buf + len, FORM_MAX_FILE + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error_set(err, ERR_FAILED, "", "%s: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > FORM_MAX_FILE) {
		error_set(err, ERR_INVALID, "", _("%s: larger than %d bytes"), path, FORM_MAX_FILE);
		goto out;
	}
	if (memchr(buf, '\0', len) != NULL) {
		error_set(err, ERR_INVALID, "", _("%s: contains a NUL byte"), path);
		goto out;
	}
	buf[len] = '\0';
	*out = buf;
	buf = NULL;
	rc = 0;
out:
	close(fd);
	free(buf);
	return rc;
}

int
forms_init(const char *dir, struct error *err)
{
	struct form *f = NULL;
	struct error e;
	char *path = NULL, *text = NULL;
	size_t i;

	forms_shutdown();
	error_clear(err);
	/* The overrides now, the defaults at their first use (see embedded_tried). */
	for (i = 0; dir != NULL && record_kind_at(i) != NULL; i++) {
		error_clear(&e);
		path = xasprintf("%s/%s.ini", dir, record_kind_at(i));
		if (read_form_file(path, &text, &e) == 0 &&
		    form_parse(&f, path, text, &e) == 0) {
			if (strcmp(f->kind, record_kind_at(i)) == 0)
				forms_install(f);
			else {
				error_set(&e, ERR_INVALID, "", _("%s: kind '%s' does not match "
				    "the file name"), path, f->kind);
				form_free(f);
			}
		}
		if (e.kind != ERR_NONE && e.kind != ERR_NOTFOUND && err != NULL)
			*err = e;
		free(text);
		free(path);
		text = path = NULL;
	}
	return 0;
}

const struct form *
forms_get(const char *kind)
{
	const struct form *f;

	if (kind == NULL)
		return NULL;
	if ((f = registry_find(kind)) == NULL) {
		load_default(kind);
		f = registry_find(kind);
	}
	return f;
}

size_t
forms_count(void)
{
	load_all_defaults();
	return nregistry;
}

const struct form *
forms_at(size_t i)
{
	load_all_defaults();
	return i < nregistry ? registry[i] : NULL;
}

int
forms_save_override(const char *dir, const struct form *f, struct error *err)
{
	char *path = NULL;
	int rc = -1;

	if (mkdir_p(dir, 0755) != 0)
		return error_set(err, ERR_FAILED, "", "%s: %s", dir, strerror(errno));
	path = xasprintf("%s/%s.ini", dir, f->kind);
	if (write_file_atomic(path, f->source, strlen(f->source), 0644) != 0)
		error_set(err, ERR_FAILED, "", "%s: %s", path, strerror(errno));
	else
		rc = 0;
	free(path);
	return rc;
}

/* --- Lookups and labels --- */

const struct form_field *
form_field(const struct form *f, const char *name)
{
	size_t lo = 0, hi, mid;
	int c;

	if (f == NULL || name == NULL)
		return NULL;
	if (f->by_name == NULL) {	/* while form_parse reads the fields */
		for (lo = 0; lo < f->nfields; lo++, work++)
			if (strcmp(f->fields[lo].name, name) == 0)
				return &f->fields[lo];
		return NULL;
	}
	for (hi = f->nfields; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		work++;
		c = strcmp(name, f->fields[f->by_name[mid]].name);
		if (c == 0)
			return &f->fields[f->by_name[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The one lookup of translated form text: lang's chain (gl, es, en), then the plain
 * text, then fallback. */
static const char *
pick(const char *plain, const struct form_trs *t, const char *lang, const char *fallback)
{
	const char *chain[I18N_CHAIN_MAX];
	size_t n = i18n_chain(lang, chain), i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < t->n; j++)
			if (strcmp(t->v[j].lang, chain[i]) == 0 && *t->v[j].text != '\0')
				return t->v[j].text;
	if (plain != NULL && *plain != '\0')
		return plain;
	return fallback;
}

const char *
form_field_label(const struct form_field *fd, const char *lang)
{
	return pick(fd->label, &fd->label_tr, lang, fd->name);
}

const char *
form_field_help(const struct form_field *fd, const char *lang)
{
	return pick(fd->help, &fd->help_tr, lang, "");
}

const char *
form_title(const struct form *f, const char *lang)
{
	return pick(f->title, &f->title_tr, lang, f->kind);
}

const char *
forms_kind_title(const char *kind, const char *lang)
{
	const struct form *f = forms_get(kind);

	return f != NULL ? form_title(f, lang) : kind;
}

char *
form_row_extra(const struct record_row *r, const char *lang)
{
	const struct form *task;
	const struct form_field *status;

	if (r->has_attendees)
		return xasprintf(ngettext("%lld person", "%lld people",
		    (unsigned long)r->attendees), r->attendees);
	if (r->status != NULL && (task = forms_get("task")) != NULL &&
	    (status = form_field(task, "status")) != NULL)
		return xstrdup(form_choice_label(status, r->status, lang));
	return xstrdup("");
}

const char *
form_choice_label(const struct form_field *fd, const char *value, const char *lang)
{
	size_t i;

	for (i = 0; value != NULL && i < fd->nchoices; i++)
		if (strcmp(fd->choices[i].value, value) == 0)
			return pick(fd->choices[i].label, &fd->choices[i].label_tr, lang,
			    fd->choices[i].value);
	return value;
}
