/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen_business.c: a business's page: its data, then its whole history (visits with
 * their follow-ups, tasks with their status and due dates, flags), oldest first as
 * `volunteer show BUSINESS` prints it. The cursor walks the history rows: Enter opens
 * one, n starts a visit or a task already linked to the business, e edits the business.
 * The rows scroll; at 80x24 the data and the first history rows share the page.
 */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store_business.h"
#include "core/util.h"
#include "forms/form.h"
#include "tui/draw.h"
#include "tui/job.h"
#include "tui/screens.h"

#define ESC 27

struct brow {
	char *label;		/* a data row's label, or a history row's date */
	char *value;		/* its value, or the record's kind and description */
	char *state;		/* a history row's status, due date, follow-up, flag; or NULL */
	char id[UUID_LEN + 1];	/* a history row's record, "" for the others */
	int role;
};

struct bpage {
	char id[UUID_LEN + 1];
	char *title;
	struct brow *rows;
	int n, cap;
	int sel;		/* the history row under the cursor, -1 none */
	int scroll;		/* first row shown */
};

static void
add_row(struct bpage *p, const char *label, char *value, char *state, const char *id,
    int role)
{
	struct brow *r;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->rows = xrealloc(p->rows, (size_t)p->cap * sizeof *p->rows);
	}
	r = &p->rows[p->n++];
	r->label = xstrdup(label ? label : "");
	r->value = value;
	r->state = state;
	snprintf(r->id, sizeof r->id, "%s", id ? id : "");
	r->role = role;
}

static void
clear_rows(struct bpage *p)
{
	int i;

	for (i = 0; i < p->n; i++) {
		free(p->rows[i].label);
		free(p->rows[i].value);
		free(p->rows[i].state);
	}
	p->n = 0;
	free(p->title);
	p->title = NULL;
}

/* "text" of field name of r as a person reads it (choice labels, dates); NULL unset. */
static char *
shown(const struct record *r, const char *name)
{
	const struct form *form = forms_get(r->kind);
	const struct form_field *fd = form ? form_field(form, name) : NULL;
	json_t *v = json_object_get(r->fields, name);

	if (fd == NULL || v == NULL || json_is_null(v))
		return NULL;
	return ui_field_display(fd, v);
}

/* A piece of a history row's state, joined with " · ". */
static void
join(char **s, char *part)
{
	char *next;

	if (part == NULL)
		return;
	next = *s ? xasprintf("%s · %s", *s, part) : part;
	if (*s) {
		free(*s);
		free(part);
	}
	*s = next;
}

static int
add_history(const struct record *r, void *payload)
{
	struct bpage *p = payload;
	char day[DATE_LEN + 1], date[32], *what, *state = NULL, *v;
	const char *title = record_field_str(r, "title");

	record_sort_date(r, day);
	ui_format_date(day, date, sizeof date);
	if (strcmp(r->kind, "task") == 0) {
		what = xasprintf("%s · %s", forms_kind_title(r->kind, i18n_lang()),
		    title ? title : "");
		join(&state, shown(r, "status"));
		if ((v = shown(r, "due")) != NULL) {
			join(&state, xasprintf(_("due %s"), v));
			free(v);
		}
	} else {
		v = shown(r, "topics");
		what = v ? xasprintf("%s · %s", forms_kind_title(r->kind, i18n_lang()), v) :
		    xstrdup(forms_kind_title(r->kind, i18n_lang()));
		free(v);
		if ((v = shown(r, "follow_up")) != NULL) {
			join(&state, xasprintf(_("follow-up %s"), v));
			free(v);
		}
	}
	if (r->flagged)
		join(&state, xstrdup(_("⚠ flagged")));
	if (r->conflict)
		join(&state, xstrdup(_("⚠ conflict")));
	add_row(p, date, what, state, r->id, r->flagged || r->conflict ? UR_WARN : UR_NORMAL);
	return 0;
}

static int
first_history(const struct bpage *p)
{
	int i;

	for (i = 0; i < p->n; i++)
		if (p->rows[i].id[0] != '\0')
			return i;
	return -1;
}

