/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chart.c: see chart.h. The charts' words are print strings of context "report" in the
 * catalogues (core/catalog.h), looked up in the report's language, not the session's;
 * the categories' labels come from the forms (sectors, topics, statuses) and from
 * i18n_month_short (months).
 */
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/chart.h"


static void
chart_start(struct chart *c, enum chart_kind kind, const char *id, const char *title,
    size_t ncats, size_t nseries)
{
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->id = xstrdup(id);
	c->title = xstrdup(title);
	c->ncats = ncats;
	c->nseries = nseries;
	c->cats = xcalloc(ncats + 1, sizeof *c->cats);
	c->values = xcalloc(ncats * nseries + 1, sizeof *c->values);
}

static void
chart_series(struct chart *c, size_t i, const char *legend)
{
	c->series[i] = xstrdup(legend);
}

/* The label of a choice of a form's field in lang; the code when no form knows it. */
static const char *
choice_label(const char *kind, const char *field, const char *code, const char *lang)
{
	const struct form *form = forms_get(kind);
	const struct form_field *fd = form != NULL ? form_field(form, field) : NULL;

	return fd != NULL ? form_choice_label(fd, code, lang) : code;
}

/* A municipality's name as a category: as written, or the words for none. */
static const char *
muni_label(const struct programme_figures *m, const char *lang)
{
	return *m->fig.key != '\0' ? m->fig.key : CT_(lang, "report", "No municipality");
}

static void
month_chart(struct chart *c, const struct programme *p, const char *lang, int attendances)
{
	char label[I18N_MONTH_SHORT_LEN + 1];
	size_t i;

	chart_start(c, CHART_COLUMNS, attendances ? "month_attendances" : "month_workshops",
	    attendances ? CT_(lang, "report", "Attendances per month") :
	    CT_(lang, "report", "Workshops per month"), p->nmonths, 1);
	for (i = 0; i < p->nmonths; i++) {
		const struct report_group *g = &p->months[i].fig;
		i18n_month_short(g->key, lang, label, sizeof label);
		c->cats[i] = xstrdup(label);
		c->values[i] = (double)(attendances ? g->attendees : g->workshops);
	}
}

/* Municipalities with attendees, each a stacked bar of the groups of people. */
static void
people_chart(struct chart *c, const struct programme *p, const char *lang, int gender)
{
	size_t i, n = 0;

	for (i = 0; i < p->nmunis; i++)
		n += p->munis[i].fig.attendees > 0;
	chart_start(c, CHART_STACKED, gender ? "gender" : "age", gender ?
	    CT_(lang, "report", "Attendance by gender") :
	    CT_(lang, "report", "Attendance by age group"), n, gender ? 3 : 2);
	if (gender) {
		chart_series(c, 0, CT_(lang, "report", "Women"));
		chart_series(c, 1, CT_(lang, "report", "Men"));
		chart_series(c, 2, CT_(lang, "report", "Not stated"));
	} else {
		chart_series(c, 0, CT_(lang, "report", "Under 65"));
		chart_series(c, 1, CT_(lang, "report", "65 or older"));
	}
	for (i = 0, n = 0; i < p->nmunis; i++) {
		const struct programme_figures *m = &p->munis[i];
		double *v = &c->values[n * c->nseries];
		if (m->fig.attendees <= 0)
			continue;
		c->cats[n++] = xstrdup(muni_label(m, lang));
		if (gender) {
			v[0] = (double)m->fig.women;
			v[1] = (double)m->men;
			v[2] = (double)m->not_stated;
		} else {
			v[0] = (double)m->under_65;
			v[1] = (double)m->fig.attendees_65plus;
		}
	}
}

static void
count_chart(struct chart *c, const char *id, const char *title,
    const struct programme_count *counts, size_t n, const char *kind, const char *field,
    const char *none, const char *lang)
{
	size_t i;

	chart_start(c, CHART_BARS, id, title, n, 1);
	for (i = 0; i < n; i++) {
		c->cats[i] = xstrdup(*counts[i].code != '\0' ?
		    choice_label(kind, field, counts[i].code, lang) : none);
		c->values[i] = (double)counts[i].n;
	}
}

