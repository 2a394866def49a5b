/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * job.h: work in a forked child while the screen stays live: a sync or a summary (ui_job.c).
 */
#ifndef VOLUNTEER_TUI_JOB_H
#define VOLUNTEER_TUI_JOB_H

#include "tui/screen.h"

/* Start a sync (sync_run in a child). show: push the sync screen. */
void ui_sync_start(struct ui *ui, int show);
/* The summary of record id as a PDF (print = 0) or through lp (print = 1), in lang (NULL:
 * the session's); attendance: a workshop's sheet to sign. */
void ui_summary_start(struct ui *ui, const char *id, int print, const char *lang,
    int attendance);
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

#endif
