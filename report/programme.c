/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * programme.c: see programme.h. One pass over the records (report_by_several) gives the
 * figures of report/stats.h by municipality, by month and by sector; its hook counts what
 * stats.h does not (men, task statuses, satisfaction, businesses per topic) and the first
 * and last day, keyed as stats groups them: the municipality folded (report_fold), the
 * month "YYYY-MM".
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/store_report.h"
#include "core/strmap.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/dates.h"
#include "report/programme.h"
#include "report/programme_pdf.h"

const char *const programme_status_codes[4] = { "todo", "in_progress", "done", "blocked" };

const char *
programme_status_label(size_t i, const char *lang)
{
	const struct form *form = forms_get("task");
	const struct form_field *fd = form != NULL ? form_field(form, "status") : NULL;

	if (i > 3)
		return "";
	return fd != NULL ? form_choice_label(fd, programme_status_codes[i], lang) :
	    programme_status_codes[i];
}

/* What one group adds to report/stats.h's figures. */
struct extra {
	long men;
	long tasks_status[4];
	long satisfaction[6];
};

struct build {
	struct strmap *munis;		/* municipality as written -> struct extra (folded
					 * at the end: a few spellings, not every row) */
	struct strmap *months;		/* "YYYY-MM" -> struct extra */
	struct strmap *topic_seen;	/* "topic\x1f<folded business>", no value */
	struct strmap *topics;		/* topic -> long count */
	struct extra total;
	char first[DATE_LEN + 1], last[DATE_LEN + 1];
	char *buf;			/* add_topic's key */
	size_t cap;
};

