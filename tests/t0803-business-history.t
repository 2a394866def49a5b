#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A business's whole story: `show BUSINESS` lists its visits and tasks (status, due dates,
# follow-ups), --json too; a visit's summary lists every open and done task of its
# business, whatever each one's spelling; `agenda` shows what is due or overdue, soonest
# first; `report` counts one business for three spellings.
. "${0%/*}/lib.sh"

command -v python3 >/dev/null || skip_all "python3 is not installed"
json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }

mkvol ana ana --municipality Almazán
v=$(vol add visit business="Panadería Hermanos Ruiz" date=2026-11-01 follow_up=2026-11-15)
t1=$(vol add task business="panaderia hermanos ruiz" title="Web nueva" due=2026-11-20 \
	description="La carta y el horario")
t2=$(vol add task business="PANADERÍA HERMANOS, RUIZ" title="Ficha en mapas" status=done)
later=$(date -d '+100 days' +%Y-%m-%d)
t3=$(vol add task business="Bar Plaza" title="Perfil" due="$later")
b=$(vol show "$v" --json | json 'd["fields"]["business_id"]')

out=$(vol show "$b")
like "$out" 'Name +Panadería Hermanos Ruiz' "show BUSINESS prints its data"
like "$out" '2026-11-01 +Visit +Panadería Hermanos Ruiz · follow-up 2026-11-15' "its visit with the follow-up"
like "$out" 'Web nueva · To do · due 2026-11-20' "an open task with its due date"
like "$out" 'Ficha en mapas · Done' "a done task"
if printf '%s' "$out" | grep -q 'Perfil'; then r=1; else r=0; fi
ok $r "and nothing of another business"
is "$(vol show "$b" --json | json '" ".join(r["fields"].get("title", r["kind"]) for r in d["history"])')" \
	"visit Web nueva Ficha en mapas" "show --json gives the history, oldest first"

s=$(vol summary "$v" --format txt -o -)
like "$s" '- Web nueva: To do · due 20 November 2026' "the visit's summary lists the open task"
like "$s" 'La carta y el horario' "with its description"
like "$s" '- Ficha en mapas: Done' "and the done one, spelt otherwise"
if printf '%s' "$s" | grep -q 'No tasks recorded yet'; then r=1; else r=0; fi
ok $r "not \"No tasks recorded yet\""

a=$(vol agenda)
is "$(printf '%s\n' "$a" | cut -c1-31)" "2026-11-15  overdue   follow-up
2026-11-20  overdue   task due " "agenda: the overdue follow-up and due date, soonest first"
if printf '%s' "$a" | grep -q 'Ficha en mapas\|Perfil'; then r=1; else r=0; fi
ok $r "neither a done task nor one due later"
like "$(vol agenda --days 120)" 'Bar Plaza · Perfil' "--days takes what falls due later"
is "$(vol agenda --days 120 --json | json 'len(d), d[0]["when"], d[0]["overdue"]')" \
	"3 2026-11-15 yes" "agenda --json"
vol agenda --days -1 >/dev/null 2>&1
is $? 2 "--days -1: exit 2"
vol edit "$t1" status=done >/dev/null
is "$(vol agenda | wc -l)" 1 "a task done leaves the agenda"

is "$(vol report --csv | python3 -c 'import csv,sys; r=list(csv.DictReader(sys.stdin)); print(r[-1]["businesses"])')" 2 \
	"report counts two businesses for four records and four spellings"

done_testing
