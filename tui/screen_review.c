/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen_review.c: a coordinator's review of records, stored with store_review_add as
 * `volunteer review` does: `r` on one record (ok, or a flag with a comment), and the
 * review screen (`R`) of every volunteer's records, with status tabs, filters, search,
 * and `o` / `x` on the selected row.
 */
#include <stdlib.h>
#include <string.h>

#include "core/business.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/screens.h"
#include "tui/ui_pager.h"


/* Store an ok (comment NULL) or a flag with its comment; takes nothing. */
static void
review_store(struct ui *ui, const char *id, int flag, const char *comment)
{
	struct review rv;
	struct error err = { 0 };

	memset(&rv, 0, sizeof rv);
	snprintf(rv.record_id, sizeof rv.record_id, "%s", id);
	snprintf(rv.status, sizeof rv.status, "%s", flag ? "flagged" : "ok");
	rv.by = xstrdup(ui->app->cfg->id);
	rv.comment = xstrdup(comment ? comment : "");
	if (store_review_add(ui->app->st, &rv, &err) != 0)
		ui_message(ui, UR_ERROR, "%s", err.msg);
	else {
		ui_records_changed(ui);
		ui_message(ui, UR_OK, "%s", flag ? _("Flagged.") : _("Reviewed: ok."));
	}
	free(rv.by);
	free(rv.comment);
}

/* s cut to at most width columns, with "…" when it was cut. Caller frees. */
static char *
fit_width(const char *s, int width)
{
	size_t len = strlen(s), i = 0, k;
	unsigned cp;
	int w = 0;

	if (text_display_width(s, len) <= width)
		return xstrdup(s);
	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0 &&
	    w + text_char_width(cp) <= width - 1) {
		w += text_char_width(cp);
		i += k;
	}
	return xasprintf("%.*s…", (int)i, s);
}

/* Ask what should be checked, then flag; an empty comment flags nothing. */
static void
review_flag_ask(struct ui *ui, const char *id)
{
	char *comment = xstrdup(""), *clean = NULL, *question;
	struct record *r = NULL;
	struct error err = { 0 };
	int asked;

	/* The prompt names the record: on a list, the highlight is easy to misread. */
	if (store_record_get(ui->app->st, id, &r, NULL) == 0) {
		/* The prompt's label takes at most half the line: the name gives way. */
		int room = COLS / 2 - 2 - ui_text_width(_("“%s”: what to check?"));
		char *name = fit_width(record_label(r), room < 8 ? 8 : room);
		question = xasprintf(_("“%s”: what to check?"), name);
		free(name);
	} else
		question = xstrdup(_("What should be checked?"));
	record_free(r);
	asked = ui_prompt(ui, question, &comment);
	free(question);
	if (!asked) {
		free(comment);
		return;
	}
	if (review_comment_clean(comment, 1, &clean, &err) != 0)
		ui_message(ui, UR_ERROR, _("Not flagged: %s."), err.msg);
	else
		review_store(ui, id, 1, clean);
	free(comment);
	free(clean);
}

void
ui_review_record(struct ui *ui, const char *id)
{
	const char *items[2];
	int pick;

	if (ui->app->cfg->role != ROLE_COORDINATOR) {
		ui_message(ui, UR_WARN, "%s", _("Only coordinators review records (role = "
		    "coordinator in the config)."));
		return;
	}
	items[0] = _("Ok: checked, nothing to fix");
	items[1] = _("Flag: the author should check or fix something");
	pick = ui_pick(ui, _("Review"), items, 2, 0, NULL, 0);
	if (pick == 0)
		review_store(ui, id, 0, NULL);
	else if (pick == 1)
		review_flag_ask(ui, id);
}

/* ---- conflicts: both sides, and settling them ---- */

/* "ana · 01/12/2026 10:42": who wrote a version (its laptop's volunteer) and when. */
static char *
version_author(struct ui *ui, const struct record *r)
{
	char date[32], *who, *out;

	ui_format_datetime(r->updated, date, sizeof date);
	if (strcmp(r->device, store_device(ui->app->st)) == 0)
		who = xstrdup(ui->app->cfg->id);
	else if ((who = store_device_owner(ui->app->st, r->device)) == NULL)
		who = xasprintf(_("laptop %.8s"), r->device);
	out = xasprintf("%s · %s", who, date);
	free(who);
	return out;
}

