/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Every conflict file a laptop can write is one that every other laptop's walk takes: at
 * the largest revision (RECORD_REV_MAX, where record_rev_next saturates), with a device
 * name of any shape; and a revision no record file may hold is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/util.h"
#include "sync/internal.h"
#include "sync/walk.h"
#include "tests/tap.h"

static int
accepted(int64_t rev, const char *device)
{
	struct record *r = record_new("visit");
	char *path, *name;
	int ok;

	snprintf(r->id, sizeof r->id, "%s", "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
	free(r->device);
	r->device = xstrdup(device);
	r->rev = rev;
	path = conflict_path(r);
	name = strrchr(path, '/') + 1;
	ok = walk_conflict_name(name);
	if (!ok)
		diag("refused: %s", path);
	free(path);
	record_free(r);
	return ok;
}

int
main(void)
{
	static const int64_t revs[] = { 0, 1, 9, 10, 999999999, INT64_C(1000000000000000),
	    RECORD_REV_MAX - 1, RECORD_REV_MAX };
	static const char *devices[] = { "laptop-ana-1f3e", "", "../..", "ana.portátil",
	    "x\\x1b[2J", "ñandú_ç",
	    "a-device-name-that-goes-on-and-on-well-beyond-sixty-four-characters-of-length-xyz" };
	size_t i, j;
	int all = 1;
	char name[64];

	for (i = 0; i < sizeof revs / sizeof revs[0]; i++)
		for (j = 0; j < sizeof devices / sizeof devices[0]; j++)
			all &= accepted(revs[i], devices[j]);
	ok(all, "every revision a laptop can write, with any device, gives a name the walk "
	    "takes");
	ok(accepted(RECORD_REV_MAX, "laptop-1"), "at the bound, RECORD_REV_MAX");
	is_int(record_rev_next(RECORD_REV_MAX), RECORD_REV_MAX, "and no edit goes beyond it");
	snprintf(name, sizeof name, "%lld-laptop-1.json", (long long)RECORD_REV_MAX + 1);
	ok(!walk_conflict_name(name), "one beyond the bound is refused (%s)", name);
	ok(!walk_conflict_name("1000000000000000000-laptop-1.json"), "10^18 is refused");
	ok(!walk_conflict_name("99999999999999999999999-laptop-1.json"), "no overflow");
	ok(!walk_conflict_name("7-.json") && !walk_conflict_name("7-a.b.json") &&
	    !walk_conflict_name("-7-a.json"), "malformed names are refused");
	return done_testing();
}
