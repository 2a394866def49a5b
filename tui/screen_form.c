/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen_form.c: a record's form, drawn from its definition (forms/<kind>.ini): labels in
 * the UI language, required marks, the help line of the current field, a text editor per
 * field (one line or many), pickers for choices, yes/no and multi-choice.
 *
 * What the user types is kept as text, exactly as typed, and saved as a draft (one
 * statement, durable) whenever it changed and no more keys are waiting: a dead battery or
 * kill -9 loses nothing, and the next start offers the draft back with every character.
 * Values are parsed and checked by the forms engine when the cursor leaves a field (its
 * message is shown beside it) and all together on save, which takes the cursor to the
 * first field at fault.
 *
 * The Business field of a visit or a task offers the programme's businesses as the name
 * is typed (tui/ui_suggest.h); Enter picks one, and the save links the record to it. A
 * name that matches none makes a new business on save, by the rule every front uses
 * (business_save), after asking where it is when the form's municipality is not the
 * volunteer's.
 */
#include <stdlib.h>
#include <string.h>

#include "core/business.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/job.h"
#include "tui/screens.h"
#include "tui/ui_edit.h"
#include "tui/ui_suggest.h"

#define ESC 27
#define CTRL(c) ((c) & 0x1f)
#define TEXT_MAX_CHARS 2000
#define LONGTEXT_MAX_CHARS 20000

struct fstate {
	const struct form_field *fd;
	struct edit ed;
	char *err;		/* the message beside the field, or NULL */
};

struct fscreen {
	const struct form *form;
	struct record *rec;	/* the record being written (a new one has no id yet) */
	int is_new;
	struct fstate *f;
	size_t n, cur;
	size_t scroll;		/* the first field shown */
	struct draft draft;
	struct screen *self;
	int changed;		/* something was typed since the form opened */
	int draft_dirty;	/* the draft on disk is behind */
	int business_i;		/* the Business field that suggests, -1 none */
	struct suggest sg;
	char business_id[UUID_LEN + 1];	/* picked (or given), "" none: the name decides */
};

static int
is_picker(const struct form_field *fd)
{
	return fd->type == FT_CHOICE || fd->type == FT_MULTI || fd->type == FT_BOOL;
}

/* "business: required" beside the field Business reads "required". */
static const char *
strip_field(const struct form_field *fd, const char *msg)
{
	size_t len = strlen(fd->name);

	if (strncmp(msg, fd->name, len) == 0 && msg[len] == ':' && msg[len + 1] == ' ')
		return msg + len + 2;
	return msg;
}

static void
set_err(struct fstate *f, const char *msg)
{
	free(f->err);
	f->err = msg != NULL ? xstrdup(strip_field(f->fd, msg)) : NULL;
}

/*
 * The record's fields from the texts: a copy of the record's own (unknown keys are
 * kept), each form field parsed. The index of the first field that does not parse goes
 * to *bad (-1 none), with its message in err; with mark, every such field shows it.
 */
static json_t *
build_fields(struct fscreen *fs, int *bad, struct error *err, int mark)
{
	json_t *fields = json_deep_copy(fs->rec->fields), *v;
	struct error e;
	size_t i;
	char *text;

	if (fields == NULL)
		fields = json_object();
	*bad = -1;
	for (i = 0; i < fs->n; i++) {
		error_clear(&e);
		v = NULL;
		text = edit_text(&fs->f[i].ed);
		if (form_parse_value(fs->f[i].fd, text, &v, &e) != 0) {
			if (*bad < 0) {
				*bad = (int)i;
				if (err != NULL)
					*err = e;
			}
			if (mark)
				set_err(&fs->f[i], e.msg);
			json_object_del(fields, fs->f[i].fd->name);
		} else if (v == NULL)
			json_object_del(fields, fs->f[i].fd->name);
		else
			json_object_set_new(fields, fs->f[i].fd->name, v);
		free(text);
	}
	return fields;
}

/* Check field i alone (its text, its range, the rules it is in) and show the result. */
static void
check_one(struct fscreen *fs, size_t i, json_t *fields)
{
	struct fstate *f = &fs->f[i];
	struct error e = { 0 };
	json_t *v = NULL;
	char *text = edit_text(&f->ed);

	if (form_parse_value(f->fd, text, &v, &e) != 0)
		set_err(f, e.msg);
	else if (form_check_field(fs->form, f->fd, fields, &e) != 0)
		set_err(f, e.msg);
	else
		set_err(f, NULL);
	json_decref(v);
	free(text);
}

/* Leaving field i: check it, and again every field showing a message (a rule between
 * fields may now hold). Dates and times take their stored form. */
