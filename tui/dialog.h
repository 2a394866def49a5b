/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dialog.h: the small modal dialogs, each drawn over the current screen (ui_dialog.c).
 */
#ifndef VOLUNTEER_TUI_DIALOG_H
#define VOLUNTEER_TUI_DIALOG_H

#include "tui/screen.h"

/* A yes/no question on the message line: 1 yes, 0 no or Esc. */
int ui_confirm(struct ui *ui, const char *question);
/* One line of text on the message line; *text is replaced (caller frees) on Enter.
 * Returns 1 on Enter, 0 on Esc. */
int ui_prompt(struct ui *ui, const char *label, char **text);
/* A list to choose from (ncurses menu). multi: Space toggles, Enter accepts; chosen[] in
 * and out. One choice: returns its index, -1 on Esc; multi: 0 on Enter, -1 on Esc. */
int ui_pick(struct ui *ui, const char *title, const char *const *labels, int n, int multi,
    int *chosen, int current);
/* Is a key waiting (typed ahead)? It is kept for the next ui_getkey. */
int ui_key_pending(struct ui *ui);
/* A small form in a box: labelled lines of text, Tab and arrows move, Enter on the last
 * line or F2 accepts, Esc leaves. check (may be NULL) returns -1 with the index of the
 * line at fault and a message to show; values[] are replaced on acceptance (caller
 * frees). Returns 1 accepted, 0 left. */
struct ui_form_line {
	const char *label;
	const char *help;
	int required;
	char *value;
};
int ui_simple_form(struct ui *ui, const char *title, const char *intro,
    struct ui_form_line *lines, int n,
    int (*check)(struct ui_form_line *lines, int n, int *bad, char *msg, size_t size,
    void *payload), void *payload);
/* For a check of ui_simple_form, the one rule of a period: lines[from] and lines[to]
 * each empty or a date (date_parse), the end not before the start. 0, or -1 with *bad
 * (the line at fault) and msg set. */
int ui_check_period(struct ui_form_line *lines, int from, int to, int *bad, char *msg,
    size_t size);

/*
 * A question that stays open while the loop goes on: ui_getkey keeps serving the job's
 * pipe, resizes and signals, hands every key to the question while ui->ask is set, and
 * ui_draw draws it over everything (a dialog below it included). The sync's questions are
 * put this way, since its child waits for the answer (ui_job.c). Keys typed before it
 * opened are dropped: a letter meant for a form must not answer it.
 * UI_ASK_YES_NO: y (or s) yes; n, Esc or Ctrl-C no; other keys are ignored.
 * UI_ASK_SECRET: a line typed without echo: nothing is drawn for it, not even its length;
 * Backspace and Ctrl-U erase, Enter gives it (not when empty), Esc or Ctrl-C cancel. The
 * bytes live only in secret[] and ui_ask_close wipes them.
 * done is called once, with answer set (1 yes or given, 0 no or cancelled); it owns the
 * question from then on and ends it with ui_ask_close.
 */
enum ui_ask_kind { UI_ASK_YES_NO, UI_ASK_SECRET };
struct ui_ask {
	enum ui_ask_kind kind;
	char *title, *text;	/* owned; text is sanitised here and may hold newlines */
	char secret[512];	/* UI_ASK_SECRET: what was typed, NUL-terminated */
	size_t len;
	int full;		/* a character did not fit in secret[] */
	int answer;		/* -1 while open */
	void (*done)(struct ui *ui, struct ui_ask *ask);
};
void ui_ask_open(struct ui *ui, struct ui_ask *ask, enum ui_ask_kind kind,
    const char *title, const char *text, void (*done)(struct ui *, struct ui_ask *));
/* Wipe and free what ask holds; ui->ask no longer points to it. */
void ui_ask_close(struct ui *ui, struct ui_ask *ask);
/* For ui_getkey: 1 when a question is open and took the key (rc, ch as get_wch gave). */
int ui_ask_take_key(struct ui *ui, int rc, wint_t ch);
/* For ui_draw: the open question, on top. */
void ui_ask_draw(struct ui *ui);

#endif