static char *
version_value(const struct form *form, const struct record *r, const char *name)
{
	const struct form_field *fd = form ? form_field(form, name) : NULL;
	json_t *v = json_object_get(r->fields, name);

	if (v == NULL || json_is_null(v))
		return xstrdup(_("(empty)"));
	return fd ? ui_field_display(fd, v) : record_field_text(r, name);
}

struct diffs {
	struct ui *ui;
	const struct record *shown;
	const struct form *form;
	char *shown_by;
	struct conflict_diff *v;
	int n, cap;
};

static void
diff_field(struct diffs *d, const struct record *lost, const char *lost_by, const char *name)
{
	const struct form_field *fd = d->form ? form_field(d->form, name) : NULL;
	json_t *x = json_object_get(d->shown->fields, name), *y = json_object_get(lost->fields,
	    name);
	char *a, *b;

	if (x != NULL && json_is_null(x))
		x = NULL;
	if (y != NULL && json_is_null(y))
		y = NULL;
	if (x == y || (x != NULL && y != NULL && json_equal(x, y)))
		return;	/* unset on both sides, or the same value */
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = xrealloc(d->v, (size_t)d->cap * sizeof *d->v);
	}
	a = version_value(d->form, d->shown, name);
	b = version_value(d->form, lost, name);
	d->v[d->n].label = xstrdup(fd ? form_field_label(fd, i18n_lang()) : name);
	d->v[d->n].shown = xasprintf(_("shown: %s · %s"), a, d->shown_by);
	d->v[d->n].lost = xasprintf(_("lost: %s · %s"), b, lost_by);
	d->n++;
	free(a);
	free(b);
}

static int
diff_version(const char *path, const struct record *lost, void *payload)
{
	struct diffs *d = payload;
	char *by = version_author(d->ui, lost);
	const char *key;
	json_t *v;
	size_t i;

	(void)path;
	/* In the form's order, then fields only one of them knows. */
	for (i = 0; d->form != NULL && i < d->form->nfields; i++)
		diff_field(d, lost, by, d->form->fields[i].name);
	json_object_foreach(d->shown->fields, key, v)
		if (d->form == NULL || form_field(d->form, key) == NULL)
			diff_field(d, lost, by, key);
	json_object_foreach(lost->fields, key, v)
		if ((d->form == NULL || form_field(d->form, key) == NULL) &&
		    json_object_get(d->shown->fields, key) == NULL)
			diff_field(d, lost, by, key);
	free(by);
	return 0;
}

struct conflict_diff *
ui_conflict_diffs(struct ui *ui, const char *id, int *n)
{
	struct diffs d = { .ui = ui };
	struct record *r = NULL;

	*n = 0;
	if (store_record_get(ui->app->st, id, &r, NULL) != 0)
		return NULL;
	d.shown = r;
	d.form = forms_get(r->kind);
	d.shown_by = version_author(ui, r);
	if (r->conflict)
		store_conflict_versions(ui->app->st, id, diff_version, &d, NULL);
	free(d.shown_by);
	record_free(r);
	*n = d.n;
	return d.v;
}

void
ui_conflict_diffs_free(struct conflict_diff *d, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(d[i].label);
		free(d[i].shown);
		free(d[i].lost);
	}
	free(d);
}

struct versions {
	struct ui *ui;
	struct record **v;
	char **names;
	int n;
};

static int
collect_version(const char *path, const struct record *lost, void *payload)
{
	struct versions *vs = payload;
	char *by = version_author(vs->ui, lost);

	vs->v = xrealloc(vs->v, (size_t)(vs->n + 1) * sizeof *vs->v);
	vs->names = xrealloc(vs->names, (size_t)(vs->n + 1) * sizeof *vs->names);
	vs->v[vs->n] = record_dup(lost);
	vs->names[vs->n] = xasprintf(_("rev %lld · %s"), (long long)lost->rev, by);
	vs->n++;
	free(by);
	return 0;
}

