/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_ui.c: see store_ui.h. */
#include <stdio.h>

#include "core/store_internal.h"
#include "core/store_ui.h"

int
store_tune_long_running(struct store *st, long cache_kb, struct error *err)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%ld", cache_kb > 0 ? cache_kb : 2048);
	if (db_exec(st, err, "PRAGMA mmap_size = 0", "") != 0 || db_exec(st, err, sql, "") != 0)
		return -1;
	return 0;
}
