/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart_text.c: a chart laid out in character cells for the figures screen. See
 * chart_text.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "tui/chart_text.h"

#define MARGIN 1		/* a blank column each side, as the table leaves */
#define LABEL_MOST 24		/* a bar's label column, as the table's first column */
#define BAR_LEAST 4		/* the label column gives way before bars get shorter */
#define SLOT_MOST 10		/* a column and its label never grow wider */
#define COLUMN_MOST 6		/* the block of one series in a column */
#define WORD_MOST 8		/* a column label's word that may widen its slot */
#define LEGEND_GAP 3

static const char *const fills[CHART_MAX_SERIES] = { "█", "▓", "░", "▫" };
static const char *const lying[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
static const char *const standing[9] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

long
chart_text_eighths(double v, double max, int cells)
{
	long most = cells > 0 ? (long)cells * 8 : 0, e;

	if (!(v > 0) || !(max > 0) || most == 0)
		return 0;
	if (v >= max)
		return most;
	e = lround(v / max * (double)most);
	if (e < 1)
		e = 1;
	return e > most ? most : e;
}

const char *
chart_text_fill(size_t series)
{
	return fills[series % CHART_MAX_SERIES];
}

/* A pattern has no partial cells: its eighths rounded to whole cells, at least one. */
static long
series_eighths(long eighths, size_t series)
{
	long cells;

	if (eighths <= 0)
		return 0;
	if (series % CHART_MAX_SERIES == CHART_SOLID)
		return eighths;
	cells = (eighths + 4) / 8;
	return (cells > 0 ? cells : 1) * 8;
}

static char *
repeat(const char *s, long n)
{
	size_t len = strlen(s), i;
	char *out;

	if (n < 0)
		n = 0;
	out = xmalloc(len * (size_t)n + 1);
	for (i = 0; i < (size_t)n; i++)
		memcpy(out + i * len, s, len);
	out[len * (size_t)n] = '\0';
	return out;
}

char *
chart_text_hbar(long eighths, size_t series, int *cells)
{
	long e = series_eighths(eighths, series), full = e / 8, part = e % 8;
	char *bar = repeat(chart_text_fill(series), full), *out;

	out = xasprintf("%s%s", bar, lying[part]);
	free(bar);
	if (cells != NULL)
		*cells = (int)(full + (part > 0));
	return out;
}

const char *
chart_text_vcell(int eighths, size_t series)
{
	if (eighths <= 0)
		return standing[0];
	if (series % CHART_MAX_SERIES != CHART_SOLID)
		return chart_text_fill(series);
	return standing[eighths > 8 ? 8 : eighths];
}

char *
chart_text_number(double v, int decimals, const char *lang)
{
	char buf[64];

	decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
	snprintf(buf, sizeof buf, "%.*f", decimals, v);
	i18n_number_local(buf, lang);
	return xstrdup(buf);
}

static int
width_of(const char *s)
{
	return text_display_width(s, strlen(s));
}

char *
chart_text_fit(const char *s, int width)
{
	return text_cut(s, width, 0);
}

char *
chart_text_fit_middle(const char *s, int width)
{
	return text_cut(s, width, 1);
}

/* ---- pieces ---- */

/* Add text (taken) at (row, col), cut to the area; what falls outside it is dropped. */
static void
put(struct chart_text_page *p, int width, int height, int row, int col,
    enum chart_text_role role, char *text)
{
	struct chart_text_piece *pc;
	int room = width - MARGIN - col, w = width_of(text);

	if (row < 0 || row >= height || col < MARGIN || room <= 0 || text[0] == '\0') {
		free(text);
		return;
	}
	if (w > room) {
		char *cut = chart_text_fit(text, room);
		free(text);
		text = cut;
		w = width_of(text);
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->pieces = xrealloc(p->pieces, p->cap * sizeof *p->pieces);
	}
	pc = &p->pieces[p->n++];
	pc->row = row;
	pc->col = col;
	pc->width = w;
	pc->role = role;
	pc->text = text;
}

void
chart_text_page_free(struct chart_text_page *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->pieces[i].text);
	free(p->pieces);
	memset(p, 0, sizeof *p);
}

/* ---- the geometry of a chart in an area ---- */

struct geom {
	int width, height;
	size_t nseries;
	double max;
	int empty;		/* no categories, or nothing above 0 */
	int legend_rows;	/* the legend and the blank row under it */
	size_t per_page;	/* categories on a page */
	int rows_per_cat, gap;	/* horizontal: rows of a category, blank rows between */
	int label_w, bar_w;	/* horizontal: the label column, the longest bar */
	int slot_w, column_w;	/* columns: a category's slot, one series' block */
	int label_rows, column_h;	/* columns: rows of labels, of the tallest column */
};

