/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * validate.c: values typed by a person and values stored in a record, checked against a
 * form: types, ranges, choices, required fields and the cross-field rules.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/record.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"

/*
 * Every message a person may read, in one place so that they can be translated. Each
 * starts with the field's name. %s after "'" is a short, sanitised excerpt of the value.
 */
#define MSG_REQUIRED		_("%s: required")
#define MSG_TOO_LARGE		_("%s: the value is larger than %d KB")
#define MSG_BAD_UTF8		_("%s: the text is not valid UTF-8")
#define MSG_CONTROL		_("%s: the text holds control characters")
#define MSG_TOO_LONG		_("%s: %zu characters, at most %.0f")
#define MSG_TOO_SHORT		_("%s: %zu characters, at least %.0f")
#define MSG_EXPECT_TEXT		_("%s: expected text")
#define MSG_NOT_INT		_("%s: '%s' is not a whole number")
#define MSG_NOT_NUMBER		_("%s: '%s' is not a number")
#define MSG_EXPECT_INT		_("%s: expected a whole number")
#define MSG_EXPECT_NUMBER	_("%s: expected a number")
#define MSG_EXPECT_DATE		_("%s: expected a date (YYYY-MM-DD)")
#define MSG_EXPECT_TIME		_("%s: expected a time (HH:MM)")
#define MSG_BELOW_MIN		_("%s: %s is below the minimum (%s)")
#define MSG_ABOVE_MAX		_("%s: %s is above the maximum (%s)")
#define MSG_NOT_STEP		_("%s: %s is not in steps of %s")
#define MSG_BAD_DATE		_("%s: '%s' is not a valid date (use 2026-11-20 or 20/11/2026)")
#define MSG_DATE_STORED		_("%s: '%s' is not stored as YYYY-MM-DD")
#define MSG_BAD_TIME		_("%s: '%s' is not a valid time (use HH:MM, e.g. 09:30)")
#define MSG_TIME_STORED		_("%s: '%s' is not stored as HH:MM")
#define MSG_NOT_CHOICE		_("%s: '%s' is not one of: %s")
#define MSG_TWICE		_("%s: '%s' is chosen twice")
#define MSG_EXPECT_LIST		_("%s: expected a list of choices")
#define MSG_NOT_BOOL		_("%s: '%s' is not yes or no")
#define MSG_EXPECT_BOOL		_("%s: expected yes or no")
#define MSG_BAD_EMAIL		_("%s: '%s' is not an email address (name@example.com)")
#define MSG_BAD_PHONE		_("%s: '%s' is not a phone number (6 to 20 digits; spaces, " \
				"+, -, ( and ) allowed)")
#define MSG_BAD_URL		_("%s: '%s' is not a web address (http:// or https:// and a host)")
#define MSG_RULE		_("%s: %s %s %s (%s)")
#define MSG_NOT_OBJECT		_("fields: not an object")
#define MSG_BAD_KEY		_("a field name is not valid UTF-8")

/* How a broken rule reads, by the rule's operator: "80 is more than attendees (50)". */
static const struct {
	const char *op, *numbers, *dates;
} rule_words[] = {
	{ "<=", N_("is more than"), N_("is after") },
	{ ">=", N_("is less than"), N_("is before") },
	{ "<", N_("is not less than"), N_("is not before") },
	{ ">", N_("is not more than"), N_("is not after") },
};

#define EXCERPT_MAX 40		/* bytes of a value quoted in a message */

/* --- Small helpers --- */

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int
is_text_type(enum field_type t)
{
	return t == FT_TEXT || t == FT_LONGTEXT || t == FT_EMAIL || t == FT_PHONE || t == FT_URL;
}

static double
abs_double(double d)
{
	return d < 0 ? -d : d;
}

