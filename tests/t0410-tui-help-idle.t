#!/bin/sh
# `?` lists every key of the contract; an idle program uses no CPU at all (it sleeps in
# poll until a key or a sync event); colour follows NO_COLOR and [ui] color.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
vol add visit business='Panadería Las Eras' date=2026-11-20 >/dev/null
tui_start 80 24
wait_for 'Panadería Las Eras' || exit 1

# CPU ticks (user + system) of the program.
ticks() { awk '{ print $14 + $15 }' "/proc/$(tui_pid)/stat"; }
sleep 0.5
a=$(ticks)
sleep 1.5
b=$(ticks)
is "$b" "$a" "an idle program uses no CPU"

keys '?' && wait_for '^ Keys'
help=$(screen)
keys NPage && sleep 0.2
help="$help
$(screen)"
keys NPage && sleep 0.2
help="$help
$(screen)"
for k in '1 2 3 4' 'Tab' 'Enter' 'n ' 'e ' 'd ' '/ ' 's ' 'p ' 'r ' '\? ' 'q ' 'F2  Ctrl-S' 'Esc' 'Shift-Tab'; do
	printf '%s' "$help" | grep -Eq "^   $k"
	ok $? "the help lists '$k'"
done
keys Escape && wait_for '^n new'
keys q && tui_wait_exit

# Colour: escape sequences for colour pairs appear unless NO_COLOR or color = no.
colours() { $TM capture-pane -p -e -t 0 | grep -c "$(printf '\033')\[[0-9;]*4[0-7]m"; }
tui_start 80 24
wait_for 'Panadería' && n=$(colours)
[ "$n" -gt 0 ]
ok $? "colour is used by default"
keys q && tui_wait_exit
tui_start 80 24 NO_COLOR=1
wait_for 'Panadería' && n=$(colours)
is "$n" 0 "NO_COLOR turns colour off"
keys q && tui_wait_exit
sed -i 's/^color = auto$/color = no/' "$VCONF"
tui_start 80 24
wait_for 'Panadería' && n=$(colours)
is "$n" 0 "[ui] color = no turns colour off"
like "$($TM capture-pane -p -e -t 0 | sed -n 1p)" "$(printf '\033')\[7m" "the status bar is in reverse video without colour"
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