void
ui_conflict_settle(struct ui *ui, const char *id, int take)
{
	struct versions vs = { .ui = ui };
	struct record *r = NULL;
	struct error err = { 0 };
	const struct form *form;
	char *question = NULL, *took = NULL, rvid[UUID_LEN + 1];
	int pick = 0, i;

	if (ui->app->cfg->role != ROLE_COORDINATOR) {
		ui_message(ui, UR_WARN, "%s", _("Only coordinators settle conflicts (role = "
		    "coordinator in the config)."));
		return;
	}
	if (store_record_get(ui->app->st, id, &r, &err) != 0) {
		ui_message(ui, UR_ERROR, "%s", err.msg);
		return;
	}
	if (!r->conflict) {
		ui_message(ui, UR_NORMAL, "%s", _("This record has no conflict to settle."));
		goto out;
	}
	if (take) {
		store_conflict_versions(ui->app->st, id, collect_version, &vs, NULL);
		if (vs.n == 0) {
			ui_message(ui, UR_WARN, "%s", _("The losing version is not on this laptop "
			    "yet: sync first."));
			goto out;
		}
		if (vs.n > 1 && (pick = ui_pick(ui, _("Take which version?"),
		    (const char *const *)vs.names, vs.n, 0, NULL, 0)) < 0)
			goto out;
		form = forms_get(r->kind);
		if ((form != NULL && form_validate(form, vs.v[pick]->fields, &err) != 0) ||
		    record_take_version(r, vs.v[pick], &took, &err) != 0) {
			ui_message(ui, UR_ERROR, _("Not settled: %s."), err.msg);
			goto out;
		}
		question = xasprintf(_("Take the losing version (%s) of “%s”?"),
		    vs.names[pick], record_label(r));
	} else
		question = xasprintf(_("Keep the shown version of “%s” and settle the "
		    "conflict?"), record_label(r));
	if (!ui_confirm(ui, question))
		goto out;
	if (store_conflict_resolve(ui->app->st, r, took, ui->app->cfg->id, NULL, rvid,
	    &err) != 0) {
		ui_message(ui, UR_ERROR, "%s", err.msg);
		goto out;
	}
	ui_records_changed(ui);
	ui_message(ui, UR_OK, "%s", take ? _("Conflict settled: the losing version is taken.") :
	    _("Conflict settled: the shown version stays."));
out:
	for (i = 0; i < vs.n; i++) {
		record_free(vs.v[i]);
		free(vs.names[i]);
	}
	free(vs.v);
	free(vs.names);
	free(question);
	free(took);
	record_free(r);
}

/* ---- the review screen: every volunteer's records, for coordinators ---- */

#define ESC 27
#define CTRL(c) ((c) & 0x1f)

enum rstate { RS_NONE, RS_OK, RS_FLAGGED, RS_CONFLICT };

struct rrow {
	struct pager_row key;	/* id, date, kind: the pager's */
	char *volunteer, *label, *muni;
	enum rstate state;
};

#define RV_BARS 6		/* the bars and the column heads */
#define RV_PREVIEW 7		/* the conflicts tab: what differs in the selected record */

struct rview {
	int tab;		/* 0 all, 1 not reviewed, 2 flagged, 3 conflicts */
	char preview_id[UUID_LEN + 1];	/* the record the preview was read for */
	struct conflict_diff *diffs;
	int ndiffs;
	char *search, *volunteer, *muni, *kind;
	char from[DATE_LEN + 1], to[DATE_LEN + 1];

	struct pager pg;	/* paged by key, as the list (tui/ui_pager.c); rows: struct rrow */
};

static void
rv_release(void *row)
{
	struct rrow *r = row;

	free(r->volunteer);
	free(r->label);
	free(r->muni);
}

static void
rv_filter(const struct rview *v, struct record_filter *f)
{
	memset(f, 0, sizeof *f);
	f->kind = v->kind;
	f->work_only = 1;	/* the work logged; businesses have their own tab */
	f->volunteer = v->volunteer;
	f->municipality = v->muni;
	f->from = v->from[0] ? v->from : NULL;
	f->to = v->to[0] ? v->to : NULL;
	f->search = v->search;
	f->only_unreviewed = v->tab == 1;
	f->only_flagged = v->tab == 2;
	f->only_conflict = v->tab == 3;
}

static void
rv_pager_filter(void *owner, struct ui *ui, struct record_filter *f)
{
	(void)ui;
	rv_filter(owner, f);
}

static void
rv_collect(void *owner, void *to, const struct record_row *r)
{
	struct rrow *row = to;

	row->volunteer = xstrdup(r->volunteer);
	row->label = xstrdup(r->label);
	row->muni = xstrdup(r->municipality);
	row->state = r->conflict ? RS_CONFLICT : r->flagged ? RS_FLAGGED : RS_NONE;
}

static int
rv_count_review(const struct review *rv, void *payload)
{
	(void)rv;
	(*(int *)payload)++;
	return 0;
}