/* A short copy of s for a message: cut at a character, controls removed. */
static void
excerpt(const char *s, size_t len, char *buf, size_t size)
{
	size_t n = len;
	char *cut, *clean;

	if (n > EXCERPT_MAX) {
		n = EXCERPT_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	cut = xstrndup(s, n);
	clean = text_sanitize(cut, 0, 0);
	snprintf(buf, size, "%s%s", clean, n < len ? "..." : "");
	free(clean);
	free(cut);
}

void
form_number_format(double d, char *buf, size_t size)
{
	real_text(d, buf, size);
}

int
form_number_parse(const char *s, double *out)
{
	char digits[REAL_DIGITS_MAX + 1];
	const char *p = s, *end;
	int neg = 0, ndigits = 0, nsig = 0, frac = 0, zeros = 0, point = 0;
	double d;

	if (s == NULL)
		return -1;
	while (is_space((unsigned char)*p))
		p++;
	end = p + strlen(p);
	while (end > p && is_space((unsigned char)end[-1]))
		end--;
	if (p < end && (*p == '+' || *p == '-'))
		neg = *p++ == '-';
	/* Significant digits in digits[]; zeros held back until a digit follows, so that
	 * "0.000012" and "1200000" are two digits each and as many zeros as shown. */
	for (; p < end; p++) {
		if ((*p == '.' || *p == ',') && !point) {
			point = 1;
			continue;
		}
		if (*p < '0' || *p > '9')
			return -1;
		ndigits++;
		if (*p == '0') {
			if (nsig > 0)
				zeros++;
			if (point)
				frac++;
			continue;
		}
		if (nsig + zeros + 1 > REAL_DIGITS_MAX)
			return -1;
		for (; zeros > 0; zeros--)
			digits[nsig++] = '0';
		digits[nsig++] = *p;
		if (point)
			frac++;
		if (frac > 400)
			return -1;
	}
	if (ndigits == 0)
		return -1;
	if (nsig == 0) {
		*out = 0;
		return 0;
	}
	digits[nsig] = '\0';
	/* The zeros held back after the last significant digit: before the point they
	 * scale, after it they were counted in frac. */
	d = real_from_digits(digits, zeros - frac);
	if (!isfinite(d) || d == 0)
		return -1;
	*out = neg ? -d : d;
	return 0;
}

/* A JSON number as text. */
static void
json_number_text(json_t *v, char *buf, size_t size)
{
	if (json_is_integer(v))
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else
		form_number_format(json_number_value(v), buf, size);
}

static size_t
count_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* --- Formats of the string types --- */

static int
email_valid(const char *s)
{
	const char *at = strchr(s, '@'), *dot, *p;

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return 0;
	for (p = s; *p != '\0'; p++)
		if (is_space((unsigned char)*p))
			return 0;
	dot = strchr(at + 1, '.');
	return dot != NULL && dot != at + 1 && s[strlen(s) - 1] != '.' &&
	    strstr(at + 1, "..") == NULL;
}

static int
phone_valid(const char *s)
{
	int digits = 0;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (strchr(" +-()", *s) == NULL)
			return 0;
	}
	return digits >= 6 && digits <= 20;
}

static int
url_valid(const char *s)
{
	const char *host, *end, *p;

	if (strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	else if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else
		return 0;
	for (p = s; *p != '\0'; p++)
		if (is_space((unsigned char)*p))
			return 0;
	end = host + strcspn(host, "/?#");
	/* Leave out user@ and :port. */
	for (p = host; p < end; p++)
		if (*p == '@')
			host = p + 1;
	if (host < end && *host == '[')
		return memchr(host, ']', (size_t)(end - host)) != NULL && end - host > 2;
	for (p = host; p < end && *p != ':'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' ||
		    (unsigned char)*p >= 0x80))
			return 0;
	return p > host && *host != '.' && *host != '-';
}

/* --- Checking one stored value --- */

/* Size, UTF-8 and control characters of any string value. */
static int
check_string_bytes(const struct form_field *fd, const char *s, size_t len, int longtext,
    struct error *err)
{
	if (len > RECORD_MAX_VALUE)
		return error_set(err, ERR_INVALID, fd->name, MSG_TOO_LARGE, fd->name,
		    RECORD_MAX_VALUE / 1024);
	if (!utf8_valid(s, len))
		return error_set(err, ERR_INVALID, fd->name, MSG_BAD_UTF8, fd->name);
	/* Tab and newline are layout: long text may hold them, one line may not. */
	if (text_has_hostile(s, len) ||
	    (!longtext && (memchr(s, '\n', len) != NULL || memchr(s, '\t', len) != NULL)))
		return error_set(err, ERR_INVALID, fd->name, MSG_CONTROL, fd->name);
	return 0;
}

