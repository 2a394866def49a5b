/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The figures screen's charts in character cells (tui/chart_text.h), from charts built by
 * hand: bar lengths in eighths, the numbers beside the bars, the fills that tell series
 * apart and the legend, labels sanitised and cut by display width, the pages of a chart
 * too long for the area and the one scale they share, and "nothing to show". Each page is
 * drawn into a grid as the screen would: a piece outside columns 1..width-2 or over
 * another one fails.
 */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tui/chart_text.h"

#define GW 120
#define GH 40

struct grid {
	char cell[GH][GW][16];	/* one character (and its zero-width marks), or "" */
	int w, h;
	int outside, overlaps;
};

static void
render(struct grid *g, const struct chart_text_page *p, int w, int h)
{
	size_t i, k, len, n;
	unsigned cp;
	int col, cw;

	memset(g, 0, sizeof *g);
	g->w = w;
	g->h = h;
	for (i = 0; i < p->n; i++) {
		const struct chart_text_piece *pc = &p->pieces[i];
		const char *s = pc->text;
		col = pc->col;
		len = strlen(s);
		if (pc->row < 0 || pc->row >= h)
			g->outside++;
		if (text_display_width(s, len) != pc->width)
			g->outside++;
		for (k = 0; k < len; k += n) {
			n = utf8_decode(s + k, len - k, &cp);
			if (n == 0) {
				g->outside++;
				break;
			}
			cw = text_char_width(cp);
			if (cw == 0) {
				if (col > 0 && pc->row >= 0 && pc->row < h)
					strncat(g->cell[pc->row][col - 1], s + k, n);
				continue;
			}
			if (col < 1 || col + cw > w - 1 || pc->row < 0 || pc->row >= h) {
				g->outside++;
				col += cw;
				continue;
			}
			if (g->cell[pc->row][col][0] != '\0')
				g->overlaps++;
			memcpy(g->cell[pc->row][col], s + k, n);
			if (cw == 2)
				strcpy(g->cell[pc->row][col + 1], "\x01");
			col += cw;
		}
	}
}

/* Row r of the grid as text, blanks where nothing is drawn, without trailing blanks. */
static char *
row(const struct grid *g, int r)
{
	char *out = xcalloc(1, GW * 16 + 1);
	int c;

	for (c = 0; c < g->w; c++) {
		const char *s = g->cell[r][c];
		if (strcmp(s, "\x01") == 0)
			continue;
		strcat(out, s[0] ? s : " ");
	}
	for (c = (int)strlen(out); c > 0 && out[c - 1] == ' '; c--)
		out[c - 1] = '\0';
	return out;
}

static int
count(const char *s, const char *what)
{
	int n = 0;
	size_t l = strlen(what);

	for (s = strstr(s, what); s != NULL; s = strstr(s + l, what))
		n++;
	return n;
}

static char *
rep(const char *s, int n)
{
	char *out = xcalloc(1, strlen(s) * (size_t)(n > 0 ? n : 0) + 1);

	while (n-- > 0)
		strcat(out, s);
	return out;
}

/* ---- charts made by hand ---- */

static struct chart
mk(enum chart_kind kind, size_t ncats, size_t nseries, const char *const *cats,
    const char *const *series, const double *values)
{
	struct chart c;
	size_t i;

	memset(&c, 0, sizeof c);
	c.kind = kind;
	c.id = xstrdup("test");
	c.title = xstrdup("A chart");
	c.ncats = ncats;
	c.nseries = nseries;
	c.cats = xcalloc(ncats + 1, sizeof *c.cats);
	for (i = 0; i < ncats; i++)
		c.cats[i] = xstrdup(cats[i]);
	for (i = 0; series != NULL && i < nseries; i++)
		c.series[i] = xstrdup(series[i]);
	c.values = xcalloc(ncats * nseries + 1, sizeof *c.values);
	if (values != NULL)
		memcpy(c.values, values, ncats * nseries * sizeof *c.values);
	return c;
}

