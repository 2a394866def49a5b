/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_pager.c: see ui_pager.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "tui/screens.h"
#include "tui/ui_pager.h"

void
pager_init(struct pager *p, const struct pager_ops *ops, void *owner, int bars)
{
	memset(p, 0, sizeof *p);
	p->ops = ops;
	p->owner = owner;
	p->bars = bars;
	p->count = -1;
	p->count_stale = 1;
}

void *
pager_row(const struct pager *p, int i)
{
	return p->rows + (size_t)i * p->ops->row_size;
}

/* Forget rows from..to-1. */
static void
drop_rows(struct pager *p, int from, int to)
{
	int i;

	if (p->ops->release != NULL)
		for (i = from; i < to; i++)
			p->ops->release(pager_row(p, i));
}

static void
swap_rows(struct pager *p, int i, int j)
{
	size_t size = p->ops->row_size;
	void *spare = pager_row(p, p->caprows);

	memcpy(spare, pager_row(p, i), size);
	memcpy(pager_row(p, i), pager_row(p, j), size);
	memcpy(pager_row(p, j), spare, size);
}

void
pager_free(struct pager *p)
{
	drop_rows(p, 0, p->nrows);
	p->nrows = 0;
	free(p->rows);
	p->rows = NULL;
	p->caprows = 0;
	free(p->stack);
	p->stack = NULL;
}

int
pager_height(const struct pager *p)
{
	int h = LINES - p->bars;

	return h > 1 ? h : 1;
}

static int
take(const struct record_row *r, void *payload)
{
	struct pager *p = payload;
	struct pager_row *row;

	if (p->nrows >= p->limit)
		return 1;
	if (p->nrows == p->caprows) {
		p->caprows = p->caprows ? p->caprows * 2 : 64;
		p->rows = xrealloc(p->rows, (size_t)(p->caprows + 1) * p->ops->row_size);
	}
	row = pager_row(p, p->nrows);
	memset(row, 0, p->ops->row_size);
	memcpy(row->id, r->id, sizeof row->id);
	memcpy(row->date, r->date, sizeof row->date);
	memcpy(row->kind, r->kind, sizeof row->kind);
	p->ops->fill(p->owner, row, r);
	p->nrows++;
	return 0;
}

void
pager_load(struct pager *p, struct ui *ui)
{
	struct record_filter f;
	struct error err = { 0 };
	double t0 = ui_now_ms();
	int backwards = p->start.mode == PAGE_BEFORE || p->start.mode == PAGE_END, i;

	drop_rows(p, 0, p->nrows);
	p->nrows = 0;
	p->page_h = pager_height(p);
	p->ops->filter(p->owner, ui, &f);
	if (p->start.mode == PAGE_AFTER || p->start.mode == PAGE_BEFORE) {
		f.after_date = p->start.date;
		f.after_id = p->start.id;
	}
	f.oldest_first = backwards;
	/* Forward, one more than fits tells whether there is a next page; backwards, the
	 * page below exists (we came from it, or it is the end). */
	f.limit = p->page_h + !backwards;
	p->limit = (int)f.limit;
	if (store_list_rows(ui->app->st, &f, p->ops->want, take, p, &err) != 0)
		ui_message(ui, UR_ERROR, "%s", err.msg);
	if (backwards) {
		for (i = 0; i < p->nrows / 2; i++)
			swap_rows(p, i, p->nrows - 1 - i);
		p->at_end = p->start.mode == PAGE_END;
		if (p->start.mode == PAGE_BEFORE && p->nrows < p->page_h) {
			/* Fewer rows above than a page: that is the top of the list. */
			memset(&p->start, 0, sizeof p->start);
			p->nstack = 0;
			pager_load(p, ui);
			return;
		}
	} else
		p->at_end = p->nrows <= p->page_h;
	if (p->nrows > p->page_h) {
		drop_rows(p, p->page_h, p->nrows);
		p->nrows = p->page_h;
	}
	if (p->sel >= p->nrows)
		p->sel = p->nrows > 0 ? p->nrows - 1 : 0;
	if (p->ops->loaded != NULL)
		p->ops->loaded(p->owner, ui);
	ui_trace(ui, "page_ms %.3f top %ld by %s", ui_now_ms() - t0, p->start.top,
	    backwards ? "key backwards" : "key");
}

