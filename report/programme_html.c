/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * programme_html.c: the programme report as one HTML5 file (programme_html.h): a cover
 * with the headline figures, the charts as inline SVG (report/chart_svg.h), a section per
 * municipality with its figures and small chart, and the table of every figure, the
 * cells of `report` (report_group_cells) so that each number is the one `report --csv`
 * prints. CSS inline, no script, no reference to anything outside the file, so that it
 * can be sent by e-mail or put on a site as it is, and printed on A4.
 *
 * Words are looked up in the report's language (core/catalog.h), not the session's: the
 * words of the PDF (report/programme_pdf.c) and the charts (report/chart.c), context
 * "report", so that both say the same; the few of the HTML alone of context "html".
 * Municipality names come from records: every text goes through html_append_text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "report/chart_svg.h"
#include "report/dates.h"
#include "report/programme_html.h"

/* The table's columns: cells[1..14], headed as the PDF's table heads them (context
 * "report") and named as the CSV names them. */
static const struct {
	const char *heading, *csv;
} columns[REPORT_NCELLS] = {
	{ NC_("report", "Municipality"), "municipality" },
	{ NC_("report", "Visits"), "visits" },
	{ NC_("report", "Businesses"), "businesses" },
	{ NC_("report", "Visited"), "businesses_visited" },
	{ NC_("report", "With web work"), "businesses_web" },
	{ NC_("report", "Tasks done"), "tasks_done" },
	{ NC_("report", "Tasks open"), "tasks_open" },
	{ NC_("report", "Workshops"), "workshops" },
	{ NC_("report", "Attendees"), "attendees" },
	{ NC_("report", "65+"), "attendees_65plus" },
	{ NC_("report", "65+ %"), "attendees_65plus_pct" },
	{ NC_("report", "Women"), "women" },
	{ NC_("report", "Women %"), "women_pct" },
	{ NC_("report", "Hours"), "hours" },
	{ NC_("report", "Follow-ups due"), "follow_ups_due" },
};

static const char css[] =
	"body{font-family:\"DejaVu Sans\",Verdana,sans-serif;color:#111;background:#fff;"
	"margin:0 auto;max-width:72rem;padding:1.5rem;line-height:1.4}"
	"h1{font-size:2.1rem;margin:.2rem 0}"
	"h2{border-bottom:2px solid #222;padding-bottom:.2rem;margin-top:2.5rem}"
	"h3{margin:0 0 .6rem}"
	".kicker{text-transform:uppercase;letter-spacing:.08em;font-size:.85rem;margin:0}"
	".period{font-size:1.15rem;margin:.3rem 0 1.4rem}"
	".figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));"
	"gap:.6rem;margin:0 0 1rem}"
	".figure{border:1px solid #888;padding:.45rem .7rem}"
	".figure .label{display:block;font-size:.85rem}"
	".figure .num{display:block;font-size:1.6rem;font-weight:bold;white-space:nowrap}"
	".muni-body{display:grid;grid-template-columns:repeat(auto-fit,minmax(26rem,1fr));"
	"gap:1rem 2rem;align-items:start}"
	".muni-body .figures{grid-template-columns:repeat(auto-fill,minmax(9rem,1fr))}"
	".municipality .figure .num{font-size:1.2rem}"
	".municipality{border-top:1px solid #888;padding-top:1rem;margin-top:1.5rem}"
	"h2+.municipality{border-top:0;padding-top:0}"
	"figure{margin:0}"
	".chart-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(30rem,1fr));"
	"gap:1.6rem 2rem;margin-top:1rem}"
	"svg.chart{display:block;width:100%;max-width:40rem;height:auto}"
	".table-wrap{overflow-x:auto}"
	"table{border-collapse:collapse;font-size:.8rem;width:100%}"
	"th,td{border:1px solid #888;padding:.25rem .35rem}"
	"thead th{font-size:.72rem;hyphens:auto}"
	"td{text-align:right;font-variant-numeric:tabular-nums}"
	"th{text-align:left;vertical-align:bottom}"
	"tfoot th,tfoot td{font-weight:bold;border-top:2px solid #222}"
	".empty{font-size:1.2rem;border:1px solid #888;padding:1rem}"
	".note{font-size:.85rem}"
	"@page{size:A4;margin:14mm}"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	"main h2{break-before:page}"
	".chart-grid,.muni-body{display:block}figure{margin:0 0 1.2rem}"
	"svg.chart{max-width:34rem}"
	".municipality,figure,.figure{break-inside:avoid}"
	".table-wrap{overflow:visible}table{font-size:7pt}"
	"thead{display:table-header-group}}";

