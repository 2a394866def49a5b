/* SPDX-License-Identifier: GPL-3.0-or-later */
/* record.c: see record.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/record.h"
#include "core/text.h"
#include "core/util.h"

/* business last: the tabs and the registry keep their numbers (1 Visits ... 5 Businesses). */
static const char *const kinds[] = { "visit", "task", "workshop", "business" };

int
record_kind_valid(const char *kind)
{
	size_t i;

	for (i = 0; kind != NULL && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return 1;
	return 0;
}

const char *
record_kind_at(size_t i)
{
	return i < sizeof kinds / sizeof kinds[0] ? kinds[i] : NULL;
}

int64_t
record_rev_next(int64_t rev)
{
	if (rev < 0)
		return 1;
	return rev >= RECORD_REV_MAX ? RECORD_REV_MAX : rev + 1;
}

struct record *
record_new(const char *kind)
{
	struct record *r = xcalloc(1, sizeof *r);

	snprintf(r->kind, sizeof r->kind, "%s", kind);
	r->volunteer = xstrdup("");
	r->device = xstrdup("");
	r->fields = json_object();
	return r;
}

void
record_free(struct record *r)
{
	if (r == NULL)
		return;
	free(r->volunteer);
	free(r->device);
	json_decref(r->fields);
	free(r);
}

struct record *
record_dup(const struct record *r)
{
	struct record *d = xmalloc(sizeof *d);

	*d = *r;
	d->volunteer = xstrdup(r->volunteer);
	d->device = xstrdup(r->device);
	d->fields = json_deep_copy(r->fields);
	return d;
}

json_t *
record_to_object(const struct record *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(r->id));
	json_object_set_new(o, "kind", json_string(r->kind));
	json_object_set_new(o, "volunteer", json_string(r->volunteer));
	json_object_set_new(o, "device", json_string(r->device));
	json_object_set_new(o, "rev", json_integer(r->rev));
	json_object_set_new(o, "created", json_string(r->created));
	json_object_set_new(o, "updated", json_string(r->updated));
	json_object_set_new(o, "deleted", json_boolean(r->deleted));
	json_object_set(o, "fields", r->fields);
	return o;
}

double
real_from_digits(const char *digits, int exp10)
{
	char buf[440];

	/* No radix character: strtod reads this the same in every locale. */
	snprintf(buf, sizeof buf, "%.400se%d", digits, exp10);
	return strtod(buf, NULL);
}

int
real_shortest_digits(double d, char digits[REAL_DIGITS_MAX + 1], int *exp10)
{
	char buf[48], *e;
	int p, n = 0;
	const char *q;

	d = fabs(d);
	if (d == 0 || !isfinite(d)) {
		strcpy(digits, "0");
		*exp10 = 0;
		return 1;
	}
	for (p = 1; p <= REAL_DIGITS_MAX; p++) {
		/* "4.55e+00": the digits around the locale's radix character, then the
		 * exponent. */
		snprintf(buf, sizeof buf, "%.*e", p - 1, d);
		if ((e = strchr(buf, 'e')) == NULL)
			break;
		for (n = 0, q = buf; q < e; q++)
			if (*q >= '0' && *q <= '9')
				digits[n++] = *q;
		digits[n] = '\0';
		*exp10 = (int)strtol(e + 1, NULL, 10);
		if (real_from_digits(digits, *exp10 - (n - 1)) == d)
			break;
	}
	/* %.Ne pads with zeros; the shortest form has none at the end. */
	while (n > 1 && digits[n - 1] == '0')
		digits[--n] = '\0';
	return n;
}

void
real_text(double d, char *buf, size_t size)
{
	char digits[REAL_DIGITS_MAX + 1];
	int exp10, n = real_shortest_digits(d, digits, &exp10), i;
	size_t len = 0;

#define PUT(c) do { if (len + 1 < size) buf[len++] = (c); } while (0)
	if (size == 0)
		return;
	if (d < 0 && !(n == 1 && digits[0] == '0'))
		PUT('-');
	if (exp10 < 0) {
		PUT('0');
		PUT('.');
		for (i = 0; i < -exp10 - 1; i++)
			PUT('0');
		for (i = 0; i < n; i++)
			PUT(digits[i]);
	} else {
		for (i = 0; i <= exp10 || i < n; i++) {
			if (i == exp10 + 1)
				PUT('.');
			PUT(i < n ? digits[i] : '0');
		}
	}
#undef PUT
	buf[len] = '\0';
}

