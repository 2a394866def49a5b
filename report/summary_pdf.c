/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * summary_pdf.c: the summary as an A4 PDF, drawn with pango and cairo.
 *
 * Two passes, because every page's foot says "Page 2 of 3": first every block becomes a
 * pango layout (wrapped by words at its width) and each line of each layout is given a
 * page and a baseline; only then, with the number of pages known, are the lines drawn.
 * Long text flows line by line over as many pages as it needs; a heading is never left
 * alone at the foot of a page, nor a label apart from the first lines of its value.
 *
 * No pango markup is used: record text is laid out as plain text, styles are attributes.
 *
 * The logo ([print] logo) is a PNG read by cairo or an SVG drawn by librsvg, at most
 * LOGO_W x LOGO_H points at the top of the first page; one that cannot be read is left out
 * (the summary matters more than the picture).
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "report/pdf_common.h"
#include "report/summary.h"

#define PAGE_W PDF_PAGE_W
#define PAGE_H PDF_PAGE_H
#define MARGIN PDF_MARGIN
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define FOOTER_H 28.0			/* room kept above the bottom margin for the foot */
#define BODY_BOTTOM (PAGE_H - MARGIN - FOOTER_H)
#define LABEL_W 165.0			/* the label column of label/value rows */
#define BULLET_W 14.0
#define BODY_PT 10.5
#define LOGO_W 150.0
#define LOGO_H 50.0
#define BOX_PAD 9.0
#define BOX_MIN_FILL 110.0		/* a box grows to the foot when this much is left */
#define NOTE_RULE 20.0			/* the lines to write on, in the box */
/* The attendance sheet: row height and column widths (the name takes the rest). */
#define ROW_H 24.0
#define HEAD_H 20.0
#define COL_NUM 34.0
#define COL_AGE 40.0
#define COL_SIGN 150.0

/* One line of one layout, placed on a page. */
struct placed_line {
	PangoLayout *layout;		/* borrowed from struct pdf's layouts */
	int line;
	int page;
	double x, baseline;		/* points from the page's top left corner */
};

/* A thin rule under the title. */
struct placed_rule {
	int page;
	double y;
};

/* A rectangle: stroked when line > 0, filled with grey fill when fill >= 0. */
struct placed_rect {
	int page;
	double x, y, w, h;
	double line, fill;
};

struct pdf {
	cairo_t *cr;
	struct pdf_fonts fonts;		/* our own, freed at the end with all it cached */
	PangoContext *context;		/* fonts.context */
	PangoLayout **layouts;		/* owned */
	size_t nlayouts, caplayouts;
	struct placed_line *lines;
	size_t nlines, caplines;
	struct placed_rule rules[4];
	size_t nrules;
	struct placed_rect *rects;
	size_t nrects, caprects;
	int page;			/* the page being filled, from 0 */
	double y;			/* the next free point on it */
	double bottom;			/* where the body ends (above the foot, the notice) */
	PangoLayout *notice;		/* the privacy line of a sheet, or NULL */
	cairo_surface_t *logo;		/* a recording of the logo, or NULL */
	double logo_w, logo_h;		/* its size on the page */
};

/* ---- layouts ---- */

static PangoLayout *
new_layout(struct pdf *p, const char *text, double width, double size_pt, int bold,
    double grey)
{
	PangoLayout *layout = pdf_layout_new(p->context, text, width, size_pt, bold, grey);

	if (p->nlayouts == p->caplayouts) {
		p->caplayouts = p->caplayouts ? p->caplayouts * 2 : 64;
		p->layouts = xrealloc(p->layouts, p->caplayouts * sizeof *p->layouts);
	}
	p->layouts[p->nlayouts++] = layout;
	return layout;
}

/* Top, height and baseline (from the top) of each line of a layout, in points. */
struct line_box {
	double top, height, baseline;
};

