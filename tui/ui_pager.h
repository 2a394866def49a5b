/*
 * ui_pager.h: the visible page of a record list, read by key.
 *
 * A page is "the rows after key (date, id)", newest first, or, from the end up, "the rows
 * just newer than key K", read oldest first and reversed: no OFFSET anywhere, so a page
 * deep in 100,000 records costs what the first one costs. The keys of the pages passed
 * on the way down are kept on a stack, so that going back up is as cheap.
 *
 * The pager knows nothing of what a row looks like: the screen that owns it keeps the rows
 * and answers through struct pager_ops. The pager keeps the count of rows, the selection
 * and the page's position.
 */
#ifndef VOLUNTEER_UI_PAGER_H
#define VOLUNTEER_UI_PAGER_H

#include <wchar.h>

#include "core/clock.h"
#include "core/store.h"

struct ui;

struct pager_ops {
	/* The screen's filter (the pager sets the paging fields). */
	void (*filter)(void *owner, struct ui *ui, struct record_filter *f);
	/* Keep r as row number `at` (the pager counts the rows). */
	void (*add)(void *owner, int at, const struct record *r);
	/* Forget rows from..to-1. */
	void (*drop)(void *owner, int from, int to);
	/* Swap rows i and j. */
	void (*swap)(void *owner, int i, int j);
	/* The sort key of row i (borrowed). */
	void (*key)(void *owner, int i, const char **date, const char **id);
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
/* Read the current page again (filters or data changed, or the window was resized). */
void pager_load(struct pager *p, struct ui *ui);
/* 1 when it moved. */
int pager_forward(struct pager *p, struct ui *ui);
int pager_back(struct pager *p, struct ui *ui);
void pager_home(struct pager *p, struct ui *ui);
void pager_end(struct pager *p, struct ui *ui);
/* Count the matching records now (the count is shown, and End needs it). */
void pager_count(struct pager *p, struct ui *ui);
/* The filters changed: count again later, and back to the top. */
void pager_refilter(struct pager *p, struct ui *ui);
/* Up, Down, PgUp, PgDn, Home, End: 1 when ch was one of them and was handled. */
int pager_key(struct pager *p, struct ui *ui, wint_t ch);

#endif