/* A real as %g would write it with the shortest digits: positional from 1e-4 to below
 * 1e15, else d.ddde-X as jansson writes it; ".0" when it would read as an integer. */
static void
real_json_text(double d, char *out, size_t size)
{
	char digits[REAL_DIGITS_MAX + 1];
	int exp10, n = real_shortest_digits(d, digits, &exp10), i, len = 0;
	const char *sign = signbit(d) ? "-" : "";

	if (exp10 < -4 || exp10 >= 15) {
		/* jansson writes "1e15" and "1.5e-5": no '+', no leading zero. */
		snprintf(out, size, "%s%c%s%se%d", sign, digits[0], n > 1 ? "." : "",
		    digits + 1, exp10);
		return;
	}
	len = snprintf(out, size, "%s", sign);
	if (exp10 < 0) {
		len += snprintf(out + len, size - (size_t)len, "0.");
		for (i = 0; i < -exp10 - 1; i++)
			len += snprintf(out + len, size - (size_t)len, "0");
		snprintf(out + len, size - (size_t)len, "%s", digits);
		return;
	}
	for (i = 0; i <= exp10 || i < n; i++) {
		if (i == exp10 + 1)
			len += snprintf(out + len, size - (size_t)len, ".");
		len += snprintf(out + len, size - (size_t)len, "%c", i < n ? digits[i] : '0');
	}
	if (n <= exp10 + 1)
		snprintf(out + len, size - (size_t)len, ".0");
}

/* The double a JSON number token (jansson's output: '.' as the point) stands for. */
static double
real_token_value(const char *s, size_t len)
{
	char digits[420];
	size_t i, n = 0;
	int frac = 0, point = 0, exp10 = 0, neg = 0;
	double d;

	for (i = 0; i < len; i++) {
		if (s[i] == '-' && i == 0)
			neg = 1;
		else if (s[i] == '.')
			point = 1;
		else if (s[i] >= '0' && s[i] <= '9' && n < sizeof digits - 1) {
			digits[n++] = s[i];
			frac += point;
		} else if (s[i] == 'e' || s[i] == 'E') {
			exp10 = (int)strtol(s + i + 1, NULL, 10);
			break;
		}
	}
	digits[n] = '\0';
	d = real_from_digits(n > 0 ? digits : "0", exp10 - frac);
	return neg ? -d : d;
}

char *
record_json_dumps(const json_t *v, size_t flags)
{
	char *raw = json_dumps(v, (flags & ~(size_t)JSON_REAL_PRECISION(31)) |
	    JSON_REAL_PRECISION(REAL_DIGITS_MAX));
	char *out = NULL, num[64];
	size_t len = 0, rawlen, cap, i, start, n;
	int in_string = 0, real;

	if (raw == NULL)
		return NULL;
	rawlen = strlen(raw);
	cap = rawlen + 1;
	out = xmalloc(cap);
	for (i = 0; i < rawlen;) {
		if (in_string || !(raw[i] == '-' || (raw[i] >= '0' && raw[i] <= '9'))) {
			if (in_string && raw[i] == '\\' && i + 1 < rawlen)
				out[len++] = raw[i++];
			else if (raw[i] == '"')
				in_string = !in_string;
			out[len++] = raw[i++];
			continue;
		}
		/* A number outside any string: a real gets its shortest digits. */
		for (start = i, real = 0; i < rawlen && strchr("-+.eE0123456789", raw[i]) != NULL;
		    i++)
			real |= raw[i] == '.' || raw[i] == 'e' || raw[i] == 'E';
		if (real) {
			real_json_text(real_token_value(raw + start, i - start), num, sizeof num);
			n = strlen(num);
			/* "1.2345678901234568e+15" is longer than %.17g's positional form. */
			if (len + n + (rawlen - i) + 1 > cap) {
				cap = len + n + (rawlen - i) + 1 + 256;
				out = xrealloc(out, cap);
			}
			memcpy(out + len, num, n);
			len += n;
		} else {
			memcpy(out + len, raw + start, i - start);
			len += i - start;
		}
	}
	out[len] = '\0';
	free(raw);
	return out;
}

