/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * programme_html.h: the programme report as one self-contained HTML file (inline SVG
 * charts from report/chart.h, no script, no network), for `volunteer report --format html`.
 * Implemented in report/programme_html.c.
 */
#ifndef VOLUNTEER_PROGRAMME_HTML_H
#define VOLUNTEER_PROGRAMME_HTML_H

#include <stddef.h>

#include "core/error.h"
#include "report/programme.h"

/*
 * The HTML of p in lang (one of es, en, ca, eu, gl), titled programme_name ([print]
 * programme; NULL or "" for none). *out (caller frees) holds *len bytes of UTF-8.
 */
int programme_render_html(const struct programme *p, const char *programme_name,
    const char *lang, char **out, size_t *len, struct error *err);

#endif
