/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0005-catalog.c: the .mo reader (core/catalog.h) on catalogues msgfmt builds here, in
 * both byte orders; damaged ones (truncated, offsets outside the file, bad magic) yield
 * the msgid and never crash; the fallback chain gl -> es -> msgid across catalogues. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static char dir[] = "/tmp/t0005-XXXXXX";

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

/* msgfmt po text into <dir>/<lang>/LC_MESSAGES/volunteer.mo (endianness: little/big). */
static char *
build_mo(const char *lang, const char *po, const char *endianness)
{
	char *sub = xasprintf("%s/%s/LC_MESSAGES", dir, lang), *cmd, *po_path, *mo;

	cmd = xasprintf("mkdir -p '%s'", sub);
	if (system(cmd) != 0)
		exit(1);
	free(cmd);
	po_path = xasprintf("%s/%s.po", dir, lang);
	mo = xasprintf("%s/volunteer.mo", sub);
	write_file(po_path, po, strlen(po));
	cmd = xasprintf("msgfmt --endianness=%s -o '%s' '%s'", endianness, mo, po_path);
	if (system(cmd) != 0) {
		printf("Bail out! msgfmt failed: %s\n", cmd);
		exit(1);
	}
	free(cmd);
	free(po_path);
	free(sub);
	return mo;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = xmalloc(1 << 20);

	*len = f != NULL ? fread(data, 1, 1 << 20, f) : 0;
	if (f != NULL)
		fclose(f);
	return data;
}

static int
same(const char *got, const char *want)
{
	if (got == NULL || strcmp(got, want) != 0)
		diag("got '%s', expected '%s'", got ? got : "(null)", want);
	return got != NULL && strcmp(got, want) == 0;
}

#define PO_HEAD "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"

static void
test_reader(const char *endianness)
{
	char *mo = build_mo("gl", PO_HEAD
	    "msgctxt \"print\"\nmsgid \"Visit summary\"\nmsgstr \"Resumo da visita\"\n\n"
	    "msgid \"Visit summary\"\nmsgstr \"(sen contexto)\"\n\n"
	    "msgctxt \"print: of month\"\nmsgid \"of April\"\nmsgstr \"de abril\"\n\n"
	    "msgctxt \"print\"\nmsgid \"Notes\"\nmsgstr \"\"\n\n"
	    "msgid \"one file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"un ficheiro\"\n"
	    "msgstr[1] \"%d ficheiros\"\n", endianness);
	struct catalog *c = catalog_open(mo);

	ok(c != NULL, "%s-endian: msgfmt's catalogue opens", endianness);
	ok(same(catalog_lookup(c, "print", "Visit summary"), "Resumo da visita"),
	    "%s-endian: a msgid with its context", endianness);
	ok(same(catalog_lookup(c, NULL, "Visit summary"), "(sen contexto)"),
	    "%s-endian: the same msgid without a context is another entry", endianness);
	ok(same(catalog_lookup(c, "print: of month", "of April"), "de abril"),
	    "%s-endian: a context with a colon and a blank", endianness);
	ok(catalog_lookup(c, "print", "Notes") == NULL,
	    "%s-endian: an untranslated entry counts as none", endianness);
	ok(catalog_lookup(c, "print", "Nothing like it") == NULL &&
	    catalog_lookup(c, "other", "Visit summary") == NULL,
	    "%s-endian: a missing msgid, a wrong context: none", endianness);
	ok(same(catalog_lookup(c, NULL, "one file"), "un ficheiro"),
	    "%s-endian: a plural entry gives its first form", endianness);
	catalog_free(c);
	free(mo);
}

/* The same catalogue, damaged at byte off (or cut at len): opens or not, never a
 * wrong answer outside the file, never a crash. */
