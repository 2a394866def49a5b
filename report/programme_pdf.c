/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * programme_pdf.c: the programme report as a PDF (see programme_pdf.h).
 *
 * Every foot says "Page 2 of 7", and how many pages the charts and the table take is only
 * known once they are laid out; so each page is drawn into a cairo recording surface
 * (vectors and text, nothing rasterised) and the pages are replayed into the PDF at the
 * end, each with its foot.
 *
 * The charts are told apart without colour: a series is filled solid, hatched, dotted or
 * left white (chart.h's patterns), each bar outlined with a line of BAR_LINE points, and
 * nothing else in the report is stroked that wide (a test counts the bars so).
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "report/chart.h"
#include "report/dates.h"
#include "report/pdf_common.h"
#include "report/programme_pdf.h"
#include "report/stats.h"
#include "report/summary.h"

#define FOOTER_H 30.0			/* kept above the bottom margin for the foot */
#define CHART_GAP 26.0			/* between two charts */
#define BAR_LINE 0.8			/* the outline of every bar, and nothing else */
#define BAR_ROW 17.0			/* a category of a horizontal chart */
#define BAR_H 11.0
#define LABEL_COL 128.0			/* their labels' column */
#define COLUMNS_H 150.0			/* the plot of a column chart */
#define COLUMNS_MAX 24			/* columns in one block; more go on below */
#define TICKS_H 14.0			/* the value axis' numbers under a bar chart */
#define TILE_GAP 12.0
#define TILE_H 84.0

struct doc {
	const struct programme *p;
	const char *lang;
	char *name;			/* the programme, sanitised; NULL for none */
	char *period;			/* "1 September 2026 – 30 November 2026", or "" */
	struct pdf_fonts fonts;
	PangoContext *ctx;
	cairo_surface_t **pages;	/* recordings, one per page */
	int *landscape;
	size_t npages, cap;
	cairo_t *cr;			/* of the page being drawn */
	double w, h;			/* its size */
	double y;			/* its next free point */
};

/* ---- pages and text ---- */

static void
end_page(struct doc *d)
{
	if (d->cr != NULL)
		cairo_destroy(d->cr);
	d->cr = NULL;
}

static void
new_page(struct doc *d, int landscape)
{
	cairo_rectangle_t extents;

	end_page(d);
	d->w = landscape ? PDF_PAGE_H : PDF_PAGE_W;
	d->h = landscape ? PDF_PAGE_W : PDF_PAGE_H;
	extents = (cairo_rectangle_t){ 0, 0, d->w, d->h };
	if (d->npages == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->pages = xrealloc(d->pages, d->cap * sizeof *d->pages);
		d->landscape = xrealloc(d->landscape, d->cap * sizeof *d->landscape);
	}
	d->pages[d->npages] = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
	    &extents);
	d->landscape[d->npages++] = landscape;
	d->cr = cairo_create(d->pages[d->npages - 1]);
	d->y = PDF_MARGIN;
}

static double
bottom(const struct doc *d)
{
	return d->h - PDF_MARGIN - FOOTER_H;
}

static double
content_w(const struct doc *d)
{
	return d->w - 2 * PDF_MARGIN;
}

enum { LEFT, CENTRE, RIGHT };

/*
 * text at (x, y: its top) in a box width wide (0: as wide as it is), aligned in it;
 * returns its height. grey 0 is black. One line unless wrap.
 */
static double
text_at(struct doc *d, const char *text, double x, double y, double width, double size,
    int bold, double grey, int align, int wrap)
{
	PangoLayout *l = pdf_layout_new(d->ctx, text, width, size, bold, grey);
	double h;

	if (!wrap && width > 0) {
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(l, -1);
	}
	if (align != LEFT)
		pango_layout_set_alignment(l, align == CENTRE ? PANGO_ALIGN_CENTER :
		    PANGO_ALIGN_RIGHT);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, l);
	h = pdf_layout_height(l);
	g_object_unref(l);
	return h;
}

/* The width text would take. */
static double
text_width(struct doc *d, const char *text, double size, int bold)
{
	PangoLayout *l = pdf_layout_new(d->ctx, text, 0, size, bold, 0);
	double w = pdf_layout_width(l);

	g_object_unref(l);
	return w;
}