static int
build(struct bpage *p, struct ui *ui)
{
	struct record *b = NULL;
	struct error err = { 0 };
	const struct form *form;
	char keep[UUID_LEN + 1] = "", *head;
	size_t i;
	int k, before;
	json_t *v;

	if (p->sel >= 0 && p->sel < p->n)
		snprintf(keep, sizeof keep, "%s", p->rows[p->sel].id);
	clear_rows(p);
	if (store_record_get(ui->app->st, p->id, &b, &err) != 0) {
		ui_message(ui, UR_ERROR, "%s", err.msg);
		return -1;
	}
	if (strcmp(b->kind, "business") != 0 || b->deleted) {
		ui_message(ui, UR_ERROR, "%s", _("This business is deleted or merged into "
		    "another."));
		record_free(b);
		return -1;
	}
	p->title = xasprintf("%s · %s", forms_kind_title(b->kind, i18n_lang()),
	    record_label(b));
	form = forms_get(b->kind);
	for (i = 0; form != NULL && i < form->nfields; i++) {
		const struct form_field *fd = &form->fields[i];
		if (strcmp(fd->name, "name") == 0 ||
		    (v = json_object_get(b->fields, fd->name)) == NULL || json_is_null(v))
			continue;
		add_row(p, form_field_label(fd, i18n_lang()), ui_field_display(fd, v), NULL,
		    NULL, UR_NORMAL);
	}
	record_free(b);
	before = p->n;
	add_row(p, "", xstrdup(""), NULL, NULL, UR_NORMAL);
	if (store_business_records(ui->app->st, p->id, NULL, add_history, p, &err) != 0) {
		ui_message(ui, UR_ERROR, "%s", err.msg);
		return -1;
	}
	head = p->n - before - 1 > 0 ? xasprintf(ngettext("History: %d record",
	    "History: %d records", (unsigned long)(p->n - before - 1)), p->n - before - 1) :
	    xstrdup(_("History: no visit or task yet. Press n to log one."));
	free(p->rows[before].value);
	p->rows[before].value = head;
	p->rows[before].role = UR_TITLE;
	p->sel = first_history(p);
	for (k = 0; keep[0] != '\0' && k < p->n; k++)
		if (strcmp(p->rows[k].id, keep) == 0)
			p->sel = k;
	return 0;
}

static int
page_enter(struct screen *s, struct ui *ui)
{
	struct bpage *p = s->data;

	p->sel = -1;
	return build(p, ui);
}

/* The widths of a row's parts: label (a date for history rows), value, state. */
static int
label_width(const struct bpage *p)
{
	int i, w = 10;

	for (i = 0; i < p->n; i++)
		if (p->rows[i].id[0] == '\0' && ui_text_width(p->rows[i].label) > w)
			w = ui_text_width(p->rows[i].label);
	w += 2;
	return w > COLS / 3 ? COLS / 3 : w;
}

static void
page_draw(struct screen *s, struct ui *ui)
{
	struct bpage *p = s->data;
	int top = 3, h = LINES - 6, lw = label_width(p), i, y, attr, sw, vw;

	ui_draw_bars(ui, _("Enter open  n new visit or task  e edit  Esc back  ? help"));
	ui_put(1, 1, COLS - 2, p->title, ui_attr(ui, UR_TITLE), 0);
	ui_rule(2);
	if (h < 1)
		return;
	if (p->sel >= 0 && p->sel < p->scroll)
		p->scroll = p->sel;
	if (p->sel >= 0 && p->sel >= p->scroll + h)
		p->scroll = p->sel - h + 1;
	for (i = p->scroll, y = top; i < p->n && y < top + h; i++, y++) {
		const struct brow *r = &p->rows[i];
		attr = ui_attr(ui, i == p->sel ? UR_SELECTED : r->role);
		if (r->role == UR_TITLE) {
			ui_put(y, 1, COLS - 2, r->value, ui_attr(ui, UR_TITLE), 0);
			continue;
		}
		if (r->id[0] == '\0') {
			ui_put(y, 1, lw, r->label, ui_attr(ui, UR_LABEL) | A_BOLD, 0);
			ui_put(y, lw + 2, COLS - lw - 3, r->value, ui_attr(ui, r->role), 0);
			continue;
		}
		/* A history row: date, what, and its state at the right. */
		sw = r->state ? ui_text_width(r->state) : 0;
		if (sw > (COLS - 14) / 2)
			sw = (COLS - 14) / 2;
		vw = COLS - 1 - 12 - (sw ? sw + 2 : 0) - 1;
		ui_put(y, 0, COLS, "", attr, PUT_PAD);
		ui_put(y, 1, 11, r->label, attr, 0);
		ui_put(y, 13, vw, r->value, attr, 0);
		if (r->state)
			ui_put(y, COLS - 1 - sw, sw, r->state, i == p->sel ? attr :
			    ui_attr(ui, r->role == UR_WARN ? UR_WARN : UR_DIM), PUT_RIGHT);
	}
	if (p->scroll > 0)
		ui_put(top, COLS - 1, 1, "↑", ui_attr(ui, UR_DIM), 0);
	if (p->n - p->scroll > h)
		ui_put(top + h - 1, COLS - 1, 1, "↓", ui_attr(ui, UR_DIM), 0);
}

