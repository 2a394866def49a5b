#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Flags reach the author: at start the status bar says how many of her records a
# coordinator flagged, and a flagged record's view shows the comment at its top. The
# coordinator's `x` prompt names the record it flags.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v git >/dev/null || skip_all "git is not installed"
R="$T/shared.git"
git init -q --bare "$R" || skip_all "cannot create a bare repository"

mkvol ana ana --remote "$R"
ANA=$VCONF
a=$(vol add visit business="Panadería Las Eras" municipality=Almazán duration_min=600)
b=$(vol add visit business="Ferretería Gómez" municipality=Almazán duration_min=30)
c=$(vol add visit business="Bar Plaza" municipality=Almazán duration_min=30)
vol sync >/dev/null 2>&1
mkvol bea bea --remote "$R"
BEA=$VCONF
vol add visit business="Farmacia" municipality=Almazán >/dev/null
vol sync >/dev/null 2>&1
mkvol coord coord --role coordinator --remote "$R"
COORD=$VCONF
vol sync >/dev/null 2>&1
vol review "$a" --flag "¿600 minutos? Revisa la duración" >/dev/null
vol review "$b" --flag "Falta el teléfono" >/dev/null
vol review "$c" --flag "Nombre del bar" >/dev/null
vol review "$c" --ok >/dev/null
far=$(vol list --all --json | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["fields"]["business"] == "Farmacia"][0])')
vol review "$far" --flag "De otra persona" >/dev/null

# The coordinator's x names the record.
tui_start 80 24
wait_for 'Bar Plaza' || exit 1
keys R && wait_for '\[1 All\]' && keys 3 && wait_for '\[3 Flagged\]' || exit 1
keys g && keys x
wait_for '“(Panadería Las|Ferretería|Farmacia)[^”]*”: what to check\?'
ok $? "the x prompt names the record it flags"
keys Escape && keys q q
tui_wait_exit
vol sync >/dev/null 2>&1

VCONF=$ANA
vol sync >/dev/null 2>&1
tui_start 80 24
wait_for '2 records flagged for you'
ok $? "at start, the status bar counts her two flagged records (not the one cleared)"
keys 4 && wait_for 'Panadería Las Eras' || exit 1
# Newest first: Bar Plaza, Ferretería, Panadería.
keys g Down Down Enter && wait_for 'Visit · Panadería Las Eras' || exit 1
rows_are 4 '⚠ Flagged +¿600 minutos\? Revisa la duración \(coord, '
ok $? "the view's first line is the coordinator's comment, with who and when"
keys q q
tui_wait_exit
ok $? "the program leaves"
ok "$(tui_stderr_clean; echo $?)" "no sanitizer report"

VCONF=$BEA
vol sync >/dev/null 2>&1
tui_start 80 24
wait_for '1 record flagged for you'
ok $? "another volunteer sees only her own"
done_testing
