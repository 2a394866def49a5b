/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A business's records (store_business_records, which its page, its summary and a visit
 * summary's task list read): its visits and tasks, oldest first, tombstones not, only one
 * kind when asked; and the read costs the same whatever the other businesses hold (it
 * walks the business's own index, not every record in date order: a visit summary at
 * 100,000 records used to read them all). Costs are counted in SQLite's virtual machine
 * instructions, not in time. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/store_business.h"
#include "core/store_internal.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static char *
save(struct store *st, const char *kind, const char *business_id, const char *date,
    const char *title)
{
	struct record *r = record_new(kind);
	struct error err = { 0 };
	char *id;

	json_object_set_new(r->fields, kind[0] == 'b' ? "name" : "business",
	    json_string(title));
	json_object_set_new(r->fields, "municipality", json_string("Almazán"));
	if (business_id != NULL)
		json_object_set_new(r->fields, "business_id", json_string(business_id));
	if (date != NULL)
		json_object_set_new(r->fields, "date", json_string(date));
	if (kind[0] == 't')
		json_object_set_new(r->fields, "title", json_string(title));
	if (store_record_save(st, r, "ana", &err) != 0)
		diag("save %s: %s", title, err.msg);
	id = xstrdup(r->id);
	record_free(r);
	return id;
}

struct seen {
	char text[512];
	long n;
};

static int
take(const struct record *r, void *payload)
{
	struct seen *s = payload;
	const char *t = record_field_str(r, r->kind[0] == 't' ? "title" : "date");

	snprintf(s->text + strlen(s->text), sizeof s->text - strlen(s->text), "%s:%s;",
	    r->kind, t ? t : "");
	s->n++;
	return 0;
}

/* The records of business id (of kind, or all), and the instructions they took. */
static long
read_business(struct store *st, const char *id, const char *kind, struct seen *s)
{
	struct error err = { 0 };
	long steps = 0;

	memset(s, 0, sizeof *s);
	test_sql_steps_start(st->db, &steps);
	if (store_business_records(st, id, kind, take, s, &err) != 0)
		diag("read: %s", err.msg);
	test_sql_steps_stop(st->db);
	return steps;
}

static void
add_others(struct store *st, const char *other, int n)
{
	char date[16];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(date, sizeof date, "2026-%02d-%02d", 1 + i % 12, 1 + i % 28);
		free(save(st, i % 2 ? "visit" : "task", other, date, "Otra"));
	}
}

int
main(void)
{
	char dir[] = "/tmp/t0813-XXXXXX", *path, *ours, *other, *gone;
	struct store *st = NULL;
	struct error err = { 0 };
	struct seen s;
	long few, many;

	if ((st = test_store_new(dir, &path)) == NULL)
		return 1;
	ours = save(st, "business", NULL, NULL, "Ferretería Gómez");
	other = save(st, "business", NULL, NULL, "Panadería Sol");
	free(save(st, "visit", ours, "2026-03-02", "Ferretería Gómez"));
	free(save(st, "task", ours, "2026-03-05", "Web nueva"));
	free(save(st, "visit", ours, "2026-01-10", "Ferretería Gómez"));
	gone = save(st, "task", ours, "2026-02-01", "Borrada");
	{
		struct record *r = NULL;

		if (store_record_get(st, gone, &r, &err) != 0 || r == NULL)
			diag("get: %s", err.msg);
		r->deleted = 1;
		if (store_record_save(st, r, "ana", &err) != 0)
			diag("delete: %s", err.msg);
		record_free(r);
	}
	free(save(st, "task", ours, "2026-04-01", "Perfil en redes"));

	read_business(st, ours, NULL, &s);
	is_str(s.text, "visit:2026-01-10;visit:2026-03-02;task:Web nueva;task:Perfil en redes;",
	    "a business's visits and tasks, oldest first, the deleted one not");
	read_business(st, ours, "task", &s);
	is_str(s.text, "task:Web nueva;task:Perfil en redes;", "only its tasks when asked");
	read_business(st, ours, "visit", &s);
	is_int(s.n, 2, "only its visits when asked");

	add_others(st, other, 300);
	few = read_business(st, ours, NULL, &s);
	add_others(st, other, 1500);
	many = read_business(st, ours, NULL, &s);
	is_int(s.n, 4, "another business's 1,800 records are not ours");
	diag("instructions: %ld beside 300 records of another business, %ld beside 1,800",
	    few, many);
	ok(many < few * 3 / 2 && many < 5000,
	    "reading them costs the same whatever other businesses hold");
	read_business(st, other, "visit", &s);
	is_int(s.n, 900, "and the other business has its own");

	store_close(st);
	free(ours);
	free(other);
	free(gone);
	free(path);
	test_remove_dir(dir);
	return done_testing();
}