char *
repo_json_text(json_t *o)
{
	char *text = record_json_dumps(o, JSON_SORT_KEYS | JSON_INDENT(2)), *out;

	if (text == NULL)
		util_out_of_memory();	/* only on allocation failure */
	out = xasprintf("%s\n", text);
	free(text);
	return out;
}

char *
record_to_json(const struct record *r)
{
	json_t *o = record_to_object(r);
	char *out = repo_json_text(o);

	json_decref(o);
	return out;
}

static int
get_string(json_t *obj, const char *key, const char **out, struct error *err)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_string(v))
		return error_set(err, ERR_INVALID, key, _("%s: missing or not a string"), key);
	*out = json_string_value(v);
	return 0;
}

/* Unicode controls or other hostile text in any string of the fields. */
static int
value_ok(json_t *v, int depth)
{
	size_t i;
	const char *k;
	json_t *e;

	if (depth > 4)
		return 0;
	if (json_is_string(v))
		return utf8_valid(json_string_value(v), json_string_length(v)) &&
		    strlen(json_string_value(v)) == json_string_length(v);
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			if (!value_ok(e, depth + 1))
				return 0;
	}
	if (json_is_object(v)) {
		json_object_foreach(v, k, e)
			if (!utf8_valid(k, strlen(k)) || !value_ok(e, depth + 1))
				return 0;
	}
	return 1;
}

/* record_from_object; with steal, r takes obj's fields object itself rather than a copy
 * (record_from_json, whose obj is freed at once: the copy was a sixth of its decoding). */
static int
from_object(struct record **out, json_t *obj, int steal, struct error *err)
{
	const char *id = NULL, *kind = NULL, *vol = NULL, *dev = "", *created = NULL;
	const char *updated = NULL;
	json_t *rev, *deleted, *fields;
	struct record *r;

	if (!json_is_object(obj))
		return error_set(err, ERR_INVALID, "", _("not a JSON object"));
	if (get_string(obj, "id", &id, err) || get_string(obj, "kind", &kind, err) ||
	    get_string(obj, "volunteer", &vol, err) ||
	    get_string(obj, "created", &created, err) ||
	    get_string(obj, "updated", &updated, err))
		return -1;
	if (json_object_get(obj, "device") != NULL && get_string(obj, "device", &dev, err))
		return -1;
	if (!uuid_valid(id))
		return error_set(err, ERR_INVALID, "id", _("id: '%.40s' is not a UUID"), id);
	if (!record_kind_valid(kind))
		return error_set(err, ERR_INVALID, "kind", _("kind: unknown kind '%.20s'"), kind);
	if (*vol == '\0' || strlen(vol) > VOLUNTEER_ID_MAX || text_needs_sanitize(vol, 0))
		return error_set(err, ERR_INVALID, "volunteer", _("volunteer: not a valid id"));
	if (strlen(dev) > VOLUNTEER_ID_MAX || text_needs_sanitize(dev, 0))
		return error_set(err, ERR_INVALID, "device", _("device: not a valid id"));
	if (!iso_time_valid(created))
		return error_set(err, ERR_INVALID, "created", _("created: not an ISO 8601 UTC "
		    "time (YYYY-MM-DDTHH:MM:SSZ)"));
	if (!iso_time_valid(updated))
		return error_set(err, ERR_INVALID, "updated", _("updated: not an ISO 8601 UTC "
		    "time (YYYY-MM-DDTHH:MM:SSZ)"));
	rev = json_object_get(obj, "rev");
	if (!json_is_integer(rev) || json_integer_value(rev) < 0)
		return error_set(err, ERR_INVALID, "rev", _("rev: not a counter"));
	if (json_integer_value(rev) > RECORD_REV_MAX)
		return error_set(err, ERR_INVALID, "rev", _("rev: %lld is beyond the largest "
		    "counter a record can reach (%lld): refused as hostile"),
		    (long long)json_integer_value(rev), (long long)RECORD_REV_MAX);
	deleted = json_object_get(obj, "deleted");
	if (deleted != NULL && !json_is_boolean(deleted))
		return error_set(err, ERR_INVALID, "deleted", _("deleted: not true or false"));
	fields = json_object_get(obj, "fields");
	if (!json_is_object(fields))
		return error_set(err, ERR_INVALID, "fields", _("fields: missing or not an object"));
	if (!value_ok(fields, 0))
		return error_set(err, ERR_INVALID, "fields", _("fields: invalid UTF-8 or nesting"));

	r = record_new(kind);
	snprintf(r->id, sizeof r->id, "%s", id);
	free(r->volunteer);
	r->volunteer = xstrdup(vol);
	free(r->device);
	r->device = xstrdup(dev);
	r->rev = json_integer_value(rev);
	snprintf(r->created, sizeof r->created, "%s", created);
	snprintf(r->updated, sizeof r->updated, "%s", updated);
	r->deleted = json_is_true(deleted);
	json_decref(r->fields);
	r->fields = steal ? json_incref(fields) : json_deep_copy(fields);
	*out = r;
	return 0;
}

