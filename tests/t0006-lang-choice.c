/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0006-lang-choice.c: which of the five languages the config and the environment pick
 * (core/i18n.h), in gettext's order; the fallback chains; the LANGUAGE that gettext is
 * given, and a user's own LANGUAGE list kept. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "tests/tap.h"

/* A fake environment: "NAME=value" entries. */
static const char *const *env_now;

static const char *
fake_getenv(const char *name)
{
	size_t n = strlen(name), i;

	for (i = 0; env_now[i] != NULL; i++)
		if (strncmp(env_now[i], name, n) == 0 && env_now[i][n] == '=')
			return env_now[i] + n + 1;
	return NULL;
}

static const char *
pick_in(const char *config, const char *const *env, int *user_list)
{
	env_now = env;
	return i18n_pick(config, fake_getenv, user_list);
}

static void
test_lang_of(void)
{
	const char *l;

	ok(strcmp(i18n_lang_of("es"), "es") == 0 && strcmp(i18n_lang_of("es_ES.UTF-8"), "es") == 0 &&
	    strcmp(i18n_lang_of("es-ES"), "es") == 0 && strcmp(i18n_lang_of("es@euro"), "es") == 0 &&
	    strcmp(i18n_lang_of("es:en"), "es") == 0, "es alone, with a region, a modifier, a list");
	ok(strcmp(i18n_lang_of("ca_ES.UTF-8"), "ca") == 0 && strcmp(i18n_lang_of("ca_ES@valencia"),
	    "ca") == 0 && strcmp(i18n_lang_of("eu_ES.UTF-8"), "eu") == 0 &&
	    strcmp(i18n_lang_of("gl_ES"), "gl") == 0 && strcmp(i18n_lang_of("en_US.UTF-8"),
	    "en") == 0, "ca (Valencian too), eu, gl, en from their locales");
	ok(i18n_lang_of(NULL) == NULL && i18n_lang_of("") == NULL && i18n_lang_of("e") == NULL &&
	    i18n_lang_of("est") == NULL && i18n_lang_of("C.UTF-8") == NULL &&
	    i18n_lang_of("fr_FR.UTF-8") == NULL && i18n_lang_of("eus") == NULL,
	    "not NULL, empty, a longer code, C, French");
	l = i18n_lang_of("gl");
	ok(l == i18n_langs[4], "the answer is one of i18n_langs");
	ok(i18n_lang_known("eu") && !i18n_lang_known("eu_ES") && !i18n_lang_known("xx") &&
	    !i18n_lang_known(NULL), "known: exactly the five codes");
}

static void
test_chain(void)
{
	const char *c[I18N_CHAIN_MAX];

	ok(i18n_chain("eu", c) == 3 && strcmp(c[0], "eu") == 0 && strcmp(c[1], "es") == 0 &&
	    strcmp(c[2], "en") == 0, "eu -> es -> en");
	ok(i18n_chain("gl_ES.UTF-8", c) == 3 && strcmp(c[0], "gl") == 0 && strcmp(c[1], "es") == 0,
	    "gl -> es -> en");
	ok(i18n_chain("ca", c) == 3 && strcmp(c[1], "es") == 0, "ca -> es -> en");
	ok(i18n_chain("es", c) == 2 && strcmp(c[0], "es") == 0 && strcmp(c[1], "en") == 0,
	    "es -> en");
	ok(i18n_chain("en", c) == 1 && strcmp(c[0], "en") == 0, "en alone");
	ok(i18n_chain("fr", c) == 1 && strcmp(c[0], "en") == 0, "unknown: English");
}

static void
test_pick(void)
{
	static const char *const none[] = { NULL };
	static const char *const lang_eu[] = { "LANG=eu_ES.UTF-8", NULL };
	static const char *const list[] = { "LANGUAGE=ca:es", "LANG=en_US.UTF-8", NULL };
	static const char *const list_unknown_first[] = { "LANGUAGE=fr:gl:es",
		"LC_ALL=es_ES.UTF-8", NULL };
	static const char *const list_unknown[] = { "LANGUAGE=fr:de", "LANG=gl_ES.UTF-8", NULL };
	static const char *const order[] = { "LC_ALL=ca_ES.UTF-8", "LC_MESSAGES=eu_ES.UTF-8",
		"LANG=gl_ES.UTF-8", NULL };
	static const char *const messages[] = { "LC_MESSAGES=eu_ES.UTF-8", "LANG=gl_ES.UTF-8",
		NULL };
	static const char *const french[] = { "LC_ALL=fr_FR.UTF-8", "LANG=es_ES.UTF-8", NULL };
	static const char *const empty_all[] = { "LC_ALL=", "LANG=gl_ES.UTF-8", NULL };
	int user;

	ok(strcmp(pick_in(NULL, none, &user), "en") == 0 && !user, "nothing set: English");
	ok(strcmp(pick_in("auto", lang_eu, &user), "eu") == 0 && !user, "LANG=eu_ES: Basque");
	ok(strcmp(pick_in(NULL, list, &user), "ca") == 0 && user,
	    "LANGUAGE=ca:es wins over LANG, and is the user's list");
	ok(strcmp(pick_in(NULL, list_unknown_first, &user), "gl") == 0 && user,
	    "LANGUAGE: the first known language of the list");
	ok(strcmp(pick_in(NULL, list_unknown, &user), "gl") == 0 && !user,
	    "a LANGUAGE naming no known language: on to LANG");
	ok(strcmp(pick_in(NULL, order, &user), "ca") == 0, "LC_ALL before LC_MESSAGES and LANG");
	ok(strcmp(pick_in(NULL, messages, &user), "eu") == 0, "LC_MESSAGES before LANG");
	ok(strcmp(pick_in(NULL, french, &user), "en") == 0,
	    "the first set decides, even an unknown language (gettext's order): English");
	ok(strcmp(pick_in(NULL, empty_all, &user), "gl") == 0, "an empty variable is unset");
	ok(strcmp(pick_in("gl", list, &user), "gl") == 0 && !user,
	    "[ui] language = gl wins over LANGUAGE");
	ok(strcmp(pick_in("es", lang_eu, &user), "es") == 0, "[ui] language = es over LANG=eu");
	ok(strcmp(pick_in("xx", lang_eu, &user), "eu") == 0,
	    "an unknown config value (refused by the config) is auto here");
}

static void
test_init(void)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
	setenv("LANGUAGE", "ca:es", 1);
	i18n_init("auto");
	ok(strcmp(i18n_lang(), "ca") == 0 && strcmp(getenv("LANGUAGE"), "ca:es") == 0,
	    "LANGUAGE=ca:es is kept as the user wrote it");
	setenv("LANGUAGE", "ca", 1);
	i18n_init("eu");
	ok(strcmp(i18n_lang(), "eu") == 0 && strcmp(getenv("LANGUAGE"), "eu:es") == 0,
	    "[ui] language = eu tells gettext eu:es");
	unsetenv("LANGUAGE");
	setenv("LANG", "gl_ES.UTF-8", 1);
	i18n_init(NULL);
	ok(strcmp(i18n_lang(), "gl") == 0 && strcmp(getenv("LANGUAGE"), "gl:es") == 0,
	    "LANG=gl_ES: gl:es");
	i18n_init("es");
	ok(strcmp(getenv("LANGUAGE"), "es") == 0, "es: es alone (English is the msgids)");
	i18n_init("en");
	ok(strcmp(i18n_lang(), "en") == 0 && strcmp(getenv("LANGUAGE"), "en") == 0, "en: en");
}

int
main(void)
{
	test_lang_of();
	test_chain();
	test_pick();
	test_init();
	return done_testing();
}