static void
leave_field(struct fscreen *fs, size_t i)
{
	struct fstate *f = &fs->f[i];
	json_t *fields, *v = NULL;
	char *text, *canon;
	size_t j;
	int bad;

	text = edit_text(&f->ed);
	if ((f->fd->type == FT_DATE || f->fd->type == FT_TIME) &&
	    form_parse_value(f->fd, text, &v, NULL) == 0 && v != NULL) {
		canon = form_value_local(f->fd, v, i18n_lang());
		if (strcmp(canon, text) != 0) {
			edit_set(&f->ed, canon);
			fs->draft_dirty = 1;
		}
		free(canon);
	}
	json_decref(v);
	free(text);
	fields = build_fields(fs, &bad, NULL, 0);
	check_one(fs, i, fields);
	for (j = 0; j < fs->n; j++)
		if (j != i && fs->f[j].err != NULL)
			check_one(fs, j, fields);
	json_decref(fields);
}

static void
focus(struct fscreen *fs, size_t i)
{
	if (i >= fs->n || i == fs->cur)
		return;
	leave_field(fs, fs->cur);
	fs->cur = i;
	fs->draft_dirty |= fs->changed;
}

static void
changed(struct fscreen *fs)
{
	fs->changed = 1;
	fs->draft_dirty = 1;
	/* A message beside the field follows the text, so it goes away once fixed. */
	if (fs->f[fs->cur].err != NULL) {
		int bad;
		json_t *fields = build_fields(fs, &bad, NULL, 0);
		check_one(fs, fs->cur, fields);
		json_decref(fields);
	}
}

/* Check every field (only those with text, when typed_only) and mark each at fault;
 * returns how many are. */
static int
mark_all(struct fscreen *fs, json_t *fields, int typed_only)
{
	size_t i;
	int n = 0;

	for (i = 0; i < fs->n; i++) {
		if (typed_only && fs->f[i].ed.len == 0)
			continue;
		check_one(fs, i, fields);
		n += fs->f[i].err != NULL;
	}
	return n;
}

static int
first_marked(const struct fscreen *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (fs->f[i].err != NULL)
			return (int)i;
	return -1;
}

/* ---- drafts ---- */

/*
 * The business picked in the list (or given by the business's page) is kept in the
 * draft beside the texts, under a key no form field can have (field names are
 * identifiers): resumed, the record links to that business, not to whichever its name
 * would find then (two of that name, or one in another municipality).
 */
#define DRAFT_BUSINESS_KEY "@business_id"

static void
draft_write(struct fscreen *fs, struct ui *ui)
{
	struct error err = { 0 };
	json_t *texts = json_object();
	char *t;
	size_t i;

	for (i = 0; i < fs->n; i++) {
		t = edit_text(&fs->f[i].ed);
		json_object_set_new(texts, fs->f[i].fd->name, json_string(t));
		free(t);
	}
	if (fs->business_id[0] != '\0')
		json_object_set_new(texts, DRAFT_BUSINESS_KEY, json_string(fs->business_id));
	json_decref(fs->draft.fields);
	fs->draft.fields = texts;
	free(fs->draft.field);
	fs->draft.field = xstrdup(fs->f[fs->cur].fd->name);
	if (store_draft_save(ui->app->st, &fs->draft, &err) != 0)
		ui_message(ui, UR_ERROR, _("The draft could not be saved: %s"), err.msg);
	else
		fs->draft_dirty = 0;
}

static void
draft_discard(struct fscreen *fs, struct ui *ui)
{
	struct error err = { 0 };

	if (fs->draft.id > 0 && store_draft_delete(ui->app->st, fs->draft.id, &err) != 0)
		ui_message(ui, UR_ERROR, "%s", err.msg);
	fs->draft.id = 0;
	fs->draft_dirty = 0;
}

/* ---- open ---- */

static struct fscreen *
fscreen_new(const struct form *form, struct record *rec, int is_new)
{
	struct fscreen *fs = xcalloc(1, sizeof *fs);
	size_t i;

	fs->form = form;
	fs->rec = rec;
	fs->is_new = is_new;
	fs->n = form->nfields;
	fs->f = xcalloc(fs->n ? fs->n : 1, sizeof *fs->f);
	for (i = 0; i < fs->n; i++) {
		const struct form_field *fd = &form->fields[i];
		char *text = form_value_local(fd, json_object_get(rec->fields, fd->name),
		    i18n_lang());
		fs->f[i].fd = fd;
		edit_init(&fs->f[i].ed, text, fd->type == FT_LONGTEXT,
		    fd->type == FT_LONGTEXT ? LONGTEXT_MAX_CHARS : TEXT_MAX_CHARS);
		free(text);
	}
	fs->business_i = -1;
	if (business_kind_links(rec->kind))
		for (i = 0; i < fs->n; i++)
			if (strcmp(form->fields[i].name, "business") == 0)
				fs->business_i = (int)i;
	snprintf(fs->draft.kind, sizeof fs->draft.kind, "%s", rec->kind);
	snprintf(fs->draft.record_id, sizeof fs->draft.record_id, "%s", rec->id);
	return fs;
}

