/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_ui.h: settings of the store for a long-running process (the terminal UI).
 *
 * A command reads a few pages and exits, so mapping the database (mmap_size) is cheap for
 * it. The terminal UI lives for hours and reads page after page: through a map, the
 * kernel's fault-around brings 64 KB into the process for every 4 KB page touched, and
 * its resident size grows with the database (110 MB after paging through 100,000
 * records). Reading through SQLite's own bounded cache keeps it small.
 */
#ifndef VOLUNTEER_STORE_UI_H
#define VOLUNTEER_STORE_UI_H

#include "core/error.h"
#include "core/store.h"

/* No memory map; a page cache of at most cache_kb kilobytes. */
int store_tune_long_running(struct store *st, long cache_kb, struct error *err);

#endif
