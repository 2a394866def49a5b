/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The programme's figures: three volunteers in four municipalities over two months, put
 * in one coordinator's store as sync would, and every figure of report_by per
 * municipality, per volunteer and per month checked against the numbers worked out by
 * hand (in the comments). Then the rules at the edges: tombstones, a filter's end as the
 * follow-up day, values an untrusted file may carry, and the report's CSV.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/store.h"
#include "core/util.h"
#include "report/export.h"
#include "report/stats.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static struct store *st;

/* A record by `volunteer`, written as sync writes a received one. fields is JSON. */
static void
put(const char *kind, const char *volunteer, const char *fields, int deleted)
{
	struct record *r = record_new(kind);
	struct error err = { 0 };
	json_error_t jerr;

	uuid_v7(r->id);
	free(r->volunteer);
	r->volunteer = xstrdup(volunteer);
	free(r->device);
	r->device = xstrdup("laptop-1");
	r->rev = 1;
	r->deleted = deleted;
	clock_now_iso(r->created);
	memcpy(r->updated, r->created, sizeof r->updated);
	json_decref(r->fields);
	r->fields = json_loads(fields, 0, &jerr);
	if (r->fields == NULL)
		diag("bad fixture %s: %s", fields, jerr.text);
	if (store_record_put(st, r, NULL, 0, &err) != 0)
		diag("put: %s", err.msg);
	record_free(r);
}

static void
fixture(void)
{
	/* ana, Almazán (written two ways): the same bakery twice, a task, a workshop. */
	put("visit", "ana", "{\"business\": \"Panadería Las Eras\", \"municipality\": "
	    "\"Almazán\", \"date\": \"2026-10-05\", \"duration_min\": 60, \"follow_up\": "
	    "\"2026-10-20\"}", 0);
	put("visit", "ana", "{\"business\": \"  PANADERÍA  las eras \", \"municipality\": "
	    "\"ALMAZÁN \", \"date\": \"2026-11-02\", \"duration_min\": 90, \"follow_up\": "
	    "\"2026-12-15\"}", 0);
	put("task", "ana", "{\"business\": \"Bar Plaza\", \"title\": \"Web\", \"municipality\": "
	    "\"Almazán\", \"date\": \"2026-11-03\", \"status\": \"done\", \"hours\": 2.5}", 0);
	put("workshop", "ana", "{\"title\": \"Videollamadas\", \"municipality\": \"Almazán\", "
	    "\"date\": \"2026-11-10\", \"attendees\": 20, \"attendees_65plus\": 15, "
	    "\"women\": 12, \"men\": 8, \"duration_min\": 120}", 0);
	/* ben, Berlanga de Duero: a Bar Plaza of its own name, the same hardware shop twice,
	 * a workshop, and a deleted visit that must count nowhere. */
	put("visit", "ben", "{\"business\": \"Bar Plaza\", \"municipality\": \"Berlanga de "
	    "Duero\", \"date\": \"2026-10-12\", \"duration_min\": 45}", 0);
	put("task", "ben", "{\"business\": \"Ferretería Soto\", \"title\": \"Perfil\", "
	    "\"municipality\": \"Berlanga de Duero\", \"date\": \"2026-10-15\", \"status\": "
	    "\"in_progress\", \"hours\": 1.25}", 0);
	put("task", "ben", "{\"business\": \"Ferretería  SOTO\", \"title\": \"Tienda\", "
	    "\"municipality\": \"Berlanga de Duero\", \"date\": \"2026-11-20\", \"status\": "
	    "\"blocked\"}", 0);
	put("workshop", "ben", "{\"title\": \"Banca\", \"municipality\": \"Berlanga de Duero\", "
	    "\"date\": \"2026-11-21\", \"attendees\": 10, \"attendees_65plus\": 4, \"women\": 7, "
	    "\"duration_min\": 90}", 0);
	put("visit", "ben", "{\"business\": \"Ghost\", \"municipality\": \"Berlanga de Duero\", "
	    "\"date\": \"2026-11-22\", \"duration_min\": 600, \"follow_up\": \"2026-11-23\"}", 1);
	/* cris, Medinaceli and Ágreda. */
	put("visit", "cris", "{\"business\": \"Casa Rural El Olmo\", \"municipality\": "
	    "\"Medinaceli\", \"date\": \"2026-11-05\", \"duration_min\": 30, \"follow_up\": "
	    "\"2026-11-06\"}", 0);
	put("task", "cris", "{\"business\": \"casa rural el olmo\", \"title\": \"Fotos\", "
	    "\"municipality\": \"Medinaceli\", \"date\": \"2026-11-06\", \"hours\": 3}", 0);
	put("workshop", "cris", "{\"title\": \"Móvil\", \"municipality\": \"Ágreda\", \"date\": "
	    "\"2026-10-25\", \"attendees\": 8, \"attendees_65plus\": 8, \"women\": 0, "
	    "\"duration_min\": 60}", 0);
	put("task", "cris", "{\"business\": \"Quesería Ágreda\", \"title\": \"Web\", "
	    "\"municipality\": \"Ágreda\", \"date\": \"2026-10-26\", \"status\": \"todo\", "
	    "\"hours\": 0.75}", 0);
	put("workshop", "cris", "{\"title\": \"Nadie vino\", \"municipality\": \"Medinaceli\", "
	    "\"date\": \"2026-11-28\", \"attendees\": 0, \"duration_min\": 30}", 0);
}

