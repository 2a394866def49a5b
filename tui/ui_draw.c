/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_draw.c: colours, sanitised text, the bars. See ui.h. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "tui/draw.h"
#include "tui/ui_edit.h"

enum { PAIR_BAR = 1, PAIR_SELECTED, PAIR_ERROR, PAIR_MARK, PAIR_WARN, PAIR_TAB_ACTIVE,
	PAIR_OK, PAIR_REQUIRED, PAIR_FOCUS, PAIR_TITLE };

void
ui_colors_init(struct ui *ui)
{
	const struct config *cfg = ui->app->cfg;
	enum tristate want = cfg != NULL ? cfg->color : TRI_AUTO;
	const char *no_color = getenv("NO_COLOR");

	ui->color = 0;
	if (want == TRI_NO || !has_colors())
		return;
	/* NO_COLOR (no-color.org) turns colour off unless the config asks for it. */
	if (want == TRI_AUTO && no_color != NULL && *no_color)
		return;
	if (start_color() != OK)
		return;
	use_default_colors();
	init_pair(PAIR_BAR, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_MARK, COLOR_YELLOW, -1);
	init_pair(PAIR_WARN, COLOR_RED, -1);
	init_pair(PAIR_TAB_ACTIVE, COLOR_BLACK, COLOR_WHITE);
	init_pair(PAIR_OK, COLOR_GREEN, -1);
	init_pair(PAIR_REQUIRED, COLOR_RED, -1);
	init_pair(PAIR_FOCUS, COLOR_BLACK, COLOR_YELLOW);
	init_pair(PAIR_TITLE, COLOR_CYAN, -1);
	ui->color = 1;
}

int
ui_attr(const struct ui *ui, enum ui_role role)
{
	if (!ui->color) {
		switch (role) {
		case UR_BAR: case UR_SELECTED: case UR_FIELD_FOCUS:
			return A_REVERSE;
		case UR_TAB_ACTIVE:
			return A_REVERSE | A_BOLD;
		case UR_ERROR: case UR_WARN: case UR_MARK: case UR_REQUIRED: case UR_TITLE:
		case UR_OK:
			return A_BOLD;
		case UR_DIM:
			return A_DIM;
		case UR_FIELD:
			return A_UNDERLINE;
		default:
			return A_NORMAL;
		}
	}
	switch (role) {
	case UR_BAR: return COLOR_PAIR(PAIR_BAR) | A_BOLD;
	case UR_SELECTED: return COLOR_PAIR(PAIR_SELECTED);
	case UR_ERROR: return COLOR_PAIR(PAIR_ERROR) | A_BOLD;
	case UR_MARK: return COLOR_PAIR(PAIR_MARK) | A_BOLD;
	case UR_WARN: return COLOR_PAIR(PAIR_WARN) | A_BOLD;
	case UR_TAB_ACTIVE: return COLOR_PAIR(PAIR_TAB_ACTIVE) | A_BOLD;
	case UR_OK: return COLOR_PAIR(PAIR_OK) | A_BOLD;
	case UR_REQUIRED: return COLOR_PAIR(PAIR_REQUIRED) | A_BOLD;
	case UR_FIELD_FOCUS: return COLOR_PAIR(PAIR_FOCUS);
	case UR_TITLE: return COLOR_PAIR(PAIR_TITLE) | A_BOLD;
	case UR_DIM: return A_DIM;
	case UR_FIELD: return A_UNDERLINE;
	default: return A_NORMAL;
	}
}

/* Decode sanitised UTF-8 into wide characters that fit in width columns. */
static size_t
fit(const char *clean, int width, wchar_t *out, size_t outmax, int *cols_out)
{
	size_t len = strlen(clean), i = 0, n = 0, k;
	int cols = 0, w;
	unsigned cp;

	while (i < len && n + 1 < outmax) {
		k = utf8_decode(clean + i, len - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xfffd;
		}
		if (cp == '\n') {
			i += k;
			continue;
		}
		if (!ui_wchar_safe((wchar_t)cp))
			cp = '?';
		w = text_char_width(cp);
		if (cols + w > width)
			break;
		/* A combining mark may not start a field: it would join what is on its left. */
		if (w == 0 && n == 0) {
			i += k;
			continue;
		}
		out[n++] = (wchar_t)cp;
		cols += w;
		i += k;
	}
	out[n] = 0;
	*cols_out = cols;
	return n;
}