static const char *
word(const char *lang, const char *ctx, const char *msgid)
{
	return catalog_text(lang, ctx, msgid);
}

/* A municipality as a person reads it, and as its chart names it (report/chart.c). */
static const char *
municipality_name(const struct report_group *g, const char *lang)
{
	return g->key == NULL || *g->key == '\0' ? word(lang, "report", "No municipality") :
	    report_group_label(REPORT_BY_MUNICIPALITY, g->key);
}

/* The period (programme_period_text), nothing when there is none. */
static void
append_period(struct strbuf *out, const struct programme *p, const char *lang)
{
	char *text = programme_period_text(p, lang);

	if (*text != '\0') {
		strbuf_add(out, "<p class=\"period\" id=\"period\">");
		html_append_text(out, text);
		strbuf_add(out, "</p>\n");
	}
	free(text);
}

/* The figures of g as a <dl>; the municipalities reached first when given (>= 0). */
static void
append_figures(struct strbuf *out, const struct report_group *g, long municipalities,
    const char *lang)
{
	struct programme_headline h[PROGRAMME_NHEADLINE];
	size_t i, n = programme_headline(g, municipalities, lang, h);

	/* Not a <dl> of <div>s: tidy 5.6 does not know that HTML5 allows them. */
	strbuf_add(out, "<div class=\"figures\">\n");
	for (i = 0; i < n; i++) {
		strbuf_add(out, "<div class=\"figure\"><span class=\"label\">");
		html_append_text(out, h[i].label);
		strbuf_addf(out, "</span> <span class=\"num\" data-figure=\"%s\">",
		    h[i].key);
		html_append_text(out, h[i].value);
		strbuf_add(out, "</span></div>\n");
	}
	strbuf_add(out, "</div>\n");
}

static void
append_row(struct strbuf *out, const struct report_group *g, const char *label, const char *lang)
{
	char cells[REPORT_NCELLS][REPORT_CELL];
	int c;

	report_group_cells(g, lang, cells);
	strbuf_add(out, "<tr><th scope=\"row\">");
	html_append_text(out, label);
	strbuf_add(out, "</th>");
	for (c = 1; c < REPORT_NCELLS; c++) {
		strbuf_add(out, "<td>");
		html_append_text(out, cells[c]);
		strbuf_add(out, "</td>");
	}
	strbuf_add(out, "</tr>\n");
}

/* The table of every figure: a row per municipality, the total last. */
static void
append_table(struct strbuf *out, const struct programme *p, const char *lang)
{
	size_t i;
	int c;

	strbuf_add(out, "<div class=\"table-wrap\"><table id=\"figures\">\n<thead><tr>");
	for (c = 0; c < REPORT_NCELLS; c++) {
		strbuf_addf(out, "<th scope=\"col\" data-csv=\"%s\">", columns[c].csv);
		html_append_text(out, word(lang, "report", columns[c].heading));
		strbuf_add(out, "</th>");
	}
	strbuf_add(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < p->nmunis; i++)
		append_row(out, &p->munis[i].fig, municipality_name(&p->munis[i].fig, lang), lang);
	strbuf_add(out, "</tbody>\n<tfoot>\n");
	append_row(out, &p->total.fig, word(lang, NULL, "Total"), lang);
	strbuf_add(out, "</tfoot>\n</table></div>\n");
}

static void
append_heading(struct strbuf *out, const char *tag, const char *id, const char *text)
{
	strbuf_addf(out, "<%s id=\"%s\">", tag, id);
	html_append_text(out, text);
	strbuf_addf(out, "</%s>\n", tag);
}