static void
fscreen_free(struct fscreen *fs)
{
	size_t i;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->n; i++) {
		edit_free(&fs->f[i].ed);
		free(fs->f[i].err);
	}
	free(fs->f);
	suggest_clear(&fs->sg);
	json_decref(fs->draft.fields);
	free(fs->draft.field);
	record_free(fs->rec);
	free(fs);
}

static const struct screen_ops screen_form_ops;

int
screen_form_new(struct ui *ui, const char *kind)
{
	const struct form *form = forms_get(kind);
	struct record *rec;

	if (form == NULL) {
		ui_message(ui, UR_ERROR, _("No form for %s."), kind);
		return -1;
	}
	rec = record_new(kind);
	form_apply_defaults(form, rec->fields, ui->app->cfg->municipality);
	return ui_push(ui, &screen_form_ops, fscreen_new(form, rec, 1));
}

int
screen_form_new_for_business(struct ui *ui, const char *kind, const char *business_id)
{
	const struct form *form = forms_get(kind);
	struct record *rec, *b = NULL;
	struct error err = { 0 };
	struct fscreen *fs;
	const char *v;

	if (form == NULL || !business_kind_links(kind)) {
		ui_message(ui, UR_ERROR, _("No form for %s."), kind);
		return -1;
	}
	if (store_record_get(ui->app->st, business_id, &b, &err) != 0) {
		ui_message(ui, UR_ERROR, "%s", err.msg);
		return -1;
	}
	rec = record_new(kind);
	form_apply_defaults(form, rec->fields, ui->app->cfg->municipality);
	/* The business's own name, place and sector: the record is about it. */
	json_object_set_new(rec->fields, "business", json_string(record_label(b)));
	if ((v = record_field_str(b, "municipality")) != NULL && *v)
		json_object_set_new(rec->fields, "municipality", json_string(v));
	if ((v = record_field_str(b, "sector")) != NULL && *v && form_field(form, "sector"))
		json_object_set_new(rec->fields, "sector", json_string(v));
	fs = fscreen_new(form, rec, 1);
	snprintf(fs->business_id, sizeof fs->business_id, "%s", b->id);
	record_free(b);
	return ui_push(ui, &screen_form_ops, fs);
}

int
screen_form_edit(struct ui *ui, const char *id)
{
	struct record *rec = NULL;
	struct error err = { 0 };
	const struct form *form;

	if (store_record_get(ui->app->st, id, &rec, &err) != 0) {
		ui_message(ui, UR_ERROR, "%s", err.msg);
		return -1;
	}
	if (rec->deleted || (form = forms_get(rec->kind)) == NULL) {
		ui_message(ui, UR_ERROR, "%s", rec->deleted ? _("This record is deleted.") :
		    _("There is no form for this kind of record."));
		record_free(rec);
		return -1;
	}
	return ui_push(ui, &screen_form_ops, fscreen_new(form, rec, 0));
}

int
screen_form_resume(struct ui *ui, struct draft *d)
{
	const struct form *form = forms_get(d->kind);
	struct record *rec = NULL;
	struct error err = { 0 };
	struct fscreen *fs;
	json_t *v, *fields;
	size_t i;
	int is_new = 1, bad;

	if (form == NULL) {
		ui_message(ui, UR_ERROR, _("No form for %s."), d->kind);
		draft_free(d);
		return -1;
	}
	if (d->record_id[0] != '\0') {
		if (store_record_get(ui->app->st, d->record_id, &rec, &err) == 0)
			is_new = 0;
		else
			ui_message(ui, UR_WARN, "%s", _("The record of this draft is gone; it "
			    "will be saved as a new one."));
	}
	if (rec == NULL)
		rec = record_new(d->kind);
	fs = fscreen_new(form, rec, is_new);
	/* Every field as it was typed, valid or not. */
	for (i = 0; i < fs->n; i++) {
		v = json_object_get(d->fields, fs->f[i].fd->name);
		if (json_is_string(v))
			edit_set(&fs->f[i].ed, json_string_value(v));
		else if (v != NULL) {
			char *text = form_value_local(fs->f[i].fd, v, i18n_lang());
			edit_set(&fs->f[i].ed, text);
			free(text);
		}
		if (d->field != NULL && strcmp(d->field, fs->f[i].fd->name) == 0)
			fs->cur = i;
	}
	/* The business picked before the break, if it is still one (merged since: its
	 * survivor); gone, the name decides on save as for a name typed. */
	v = json_object_get(d->fields, DRAFT_BUSINESS_KEY);
	if (fs->business_i >= 0 && json_is_string(v) &&
	    business_resolve(ui->app->st, json_string_value(v), fs->business_id, NULL,
	    &err) != 0) {
		fs->business_id[0] = '\0';
		error_clear(&err);
	}
	fs->draft.id = d->id;
	fs->changed = 1;
	/* What was typed wrong before the break shows its marks at once (empty fields are
	 * not blamed yet: the form was being filled). */
	fields = build_fields(fs, &bad, NULL, 0);
	mark_all(fs, fields, 1);
	json_decref(fields);
	draft_free(d);
	ui_message(ui, UR_OK, "%s", _("Draft resumed. F2 saves it, Esc discards it."));
	return ui_push(ui, &screen_form_ops, fs);
}

