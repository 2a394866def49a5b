/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_dialog.c: modal dialogs drawn over the current screen: a yes/no question, one line
 * of text, a picker for choices, and a small form in a box. Each registers a modal draw
 * hook so that a resize or a sync event redraws the screen below and the dialog on top.
 * And a question that does not block (ui_ask_*): the loop keeps it open and gives it the
 * keys, so that the child that asked can be waited for, killed or reaped meanwhile.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/ui_edit.h"

#define ESC 27
#define CTRL(c) ((c) & 0x1f)

struct modal_save {
	void (*draw)(struct ui *, void *);
	void *payload;
};

static void
modal_begin(struct ui *ui, struct modal_save *save, void (*draw)(struct ui *, void *),
    void *payload)
{
	save->draw = ui->modal_draw;
	save->payload = ui->modal_payload;
	ui->modal_draw = draw;
	ui->modal_payload = payload;
}

static void
modal_end(struct ui *ui, const struct modal_save *save)
{
	ui->modal_draw = save->draw;
	ui->modal_payload = save->payload;
}

/* ---- yes / no ---- */

/* The yes and no letters of the session's language, as the prompt shows them. */
static const char *
answer_letters(void)
{
	/* TRANSLATORS: the letters that answer yes and no to a question of the screens, the
	   yes letter, a slash, the no letter: "s/n", "b/e". One character each; y and n
	   keep working too. */
	return _("y/n");
}

static void
confirm_draw(struct ui *ui, void *payload)
{
	char *q = xasprintf("%s (%s)", (const char *)payload, answer_letters());
	int rows = ui_wrap(0, 0, COLS - 2, 0, 0, q, A_NORMAL), i;

	/* A long question takes the rows above the key hints. */
	if (rows > LINES - 3)
		rows = LINES - 3;
	attrset(A_NORMAL);
	for (i = 0; i < rows; i++)
		mvhline(LINES - 1 - rows + i, 0, ' ', COLS);
	ui_wrap(LINES - 1 - rows, 1, COLS - 2, 0, rows, q, ui_attr(ui, UR_WARN));
	free(q);
}

int
ui_confirm(struct ui *ui, const char *question)
{
	struct modal_save save;
	wint_t ch;
	int rc, answer = -1;

	modal_begin(ui, &save, confirm_draw, (void *)question);
	while (answer < 0) {
		ui_draw(ui);
		rc = ui_getkey(ui, &ch);
		if (rc == ERR) {
			answer = 0;
			break;
		}
		if (rc == KEY_CODE_YES)
			continue;
		/* The language's letters (s/n, b/e), and y/n in every language. */
		if (ch == ESC || ch == CTRL('c'))
			answer = 0;
		else
			answer = i18n_answer_of(answer_letters(), (unsigned)ch);
	}
	modal_end(ui, &save);
	return answer;
}

/* ---- one line of text ---- */

struct prompt_view {
	const char *label;
	struct edit ed;
};

static void
prompt_draw(struct ui *ui, void *payload)
{
	struct prompt_view *pv = payload;
	int used, cy = 0, cx = 0;

	attrset(A_NORMAL);
	mvhline(LINES - 2, 0, ' ', COLS);
	used = ui_put(LINES - 2, 1, COLS / 2, pv->label, ui_attr(ui, UR_TITLE), 0);
	edit_draw(&pv->ed, LINES - 2, used + 2, 1, COLS - used - 3,
	    ui_attr(ui, UR_FIELD_FOCUS), &cy, &cx);
	curs_set(1);
	move(cy, cx);
}

int
ui_prompt(struct ui *ui, const char *label, char **text)
{
	struct prompt_view pv = { .label = label };
	struct modal_save save;
	wint_t ch;
	int rc, done = -1;

	edit_init(&pv.ed, *text, 0, 1000);
	modal_begin(ui, &save, prompt_draw, &pv);
	while (done < 0) {
		ui_draw(ui);
		rc = ui_getkey(ui, &ch);
		if (rc == ERR)
			done = 0;
		else if (rc == OK && (ch == ESC || ch == CTRL('c')))
			done = 0;
		else if ((rc == OK && (ch == '\r' || ch == '\n')) ||
		    (rc == KEY_CODE_YES && ch == KEY_ENTER))
			done = 1;
		else
			edit_key(&pv.ed, rc == KEY_CODE_YES, ch);
	}
	modal_end(ui, &save);
	if (done == 1) {
		free(*text);
		*text = edit_text(&pv.ed);
	}
	edit_free(&pv.ed);
	return done;
}