/* Move the cursor by step history rows; with none (or at the first), scroll instead. */
static void
move_sel(struct bpage *p, int step)
{
	int i, h = LINES - 6;

	if (p->sel < 0) {
		p->scroll += step;
		if (p->scroll > p->n - h)
			p->scroll = p->n - h;
		if (p->scroll < 0)
			p->scroll = 0;
		return;
	}
	i = p->sel + step;
	if (i < 0)
		i = 0;
	if (i >= p->n)
		i = p->n - 1;
	while (i > 0 && i < p->n && p->rows[i].id[0] == '\0')
		i += step > 0 ? 1 : -1;
	if (i >= 0 && i < p->n && p->rows[i].id[0] != '\0')
		p->sel = i;
	else if (step < 0)
		p->scroll = 0;	/* above the first record: the business's data */
}

/* n, then v or t: a record of this business. */
static void
new_for_business(struct bpage *p, struct ui *ui)
{
	wint_t ch;
	int rc;

	ui_message(ui, UR_TITLE, "%s", _("New for this business: v visit · t task (Esc: "
	    "back)"));
	ui_draw(ui);
	rc = ui_getkey(ui, &ch);
	ui_message(ui, UR_NORMAL, NULL);
	if (rc != OK)
		return;
	if (ch == 'v')
		screen_form_new_for_business(ui, "visit", p->id);
	else if (ch == 't')
		screen_form_new_for_business(ui, "task", p->id);
}

static void
page_key(struct screen *s, struct ui *ui, int is_key, wint_t ch)
{
	struct bpage *p = s->data;
	int h = LINES - 6 > 1 ? LINES - 6 : 1;

	ui_message(ui, UR_NORMAL, NULL);
	if (is_key) {
		switch (ch) {
		case KEY_UP: move_sel(p, -1); break;
		case KEY_DOWN: move_sel(p, 1); break;
		case KEY_PPAGE: move_sel(p, -h); break;
		case KEY_NPAGE: move_sel(p, h); break;
		case KEY_HOME: move_sel(p, -p->n); p->scroll = 0; break;
		case KEY_END: move_sel(p, p->n); break;
		case KEY_ENTER:
			if (p->sel >= 0)
				screen_detail_open(ui, p->rows[p->sel].id);
			break;
		case KEY_LEFT: case KEY_BACKSPACE: ui_close(ui, s); break;
		case KEY_F(1): ui_push(ui, &screen_help_ops, NULL); break;
		}
		return;
	}
	switch (ch) {
	case 'k': move_sel(p, -1); break;
	case 'j': move_sel(p, 1); break;
	case ' ': move_sel(p, h); break;
	case '\r': case '\n':
		if (p->sel >= 0)
			screen_detail_open(ui, p->rows[p->sel].id);
		break;
	case ESC: case 'q': case 0x7f: ui_close(ui, s); break;
	case 'n': new_for_business(p, ui); break;
	case 'e': screen_form_edit(ui, p->id); break;
	case 's': ui_sync_start(ui, 1); break;
	case '?': ui_push(ui, &screen_help_ops, NULL); break;
	}
}

static void
page_reload(struct screen *s, struct ui *ui)
{
	if (build(s->data, ui) != 0)
		ui_close(ui, s);
}

static void
page_leave(struct screen *s, struct ui *ui)
{
	struct bpage *p = s->data;

	clear_rows(p);
	free(p->rows);
	free(p);
}

static const struct screen_ops screen_business_ops = {
	.name = "business",
	.enter = page_enter,
	.draw = page_draw,
	.key = page_key,
	.leave = page_leave,
	.reload = page_reload,
};

int
screen_business_open(struct ui *ui, const char *id)
{
	struct bpage *p = xcalloc(1, sizeof *p);

	snprintf(p->id, sizeof p->id, "%s", id);
	return ui_push(ui, &screen_business_ops, p);
}
