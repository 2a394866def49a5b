#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Business field of the visit form offers the programme's businesses as the name is
# typed: accents and case ignored, the volunteer's municipality first; Up and Down move,
# Enter picks one and the saved visit points at it (show --json); Esc closes the list and
# keeps the text; a name that matches none makes one business on save, and when the
# form's municipality is not the volunteer's a dialog asks where the business is.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v python3 >/dev/null || skip_all "python3 is not installed"
json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }

mkvol ana
ruiz=$(vol add business name='Panadería Hermanos Ruiz' municipality=Almazán)
alta=$(vol add business name='Panadería Alta' municipality=Soria)
vol add business name='Bar Plaza' municipality=Almazán >/dev/null
[ -n "$ruiz" ] && [ -n "$alta" ] || give_up "the businesses are added"
visits() { vol list --kind visit --json | json '"\n".join(r["id"] for r in d)'; }
business_of() { vol show "$1" --json | json 'd["fields"].get("business_id", "")'; }
businesses_named() {
	vol list --kind business --json | json 'sum(1 for r in d if r["fields"]["name"] == sys.argv[1])' "$1"
}

tui_start 80 24
tui_ready || give_up "the program starts"
keys n v && wait_for 'New visit' || give_up "n v opens the visit form"
typein panad && wait_for 'Panadería Alta'
ok $? "typing 'panad' offers the bakeries"
rows_are 6 'Panadería Hermanos Ruiz +Almazán' 7 'Panadería Alta +Soria'
ok $? "the one in the volunteer's municipality first, then the other"
if screen | grep -q 'Bar Plaza'; then r=1; else r=0; fi
ok $r "a business of another name is not offered"
keys Down && keys Up && keys Enter && wait_for '^▸Business \* +Panadería Hermanos Ruiz'
ok $? "Enter picks it: the field shows its name"
if screen | grep -q 'Panadería Alta'; then r=1; else r=0; fi
ok $r "and the list is gone"
keys F2 && wait_for 'Saved: Visit “Panadería Hermanos Ruiz”'
ok $? "the visit is saved"
keys q && tui_wait_exit
v1=$(visits)
is "$(business_of "$v1")" "$ruiz" "the saved visit has the picked business's id"

# Esc closes the list and keeps what was typed; a new name makes one business.
tui_start 80 24
tui_ready || give_up "the program starts again"
keys n v && wait_for 'New visit' || give_up "the form opens again"
typein 'BAR pla' && wait_for 'Bar Plaza +Almazán'
ok $? "case does not matter either"
no_list() { ! screen | grep -q 'Businesses ─'; }
keys Escape && wait_until no_list
ok $? "Esc closes the list"
rows_are 4 '^▸Business \* +BAR pla *$' 2 'New visit'
ok $? "and keeps the text in the form"
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace
typein 'Ferretería Nueva' && wait_until rows_are 4 'Ferretería Nueva'
keys F2 && wait_for 'Saved: Visit “Ferretería Nueva”'
ok $? "a visit with a new name is saved"
keys q && tui_wait_exit
is "$(businesses_named 'Ferretería Nueva')" 1 "one business of that name is made"
nv=$(visits | grep -vx "$v1")
nb=$(vol list --kind business --json | json '[r["id"] for r in d if r["fields"]["name"] == "Ferretería Nueva"][0]')
is "$(business_of "$nv")" "$nb" "the visit points at it"
is "$(vol show "$nb" --json | json 'd["fields"]["municipality"]')" "Almazán" \
	"in the form's municipality"

# In another municipality, the dialog asks where the new business is.
tui_start 80 24
tui_ready || give_up "the program starts a third time"
keys n v && wait_for 'New visit' || give_up "the form opens a third time"
typein 'Casa Rural El Olmo'
keys Tab Tab && wait_for '^▸Municipality'
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace && typein 'Soria'
keys F2 && wait_for 'New business “Casa Rural El Olmo”: in which municipality'
ok $? "saving asks in which municipality the new business is"
s=$(screen)
like "$s" 'Soria' "the form's municipality is offered"
like "$s" 'Almazán' "and the volunteer's"
keys Escape && wait_for 'Not saved yet'
ok $? "Esc leaves the question and saves nothing"
is "$(businesses_named 'Casa Rural El Olmo')" 0 "no business is made then"
keys F2 && wait_for 'in which municipality' && keys Down Enter &&
	wait_for 'Saved: Visit “Casa Rural El Olmo”'
ok $? "choosing the volunteer's saves the visit"
keys q && tui_wait_exit
is "$(businesses_named 'Casa Rural El Olmo')" 1 "one business is made"
is "$(vol list --kind business --json | json '[r["fields"]["municipality"] for r in d if r["fields"]["name"] == "Casa Rural El Olmo"][0]')" \
	"Almazán" "in the municipality chosen"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
