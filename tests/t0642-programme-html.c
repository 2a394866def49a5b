/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0642-programme-html.c: the programme report's HTML (report/programme_html.h) from a
 * hand-built struct programme: one HTML5 document in the asked language, the headline
 * figures and the table written with report_group_cells' numbers, a section per
 * municipality, the charts inline, nothing outside the file, a municipality's markup
 * escaped, and a period without records as a page that says so. With an argument, the
 * document is also written to that file (to look at it). */
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/text.h"
#include "core/util.h"
#include "report/programme_html.h"
#include "tests/tap.h"

static int
count(const char *s, const char *needle)
{
	int n = 0;

	for (; (s = strstr(s, needle)) != NULL; s += strlen(needle))
		n++;
	return n;
}

static void
set_group(struct report_group *g, const char *key, long visits, long businesses,
    long tasks_done, long workshops, long attendees, long a65, long women, long minutes)
{
	g->key = xstrdup(key);
	g->visits = visits;
	g->businesses = businesses;
	g->businesses_visited = businesses;
	g->tasks_done = tasks_done;
	g->workshops = workshops;
	g->attendees = attendees;
	g->attendees_65plus = a65;
	g->women = women;
	g->minutes = minutes;
}

static struct programme *
make_programme(void)
{
	struct programme *p = xcalloc(1, sizeof *p);

	snprintf(p->from, sizeof p->from, "2026-10-01");
	snprintf(p->to, sizeof p->to, "2026-11-30");
	p->municipalities = 2;
	p->nmunis = 2;
	p->munis = xcalloc(2, sizeof *p->munis);
	set_group(&p->munis[0].fig, "Almazán", 1, 1, 0, 1, 20, 15, 12, 180);
	set_group(&p->munis[1].fig, "Berlanga <b>& Duero", 1, 1, 1, 0, 0, 0, 0, 45);
	p->munis[1].fig.task_hours = 2.5;
	set_group(&p->total.fig, "", 2, 2, 1, 1, 20, 15, 12, 225);
	p->total.fig.task_hours = 2.5;
	p->nmonths = 2;
	p->months = xcalloc(2, sizeof *p->months);
	set_group(&p->months[0].fig, "2026-10", 1, 1, 0, 0, 0, 0, 0, 60);
	set_group(&p->months[1].fig, "2026-11", 1, 1, 1, 1, 20, 15, 12, 165);
	return p;
}

static void
free_programme(struct programme *p)
{
	size_t i;

	for (i = 0; i < p->nmunis; i++)
		free(p->munis[i].fig.key);
	for (i = 0; i < p->nmonths; i++)
		free(p->months[i].fig.key);
	free(p->total.fig.key);
	free(p->munis);
	free(p->months);
	free(p);
}

