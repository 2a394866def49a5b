/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_edit.c: see ui_edit.h. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "core/text.h"
#include "core/util.h"
#include "tui/ui_edit.h"

#define CTRL(c) ((c) & 0x1f)

int
ui_wchar_safe(wchar_t c)
{
	return c >= 0 && c != '\t' && c != '\n' && !text_char_is_hostile((unsigned)c);
}

static void
reserve(struct edit *e, size_t n)
{
	if (n + 1 <= e->cap)
		return;
	while (e->cap < n + 1)
		e->cap = e->cap ? e->cap * 2 : 64;
	e->s = xrealloc(e->s, e->cap * sizeof *e->s);
}

void
edit_set(struct edit *e, const char *utf8)
{
	size_t n = strlen(utf8 ? utf8 : ""), i = 0, k;
	unsigned cp;

	e->len = 0;
	reserve(e, n);
	while (utf8 != NULL && i < n && e->len < e->max) {
		k = utf8_decode(utf8 + i, n - i, &cp);
		if (k == 0) {
			cp = 0xfffd;
			k = 1;
		}
		/* A pasted CRLF is one line end. */
		if (cp == '\r' && i + 1 < n && utf8[i + 1] == '\n') {
			i++;
			continue;
		}
		e->s[e->len++] = (wchar_t)cp;
		i += k;
	}
	e->s[e->len] = 0;
	e->cur = e->len;
	e->hscroll = 0;
	e->vscroll = 0;
	e->goal = -1;
}

void
edit_init(struct edit *e, const char *utf8, int multiline, size_t max)
{
	memset(e, 0, sizeof *e);
	e->multiline = multiline;
	e->max = max ? max : 1000;
	e->width = 40;
	edit_set(e, utf8);
}

void
edit_free(struct edit *e)
{
	free(e->s);
	memset(e, 0, sizeof *e);
}

char *
edit_text(const struct edit *e)
{
	char *out = xmalloc(e->len * 4 + 1), *o = out;
	size_t i;
	unsigned c;

	for (i = 0; i < e->len; i++) {
		c = (unsigned)e->s[i];
		if (c < 0x80)
			*o++ = (char)c;
		else if (c < 0x800) {
			*o++ = (char)(0xc0 | (c >> 6));
			*o++ = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			*o++ = (char)(0xe0 | (c >> 12));
			*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*o++ = (char)(0x80 | (c & 0x3f));
		} else {
			*o++ = (char)(0xf0 | (c >> 18));
			*o++ = (char)(0x80 | ((c >> 12) & 0x3f));
			*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*o++ = (char)(0x80 | (c & 0x3f));
		}
	}
	*o = '\0';
	return out;
}

static void
insert(struct edit *e, wchar_t c)
{
	if (e->len >= e->max)
		return;
	reserve(e, e->len + 1);
	memmove(e->s + e->cur + 1, e->s + e->cur, (e->len - e->cur + 1) * sizeof *e->s);
	e->s[e->cur++] = c;
	e->len++;
}

static void
delete_range(struct edit *e, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(e->s + from, e->s + to, (e->len - to + 1) * sizeof *e->s);
	e->len -= to - from;
	e->cur = from;
}

/*
 * Wrapped layout, the one rule of the editor's rows: a row ends after a '\n', or before
 * the word that would pass the width (after the last space that fits); a word longer
 * than the whole row is cut where it passes. Returns the end (exclusive) of the row that
 * starts at start.
 */
static size_t
row_end(const struct edit *e, int w, size_t start)
{
	size_t i, after_space = 0;
	int c = 0, cw;

	for (i = start; i < e->len; i++) {
		if (e->s[i] == '\n')
			return i + 1;
		cw = text_char_width((unsigned)e->s[i]);
		if (c + cw > w && i > start)
			return after_space > start ? after_space : i;
		if (e->s[i] == ' ')
			after_space = i + 1;
		c += cw;
	}
	return e->len;
}

/* Is there one more (empty) row after the row [start, end)? Only after a final '\n'. */
static int
ends_text(const struct edit *e, size_t start, size_t end)
{
	return end >= e->len && !(end > start && e->s[end - 1] == '\n');
}

