/*
 * module.h: the heavy libraries live in modules loaded when first needed.
 *
 * libgit2 (sync), pango/cairo (PDF summaries) and curses (the screens) bring some fifty
 * shared libraries: loading them costs several milliseconds at every start, more than
 * `volunteer add` itself. So the program links them only into modules (volunteer-git.so,
 * volunteer-pdf.so, volunteer-tui.so) that the commands which sync, print or open the
 * screens load with dlopen. The program itself holds small stubs of
 * the modules' entry points (tui/modules.c) that call through module_symbol; the unit
 * tests link the real code instead.
 */
#ifndef VOLUNTEER_MODULE_H
#define VOLUNTEER_MODULE_H

#include "core/error.h"

/*
 * The address of symbol in module, loaded once from $VOLUNTEER_MODULEDIR, else
 * <program's folder>/../lib/volunteer (an installed program), else the build tree it was
 * built in, else MODULEDIR. NULL with err when the module is missing or broken.
 */
void *module_symbol(const char *module, const char *symbol, struct error *err);

#endif
