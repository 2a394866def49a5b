#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The report reads the fields of its figures from columns of their own (schema 10,
# STORE_FIGURE_COLUMNS), so every column must hold what the body says after every way a
# record changes: a save, an edit, a delete, a record that arrives from another laptop, a
# merge of two laptops' edits, and a database of schema 9 opened by this program. The
# figures must be the ones the body gives: the same report before and after the
# migration, and the same on both laptops.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"
R="$T/remote.git"
git init -q --bare "$R" || skip_all "cannot create a bare repository"

FIELDS="business status follow_up attendees attendees_65plus women duration_min hours
	sector topics men satisfaction"
# The rows whose columns differ from their body's fields, in value or in type.
stale_sql="SELECT count(*) FROM record WHERE 0$(for f in $FIELDS; do
	printf " OR fig_%s IS NOT json_extract(body, '\$.fields.%s')" "$f" "$f"
	printf " OR typeof(fig_%s) <> typeof(json_extract(body, '\$.fields.%s'))" "$f" "$f"
done)"
stale() { sqlite3 "$1" "$stale_sql" 2>&1; }
# Every figure there is: each grouping as CSV, the programme report as HTML.
figures() {
	for by in none municipality volunteer month sector; do
		vol report --csv --by "$by" || echo "report --by $by failed"
	done
	vol report --format html -o "$T/programme.html" >/dev/null &&
		sed 's/[0-9][0-9]*-[0-9][0-9]-[0-9][0-9]T[0-9:]*Z//g' "$T/programme.html"
}

mkvol ana ana --remote "$R"
ANA=$VCONF
adb=$T/ana/data/volunteer.db
v1=$(vol add visit business="Panadería Las Eras" municipality=Almazán date=2026-10-01 \
	duration_min=60 follow_up=2026-10-20 topics=website,social_media)
t1=$(vol add task business="Bar Plaza" municipality=Berlanga title="Web nueva" date=2026-10-02 \
	status=todo hours=2.5)
w1=$(vol add workshop title="Banca online" municipality=Almazán date=2026-10-03 attendees=12 \
	attendees_65plus=7 women=5 men=6 duration_min=90)
is "$(stale "$adb")" 0 "saved: every column holds its body's field"
is "$(sqlite3 "$adb" "SELECT kind, fig_duration_min, fig_hours, fig_attendees FROM record
	WHERE id IN ('$v1', '$t1', '$w1') ORDER BY date")" "visit|60||
task||2.5|
workshop|90||12" "and they are filled: the visit's minutes, the task's hours, the attendees"
is "$(sqlite3 "$adb" "SELECT fig_topics FROM record WHERE id = '$v1'")" \
	'["website","social_media"]' "an array as its JSON text"

before=$(vol report --csv --by none | tail -n 1)
vol edit "$t1" status=done hours=4 >/dev/null
vol edit "$w1" attendees=20 >/dev/null
is "$(stale "$adb")" 0 "edited: the columns follow"
after=$(vol report --csv --by none | tail -n 1)
ok $([ "$before" != "$after" ]; echo $?) "and the report shows the edit"
like "$after" '^total,1,2,1,0,1,20,7,' "a task done, twenty attendees"
vol delete "$w1" >/dev/null
is "$(stale "$adb")" 0 "deleted: the tombstone's columns are its body's"
like "$(vol report --csv --by none | tail -n 1)" '^total,1,2,1,0,0,0,0,' \
	"and the deleted workshop counts no more"
w2=$(vol add workshop title="Correo" municipality=Berlanga date=2026-11-04 attendees=9 \
	attendees_65plus=4 women=6 duration_min=60)

# The report reads the columns, not the body.
sqlite3 "$adb" "UPDATE record SET fig_attendees = 1000 WHERE id = '$w2'"
like "$(vol report --csv --by none | tail -n 1)" '^total,1,2,1,0,1,1000,' \
	"a column changed behind the writer's back shows in the report"
sqlite3 "$adb" "UPDATE record SET fig_attendees = 9 WHERE id = '$w2'"

# A filter an index narrows and the whole table read through give the same figures.
by_vol=$(vol report --csv --by volunteer | grep '^ana,' | cut -d, -f2-)
one=$(vol report --csv --by none --volunteer ana | tail -n 1 | cut -d, -f2-)
is "$one" "$by_vol" "one volunteer's figures, by index, are her row of the whole table"

# Another laptop: what arrives by sync, and a merge of two edits of one record.
vol sync >/dev/null || give_up "ana's sync"
mkvol bea bea --remote "$R"
BEA=$VCONF
bdb=$T/bea/data/volunteer.db
vol sync >/dev/null || give_up "bea's sync"
is "$(stale "$bdb")" 0 "received: the columns hold the bodies' fields"
is "$(figures)" "$(VCONF=$ANA; figures)" "and both laptops give the same figures"
VCONF=$ANA
vol edit "$v1" duration_min=75 >/dev/null
VCONF=$BEA
vol edit "$v1" follow_up=2026-12-01 topics=website >/dev/null
VCONF=$ANA
vol sync >/dev/null || give_up "ana's second sync"
VCONF=$BEA
vol sync >/dev/null || give_up "bea's second sync (the merge)"
VCONF=$ANA
vol sync >/dev/null || give_up "ana's third sync"
is "$(sqlite3 "$bdb" "SELECT fig_duration_min || ' ' || fig_follow_up || ' ' || fig_topics
	FROM record WHERE id = '$v1'")" '75 2026-12-01 ["website"]' \
	"merged: both edits are in the columns"
is "$(stale "$bdb")/$(stale "$adb")" "0/0" "on both laptops"
is "$(VCONF=$BEA; figures)" "$(figures)" "and both give the same figures"

# A database of schema 9 (no report columns): opened, the columns are filled in, and the
# figures are those of before.
want=$(figures)
sqlite3 "$adb" "$SCHEMA9_SQL PRAGMA user_version = 9;" || give_up "a database of schema 9"
is "$(sqlite3 "$adb" "SELECT count(*) FROM pragma_table_info('record') WHERE name LIKE 'fig%'")" \
	0 "schema 9 has no report columns"
got=$(figures)
is "$(sqlite3 "$adb" 'PRAGMA user_version')" 13 "opened by this program: schema 13"
is "$(stale "$adb")" 0 "every row's columns filled from its body"
is "$got" "$want" "the same figures as before the migration"
is "$(sqlite3 "$adb" 'PRAGMA integrity_check')" ok "integrity_check"
done_testing
