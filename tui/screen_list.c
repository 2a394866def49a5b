/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen_list.c: the list of records, kinds as tabs, newest first.
 *
 * Only the visible page is ever read, by key (tui/ui_pager.c).
 */
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/store_business.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/summary.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/job.h"
#include "tui/screens.h"
#include "tui/ui_pager.h"

#define ESC 27
#define CTRL(c) ((c) & 0x1f)

struct row {
	struct pager_row key;	/* id, date, kind: the pager's */
	char *label, *muni, *extra;
	int synced, warn;
};

/* The tabs: the three kinds of work, all of it, and the businesses it is for. */
#define NTABS 5
#define TAB_BUSINESSES 4

struct list {
	int tab;		/* 0 visits, 1 tasks, 2 workshops, 3 all, 4 businesses */
	int mine;		/* only this volunteer's records */
	char *search, *muni;
	char from[DATE_LEN + 1], to[DATE_LEN + 1];

	struct pager pg;	/* its rows are struct row */
	char follow[UUID_LEN + 1];	/* the record to select at the next reload, or "" */
};

static void
release_row(void *row)
{
	struct row *r = row;

	free(r->label);
	free(r->muni);
	free(r->extra);
}

static void
fill_filter(void *owner, struct ui *ui, struct record_filter *f)
{
	struct list *l = owner;

	memset(f, 0, sizeof *f);
	f->kind = l->tab < 3 ? record_kind_at((size_t)l->tab) : l->tab == TAB_BUSINESSES ?
	    "business" : NULL;
	f->work_only = l->tab == 3;
	f->volunteer = l->mine ? ui->app->cfg->id : NULL;
	f->municipality = l->muni;
	f->from = l->from[0] ? l->from : NULL;
	f->to = l->to[0] ? l->to : NULL;
	f->search = l->search;
}

/* What the list shows of a record, from its row. */
static void
collect(void *owner, void *to, const struct record_row *r)
{
	struct row *row = to;

	if (strcmp(r->kind, "task") == 0 && r->title != NULL && r->business != NULL)
		row->label = xasprintf("%s · %s", r->title, r->business);
	else
		row->label = xstrdup(r->label);
	row->muni = xstrdup(r->municipality);
	row->extra = form_row_extra(r, i18n_lang());
	row->synced = r->synced;
	row->warn = r->conflict || r->flagged;
}

static const struct pager_ops list_pager_ops = {
	.row_size = sizeof(struct row),
	.filter = fill_filter,
	.fill = collect,
	.want = STORE_ROW_TITLE,
	.release = release_row,
};

static void
draw_tabs(struct list *l, struct ui *ui)
{
	const char *names[NTABS];
	char buf[128], right[512], num[32];
	int x = 1, i, used;
	size_t o = 0;

	names[0] = _("Visits");
	names[1] = _("Tasks");
	names[2] = _("Workshops");
	names[3] = _("All");
	names[4] = _("Businesses");
	attrset(A_NORMAL);
	mvhline(1, 0, ' ', COLS);
	for (i = 0; i < NTABS; i++) {
		if (i == l->tab)
			snprintf(buf, sizeof buf, "[%d %s]", i + 1, names[i]);
		else
			snprintf(buf, sizeof buf, " %d %s ", i + 1, names[i]);
		x += ui_put(1, x, COLS - x, buf, ui_attr(ui, i == l->tab ? UR_TAB_ACTIVE :
		    UR_TAB), 0) + 1;
	}
	right[0] = '\0';
	if (l->search && *l->search)
		o += (size_t)snprintf(right + o, sizeof right - o, "/%s · ", l->search);
	else
		o += (size_t)snprintf(right + o, sizeof right - o, "/ %s · ", _("search"));
	if (l->muni && *l->muni)
		o += (size_t)snprintf(right + o, sizeof right - o, "%s · ", l->muni);
	if (l->from[0] || l->to[0])
		o += (size_t)snprintf(right + o, sizeof right - o, "%s–%s · ", l->from, l->to);
	o += (size_t)snprintf(right + o, sizeof right - o, "%s", l->mine ? _("mine") :
	    _("everyone"));
	if (!l->pg.count_stale && l->pg.count >= 0 && o < sizeof right) {
		snprintf(num, sizeof num, "%ld", l->pg.count);
		snprintf(right + o, sizeof right - o, " · %s", num);
	}
	used = COLS - x - 1;
	if (used > 2)
		ui_put(1, x, used, right, ui_attr(ui, UR_DIM), PUT_RIGHT);
}

