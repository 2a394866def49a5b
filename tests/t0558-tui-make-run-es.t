#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What `make run` starts (sh tui/demo.sh ./volunteer) under LANG=es_ES.UTF-8 speaks Spanish
# from the build tree, with no VOLUNTEER_LOCALEDIR: the tabs, the footer and the status bar
# (the README says so).
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$' || skip_all "the es_ES.UTF-8 locale is not generated"
command -v git >/dev/null 2>&1 || skip_all "git is not installed"

# The binary the tests run, from where make run starts it; the catalogue is found beside it.
$TM kill-server >/dev/null 2>&1
TUI_N=$((TUI_N + 1))
TM="tmux -L vtui$$-$TUI_N -f /dev/null"
$TM new-session -d -x 80 -y 24 -c "$TOP" \
	"exec env -u VOLUNTEER_LOCALEDIR LANG=es_ES.UTF-8 LC_ALL= LANGUAGE= VOLUNTEER_DEMO_DIR='$T/demo' sh tui/demo.sh '$VOLUNTEER' 2>>'$T/tui-stderr'" \
	\; set-option -g remain-on-exit on >/dev/null 2>&1
wait_for 'Panadería Las Eras' || give_up "make run's demo starts"
s=$(screen)
like "$(printf '%s\n' "$s" | sed -n 2p)" '1 Visitas +2 Tareas +3 Talleres +\[4 Todo\]' \
	"the tabs are Spanish"
like "$(printf '%s\n' "$s" | sed -n 24p)" '^n nueva +Intro abrir +e editar +/ buscar +s sinc\. +p imprimir +A agenda' \
	"the footer is Spanish"
like "$(printf '%s\n' "$s" | sed -n 1p)" 'María García · Almazán +[0-9]+ sin sincronizar · nunca sincronizado' \
	"the status bar is Spanish"
like "$(printf '%s\n' "$s" | sed -n 4,5p)" '[0-3][0-9]/[01][0-9]/20[0-9][0-9] +Visita +Panadería' \
	"the list's kinds and dates are Spanish"
if printf '%s' "$s" | grep -Eq 'never synced|unsynced|n new'; then r=1; else r=0; fi
ok $r "no English left on the first screen"
keys q && tui_wait_exit
ok $? "q leaves"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
