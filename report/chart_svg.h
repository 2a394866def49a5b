/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chart_svg.h: a chart of report/chart.h as one inline <svg> element of an HTML5
 * document (report/programme_html.c): no script, no reference outside the element (its
 * patterns are its own <defs>), readable printed in black and white.
 *
 * What it draws, as chart.h asks: a title; a legend when there are several series;
 * series told apart by patterns (solid, hatched, dotted, outline) as well as by their
 * place; a value axis from 0 with ticks; every bar with its number written beside it in
 * lang's decimal style (a stacked bar: its parts in legend order and their sum,
 * "15 + 5 = 20"); a chart with no categories or only zeros as its title and a line
 * saying there is nothing to show. A <title> and a <desc> (every value in words) are the
 * accessible name and description.
 *
 * The elements a reader (or a test) looks for: each bar is a <rect class="bar"> with
 * data-cat (the category's index), data-series and data-value (the value in C form);
 * each category label a <text class="cat">, each number a <text class="value">.
 */
#ifndef VOLUNTEER_CHART_SVG_H
#define VOLUNTEER_CHART_SVG_H


#include "core/strbuf.h"
#include "report/chart.h"

/*
 * Append chart c drawn in lang to out. uid names the element (id="uid") and prefixes
 * the ids inside it ("uid-t", "uid-p0"): unique in the document, made of ASCII letters,
 * digits, '-' and '_' (any other byte is written as '_').
 */
void chart_svg_append(struct strbuf *out, const struct chart *c, const char *lang,
    const char *uid);

/*
 * Text from anywhere (records, translations) as HTML text or a quoted attribute value:
 * sanitised as core/text.h says (hostile code points removed, invalid bytes as U+FFFD,
 * newlines and tabs as spaces), then & < > " ' escaped. The one escaping of the HTML
 * report.
 */
void html_append_text(struct strbuf *out, const char *s);

#endif