/* Column widths at the current size. */
struct columns {
	int date, kind, label, muni, extra;
};

/* The widest kind name of the session's language ("Obradoiro"), 8 to 12 columns. */
static int
kind_width(void)
{
	static const char *const kinds[] = { "visit", "task", "workshop" };
	int w = 8, kw;
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if ((kw = ui_text_width(forms_kind_title(kinds[i], i18n_lang()))) > w)
			w = kw;
	return w < 12 ? w : 12;
}

static void
columns(struct columns *c)
{
	int rest;

	c->date = 10;
	c->kind = kind_width();
	c->muni = COLS >= 120 ? 24 : COLS >= 90 ? 18 : 16;
	c->extra = COLS >= 120 ? 16 : 10;
	rest = COLS - (1 + c->date + 2 + c->kind + 1 + 1 + c->muni + 1 + c->extra + 1 + 4);
	c->label = rest > 8 ? rest : 8;
}

static void
draw_row(struct list *l, struct ui *ui, int i, int y, const struct columns *c)
{
	const struct row *r = pager_row(&l->pg, i);
	int selected = i == l->pg.sel, base = selected ? ui_attr(ui, UR_SELECTED) : (int)A_NORMAL;
	char date[32];
	int x = 0;

	attrset(base);
	mvhline(y, 0, ' ', COLS);
	ui_format_date(r->key.date, date, sizeof date);
	x = 1;
	ui_put(y, x, c->date, date, base, 0);
	x += c->date + 2;
	ui_put(y, x, c->kind, forms_kind_title(r->key.kind, i18n_lang()), base, 0);
	x += c->kind + 1;
	ui_put(y, x, c->label, r->label, base | (selected ? 0 : A_BOLD), 0);
	x += c->label + 1;
	ui_put(y, x, c->muni, r->muni, base, 0);
	x += c->muni + 1;
	ui_put(y, x, c->extra, r->extra, base, 0);
	x += c->extra + 1;
	if (!r->synced)
		ui_put(y, x, 1, "●", selected ? base : ui_attr(ui, UR_MARK), 0);
	if (r->warn)
		ui_put(y, x + 2, 1, "⚠", selected ? base : ui_attr(ui, UR_WARN), 0);
}

static void
list_draw(struct screen *s, struct ui *ui)
{
	struct list *l = s->data;
	struct columns c;
	int i, h = pager_height(&l->pg);

	if (h != l->pg.page_h)
		pager_load(&l->pg, ui);	/* the terminal was resized */
	ui_draw_bars(ui, ui->app->cfg->role == ROLE_COORDINATOR ?
	    _("n new  Enter open  e edit  / search  s sync  p print  A agenda  ? help  R review") :
	    _("n new  Enter open  e edit  / search  s sync  p print  A agenda  ? help"));
	draw_tabs(l, ui);
	ui_rule(2);
	columns(&c);
	for (i = 0; i < l->pg.nrows && i < h; i++)
		draw_row(l, ui, i, 3 + i, &c);
	if (l->pg.nrows == 0) {
		const char *empty = (l->search && *l->search) || (l->muni && *l->muni) ||
		    l->from[0] || l->to[0] ? _("Nothing matches. Esc clears the search and the "
		    "filters.") : _("No records here yet. Press n to log a visit, a task or a "
		    "workshop.");
		ui_put(3 + h / 2 - 1, 2, COLS - 4, empty, ui_attr(ui, UR_DIM), 0);
	}
	if (!l->pg.at_end && l->pg.nrows > 0)
		ui_put(LINES - 3, COLS - 2, 1, "↓", ui_attr(ui, UR_DIM), 0);
	if (l->pg.start.top > 0)
		ui_put(3, COLS - 2, 1, "↑", ui_attr(ui, UR_DIM), 0);
}

