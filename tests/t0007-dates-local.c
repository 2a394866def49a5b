/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0007-dates-local.c: dates and decimals in the five languages, from the real catalogues
 * of the build (po/<lang>.po): long dates with Catalan elision and the Basque genitive, the one
 * short style per language read back by date_parse, decimals with the language's mark, and
 * the local input forms (17.00, 2,5) stored as 17:00 and 2.5. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/dates.h"
#include "tests/tap.h"

static const char *
long_date(const char *iso, const char *lang)
{
	static char buf[DATES_LONG_MAX];

	if (dates_long(iso, lang, buf, sizeof buf) != 0)
		return "(refused)";
	return buf;
}

static void
test_long(void)
{
	is_str(long_date("2026-11-20", "es"), "20 de noviembre de 2026", "es");
	is_str(long_date("2026-11-20", "en"), "20 November 2026", "en");
	is_str(long_date("2026-11-20", "ca"), "20 de novembre de 2026", "ca");
	is_str(long_date("2026-04-01", "ca"), "1 d'abril de 2026", "ca: d' before abril");
	is_str(long_date("2026-10-03", "ca"), "3 d'octubre de 2026", "ca: d' before octubre");
	is_str(long_date("2026-08-15", "ca"), "15 d'agost de 2026", "ca: d' before agost");
	is_str(long_date("2026-03-09", "ca"), "9 de març de 2026", "ca: de before a consonant");
	is_str(long_date("2026-11-20", "eu"), "2026ko azaroaren 20a", "eu: year, genitive, day");
	is_str(long_date("2027-01-05", "eu"), "2027ko urtarrilaren 5a", "eu: urtarrilaren");
	is_str(long_date("2026-02-14", "eu"), "2026ko otsailaren 14a", "eu: otsailaren");
	is_str(long_date("2026-12-31", "eu"), "2026ko abenduaren 31a", "eu: abenduaren");
	is_str(long_date("2025-11-20", "eu"), "2025eko azaroaren 20a", "eu: 2025eko (bost)");
	is_str(long_date("2021-06-02", "eu"), "2021eko ekainaren 2a", "eu: 2021eko (bat)");
	is_str(long_date("2030-09-10", "eu"), "2030eko irailaren 10a",
	    "eu: 2030eko (hogeita hamar)");
	is_str(long_date("2011-05-04", "eu"), "2011ko maiatzaren 4a", "eu: 2011ko (hamaika)");
	is_str(long_date("2028-03-08", "eu"), "2028ko martxoaren 8a", "eu: 2028ko (zortzi)");
	is_str(long_date("2026-11-20", "gl"), "20 de novembro de 2026", "gl");
	is_str(long_date("2026-07-01", "gl"), "1 de xullo de 2026", "gl: xullo");
	is_str(long_date("2026-11-20", "gl_ES.UTF-8"), "20 de novembro de 2026",
	    "a locale name works as its language");
	is_str(long_date("2026-11-20", "fr"), "20 November 2026", "unknown: English");
	is_str(long_date("2026-02-30", "eu"), "(refused)", "not a calendar day");
}

static void
test_expand(void)
{
	char buf[64];

	ok(dates_expand("{year}ko {of_month} {day}a", 7, "x", "maiatzaren", 2030, buf,
	    sizeof buf) == 0, "a pattern expands");
	is_str(buf, "2030ko maiatzaren 7a", "its parts in the pattern's order");
	dates_expand("{day} {unknown} {", 1, "m", "o", 2026, buf, sizeof buf);
	is_str(buf, "1 {unknown} {", "an unknown name and a lone brace are copied");
	ok(dates_expand("{day} {of_month} de {year}", 20, "m", "de noviembre", 2026, buf, 12) ==
	    -1 && buf[0] == '\0', "too small: refused, empty");
}

