/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * module.h: the heavy libraries that most commands never need live in modules.
 *
 * libgit2 (sync) and pango/cairo (PDF) bring some fifty shared libraries; loading them
 * costs 1.6 ms and 2.3 ms at every start (measured), more than `volunteer add` itself
 * takes. So they are linked only into volunteer-git.so and volunteer-pdf.so, which the
 * commands that sync or write a PDF load with dlopen. The screens and curses are
 * volunteer-screens.so, loaded by `volunteer` alone: ncursesw and tinfo were a twentieth
 * of an add's instructions, for screens it never opens.
 *
 * The boundary is one versioned struct of entry points per module, looked up once by its
 * name (sync_module() in sync/sync.h, summary_pdf_module() in report/summary.h,
 * screens_module() in tui/tui.h): no
 * function is defined twice. Each struct starts with a struct module_header, and a module
 * of another ABI or version than the program is refused, so the functions of the program
 * that a module calls (the program is linked with -rdynamic for them) are always those it
 * was built against. When the module's code is linked into the binary itself (the unit
 * tests), its struct is used directly and nothing is loaded.
 */
#ifndef VOLUNTEER_MODULE_H
#define VOLUNTEER_MODULE_H

#include "core/error.h"

struct module_header {
	int abi;		/* the layout of the module's struct: bumped when it changes */
	const char *version;	/* VOLUNTEER_VERSION of the build */
};

/*
 * The entry struct called symbol in module (e.g. "volunteer-git"), loaded once from
 * $VOLUNTEER_MODULEDIR, else <program's folder>/../lib/volunteer (an installed program),
 * else the build tree it was built in, else MODULEDIR; linked (non-NULL) is used instead
 * when the module's code is in the binary. A module is loaded once; asking again costs a
 * lookup. NULL with err when the module is missing, broken, or of another abi or version.
 */
const void *module_entry(const char *module, const char *symbol, int abi,
    const struct module_header *linked, struct error *err);

#endif