static int
check_text(const struct form_field *fd, json_t *v, struct error *err)
{
	const char *s = json_string_value(v);
	size_t len = json_string_length(v), chars;
	char show[EXCERPT_MAX * 3 + 8];

	if (check_string_bytes(fd, s, len, fd->type == FT_LONGTEXT, err) != 0)
		return -1;
	chars = count_chars(s, len);
	if (fd->has_max && (double)chars > fd->max)
		return error_set(err, ERR_INVALID, fd->name, MSG_TOO_LONG, fd->name, chars,
		    fd->max);
	if (fd->has_min && (double)chars < fd->min)
		return error_set(err, ERR_INVALID, fd->name, MSG_TOO_SHORT, fd->name, chars,
		    fd->min);
	excerpt(s, len, show, sizeof show);
	if (fd->type == FT_EMAIL && !email_valid(s))
		return error_set(err, ERR_INVALID, fd->name, MSG_BAD_EMAIL, fd->name, show);
	if (fd->type == FT_PHONE && !phone_valid(s))
		return error_set(err, ERR_INVALID, fd->name, MSG_BAD_PHONE, fd->name, show);
	if (fd->type == FT_URL && !url_valid(s))
		return error_set(err, ERR_INVALID, fd->name, MSG_BAD_URL, fd->name, show);
	return 0;
}

static int
check_number(const struct form_field *fd, json_t *v, struct error *err)
{
	char show[FORM_NUMBER_TEXT_MAX], lim[FORM_NUMBER_TEXT_MAX];
	double d, q, base;
	long long whole;

	if (json_is_string(v)) {
		excerpt(json_string_value(v), json_string_length(v), show, sizeof show);
		return error_set(err, ERR_INVALID, fd->name,
		    fd->type == FT_INT ? MSG_NOT_INT : MSG_NOT_NUMBER, fd->name, show);
	}
	if (!json_is_number(v))
		return error_set(err, ERR_INVALID, fd->name,
		    fd->type == FT_INT ? MSG_EXPECT_INT : MSG_EXPECT_NUMBER, fd->name);
	if (fd->type == FT_INT && !json_is_integer(v)) {
		json_number_text(v, show, sizeof show);
		/* A real 30.0 shows as "30"; say why it is refused. */
		if (strpbrk(show, ".e") == NULL && strlen(show) + 3 <= sizeof show)
			strcat(show, ".0");
		return error_set(err, ERR_INVALID, fd->name, MSG_NOT_INT, fd->name, show);
	}
	d = json_number_value(v);
	json_number_text(v, show, sizeof show);
	if (fd->has_min && d < fd->min) {
		form_number_format(fd->min, lim, sizeof lim);
		return error_set(err, ERR_INVALID, fd->name, MSG_BELOW_MIN, fd->name, show, lim);
	}
	if (fd->has_max && d > fd->max) {
		form_number_format(fd->max, lim, sizeof lim);
		return error_set(err, ERR_INVALID, fd->name, MSG_ABOVE_MAX, fd->name, show, lim);
	}
	if (fd->type == FT_DECIMAL && fd->step > 0) {
		/* Steps count from min (satisfaction 1, 1.1, ...) or from 0. */
		base = fd->has_min ? fd->min : 0;
		q = (d - base) / fd->step;
		if (abs_double(q) < 9e15) {
			whole = (long long)(q < 0 ? q - 0.5 : q + 0.5);
			if (abs_double(q - (double)whole) > 1e-9 * (abs_double(q) > 1 ?
			    abs_double(q) : 1)) {
				form_number_format(fd->step, lim, sizeof lim);
				return error_set(err, ERR_INVALID, fd->name, MSG_NOT_STEP,
				    fd->name, show, lim);
			}
		}
	}
	return 0;
}