/* "Ok" needs the reviews: asked for the visible rows only, after the page is read. */
static void
rv_loaded(void *owner, struct ui *ui)
{
	struct rview *v = owner;
	struct error err = { 0 };
	int i;

	for (i = 0; i < v->pg.nrows; i++) {
		struct rrow *row = pager_row(&v->pg, i);
		int n = 0;
		if (row->state != RS_NONE)
			continue;
		if (store_reviews_of(ui->app->st, row->key.id, rv_count_review, &n, &err) == 0 &&
		    n > 0)
			row->state = RS_OK;
	}
}

static const struct pager_ops rv_pager_ops = {
	.row_size = sizeof(struct rrow),
	.filter = rv_pager_filter,
	.fill = rv_collect,
	.release = rv_release,
	.loaded = rv_loaded,
};

static const char *
rv_state_label(enum rstate s)
{
	switch (s) {
	case RS_OK:
		return _("ok");
	case RS_FLAGGED:
		return _("flagged");
	case RS_CONFLICT:
		return _("conflict");
	default:
		return _("not reviewed");
	}
}

static void
rv_draw_head(struct rview *v, struct ui *ui)
{
	const char *names[4];
	char buf[128], right[512];
	size_t o = 0;
	int x = 1, i;

	names[0] = _("All");
	names[1] = _("Not reviewed");
	names[2] = _("Flagged");
	names[3] = _("Conflicts");
	attrset(A_NORMAL);
	mvhline(1, 0, ' ', COLS);
	for (i = 0; i < 4; i++) {
		snprintf(buf, sizeof buf, i == v->tab ? "[%d %s]" : " %d %s ", i + 1, names[i]);
		x += ui_put(1, x, COLS - x, buf, ui_attr(ui, i == v->tab ? UR_TAB_ACTIVE :
		    UR_TAB), 0) + 1;
	}
	right[0] = '\0';
	if (v->search)
		o += (size_t)snprintf(right + o, sizeof right - o, "/%s · ", v->search);
	if (v->volunteer && o < sizeof right)
		o += (size_t)snprintf(right + o, sizeof right - o, "%s · ", v->volunteer);
	if (v->muni && o < sizeof right)
		o += (size_t)snprintf(right + o, sizeof right - o, "%s · ", v->muni);
	if (v->kind && o < sizeof right)
		o += (size_t)snprintf(right + o, sizeof right - o, "%s · ",
		    forms_kind_title(v->kind, i18n_lang()));
	if ((v->from[0] || v->to[0]) && o < sizeof right)
		o += (size_t)snprintf(right + o, sizeof right - o, "%s–%s · ", v->from, v->to);
	if (!v->pg.count_stale && v->pg.count >= 0 && o < sizeof right)
		snprintf(right + o, sizeof right - o, "%ld", v->pg.count);
	if (COLS - x - 1 > 2)
		ui_put(1, x, COLS - x - 1, right, ui_attr(ui, UR_DIM), PUT_RIGHT);
}

/* The conflicts tab: which fields of the selected record differ, both values, who and
 * when; read again only when the selection moves to another record. */
static void
rv_draw_preview(struct rview *v, struct ui *ui, const char *id)
{
	int y = LINES - 2 - RV_PREVIEW, i, row = 0;

	if (strcmp(v->preview_id, id) != 0) {
		ui_conflict_diffs_free(v->diffs, v->ndiffs);
		v->diffs = ui_conflict_diffs(ui, id, &v->ndiffs);
		snprintf(v->preview_id, sizeof v->preview_id, "%s", id);
	}
	ui_rule(y);
	for (i = 0; i < v->ndiffs && row + 3 <= RV_PREVIEW - 1; i++) {
		ui_put(y + 1 + row, 1, COLS - 2, v->diffs[i].label, ui_attr(ui, UR_LABEL) |
		    A_BOLD, 0);
		ui_put(y + 2 + row, 3, COLS - 4, v->diffs[i].shown, ui_attr(ui, UR_NORMAL), 0);
		ui_put(y + 3 + row, 3, COLS - 4, v->diffs[i].lost, ui_attr(ui, UR_WARN), 0);
		row += 3;
	}
	if (v->ndiffs == 0)
		ui_put(y + 1, 1, COLS - 2, _("The losing version is not on this laptop yet: "
		    "sync first."), ui_attr(ui, UR_DIM), 0);
	else if (i < v->ndiffs)
		ui_put(y + 1 + row, 1, COLS - 2, _("More in the record's view (Enter)."),
		    ui_attr(ui, UR_DIM), 0);
}

