/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chart_text.h: a chart of report/chart.h laid out in character cells, for the chart view
 * of the figures screen (tui/screen_figures.c draws the pieces with ui_put). No curses
 * here: the layout is data, so that tests/t0590-chart-text.c checks it cell by cell.
 *
 * What the layout does with chart.h's rules:
 * - bars start at zero and share one scale over every page of a chart (chart_max); a
 *   value above 0 always shows at least one eighth of a cell, 0 shows no bar;
 * - every bar has its number beside it (horizontal: after its end; columns: above it),
 *   in lang's decimal style; a stacked bar writes its parts in the legend's order and
 *   their sum: "12+5+1 = 18";
 * - series are told apart by their fill, not by colour: series 0 (CHART_SOLID) is
 *   drawn with eighths of a cell (▏▎▍▌▋▊▉█ lying, ▁▂▃▄▅▆▇█ standing), the patterns have no
 *   partial forms in Unicode and take whole cells: ▓ hatched, ░ dotted, ▫ outline; a
 *   chart with more than one series has a legend on its first rows;
 * - a chart with no categories or only zeros is one line saying so;
 * - labels are sanitised (text_sanitize: municipalities come from records) and cut by
 *   display width: a bar's label cut in the middle ("Sant J…adesses"), a column's or a
 *   legend's at the end, with "…"; a column's label may take two rows
 *   ("nov" over "2026").
 * A chart whose categories do not fit in the area is split into pages of whole
 * categories; nothing is ever drawn outside columns 1..width-2 and rows 0..height-1.
 */
#ifndef VOLUNTEER_TUI_CHART_TEXT_H
#define VOLUNTEER_TUI_CHART_TEXT_H

#include <stddef.h>

#include "report/chart.h"

enum chart_text_role {
	CT_LEGEND,		/* a series' name */
	CT_LABEL,		/* a category's label */
	CT_BAR,			/* block characters: a bar, a column, a legend's sample */
	CT_NUMBER,		/* a bar's number */
	CT_AXIS,		/* the zero line under columns */
	CT_NOTE,		/* "nothing to show" */
};

/* One run of text at (row, col) of the area, width display columns. */
struct chart_text_piece {
	int row, col, width;
	enum chart_text_role role;
	char *text;		/* sanitised UTF-8, owned */
};

struct chart_text_page {
	struct chart_text_piece *pieces;
	size_t n, cap;
	size_t first_cat, ncats;	/* the categories this page shows */
};

/* The pages chart c takes in an area of width × height cells (at least 1). */
size_t chart_text_pages(const struct chart *c, int width, int height);
/*
 * Page `page` (0-based; past the last gives the last) of c laid out in width × height
 * cells into *out (initialised here; free with chart_text_page_free).
 */
void chart_text_layout(const struct chart *c, const char *lang, int width, int height,
    size_t page, struct chart_text_page *out);
void chart_text_page_free(struct chart_text_page *p);

/* ---- the rules the layout is made of, exposed for the tests ---- */

/* The eighths of a cell that v takes in a bar of `cells` cells scaled to max: 0 for
 * v <= 0 or max <= 0, at least 1 for v > 0, at most cells * 8. */
long chart_text_eighths(double v, double max, int cells);
/* The fill of series i: "█", "▓", "░", "▫" (borrowed). */
const char *chart_text_fill(size_t series);
/* A horizontal bar of eighths/8 cells in series' fill (a pattern rounds to whole cells,
 * at least one for eighths > 0); *cells (may be NULL) gets its width. Caller frees. */
char *chart_text_hbar(long eighths, size_t series, int *cells);
/* The cell of a column `eighths` (0..8) high in series' fill: " " for 0, "▁".."▇", "█";
 * a pattern's cell is its fill for any eighths > 0 (borrowed). */
const char *chart_text_vcell(int eighths, size_t series);
/* v with `decimals` places in lang's decimal style ("2,5"). Caller frees. */
char *chart_text_number(double v, int decimals, const char *lang);
/* s sanitised and cut to at most width display columns, ending in "…" when cut.
 * Caller frees. */
char *chart_text_fit(const char *s, int width);
/* The same, but a cut keeps the start and the end around the "…" ("Sant J…adesses"), so
 * that the names of places that begin alike ("Sant Joan de les Abadesses", "Sant Joan de
 * Vilatorrada") stay told apart: a bar's label. Caller frees. */
char *chart_text_fit_middle(const char *s, int width);

#endif
