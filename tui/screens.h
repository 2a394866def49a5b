/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screens.h: the screens and what opens them: list, help, detail, form, first run (the
 * volunteers'), review and figures (the coordinators').
 */
#ifndef VOLUNTEER_TUI_SCREENS_H
#define VOLUNTEER_TUI_SCREENS_H

#include <jansson.h>

#include "tui/screen.h"

extern const struct screen_ops screen_list_ops;
extern const struct screen_ops screen_help_ops;
/* At start, on the status bar: how many of my follow-ups and task due dates are due
 * today or overdue, and how many of my records a coordinator flagged (only what is not
 * zero). */
void screen_list_say_start(struct ui *ui);
/* The list's cursor goes to record id at the next reload (a record just saved). */
void screen_list_follow(struct ui *ui, const char *id);
/* The detail of one record (id). */
int screen_detail_open(struct ui *ui, const char *id);
/* The form for a new record of kind, for editing record id, or resuming a draft. */
int screen_form_new(struct ui *ui, const char *kind);
int screen_form_edit(struct ui *ui, const char *id);
/* The form for a new visit or task (kind) of business business_id: its name (and place,
 * sector) filled in, linked to it on save. */
int screen_form_new_for_business(struct ui *ui, const char *kind, const char *business_id);
/* The page of a business (id): its data and its whole history; n starts a visit or a
 * task of it, Enter on a history row opens that record. */
int screen_business_open(struct ui *ui, const char *id);
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
/* Offer to resume the newest draft, if any (at start). */
void ui_offer_draft(struct ui *ui);


/* r: ok or flag one record. */
void ui_review_record(struct ui *ui, const char *id);
/* A conflict as a coordinator reads it: each field where the shown version and a losing
 * one differ, each side's value with who wrote it and when (ui_conflict_diffs_free). */
struct conflict_diff {
	char *label, *shown, *lost;
};
struct conflict_diff *ui_conflict_diffs(struct ui *ui, const char *id, int *n);
void ui_conflict_diffs_free(struct conflict_diff *d, int n);
/* Settle record id's conflict after asking: keep the shown version, or take the losing
 * one (store_conflict_resolve, as `volunteer review --resolve [--take]`). */
void ui_conflict_settle(struct ui *ui, const char *id, int take);
/* m on a business: pick the business it is merged into, then business_merge (as
 * `volunteer business merge`); a merge into itself is refused with a message. */
void ui_business_merge_ask(struct ui *ui, const char *from);
/* After asking: from (a business) into into; the labels name them to the user. */
void ui_business_merge(struct ui *ui, const char *from, const char *from_label,
    const char *into, const char *into_label);
/* R: every volunteer's records with their review state; a message for non-coordinators. */
int screen_review_open(struct ui *ui);
/* F: the report's figures for the records that match f (copied). */
struct record_filter;
int screen_figures_open(struct ui *ui, const struct record_filter *f);

#endif
