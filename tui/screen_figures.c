/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen_figures.c: the programme's figures (report/stats.h) for the filter of the screen
 * that opened it, the same numbers `volunteer report` prints. `b` cycles the grouping;
 * the first column stays while ← → scroll the others when the terminal is narrow.
 * `c` shows the programme report's charts instead (report/chart.h, the PDF's and the
 * HTML's), laid out in block characters by tui/chart_text.h: ↑ ↓ PgUp PgDn page through
 * them, ← → go chart by chart.
 */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "report/chart.h"
#include "report/programme.h"
#include "report/stats.h"
#include "tui/chart_text.h"
#include "tui/draw.h"
#include "tui/screens.h"

#define ESC 27
#define NCOLS REPORT_NCELLS	/* the group, then fourteen figures */
#define CELL REPORT_CELL

struct figures {
	/* The filter, with copies of its strings. */
	struct record_filter f;
	char *kind, *volunteer, *muni, *from, *to, *search, *flagged_for;
	enum report_by by;
	struct report *rep;
	int hscroll;		/* the first figure column shown */
	int vscroll;		/* the first group row shown */
	int more_right;		/* columns are left out on the right */
	/* The chart view (c): the charts are read when it first opens, and at a reload
	 * once they were. */
	int charts_shown;
	int charts_read;
	struct chart *charts;
	size_t ncharts;
	size_t chart, page;	/* the chart shown, and its page */
};

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
fig_load(struct figures *fg, struct ui *ui)
{
	struct error err = { 0 };

	report_free(fg->rep);
	fg->rep = NULL;
	if (report_by(ui->app->st, &fg->f, fg->by, NULL, &fg->rep, &err) != 0)
		ui_message(ui, UR_ERROR, "%s", err.msg);
}

static void
charts_load(struct figures *fg, struct ui *ui)
{
	struct programme *p = NULL;
	struct error err = { 0 };

	if (fg->charts != NULL)
		chart_list_free(fg->charts, fg->ncharts);
	fg->charts = NULL;
	fg->ncharts = 0;
	fg->charts_read = 1;
	if (programme_build(ui->app->st, &fg->f, &p, &err) != 0 ||
	    chart_list_programme(p, i18n_lang(), &fg->charts, &fg->ncharts, &err) != 0) {
		fg->charts = NULL;
		fg->ncharts = 0;
		ui_message(ui, UR_ERROR, "%s", err.msg);
	}
	if (p != NULL)
		programme_free(p);
}

static void
fig_cells(const struct report_group *g, char cells[NCOLS][CELL])
{
	report_group_cells(g, i18n_lang(), cells);
}

/*
 * A header as two lines, split at the blank that makes the wider line narrowest, when it
 * is wider than min columns; top is "" when it stays on one line. Returns the width.
 */
static int
header_split(const char *h, int min, char top[CELL], char bottom[CELL])
{
	int best = ui_text_width(h), w;
	const char *p;

	top[0] = '\0';
	snprintf(bottom, CELL, "%s", h);
	if (best <= min)
		return best;
	for (p = strchr(h, ' '); p != NULL; p = strchr(p + 1, ' ')) {
		char a[CELL], b[CELL];
		snprintf(a, sizeof a, "%.*s", (int)(p - h), h);
		snprintf(b, sizeof b, "%s", p + 1);
		w = ui_text_width(a) > ui_text_width(b) ? ui_text_width(a) : ui_text_width(b);
		if (w < best) {
			best = w;
			memcpy(top, a, CELL);
			memcpy(bottom, b, CELL);
		}
	}
	return best;
}

static const char *
by_title(enum report_by by)
{
	return by == REPORT_BY_MUNICIPALITY ? _("Municipality") :
	    by == REPORT_BY_VOLUNTEER ? _("Volunteer") : by == REPORT_BY_MONTH ? _("Month") :
	    by == REPORT_BY_SECTOR ? _("Sector") : _("Total");
}

/* A group's name on the screen: a sector's label, "(none)" for records without one. */
static const char *
group_name(enum report_by by, const char *key)
{
	return key[0] ? report_group_label(by, key) : _("(none)");
}

/* The rows under the title and its rule, above the message line: the charts' area. */
static int
charts_height(void)
{
	return LINES - 5 > 1 ? LINES - 5 : 1;
}

static size_t
charts_pages(const struct figures *fg, size_t chart)
{
	return chart_text_pages(&fg->charts[chart], COLS, charts_height());
}

static int
piece_attr(struct ui *ui, enum chart_text_role role)
{
	switch (role) {
	case CT_NUMBER: return A_BOLD;
	case CT_AXIS: case CT_NOTE: return ui_attr(ui, UR_DIM);
	case CT_LEGEND: return ui_attr(ui, UR_LABEL);
	default: return A_NORMAL;
	}
}