static void
test_document(const char *save)
{
	struct programme *p = make_programme();
	struct error err = { 0 };
	char *html = NULL;
	size_t len = 0;
	FILE *f;

	is_int(programme_render_html(p, "Digitaliza <Soria>", "es", &html, &len, &err), 0,
	    "a programme renders");
	if (html == NULL) {
		diag("%s", err.msg);
		free_programme(p);
		return;
	}
	if (save != NULL && (f = fopen(save, "w")) != NULL) {
		fwrite(html, 1, len, f);
		fclose(f);
	}
	is_int(strlen(html), len, "its length");
	ok(strncmp(html, "<!DOCTYPE html>\n<html lang=\"es\">", 32) == 0, "HTML5 in Spanish");
	ok(strstr(html, "<meta charset=\"utf-8\">") != NULL && utf8_valid(html, len), "UTF-8");
	ok(strstr(html, "<title>Digitaliza &lt;Soria&gt; \u2014 ") != NULL,
	    "the title names the programme, escaped");
	ok(strstr(html, "<script") == NULL && strstr(html, "http:") == NULL &&
	    strstr(html, "https:") == NULL && strstr(html, "src=") == NULL &&
	    strstr(html, "href") == NULL && strstr(html, "<link") == NULL && strstr(html,
	    "@import") == NULL, "no script, nothing outside the file");
	ok(strstr(html, "@media print") != NULL, "print styles");
	ok(strstr(html, "<span class=\"num\" data-figure=\"municipalities\">2</span>") != NULL, "cover: municipalities");
	ok(strstr(html, "<span class=\"num\" data-figure=\"attendances\">20</span>") != NULL, "cover: attendances");
	ok(strstr(html, "<span class=\"num\" data-figure=\"share_65plus\">75,0 %</span>") != NULL,
	    "cover: share 65+, decimal comma");
	ok(strstr(html, "<span class=\"num\" data-figure=\"share_women\">60,0 %</span>") != NULL,
	    "cover: share of women");
	ok(strstr(html, "<span class=\"num\" data-figure=\"hours\">6,25</span>") != NULL, "cover: hours");
	is_int(count(html, "<section class=\"municipality\""), 2, "a section per municipality");
	ok(strstr(html, "Berlanga &lt;b&gt;&amp; Duero") != NULL && strstr(html, "<b>") == NULL,
	    "a municipality's markup is escaped");
	ok(count(html, "<figure>") >= 1, "the programme's charts");
	is_int(count(html, "<svg "), count(html, "<figure>") + (int)p->nmunis,
	    "each chart and each municipality's chart inline");
	is_int(count(html, "<tr><th scope=\"row\">"), 3, "the table: two rows and the total");
	ok(strstr(html, "<td>20</td><td>15</td><td>75,0</td><td>12</td><td>60,0</td>"
	    "<td>3,00</td>") != NULL, "the table: Almazán's cells as the report writes them");
	ok(strstr(html, "<td>0</td><td>-</td><td>0</td><td>-</td><td>3,25</td>") != NULL,
	    "the table: no share without attendees");
	ok(strstr(html, "<p class=\"period\" id=\"period\">1 de octubre de 2026 – 30 de "
	    "noviembre de 2026</p>") != NULL, "the period in words, in Spanish");
	ok(strstr(html, "<h2 id=\"headline\">Cifras principales</h2>") != NULL,
	    "the words in the report's language");
	free(html);
	free_programme(p);
}

static void
test_empty(void)
{
	struct programme p = { 0 };
	struct error err = { 0 };
	char *html = NULL;
	size_t len = 0;

	p.total.fig.key = (char *)"";
	is_int(programme_render_html(&p, NULL, "en", &html, &len, &err), 0,
	    "an empty period renders");
	ok(html != NULL && strstr(html, "<html lang=\"en\">") != NULL, "in English");
	ok(html != NULL && strstr(html, "id=\"nothing\"") != NULL &&
	    strstr(html, "There are no records for this period.") != NULL, "it says so");
	ok(html != NULL && strstr(html, "<svg") == NULL && strstr(html, "<table") == NULL,
	    "and draws no empty chart or table");
	ok(html != NULL && strstr(html, "id=\"period\"") == NULL, "no period: none said");
	free(html);

	/* An open end: "from" the first day. */
	snprintf(p.from, sizeof p.from, "2026-03-01");
	html = NULL;
	is_int(programme_render_html(&p, NULL, "es", &html, &len, &err), 0, "a period from a day");
	ok(html != NULL && strstr(html, ">desde el 1 de marzo de 2026</p>") != NULL,
	    "  said as the PDF says it");
	free(html);
}

int
main(int argc, char **argv)
{
	char *dir;

	if (getenv("VOLUNTEER_LOCALEDIR") == NULL) {
		dir = xasprintf("%s/locale", getenv("TEST_BUILD") ? getenv("TEST_BUILD") : "build");
		catalog_use_dir(dir);
		free(dir);
	}
	test_document(argc > 1 ? argv[1] : NULL);
	test_empty();
	return done_testing();
}
