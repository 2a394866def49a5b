/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The key business names are compared by (business_name_key): accents, case and
 * punctuation ignored, the punctuation beyond ASCII (¡ ¿ « » – “ ” … €) included, so
 * that a name of punctuation only has no key and makes no business; letters of other
 * scripts, ª º and superscripts stay. */
#include <stdlib.h>
#include <string.h>

#include "core/business.h"
#include "tests/tap.h"

static void
key_is(const char *name, const char *want)
{
	char *key = business_name_key(name);

	is_str(key, want, name);
	free(key);
}

int
main(void)
{
	char *key;

	key_is("Panadería Hnos. Ruiz", "panaderia hnos ruiz");
	key_is("PANADERIA  HNOS RUIZ", "panaderia hnos ruiz");
	key_is("Bar «La Plaza»", "bar la plaza");
	key_is("“Café” – Pepe…", "cafe pepe");
	key_is("¿Qué tal? ¡Bien!", "que tal bien");
	key_is("Tienda 10€", "tienda 10");
	key_is("Bar·Plaza", "bar plaza");
	key_is("¡¡...!!", "");
	key_is("... ¡!! -- ()", "");
	key_is("«»–—…", "");
	key_is("", "");
	key_is("1º Piso", "1º piso");
	key = business_name_key("«Ελιά»");
	ok(strcmp(key, "") != 0 && strstr(key, "\xc2") == NULL,
	    "a Greek name keeps its letters and loses its quotes (%s)", key);
	free(key);
	return done_testing();
}