/* Dates and times: a canonical string that the clock module accepts. */
static int
check_date_time(const struct form_field *fd, json_t *v, struct error *err)
{
	char show[EXCERPT_MAX * 3 + 8], canon[DATE_LEN + 1];
	int date = fd->type == FT_DATE, bad;

	if (!json_is_string(v))
		return error_set(err, ERR_INVALID, fd->name,
		    date ? MSG_EXPECT_DATE : MSG_EXPECT_TIME, fd->name);
	if (check_string_bytes(fd, json_string_value(v), json_string_length(v), 0, err) != 0)
		return -1;
	excerpt(json_string_value(v), json_string_length(v), show, sizeof show);
	bad = date ? date_parse(json_string_value(v), canon) :
	    time_of_day_parse(json_string_value(v), canon);
	if (bad != 0)
		return error_set(err, ERR_INVALID, fd->name, date ? MSG_BAD_DATE : MSG_BAD_TIME,
		    fd->name, show);
	if (strcmp(canon, json_string_value(v)) != 0)
		return error_set(err, ERR_INVALID, fd->name,
		    date ? MSG_DATE_STORED : MSG_TIME_STORED, fd->name, show);
	return 0;
}

/* "a, b, c" of the choices, for a message (cut to fit). */
static void
choice_list(const struct form_field *fd, char *buf, size_t size)
{
	const char *sep;
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < fd->nchoices; i++) {
		sep = i ? ", " : "";
		if (used + strlen(sep) + strlen(fd->choices[i].value) + 1 > size)
			break;
		strcpy(buf + used, sep);
		strcat(buf + used, fd->choices[i].value);
		used += strlen(buf + used);
	}
}

static int
is_choice(const struct form_field *fd, const char *s)
{
	size_t i;

	for (i = 0; i < fd->nchoices; i++)
		if (strcmp(fd->choices[i].value, s) == 0)
			return 1;
	return 0;
}

static int
check_one_choice(const struct form_field *fd, json_t *v, struct error *err)
{
	char show[EXCERPT_MAX * 3 + 8], list[384];

	if (!json_is_string(v))
		return error_set(err, ERR_INVALID, fd->name, fd->type == FT_MULTI ?
		    MSG_EXPECT_LIST : MSG_EXPECT_TEXT, fd->name);
	if (check_string_bytes(fd, json_string_value(v), json_string_length(v), 0, err) != 0)
		return -1;
	if (is_choice(fd, json_string_value(v)))
		return 0;
	excerpt(json_string_value(v), json_string_length(v), show, sizeof show);
	choice_list(fd, list, sizeof list);
	return error_set(err, ERR_INVALID, fd->name, MSG_NOT_CHOICE, fd->name, show, list);
}

static int
check_multi(const struct form_field *fd, json_t *v, struct error *err)
{
	char show[EXCERPT_MAX * 3 + 8];
	size_t i, j;

	if (!json_is_array(v))
		return error_set(err, ERR_INVALID, fd->name, MSG_EXPECT_LIST, fd->name);
	for (i = 0; i < json_array_size(v); i++) {
		if (check_one_choice(fd, json_array_get(v, i), err) != 0)
			return -1;
		for (j = 0; j < i; j++) {
			if (strcmp(json_string_value(json_array_get(v, i)),
			    json_string_value(json_array_get(v, j))) == 0) {
				excerpt(json_string_value(json_array_get(v, i)),
				    strlen(json_string_value(json_array_get(v, i))), show,
				    sizeof show);
				return error_set(err, ERR_INVALID, fd->name, MSG_TWICE,
				    fd->name, show);
			}
		}
	}
	return 0;
}

/* Type, range, length, format and choices of a set value. */
static int
check_value(const struct form_field *fd, json_t *v, struct error *err)
{
	switch (fd->type) {
	case FT_TEXT: case FT_LONGTEXT: case FT_EMAIL: case FT_PHONE: case FT_URL:
		if (!json_is_string(v))
			return error_set(err, ERR_INVALID, fd->name, MSG_EXPECT_TEXT, fd->name);
		return check_text(fd, v, err);
	case FT_INT: case FT_DECIMAL:
		return check_number(fd, v, err);
	case FT_DATE: case FT_TIME:
		return check_date_time(fd, v, err);
	case FT_CHOICE:
		return check_one_choice(fd, v, err);
	case FT_MULTI:
		return check_multi(fd, v, err);
	case FT_BOOL:
		if (!json_is_boolean(v))
			return error_set(err, ERR_INVALID, fd->name, MSG_EXPECT_BOOL, fd->name);
		return 0;
	}
	return error_set(err, ERR_INVALID, fd->name, MSG_EXPECT_TEXT, fd->name);
}

