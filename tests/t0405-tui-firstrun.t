#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# No config yet: the first-run screen asks who the volunteer is, checks the values as
# `volunteer init` does, writes the config and goes on to the list.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

VCONF="$T/conf/volunteer.ini"
tui_start 80 24
wait_for 'First start' && wait_for 'Your id \*'
ok $? "the first-run screen appears when there is no config"

typein 'maría garcía'
keys Tab
typein 'María García'
keys Tab
typein 'Almazán'
keys F2 && wait_for "is not a valid id"
ok $? "an id with blanks is refused with the reason"
like "$(screen)" "Your id \* +maría garcía" "the values typed stay"
[ ! -e "$VCONF" ]
ok $? "nothing is written while a value is wrong"

keys C-u
typein 'maria.garcia'
keys Enter Enter Enter Enter Enter
wait_for 'Settings written to' && wait_for 'No records here yet'
ok $? "Enter on the last line writes the settings and the list appears"
like "$(screen | sed -n 1p)" 'Rural Digital · María García · Almazán' "the status bar shows the new volunteer"
keys n && wait_for 'v visit' && keys v && wait_for 'New visit'
like "$(screen)" 'Municipality \* +Almazán' "a new record takes the municipality just given"
keys Escape && wait_for '^n new'
keys q && tui_wait_exit

grep -q '^id = maria.garcia$' "$VCONF" && grep -q '^name = María García$' "$VCONF" &&
    grep -q '^municipality = Almazán$' "$VCONF"
ok $? "the config holds id, name and municipality"
out=$(vol status --json)
like "$out" '"unsynced": 0' "the command line works with the config written"

# Esc on the first-run screen leaves without writing anything.
VCONF="$T/conf2/volunteer.ini"
tui_start 80 24
wait_for 'First start' && keys Escape && tui_wait_exit
ok $? "Esc leaves the first-run screen"
[ ! -e "$VCONF" ]
ok $? "and writes nothing"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
