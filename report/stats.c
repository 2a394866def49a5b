/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stats.c: see stats.h. One pass over the rows of store_report_scan; the distinct
 * businesses and the groups live in two small open-addressing hash tables. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store_report.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/stats.h"

/* ---- folding ---- */

/* Base letters of U+0100..U+017F (Latin Extended-A), lower case. */
static const char latin_ext_a_base[] =
	"aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "ii" "jj"
	"kkk" "llllllllll" "nnnnnnn" "nn" "oooooo" "oo" "rrrrrr" "ssssssss" "tttttt"
	"uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

static unsigned
fold_case(unsigned cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 32;
	if (cp == 0x130)
		return 'i';
	if (cp == 0x178)
		return 0xff;
	if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177))
		return cp | 1;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
		return cp & 1 ? cp + 1 : cp;
	return cp;
}

/* The letter without its accent, for a lower-case cp; 0 when it has none to drop. */
static unsigned
fold_accent(unsigned cp)
{
	static const char latin1[] = "aaaaaaaceeeeiiii" "dnooooo" "\0" "ouuuuyty";

	if (cp >= 0xe0 && cp <= 0xff && cp != 0xf7 && cp != 0xe6 && cp != 0xf0 && cp != 0xfe)
		return (unsigned char)latin1[cp - 0xe0];
	if (cp >= 0x100 && cp <= 0x17f)
		return (unsigned char)latin_ext_a_base[cp - 0x100];
	return 0;
}

static int
is_blank(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' ||
	    cp == '\f' || cp == 0xa0;
}

static size_t
put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

char *
report_fold(const char *s, int strip_accents)
{
	size_t len = strlen(s), i = 0, o = 0, n;
	char *out = xmalloc(len + 1);	/* folding never makes a character longer */
	int blank = 0;
	unsigned cp, base;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			out[o++] = s[i++];
			blank = 0;
			continue;
		}
		i += n;
		if (is_blank(cp)) {
			blank = o > 0;
			continue;
		}
		if (blank)
			out[o++] = ' ';
		blank = 0;
		cp = fold_case(cp);
		if (strip_accents && (base = fold_accent(cp)) != 0)
			cp = base;
		o += put_utf8(out + o, cp);
	}
	out[o] = '\0';
	return out;
}

/* ---- a hash table of (tag, string) -> index ---- */

struct slot {
	char *key;		/* NULL: empty */
	long tag;
	long value;
	uint32_t hash;
};

struct table {
	struct slot *slots;
	size_t cap, n;
};

static uint32_t
hash_of(long tag, const char *key)
{
	uint32_t h = 2166136261u ^ (uint32_t)tag;

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h;
}

static void table_grow(struct table *t);

/* The slot of (tag, key); a new one (value -1, key copied) when absent. *added says so. */
static struct slot *
table_get(struct table *t, long tag, const char *key, int *added)
{
	uint32_t h = hash_of(tag, key);
	size_t i;

	if ((t->n + 1) * 4 > t->cap * 3)
		table_grow(t);
	for (i = h & (t->cap - 1); t->slots[i].key != NULL; i = (i + 1) & (t->cap - 1)) {
		struct slot *s = &t->slots[i];
		if (s->hash == h && s->tag == tag && strcmp(s->key, key) == 0) {
			*added = 0;
			return s;
		}
	}
	t->slots[i] = (struct slot){ .key = xstrdup(key), .tag = tag, .value = -1, .hash = h };
	t->n++;
	*added = 1;
	return &t->slots[i];
}

static void
table_grow(struct table *t)
{
	struct slot *old = t->slots;
	size_t oldcap = t->cap, i, j;

	t->cap = oldcap ? oldcap * 2 : 64;
	t->slots = xcalloc(t->cap, sizeof *t->slots);
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		for (j = old[i].hash & (t->cap - 1); t->slots[j].key != NULL;
		    j = (j + 1) & (t->cap - 1))
			;
		t->slots[j] = old[i];
	}
	free(old);
}

static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->slots[i].key);
	free(t->slots);
	memset(t, 0, sizeof *t);
}

/* ---- aggregation ---- */

/* The spellings of one group's municipality, to show the most common one. */
struct spelling {
	char *text;
	long n;
};