struct want {
	const char *key;
	long visits, businesses, done, open, workshops, attendees, a65, women;
	const char *hours, *share65, *share_women;
	long due;
};

static void
check_group(const char *what, const struct report_group *g, const struct want *w)
{
	char buf[32], name[128];

#define CHECK(field, value) do { \
	snprintf(name, sizeof name, "%s %s: " #field, what, w->key); \
	is_int(g->field, value, name); \
} while (0)
	snprintf(name, sizeof name, "%s: group %s", what, w->key);
	is_str(g->key, w->key, name);
	CHECK(visits, w->visits);
	CHECK(businesses, w->businesses);
	CHECK(tasks_done, w->done);
	CHECK(tasks_open, w->open);
	CHECK(workshops, w->workshops);
	CHECK(attendees, w->attendees);
	CHECK(attendees_65plus, w->a65);
	CHECK(women, w->women);
	CHECK(follow_ups_due, w->due);
#undef CHECK
	report_format_hours(report_hours(g), buf, sizeof buf);
	snprintf(name, sizeof name, "%s %s: hours", what, w->key);
	is_str(buf, w->hours, name);
	report_format_share(report_share(g->attendees_65plus, g->attendees), buf, sizeof buf);
	snprintf(name, sizeof name, "%s %s: share of 65+", what, w->key);
	is_str(buf, w->share65, name);
	report_format_share(report_share(g->women, g->attendees), buf, sizeof buf);
	snprintf(name, sizeof name, "%s %s: share of women", what, w->key);
	is_str(buf, w->share_women, name);
}

static void
check_report(const char *what, enum report_by by, const struct record_filter *f,
    const char *due_by, const struct want *want, size_t nwant, const struct want *total)
{
	struct report *rep = NULL;
	struct error err = { 0 };
	size_t i;

	if (report_by(st, f, by, due_by, &rep, &err) != 0) {
		ok(0, "%s: report_by: %s", what, err.msg);
		return;
	}
	is_int(rep->ngroups, nwant, what);
	for (i = 0; i < nwant && i < rep->ngroups; i++)
		check_group(what, &rep->groups[i], &want[i]);
	check_group(what, &rep->total, total);
	report_free(rep);
}

/* The whole fixture; the total is the same whichever way it is cut. Businesses: Panadería
 * Las Eras, Bar Plaza, Ferretería Soto, Casa Rural El Olmo, Quesería Ágreda = 5 (Bar Plaza
 * of Almazán and of Berlanga share a name and count once). Hours: 1.75 + 7 + 3.5 + 4. */
static const struct want total = {
	"", 4, 5, 1, 4, 4, 38, 27, 19, "16.25", "71.1", "50.0", 2,
};

