/* SPDX-License-Identifier: GPL-3.0-or-later */
/* screen_help.c: every key, grouped by screen, in the UI language (`?`, F1). */
#include <stdlib.h>

#include "core/i18n.h"
#include "tui/draw.h"
#include "tui/screens.h"

#define ESC 27

struct help_line {
	const char *keys;	/* "" for a heading; key names are translated (Intro, Inicio) */
	const char *what;
};

static const struct help_line help_lines[] = {
	{ "", N_("The list") },
	{ "1 2 3 4", N_("Visits, Tasks, Workshops, All") },
	/* TRANSLATORS: key names as printed on the keyboards of your language (Intro, Inicio,
	 * RePág); they fit in 14 columns. */
	{ N_("Tab ← →"), N_("next or previous tab") },
	{ "↑ ↓ j k", N_("move") },
	{ N_("PgUp PgDn"), N_("previous or next page") },
	{ N_("Home End"), N_("first or last page") },
	{ N_("Enter"), N_("open the record") },
	{ "n", N_("new record, then v visit, t task or w workshop") },
	{ "e", N_("edit the record") },
	{ "d", N_("delete the record (asks first)") },
	{ "/", N_("search the words in every field") },
	{ "f", N_("filters: municipality and dates") },
	{ "a", N_("your records or everyone's") },
	{ N_("Esc"), N_("clear the search and the filters") },
	{ "s", N_("sync with the shared repository") },
	{ "p", N_("summary of a visit or workshop: PDF or print") },
	{ "r", N_("review the record (coordinators)") },
	{ "R", N_("review every volunteer's records (coordinators)") },
	{ "F", N_("figures for the records shown, as volunteer report") },
	{ "A", N_("agenda: your follow-ups and task due dates, due or overdue") },
	{ "m", N_("on a business: merge it into another (its records move there)") },
	{ "?  F1", N_("this help") },
	{ "q", N_("quit") },
	{ "", N_("A form") },
	{ N_("Tab ↓"), N_("next field") },
	{ N_("Shift-Tab ↑"), N_("previous field") },
	{ N_("Enter"), N_("next field; in a choice, open the list; in long text, a new line") },
	{ N_("Space ← →"), N_("in a choice or yes/no: open the list or step through it") },
	{ N_("F2  Ctrl-S"), N_("save") },
	{ N_("Esc"), N_("cancel (asks when something was typed)") },
	{ N_("Ctrl-U Ctrl-K"), N_("delete to the start or to the end of the line") },
	{ "F1", N_("this help") },
	{ "", N_("A record") },
	{ "e  d  p  r", N_("edit, delete, summary, review") },
	{ N_("Esc  q"), N_("back to the list") },
	{ "", N_("Review (coordinators)") },
	{ "1 2 3 4", N_("All, Not reviewed, Flagged, Conflicts") },
	{ "o", N_("mark the record ok") },
	{ "x", N_("flag the record with a comment for its author") },
	{ "f", N_("filters: volunteer, municipality, kind and dates") },
	{ N_("/  Enter"), N_("search, open the record") },
	{ "F", N_("figures for the records shown") },
	{ "D", N_("likely duplicate businesses: merge one pair") },
	{ N_("Esc"), N_("clear the filters, then back to the list") },
	{ "", N_("Figures") },
	{ "b", N_("group by municipality, volunteer, month or sector") },
	{ "← →", N_("more columns on a narrow terminal") },
	{ "c", N_("the charts or the table") },
	{ "↑ ↓", N_("in the charts: the previous or next page (PgUp PgDn too)") },
	{ "← →", N_("in the charts: the previous or next chart") },
	{ "", N_("Marks in the list") },
	{ "●", N_("not yet on the shared repository") },
	{ "⚠", N_("a conflict or a coordinator's flag") },
	{ "", N_("Everything typed in a form is kept as a draft at once: after a power cut, "
	    "the next start offers it back.") },
};
#define NLINES ((int)(sizeof help_lines / sizeof help_lines[0]))

struct help {
	int scroll;		/* the first screen row shown, of all the wrapped rows */
};

/* The rows between the bars, and the column and width of the explanations. */
#define HELP_TOP 3
#define WHAT_X 18
static int
help_height(void)
{
	return LINES - 5 > 1 ? LINES - 5 : 1;
}