void
ui_offer_draft(struct ui *ui)
{
	struct draft *d = NULL;
	struct error err = { 0 };
	const char *label = NULL;
	char date[32], *q, *named;
	json_t *v;

	if (store_draft_latest(ui->app->st, &d, &err) != 0) {
		ui_message(ui, UR_ERROR, "%s", err.msg);
		return;
	}
	if (d == NULL)
		return;
	if (json_is_string(v = json_object_get(d->fields, "business")) && *json_string_value(v))
		label = json_string_value(v);
	else if (json_is_string(v = json_object_get(d->fields, "title")) &&
	    *json_string_value(v))
		label = json_string_value(v);
	ui_format_datetime(d->updated, date, sizeof date);
	named = label != NULL ? xasprintf(" “%s”", label) : xstrdup("");
	if (strcmp(d->kind, "visit") == 0)
		q = xasprintf(_("Resume the unsaved visit%s of %s?"), named, date);
	else if (strcmp(d->kind, "task") == 0)
		q = xasprintf(_("Resume the unsaved task%s of %s?"), named, date);
	else
		q = xasprintf(_("Resume the unsaved workshop%s of %s?"), named, date);
	free(named);
	if (ui_confirm(ui, q))
		screen_form_resume(ui, d);
	else {
		if (ui_confirm(ui, _("Discard it for good? (n keeps it for the next start)"))) {
			if (store_draft_delete(ui->app->st, d->id, &err) != 0)
				ui_message(ui, UR_ERROR, "%s", err.msg);
			else
				ui_message(ui, UR_NORMAL, "%s", _("Draft discarded."));
		} else
			ui_message(ui, UR_NORMAL, NULL);
		draft_free(d);
	}
	free(q);
}

/* ---- save and cancel ---- */

/*
 * A name that matches no business makes one on save, in the record's municipality; when
 * that is not the volunteer's own, ask which of the two the business is in (*place gets
 * it, caller frees; NULL: the record's). -1 when the user leaves the question (not saved).
 */
static int
ask_new_business_place(struct fscreen *fs, struct ui *ui, json_t *fields, char **place)
{
	const char *name, *muni, *own = ui->app->cfg->municipality, *choices[2];
	char *a, *b, *title;
	int differ, r;

	*place = NULL;
	if (fs->business_i < 0 || fs->business_id[0] != '\0')
		return 0;
	name = json_string_value(json_object_get(fields, "business"));
	muni = json_string_value(json_object_get(fields, "municipality"));
	if (name == NULL || muni == NULL || own == NULL || *own == '\0')
		return 0;
	a = text_fold(muni);
	b = text_fold(own);
	differ = strcmp(a, b) != 0;
	free(a);
	free(b);
	if (!differ || !business_name_is_new(ui->app->st, name, muni))
		return 0;
	choices[0] = muni;
	choices[1] = own;
	title = xasprintf(_("New business “%s”: in which municipality?"), name);
	r = ui_pick(ui, title, choices, 2, 0, NULL, 0);
	free(title);
	if (r < 0) {
		ui_message(ui, UR_NORMAL, "%s", _("Not saved yet: choose the business's "
		    "municipality."));
		return -1;
	}
	*place = xstrdup(choices[r]);
	return 0;
}

