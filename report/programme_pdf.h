/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * programme_pdf.h: the programme report as an A4 PDF (`volunteer report --format pdf`),
 * drawn with pango and cairo like the summaries (report/pdf_common.h):
 * - a cover: the programme's name, the period and the headline figures (municipalities
 *   reached, workshops, attendances, share 65+, share of women, businesses helped, visits,
 *   tasks done, hours); an empty period is a cover that says so, and nothing else;
 * - the charts of chart_list_programme as vector paths, numbers on or beside each bar,
 *   axes from zero, series told apart by pattern with a legend (readable in black and
 *   white); a chart too long for a page goes on over the next ones;
 * - one page per municipality: its figures and its small chart (chart_for_municipality);
 * - the table of every figure per municipality and the total, the numbers of
 *   `report --csv --by municipality` for the same filter (in lang's decimal style), on
 *   landscape pages;
 * - on every page's foot the programme and period, and "Page 2 of 7".
 * Nothing personal is in struct programme, so nothing personal can be printed.
 */
#ifndef VOLUNTEER_PROGRAMME_PDF_H
#define VOLUNTEER_PROGRAMME_PDF_H

#include <stddef.h>

#include "core/error.h"
#include "core/module.h"
#include "report/programme.h"

/*
 * The PDF of p in lang (one of es, en, ca, eu, gl), titled programme_name ([print]
 * programme; NULL or "" for none). *out (caller frees) holds *len bytes; *npages (may be
 * NULL) the number of pages. In the PDF module: the program calls it through
 * programme_pdf_module()->render.
 */
int programme_render_pdf(const struct programme *p, const char *programme_name,
    const char *lang, char **out, size_t *len, int *npages, struct error *err);

#define PROGRAMME_PDF_MODULE_ABI 1
struct programme_pdf_module {
	struct module_header h;
	int (*render)(const struct programme *p, const char *programme_name,
	    const char *lang, char **out, size_t *len, int *npages, struct error *err);
};
extern const struct programme_pdf_module volunteer_programme_pdf_module;	/* module */
/* NULL with err when the module cannot be loaded. */
const struct programme_pdf_module *programme_pdf_module(struct error *err);

#endif
