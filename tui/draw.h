/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * draw.h: the drawing helpers every screen uses (ui_draw.c). Text from records is drawn only
 * through ui_put, which sanitises it first.
 */
#ifndef VOLUNTEER_TUI_DRAW_H
#define VOLUNTEER_TUI_DRAW_H

#include "tui/screen.h"

int ui_attr(const struct ui *ui, enum ui_role role);
void ui_colors_init(struct ui *ui);
enum { PUT_PAD = 1, PUT_RIGHT = 2 };
/*
 * Draw UTF-8 text s at (y, x) in at most width columns, sanitised (controls, bidi
 * overrides, invalid UTF-8 never reach the terminal); PUT_PAD fills the rest with blanks,
 * PUT_RIGHT aligns it to the right. Returns the columns used.
 */
int ui_put(int y, int x, int width, const char *s, int attr, int flags);
/* Columns s takes on the screen (after sanitising). */
int ui_text_width(const char *s);
/* Word-wrap s (newlines kept) in width columns; draw its rows skip..skip+max-1 from
 * row y. Returns the number of rows the whole text takes. max = 0 only counts. */
int ui_wrap(int y, int x, int width, int skip, int max, const char *s, int attr);
/* A horizontal line across the screen at row y. */
void ui_rule(int y);
/* The top status bar, the bottom key hints and the message line (row LINES-2 when a
 * message is set, else a rule). */
void ui_draw_bars(struct ui *ui, const char *hints);
/* Dates as the user reads them: 20/11/2026 in Spanish, 2026-11-20 in English. */
void ui_format_date(const char *iso, char *out, size_t size);
/* A stored UTC time ("2026-11-20T10:42:07Z") as local date and time. */
void ui_format_datetime(const char *iso, char *out, size_t size);
/* A box with a title, cleared inside; returns nothing. */
void ui_box(struct ui *ui, int y, int x, int h, int w, const char *title);

#endif