struct rcols {
	int date, kind, vol, label, muni, state;
};

static void
rv_columns(struct rcols *c)
{
	int rest;

	c->date = 10;
	c->kind = 8;
	c->vol = COLS >= 120 ? 14 : 10;
	c->muni = COLS >= 120 ? 20 : 12;
	c->state = 12;
	rest = COLS - (1 + c->date + 1 + c->kind + 1 + c->vol + 1 + 1 + c->muni + 1 +
	    c->state + 1);
	c->label = rest > 8 ? rest : 8;
}

static void
rv_draw(struct screen *s, struct ui *ui)
{
	struct rview *v = s->data;
	struct rcols c;
	char date[32];
	int i, h, x, y;

	v->pg.bars = v->tab == 3 ? RV_BARS + RV_PREVIEW : RV_BARS;
	h = pager_height(&v->pg);
	if (h != v->pg.page_h)
		pager_load(&v->pg, ui);
	/* At 80 columns in every language the footer cannot hold every key: D (duplicates)
	 * goes before Enter and 1-4, which every list has and the tab row shows; the help
	 * lists them all. */
	ui_draw_bars(ui, v->tab == 3 ? _("c keep shown  t take lost  o ok  x flag  Enter open  "
	    "1-4 status  Esc back") : _("o ok  x flag  f filters  / search  F figures  "
	    "D duplicates  Esc back"));
	rv_draw_head(v, ui);
	rv_columns(&c);
	attrset(A_NORMAL);
	mvhline(2, 0, ' ', COLS);
	x = 1;
	ui_put(2, x, c.date, _("Date"), ui_attr(ui, UR_LABEL), 0);
	x += c.date + 1;
	ui_put(2, x, c.kind, _("Kind"), ui_attr(ui, UR_LABEL), 0);
	x += c.kind + 1;
	ui_put(2, x, c.vol, _("Volunteer"), ui_attr(ui, UR_LABEL), 0);
	x += c.vol + 1;
	ui_put(2, x, c.label, _("Record"), ui_attr(ui, UR_LABEL), 0);
	x += c.label + 1;
	ui_put(2, x, c.muni, _("Municipality"), ui_attr(ui, UR_LABEL), 0);
	x += c.muni + 1;
	ui_put(2, x, c.state, _("Review"), ui_attr(ui, UR_LABEL), 0);
	ui_rule(3);
	for (i = 0; i < v->pg.nrows && i < h; i++) {
		const struct rrow *r = pager_row(&v->pg, i);
		int sel = i == v->pg.sel, base = sel ? ui_attr(ui, UR_SELECTED) : (int)A_NORMAL;
		int srole = r->state == RS_OK ? UR_OK : r->state == RS_NONE ? UR_DIM : UR_WARN;

		y = 4 + i;
		attrset(base);
		mvhline(y, 0, ' ', COLS);
		ui_format_date(r->key.date, date, sizeof date);
		x = 1;
		ui_put(y, x, c.date, date, base, 0);
		x += c.date + 1;
		ui_put(y, x, c.kind, forms_kind_title(r->key.kind, i18n_lang()), base, 0);
		x += c.kind + 1;
		ui_put(y, x, c.vol, r->volunteer, base, 0);
		x += c.vol + 1;
		ui_put(y, x, c.label, r->label, base | (sel ? 0 : A_BOLD), 0);
		x += c.label + 1;
		ui_put(y, x, c.muni, r->muni, base, 0);
		x += c.muni + 1;
		ui_put(y, x, c.state, rv_state_label(r->state), sel ? base : ui_attr(ui, srole),
		    0);
	}
	if (v->pg.nrows == 0)
		ui_put(4 + h / 2 - 1, 2, COLS - 4, _("Nothing matches. Esc clears the search "
		    "and the filters."), ui_attr(ui, UR_DIM), 0);
	else if (v->tab == 3 && v->pg.sel < v->pg.nrows)
		rv_draw_preview(v, ui, ((struct rrow *)pager_row(&v->pg, v->pg.sel))->key.id);
	if (!v->pg.at_end && v->pg.nrows > 0)
		ui_put(LINES - 3, COLS - 2, 1, "↓", ui_attr(ui, UR_DIM), 0);
	if (v->pg.start.top > 0)
		ui_put(4, COLS - 2, 1, "↑", ui_attr(ui, UR_DIM), 0);
}

