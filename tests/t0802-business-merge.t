#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two businesses that turn out to be one: `volunteer business merge ID INTO-ID` moves the
# visits and tasks (anyone's) to the survivor and leaves a tombstone that points at it;
# the merge travels by sync, and a laptop that still links to the old id follows the
# pointer. A merge into itself, into a tombstone or of a record that is no business is
# refused with exit 2 and changes nothing.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"
R="$T/remote.git"
git init -q --bare "$R" || give_up "a bare repository can be created"

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
field() { vol show "$1" --json | json "d['fields'].get('$2', '')"; }

mkvol ana ana --remote "$R" --municipality Almazán
ANA=$VCONF
mkvol bea bea --remote "$R" --municipality Almazán
BEA=$VCONF

# Offline, each laptop makes "the same" business.
VCONF=$ANA
va=$(vol add visit business="Panadería Hermanos Ruiz")
ba=$(field "$va" business_id)
VCONF=$BEA
vb=$(vol add visit business="Panaderia Hnos. Ruiz")
tb=$(vol add task business="Panaderia Hnos. Ruiz" title="Ficha en mapas")
bb=$(field "$vb" business_id)
VCONF=$ANA; vol sync >/dev/null
VCONF=$BEA; vol sync >/dev/null
VCONF=$ANA; vol sync >/dev/null
is "$(vol list --kind business --all --count)" 2 "two laptops made two records of one business: both appear"

out=$(vol business merge "$ba" "$ba" 2>&1); rc=$?
is $rc 2 "a merge into itself: exit 2"
like "$out" 'INTO-ID: a business cannot be merged into itself' "the message says why"
out=$(vol business merge "$va" "$ba" 2>&1); rc=$?
is $rc 2 "a visit is no business to merge: exit 2"
like "$out" '^volunteer: ID: .* is a visit, not a business' "the message names the argument"
out=$(vol business merge "$bb" 01a2b3c4-0000-7000-8000-000000000000 2>&1); rc=$?
is $rc 2 "into an unknown id: exit 2"
like "$out" 'INTO-ID: no business' "named"
out=$(vol business merge "$bb" 2>&1); rc=$?
is $rc 2 "one id only: exit 2"
is "$(vol status --json | json 'd["unsynced"]')" 0 "the refused merges changed nothing"

is "$(vol business merge "$bb" "$ba")" "merged: 2 records moved" "bea's business merges into ana's"
is "$(field "$vb" business_id) $(field "$tb" business_id)" "$ba $ba" "bea's visit and task point at the survivor"
is "$(field "$vb" business)" "Panadería Hermanos Ruiz" "and show its name"
is "$(vol show "$bb" --json | json 'd["deleted"], d["fields"]["merged_into"]')" "True $ba" \
	"the other is a tombstone that points at the survivor"
is "$(vol list --kind business --all --count)" 1 "one business is left"
out=$(vol business merge "$ba" "$bb" 2>&1); rc=$?
is $rc 2 "a merge into a tombstone: exit 2"
like "$out" 'INTO-ID: business .* was merged into another' "it says so"
v2=$(vol add visit business_id="$bb")
is "$(field "$v2" business_id)" "$ba" "a business_id of the merged business follows the pointer"

# Bea, offline, logs another visit at the old business; then both sync.
VCONF=$BEA
vc=$(vol add visit business_id="$bb" findings="Sin web")
is "$(field "$vc" business_id)" "$bb" "bea links offline to the id she knows"
VCONF=$ANA; vol sync >/dev/null
VCONF=$BEA
is "$(vol sync | sed 's/sent [0-9]*, //')" "received 4, conflicts 0" "the merge travels by sync like any edit"
is "$(vol list --kind business --all --count)" 1 "bea's laptop shows one business"
is "$(vol show "$vb" --json | json 'd["fields"]["business_id"]')" "$ba" "her visit moved to the survivor"
db=$T/bea/data/volunteer.db
is "$(sqlite3 "$db" "SELECT business_id FROM record WHERE id = '$vc'")" "$ba" \
	"the visit she linked to the old id follows the pointer"
VCONF=$ANA; vol sync >/dev/null
is "$(sqlite3 "$T/ana/data/volunteer.db" "SELECT business_id FROM record WHERE id = '$vc'")" "$ba" \
	"and so it does where it arrives"

done_testing