static void
unmk(struct chart *c)
{
	size_t i;

	for (i = 0; i < c->ncats; i++)
		free(c->cats[i]);
	for (i = 0; i < CHART_MAX_SERIES; i++)
		free(c->series[i]);
	free(c->cats);
	free(c->values);
	free(c->id);
	free(c->title);
}

/* Lay page out and draw it in g; the pieces stay inside and apart. */
static void
lay(const struct chart *c, const char *lang, int w, int h, size_t page, struct grid *g,
    struct chart_text_page *p, const char *what)
{
	chart_text_layout(c, lang, w, h, page, p);
	render(g, p, w, h);
	ok(g->outside == 0 && g->overlaps == 0, "%s: every piece inside %dx%d, none over "
	    "another (%d outside, %d over)", what, w, h, g->outside, g->overlaps);
}

static int
is_row(const struct grid *g, int r, const char *want, const char *what)
{
	char *got = row(g, r);
	int same = strcmp(got, want) == 0;

	ok(same, "%s", what);
	if (!same)
		diag("     got: '%s'\n#     expected: '%s'", got, want);
	free(got);
	return same;
}

/* The whole grid as diagnostics, when a test of it failed. */
static void
show(const struct grid *g)
{
	int r;

	for (r = 0; r < g->h; r++) {
		char *s = row(g, r);
		diag("%2d|%s", r, s);
		free(s);
	}
}

static void
test_rules(void)
{
	char *s;
	int cells = -1;

	is_int(chart_text_eighths(5, 10, 10), 40, "half the largest value: half the bar");
	is_int(chart_text_eighths(10, 10, 10), 80, "the largest value: the whole bar");
	is_int(chart_text_eighths(0, 10, 10), 0, "0: no bar");
	is_int(chart_text_eighths(0.01, 10, 10), 1, "a value above 0 shows one eighth at least");
	is_int(chart_text_eighths(5, 0, 10), 0, "no scale: no bar");
	is_int(chart_text_eighths(15, 10, 10), 80, "never longer than the bar");

	s = chart_text_hbar(13, 0, &cells);
	is_str(s, "█▋", "13 eighths solid: one cell and five eighths");
	is_int(cells, 2, "which take two cells");
	free(s);
	s = chart_text_hbar(3, 0, NULL);
	is_str(s, "▍", "3 eighths: ▍");
	free(s);
	s = chart_text_hbar(0, 0, &cells);
	is_str(s, "", "0 eighths: nothing");
	is_int(cells, 0, "and no cell");
	free(s);
	s = chart_text_hbar(13, 1, &cells);
	is_str(s, "▓▓", "a hatched bar rounds to whole cells");
	free(s);
	s = chart_text_hbar(2, 2, &cells);
	is_str(s, "░", "a dotted bar above 0 keeps one cell");
	free(s);
	s = chart_text_hbar(16, 3, NULL);
	is_str(s, "▫▫", "the fourth series is drawn in outline squares");
	free(s);

	is_str(chart_text_vcell(3, 0), "▃", "a column's top cell in eighths");
	is_str(chart_text_vcell(8, 0), "█", "a full column cell");
	is_str(chart_text_vcell(0, 0), " ", "an empty column cell");
	is_str(chart_text_vcell(3, 1), "▓", "a hatched column cell is whole");

	s = chart_text_number(2.5, 1, "es");
	is_str(s, "2,5", "numbers in Spanish take a decimal comma");
	free(s);
	s = chart_text_number(2.5, 1, "en");
	is_str(s, "2.5", "in English a point");
	free(s);
	s = chart_text_number(12, 0, "eu");
	is_str(s, "12", "counts have no decimals");
	free(s);

	s = chart_text_fit("Almazán", 10);
	is_str(s, "Almazán", "a label that fits is whole (accents count one column)");
	free(s);
	s = chart_text_fit("Villanueva de los Infantes", 10);
	is_str(s, "Villanuev…", "a long label is cut to the width with …");
	free(s);
	s = chart_text_fit("東京都市", 5);
	is_str(s, "東京…", "wide characters count two columns");
	free(s);
	s = chart_text_fit("Ol\033[2Jvega\r", 20);
	is_str(s, "Ol[2Jvega", "an escape and a carriage return never reach the screen");
	free(s);
	s = chart_text_fit("Ab\xe2\x80\xae" "CD", 20);
	is_str(s, "AbCD", "nor a right-to-left override");
	free(s);

	s = chart_text_fit_middle("Sant Joan de les Abadesses", 15);
	is_str(s, "Sant Jo…adesses", "a bar's label keeps its start and its end");
	free(s);
	s = chart_text_fit_middle("Sant Joan de Vilatorrada", 15);
	is_str(s, "Sant Jo…torrada", "so places that begin alike stay apart");
	free(s);
	s = chart_text_fit_middle("Soria", 15);
	is_str(s, "Soria", "a label that fits is whole");
	free(s);
}