/* ---- a list to choose from ---- */

struct pick_view {
	const char *title;
	const char *const *labels;
	int n, multi, cur, top;
	int *chosen;
};

static void
pick_geometry(const struct pick_view *pv, int *y, int *x, int *h, int *w)
{
	int i, widest = ui_text_width(pv->title) + 4;

	for (i = 0; i < pv->n; i++) {
		int lw = ui_text_width(pv->labels[i]) + (pv->multi ? 4 : 0);
		if (lw > widest)
			widest = lw;
	}
	*w = widest + 6;
	if (*w > COLS - 2)
		*w = COLS - 2;
	if (*w < 20)
		*w = COLS < 22 ? COLS : 20;
	*h = pv->n + 2;
	if (*h > LINES - 4)
		*h = LINES - 4;
	if (*h < 3)
		*h = 3;
	*y = (LINES - *h) / 2;
	*x = (COLS - *w) / 2;
}

static void
pick_draw(struct ui *ui, void *payload)
{
	struct pick_view *pv = payload;
	int y, x, h, w, i, rows;

	pick_geometry(pv, &y, &x, &h, &w);
	rows = h - 2;
	if (pv->cur < pv->top)
		pv->top = pv->cur;
	if (pv->cur >= pv->top + rows)
		pv->top = pv->cur - rows + 1;
	ui_box(ui, y, x, h, w, pv->title);
	for (i = 0; i < rows && pv->top + i < pv->n; i++) {
		int k = pv->top + i, attr = k == pv->cur ? ui_attr(ui, UR_SELECTED) : (int)A_NORMAL;
		char *line = pv->multi ? xasprintf("[%s] %s", pv->chosen[k] ? "x" : " ",
		    pv->labels[k]) : xasprintf("%s", pv->labels[k]);
		ui_put(y + 1 + i, x + 2, w - 4, line, attr, PUT_PAD);
		free(line);
	}
	if (pv->top > 0)
		ui_put(y, x + w - 4, 2, "↑", A_NORMAL, 0);
	if (pv->top + rows < pv->n)
		ui_put(y + h - 1, x + w - 4, 2, "↓", A_NORMAL, 0);
}

/* The next label after cur whose first letter is c (case folded). */
static int
pick_jump(const struct pick_view *pv, wint_t c)
{
	int i, k;
	wchar_t first;

	for (i = 1; i <= pv->n; i++) {
		k = (pv->cur + i) % pv->n;
		if (mbtowc(&first, pv->labels[k], strlen(pv->labels[k])) > 0 &&
		    towlower((wint_t)first) == towlower(c))
			return k;
	}
	return pv->cur;
}

int
ui_pick(struct ui *ui, const char *title, const char *const *labels, int n, int multi,
    int *chosen, int current)
{
	struct pick_view pv = { .title = title, .labels = labels, .n = n, .multi = multi,
	    .chosen = chosen };
	struct modal_save save;
	int *saved = NULL, result = -2, rc, page;
	wint_t ch;

	if (n <= 0)
		return -1;
	pv.cur = current >= 0 && current < n ? current : 0;
	if (multi) {
		saved = xmalloc((size_t)n * sizeof *saved);
		memcpy(saved, chosen, (size_t)n * sizeof *saved);
	}
	modal_begin(ui, &save, pick_draw, &pv);
	while (result == -2) {
		ui_draw(ui);
		rc = ui_getkey(ui, &ch);
		page = LINES - 6 > 1 ? LINES - 6 : 1;
		if (rc == ERR || (rc == OK && (ch == ESC || ch == CTRL('c') || ch == 'q')))
			result = -1;
		else if (rc == KEY_CODE_YES) {
			switch (ch) {
			case KEY_UP: pv.cur = pv.cur > 0 ? pv.cur - 1 : n - 1; break;
			case KEY_DOWN: pv.cur = pv.cur < n - 1 ? pv.cur + 1 : 0; break;
			case KEY_PPAGE: pv.cur = pv.cur > page ? pv.cur - page : 0; break;
			case KEY_NPAGE: pv.cur = pv.cur + page < n ? pv.cur + page : n - 1; break;
			case KEY_HOME: pv.cur = 0; break;
			case KEY_END: pv.cur = n - 1; break;
			case KEY_ENTER: result = multi ? 0 : pv.cur; break;
			}
		} else if (ch == '\r' || ch == '\n')
			result = multi ? 0 : pv.cur;
		else if (ch == ' ') {
			if (multi)
				chosen[pv.cur] = !chosen[pv.cur];
			else
				result = pv.cur;
		} else if (ch == '\t')
			pv.cur = pv.cur < n - 1 ? pv.cur + 1 : 0;
		else if (iswalnum(ch))
			pv.cur = pick_jump(&pv, ch);
	}
	modal_end(ui, &save);
	if (multi && result < 0)
		memcpy(chosen, saved, (size_t)n * sizeof *saved);
	free(saved);
	return result;
}