/* n, then v, t or w. */
static void
new_record(struct ui *ui)
{
	char *saved = xstrdup(ui->msg);
	int role = ui->msg_role, rc;
	wint_t ch;

	ui_message(ui, UR_TITLE, "%s", _("New: v visit · t task · w workshop (Esc: back)"));
	ui_draw(ui);
	rc = ui_getkey(ui, &ch);
	ui_message(ui, role, "%s", saved);
	free(saved);
	if (rc != OK)
		return;
	if (ch == 'v')
		screen_form_new(ui, "visit");
	else if (ch == 't')
		screen_form_new(ui, "task");
	else if (ch == 'w')
		screen_form_new(ui, "workshop");
}

static int
check_filters(struct ui_form_line *lines, int n, int *bad, char *msg, size_t size,
    void *payload)
{
	return ui_check_period(lines, 1, 2, bad, msg, size);
}

static void
edit_filters(struct list *l, struct ui *ui)
{
	struct ui_form_line lines[3] = {
		{ .label = _("Municipality"), .help = _("Only records of this municipality; "
		    "empty for all.") },
		{ .label = _("From date"), .help = _("2026-11-20 or 20/11/2026; empty for no "
		    "limit.") },
		{ .label = _("To date"), .help = _("2026-11-20 or 20/11/2026; empty for no "
		    "limit.") },
	};
	int i;

	lines[0].value = xstrdup(l->muni ? l->muni : "");
	lines[1].value = xstrdup(l->from);
	lines[2].value = xstrdup(l->to);
	if (ui_simple_form(ui, _("Filters"), NULL, lines, 3, check_filters, NULL) == 1) {
		free(l->muni);
		l->muni = lines[0].value[0] ? xstrdup(lines[0].value) : NULL;
		if (lines[1].value[0] == '\0' || date_parse(lines[1].value, l->from) != 0)
			l->from[0] = '\0';
		if (lines[2].value[0] == '\0' || date_parse(lines[2].value, l->to) != 0)
			l->to[0] = '\0';
		pager_refilter(&l->pg, ui);
	}
	for (i = 0; i < 3; i++)
		free(lines[i].value);
}

int
ui_delete_record(struct ui *ui, const char *id)
{
	struct record *r = NULL;
	struct error err = { 0 };
	char *q;
	int done = 0;

	if (store_record_get(ui->app->st, id, &r, &err) != 0) {
		ui_message(ui, UR_ERROR, "%s", err.msg);
		return 0;
	}
	q = xasprintf(_("Delete %s “%s”? The deletion is kept and synced."),
	    forms_kind_title(r->kind, i18n_lang()), record_label(r));
	if (ui_confirm(ui, q)) {
		r->deleted = 1;
		if (store_record_save(ui->app->st, r, ui->app->cfg->id, &err) != 0)
			ui_message(ui, UR_ERROR, "%s", err.msg);
		else {
			ui_message(ui, UR_OK, "%s", _("Deleted."));
			done = 1;
			ui_records_changed(ui);
			if (ui->app->cfg->auto_sync)
				ui_sync_start(ui, 0);
		}
	} else
		ui_message(ui, UR_NORMAL, NULL);
	free(q);
	record_free(r);
	return done;
}

void
ui_summary_ask(struct ui *ui, const char *id, const char *kind)
{
	const char *items[3], *lang_items[I18N_LANG_COUNT], *first;
	int pick, lang, workshop = strcmp(kind, "workshop") == 0;
	struct record *r = NULL;
	struct error err;

	if (strcmp(kind, "task") == 0) {
		ui_message(ui, UR_WARN, "%s", _("Summaries are made for visits and workshops."));
		return;
	}
	items[0] = _("Save the summary as PDF");
	items[1] = _("Print the summary");
	items[2] = _("Save the attendance sheet to sign as PDF");
	pick = ui_pick(ui, _("Summary"), items, workshop ? 3 : 2, 0, NULL, 0);
	if (pick < 0)
		return;
	/* The business's language, which need not be the session's: offered first is the
	 * one `summary` would take without --lang (the record's, the programme's, ours). */
	lang_items[0] = _("Spanish (es)");
	lang_items[1] = _("English (en)");
	lang_items[2] = _("Catalan (ca)");
	lang_items[3] = _("Basque (eu)");
	lang_items[4] = _("Galician (gl)");
	if (store_record_get(ui->app->st, id, &r, &err) != 0)
		r = NULL;
	first = summary_lang_for(NULL, r, ui->app->st, ui->app->cfg);
	record_free(r);
	lang = ui_pick(ui, _("Language of the summary"), lang_items, I18N_LANG_COUNT, 0, NULL,
	    i18n_lang_index(first) >= 0 ? i18n_lang_index(first) : 0);
	if (lang >= 0)
		ui_summary_start(ui, id, pick == 1, i18n_langs[lang], pick == 2);
}

