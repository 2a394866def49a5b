#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `?` lists every key of the contract; an idle program does not wake up at all (it sleeps
# in poll until a key or a sync event); colour follows NO_COLOR and [ui] color.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
vol add visit business='Panadería Las Eras' date=2026-11-20 >/dev/null
tui_start 80 24
wait_for 'Panadería Las Eras' || exit 1

# Wake-ups of the program: the voluntary context switches of its threads. Each return from
# a sleep (a poll timer, a read that blocked) counts one. CPU time cannot tell: a 100 ms
# timer costs microseconds a turn, below the kernel's 10 ms tick.
pid=$(tui_pid)
wakeups() {
	cat /proc/"$pid"/task/*/status 2>/dev/null |
		awk '/^voluntary_ctxt_switches/ { n += $2 } END { print n + 0 }'
}
grep -q '^Name:[[:space:]]*volunteer' "/proc/$pid/status" && [ "$(wakeups)" -gt 0 ]
ok $? "the pane's process is the program, and its wake-ups can be counted"
# Settled: the count stays put for half a second (the start's reads and writes are over).
# A program that never settles is measured all the same, and fails.
settle=0 a=$(wakeups)
while [ $settle -lt $((TUI_WAIT * 2)) ]; do
	sleep 0.5
	b=$(wakeups)
	[ "$b" = "$a" ] && break
	a=$b settle=$((settle + 1))
done
a=$(wakeups)
sleep 4
b=$(wakeups)
[ $((b - a)) -le 2 ]
ok $? "an idle program sleeps: $((b - a)) wake-ups in 4 s (at most 2; a 1 s timer makes 4)"

keys '?' && wait_for '^   F +figures for the records shown, as'
help=$(screen)
keys NPage && wait_for '^ Review \(coordinators\)'
help="$help
$(screen)"
keys NPage && wait_for '^ Everything typed in a form'
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