/* ---- a small form in a box ---- */

struct sform_view {
	const char *title, *intro;
	struct ui_form_line *lines;
	struct edit *eds;
	int n, cur;
	char msg[512];
};

static void
sform_draw(struct ui *ui, void *payload)
{
	struct sform_view *sv = payload;
	int w = COLS - 4 > 76 ? 76 : COLS - 4, h, y, x, i, lw = 0, row, cy = 0, cx = 0;
	int intro_rows;

	for (i = 0; i < sv->n; i++) {
		int t = ui_text_width(sv->lines[i].label) + 2;
		if (t > lw)
			lw = t;
	}
	if (lw > w / 2)
		lw = w / 2;
	intro_rows = sv->intro ? ui_wrap(0, 0, w - 4, 0, 0, sv->intro, 0) : 0;
	if (intro_rows > 6)
		intro_rows = 6;
	h = intro_rows + sv->n + 8;
	if (h > LINES - 2)
		h = LINES - 2;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	ui_box(ui, y, x, h, w, sv->title);
	row = y + 1;
	if (sv->intro) {
		ui_wrap(row, x + 2, w - 4, 0, intro_rows, sv->intro, A_NORMAL);
		row += intro_rows + 1;
	}
	for (i = 0; i < sv->n && row < y + h - 4; i++, row++) {
		char *label = xasprintf("%s%s", sv->lines[i].label, sv->lines[i].required ?
		    " *" : "");
		ui_put(row, x + 2, lw, label, i == sv->cur ? ui_attr(ui, UR_TITLE) : (int)A_NORMAL, 0);
		free(label);
		edit_draw(&sv->eds[i], row, x + 2 + lw, 1, w - lw - 4,
		    ui_attr(ui, i == sv->cur ? UR_FIELD_FOCUS : UR_FIELD),
		    i == sv->cur ? &cy : NULL, i == sv->cur ? &cx : NULL);
	}
	/* The message (or the help of the line) on the last two rows of the box. */
	if (sv->msg[0])
		ui_wrap(y + h - 3, x + 2, w - 4, 0, 2, sv->msg, ui_attr(ui, UR_ERROR));
	else if (sv->lines[sv->cur].help != NULL)
		ui_wrap(y + h - 3, x + 2, w - 4, 0, 2, sv->lines[sv->cur].help,
		    ui_attr(ui, UR_DIM));
	curs_set(1);
	move(cy, cx);
}

int
ui_check_period(struct ui_form_line *lines, int from, int to, int *bad, char *msg,
    size_t size)
{
	char day[2][DATE_LEN + 1] = { "", "" };
	int i, at[2] = { from, to };

	for (i = 0; i < 2; i++) {
		const char *v = lines[at[i]].value;
		if (v[0] && date_parse(v, day[i]) != 0) {
			*bad = at[i];
			snprintf(msg, size, _("'%s' is not a date (2026-11-20 or 20/11/2026)"), v);
			return -1;
		}
	}
	if (day[0][0] && day[1][0] && strcmp(day[0], day[1]) > 0) {
		*bad = to;
		snprintf(msg, size, "%s", _("the end date is before the start date"));
		return -1;
	}
	return 0;
}