static void
status_chart(struct chart *c, const struct programme *p, const char *lang)
{
	size_t i;

	chart_start(c, CHART_BARS, "status", CT_(lang, "report", "Tasks by status"), 4, 1);
	for (i = 0; i < 4; i++) {
		c->cats[i] = xstrdup(choice_label("task", "status", programme_status_codes[i],
		    lang));
		c->values[i] = (double)p->total.tasks_status[i];
	}
}

static void
satisfaction_chart(struct chart *c, const struct programme *p, const char *lang)
{
	size_t i;

	chart_start(c, CHART_COLUMNS, "satisfaction",
	    CT_(lang, "report", "Workshops by satisfaction (1–5)"), 5, 1);
	for (i = 0; i < 5; i++) {
		c->cats[i] = xasprintf("%zu", i + 1);
		c->values[i] = (double)p->total.satisfaction[i + 1];
	}
}

int
chart_list_programme(const struct programme *p, const char *lang, struct chart **out,
    size_t *n, struct error *err)
{
	struct chart *c = xcalloc(8, sizeof *c);

	(void)err;
	month_chart(&c[0], p, lang, 0);
	month_chart(&c[1], p, lang, 1);
	people_chart(&c[2], p, lang, 0);
	people_chart(&c[3], p, lang, 1);
	count_chart(&c[4], "sector", CT_(lang, "report", "Businesses helped by sector"),
	    p->sectors, p->nsectors, "business", "sector", CT_(lang, "report", "No sector"), lang);
	count_chart(&c[5], "topic", CT_(lang, "report", "Businesses helped by topic"),
	    p->topics, p->ntopics, "visit", "topics", CT_(lang, "report", "No topic"), lang);
	status_chart(&c[6], p, lang);
	satisfaction_chart(&c[7], p, lang);
	*out = c;
	*n = 8;
	return 0;
}

int
chart_for_municipality(const struct programme_figures *m, const char *lang,
    struct chart *out, struct error *err)
{
	const char *cats[5] = {
		CT_(lang, "report", "Visits"), CT_(lang, "report", "Workshops"),
		CT_(lang, "report", "Attendances"), CT_(lang, "report", "Businesses helped"),
		CT_(lang, "report", "Tasks done"),
	};
	const long values[5] = { m->fig.visits, m->fig.workshops, m->fig.attendees,
		m->fig.businesses, m->fig.tasks_done };
	size_t i;

	(void)err;
	chart_start(out, CHART_BARS, "muni", muni_label(m, lang), 5, 1);
	for (i = 0; i < 5; i++) {
		out->cats[i] = xstrdup(cats[i]);
		out->values[i] = (double)values[i];
	}
	return 0;
}

double
chart_max(const struct chart *c)
{
	double max = 0, sum;
	size_t i, s;

	for (i = 0; i < c->ncats; i++) {
		sum = 0;
		for (s = 0; s < c->nseries; s++) {
			double v = c->values[i * c->nseries + s];
			if (c->kind == CHART_STACKED)
				sum += v;
			else if (v > max)
				max = v;
		}
		if (c->kind == CHART_STACKED && sum > max)
			max = sum;
	}
	return max;
}

void
chart_free(struct chart *c)
{
	size_t i;

	if (c == NULL)
		return;
	free(c->id);
	free(c->title);
	for (i = 0; c->cats != NULL && i < c->ncats; i++)
		free(c->cats[i]);
	free(c->cats);
	for (i = 0; i < CHART_MAX_SERIES; i++)
		free(c->series[i]);
	free(c->values);
	memset(c, 0, sizeof *c);
}

void
chart_list_free(struct chart *charts, size_t n)
{
	size_t i;

	for (i = 0; charts != NULL && i < n; i++)
		chart_free(&charts[i]);
	free(charts);
}
