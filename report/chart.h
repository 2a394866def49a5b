/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chart.h: the charts of the programme report, described once and drawn three ways: by
 * cairo in the PDF (report/programme_pdf.c), as inline SVG in the HTML
 * (report/programme_html.c), and with block characters in the figures screen
 * (tui/screen_figures.c).
 *
 * What a drawing must do with a chart, whatever draws it:
 * - the value axis starts at zero; every bar has its number written on or beside it
 *   (in lang's decimal style, `decimals` places);
 * - series are told apart without colour: each series has a pattern (CHART_SOLID,
 *   CHART_HATCHED, CHART_DOTTED, CHART_OUTLINE, in that order) and a legend;
 * - a chart with no categories, or whose values are all 0, is drawn as its title and a
 *   line saying there is nothing to show for the period, not as an empty frame.
 * Texts are translated already, except category labels that come from records
 * (municipalities): untrusted, sanitise before a terminal, escape for HTML.
 */
#ifndef VOLUNTEER_CHART_H
#define VOLUNTEER_CHART_H

#include <stddef.h>

#include "report/programme.h"

enum chart_kind {
	CHART_COLUMNS,		/* one column per category, series side by side (months) */
	CHART_BARS,		/* one horizontal bar per category, series side by side */
	CHART_STACKED,		/* one horizontal bar per category, series stacked */
};

enum chart_pattern { CHART_SOLID, CHART_HATCHED, CHART_DOTTED, CHART_OUTLINE };
#define CHART_MAX_SERIES 4

struct chart {
	enum chart_kind kind;
	char *id;		/* stable, for tests and file anchors: "month_workshops",
				 * "month_attendances", "age", "gender", "sector", "topic",
				 * "status", "satisfaction", "muni" */
	char *title;		/* translated */
	size_t ncats, nseries;	/* nseries 1..CHART_MAX_SERIES */
	char **cats;		/* ncats labels: translated (sectors, topics, statuses,
				 * "1".."5"), "2026-11" style months shown as the
				 * language's short month ("nov 2026"), or municipalities */
	char *series[CHART_MAX_SERIES];	/* legends; NULL when nseries is 1 */
	double *values;		/* ncats * nseries: values[cat * nseries + series], >= 0 */
	int decimals;		/* 0 for counts */
};

/*
 * The charts of the programme report in lang, in the order the report shows them:
 * workshops per month, attendances per month, attendance by age group per municipality
 * (stacked: under 65, 65+), by gender per municipality (stacked: women, men, not stated;
 * both list only the municipalities with attendees, "No municipality" for records of none),
 * businesses helped by sector, by topic, tasks by status, workshops by satisfaction.
 * *out: malloc'd array of *n charts; free with chart_list_free.
 */
int chart_list_programme(const struct programme *p, const char *lang, struct chart **out,
    size_t *n, struct error *err);
/* The small chart of one municipality's page: visits, workshops, attendances, businesses
 * helped, tasks done (CHART_BARS, one series). Free with chart_free. */
int chart_for_municipality(const struct programme_figures *m, const char *lang,
    struct chart *out, struct error *err);

double chart_max(const struct chart *c);	/* the largest value, or stacked sum */
void chart_free(struct chart *c);
void chart_list_free(struct chart *charts, size_t n);

#endif
