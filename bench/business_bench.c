/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * business_bench.c: one character typed in a form's Business field, to the suggestion
 * list redrawn, with 20,000 businesses and 100,000 visits and tasks (bench/b-business.sh).
 * What is timed is what the form does after the key: store_business_suggest through
 * suggest_load, then suggest_draw and the terminal update (curses on /dev/null, 80x24).
 * Each sample types the first 1 to 8 characters of a random business's name, in the
 * volunteer's municipality; a second series types them in a municipality with no
 * business (the first read then walks the whole prefix range: the worst case). It also
 * prints SQLite's plan of both reads, to show they use the index on name_key.
 *
 *   business_bench DATA_DIR [BUSINESSES RECORDS SAMPLES]
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/store.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/ui_suggest.h"

static const char *const trades[16] = {
	"Panadería", "Bar", "Ferretería", "Casa Rural", "Carnicería", "Quesería", "Taller",
	"Farmacia", "Peluquería", "Apícola", "Bodega", "Frutería", "Librería", "Tienda",
	"Hostal", "Restaurante",
};
static const char *const families[50] = {
	"Hermanos Ruiz", "Gil", "Peña", "La Dehesa", "El Olmo", "Marisa", "del Moncayo",
	"Las Eras", "Plaza", "Centro", "García", "Martínez", "López", "Sánchez", "Pérez",
	"Gómez", "Martín", "Jiménez", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
	"Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez",
	"Ramos", "Castillo", "Ortega", "Rubio", "Molina", "Delgado", "Morales", "Ortiz",
	"Marín", "Iglesias", "Santos", "Castro", "Garrido", "Medina", "Cortés", "Lozano",
	"Guerrero", "Cano", "Prieto", "Calvo",
};
static const char *const towns[10] = {
	"Almazán", "Berlanga de Duero", "Medinaceli", "San Esteban de Gormaz", "Ágreda",
	"Arcos de Jalón", "Covaleda", "Ólvega", "Langa de Duero", "Vinuesa",
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
name_of(long i, char *out, size_t size)
{
	snprintf(out, size, "%s %s %ld", trades[i % 16], families[(i / 16) % 50], i / 800 + 1);
}

static int
generate(struct store *st, long nb, long nr, struct error *err)
{
	char name[128], date[16], (*ids)[UUID_LEN + 1] = calloc((size_t)nb, sizeof *ids);
	struct record *r;
	unsigned seed = 42;
	long i;

	if (ids == NULL || store_begin(st, err) != 0) {
		free(ids);
		return -1;
	}
	/* The last town has no business: the worst case of the first read. */
	for (i = 0; i < nb; i++) {
		name_of(i, name, sizeof name);
		r = record_new("business");
		json_object_set_new(r->fields, "name", json_string(name));
		json_object_set_new(r->fields, "municipality", json_string(towns[i % 9]));
		if (store_record_save(st, r, "bench", err) != 0)
			goto fail;
		snprintf(ids[i], sizeof ids[i], "%s", r->id);
		record_free(r);
	}
	for (i = 0; i < nr; i++) {
		long b;
		seed = seed * 1103515245u + 12345u;
		b = (long)((seed >> 8) % (unsigned)nb);
		r = record_new(i % 2 ? "task" : "visit");
		name_of(b, name, sizeof name);
		snprintf(date, sizeof date, "2026-%02ld-%02ld", 1 + i % 11, 1 + i % 28);
		json_object_set_new(r->fields, "business", json_string(name));
		json_object_set_new(r->fields, "business_id", json_string(ids[b]));
		json_object_set_new(r->fields, "municipality", json_string(towns[b % 9]));
		json_object_set_new(r->fields, "date", json_string(date));
		if (i % 2)
			json_object_set_new(r->fields, "title", json_string("Web nueva"));
		if (store_record_save(st, r, "bench", err) != 0)
			goto fail;
		record_free(r);
	}
	free(ids);
	return store_commit(st, err);
fail:
	record_free(r);
	free(ids);
	store_rollback(st);
	return -1;
}

/* The plan of a read, on a connection of its own (fold() as the store defines it). */
static void
fold_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *f = text_fold((const char *)sqlite3_value_text(argv[0]));

	(void)argc;
	sqlite3_result_text(ctx, f, -1, free);
}

