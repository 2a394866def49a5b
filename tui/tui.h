/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tui.h: the terminal UI as the command line sees it: one call, no curses in sight.
 *
 * The screens and curses live in volunteer-screens.so (core/module.h): ncursesw and tinfo
 * cost a third of a million instructions to load and relocate at every start, which
 * `add`, `list` and the other commands never use. Only `volunteer` alone loads it.
 */
#ifndef VOLUNTEER_TUI_H
#define VOLUNTEER_TUI_H

#include "core/error.h"
#include "core/module.h"
#include "tui/app.h"

/*
 * Run the screens until the user quits: the first-run screen when there is no config,
 * then the list. Returns the exit status (0, or 1 after a failure shown on the way out),
 * or -1 with err when the UI could not start (a bad config, no terminal, a locked store):
 * the caller reports err, since curses has given the terminal back by then.
 */
int ui_run(struct app *app, struct error *err);

#define SCREENS_MODULE_ABI 1
struct screens_module {
	struct module_header h;
	int (*run)(struct app *app, struct error *err);	/* ui_run */
};
extern const struct screens_module volunteer_screens_module;	/* in the screens module */
/* NULL with err when the module cannot be loaded (tui/app.c, in the program). */
const struct screens_module *screens_module(struct error *err);

#endif