static int
rv_check_filters(struct ui_form_line *lines, int n, int *bad, char *msg, size_t size,
    void *payload)
{
	const char *k = lines[2].value;

	(void)n;
	(void)payload;
	if (k[0] && strcmp(k, "visit") != 0 && strcmp(k, "task") != 0 &&
	    strcmp(k, "workshop") != 0) {
		*bad = 2;
		snprintf(msg, size, _("'%s' is not a kind (visit, task or workshop)"), k);
		return -1;
	}
	return ui_check_period(lines, 3, 4, bad, msg, size);
}

static char *
rv_nonempty(const char *s)
{
	return s[0] ? xstrdup(s) : NULL;
}

static void
rv_edit_filters(struct rview *v, struct ui *ui)
{
	struct ui_form_line lines[5] = {
		{ .label = _("Volunteer"), .help = _("Only this volunteer's records (their "
		    "id); empty for everyone.") },
		{ .label = _("Municipality"), .help = _("Only records of this municipality; "
		    "empty for all.") },
		{ .label = _("Kind"), .help = _("visit, task or workshop; empty for all.") },
		{ .label = _("From date"), .help = _("2026-11-20 or 20/11/2026; empty for no "
		    "limit.") },
		{ .label = _("To date"), .help = _("2026-11-20 or 20/11/2026; empty for no "
		    "limit.") },
	};
	int i;

	lines[0].value = xstrdup(v->volunteer ? v->volunteer : "");
	lines[1].value = xstrdup(v->muni ? v->muni : "");
	lines[2].value = xstrdup(v->kind ? v->kind : "");
	lines[3].value = xstrdup(v->from);
	lines[4].value = xstrdup(v->to);
	if (ui_simple_form(ui, _("Filters"), NULL, lines, 5, rv_check_filters, NULL) == 1) {
		free(v->volunteer);
		free(v->muni);
		free(v->kind);
		v->volunteer = rv_nonempty(lines[0].value);
		v->muni = rv_nonempty(lines[1].value);
		v->kind = rv_nonempty(lines[2].value);
		if (lines[3].value[0] == '\0' || date_parse(lines[3].value, v->from) != 0)
			v->from[0] = '\0';
		if (lines[4].value[0] == '\0' || date_parse(lines[4].value, v->to) != 0)
			v->to[0] = '\0';
		pager_refilter(&v->pg, ui);
	}
	for (i = 0; i < 5; i++)
		free(lines[i].value);
}

static void
rv_figures(struct rview *v, struct ui *ui)
{
	struct record_filter f;

	rv_filter(v, &f);
	screen_figures_open(ui, &f);
}

/* ---- businesses: merge from the screen (m on a business, D on the review screen) ---- */

#define MERGE_PICK_MAX 20000	/* businesses offered in the picker */

struct biz {
	char id[UUID_LEN + 1];
	char *label;		/* "name · municipality" */
	char *key;		/* business_name_key, a tab, the folded municipality */
};

struct biz_list {
	struct biz *v;
	int n, cap;
};

static int
collect_business(const struct record *r, void *payload)
{
	struct biz_list *l = payload;
	const char *name = record_field_str(r, "name"), *muni = record_field_str(r, "municipality");
	char *key, *fold;

	if (l->n >= MERGE_PICK_MAX)
		return 1;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
	}
	snprintf(l->v[l->n].id, sizeof l->v[l->n].id, "%s", r->id);
	l->v[l->n].label = xasprintf("%s · %s", name ? name : "", muni ? muni : "");
	key = business_name_key(name ? name : "");
	fold = text_fold(muni ? muni : "");
	l->v[l->n].key = xasprintf("%s\t%s", key, fold);
	free(key);
	free(fold);
	l->n++;
	return 0;
}

/* Same key together, the oldest id first (the survivor of a pair); labels otherwise. */
static int
compare_biz(const void *pa, const void *pb)
{
	const struct biz *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	return c != 0 ? c : strcmp(a->id, b->id);
}

static int
biz_list_load(struct ui *ui, struct biz_list *l)
{
	struct record_filter f = { .kind = "business" };
	struct error err = { 0 };

	if (store_list(ui->app->st, &f, collect_business, l, &err) != 0) {
		ui_message(ui, UR_ERROR, "%s", err.msg);
		return -1;
	}
	if (l->n > 1)
		qsort(l->v, (size_t)l->n, sizeof *l->v, compare_biz);
	return 0;
}

