#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One record edited on two laptops before either synced. Different fields: both edits
# survive, no conflict. The same field: the side with the higher (rev, updated, device)
# wins on every machine whichever synced first, the other version is kept whole under
# conflicts/<id>/<rev>-<device>.json, and the record is flagged everywhere.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
R="$T/remote.git"
git init -q --bare "$R" || skip_all "cannot create a bare repository"

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
field() { vol show "$1" --json | json 'd["fields"].get(sys.argv[1], "(unset)")' "$2"; }
meta() { vol show "$1" --json | json 'json.dumps([d["rev"], d["updated"], d["device"], d["fields"].get("findings")])'; }

mkvol ana ana --remote "$R"
ANA=$VCONF
mkvol bea bea --remote "$R"
BEA=$VCONF

VCONF=$ANA
x=$(vol add visit business="Panadería" municipality=Almazán findings="base" duration_min=30)
y=$(vol add visit business="Ferretería" municipality=Almazán findings="base" duration_min=30)
z=$(vol add visit business="Farmacia" municipality=Almazán findings="base" duration_min=30)
vol sync >/dev/null
VCONF=$BEA
vol sync >/dev/null
is "$(vol list --all | wc -l)" 3 "both laptops start from the same three records"

# -- different fields of x: both survive
VCONF=$ANA
vol edit "$x" duration_min=45 >/dev/null
VCONF=$BEA
vol edit "$x" next_steps="Llamar en enero" >/dev/null
VCONF=$ANA
vol sync >/dev/null
VCONF=$BEA
is "$(vol sync)" "sent 1, received 1, conflicts 0" "bea merges ana's edit of another field"
VCONF=$ANA
vol sync >/dev/null
for v in $ANA $BEA; do
	VCONF=$v
	is "$(field "$x" duration_min) / $(field "$x" next_steps)" "45 / Llamar en enero" \
		"$(basename "$(dirname "$v")"): both edits survive"
	is "$(vol show "$x" --json | json 'd["conflict"]')" "False" \
		"$(basename "$(dirname "$v")"): no conflict"
done
is "$(git --git-dir="$R" ls-tree -r --name-only main -- conflicts/ | wc -l)" 0 \
	"nothing under conflicts/"

# -- the same field of y (and each side also changes a field of its own)
VCONF=$ANA
vol edit "$y" findings="Según Ana" duration_min=50 >/dev/null
ya=$(meta "$y")
sleep 1
VCONF=$BEA
vol edit "$y" findings="Según Bea" next_steps="Volver" >/dev/null
yb=$(meta "$y")
# the expected winner: the higher (rev, updated, device)
win=$(python3 -c 'import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); print(max(a, b, key=lambda m: (m[0], m[1], m[2].encode()))[3])' "$ya" "$yb")
lose=$(python3 -c 'import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); w=max(a, b, key=lambda m: (m[0], m[1], m[2].encode())); l=b if w is a else a; print("%d-%s" % (l[0], l[2]))' "$ya" "$yb")
VCONF=$ANA
vol sync >/dev/null
VCONF=$BEA
is "$(vol sync 2>/dev/null)" "sent 1, received 1, conflicts 1" "bea's sync finds the conflict"
VCONF=$ANA
is "$(vol sync 2>/dev/null)" "sent 0, received 1, conflicts 1" "ana receives the result, flagged"
for v in $ANA $BEA; do
	VCONF=$v
	name=$(basename "$(dirname "$v")")
	is "$(field "$y" findings)" "$win" "$name: the same winner ($win)"
	is "$(field "$y" duration_min) / $(field "$y" next_steps)" "50 / Volver" \
		"$name: the fields changed on one side only survive"
	is "$(vol show "$y" --json | json 'd["conflict"]')" "True" "$name: the record is flagged"
	like "$(vol list --all --conflicts)" "Ferretería" "$name: list --conflicts shows it"
done
is "$(git --git-dir="$R" ls-tree -r --name-only main -- conflicts/)" \
	"conflicts/$y/$lose.json" "the loser is kept under conflicts/<id>/<rev>-<device>.json"
loser_findings=$(git --git-dir="$R" show "main:conflicts/$y/$lose.json" | json 'd["fields"]["findings"]')
ok "$([ "$loser_findings" != "$win" ] && [ -n "$loser_findings" ]; echo $?)" \
	"the conflict file holds the losing version whole ($loser_findings)"
is "$(git --git-dir="$R" ls-tree -r --name-only main -- records/ | grep -c "$y")" 1 \
	"the record itself is still one file"

# -- z: the same race, synced in the other order, gives the winner by the same rule
VCONF=$BEA
vol edit "$z" findings="Bea primero" >/dev/null
zb=$(meta "$z")
sleep 1
VCONF=$ANA
vol edit "$z" findings="Ana después" >/dev/null
za=$(meta "$z")
win=$(python3 -c 'import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); print(max(a, b, key=lambda m: (m[0], m[1], m[2].encode()))[3])' "$za" "$zb")
VCONF=$BEA
vol sync >/dev/null 2>&1
VCONF=$ANA
vol sync >/dev/null 2>&1
VCONF=$BEA
vol sync >/dev/null 2>&1
for v in $ANA $BEA; do
	VCONF=$v
	is "$(field "$z" findings)" "$win" "$(basename "$(dirname "$v")"): the winner by (rev, updated, device), not by who synced first"
done
is "$(git --git-dir="$R" ls-tree -r --name-only main -- "conflicts/$z/" | wc -l)" 1 \
	"the other version is kept"

# -- the converged state is quiet
for v in $ANA $BEA; do
	VCONF=$v
	is "$(vol sync 2>/dev/null)" "sent 0, received 0, conflicts 0" \
		"$(basename "$(dirname "$v")"): nothing more to exchange"
done
git --git-dir="$R" fsck --strict >/dev/null 2>&1
ok $? "git fsck is clean"

done_testing