/* text flowing at the current y, across the page; y moves below it. */
static void
para(struct doc *d, const char *text, double size, int bold, double grey, double after)
{
	d->y += text_at(d, text, PDF_MARGIN, d->y, content_w(d), size, bold, grey, LEFT, 1);
	d->y += after;
}

static void
rule(struct doc *d, double y, double grey, double width)
{
	cairo_set_source_rgb(d->cr, grey, grey, grey);
	cairo_set_line_width(d->cr, width);
	cairo_move_to(d->cr, PDF_MARGIN, y);
	cairo_line_to(d->cr, d->w - PDF_MARGIN, y);
	cairo_stroke(d->cr);
}

/* ---- numbers ---- */

static void
format_value(const struct doc *d, double v, int decimals, char *buf, size_t size)
{
	snprintf(buf, size, "%.*f", decimals, v);
	i18n_number_local(buf, d->lang);
}

/* A share as people read it: "62,8 %" ("62.8%" in English); "–" for none. */
/* A step of 1, 2 or 5 times a power of ten giving at most five ticks up to max. */
static double
tick_step(double max)
{
	double step = 1, base;

	if (max <= 5)
		return 1;
	base = pow(10, floor(log10(max / 5)));
	step = base;
	if (max / step > 5)
		step = 2 * base;
	if (max / step > 5)
		step = 5 * base;
	if (max / step > 5)
		step = 10 * base;
	return step;
}

/* ---- bars ---- */

/* The pattern of series s inside a rectangle. */
static void
fill_pattern(struct doc *d, double x, double y, double w, double h, size_t s)
{
	cairo_t *cr = d->cr;
	double i, j;

	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	switch ((enum chart_pattern)(s % CHART_MAX_SERIES)) {
	case CHART_SOLID:
		cairo_set_source_rgb(cr, 0.32, 0.32, 0.32);
		cairo_fill(cr);
		break;
	case CHART_HATCHED:
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		cairo_clip(cr);
		cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
		cairo_set_line_width(cr, 0.9);
		for (i = x - h; i < x + w; i += 4.0) {
			cairo_move_to(cr, i, y + h);
			cairo_line_to(cr, i + h, y);
		}
		cairo_stroke(cr);
		break;
	case CHART_DOTTED:
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		cairo_clip(cr);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		for (j = y + 1.8; j < y + h; j += 3.6)
			for (i = x + 1.8 + (fmod(j - y, 7.2) > 3 ? 1.8 : 0); i < x + w; i += 3.6) {
				cairo_new_sub_path(cr);
				cairo_arc(cr, i, j, 0.75, 0, 2 * M_PI);
			}
		cairo_fill(cr);
		break;
	case CHART_OUTLINE:
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill(cr);
		break;
	}
	cairo_restore(cr);
}

static void
outline(struct doc *d, double x, double y, double w, double h, double line)
{
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	cairo_set_line_width(d->cr, line);
	cairo_rectangle(d->cr, x, y, w, h);
	cairo_stroke(d->cr);
}

/* A bar of series s: its pattern inside, its outline BAR_LINE wide. */
static void
bar(struct doc *d, double x, double y, double w, double h, size_t s)
{
	if (w <= 0 || h <= 0)
		return;
	fill_pattern(d, x, y, w, h, s);
	outline(d, x, y, w, h, BAR_LINE);
}

/* The legend's small sample of series s: outlined thinner, it is no bar. */
static void
swatch(struct doc *d, double x, double y, size_t s)
{
	fill_pattern(d, x, y, 10, 10, s);
	outline(d, x, y, 10, 10, 0.5);
}

static double
legend(struct doc *d, const struct chart *c, double x, double y)
{
	char *label;
	size_t s;

	if (c->nseries < 2)
		return 0;
	for (s = 0; s < c->nseries; s++) {
		label = text_sanitize(c->series[s] ? c->series[s] : "", 0, 0);
		swatch(d, x, y + 1, s);
		text_at(d, label, x + 14, y, 0, 8.5, 0, 0, LEFT, 0);
		x += 14 + text_width(d, label, 8.5, 0) + 14;
		free(label);
	}
	return 16;
}

/* The value axis of a horizontal chart from x0 (0) to x0 + w (max), its grid over
 * [top, bot] and its numbers under bot. */