static int
damaged_answers(const char *data, size_t len, const char *path)
{
	struct catalog *c;
	const char *t;

	write_file(path, data, len);
	if ((c = catalog_open(path)) == NULL)
		return 1;
	t = catalog_lookup(c, "print", "Visit summary");
	/* Either the real translation or none. */
	if (t != NULL && strcmp(t, "Resumo da visita") != 0 && strlen(t) > 64) {
		catalog_free(c);
		return 0;
	}
	catalog_free(c);
	return 1;
}

static void
test_damaged(void)
{
	char *mo = build_mo("gl", PO_HEAD
	    "msgctxt \"print\"\nmsgid \"Visit summary\"\nmsgstr \"Resumo da visita\"\n",
	    "little"), *bad = xasprintf("%s/bad.mo", dir), *data, *copy;
	size_t len, i, cut;
	int all = 1;
	unsigned char b;

	data = slurp(mo, &len);
	ok(len > 28, "the catalogue is %zu bytes", len);
	for (cut = 0; cut < len; cut++)
		all &= damaged_answers(data, cut, bad);
	ok(all, "cut at every length: no crash, no stray answer");
	all = 1;
	copy = xmalloc(len);
	for (i = 0; i < len; i++) {
		for (b = 0; b < 4; b++) {
			memcpy(copy, data, len);
			copy[i] = (char)(b == 0 ? 0xff : b == 1 ? 0x7f : b == 2 ? 0 : copy[i] ^ 0x40);
			all &= damaged_answers(copy, len, bad);
		}
	}
	ok(all, "every byte set to 0xff, 0x7f, 0, or flipped: no crash, no stray answer");
	memcpy(copy, data, len);
	copy[0] = 'X';
	write_file(bad, copy, len);
	ok(catalog_open(bad) == NULL, "a wrong magic is not a catalogue");
	/* The table of originals pointing far outside the file. */
	memcpy(copy, data, len);
	copy[12] = (char)0xf0;
	copy[13] = copy[14] = copy[15] = (char)0xff;
	write_file(bad, copy, len);
	ok(catalog_open(bad) == NULL, "tables outside the file: refused at open");
	ok(catalog_open("/nonexistent/volunteer.mo") == NULL, "a missing file: NULL");
	free(copy);
	free(data);
	free(bad);
	free(mo);
}

static void
test_chain(void)
{
	free(build_mo("es", PO_HEAD
	    "msgctxt \"print\"\nmsgid \"Visit summary\"\nmsgstr \"Resumen de la visita\"\n\n"
	    "msgctxt \"print\"\nmsgid \"Notes\"\nmsgstr \"Notas\"\n", "little"));
	free(build_mo("gl", PO_HEAD
	    "msgctxt \"print\"\nmsgid \"Visit summary\"\nmsgstr \"Resumo da visita\"\n",
	    "big"));
	catalog_use_dir(dir);
	is_str(catalog_text("gl", "print", "Visit summary"), "Resumo da visita",
	    "gl: its own catalogue");
	is_str(catalog_text("gl", "print", "Notes"), "Notas",
	    "gl: a word it lacks comes from Spanish");
	is_str(catalog_text("eu", "print", "Notes"), "Notas",
	    "eu, no catalogue at all: Spanish");
	is_str(catalog_text("ca", "print", "Programme"), "Programme",
	    "in no catalogue: the msgid");
	is_str(catalog_text("en", "print", "Visit summary"), "Visit summary",
	    "English: the msgid, never the Spanish catalogue");
	is_str(catalog_text("fr", "print", "Notes"), "Notes", "an unknown language is English");
	is_str(catalog_text("es", "print", "Notes"), "Notas", "es: its own catalogue");
	catalog_use_dir(NULL);
}

int
main(void)
{

	if (system("msgfmt --version >/dev/null 2>&1") != 0) {
		printf("1..0 # SKIP msgfmt (gettext) is not installed\n");
		return 0;
	}
	if (mkdtemp(dir) == NULL)
		return 1;
	test_reader("little");
	test_reader("big");
	test_damaged();
	test_chain();
	test_remove_dir(dir);
	return done_testing();
}
