#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The search text of a record sits under a key made of its day and its row (schema 11,
# core/store_internal.h: STORE_SEARCH_KEY), so that a search reads its matches newest
# first from the index: a database of schema 10 opened by this program is keyed again in
# its one migration and finds the same records in the same order; a date edited from the
# command line moves the text to its new key; integrity_check is ok after each. Since
# schema 13 the index keeps no copy of the text (it is made again from the bodies).
. "${0%/*}/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"

mkvol ana ana
db=$T/ana/data/volunteer.db
# How far the index is from the records' text under their keys: 0.
astray() {
	search_astray "$T/ana/data"
}
lists() {
	for w in molino tienda "molino tien" sierra; do
		vol list --all --search "$w" --ids
		vol list --all --search "$w" --ids --limit 3
		vol list --all --search "$w" --count
	done
}

for d in 2021-03-04 2021-03-04 2021-03-04 2019-12-31 2020-06-01; do
	vol add visit business="Molino $d" date=$d findings="Sin tienda" >/dev/null
done
for d in 2026-11-01 2026-11-02 2026-11-02 2025-01-01; do
	vol add visit business="Tienda $d" date=$d municipality=Sierra >/dev/null
done
t=$(vol add task business="Molino Viejo" title="Web" date=2026-11-03)
vol add workshop title="Banca" date=2026-11-04 attendees=5 >/dev/null
want=$(lists)
is "$(echo "$want" | grep -c .)" 40 "the searches find their records"
is "$(astray)" 0 "every record's text is under its key"

# Back to schema 10: the text under the records' rowids, no trigger, no odd-date index.
sqlite3 "$db" "$SCHEMA10_SQL PRAGMA user_version = 10;" || give_up "a database of schema 10"
is "$(sqlite3 "$db" "SELECT count(*) FROM record_fts WHERE rowid >= 68719476736")" 0 \
	"at schema 10 the index is under the records' rowids"
is "$(lists)" "$want" "opened by this program, a database of schema 10 finds the same rows in the same order"
is "$(sqlite3 "$db" 'PRAGMA user_version')" 13 "at schema 13, through 11 and 12"
is "$(astray)" 0 "every record's text is under its key again"
is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "integrity_check is ok"
is "$(sqlite3 "$db" "INSERT INTO record_fts(record_fts) VALUES ('integrity-check'); SELECT 'ok'")" ok \
	"and FTS5's own check of its index"

# A date edited moves the text to the key of its day; an edit that keeps it does not.
vol edit "$t" date=2019-01-01 >/dev/null || give_up "an edit of the date"
is "$(astray)" 0 "a date edited: the text under its new key"
is "$(vol list --all --search molino --ids | tail -n 1)" "$t" "and the record listed last, as the oldest"
vol edit "$t" title="Web nueva" >/dev/null
is "$(astray)" 0 "an edit of another field: the same key"
vol delete "$t" >/dev/null
is "$(astray)" 0 "a record deleted: its text gone"
is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "integrity_check is ok"
done_testing