static void
set_key(struct pager *p, int mode, int row)
{
	const struct pager_row *r = pager_row(p, row);

	p->start.mode = mode;
	snprintf(p->start.date, sizeof p->start.date, "%s", r->date);
	snprintf(p->start.id, sizeof p->start.id, "%s", r->id);
}

int
pager_forward(struct pager *p, struct ui *ui)
{
	long top = p->start.top + p->nrows;

	if (p->at_end || p->nrows == 0)
		return 0;
	if (p->nstack == p->capstack) {
		p->capstack = p->capstack ? p->capstack * 2 : 32;
		p->stack = xrealloc(p->stack, (size_t)p->capstack * sizeof *p->stack);
	}
	p->stack[p->nstack++] = p->start;
	set_key(p, PAGE_AFTER, p->nrows - 1);
	p->start.top = top;
	pager_load(p, ui);
	return 1;
}

int
pager_back(struct pager *p, struct ui *ui)
{
	if (p->nstack > 0)
		p->start = p->stack[--p->nstack];
	else if (p->start.mode == PAGE_BEFORE || p->start.mode == PAGE_END) {
		/* Reached from the end: the page of rows just newer than this page's first. */
		if (p->nrows == 0)
			return 0;
		set_key(p, PAGE_BEFORE, 0);
		p->start.top -= pager_height(p);
		if (p->start.top < 0)
			p->start.top = 0;
	} else
		return 0;
	pager_load(p, ui);
	return 1;
}

void
pager_home(struct pager *p, struct ui *ui)
{
	memset(&p->start, 0, sizeof p->start);
	p->nstack = 0;
	p->sel = 0;
	pager_load(p, ui);
}

void
pager_count(struct pager *p, struct ui *ui)
{
	struct record_filter f;
	struct error err = { 0 };
	double t0 = ui_now_ms();

	p->ops->filter(p->owner, ui, &f);
	if (store_count(ui->app->st, &f, &p->count, &err) != 0)
		p->count = -1;
	p->count_stale = 0;
	ui_trace(ui, "count_ms %.3f", ui_now_ms() - t0);
}

void
pager_idle(struct pager *p, struct ui *ui)
{
	if (p->count_stale)
		pager_count(p, ui);
}

void
pager_end(struct pager *p, struct ui *ui)
{
	long top;

	pager_idle(p, ui);	/* End needs the count */
	top = p->count - pager_height(p);
	p->nstack = 0;
	memset(&p->start, 0, sizeof p->start);
	if (top > 0) {
		p->start.mode = PAGE_END;
		p->start.top = top;
	}
	pager_load(p, ui);
	p->sel = p->nrows > 0 ? p->nrows - 1 : 0;
}

void
pager_refilter(struct pager *p, struct ui *ui)
{
	p->count_stale = 1;
	pager_home(p, ui);
}

int
pager_key(struct pager *p, struct ui *ui, wint_t ch)
{
	switch (ch) {
	case KEY_UP:
		if (p->sel > 0)
			p->sel--;
		else if (pager_back(p, ui))
			p->sel = p->nrows - 1;
		return 1;
	case KEY_DOWN:
		if (p->sel < p->nrows - 1)
			p->sel++;
		else if (pager_forward(p, ui))
			p->sel = 0;
		return 1;
	case KEY_NPAGE:
		if (!pager_forward(p, ui))
			p->sel = p->nrows > 0 ? p->nrows - 1 : 0;
		return 1;
	case KEY_PPAGE:
		if (!pager_back(p, ui))
			p->sel = 0;
		return 1;
	case KEY_HOME:
		pager_home(p, ui);
		return 1;
	case KEY_END:
		pager_end(p, ui);
		return 1;
	}
	return 0;
}

