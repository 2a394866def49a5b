#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Live resize: at 200×60 and back at 80×24 the bars are in place and nothing is left over
# from the previous size; a form redraws too.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
vol add visit business='Panadería Las Eras' date=2026-11-20 >/dev/null
vol add workshop title='Videollamadas con la familia' attendees=32 date=2026-11-19 >/dev/null
tui_start 80 24
wait_for 'Panadería Las Eras' || exit 1

# bars_ok WIDTH HEIGHT: the status bar on the first row, the key hints on the last, a rule
# above them, every row at most WIDTH columns and exactly HEIGHT rows.
bars_ok() {
	s=$(screen)
	rows=$(printf '%s\n' "$s" | wc -l)
	first=$(printf '%s\n' "$s" | sed -n 1p)
	rule=$(printf '%s\n' "$s" | sed -n "$(($2 - 1))p")
	last=$(printf '%s\n' "$s" | sed -n "${2}p")
	widest=$(printf '%s\n' "$s" | python3 -c "
import sys
print(max(len(l.rstrip('\\n')) for l in sys.stdin))")
	[ "$rows" -eq "$2" ] && [ "$widest" -le "$1" ] &&
	    printf '%s' "$first" | grep -Eq '^ Rural Digital · Volunteer ana · Almazán +3 unsynced · never synced$' &&
	    printf '%s' "$last" | grep -q '^n new  Enter open' &&
	    printf '%s' "$rule" | grep -Eq '^─+$' && [ "$(printf '%s' "$rule" | wc -m)" -eq "$1" ]
}

bars_ok 80 24
ok $? "80×24: the bars are in place"
$TM resize-window -t 0 -x 200 -y 60
wait_until bars_ok 200 60
ok $? "200×60: the bars move to the new edges"
like "$(screen | sed -n 4p)" 'Panadería Las Eras +Almazán' "the rows use the new width"
$TM resize-window -t 0 -x 80 -y 24
wait_until bars_ok 80 24
ok $? "back to 80×24: the bars are in place again"
n=$(screen | grep -c 'Panadería Las Eras')
is "$n" 1 "nothing is left over from the larger size"

# A form at the small size, then larger: the current field and the help line follow.
keys n && wait_for 'v visit' && keys v && wait_for 'New visit'
typein 'Bar Plaza'
wait_for '▸Business \* +Bar Plaza'
$TM resize-window -t 0 -x 200 -y 60
wait_until rows_are 59 '^─{200}$' 60 '^F2 save'
s=$(screen)
like "$(printf '%s\n' "$s" | sed -n 4p)" '▸Business \* +Bar Plaza' "the form redraws at the new size with its text"
like "$(printf '%s\n' "$s" | sed -n 60p)" '^F2 save' "the form's key hints are on the last row"
$TM resize-window -t 0 -x 80 -y 24
wait_until rows_are 22 'Name of the business' 23 '^─{80}$' 24 '^F2 save'
ok $? "the help line is above the bottom bars at 80×24"
keys Escape && wait_for 'Leave without saving' && keys y && wait_for '^n new'
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