static void
print_plans(const char *dir)
{
	/* The two reads of store_business_suggest (core/store_business.c), as written there. */
	static const char *const reads[2] = {
		"SELECT id, label, municipality FROM record INDEXED BY record_business_place"
		" WHERE kind = 'business' AND deleted = 0 AND municipality_key = fold(?3) AND"
		" name_key >= ?1 AND name_key < ?2 ORDER BY name_key, rowid LIMIT ?4",
		"SELECT id, label, municipality FROM record INDEXED BY record_business_key"
		" WHERE kind = 'business' AND deleted = 0 AND name_key >= ?1 AND name_key < ?2"
		" AND municipality_key <> fold(?3) ORDER BY name_key, rowid LIMIT ?4",
	};
	char *path = NULL, *sql;
	sqlite3 *db = NULL;
	sqlite3_stmt *s;
	int i;

	if (asprintf(&path, "%s/volunteer.db", dir) < 0)
		return;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_create_function(db, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	    fold_sql, NULL, NULL) == SQLITE_OK)
		for (i = 0; i < 2; i++) {
			if (asprintf(&sql, "EXPLAIN QUERY PLAN %s", reads[i]) < 0)
				break;
			if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
				while (sqlite3_step(s) == SQLITE_ROW)
					printf("plan %s: %s\n", i == 0 ? "municipality" : "others",
					    sqlite3_column_text(s, 3));
				sqlite3_finalize(s);
			}
			free(sql);
		}
	sqlite3_close(db);
	free(path);
}

/* samples keystrokes in town; medians etc. printed under label. */
static int
series(struct store *st, struct ui *ui, const char *label, const char *town, long nb,
    int samples, struct error *err)
{
	double *all = calloc((size_t)samples, sizeof *all), *query = calloc((size_t)samples,
	    sizeof *query), t0, t1, t2;
	struct suggest sg = { 0 };
	char name[128];
	long shown = 0;
	int i, k, chars, rc = -1;
	unsigned seed = 7;

	if (all == NULL || query == NULL)
		goto out;
	for (i = 0; i < samples; i++) {
		seed = seed * 1103515245u + 12345u;
		name_of((long)((seed >> 8) % (unsigned)nb), name, sizeof name);
		/* The first 1..8 characters (not bytes) of the name, as typed so far. */
		chars = 1 + (int)((seed >> 4) % 8);
		for (k = 0; name[k] != '\0' && chars > 0; k++)
			if (((unsigned char)name[k] & 0xc0) != 0x80 && chars-- == 0)
				break;
		while (name[k] != '\0' && ((unsigned char)name[k] & 0xc0) == 0x80)
			k++;
		name[k] = '\0';
		t0 = now_ms();
		if (suggest_load(&sg, st, name, town, err) != 0)
			goto out;
		t1 = now_ms();
		suggest_draw(ui, &sg, 4, 29, 49);
		refresh();
		t2 = now_ms();
		shown += sg.n;
		query[i] = t1 - t0;
		all[i] = t2 - t0;
	}
	qsort(all, (size_t)samples, sizeof *all, cmp_double);
	qsort(query, (size_t)samples, sizeof *query, cmp_double);
	printf("%s: %d keystrokes, %.1f businesses offered each; typed to list drawn: median "
	    "%.3f ms, p95 %.3f ms, max %.3f ms; the store's reads alone: median %.3f ms\n",
	    label, samples, (double)shown / samples, all[samples / 2],
	    all[samples * 95 / 100], all[samples - 1], query[samples / 2]);
	rc = 0;
out:
	suggest_clear(&sg);
	free(all);
	free(query);
	return rc;
}

int
main(int argc, char **argv)
{
	struct store *st = NULL;
	struct error err = { 0 };
	struct ui ui = { 0 };
	struct record_filter all = { 0 };
	long nb = 20000, nr = 100000, have = 0;
	int samples = 2000;
	FILE *out = NULL, *in = NULL;
	SCREEN *scr = NULL;
	double t0;

	if (argc != 2 && argc != 5) {
		fprintf(stderr, "usage: business_bench DATA_DIR [BUSINESSES RECORDS SAMPLES]\n");
		return 2;
	}
	if (argc == 5) {
		nb = strtol(argv[2], NULL, 10);
		nr = strtol(argv[3], NULL, 10);
		samples = (int)strtol(argv[4], NULL, 10);
	}
	if (nb < 1 || nr < 0 || samples < 1) {
		fprintf(stderr, "business_bench: counts must be positive\n");
		return 2;
	}
	if (store_open(&st, argv[1], &err) != 0)
		goto fail;
	if (store_count(st, &all, &have, &err) != 0)
		goto fail;
	if (have == 0) {
		t0 = now_ms();
		if (generate(st, nb, nr, &err) != 0)
			goto fail;
		printf("generated %ld businesses and %ld visits and tasks in %.0f ms\n", nb, nr,
		    now_ms() - t0);
	}
	print_plans(argv[1]);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	if (out == NULL || in == NULL || (scr = newterm("xterm-256color", out, in)) == NULL) {
		fprintf(stderr, "business_bench: no terminal to draw on\n");
		goto fail_quiet;
	}
	if (series(st, &ui, "in the volunteer's municipality", towns[0], nb, samples,
	    &err) != 0 ||
	    series(st, &ui, "in a municipality with no business", towns[9], nb, samples,
	    &err) != 0)
		goto fail;
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	store_close(st);
	return 0;
fail:
	fprintf(stderr, "business_bench: %s\n", err.msg);
fail_quiet:
	if (scr != NULL) {
		endwin();
		delscreen(scr);
	}
	if (out != NULL)
		fclose(out);
	if (in != NULL)
		fclose(in);
	store_close(st);
	return 1;
}