static void
save(struct fscreen *fs, struct ui *ui)
{
	struct error err = { 0 };
	const struct form_field *fd;
	json_t *fields;
	char *place = NULL;
	size_t i;
	int bad, nbad;

	suggest_clear(&fs->sg);
	leave_field(fs, fs->cur);
	fields = build_fields(fs, &bad, &err, 1);
	/* Every field at fault is marked at once, not one per F2. */
	nbad = mark_all(fs, fields, 0);
	bad = first_marked(fs);
	if (bad < 0 && form_validate(fs->form, fields, &err) != 0) {
		for (i = 0; i < fs->n; i++)
			if (strcmp(fs->f[i].fd->name, err.field) == 0)
				bad = (int)i;
		if (bad >= 0) {
			set_err(&fs->f[bad], err.msg);
			nbad = 1;
		} else {
			/* A field the form does not show (kept from elsewhere). */
			ui_message(ui, UR_ERROR, _("Not saved: %s"), err.msg);
			json_decref(fields);
			return;
		}
	}
	if (bad >= 0) {
		fd = fs->f[bad].fd;
		fs->cur = (size_t)bad;
		if (nbad > 1)
			ui_message(ui, UR_ERROR, ngettext("Not saved: %d problem ⚠ — %s: %s",
			    "Not saved: %d problems ⚠ — %s: %s",
			    (unsigned long)nbad), nbad, form_field_label(fd, i18n_lang()),
			    fs->f[bad].err ? fs->f[bad].err : err.msg);
		else
			ui_message(ui, UR_ERROR, _("Not saved: %s: %s"), form_field_label(fd,
			    i18n_lang()), fs->f[bad].err ? fs->f[bad].err : err.msg);
		json_decref(fields);
		return;
	}
	if (ask_new_business_place(fs, ui, fields, &place) != 0) {
		json_decref(fields);
		return;
	}
	json_decref(fs->rec->fields);
	fs->rec->fields = fields;
	if (business_save(ui->app->st, fs->rec, fs->business_id, place, ui->app->cfg->id,
	    &err) != 0) {
		if (fs->business_i >= 0 &&
		    strcmp(err.field, "business") == 0) {
			fs->cur = (size_t)fs->business_i;
			set_err(&fs->f[fs->cur], _("several businesses have this name: pick one "
			    "from the list"));
		}
		ui_message(ui, UR_ERROR, _("Not saved: %s"), err.msg);
		free(place);
		return;
	}
	free(place);
	draft_discard(fs, ui);
	ui_message(ui, UR_OK, _("Saved: %s “%s”."),
	    forms_kind_title(fs->rec->kind, i18n_lang()), record_label(fs->rec));
	ui_close(ui, fs->self);
	screen_list_follow(ui, fs->rec->id);
	ui_records_changed(ui);
	if (ui->app->cfg->auto_sync && ui->app->cfg->remote && *ui->app->cfg->remote)
		ui_sync_start(ui, 0);
}

static void
cancel(struct fscreen *fs, struct ui *ui)
{
	if (fs->changed && !ui_confirm(ui, _("Leave without saving? What you typed is lost.")))
		return;
	draft_discard(fs, ui);
	ui_message(ui, UR_NORMAL, "%s", fs->changed ? _("Not saved.") : "");
	ui_close(ui, fs->self);
}

/* ---- pickers ---- */

static void
pick(struct fscreen *fs, struct ui *ui)
{
	struct fstate *f = &fs->f[fs->cur];
	const struct form_field *fd = f->fd;
	const char *lang = i18n_lang();
	const char **labels;
	char *text = edit_text(&f->ed), *out;
	json_t *v = NULL;
	int *chosen, n, i, current = 0, r;
	size_t k;

	form_parse_value(fd, text, &v, NULL);
	free(text);
	if (fd->type == FT_BOOL) {
		const char *yn[3];
		yn[0] = _("Yes");
		yn[1] = _("No");
		yn[2] = _("(not set)");
		current = json_is_true(v) ? 0 : json_is_false(v) ? 1 : 2;
		r = ui_pick(ui, form_field_label(fd, lang), yn, 3, 0, NULL, current);
		if (r >= 0 && r != current) {
			edit_set(&f->ed, r == 0 ? "yes" : r == 1 ? "no" : "");
			changed(fs);
		}
		json_decref(v);
		return;
	}
	n = (int)fd->nchoices + (fd->type == FT_CHOICE ? 1 : 0);
	labels = xcalloc((size_t)n + 1, sizeof *labels);
	chosen = xcalloc((size_t)n + 1, sizeof *chosen);
	i = 0;
	if (fd->type == FT_CHOICE)
		labels[i++] = _("(not set)");
	for (k = 0; k < fd->nchoices; k++, i++) {
		labels[i] = form_choice_label(fd, fd->choices[k].value, lang);
		if (fd->type == FT_CHOICE && json_is_string(v) &&
		    strcmp(json_string_value(v), fd->choices[k].value) == 0)
			current = i;
		if (fd->type == FT_MULTI && json_is_array(v)) {
			size_t j;
			for (j = 0; j < json_array_size(v); j++)
				if (json_is_string(json_array_get(v, j)) && strcmp(json_string_value(
				    json_array_get(v, j)), fd->choices[k].value) == 0)
					chosen[i] = 1;
		}
	}
	r = ui_pick(ui, form_field_label(fd, lang), labels, n, fd->type == FT_MULTI, chosen,
	    current);
	if (fd->type == FT_CHOICE && r >= 0 && r != current) {
		edit_set(&f->ed, r == 0 ? "" : fd->choices[r - 1].value);
		changed(fs);
	} else if (fd->type == FT_MULTI && r == 0) {
		out = xstrdup("");
		for (k = 0; k < fd->nchoices; k++) {
			char *next;
			if (!chosen[k])
				continue;
			next = xasprintf("%s%s%s", out, *out ? ", " : "", fd->choices[k].value);
			free(out);
			out = next;
		}
		text = edit_text(&f->ed);
		if (strcmp(text, out) != 0) {
			edit_set(&f->ed, out);
			changed(fs);
		}
		free(text);
		free(out);
	}
	free(labels);
	free(chosen);
	json_decref(v);
}