/* Everything after the cover: the charts, the municipalities, the table. */
static int
append_body(struct strbuf *out, const struct programme *p, const char *lang, struct error *err)
{
	struct chart *charts = NULL, small = { 0 };
	size_t n = 0, i;
	char uid[64];
	int rc = -1;

	if (chart_list_programme(p, lang, &charts, &n, err) != 0)
		goto out;
	strbuf_add(out, "<section class=\"charts\">\n");
	append_heading(out, "h2", "charts", word(lang, "html", NC_("html", "Charts")));
	strbuf_add(out, "<div class=\"chart-grid\">\n");
	for (i = 0; i < n; i++) {
		snprintf(uid, sizeof uid, "chart-%zu-%s", i + 1, charts[i].id ? charts[i].id : "");
		strbuf_add(out, "<figure>");
		chart_svg_append(out, &charts[i], lang, uid);
		strbuf_add(out, "</figure>\n");
	}
	strbuf_add(out, "</div>\n</section>\n<section class=\"municipalities\">\n");
	append_heading(out, "h2", "municipalities", word(lang, "html",
	    NC_("html", "Municipalities")));
	for (i = 0; i < p->nmunis; i++) {
		strbuf_addf(out, "<section class=\"municipality\" id=\"muni-%zu\">\n"
		    "<h3>", i + 1);
		html_append_text(out, municipality_name(&p->munis[i].fig, lang));
		strbuf_add(out, "</h3>\n<div class=\"muni-body\">\n");
		append_figures(out, &p->munis[i].fig, -1, lang);
		if (chart_for_municipality(&p->munis[i], lang, &small, err) != 0)
			goto out;
		snprintf(uid, sizeof uid, "chart-muni-%zu", i + 1);
		chart_svg_append(out, &small, lang, uid);
		chart_free(&small);
		strbuf_add(out, "</div>\n</section>\n");
	}
	strbuf_add(out, "</section>\n<section class=\"table\">\n");
	append_heading(out, "h2", "table", word(lang, "report",
	    NC_("report", "Every figure by municipality")));
	strbuf_add(out, "<p class=\"note\">");
	html_append_text(out, word(lang, "report", NC_("report", "The same numbers as volunteer "
	    "report --csv --by municipality for the same records. Shares are per cent of "
	    "attendees; hours: visits, workshops and tasks.")));
	strbuf_add(out, "</p>\n");
	append_table(out, p, lang);
	strbuf_add(out, "</section>\n");
	rc = 0;
out:
	chart_free(&small);
	chart_list_free(charts, n);
	return rc;
}

int
programme_render_html(const struct programme *p, const char *programme_name,
    const char *lang, char **out, size_t *len, struct error *err)
{
	struct strbuf *html = strbuf_new(64 << 10);
	const struct report_group *t = &p->total.fig;
	const char *title;
	int named = programme_name != NULL && *programme_name != '\0', rc = -1;

	lang = i18n_lang_known(lang) ? lang : i18n_lang();	/* NULL: the session's */
	title = word(lang, "report", NC_("report", "Programme report"));
	strbuf_addf(html, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"volunteer %s\">\n<title>", lang, VOLUNTEER_VERSION);
	if (named) {
		html_append_text(html, programme_name);
		strbuf_add(html, " \u2014 ");
	}
	html_append_text(html, title);
	strbuf_addf(html, "</title>\n<style>%s</style>\n</head>\n<body>\n"
	    "<header class=\"cover\">\n", css);
	if (named) {
		strbuf_add(html, "<p class=\"kicker\">");
		html_append_text(html, title);
		strbuf_add(html, "</p>\n<h1>");
		html_append_text(html, programme_name);
	} else {
		strbuf_add(html, "<h1>");
		html_append_text(html, title);
	}
	strbuf_add(html, "</h1>\n");
	append_period(html, p, lang);
	if (t->visits + t->workshops + t->tasks_done + t->tasks_open == 0) {
		strbuf_add(html, "<div class=\"empty\" id=\"nothing\"><p><strong>");
		html_append_text(html, word(lang, "report", NC_("report", "There are no records "
		    "for this period.")));
		strbuf_add(html, "</strong></p><p>");
		html_append_text(html, word(lang, "report", NC_("report", "No visit, task or "
		    "workshop matches the report's filter: no figure or chart to show.")));
		strbuf_add(html, "</p></div>\n</header>\n");
	} else {
		append_heading(html, "h2", "headline", word(lang, "html",
		    NC_("html", "Headline figures")));
		append_figures(html, t, p->municipalities, lang);
		strbuf_add(html, "<p class=\"note\">");
		html_append_text(html, word(lang, "report", NC_("report", "Attendances: the people "
		    "at each workshop, added up (one person at two workshops counts twice). Shares "
		    "are per cent of attendances. Businesses helped: each business once, however "
		    "many visits and tasks it had. Hours: visits, workshops and tasks.")));
		strbuf_add(html, "</p>\n</header>\n<main>\n");
		if (append_body(html, p, lang, err) != 0)
			goto out;
		strbuf_add(html, "</main>\n");
	}
	strbuf_add(html, "<footer><p class=\"note\">");
	html_append_text(html, word(lang, "html", NC_("html", "Counts only: this report holds "
	    "no personal data.")));
	strbuf_add(html, "</p></footer>\n</body>\n</html>\n");
	*len = html->len;
	*out = xmalloc(html->len + 1);
	memcpy(*out, html->str, html->len + 1);
	rc = 0;
out:
	strbuf_free(html);
	return rc;
}
