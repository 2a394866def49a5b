#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Filters like search: --municipality and the screen's municipality filter ignore case and
# accents ("almazan" finds Almazán), in list, export and report alike; a database made
# before the folded column gets it filled when it is opened.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
vol add visit business='Panadería Las Eras' municipality=Almazán date=2026-11-20 >/dev/null
vol add visit business='Bar Plaza' municipality=ALMAZÁN date=2026-11-19 >/dev/null
vol add visit business='Ferretería Gómez' municipality='Berlanga de Duero' date=2026-11-18 >/dev/null
vol add workshop title='Banca online' municipality='Sant Adrià' attendees=9 date=2026-11-16 >/dev/null

is "$(vol list --municipality almazan --count)" 2 "--municipality almazan finds Almazán and ALMAZÁN"
is "$(vol list --municipality 'ALMAZAN' --count)" 2 "whatever the case"
is "$(vol list --municipality 'almazán' --count)" 2 "with or without the accent"
is "$(vol list --municipality 'berlanga de duero' --count)" 1 "a name of several words"
is "$(vol list --municipality 'sant adria' --count)" 1 "a Catalan accent too"
is "$(vol list --municipality alma --count)" 0 "a part of a name is not the name"
is "$(vol export --csv --municipality almazan | tail -n +2 | wc -l)" 2 "export filters alike"
like "$(vol report --municipality almazan --csv | tail -n 1)" '^total,2,' "and report"

# A database from before the folded column (schema version 3): opened, it is filled in.
db=$T/ana/data/volunteer.db
sqlite3 "$db" "$SCHEMA9_SQL DELETE FROM record WHERE kind = 'business'; DROP INDEX record_business_key; DROP INDEX record_by_business; DROP INDEX IF EXISTS record_business_place;
	DROP INDEX record_agenda; ALTER TABLE record DROP COLUMN agenda; ALTER TABLE record DROP COLUMN business_id; ALTER TABLE record DROP COLUMN name_key;"
sqlite3 "$db" 'UPDATE record SET base = body WHERE base_is_body; ALTER TABLE record DROP COLUMN base_is_body;
	DROP TABLE conflict_version; DROP INDEX record_by_municipality_key; ALTER TABLE record DROP COLUMN municipality_key;
	CREATE INDEX record_by_municipality ON record(municipality, date DESC); PRAGMA user_version = 3;'
is "$(vol list --municipality almazan --count)" 2 "an older database is migrated and filters alike"
is "$(sqlite3 "$db" 'PRAGMA user_version')" 13 "to the latest schema (13)"

tui_start 80 24
wait_for 'Banca online' || exit 1
keys 4 && wait_for '\[4 All\]'
keys f && wait_for 'Filters' && typein 'almazan' && keys F2
wait_for 'almazan ·'
s=$(screen)
like "$s" 'Panadería Las Eras' "the screen's filter almazan keeps Almazán's records"
like "$s" 'Bar Plaza' "and ALMAZÁN's"
if printf '%s' "$s" | grep -q 'Ferretería'; then r=1; else r=0; fi
ok $r "and hides the others"
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