/* Left and Right step through a choice or yes/no without opening the picker. */
static void
cycle(struct fscreen *fs, int step)
{
	struct fstate *f = &fs->f[fs->cur];
	const struct form_field *fd = f->fd;
	char *text = edit_text(&f->ed);
	const char *next = NULL;
	json_t *v = NULL;
	int n, i = 0;
	size_t k;

	form_parse_value(fd, text, &v, NULL);
	free(text);
	if (fd->type == FT_BOOL) {
		static const char *const seq[] = { "", "yes", "no" };
		i = json_is_true(v) ? 1 : json_is_false(v) ? 2 : 0;
		next = seq[(i + 3 + step) % 3];
	} else if (fd->type == FT_CHOICE) {
		n = (int)fd->nchoices + 1;
		for (k = 0; k < fd->nchoices; k++)
			if (json_is_string(v) && strcmp(json_string_value(v),
			    fd->choices[k].value) == 0)
				i = (int)k + 1;
		i = (i + n + step) % n;
		next = i == 0 ? "" : fd->choices[i - 1].value;
	}
	json_decref(v);
	if (next != NULL) {
		edit_set(&f->ed, next);
		changed(fs);
	}
}

/* ---- keys ---- */

/* The text of field name, or NULL when the form has none; caller frees. */
static char *
field_text(const struct fscreen *fs, const char *name)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->f[i].fd->name, name) == 0)
			return edit_text(&fs->f[i].ed);
	return NULL;
}

/* The current field's text changed: in Business, the link goes (the name decides again
 * on save) and the list follows what is typed. */
static void
typed(struct fscreen *fs, struct ui *ui)
{
	struct error err = { 0 };
	char *name, *muni;
	double t0;

	changed(fs);
	if (fs->business_i < 0 || fs->cur != (size_t)fs->business_i)
		return;
	fs->business_id[0] = '\0';
	t0 = ui_now_ms();
	name = edit_text(&fs->f[fs->cur].ed);
	muni = field_text(fs, "municipality");
	if (suggest_load(&fs->sg, ui->app->st, name, muni ? muni :
	    ui->app->cfg->municipality, &err) != 0)
		ui_message(ui, UR_ERROR, "%s", err.msg);
	ui_trace(ui, "suggest %d %.3f", fs->sg.n, ui_now_ms() - t0);
	free(name);
	free(muni);
}

/* Keys of the open suggestion list: Up, Down, Enter (pick), Esc (close). 1 when used. */
static int
suggest_key(struct fscreen *fs, int is_key, wint_t ch)
{
	struct business_hit *h;

	if (!fs->sg.open || fs->business_i < 0 || fs->cur != (size_t)fs->business_i)
		return 0;
	if (is_key && (ch == KEY_UP || ch == KEY_DOWN)) {
		suggest_move(&fs->sg, ch == KEY_UP ? -1 : 1);
		return 1;
	}
	if (!is_key && ch == ESC) {
		suggest_clear(&fs->sg);
		return 1;
	}
	if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\r' || ch == '\n'))) {
		h = &fs->sg.hit[fs->sg.sel];
		edit_set(&fs->f[fs->cur].ed, h->name);
		snprintf(fs->business_id, sizeof fs->business_id, "%s", h->id);
		suggest_clear(&fs->sg);
		changed(fs);
		return 1;
	}
	return 0;
}

