/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * i18n.h: translations through gettext, and the language of the program (es or en).
 *
 * The language follows [ui] language in the config; "auto" follows the locale
 * (LC_MESSAGES / LANG starting with "es" gives Spanish). Messages are written in English
 * inside _() and the Spanish catalogue lives in po/es.po.
 */
#ifndef VOLUNTEER_I18N_H
#define VOLUNTEER_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Set the locale and the catalogue folder ($VOLUNTEER_LOCALEDIR, else LOCALEDIR);
 * config_language is "auto", "es" or "en" (NULL: auto). Call once, early. */
void i18n_init(const char *config_language);
/* "es" or "en". */
const char *i18n_lang(void);
/* 1 when lang names Spanish: "es" alone or before '_', '-', '.', '@' or ':' ("es_ES.UTF-8",
 * "es-ES", a LANGUAGE list "es:en"). The one test every front uses to pick Spanish. */
int i18n_is_spanish(const char *lang);

#endif