struct group_build {
	struct report_group g;
	struct spelling *spellings;
	size_t nspellings;
	char *sort_key;
};

struct agg {
	enum report_by by;
	const char *due_by;
	struct group_build *groups;
	size_t ngroups, cap;
	struct table group_index;	/* tag 0: group key -> index */
	struct table businesses;	/* tag: group index, or -1 for the total */
	struct table visited;		/* the same, over visits only */
	struct table web;		/* the same, over tasks only */
	struct report_group total;
};

static void
add_spelling(struct group_build *gb, const char *raw)
{
	char *t = text_trim(raw);
	size_t i;

	for (i = 0; i < gb->nspellings; i++) {
		if (strcmp(gb->spellings[i].text, t) == 0) {
			gb->spellings[i].n++;
			free(t);
			return;
		}
	}
	gb->spellings = xrealloc(gb->spellings, (gb->nspellings + 1) * sizeof *gb->spellings);
	gb->spellings[gb->nspellings++] = (struct spelling){ .text = t, .n = 1 };
}

static struct group_build *
group_of(struct agg *a, const char *raw)
{
	char *key = a->by == REPORT_BY_MUNICIPALITY ? report_fold(raw, 0) : xstrdup(raw);
	struct slot *s;
	struct group_build *gb;
	int added;

	s = table_get(&a->group_index, 0, key, &added);
	if (added) {
		if (a->ngroups == a->cap)
			a->groups = xrealloc(a->groups, (a->cap = a->cap ? a->cap * 2 : 16) *
			    sizeof *a->groups);
		gb = &a->groups[a->ngroups];
		memset(gb, 0, sizeof *gb);
		s->value = (long)a->ngroups++;
	}
	gb = &a->groups[s->value];
	if (a->by == REPORT_BY_MUNICIPALITY)
		add_spelling(gb, raw);
	else if (added)
		gb->g.key = xstrdup(raw);
	free(key);
	return gb;
}

/* name counts once in group gi and once in the total, in table t. */
static void
count_distinct(struct table *t, long gi, const char *key, long *in_group, long *in_total)
{
	int added;

	table_get(t, gi, key, &added);
	*in_group += added;
	table_get(t, -1, key, &added);
	*in_total += added;
}

static void
count_business(struct agg *a, long gi, struct report_group *g, const char *kind,
    const char *name)
{
	char *key = report_fold(name, 0);

	if (*key != '\0') {
		count_distinct(&a->businesses, gi, key, &g->businesses, &a->total.businesses);
		if (strcmp(kind, "visit") == 0)
			count_distinct(&a->visited, gi, key, &g->businesses_visited,
			    &a->total.businesses_visited);
		else
			count_distinct(&a->web, gi, key, &g->businesses_web,
			    &a->total.businesses_web);
	}
	free(key);
}

/* One row's figures, in the group whose key (raw: before folding) is group. */
static void
agg_add(struct agg *a, const struct store_report_row *row, const char *group)
{
	struct group_build *gb = group_of(a, group);
	struct report_group *g = &gb->g;
	char day[DATE_LEN + 1];

	if (strcmp(row->kind, "visit") == 0) {
		g->visits++;
		if (row->duration_min >= 0)
			g->minutes += (long)row->duration_min;
		if (row->follow_up != NULL && date_parse(row->follow_up, day) == 0 &&
		    strcmp(day, a->due_by) <= 0)
			g->follow_ups_due++;
	} else if (strcmp(row->kind, "task") == 0) {
		if (row->status != NULL && strcmp(row->status, "done") == 0)
			g->tasks_done++;
		else if (row->status == NULL || strcmp(row->status, "todo") == 0 ||
		    strcmp(row->status, "in_progress") == 0 ||
		    strcmp(row->status, "blocked") == 0)
			g->tasks_open++;
		if (row->hours >= 0)
			g->task_hours += row->hours;
	} else if (strcmp(row->kind, "workshop") == 0) {
		g->workshops++;
		if (row->attendees >= 0)
			g->attendees += (long)row->attendees;
		if (row->attendees_65plus >= 0)
			g->attendees_65plus += (long)row->attendees_65plus;
		if (row->women >= 0)
			g->women += (long)row->women;
		if (row->duration_min >= 0)
			g->minutes += (long)row->duration_min;
	}
	if (row->business != NULL &&
	    (strcmp(row->kind, "visit") == 0 || strcmp(row->kind, "task") == 0))
		count_business(a, (long)(gb - a->groups), g, row->kind, row->business);
}