static void
form_key(struct screen *s, struct ui *ui, int is_key, wint_t ch)
{
	struct fscreen *fs = s->data;
	struct fstate *f = &fs->f[fs->cur];
	int picker = is_picker(f->fd), longtext = f->fd->type == FT_LONGTEXT;
	enum edit_result er;

	fs->self = s;
	ui_message(ui, UR_NORMAL, NULL);
	if (suggest_key(fs, is_key, ch))
		return;
	if (fs->sg.open && (is_key ? ch == KEY_BTAB || ch == KEY_NPAGE || ch == KEY_PPAGE :
	    ch == '\t'))
		suggest_clear(&fs->sg);
	if (!is_key) {
		switch (ch) {
		case ESC:
		case CTRL('c'):
			cancel(fs, ui);
			return;
		case CTRL('s'):
			save(fs, ui);
			return;
		case '\t':
			focus(fs, fs->cur + 1 < fs->n ? fs->cur + 1 : 0);
			return;
		case '\r':
		case '\n':
			if (picker)
				pick(fs, ui);
			else if (longtext) {
				if (edit_key(&f->ed, 0, '\n') == EDIT_CHANGED)
					changed(fs);
			} else
				focus(fs, fs->cur + 1 < fs->n ? fs->cur + 1 : fs->cur);
			return;
		case ' ':
			if (picker) {
				if (f->fd->type == FT_BOOL)
					cycle(fs, 1);
				else
					pick(fs, ui);
				return;
			}
			break;
		case 0x7f:
		case CTRL('h'):
			if (picker) {
				edit_set(&f->ed, "");
				changed(fs);
				return;
			}
			break;
		}
		if (picker)
			return;
		er = edit_key(&f->ed, 0, ch);
		if (er == EDIT_CHANGED)
			typed(fs, ui);
		return;
	}
	switch (ch) {
	case KEY_F(2):
		save(fs, ui);
		return;
	case KEY_F(1):
		ui_push(ui, &screen_help_ops, NULL);
		return;
	case KEY_BTAB:
		focus(fs, fs->cur > 0 ? fs->cur - 1 : fs->n - 1);
		return;
	case KEY_NPAGE:
		focus(fs, fs->cur + 5 < fs->n ? fs->cur + 5 : fs->n - 1);
		return;
	case KEY_PPAGE:
		focus(fs, fs->cur > 5 ? fs->cur - 5 : 0);
		return;
	case KEY_ENTER:
		form_key(s, ui, 0, '\r');
		return;
	case KEY_UP:
	case KEY_DOWN:
		if (longtext && (er = edit_key(&f->ed, 1, ch)) != EDIT_EDGE_UP &&
		    er != EDIT_EDGE_DOWN)
			return;
		if (ch == KEY_UP && fs->cur > 0)
			focus(fs, fs->cur - 1);
		else if (ch == KEY_DOWN && fs->cur + 1 < fs->n)
			focus(fs, fs->cur + 1);
		return;
	case KEY_LEFT:
	case KEY_RIGHT:
		if (picker && f->fd->type != FT_MULTI) {
			cycle(fs, ch == KEY_RIGHT ? 1 : -1);
			return;
		}
		break;
	case KEY_DC:
	case KEY_BACKSPACE:
		if (picker) {
			edit_set(&f->ed, "");
			changed(fs);
			return;
		}
		break;
	}
	if (picker)
		return;
	if (edit_key(&f->ed, 1, ch) == EDIT_CHANGED)
		typed(fs, ui);
}

/* ---- drawing ---- */

/* The width of the value column, set at each draw (a message wraps within it). */
static int value_w = 40;

static int
value_width(void)
{
	return value_w;
}

static int
longtext_rows(void)
{
	int h = (LINES - 6) / 3;

	return h < 3 ? 3 : h > 8 ? 8 : h;
}

/* The rows of a field's message (at most two: the whole text is on the message line
 * after a save). */
static int
err_rows(const struct fstate *f)
{
	int rows;

	if (f->err == NULL)
		return 0;
	rows = ui_wrap(0, 0, value_width(), 0, 0, f->err, A_NORMAL);
	return rows > 2 ? 2 : rows;
}

static int
field_rows(const struct fscreen *fs, size_t i)
{
	int rows = fs->f[i].fd->type == FT_LONGTEXT && i == fs->cur ? longtext_rows() : 1;

	return rows + err_rows(&fs->f[i]);
}

static const char *
form_heading(const struct fscreen *fs)
{
	const char *k = fs->rec->kind;

	if (strcmp(k, "visit") == 0)
		return fs->is_new ? _("New visit") : _("Edit visit");
	if (strcmp(k, "task") == 0)
		return fs->is_new ? _("New task") : _("Edit task");
	if (strcmp(k, "workshop") == 0)
		return fs->is_new ? _("New workshop") : _("Edit workshop");
	return form_title(fs->form, i18n_lang());
}

/* What a picker field shows. Caller frees. */
static char *
picker_text(const struct fstate *f)
{
	char *text = edit_text(&f->ed), *out;
	json_t *v = NULL;

	if (form_parse_value(f->fd, text, &v, NULL) != 0 || v == NULL) {
		json_decref(v);
		return text;	/* as typed (a draft), so the problem stays visible */
	}
	free(text);
	out = ui_field_display(f->fd, v);
	json_decref(v);
	return out;
}

