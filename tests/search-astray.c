/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * search-astray DATA_DIR: for the shell tests, how far the store's search index is from
 * its rows' text (test_search_index_astray, tests/testlib.h): prints the number, 0 when
 * the index holds exactly what the rows say. Exits 1 when the store cannot be opened or
 * compared. The store is opened as the program opens it (and migrated so).
 */
#include <stdio.h>

#include "core/store.h"
#include "core/store_internal.h"
#include "tests/testlib.h"

int
main(int argc, char **argv)
{
	struct store *st = NULL;
	struct error err = { 0 };
	long n;

	if (argc != 2) {
		fprintf(stderr, "usage: search-astray DATA_DIR\n");
		return 2;
	}
	if (store_open(&st, argv[1], &err) != 0) {
		fprintf(stderr, "search-astray: %s\n", err.msg);
		return 1;
	}
	n = test_search_index_astray(st->db);
	store_close(st);
	printf("%ld\n", n);
	return n < 0;
}
