/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The programme report's model: programme_build over a store of three volunteers in three
 * municipalities (and a workshop with none) over September to November 2026, October
 * empty, every field of struct programme checked against figures worked out by hand (in
 * the comments); then a filter, an empty period, and the charts that chart.h describes.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/chart.h"
#include "report/programme.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static struct store *st;
static char bakery[UUID_LEN + 1];

static void
put(const char *kind, const char *volunteer, const char *fields, int deleted)
{
	struct record *r = record_new(kind);
	struct error err = { 0 };
	json_error_t jerr;

	uuid_v7(r->id);
	if (strcmp(kind, "business") == 0)
		memcpy(bakery, r->id, sizeof bakery);
	free(r->volunteer);
	r->volunteer = xstrdup(volunteer);
	free(r->device);
	r->device = xstrdup("laptop-1");
	r->rev = 1;
	r->deleted = deleted;
	clock_now_iso(r->created);
	memcpy(r->updated, r->created, sizeof r->updated);
	json_decref(r->fields);
	r->fields = json_loads(fields, 0, &jerr);
	if (r->fields == NULL)
		diag("bad fixture %s: %s", fields, jerr.text);
	if (store_record_put(st, r, NULL, 0, &err) != 0)
		diag("put: %s", err.msg);
	record_free(r);
}

static void
fixture(void)
{
	char *f;

	/* The bakery is a business of sector food_drink: its visits count it there whatever
	 * sector they say themselves. A business record is no work: it counts nowhere. */
	put("business", "ana", "{\"name\": \"Panadería Las Eras\", \"sector\": \"food_drink\", "
	    "\"municipality\": \"Almazán\", \"contact_name\": \"Rosa Gil\", "
	    "\"contact_phone\": \"600111222\"}", 0);
	f = xasprintf("{\"business\": \"Panadería Las Eras\", \"business_id\": \"%s\", "
	    "\"municipality\": \"Almazán\", \"date\": \"2026-09-10\", \"duration_min\": 60, "
	    "\"topics\": [\"website\", \"social_media\"], \"sector\": \"retail\"}", bakery);
	put("visit", "ana", f, 0);
	free(f);
	f = xasprintf("{\"business\": \"PANADERÍA las eras\", \"business_id\": \"%s\", "
	    "\"municipality\": \"ALMAZÁN\", \"date\": \"2026-11-02\", \"duration_min\": 30, "
	    "\"topics\": [\"website\"]}", bakery);
	put("visit", "ana", f, 0);
	free(f);
	put("visit", "ben", "{\"business\": \"Bar Plaza\", \"municipality\": \"Berlanga de "
	    "Duero\", \"date\": \"2026-11-05\", \"duration_min\": 45, \"topics\": "
	    "[\"social_media\", \"online_shop\", 7], \"sector\": \"hospitality\"}", 0);
	put("task", "ana", "{\"business\": \"bar  plaza\", \"title\": \"Web\", \"municipality\": "
	    "\"Almazán\", \"date\": \"2026-11-06\", \"status\": \"done\", \"hours\": 2.5, "
	    "\"sector\": \"hospitality\"}", 0);
	put("task", "ben", "{\"business\": \"Ferretería Soto\", \"title\": \"Perfil\", "
	    "\"municipality\": \"Berlanga de Duero\", \"date\": \"2026-11-08\", \"status\": "
	    "\"blocked\", \"hours\": 1}", 0);
	put("task", "ben", "{\"business\": \"Ferretería Soto\", \"title\": \"Tienda\", "
	    "\"municipality\": \"Berlanga de Duero\", \"date\": \"2026-11-09\"}", 0);
	put("task", "cris", "{\"business\": \"Casa Olmo\", \"title\": \"Fotos\", "
	    "\"municipality\": \"Medinaceli\", \"date\": \"2026-09-20\", \"status\": "
	    "\"in_progress\", \"hours\": 0.5, \"sector\": \"hospitality\"}", 0);
	put("task", "cris", "{\"business\": \"Casa Olmo\", \"title\": \"Mapa\", "
	    "\"municipality\": \"Medinaceli\", \"date\": \"2026-09-21\", \"status\": "
	    "\"someday\", \"sector\": \"hospitality\"}", 0);
	put("workshop", "ana", "{\"title\": \"Videollamadas\", \"municipality\": \"Almazán\", "
	    "\"date\": \"2026-09-15\", \"attendees\": 20, \"attendees_65plus\": 15, "
	    "\"women\": 12, \"men\": 6, \"duration_min\": 120, \"satisfaction\": 4.5}", 0);
	put("workshop", "ben", "{\"title\": \"Banca\", \"municipality\": \"Berlanga de Duero\", "
	    "\"date\": \"2026-11-12\", \"attendees\": 10, \"attendees_65plus\": 4, \"women\": 7, "
	    "\"duration_min\": 90, \"satisfaction\": 3.4}", 0);
	put("workshop", "cris", "{\"title\": \"Móvil\", \"municipality\": \"Medinaceli\", "
	    "\"date\": \"2026-11-20\", \"attendees\": 8, \"attendees_65plus\": 8, \"women\": 3, "
	    "\"men\": 5, \"duration_min\": 60}", 0);
	put("workshop", "ana", "{\"title\": \"Correo\", \"date\": \"2026-11-25\", "
	    "\"attendees\": 5, \"attendees_65plus\": 0, \"women\": 2, \"men\": 2, "
	    "\"duration_min\": 30, \"satisfaction\": 2.45}", 0);
	/* A deleted visit counts nowhere. */
	put("visit", "ben", "{\"business\": \"Ghost\", \"municipality\": \"Soria\", "
	    "\"date\": \"2026-12-22\", \"duration_min\": 600, \"topics\": [\"app\"]}", 1);
}

