/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * programme.c: see programme.h. One pass over the records (report_by_several) gives the
 * figures of report/stats.h by municipality, by month and by sector; its hook counts what
 * stats.h does not (men, task statuses, satisfaction, businesses per topic) and the first
 * and last day, keyed as stats groups them: the municipality folded (report_fold), the
 * month "YYYY-MM".
 */
#include <glib.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store_report.h"
#include "core/util.h"
#include "report/programme.h"
#include "report/programme_pdf.h"

const char *const programme_status_codes[4] = { "todo", "in_progress", "done", "blocked" };

/* What one group adds to report/stats.h's figures. */
struct extra {
	long men;
	long tasks_status[4];
	long satisfaction[6];
};

struct build {
	GHashTable *munis;		/* folded municipality -> struct extra */
	GHashTable *months;		/* "YYYY-MM" -> struct extra */
	GHashTable *topic_seen;		/* "topic\x1f<folded business>" */
	GHashTable *topics;		/* topic -> long count */
	struct extra total;
	char first[DATE_LEN + 1], last[DATE_LEN + 1];
};

static struct extra *
extra_of(GHashTable *t, const char *key)
{
	struct extra *e = g_hash_table_lookup(t, key);

	if (e == NULL) {
		e = xcalloc(1, sizeof *e);
		g_hash_table_insert(t, xstrdup(key), e);
	}
	return e;
}

/* The status's place in tasks_status; a task without one is todo; -1 for another word. */
static int
status_index(const char *status)
{
	int i;

	if (status == NULL)
		return 0;
	for (i = 0; i < 4; i++)
		if (strcmp(status, programme_status_codes[i]) == 0)
			return i;
	return -1;
}

/* The satisfaction's place: 1..5 rounded half up, 0 when none is given or it is out of
 * the form's range. */
static int
satisfaction_index(double s)
{
	if (s < 1 || s > 5)
		return 0;
	return (int)floor(s + 0.5);
}

static void
add_extra(struct extra *e, const struct store_report_row *row, int status, int sat)
{
	if (strcmp(row->kind, "workshop") == 0) {
		if (row->men >= 0)
			e->men += (long)row->men;
		e->satisfaction[sat]++;
	} else if (strcmp(row->kind, "task") == 0 && status >= 0)
		e->tasks_status[status]++;
}

/* Each topic of a visit counts the visit's business once. */
static void
add_topics(struct build *b, const struct store_report_row *row)
{
	json_t *topics = NULL, *t;
	char *business = NULL, *seen;
	size_t i;

	if (row->topics == NULL || row->business == NULL)
		return;
	business = report_fold(row->business, 0);
	if (*business == '\0' || (topics = json_loads(row->topics, 0, NULL)) == NULL ||
	    !json_is_array(topics))
		goto out;
	json_array_foreach(topics, i, t) {
		const char *code = json_string_value(t);
		if (code == NULL || *code == '\0')
			continue;
		seen = xasprintf("%s\x1f%s", code, business);
		if (g_hash_table_contains(b->topic_seen, seen)) {
			free(seen);
			continue;
		}
		g_hash_table_add(b->topic_seen, seen);
		long *n = g_hash_table_lookup(b->topics, code);
		if (n == NULL) {
			n = xcalloc(1, sizeof *n);
			g_hash_table_insert(b->topics, xstrdup(code), n);
		}
		(*n)++;
	}
out:
	json_decref(topics);
	free(business);
}

static int
add_row(const struct store_report_row *row, void *payload)
{
	struct build *b = payload;
	int status = strcmp(row->kind, "task") == 0 ? status_index(row->status) : -1;
	int sat = satisfaction_index(row->satisfaction);
	char *muni = report_fold(row->municipality != NULL ? row->municipality : "", 0);
	char month[8];
	char day[DATE_LEN + 1];

	snprintf(month, sizeof month, "%.7s", row->date != NULL ? row->date : "");
	add_extra(&b->total, row, status, sat);
	add_extra(extra_of(b->munis, muni), row, status, sat);
	add_extra(extra_of(b->months, month), row, status, sat);
	if (strcmp(row->kind, "visit") == 0)
		add_topics(b, row);
	if (row->date != NULL && date_parse(row->date, day) == 0) {
		if (b->first[0] == '\0' || strcmp(day, b->first) < 0)
			memcpy(b->first, day, sizeof day);
		if (strcmp(day, b->last) > 0)
			memcpy(b->last, day, sizeof day);
	}
	free(muni);
	return 0;
}

/* g's figures (its key taken) with the extra counts. */
static void
figures_of(struct programme_figures *out, struct report_group *g, const struct extra *e)
{
	static const struct extra none;

	if (e == NULL)
		e = &none;
	out->fig = *g;
	g->key = NULL;
	out->men = e->men;
	out->not_stated = MAX(0, g->attendees - g->women - e->men);
	out->under_65 = MAX(0, g->attendees - g->attendees_65plus);
	memcpy(out->tasks_status, e->tasks_status, sizeof out->tasks_status);
	memcpy(out->satisfaction, e->satisfaction, sizeof out->satisfaction);
}

static int
compare_counts(const void *pa, const void *pb)
{
	const struct programme_count *a = pa, *b = pb;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->code, b->code);
}