static int
what_width(void)
{
	return COLS - WHAT_X - 1 > 8 ? COLS - WHAT_X - 1 : 8;
}

/*
 * Lay out every line, wrapped: line i starts at row *at (a heading after the first has a
 * blank row before it). With draw, the rows in [scroll, scroll + height) are drawn.
 * Returns the rows of the whole text.
 */
static int
help_layout(struct ui *ui, int scroll, int draw)
{
	int r = 0, i, n, h = help_height(), from, to;
	const char *what;

	for (i = 0; i < NLINES; i++) {
		int heading = help_lines[i].keys[0] == '\0', x = heading ? 1 : WHAT_X;
		int w = heading ? COLS - 2 : what_width();
		if (heading && i > 0)
			r++;
		what = _(help_lines[i].what);
		n = ui_wrap(0, 0, w, 0, 0, what, A_NORMAL);
		from = r > scroll ? r : scroll;
		to = r + n < scroll + h ? r + n : scroll + h;
		if (draw && from < to) {
			if (!heading && r >= scroll)
				ui_put(HELP_TOP + r - scroll, 3, WHAT_X - 4, _(help_lines[i].keys),
				    A_BOLD, 0);
			ui_wrap(HELP_TOP + from - scroll, x, w, from - r, to - from, what,
			    heading ? ui_attr(ui, UR_TITLE) : (int)A_NORMAL);
		}
		r += n;
	}
	return r;
}

static int
help_max_scroll(struct ui *ui)
{
	int m = help_layout(ui, 0, 0) - help_height();

	return m > 0 ? m : 0;
}

static int
help_enter(struct screen *s, struct ui *ui)
{
	s->data = calloc(1, sizeof(struct help));
	return s->data != NULL ? 0 : -1;
}

static void
help_draw(struct screen *s, struct ui *ui)
{
	struct help *h = s->data;
	int max = help_max_scroll(ui);

	ui_draw_bars(ui, _("↑ ↓ PgUp PgDn Home End scroll  Esc back"));
	ui_put(1, 1, COLS - 2, _("Keys"), ui_attr(ui, UR_TITLE), 0);
	ui_rule(2);
	if (h->scroll > max)
		h->scroll = max;	/* the window grew */
	help_layout(ui, h->scroll, 1);
	if (h->scroll > 0)
		ui_put(HELP_TOP, COLS - 1, 1, "↑", ui_attr(ui, UR_DIM), 0);
	if (h->scroll < max)
		ui_put(HELP_TOP + help_height() - 1, COLS - 1, 1, "↓", ui_attr(ui, UR_DIM), 0);
}

static void
help_key(struct screen *s, struct ui *ui, int is_key, wint_t ch)
{
	struct help *h = s->data;
	/* A page keeps two rows of the last one in view, so reading goes on from them. */
	int max = help_max_scroll(ui), page = help_height() > 3 ? help_height() - 2 : 1;

	if (!is_key && ui_letter_move(ch) != 0) {
		is_key = 1;
		ch = ui_letter_move(ch);
	}
	if (is_key && ch == KEY_DOWN)
		h->scroll = h->scroll < max ? h->scroll + 1 : max;
	else if (is_key && ch == KEY_UP)
		h->scroll = h->scroll > 0 ? h->scroll - 1 : 0;
	else if (is_key && ch == KEY_NPAGE)
		h->scroll = h->scroll + page < max ? h->scroll + page : max;
	else if (is_key && ch == KEY_PPAGE)
		h->scroll = h->scroll > page ? h->scroll - page : 0;
	else if (is_key && ch == KEY_HOME)
		h->scroll = 0;
	else if (is_key && ch == KEY_END)
		h->scroll = max;
	else if ((!is_key && (ch == ESC || ch == 'q' || ch == '?' || ch == '\r' ||
	    ch == '\n')) || (is_key && (ch == KEY_F(1) || ch == KEY_LEFT)))
		ui_close(ui, s);
}

static void
help_leave(struct screen *s, struct ui *ui)
{
	free(s->data);
}

const struct screen_ops screen_help_ops = {
	.name = "help",
	.enter = help_enter,
	.draw = help_draw,
	.key = help_key,
	.leave = help_leave,
};
