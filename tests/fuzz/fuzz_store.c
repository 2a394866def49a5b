/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_store.c: record files from the shared repository written into a real store as a
 * sync's import writes them (store_batch_put, the file's own text as the body), then
 * written again, and the search index compared with one built again from the bodies
 * (test_search_index_astray). The index keeps no copy of its texts: a row's words are
 * taken out by giving FTS5 search_text(body) again, and a text that differs from the one
 * indexed (record_search_text of the record as parsed) leaves words astray for good.
 *
 * The input is up to three record files separated by a line "--". The first is written,
 * the batch flushed (its row is then one "there at the last flush"); the second and third
 * are written as later versions of it (its id; skipped when of another kind, which the
 * import sets aside as a clash), the third after the second in the same flush. Files the
 * import refuses (not a record, hostile text) are skipped as it skips them. Each input
 * runs in a transaction rolled back at the end, on one store kept for the whole run.
 */
#include <string.h>

#include "core/record.h"
#include "core/store.h"
#include "core/store_internal.h"
#include "core/store_sync.h"
#include "core/text.h"
#include "forms/form.h"
#include "sync/internal.h"
#include "tests/fuzz/fuzz.h"
#include "tests/testlib.h"

#define STORE_FUZZ_FILES 3

static struct store *fuzz_st;
static char fuzz_st_dir[] = "/tmp/volunteer-fuzz-store.XXXXXX";

static void
fuzz_store_remove(void)
{
	store_close(fuzz_st);
	test_remove_dir(fuzz_st_dir);
}

/* The store of the whole run, in a folder of its own removed at the exit; NULL when it
 * cannot be made. */
static struct store *
fuzz_store_get(void)
{
	static int tried;
	char *path = NULL;

	if (!tried) {
		tried = 1;
		fuzz_st = test_store_new(fuzz_st_dir, &path);
		free(path);
		if (fuzz_st != NULL)
			atexit(fuzz_store_remove);
	}
	return fuzz_st;
}

/* The record of one file, as the import takes it; NULL when it would refuse it. */
static struct record *
fuzz_take(const char *text, size_t len)
{
	struct record *r = NULL;
	struct error err = { 0 };

	if (record_from_json(&r, text, len, &err) != 0)
		return NULL;
	if (text_json_has_hostile(r->fields, SYNC_FIELDS_MAX_DEPTH)) {
		record_free(r);
		return NULL;
	}
	return r;
}

FUZZ_TARGET(store)
{
	const char *p = (const char *)data, *end = p + size;
	struct record *first = NULL;
	struct store_batch *b = NULL;
	struct error err = { 0 };
	struct store *st;
	int n = 0;

	if (forms_count() == 0)
		forms_init(NULL, &err);
	/* No store, no check: a failure, not an input that passes. */
	if ((st = fuzz_store_get()) == NULL || store_begin(st, &err) != 0) {
		FUZZ_CHECK(!"a store to write into");
		return 0;
	}
	if (store_batch_begin(st, &b, &err) != 0)
		goto out;
	while (p < end && n < STORE_FUZZ_FILES) {
		const char *sep = memmem(p, (size_t)(end - p), "\n--\n", 4);
		size_t len = sep != NULL ? (size_t)(sep - p) : (size_t)(end - p);
		char *body = strndup(p, len);
		struct record *r = memchr(p, '\0', len) == NULL ? fuzz_take(body, len) : NULL;

		p += len + (sep != NULL ? 4 : 0);
		n++;
		if (r != NULL && first != NULL && strcmp(r->kind, first->kind) != 0) {
			record_free(r);
			r = NULL;
		}
		if (r != NULL && first != NULL)
			memcpy(r->id, first->id, sizeof r->id);
		if (r != NULL && store_batch_put(b, r, body, body, 0, NULL, &err) == 0 &&
		    first == NULL) {
			/* its row is then one that was there at the last flush */
			FUZZ_CHECK(store_batch_flush(b, &err) == 0);
			first = r;
			r = NULL;
		}
		record_free(r);
		free(body);
	}
	if (store_batch_end(b, &err) == 0 && first != NULL)
		FUZZ_CHECK(test_search_index_astray(st->db) == 0);
	b = NULL;
out:
	store_batch_end(b, NULL);
	store_rollback(st);
	record_free(first);
	return 0;
}