static void
biz_list_free(struct biz_list *l)
{
	int i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].label);
		free(l->v[i].key);
	}
	free(l->v);
}

void
ui_business_merge(struct ui *ui, const char *from, const char *from_label, const char *into,
    const char *into_label)
{
	struct error err = { 0 };
	char *question;
	long moved = 0;
	int yes;

	if (strcmp(from, into) == 0) {
		ui_message(ui, UR_ERROR, "%s", _("A business cannot be merged into itself: pick "
		    "the other record of the same business."));
		return;
	}
	question = xasprintf(_("Merge “%s” into “%s”? Its visits and tasks move there."),
	    from_label, into_label);
	yes = ui_confirm(ui, question);
	free(question);
	if (!yes)
		return;
	if (business_merge(ui->app->st, from, into, ui->app->cfg->id, &moved, &err) != 0) {
		ui_message(ui, UR_ERROR, _("Not merged: %s"), err.msg);
		return;
	}
	ui_records_changed(ui);
	ui_message(ui, UR_OK, ngettext("Merged into “%s”: %ld record moved.",
	    "Merged into “%s”: %ld records moved.", (unsigned long)moved), into_label, moved);
}

void
ui_business_merge_ask(struct ui *ui, const char *from)
{
	struct biz_list l = { 0 };
	const char **labels = NULL;
	const char *from_label = NULL;
	int i, pick, current = 0;

	if (biz_list_load(ui, &l) != 0)
		goto out;
	labels = xcalloc((size_t)l.n + 1, sizeof *labels);
	for (i = 0; i < l.n; i++) {
		labels[i] = l.v[i].label;
		if (strcmp(l.v[i].id, from) == 0) {
			from_label = l.v[i].label;
			current = i;
		}
	}
	if (from_label == NULL) {
		ui_message(ui, UR_ERROR, "%s", _("This business is no longer here (merged or "
		    "deleted)."));
		goto out;
	}
	pick = ui_pick(ui, _("Merge into which business? (letters jump)"), labels, l.n, 0,
	    NULL, current);
	if (pick >= 0)
		ui_business_merge(ui, from, from_label, l.v[pick].id, l.v[pick].label);
out:
	free(labels);
	biz_list_free(&l);
}

/* D: pairs of businesses with the same name key and municipality (two laptops that made
 * "the same" business offline); Enter merges the newer into the older. */
static void
rv_duplicates(struct ui *ui)
{
	struct biz_list l = { 0 };
	char **labels = NULL;
	int *newer = NULL, *older = NULL, n = 0, i, j, pick;

	if (biz_list_load(ui, &l) != 0)
		goto out;
	labels = xcalloc((size_t)l.n + 1, sizeof *labels);
	newer = xcalloc((size_t)l.n + 1, sizeof *newer);
	older = xcalloc((size_t)l.n + 1, sizeof *older);
	for (i = 0; i < l.n; i = j) {
		for (j = i + 1; j < l.n && strcmp(l.v[j].key, l.v[i].key) == 0; j++) {
			if (l.v[i].key[0] == '\t')
				continue;	/* a name with no letter: nothing to compare */
			older[n] = i;
			newer[n] = j;
			labels[n++] = xasprintf("%s  ←  %s", l.v[i].label, l.v[j].label);
		}
	}
	if (n == 0) {
		ui_message(ui, UR_OK, "%s", _("No likely duplicate businesses."));
		goto out;
	}
	pick = ui_pick(ui, _("Likely duplicates (Enter merges the right one into the left)"),
	    (const char *const *)labels, n, 0, NULL, 0);
	if (pick >= 0)
		ui_business_merge(ui, l.v[newer[pick]].id, l.v[newer[pick]].label,
		    l.v[older[pick]].id, l.v[older[pick]].label);
out:
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(newer);
	free(older);
	biz_list_free(&l);
}

