/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_pager.h: the visible page of a record list, read by key.
 *
 * A page is "the rows after key (date, id)", newest first, or, from the end up, "the rows
 * just newer than key K", read oldest first and reversed: no OFFSET anywhere, so a page
 * deep in 100,000 records costs what the first one costs. The keys of the pages passed
 * on the way down are kept on a stack, so that going back up is as cheap.
 *
 * The pager keeps the rows of the page, the selection and the page's position. A screen's
 * row starts with a struct pager_row (the record's id, sort date and kind, which the pager
 * fills and pages by); the rest of it is the screen's, filled and freed through struct
 * pager_ops.
 */
#ifndef VOLUNTEER_UI_PAGER_H
#define VOLUNTEER_UI_PAGER_H

#include <wchar.h>

#include "core/clock.h"
#include "core/store.h"

struct ui;

/* The first member of every row of a page. */
struct pager_row {
	char id[UUID_LEN + 1];
	char date[DATE_LEN + 1];	/* record_sort_date: the key of the list's order */
	char kind[16];
};

struct pager_ops {
	size_t row_size;	/* of the screen's row, which starts with a struct pager_row */
	/* The screen's filter (the pager sets the paging fields). */
	void (*filter)(void *owner, struct ui *ui, struct record_filter *f);
	/* Fill the rest of row from r (the record's row, store_list_rows: no file is
	 * read): the row is zeroed and its pager_row set. */
	void (*fill)(void *owner, void *row, const struct record_row *r);
	unsigned want;		/* STORE_ROW_* that fill needs */
	/* Free what row holds, not the row itself (may be NULL). */
	void (*release)(void *row);
	/* After a page is read (may be NULL). */
	void (*loaded)(void *owner, struct ui *ui);
};

struct page_start {
	enum { PAGE_TOP, PAGE_AFTER, PAGE_BEFORE, PAGE_END } mode;
	char date[DATE_LEN + 1];
	char id[UUID_LEN + 1];
	long top;		/* the absolute index of the page's first row */
};

struct pager {
	const struct pager_ops *ops;
	void *owner;
	int bars;		/* screen lines that are not rows: page height = LINES - bars */

	unsigned char *rows;	/* nrows of ops->row_size bytes, and one spare for a swap */
	int caprows;
	int nrows, sel;
	int page_h;		/* the height the page was read for */
	int at_end;		/* nothing after this page */
	struct page_start start;
	struct page_start *stack;
	int nstack, capstack;
	long count;		/* records that match, -1 when unknown */
	int count_stale;
	int limit;		/* rows to take in the current read */
};

void pager_init(struct pager *p, const struct pager_ops *ops, void *owner, int bars);
void pager_free(struct pager *p);
int pager_height(const struct pager *p);
/* Row i of the page (0 <= i < nrows), as the screen's row type; borrowed. */
void *pager_row(const struct pager *p, int i);
/* Read the current page again (filters or data changed, or the window was resized). */
void pager_load(struct pager *p, struct ui *ui);
/* 1 when it moved. */
int pager_forward(struct pager *p, struct ui *ui);
int pager_back(struct pager *p, struct ui *ui);
void pager_home(struct pager *p, struct ui *ui);
void pager_end(struct pager *p, struct ui *ui);
/* Count the matching records now (the count is shown, and End needs it). */
void pager_count(struct pager *p, struct ui *ui);
/* Count now if the count is stale (a screen's idle hook, when no key is waiting; End). */
void pager_idle(struct pager *p, struct ui *ui);
/* The filters changed: count again later, and back to the top. */
void pager_refilter(struct pager *p, struct ui *ui);
/* Read the page again with the selection on the row at (date, id), or on the first row
 * after it when that one is gone or filtered out (the last row when none is): the cursor
 * follows a record that moved, was deleted, or is listed in another tab. The page moves
 * only when the row is not on it. */
void pager_seek(struct pager *p, struct ui *ui, const char *date, const char *id);
/* Up, Down, PgUp, PgDn, Home, End: 1 when ch was one of them and was handled. */
int pager_key(struct pager *p, struct ui *ui, wint_t ch);

#endif
