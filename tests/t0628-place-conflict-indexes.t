#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Schema 12: a page of one municipality's records and a page of the records in conflict
# are read from indexes of their own (record_by_municipality_key names `deleted` and the
# list's order; record_conflicts holds the few rows in conflict). A database of schema 11
# opened by this program gets both in its one migration, lists the same records in the
# same order, and integrity_check is ok.
. "${0%/*}/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"

mkvol ana ana
db=$T/ana/data/volunteer.db
lists() {
	for p in Almazán almazan Sierra; do
		vol list --all --municipality "$p" --ids
		vol list --all --municipality "$p" --ids --limit 2
		vol list --all --municipality "$p" --count
		vol list --all --municipality "$p" --kind business --count
	done
	vol list --all --conflicts --ids
	vol list --all --conflicts --count
	vol list --all --municipality Sierra --conflicts --ids
}
columns() {
	sqlite3 "$db" "SELECT group_concat(name, ',') FROM pragma_index_info('$1')"
}

for d in 2021-03-04 2021-03-04 2019-12-31 2020-06-01; do
	vol add visit business="Molino $d" date=$d municipality=Almazán >/dev/null
done
for d in 2026-11-01 2026-11-02 2026-11-02 2025-01-01; do
	vol add visit business="Tienda $d" date=$d municipality=Sierra >/dev/null
done
gone=$(vol add task business="Tienda Vieja" title="Web" date=2026-11-03 municipality=Sierra)
vol delete "$gone" >/dev/null
c1=$(vol add visit business="Bar Sol" date=2024-05-05 municipality=Sierra)
c2=$(vol add visit business="Bar Luna" date=2023-05-05 municipality=Almazán)
sqlite3 "$db" "UPDATE record SET conflict = 1 WHERE id IN ('$c1', '$c2')" ||
	give_up "two records in conflict"
want=$(lists)
is "$(echo "$want" | grep -c .)" 31 "the lists find their records"
is "$(vol list --all --conflicts --ids)" "$c1
$c2" "the records in conflict, newest first"
is "$(columns record_by_municipality_key)" "municipality_key,deleted,date,id" \
	"the place's index holds the list's order"
is "$(columns record_conflicts)" "deleted,date,id" "and the records in conflict have theirs"

# Back to schema 11: the place's index without `deleted`, no index of the conflicts.
sqlite3 "$db" "DROP INDEX record_conflicts; DROP INDEX record_by_municipality_key;
	CREATE INDEX record_by_municipality_key ON record(municipality_key, date DESC);
	PRAGMA user_version = 11;" || give_up "a database of schema 11"
is "$(columns record_by_municipality_key)" "municipality_key,date" "at schema 11"
is "$(lists)" "$want" "opened by this program, a database of schema 11 lists the same"
is "$(sqlite3 "$db" 'PRAGMA user_version')" 13 "at schema 13"
is "$(columns record_by_municipality_key)" "municipality_key,deleted,date,id" \
	"the place's index made again"
is "$(columns record_conflicts)" "deleted,date,id" "the conflicts' index made"
is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "integrity_check is ok"
done_testing
