#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# LANG=es_ES.UTF-8 (LC_ALL unset): the screens speak Spanish, dates read 20/11/2026 and
# typed dates in either order are understood; [ui] language = en wins over the locale.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$' || skip_all "the es_ES.UTF-8 locale is not generated"
[ -f "$TUI_LOCALEDIR/es/LC_MESSAGES/volunteer.mo" ] || skip_all "no Spanish catalogue built in $TUI_LOCALEDIR"

mkvol ana
vol add visit business='Panadería Las Eras' date=2026-11-20 >/dev/null
vol add workshop title='Videollamadas con la familia' attendees=32 date=2026-11-19 >/dev/null
tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL= LC_MESSAGES=
wait_for 'Panadería Las Eras' || exit 1
s=$(screen)
like "$(printf '%s\n' "$s" | sed -n 1p)" 'Rural Digital · Volunteer ana · Almazán +3 sin sincronizar · nunca sincronizado' "the status bar is in Spanish"
like "$s" '1 Visitas +2 Tareas +3 Talleres +\[4 Todo\]' "the tabs are in Spanish"
like "$s" '20/11/2026  Visita +Panadería Las Eras' "dates read day/month/year and kinds are Spanish"
like "$s" 'Taller +Videollamadas con la fami[a-z]* +Almazán +32 pers\.' "attendees read pers."
like "$(printf '%s\n' "$s" | sed -n 24p)" '^n nueva  Intro abrir  e editar  / buscar  s sinc.  p imprimir  A agenda  \? ayuda' "the key hints are in Spanish"

keys n && wait_for 'v visita' && keys v && wait_for 'Nueva visita'
ok $? "the visit form opens in Spanish"
s=$(screen)
like "$s" 'Empresa \*' "the field labels come from the form in Spanish"
like "$s" 'Nombre de la empresa o entidad visitada' "and the help line"
typein 'Bar Sol'
keys Tab Tab Tab Tab C-u
typein '2026-11-21'
keys Tab && wait_for '21/11/2026'
ok $? "a date typed in the stored form is understood and shown as the list shows dates"
keys F2 && wait_for 'Guardado: Visita «Bar Sol»'
ok $? "the save message is in Spanish"
keys '?' && wait_for 'Teclas' && wait_for 'registro nuevo; después v visita, t tarea o w taller'
ok $? "the help is in Spanish"
keys Escape && wait_for 'n nueva'
keys q && tui_wait_exit

sed -i 's/^language = auto$/language = en/' "$VCONF"
tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL= LC_MESSAGES=
wait_for 'Bar Sol' || exit 1
like "$(screen)" '1 Visits +2 Tasks' "[ui] language = en wins over the locale"
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
