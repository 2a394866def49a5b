/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen_detail.c: one record: every field with its label in the UI language, then the
 * metadata (author, times, synced or not, conflict, flag) and the coordinators' reviews.
 */
#include <stdlib.h>
#include <string.h>

#include "core/business.h"
#include "core/i18n.h"
#include "core/util.h"
#include "forms/form.h"
#include "tui/draw.h"
#include "tui/job.h"
#include "tui/screens.h"

#define ESC 27

struct line {
	char *label;
	char *value;
	int role;
};

struct detail {
	char id[UUID_LEN + 1];
	char kind[16];
	char *title;
	struct line *lines;
	int n, cap;
	int scroll;
	int total;		/* rows at the last draw */
	int conflict;
};

static void
add_line(struct detail *d, const char *label, char *value, int role)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->lines = xrealloc(d->lines, (size_t)d->cap * sizeof *d->lines);
	}
	d->lines[d->n].label = xstrdup(label ? label : "");
	d->lines[d->n].value = value;
	d->lines[d->n].role = role;
	d->n++;
}

static void
clear_lines(struct detail *d)
{
	int i;

	for (i = 0; i < d->n; i++) {
		free(d->lines[i].label);
		free(d->lines[i].value);
	}
	d->n = 0;
	free(d->title);
	d->title = NULL;
}

char *
ui_field_display(const struct form_field *fd, json_t *v)
{
	const char *lang = i18n_lang();
	char *out, buf[32];
	size_t i;

	if (fd->type == FT_CHOICE && json_is_string(v))
		return xstrdup(form_choice_label(fd, json_string_value(v), lang));
	if (fd->type == FT_MULTI && json_is_array(v)) {
		out = xstrdup("");
		for (i = 0; i < json_array_size(v); i++) {
			json_t *e = json_array_get(v, i);
			const char *label = json_is_string(e) ?
			    form_choice_label(fd, json_string_value(e), lang) : "?";
			char *next = xasprintf("%s%s%s", out, i ? ", " : "", label);
			free(out);
			out = next;
		}
		return out;
	}
	if (fd->type == FT_BOOL && json_is_boolean(v))
		return xstrdup(json_is_true(v) ? _("Yes") : _("No"));
	if (fd->type == FT_DATE && json_is_string(v)) {
		ui_format_date(json_string_value(v), buf, sizeof buf);
		return xstrdup(buf);
	}
	return form_value_local(fd, v, i18n_lang());
}

static int
add_review(const struct review *rv, void *payload)
{
	struct detail *d = payload;
	char date[32];

	ui_format_datetime(rv->at, date, sizeof date);
	add_line(d, strcmp(rv->status, "ok") == 0 ? _("Reviewed ok") : _("Flagged"),
	    xasprintf("%s · %s%s%s", date, rv->by, rv->comment && *rv->comment ? ": " : "",
	    rv->comment ? rv->comment : ""),
	    strcmp(rv->status, "ok") == 0 ? UR_OK : UR_WARN);
	return 0;
}

struct last_review {
	char *by, *comment;
	char at[ISO_TIME_LEN + 1];
};

static int
keep_last_review(const struct review *rv, void *payload)
{
	struct last_review *l = payload;

	free(l->by);
	free(l->comment);
	l->by = xstrdup(rv->by);
	l->comment = xstrdup(rv->comment ? rv->comment : "");
	snprintf(l->at, sizeof l->at, "%s", rv->at);
	return 0;
}

/* What the author must act on comes first: the coordinator's flag with its comment, and
 * a conflict's two sides (field, both values, who wrote each and when). */
