/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli_gen: fill a volunteer database with N records (a third each of visits, tasks and
 * workshops, spread over a year and ten municipalities) for the command-line benchmarks.
 *   cli_gen DATA_DIR N
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/store.h"

static const char *const towns[] = {
	"Almazán", "Berlanga de Duero", "San Esteban de Gormaz", "Langa de Duero", "Gómara",
	"Ágreda", "Medinaceli", "Arcos de Jalón", "Covaleda", "Vinuesa",
};

int
main(int argc, char **argv)
{
	struct store *st = NULL;
	struct error err = { 0 };
	long n, i;
	char date[16], name[64];

	if (argc != 3 || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: cli_gen DATA_DIR N\n");
		return 2;
	}
	if (store_open(&st, argv[1], &err) != 0 || store_begin(st, &err) != 0) {
		fprintf(stderr, "cli_gen: %s\n", err.msg);
		return 1;
	}
	for (i = 0; i < n; i++) {
		static const char *const kinds[] = { "visit", "task", "workshop" };
		struct record *r = record_new(kinds[i % 3]);
		snprintf(date, sizeof date, "2026-%02ld-%02ld", 1 + i % 12, 1 + i % 28);
		snprintf(name, sizeof name, "Negocio %ld", i);
		json_object_set_new(r->fields, i % 3 == 2 ? "title" : "business", json_string(name));
		if (i % 3 == 1)
			json_object_set_new(r->fields, "title", json_string("Web nueva"));
		json_object_set_new(r->fields, "municipality", json_string(towns[i % 10]));
		json_object_set_new(r->fields, "date", json_string(date));
		if (i % 3 == 2)
			json_object_set_new(r->fields, "attendees", json_integer(5 + i % 20));
		if (store_record_save(st, r, i % 4 ? "maria" : "pedro", &err) != 0) {
			fprintf(stderr, "cli_gen: %s\n", err.msg);
			return 1;
		}
		record_free(r);
	}
	if (store_commit(st, &err) != 0) {
		fprintf(stderr, "cli_gen: %s\n", err.msg);
		return 1;
	}
	store_close(st);
	return 0;
}