int
record_from_object(struct record **out, json_t *obj, struct error *err)
{
	return from_object(out, obj, 0, err);
}

void
record_json_init(void)
{
	json_set_alloc_funcs(xmalloc, free);
}

int
record_json_load_error(const json_error_t *jerr, struct error *err)
{
	if (json_error_code(jerr) == json_error_out_of_memory)
		return error_set(err, ERR_FAILED, "", _("out of memory"));
	return error_set(err, ERR_INVALID, "", _("not JSON (line %d: %s)"), jerr->line,
	    jerr->text);
}

/*
 * record_json_lean: json_loadb's tree for what record files hold, read in one pass.
 * Why: jansson reads a character at a time through its stream and buffers every token;
 * for a first import of 100,000 files that was 60 % of the reader thread's instructions
 * (callgrind, 10,000 files: 91,000 a file of 500 bytes), and the reader thread was the
 * import's slower one. Only what this reads exactly as jansson reads it is taken: strings
 * without escapes or control characters, integers of at most 18 digits, reals with at
 * most 17 digits and no exponent (correctly rounded, as strtod), true, false, null,
 * nesting to LEAN_DEPTH_MAX, no duplicate key, nothing after the object. Anything else
 * is NULL and json_loadb reads it, so what is accepted, refused and said about it stays
 * jansson's. The text is valid UTF-8 already (utf8_valid, which refuses what jansson
 * refuses).
 */
#define LEAN_DEPTH_MAX 32

struct lean {
	const char *p, *end;
	int depth;
};

static json_t *lean_value(struct lean *l);

static void
lean_space(struct lean *l)
{
	while (l->p < l->end && (*l->p == ' ' || *l->p == '\n' || *l->p == '\r' ||
	    *l->p == '\t'))
		l->p++;
}

/* 1, past it, when the next byte is c; else 0, l unmoved. */
static int
lean_take(struct lean *l, char c)
{
	if (l->p >= l->end || *l->p != c)
		return 0;
	l->p++;
	return 1;
}

/* After a number or a literal: only what ends a value in an object or an array. */
static int
lean_ends(const struct lean *l)
{
	return l->p < l->end && (*l->p == ',' || *l->p == '}' || *l->p == ']' ||
	    *l->p == ' ' || *l->p == '\n' || *l->p == '\r' || *l->p == '\t');
}

/* A string at l->p: its bytes (borrowed) and length; -1 for one this does not read. */
static int
lean_string(struct lean *l, const char **s, size_t *n)
{
	const char *q;

	if (l->p >= l->end || *l->p != '"')
		return -1;
	for (q = l->p + 1; q < l->end && *q != '"'; q++)
		if ((unsigned char)*q < 0x20 || *q == '\\')
			return -1;
	if (q >= l->end)
		return -1;
	*s = l->p + 1;
	*n = (size_t)(q - *s);
	l->p = q + 1;
	return 0;
}