static void
value_axis_h(struct doc *d, double x0, double w, double top, double bot, double max,
    double step, int decimals)
{
	char num[32];
	double v;

	for (v = 0; v <= max + step / 2; v += step) {
		double x = x0 + w * v / max;
		cairo_set_source_rgb(d->cr, 0.8, 0.8, 0.8);
		cairo_set_line_width(d->cr, 0.4);
		cairo_move_to(d->cr, x, top);
		cairo_line_to(d->cr, x, bot);
		cairo_stroke(d->cr);
		format_value(d, v, decimals, num, sizeof num);
		text_at(d, num, x - 30, bot + 2, 60, 7, 0, 0.35, CENTRE, 0);
	}
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	cairo_set_line_width(d->cr, 0.6);
	cairo_move_to(d->cr, x0, top);
	cairo_line_to(d->cr, x0, bot);
	cairo_stroke(d->cr);
}

/* Categories [from, to) of a horizontal chart (one bar per category, series side by side
 * or stacked) from the current y. */
static void
draw_bars(struct doc *d, const struct chart *c, size_t from, size_t to, double x,
    double w, double max, double step)
{
	int stacked = c->kind == CHART_STACKED;
	size_t ns = c->nseries, i, s;
	double row = stacked || ns == 1 ? BAR_ROW : ns * (BAR_H - 2) + 6;
	double x0 = x + LABEL_COL, pw = w - LABEL_COL - 46, top = d->y, y;
	char num[32];

	/* The grid first: the bars are drawn over it. */
	value_axis_h(d, x0, pw, top - 2, d->y + (to - from) * row, max, step, c->decimals);
	for (i = from; i < to; i++) {
		char *label = text_sanitize(c->cats[i], 0, 0);
		double bx = x0, ex;
		y = d->y + (i - from) * row;
		text_at(d, label, x, y + (row - 10.5) / 2 - 1, LABEL_COL - 8, 8.5, 0, 0, RIGHT, 0);
		free(label);
		for (s = 0; s < ns; s++) {
			double v = c->values[i * ns + s], bw = pw * v / max;
			double by = stacked || ns == 1 ? y + (row - BAR_H) / 2 :
			    y + 3 + s * (BAR_H - 2);
			double bh = stacked || ns == 1 ? BAR_H : BAR_H - 2;
			double tw;
			format_value(d, v, c->decimals, num, sizeof num);
			tw = text_width(d, num, 7.5, 0);
			if (!stacked) {
				if (v > 0)
					bar(d, x0, by, bw, bh, s);
				text_at(d, num, x0 + bw + 3, by + (bh - 9) / 2, 0, 7.5, 0, 0, LEFT,
				    0);
				continue;
			}
			if (v <= 0)
				continue;
			bar(d, bx, by, bw, bh, s);
			if (bw >= tw + 8) {
				/* On a white label, readable over any pattern. */
				cairo_set_source_rgb(d->cr, 1, 1, 1);
				cairo_rectangle(d->cr, bx + (bw - tw) / 2 - 2.5, by + 1, tw + 5,
				    bh - 2);
				cairo_fill(d->cr);
				text_at(d, num, bx + (bw - tw) / 2, by + (bh - 9) / 2, 0, 7.5, 0, 0,
				    LEFT, 0);
			}
			bx += bw;
		}
		if (!stacked)
			continue;
		/* The numbers too wide for their segment go after the bar, in series order. */
		ex = bx + 3;
		for (s = 0; s < ns; s++) {
			double v = c->values[i * ns + s], bw = pw * v / max, tw;
			format_value(d, v, c->decimals, num, sizeof num);
			tw = text_width(d, num, 7.5, 0);
			if (v > 0 && bw < tw + 8) {
				text_at(d, num, ex, y + (row - 9) / 2 - 0.5, 0, 7.5, 0, 0, LEFT, 0);
				ex += tw + 5;
			}
		}
	}
	d->y += (to - from) * row + TICKS_H;
}

#define AXIS_W 30.0

/*
 * The room above the columns [from, to) of c across w for their numbers: one line, or,
 * when a number is wider than its column (1043 over a month of two years' chart), the
 * widest number written upwards. *vertical says which.
 */
