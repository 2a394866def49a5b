#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The agenda reads a volunteer's due rows by their agenda column (schema 9), so it must
# hold what the agenda's rule says after every way a record changes: a save, an edit that
# closes a task, a delete, a record of the same volunteer that arrives from another
# laptop, and a database of schema 8 opened by this program. Also the start's count.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"
R="$T/remote.git"
git init -q --bare "$R" || skip_all "cannot create a bare repository"

mkvol ana ana --remote "$R"
ANA=$VCONF
db=$T/ana/data/volunteer.db
agenda_ids() { vol agenda | awk '{ print $NF }' | sort | tr '\n' ' '; }
short() { printf '%.13s' "$1"; }

v1=$(vol add visit business="Panadería Las Eras" date=2026-10-01 follow_up=2026-10-20)
t1=$(vol add task business="Panadería Las Eras" title="Web nueva" date=2026-10-01 \
	due=2026-10-25 status=todo)
t2=$(vol add task business="Bar Plaza" title="Perfil" date=2026-10-01 due=2026-10-26 status=done)
v2=$(vol add visit business="Bar Plaza" date=2026-10-02 follow_up=2026-10-21)
vol add workshop title="Banca" date=2026-10-03 attendees=5 >/dev/null
vol add visit business="Quesería" date=2026-10-04 >/dev/null
want="$(printf '%s\n' "$(short "$v1")" "$(short "$v2")" "$(short "$t1")" | sort | tr '\n' ' ')"
is "$(agenda_ids)" "$want" "two follow-ups and the open task are on the agenda; not the done task"
is "$(sqlite3 "$db" "SELECT count(*) FROM record WHERE agenda IS NOT NULL")" 3 \
	"three rows hold an agenda day"
is "$(vol agenda | head -n 1 | cut -c1-10)" "2026-10-20" "soonest first"

vol edit "$t1" status=done >/dev/null
vol delete "$v2" >/dev/null
is "$(agenda_ids)" "$(short "$v1") " "a task done and a visit deleted leave the agenda"
vol edit "$t2" status=in_progress >/dev/null
is "$(agenda_ids)" "$(printf '%s\n' "$(short "$v1")" "$(short "$t2")" | sort | tr '\n' ' ')" \
	"a task opened again comes back"
vol edit "$v1" follow_up= >/dev/null 2>&1 || vol edit "$v1" follow_up=2030-01-01 >/dev/null
is "$(agenda_ids)" "$(short "$t2") " "a follow-up taken away or moved past today leaves it"

# The same volunteer on a second laptop: what arrives by sync is on its agenda too.
vol sync >/dev/null || give_up "ana's sync"
mkvol ana2 ana --remote "$R"
ANA2=$VCONF
vol sync >/dev/null || give_up "the second laptop's sync"
is "$(agenda_ids)" "$(short "$t2") " "the second laptop's agenda has the record that came"
VCONF=$ANA
v3=$(vol add visit business="Quesería" date=2026-11-02 follow_up=2026-11-03)
vol sync >/dev/null || give_up "ana's second sync"
VCONF=$ANA2
vol sync >/dev/null || give_up "the second laptop's second sync"
is "$(agenda_ids)" "$(printf '%s\n' "$(short "$t2")" "$(short "$v3")" | sort | tr '\n' ' ')" \
	"and a new follow-up made on the first laptop"

# A database of schema 8 (no agenda column): opened, the column is filled in.
VCONF=$ANA
sqlite3 "$db" "$SCHEMA9_SQL DROP INDEX record_agenda; ALTER TABLE record DROP COLUMN agenda;
	PRAGMA user_version = 8;" || give_up "a database of schema 8"
is "$(agenda_ids)" "$(printf '%s\n' "$(short "$t2")" "$(short "$v3")" | sort | tr '\n' ' ')" \
	"opened by this program, a database of schema 8 has the same agenda"
is "$(sqlite3 "$db" 'PRAGMA user_version')" 13 "at schema 13"
is "$(sqlite3 "$db" "SELECT count(*) FROM record WHERE agenda IS NOT NULL")" 2 \
	"the column holds the two due rows"
is "$(vol agenda --days 0 | wc -l)" 2 "both are due by today"
done_testing