/*
 * Read the page again with the cursor on record id: where its (new) date puts it, or, when
 * it is no longer listed (deleted, another kind), on its nearest neighbour (date, the date
 * it had, when the store no longer has it).
 */
static void
list_seek(struct list *l, struct ui *ui, const char *id, const char *date)
{
	struct record *r = NULL;
	struct error err = { 0 };
	char key[DATE_LEN + 1];

	snprintf(key, sizeof key, "%s", date);
	if (store_record_get(ui->app->st, id, &r, &err) == 0) {
		record_sort_date(r, key);
		record_free(r);
	}
	if (key[0] == '\0')
		pager_load(&l->pg, ui);
	else
		pager_seek(&l->pg, ui, key, id);
}

/* The selected row's id and date ("" when the page is empty). */
static void
list_current(const struct list *l, char *id, char *date)
{
	const struct row *cur;

	id[0] = date[0] = '\0';
	if (l->pg.sel >= l->pg.nrows)
		return;
	cur = pager_row(&l->pg, l->pg.sel);
	memcpy(id, cur->key.id, UUID_LEN + 1);
	memcpy(date, cur->key.date, DATE_LEN + 1);
}

static struct list *
list_on_stack(struct ui *ui)
{
	struct screen *s;

	for (s = ui->top; s != NULL; s = s->below)
		if (s->ops == &screen_list_ops && !s->closing)
			return s->data;
	return NULL;
}

void
screen_list_follow(struct ui *ui, const char *id)
{
	struct list *l = list_on_stack(ui);

	if (l != NULL)
		snprintf(l->follow, sizeof l->follow, "%s", id);
}

static void
set_tab(struct list *l, struct ui *ui, int tab)
{
	char id[UUID_LEN + 1], date[DATE_LEN + 1];

	if (tab == l->tab)
		return;
	list_current(l, id, date);
	l->tab = tab;
	if (id[0] == '\0') {
		pager_refilter(&l->pg, ui);
		return;
	}
	/* The same record, if this tab lists it, else the nearest. */
	l->pg.count_stale = 1;
	l->pg.nstack = 0;
	memset(&l->pg.start, 0, sizeof l->pg.start);
	pager_seek(&l->pg, ui, date, id);
}

/* ---- the agenda (A) and the counts at start ---- */

#define AGENDA_MAX 500	/* lines in the agenda's list: more is a backlog, not a day */

struct agenda_rows {
	const char *today;
	char **labels;
	char (*ids)[UUID_LEN + 1];
	int n, cap;
};

/* One line: "20/11/2026  overdue  follow-up  Panadería · Web nueva". */
static int
agenda_row(const struct record *r, const char *when, void *payload)
{
	struct agenda_rows *a = payload;
	const char *title = record_field_str(r, "title");
	const char *business = record_field_str(r, "business");
	char date[32];

	if (a->n >= AGENDA_MAX)
		return 1;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 32;
		a->labels = xrealloc(a->labels, (size_t)a->cap * sizeof *a->labels);
		a->ids = xrealloc(a->ids, (size_t)a->cap * sizeof *a->ids);
	}
	ui_format_date(when, date, sizeof date);
	a->labels[a->n] = xasprintf("%s  %-9s %-10s %s%s%s", date,
	    strcmp(when, a->today) < 0 ? _("overdue") : _("today"),
	    strcmp(r->kind, "visit") == 0 ? _("follow-up") : _("task due"),
	    business ? business : "", title ? " · " : "", title ? title : "");
	snprintf(a->ids[a->n], sizeof a->ids[a->n], "%s", r->id);
	a->n++;
	return 0;
}

