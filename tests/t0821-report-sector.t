#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Figures count businesses, not spellings: three spellings of one bakery are one business
# helped, visited and with web work, per municipality and per sector (`report --by
# sector`, the business's own sector whatever each record says); and the figures screen
# shows the same by sector.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

command -v python3 >/dev/null || skip_all "python3 is not installed"
json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
# The row of group $1 of `report --csv $2...` as "businesses visited web".
row() {
	_g=$1; shift
	vol report --csv "$@" | python3 -c 'import csv,sys
for r in csv.DictReader(sys.stdin):
    if r[sys.argv[2]] == sys.argv[1]:
        print(r["businesses"], r["businesses_visited"], r["businesses_web"])' "$_g" "$by"
}

mkvol ana
v=$(vol add visit business="Panadería Hermanos Ruiz" municipality=Almazán sector=retail \
	date=2026-11-01)
vol add task business="panaderia hermanos ruiz" municipality=Almazán title="Web nueva" \
	date=2026-11-02 >/dev/null
vol add task business="PANADERÍA HERMANOS, RUIZ" municipality=Almazán title="Ficha" \
	date=2026-11-03 status=done >/dev/null
b=$(vol show "$v" --json | json 'd["fields"]["business_id"]')
vol edit "$b" sector=food_drink >/dev/null
vol add visit business="Bar Plaza" municipality=Almazán date=2026-11-04 >/dev/null
vol edit "$(vol show "$(vol list --kind business --json | json '[r["id"] for r in d if r["fields"]["name"] == "Bar Plaza"][0]')" --json | json 'd["id"]')" \
	sector=hospitality >/dev/null
vol add task business="Quesería La Vega" municipality=Soria title="Tienda" \
	date=2026-11-05 >/dev/null
vol edit "$(vol list --kind business --json | json '[r["id"] for r in d if r["fields"]["name"] == "Quesería La Vega"][0]')" \
	sector=food_drink >/dev/null
vol add workshop title="Banca" municipality=Soria date=2026-11-06 attendees=8 >/dev/null

by=municipality
is "$(row Almazán)" "2 2 1" "Almazán: two businesses helped, two visited, one with web work"
is "$(row Soria)" "1 0 1" "Soria: the cheese shop, with web work only"
is "$(row total)" "3 2 2" "the total counts the bakery once for three spellings"
by=sector
is "$(row food_drink --by sector)" "2 1 2" \
	"--by sector: the bakery by its business's sector, whatever the visit says, and the cheese shop"
is "$(row hospitality --by sector)" "1 1 0" "the bar"
is "$(row retail --by sector)" "" "no group from a visit's own sector when its business has one"
is "$(row total --by sector)" "3 2 2" "the same total"
out=$(vol report --by sector)
like "$out" '^Sector +Visits +Businesses +Visited +With web work' "the table's header"
like "$out" 'Food and drink +1 +2 +1 +2' "a sector by its label"
vol report --by kind >/dev/null 2>"$T/err.txt"
is $? 2 "--by kind: exit 2"
like "$(cat "$T/err.txt")" "month or sector" "the message lists sector"

locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$' || give_up "the es_ES.UTF-8 locale is not generated"
tui_start 100 24 LANG=es_ES.UTF-8 LC_ALL= LC_MESSAGES=
wait_for 'Panadería' || exit 1
keys F
wait_for 'Municipio' || exit 1
keys b b b
wait_for 'Alimentación y bebidas' && s=$(screen)
ok $? "b b b on the figures: by sector, with its labels"
like "$s" 'Alimentación y bebidas +1 +2 +1 +2' "the bakery and the cheese shop"
like "$s" 'Hostelería +1 +1 +1 +0' "the bar"
like "$s" 'Visitados' "a column of businesses visited"
keys Escape q && tui_wait_exit
tui_stderr_clean
done_testing