int
ui_simple_form(struct ui *ui, const char *title, const char *intro,
    struct ui_form_line *lines, int n,
    int (*check)(struct ui_form_line *lines, int n, int *bad, char *msg, size_t size,
    void *payload), void *payload)
{
	struct sform_view sv = { .title = title, .intro = intro, .lines = lines, .n = n };
	struct modal_save save;
	struct ui_form_line *tmp;
	int i, rc, done = -1, bad;
	wint_t ch;

	sv.eds = xcalloc((size_t)n, sizeof *sv.eds);
	for (i = 0; i < n; i++)
		edit_init(&sv.eds[i], lines[i].value, 0, 1000);
	tmp = xcalloc((size_t)n, sizeof *tmp);
	modal_begin(ui, &save, sform_draw, &sv);
	while (done < 0) {
		int accept = 0;
		ui_draw(ui);
		rc = ui_getkey(ui, &ch);
		if (rc == ERR || (rc == OK && (ch == ESC || ch == CTRL('c')))) {
			done = 0;
			break;
		}
		if ((rc == OK && ch == '\t') || (rc == KEY_CODE_YES && ch == KEY_DOWN))
			sv.cur = (sv.cur + 1) % n;
		else if (rc == KEY_CODE_YES && (ch == KEY_BTAB || ch == KEY_UP))
			sv.cur = (sv.cur + n - 1) % n;
		else if ((rc == OK && (ch == '\r' || ch == '\n')) ||
		    (rc == KEY_CODE_YES && ch == KEY_ENTER)) {
			if (sv.cur < n - 1)
				sv.cur++;
			else
				accept = 1;
		} else if ((rc == KEY_CODE_YES && ch == KEY_F(2)) || (rc == OK && ch == CTRL('s')))
			accept = 1;
		else if (edit_key(&sv.eds[i = sv.cur], rc == KEY_CODE_YES, ch) == EDIT_CHANGED)
			sv.msg[0] = '\0';
		if (!accept)
			continue;
		for (i = 0; i < n; i++) {
			tmp[i] = lines[i];
			tmp[i].value = edit_text(&sv.eds[i]);
		}
		bad = -1;
		sv.msg[0] = '\0';
		for (i = 0; i < n && bad < 0; i++)
			if (lines[i].required && tmp[i].value[strspn(tmp[i].value, " ")] == '\0') {
				bad = i;
				snprintf(sv.msg, sizeof sv.msg, _("%s: required"), lines[i].label);
			}
		if (bad < 0 && check != NULL &&
		    check(tmp, n, &bad, sv.msg, sizeof sv.msg, payload) != 0 && bad < 0)
			bad = sv.cur;
		if (bad >= 0) {
			sv.cur = bad;
			for (i = 0; i < n; i++)
				free(tmp[i].value);
			continue;
		}
		for (i = 0; i < n; i++) {
			free(lines[i].value);
			lines[i].value = tmp[i].value;
		}
		done = 1;
	}
	modal_end(ui, &save);
	for (i = 0; i < n; i++)
		edit_free(&sv.eds[i]);
	free(sv.eds);
	free(tmp);
	return done;
}

/* ---- a question kept open by the loop ---- */

void
ui_ask_open(struct ui *ui, struct ui_ask *ask, enum ui_ask_kind kind, const char *title,
    const char *text, void (*done)(struct ui *, struct ui_ask *))
{
	memset(ask, 0, sizeof *ask);
	ask->kind = kind;
	ask->title = text_sanitize(title != NULL ? title : "", 200, 0);
	ask->text = text_sanitize(text != NULL ? text : "", 2000, TEXT_KEEP_NEWLINES);
	ask->answer = -1;
	ask->done = done;
	/* What was typed for the screen below (a form, the list) must not answer it: a "y"
	 * in a business's name would trust a host. */
	ui->has_pending = 0;
	flushinp();
	ui->ask = ask;
}

void
ui_ask_close(struct ui *ui, struct ui_ask *ask)
{
	if (ui->ask == ask)
		ui->ask = NULL;
	free(ask->title);
	free(ask->text);
	ask->title = ask->text = NULL;
	explicit_bzero(ask->secret, sizeof ask->secret);
	ask->len = 0;
}