/* The month after ym ("YYYY-MM"), in place. */
static void
next_month(char ym[8])
{
	int y, m;

	if (sscanf(ym, "%4d-%2d", &y, &m) != 2)
		return;
	if (++m > 12) {
		m = 1;
		y++;
	}
	snprintf(ym, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

/* Every month from p->from to p->to, the figures of those that have records. */
static void
fill_months(struct programme *p, struct report *by_month, GHashTable *extras)
{
	char ym[8], last[8];
	size_t cap = 0, g = 0;

	if (p->from[0] == '\0' || p->to[0] == '\0' || strcmp(p->from, p->to) > 0)
		return;
	snprintf(ym, sizeof ym, "%.7s", p->from);
	snprintf(last, sizeof last, "%.7s", p->to);
	/* The groups are sorted by month, the records' months inside the period. */
	while (g < by_month->ngroups && strcmp(by_month->groups[g].key, ym) < 0)
		g++;
	for (;;) {
		struct programme_figures *m;
		if (p->nmonths == cap)
			p->months = xrealloc(p->months, (cap = cap ? cap * 2 : 16) *
			    sizeof *p->months);
		m = &p->months[p->nmonths++];
		memset(m, 0, sizeof *m);
		if (g < by_month->ngroups && strcmp(by_month->groups[g].key, ym) == 0) {
			figures_of(m, &by_month->groups[g], g_hash_table_lookup(extras, ym));
			g++;
		} else
			m->fig.key = xstrdup(ym);
		if (strcmp(ym, last) >= 0)
			break;
		next_month(ym);
	}
}

/* The counts of a table (code -> long *) as a sorted array. */
static struct programme_count *
counts_of(GHashTable *t, size_t *n)
{
	struct programme_count *c = xcalloc(g_hash_table_size(t) + 1, sizeof *c);
	GHashTableIter it;
	gpointer k, v;

	*n = 0;
	g_hash_table_iter_init(&it, t);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		c[*n].code = xstrdup(k);
		c[(*n)++].n = *(long *)v;
	}
	if (*n > 1)
		qsort(c, *n, sizeof *c, compare_counts);
	return c;
}

int
programme_build(struct store *st, const struct record_filter *f, struct programme **out,
    struct error *err)
{
	static const enum report_by bys[3] = { REPORT_BY_MUNICIPALITY, REPORT_BY_MONTH,
		REPORT_BY_SECTOR };
	struct report *reps[3] = { NULL, NULL, NULL };
	struct record_filter work = *f;
	struct build b = { 0 };
	struct programme *p = NULL;
	GHashTable *sectors = NULL;
	char day[DATE_LEN + 1];
	size_t i;
	int rc = -1;

	*out = NULL;
	b.munis = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
	b.months = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
	b.topic_seen = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	b.topics = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
	/* The businesses' own records are no work: they would make a municipality
	 * "reached" by a business that nobody visited. */
	work.work_only = 1;
	if (report_by_several(st, &work, bys, 3, NULL, add_row, &b, reps, err) != 0)
		goto out;

	p = xcalloc(1, sizeof *p);
	if (f->from != NULL && date_parse(f->from, day) == 0)
		memcpy(p->from, day, sizeof day);
	else
		memcpy(p->from, b.first, sizeof b.first);
	if (f->to != NULL && date_parse(f->to, day) == 0)
		memcpy(p->to, day, sizeof day);
	else
		memcpy(p->to, b.last, sizeof b.last);

	figures_of(&p->total, &reps[0]->total, &b.total);
	p->munis = xcalloc(reps[0]->ngroups + 1, sizeof *p->munis);
	for (i = 0; i < reps[0]->ngroups; i++) {
		struct report_group *g = &reps[0]->groups[i];
		char *key = report_fold(g->key, 0);
		figures_of(&p->munis[p->nmunis++], g, g_hash_table_lookup(b.munis, key));
		if (*key != '\0')
			p->municipalities++;
		free(key);
	}
	fill_months(p, reps[1], b.months);

	/* Businesses per sector: the sector report's distinct businesses; its "" group
	 * also holds the workshops, which help no business. */
	sectors = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
	for (i = 0; i < reps[2]->ngroups; i++) {
		long *n;
		if (reps[2]->groups[i].businesses == 0)
			continue;
		n = xmalloc(sizeof *n);
		*n = reps[2]->groups[i].businesses;
		g_hash_table_insert(sectors, xstrdup(reps[2]->groups[i].key), n);
	}
	p->sectors = counts_of(sectors, &p->nsectors);
	p->topics = counts_of(b.topics, &p->ntopics);
	*out = p;
	p = NULL;
	rc = 0;
out:
	programme_free(p);
	for (i = 0; i < 3; i++)
		report_free(reps[i]);
	if (sectors != NULL)
		g_hash_table_destroy(sectors);
	g_hash_table_destroy(b.munis);
	g_hash_table_destroy(b.months);
	g_hash_table_destroy(b.topic_seen);
	g_hash_table_destroy(b.topics);
	return rc;
}

static void
figures_free(struct programme_figures *f)
{
	free(f->fig.key);
}

void
programme_free(struct programme *p)
{
	size_t i;

	if (p == NULL)
		return;
	figures_free(&p->total);
	for (i = 0; i < p->nmunis; i++)
		figures_free(&p->munis[i]);
	free(p->munis);
	for (i = 0; i < p->nmonths; i++)
		figures_free(&p->months[i]);
	free(p->months);
	for (i = 0; i < p->nsectors; i++)
		free(p->sectors[i].code);
	free(p->sectors);
	for (i = 0; i < p->ntopics; i++)
		free(p->topics[i].code);
	free(p->topics);
	free(p);
}

/* Linked in (the unit tests) or looked up in volunteer-pdf.so. */
extern const struct programme_pdf_module volunteer_programme_pdf_module
    __attribute__((weak));

const struct programme_pdf_module *
programme_pdf_module(struct error *err)
{
	return module_entry("volunteer-pdf", "volunteer_programme_pdf_module",
	    PROGRAMME_PDF_MODULE_ABI, &volunteer_programme_pdf_module ?
	    &volunteer_programme_pdf_module.h : NULL, err);
}
