#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The businesses in the screens: `5` opens the Businesses tab (5 Negocios in Spanish),
# which lists the programme's businesses and not the work; Enter opens one; the other
# tabs do not list businesses.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$' || skip_all "the es_ES.UTF-8 locale is not generated"
[ -f "$TUI_LOCALEDIR/es/LC_MESSAGES/volunteer.mo" ] || skip_all "no Spanish catalogue built in $TUI_LOCALEDIR"

mkvol ana
vol add visit business='Panadería Las Eras' date=2026-11-20 >/dev/null
vol add task business='Bar Plaza' title='Web nueva' date=2026-11-19 >/dev/null
vol add business name='Quesería La Vega' municipality=Almazán sector=food_drink >/dev/null
tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL= LC_MESSAGES=
wait_for 'Panadería Las Eras' || exit 1
s=$(screen)
like "$s" '\[4 Todo\] +5 Negocios' "the fifth tab is the businesses'"
if printf '%s\n' "$s" | grep -q 'Quesería'; then r=1; else r=0; fi
ok $r "All lists the work, not the businesses"
keys 5 && wait_for '\[5 Negocios\]'
ok $? "5 opens it"
s=$(screen)
like "$s" 'Quesería La Vega +Almazán' "it lists a business added by hand"
like "$s" 'Bar Plaza +Almazán' "and those the visits and tasks brought"
like "$s" 'Panadería Las Eras +Almazán' "all three"
if printf '%s\n' "$s" | grep -q 'Web nueva'; then r=1; else r=0; fi
ok $r "and no task"
keys g && keys Enter && wait_for 'Alimentación y bebidas'
ok $? "Enter opens the business with its data"
keys Escape && keys 1 && wait_for '\[1 Visitas\]'
if screen | grep -q 'Quesería'; then r=1; else r=0; fi
ok $r "the Visits tab lists no business"
keys q && tui_wait_exit
tui_stderr_clean
done_testing