static json_t *
lean_number(struct lean *l)
{
	char digits[20];
	size_t nd = 0, i;
	int neg = 0, exp10 = 0, real = 0;
	long long v = 0;
	double d;

	if (*l->p == '-') {
		neg = 1;
		l->p++;
	}
	if (l->p >= l->end || *l->p < '0' || *l->p > '9' ||
	    (*l->p == '0' && l->p + 1 < l->end && l->p[1] >= '0' && l->p[1] <= '9'))
		return NULL;
	while (l->p < l->end && *l->p >= '0' && *l->p <= '9') {
		if (nd == 18)
			return NULL;
		digits[nd++] = *l->p++;
	}
	if (lean_take(l, '.')) {
		real = 1;
		if (l->p >= l->end || *l->p < '0' || *l->p > '9')
			return NULL;
		/* At most 17 digits in all, the integer part's included (18 of them can
		 * come before the point). */
		while (l->p < l->end && *l->p >= '0' && *l->p <= '9') {
			if (nd >= 17)
				return NULL;
			digits[nd++] = *l->p++;
			exp10--;
		}
	}
	if (!lean_ends(l))
		return NULL;	/* an exponent, or anything jansson would refuse */
	if (!real) {
		for (i = 0; i < nd; i++)
			v = v * 10 + (digits[i] - '0');
		return json_integer(neg ? -v : v);
	}
	digits[nd] = '\0';
	d = real_from_digits(digits, exp10);
	return json_real(neg ? -d : d);
}

static json_t *
lean_object(struct lean *l)
{
	json_t *o = json_object(), *v;
	const char *key;
	size_t klen, size;

	l->p++;
	lean_space(l);
	if (lean_take(l, '}'))
		return o;
	for (;;) {
		if (lean_string(l, &key, &klen) != 0)
			break;
		lean_space(l);
		if (!lean_take(l, ':'))
			break;
		lean_space(l);
		if ((v = lean_value(l)) == NULL)
			break;
		size = json_object_size(o);
		if (json_object_setn_new_nocheck(o, key, klen, v) != 0 ||
		    json_object_size(o) == size)
			break;	/* a duplicate key: jansson's to refuse */
		lean_space(l);
		if (lean_take(l, '}'))
			return o;
		if (!lean_take(l, ','))
			break;
		lean_space(l);
	}
	json_decref(o);
	return NULL;
}

static json_t *
lean_array(struct lean *l)
{
	json_t *a = json_array(), *v;

	l->p++;
	lean_space(l);
	if (lean_take(l, ']'))
		return a;
	for (;;) {
		if ((v = lean_value(l)) == NULL || json_array_append_new(a, v) != 0)
			break;
		lean_space(l);
		if (lean_take(l, ']'))
			return a;
		if (!lean_take(l, ','))
			break;
		lean_space(l);
	}
	json_decref(a);
	return NULL;
}

static json_t *
lean_literal(struct lean *l, const char *word, json_t *value)
{
	size_t n = strlen(word);

	if ((size_t)(l->end - l->p) < n || memcmp(l->p, word, n) != 0)
		return NULL;
	l->p += n;
	return lean_ends(l) ? value : NULL;
}

static json_t *
lean_value(struct lean *l)
{
	const char *s;
	size_t n;
	json_t *v = NULL;

	if (l->p >= l->end)
		return NULL;
	switch (*l->p) {
	case '{':
	case '[':
		if (l->depth == LEAN_DEPTH_MAX)
			return NULL;
		l->depth++;
		v = *l->p == '{' ? lean_object(l) : lean_array(l);
		l->depth--;
		return v;
	case '"':
		return lean_string(l, &s, &n) == 0 ? json_stringn_nocheck(s, n) : NULL;
	case 't':
		return lean_literal(l, "true", json_true());
	case 'f':
		return lean_literal(l, "false", json_false());
	case 'n':
		return lean_literal(l, "null", json_null());
	default:
		return lean_number(l);
	}
}

