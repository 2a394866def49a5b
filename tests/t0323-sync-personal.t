#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Personal data leaves the laptop only with consent, by one rule (forms/personal.h) for the
# shared repository and the exports alike: a contact_ field that no form flags (here
# contact_address) is personal too. It used to be kept out of an export but pushed.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
R="$T/remote.git"
git init -q --bare "$R" || { echo "not ok 1 - cannot create a bare repository"; exit 1; }

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
pushed() { git --git-dir="$R" show "main:$(git --git-dir="$R" ls-tree -r --name-only main -- \
	records/ | grep "$1")"; }

# A coordinator's visit form that adds an address and forgets `personal = yes`.
mkvol ana ana --remote "$R"
mkdir -p "$T/ana/data/forms"
cp "$TOP/forms/visit.ini" "$T/ana/data/forms/visit.ini"
printf '\n[contact_address]\ntype = text\nlabel = Address\n' >>"$T/ana/data/forms/visit.ini"
like "$(vol forms visit)" "contact_address" "the form with an unflagged contact_address is in use"
no=$(vol add visit business="Bar Plaza" municipality=Almazán consent=no \
	contact_address="Calle Mayor 3" contact_name="Luisa Gil" findings="Sin web")
ok $? "a visit without consent, with an unflagged contact_address"
yes=$(vol add visit business="Panadería" municipality=Almazán consent=yes \
	contact_address="Plaza 1" contact_name="Pepe Ruiz")
ok $? "a visit with consent"
vol sync >/dev/null
ok $? "the sync"

file=$(pushed "$no")
ok $? "the record without consent is in the shared repository"
is "$(printf '%s' "$file" | json '"contact_address" in d["fields"], "contact_name" in d["fields"], d["fields"]["findings"]')" \
	"False False Sin web" "its pushed file has no contact_address nor contact_name"
ok "$(! printf '%s' "$file" | grep -q "Calle Mayor"; echo $?)" "the address is nowhere in it"
is "$(pushed "$yes" | json 'd["fields"].get("contact_address")')" "Plaza 1" \
	"with consent, the address is pushed"
is "$(vol show "$no" --json | json 'd["fields"].get("contact_address")')" "Calle Mayor 3" \
	"the laptop keeps the address"

vol export --csv -o "$T/all.csv"
ok $? "export --csv"
ok "$(! grep -q "Calle Mayor\|Luisa Gil" "$T/all.csv"; echo $?)" \
	"the CSV has no contact data without consent"
ok "$(grep -q "Plaza 1" "$T/all.csv"; echo $?)" "the CSV has the consented address"
vol export --json -o "$T/all.json"
ok $? "export --json"
is "$(json '[r["fields"].get("contact_address") for r in sorted(d, key=lambda r: r["fields"]["business"])]' <"$T/all.json")" \
	"[None, 'Plaza 1']" "the JSON has the address only with consent"

# Another laptop never sees it either.
mkvol bea bea --remote "$R"
vol sync >/dev/null
ok $? "a second laptop syncs"
is "$(vol show "$no" --json | json 'd["fields"].get("contact_address")')" "None" \
	"and has no address for the record without consent"
done_testing
