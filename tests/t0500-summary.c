/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Summaries: dates in both languages, safe file names, what a visit's summary holds (and
 * what it must not: contact details without consent, another business's tasks, control
 * characters), text wrapping, and PDF pages. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/store.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/dates.h"
#include "report/summary.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static void
test_dates(void)
{
	char buf[64];

	ok(dates_long("2026-11-20", "es", buf, sizeof buf) == 0, "a date in Spanish");
	is_str(buf, "20 de noviembre de 2026", "Spanish: day de month de year");
	dates_long("2026-11-20", "en", buf, sizeof buf);
	is_str(buf, "20 November 2026", "English: day month year");
	dates_long("2027-01-01", "es", buf, sizeof buf);
	is_str(buf, "1 de enero de 2027", "no leading zero on the day");
	ok(dates_long("2026-02-30", "es", buf, sizeof buf) == -1 && buf[0] == '\0',
	    "not a calendar day: refused");
	ok(dates_long("20/11/2026", "en", buf, sizeof buf) == -1, "only the stored form");
	ok(dates_long("2026-11-20", "es", buf, 10) == -1 && buf[0] == '\0',
	    "a buffer too small: refused, empty");
	dates_duration(75, buf, sizeof buf);
	is_str(buf, "1 h 15 min", "75 minutes read 1 h 15 min");
	dates_duration(45, buf, sizeof buf);
	is_str(buf, "45 min", "under an hour: minutes only");
	dates_duration(120, buf, sizeof buf);
	is_str(buf, "2 h", "whole hours: no 0 min");
	ok(dates_duration(-5, buf, sizeof buf) == -1, "a negative duration is refused");
}

static struct record *
named(const char *kind, const char *key, const char *name, const char *date)
{
	struct record *r = record_new(kind);

	json_object_set_new(r->fields, key, json_string(name));
	json_object_set_new(r->fields, "date", json_string(date));
	return r;
}

static void
test_filenames(void)
{
	static const struct { const char *name, *want; } cases[] = {
		{ "../Peña/Ç", "Pena_C_2026-11-20_es.pdf" },
		{ "Panadería Las Eras", "Panaderia_Las_Eras_2026-11-20_es.pdf" },
		{ "-rf /", "rf_2026-11-20_es.pdf" },
		{ "....", NULL },
		{ "", NULL },
	};
	struct summary_opts pdf = SUMMARY_OPTS_INIT, text = SUMMARY_OPTS_INIT;
	struct record *r;
	char *name;
	size_t i;

	text.fmt = SUMMARY_TXT;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		r = named("visit", "business", cases[i].name, "2026-11-20");
		name = summary_default_filename(r, &pdf, "es");
		if (cases[i].want != NULL)
			is_str(name, cases[i].want, cases[i].name);
		else
			ok(strchr(name, '/') == NULL && name[0] != '.' && name[0] != '-' &&
			    strstr(name, "_2026-11-20_es.pdf") != NULL,
			    "'%s' gives a usable name (%s)", cases[i].name, name);
		free(name);
		record_free(r);
	}
	r = named("workshop", "title", "Videollamadas con la familia", "2026-11-19");
	name = summary_default_filename(r, &text, "en");
	is_str(name, "Videollamadas_con_la_familia_2026-11-19_en.txt",
	    "a workshop: its title, the language, .txt");
	free(name);
	pdf.attendance = 1;
	name = summary_default_filename(r, &pdf, "es");
	is_str(name, "Videollamadas_con_la_familia_2026-11-19_sheet_es.pdf",
	    "an attendance sheet has a name of its own");
	free(name);
	record_free(r);
}

static char *
save(struct store *st, struct record *r, const char *author)
{
	struct error err = { 0 };
	char *id;

	if (store_record_save(st, r, author, &err) != 0)
		diag("save: %s", err.msg);
	id = xstrdup(r->id);
	record_free(r);
	return id;
}

static struct record *
task(const char *business, const char *title, const char *status)
{
	struct record *r = named("task", "business", business, "2026-11-21");

	json_object_set_new(r->fields, "title", json_string(title));
	json_object_set_new(r->fields, "status", json_string(status));
	json_object_set_new(r->fields, "type", json_string("website_new"));
	json_object_set_new(r->fields, "municipality", json_string("Almazán"));
	return r;
}

/* The text summary of id in lang; caller frees. */
static char *
txt(struct store *st, struct config *cfg, const char *id, const char *lang)
{
	struct error err = { 0 };
	char *data = NULL;
	size_t len;

	struct summary_opts o = { .fmt = SUMMARY_TXT, .lang = lang };

	if (summary_render(st, cfg, id, &o, &data, &len, NULL, &err) != 0) {
		diag("render: %s", err.msg);
		return xstrdup("");
	}
	return data;
}