static int
add_row(const struct store_report_row *row, void *payload)
{
	agg_add(payload, row, row->group);
	return 0;
}

/* The most common spelling; among equals the first in byte order, so that every laptop
 * shows the same. */
static void
choose_spelling(struct group_build *gb)
{
	struct spelling *best = NULL;
	size_t i;

	for (i = 0; i < gb->nspellings; i++) {
		struct spelling *s = &gb->spellings[i];
		if (best == NULL || s->n > best->n ||
		    (s->n == best->n && strcmp(s->text, best->text) < 0))
			best = s;
	}
	gb->g.key = xstrdup(best ? best->text : "");
}

static int
compare_groups(const void *pa, const void *pb)
{
	const struct group_build *a = pa, *b = pb;
	int c;

	/* Records without a municipality (or month) go last. */
	if ((*a->g.key == '\0') != (*b->g.key == '\0'))
		return *a->g.key == '\0' ? 1 : -1;
	if (a->sort_key != NULL && b->sort_key != NULL &&
	    (c = strcmp(a->sort_key, b->sort_key)) != 0)
		return c;
	return strcmp(a->g.key, b->g.key);
}

static void
agg_free(struct agg *a)
{
	size_t i, j;

	for (i = 0; i < a->ngroups; i++) {
		free(a->groups[i].g.key);
		free(a->groups[i].sort_key);
		for (j = 0; j < a->groups[i].nspellings; j++)
			free(a->groups[i].spellings[j].text);
		free(a->groups[i].spellings);
	}
	free(a->groups);
	table_free(&a->group_index);
	table_free(&a->businesses);
	table_free(&a->visited);
	table_free(&a->web);
}

/* The day follow-ups are due by, as report_by says: due_by, else f->to, else today. */
static int
due_day(const struct record_filter *f, const char *due_by, char day[DATE_LEN + 1],
    struct error *err)
{
	if (due_by == NULL)
		due_by = f->to;
	if (due_by == NULL) {
		clock_today(day);
		return 0;
	}
	if (date_parse(due_by, day) != 0)
		return error_set(err, ERR_INVALID, "due_by", _("due_by: '%s' is not a date"),
		    due_by);
	return 0;
}

/* Deleted records never count, and the figures are over every match. */
static struct record_filter
figures_filter(const struct record_filter *f)
{
	struct record_filter filter = *f;

	filter.include_deleted = 0;
	filter.limit = 0;
	filter.offset = 0;
	filter.after_date = filter.after_id = NULL;
	return filter;
}

/* The report an aggregation came to; a's groups and keys become the report's. */
static struct report *
agg_finish(struct agg *a)
{
	struct report *rep = xcalloc(1, sizeof *rep);
	size_t i;

	rep->by = a->by;
	snprintf(rep->due_by, sizeof rep->due_by, "%s", a->due_by);
	for (i = 0; i < a->ngroups; i++) {
		struct group_build *gb = &a->groups[i];
		if (a->by == REPORT_BY_MUNICIPALITY) {
			choose_spelling(gb);
			gb->sort_key = report_fold(gb->g.key, 1);
		} else if (a->by == REPORT_BY_SECTOR)
			gb->sort_key = report_fold(report_group_label(a->by, gb->g.key), 1);
	}
	/* No rows leave groups NULL, and qsort's base is declared nonnull. */
	if (a->ngroups > 1)
		qsort(a->groups, a->ngroups, sizeof *a->groups, compare_groups);
	rep->ngroups = a->ngroups;
	rep->groups = xcalloc(a->ngroups ? a->ngroups : 1, sizeof *rep->groups);
	rep->total = a->total;
	rep->total.key = xstrdup("");
	for (i = 0; i < a->ngroups; i++) {
		struct report_group *g = &a->groups[i].g;
		rep->groups[i] = *g;
		g->key = NULL;	/* now the report's */
		rep->total.visits += g->visits;
		rep->total.tasks_done += g->tasks_done;
		rep->total.tasks_open += g->tasks_open;
		rep->total.workshops += g->workshops;
		rep->total.attendees += g->attendees;
		rep->total.attendees_65plus += g->attendees_65plus;
		rep->total.women += g->women;
		rep->total.minutes += g->minutes;
		rep->total.task_hours += g->task_hours;
		rep->total.follow_ups_due += g->follow_ups_due;
	}
	return rep;
}

