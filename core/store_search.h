/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_search.h: the words of a search as an FTS5 query, and the plan that finds one page
 * of a search's rows at 1,000,000 records (issue 15). Internal to the store.
 *
 * The one query (rows of record_by_date whose rowid is in the set of matches) costs what
 * the set costs to build: 0.3-0.6 s for a word of most records, 0.2 s for a rare word
 * whose matches SQLite then looks for along the whole date index. The plan gives the same
 * rows in the same order (the filter's own query, ORDER BY date and id, decides both) and
 * only chooses how membership is tested; see store_search.c for the costs.
 */
#ifndef VOLUNTEER_STORE_SEARCH_H
#define VOLUNTEER_STORE_SEARCH_H

#include <stdint.h>

#include "core/error.h"

struct store;
struct where;		/* core/store_internal.h */

/* The FTS5 query for words a person typed: each word quoted, all must match, the last a
 * prefix. The caller frees it. */
char *fts_query(const char *text);

/* The largest limit + offset the plan takes: beyond, the one query is as good. */
#define SEARCH_PAGE_MAX 2000

/* The days a filter's rows can be on (its dates and its keyset; NULL: no bound), and the
 * direction of its order, which the plan reads the index's keys by. */
struct search_days {
	const char *from, *to;
	int oldest_first;
};

/*
 * The rowids of one page of the rows "SELECT r.rowid FROM record r" w order would give
 * when also matching the words of search (fts_query), skipping offset of them and taking
 * limit (1..SEARCH_PAGE_MAX together): order is the ORDER BY clause, w the filter (and
 * keyset) without the search, days what w allows of the dates. Returns 1 with *out (the
 * caller's to free) and *n set, 0 when no plan applies (the last word holds no token or
 * begins more than 8 of the index's terms, the index is not the one expected: the caller
 * runs the one query), -1 with err filled. Run it inside one read transaction.
 */
int search_page(struct store *st, const char *search, const struct where *w,
    const char *order, const struct search_days *days, long limit, long offset,
    int64_t **out, int *n, struct error *err);

/* How many rows "SELECT count(*) FROM record r" w counts that match the words of search:
 * 1 with *out, 0 when no plan applies, -1 with err. Run it inside one read transaction. */
int search_count(struct store *st, const char *search, const struct where *w, long *out,
    struct error *err);

/* The SQL function the plan's walk tests each row with, on a new connection. */
int search_register(struct store *st, struct error *err);

#endif