static int
line_boxes(PangoLayout *layout, struct line_box **out)
{
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	int n = pango_layout_get_line_count(layout), i = 0, y0, y1;
	struct line_box *b = xcalloc(n > 0 ? n : 1, sizeof *b);

	do {
		if (i >= n)
			break;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		b[i].top = (double)y0 / PANGO_SCALE;
		b[i].height = (double)(y1 - y0) / PANGO_SCALE;
		b[i].baseline = (double)(pango_layout_iter_get_baseline(it) - y0) / PANGO_SCALE;
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	*out = b;
	return i;
}

static double
height_of_first(const struct line_box *b, int n, int k)
{
	double h = 0;
	int i;

	for (i = 0; i < n && i < k; i++)
		h += b[i].height;
	return h;
}

static double
first_line_height(PangoLayout *layout)
{
	struct line_box *b;
	int n = line_boxes(layout, &b);
	double h = height_of_first(b, n, 1);

	free(b);
	return h;
}

/* ---- placing ---- */

static void
new_page(struct pdf *p)
{
	p->page++;
	p->y = MARGIN;
}

/* Start a new page unless need points fit below y (a page never starts empty for it). */
static void
need(struct pdf *p, double h)
{
	if (p->y + h > p->bottom && p->y > MARGIN)
		new_page(p);
}

static void
put_rect(struct pdf *p, double x, double y, double w, double h, double line, double fill)
{
	if (p->nrects == p->caprects) {
		p->caprects = p->caprects ? p->caprects * 2 : 64;
		p->rects = xrealloc(p->rects, p->caprects * sizeof *p->rects);
	}
	p->rects[p->nrects++] = (struct placed_rect){ p->page, x, y, w, h, line, fill };
}

static void
put_line(struct pdf *p, PangoLayout *layout, int line, double x, double baseline)
{
	if (p->nlines == p->caplines) {
		p->caplines = p->caplines ? p->caplines * 2 : 256;
		p->lines = xrealloc(p->lines, p->caplines * sizeof *p->lines);
	}
	p->lines[p->nlines++] = (struct placed_line){ layout, line, p->page, x, baseline };
}

/*
 * Flow a layout at x from y: line by line, onto new pages when needed. keep: how many
 * first lines must stay together (with whatever is placed beside them).
 */
static void
flow(struct pdf *p, PangoLayout *layout, double x, int keep)
{
	struct line_box *b;
	int n = line_boxes(layout, &b), i;

	need(p, height_of_first(b, n, keep));
	for (i = 0; i < n; i++) {
		if (i >= keep)
			need(p, b[i].height);
		put_line(p, layout, i, x, p->y + b[i].baseline);
		p->y += b[i].height;
	}
	free(b);
}

/* Every line of a layout beside the current position, without moving y. */
static void
beside(struct pdf *p, PangoLayout *layout, double x, double y)
{
	struct line_box *b;
	int n = line_boxes(layout, &b), i;

	for (i = 0; i < n; i++)
		put_line(p, layout, i, x, y + b[i].top + b[i].baseline);
	free(b);
}

static double
layout_height(PangoLayout *layout)
{
	return pdf_layout_height(layout);
}

/* A label in its column and the value flowing beside it. */
static void
place_field(struct pdf *p, const struct summary_block *b)
{
	PangoLayout *label = new_layout(p, b->label, LABEL_W - 8, BODY_PT, 1, 0.25);
	PangoLayout *value = new_layout(p, b->text, CONTENT_W - LABEL_W, BODY_PT, 0, 0);
	double lh = layout_height(label), top;
	struct line_box *vb;
	int n = line_boxes(value, &vb), page;

	/* The label and the value's first lines stay together. */
	need(p, MAX(lh, height_of_first(vb, n, 3)));
	free(vb);
	top = p->y;
	page = p->page;
	beside(p, label, MARGIN, top);
	flow(p, value, MARGIN + LABEL_W, 1);
	if (p->page == page && p->y < top + lh)
		p->y = top + lh;
	p->y += 3;
}

/* Every line of a layout from y, on the current page (a box's lines never split). */
static double
at(struct pdf *p, PangoLayout *layout, double x, double y)
{
	beside(p, layout, x, y);
	return layout_height(layout);
}

/*
 * The "next steps" box: its heading and lines, ruled lines to write on, and the programme's
 * contact at its bottom. When enough of the page is left it reaches the foot, so that a
 * short summary ends in the box rather than in a blank third.
 */
static void
place_box(struct pdf *p, const struct summary *s, const struct summary_block *b)
{
	double inner = CONTENT_W - 2 * BOX_PAD, top, y, bottom, h, foot_h = 0;
	PangoLayout *head = new_layout(p, b->label, inner, 12, 1, 0);
	PangoLayout *text = *b->text ? new_layout(p, b->text, inner, BODY_PT, 0, 0) : NULL;
	PangoLayout *notes = new_layout(p, summary_str(SS_NOTES, s->lang), inner, 8.5, 0, 0.4);
	PangoLayout *foot = NULL;
	char *line = NULL;

	if (s->contact != NULL) {
		line = xasprintf("%s %s", summary_str(SS_QUESTIONS, s->lang), s->contact);
		foot = new_layout(p, line, inner, BODY_PT, 1, 0);
		free(line);
		foot_h = layout_height(foot) + 6;
	}
	h = 2 * BOX_PAD + layout_height(head) + 4 + (text ? layout_height(text) + 4 : 0) +
	    layout_height(notes) + 2 * NOTE_RULE + foot_h;
	p->y += 16;
	need(p, h);
	top = p->y;
	bottom = top + h;
	if (p->bottom - bottom >= 0 && p->bottom - top >= BOX_MIN_FILL)
		bottom = p->bottom;
	y = top + BOX_PAD;
	y += at(p, head, MARGIN + BOX_PAD, y) + 4;
	if (text != NULL)
		y += at(p, text, MARGIN + BOX_PAD, y) + 4;
	y += at(p, notes, MARGIN + BOX_PAD, y);
	for (y += NOTE_RULE; y <= bottom - BOX_PAD - foot_h; y += NOTE_RULE)
		put_rect(p, MARGIN + BOX_PAD, y, inner, 0, 0.4, -1);
	if (foot != NULL)
		at(p, foot, MARGIN + BOX_PAD, bottom - BOX_PAD - layout_height(foot));
	put_rect(p, MARGIN, top, CONTENT_W, bottom - top, 0.9, -1);
	p->y = bottom + 6;
}

/* One cell's text, centred or from its left, vertically in the middle of the row. */
static void
cell(struct pdf *p, const char *text, double x, double w, double y, double h, int bold,
    int centre)
{
	PangoLayout *l = new_layout(p, text, w - 8, bold ? 9 : BODY_PT, bold, 0);

	if (centre)
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	beside(p, l, x + 4, y + (h - layout_height(l)) / 2);
}

static void
sheet_head(struct pdf *p, const struct summary *s)
{
	double x = MARGIN, name_w = CONTENT_W - COL_NUM - COL_AGE - COL_SIGN, y = p->y;

	put_rect(p, MARGIN, y, CONTENT_W, HEAD_H, 0.8, 0.88);
	cell(p, summary_str(SS_COL_NUMBER, s->lang), x, COL_NUM, y, HEAD_H, 1, 1);
	x += COL_NUM;
	cell(p, summary_str(SS_COL_NAME, s->lang), x, name_w, y, HEAD_H, 1, 0);
	x += name_w;
	cell(p, summary_str(SS_COL_AGE, s->lang), x, COL_AGE, y, HEAD_H, 1, 1);
	x += COL_AGE;
	cell(p, summary_str(SS_COL_SIGNATURE, s->lang), x, COL_SIGN, y, HEAD_H, 1, 0);
	p->y += HEAD_H;
}

/* The rows to sign, numbered, the head again on every page. */
static void
place_sheet(struct pdf *p, const struct summary *s)
{
	double name_w = CONTENT_W - COL_NUM - COL_AGE - COL_SIGN, x, y;
	char num[16];
	int i;

	p->y += 14;
	need(p, HEAD_H + 3 * ROW_H);
	sheet_head(p, s);
	for (i = 1; i <= s->sheet_rows; i++) {
		if (p->y + ROW_H > p->bottom) {
			new_page(p);
			sheet_head(p, s);
		}
		y = p->y;
		put_rect(p, MARGIN, y, CONTENT_W, ROW_H, 0.6, -1);
		x = MARGIN + COL_NUM;
		put_rect(p, x, y, 0, ROW_H, 0.6, -1);
		put_rect(p, x + name_w, y, 0, ROW_H, 0.6, -1);
		put_rect(p, x + name_w + COL_AGE, y, 0, ROW_H, 0.6, -1);
		/* The box to tick for 65 or older. */
		put_rect(p, x + name_w + (COL_AGE - 10) / 2, y + (ROW_H - 10) / 2, 10, 10, 0.7, -1);
		snprintf(num, sizeof num, "%d", i);
		cell(p, num, MARGIN, COL_NUM, y, ROW_H, 0, 1);
		p->y += ROW_H;
	}
}

static void
place_block(struct pdf *p, const struct summary *s, const struct summary_block *prev,
    const struct summary_block *b, const struct summary_block *next)
{
	PangoLayout *l, *bullet;
	double keep;

	switch (b->type) {
	case SB_PROGRAMME:
		l = new_layout(p, b->text, CONTENT_W, 10, 0, 0.4);
		flow(p, l, MARGIN, 1);
		p->y += 4;
		break;
	case SB_TITLE:
		l = new_layout(p, b->text, CONTENT_W, 22, 1, 0);
		flow(p, l, MARGIN, 1);
		p->y += 2;
		break;
	case SB_NAME:
		l = new_layout(p, b->text, CONTENT_W, 16, 0, 0);
		flow(p, l, MARGIN, 2);
		p->y += 6;
		if (p->nrules < sizeof p->rules / sizeof p->rules[0])
			p->rules[p->nrules++] = (struct placed_rule){ p->page, p->y };
		p->y += 12;
		break;
	case SB_FIELD:
		/* A field after a list or a text (the follow-up date) starts apart. */
		if (prev != NULL && (prev->type == SB_ITEM || prev->type == SB_PARAGRAPH))
			p->y += 6;
		place_field(p, b);
		break;
	case SB_HEADING:
		p->y += 12;
		l = new_layout(p, b->text, CONTENT_W, 13, 1, 0);
		/* Never a heading alone at the foot of a page: keep room for two lines. */
		keep = layout_height(l) + 4 + (next != NULL ? 2 * 2 * BODY_PT : 0);
		need(p, keep);
		flow(p, l, MARGIN, 1);
		p->y += 4;
		break;
	case SB_PARAGRAPH:
		l = new_layout(p, b->text, CONTENT_W, BODY_PT, 0, 0);
		pango_layout_set_spacing(l, 2 * PANGO_SCALE);
		flow(p, l, MARGIN, 2);
		p->y += 6;
		break;
	case SB_CONTACT:
		l = new_layout(p, b->text, CONTENT_W, 9, 0, 0.4);
		flow(p, l, MARGIN, 1);
		p->y += 8;
		break;
	case SB_ITEM_NOTE:
		l = new_layout(p, b->text, CONTENT_W - BULLET_W, BODY_PT - 1, 0, 0.3);
		p->y -= 1;
		flow(p, l, MARGIN + BULLET_W, 1);
		p->y += 4;
		break;
	case SB_BOX:
		place_box(p, s, b);
		break;
	case SB_ITEM:
		l = new_layout(p, b->text, CONTENT_W - BULLET_W, BODY_PT, 0, 0);
		bullet = new_layout(p, "•", BULLET_W, BODY_PT, 0, 0);
		/* The bullet goes beside the first line, on the page that line lands on. */
		need(p, MAX(layout_height(bullet), first_line_height(l)));
		beside(p, bullet, MARGIN + 2, p->y);
		flow(p, l, MARGIN + BULLET_W, 1);
		p->y += 3;
		break;
	}
}

/* ---- drawing ---- */

static void
draw_footer(struct pdf *p, const struct summary *s, int page, int npages)
{
	char num[64];

	if (p->notice != NULL) {
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_move_to(p->cr, MARGIN, p->bottom + 8);
		pango_cairo_show_layout(p->cr, p->notice);
	}
	snprintf(num, sizeof num, summary_str(SS_PAGE_OF, s->lang), page + 1, npages);
	pdf_draw_footer(p->cr, p->context, s->footer, num, PAGE_W, PAGE_H);
}

static void
draw_rects(struct pdf *p, int page)
{
	size_t r;

	for (r = 0; r < p->nrects; r++) {
		const struct placed_rect *pr = &p->rects[r];
		if (pr->page != page)
			continue;
		if (pr->fill >= 0 && pr->w > 0 && pr->h > 0) {
			cairo_set_source_rgb(p->cr, pr->fill, pr->fill, pr->fill);
			cairo_rectangle(p->cr, pr->x, pr->y, pr->w, pr->h);
			cairo_fill(p->cr);
		}
		if (pr->line > 0) {
			cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
			cairo_set_line_width(p->cr, pr->line);
			if (pr->w > 0 && pr->h > 0)
				cairo_rectangle(p->cr, pr->x, pr->y, pr->w, pr->h);
			else {
				cairo_move_to(p->cr, pr->x, pr->y);
				cairo_line_to(p->cr, pr->x + pr->w, pr->y + pr->h);
			}
			cairo_stroke(p->cr);
		}
	}
}

static void
draw_pages(struct pdf *p, const struct summary *s, int npages)
{
	size_t i = 0, r;
	int page;

	for (page = 0; page < npages; page++) {
		/* Fills first: a sheet's head is written over its grey. */
		draw_rects(p, page);
		if (page == 0 && p->logo != NULL) {
			cairo_set_source_surface(p->cr, p->logo, MARGIN, MARGIN);
			cairo_paint(p->cr);
		}
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		for (; i < p->nlines && p->lines[i].page == page; i++) {
			const struct placed_line *pl = &p->lines[i];
			PangoLayoutLine *line = pango_layout_get_line_readonly(pl->layout,
			    pl->line);
			PangoRectangle ext;
			if (line == NULL)
				continue;
			pango_layout_line_get_extents(line, NULL, &ext);
			cairo_move_to(p->cr, pl->x + (double)ext.x / PANGO_SCALE, pl->baseline);
			pango_cairo_show_layout_line(p->cr, line);
		}
		for (r = 0; r < p->nrules; r++) {
			if (p->rules[r].page != page)
				continue;
			cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
			cairo_set_line_width(p->cr, 0.8);
			cairo_move_to(p->cr, MARGIN, p->rules[r].y);
			cairo_line_to(p->cr, PAGE_W - MARGIN, p->rules[r].y);
			cairo_stroke(p->cr);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
		}
		draw_footer(p, s, page, npages);
		cairo_show_page(p->cr);
	}
}

/* ---- the logo ---- */

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && g_ascii_strcasecmp(s + n - m, tail) == 0;
}