int
main(void)
{
	char dir[] = "/tmp/t0600-XXXXXX", *csv;
	struct record_filter f = { 0 };
	struct error err = { 0 };
	struct report *rep = NULL;

	if (mkdtemp(dir) == NULL || store_open(&st, dir, &err) != 0) {
		printf("1..0 # SKIP cannot make a store in /tmp: %s\n", err.msg);
		return 0;
	}
	fixture();

	/* Sorted with accents ignored: Ágreda before Almazán. Almazán shows as most records
	 * write it. Ágreda: hours 1 + 0.75; Almazán: (60 + 90 + 120) / 60 + 2.5 = 7; Berlanga:
	 * (45 + 90) / 60 + 1.25 = 3.5; Medinaceli: (30 + 30) / 60 + 3 = 4. Follow-ups due by
	 * 2026-11-30: Almazán's of 10-20 (not 12-15), Medinaceli's of 11-06. */
	{
		static const struct want m[] = {
			{ "Ágreda", 0, 1, 0, 1, 1, 8, 8, 0, "1.75", "100.0", "0.0", 0 },
			{ "Almazán", 2, 2, 1, 0, 1, 20, 15, 12, "7.00", "75.0", "60.0", 1 },
			{ "Berlanga de Duero", 1, 2, 0, 2, 1, 10, 4, 7, "3.50", "40.0", "70.0", 0 },
			{ "Medinaceli", 1, 1, 0, 1, 1, 0, 0, 0, "4.00", "", "", 1 },
		};
		check_report("by municipality", REPORT_BY_MUNICIPALITY, &f, "2026-11-30", m, 4,
		    &total);
	}
	/* cris: hours (30 + 60 + 30) / 60 + 3 + 0.75 = 5.75; the task without a status is
	 * open (todo is the form's default). */
	{
		static const struct want v[] = {
			{ "ana", 2, 2, 1, 0, 1, 20, 15, 12, "7.00", "75.0", "60.0", 1 },
			{ "ben", 1, 2, 0, 2, 1, 10, 4, 7, "3.50", "40.0", "70.0", 0 },
			{ "cris", 1, 2, 0, 2, 2, 8, 8, 0, "5.75", "100.0", "0.0", 1 },
		};
		check_report("by volunteer", REPORT_BY_VOLUNTEER, &f, "2026-11-30", v, 3,
		    &total);
	}
	/* October: 60 + 45 + 60 minutes, 1.25 + 0.75 task hours = 4.75; November: 90 + 120 +
	 * 90 + 30 + 30 minutes, 2.5 + 3 task hours = 11.5. */
	{
		static const struct want mo[] = {
			{ "2026-10", 2, 4, 0, 2, 1, 8, 8, 0, "4.75", "100.0", "0.0", 1 },
			{ "2026-11", 2, 4, 1, 2, 3, 30, 19, 19, "11.50", "63.3", "63.3", 1 },
		};
		check_report("by month", REPORT_BY_MONTH, &f, "2026-11-30", mo, 2, &total);
	}

	/* A filter narrows everything; its end is the follow-up day when none is given:
	 * October only, due by 10-31: the follow-up of 10-20. */
	{
		static const struct want oct = {
			"", 2, 4, 0, 2, 1, 8, 8, 0, "4.75", "100.0", "0.0", 1,
		};
		struct record_filter fo = { .from = "2026-10-01", .to = "2026-10-31" };
		check_report("October", REPORT_BY_NONE, &fo, NULL, &oct, 1, &oct);
		report_by(st, &fo, REPORT_BY_NONE, NULL, &rep, &err);
		is_str(rep ? rep->due_by : "", "2026-10-31", "follow-ups are due by the filter's end");
		report_free(rep);
		rep = NULL;
	}
	/* One volunteer, and --deleted asked for: tombstones still do not count. */
	{
		static const struct want ben = {
			"", 1, 2, 0, 2, 1, 10, 4, 7, "3.50", "40.0", "70.0", 0,
		};
		struct record_filter fb = { .volunteer = "ben", .include_deleted = 1 };
		check_report("ben with deleted asked", REPORT_BY_NONE, &fb, "2026-12-31", &ben, 1,
		    &ben);
	}
	/* A follow-up on the day itself is due; the day before it is not. */
	{
		struct record_filter fc = { .volunteer = "cris" };
		report_by(st, &fc, REPORT_BY_NONE, "2026-11-06", &rep, &err);
		is_int(rep ? rep->total.follow_ups_due : -1, 1, "a follow-up due today counts");
		report_free(rep);
		report_by(st, &fc, REPORT_BY_NONE, "2026-11-05", &rep, &err);
		is_int(rep ? rep->total.follow_ups_due : -1, 0, "one due tomorrow does not");
		report_free(rep);
		rep = NULL;
	}

	/* The report's CSV: header, groups, total; shares empty without attendees. */
	report_by(st, &f, REPORT_BY_MUNICIPALITY, "2026-11-30", &rep, &err);
	csv = rep ? report_to_csv(rep, 1, 0, NULL) : NULL;
	is_str(csv, "municipality,visits,businesses,tasks_done,tasks_open,workshops,attendees,"
	    "attendees_65plus,attendees_65plus_pct,women,women_pct,hours,follow_ups_due,"
	    "businesses_visited,businesses_web\r\n"
	    "Ágreda,0,1,0,1,1,8,8,100.0,0,0.0,1.75,0,0,1\r\n"
	    "Almazán,2,2,1,0,1,20,15,75.0,12,60.0,7.00,1,1,1\r\n"
	    "Berlanga de Duero,1,2,0,2,1,10,4,40.0,7,70.0,3.50,0,1,1\r\n"
	    "Medinaceli,1,1,0,1,1,0,0,,0,,4.00,1,1,1\r\n"
	    "total,4,5,1,4,4,38,27,71.1,19,50.0,16.25,2,3,4\r\n", "report as CSV");
	free(csv);
	report_free(rep);
	rep = NULL;

	/* What an untrusted file may carry: numbers as text, negative or huge numbers, an
	 * unknown status. They add nothing, and nothing overflows. */
	put("workshop", "dora", "{\"title\": \"x\", \"municipality\": \"=HYPERLINK(1)\", "
	    "\"date\": \"2026-11-01\", \"attendees\": \"many\", \"attendees_65plus\": -4, "
	    "\"women\": 9223372036854775807, \"duration_min\": 1e300}", 0);
	put("task", "dora", "{\"business\": 42, \"title\": \"y\", \"municipality\": "
	    "\"=HYPERLINK(1)\", \"date\": \"2026-11-02\", \"status\": \"cancelled\", "
	    "\"hours\": -3}", 0);
	{
		static const struct want dora = {
			"", 0, 0, 0, 0, 1, 0, 0, 0, "0.00", "", "", 0,
		};
		struct record_filter fd = { .volunteer = "dora" };
		check_report("hostile values", REPORT_BY_NONE, &fd, "2026-12-31", &dora, 1,
		    &dora);
		report_by(st, &fd, REPORT_BY_MUNICIPALITY, "2026-12-31", &rep, &err);
		csv = rep ? report_to_csv(rep, 1, 0, NULL) : NULL;
		ok(csv != NULL && strstr(csv, "\r\n'=HYPERLINK(1),") != NULL,
		    "a group that looks like a formula is defused in the CSV");
		free(csv);
		report_free(rep);
	}

	/* Folding and CSV fields. */
	{
		char *s = report_fold("  Ñandú  ÁLAMO\tŁódź ", 0), *t = report_fold("Ñandú Á", 1);
		is_str(s, "ñandú álamo łódź", "fold: case, blanks, Latin letters");
		is_str(t, "nandu a", "fold for sorting drops accents");
		free(s);
		free(t);
		s = csv_field("a \"b\",\nc", 0);
		is_str(s, "\"a \"\"b\"\",\nc\"", "CSV field quoted and quotes doubled");
		free(s);
		s = csv_field("-1 + 2", 1);
		is_str(s, "'-1 + 2", "formula guard");
		free(s);
		s = csv_field("@x,y", 1);
		is_str(s, "\"'@x,y\"", "formula guard inside quotes");
		free(s);
		s = csv_field("=1", 0);
		is_str(s, "=1", "no guard when asked not to");
		free(s);
	}
	{
		enum report_by by;
		ok(report_by_parse("month", &by) == 0 && by == REPORT_BY_MONTH, "parse --by month");
		ok(report_by_parse("town", &by) != 0, "an unknown --by is refused");
	}

	store_close(st);
	test_remove_dir(dir);
	return done_testing();
}