/* Columns of s[from, to). */
static int
width_of(const struct edit *e, size_t from, size_t to)
{
	int c = 0;

	for (; from < to; from++)
		if (e->s[from] != '\n')
			c += text_char_width((unsigned)e->s[from]);
	return c;
}

/* The row and column of position pos (the end of the text included), and the rows. */
static void
locate(const struct edit *e, int w, size_t pos, int *row, int *col, int *rows)
{
	size_t start = 0, end;
	int r = 0, found = 0;

	for (;;) {
		end = row_end(e, w, start);
		if (!found && (pos < end || ends_text(e, start, end))) {
			if (row)
				*row = r;
			if (col)
				*col = width_of(e, start, pos < end ? pos : end);
			found = 1;
		}
		if (ends_text(e, start, end))
			break;
		start = end;
		r++;
	}
	if (rows)
		*rows = r + 1;
}

/* The position on row target nearest to column goal, at or before it. */
static size_t
position_at(const struct edit *e, int w, int target, int goal)
{
	size_t start = 0, end, i, last;
	int r = 0, c = 0, cw;

	for (;;) {
		end = row_end(e, w, start);
		if (r == target || ends_text(e, start, end))
			break;
		start = end;
		r++;
	}
	/* The last place on the row: its end for the last row, else the character before
	 * the next row (a '\n', a space, or the cut of a long word). */
	last = ends_text(e, start, end) ? e->len : end - 1;
	for (i = start; i < last; i++) {
		cw = text_char_width((unsigned)e->s[i]);
		if (c + cw > goal)
			break;
		c += cw;
	}
	return i;
}

int
edit_rows(struct edit *e, int w)
{
	int rows = 1;

	if (!e->multiline)
		return 1;
	locate(e, w, e->cur, NULL, NULL, &rows);
	return rows;
}

enum edit_result
edit_key(struct edit *e, int is_key, wint_t ch)
{
	size_t i;
	int row, col, rows;

	if (!is_key) {
		switch (ch) {
		case CTRL('a'):
			goto home;
		case CTRL('e'):
			goto end;
		case CTRL('b'):
			goto left;
		case CTRL('f'):
			goto right;
		case CTRL('h'):
		case 0x7f:
			goto backspace;
		case CTRL('d'):
			goto del;
		case CTRL('u'):
			/* To the start of the line. */
			for (i = e->cur; i > 0 && e->s[i - 1] != '\n'; i--)
				;
			if (i == e->cur)
				return EDIT_IGNORED;
			delete_range(e, i, e->cur);
			return EDIT_CHANGED;
		case CTRL('k'):
			for (i = e->cur; i < e->len && e->s[i] != '\n'; i++)
				;
			if (i == e->cur)
				return EDIT_IGNORED;
			delete_range(e, e->cur, i);
			return EDIT_CHANGED;
		case CTRL('w'):
			i = e->cur;
			while (i > 0 && iswspace((wint_t)e->s[i - 1]))
				i--;
			while (i > 0 && !iswspace((wint_t)e->s[i - 1]))
				i--;
			if (i == e->cur)
				return EDIT_IGNORED;
			delete_range(e, i, e->cur);
			return EDIT_CHANGED;
		case '\r':
		case '\n':
			if (!e->multiline)
				return EDIT_IGNORED;
			insert(e, '\n');
			e->goal = -1;
			return EDIT_CHANGED;
		}
		if (ch == '\t' || !ui_wchar_safe((wchar_t)ch) || !iswprint(ch))
			return EDIT_IGNORED;
		insert(e, (wchar_t)ch);
		e->goal = -1;
		return EDIT_CHANGED;
	}
	switch (ch) {
	case KEY_LEFT:
	left:
		if (e->cur == 0)
			return EDIT_IGNORED;
		e->cur--;
		e->goal = -1;
		return EDIT_MOVED;
	case KEY_RIGHT:
	right:
		if (e->cur >= e->len)
			return EDIT_IGNORED;
		e->cur++;
		e->goal = -1;
		return EDIT_MOVED;
	case KEY_HOME:
	home:
		for (i = e->cur; e->multiline && i > 0 && e->s[i - 1] != '\n'; i--)
			;
		e->cur = e->multiline ? i : 0;
		e->goal = -1;
		return EDIT_MOVED;
	case KEY_END:
	end:
		for (i = e->cur; e->multiline && i < e->len && e->s[i] != '\n'; i++)
			;
		e->cur = e->multiline ? i : e->len;
		e->goal = -1;
		return EDIT_MOVED;
	case KEY_BACKSPACE:
	backspace:
		if (e->cur == 0)
			return EDIT_IGNORED;
		delete_range(e, e->cur - 1, e->cur);
		e->goal = -1;
		return EDIT_CHANGED;
	case KEY_DC:
	del:
		if (e->cur >= e->len)
			return EDIT_IGNORED;
		delete_range(e, e->cur, e->cur + 1);
		return EDIT_CHANGED;
	case KEY_ENTER:
		if (!e->multiline)
			return EDIT_IGNORED;
		insert(e, '\n');
		return EDIT_CHANGED;
	case KEY_UP:
	case KEY_DOWN:
		if (!e->multiline)
			return EDIT_IGNORED;
		locate(e, e->width, e->cur, &row, &col, &rows);
		if (e->goal < 0)
			e->goal = col;
		if (ch == KEY_UP && row == 0)
			return EDIT_EDGE_UP;
		if (ch == KEY_DOWN && row >= rows - 1)
			return EDIT_EDGE_DOWN;
		e->cur = position_at(e, e->width, ch == KEY_UP ? row - 1 : row + 1, e->goal);
		return EDIT_MOVED;
	}
	return EDIT_IGNORED;
}

