/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tui_gen.c: fill a volunteer's store with N generated records for the terminal UI
 * benchmark (bench/b-tui.sh): visits, tasks and workshops over two years, in a few
 * municipalities, written with store_record_save in one transaction. As on a laptop that
 * has synced before, every record but the last UNSYNCED (default 20) is marked synced.
 *
 *   tui_gen DATA_DIR COUNT VOLUNTEER_ID [UNSYNCED]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"

static const char *const towns[] = {
	"Almazán", "Berlanga de Duero", "Medinaceli", "San Esteban de Gormaz", "Ágreda",
	"Arcos de Jalón", "Covaleda", "Ólvega", "Langa de Duero", "Vinuesa",
};
static const char *const shops[] = {
	"Panadería Las Eras", "Bar Plaza", "Ferretería Peña", "Casa Rural El Olmo",
	"Carnicería Hermanos Gil", "Quesería La Dehesa", "Taller Mecánico Ruiz",
	"Farmacia Centro", "Peluquería Marisa", "Apícola del Moncayo",
};
static const char *const topics[] = {
	"Videollamadas con la familia", "Banca online sin miedo", "Cita médica por internet",
	"Billetes de autobús en el móvil", "Trámites con certificado digital",
};

int
main(int argc, char **argv)
{
	struct store *st = NULL;
	struct error err = { 0 };
	struct record *r;
	char date[32];
	long n, i, unsynced = 20;
	unsigned seed = 42;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: tui_gen DATA_DIR COUNT VOLUNTEER_ID [UNSYNCED]\n");
		return 2;
	}
	n = strtol(argv[2], NULL, 10);
	if (argc == 5)
		unsynced = strtol(argv[4], NULL, 10);
	if (store_open(&st, argv[1], &err) != 0 || store_begin(st, &err) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		const char *kind = i % 3 == 0 ? "visit" : i % 3 == 1 ? "task" : "workshop";
		const char *town;

		seed = seed * 1103515245u + 12345u;
		town = towns[(seed >> 16) % 10];
		snprintf(date, sizeof date, "%04ld-%02ld-%02ld", 2025 + (i * 2 / n),
		    (long)(1 + (seed >> 8) % 12), (long)(1 + (seed >> 12) % 28));
		r = record_new(kind);
		json_object_set_new(r->fields, "municipality", json_string(town));
		json_object_set_new(r->fields, "date", json_string(date));
		if (strcmp(kind, "workshop") == 0) {
			json_object_set_new(r->fields, "title", json_string(topics[i % 5]));
			json_object_set_new(r->fields, "attendees", json_integer(5 + i % 30));
		} else {
			json_object_set_new(r->fields, "business", json_string(shops[i % 10]));
			if (strcmp(kind, "task") == 0) {
				json_object_set_new(r->fields, "title", json_string("Web nueva"));
				json_object_set_new(r->fields, "status", json_string("done"));
			} else
				json_object_set_new(r->fields, "findings", json_string(
				    "Sin página web; usa WhatsApp para pedidos."));
		}
		if (store_record_save(st, r, argv[3], &err) != 0 ||
		    (i < n - unsynced && store_record_mark_synced(st, r->id, r->rev, NULL, &err) != 0)) {
			record_free(r);
			goto fail;
		}
		record_free(r);
	}
	if (store_commit(st, &err) != 0)
		goto fail;
	store_close(st);
	return 0;
fail:
	fprintf(stderr, "tui_gen: %s\n", err.msg);
	if (st != NULL)
		store_rollback(st);
	store_close(st);
	return 1;
}