/*
 * The logo, scaled to fit LOGO_W x LOGO_H, as a recording surface that the PDF keeps as
 * vectors (an SVG) or as the image (a PNG). NULL when it cannot be read.
 */
static cairo_surface_t *
load_logo(const char *path, double *w_out, double *h_out)
{
	cairo_surface_t *img = NULL, *rec = NULL;
	RsvgHandle *svg = NULL;
	GError *gerr = NULL;
	double w = 0, h = 0, k;
	cairo_t *cr;

	if (ends_with(path, ".svg")) {
		if ((svg = rsvg_handle_new_from_file(path, &gerr)) == NULL) {
			g_clear_error(&gerr);
			return NULL;
		}
		rsvg_handle_set_dpi(svg, 72);
		if (!rsvg_handle_get_intrinsic_size_in_pixels(svg, &w, &h)) {
			w = LOGO_W;
			h = LOGO_H;
		}
	} else {
		img = cairo_image_surface_create_from_png(path);
		if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(img);
			return NULL;
		}
		w = cairo_image_surface_get_width(img);
		h = cairo_image_surface_get_height(img);
	}
	if (w <= 0 || h <= 0)
		goto out;
	k = MIN(LOGO_W / w, LOGO_H / h);
	*w_out = w * k;
	*h_out = h * k;
	rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
	    &(cairo_rectangle_t){ 0, 0, *w_out, *h_out });
	cr = cairo_create(rec);
	if (svg != NULL) {
		RsvgRectangle vp = { 0, 0, *w_out, *h_out };
		if (!rsvg_handle_render_document(svg, cr, &vp, &gerr))
			g_clear_error(&gerr);
	} else {
		cairo_scale(cr, k, k);
		cairo_set_source_surface(cr, img, 0, 0);
		cairo_paint(cr);
	}
	cairo_destroy(cr);