static void
agenda_free(struct agenda_rows *a)
{
	int i;

	for (i = 0; i < a->n; i++)
		free(a->labels[i]);
	free(a->labels);
	free(a->ids);
}

/* A: what `volunteer agenda` lists (my follow-ups and task due dates, due or overdue,
 * soonest first); Enter opens the record. */
static void
agenda_open(struct ui *ui)
{
	struct agenda_rows a = { 0 };
	struct error err = { 0 };
	char today[DATE_LEN + 1];
	int pick;

	clock_today(today);
	a.today = today;
	a.labels = xcalloc(1, sizeof *a.labels);
	if (store_agenda(ui->app->st, ui->app->cfg->id, today, agenda_row, &a, &err) != 0)
		ui_message(ui, UR_ERROR, "%s", err.msg);
	else if (a.n == 0)
		ui_message(ui, UR_OK, "%s", _("Nothing due: no follow-up or task due date has "
		    "come."));
	else if ((pick = ui_pick(ui, _("Agenda: due and overdue"), (const char *const *)a.labels,
	    a.n, 0, NULL, 0)) >= 0)
		screen_detail_open(ui, a.ids[pick]);
	agenda_free(&a);
}

void
screen_list_say_start(struct ui *ui)
{
	struct record_filter f = { 0 };
	char today[DATE_LEN + 1], *due = NULL, *flagged = NULL;
	long n = 0, due_today = 0, overdue = 0;

	if (ui->app->cfg->id == NULL)
		return;
	clock_today(today);
	if (store_agenda_count(ui->app->st, ui->app->cfg->id, today, &due_today, &overdue,
	    NULL) == 0 && due_today + overdue > 0)
		due = xasprintf(_("Agenda (A): %ld due today, %ld overdue"), due_today, overdue);
	f.flagged_for = ui->app->cfg->id;
	if (store_count(ui->app->st, &f, &n, NULL) == 0 && n > 0)
		flagged = xasprintf(ngettext("%ld record flagged for you (⚠ in the list)",
		    "%ld records flagged for you (⚠ in the list)", (unsigned long)n), n);
	if (due != NULL || flagged != NULL)
		ui_message(ui, UR_WARN, "%s%s%s", due ? due : "", due && flagged ? " · " : "",
		    flagged ? flagged : "");
	free(due);
	free(flagged);
}