int
report_by(struct store *st, const struct record_filter *f, enum report_by by,
    const char *due_by, struct report **out, struct error *err)
{
	static const enum store_report_group store_group[] = {
		[REPORT_BY_NONE] = STORE_GROUP_NONE,
		[REPORT_BY_MUNICIPALITY] = STORE_GROUP_MUNICIPALITY,
		[REPORT_BY_VOLUNTEER] = STORE_GROUP_VOLUNTEER,
		[REPORT_BY_MONTH] = STORE_GROUP_MONTH,
		[REPORT_BY_SECTOR] = STORE_GROUP_SECTOR,
	};
	struct record_filter filter = figures_filter(f);
	struct agg a = { .by = by };
	char day[DATE_LEN + 1];
	int rc = -1;

	*out = NULL;
	if ((unsigned)by >= sizeof store_group / sizeof store_group[0])
		return error_set(err, ERR_INVALID, "--by", _("--by: unknown grouping"));
	if (due_day(f, due_by, day, err) != 0)
		return -1;
	a.due_by = day;
	if (store_report_scan(st, &filter, store_group[by], add_row, &a, err) != 0)
		goto out;
	*out = agg_finish(&a);
	rc = 0;
out:
	agg_free(&a);
	return rc;
}

struct several {
	struct agg *aggs;
	size_t n;
	store_report_cb hook;
	void *payload;
};

/* The group of a wide row in a grouping: what store_report_scan's SQL gives for it. */
static const char *
row_group(const struct store_report_row *row, enum report_by by, char month[8])
{
	switch (by) {
	case REPORT_BY_MUNICIPALITY:
		return row->municipality != NULL ? row->municipality : "";
	case REPORT_BY_VOLUNTEER:
		return row->volunteer != NULL ? row->volunteer : "";
	case REPORT_BY_MONTH:
		snprintf(month, 8, "%.7s", row->date != NULL ? row->date : "");
		return month;
	case REPORT_BY_SECTOR:
		return row->sector != NULL ? row->sector : "";
	case REPORT_BY_NONE:
		break;
	}
	return "";
}

static int
add_wide_row(const struct store_report_row *row, void *payload)
{
	struct several *sv = payload;
	char month[8];
	size_t i;

	for (i = 0; i < sv->n; i++)
		agg_add(&sv->aggs[i], row, row_group(row, sv->aggs[i].by, month));
	return sv->hook != NULL ? sv->hook(row, sv->payload) : 0;
}

int
report_by_several(struct store *st, const struct record_filter *f,
    const enum report_by *bys, size_t n, const char *due_by, store_report_cb hook,
    void *payload, struct report **outs, struct error *err)
{
	struct record_filter filter = figures_filter(f);
	struct several sv = { .n = n, .hook = hook, .payload = payload };
	char day[DATE_LEN + 1];
	size_t i;
	int rc = -1;

	for (i = 0; i < n; i++)
		outs[i] = NULL;
	for (i = 0; i < n; i++)
		if ((unsigned)bys[i] > REPORT_BY_SECTOR)
			return error_set(err, ERR_INVALID, "--by", _("--by: unknown grouping"));
	if (due_day(f, due_by, day, err) != 0)
		return -1;
	sv.aggs = xcalloc(n ? n : 1, sizeof *sv.aggs);
	for (i = 0; i < n; i++) {
		sv.aggs[i].by = bys[i];
		sv.aggs[i].due_by = day;
	}
	if (store_report_scan_wide(st, &filter, add_wide_row, &sv, err) != 0)
		goto out;
	for (i = 0; i < n; i++)
		outs[i] = agg_finish(&sv.aggs[i]);
	rc = 0;
out:
	for (i = 0; i < n; i++)
		agg_free(&sv.aggs[i]);
	free(sv.aggs);
	return rc;
}

