/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_edit.h: a text editor for one field, on wide characters, so that ñ, á, ç and CJK
 * move and delete as one character. One line (scrolls sideways) or many (wraps at the
 * width, Up and Down move between the wrapped rows). libform's fields count bytes and
 * columns in ways that break on UTF-8 input, so the form screen uses this instead.
 */
#ifndef VOLUNTEER_UI_EDIT_H
#define VOLUNTEER_UI_EDIT_H

#include <stddef.h>
#include <wchar.h>

struct edit {
	wchar_t *s;		/* the text, NUL-terminated */
	size_t len, cap;
	size_t cur;		/* cursor: index into s */
	size_t max;		/* characters allowed */
	int multiline;
	size_t hscroll;		/* one line: first character shown */
	int vscroll;		/* many lines: first row shown */
	int goal;		/* the column Up/Down aim for, -1 none */
	int width;		/* the width of the last draw (Up/Down need it) */
};

enum edit_result {
	EDIT_IGNORED,		/* not an editing key: the caller may use it */
	EDIT_MOVED,		/* the cursor moved */
	EDIT_CHANGED,		/* the text changed */
	EDIT_EDGE_UP,		/* Up on the first row of a multi-line text */
	EDIT_EDGE_DOWN,		/* Down on the last row */
};

/* Start with UTF-8 text (invalid bytes become U+FFFD); the cursor goes to the end. */
void edit_init(struct edit *e, const char *utf8, int multiline, size_t max);
void edit_free(struct edit *e);
/* Replace the text (cursor at the end). */
void edit_set(struct edit *e, const char *utf8);
/* The text as UTF-8; caller frees. */
char *edit_text(const struct edit *e);
/* One key (is_key: a KEY_* code). */
enum edit_result edit_key(struct edit *e, int is_key, wint_t ch);
/*
 * Draw in the box (y, x, h rows, w columns) with attr. One line uses h = 1. The cursor's
 * screen position is written to *cy, *cx (may be NULL). Characters that must not reach a
 * terminal are drawn as '?'.
 */
void edit_draw(struct edit *e, int y, int x, int h, int w, int attr, int *cy, int *cx);
/* Rows the text takes when wrapped at w columns (many lines), at least 1. */
int edit_rows(struct edit *e, int w);

/* 1 when a character may stand in one line as it is: not hostile (core/text.h), not a
 * tab or a newline. */
int ui_wchar_safe(wchar_t c);

#endif
