/* SPDX-License-Identifier: GPL-3.0-or-later */
/* i18n.c: see i18n.h. */
#include <ctype.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"


#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

const char *const i18n_langs[I18N_LANG_COUNT] = { "es", "en", "ca", "eu", "gl" };

static const char *current_lang = "en";
static char catalogue_folder[4096];

int
i18n_lang_index(const char *code)
{
	size_t i;

	if (code == NULL)
		return -1;
	for (i = 0; i < I18N_LANG_COUNT; i++)
		if (strcmp(code, i18n_langs[i]) == 0)
			return (int)i;
	return -1;
}

int
i18n_lang_known(const char *code)
{
	return i18n_lang_index(code) >= 0;
}

const char *
i18n_lang_of(const char *spec)
{
	size_t i;

	if (spec == NULL)
		return NULL;
	for (i = 0; i < I18N_LANG_COUNT; i++)
		if (spec[0] == i18n_langs[i][0] && spec[0] != '\0' && spec[1] == i18n_langs[i][1] &&
		    (spec[2] == '\0' || strchr("_-.@:", spec[2]) != NULL))
			return i18n_langs[i];
	return NULL;
}

size_t
i18n_chain(const char *lang, const char *out[I18N_CHAIN_MAX])
{
	size_t n = 0;

	lang = i18n_lang_of(lang);
	if (lang == NULL || strcmp(lang, "en") == 0) {
		out[n++] = "en";
		return n;
	}
	out[n++] = lang;
	/* The co-official languages' readers all read Spanish: better than English. */
	if (strcmp(lang, "es") != 0)
		out[n++] = "es";
	out[n++] = "en";
	return n;
}

/* The first known language of a LANGUAGE list "fr:ca:es" (ca), or NULL. */
static const char *
first_known_of_list(const char *list)
{
	const char *p = list, *lang;

	while (p != NULL && *p != '\0') {
		if ((lang = i18n_lang_of(p)) != NULL)
			return lang;
		p = strchr(p, ':');
		if (p != NULL)
			p++;
	}
	return NULL;
}

const char *
i18n_pick(const char *config_language, const char *(*getenv_fn)(const char *),
    int *user_list)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v, *lang;
	size_t i;

	if (user_list != NULL)
		*user_list = 0;
	if (config_language != NULL && strcmp(config_language, "auto") != 0 &&
	    i18n_lang_known(config_language))
		return i18n_langs[i18n_lang_index(config_language)];
	if ((lang = first_known_of_list(getenv_fn("LANGUAGE"))) != NULL) {
		if (user_list != NULL)
			*user_list = 1;
		return lang;
	}
	/* gettext's order: the first of these that is set decides, known or not. */
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		v = getenv_fn(vars[i]);
		if (v != NULL && *v)
			return (lang = i18n_lang_of(v)) != NULL ? lang : "en";
	}
	return "en";
}

static const char *
real_getenv(const char *name)
{
	return getenv(name);
}

/*
 * The folder of the catalogues: $VOLUNTEER_LOCALEDIR; else beside the binary, installed
 * (PREFIX/share/locale, whatever the prefix at build time) or in its build tree; else
 * LOCALEDIR. A folder counts when it holds our Spanish catalogue.
 */
static const char *
catalogue_dir(const char *env)
{
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
		snprintf(catalogue_folder, sizeof catalogue_folder, "%s", path);
		free(path);
		return catalogue_folder;
	}
	return LOCALEDIR;
}