struct want {
	const char *key;
	long visits, businesses, visited, web, done, open, workshops;
	long attendees, plus65, women, men, not_stated, under_65;
	long minutes;
	double task_hours;
	long status[4], sat[6];
};

static void
check_figures(const char *what, const struct programme_figures *g, const struct want *w)
{
	char name[160];
	int i;

#define NAME(field) (snprintf(name, sizeof name, "%s: %s", what, field), name)
	is_str(g->fig.key, w->key, NAME("key"));
	is_int(g->fig.visits, w->visits, NAME("visits"));
	is_int(g->fig.businesses, w->businesses, NAME("businesses helped"));
	is_int(g->fig.businesses_visited, w->visited, NAME("businesses visited"));
	is_int(g->fig.businesses_web, w->web, NAME("businesses with web work"));
	is_int(g->fig.tasks_done, w->done, NAME("tasks done"));
	is_int(g->fig.tasks_open, w->open, NAME("tasks open"));
	is_int(g->fig.workshops, w->workshops, NAME("workshops"));
	is_int(g->fig.attendees, w->attendees, NAME("attendees"));
	is_int(g->fig.attendees_65plus, w->plus65, NAME("65+"));
	is_int(g->fig.women, w->women, NAME("women"));
	is_int(g->men, w->men, NAME("men"));
	is_int(g->not_stated, w->not_stated, NAME("not stated"));
	is_int(g->under_65, w->under_65, NAME("under 65"));
	is_int(g->fig.minutes, w->minutes, NAME("minutes"));
	ok(g->fig.task_hours == w->task_hours, "%s", NAME("task hours"));
	is_int(g->fig.follow_ups_due, 0, NAME("follow-ups due"));
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "%s: tasks %s", what, programme_status_codes[i]);
		is_int(g->tasks_status[i], w->status[i], name);
	}
	for (i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "%s: satisfaction %d", what, i);
		is_int(g->satisfaction[i], w->sat[i], name);
	}
#undef NAME
}

static void
check_counts(const char *what, const struct programme_count *c, size_t n,
    const char *const *codes, const long *counts, size_t want_n)
{
	size_t i;

	is_int(n, want_n, what);
	for (i = 0; i < n && i < want_n; i++) {
		ok(strcmp(c[i].code, codes[i]) == 0 && c[i].n == counts[i],
		    "%s %zu: %s %ld", what, i, codes[i], counts[i]);
		if (strcmp(c[i].code, codes[i]) != 0 || c[i].n != counts[i])
			diag("got %s %ld", c[i].code, c[i].n);
	}
}