/* The start of the last character of s[0..len) in the locale's encoding. */
static size_t
last_char_start(const char *s, size_t len)
{
	mbstate_t st;
	size_t i = 0, last = 0, k;

	memset(&st, 0, sizeof st);
	while (i < len) {
		k = mbrlen(s + i, len - i, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof st);
			k = 1;
		}
		last = i;
		i += k;
	}
	return last;
}

static void
secret_key(struct ui_ask *a, int is_key, wint_t ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t n;

	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == CTRL('h')))) {
		a->len = last_char_start(a->secret, a->len);
		explicit_bzero(a->secret + a->len, sizeof a->secret - a->len);
		a->full = 0;
	} else if (!is_key && ch == CTRL('u')) {
		explicit_bzero(a->secret, sizeof a->secret);
		a->len = 0;
		a->full = 0;
	} else if ((!is_key && (ch == '\r' || ch == '\n')) || (is_key && ch == KEY_ENTER)) {
		if (a->len > 0)
			a->answer = 1;
	} else if (!is_key && (ch == ESC || ch == CTRL('c')))
		a->answer = 0;
	else if (!is_key && ch >= 0x20 && ch != 0x7f && !(ch >= 0x80 && ch <= 0x9f)) {
		memset(&st, 0, sizeof st);
		n = wcrtomb(mb, (wchar_t)ch, &st);
		if (n != (size_t)-1 && a->len + n < sizeof a->secret) {
			memcpy(a->secret + a->len, mb, n);
			a->len += n;
			a->secret[a->len] = '\0';
		} else if (n != (size_t)-1)
			a->full = 1;
		explicit_bzero(mb, sizeof mb);
	}
}

int
ui_ask_take_key(struct ui *ui, int rc, wint_t ch)
{
	struct ui_ask *a = ui->ask;
	int is_key = rc == KEY_CODE_YES;

	if (a == NULL)
		return 0;
	if (a->kind == UI_ASK_SECRET)
		secret_key(a, is_key, ch);
	/* y/n in English, s/n in Spanish: both work in either language, as ui_confirm. */
	else if (!is_key && (ch == 'y' || ch == 'Y' || ch == 's' || ch == 'S'))
		a->answer = 1;
	else if (!is_key && (ch == 'n' || ch == 'N' || ch == ESC || ch == CTRL('c')))
		a->answer = 0;
	if (a->answer >= 0)
		a->done(ui, a);
	return 1;
}

void
ui_ask_draw(struct ui *ui)
{
	struct ui_ask *a = ui->ask;
	const char *hint;
	int w = COLS - 4 > 76 ? 76 : COLS - 4, rows, hint_rows, h, y, x, row;

	if (a == NULL)
		return;
	hint = a->kind == UI_ASK_YES_NO ? _("y yes   n no") : a->full ?
	    _("Too long: at most 511 bytes fit. Ctrl-U erases, Esc cancels.") :
	    _("What you type is not shown. Enter accepts, Esc cancels.");
	rows = ui_wrap(0, 0, w - 4, 0, 0, a->text, 0);
	hint_rows = ui_wrap(0, 0, w - 4, 0, 0, hint, 0);
	/* The borders, a blank row, the hints, and for a secret its field and a blank row. */
	h = rows + hint_rows + 3 + (a->kind == UI_ASK_SECRET ? 2 : 0);
	if (h > LINES) {
		rows -= h - LINES;
		h = LINES;
	}
	if (rows < 1)
		rows = 1;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	ui_box(ui, y, x, h, w, a->title);
	row = y + 1;
	ui_wrap(row, x + 2, w - 4, 0, rows, a->text, ui_attr(ui, UR_WARN) | A_BOLD);
	row += rows + 1;
	if (a->kind == UI_ASK_SECRET) {
		/* An empty field, whatever was typed: not even its length shows. */
		attrset(ui_attr(ui, UR_FIELD_FOCUS));
		mvhline(row, x + 2, ' ', w - 4);
		attrset(A_NORMAL);
		row += 2;
	}
	ui_wrap(row, x + 2, w - 4, 0, hint_rows, hint,
	    ui_attr(ui, a->full ? UR_ERROR : UR_DIM));
	if (a->kind == UI_ASK_SECRET) {
		curs_set(1);
		move(row - 2, x + 2);
	} else
		curs_set(0);
}