static double
number_room(struct doc *d, const struct chart *c, size_t from, size_t to, double w,
    int *vertical)
{
	double cw = (w - AXIS_W) / (double)(to - from);
	double colw = MIN(cw * 0.7, 46) / (double)c->nseries, widest = 0;
	char num[32];
	size_t i;

	for (i = from * c->nseries; i < to * c->nseries; i++) {
		format_value(d, c->values[i], c->decimals, num, sizeof num);
		widest = MAX(widest, text_width(d, num, 7.5, 0));
	}
	*vertical = widest > colw + 1;
	return *vertical ? widest + 5 : 12;
}

/* Categories [from, to) of a column chart from the current y. */
static void
draw_columns(struct doc *d, const struct chart *c, size_t from, size_t to, double x,
    double w, double max, double step)
{
	size_t n = to - from, ns = c->nseries, i, s;
	double axis_w = AXIS_W, x0 = x + axis_w, pw = w - axis_w, cw = pw / (double)n;
	double top, base, v, label_h = 0;
	double colw = MIN(cw * 0.7, 46) / (double)ns;
	int rotate = 0, vertical;
	char num[32];

	top = d->y + number_room(d, c, from, to, w, &vertical);
	base = top + COLUMNS_H;
	for (i = from; i < to; i++)
		if (text_width(d, c->cats[i], 7.5, 0) > cw - 2)
			rotate = 1;
	/* The grid and the value axis, from zero. */
	for (v = 0; v <= max + step / 2; v += step) {
		double y = base - COLUMNS_H * v / max;
		cairo_set_source_rgb(d->cr, 0.8, 0.8, 0.8);
		cairo_set_line_width(d->cr, 0.4);
		cairo_move_to(d->cr, x0, y);
		cairo_line_to(d->cr, x0 + pw, y);
		cairo_stroke(d->cr);
		format_value(d, v, c->decimals, num, sizeof num);
		text_at(d, num, x, y - 4.5, axis_w - 4, 7, 0, 0.35, RIGHT, 0);
	}
	for (i = from; i < to; i++) {
		double cx = x0 + cw * (double)(i - from) + (cw - colw * (double)ns) / 2;
		char *label = text_sanitize(c->cats[i], 0, 0);
		for (s = 0; s < ns; s++) {
			double val = c->values[i * ns + s], h = COLUMNS_H * val / max;
			double bx = cx + colw * (double)s, tw;
			if (val > 0)
				bar(d, bx, base - h, colw, h, s);
			format_value(d, val, c->decimals, num, sizeof num);
			tw = text_width(d, num, 7.5, 0);
			if (!vertical) {
				text_at(d, num, bx + colw / 2 - tw / 2, base - h - 11, 0, 7.5, 0, 0,
				    LEFT, 0);
				continue;
			}
			/* Upwards from just above the column, centred on it. */
			cairo_save(d->cr);
			cairo_translate(d->cr, bx + colw / 2 - 4.5, base - h - 3);
			cairo_rotate(d->cr, -M_PI / 2);
			text_at(d, num, 0, 0, 0, 7.5, 0, 0, LEFT, 0);
			cairo_restore(d->cr);
		}
		if (rotate) {
			double tw = text_width(d, label, 7.5, 0);
			cairo_save(d->cr);
			cairo_translate(d->cr, x0 + cw * (double)(i - from) + cw / 2 - 5, base + 4);
			cairo_rotate(d->cr, -M_PI / 2);
			text_at(d, label, -tw, 0, 0, 7.5, 0, 0, LEFT, 0);
			cairo_restore(d->cr);
			label_h = MAX(label_h, tw + 6);
		} else {
			text_at(d, label, x0 + cw * (double)(i - from), base + 3, cw, 7.5, 0, 0,
			    CENTRE, 0);
			label_h = MAX(label_h, 14);
		}
		free(label);
	}
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	cairo_set_line_width(d->cr, 0.6);
	cairo_move_to(d->cr, x0, base);
	cairo_line_to(d->cr, x0 + pw, base);
	cairo_stroke(d->cr);
	d->y = base + label_h;
}

/* The height of categories [from, to) of c drawn across w (its title and legend
 * apart); for columns, at most. */
static double
block_height(struct doc *d, const struct chart *c, size_t from, size_t to, double w)
{
	size_t i;
	double label = 14;
	int vertical;

	if (c->kind == CHART_COLUMNS) {
		for (i = from; i < to; i++)
			label = MAX(label, text_width(d, c->cats[i], 7.5, 0) + 6);
		return number_room(d, c, from, to, w, &vertical) + COLUMNS_H + label;
	}
	return (double)(to - from) * (c->kind == CHART_STACKED || c->nseries == 1 ? BAR_ROW :
	    c->nseries * (BAR_H - 2) + 6) + TICKS_H;
}

