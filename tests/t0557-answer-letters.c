/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0557-answer-letters.c: the yes/no letters of each language, from the real catalogues of
 * the build (the translation of "y/n"), answer the screens' questions: s/n in es, ca, gl,
 * b/e in Basque, y/n everywhere; a damaged pair leaves y/n alone. And the record's times
 * in each language's short style. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/util.h"
#include "tests/tap.h"

static void
answer_is(const char *pair, unsigned key, int want)
{
	char name[80];

	snprintf(name, sizeof name, "'%s': the key U+%04X answers %s", pair ? pair : "(null)",
	    key, want == 1 ? "yes" : want == 0 ? "no" : "nothing");
	is_int(i18n_answer_of(pair, key), want, name);
}

static void
test_catalogues(void)
{
	static const struct { const char *lang, *pair; unsigned yes, no; } want[] = {
		{ "es", "s/n", 's', 'n' }, { "ca", "s/n", 's', 'n' }, { "gl", "s/n", 's', 'n' },
		{ "eu", "b/e", 'b', 'e' }, { "en", "y/n", 'y', 'n' },
	};
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const char *pair = catalog_text(want[i].lang, NULL, "y/n");

		is_str(pair, want[i].pair, want[i].lang);
		answer_is(pair, want[i].yes, 1);
		answer_is(pair, want[i].yes - 32, 1);	/* upper case */
		answer_is(pair, want[i].no, 0);
		answer_is(pair, 'y', 1);
		answer_is(pair, 'N', 0);
		answer_is(pair, 'x', -1);
		answer_is(pair, ' ', -1);
	}
	/* Basque: e is "ez" (no), never yes; s is no answer there. */
	answer_is("b/e", 'e', 0);
	answer_is("b/e", 's', -1);
	/* English takes no s. */
	answer_is("y/n", 's', -1);
}

static void
test_damaged(void)
{
	static const char *const bad[] = { "", "s", "sn", "s/", "/n", "si/no", "s/n/x", "s-n" };
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		answer_is(bad[i], 'y', 1);
		answer_is(bad[i], 'n', 0);
		answer_is(bad[i], 's', -1);
	}
	answer_is(NULL, 'y', 1);
	/* A pair of letters beyond ASCII works as well. */
	answer_is("\xc3\xa0/\xc3\xb1", 0xe0, 1);
	answer_is("\xc3\xa0/\xc3\xb1", 0xf1, 0);
}

static void
test_datetime(void)
{
	char out[I18N_DATETIME_SHORT_LEN + 1];

	setenv("TZ", "Europe/Madrid", 1);
	i18n_datetime_short("2026-12-01T09:30:00Z", "es", out, sizeof out);
	is_str(out, "01/12/2026 10:30", "01/12/2026 10:30");
	i18n_datetime_short("2026-12-01T23:30:00Z", "eu", out, sizeof out);
	is_str(out, "2026/12/02 00:30", "2026/12/02 00:30");
	i18n_datetime_short("2026-12-01T09:30:00Z", "en", out, sizeof out);
	is_str(out, "2026-12-01 10:30", "2026-12-01 10:30");
	i18n_datetime_short("not a time", "es", out, sizeof out);
	is_str(out, "not a time", "not a time");
}

int
main(void)
{
	char *dir;

	if (getenv("VOLUNTEER_LOCALEDIR") == NULL) {
		dir = xasprintf("%s/locale", getenv("TEST_BUILD") ? getenv("TEST_BUILD") : "build");
		catalog_use_dir(dir);
		free(dir);
	}
	test_catalogues();
	test_damaged();
	test_datetime();
	return done_testing();
}
