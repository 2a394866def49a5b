/*
 * ui.h: the terminal UI's shared parts: the loop that runs one screen at a time, the
 * drawing helpers every screen uses, and the small modal dialogs (confirm, prompt, pick).
 *
 * A screen is a `struct screen_ops` (enter, draw, key, leave, reload) on a stack; the loop
 * gives keys to the top one and redraws it. The loop sleeps in poll() on the terminal and
 * on the pipe of a running child (sync, summary): nothing ticks while the program is idle.
 * Text from records is drawn only through ui_put, which sanitises it first.
 */
#ifndef VOLUNTEER_UI_H
#define VOLUNTEER_UI_H

#include <curses.h>
#include <stdio.h>
#include <wchar.h>

#include "tui/app.h"

struct ui;
struct ui_job;

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
/* Wait for one key while serving the child's pipe, resizes and signals. Returns OK or
 * KEY_CODE_YES (ch filled), or ERR when the program must stop (a signal). */
int ui_getkey(struct ui *ui, wint_t *ch);
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

/* ---- ui_draw.c: drawing ---- */

int ui_attr(const struct ui *ui, enum ui_role role);
void ui_colors_init(struct ui *ui);
enum { PUT_PAD = 1, PUT_RIGHT = 2 };
/*
 * Draw UTF-8 text s at (y, x) in at most width columns, sanitised (controls, bidi
 * overrides, invalid UTF-8 never reach the terminal); PUT_PAD fills the rest with blanks,
 * PUT_RIGHT aligns it to the right. Returns the columns used.
 */
int ui_put(int y, int x, int width, const char *s, int attr, int flags);
/* Columns s takes on the screen (after sanitising). */
int ui_text_width(const char *s);
/* Word-wrap s (newlines kept) in width columns; draw its rows skip..skip+max-1 from
 * row y. Returns the number of rows the whole text takes. max = 0 only counts. */
int ui_wrap(int y, int x, int width, int skip, int max, const char *s, int attr);
/* A horizontal line across the screen at row y. */
void ui_rule(int y);
/* The top status bar, the bottom key hints and the message line (row LINES-2 when a
 * message is set, else a rule). */
void ui_draw_bars(struct ui *ui, const char *hints);
/* Dates as the user reads them: 20/11/2026 in Spanish, 2026-11-20 in English. */
void ui_format_date(const char *iso, char *out, size_t size);
/* A stored UTC time ("2026-11-20T10:42:07Z") as local date and time. */
void ui_format_datetime(const char *iso, char *out, size_t size);
/* A box with a title, cleared inside; returns nothing. */
void ui_box(struct ui *ui, int y, int x, int h, int w, const char *title);

/* ---- ui_dialog.c: modal dialogs, each drawn over the current screen ---- */

/* A yes/no question on the message line: 1 yes, 0 no or Esc. */
int ui_confirm(struct ui *ui, const char *question);
/* One line of text on the message line; *text is replaced (caller frees) on Enter.
 * Returns 1 on Enter, 0 on Esc. */
int ui_prompt(struct ui *ui, const char *label, char **text);
/* A list to choose from (ncurses menu). multi: Space toggles, Enter accepts; chosen[] in
 * and out. One choice: returns its index, -1 on Esc; multi: 0 on Enter, -1 on Esc. */
int ui_pick(struct ui *ui, const char *title, const char *const *labels, int n, int multi,
    int *chosen, int current);
/* Is a key waiting (typed ahead)? It is kept for the next ui_getkey. */
int ui_key_pending(struct ui *ui);
/* A small form in a box: labelled lines of text, Tab and arrows move, Enter on the last
 * line or F2 accepts, Esc leaves. check (may be NULL) returns -1 with the index of the
 * line at fault and a message to show; values[] are replaced on acceptance (caller
 * frees). Returns 1 accepted, 0 left. */
struct ui_form_line {
	const char *label;
	const char *help;
	int required;
	char *value;
};
int ui_simple_form(struct ui *ui, const char *title, const char *intro,
    struct ui_form_line *lines, int n,
    int (*check)(struct ui_form_line *lines, int n, int *bad, char *msg, size_t size,
    void *payload), void *payload);

/* ---- screens ---- */

extern const struct screen_ops screen_list_ops;
extern const struct screen_ops screen_help_ops;
/* The detail of one record (id). */
int screen_detail_open(struct ui *ui, const char *id);
/* The form for a new record of kind, for editing record id, or resuming a draft. */
int screen_form_new(struct ui *ui, const char *kind);
int screen_form_edit(struct ui *ui, const char *id);
struct draft;
int screen_form_resume(struct ui *ui, struct draft *d);	/* takes d */
/* The first-run screen: ask who the volunteer is and write the config. 0 written,
 * -1 the user left (nothing written). */
int screen_firstrun(struct ui *ui, char *msg, size_t msgsize);
/* Delete a record (a tombstone that syncs) after asking; 1 when deleted. */
int ui_delete_record(struct ui *ui, const char *id);
/* p: ask PDF or print, then start the summary of a visit or a workshop. */
void ui_summary_ask(struct ui *ui, const char *id, const char *kind);
/* A field's value as a person reads it: choice labels, yes/no, dates in their order.
 * Caller frees. */
struct form_field;
char *ui_field_display(const struct form_field *fd, json_t *v);
/* The title of a kind in the UI language ("Visita"). */
const char *ui_kind_title(const char *kind);
/* Offer to resume the newest draft, if any (at start). */
void ui_offer_draft(struct ui *ui);

/* ---- ui_job.c: children that run while the screen stays live ---- */

/* Start a sync (sync_run in a child). show: push the sync screen. */
void ui_sync_start(struct ui *ui, int show);
/* The summary of record id as a PDF (print = 0) or through lp (print = 1). */
void ui_summary_start(struct ui *ui, const char *id, int print);
/* The fd to poll for the running job, or -1. */
int ui_job_fd(const struct ui *ui);
/* Read what the child wrote; finish the job at its end. */
void ui_job_read(struct ui *ui);
/* Milliseconds until the running job's deadline, or -1 (no job). */
int ui_job_timeout_ms(const struct ui *ui);
/* The deadline passed: stop the child. */
void ui_job_expire(struct ui *ui);
/* Stop a running child (at exit): SIGKILL and reap. */
void ui_job_kill(struct ui *ui);
extern const struct screen_ops screen_sync_ops;
/* The sync screen's lines (progress and result) live in the job module. */
void ui_sync_draw_body(struct ui *ui, int y, int h);

/* ---- reviews and figures (coordinators) ---- */
/* r: ok or flag one record. */
void ui_review_record(struct ui *ui, const char *id);
/* R: every volunteer's records with their review state; a message for non-coordinators. */
int screen_review_open(struct ui *ui);
/* F: the report's figures for the records that match f (copied). */
struct record_filter;
int screen_figures_open(struct ui *ui, const struct record_filter *f);

#endif