static void
add_attention(struct detail *d, struct ui *ui, const struct record *r)
{
	struct last_review l = { 0 };
	struct conflict_diff *diffs;
	char date[32];
	int i, n;

	if (r->flagged && store_reviews_of(ui->app->st, r->id, keep_last_review, &l,
	    NULL) == 0 && l.by != NULL) {
		ui_format_datetime(l.at, date, sizeof date);
		add_line(d, _("⚠ Flagged"), xasprintf(_("%s (%s, %s)"), l.comment, l.by, date),
		    UR_WARN);
	}
	free(l.by);
	free(l.comment);
	if (!r->conflict)
		return;
	diffs = ui_conflict_diffs(ui, r->id, &n);
	for (i = 0; i < n; i++) {
		char *label = xasprintf(_("⚠ %s"), diffs[i].label);
		add_line(d, label, xstrdup(diffs[i].shown), UR_NORMAL);
		add_line(d, "", xstrdup(diffs[i].lost), UR_WARN);
		free(label);
	}
	if (n == 0)
		add_line(d, _("⚠ Conflict"), xstrdup(_("the losing version is not on this "
		    "laptop yet: sync first")), UR_WARN);
	ui_conflict_diffs_free(diffs, n);
	add_line(d, "", xstrdup(""), UR_NORMAL);
}

static int
build(struct detail *d, struct ui *ui)
{
	struct record *r = NULL;
	struct error err = { 0 };
	const struct form *form;
	const char *lang = i18n_lang(), *key;
	char date[32], *state;
	json_t *v;
	size_t i;

	clear_lines(d);
	if (store_record_get(ui->app->st, d->id, &r, &err) != 0) {
		ui_message(ui, UR_ERROR, "%s", err.msg);
		return -1;
	}
	snprintf(d->kind, sizeof d->kind, "%s", r->kind);
	form = forms_get(r->kind);
	d->title = xasprintf("%s · %s", forms_kind_title(r->kind, i18n_lang()),
	    record_label(r));
	d->conflict = r->conflict;
	add_attention(d, ui, r);
	for (i = 0; form != NULL && i < form->nfields; i++) {
		const struct form_field *fd = &form->fields[i];
		if ((v = json_object_get(r->fields, fd->name)) == NULL || json_is_null(v))
			continue;
		add_line(d, form_field_label(fd, lang), ui_field_display(fd, v), UR_NORMAL);
	}
	/* Fields this form does not know (a newer form wrote them) are kept and shown. */
	json_object_foreach(r->fields, key, v) {
		if (form != NULL && form_field(form, key) != NULL)
			continue;
		add_line(d, business_field_label(key) ? business_field_label(key) : key,
		    record_field_text(r, key), UR_DIM);
	}
	add_line(d, "", xstrdup(""), UR_NORMAL);
	add_line(d, _("Author"), xstrdup(r->volunteer), UR_DIM);
	ui_format_datetime(r->created, date, sizeof date);
	add_line(d, _("Created"), xstrdup(date), UR_DIM);
	ui_format_datetime(r->updated, date, sizeof date);
	add_line(d, _("Updated"), xasprintf(_("%s · rev %lld · %s"), date, (long long)r->rev,
	    r->device), UR_DIM);
	state = xasprintf("%s%s%s%s", r->synced ? _("on the shared repository") :
	    _("● not synced yet"), r->conflict ? _(" · ⚠ conflict: another edit of the same "
	    "field lost and was kept in conflicts/") : "", r->flagged ?
	    _(" · ⚠ flagged by a coordinator") : "", r->deleted ? _(" · deleted") : "");
	add_line(d, _("State"), state, r->conflict || r->flagged ? UR_WARN : UR_DIM);
	add_line(d, _("Id"), xstrdup(r->id), UR_DIM);
	store_reviews_of(ui->app->st, r->id, add_review, d, NULL);
	record_free(r);
	return 0;
}

static int
detail_enter(struct screen *s, struct ui *ui)
{
	return build(s->data, ui);
}

static int
label_width(const struct detail *d)
{
	int i, w = 8;

	for (i = 0; i < d->n; i++) {
		int t = ui_text_width(d->lines[i].label);
		if (t > w)
			w = t;
	}
	w += 2;
	return w > COLS / 3 ? COLS / 3 : w;
}