/* The whole store, no filter. */
static void
check_all(void)
{
	/*
	 * Almazán (four records write it "Almazán", one "ALMAZÁN"): the bakery's two visits
	 * (60 + 30 min), the bar's task (done, 2.5 h), a workshop of 20 (15 aged 65+, 12
	 * women, 6 men: 2 not stated, 5 under 65; 120 min; satisfaction 4.5 rounds to 5).
	 * Businesses: the bakery (by its id, however spelt) and the bar.
	 */
	static const struct want almazan = { "Almazán", 2, 2, 1, 1, 1, 0, 1,
		20, 15, 12, 6, 2, 5, 60 + 30 + 120, 2.5, { 0, 0, 1, 0 }, { 0, 0, 0, 0, 0, 1 } };
	/* Berlanga: the bar's visit (45 min), the hardware shop's tasks (blocked, 1 h; and
	 * one without status, which is todo), a workshop of 10 (4 aged 65+, 7 women, no men
	 * given: 3 not stated; 90 min; 3.4 rounds to 3). */
	static const struct want berlanga = { "Berlanga de Duero", 1, 2, 1, 1, 0, 2, 1,
		10, 4, 7, 0, 3, 6, 45 + 90, 1.0, { 1, 0, 0, 1 }, { 0, 0, 0, 1, 0, 0 } };
	/* Medinaceli: the guest house's tasks (in progress, 0.5 h; "someday" is no status
	 * and counts in neither column), a workshop of 8, all 65+, 3 women and 5 men, 60
	 * min, no satisfaction given. */
	static const struct want medinaceli = { "Medinaceli", 0, 1, 0, 1, 0, 1, 1,
		8, 8, 3, 5, 0, 0, 60, 0.5, { 0, 1, 0, 0 }, { 1, 0, 0, 0, 0, 0 } };
	/* A workshop with no municipality goes last: 5 people, 2 women, 2 men, 30 min,
	 * 2.45 rounds to 2. */
	static const struct want nowhere = { "", 0, 0, 0, 0, 0, 0, 1,
		5, 0, 2, 2, 1, 5, 30, 0, { 0, 0, 0, 0 }, { 0, 0, 1, 0, 0, 0 } };
	/* The total: four businesses (bakery, bar, hardware shop, guest house), the bar
	 * once though it shows in two municipalities; 43 attendees, 27 aged 65+, 24 women,
	 * 13 men, 6 not stated; 435 min and 4 task hours. */
	static const struct want total = { "", 3, 4, 2, 3, 1, 3, 4,
		43, 27, 24, 13, 6, 16, 435, 4.0, { 1, 1, 1, 1 }, { 1, 0, 1, 1, 0, 1 } };
	/* September: the bakery's first visit, the guest house's tasks, Almazán's workshop. */
	static const struct want sep = { "2026-09", 1, 2, 1, 1, 0, 1, 1,
		20, 15, 12, 6, 2, 5, 180, 0.5, { 0, 1, 0, 0 }, { 0, 0, 0, 0, 0, 1 } };
	static const struct want oct = { "2026-10", 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, { 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0 } };
	/* November: two visits (bakery, bar), the bar's and the hardware shop's tasks, three
	 * workshops (10 + 8 + 5). */
	static const struct want nov = { "2026-11", 2, 3, 2, 2, 1, 2, 3,
		23, 12, 12, 7, 4, 11, 30 + 45 + 90 + 60 + 30, 3.5, { 1, 0, 1, 1 },
		{ 1, 0, 1, 1, 0, 0 } };
	/* Sectors: the bar and the guest house are hospitality (their own field: no business
	 * record), the bakery food_drink (its business's, not the visit's "retail"), the
	 * hardware shop none. Most first, then by code. */
	static const char *const sectors[] = { "hospitality", "", "food_drink" };
	static const long sector_n[] = { 2, 1, 1 };
	/* Topics: social media for the bakery and the bar; the bakery's website counts once
	 * for two visits; the 7 in the bar's list is no topic. */
	static const char *const topics[] = { "social_media", "online_shop", "website" };
	static const long topic_n[] = { 2, 1, 1 };
	struct record_filter f = { 0 };
	struct programme *p = NULL;
	struct error err = { 0 };

	if (programme_build(st, &f, &p, &err) != 0) {
		ok(0, "programme_build: %s", err.msg);
		return;
	}
	is_str(p->from, "2026-09-10", "the period starts on the first record's day");
	is_str(p->to, "2026-11-25", "and ends on the last one's (the tombstone's is not)");
	is_int(p->municipalities, 3, "three municipalities reached (none is not one)");
	check_figures("total", &p->total, &total);
	is_int(p->nmunis, 4, "four groups by municipality");
	if (p->nmunis == 4) {
		check_figures("Almazán", &p->munis[0], &almazan);
		check_figures("Berlanga", &p->munis[1], &berlanga);
		check_figures("Medinaceli", &p->munis[2], &medinaceli);
		check_figures("no municipality", &p->munis[3], &nowhere);
	}
	is_int(p->nmonths, 3, "three months, October's gap included");
	if (p->nmonths == 3) {
		check_figures("September", &p->months[0], &sep);
		check_figures("October", &p->months[1], &oct);
		check_figures("November", &p->months[2], &nov);
	}
	check_counts("sectors", p->sectors, p->nsectors, sectors, sector_n, 3);
	check_counts("topics", p->topics, p->ntopics, topics, topic_n, 3);
	programme_free(p);
}

