/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * programme_render_pdf on what sync may bring: a municipality and a topic with terminal
 * controls, a bidi override and a zero-width space (files from other laptops are
 * untrusted), and a programme of nothing. The text read back with pdftotext holds the
 * names without the hostile code points; the empty programme is one page that says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/store.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/programme.h"
#include "report/programme_pdf.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static struct store *st;
static char dir[] = "/tmp/t0602-XXXXXX";

static void
put(const char *kind, const char *fields)
{
	struct record *r = record_new(kind);
	struct error err = { 0 };

	uuid_v7(r->id);
	free(r->volunteer);
	r->volunteer = xstrdup("ana");
	free(r->device);
	r->device = xstrdup("laptop-1");
	r->rev = 1;
	clock_now_iso(r->created);
	memcpy(r->updated, r->created, sizeof r->updated);
	json_decref(r->fields);
	r->fields = json_loads(fields, 0, NULL);
	if (r->fields == NULL || store_record_put(st, r, NULL, 0, &err) != 0)
		diag("put %s: %s", fields, err.msg);
	record_free(r);
}

/* The PDF's text (pdftotext), malloc'd; NULL when it cannot be read. */
static char *
pdf_text(const char *pdf, size_t len)
{
	char *path = xasprintf("%s/r.pdf", dir), *cmd = NULL, *text = NULL;
	FILE *f = fopen(path, "wb"), *p = NULL;
	size_t n = 0, cap = 0, got;

	if (f == NULL || fwrite(pdf, 1, len, f) != len) {
		if (f != NULL)
			fclose(f);
		goto out;
	}
	fclose(f);
	cmd = xasprintf("pdftotext '%s' - 2>/dev/null", path);
	if ((p = popen(cmd, "r")) == NULL)
		goto out;
	do {
		if (n + 4096 + 1 > cap)
			text = xrealloc(text, cap = cap ? cap * 2 : 16384);
		got = fread(text + n, 1, 4096, p);
		n += got;
	} while (got > 0);
	text[n] = '\0';
	if (pclose(p) != 0 || n == 0) {
		free(text);
		text = NULL;
	}
out:
	free(cmd);
	free(path);
	return text;
}

int
main(void)
{
	struct record_filter f = { 0 };
	struct programme *p = NULL;
	struct error err = { 0 };
	char *pdf = NULL, *text = NULL;
	size_t len = 0;
	int pages = 0;

	if (system("pdftotext -v >/dev/null 2>&1") != 0) {
		printf("1..0 # SKIP pdftotext is not installed (poppler-utils)\n");
		return 0;
	}
	if (mkdtemp(dir) == NULL || store_open(&st, dir, &err) != 0 ||
	    forms_init(NULL, &err) != 0) {
		ok(0, "a store in /tmp and the forms: %s", err.msg);
		return done_testing();
	}
	/* ESC [ 2 J, U+202E (right-to-left override), U+200B (zero-width space). */
	put("workshop", "{\"title\": \"T\", \"municipality\": \"Villa\\u001b[2Jrrubia\\u202e"
	    "X\\u200bY\", \"date\": \"2026-11-10\", \"attendees\": 12, \"women\": 5}");
	put("visit", "{\"business\": \"Bar\", \"municipality\": \"Villa\\u001b[2Jrrubia\\u202e"
	    "X\\u200bY\", \"date\": \"2026-11-11\", \"topics\": [\"we\\u001b]0;pwn\\u0007b\"]}");

	if (programme_build(st, &f, &p, &err) != 0 ||
	    programme_render_pdf(p, "Programa\x1b[31m Rojo", "es", &pdf, &len, &pages,
	    &err) != 0) {
		ok(0, "the report of hostile names: %s", err.msg);
		goto out;
	}
	ok(len > 5 && memcmp(pdf, "%PDF-", 5) == 0, "a PDF");
	ok(pages > 3, "cover, charts, the municipality, the table (%d pages)", pages);
	if ((text = pdf_text(pdf, len)) == NULL) {
		ok(0, "pdftotext reads it");
		goto out;
	}
	ok(strstr(text, "Villa[2JrrubiaXY") != NULL, "the municipality without its controls");
	ok(strstr(text, "Programa[31m Rojo") != NULL, "the programme's name without its ESC");
	ok(strstr(text, "we]0;pwnb") != NULL, "the topic code without its controls");
	ok(strchr(text, '\x1b') == NULL && strchr(text, '\a') == NULL, "no ESC, no BEL");
	ok(strstr(text, "\xe2\x80\xae") == NULL && strstr(text, "\xe2\x80\x8b") == NULL,
	    "no bidi override, no zero-width space");
	free(text);
	text = NULL;
	free(pdf);
	pdf = NULL;
	programme_free(p);
	p = NULL;

	/* A period with nothing: one page, that says so. */
	f.from = "2030-01-01";
	f.to = "2030-01-31";
	if (programme_build(st, &f, &p, &err) != 0 ||
	    programme_render_pdf(p, NULL, "en", &pdf, &len, &pages, &err) != 0) {
		ok(0, "the report of an empty period: %s", err.msg);
		goto out;
	}
	is_int(pages, 1, "an empty period: one page");
	text = pdf_text(pdf, len);
	ok(text != NULL && strstr(text, "There are no records for this period.") != NULL,
	    "it says there are no records");
	ok(text != NULL && strstr(text, "1 January 2030 – 31 January 2030") != NULL,
	    "for the period asked");
	ok(text != NULL && strstr(text, "Page 1 of 1") != NULL, "its page numbered");
	free(pdf);
	pdf = NULL;
	ok(programme_render_pdf(p, NULL, "fr", &pdf, &len, &pages, &err) != 0 &&
	    err.kind == ERR_INVALID && pdf == NULL, "a language of no report is refused");
out:
	free(text);
	free(pdf);
	programme_free(p);
	store_close(st);
	forms_shutdown();
	test_remove_dir(dir);
	return done_testing();
}
