#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A business's page: Enter on a business of the Businesses tab shows its data and its
# history (a visit with its follow-up, a task with its status and due date),
# and nothing of another business; Enter on a history row opens that record; n then t
# starts a task already linked to the business, which is saved pointing at it.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v python3 >/dev/null || skip_all "python3 is not installed"
json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }

mkvol ana
b=$(vol add business name='Panadería Hermanos Ruiz' municipality=Almazán sector=food_drink \
	address='Calle Mayor 3')
v=$(vol add visit business='Panadería Hermanos Ruiz' date=2026-11-02 follow_up=2026-11-16)
t=$(vol add task business='panaderia hermanos ruiz' title='Web nueva' date=2026-11-03 \
	due=2026-11-20)
vol add task business='Bar Plaza' title='Perfil del bar' date=2026-11-04 >/dev/null
[ -n "$b" ] && [ -n "$v" ] && [ -n "$t" ] || give_up "the records are added"

tui_start 80 24
tui_ready || give_up "the program starts"
keys 5 && wait_for '\[5 Businesses\]' || give_up "the Businesses tab"
wait_for 'Panadería Hermanos Ruiz' || give_up "the business is listed"
# The list is newest first; find the bakery's row and open it.
row=$(screen | grep -n 'Panadería Hermanos Ruiz' | head -1 | cut -d: -f1)
keys g && i=4 && while [ "$i" -lt "$row" ]; do keys Down; i=$((i + 1)); done
keys Enter && wait_for 'History: 2 records'
ok $? "Enter opens the business's page with its history"
s=$(screen)
like "$(printf '%s\n' "$s" | sed -n 2p)" 'Business · Panadería Hermanos Ruiz' "its name is the title"
like "$s" 'Sector +Food and drink' "its data are shown"
like "$s" 'Address +Calle Mayor 3' "all of them"
like "$s" '2026-11-02 +Visit +follow-up 2026-11-16' "the visit, with its follow-up"
like "$s" '2026-11-03 +Task · Web nueva +To do · due 2026-11-20' "the task, with its status and due date"
if printf '%s' "$s" | grep -q 'Perfil del bar'; then r=1; else r=0; fi
ok $r "nothing of another business"
rows_are 24 '^Enter open  n new visit or task' 1 '^ Rural Digital'
ok $? "at 80x24 the bars stay in place around the page"

keys Down && keys Enter && wait_for '^ Title +Web nueva'
ok $? "Enter on a history row opens that record"
keys Escape && wait_for 'History: 2 records' || give_up "Esc goes back to the page"

keys n && wait_for 'v visit · t task' && keys t && wait_for 'New task'
ok $? "n then t starts a task"
rows_are 4 '^▸Business \* +Panadería Hermanos Ruiz'
ok $? "with the business filled in"
keys Tab && typein 'Ficha en mapas' && wait_for 'Ficha en mapas'
keys F2 && wait_for 'History: 3 records'
ok $? "saved, it is on the business's page at once"
like "$(screen)" 'Task · Ficha en mapas' "the new task is in the history"
keys Escape && wait_for '^n new'
keys q && tui_wait_exit
nt=$(vol list --kind task --json | json '[r["id"] for r in d if r["fields"].get("title") == "Ficha en mapas"][0]')
is "$(vol show "$nt" --json | json 'd["fields"]["business_id"]')" "$b" "the new task points at the business"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