/*
 * Chart c from the current y across width w at x, going on over new pages as it needs;
 * a chart of nothing is its title and a line saying so.
 */
static void
draw_chart(struct doc *d, const struct chart *c, double x, double w)
{
	double max = chart_max(c), step, head;
	size_t from = 0, to, fit;
	char *title = text_sanitize(c->title, 0, 0), *cont = NULL;
	int first = 1;

	if (c->ncats == 0 || max <= 0) {
		if (d->y + 44 > bottom(d))
			new_page(d, 0);
		d->y += text_at(d, title, x, d->y, w, 12, 1, 0, LEFT, 1) + 6;
		d->y += text_at(d, CT_(d->lang, "report", "Nothing to show for this period."),
		    x, d->y, w, 9.5, 0, 0.35, LEFT, 1);
		free(title);
		return;
	}
	step = tick_step(max);
	max = ceil(max / step) * step;
	while (from < c->ncats) {
		const char *t = first ? title : cont;
		head = 22 + (c->nseries > 1 ? 16 : 0);
		/* As many categories as fit below; a new page when fewer than three would. */
		if (c->kind == CHART_COLUMNS) {
			to = MIN(c->ncats, from + COLUMNS_MAX);
			if (d->y + head + block_height(d, c, from, to, w) > bottom(d))
				new_page(d, 0);
		} else {
			fit = 0;
			while (from + fit < c->ncats &&
			    d->y + head + block_height(d, c, from, from + fit + 1, w) <= bottom(d))
				fit++;
			if (fit < MIN(3, c->ncats - from)) {
				new_page(d, 0);
				fit = 0;
				while (from + fit < c->ncats && d->y + head +
				    block_height(d, c, from, from + fit + 1, w) <= bottom(d))
					fit++;
				if (fit == 0)
					fit = 1;
			}
			to = from + fit;
		}
		d->y += text_at(d, t, x, d->y, w, 12, 1, 0, LEFT, 0) + 6;
		d->y += legend(d, c, x, d->y);
		if (c->kind == CHART_COLUMNS)
			draw_columns(d, c, from, to, x, w, max, step);
		else
			draw_bars(d, c, from, to, x, w, max, step);
		if (first) {
			/* TRANSLATORS: the title of a chart that goes on over the next page. */
			cont = xasprintf(CT_(d->lang, "report", "%s (continued)"), title);
			first = 0;
		}
		from = to;
		if (from < c->ncats)
			d->y += 12;
	}
	free(cont);
	free(title);
}

/* ---- the cover ---- */

static void
tile(struct doc *d, double x, double y, double w, const char *value, const char *label)
{
	cairo_set_source_rgb(d->cr, 0.35, 0.35, 0.35);
	cairo_set_line_width(d->cr, 0.6);
	cairo_rectangle(d->cr, x, y, w, TILE_H);
	cairo_stroke(d->cr);
	text_at(d, value, x + 10, y + 10, w - 20, 24, 1, 0, LEFT, 0);
	text_at(d, label, x + 10, y + 46, w - 20, 9.5, 0, 0.25, LEFT, 1);
}

static void
cover(struct doc *d)
{
	const struct programme *p = d->p;
	const struct report_group *t = &p->total.fig;
	struct programme_headline h[PROGRAMME_NHEADLINE];
	size_t i, n;
	double tw, y;

	new_page(d, 0);
	tw = (content_w(d) - 2 * TILE_GAP) / 3;
	if (d->name != NULL)
		para(d, d->name, 13, 0, 0.35, 4);
	para(d, CT_(d->lang, "report", "Programme report"), 26, 1, 0, 6);
	if (*d->period != '\0')
		para(d, d->period, 13, 0, 0, 8);
	rule(d, d->y, 0.3, 0.8);
	d->y += 20;
	if (p->nmunis == 0) {
		para(d, CT_(d->lang, "report", "There are no records for this period."), 14, 1, 0, 6);
		para(d, CT_(d->lang, "report", "No visit, task or workshop matches the report's "
		    "filter: no figure or chart to show."), 10, 0, 0.3, 0);
		return;
	}
	n = programme_headline(t, p->municipalities, d->lang, h);
	for (i = 0; i < n; i++) {
		y = d->y + (i / 3) * (TILE_H + TILE_GAP);
		tile(d, PDF_MARGIN + (i % 3) * (tw + TILE_GAP), y, tw, h[i].value, h[i].label);
	}
	d->y += 3 * (TILE_H + TILE_GAP) + 8;
	para(d, CT_(d->lang, "report", "Attendances: the people at each workshop, added up "
	    "(one person at two workshops counts twice). Shares are per cent of attendances. "
	    "Businesses helped: each business once, however many visits and tasks it had. "
	    "Hours: visits, workshops and tasks."), 9, 0, 0.3, 0);
}