int
ui_put(int y, int x, int width, const char *s, int attr, int flags)
{
	wchar_t stackbuf[256], *buf = stackbuf;
	size_t bound, n;
	char *clean;
	int cols;

	if (width <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	if (x + width > COLS)
		width = COLS - x;
	/* A row never shows more than a few bytes per column: bound the copy. */
	bound = (size_t)width * 16 + 64;
	clean = text_sanitize(s != NULL ? s : "", bound, 0);
	if ((size_t)width * 4 + 8 > sizeof stackbuf / sizeof stackbuf[0])
		buf = xmalloc(((size_t)width * 4 + 8) * sizeof *buf);
	n = fit(clean, width, buf, (size_t)width * 4 + 8, &cols);
	attrset(attr);
	if (flags & PUT_RIGHT) {
		if (flags & PUT_PAD)
			mvhline(y, x, ' ', width - cols);
		x += width - cols;
	}
	if (n > 0)
		mvaddnwstr(y, x, buf, (int)n);
	else
		move(y, x);
	if ((flags & PUT_PAD) && !(flags & PUT_RIGHT) && cols < width)
		mvhline(y, x + cols, ' ', width - cols);
	attrset(A_NORMAL);
	if (buf != stackbuf)
		free(buf);
	free(clean);
	return cols;
}

int
ui_text_width(const char *s)
{
	char *clean = text_sanitize(s != NULL ? s : "", 4096, 0);
	int cols = text_display_width(clean, strlen(clean));

	free(clean);
	return cols;
}

void
ui_rule(int y)
{
	if (y < 0 || y >= LINES)
		return;
	attrset(A_NORMAL);
	mvhline(y, 0, ACS_HLINE, COLS);
}

void
ui_format_date(const char *iso, char *out, size_t size)
{
	i18n_date_short(iso, i18n_lang(), out, size);
}

void
ui_format_datetime(const char *iso, char *out, size_t size)
{
	i18n_datetime_short(iso, i18n_lang(), out, size);
}

static void
draw_status(struct ui *ui)
{
	const struct config *cfg = ui->app->cfg;
	char left[512], right[256], n[64];
	int bar = ui_attr(ui, UR_BAR), used;

	attrset(bar);
	mvhline(0, 0, ' ', COLS);
	if (cfg != NULL) {
		snprintf(left, sizeof left, " %s · %s%s%s", cfg->programme && *cfg->programme ?
		    cfg->programme : "volunteer", cfg->name && *cfg->name ? cfg->name : cfg->id,
		    cfg->municipality && *cfg->municipality ? " · " : "",
		    cfg->municipality ? cfg->municipality : "");
	} else
		snprintf(left, sizeof left, " volunteer");
	snprintf(n, sizeof n, ngettext("%ld unsynced", "%ld unsynced", ui->unsynced),
	    ui->unsynced);
	if (ui->sync_percent >= 0)
		snprintf(right, sizeof right, "%s · %s %d%% ", n, _("syncing"), ui->sync_percent);
	else if (ui->last_sync[0])
		snprintf(right, sizeof right, "%s · %s ", n, ui->last_sync);
	else
		snprintf(right, sizeof right, "%s · %s ", n, _("never synced"));
	used = ui_put(0, 0, COLS, right, bar, PUT_RIGHT);
	ui_put(0, 0, COLS - used - 1, left, bar, 0);
}

void
ui_draw_bars(struct ui *ui, const char *hints)
{
	draw_status(ui);
	if (ui->msg[0]) {
		attrset(A_NORMAL);
		mvhline(LINES - 2, 0, ' ', COLS);
		ui_put(LINES - 2, 1, COLS - 2, ui->msg, ui_attr(ui, ui->msg_role), 0);
	} else
		ui_rule(LINES - 2);
	ui_put(LINES - 1, 0, COLS, hints, ui_attr(ui, UR_NORMAL), PUT_PAD);
}

void
ui_box(struct ui *ui, int y, int x, int h, int w, const char *title)
{
	int i;

	attrset(A_NORMAL);
	for (i = 0; i < h; i++)
		mvhline(y + i, x, ' ', w);
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	if (title != NULL && *title) {
		mvaddch(y, x + 1, ' ');
		ui_put(y, x + 2, w - 5, title, ui_attr(ui, UR_TITLE), 0);
		addch(' ');
	}
}

/* Decode UTF-8 (already sanitised) into a new wide string; *n gets its length. */
static wchar_t *
widen(const char *s, size_t *n)
{
	size_t len = strlen(s), i = 0, k, o = 0;
	wchar_t *w = xmalloc((len + 1) * sizeof *w);
	unsigned cp;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1, cp = 0xfffd;
		if (cp != '\n' && !ui_wchar_safe((wchar_t)cp))
			cp = '?';
		w[o++] = (wchar_t)cp;
		i += k;
	}
	w[o] = 0;
	*n = o;
	return w;
}

int
ui_wrap(int y, int x, int width, int skip, int max, const char *s, int attr)
{
	char *clean = text_sanitize(s != NULL ? s : "", 0, TEXT_KEEP_NEWLINES);
	size_t n, i = 0, start, brk, j;
	wchar_t *w = widen(clean, &n);
	int rows = 0, cols, cw;

	free(clean);
	if (width < 1)
		width = 1;
	attrset(attr);
	while (i <= n) {
		/* One row: from i, as many characters as fit; break after the last blank. */
		start = i;
		cols = 0;
		brk = (size_t)-1;
		while (i < n && w[i] != '\n') {
			cw = text_char_width((unsigned)w[i]);
			if (cols + cw > width)
				break;
			if (w[i] == ' ')
				brk = i;
			cols += cw;
			i++;
		}
		if (i < n && w[i] != '\n' && brk != (size_t)-1 && brk > start)
			i = brk + 1;	/* the row ends at a word boundary */
		else if (i == start && i < n && w[i] != '\n')
			i++;		/* wider than the row: show what fits */
		if (rows >= skip && rows < skip + max) {
			int c = 0;
			for (j = start; j < i; j++) {
				wchar_t one[2] = { w[j], 0 };
				if (j == i - 1 && w[j] == ' ' && i < n && w[i] != '\n')
					break;
				cw = text_char_width((unsigned)w[j]);
				if (c + cw > width)
					break;
				if (cw > 0 || c > 0)
					mvaddnwstr(y + rows - skip, x + c, one, 1);
				c += cw;
			}
		}
		rows++;
		if (i < n && w[i] == '\n')
			i++;
		else if (i >= n)
			break;
	}
	attrset(A_NORMAL);
	free(w);
	return rows;
}