static int
is_unset(json_t *v)
{
	return v == NULL || json_is_null(v);
}

/* Set but empty: blank text or an empty list. */
static int
is_empty(json_t *v)
{
	const char *s;
	size_t i, len;

	if (json_is_array(v))
		return json_array_size(v) == 0;
	if (!json_is_string(v))
		return 0;
	s = json_string_value(v);
	len = json_string_length(v);
	for (i = 0; i < len; i++)
		if (!is_space((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Required, then the value itself; rules are separate. */
static int
check_own(const struct form_field *fd, json_t *fields, struct error *err)
{
	json_t *v = json_object_get(fields, fd->name);

	if (is_unset(v) || (fd->required && is_empty(v)))
		return fd->required ?
		    error_set(err, ERR_INVALID, fd->name, MSG_REQUIRED, fd->name) : 0;
	return check_value(fd, v, err);
}

/* --- Rules --- */

/* The operand's value when set and valid for a comparison, else NULL. */
static json_t *
operand(const struct form *f, size_t at, json_t *fields)
{
	const struct form_field *fd = &f->fields[at];
	json_t *v = json_object_get(fields, fd->name);

	form_work_note(1);
	if (is_unset(v) || check_value(fd, v, NULL) != 0)
		return NULL;
	return v;
}

static int
rule_check(const struct form *f, const struct form_rule *r, json_t *fields,
    struct error *err)
{
	const struct form_field *subject = &f->fields[r->subject_at];
	const char *words = NULL;
	json_t *right, *v;
	char lhs[FORM_NUMBER_TEXT_MAX + 384], rhs[FORM_NUMBER_TEXT_MAX], num[FORM_NUMBER_TEXT_MAX];
	double sum = 0, cmp;
	size_t i;
	int dates, ok;

	if ((right = operand(f, r->right_at, fields)) == NULL)
		return 0;
	dates = json_is_string(right);
	for (i = 0; i < r->nleft; i++) {
		if ((v = operand(f, r->left_at[i], fields)) == NULL)
			return 0;
		if (dates != json_is_string(v))
			return 0;
		if (!dates)
			sum += json_number_value(v);
	}
	if (dates)
		cmp = strcmp(json_string_value(json_object_get(fields, r->left[0])),
		    json_string_value(right));
	else
		cmp = sum - json_number_value(right);
	if (strcmp(r->op, "<=") == 0)
		ok = cmp <= 0;
	else if (strcmp(r->op, ">=") == 0)
		ok = cmp >= 0;
	else if (strcmp(r->op, "<") == 0)
		ok = cmp < 0;
	else
		ok = cmp > 0;
	if (ok)
		return 0;

	for (i = 0; i < sizeof rule_words / sizeof rule_words[0]; i++)
		if (strcmp(rule_words[i].op, r->op) == 0)
			words = _(dates ? rule_words[i].dates : rule_words[i].numbers);
	if (dates) {
		snprintf(lhs, sizeof lhs, "%s",
		    json_string_value(json_object_get(fields, r->left[0])));
		snprintf(rhs, sizeof rhs, "%s", json_string_value(right));
	} else if (r->nleft == 1) {
		json_number_text(json_object_get(fields, r->left[0]), lhs, sizeof lhs);
		json_number_text(right, rhs, sizeof rhs);
	} else {
		/* "women + men (60)": the left side of the rule as written, and its sum. */
		form_number_format(sum, num, sizeof num);
		snprintf(lhs, sizeof lhs, "%.*s (%s)", (int)(strlen(r->text) - strlen(r->op) -
		    strlen(r->right) - 2), r->text, num);
		json_number_text(right, rhs, sizeof rhs);
	}
	return error_set(err, ERR_INVALID, subject->name, MSG_RULE, subject->name, lhs,
	    words != NULL ? words : "breaks", r->right, rhs);
}

/* --- The contract --- */

int
form_check_field(const struct form *f, const struct form_field *fd, json_t *fields,
    struct error *err)
{
	size_t i, at;

	if (!json_is_object(fields))
		return error_set(err, ERR_INVALID, "fields", MSG_NOT_OBJECT);
	if (check_own(fd, fields, err) != 0)
		return -1;
	at = (size_t)(fd - f->fields);
	if (f->member_first == NULL || at >= f->nfields)
		return 0;
	for (i = f->member_first[at]; i < f->member_first[at + 1]; i++)
		if (rule_check(f, &f->rules[f->member_rules[i]], fields, err) != 0)
			return -1;
	return 0;
}

/* Any JSON of an unknown key: strings valid UTF-8, at most RECORD_MAX_VALUE in all. */
static int
unknown_value_ok(json_t *v, size_t *total)
{
	const char *key;
	json_t *item;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_STRING:
		*total += json_string_length(v);
		return utf8_valid(json_string_value(v), json_string_length(v));
	case JSON_ARRAY:
		json_array_foreach(v, i, item)
			if (!unknown_value_ok(item, total))
				return 0;
		return 1;
	case JSON_OBJECT:
		json_object_foreach(v, key, item) {
			*total += strlen(key);
			if (!utf8_valid(key, strlen(key)) || !unknown_value_ok(item, total))
				return 0;
		}
		return 1;
	default:
		*total += 24;
		return 1;
	}
}

int
form_validate(const struct form *f, json_t *fields, struct error *err)
{
	const struct form_field *fd;
	const char *key;
	json_t *v;
	size_t i, j, total;
	char show[EXCERPT_MAX * 3 + 8];

	if (!json_is_object(fields))
		return error_set(err, ERR_INVALID, "fields", MSG_NOT_OBJECT);
	for (i = 0; i < f->nfields; i++) {
		fd = &f->fields[i];
		form_work_note(1);
		if (check_own(fd, fields, err) != 0)
			return -1;
		/* A rule is reported on its subject, so follow_up >= date waits for follow_up. */
		for (j = f->subject_first[i]; j < f->subject_first[i + 1]; j++)
			if (rule_check(f, &f->rules[f->subject_rules[j]], fields, err) != 0)
				return -1;
	}
	json_object_foreach(fields, key, v) {
		if (form_field(f, key) != NULL)
			continue;
		if (!utf8_valid(key, strlen(key)))
			return error_set(err, ERR_INVALID, "", MSG_BAD_KEY);
		excerpt(key, strlen(key), show, sizeof show);
		total = 0;
		if (!unknown_value_ok(v, &total))
			return error_set(err, ERR_INVALID, show, MSG_BAD_UTF8, show);
		if (total > RECORD_MAX_VALUE)
			return error_set(err, ERR_INVALID, show, MSG_TOO_LARGE, show,
			    RECORD_MAX_VALUE / 1024);
	}
	return 0;
}

/* --- Text typed by a person --- */

static int
parse_int(const char *s, json_int_t *out)
{
	const char *p = s;
	unsigned long long n = 0;
	int neg = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (*p == '\0')
		return -1;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || n > 100000000000000000ULL)
			return -1;
		n = n * 10 + (unsigned)(*p - '0');
	}
	*out = neg ? -(json_int_t)n : (json_int_t)n;
	return 0;
}

/* The choice that value names: its stored value, or a label in any language. */
static const struct form_choice *
find_choice(const struct form_field *fd, const char *s)
{
	const struct form_choice *c;
	size_t i, j;

	for (i = 0; i < fd->nchoices; i++)
		if (strcmp(fd->choices[i].value, s) == 0)
			return &fd->choices[i];
	for (i = 0; i < fd->nchoices; i++) {
		c = &fd->choices[i];
		if (c->label != NULL && strcasecmp(c->label, s) == 0)
			return c;
		for (j = 0; j < c->label_tr.n; j++)
			if (strcasecmp(c->label_tr.v[j].text, s) == 0)
				return c;
	}
	return NULL;
}

static int
not_a_choice(const struct form_field *fd, const char *s, struct error *err)
{
	char show[EXCERPT_MAX * 3 + 8], list[384];

	excerpt(s, strlen(s), show, sizeof show);
	choice_list(fd, list, sizeof list);
	return error_set(err, ERR_INVALID, fd->name, MSG_NOT_CHOICE, fd->name, show, list);
}

/* "a, b" to ["a", "b"]: blanks around items and empty items are dropped, repeats kept
 * once. */
static int
parse_multi(const struct form_field *fd, char *s, json_t **out, struct error *err)
{
	const struct form_choice *c;
	json_t *list = json_array();
	char *item, *end, *next;
	size_t i;

	for (item = s; item != NULL; item = next) {
		if ((next = strchr(item, ',')) != NULL)
			*next++ = '\0';
		while (is_space((unsigned char)*item))
			item++;
		end = item + strlen(item);
		while (end > item && is_space((unsigned char)end[-1]))
			*--end = '\0';
		if (*item == '\0')
			continue;
		if ((c = find_choice(fd, item)) == NULL) {
			json_decref(list);
			return not_a_choice(fd, item, err);
		}
		for (i = 0; i < json_array_size(list); i++)
			if (strcmp(json_string_value(json_array_get(list, i)), c->value) == 0)
				break;
		if (i == json_array_size(list))
			json_array_append_new(list, json_string(c->value));
	}
	if (json_array_size(list) == 0) {
		json_decref(list);
		list = NULL;
	}
	*out = list;
	return 0;
}

int
form_parse_value(const struct form_field *fd, const char *text, json_t **out,
    struct error *err)
{
	char show[EXCERPT_MAX * 3 + 8], canon[DATE_LEN + 1];
	const struct form_choice *c;
	size_t len = text != NULL ? strlen(text) : 0;
	char *s = NULL, *end, *p, *w;
	json_t *v = NULL;
	json_int_t n;
	double d;
	int b, rc = -1;

	if (len > RECORD_MAX_VALUE)
		return error_set(err, ERR_INVALID, fd->name, MSG_TOO_LARGE, fd->name,
		    RECORD_MAX_VALUE / 1024);
	if (!utf8_valid(text != NULL ? text : "", len))
		return error_set(err, ERR_INVALID, fd->name, MSG_BAD_UTF8, fd->name);
	/* Blanks around a value are never meant, except in long text where they may be
	 * layout; blank text is no value. */
	for (p = (char *)(text != NULL ? text : ""); is_space((unsigned char)*p); p++)
		;
	if (*p == '\0') {
		*out = NULL;
		return 0;
	}
	s = xstrdup(fd->type == FT_LONGTEXT ? text : p);
	end = s + strlen(s);
	while (fd->type != FT_LONGTEXT && end > s && is_space((unsigned char)end[-1]))
		*--end = '\0';
	excerpt(s, strlen(s), show, sizeof show);

	switch (fd->type) {
	case FT_LONGTEXT:
		/* Pasted text may carry CRLF line ends. */
		for (p = w = s; *p != '\0'; p++)
			if (!(*p == '\r' && p[1] == '\n'))
				*w++ = *p;
		*w = '\0';
		v = json_string(s);
		break;
	case FT_URL:
		/* "www.example.es" means the web. */
		if (strstr(s, "://") == NULL && strchr(s, ' ') == NULL) {
			p = xasprintf("https://%s", s);
			free(s);
			s = p;
		}
		v = json_string(s);
		break;
	case FT_TEXT: case FT_EMAIL: case FT_PHONE:
		v = json_string(s);
		break;
	case FT_INT:
		if (parse_int(s, &n) != 0) {
			error_set(err, ERR_INVALID, fd->name, MSG_NOT_INT, fd->name, show);
			goto out;
		}
		v = json_integer(n);
		break;
	case FT_DECIMAL:
		if (form_number_parse(s, &d) != 0) {
			error_set(err, ERR_INVALID, fd->name, MSG_NOT_NUMBER, fd->name, show);
			goto out;
		}
		v = json_real(d);
		break;
	case FT_DATE:
		if (date_parse(s, canon) != 0) {
			error_set(err, ERR_INVALID, fd->name, MSG_BAD_DATE, fd->name, show);
			goto out;
		}
		v = json_string(canon);
		break;
	case FT_TIME:
		if (time_of_day_parse(s, canon) != 0) {
			error_set(err, ERR_INVALID, fd->name, MSG_BAD_TIME, fd->name, show);
			goto out;
		}
		v = json_string(canon);
		break;
	case FT_CHOICE:
		if ((c = find_choice(fd, s)) == NULL) {
			not_a_choice(fd, s, err);
			goto out;
		}
		v = json_string(c->value);
		break;
	case FT_MULTI:
		if (parse_multi(fd, s, &v, err) != 0)
			goto out;
		break;
	case FT_BOOL:
		if (text_yes_no(s, &b) != 0) {
			error_set(err, ERR_INVALID, fd->name, MSG_NOT_BOOL, fd->name, show);
			goto out;
		}
		v = json_boolean(b);
		break;
	}
	if (v != NULL && check_value(fd, v, err) != 0)
		goto out;
	*out = v;
	v = NULL;
	rc = 0;
out:
	json_decref(v);
	free(s);
	return rc;
}

char *
form_value_local(const struct form_field *fd, json_t *value, const char *lang)
{
	char date[I18N_DATE_SHORT_LEN + 1], *text;

	if (fd->type == FT_DATE && json_is_string(value) &&
	    date_parse(json_string_value(value), NULL) == 0) {
		i18n_date_short(json_string_value(value), lang, date, sizeof date);
		return xstrdup(date);
	}
	text = form_value_text(fd, value);
	if (fd->type == FT_DECIMAL && json_is_number(value))
		i18n_number_local(text, lang);
	return text;
}

char *
form_value_text(const struct form_field *fd, json_t *value)
{
	char buf[FORM_NUMBER_TEXT_MAX], *s, *joined;
	size_t i;

	if (is_unset(value))
		return xstrdup("");
	switch (json_typeof(value)) {
	case JSON_STRING:
		return xstrndup(json_string_value(value), strlen(json_string_value(value)));
	case JSON_INTEGER:
	case JSON_REAL:
		json_number_text(value, buf, sizeof buf);
		return xstrdup(buf);
	case JSON_TRUE:
		return xstrdup("yes");
	case JSON_FALSE:
		return xstrdup("no");
	case JSON_ARRAY:
		if (fd->type == FT_MULTI) {
			joined = xstrdup("");
			for (i = 0; i < json_array_size(value); i++) {
				s = form_value_text(fd, json_array_get(value, i));
				joined = xrealloc(joined, strlen(joined) + strlen(s) + 3);
				if (i > 0)
					strcat(joined, ", ");
				strcat(joined, s);
				free(s);
			}
			return joined;
		}
		break;
	default:
		break;
	}
	/* Something a form does not expect (another client wrote it): show it as JSON. */
	s = json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT);
	joined = xstrdup(s != NULL ? s : "");
	free(s);
	return joined;
}

void
form_apply_defaults(const struct form *f, json_t *fields, const char *municipality)
{
	const struct form_field *fd;
	char today[DATE_LEN + 1];
	json_t *v;
	size_t i;

	if (f == NULL || !json_is_object(fields))
		return;
	for (i = 0; i < f->nfields; i++) {
		fd = &f->fields[i];
		if (!is_unset(json_object_get(fields, fd->name)))
			continue;
		v = NULL;
		if (strcmp(fd->name, "municipality") == 0 && is_text_type(fd->type) &&
		    municipality != NULL && form_parse_value(fd, municipality, &v, NULL) == 0 &&
		    v != NULL) {
			json_object_set_new(fields, fd->name, v);
			continue;
		}
		if (fd->default_value == NULL)
			continue;
		if (fd->type == FT_DATE && strcmp(fd->default_value, "today") == 0) {
			clock_today(today);
			v = json_string(today);
		} else if (form_parse_value(fd, fd->default_value, &v, NULL) != 0)
			v = NULL;
		if (v != NULL)
			json_object_set_new(fields, fd->name, v);
	}
}