/* ---- a municipality's page ---- */

static void
municipality_page(struct doc *d, const struct programme_figures *m)
{
	const struct report_group *g = &m->fig;
	char cells[REPORT_NCELLS][REPORT_CELL], men[32], ns[32], w65[40], ww[40];
	const char *rows[][2] = {
		{ CT_(d->lang, "report", "Advisory visits"), cells[1] },
		{ CT_(d->lang, "report", "Businesses helped"), cells[2] },
		{ CT_(d->lang, "report", "Businesses visited"), cells[3] },
		{ CT_(d->lang, "report", "Businesses with web work"), cells[4] },
		{ CT_(d->lang, "report", "Tasks done"), cells[5] },
		{ CT_(d->lang, "report", "Tasks open"), cells[6] },
		{ CT_(d->lang, "report", "Workshops"), cells[7] },
		{ CT_(d->lang, "report", "Attendances"), cells[8] },
		{ CT_(d->lang, "report", "Attendees aged 65 or older"), cells[9] },
		{ CT_(d->lang, "report", "Share aged 65 or older"), w65 },
		{ CT_(d->lang, "report", "Women"), cells[11] },
		{ CT_(d->lang, "report", "Share of women"), ww },
		{ CT_(d->lang, "report", "Men"), men },
		{ CT_(d->lang, "report", "Not stated"), ns },
		{ CT_(d->lang, "report", "Hours of volunteer work"), cells[13] },
		{ CT_(d->lang, "report", "Follow-ups due"), cells[14] },
	};
	char *name = text_sanitize(*g->key ? g->key :
	    CT_(d->lang, "report", "No municipality"), 0, 0);
	struct chart c;
	struct error err = { 0 };
	size_t i, n = sizeof rows / sizeof rows[0];
	double x = PDF_MARGIN, y;

	report_group_cells(g, d->lang, cells);
	snprintf(men, sizeof men, "%ld", m->men);
	snprintf(ns, sizeof ns, "%ld", m->not_stated);
	programme_format_share(report_share(g->attendees_65plus, g->attendees), d->lang, w65,
	    sizeof w65);
	programme_format_share(report_share(g->women, g->attendees), d->lang, ww, sizeof ww);
	new_page(d, 0);
	para(d, name, 20, 1, 0, 2);
	if (*d->period != '\0')
		para(d, d->period, 10, 0, 0.35, 6);
	rule(d, d->y, 0.3, 0.8);
	d->y += 14;
	for (i = 0; i < n; i++) {
		y = d->y + (double)i * 17;
		if (i % 2 == 0) {
			cairo_set_source_rgb(d->cr, 0.94, 0.94, 0.94);
			cairo_rectangle(d->cr, x, y - 2, 300, 17);
			cairo_fill(d->cr);
		}
		text_at(d, rows[i][0], x + 6, y, 220, 10, 0, 0.2, LEFT, 0);
		text_at(d, rows[i][1], x + 220, y, 74, 10, 1, 0, RIGHT, 0);
	}
	d->y += (double)n * 17 + CHART_GAP;
	if (chart_for_municipality(m, d->lang, &c, &err) == 0) {
		/* Titled by the municipality already: the chart's own title says what. */
		free(c.title);
		c.title = xstrdup(CT_(d->lang, "report", "Work in the municipality"));
		draw_chart(d, &c, PDF_MARGIN, content_w(d));
		chart_free(&c);
	}
	free(name);
}

/* ---- the table of every figure ---- */

#define TABLE_ROW 15.0
#define TABLE_FIRST 112.0

