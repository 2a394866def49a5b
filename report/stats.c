/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stats.c: see stats.h. One pass over the rows of store_report_scan; the groups and the
 * businesses' names live in small open-addressing hash tables, and which business was
 * counted in which group in sets of numbers. */
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

/* s folded into out, which has room for strlen(s) + 1 bytes: folding never makes a
 * character longer. */
static char *
fold_into(const char *s, size_t len, int strip_accents, char *out)
{
	size_t i = 0, o = 0, n;
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

char *
report_fold(const char *s, int strip_accents)
{
	size_t len = strlen(s);

	return fold_into(s, len, strip_accents, xmalloc(len + 1));
}

/* A name folded (report_fold) into buf when it fits, else into memory of its own: the
 * report folds a name or two a row, and a malloc and a free each cost more than the
 * folding (perf, 1,000,000 records). Give the result to fold_done. */
#define FOLD_BUF 128
static char *
fold_quick(const char *s, char buf[FOLD_BUF])
{
	size_t len = strlen(s);

	return fold_into(s, len, 0, len < FOLD_BUF ? buf : xmalloc(len + 1));
}

static void
fold_done(char *folded, char buf[FOLD_BUF])
{
	if (folded != buf)
		free(folded);
}

/* ---- a hash table of (tag, string) -> index ---- */

struct slot {
	char *key;		/* NULL: empty */
	long tag;
	long value;
	uint32_t hash;
};

/* The tables' keys live in chunks freed all at once: 100,000 records make some 200,000
 * distinct (group, business) keys, and a malloc and a free each were a tenth of the
 * programme report's time. */
struct key_chunk {
	struct key_chunk *next;
	size_t used, cap;
	char text[];
};

struct table {
	struct slot *slots;
	size_t cap, n;
	struct key_chunk *keys;
};

static char *
table_keep(struct table *t, const char *key)
{
	size_t len = strlen(key) + 1;
	struct key_chunk *c = t->keys;

	if (c == NULL || c->cap - c->used < len) {
		size_t cap = len > 32768 ? len : 32768;
		c = xmalloc(sizeof *c + cap);
		c->next = t->keys;
		c->used = 0;
		c->cap = cap;
		t->keys = c;
	}
	memcpy(c->text + c->used, key, len);
	c->used += len;
	return c->text + c->used - len;
}

/* The key's hash mixed with the tag, and its bits spread (murmur3's finaliser): the low
 * bits pick the slot. */
static uint32_t
hash_with(uint32_t kh, long tag)
{
	uint32_t h = kh ^ ((uint32_t)tag * 0x9e3779b1u);

	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

static void table_grow(struct table *t);

/* The slot of (tag, key), kh its util_hash; a new one (value -1, key copied) when absent.
 * *added says so. */
static struct slot *
table_get_hashed(struct table *t, long tag, const char *key, uint32_t kh, int *added)
{
	uint32_t h = hash_with(kh, tag);
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
	t->slots[i] = (struct slot){ .key = table_keep(t, key), .tag = tag, .value = -1,
		.hash = h };
	t->n++;
	*added = 1;
	return &t->slots[i];
}

static struct slot *
table_get(struct table *t, long tag, const char *key, int *added)
{
	return table_get_hashed(t, tag, key, util_hash(key), added);
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
	struct key_chunk *c, *next;

	for (c = t->keys; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(t->slots);
	memset(t, 0, sizeof *t);
}

/* ---- a set of (group, business) pairs, each a number ---- */

/*
 * Why numbers: at 1,000,000 records the programme report looked up some 400,000
 * (group, business name) keys a dozen times a row, and the lookups' string compares and
 * cache misses were a third of its time (perf). A business's name is now looked up once
 * a row (its number in a names table), and each pair is 8 bytes here. Two arrays by
 * business number answer most lookups without the hash: whether it is in the total, and
 * the group it was last counted in (a business is in one municipality and one sector,
 * so its rows are nearly always in the group of the row before).
 */
struct pair_set {
	uint64_t *slots;	/* the pair + 1; 0: empty */
	size_t cap, n;
	uint32_t *last;		/* by business: the group last counted in + 1; 0: none */
	unsigned char *in_total;	/* by business: counted in the total */
	size_t nb;		/* the length of last and in_total */
};

static uint64_t
pair_hash(uint64_t k)
{
	/* splitmix64's finaliser: the low bits pick the slot. */
	k ^= k >> 30;
	k *= 0xbf58476d1ce4e5b9u;
	k ^= k >> 27;
	k *= 0x94d049bb133111ebu;
	k ^= k >> 31;
	return k;
}

static void
pair_set_grow(struct pair_set *ps)
{
	uint64_t *old = ps->slots;
	size_t oldcap = ps->cap, i, j;

	ps->cap = oldcap ? oldcap * 2 : 256;
	ps->slots = xcalloc(ps->cap, sizeof *ps->slots);
	for (i = 0; i < oldcap; i++) {
		if (old[i] == 0)
			continue;
		for (j = pair_hash(old[i]) & (ps->cap - 1); ps->slots[j] != 0;
		    j = (j + 1) & (ps->cap - 1))
			;
		ps->slots[j] = old[i];
	}
	free(old);
}

/* 1 when (group gi, business number b) was not in ps yet, and now is; gi -1 is the
 * total. */
static int
pair_set_add(struct pair_set *ps, long gi, uint32_t b)
{
	uint64_t key = (((uint64_t)(uint32_t)(gi + 1) << 32) | b) + 1;
	size_t i, nb;

	if (b >= ps->nb) {
		nb = ps->nb ? ps->nb : 1024;
		while (nb <= b)
			nb *= 2;
		ps->last = xrealloc(ps->last, nb * sizeof *ps->last);
		ps->in_total = xrealloc(ps->in_total, nb);
		memset(ps->last + ps->nb, 0, (nb - ps->nb) * sizeof *ps->last);
		memset(ps->in_total + ps->nb, 0, nb - ps->nb);
		ps->nb = nb;
	}
	if (gi < 0) {
		if (ps->in_total[b])
			return 0;
		ps->in_total[b] = 1;
		return 1;
	}
	if (ps->last[b] == (uint32_t)gi + 1)
		return 0;
	ps->last[b] = (uint32_t)gi + 1;
	if ((ps->n + 1) * 2 > ps->cap)
		pair_set_grow(ps);
	for (i = pair_hash(key) & (ps->cap - 1); ps->slots[i] != 0; i = (i + 1) & (ps->cap - 1))
		if (ps->slots[i] == key)
			return 0;
	ps->slots[i] = key;
	ps->n++;
	return 1;
}

static void
pair_set_free(struct pair_set *ps)
{
	free(ps->slots);
	free(ps->last);
	free(ps->in_total);
	memset(ps, 0, sizeof *ps);
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
	struct table names;		/* tag 0: folded business name -> its number, for
					 * report_by's rows (report_by_several has its own) */
	struct pair_set businesses;	/* (group index or -1 for the total, business) */
	struct pair_set visited;	/* the same, over visits only */
	struct pair_set web;		/* the same, over tasks only */
	int no_total_distinct;		/* another aggregation of the same rows counts the
					 * total's distinct businesses */
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
	char buf[FOLD_BUF], *folded = a->by == REPORT_BY_MUNICIPALITY ?
	    fold_quick(raw, buf) : NULL;
	const char *key = folded != NULL ? folded : raw;
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
	if (folded != NULL)
		fold_done(folded, buf);
	return gb;
}

/* Business b counts once in group gi and once in the total (unless in_total is NULL), in
 * set ps. */
static void
count_distinct(struct pair_set *ps, long gi, uint32_t b, long *in_group, long *in_total)
{
	*in_group += pair_set_add(ps, gi, b);
	if (in_total != NULL)
		*in_total += pair_set_add(ps, -1, b);
}

/* What every grouping of a row shares, worked out once per row. */
struct row_facts {
	enum { KIND_OTHER, KIND_VISIT, KIND_TASK, KIND_WORKSHOP } kind;
	int has_business;	/* a visit or task with a business's name or id */
	uint32_t business;	/* then its number in the names table */
	int due;		/* a visit's follow-up is due by the report's day */
};

static void
count_business(struct agg *a, long gi, struct report_group *g, const struct row_facts *rf)
{
	struct report_group *t = a->no_total_distinct ? NULL : &a->total;
	uint32_t b = rf->business;

	count_distinct(&a->businesses, gi, b, &g->businesses, t ? &t->businesses : NULL);
	if (rf->kind == KIND_VISIT)
		count_distinct(&a->visited, gi, b, &g->businesses_visited,
		    t ? &t->businesses_visited : NULL);
	else
		count_distinct(&a->web, gi, b, &g->businesses_web,
		    t ? &t->businesses_web : NULL);
}

/* names: folded business name -> number, for every grouping of the same rows. */
static void
row_facts_of(const struct store_report_row *row, const char *due_by, struct table *names,
    struct row_facts *rf)
{
	char day[DATE_LEN + 1], buf[FOLD_BUF], *folded;
	struct slot *sl;
	int added;

	rf->kind = strcmp(row->kind, "visit") == 0 ? KIND_VISIT :
	    strcmp(row->kind, "task") == 0 ? KIND_TASK :
	    strcmp(row->kind, "workshop") == 0 ? KIND_WORKSHOP : KIND_OTHER;
	rf->has_business = 0;
	rf->business = 0;
	rf->due = 0;
	if (rf->kind == KIND_VISIT && row->follow_up != NULL &&
	    date_parse(row->follow_up, day) == 0 && strcmp(day, due_by) <= 0)
		rf->due = 1;
	if (row->business != NULL && (rf->kind == KIND_VISIT || rf->kind == KIND_TASK)) {
		folded = fold_quick(row->business, buf);
		if (*folded != '\0') {
			sl = table_get(names, 0, folded, &added);
			if (added)
				sl->value = (long)names->n - 1;
			rf->has_business = 1;
			rf->business = (uint32_t)sl->value;
		}
		fold_done(folded, buf);
	}
}

/* One row's figures, in the group whose key (raw: before folding) is group. */
static void
agg_add(struct agg *a, const struct store_report_row *row, const char *group,
    const struct row_facts *rf)
{
	struct group_build *gb = group_of(a, group);
	struct report_group *g = &gb->g;

	if (rf->kind == KIND_VISIT) {
		g->visits++;
		if (row->duration_min >= 0)
			g->minutes += (long)row->duration_min;
		g->follow_ups_due += rf->due;
	} else if (rf->kind == KIND_TASK) {
		if (row->status != NULL && strcmp(row->status, "done") == 0)
			g->tasks_done++;
		else if (row->status == NULL || strcmp(row->status, "todo") == 0 ||
		    strcmp(row->status, "in_progress") == 0 ||
		    strcmp(row->status, "blocked") == 0)
			g->tasks_open++;
		if (row->hours >= 0)
			g->task_hours += row->hours;
	} else if (rf->kind == KIND_WORKSHOP) {
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
	if (rf->has_business)
		count_business(a, (long)(gb - a->groups), g, rf);
}

static int
add_row(const struct store_report_row *row, void *payload)
{
	struct agg *a = payload;
	struct row_facts rf;

	row_facts_of(row, a->due_by, &a->names, &rf);
	agg_add(a, row, row->group, &rf);
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
	table_free(&a->names);
	pair_set_free(&a->businesses);
	pair_set_free(&a->visited);
	pair_set_free(&a->web);
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
	struct table names;	/* folded business name -> number, for every aggregation */
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
	struct row_facts rf;
	char month[8];
	size_t i;

	if (sv->n > 0) {
		row_facts_of(row, sv->aggs[0].due_by, &sv->names, &rf);
		for (i = 0; i < sv->n; i++)
			agg_add(&sv->aggs[i], row, row_group(row, sv->aggs[i].by, month), &rf);
	}
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
		/* The total's distinct businesses are the same whatever the grouping:
		 * counted once, by the first. */
		sv.aggs[i].no_total_distinct = i > 0;
	}
	if (store_report_scan_wide(st, &filter, add_wide_row, &sv, err) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		sv.aggs[i].total.businesses = sv.aggs[0].total.businesses;
		sv.aggs[i].total.businesses_visited = sv.aggs[0].total.businesses_visited;
		sv.aggs[i].total.businesses_web = sv.aggs[0].total.businesses_web;
		outs[i] = agg_finish(&sv.aggs[i]);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		agg_free(&sv.aggs[i]);
	free(sv.aggs);
	table_free(&sv.names);
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