void
report_free(struct report *rep)
{
	size_t i;

	if (rep == NULL)
		return;
	for (i = 0; i < rep->ngroups; i++)
		free(rep->groups[i].key);
	free(rep->groups);
	free(rep->total.key);
	free(rep);
}

static const char *const by_names[] = {
	[REPORT_BY_NONE] = "none",
	[REPORT_BY_MUNICIPALITY] = "municipality",
	[REPORT_BY_VOLUNTEER] = "volunteer",
	[REPORT_BY_MONTH] = "month",
	[REPORT_BY_SECTOR] = "sector",
};

int
report_by_parse(const char *s, enum report_by *out)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof by_names / sizeof by_names[0]; i++) {
		if (strcmp(s, by_names[i]) == 0) {
			*out = (enum report_by)i;
			return 0;
		}
	}
	return -1;
}

const char *
report_by_name(enum report_by by)
{
	return (unsigned)by < sizeof by_names / sizeof by_names[0] ? by_names[by] : "none";
}

const char *
report_group_label(enum report_by by, const char *key)
{
	const struct form *form = by == REPORT_BY_SECTOR ? forms_get("business") : NULL;
	const struct form_field *fd = form != NULL ? form_field(form, "sector") : NULL;

	if (fd == NULL || key == NULL || *key == '\0')
		return key != NULL ? key : "";
	return form_choice_label(fd, key, i18n_lang());
}

double
report_hours(const struct report_group *g)
{
	return (double)g->minutes / 60.0 + g->task_hours;
}

double
report_share(long part, long whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : -1;
}

/* value rounded to `decimals` places as text with a '.', whatever the locale. */
static void
format_fixed(double value, int decimals, char *buf, size_t size)
{
	long long scale = decimals == 2 ? 100 : 10, v;

	v = (long long)(value * (double)scale + (value < 0 ? -0.5 : 0.5));
	snprintf(buf, size, "%s%lld.%0*lld", v < 0 ? "-" : "", (v < 0 ? -v : v) / scale,
	    decimals, (v < 0 ? -v : v) % scale);
}

void
report_format_hours(double hours, char *buf, size_t size)
{
	format_fixed(hours, 2, buf, size);
}

void
report_format_share(double share, char *buf, size_t size)
{
	if (share < 0)
		snprintf(buf, size, "%s", "");
	else
		format_fixed(share, 1, buf, size);
}

void
report_group_cells(const struct report_group *g, const char *lang,
    char cells[REPORT_NCELLS][REPORT_CELL])
{
	snprintf(cells[1], REPORT_CELL, "%ld", g->visits);
	snprintf(cells[2], REPORT_CELL, "%ld", g->businesses);
	snprintf(cells[3], REPORT_CELL, "%ld", g->businesses_visited);
	snprintf(cells[4], REPORT_CELL, "%ld", g->businesses_web);
	snprintf(cells[5], REPORT_CELL, "%ld", g->tasks_done);
	snprintf(cells[6], REPORT_CELL, "%ld", g->tasks_open);
	snprintf(cells[7], REPORT_CELL, "%ld", g->workshops);
	snprintf(cells[8], REPORT_CELL, "%ld", g->attendees);
	snprintf(cells[9], REPORT_CELL, "%ld", g->attendees_65plus);
	report_format_share(report_share(g->attendees_65plus, g->attendees), cells[10],
	    REPORT_CELL);
	snprintf(cells[11], REPORT_CELL, "%ld", g->women);
	report_format_share(report_share(g->women, g->attendees), cells[12], REPORT_CELL);
	report_format_hours(report_hours(g), cells[13], REPORT_CELL);
	snprintf(cells[14], REPORT_CELL, "%ld", g->follow_ups_due);
	i18n_number_local(cells[10], lang);
	i18n_number_local(cells[12], lang);
	i18n_number_local(cells[13], lang);
	if (cells[10][0] == '\0')
		snprintf(cells[10], REPORT_CELL, "-");
	if (cells[12][0] == '\0')
		snprintf(cells[12], REPORT_CELL, "-");
}