static int
max_columns(const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	int i, max = 0, n;

	for (i = 0; lines[i] != NULL; i++)
		if ((n = (int)g_utf8_strlen(lines[i], -1)) > max)
			max = n;
	g_strfreev(lines);
	return max;
}

static void
test_visit(struct store *st, struct config *cfg)
{
	struct record *r, *got = NULL;
	struct error err = { 0 };
	struct summary *s = NULL;
	char *visit_id, *task_id, *other, *text, *data = NULL;
	json_t *topics;
	size_t len;
	int pages = 0;

	r = named("visit", "business", "Panadería Las Eras", "2026-11-20");
	json_object_set_new(r->fields, "municipality", json_string("Almazán"));
	json_object_set_new(r->fields, "province", json_string("Soria"));
	json_object_set_new(r->fields, "contact_name", json_string("Iñaki Muñoz"));
	json_object_set_new(r->fields, "contact_phone", json_string("+34 600 000 000"));
	json_object_set_new(r->fields, "consent", json_false());
	topics = json_pack("[s, s]", "website", "social_media");
	json_object_set_new(r->fields, "topics", topics);
	json_object_set_new(r->fields, "findings", json_string("Sin web.\x1b[2J Pedidos por "
	    "\xe2\x80\xae" "WhatsApp."));
	json_object_set_new(r->fields, "recommendations", json_string("Abrir una ficha de "
	    "empresa en los mapas y publicar el horario de la panadería, con fotos del obrador "
	    "y los precios, y responder a las reseñas cada semana sin falta. "
	    "Unapalabramuylargaquenocabeenningunalineadesetentaydoscolumnasniaunqueseintente"));
	json_object_set_new(r->fields, "follow_up", json_string("2026-12-01"));
	visit_id = save(st, r, "maria");

	free(save(st, task("PANADERÍA LAS ERAS ", "Web nueva", "in_progress"), "pedro"));
	free(save(st, task("Panadería Las Eras Nueva", "Otra web", "done"), "maria"));
	task_id = save(st, task("Panadería Las Eras", "Perfil borrado", "todo"), "maria");
	store_record_get(st, task_id, &got, &err);
	got->deleted = 1;
	store_record_save(st, got, "maria", &err);
	record_free(got);

	text = txt(st, cfg, visit_id, "es");
	ok(strstr(text, "Resumen de la visita\n====================\n") != NULL,
	    "Spanish title, underlined");
	ok(strstr(text, "Fecha: 20 de noviembre de 2026") != NULL, "the date in Spanish");
	ok(strstr(text, "Municipio: Almazán (Soria)") != NULL, "municipality and province");
	ok(strstr(text, "- Página web\n- Redes sociales\n") != NULL, "topics as a list, "
	    "labels in Spanish");
	ok(strstr(text, "Persona voluntaria: María García · maria@example.org") != NULL,
	    "the volunteer's name and email");
	ok(strstr(text, "Iñaki") == NULL && strstr(text, "600 000") == NULL,
	    "no contact details without consent");
	ok(strstr(text, "Web nueva (Web nueva): En curso") != NULL,
	    "another volunteer's task for the business, any case, with its status");
	ok(strstr(text, "Otra web") == NULL, "not the task of a business with a longer name");
	ok(strstr(text, "Perfil borrado") == NULL, "not a deleted task");
	ok(strstr(text, "Próximo contacto: 1 de diciembre de 2026") != NULL, "follow-up date");
	ok(strchr(text, '\x1b') == NULL && strstr(text, "\xe2\x80\xae") == NULL,
	    "no escape or bidi override gets through");
	is_int(max_columns(text), 72, "lines wrap at 72 columns, a long word is cut");
	free(text);

	text = txt(st, cfg, visit_id, "en");
	ok(strstr(text, "Visit summary") && strstr(text, "Date: 20 November 2026") &&
	    strstr(text, "- Website\n") && strstr(text, "(New website): In progress"),
	    "the same record in English");
	free(text);

	/* Every open task, but only the ten latest done ones, and the count of the others. */
	{
		char title[32], date[32];
		int i;

		for (i = 1; i <= 14; i++) {
			snprintf(title, sizeof title, "Hecha %02d", i);
			snprintf(date, sizeof date, "2026-10-%02d", i);
			r = task("Panadería Las Eras", title, "done");
			json_object_set_new(r->fields, "date", json_string(date));
			free(save(st, r, "maria"));
		}
		r = task("Panadería Las Eras", "Abierta antigua", "todo");
		json_object_set_new(r->fields, "date", json_string("2026-09-01"));
		free(save(st, r, "maria"));
	}
	text = txt(st, cfg, visit_id, "es");
	ok(strstr(text, "Abierta antigua") != NULL && strstr(text, "Web nueva") != NULL,
	    "every open task is on the summary, however old");
	ok(strstr(text, "Hecha 05") != NULL && strstr(text, "Hecha 14") != NULL &&
	    strstr(text, "Hecha 04") == NULL && strstr(text, "Hecha 01") == NULL,
	    "only the ten latest done tasks");
	ok(strstr(text, "Tareas anteriores ya hechas: 4") != NULL,
	    "and the count of the earlier ones, in Spanish");
	free(text);
	text = txt(st, cfg, visit_id, "eu");
	ok(strstr(text, "Lehenago egindako zereginak: 4") != NULL, "in Basque");
	free(text);

	store_record_get(st, visit_id, &got, &err);
	json_object_set_new(got->fields, "consent", json_true());
	store_record_save(st, got, "maria", &err);
	record_free(got);
	text = txt(st, cfg, visit_id, "es");
	ok(strstr(text, "Persona de contacto: Iñaki Muñoz") != NULL &&
	    strstr(text, "Teléfono: +34 600 000 000") != NULL, "contact details with consent");
	free(text);

	/* A long text flows over numbered pages. */
	store_record_get(st, visit_id, &got, &err);
	{
		GString *g = g_string_new(NULL);
		int i;
		for (i = 0; i < 5000; i++)
			g_string_append(g, i ? " señal" : "señal");
		json_object_set_new(got->fields, "recommendations", json_string(g->str));
		g_string_free(g, TRUE);
	}
	ok(summary_build(&s, st, cfg, got, "es", &err) == 0, "build with 5,000 words");
	ok(s != NULL && summary_render_pdf(s, &data, &len, &pages, &err) == 0,
	    "render the PDF");
	ok(pages >= 3, "5,000 words take several pages (%d)", pages);
	ok(data != NULL && len > 1000 && memcmp(data, "%PDF-", 5) == 0, "a PDF file");
	free(data);
	summary_free(s);
	record_free(got);
	free(visit_id);
	free(task_id);

	/* A task has no summary: the message names the kind. */
	other = save(st, task("Bar Plaza", "Web", "todo"), "maria");
	err = (struct error){ 0 };
	ok(summary_render(st, cfg, other, &(struct summary_opts){ .lang = "es" }, &data, &len,
	    NULL, &err) == -1 &&
	    err.kind == ERR_INVALID && strstr(err.msg, "task") != NULL,
	    "a task is refused, naming the kind: %s", err.msg);
	free(other);
	err = (struct error){ 0 };
	ok(summary_render(st, cfg, "visit", &(struct summary_opts){ .lang = "fr" }, &data, &len,
	    NULL, &err) == -1 &&
	    err.kind == ERR_INVALID && strcmp(err.field, "--lang") == 0, "an unknown language");
}

