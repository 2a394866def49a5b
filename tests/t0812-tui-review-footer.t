#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The coordinator's review screen names D (likely duplicate businesses) in its footer, in
# English and in Spanish, whole at 80 columns; D does what the footer says; the help
# lists it among the review screen's keys.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana ana --role coordinator
vol add visit business='Bar Plaza' municipality=Almazán >/dev/null || give_up "a visit is added"
vol add business name='bar plaza.' municipality=Almazán >/dev/null || give_up "a second bar is added"
footer() { screen | sed -n '$p' | sed 's/ *$//'; }

tui_start 80 24
tui_ready || give_up "the program starts"
keys R && wait_for '^ \[1 ' || give_up "R opens the review screen"
is "$(footer)" "o ok  x flag  f filters  / search  F figures  D duplicates  Esc back" \
	"the review footer names D, whole at 80 columns"
keys D && wait_for 'Likely duplicates'
ok $? "D offers the likely duplicates"
like "$(screen)" 'Bar Plaza' "the two bars among them"
keys Escape && wait_for '^ \[1 '
keys '?' && wait_for 'The list'
# Down the help a line at a time until the review section's first key is on the screen.
i=0
while [ $i -lt 60 ] && ! screen | grep -q 'All, Not reviewed, Flagged, Conflicts'; do
	keys Down
	i=$((i + 1))
done
keys Down Down Down Down Down Down Down && wait_for '^ *D +likely duplicate businesses'
ok $? "the help lists D"
like "$(screen | sed -n '/All, Not reviewed, Flagged, Conflicts/,/^ *Esc /p')" '^ *D +likely' \
	"among the review screen's keys"
keys Escape Escape q && tui_wait_exit

if locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$' &&
    [ -f "$TUI_LOCALEDIR/es/LC_MESSAGES/volunteer.mo" ]; then
	tui_start 80 24 "LANG=es_ES.UTF-8 LC_ALL= LC_MESSAGES= LANGUAGE="
	wait_for 'Bar Plaza' || give_up "the program starts in Spanish"
	keys R && wait_for '^ \[1 ' || give_up "R opens the review screen in Spanish"
	is "$(footer)" "o bien  x marcar  f filtros  / buscar  F cifras  D duplicados  Esc atrás" \
		"in Spanish too, whole"
	keys Escape q && tui_wait_exit
else
	skip "the es_ES.UTF-8 locale is not generated"
fi
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
