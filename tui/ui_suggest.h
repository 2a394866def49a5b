/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_suggest.h: the businesses offered under a form's Business field as the name is typed
 * (core/store_business.h finds them; this draws them and keeps the choice).
 *
 * The list holds at most SUGGEST_MAX businesses, the form's municipality's first. Names
 * and municipalities come from the shared repository: they are drawn through ui_put,
 * which sanitises them, and cut to the box.
 */
#ifndef VOLUNTEER_UI_SUGGEST_H
#define VOLUNTEER_UI_SUGGEST_H

#include "core/store_business.h"
#include "tui/screen.h"

#define SUGGEST_MAX 8

struct suggest {
	struct business_hit hit[SUGGEST_MAX];
	int n;
	int sel;		/* the row Enter picks */
	int open;		/* shown: Esc closes it until the next character */
};

/* The businesses whose name starts like typed (business_name_key), municipality's first.
 * The list opens when there are any; it closes when there are none. */
int suggest_load(struct suggest *sg, struct store *st, const char *typed,
    const char *municipality, struct error *err);
/* Forget the list (and free it). */
void suggest_clear(struct suggest *sg);
/* Up (-1) or Down (+1) in the open list. */
void suggest_move(struct suggest *sg, int step);
/* The rows the open list takes when drawn (its box included), 0 when closed. */
int suggest_rows(const struct suggest *sg);
/* Draw the open list in a box whose top left is (y, x), w columns wide, above whatever is
 * there: each business's name, and its municipality at the right. */
void suggest_draw(struct ui *ui, const struct suggest *sg, int y, int x, int w);

#endif