static void
check_filtered(void)
{
	struct record_filter f = { .municipality = "berlanga de duero" };
	struct programme *p = NULL;
	struct error err = { 0 };

	if (programme_build(st, &f, &p, &err) != 0) {
		ok(0, "programme_build (Berlanga): %s", err.msg);
		return;
	}
	is_str(p->from, "2026-11-05", "Berlanga: from its first record");
	is_str(p->to, "2026-11-12", "Berlanga: to its last");
	is_int(p->municipalities, 1, "Berlanga: one municipality");
	is_int(p->nmunis, 1, "Berlanga: one group");
	is_int(p->nmonths, 1, "Berlanga: one month");
	is_int(p->total.fig.businesses, 2, "Berlanga: the bar and the hardware shop");
	is_int(p->nsectors, 2, "Berlanga: hospitality and none");
	is_int(p->ntopics, 2, "Berlanga: the bar's two topics");
	programme_free(p);

	f = (struct record_filter){ .from = "2026-10-01", .to = "2026-10-31" };
	if (programme_build(st, &f, &p, &err) != 0) {
		ok(0, "programme_build (October): %s", err.msg);
		return;
	}
	is_str(p->from, "2026-10-01", "an empty month: the period is the filter's");
	is_str(p->to, "2026-10-31", "and ends on the filter's end");
	is_int(p->municipalities, 0, "empty: no municipality");
	is_int(p->nmunis, 0, "empty: no group");
	is_int(p->nmonths, 1, "empty: the month is there, with zeros");
	if (p->nmonths == 1) {
		is_str(p->months[0].fig.key, "2026-10", "empty: its key");
		is_int(p->months[0].fig.workshops, 0, "empty: no workshop");
	}
	is_int(p->total.fig.visits + p->total.fig.workshops + p->total.fig.tasks_done +
	    p->total.fig.tasks_open + p->total.men + p->total.fig.attendees, 0,
	    "empty: the totals are 0");
	is_int(p->nsectors + p->ntopics, 0, "empty: no sector, no topic");
	programme_free(p);

	f = (struct record_filter){ .from = "2030-01-01" };
	if (programme_build(st, &f, &p, &err) != 0) {
		ok(0, "programme_build (2030): %s", err.msg);
		return;
	}
	is_str(p->from, "2030-01-01", "only --from: the period starts there");
	is_str(p->to, "", "and has no end without records");
	is_int(p->nmonths, 0, "no months without an end");
	programme_free(p);
}