/* (date, id) against a row, in the list's order: < 0 when the row comes first. */
static int
key_cmp(const struct pager_row *r, const char *date, const char *id)
{
	int c = strcmp(date, r->date);

	return c != 0 ? c : strcmp(id, r->id);
}

/* The index of the first row of the page at or after (date, id), or -1. */
static int
page_find(const struct pager *p, const char *date, const char *id)
{
	int i;

	for (i = 0; i < p->nrows; i++)
		if (key_cmp(pager_row(p, i), date, id) >= 0)
			return i;
	return -1;
}

struct key_out {
	char date[DATE_LEN + 1];
	char id[UUID_LEN + 1];
	int found;
};

static int
take_key(const struct record_row *r, void *payload)
{
	struct key_out *k = payload;

	memcpy(k->date, r->date, sizeof k->date);
	memcpy(k->id, r->id, sizeof k->id);
	k->found = 1;
	return 1;
}

/* One row's key from the filter's rows, beyond (date, id) in the direction asked. */
static int
row_key(struct pager *p, struct ui *ui, const char *date, const char *id, int newer,
    long offset, struct key_out *out)
{
	struct record_filter f;
	struct error err = { 0 };

	memset(out, 0, sizeof *out);
	p->ops->filter(p->owner, ui, &f);
	f.after_date = date;
	f.after_id = id;
	f.oldest_first = newer;
	f.offset = offset;
	f.limit = 1;
	if (store_list_rows(ui->app->st, &f, 0, take_key, out, &err) != 0) {
		ui_message(ui, UR_ERROR, "%s", err.msg);
		return -1;
	}
	return out->found ? 0 : -1;
}

void
pager_seek(struct pager *p, struct ui *ui, const char *date, const char *id)
{
	struct record_filter f;
	struct error err = { 0 };
	struct key_out newer, below;
	long above = 0, top;
	int h, i, want;

	pager_load(p, ui);
	i = page_find(p, date, id);
	/* On this page: unless it is the first row and the page above may hold it. */
	if (i >= 0 && (i > 0 || p->start.mode == PAGE_TOP ||
	    key_cmp(pager_row(p, i), date, id) == 0)) {
		p->sel = i;
		return;
	}
	/* Nothing at or after it, and this is the last page: the last row is nearest. */
	if (i < 0 && p->at_end && p->nrows > 0 && key_cmp(pager_row(p, p->nrows - 1), date,
	    id) < 0) {
		p->sel = p->nrows - 1;
		return;
	}
	pager_idle(p, ui);
	p->ops->filter(p->owner, ui, &f);
	f.after_date = date;
	f.after_id = id;
	f.oldest_first = 1;
	if (p->count < 0 || store_count(ui->app->st, &f, &above, &err) != 0)
		return;
	if (above >= p->count) {
		pager_end(p, ui);
		return;
	}
	/* The record keeps the screen row it had, as far as the list allows. */
	h = pager_height(p);
	want = p->sel < above ? p->sel : (int)above;
	top = above - want;
	if (top + h > p->count)
		top = p->count - h > 0 ? p->count - h : 0;
	p->nstack = 0;
	memset(&p->start, 0, sizeof p->start);
	if (top > 0 && top + h >= p->count) {
		p->start.mode = PAGE_END;
		p->start.top = top;
	} else if (top > 0) {
		/* The page ends just before the row h below its top: read up from there. */
		if (row_key(p, ui, date, id, 1, 0, &newer) != 0 ||
		    row_key(p, ui, newer.date, newer.id, 0, top + h - above, &below) != 0) {
			pager_load(p, ui);
			return;
		}
		p->start.mode = PAGE_BEFORE;
		snprintf(p->start.date, sizeof p->start.date, "%s", below.date);
		snprintf(p->start.id, sizeof p->start.id, "%s", below.id);
		p->start.top = top;
	}
	pager_load(p, ui);
	i = page_find(p, date, id);
	p->sel = i >= 0 ? i : p->nrows > 0 ? p->nrows - 1 : 0;
}
