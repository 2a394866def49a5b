/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf_common.h: what the PDFs of the PDF module share (the visit summary,
 * report/summary_pdf.c, and the programme report, report/programme_pdf.c): the A4 page,
 * the font, pango layouts of plain text, the font map of our own, the page's foot, and the
 * memory the PDF is written into. Linked into volunteer-pdf.so only.
 */
#ifndef VOLUNTEER_PDF_COMMON_H
#define VOLUNTEER_PDF_COMMON_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stddef.h>

#include "core/error.h"

/* A4 in points, margins of 20 mm. */
#define PDF_PAGE_W 595.2756
#define PDF_PAGE_H 841.8898
#define PDF_MARGIN 56.6929
#define PDF_FONT_FAMILY "DejaVu Sans,Sans"

/*
 * A font map and a context of our own rather than pango's default ones: the default
 * lives as long as the thread and keeps every font it matched, which a long terminal
 * session (and the leak checker) would see grow. Points are the unit: 72 per inch, as in
 * PDF.
 */
struct pdf_fonts {
	PangoFontMap *fontmap;
	PangoContext *context;
};
void pdf_fonts_open(struct pdf_fonts *f, cairo_t *cr);
void pdf_fonts_close(struct pdf_fonts *f);

/*
 * A layout of text (plain text, never markup: record text is not ours) wrapped by words
 * at width points, in size_pt, bold or not, grey from 0 (black) up (0 < grey < 1). The
 * caller owns it (g_object_unref).
 */
PangoLayout *pdf_layout_new(PangoContext *context, const char *text, double width,
    double size_pt, int bold, double grey);
/* The height of a layout, in points. */
double pdf_layout_height(PangoLayout *layout);
double pdf_layout_width(PangoLayout *layout);	/* of its ink-free logical extents */

/*
 * The foot of a page of page_w x page_h: a thin rule, left (ellipsized to one line) and
 * right (right-aligned: "Page 2 of 7"), grey, above the bottom margin.
 */
void pdf_draw_footer(cairo_t *cr, PangoContext *context, const char *left,
    const char *right, double page_w, double page_h);

/* The PDF in memory, written by the surface pdf_sink_surface makes. */
struct pdf_sink {
	char *data;
	size_t len, cap;
};
/* A PDF surface of w x h points writing into sink, its title and creator set. */
cairo_surface_t *pdf_sink_surface(struct pdf_sink *sink, double w, double h,
    const char *title);
/*
 * Finish and destroy surface (every cairo_t on it destroyed already). 0 and sink's bytes
 * handed to *out and *len (sink->data NULL after), or -1 with an error naming cairo's
 * status and sink left to its owner to free.
 */
int pdf_sink_finish(cairo_surface_t *surface, struct pdf_sink *sink, char **out,
    size_t *len, struct error *err);

#endif