void
i18n_init(const char *config_language)
{
	const char *chain[I18N_CHAIN_MAX], *dir;
	char list[16] = "";
	size_t i, n;
	int user_list;

	/*
	 * Only the two categories the program reads: the characters (wide text on the
	 * screen) and the messages (gettext). Numbers stay "C" (a '.' in files and on the
	 * command line), dates are written by the program's own tables, nothing is collated
	 * by the C library: loading the other ten categories cost each command 0.2 M
	 * instructions and thirteen files opened.
	 */
	if (setlocale(LC_CTYPE, "") == NULL)
		setlocale(LC_CTYPE, "C.UTF-8");
	if (setlocale(LC_MESSAGES, "") == NULL)
		setlocale(LC_MESSAGES, "C.UTF-8");
	/* Text is UTF-8 everywhere (files, forms, the screen), even under LANG=C. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	current_lang = i18n_pick(config_language, real_getenv, &user_list);
	/* LANGUAGE tells gettext the chain ("eu:es"; English is the msgids), unless it is
	 * the user's own list that chose the language. It is honoured in any locale but plain
	 * "C", so step up to C.UTF-8 then. */
	if (!user_list) {
		n = i18n_chain(current_lang, chain);
		for (i = 0; i < n; i++) {
			if (strcmp(chain[i], "en") == 0 && i > 0)
				break;
			if (list[0] != '\0')
				strcat(list, ":");
			strcat(list, chain[i]);
		}
		setenv("LANGUAGE", list, 1);
	}
	if (strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0 ||
	    strcmp(setlocale(LC_MESSAGES, NULL), "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	dir = catalogue_dir(getenv("VOLUNTEER_LOCALEDIR"));
	if (dir != catalogue_folder)
		snprintf(catalogue_folder, sizeof catalogue_folder, "%s", dir);
	bindtextdomain("volunteer", catalogue_folder);
	bind_textdomain_codeset("volunteer", "UTF-8");
	textdomain("volunteer");
}

const char *
i18n_lang(void)
{
	return current_lang;
}

/* The lower case of an ASCII letter; other characters as they are (the pairs are letters
 * of Latin scripts, and the ASCII ones are what a Spanish keyboard types unshifted). */
static unsigned
fold_key(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
i18n_answer_of(const char *letters, unsigned key)
{
	unsigned yes = 'y', no = 'n', cp;
	size_t len = letters != NULL ? strlen(letters) : 0, n, m;

	if (len > 0 && (n = utf8_decode(letters, len, &cp)) > 0 && n < len &&
	    letters[n] == '/' && (m = utf8_decode(letters + n + 1, len - n - 1, &no)) > 0 &&
	    n + 1 + m == len)
		yes = cp;
	else
		no = 'n';
	key = fold_key(key);
	if (key == fold_key(yes) || key == 'y')
		return 1;
	if (key == fold_key(no) || key == 'n')
		return 0;
	return -1;
}

const char *
i18n_catalogue_dir(void)
{
	if (catalogue_folder[0] == '\0')
		snprintf(catalogue_folder, sizeof catalogue_folder, "%s",
		    catalogue_dir(getenv("VOLUNTEER_LOCALEDIR")));
	return catalogue_folder;
}

void
i18n_date_short(const char *iso, const char *lang, char *out, size_t size)
{
	const char *l = i18n_lang_of(lang);

	if (size == 0)
		return;
	if (iso == NULL || strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-' || l == NULL ||
	    strcmp(l, "en") == 0)
		snprintf(out, size, "%.10s", iso != NULL ? iso : "");
	else if (strcmp(l, "eu") == 0)
		snprintf(out, size, "%.4s/%.2s/%.2s", iso, iso + 5, iso + 8);
	else
		snprintf(out, size, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

void
i18n_datetime_short(const char *iso, const char *lang, char *out, size_t size)
{
	struct tm tm = { 0 };
	char date[16], hm[8];
	time_t t;

	if (size == 0)
		return;
	if (iso == NULL || strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL) {
		snprintf(out, size, "%.20s", iso != NULL ? iso : "");
		return;
	}
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	strftime(hm, sizeof hm, "%H:%M", &tm);
	i18n_date_short(date, lang, out, size);
	snprintf(out + strlen(out), size - strlen(out), " %s", hm);
}

/* In i18n_langs' order: es, en, ca, eu, gl. */
static const char *const short_months[I18N_LANG_COUNT][12] = {
	{ "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov",
	  "dic" },
	{ "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
	  "Dec" },
	{ "gen.", "febr.", "març", "abr.", "maig", "juny", "jul.", "ag.", "set.", "oct.",
	  "nov.", "des." },
	{ "urt.", "ots.", "mar.", "api.", "mai.", "eka.", "uzt.", "abu.", "ira.", "urr.",
	  "aza.", "abe." },
	{ "xan.", "feb.", "mar.", "abr.", "maio", "xuño", "xul.", "ago.", "set.", "out.",
	  "nov.", "dec." },
};

void
i18n_month_short(const char *ym, const char *lang, char *out, size_t size)
{
	const char *l = i18n_lang_of(lang);
	int li = i18n_lang_index(l != NULL ? l : "en"), m;

	if (size == 0)
		return;
	if (ym == NULL || strlen(ym) < 7 || ym[4] != '-' || !isdigit((unsigned char)ym[5]) ||
	    !isdigit((unsigned char)ym[6]) || (m = (ym[5] - '0') * 10 + ym[6] - '0') < 1 ||
	    m > 12 || li < 0) {
		snprintf(out, size, "%.7s", ym != NULL ? ym : "");
		return;
	}
	if (strcmp(i18n_langs[li], "eu") == 0)
		snprintf(out, size, "%.4s %s", ym, short_months[li][m - 1]);
	else
		snprintf(out, size, "%s %.4s", short_months[li][m - 1], ym);
}

char
i18n_decimal_mark(const char *lang)
{
	const char *l = i18n_lang_of(lang);

	return l == NULL || strcmp(l, "en") == 0 ? '.' : ',';
}

void
i18n_number_local(char *number, const char *lang)
{
	char *p;

	if (number != NULL && (p = strchr(number, '.')) != NULL)
		*p = i18n_decimal_mark(lang);
}
