#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A coordinator settles a same-field clash in the terminal UI. The Conflicts tab of the
# review screen (R, 4) and the record's view show which field differed, both values, who
# wrote each and when; `t` takes the losing version, `c` keeps the shown one. After the
# syncs no laptop shows the conflict.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v git >/dev/null || skip_all "git is not installed"
R="$T/shared.git"
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

VCONF=$ANA
x=$(vol add visit business="Panadería Las Eras" municipality=Almazán findings="base" \
	duration_min=30)
y=$(vol add visit business="Ferretería Gómez" municipality=Almazán findings="base" \
	duration_min=30)
vol add workshop title="Videollamadas" municipality=Almazán attendees=12 >/dev/null
vol sync >/dev/null
VCONF=$BEA
vol add workshop title="Banca online" municipality=Almazán attendees=9 >/dev/null
vol sync >/dev/null
# A laptop's owner is known from the records made on it and never edited: the edits
# below must be later than those, to the second.
sleep 1
VCONF=$ANA; vol edit "$x" findings="Horno de leña" >/dev/null
vol edit "$y" findings="Abre los domingos" >/dev/null; vol sync >/dev/null 2>&1
VCONF=$BEA; vol edit "$x" findings="Horno eléctrico" >/dev/null
vol edit "$y" findings="Cierra los lunes" >/dev/null; vol sync >/dev/null 2>&1
VCONF=$ANA; vol sync >/dev/null 2>&1
VCONF=$COORD; vol sync >/dev/null 2>&1
is "$(conflict "$x") $(conflict "$y")" "True True" "the coordinator receives two clashes"
shown=$(field "$x" findings)
if [ "$shown" = "Horno de leña" ]; then lost="Horno eléctrico" sw=ana lw=bea
else lost="Horno de leña" sw=bea lw=ana; fi
shown_y=$(field "$y" findings)

tui_start 100 30
wait_for 'Panadería Las Eras' || exit 1
keys R && wait_for '\[1 All\]' && keys 4 && wait_for '\[4 Conflicts\]' || exit 1
keys g
wait_for 'shown: ' || exit 1
like "$(screen)" 'c keep shown +t take lost' "the Conflicts tab names the keys that settle"
# The newest first: Ferretería, then Panadería, whose clash the preview shows below.
keys Down && wait_for "shown: $shown" || exit 1
s=$(screen)
like "$s" 'Findings' "which field differed"
like "$s" "shown: $shown · $sw · [0-9/-]{10} [0-9]{2}:[0-9]{2}" \
	"the shown value, who wrote it and when"
like "$s" "lost: $lost · $lw · [0-9/-]{10} [0-9]{2}:[0-9]{2}" \
	"the losing value, who wrote it and when"

keys Enter && wait_for 'Visit · Panadería Las Eras' && wait_for 'c keep shown' || exit 1
s=$(screen)
like "$s" "⚠ Findings +shown: $shown · $sw" "the record's view shows the shown side"
like "$s" "lost: $lost · $lw" "and the losing side, with who and when"
keys t && wait_for 'Take the losing version' && keys y
wait_for 'the losing version is taken' || exit 1
ok 0 "t takes the losing version, after asking"
if screen | grep -q 'lost: '; then r=1; else r=0; fi
ok $r "the view no longer shows a conflict"
keys Escape && wait_for '\[4 Conflicts\]' && wait_for 'Ferretería Gómez' || exit 1
keys Enter && wait_for "shown: $shown_y" || exit 1
keys c && wait_for 'Keep the shown version of “Ferretería Gómez”' && keys y
wait_for 'the shown version stays' || exit 1
ok 0 "c keeps the shown version, after asking"
keys Escape && wait_for '\[4 Conflicts\]' && wait_for 'Nothing matches'
ok $? "the Conflicts tab is empty"
keys q q
tui_wait_exit
ok $? "the program leaves"
ok "$(tui_stderr_clean; echo $?)" "no sanitizer report"

VCONF=$COORD
is "$(field "$x" findings) / $(field "$y" findings)" "$lost / $shown_y" \
	"the coordinator holds the taken and the kept values"
for v in $COORD $ANA $BEA $ANA; do VCONF=$v; vol sync >/dev/null 2>&1; done
for v in $ANA $BEA $COORD; do
	VCONF=$v
	name=$(basename "$(dirname "$v")")
	is "$(vol list --all --conflicts | wc -l)" 0 "$name: no conflict after the syncs"
	is "$(field "$x" findings)" "$lost" "$name: the taken value"
done
done_testing