static void
charts_draw(struct figures *fg, struct ui *ui)
{
	struct chart_text_page page;
	const struct chart *c;
	char where[64];
	size_t i, pages;
	int ww;

	ui_draw_bars(ui, _("c table  ↑ ↓ PgUp PgDn page  ← → chart  Esc back"));
	attrset(A_NORMAL);
	mvhline(1, 0, ' ', COLS);
	ui_rule(2);
	if (fg->ncharts == 0) {
		ui_put(1, 1, COLS - 2, _("Charts"), ui_attr(ui, UR_TITLE), 0);
		return;
	}
	if (fg->chart >= fg->ncharts)
		fg->chart = fg->ncharts - 1;
	c = &fg->charts[fg->chart];
	pages = charts_pages(fg, fg->chart);
	if (fg->page >= pages)
		fg->page = pages - 1;	/* the window grew */
	/* Which chart of how many, and which page of it when it takes more than one. */
	if (pages > 1)
		snprintf(where, sizeof where, "%zu/%zu (%zu/%zu)", fg->chart + 1, fg->ncharts,
		    fg->page + 1, pages);
	else
		snprintf(where, sizeof where, "%zu/%zu", fg->chart + 1, fg->ncharts);
	ww = ui_text_width(where);
	ui_put(1, 1, COLS - 3 - ww, c->title, ui_attr(ui, UR_TITLE), 0);
	ui_put(1, COLS - 1 - ww, ww, where, ui_attr(ui, UR_DIM), 0);
	chart_text_layout(c, i18n_lang(), COLS, charts_height(), fg->page, &page);
	for (i = 0; i < page.n; i++) {
		const struct chart_text_piece *pc = &page.pieces[i];
		ui_put(3 + pc->row, pc->col, pc->width, pc->text, piece_attr(ui, pc->role), 0);
	}
	chart_text_page_free(&page);
}

/* The next (step 1) or previous (-1) page, on from one chart to the next; by_chart goes
 * to the first page of the next or previous chart. */
static void
charts_step(struct figures *fg, int step, int by_chart)
{
	if (fg->ncharts == 0)
		return;
	if (by_chart) {
		if (step > 0 && fg->chart + 1 < fg->ncharts)
			fg->chart++;
		else if (step < 0 && fg->chart > 0)
			fg->chart--;
		fg->page = 0;
	} else if (step > 0) {
		if (fg->page + 1 < charts_pages(fg, fg->chart)) {
			fg->page++;
		} else if (fg->chart + 1 < fg->ncharts) {
			fg->chart++;
			fg->page = 0;
		}
	} else if (fg->page > 0) {
		fg->page--;
	} else if (fg->chart > 0) {
		fg->chart--;
		fg->page = charts_pages(fg, fg->chart) - 1;
	}
}

static void
charts_key(struct figures *fg, int is_key, wint_t ch)
{
	if (is_key) {
		if (ch == KEY_DOWN || ch == KEY_NPAGE)
			charts_step(fg, 1, 0);
		else if (ch == KEY_UP || ch == KEY_PPAGE)
			charts_step(fg, -1, 0);
		else if (ch == KEY_RIGHT)
			charts_step(fg, 1, 1);
		else if (ch == KEY_LEFT)
			charts_step(fg, -1, 1);
		else if (ch == KEY_HOME)
			fg->chart = fg->page = 0;
		else if (ch == KEY_END && fg->ncharts > 0) {
			fg->chart = fg->ncharts - 1;
			fg->page = charts_pages(fg, fg->chart) - 1;
		}
		return;
	}
	if (ch == 'j' || ch == ' ')
		charts_step(fg, 1, 0);
	else if (ch == 'k')
		charts_step(fg, -1, 0);
	else if (ch == 'l')
		charts_step(fg, 1, 1);
	else if (ch == 'h')
		charts_step(fg, -1, 1);
}

