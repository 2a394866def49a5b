/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tui.h: the terminal UI as the command line sees it: one call, no curses in sight.
 */
#ifndef VOLUNTEER_TUI_H
#define VOLUNTEER_TUI_H

#include "core/error.h"
#include "tui/app.h"

/*
 * Run the screens until the user quits: the first-run screen when there is no config,
 * then the list. Returns the exit status (0, or 1 after a failure shown on the way out),
 * or -1 with err when the UI could not start (a bad config, no terminal, a locked store):
 * the caller reports err, since curses has given the terminal back by then.
 */
int ui_run(struct app *app, struct error *err);

#endif