static void
test_workshop(struct store *st, struct config *cfg)
{
	struct record *r = named("workshop", "title", "Videollamadas con la familia",
	    "2026-11-19");
	char *id, *text;

	json_object_set_new(r->fields, "municipality", json_string("Berlanga"));
	json_object_set_new(r->fields, "topic", json_string("video_calls"));
	json_object_set_new(r->fields, "attendees", json_integer(32));
	json_object_set_new(r->fields, "attendees_65plus", json_integer(25));
	json_object_set_new(r->fields, "satisfaction", json_real(4.5));
	id = save(st, r, "maria");
	text = txt(st, cfg, id, "es");
	ok(strstr(text, "Hoja de asistencia del taller") != NULL, "an attendance sheet");
	ok(strstr(text, "Asistencia\n----------\nAsistentes: 32\nMayores de 65: 25\n") != NULL,
	    "the counts under Attendance");
	ok(strstr(text, "Tema: Videollamadas") != NULL, "topic label in Spanish");
	ok(strstr(text, "Satisfacción (1–5): 4,5") != NULL, "a decimal comma in Spanish");
	free(text);
	free(id);
}

int
main(void)
{
	char dir[] = "/tmp/t0500-XXXXXX";
	struct store *st = NULL;
	struct config *cfg = config_new();
	struct error err = { 0 };

	plan(46);
	test_dates();
	test_filenames();

	if (mkdtemp(dir) == NULL || store_open(&st, dir, &err) != 0 ||
	    forms_init(NULL, &err) != 0) {
		diag("setup: %s", err.msg);
		return 1;
	}
	free(cfg->name);
	cfg->name = xstrdup("María García");
	free(cfg->email);
	cfg->email = xstrdup("maria@example.org");
	free(cfg->id);
	cfg->id = xstrdup("maria");
	test_visit(st, cfg);
	test_workshop(st, cfg);

	store_close(st);
	forms_shutdown();
	config_free(cfg);
	test_remove_dir(dir);
	return done_testing();
}
