/* SPDX-License-Identifier: GPL-3.0-or-later */
/* i18n.c: see i18n.h. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"


#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static char current_lang[3] = "en";

int
i18n_is_spanish(const char *lang)
{
	return lang != NULL && lang[0] == 'e' && lang[1] == 's' &&
	    (lang[2] == '\0' || strchr("_-.@:", lang[2]) != NULL);
}

static const char *
locale_language(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		v = getenv(vars[i]);
		if (v != NULL && *v)
			return i18n_is_spanish(v) ? "es" : "en";
	}
	return "en";
}

/*
 * The folder of the catalogues: $VOLUNTEER_LOCALEDIR; else beside the binary, installed
 * (PREFIX/share/locale, whatever the prefix at build time) or in its build tree; else
 * LOCALEDIR. A folder counts when it holds our Spanish catalogue.
 */
static const char *
catalogue_dir(const char *env)
{
	static char found[4096];
	const char *beside[] = { "../share/locale/es/LC_MESSAGES/volunteer.mo",
	    MODULE_BUILD_SUBDIR "/locale/es/LC_MESSAGES/volunteer.mo" };
	char *path;
	size_t i;

	if (env != NULL && *env)
		return env;
	for (i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		if ((path = util_beside_program(beside[i])) == NULL)
			continue;
		/* Cut "/es/LC_MESSAGES/volunteer.mo": the folder of the languages. */
		path[strlen(path) - strlen("/es/LC_MESSAGES/volunteer.mo")] = '\0';
		snprintf(found, sizeof found, "%s", path);
		free(path);
		return found;
	}
	return LOCALEDIR;
}

void
i18n_init(const char *config_language)
{
	const char *dir = getenv("VOLUNTEER_LOCALEDIR"), *lang;

	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	/* Text is UTF-8 everywhere (files, forms, the screen), even under LANG=C. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	/* Numbers in files and on the command line are always written with a '.' */
	setlocale(LC_NUMERIC, "C");
	if (config_language != NULL && strcmp(config_language, "auto") != 0)
		lang = strcmp(config_language, "es") == 0 ? "es" : "en";
	else
		lang = locale_language();
	strcpy(current_lang, lang);
	/* The config may ask for a language the locale does not name: LANGUAGE tells gettext,
	 * and it is honoured in any locale but plain "C", so step up to C.UTF-8 then. */
	setenv("LANGUAGE", lang, 1);
	if (strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0 ||
	    strcmp(setlocale(LC_MESSAGES, NULL), "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	bindtextdomain("volunteer", catalogue_dir(dir));
	bind_textdomain_codeset("volunteer", "UTF-8");
	textdomain("volunteer");
}

const char *
i18n_lang(void)
{
	return current_lang;
}