static void
fig_draw(struct screen *s, struct ui *ui)
{
	struct figures *fg = s->data;
	const struct report *rep = fg->rep;
	const char *head[NCOLS];
	char cells[NCOLS][CELL], title[256], top[NCOLS][CELL], bottom[NCOLS][CELL];
	int width[NCOLS], i, c, x, y, rows, last, ng;

	if (fg->charts_shown) {
		charts_draw(fg, ui);
		return;
	}
	ui_draw_bars(ui, _("b group by  c charts  ← → columns  ↑ ↓ scroll  Esc back"));
	snprintf(title, sizeof title, _("Figures by %s"), by_title(fg->by));
	attrset(A_NORMAL);
	mvhline(1, 0, ' ', COLS);
	ui_put(1, 1, COLS - 2, title, ui_attr(ui, UR_TITLE), 0);
	ui_rule(2);
	if (rep == NULL)
		return;
	head[0] = by_title(fg->by);
	head[1] = _("Visits");
	head[2] = _("Businesses");
	head[3] = _("Visited");
	head[4] = _("With web work");
	head[5] = _("Tasks done");
	head[6] = _("Tasks open");
	head[7] = _("Workshops");
	head[8] = _("Attendees");
	head[9] = _("65+");
	head[10] = _("65+ %");
	head[11] = _("Women");
	head[12] = _("Women %");
	head[13] = _("Hours");
	head[14] = _("Follow-ups due");
	/* Widths: the widest cell (the total holds the widest numbers), or the header when
	 * it is wider, on two lines when it has a blank ("Tasks / done"). */
	fig_cells(&rep->total, cells);
	width[0] = ui_text_width(head[0]);
	for (c = 1; c < NCOLS; c++) {
		width[c] = header_split(head[c], ui_text_width(cells[c]), top[c], bottom[c]);
		if (ui_text_width(cells[c]) > width[c])
			width[c] = ui_text_width(cells[c]);
	}
	width[0] = width[0] < 8 ? 8 : width[0];
	for (i = 0; i < (int)rep->ngroups; i++) {
		int w = ui_text_width(group_name(fg->by, rep->groups[i].key));
		if (w > width[0])
			width[0] = w;
	}
	if (width[0] > 24)
		width[0] = 24;
	if (width[0] > COLS / 3)
		width[0] = COLS / 3 > 8 ? COLS / 3 : 8;
	/* Scroll no further than needed to show the last column, then see which figure
	 * columns fit after the first, from hscroll on. */
	x = 1 + width[0] + 2;
	for (c = NCOLS - 1; c > 1 && x + width[c] + 2 + width[c - 1] <= COLS - 1; c--)
		x += width[c] + 2;
	if (fg->hscroll > c - 1)
		fg->hscroll = c - 1;
	x = 1 + width[0] + 2;
	for (last = 1 + fg->hscroll; last < NCOLS && x + width[last] <= COLS - 1; last++)
		x += width[last] + 2;
	/* The header, on two lines. */
	attrset(A_NORMAL);
	mvhline(3, 0, ' ', COLS);
	mvhline(4, 0, ' ', COLS);
	x = 1;
	ui_put(4, x, width[0], head[0], ui_attr(ui, UR_LABEL), 0);
	x += width[0] + 2;
	for (c = 1 + fg->hscroll; c < last; c++) {
		ui_put(3, x, width[c], top[c], ui_attr(ui, UR_LABEL), PUT_RIGHT);
		ui_put(4, x, width[c], bottom[c], ui_attr(ui, UR_LABEL), PUT_RIGHT);
		x += width[c] + 2;
	}
	if (fg->hscroll > 0)
		ui_put(4, 0, 1, "←", ui_attr(ui, UR_DIM), 0);
	fg->more_right = last < NCOLS;
	if (fg->more_right)
		ui_put(4, COLS - 1, 1, "→", ui_attr(ui, UR_DIM), 0);
	ui_rule(5);
	/* The groups, then the total under a rule (the only row when by none). */
	ng = fg->by == REPORT_BY_NONE ? 0 : (int)rep->ngroups;
	rows = LINES - 3 - 6 - 2;
	if (rows < 1)
		rows = 1;
	if (fg->vscroll > ng - rows)
		fg->vscroll = ng - rows > 0 ? ng - rows : 0;
	y = 6;
	for (i = fg->vscroll; i < ng && y < 6 + rows; i++, y++) {
		const struct report_group *g = &rep->groups[i];
		fig_cells(g, cells);
		x = 1;
		ui_put(y, x, width[0], group_name(fg->by, g->key), A_NORMAL, 0);
		x += width[0] + 2;
		for (c = 1 + fg->hscroll; c < last; c++) {
			ui_put(y, x, width[c], cells[c], A_NORMAL, PUT_RIGHT);
			x += width[c] + 2;
		}
	}
	if (ng > 0) {
		ui_rule(y);
		y++;
	}
	fig_cells(&rep->total, cells);
	x = 1;
	ui_put(y, x, width[0], _("Total"), A_BOLD, 0);
	x += width[0] + 2;
	for (c = 1 + fg->hscroll; c < last; c++) {
		ui_put(y, x, width[c], cells[c], A_BOLD, PUT_RIGHT);
		x += width[c] + 2;
	}
	if (y + 2 < LINES - 2) {
		char note[256], due_by[32];
		ui_format_date(rep->due_by, due_by, sizeof due_by);
		snprintf(note, sizeof note, _("Follow-ups due by %s. Shares are per cent of "
		    "attendees."), due_by);
		ui_put(y + 2, 1, COLS - 2, note, ui_attr(ui, UR_DIM), 0);
	}
}