static void
test_bars(void)
{
	static const char *const cats[] = { "Almazán", "Berlanga de Duero", "Soria" };
	static const double v[] = { 10, 5, 0 };
	struct chart c = mk(CHART_BARS, 3, 1, cats, NULL, v);
	struct chart_text_page p;
	struct grid g;
	int failed = tap_failed;
	char *bar, *want;
	/* 78 usable columns: the label column (17), a blank, the bar, a blank, "10". */
	int barw = 78 - 17 - 1 - 1 - 2;

	is_int(chart_text_pages(&c, 80, 19), 1, "three bars take one page");
	lay(&c, "es", 80, 19, 0, &g, &p, "bars");
	bar = rep("█", barw);
	want = xasprintf(" Almazán           %s 10", bar);
	is_row(&g, 0, want, "the largest bar takes the whole width, its number beside it");
	free(bar);
	free(want);
	/* 5 of 10: 57 * 8 / 2 = 228 eighths, 28 cells and a half. */
	bar = rep("█", 28);
	want = xasprintf(" Berlanga de Duero %s▌ 5", bar);
	is_row(&g, 2, want, "half of it: 28 cells and ▌, a blank row apart");
	free(bar);
	free(want);
	is_row(&g, 4, " Soria             0", "0: no bar, the number where it would start");
	is_int(p.first_cat, 0, "the page starts at the first category");
	is_int(p.ncats, 3, "and shows the three");
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);

	lay(&c, "es", 30, 19, 0, &g, &p, "bars at 30 columns");
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	lay(&c, "es", 12, 3, 0, &g, &p, "bars at 12x3");
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	unmk(&c);
}

static void
test_bars_series(void)
{
	static const char *const cats[] = { "Almazán", "Soria" };
	static const char *const series[] = { "Women", "Men" };
	static const double v[] = { 6, 3, 2, 0 };
	struct chart c = mk(CHART_BARS, 2, 2, cats, series, v);
	struct chart_text_page p;
	struct grid g;
	int failed = tap_failed;
	char *r;

	lay(&c, "en", 80, 19, 0, &g, &p, "two series side by side");
	is_row(&g, 0, " ██ Women   ▓▓ Men", "the legend names each series beside its fill");
	is_row(&g, 1, "", "a blank row under the legend");
	r = row(&g, 2);
	ok(strncmp(r, " Almazán ", 9) == 0 && count(r, "█") > 0 && count(r, "▓") == 0 &&
	    strstr(r, " 6") != NULL, "the first series of a category: solid, with its number");
	free(r);
	r = row(&g, 3);
	ok(r[0] == ' ' && r[1] == ' ' && count(r, "▓") > 0 && count(r, "█") == 0 &&
	    strstr(r, " 3") != NULL, "the second under it: hatched, with its number, no label");
	free(r);
	is_row(&g, 4, "", "a blank row between categories");
	r = row(&g, 6);
	ok(strstr(r, "▓") == NULL && strstr(r, " 0") != NULL, "a 0 draws no bar");
	free(r);
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	unmk(&c);
}

