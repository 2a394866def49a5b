#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The business registry on the command line: a visit or a task links to the business of
# its name in its municipality (accents, case and punctuation ignored), a new one is made
# when none matches, several matches exit 2 listing them; business_id= picks one and an
# unknown one is named; a name with no letter is refused; businesses sync as records at
# records/business/<yyyy>/<mm>/<dd>/<id>.json and their contact data obeys consent.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
R="$T/remote.git"
git init -q --bare "$R" || give_up "a bare repository can be created"

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
field() { vol show "$1" --json | json "d['fields'].get('$2', '')"; }
businesses() { vol list --kind business --all --count; }

mkvol ana ana --remote "$R" --municipality Almazán
ANA=$VCONF

v1=$(vol add visit business="Panadería Hermanos Ruiz" date=2026-11-20)
ok $? "a visit to a new business is saved"
b1=$(field "$v1" business_id)
like "$b1" '^[0-9a-f]{8}-[0-9a-f]{4}-7' "it points at a business by id"
is "$(vol show "$b1" --json | json 'd["kind"], d["fields"]["name"], d["fields"]["municipality"]')" \
	"business Panadería Hermanos Ruiz Almazán" "the business was made, in the visit's municipality"
t1=$(vol add task business="PANADERIA hermanos, ruiz" title="Web nueva")
is "$(field "$t1" business_id)" "$b1" "a task typed without accents, in capitals, with a comma: the same business"
is "$(field "$t1" business)" "Panadería Hermanos Ruiz" "and it shows the business's name as the registry spells it"
is "$(businesses)" 1 "one business for the three spellings so far"
is "$(vol list --count)" 2 "the list is the work logged: the business is not a row of it"

v2=$(vol add visit business="Panadería Hermanos Ruiz" municipality=Berlanga)
b2=$(field "$v2" business_id)
ok $([ -n "$b2" ] && [ "$b2" != "$b1" ]; echo $?) "the same name in another municipality is another business"

# Two businesses of one name in one municipality (two laptops, or a typed duplicate).
b3=$(vol add business name="Panaderia Hermanos Ruiz" municipality=Almazán)
ok $? "a business can be added by hand"
out=$(vol add visit business="panadería hermanos ruiz" 2>&1 >/dev/null); rc=$?
is $rc 2 "two matches: exit 2"
like "$out" "$b1  Panadería Hermanos Ruiz  Almazán" "the message lists the first, id name municipality"
like "$out" "$b3  Panaderia Hermanos Ruiz  Almazán" "and the second"
like "$out" 'business_id=' "and says how to pick one"
n=$(vol list --count)
v3=$(vol add visit business="panadería hermanos ruiz" business_id="$b3")
is "$(field "$v3" business_id) $(field "$v3" business)" "$b3 Panaderia Hermanos Ruiz" "business_id= picks one"
v4=$(vol add visit business_id="$b1")
is "$(field "$v4" business)" "Panadería Hermanos Ruiz" "business_id= alone gives the name"

out=$(vol add visit business_id=01a2b3c4-0000-7000-8000-000000000000 2>&1); rc=$?
is $rc 2 "an unknown business_id: exit 2"
like "$out" 'business_id: no business 01a2b3c4-0000-7000-8000-000000000000' "the message names it"
out=$(vol add task title=X business_id="$v1" 2>&1); rc=$?
is $rc 2 "a business_id that is a visit: exit 2"
like "$out" 'is a visit, not a business' "and it says so"
before=$(vol list --count)
out=$(vol add visit business="...!" 2>&1); rc=$?
is $rc 2 "a business name of punctuation only: exit 2"
like "$out" "business: a business's name needs a letter or a digit" "the message names the field"
out=$(vol add business name=" -- " municipality=Almazán 2>&1); rc=$?
is "$rc $(businesses)" "2 3" "a business whose name has no letter is refused, and none is made"
like "$out" '^volunteer: name: ' "naming its field"
out=$(vol add business municipality=Almazán 2>&1); rc=$?
is $rc 2 "a business without a name is refused"
is "$(vol list --count)" "$before" "the refused adds changed nothing"

# An edit that renames the business of a task links it anew; one that keeps it, keeps it.
vol edit "$t1" title="Web de la panadería" >/dev/null
is "$(field "$t1" business_id)" "$b1" "an edit of another field keeps the link"
vol edit "$t1" business="Bar Plaza" >/dev/null
b4=$(field "$t1" business_id)
ok $([ -n "$b4" ] && [ "$b4" != "$b1" ]; echo $?) "a new name links to (here: makes) that business"
is "$(vol show "$b4" --json | json 'd["fields"]["name"]')" "Bar Plaza" "named as typed"
vol edit "$b4" web=https://barplaza.example >/dev/null
ok $? "a business is edited like any record"

# Contact data of a business obeys consent; businesses travel as records.
b5=$(vol add business name="Quesería La Vega" municipality=Almazán contact_name="Pepe Ruiz" \
	contact_phone=600111222 consent=no)
b6=$(vol add business name="Hostal El Cruce" municipality=Almazán contact_name="Luisa Gil" consent=yes)
is "$(vol sync)" "sent 11, received 0, conflicts 0" "the sync sends the visits, the tasks and the businesses"
path=$(git --git-dir="$R" ls-tree -r --name-only main -- records/business/ | grep "$b1")
day=$(python3 -c "import sys; from datetime import datetime, timezone; u=sys.argv[1].replace('-', ''); print(datetime.fromtimestamp(int(u[:12], 16) / 1000, timezone.utc).strftime('%Y/%m/%d'))" "$b1")
is "$path" "records/business/$day/$b1.json" "a business lives at records/business/<yyyy>/<mm>/<dd>/<id>.json"
is "$(git --git-dir="$R" ls-tree -r --name-only main -- records/business/ | wc -l)" 6 "all six businesses are there"
f5=$(git --git-dir="$R" show "main:$(git --git-dir="$R" ls-tree -r --name-only main -- records/business/ | grep "$b5")")
if printf '%s' "$f5" | grep -q 'Pepe\|600111222'; then r=1; else r=0; fi
ok $r "a business's contact without consent stays on the laptop"
like "$(git --git-dir="$R" show "main:$(git --git-dir="$R" ls-tree -r --name-only main -- records/business/ | grep "$b6")")" \
	'Luisa Gil' "with consent it is shared"

mkvol bea bea --remote "$R" --municipality Almazán
vol sync >/dev/null
is "$(businesses)" 6 "another laptop receives the businesses"
v5=$(vol add visit business="Quesería la vega")
is "$(field "$v5" business_id)" "$b5" "and links its own visit to the one it received"

done_testing