/* The widest word of text, in points. */
static double
widest_word(struct doc *d, const char *text, double size, int bold)
{
	char *copy = xstrdup(text), *word, *save = NULL;
	double w = 0;

	for (word = strtok_r(copy, " ", &save); word != NULL; word = strtok_r(NULL, " ", &save))
		w = MAX(w, text_width(d, word, size, bold));
	free(copy);
	return w;
}

/*
 * The columns' widths: each figure's column as wide as its header's longest word and its
 * widest number, the rest of the page shared out; so that a header wraps between words
 * ("Seguimientos pendientes" on two lines), never inside one.
 */
static void
table_widths(struct doc *d, const char *const *heads, char (*total)[REPORT_CELL],
    double *w)
{
	double avail = content_w(d) - TABLE_FIRST, sum = 0;
	int c;

	w[0] = TABLE_FIRST;
	for (c = 1; c < REPORT_NCELLS; c++) {
		w[c] = MAX(widest_word(d, heads[c], 6.8, 1), text_width(d, total[c], 8, 1)) + 6;
		sum += w[c];
	}
	for (c = 1; c < REPORT_NCELLS; c++)
		w[c] = sum <= avail ? w[c] + (avail - sum) / (REPORT_NCELLS - 1) :
		    w[c] * avail / sum;
}