static double
value(const struct chart *c, size_t cat, size_t series)
{
	double v = c->values[cat * c->nseries + series];

	return v > 0 ? v : 0;
}

static size_t
nseries_of(const struct chart *c)
{
	return c->nseries < 1 ? 1 : c->nseries > CHART_MAX_SERIES ? CHART_MAX_SERIES :
	    c->nseries;
}

/* The number beside a bar: one series' value, or a stacked bar's parts and their sum. */
static char *
bar_number(const struct chart *c, const char *lang, size_t cat, size_t series)
{
	char *out, *part, *sum;
	double total = 0;
	size_t k, ns = nseries_of(c);

	if (c->kind != CHART_STACKED || ns == 1)
		return chart_text_number(value(c, cat, series), c->decimals, lang);
	out = xstrdup("");
	for (k = 0; k < ns; k++) {
		char *next;
		part = chart_text_number(value(c, cat, k), c->decimals, lang);
		next = xasprintf("%s%s%s", out, k > 0 ? "+" : "", part);
		free(part);
		free(out);
		out = next;
		total += value(c, cat, k);
	}
	sum = chart_text_number(total, c->decimals, lang);
	part = xasprintf("%s = %s", out, sum);
	free(sum);
	free(out);
	return part;
}

static int
widest_number(const struct chart *c, const char *lang)
{
	size_t i, k, ns = c->kind == CHART_STACKED ? 1 : nseries_of(c);
	int most = 1, w;

	for (i = 0; i < c->ncats; i++)
		for (k = 0; k < ns; k++) {
			char *s = bar_number(c, lang, i, k);
			w = width_of(s);
			most = w > most ? w : most;
			free(s);
		}
	return most;
}

/* The widest label, sanitised, or (words) its widest word. */
static int
widest_label(const struct chart *c, int words)
{
	size_t i;
	int most = 0, w;

	for (i = 0; i < c->ncats; i++) {
		char *s = text_sanitize(c->cats[i] != NULL ? c->cats[i] : "", 0, 0), *p, *q;
		if (!words) {
			w = width_of(s);
			most = w > most ? w : most;
		}
		for (p = s; words && *p; p = q) {
			q = strchr(p, ' ');
			q = q != NULL ? q : p + strlen(p);
			w = text_display_width(p, (size_t)(q - p));
			most = w > most ? w : most;
			q += *q == ' ';
		}
		free(s);
	}
	return most;
}

/*
 * The legend: each series' sample and name, side by side, on as many rows as the width
 * needs. Drawn when p is not NULL; returns the rows it takes.
 */
static int
legend(const struct chart *c, struct chart_text_page *p, int width, int height)
{
	size_t k, ns = nseries_of(c);
	int row = 0, col = MARGIN, usable = width - 2 * MARGIN;

	if (ns < 2)
		return 0;
	for (k = 0; k < ns; k++) {
		char *name = chart_text_fit(c->series[k] != NULL ? c->series[k] : "", usable - 3);
		int w = 3 + width_of(name);
		if (col > MARGIN && col + w > MARGIN + usable) {
			row++;
			col = MARGIN;
		}
		if (p != NULL) {
			put(p, width, height, row, col, CT_BAR, repeat(chart_text_fill(k), 2));
			put(p, width, height, row, col + 3, CT_LEGEND, name);
		} else {
			free(name);
		}
		col += w + LEGEND_GAP;
	}
	return row + 1;
}

