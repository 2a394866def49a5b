#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The screens at 80x24 under the pseudo-locale (every msgstr of po/es.po wrapped in ⟦ ⟧):
# the list, the new-visit form, a refused save, the detail view, the help, the figures, the
# review list, a failed sync and the first start carry the markers on every line a person reads. Data the
# test typed, the programme and volunteer names and the form labels (label.es, a mechanism
# of their own) are left out of the check.
. "${0%/*}/lib.sh"
. "${0%/*}/pseudo-lib.sh"
pseudo_catalogue
. "${0%/*}/tui-lib.sh"

mkvol ana ana --role coordinator
vol add visit business='Panadería Zeta' municipality=Soria date=2026-11-20 >/dev/null ||
	give_up "a visit can be added"
vol add workshop title='Videollamadas Zeta' municipality=Soria attendees=12 \
    date=2026-11-19 >/dev/null || give_up "a workshop can be added"
LABELS=$(sed -n 's/^label\.es *= *//p; s/^title\.es *= *//p; s/^help\.es *= *//p' \
    "$TOP"/forms/*.ini | awk '{ print length, $0 }' | sort -rn | cut -d' ' -f2- |
    sed 's/[][\\.*+?(){}|^$]/\\&/g' | paste -sd'|')
# (longest first: "Nombre" must not match the start of a help text and leave the rest)
# The data: what the test typed, the names from the config, dates, the form labels.
DATA="Alm[[:alpha:]]*|Panadería Zeta|Videollamadas Zeta|Soria|Almazán|Rural Digital|Volunteer ana|\\bana\\b|$LABELS"

tui_start 80 24
wait_for 'Panadería Zeta' || give_up "the list shows the records"
pseudo_check "the list" "$(screen)" "$DATA"

keys n && wait_for 'v .*t .*w '

pseudo_check "the new-record menu" "$(screen)" "$DATA"
keys v && wait_for '^ ?▸'
pseudo_check "the new-visit form" "$(screen)" "$DATA"
keys F2 && wait_for '⚠'
pseudo_check "a refused save" "$(screen)" "$DATA"
keys Escape && sleep 0.3
s=$(screen)
case $s in *'Panadería Zeta'*) ;; *) keys Escape; sleep 0.3 ;; esac
wait_for 'Panadería Zeta' || give_up "back to the list"

keys Enter && wait_for 'vm-'
pseudo_check "the detail view" "$(screen)" "$DATA|20/11/2026"
keys Escape && wait_for 'Panadería Zeta'

keys '?' && wait_for '↑ ↓ j k'
pseudo_check "the help" "$(screen)" "$DATA"
keys Escape && wait_for 'Panadería Zeta'

keys F && wait_for 'Total'
pseudo_check "the figures" "$(screen)" "$DATA"
keys Escape && wait_for 'Panadería Zeta'

keys R && wait_for '^ \[1 '
pseudo_check "the review list" "$(screen)" "$DATA|20/11/2026|19/11/2026"
keys Escape && wait_for 'Panadería Zeta'

keys s && wait_for 'remote = '
pseudo_check "a sync without a remote" "$(screen)" "$DATA"
keys Escape && wait_for 'Panadería Zeta'
keys q && tui_wait_exit

# The first start, without a config: the settings form and its refusal of a bad id.
VCONF="$T/first/volunteer.ini"
tui_start 80 24
wait_for '\*' || give_up "the first-start form opens"
pseudo_check "the first-start form" "$(screen)" "$DATA"
typein 'not an id!' && keys F2 && wait_for '⟦⟦'
pseudo_check "a bad id at the first start" "$(screen)" "$DATA|not an id!"
keys Escape && sleep 0.3
keys Escape && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