static void
rv_key(struct screen *s, struct ui *ui, int is_key, wint_t ch)
{
	struct rview *v = s->data;
	char id[UUID_LEN + 1] = "";
	char *text;

	if (v->pg.sel < v->pg.nrows)
		memcpy(id, ((struct rrow *)pager_row(&v->pg, v->pg.sel))->key.id, sizeof id);
	if (!(is_key == 0 && ch == ESC))
		ui_message(ui, UR_NORMAL, NULL);
	if (is_key) {
		if (pager_key(&v->pg, ui, ch))
			return;
		switch (ch) {
		case KEY_ENTER:
			if (id[0])
				screen_detail_open(ui, id);
			return;
		case KEY_F(1):
			ui_push(ui, &screen_help_ops, NULL);
			return;
		}
		return;
	}
	if (ui_letter_move(ch) != 0) {
		rv_key(s, ui, 1, ui_letter_move(ch));
		return;
	}
	switch (ch) {
	case '\r':
	case '\n':
		if (id[0])
			screen_detail_open(ui, id);
		return;
	case '1': case '2': case '3': case '4':
		if ((int)(ch - '1') != v->tab) {
			v->tab = (int)(ch - '1');
			pager_refilter(&v->pg, ui);
		}
		return;
	case '\t':
		v->tab = (v->tab + 1) % 4;
		pager_refilter(&v->pg, ui);
		return;
	case 'o':
		if (id[0])
			review_store(ui, id, 0, NULL);
		return;
	case 'x':
		if (id[0])
			review_flag_ask(ui, id);
		return;
	case 'c':
	case 't':
		if (id[0])
			ui_conflict_settle(ui, id, ch == 't');
		return;
	case '/':
		text = xstrdup(v->search ? v->search : "");
		if (ui_prompt(ui, _("Search:"), &text)) {
			free(v->search);
			v->search = *text ? text : NULL;
			if (!*text)
				free(text);
			pager_refilter(&v->pg, ui);
		} else
			free(text);
		return;
	case 'f':
		rv_edit_filters(v, ui);
		return;
	case 'F':
		rv_figures(v, ui);
		return;
	case 'D':
		rv_duplicates(ui);
		return;
	case ESC:
		if (v->search || v->volunteer || v->muni || v->kind || v->from[0] || v->to[0]) {
			free(v->search);
			free(v->volunteer);
			free(v->muni);
			free(v->kind);
			v->search = v->volunteer = v->muni = v->kind = NULL;
			v->from[0] = v->to[0] = '\0';
			ui_message(ui, UR_NORMAL, "%s", _("Search and filters cleared."));
			pager_refilter(&v->pg, ui);
		} else
			ui_close(ui, s);
		return;
	case 'q':
		ui_close(ui, s);
		return;
	case '?':
		ui_push(ui, &screen_help_ops, NULL);
		return;
	case CTRL('l'):
		clearok(curscr, TRUE);
		return;
	}
}

static int
rv_enter(struct screen *s, struct ui *ui)
{
	struct rview *v = xcalloc(1, sizeof *v);

	s->data = v;
	pager_init(&v->pg, &rv_pager_ops, v, RV_BARS);
	pager_load(&v->pg, ui);
	return 0;
}

static void
rv_idle(struct screen *s, struct ui *ui)
{
	pager_idle(&((struct rview *)s->data)->pg, ui);
}

static void
rv_reload(struct screen *s, struct ui *ui)
{
	struct rview *v = s->data;

	v->pg.count_stale = 1;
	v->preview_id[0] = '\0';	/* a settled or newly received conflict */
	pager_load(&v->pg, ui);
	/* The page emptied (a review took its rows out of the status shown): step back. */
	while (v->pg.nrows == 0 && v->pg.start.mode != PAGE_TOP && pager_back(&v->pg, ui))
		;
}

static void
rv_leave(struct screen *s, struct ui *ui)
{
	struct rview *v = s->data;

	(void)ui;
	if (v == NULL)
		return;
	pager_free(&v->pg);
	ui_conflict_diffs_free(v->diffs, v->ndiffs);
	free(v->search);
	free(v->volunteer);
	free(v->muni);
	free(v->kind);
	free(v);
}

static const struct screen_ops screen_review_ops = {
	.name = "review",
	.enter = rv_enter,
	.draw = rv_draw,
	.key = rv_key,
	.leave = rv_leave,
	.reload = rv_reload,
	.idle = rv_idle,
};

int
screen_review_open(struct ui *ui)
{
	if (ui->app->cfg->role != ROLE_COORDINATOR) {
		ui_message(ui, UR_WARN, "%s", _("The review screen is for coordinators (role = "
		    "coordinator in the config)."));
		return -1;
	}
	return ui_push(ui, &screen_review_ops, NULL);
}