static void
geom_of(const struct chart *c, const char *lang, int width, int height, struct geom *g)
{
	int usable = width - 2 * MARGIN, numw, avail;
	size_t per;

	memset(g, 0, sizeof *g);
	g->width = width;
	g->height = height;
	g->nseries = nseries_of(c);
	g->max = c->ncats > 0 && c->values != NULL ? chart_max(c) : 0;
	g->empty = !(g->max > 0);
	g->per_page = c->ncats > 0 ? c->ncats : 1;
	if (g->empty)
		return;
	g->legend_rows = g->nseries > 1 ? legend(c, NULL, width, height) + 1 : 0;
	avail = height - g->legend_rows;
	numw = widest_number(c, lang);
	if (c->kind == CHART_COLUMNS) {
		int ns = (int)g->nseries, word = widest_label(c, 1);
		/* Side by side, series are one blank apart: their numbers never touch. */
		g->column_w = ns > 1 ? numw + 1 : numw > 2 ? numw : 2;
		word = word < WORD_MOST ? word : WORD_MOST;
		g->slot_w = ns * g->column_w > word ? ns * g->column_w : word;
		per = (size_t)((usable + 1) / (g->slot_w + 1));
		g->per_page = per > 0 ? per : 1;
		if (c->ncats <= g->per_page) {
			/* Room to spare: wider slots, up to SLOT_MOST; wider blocks, to
			 * COLUMN_MOST. */
			int room = (usable + 1) / (int)c->ncats - 1;
			room = room < SLOT_MOST ? room : SLOT_MOST;
			if (room > g->slot_w)
				g->slot_w = room;
			while (g->column_w < COLUMN_MOST &&
			    ns * (g->column_w + 1) <= g->slot_w - (ns == 1 ? 2 : 0))
				g->column_w++;
		}
		g->label_rows = widest_label(c, 0) > g->slot_w ? 2 : 1;
		g->column_h = avail - 1 - 1 - g->label_rows;	/* a number over, the axis */
		if (g->column_h < 1)
			g->column_h = 1;
		return;
	}
	g->label_w = widest_label(c, 0);
	g->label_w = g->label_w < LABEL_MOST ? g->label_w : LABEL_MOST;
	if (g->label_w > usable / 3)
		g->label_w = usable / 3 > 6 ? usable / 3 : 6;
	g->bar_w = usable - g->label_w - 1 - 1 - numw;
	if (g->bar_w < BAR_LEAST) {
		g->label_w -= BAR_LEAST - g->bar_w;
		g->label_w = g->label_w > 3 ? g->label_w : 3;
		g->bar_w = usable - g->label_w - 1 - 1 - numw;
	}
	if (g->bar_w < 1)
		g->bar_w = 1;
	g->rows_per_cat = c->kind == CHART_STACKED ? 1 : (int)g->nseries;
	/* Categories of more than one row stand apart by a blank row; one-row bars too
	 * when they all fit so. */
	g->gap = g->rows_per_cat > 1 || (int)c->ncats * 2 - 1 <= avail ? 1 : 0;
	per = avail > 0 ? (size_t)((avail + g->gap) / (g->rows_per_cat + g->gap)) : 0;
	g->per_page = per > 0 ? per : 1;
}

size_t
chart_text_pages(const struct chart *c, int width, int height)
{
	struct geom g;

	geom_of(c, "en", width, height, &g);
	if (g.empty)
		return 1;
	return (c->ncats + g.per_page - 1) / g.per_page;
}

/* ---- drawing ---- */

/* The cells of a stacked bar's parts: their sum scaled to the longest bar, shared out
 * by cumulative rounding; a part above 0 keeps at least one cell, taken from the largest
 * part, else added (a bar of 2+10 out of 1001 shows both fills: its number says how
 * much). */
static void
stack_cells(const struct chart *c, const struct geom *g, size_t cat, int cells[])
{
	double total = 0, cum = 0;
	size_t k, j, ns = g->nseries;
	long whole;
	int prev = 0, at, used;

	for (k = 0; k < ns; k++)
		total += value(c, cat, k);
	whole = series_eighths(chart_text_eighths(total, g->max, g->bar_w), 1) / 8;
	used = (int)whole;
	for (k = 0; k < ns; k++) {
		cum += value(c, cat, k);
		at = total > 0 ? (int)lround(cum / total * (double)whole) : 0;
		cells[k] = at - prev;
		prev = at;
	}
	for (k = 0; k < ns; k++) {
		size_t big = ns;
		if (!(value(c, cat, k) > 0) || cells[k] > 0)
			continue;
		for (j = 0; j < ns; j++)
			if (cells[j] > 1 && (big == ns || cells[j] > cells[big]))
				big = j;
		if (big < ns) {
			cells[big]--;
			cells[k]++;
		} else if (used < g->bar_w) {
			cells[k]++;	/* the bar grows a cell rather than hide a part */
			used++;
		}
	}
}

static void
draw_horizontal(const struct chart *c, const char *lang, const struct geom *g,
    struct chart_text_page *p)
{
	int W = g->width, H = g->height, row = g->legend_rows, x = MARGIN + g->label_w + 1;
	size_t i, k, end = p->first_cat + p->ncats;

