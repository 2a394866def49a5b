/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf_common.c: see pdf_common.h. */
#include <cairo-pdf.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "report/pdf_common.h"

void
pdf_fonts_open(struct pdf_fonts *f, cairo_t *cr)
{
	f->fontmap = pango_cairo_font_map_new();
	f->context = pango_font_map_create_context(f->fontmap);
	pango_cairo_update_context(cr, f->context);
	pango_cairo_context_set_resolution(f->context, 72);
}

void
pdf_fonts_close(struct pdf_fonts *f)
{
	if (f->context != NULL)
		g_object_unref(f->context);
	if (f->fontmap != NULL)
		g_object_unref(f->fontmap);
	f->context = NULL;
	f->fontmap = NULL;
}

PangoLayout *
pdf_layout_new(PangoContext *context, const char *text, double width, double size_pt,
    int bold, double grey)
{
	PangoLayout *layout = pango_layout_new(context);
	PangoFontDescription *fd = pango_font_description_from_string(PDF_FONT_FAMILY);
	PangoAttrList *attrs = pango_attr_list_new();

	pango_font_description_set_size(fd, (int)(size_pt * PANGO_SCALE));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);
	if (width > 0)
		pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	if (grey > 0) {
		guint16 c = (guint16)(grey * 65535);
		pango_attr_list_insert(attrs, pango_attr_foreground_new(c, c, c));
	}
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
	pango_layout_set_text(layout, text, -1);
	return layout;
}

double
pdf_layout_height(PangoLayout *layout)
{
	int h;

	pango_layout_get_size(layout, NULL, &h);
	return (double)h / PANGO_SCALE;
}

double
pdf_layout_width(PangoLayout *layout)
{
	PangoRectangle logical;

	pango_layout_get_extents(layout, NULL, &logical);
	return (double)(logical.x + logical.width) / PANGO_SCALE;
}

void
pdf_draw_footer(cairo_t *cr, PangoContext *context, const char *left, const char *right,
    double page_w, double page_h)
{
	double content_w = page_w - 2 * PDF_MARGIN, y = page_h - PDF_MARGIN - 10;
	PangoLayout *l = pdf_layout_new(context, left, content_w * 0.7, 8.5, 0, 0.4);
	PangoLayout *r = pdf_layout_new(context, right, content_w * 0.3, 8.5, 0, 0.4);

	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_set_height(l, -1);	/* one line */
	pango_layout_set_alignment(r, PANGO_ALIGN_RIGHT);
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, PDF_MARGIN, y - 6);
	cairo_line_to(cr, page_w - PDF_MARGIN, y - 6);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, PDF_MARGIN, y);
	pango_cairo_show_layout(cr, l);
	cairo_move_to(cr, PDF_MARGIN + content_w * 0.7, y);
	pango_cairo_show_layout(cr, r);
	cairo_restore(cr);
	g_object_unref(l);
	g_object_unref(r);
}

static cairo_status_t
pdf_sink_write(void *closure, const unsigned char *data, unsigned int length)
{
	struct pdf_sink *k = closure;

	if (k->len + length + 1 > k->cap) {
		while (k->len + length + 1 > k->cap)
			k->cap = k->cap ? k->cap * 2 : 64 * 1024;
		k->data = xrealloc(k->data, k->cap);
	}
	memcpy(k->data + k->len, data, length);
	k->len += length;
	return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
pdf_sink_surface(struct pdf_sink *sink, double w, double h, const char *title)
{
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(pdf_sink_write, sink, w,
	    h);

	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "volunteer");
	return surface;
}

int
pdf_sink_finish(cairo_surface_t *surface, struct pdf_sink *sink, char **out, size_t *len,
    struct error *err)
{
	cairo_status_t status;

	cairo_surface_finish(surface);
	status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS)
		return error_set(err, ERR_FAILED, NULL, _("could not draw the PDF: %s"),
		    cairo_status_to_string(status));
	*out = sink->data;
	*len = sink->len;
	sink->data = NULL;
	return 0;
}
