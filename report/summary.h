/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * summary.h: the summary a small business keeps after a visit (and a workshop's attendance
 * sheet), as an A4 PDF drawn with pango and cairo or as plain text for an email, in any
 * of the five languages (es, en, ca, eu, gl) whatever the language of the session.
 *
 * Two steps: summary_build turns a record into a document (a list of blocks: title,
 * label/value rows, headings, paragraphs, list items), already sanitised and translated;
 * a renderer (summary_pdf.c, summary_txt.c) lays the document out. Fronts call
 * summary_write (and summary_print_record for `p` in the terminal UI); nothing here prints
 * to the terminal.
 */
#ifndef VOLUNTEER_SUMMARY_H
#define VOLUNTEER_SUMMARY_H

#include <stddef.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/error.h"
#include "core/module.h"
#include "core/record.h"
#include "core/store.h"

enum summary_format { SUMMARY_PDF, SUMMARY_TXT };

/* What to make, for summary_render, summary_write and summary_print_record. */
struct summary_opts {
	enum summary_format fmt;
	const char *lang;	/* NULL: the session's language (i18n_lang) */
	int attendance;		/* a workshop's sheet to sign, not its totals */
	int rows;		/* rows of the sheet; 0: the workshop's attendees (else 20) */
	int force;		/* summary_write: replace a file of the same name */
};
#define SUMMARY_OPTS_INIT { SUMMARY_PDF, NULL, 0, 0, 0 }
#define SUMMARY_ROWS_MAX 500

/* "pdf" or "txt" (ERR_INVALID naming --format otherwise). */
int summary_format_parse(const char *s, enum summary_format *out, struct error *err);
/* "pdf" or "txt". */
const char *summary_format_ext(enum summary_format fmt);
/* One of es, en, ca, eu, gl (ERR_INVALID naming --lang otherwise). */
int summary_lang_check(const char *lang, struct error *err);
/*
 * The language of r's summary or sheet, the one rule every front uses: asked (--lang, or
 * the screen's choice; NULL: not asked), else the record's own `language` field, else
 * (a visit or task linked to a business, st not NULL) the business's `language`, else
 * [print] language of cfg (unless "auto"), else the session's language (i18n_lang).
 * Returns one of the five codes; an unknown value at any step is skipped.
 */
const char *summary_lang_for(const char *asked, const struct record *r,
    struct store *st, const struct config *cfg);

/* ---- the document ---- */

enum summary_block_type {
	SB_PROGRAMME,		/* the programme's name, small, above the title */
	SB_TITLE,		/* "Resumen de la visita" */
	SB_NAME,		/* the business, or the workshop's title */
	SB_FIELD,		/* label: value (one line of text, may wrap) */
	SB_HEADING,		/* a section */
	SB_PARAGRAPH,		/* long text; its newlines are kept */
	SB_ITEM,		/* one entry of a list */
	SB_CONTACT,		/* the programme's contact line, under its name */
	SB_ITEM_NOTE,		/* more about the item above (a task's description) */
	SB_BOX,			/* "Next steps": label is the heading, text its lines; the
				 * box reaches the foot of the last page, s->contact at its
				 * bottom */
};

struct summary_block {
	enum summary_block_type type;
	char *label;		/* SB_FIELD only, else NULL */
	char *text;		/* sanitised UTF-8: no controls but \n in paragraphs */
};

struct summary {
	char lang[3];			/* "es", "en", "ca", "eu" or "gl" */
	char kind[16];			/* "visit", "workshop" or "business" */
	char *name;			/* business or workshop title, sanitised, one line */
	char date[DATE_LEN + 1];	/* the record's date, "YYYY-MM-DD" */
	char *footer;			/* name · long date, for every page's foot */
	char *contact;			/* phone · e-mail · web · address, or NULL */
	char *logo;			/* [print] logo (a PNG or SVG file), or NULL */
	char *notice;			/* privacy line at the foot of every sheet page, or NULL */
	int sheet_rows;			/* > 0: an attendance sheet with that many rows */
	struct summary_block *blocks;
	size_t nblocks, cap;
};

/*
 * The document of r (a visit, a workshop or a business) in lang. A visit lists the
 * tasks of every volunteer whose business is the visit's (case-insensitive, not deleted),
 * read from st; a business gives its history: its data, every visit (date, volunteer,
 * topics, recommendations), every task (status, due date, description) and the follow-ups
 * no later visit has met yet. Contact details appear only when consent is yes. A task, a
 * deleted record or another kind is ERR_INVALID naming the kind. Caller frees with
 * summary_free.
 */
int summary_build(struct summary **out, struct store *st, const struct config *cfg,
    const struct record *r, const char *lang, struct error *err);
/* The attendance sheet of workshop r: its title, date, venue and programme, and rows
 * numbered 1..rows (0: its attendees, else 20) to sign, with [print] privacy_notice. */
int summary_build_sheet(struct summary **out, const struct config *cfg,
    const struct record *r, const char *lang, int rows, struct error *err);
void summary_free(struct summary *s);