static const struct chart *
find_chart(const struct chart *c, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(c[i].id, id) == 0)
			return &c[i];
	return NULL;
}

/* c's categories and values (one row of nseries per category) are those given. */
static void
check_chart(const struct chart *c, const char *id, enum chart_kind kind, size_t nseries,
    const char *const *cats, const double *values, size_t ncats)
{
	size_t i, s;
	int same = 1;

	if (!ok(c != NULL, "chart %s is there", id))
		return;
	ok(c->kind == kind && c->nseries == nseries && c->ncats == ncats,
	    "chart %s: kind %d, %zu series, %zu categories", id, (int)kind, nseries, ncats);
	if (c->ncats != ncats || c->nseries != nseries)
		return;
	for (i = 0; i < ncats; i++) {
		if (strcmp(c->cats[i], cats[i]) != 0) {
			diag("%s: category %zu is '%s', not '%s'", id, i, c->cats[i], cats[i]);
			same = 0;
		}
		for (s = 0; s < nseries; s++)
			if (c->values[i * nseries + s] != values[i * nseries + s]) {
				diag("%s: value %zu/%zu is %g, not %g", id, i, s,
				    c->values[i * nseries + s], values[i * nseries + s]);
				same = 0;
			}
	}
	ok(same, "chart %s: its categories and values", id);
	for (s = 0; s < nseries; s++)
		ok(nseries == 1 ? c->series[s] == NULL : c->series[s] != NULL &&
		    *c->series[s] != '\0', "chart %s: legend %zu", id, s);
}