static void
fig_key(struct screen *s, struct ui *ui, int is_key, wint_t ch)
{
	struct figures *fg = s->data;

	ui_message(ui, UR_NORMAL, NULL);
	if (ch == 'c' && !is_key) {
		fg->charts_shown = !fg->charts_shown;
		if (fg->charts_shown && !fg->charts_read)
			charts_load(fg, ui);
		return;
	}
	if (fg->charts_shown && !(is_key && ch == KEY_F(1)) &&
	    (is_key || (ch != '?' && ch != ESC && ch != 'q'))) {
		charts_key(fg, is_key, ch);
		return;
	}
	if (is_key) {
		if (ch == KEY_RIGHT && fg->more_right && fg->hscroll < NCOLS - 2)
			fg->hscroll++;
		else if (ch == KEY_LEFT && fg->hscroll > 0)
			fg->hscroll--;
		else if (ch == KEY_DOWN)
			fg->vscroll++;
		else if (ch == KEY_UP && fg->vscroll > 0)
			fg->vscroll--;
		else if (ch == KEY_F(1))
			ui_push(ui, &screen_help_ops, NULL);
		return;
	}
	switch (ch) {
	case 'b':
		fg->by = fg->by == REPORT_BY_MUNICIPALITY ? REPORT_BY_VOLUNTEER :
		    fg->by == REPORT_BY_VOLUNTEER ? REPORT_BY_MONTH :
		    fg->by == REPORT_BY_MONTH ? REPORT_BY_SECTOR : REPORT_BY_MUNICIPALITY;
		fg->vscroll = 0;
		fig_load(fg, ui);
		return;
	case 'l':
		fig_key(s, ui, 1, KEY_RIGHT);
		return;
	case 'h':
		fig_key(s, ui, 1, KEY_LEFT);
		return;
	case 'j':
		fig_key(s, ui, 1, KEY_DOWN);
		return;
	case 'k':
		fig_key(s, ui, 1, KEY_UP);
		return;
	case '?':
		ui_push(ui, &screen_help_ops, NULL);
		return;
	case ESC:
	case 'q':
		ui_close(ui, s);
		return;
	}
}

static int
fig_enter(struct screen *s, struct ui *ui)
{
	fig_load(s->data, ui);
	return 0;
}

static void
fig_reload(struct screen *s, struct ui *ui)
{
	struct figures *fg = s->data;

	fig_load(fg, ui);
	if (fg->charts_read)
		charts_load(fg, ui);
}

static void
fig_leave(struct screen *s, struct ui *ui)
{
	struct figures *fg = s->data;

	(void)ui;
	if (fg == NULL)
		return;
	report_free(fg->rep);
	if (fg->charts != NULL)
		chart_list_free(fg->charts, fg->ncharts);
	free(fg->kind);
	free(fg->volunteer);
	free(fg->muni);
	free(fg->from);
	free(fg->to);
	free(fg->search);
	free(fg->flagged_for);
	free(fg);
}

static const struct screen_ops screen_figures_ops = {
	.name = "figures",
	.enter = fig_enter,
	.draw = fig_draw,
	.key = fig_key,
	.leave = fig_leave,
	.reload = fig_reload,
};

int
screen_figures_open(struct ui *ui, const struct record_filter *f)
{
	struct figures *fg = xcalloc(1, sizeof *fg);

	fg->f = *f;
	/* Paging belongs to the screen that opened this one; the figures count all. */
	fg->f.after_date = fg->f.after_id = NULL;
	fg->f.limit = fg->f.offset = 0;
	fg->f.oldest_first = 0;
	fg->f.kind = fg->kind = dup_or_null(f->kind);
	fg->f.volunteer = fg->volunteer = dup_or_null(f->volunteer);
	fg->f.municipality = fg->muni = dup_or_null(f->municipality);
	fg->f.from = fg->from = dup_or_null(f->from);
	fg->f.to = fg->to = dup_or_null(f->to);
	fg->f.search = fg->search = dup_or_null(f->search);
	fg->f.flagged_for = fg->flagged_for = dup_or_null(f->flagged_for);
	fg->by = REPORT_BY_MUNICIPALITY;
	return ui_push(ui, &screen_figures_ops, fg);
}