static void
detail_draw(struct screen *s, struct ui *ui)
{
	struct detail *d = s->data;
	int top = 3, h = LINES - 5, lw = label_width(d), vw = COLS - lw - 3, i, row = 0;

	ui_draw_bars(ui, d->conflict && ui->app->cfg->role == ROLE_COORDINATOR ?
	    _("c keep shown  t take lost  e edit  r review  Esc back  ? help") :
	    _("e edit  d delete  p print  r review  Esc back  ? help"));
	ui_put(1, 1, COLS - 2, d->title, ui_attr(ui, UR_TITLE), 0);
	ui_rule(2);
	if (vw < 4)
		vw = 4;
	for (i = 0; i < d->n; i++) {
		int rows = ui_wrap(0, 0, vw, 0, 0, d->lines[i].value, A_NORMAL);
		int skip = d->scroll > row ? d->scroll - row : 0;
		int y = top + row - d->scroll + skip;
		if (row + rows > d->scroll && y < top + h) {
			if (skip == 0)
				ui_put(y, 1, lw, d->lines[i].label, ui_attr(ui, UR_LABEL) | A_BOLD, 0);
			ui_wrap(y, lw + 2, vw, skip, top + h - y, d->lines[i].value,
			    ui_attr(ui, d->lines[i].role));
		}
		row += rows;
	}
	d->total = row;
	if (d->scroll > 0)
		ui_put(top, COLS - 2, 1, "↑", ui_attr(ui, UR_DIM), 0);
	if (row - d->scroll > h)
		ui_put(top + h - 1, COLS - 2, 1, "↓", ui_attr(ui, UR_DIM), 0);
}

static void
detail_key(struct screen *s, struct ui *ui, int is_key, wint_t ch)
{
	struct detail *d = s->data;
	int h = LINES - 5, max = d->total - h > 0 ? d->total - h : 0;

	ui_message(ui, UR_NORMAL, NULL);
	if (is_key) {
		switch (ch) {
		case KEY_UP: if (d->scroll > 0) d->scroll--; break;
		case KEY_DOWN: if (d->scroll < max) d->scroll++; break;
		case KEY_PPAGE: d->scroll = d->scroll > h ? d->scroll - h : 0; break;
		case KEY_NPAGE: d->scroll = d->scroll + h < max ? d->scroll + h : max; break;
		case KEY_HOME: d->scroll = 0; break;
		case KEY_END: d->scroll = max; break;
		case KEY_LEFT: case KEY_BACKSPACE: ui_close(ui, s); break;
		case KEY_F(1): ui_push(ui, &screen_help_ops, NULL); break;
		}
		return;
	}
	if (ui_letter_move(ch) != 0) {
		detail_key(s, ui, 1, ui_letter_move(ch));
		return;
	}
	switch (ch) {
	case ESC: case 'q': case 0x7f: ui_close(ui, s); break;
	case 'e': screen_form_edit(ui, d->id); break;
	case 'd':
		if (ui_delete_record(ui, d->id))
			ui_close(ui, s);
		break;
	case 'p': ui_summary_ask(ui, d->id, d->kind); break;
	case 'r': ui_review_record(ui, d->id); break;
	case 'c': case 't': ui_conflict_settle(ui, d->id, ch == 't'); break;
	case 's': ui_sync_start(ui, 1); break;
	case '?': ui_push(ui, &screen_help_ops, NULL); break;
	}
}

static void
detail_reload(struct screen *s, struct ui *ui)
{
	struct detail *d = s->data;

	if (build(d, ui) != 0)
		ui_close(ui, s);
}

static void
detail_leave(struct screen *s, struct ui *ui)
{
	struct detail *d = s->data;

	clear_lines(d);
	free(d->lines);
	free(d);
}

static const struct screen_ops screen_detail_ops = {
	.name = "detail",
	.enter = detail_enter,
	.draw = detail_draw,
	.key = detail_key,
	.leave = detail_leave,
	.reload = detail_reload,
};

int
screen_detail_open(struct ui *ui, const char *id)
{
	struct detail *d = xcalloc(1, sizeof *d);

	snprintf(d->id, sizeof d->id, "%s", id);
	return ui_push(ui, &screen_detail_ops, d);
}
