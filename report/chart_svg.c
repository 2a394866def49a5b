/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chart_svg.c: a chart as inline SVG (see chart_svg.h). The geometry is computed in
 * viewBox units (px at 100 %); text widths are estimated from display columns, 7 units a
 * column at the 12-unit font (DejaVu Sans' digits are 7.6 wide at 12 px, letters less),
 * since no font is measured here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/util.h"
#include "report/chart_svg.h"

#define WIDTH 640		/* viewBox width */
#define COL_W 7			/* estimated width of a column of text */
#define TITLE_H 26		/* the title's line */
#define LEGEND_H 22		/* one line of legend */
#define INK "#222"
#define GRID "#bbb"

void
html_append_text(struct strbuf *out, const char *s)
{
	char *clean = text_sanitize(s != NULL ? s : "", 0, 0);
	const char *p;

	for (p = clean; *p; p++) {
		switch (*p) {
		case '&':
			strbuf_add(out, "&amp;");
			break;
		case '<':
			strbuf_add(out, "&lt;");
			break;
		case '>':
			strbuf_add(out, "&gt;");
			break;
		case '"':
			strbuf_add(out, "&quot;");
			break;
		case '\'':
			strbuf_add(out, "&#39;");
			break;
		default:
			strbuf_add_char(out, *p);
		}
	}
	free(clean);
}

/* uid as an id: ASCII letters, digits, '-' and '_' only. */
static void
append_uid(struct strbuf *out, const char *uid)
{
	const char *p;

	for (p = uid != NULL && *uid ? uid : "chart"; *p; p++)
		strbuf_add_char(out, (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || *p == '-' || *p == '_' ? *p : '_');
}

/* v with `decimals` places in lang's decimal style. */
static void
format_value(double v, int decimals, const char *lang, char *buf, size_t size)
{
	snprintf(buf, size, "%.*f", decimals < 0 ? 0 : decimals > 6 ? 6 : decimals, v);
	i18n_number_local(buf, lang);
}

/* Estimated width of sanitised text. */
static double
text_w(const char *s)
{
	return (double)text_display_width(s, strlen(s)) * COL_W;
}

/* s sanitised and cut (with "…", in the middle when middle) to at most max_w estimated
 * units. Caller frees. */
static char *
fit_label(const char *s, double max_w, int middle)
{
	return text_cut(s, (int)(max_w / COL_W), middle);
}

/*
 * The step of the value axis: 1, 2 or 5 times a power of ten, so that about five ticks
 * cover max; never below one unit of the chart's last decimal place.
 */
static double
axis_step(double max, int decimals)
{
	double raw = max / 5, mag, norm, step, least = pow(10, -(decimals > 0 ? decimals : 0));

	if (raw <= 0)
		return 1;
	mag = pow(10, floor(log10(raw)));
	norm = raw / mag;
	step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
	return step < least ? least : step;
}

/* Places a tick label needs: none for whole steps, else the chart's. */
static int
tick_decimals(double step, int decimals)
{
	return fabs(step - round(step)) < 1e-9 ? 0 : (decimals > 0 ? decimals : 1);
}

static double
value_at(const struct chart *c, size_t cat, size_t s)
{
	double v = c->values[cat * c->nseries + s];

	return isfinite(v) && v > 0 ? v : 0;
}

/* The patterns of the series, one <pattern> each for hatched and dotted. */
static void
append_defs(struct strbuf *out, const char *uid, size_t nseries)
{
	size_t s;

	strbuf_add(out, "<defs>");
	for (s = 0; s < nseries; s++) {
		if (s % 4 == CHART_HATCHED) {
			strbuf_add(out, "<pattern id=\"");
			append_uid(out, uid);
			strbuf_addf(out, "-p%zu\" width=\"6\" height=\"6\" "
			    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
			    "<rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
			    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"" INK "\" "
			    "stroke-width=\"2.5\"/></pattern>", s);
		} else if (s % 4 == CHART_DOTTED) {
			strbuf_add(out, "<pattern id=\"");
			append_uid(out, uid);
			strbuf_addf(out, "-p%zu\" width=\"5\" height=\"5\" "
			    "patternUnits=\"userSpaceOnUse\">"
			    "<rect width=\"5\" height=\"5\" fill=\"#fff\"/>"
			    "<circle cx=\"2.5\" cy=\"2.5\" r=\"1.4\" fill=\"" INK "\"/></pattern>", s);
		}
	}
	strbuf_add(out, "</defs>");
}

/* The fill of series s: CHART_SOLID, CHART_HATCHED, CHART_DOTTED, CHART_OUTLINE. */
static void
append_fill(struct strbuf *out, const char *uid, size_t s)
{
	switch (s % 4) {
	case CHART_SOLID:
		strbuf_add(out, "fill=\"#555\"");
		break;
	case CHART_OUTLINE:
		strbuf_add(out, "fill=\"#fff\"");
		break;
	default:
		strbuf_add(out, "fill=\"url(#");
		append_uid(out, uid);
		strbuf_addf(out, "-p%zu)\"", s);
	}
}

static void
append_bar(struct strbuf *out, const char *uid, size_t cat, size_t s, double v, double x,
    double y, double w, double h)
{
	strbuf_addf(out, "<rect class=\"bar\" data-cat=\"%zu\" data-series=\"%zu\" "
	    "data-value=\"%g\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" ", cat, s, v,
	    x, y, w, h);
	append_fill(out, uid, s);
	strbuf_add(out, " stroke=\"" INK "\" stroke-width=\"1\"/>");
}

static void
append_text(struct strbuf *out, const char *cls, double x, double y, const char *anchor,
    const char *extra, const char *text)
{
	strbuf_addf(out, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\"", cls, x, y);
	if (anchor != NULL)
		strbuf_addf(out, " text-anchor=\"%s\"", anchor);
	if (extra != NULL)
		strbuf_addf(out, " %s", extra);
	strbuf_add_char(out, '>');
	html_append_text(out, text);
	strbuf_add(out, "</text>");
}

/* The legend from y: a swatch and the name of each series, wrapped at the width. Returns
 * the height it took. */
static double
append_legend(struct strbuf *out, const struct chart *c, const char *uid, double y)
{
	double x = 0, h = LEGEND_H, w;
	size_t s;

	if (c->nseries < 2)
		return 0;
	for (s = 0; s < c->nseries; s++) {
		char *name = fit_label(c->series[s] ? c->series[s] : "", 200, 0);

		w = 14 + 6 + text_w(name) + 18;
		if (x > 0 && x + w > WIDTH) {
			x = 0;
			y += LEGEND_H;
			h += LEGEND_H;
		}
		strbuf_addf(out, "<rect class=\"swatch\" data-series=\"%zu\" x=\"%.1f\" "
		    "y=\"%.1f\" width=\"14\" height=\"14\" ", s, x, y + 2);
		append_fill(out, uid, s);
		strbuf_add(out, " stroke=\"" INK "\" stroke-width=\"1\"/>");
		append_text(out, "legend", x + 20, y + 13, NULL, NULL, name);
		x += w;
		free(name);
	}
	return h + 4;
}

/* Horizontal bars, side by side or stacked, from y. Returns the height it took. */
static double
append_rows(struct strbuf *out, const struct chart *c, const char *lang, const char *uid,
    double y0, double max)
{
	int stacked = c->kind == CHART_STACKED;
	double step = axis_step(max, c->decimals), top, label_w = 40, value_w = 40, plot_x,
	    plot_w, bar_h = stacked ? 18 : 14, y = y0, t, axis_max;
	int tdec = tick_decimals(step, c->decimals);
	char num[64];
	struct strbuf *sum = strbuf_new(0);
	size_t cat, s;

	axis_max = ceil(max / step - 1e-9) * step;
	for (cat = 0; cat < c->ncats; cat++) {
		char *clean = text_sanitize(c->cats[cat] ? c->cats[cat] : "", 0, 0);
		double tw = 0;

		if (text_w(clean) > label_w)
			label_w = text_w(clean);
		free(clean);
		for (s = 0; s < c->nseries; s++) {
			format_value(value_at(c, cat, s), c->decimals, lang, num, sizeof num);
			tw += text_w(num) + (stacked ? 3 * COL_W : 0);
			if (!stacked && text_w(num) > value_w)
				value_w = text_w(num);
		}
		if (stacked && tw > value_w)
			value_w = tw + 3 * COL_W;
	}
	label_w = label_w > 200 ? 200 : label_w;
	value_w = value_w + 12 > 220 ? 220 : value_w + 12;
	plot_x = label_w + 10;
	plot_w = WIDTH - plot_x - value_w;
	top = y;
	for (cat = 0; cat < c->ncats; cat++) {
		double row_h = stacked ? bar_h : (double)c->nseries * (bar_h + 2) - 2, x = plot_x;
		char *label = fit_label(c->cats[cat], label_w, 1);

		append_text(out, "cat", plot_x - 6, y + row_h / 2 + 4, "end", NULL, label);
		free(label);
		strbuf_truncate(sum, 0);
		for (s = 0; s < c->nseries; s++) {
			double v = value_at(c, cat, s), w = v / axis_max * plot_w;

			format_value(v, c->decimals, lang, num, sizeof num);
			if (stacked) {
				append_bar(out, uid, cat, s, v, x, y, w, bar_h);
				x += w;
				strbuf_addf(sum, "%s%s", s > 0 ? " + " : "", num);
			} else {
				double by = y + (double)s * (bar_h + 2);

				append_bar(out, uid, cat, s, v, plot_x, by, w, bar_h);
				append_text(out, "value", plot_x + w + 4, by + bar_h - 3, NULL, NULL,
				    num);
			}
		}
		if (stacked) {
			double total = 0;

			for (s = 0; s < c->nseries; s++)
				total += value_at(c, cat, s);
			format_value(total, c->decimals, lang, num, sizeof num);
			if (c->nseries > 1)
				strbuf_addf(sum, " = %s", num);
			append_text(out, "value", x + 4, y + bar_h - 4, NULL, NULL, sum->str);
		}
		y += row_h + 10;
	}
	/* The axis: the zero line, a grid line and a label at each tick. */
	for (t = 0; t <= axis_max + step / 2; t += step) {
		double x = plot_x + t / axis_max * plot_w;

		strbuf_addf(out, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"%s/>", t == 0 ? "axis" : "grid",
		    x, top - 4, x, y - 6, t == 0 ? INK : GRID,
		    t == 0 ? "" : " stroke-dasharray=\"3 3\"");
		format_value(t, tdec, lang, num, sizeof num);
		append_text(out, "tick", x, y + 8, "middle", NULL, num);
	}
	strbuf_free(sum);
	return y + 14 - y0;
}

/* Columns, one group per category with the series side by side, from y. Returns the
 * height it took. */
static double
append_columns(struct strbuf *out, const struct chart *c, const char *lang, const char *uid,
    double y0, double max)
{
	double step = axis_step(max, c->decimals), axis_max, plot_x = 30, plot_w, plot_h = 180,
	    group_w, bar_w, label_max = 0, num_max = 0, base, t, bottom, room = 16;
	int tdec = tick_decimals(step, c->decimals), rotate, small, upright;
	char num[64];
	size_t cat, s;

	axis_max = ceil(max / step - 1e-9) * step;
	format_value(axis_max, tdec, lang, num, sizeof num);
	if (text_w(num) + 8 > plot_x)
		plot_x = text_w(num) + 8;
	for (cat = 0; cat < c->ncats; cat++) {
		char *clean = text_sanitize(c->cats[cat] ? c->cats[cat] : "", 0, 0);

		if (text_w(clean) > label_max)
			label_max = text_w(clean);
		free(clean);
		for (s = 0; s < c->nseries; s++) {
			format_value(value_at(c, cat, s), c->decimals, lang, num, sizeof num);
			if (text_w(num) > num_max)
				num_max = text_w(num);
		}
	}
	label_max = label_max > 140 ? 140 : label_max;
	group_w = (WIDTH - plot_x - 8) / (double)c->ncats;
	rotate = label_max + 4 > group_w;
	/* A label turned 45 degrees reaches back by 0.72 of its length: the first one must
	 * not leave the drawing. */
	if (rotate && label_max * 0.72 - group_w / 2 + 4 > plot_x)
		plot_x = label_max * 0.72 - group_w / 2 + 4;
	plot_w = WIDTH - plot_x - 8;
	group_w = plot_w / (double)c->ncats;
	bar_w = group_w * 0.8 / (double)c->nseries;
	bar_w = bar_w > 48 ? 48 : bar_w;
	/* Numbers wider than their bar are written smaller (9 units: 0.75 of the width),
	 * all of them alike; wider still, they stand upright above their bar. */
	small = num_max + 2 > bar_w;
	upright = num_max * 0.75 + 1 > group_w / (double)c->nseries;
	if (upright)
		room = num_max * 0.75 + 8;
	base = y0 + room + plot_h;	/* room: for the numbers above the tallest bar */
	for (t = 0; t <= axis_max + step / 2; t += step) {
		double y = base - t / axis_max * plot_h;

		strbuf_addf(out, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"%s/>", t == 0 ? "axis" : "grid",
		    plot_x, y, plot_x + plot_w, y, t == 0 ? INK : GRID,
		    t == 0 ? "" : " stroke-dasharray=\"3 3\"");
		format_value(t, tdec, lang, num, sizeof num);
		append_text(out, "tick", plot_x - 4, y + 4, "end", NULL, num);
	}
	for (cat = 0; cat < c->ncats; cat++) {
		double gx = plot_x + (double)cat * group_w,
		    bx = gx + (group_w - bar_w * (double)c->nseries) / 2, lx = gx + group_w / 2;
		char *label = fit_label(c->cats[cat], 140, 1);

		for (s = 0; s < c->nseries; s++) {
			double v = value_at(c, cat, s), h = v / axis_max * plot_h,
			    x = bx + (double)s * bar_w;

			append_bar(out, uid, cat, s, v, x, base - h, bar_w, h);
			format_value(v, c->decimals, lang, num, sizeof num);
			if (upright) {
				char *tr = xasprintf("font-size=\"9\" transform=\"rotate(-90 %.1f %.1f)\"",
				    x + bar_w / 2 + 3, base - h - 3);

				append_text(out, "value", x + bar_w / 2 + 3, base - h - 3, NULL, tr, num);
				free(tr);
			} else
				append_text(out, "value", x + bar_w / 2, base - h - 4, "middle",
				    small ? "font-size=\"9\"" : NULL, num);
		}
		if (rotate) {
			char *tr = xasprintf("transform=\"rotate(-45 %.1f %.1f)\"", lx, base + 14);

			append_text(out, "cat", lx, base + 14, "end", tr, label);
			free(tr);
		} else
			append_text(out, "cat", lx, base + 16, "middle", NULL, label);
		free(label);
	}
	bottom = rotate ? label_max * 0.72 + 22 : 26;
	return base + bottom - y0;
}

/* Every value in words, for <desc>: "nov 2026: 3; dic 2026: 5". */
static void
append_desc(struct strbuf *out, const struct chart *c, const char *lang)
{
	char num[64];
	size_t cat, s;

	for (cat = 0; cat < c->ncats; cat++) {
		if (cat > 0)
			strbuf_add(out, "; ");
		html_append_text(out, c->cats[cat]);
		strbuf_add(out, ":");
		for (s = 0; s < c->nseries; s++) {
			format_value(value_at(c, cat, s), c->decimals, lang, num, sizeof num);
			strbuf_add(out, s > 0 ? ", " : " ");
			if (c->nseries > 1 && c->series[s] != NULL) {
				html_append_text(out, c->series[s]);
				strbuf_add_char(out, ' ');
			}
			strbuf_add(out, num);
		}
	}
}

void
chart_svg_append(struct strbuf *out, const struct chart *c, const char *lang, const char *uid)
{
	struct strbuf *body = strbuf_new(0);
	double max = c->ncats > 0 && c->nseries > 0 ? chart_max(c) : 0, height;
	int empty = !(isfinite(max) && max > 0);
	const char *nothing = CT_(lang, "report", "Nothing to show for this period.");

	strbuf_addf(body, "<text class=\"chart-title\" x=\"0\" y=\"17\" "
	    "font-size=\"15\" font-weight=\"bold\">");
	html_append_text(body, c->title);
	strbuf_add(body, "</text>");
	if (empty) {
		append_text(body, "empty", 0, TITLE_H + 16, NULL, "font-style=\"italic\"", nothing);
		height = TITLE_H + 28;
	} else {
		height = TITLE_H + 4;
		height += append_legend(body, c, uid, height);
		height += c->kind == CHART_COLUMNS ?
		    append_columns(body, c, lang, uid, height, max) :
		    append_rows(body, c, lang, uid, height, max);
	}

	/* The accessible name is aria-label, not aria-labelledby: an id on <title> is
	 * refused by tidy 5.6, which reads it as the document's <title>. The text styles sit
	 * on a <g> for the same reason (tidy knows no font attribute on <svg>). */
	strbuf_add(out, "<svg class=\"chart\" id=\"");
	append_uid(out, uid);
	strbuf_add(out, "\" data-chart=\"");
	html_append_text(out, c->id);
	strbuf_add(out, "\" role=\"img\" aria-label=\"");
	html_append_text(out, c->title);
	strbuf_addf(out, "\" viewBox=\"0 0 %d %.0f\" width=\"%d\" height=\"%.0f\">"
	    "<title>", WIDTH, ceil(height), WIDTH, ceil(height));
	html_append_text(out, c->title);
	strbuf_add(out, "</title><desc>");
	if (empty)
		html_append_text(out, nothing);
	else
		append_desc(out, c, lang);
	strbuf_add(out, "</desc>");
	if (!empty)
		append_defs(out, uid, c->nseries);
	strbuf_add(out, "<g font-family=\"DejaVu Sans, Verdana, sans-serif\" "
	    "font-size=\"12\" fill=\"" INK "\">");
	strbuf_add_len(out, body->str, body->len);
	strbuf_add(out, "</g></svg>\n");
	strbuf_free(body);
}
