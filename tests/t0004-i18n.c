/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0004-i18n.c: the one test of "is this Spanish" (core/i18n.h). */
#include "core/i18n.h"
#include "tests/tap.h"

int
main(void)
{
	ok(i18n_is_spanish("es") && i18n_is_spanish("es_ES.UTF-8") && i18n_is_spanish("es-ES") &&
	    i18n_is_spanish("es.UTF-8") && i18n_is_spanish("es:en") &&
	    i18n_is_spanish("es@euro"), "es alone, with a region, an encoding or a list");
	ok(!i18n_is_spanish(NULL) && !i18n_is_spanish("") && !i18n_is_spanish("en") &&
	    !i18n_is_spanish("e") && !i18n_is_spanish("est") && !i18n_is_spanish("en:es") &&
	    !i18n_is_spanish("C.UTF-8"), "not NULL, empty, English, a longer code, nor es second");
	return done_testing();
}