static struct extra *
extra_of(struct strmap *t, const char *key)
{
	void **e = strmap_slot(t, key, NULL);

	if (*e == NULL)
		*e = xcalloc(1, sizeof(struct extra));
	return *e;
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

/* The topic code[0..len) counts business (folded) once. */
static void
add_topic(struct build *b, const char *code, size_t len, const char *business)
{
	size_t need = len + 1 + strlen(business) + 1;
	void **n;
	int added;

	if (len == 0)
		return;
	/* The key is built in a buffer kept for the run: most pairs are seen already. */
	if (need > b->cap)
		b->buf = xrealloc(b->buf, b->cap = need * 2);
	memcpy(b->buf, code, len);
	b->buf[len] = '\x1f';
	memcpy(b->buf + len + 1, business, need - len - 1);
	strmap_slot(b->topic_seen, b->buf, &added);
	if (!added)
		return;
	b->buf[len] = '\0';	/* the topic alone */
	if (*(n = strmap_slot(b->topics, b->buf, NULL)) == NULL)
		*n = xcalloc(1, sizeof(long));
	(*(long *)*n)++;
}

/*
 * Each topic of a visit counts the visit's business once. SQLite gives the array as
 * compact JSON (["website","app"]): read so directly, for 50,000 visits that is a fifth
 * of the report's own work saved; anything else (escapes, blanks, numbers) goes through
 * jansson.
 */
static void
add_topics(struct build *b, const struct store_report_row *row)
{
	json_t *topics = NULL, *t;
	char *business = NULL;
	const char *p, *q;
	size_t i;

	if (row->topics == NULL || row->business == NULL)
		return;
	business = report_fold(row->business, 0);
	if (*business == '\0')
		goto out;
	p = row->topics;
	if (*p++ == '[') {
		while (*p == '"') {
			for (q = p + 1; *q != '\0' && *q != '"' && *q != '\\'; q++)
				;
			if (*q != '"')
				break;
			add_topic(b, p + 1, (size_t)(q - p - 1), business);
			p = q + 1;
			if (*p == ',')
				p++;
		}
		if (p[0] == ']' && p[1] == '\0')
			goto out;
	}
	if ((topics = json_loads(row->topics, 0, NULL)) == NULL || !json_is_array(topics))
		goto out;
	json_array_foreach(topics, i, t) {
		const char *code = json_string_value(t);
		if (code != NULL)
			add_topic(b, code, strlen(code), business);
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
	const char *date = row->date != NULL ? row->date : "";
	char month[8] = "";
	/* The store keeps dates as YYYY-MM-DD: its own column, not a record's text. */
	int dated = strlen(date) == DATE_LEN && date[4] == '-' && date[7] == '-';

	if (dated)
		memcpy(month, date, 7);
	add_extra(&b->total, row, status, sat);
	add_extra(extra_of(b->munis, row->municipality != NULL ? row->municipality : ""), row,
	    status, sat);
	add_extra(extra_of(b->months, month), row, status, sat);
	if (strcmp(row->kind, "visit") == 0)
		add_topics(b, row);
	if (dated) {
		if (b->first[0] == '\0' || strcmp(date, b->first) < 0)
			memcpy(b->first, date, DATE_LEN + 1);
		if (strcmp(date, b->last) > 0)
			memcpy(b->last, date, DATE_LEN + 1);
	}
	return 0;
}

static void
extra_sum(struct extra *to, const struct extra *e)
{
	int i;

	to->men += e->men;
	for (i = 0; i < 4; i++)
		to->tasks_status[i] += e->tasks_status[i];
	for (i = 0; i < 6; i++)
		to->satisfaction[i] += e->satisfaction[i];
}

/* The extras by municipality as report_by groups them: folded. */
static struct strmap *
fold_munis(const struct strmap *raw)
{
	struct strmap *folded = strmap_new(free);
	const char *k;
	void *v;
	size_t pos = 0;

	while (strmap_next(raw, &pos, &k, &v)) {
		char *key = report_fold(k, 0);
		extra_sum(extra_of(folded, key), v);
		free(key);
	}
	return folded;
}

static long
not_below_zero(long n)
{
	return n > 0 ? n : 0;
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
	out->not_stated = not_below_zero(g->attendees - g->women - e->men);
	out->under_65 = not_below_zero(g->attendees - g->attendees_65plus);
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
fill_months(struct programme *p, struct report *by_month, const struct strmap *extras)
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
			figures_of(m, &by_month->groups[g], strmap_get(extras, ym));
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
counts_of(const struct strmap *t, size_t *n)
{
	struct programme_count *c = xcalloc(strmap_size(t) + 1, sizeof *c);
	const char *k;
	void *v;
	size_t pos = 0;

	*n = 0;
	while (strmap_next(t, &pos, &k, &v)) {
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
	struct strmap *sectors = NULL, *munis = NULL;
	char day[DATE_LEN + 1];
	size_t i;
	int rc = -1;

	*out = NULL;
	b.munis = strmap_new(free);
	b.months = strmap_new(free);
	b.topic_seen = strmap_new(NULL);
	b.topics = strmap_new(free);
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
	munis = fold_munis(b.munis);
	p->munis = xcalloc(reps[0]->ngroups + 1, sizeof *p->munis);
	for (i = 0; i < reps[0]->ngroups; i++) {
		struct report_group *g = &reps[0]->groups[i];
		char *key = report_fold(g->key, 0);
		figures_of(&p->munis[p->nmunis++], g, strmap_get(munis, key));
		if (*key != '\0')
			p->municipalities++;
		free(key);
	}
	fill_months(p, reps[1], b.months);

	/* Businesses per sector: the sector report's distinct businesses; its "" group
	 * also holds the workshops, which help no business. */
	sectors = strmap_new(free);
	for (i = 0; i < reps[2]->ngroups; i++) {
		long *n;
		void **slot;
		if (reps[2]->groups[i].businesses == 0)
			continue;
		n = xmalloc(sizeof *n);
		*n = reps[2]->groups[i].businesses;
		slot = strmap_slot(sectors, reps[2]->groups[i].key, NULL);
		free(*slot);	/* a key seen twice: the last count, as before */
		*slot = n;
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
	strmap_free(sectors);
	strmap_free(munis);
	strmap_free(b.munis);
	strmap_free(b.months);
	strmap_free(b.topic_seen);
	strmap_free(b.topics);
	free(b.buf);
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

/* ---- what both reports write alike ---- */

/* 1 when fmt's only conversion is one %s: a damaged catalogue's pattern is not handed
 * to printf. */
static int
one_string(const char *fmt)
{
	const char *pc = strchr(fmt, '%');

	return pc != NULL && pc[1] == 's' && strchr(pc + 2, '%') == NULL;
}

char *
programme_period_text(const struct programme *p, const char *lang)
{
	char a[DATES_LONG_MAX], b[DATES_LONG_MAX];
	const char *fmt;

	if (dates_long(p->from, lang, a, sizeof a) != 0)
		a[0] = '\0';
	if (dates_long(p->to, lang, b, sizeof b) != 0)
		b[0] = '\0';
	if (*a && *b)
		return strcmp(a, b) == 0 ? xstrdup(a) : xasprintf("%s – %s", a, b);
	if (!*a && !*b)
		return xstrdup("");
	/* TRANSLATORS: the period of a report that has a start and no end. */
	fmt = *a ? CT_(lang, "report", "from %s") : CT_(lang, "report", "until %s");
	if (!one_string(fmt))
		fmt = *a ? "from %s" : "until %s";
	return xasprintf(fmt, *a ? a : b);
}

void
programme_format_share(double share, const char *lang, char *buf, size_t size)
{
	char n[32];

	report_format_share(share, n, sizeof n);
	if (n[0] == '\0') {
		snprintf(buf, size, "-");
		return;
	}
	i18n_number_local(n, lang);
	snprintf(buf, size, strcmp(lang, "en") == 0 ? "%s%%" : "%s %%", n);
}

size_t
programme_headline(const struct report_group *g, long municipalities, const char *lang,
    struct programme_headline out[PROGRAMME_NHEADLINE])
{
	size_t n = 0;

	if (municipalities >= 0) {
		out[n].key = "municipalities";
		out[n].label = CT_(lang, "report", "Municipalities reached");
		snprintf(out[n++].value, sizeof out[0].value, "%ld", municipalities);
	}
	out[n].key = "workshops";
	out[n].label = CT_(lang, "report", "Workshops");
	snprintf(out[n++].value, sizeof out[0].value, "%ld", g->workshops);
	out[n].key = "attendances";
	out[n].label = CT_(lang, "report", "Attendances");
	snprintf(out[n++].value, sizeof out[0].value, "%ld", g->attendees);
	out[n].key = "share_65plus";
	out[n].label = CT_(lang, "report", "Share aged 65 or older");
	programme_format_share(report_share(g->attendees_65plus, g->attendees), lang,
	    out[n++].value, sizeof out[0].value);
	out[n].key = "share_women";
	out[n].label = CT_(lang, "report", "Share of women");
	programme_format_share(report_share(g->women, g->attendees), lang, out[n++].value,
	    sizeof out[0].value);
	out[n].key = "businesses";
	out[n].label = CT_(lang, "report", "Businesses helped");
	snprintf(out[n++].value, sizeof out[0].value, "%ld", g->businesses);
	out[n].key = "visits";
	out[n].label = CT_(lang, "report", "Advisory visits");
	snprintf(out[n++].value, sizeof out[0].value, "%ld", g->visits);
	out[n].key = "tasks_done";
	out[n].label = CT_(lang, "report", "Tasks done");
	snprintf(out[n++].value, sizeof out[0].value, "%ld", g->tasks_done);
	out[n].key = "hours";
	out[n].label = CT_(lang, "report", "Hours of volunteer work");
	report_format_hours(report_hours(g), out[n].value, sizeof out[0].value);
	i18n_number_local(out[n++].value, lang);
	return n;
}