static void
form_draw(struct screen *s, struct ui *ui)
{
	struct fscreen *fs = s->data;
	const char *lang = i18n_lang();
	int area_top = 3, area_h = LINES - 6, lw = 10, x, vw, y, cy = -1, cx = -1;
	int list_y = -1;
	size_t i;
	char *head;

	ui_draw_bars(ui, _("F2 save  Esc cancel  Tab next  Shift-Tab back  Enter choose  "
	    "F1 help"));
	if (fs->is_new || fs->rec->id[0] == '\0')
		head = xstrdup(form_heading(fs));
	else
		head = xasprintf("%s · %s", form_heading(fs), record_label(fs->rec));
	ui_put(1, 1, COLS - 16, head, ui_attr(ui, UR_TITLE), 0);
	free(head);
	ui_put(1, COLS - 14, 13, _("* required"), ui_attr(ui, UR_DIM), PUT_RIGHT);
	ui_rule(2);
	for (i = 0; i < fs->n; i++) {
		int w = ui_text_width(form_field_label(fs->f[i].fd, lang)) + 2;
		if (w > lw)
			lw = w;
	}
	if (lw > COLS / 3)
		lw = COLS / 3;
	x = lw + 3;
	vw = COLS - x - 2;
	if (vw < 4)
		vw = 4;
	value_w = vw;
	/* Scroll so that the current field (and its message) is in view. */
	if (fs->cur < fs->scroll)
		fs->scroll = fs->cur;
	for (;;) {
		int used = 0;
		for (i = fs->scroll; i <= fs->cur; i++)
			used += field_rows(fs, i);
		if (used <= area_h || fs->scroll >= fs->cur)
			break;
		fs->scroll++;
	}
	y = area_top;
	for (i = fs->scroll; i < fs->n && y < area_top + area_h; i++) {
		const struct fstate *f = &fs->f[i];
		int focused = i == fs->cur, rows = field_rows(fs, i) - err_rows(f);
		int lab;
		if (y + rows > area_top + area_h) {
			if (!focused)
				break;
			rows = area_top + area_h - y;
		}
		if (focused)
			ui_put(y, 0, 1, "▸", ui_attr(ui, UR_TITLE), 0);
		lab = ui_put(y, 1, lw - 1, form_field_label(f->fd, lang), focused ?
		    ui_attr(ui, UR_TITLE) : ui_attr(ui, UR_LABEL), 0);
		if (f->fd->required)
			ui_put(y, 1 + lab + 1, 1, "*", ui_attr(ui, UR_REQUIRED), 0);
		if (is_picker(f->fd)) {
			char *shown = picker_text(f), *with;
			with = focused ? xasprintf("%s ▾", shown) : xstrdup(shown);
			ui_put(y, x, vw, with, ui_attr(ui, focused ? UR_FIELD_FOCUS : UR_FIELD),
			    PUT_PAD);
			free(with);
			free(shown);
		} else if (focused) {
			edit_draw(&fs->f[i].ed, y, x, rows, vw, ui_attr(ui, UR_FIELD_FOCUS), &cy,
			    &cx);
			list_y = y + rows;
		}
		else {
			char *text = edit_text(&f->ed);
			char *nl = strchr(text, '\n');
			if (nl != NULL)
				strcpy(nl, " …");
			ui_put(y, x, vw, text, ui_attr(ui, UR_FIELD), PUT_PAD);
			free(text);
		}
		y += rows;
		if (f->err != NULL && y < area_top + area_h) {
			char *m = xasprintf("⚠ %s", f->err);
			int er = err_rows(f);
			if (y + er > area_top + area_h)
				er = area_top + area_h - y;
			ui_wrap(y, x, vw, 0, er, m, ui_attr(ui, UR_ERROR));
			free(m);
			y += er;
		}
	}
	if (fs->scroll > 0)
		ui_put(area_top, COLS - 1, 1, "↑", ui_attr(ui, UR_DIM), 0);
	if (i < fs->n)
		ui_put(area_top + area_h - 1, COLS - 1, 1, "↓", ui_attr(ui, UR_DIM), 0);
	ui_put(LINES - 3, 1, COLS - 2, form_field_help(fs->f[fs->cur].fd, lang),
	    ui_attr(ui, UR_DIM), 0);
	/* Over the fields below Business, where it fits; the cursor stays in the field. */
	if (list_y >= 0 && fs->cur == (size_t)fs->business_i &&
	    list_y + suggest_rows(&fs->sg) <= LINES - 3)
		suggest_draw(ui, &fs->sg, list_y, x, vw);
	if (cy >= 0) {
		curs_set(1);
		move(cy, cx);
	}
}

static void
form_idle(struct screen *s, struct ui *ui)
{
	struct fscreen *fs = s->data;

	if (fs->draft_dirty && fs->changed)
		draft_write(fs, ui);
}

static void
form_leave(struct screen *s, struct ui *ui)
{
	fscreen_free(s->data);
}

static const struct screen_ops screen_form_ops = {
	.name = "form",
	.draw = form_draw,
	.key = form_key,
	.leave = form_leave,
	.idle = form_idle,
};