static void
test_short(void)
{
	static const struct {
		const char *lang, *want;
	} cases[] = {
		{ "es", "01/12/2026" }, { "ca", "01/12/2026" }, { "gl", "01/12/2026" },
		{ "eu", "2026/12/01" }, { "en", "2026-12-01" },
	};
	char buf[I18N_DATE_SHORT_LEN + 1], back[DATE_LEN + 1];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		i18n_date_short("2026-12-01", cases[i].lang, buf, sizeof buf);
		is_str(buf, cases[i].want, cases[i].lang);
		ok(date_parse(buf, back) == 0 && strcmp(back, "2026-12-01") == 0,
		    "the short style reads back as the stored date");
	}
	ok(date_parse("2026/02/30", back) == -1, "2026/02/30 is still no day");
}

static void
test_decimals(void)
{
	char n[16];
	const char *langs[] = { "es", "ca", "eu", "gl" };
	size_t i;

	for (i = 0; i < 4; i++) {
		strcpy(n, "2.5");
		i18n_number_local(n, langs[i]);
		is_str(n, "2,5", "a decimal comma");
	}
	strcpy(n, "2.5");
	i18n_number_local(n, "en");
	is_str(n, "2.5", "en: a point");
	strcpy(n, "12");
	i18n_number_local(n, "es");
	is_str(n, "12", "a whole number is left alone");
}

static void
test_inputs(void)
{
	struct form *f = NULL;
	const struct form_field *start, *sat, *date;
	struct error err;
	json_t *v = NULL;
	char *shown;
	char t[6];

	ok(time_of_day_parse("17.00", t) == 0 && strcmp(t, "17:00") == 0, "17.00 is 17:00");
	ok(time_of_day_parse("9.30", t) == 0 && strcmp(t, "09:30") == 0, "9.30 is 09:30");
	ok(time_of_day_parse("17.60", t) == -1 && time_of_day_parse("17,00", t) == -1,
	    "17.60 and 17,00 are not times");
	if (forms_init(NULL, &err) != 0 || (f = (struct form *)forms_get("workshop")) == NULL) {
		diag("forms: %s", err.msg);
		ok(0, "the workshop form");
		return;
	}
	start = form_field(f, "start");
	sat = form_field(f, "satisfaction");
	date = form_field(f, "date");
	ok(form_parse_value(start, "17.00", &v, &err) == 0 && json_is_string(v) &&
	    strcmp(json_string_value(v), "17:00") == 0, "a start typed 17.00 is stored 17:00");
	json_decref(v);
	ok(form_parse_value(sat, "4,5", &v, &err) == 0 && json_is_real(v) &&
	    json_real_value(v) == 4.5, "a satisfaction typed 4,5 is stored 4.5");
	shown = form_value_local(sat, v, "gl");
	is_str(shown, "4,5", "and shown 4,5 in Galician");
	free(shown);
	shown = form_value_local(sat, v, "en");
	is_str(shown, "4.5", "and 4.5 in English");
	free(shown);
	json_decref(v);
	v = json_string("2026-12-01");
	shown = form_value_local(date, v, "eu");
	is_str(shown, "2026/12/01", "a date shown in the form in the Basque style");
	free(shown);
	shown = form_value_local(date, v, "es");
	is_str(shown, "01/12/2026", "and in the Spanish one, as the list shows it");
	free(shown);
	json_decref(v);
	forms_shutdown();
}

int
main(void)
{
	char *dir;

	/* The build's catalogues: make check gives VOLUNTEER_LOCALEDIR, else TEST_BUILD, else
	 * build/ from the top of the tree. */
	if (getenv("VOLUNTEER_LOCALEDIR") == NULL) {
		dir = xasprintf("%s/locale", getenv("TEST_BUILD") ? getenv("TEST_BUILD") : "build");
		catalog_use_dir(dir);
		free(dir);
	}
	test_long();
	test_expand();
	test_short();
	test_decimals();
	test_inputs();
	return done_testing();
}