	for (i = p->first_cat; i < end; i++) {
		put(p, W, H, row, MARGIN, CT_LABEL, chart_text_fit_middle(c->cats[i], g->label_w));
		if (c->kind == CHART_STACKED) {
			int cells[CHART_MAX_SERIES], at = x;
			stack_cells(c, g, i, cells);
			for (k = 0; k < g->nseries; k++) {
				put(p, W, H, row, at, CT_BAR, repeat(chart_text_fill(k), cells[k]));
				at += cells[k];
			}
			put(p, W, H, row, at > x ? at + 1 : x, CT_NUMBER,
			    bar_number(c, lang, i, 0));
			row += 1 + g->gap;
			continue;
		}
		for (k = 0; k < g->nseries; k++, row++) {
			int cells;
			char *bar = chart_text_hbar(chart_text_eighths(value(c, i, k), g->max,
			    g->bar_w), k, &cells);
			put(p, W, H, row, x, CT_BAR, bar);
			put(p, W, H, row, cells > 0 ? x + cells + 1 : x, CT_NUMBER,
			    bar_number(c, lang, i, k));
		}
		row += g->gap;
	}
}

/* A column's label on one row, or on two at a blank ("nov" over "2026"), centred. */
static void
column_label(struct chart_text_page *p, const struct geom *g, int row, int x,
    const char *label)
{
	char *clean = text_sanitize(label != NULL ? label : "", 0, 0), *top, *bottom = NULL;
	char *at, *blank = NULL;

	if (width_of(clean) <= g->slot_w || g->label_rows < 2) {
		top = chart_text_fit(clean, g->slot_w);
	} else {
		for (at = strchr(clean, ' '); at != NULL; at = strchr(at + 1, ' ')) {
			if (text_display_width(clean, (size_t)(at - clean)) > g->slot_w)
				break;
			blank = at;
		}
		if (blank != NULL) {
			top = xstrndup(clean, (size_t)(blank - clean));
			bottom = chart_text_fit(blank + 1, g->slot_w);
		} else {
			top = chart_text_fit(clean, g->slot_w);
		}
	}
	put(p, g->width, g->height, row, x + (g->slot_w - width_of(top)) / 2, CT_LABEL, top);
	if (bottom != NULL)
		put(p, g->width, g->height, row + 1, x + (g->slot_w - width_of(bottom)) / 2,
		    CT_LABEL, bottom);
	free(clean);
}

static void
draw_columns(const struct chart *c, const char *lang, const struct geom *g,
    struct chart_text_page *p)
{
	int W = g->width, H = g->height, top = g->legend_rows + 1;
	int base = top + g->column_h, ns = (int)g->nseries;
	int pad = (g->slot_w - ns * g->column_w) / 2;
	size_t i, j;

	for (j = 0; j < p->ncats; j++) {
		int x = MARGIN + (int)j * (g->slot_w + 1), k;
		i = p->first_cat + j;
		for (k = 0; k < ns; k++) {
			int bx = x + pad + k * g->column_w, cells, r;
			long e = series_eighths(chart_text_eighths(value(c, i, (size_t)k), g->max,
			    g->column_h), (size_t)k);
			char *num = bar_number(c, lang, i, (size_t)k);
			cells = (int)((e + 7) / 8);
			for (r = 0; r < cells; r++) {
				long part = e - 8L * r;
				put(p, W, H, base - 1 - r, bx, CT_BAR,
				    repeat(chart_text_vcell(part > 8 ? 8 : (int)part, (size_t)k),
				    ns > 1 ? g->column_w - 1 : g->column_w));
			}
			put(p, W, H, base - 1 - cells, bx + (g->column_w - (ns > 1) -
			    width_of(num)) / 2, CT_NUMBER, num);
		}
		column_label(p, g, base + 1, x, c->cats[i]);
	}
	put(p, W, H, base, MARGIN, CT_AXIS, repeat("─", (long)p->ncats * (g->slot_w + 1) - 1));
}

void
chart_text_layout(const struct chart *c, const char *lang, int width, int height,
    size_t page, struct chart_text_page *out)
{
	struct geom g;
	size_t pages;

	memset(out, 0, sizeof *out);
	geom_of(c, lang, width, height, &g);
	if (g.empty) {
		/* The PDF's and the HTML's words for it, in the chart's language. */
		put(out, width, height, 0, MARGIN, CT_NOTE,
		    xstrdup(CT_(lang, "report", "Nothing to show for this period.")));
		return;
	}
	pages = (c->ncats + g.per_page - 1) / g.per_page;
	page = page < pages ? page : pages - 1;
	out->first_cat = page * g.per_page;
	out->ncats = c->ncats - out->first_cat < g.per_page ? c->ncats - out->first_cat :
	    g.per_page;
	legend(c, out, width, height);
	if (c->kind == CHART_COLUMNS)
		draw_columns(c, lang, &g, out);
	else
		draw_horizontal(c, lang, &g, out);
}