static void
test_stacked(void)
{
	static const char *const cats[] = { "Almazán", "Soria", "Ólvega" };
	static const char *const series[] = { "Under 65", "65+" };
	static const double v[] = { 2, 10, 5, 0, 1, 1000 };
	struct chart c = mk(CHART_STACKED, 3, 2, cats, series, v);
	struct chart_text_page p;
	struct grid g;
	int failed = tap_failed;
	char *r;
	/* 78 usable: label 7, blank, bar, blank, "1+1000 = 1001" (13). */
	int barw = 78 - 7 - 1 - 1 - 13;

	lay(&c, "es", 80, 19, 0, &g, &p, "stacked bars");
	is_row(&g, 0, " ██ Under 65   ▓▓ 65+", "a stacked chart has its legend");
	r = row(&g, 2);
	/* 12 of 1001: one cell, yet both parts show. */
	ok(strncmp(r, " Almazán ", 9) == 0 && strstr(r, "2+10 = 12") != NULL,
	    "a stacked bar writes its parts in the legend's order and their sum");
	ok(count(r, "█") >= 1 && count(r, "▓") >= 1, "each part above 0 shows its fill");
	free(r);
	r = row(&g, 4);
	ok(strstr(r, "5+0 = 5") != NULL && count(r, "▓") == 0, "a part of 0 shows no fill");
	free(r);
	r = row(&g, 6);
	ok(count(r, "█") == 1, "a tiny part keeps one cell beside a huge one");
	is_int(count(r, "█") + count(r, "▓"), barw, "the largest sum takes the whole bar");
	ok(strstr(r, "1+1000 = 1001") != NULL, "with its number");
	free(r);
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	unmk(&c);
}

static void
test_columns(void)
{
	static const char *const cats[] = { "nov 2025", "dic 2025", "ene 2026", "feb 2026",
		"mar 2026", "abr 2026", "may 2026", "jun 2026", "jul 2026", "ago 2026",
		"sep 2026", "oct 2026" };
	double v[12] = { 0 };
	struct chart c;
	struct chart_text_page p;
	struct grid g;
	int failed = tap_failed;
	char *r;
	int i;

	v[0] = 12;
	v[1] = 6;
	v[5] = 1;
	c = mk(CHART_COLUMNS, 12, 1, cats, NULL, v);
	is_int(chart_text_pages(&c, 80, 19), 1, "twelve months fit one page at 80 columns");
	lay(&c, "es", 80, 19, 0, &g, &p, "columns");
	/* 12 slots of 5 columns and a blank; a block of 3; numbers over, the zero line at
	 * row 16, the labels on rows 17 and 18. */
	r = row(&g, 0);
	ok(strncmp(r, "  12", 4) == 0, "the tallest column's number is on the first row");
	free(r);
	for (i = 1; i <= 15; i++) {
		r = row(&g, i);
		if (strncmp(r, "  ███", strlen("  ███")) != 0)
			break;
		free(r);
	}
	ok(i == 16, "the tallest column fills the 15 rows to the zero line");
	if (i != 16)
		free(r);
	/* 6 of 12: 60 eighths, 7 cells and a half: ▄ on row 8, "6" on row 7. */
	r = row(&g, 8);
	ok(count(r, "▄") == 3, "half of it ends in ▄ (its block 3 wide)");
	free(r);
	r = row(&g, 7);
	ok(strstr(r, " 6") != NULL, "with its number above it");
	free(r);
	r = row(&g, 16);
	ok(count(r, "─") == 71, "the zero line under the columns (%d)", count(r, "─"));
	ok(strstr(r, "█") == NULL && strstr(r, "▁") == NULL, "nothing is drawn below zero");
	free(r);
	r = row(&g, 17);
	ok(strncmp(r, "  nov   dic   ene", 17) == 0, "the months on the first label row");
	free(r);
	r = row(&g, 18);
	ok(strncmp(r, " 2025  2025  2026", 17) == 0, "the years under them");
	free(r);
	r = row(&g, 15);
	/* 1 of 12: 10 eighths over 15 rows: one cell and a quarter; 0s write their 0. */
	ok(count(r, "█") == 9 && count(r, " 0") == 9, "a small value stands on the zero line (%s)", r);
	free(r);
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	unmk(&c);
}