/* The PDF (A4, numbered pages) in memory: *out is the caller's to free; *npages (may be
 * NULL) the number of pages. In the PDF module (core/module.h): the program calls it
 * through summary_pdf_module()->render. */
int summary_render_pdf(const struct summary *s, char **out, size_t *len, int *npages,
    struct error *err);
#define SUMMARY_PDF_MODULE_ABI 1
struct summary_pdf_module {
	struct module_header h;
	int (*render)(const struct summary *s, char **out, size_t *len, int *npages,
	    struct error *err);
};
extern const struct summary_pdf_module volunteer_pdf_module;	/* in the PDF module */
/* NULL with err when the module cannot be loaded. */
const struct summary_pdf_module *summary_pdf_module(struct error *err);
/* The text, wrapped at width columns (72 reads well in an email). Caller frees. */
char *summary_render_txt(const struct summary *s, int width);

/* ---- the fronts' calls ---- */

/*
 * The name to save the summary of r under: business (or title), date and language, folded
 * to ASCII letters, digits, '-' and '_' ("../Peña/Ç" on 2026-11-20 in Spanish gives
 * "Pena_C_2026-11-20_es.pdf"; a sheet "..._sheet_es.pdf"): no slash, no leading dot or
 * dash, safe on any file system. Caller frees.
 */
char *summary_default_filename(const struct record *r, const struct summary_opts *o,
    const char *lang);

/*
 * Render the summary of the record record_id (an id or a unique prefix) into memory.
 * lang NULL: the session's language (i18n_lang). *data (caller frees) and *len; when
 * record_out is not NULL it receives the record (caller frees with record_free).
 */
int summary_render(struct store *st, const struct config *cfg, const char *record_id,
    const struct summary_opts *o, char **data, size_t *len, struct record **record_out,
    struct error *err);

/*
 * Write the summary of record_id to path, or, when path is NULL, to the default file name
 * in [print] summary_dir (created if missing) or else the current folder. An existing file
 * is never replaced unless o->force: a number goes before the extension instead
 * ("..._es-2.pdf", "-3", ...), chosen without a race (link(2) refuses an existing name);
 * with force the file is replaced atomically. A device or a pipe is written into.
 * *written (may be NULL; caller frees) receives the path written.
 */
int summary_write(struct store *st, const struct config *cfg, const char *record_id,
    const struct summary_opts *o, const char *path, char **written, struct error *err);

/*
 * Send pdf_path to the printer: runs `lp [-d PRINTER] [-t TITLE] FILE` through fork and
 * execvp, never a shell. printer and title may be NULL or "" (lp's default destination,
 * lp's default title). *reply (may be NULL; caller frees) gets lp's first line of output
 * ("request id is ..."). ERR_FAILED with a message when lp is missing or fails (its first
 * line of error output); ERR_INVALID for a printer name lp could misread.
 */
int summary_print(const char *pdf_path, const char *printer, const char *title,
    char **reply, struct error *err);

/*
 * Print the summary of record_id: the PDF goes to a private temporary file, then to lp
 * (summary_print), and the file is removed. printer NULL or "": [print] printer, else
 * lp's default. lang NULL: the session's language.
 */
int summary_print_record(struct store *st, const struct config *cfg, const char *record_id,
    const struct summary_opts *o, const char *printer, char **reply, struct error *err);

/* ---- the summary's own fixed words, in the catalogues (summary_strings.c) ---- */

enum summary_string {
	SS_VISIT_TITLE,		/* "Visit summary" */
	SS_WORKSHOP_TITLE,	/* "Workshop attendance sheet" */
	SS_VOLUNTEER,		/* "Volunteer" */
	SS_CONTACT,		/* "Contact" */
	SS_ATTENDANCE,		/* "Attendance" */
	SS_TASKS,		/* "Website and social-media tasks" */
	SS_NO_TASKS,
	SS_PAGE_OF,		/* "Page %d of %d" */
	SS_FOLLOW_UP_ON,	/* "Next contact" */
	SS_DUE,			/* "due" */
	SS_NEXT_STEPS,		/* the box at the end of a visit */
	SS_QUESTIONS,		/* "Questions? Contact the programme:" */
	SS_NOTES,		/* "Notes" */
	SS_SHEET_TITLE,		/* "Attendance sheet" (to sign) */
	SS_COL_NUMBER, SS_COL_NAME, SS_COL_AGE, SS_COL_SIGNATURE,
	SS_PROGRAMME,		/* "Programme" */
	SS_YES, SS_NO,		/* a yes/no field's value */
	SS_BUSINESS_TITLE,	/* "History of our work with the business" */
	SS_VISITS,		/* "Advisory visits" */
	SS_NO_VISITS,
	SS_OPEN_FOLLOW_UPS,	/* "Open follow-ups" */
	SS_EARLIER_DONE,	/* "Earlier tasks already done: %d" */
	SS__COUNT
};

/* The string in lang (one of the five, along its fallback chain; anything else English).
 * Never NULL. */
const char *summary_str(enum summary_string id, const char *lang);

#endif