static void
check_charts(void)
{
	static const char *const ids[8] = { "month_workshops", "month_attendances", "age",
		"gender", "sector", "topic", "status", "satisfaction" };
	static const char *const months_es[] = { "sept 2026", "oct 2026", "nov 2026" };
	static const double workshops[] = { 1, 0, 3 }, attendances[] = { 20, 0, 23 };
	static const char *const munis[] = { "Almazán", "Berlanga de Duero", "Medinaceli",
		"No municipality" };
	static const double age[] = { 5, 15, 6, 4, 0, 8, 5, 0 };
	static const double gender[] = { 12, 6, 2, 7, 0, 3, 3, 5, 0, 2, 2, 1 };
	static const char *const sectors_es[] = { "Hostelería", "No sector",
		"Alimentación y bebidas" };
	static const double sectors[] = { 2, 1, 1 };
	static const char *const topics_es[] = { "Redes sociales", "Tienda online",
		"Página web" };
	static const double topics[] = { 2, 1, 1 };
	static const char *const status_es[] = { "Pendiente", "En curso", "Hecha",
		"Bloqueada" };
	static const double status[] = { 1, 1, 1, 1 };
	static const char *const sat_cats[] = { "1", "2", "3", "4", "5" };
	static const double sat[] = { 0, 1, 1, 0, 1 };
	static const char *const muni_cats[] = { "Visits", "Workshops", "Attendances",
		"Businesses helped", "Tasks done" };
	static const double muni[] = { 2, 1, 20, 2, 1 };
	struct record_filter f = { 0 };
	struct programme *p = NULL;
	struct error err = { 0 };
	struct chart *charts = NULL, one;
	char buf[I18N_MONTH_SHORT_LEN + 1];
	size_t n = 0, i;

	/* The catalogues are not read here: words of context "report" stay English, and
	 * the forms' labels and the months are Spanish. */
	catalog_use_dir("/nonexistent");
	if (programme_build(st, &f, &p, &err) != 0 ||
	    chart_list_programme(p, "es", &charts, &n, &err) != 0) {
		ok(0, "charts: %s", err.msg);
		programme_free(p);
		return;
	}
	is_int(n, 8, "eight charts");
	for (i = 0; i < n && i < 8; i++)
		is_str(charts[i].id, ids[i], "the charts in the report's order");
	check_chart(find_chart(charts, n, "month_workshops"), "month_workshops", CHART_COLUMNS,
	    1, months_es, workshops, 3);
	check_chart(find_chart(charts, n, "month_attendances"), "month_attendances",
	    CHART_COLUMNS, 1, months_es, attendances, 3);
	check_chart(find_chart(charts, n, "age"), "age", CHART_STACKED, 2, munis, age, 4);
	check_chart(find_chart(charts, n, "gender"), "gender", CHART_STACKED, 3, munis,
	    gender, 4);
	check_chart(find_chart(charts, n, "sector"), "sector", CHART_BARS, 1, sectors_es,
	    sectors, 3);
	check_chart(find_chart(charts, n, "topic"), "topic", CHART_BARS, 1, topics_es, topics,
	    3);
	check_chart(find_chart(charts, n, "status"), "status", CHART_BARS, 1, status_es,
	    status, 4);
	check_chart(find_chart(charts, n, "satisfaction"), "satisfaction", CHART_COLUMNS, 1,
	    sat_cats, sat, 5);
	if (find_chart(charts, n, "age") != NULL) {
		is_int((long)chart_max(find_chart(charts, n, "age")), 20,
		    "a stacked chart's max is its longest sum");
		is_int((long)chart_max(find_chart(charts, n, "month_attendances")), 23,
		    "a chart's max is its largest value");
	}
	for (i = 0; i < n; i++)
		ok(charts[i].title != NULL && *charts[i].title != '\0' &&
		    charts[i].decimals == 0, "chart %s: a title, whole numbers", charts[i].id);
	chart_list_free(charts, n);

	if (chart_for_municipality(&p->munis[0], "en", &one, &err) != 0)
		ok(0, "municipality chart: %s", err.msg);
	else {
		is_str(one.id, "muni", "a municipality's chart");
		is_str(one.title, "Almazán", "titled by its municipality");
		check_chart(&one, "muni", CHART_BARS, 1, muni_cats, muni, 5);
		chart_free(&one);
	}
	programme_free(p);

	/* An empty period: the charts are there, with nothing to draw. */
	f = (struct record_filter){ .from = "2030-01-01", .to = "2030-02-28" };
	if (programme_build(st, &f, &p, &err) != 0 ||
	    chart_list_programme(p, "en", &charts, &n, &err) != 0) {
		ok(0, "empty charts: %s", err.msg);
		programme_free(p);
		return;
	}
	is_int(n, 8, "empty: eight charts still");
	for (i = 0; i < n; i++)
		ok(chart_max(&charts[i]) == 0, "empty: chart %s has nothing to show",
		    charts[i].id);
	if (n > 0 && charts[0].ncats == 2)
		is_str(charts[0].cats[1], "Feb 2030", "empty: the months of the filter, in English");
	else
		ok(0, "empty: the two months of the filter");
	chart_list_free(charts, n);
	programme_free(p);

	is_str(programme_status_label(2, "es"), "Hecha", "a status's label from the task form");
	is_str(programme_status_label(4, "es"), "", "no fifth status");
	i18n_month_short("2026-11", "eu", buf, sizeof buf);
	is_str(buf, "2026 aza.", "Basque: the year first");
	i18n_month_short("2026-03", "ca", buf, sizeof buf);
	is_str(buf, "març 2026", "Catalan");
	i18n_month_short("2026-07", "gl_ES.UTF-8", buf, sizeof buf);
	is_str(buf, "xul. 2026", "Galician from a locale name");
	i18n_month_short("2026-13", "es", buf, sizeof buf);
	is_str(buf, "2026-13", "no such month: copied");
}

int
main(void)
{
	char dir[] = "/tmp/t0601-XXXXXX";
	struct error err = { 0 };

	if (mkdtemp(dir) == NULL || store_open(&st, dir, &err) != 0 ||
	    forms_init(NULL, &err) != 0) {
		ok(0, "a store in /tmp and the forms: %s", err.msg);
		return done_testing();
	}
	fixture();
	check_all();
	check_filtered();
	check_charts();
	store_close(st);
	forms_shutdown();
	test_remove_dir(dir);
	return done_testing();
}