static void
test_pages(void)
{
	const char *cats[40];
	char names[40][32];
	double v[40];
	struct chart c;
	struct chart_text_page p;
	struct grid g;
	int failed = tap_failed;
	char *r;
	int i;

	for (i = 0; i < 40; i++) {
		snprintf(names[i], sizeof names[i], "Municipio %02d", i + 1);
		cats[i] = names[i];
		v[i] = i == 0 ? 100 : 10;
	}
	c = mk(CHART_BARS, 30, 1, cats, NULL, v);
	is_int(chart_text_pages(&c, 80, 19), 2, "30 bars in 19 rows: two pages");
	lay(&c, "es", 80, 19, 1, &g, &p, "the second page");
	is_int(p.first_cat, 19, "the second page starts at the 20th category");
	is_int(p.ncats, 11, "and shows the 11 left");
	r = row(&g, 0);
	ok(strncmp(r, " Municipio 20 ", 14) == 0, "its first row is the 20th");
	ok(count(r, "█") < 10, "a page keeps the chart's one scale (10 of 100 is short)");
	free(r);
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	lay(&c, "es", 80, 19, 9, &g, &p, "a page past the last");
	is_int(p.first_cat, 19, "a page past the last gives the last");
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	unmk(&c);

	c = mk(CHART_COLUMNS, 40, 1, cats, NULL, v);
	ok(chart_text_pages(&c, 80, 19) > 1, "40 columns take more than one page at 80");
	lay(&c, "es", 80, 19, 0, &g, &p, "the first page of 40 columns");
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	lay(&c, "es", 40, 10, 3, &g, &p, "columns at 40x10");
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	unmk(&c);
}

static void
test_empty(void)
{
	static const char *const cats[] = { "Almazán", "Soria" };
	static const double zeros[] = { 0, 0, 0, 0 };
	struct chart c = mk(CHART_COLUMNS, 0, 1, cats, NULL, NULL);
	struct chart_text_page p;
	struct grid g;
	int failed = tap_failed;

	is_int(chart_text_pages(&c, 80, 19), 1, "a chart with no categories: one page");
	lay(&c, "en", 80, 19, 0, &g, &p, "no categories");
	is_row(&g, 0, " Nothing to show for this period.", "says there is nothing to show");
	is_int(p.n, 1, "and draws nothing else");
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	unmk(&c);

	c = mk(CHART_STACKED, 2, 2, cats, NULL, zeros);
	lay(&c, "en", 80, 19, 0, &g, &p, "only zeros");
	is_row(&g, 0, " Nothing to show for this period.", "only zeros: nothing to show either");
	is_int(p.n, 1, "no legend, no empty frame");
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	unmk(&c);
}

static void
test_hostile(void)
{
	static const char *const cats[] = { "Ol\033[2Jvega\r\b", "Ab\xe2\x80\xae" "CD\xff" };
	static const char *const series[] = { "W\033]0;x\007", "M" };
	static const double v[] = { 3, 1, 2, 2 };
	struct chart c = mk(CHART_STACKED, 2, 2, cats, series, v);
	struct chart_text_page p;
	struct grid g;
	int failed = tap_failed;
	size_t i;
	int bad = 0;
	char *r;

	lay(&c, "en", 80, 19, 0, &g, &p, "hostile labels");
	for (i = 0; i < p.n; i++)
		if (text_has_hostile(p.pieces[i].text, strlen(p.pieces[i].text)))
			bad++;
	is_int(bad, 0, "no piece holds a control, an override or invalid UTF-8");
	r = row(&g, 2);
	ok(strncmp(r, " Ol[2Jvega ", 11) == 0, "the name shows without its controls");
	free(r);
	if (tap_failed > failed)
		show(&g);
	failed = tap_failed;
	chart_text_page_free(&p);
	unmk(&c);
}

int
main(void)
{
	test_rules();
	test_bars();
	test_bars_series();
	test_stacked();
	test_columns();
	test_pages();
	test_empty();
	test_hostile();
	return done_testing();
}