out:
	if (svg != NULL)
		g_object_unref(svg);
	if (img != NULL)
		cairo_surface_destroy(img);
	return rec;
}

/* ---- the output ---- */

int
summary_render_pdf(const struct summary *s, char **out, size_t *len, int *npages,
    struct error *err)
{
	struct pdf_sink sink = { 0 };
	struct pdf p = { 0 };
	cairo_surface_t *surface;
	char *title = NULL;
	size_t i;
	int pages, rc = -1;

	*out = NULL;
	*len = 0;
	title = xasprintf("%s · %s", summary_str(strcmp(s->kind, "visit") == 0 ?
	    SS_VISIT_TITLE : strcmp(s->kind, "business") == 0 ? SS_BUSINESS_TITLE :
	    SS_WORKSHOP_TITLE, s->lang), s->name);
	surface = pdf_sink_surface(&sink, PAGE_W, PAGE_H, title);
	p.cr = cairo_create(surface);
	pdf_fonts_open(&p.fonts, p.cr);
	p.context = p.fonts.context;
	p.y = MARGIN;
	p.bottom = BODY_BOTTOM;
	if (s->notice != NULL) {
		p.notice = new_layout(&p, s->notice, CONTENT_W, 8, 0, 0.3);
		p.bottom -= layout_height(p.notice) + 12;
	}
	if (s->logo != NULL && (p.logo = load_logo(s->logo, &p.logo_w, &p.logo_h)) != NULL)
		p.y += p.logo_h + 10;

	for (i = 0; i < s->nblocks; i++)
		place_block(&p, s, i > 0 ? &s->blocks[i - 1] : NULL, &s->blocks[i],
		    i + 1 < s->nblocks ? &s->blocks[i + 1] : NULL);
	if (s->sheet_rows > 0)
		place_sheet(&p, s);
	pages = p.page + 1;
	draw_pages(&p, s, pages);

	cairo_destroy(p.cr);
	if (pdf_sink_finish(surface, &sink, out, len, err) != 0)
		goto out;
	if (npages != NULL)
		*npages = pages;
	rc = 0;
out:
	for (i = 0; i < p.nlayouts; i++)
		g_object_unref(p.layouts[i]);
	pdf_fonts_close(&p.fonts);
	free(p.layouts);
	free(p.lines);
	free(p.rects);
	if (p.logo != NULL)
		cairo_surface_destroy(p.logo);
	free(sink.data);
	free(title);
	return rc;
}

const struct summary_pdf_module volunteer_pdf_module = {
	.h = { .abi = SUMMARY_PDF_MODULE_ABI, .version = VOLUNTEER_VERSION },
	.render = summary_render_pdf,
};