json_t *
record_json_lean(const char *text, size_t len)
{
	struct lean l = { text, text + len, 0 };
	json_t *o;

	lean_space(&l);
	if (l.p >= l.end || *l.p != '{')
		return NULL;
	l.depth = 1;
	if ((o = lean_object(&l)) == NULL)
		return NULL;
	lean_space(&l);
	if (l.p != l.end) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int
record_from_json(struct record **out, const char *text, size_t len, struct error *err)
{
	json_error_t jerr;
	json_t *obj;
	int rc;

	if (len > RECORD_MAX_FILE)
		return error_set(err, ERR_INVALID, "", _("file of %zu bytes is over the limit of %d"),
		    len, RECORD_MAX_FILE);
	if (!utf8_valid(text, len))
		return error_set(err, ERR_INVALID, "", _("not valid UTF-8"));
	if ((obj = record_json_lean(text, len)) == NULL &&
	    (obj = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return record_json_load_error(&jerr, err);
	rc = from_object(out, obj, 1, err);
	json_decref(obj);
	return rc;
}

int
record_path(const struct record *r, char *out, size_t size)
{
	char day[11];

	if (uuid_v7_day_path(r->id, day) != 0)
		return -1;
	snprintf(out, size, "records/%s/%s/%s.json", r->kind, day, r->id);
	return 0;
}

const char *
record_field_str(const struct record *r, const char *name)
{
	json_t *v = json_object_get(r->fields, name);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

char *
record_field_text(const struct record *r, const char *name)
{
	json_t *v = json_object_get(r->fields, name), *e;
	size_t i, len = 0;
	char *out, *s;

	if (v == NULL || json_is_null(v))
		return xstrdup("");
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v)) {
		char buf[REAL_TEXT_MAX];

		real_text(json_real_value(v), buf, sizeof buf);
		return xstrdup(buf);
	}
	if (json_is_boolean(v))
		return xstrdup(json_is_true(v) ? "yes" : "no");
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			if (json_is_string(e))
				len += json_string_length(e) + 2;
		out = xmalloc(len + 1);
		out[0] = '\0';
		s = out;
		json_array_foreach(v, i, e) {
			if (!json_is_string(e))
				continue;
			s += sprintf(s, "%s%s", s == out ? "" : ", ", json_string_value(e));
		}
		return out;
	}
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

void
record_sort_date(const struct record *r, char *out)
{
	const char *d = record_field_str(r, "date");

	if (d != NULL && date_parse(d, NULL) == 0 && strlen(d) == DATE_LEN)
		snprintf(out, DATE_LEN + 1, "%s", d);
	else
		snprintf(out, DATE_LEN + 1, "%.10s", r->created);
}

const char *
record_label(const struct record *r)
{
	const char *s;

	if (strcmp(r->kind, "business") == 0)
		return (s = record_field_str(r, "name")) != NULL ? s : "";
	if (strcmp(r->kind, "workshop") != 0 && (s = record_field_str(r, "business")) != NULL)
		return s;
	if ((s = record_field_str(r, "title")) != NULL)
		return s;
	return "";
}

void
record_row_of(const struct record *r, struct record_row *out)
{
	const char *muni = record_field_str(r, "municipality");
	int task = strcmp(r->kind, "task") == 0;
	json_t *v = json_object_get(r->fields, "attendees");

	memset(out, 0, sizeof *out);
	memcpy(out->id, r->id, sizeof out->id);
	memcpy(out->kind, r->kind, sizeof out->kind);
	out->volunteer = r->volunteer;
	record_sort_date(r, out->date);
	out->municipality = muni != NULL ? muni : "";
	out->label = record_label(r);
	out->business = record_field_str(r, "business");
	out->title = task ? record_field_str(r, "title") : NULL;
	out->status = task ? record_field_str(r, "status") : NULL;
	if (strcmp(r->kind, "workshop") == 0 && json_is_integer(v)) {
		out->has_attendees = 1;
		out->attendees = (long long)json_integer_value(v);
	}
	out->deleted = r->deleted;
	out->synced = r->synced;
	out->conflict = r->conflict;
	out->flagged = r->flagged;
}
