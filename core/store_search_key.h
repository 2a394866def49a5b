/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_search_key.h: the key of a record's search text, for the store's files only
 * (schema.sql.h's migration, the writer, the search): SQL text, no SQLite header.
 */
#ifndef VOLUNTEER_STORE_SEARCH_KEY_H
#define VOLUNTEER_STORE_SEARCH_KEY_H

#include <stdint.h>

/*
 * The rowid of a record's search text in record_fts (schema 11): its sort day above
 * STORE_SEARCH_KEY_BITS bits, its record's rowid below them, so that FTS5, which walks a
 * query's matches in rowid order from its doclists, walks them by day, newest first or
 * oldest, and each key names its record without a lookup (core/store_search.c: a common
 * word whose records are all old was 150 ms at 1,000,000 records, BENCHMARKS.md). The
 * day is the date's digits (2019-05-03: 20190503) when the date reads 9999-99-99
 * (STORE_DATE_GLOB), in the order of the date text for every such date; any other date
 * (none is written so: record_sort_date gives a valid date as typed, or the creation's
 * day) has day 0, which tells the search that the keys do not follow the dates. SQLite
 * gives rowids from 1 up; the search gives up beyond 2^36. When a date changes, the
 * writer takes the text out under the old key and puts it under the new one. SQL alone
 * computes it, so that the writer and the migrations agree; changing it needs a
 * migration.
 */
#define STORE_SEARCH_KEY_BITS 36
#define STORE_SEARCH_TEXT_(x) #x
#define STORE_SEARCH_TEXT(x) STORE_SEARCH_TEXT_(x)
#define STORE_SEARCH_BITS_SQL STORE_SEARCH_TEXT(STORE_SEARCH_KEY_BITS)
#define STORE_DATE_GLOB "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
#define STORE_SEARCH_KEY(date, rowid) "((CASE WHEN " date " GLOB " STORE_DATE_GLOB \
	" THEN CAST(replace(" date ", '-', '') AS INTEGER) ELSE 0 END << " \
	STORE_SEARCH_BITS_SQL ") | " rowid ")"
#define STORE_SEARCH_ROWID(key) "((" key ") & ((1 << " STORE_SEARCH_BITS_SQL ") - 1))"
#define STORE_SEARCH_ROWID_MASK ((((int64_t)1) << STORE_SEARCH_KEY_BITS) - 1)

/*
 * The tokenizer of record_fts, for its declarations (core/schema.sql.h) and for the
 * search's plan (core/store_search.c), which tokenizes the words as the index did and gives
 * up (the one query) if the table says otherwise. Changing it needs a migration.
 */
#define STORE_SEARCH_TOKENIZER "unicode61"
#define STORE_SEARCH_DIACRITICS "2"
#define STORE_SEARCH_TOKENIZE STORE_SEARCH_TOKENIZER " remove_diacritics " \
	STORE_SEARCH_DIACRITICS

#endif
