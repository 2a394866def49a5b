/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen.h: the loop of the terminal UI (ui.c) and what every screen is made of.
 *
 * A screen is a `struct screen_ops` (enter, draw, key, leave, reload) on a stack; the loop
 * gives keys to the top one and redraws it. The loop sleeps in poll() on the terminal and
 * on the pipe of a running child (sync, summary): nothing ticks while the program is idle.
 */
#ifndef VOLUNTEER_TUI_SCREEN_H
#define VOLUNTEER_TUI_SCREEN_H

#include <curses.h>
#include <stdio.h>
#include <wchar.h>

#include "tui/app.h"

struct ui;
struct ui_job;
struct ui_ask;

struct screen {
	const struct screen_ops *ops;
	void *data;
	struct screen *below;
	int closing;		/* popped: freed by the loop after the key returns */
};

struct screen_ops {
	const char *name;
	/* Called once when pushed: -1 refuses (the screen is dropped, a message shown). */
	int (*enter)(struct screen *s, struct ui *ui);
	/* Draw the whole screen, bars included (ui_draw_bars). */
	void (*draw)(struct screen *s, struct ui *ui);
	/* One key: is_key says ch is a KEY_* code, else a character. */
	void (*key)(struct screen *s, struct ui *ui, int is_key, wint_t ch);
	/* Free s->data. */
	void (*leave)(struct screen *s, struct ui *ui);
	/* Records changed under the screen (a save, a sync): read them again. May be NULL. */
	void (*reload)(struct screen *s, struct ui *ui);
	/* Called by the loop when no key is waiting, before it sleeps (drafts, counts).
	 * May be NULL. */
	void (*idle)(struct screen *s, struct ui *ui);
};

/* Colour roles; ui_attr maps them to colour pairs or, in monochrome, to attributes. */
enum ui_role {
	UR_NORMAL, UR_BAR, UR_TAB, UR_TAB_ACTIVE, UR_SELECTED, UR_ERROR, UR_MARK, UR_WARN,
	UR_DIM, UR_LABEL, UR_REQUIRED, UR_FIELD, UR_FIELD_FOCUS, UR_OK, UR_TITLE, UR_COUNT
};

struct ui {
	struct app *app;
	struct screen *top;
	int color;		/* colour pairs in use */
	int quit;		/* leave the loop */
	int signalled;		/* SIGTERM or SIGHUP arrived */
	char msg[512];		/* the message line, "" when none */
	int msg_role;
	long unsynced;		/* cached for the status bar */
	char last_sync[32];	/* as shown: "10:42", "20/11/2026" or "" */
	struct ui_job *job;	/* a running child, or NULL */
	int sync_percent;	/* -1 when no sync runs */
	char sync_stage[128];
	FILE *trace;		/* $VOLUNTEER_UI_TRACE: timings for bench/b-tui.sh */
	/* A dialog open over the screen draws itself again after ui_draw (resize, sync). */
	void (*modal_draw)(struct ui *ui, void *payload);
	void *modal_payload;
	struct ui_ask *ask;	/* a question kept open over everything (dialog.h), or NULL */
	int has_pending;	/* a key was read ahead by ui_key_pending */
	int pending_rc;
	wint_t pending_ch;
};

/* ---- ui.c: the loop ---- */

int ui_push(struct ui *ui, const struct screen_ops *ops, void *data);
/* Mark the top screen closing; the loop frees it once the current key is handled. */
void ui_pop(struct ui *ui);
/* Mark screen s closing, wherever it is on the stack. */
void ui_close(struct ui *ui, struct screen *s);
/* Wait for one key while serving the child's pipe, resizes and signals; an open question
 * (ui->ask) takes the keys meanwhile. Returns OK or KEY_CODE_YES (ch filled), or ERR when
 * the program must stop (a signal). */
int ui_getkey(struct ui *ui, wint_t *ch);
/* In the screens that list or page, the letters move as the keys do: j Down, k Up, space
 * PgDn, g Home, G End. The KEY_* code that character ch stands for, or 0. */
wint_t ui_letter_move(wint_t ch);
/* Draw the top screen (and a modal's caller redraws its own box on top). */
void ui_draw(struct ui *ui);
/* Records changed: refresh the status bar and every screen on the stack. */
void ui_records_changed(struct ui *ui);
void ui_status_refresh(struct ui *ui);
void ui_message(struct ui *ui, int role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A line in the trace file, when one is open. */
void ui_trace(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
double ui_now_ms(void);

#endif
