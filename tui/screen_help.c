/* screen_help.c: every key, grouped by screen, in the UI language (`?`, F1). */
#include <stdlib.h>

#include "core/i18n.h"
#include "tui/draw.h"
#include "tui/screens.h"

#define ESC 27

struct help_line {
	const char *keys;	/* "" for a heading */
	const char *what;
};

static const struct help_line help_lines[] = {
	{ "", N_("The list") },
	{ "1 2 3 4", N_("Visits, Tasks, Workshops, All") },
	{ "Tab ← →", N_("next or previous tab") },
	{ "↑ ↓ j k", N_("move") },
	{ "PgUp PgDn", N_("previous or next page") },
	{ "Home End", N_("first or last page") },
	{ "Enter", N_("open the record") },
	{ "n", N_("new record, then v visit, t task or w workshop") },
	{ "e", N_("edit the record") },
	{ "d", N_("delete the record (asks first)") },
	{ "/", N_("search the words in every field") },
	{ "f", N_("filters: municipality and dates") },
	{ "a", N_("your records or everyone's") },
	{ "Esc", N_("clear the search and the filters") },
	{ "s", N_("sync with the shared repository") },
	{ "p", N_("summary of a visit or workshop: PDF or print") },
	{ "r", N_("review the record (coordinators)") },
	{ "R", N_("review every volunteer's records (coordinators)") },
	{ "F", N_("figures for the records shown, as volunteer report") },
	{ "?  F1", N_("this help") },
	{ "q", N_("quit") },
	{ "", N_("A form") },
	{ "Tab ↓", N_("next field") },
	{ "Shift-Tab ↑", N_("previous field") },
	{ "Enter", N_("next field; in a choice, open the list; in long text, a new line") },
	{ "Space ← →", N_("in a choice or yes/no: open the list or step through it") },
	{ "F2  Ctrl-S", N_("save") },
	{ "Esc", N_("cancel (asks when something was typed)") },
	{ "Ctrl-U Ctrl-K", N_("delete to the start or to the end of the line") },
	{ "F1", N_("this help") },
	{ "", N_("A record") },
	{ "e  d  p  r", N_("edit, delete, summary, review") },
	{ "Esc  q", N_("back to the list") },
	{ "", N_("Review (coordinators)") },
	{ "1 2 3 4", N_("All, Not reviewed, Flagged, Conflicts") },
	{ "o", N_("mark the record ok") },
	{ "x", N_("flag the record with a comment for its author") },
	{ "f", N_("filters: volunteer, municipality, kind and dates") },
	{ "/  Enter", N_("search, open the record") },
	{ "F", N_("figures for the records shown") },
	{ "Esc", N_("clear the filters, then back to the list") },
	{ "", N_("Figures") },
	{ "b", N_("group by municipality, volunteer or month") },
	{ "← →", N_("more columns on a narrow terminal") },
	{ "", N_("Marks in the list") },
	{ "●", N_("not yet on the shared repository") },
	{ "⚠", N_("a conflict or a coordinator's flag") },
	{ "", N_("Everything typed in a form is kept as a draft at once: after a power cut, "
	    "the next start offers it back.") },
};
#define NLINES ((int)(sizeof help_lines / sizeof help_lines[0]))

struct help {
	int scroll;
};

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
	int rows = LINES - 5, i, y = 3;

	ui_draw_bars(ui, _("↑ ↓ scroll  Esc back"));
	ui_put(1, 1, COLS - 2, _("Keys"), ui_attr(ui, UR_TITLE), 0);
	ui_rule(2);
	if (h->scroll > NLINES - 1)
		h->scroll = NLINES - 1;
	for (i = h->scroll; i < NLINES && y < 3 + rows; i++, y++) {
		if (help_lines[i].keys[0] == '\0') {
			if (i > h->scroll && y + 1 < 3 + rows)
				y++;
			ui_put(y, 1, COLS - 2, _(help_lines[i].what), ui_attr(ui, UR_TITLE), 0);
			continue;
		}
		ui_put(y, 3, 14, help_lines[i].keys, A_BOLD, 0);
		ui_put(y, 18, COLS - 19, _(help_lines[i].what), A_NORMAL, 0);
	}
}

static void
help_key(struct screen *s, struct ui *ui, int is_key, wint_t ch)
{
	struct help *h = s->data;

	if (is_key && ch == KEY_DOWN && h->scroll < NLINES - 1)
		h->scroll++;
	else if (is_key && ch == KEY_UP && h->scroll > 0)
		h->scroll--;
	else if (is_key && ch == KEY_NPAGE)
		h->scroll = h->scroll + LINES - 6 < NLINES ? h->scroll + LINES - 6 : NLINES - 1;
	else if (is_key && ch == KEY_PPAGE)
		h->scroll = h->scroll > LINES - 6 ? h->scroll - (LINES - 6) : 0;
	else if (!is_key && ch == 'j')
		help_key(s, ui, 1, KEY_DOWN);
	else if (!is_key && ch == 'k')
		help_key(s, ui, 1, KEY_UP);
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