static void
list_key(struct screen *s, struct ui *ui, int is_key, wint_t ch)
{
	struct list *l = s->data;
	const struct row *cur = l->pg.sel < l->pg.nrows ? pager_row(&l->pg, l->pg.sel) : NULL;
	char id[UUID_LEN + 1] = "", kind[16] = "";
	char *text;

	if (cur != NULL) {
		memcpy(id, cur->key.id, sizeof id);
		memcpy(kind, cur->key.kind, sizeof kind);
	}
	if (!(is_key == 0 && (ch == ESC)))
		ui_message(ui, UR_NORMAL, NULL);
	if (is_key) {
		if (pager_key(&l->pg, ui, ch))
			return;
		switch (ch) {
		case KEY_RIGHT:
			set_tab(l, ui, (l->tab + 1) % NTABS);
			return;
		case KEY_LEFT:
			set_tab(l, ui, (l->tab + NTABS - 1) % NTABS);
			return;
		case KEY_BTAB:
			set_tab(l, ui, (l->tab + NTABS - 1) % NTABS);
			return;
		case KEY_ENTER:
			list_key(s, ui, 0, '\r');
			return;
		case KEY_F(1):
			ui_push(ui, &screen_help_ops, NULL);
			return;
		}
		return;
	}
	if (ui_letter_move(ch) != 0) {
		list_key(s, ui, 1, ui_letter_move(ch));
		return;
	}
	switch (ch) {
	case '\r':
	case '\n':
		/* A business opens on its page, with its history. */
		if (cur != NULL && strcmp(kind, "business") == 0)
			screen_business_open(ui, id);
		else if (cur != NULL)
			screen_detail_open(ui, id);
		return;
	case '1': case '2': case '3': case '4': case '5':
		set_tab(l, ui, (int)(ch - '1'));
		return;
	case '\t':
		set_tab(l, ui, (l->tab + 1) % NTABS);
		return;
	case 'n':
		new_record(ui);
		return;
	case 'e':
		if (cur != NULL)
			screen_form_edit(ui, id);
		return;
	case 'd':
		if (cur != NULL)
			ui_delete_record(ui, id);
		return;
	case '/':
		text = xstrdup(l->search ? l->search : "");
		if (ui_prompt(ui, _("Search:"), &text)) {
			free(l->search);
			l->search = *text ? text : NULL;
			if (!*text)
				free(text);
			pager_refilter(&l->pg, ui);
		} else
			free(text);
		return;
	case 'f':
		edit_filters(l, ui);
		return;
	case 'a':
		l->mine = !l->mine;
		ui_message(ui, UR_NORMAL, "%s", l->mine ? _("Showing your records.") :
		    _("Showing everyone's records."));
		pager_refilter(&l->pg, ui);
		return;
	case ESC:
		if ((l->search && *l->search) || l->muni || l->from[0] || l->to[0]) {
			free(l->search);
			free(l->muni);
			l->search = l->muni = NULL;
			l->from[0] = l->to[0] = '\0';
			ui_message(ui, UR_NORMAL, "%s", _("Search and filters cleared."));
			pager_refilter(&l->pg, ui);
		} else
			ui_message(ui, UR_NORMAL, NULL);
		return;
	case 's':
		ui_sync_start(ui, 1);
		return;
	case 'p':
		if (cur != NULL)
			ui_summary_ask(ui, id, kind);
		return;
	case 'r':
		if (cur != NULL)
			ui_review_record(ui, id);
		return;
	case 'R':
		screen_review_open(ui);
		return;
	case 'A':
		agenda_open(ui);
		return;
	case 'm':
		if (cur != NULL && strcmp(kind, "business") == 0)
			ui_business_merge_ask(ui, id);
		return;
	case 'F': {
		struct record_filter f;
		fill_filter(l, ui, &f);
		screen_figures_open(ui, &f);
		return;
	}
	case '?':
		ui_push(ui, &screen_help_ops, NULL);
		return;
	case CTRL('l'):
		clearok(curscr, TRUE);
		return;
	case 'q':
	case CTRL('c'):
		if (ui_job_fd(ui) >= 0 && !ui_confirm(ui, _("A sync or a summary is still "
		    "running. Quit anyway? Nothing is lost; the next sync finishes the job.")))
			return;
		ui->quit = 1;
		return;
	}
}

static int
list_enter(struct screen *s, struct ui *ui)
{
	struct list *l = xcalloc(1, sizeof *l);

	s->data = l;
	l->tab = 3;
	/* A volunteer sees their own records, a coordinator everyone's (as the command
	 * line); `a` switches. */
	l->mine = ui->app->cfg->role != ROLE_COORDINATOR;
	pager_init(&l->pg, &list_pager_ops, l, 5);
	pager_load(&l->pg, ui);
	return 0;
}

static void
list_idle(struct screen *s, struct ui *ui)
{
	pager_idle(&((struct list *)s->data)->pg, ui);
}

static void
list_reload(struct screen *s, struct ui *ui)
{
	struct list *l = s->data;
	char id[UUID_LEN + 1], date[DATE_LEN + 1];

	l->pg.count_stale = 1;
	/* The cursor stays on its record (or goes to the one just saved), wherever the
	 * change moved it; a deleted one leaves it on its neighbour. */
	list_current(l, id, date);
	if (l->follow[0] != '\0')
		snprintf(id, sizeof id, "%s", l->follow);
	l->follow[0] = '\0';
	if (id[0] != '\0')
		list_seek(l, ui, id, date);
	else
		pager_load(&l->pg, ui);
	/* The page emptied (its records were deleted): step back. */
	while (l->pg.nrows == 0 && l->pg.start.mode != PAGE_TOP && pager_back(&l->pg, ui))
		;
}

static void
list_leave(struct screen *s, struct ui *ui)
{
	struct list *l = s->data;

	if (l == NULL)
		return;
	pager_free(&l->pg);
	free(l->search);
	free(l->muni);
	free(l);
}

const struct screen_ops screen_list_ops = {
	.name = "list",
	.enter = list_enter,
	.draw = list_draw,
	.key = list_key,
	.leave = list_leave,
	.reload = list_reload,
	.idle = list_idle,
};
