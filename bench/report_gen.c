/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_gen: fill a coordinator's database with N records of many volunteers, as after a
 * sync of the whole programme, for the report benchmark. Half visits, a quarter tasks, a
 * quarter workshops, with every field the figures read and long texts of a realistic size,
 * over two years, 40 municipalities and 25 volunteers; one transaction.
 *   report_gen DATA_DIR N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"

static const char *const towns[] = {
	"Almazán", "Berlanga de Duero", "San Esteban de Gormaz", "Langa de Duero", "Gómara",
	"Ágreda", "Medinaceli", "Arcos de Jalón", "Covaleda", "Vinuesa",
};

static const char *const statuses[] = { "todo", "in_progress", "done", "blocked" };

/* A small deterministic generator: the same database on every run. */
static unsigned long
next(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}

int
main(int argc, char **argv)
{
	struct store *st = NULL;
	struct error err = { 0 };
	unsigned long seed = 42;
	long n, i;
	char date[16], follow[16], text[128], vol[32], town[64], now[ISO_TIME_LEN + 1];

	if (argc != 3 || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: report_gen DATA_DIR N\n");
		return 2;
	}
	if (store_open(&st, argv[1], &err) != 0 || store_begin(st, &err) != 0) {
		fprintf(stderr, "report_gen: %s\n", err.msg);
		return 1;
	}
	clock_now_iso(now);
	for (i = 0; i < n; i++) {
		unsigned long k = next(&seed) % 4, d = next(&seed);
		const char *kind = k < 2 ? "visit" : k == 2 ? "task" : "workshop";
		struct record *r = record_new(kind);
		json_t *f = r->fields;

		uuid_v7(r->id);
		snprintf(vol, sizeof vol, "volunteer%02lu", next(&seed) % 25);
		free(r->volunteer);
		r->volunteer = strdup(vol);
		free(r->device);
		r->device = strdup("bench-laptop");
		r->rev = 1;
		memcpy(r->created, now, sizeof r->created);
		memcpy(r->updated, now, sizeof r->updated);
		snprintf(date, sizeof date, "%lu-%02lu-%02lu", 2025 + d % 2, 1 + d / 2 % 12,
		    1 + d / 24 % 28);
		snprintf(town, sizeof town, "%s%s", towns[d % 10], d / 7 % 4 ? "" : " (Soria)");
		json_object_set_new(f, "municipality", json_string(town));
		json_object_set_new(f, "date", json_string(date));
		snprintf(text, sizeof text, "Negocio %lu", next(&seed) % 20000);
		if (strcmp(kind, "workshop") != 0)
			json_object_set_new(f, "business", json_string(text));
		json_object_set_new(f, "notes", json_string("Se trabajó la presencia en internet: "
		    "ficha en mapas, horario, fotos y reseñas. Queda pendiente la tienda online y "
		    "revisar la configuración de la copia de seguridad del ordenador del mostrador."));
		if (strcmp(kind, "visit") == 0) {
			json_object_set_new(f, "duration_min", json_integer(15 + d % 120));
			json_object_set_new(f, "sector", json_string("retail"));
			json_object_set_new(f, "topics", json_pack("[ss]", "website", "social_media"));
			if (d % 3 == 0) {
				snprintf(follow, sizeof follow, "%.8s%02lu", date, 1 + d / 24 % 28);
				json_object_set_new(f, "follow_up", json_string(follow));
			}
		} else if (strcmp(kind, "task") == 0) {
			json_object_set_new(f, "title", json_string("Web nueva"));
			json_object_set_new(f, "status", json_string(statuses[d % 4]));
			json_object_set_new(f, "hours", json_real((double)(d % 40) / 4));
		} else {
			long att = (long)(d % 30);
			json_object_set_new(f, "title", json_string("Videollamadas con la familia"));
			json_object_set_new(f, "attendees", json_integer(att));
			json_object_set_new(f, "attendees_65plus", json_integer(att * 2 / 3));
			json_object_set_new(f, "women", json_integer(att / 2));
			json_object_set_new(f, "men", json_integer(att - att / 2));
			json_object_set_new(f, "duration_min", json_integer(60 + d % 4 * 30));
		}
		if (store_record_put(st, r, NULL, 0, &err) != 0) {
			fprintf(stderr, "report_gen: %s\n", err.msg);
			return 1;
		}
		record_free(r);
	}
	if (store_commit(st, &err) != 0) {
		fprintf(stderr, "report_gen: %s\n", err.msg);
		return 1;
	}
	store_close(st);
	return 0;
}
