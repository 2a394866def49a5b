#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A same-field clash between two laptops, settled by the coordinator on the command line:
# `review --resolve` keeps the shown version, `--resolve --take` the losing one. The
# resolution travels by sync and clears the mark on every laptop; a whole-tree comparison
# (a history rewrite) that reads the losing file again does not flag it anew.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
R="$T/remote.git"
git init -q --bare "$R" || skip_all "cannot create a bare repository"

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
conflict() { vol show "$1" --json | json 'd["conflict"]'; }
field() { vol show "$1" --json | json 'd["fields"].get(sys.argv[1], "(unset)")' "$2"; }

mkvol ana ana --remote "$R"
ANA=$VCONF
mkvol bea bea --remote "$R"
BEA=$VCONF
mkvol coord coord --role coordinator --remote "$R"
COORD=$VCONF

# clash ID: ana and bea change the findings of ID before either syncs; everyone syncs.
clash() {
	VCONF=$ANA; vol edit "$1" findings="Según Ana $2" >/dev/null; vol sync >/dev/null 2>&1
	VCONF=$BEA; vol edit "$1" findings="Según Bea $2" >/dev/null; vol sync >/dev/null 2>&1
	for v in $ANA $COORD; do VCONF=$v; vol sync >/dev/null 2>&1; done
}
sync_all() { for v in $COORD $ANA $BEA $ANA; do VCONF=$v; vol sync >/dev/null 2>&1; done; }

VCONF=$ANA
x=$(vol add visit business="Panadería" municipality=Almazán findings="base" duration_min=30)
y=$(vol add visit business="Ferretería" municipality=Almazán findings="base" duration_min=30)
vol sync >/dev/null
VCONF=$BEA; vol sync >/dev/null

# -- keep the shown version
clash "$x" 1
for v in $ANA $BEA $COORD; do
	VCONF=$v
	is "$(conflict "$x")" True "$(basename "$(dirname "$v")"): the clash is flagged"
done
VCONF=$COORD
shown=$(field "$x" findings)
rv=$(vol review "$x" --resolve --comment "Me quedo con esta")
ok $? "the coordinator resolves it, keeping the shown version"
is "$(conflict "$x")" False "the mark is gone on the coordinator's laptop"
sync_all
for v in $ANA $BEA; do
	VCONF=$v
	name=$(basename "$(dirname "$v")")
	is "$(conflict "$x")" False "$name: the resolution that came by sync clears the mark"
	is "$(vol list --all --conflicts | wc -l)" 0 "$name: list --conflicts is empty"
	is "$(field "$x" findings)" "$shown" "$name: the shown version stays"
	is "$(vol show "$x" --json | json 'd["reviews"][-1]["comment"]')" \
		"conflict resolved: Me quedo con esta" "$name: with the coordinator's review"
done

# -- take the losing version
clash "$y" 2
VCONF=$COORD
is "$(conflict "$y")" True "a second clash is flagged"
shown=$(field "$y" findings)
file=$(git --git-dir="$R" ls-tree -r --name-only main -- "conflicts/$y/")
git --git-dir="$R" show "main:$file" >"$T/lost.json"
lost=$(json 'd["fields"]["findings"]' <"$T/lost.json")
ok "$([ "$lost" != "$shown" ]; echo $?)" "the losing version differs from the shown one"
vol review "$y" --resolve --take "$T/lost.json" >/dev/null
ok $? "the coordinator takes the losing version"
sync_all
for v in $ANA $BEA $COORD; do
	VCONF=$v
	name=$(basename "$(dirname "$v")")
	is "$(conflict "$y") / $(field "$y" findings)" "False / $lost" \
		"$name: no conflict, the losing text is the record's now"
done

# -- a history rewrite makes a laptop read every file again: the settled clash stays
git --git-dir="$R" update-ref refs/heads/main "$(git --git-dir="$R" rev-parse main~1)"
VCONF=$BEA
vol sync >/dev/null 2>&1
ok $? "bea syncs after the remote lost its last commit"
is "$(conflict "$x") $(conflict "$y")" "False False" \
	"reading the losing files again does not flag the settled records"

done_testing