/* Draw characters s[from..to) from (y, x) in at most w columns; returns columns used. */
static int
draw_run(const struct edit *e, size_t from, size_t to, int y, int x, int w)
{
	wchar_t one[2] = { 0, 0 };
	int cols = 0, cw;
	size_t i;

	for (i = from; i < to && i < e->len; i++) {
		wchar_t c = e->s[i];
		if (c == '\n')
			break;
		if (!ui_wchar_safe(c))
			c = '?';
		cw = text_char_width((unsigned)c);
		if (cols + cw > w)
			break;
		one[0] = c;
		if (cw > 0 || cols > 0)
			mvaddnwstr(y, x + cols, one, 1);
		cols += cw;
	}
	return cols;
}

void
edit_draw(struct edit *e, int y, int x, int h, int w, int attr, int *cy, int *cx)
{
	int r, row, col, rows, cols, i;
	size_t pos;

	if (w < 1 || h < 1)
		return;
	e->width = w;
	attrset(attr);
	mvhline(y, x, ' ', w);
	if (!e->multiline) {
		/* Keep the cursor inside: the columns from hscroll to cur must be < w. */
		if (e->cur < e->hscroll)
			e->hscroll = e->cur;
		for (;;) {
			cols = 0;
			for (pos = e->hscroll; pos < e->cur; pos++)
				cols += text_char_width((unsigned)e->s[pos]);
			if (cols < w || e->hscroll >= e->cur)
				break;
			e->hscroll++;
		}
		draw_run(e, e->hscroll, e->len, y, x, w);
		if (cy)
			*cy = y;
		if (cx)
			*cx = x + (cols < w ? cols : w - 1);
		attrset(A_NORMAL);
		return;
	}
	for (i = 1; i < h; i++)
		mvhline(y + i, x, ' ', w);
	locate(e, w, e->cur, &row, &col, &rows);
	if (row < e->vscroll)
		e->vscroll = row;
	if (row >= e->vscroll + h)
		e->vscroll = row - h + 1;
	/* The rows as locate lays them out. */
	{
		size_t start = 0, end;

		for (r = 0; r < e->vscroll + h; r++) {
			end = row_end(e, w, start);
			cols = 0;
			for (pos = start; r >= e->vscroll && pos < end; pos++) {
				wchar_t one[2] = { e->s[pos], 0 };
				if (one[0] == '\n')
					break;
				if (!ui_wchar_safe(one[0]))
					one[0] = '?';
				if (cols + text_char_width((unsigned)one[0]) <= w)
					mvaddnwstr(y + r - e->vscroll, x + cols, one, 1);
				cols += text_char_width((unsigned)e->s[pos]);
			}
			if (ends_text(e, start, end))
				break;
			start = end;
		}
	}
	if (cy)
		*cy = y + row - e->vscroll;
	if (cx)
		*cx = x + (col < w ? col : w - 1);
	attrset(A_NORMAL);
}