static double
table_head(struct doc *d, const char *const *heads, const double *w)
{
	PangoLayout *l[REPORT_NCELLS];
	double h = 0, x = PDF_MARGIN;
	int c;

	for (c = 0; c < REPORT_NCELLS; c++) {
		l[c] = pdf_layout_new(d->ctx, heads[c], w[c] - 4, 6.8, 1, 0);
		if (c > 0)
			pango_layout_set_alignment(l[c], PANGO_ALIGN_RIGHT);
		h = MAX(h, pdf_layout_height(l[c]));
	}
	cairo_set_source_rgb(d->cr, 0.88, 0.88, 0.88);
	cairo_rectangle(d->cr, PDF_MARGIN, d->y, content_w(d), h + 6);
	cairo_fill(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	for (c = 0; c < REPORT_NCELLS; c++) {
		cairo_move_to(d->cr, x + 2, d->y + 3);
		pango_cairo_show_layout(d->cr, l[c]);
		g_object_unref(l[c]);
		x += w[c];
	}
	return h + 6;
}

static void
table(struct doc *d)
{
	const struct programme *p = d->p;
	const char *heads[REPORT_NCELLS] = {
		CT_(d->lang, "report", "Municipality"), CT_(d->lang, "report", "Visits"),
		CT_(d->lang, "report", "Businesses"), CT_(d->lang, "report", "Visited"),
		CT_(d->lang, "report", "With web work"), CT_(d->lang, "report", "Tasks done"),
		CT_(d->lang, "report", "Tasks open"), CT_(d->lang, "report", "Workshops"),
		CT_(d->lang, "report", "Attendees"), CT_(d->lang, "report", "65+"),
		CT_(d->lang, "report", "65+ %"), CT_(d->lang, "report", "Women"),
		CT_(d->lang, "report", "Women %"), CT_(d->lang, "report", "Hours"),
		CT_(d->lang, "report", "Follow-ups due"),
	};
	char cells[REPORT_NCELLS][REPORT_CELL];
	double w[REPORT_NCELLS], x;
	size_t i;
	int c;

	new_page(d, 1);
	report_group_cells(&p->total.fig, d->lang, cells);
	table_widths(d, heads, cells, w);
	para(d, CT_(d->lang, "report", "Every figure by municipality"), 15, 1, 0, 2);
	para(d, CT_(d->lang, "report", "The same numbers as volunteer report --csv --by "
	    "municipality for the same records. Shares are per cent of attendees; hours: "
	    "visits, workshops and tasks."), 8.5, 0, 0.3, 8);
	d->y += table_head(d, heads, w);
	for (i = 0; i <= p->nmunis; i++) {
		const struct report_group *g = i < p->nmunis ? &p->munis[i].fig : &p->total.fig;
		char *label = i < p->nmunis ? text_sanitize(*g->key ? g->key :
		    CT_(d->lang, "report", "No municipality"), 0, 0) :
		    xstrdup(CT_(d->lang, "report", "Total"));
		int total = i == p->nmunis;
		if (d->y + TABLE_ROW > bottom(d)) {
			new_page(d, 1);
			d->y += table_head(d, heads, w);
		}
		if (total)
			rule(d, d->y, 0, 0.7);
		else if (i % 2 == 1) {
			cairo_set_source_rgb(d->cr, 0.95, 0.95, 0.95);
			cairo_rectangle(d->cr, PDF_MARGIN, d->y, content_w(d), TABLE_ROW);
			cairo_fill(d->cr);
		}
		report_group_cells(g, d->lang, cells);
		text_at(d, label, PDF_MARGIN + 2, d->y + 2.5, w[0] - 4, 8, total, 0, LEFT, 0);
		for (c = 1, x = PDF_MARGIN + w[0]; c < REPORT_NCELLS; x += w[c++])
			text_at(d, cells[c], x + 2, d->y + 2.5, w[c] - 4, 8, total, 0, RIGHT, 0);
		d->y += TABLE_ROW;
		free(label);
	}
}

/* ---- the whole ---- */

int
programme_render_pdf(const struct programme *p, const char *programme_name,
    const char *lang, char **out, size_t *len, int *npages, struct error *err)
{
	struct pdf_sink sink = { 0 };
	struct doc doc = { .p = p }, *d = &doc;
	struct chart *charts = NULL;
	cairo_surface_t *surface = NULL;
	cairo_t *cr = NULL;
	char *footer = NULL, *title = NULL, num[64];
	size_t ncharts = 0, i;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (summary_lang_check(lang, err) != 0)
		return -1;
	doc.lang = lang;
	if (programme_name != NULL && *programme_name != '\0')
		doc.name = text_sanitize(programme_name, 0, 0);
	doc.period = programme_period_text(p, d->lang);
	title = xasprintf("%s%s%s", CT_(d->lang, "report", "Programme report"),
	    doc.name ? " · " : "", doc.name ? doc.name : "");
	surface = pdf_sink_surface(&sink, PDF_PAGE_W, PDF_PAGE_H, title);
	cr = cairo_create(surface);
	pdf_fonts_open(&doc.fonts, cr);
	doc.ctx = doc.fonts.context;

	cover(d);
	if (p->nmunis > 0) {
		if (chart_list_programme(p, lang, &charts, &ncharts, err) != 0)
			goto out;
		new_page(d, 0);
		for (i = 0; i < ncharts; i++) {
			if (i > 0)
				d->y += CHART_GAP;
			draw_chart(d, &charts[i], PDF_MARGIN, content_w(d));
		}
		for (i = 0; i < p->nmunis; i++)
			municipality_page(d, &p->munis[i]);
		table(d);
	}
	end_page(d);

	footer = xasprintf("%s%s%s", doc.name ? doc.name :
	    CT_(d->lang, "report", "Programme report"), *doc.period ? " · " : "", doc.period);
	for (i = 0; i < doc.npages; i++) {
		double w = doc.landscape[i] ? PDF_PAGE_H : PDF_PAGE_W;
		double h = doc.landscape[i] ? PDF_PAGE_W : PDF_PAGE_H;
		cairo_pdf_surface_set_size(surface, w, h);
		cairo_set_source_surface(cr, doc.pages[i], 0, 0);
		cairo_paint(cr);
		snprintf(num, sizeof num, summary_str(SS_PAGE_OF, lang), (int)i + 1,
		    (int)doc.npages);
		pdf_draw_footer(cr, doc.ctx, footer, num, w, h);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cr = NULL;
	rc = pdf_sink_finish(surface, &sink, out, len, err);
	surface = NULL;
	if (rc != 0)
		goto out;
	if (npages != NULL)
		*npages = (int)doc.npages;
	rc = 0;
out:
	end_page(d);
	if (cr != NULL)
		cairo_destroy(cr);
	pdf_fonts_close(&doc.fonts);
	if (surface != NULL)
		cairo_surface_destroy(surface);
	for (i = 0; i < doc.npages; i++)
		cairo_surface_destroy(doc.pages[i]);
	free(doc.pages);
	free(doc.landscape);
	chart_list_free(charts, ncharts);
	free(doc.name);
	free(doc.period);
	free(footer);
	free(title);
	free(sink.data);
	return rc;
}

const struct programme_pdf_module volunteer_programme_pdf_module = {
	.h = { .abi = PROGRAMME_PDF_MODULE_ABI, .version = VOLUNTEER_VERSION },
	.render = programme_render_pdf,
};
