/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's conflict versions and their settling (core/store.h): a resolution that
 * arrives by sync clears the mark unless a version decided here still waits to be sent;
 * a settled version read again does not flag the record anew. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/store.h"
#include "core/store_sync.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static int
count_version(const char *path, const struct record *lost, void *payload)
{
	(void)path;
	(void)lost;
	(*(int *)payload)++;
	return 0;
}

static int
versions(struct store *st, const char *id)
{
	int n = 0;

	store_conflict_versions(st, id, count_version, &n, NULL);
	return n;
}

static int
conflict(struct store *st, const char *id)
{
	struct record *r = NULL;
	int c = -1;

	if (store_record_get(st, id, &r, NULL) == 0)
		c = r->conflict;
	record_free(r);
	return c;
}

static void
resolution(struct review *rv, const char *record_id, const char *comment)
{
	memset(rv, 0, sizeof *rv);
	uuid_v7(rv->id);
	snprintf(rv->record_id, sizeof rv->record_id, "%s", record_id);
	snprintf(rv->status, sizeof rv->status, "ok");
	snprintf(rv->at, sizeof rv->at, "2026-12-01T10:00:00Z");
	rv->by = (char *)"coord";
	rv->comment = (char *)comment;
}

int
main(void)
{
	char dir[] = "/tmp/t0013.XXXXXX", path[160], path2[160], rvid[UUID_LEN + 1];
	struct store *st = NULL;
	struct error err = { 0 };
	struct record *r = record_new("visit"), *lost = NULL;
	struct review rv;
	char *text, *what = NULL;

	plan_no_plan();
	if (mkdtemp(dir) == NULL || store_open(&st, dir, &err) != 0) {
		ok(0, "a store opens: %s", err.msg);
		return done_testing();
	}
	json_object_set_new(r->fields, "business", json_string("Panadería"));
	json_object_set_new(r->fields, "findings", json_string("Horno de leña"));
	ok(store_record_save(st, r, "ana", &err) == 0, "a record");
	lost = record_dup(r);
	json_object_set_new(lost->fields, "findings", json_string("Horno eléctrico"));
	free(lost->device);
	lost->device = xstrdup("bea-laptop");
	text = record_to_json(lost);
	snprintf(path, sizeof path, "conflicts/%s/%lld-bea-laptop.json", r->id,
	    (long long)lost->rev);

	/* received from the shared repository */
	ok(store_conflict_version_add(st, path, r->id, text, &err) == 0 &&
	    store_record_set_conflict(st, r->id, 1, &err) == 0, "a losing version arrives");
	ok(versions(st, r->id) == 1, "it is kept for the screens");
	resolution(&rv, r->id, "Gracias");
	ok(store_review_receive(st, &rv, 1, &err) == 0 && conflict(st, r->id) == 1,
	    "an ordinary ok that arrives leaves the conflict as it is");
	resolution(&rv, r->id, REVIEW_RESOLVED ": me quedo con esta");
	ok(store_review_receive(st, &rv, 1, &err) == 0 && conflict(st, r->id) == 0 &&
	    versions(st, r->id) == 0, "a resolution that arrives clears the mark");
	ok(store_conflict_version_add(st, path, r->id, text, &err) == 1,
	    "the settled version read again is not news");

	/* decided here, not yet sent: nobody has seen it */
	snprintf(path2, sizeof path2, "conflicts/%s/%lld-other.json", r->id,
	    (long long)lost->rev + 1);
	ok(store_sync_pending_add(st, path2, text, &err) == 0 &&
	    store_record_set_conflict(st, r->id, 1, &err) == 0 && versions(st, r->id) == 1,
	    "a version decided here is kept for the screens too");
	resolution(&rv, r->id, REVIEW_RESOLVED);
	ok(store_review_receive(st, &rv, 1, &err) == 0 && conflict(st, r->id) == 1,
	    "a resolution that arrives does not settle a version still waiting to be sent");
	ok(store_sync_pending_remove(st, path2, &err) == 0 && versions(st, r->id) == 1,
	    "once sent, the version stays for the screens");

	/* the coordinator settles it here, taking the losing version */
	ok(record_take_version(r, lost, &what, &err) == 0 && strstr(what, "bea-laptop"),
	    "the losing version's fields are taken");
	ok(store_conflict_resolve(st, r, what, "coord", NULL, rvid, &err) == 0 &&
	    conflict(st, r->id) == 0 && versions(st, r->id) == 0, "and the conflict is settled");
	{
		struct record *now = NULL;
		store_record_get(st, r->id, &now, NULL);
		ok(now != NULL && strcmp(record_field_str(now, "findings"), "Horno eléctrico")
		    == 0, "the record holds the losing value");
		record_free(now);
	}
	lost->id[0] = lost->id[0] == '0' ? '1' : '0';
	ok(record_take_version(r, lost, &what, &err) != 0 && err.kind == ERR_INVALID,
	    "a version of another record is refused");

	free(what);
	free(text);
	record_free(lost);
	record_free(r);
	store_close(st);
	test_remove_dir(dir);
	return done_testing();
}
