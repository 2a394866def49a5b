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

#endif
