/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0008-form-langs.c: a form's labels, help, titles and choice labels in any language
 * (label.<lang> for any code of 2 or 3 lowercase letters), and the one lookup that follows
 * the language's chain: gl -> es -> en -> the plain label -> the key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "forms/form.h"
#include "tests/tap.h"

static const char form_text[] =
    "[form]\nkind = visit\ntitle = Visit\ntitle.es = Visita\ntitle.gl = Visita (gl)\n"
    "title.xx = Xisit\n\n"
    "[business]\ntype = text\nlabel = Business\nlabel.es = Empresa\nlabel.ca = Empresa (ca)\n"
    "label.xx = Xusiness\nlabel.ast = Empresa (ast)\nhelp = Its name.\nhelp.eu = Bere izena.\n\n"
    "[sector]\ntype = choice\nlabel = Sector\nchoices = retail, other\n"
    "choice.retail = Retail\nchoice.retail.es = Comercio\nchoice.retail.gl = Comercio (gl)\n"
    "choice.retail.xx = Xetail\nchoice.other.eu = Besterik\n\n"
    "[notes]\ntype = longtext\n\n"
    "[follow]\ntype = text\nlabel.en = Follow (en)\nlabel.es = Seguimiento\n";

static void
test_lookup(void)
{
	struct form *f = NULL;
	struct error err;
	const struct form_field *b, *s, *n, *fo;

	ok(form_parse(&f, "visit.ini", form_text, &err) == 0,
	    "a form with label.ca, label.xx, label.ast, help.eu, title.gl, choice.*.gl loads");
	if (f == NULL) {
		diag("%s", err.msg);
		return;
	}
	b = form_field(f, "business");
	s = form_field(f, "sector");
	n = form_field(f, "notes");
	fo = form_field(f, "follow");
	is_str(form_field_label(b, "ca"), "Empresa (ca)", "ca: its own label");
	is_str(form_field_label(b, "gl"), "Empresa", "gl, none of its own: Spanish");
	is_str(form_field_label(b, "eu_ES.UTF-8"), "Empresa", "eu: Spanish");
	is_str(form_field_label(b, "en"), "Business", "en: the plain label");
	is_str(form_field_label(b, NULL), "Business", "no language: the plain label");
	is_str(form_field_label(n, "gl"), "notes", "no label at all: the key");
	is_str(form_field_label(fo, "en"), "Follow (en)", "label.en counts for English");
	is_str(form_field_help(b, "eu"), "Bere izena.", "eu: its own help");
	is_str(form_field_help(b, "gl"), "Its name.", "gl: no Spanish help, the plain one");
	is_str(form_field_help(n, "es"), "", "no help: empty");
	is_str(form_title(f, "gl"), "Visita (gl)", "title.gl");
	is_str(form_title(f, "ca"), "Visita", "ca: the Spanish title");
	is_str(form_choice_label(s, "retail", "gl"), "Comercio (gl)", "a choice label in gl");
	is_str(form_choice_label(s, "retail", "eu"), "Comercio", "eu: the Spanish choice label");
	is_str(form_choice_label(s, "other", "eu"), "Besterik", "a choice with only eu");
	is_str(form_choice_label(s, "other", "es"), "other", "and no other label: its value");
	form_free(f);
}

static void
test_refused(void)
{
	struct form *f = NULL;
	struct error err;
	char *text;
	int i, rc;

	rc = form_parse(&f, "v.ini", "[form]\nkind = visit\n[a]\ntype = text\nlabel.abcd = x\n",
	    &err);
	ok(rc != 0 && strstr(err.msg, "label.abcd") != NULL,
	    "a 4-letter code is no language: an unknown key, named");
	form_free(f);
	f = NULL;
	rc = form_parse(&f, "v.ini", "[form]\nkind = visit\n[a]\ntype = text\nlabel.ES = x\n",
	    &err);
	ok(rc != 0, "an upper-case code is refused");
	form_free(f);
	f = NULL;
	rc = form_parse(&f, "v.ini", "[form]\nkind = visit\n[a]\ntype = choice\n"
	    "choices = x\nchoice.y.ca = Y\n", &err);
	ok(rc != 0 && strstr(err.msg, "'y'") != NULL, "a label for no choice is refused");
	form_free(f);
	f = NULL;
	text = xstrdup("[form]\nkind = visit\n[a]\ntype = text\n");
	for (i = 0; i < FORM_MAX_LANGS + 1; i++) {
		char *more = xasprintf("%slabel.%c%c = l\n", text, 'a' + i / 26, 'a' + i % 26);
		free(text);
		text = more;
	}
	rc = form_parse(&f, "v.ini", text, &err);
	ok(rc != 0 && strstr(err.msg, "languages") != NULL,
	    "more than %d languages for one label: refused", FORM_MAX_LANGS);
	form_free(f);
	free(text);
}

int
main(void)
{
	test_lookup();
	test_refused();
	return done_testing();
}
