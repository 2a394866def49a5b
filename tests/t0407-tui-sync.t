#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `s` syncs in a child while the screen stays live: progress, then "sent N, received N,
# conflicts N"; records of others arrive; with auto = yes a save syncs by itself.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v git >/dev/null 2>&1 || skip_all "git is not installed"

git init -q --bare "$T/shared.git"
mkvol bob bob --remote "$T/shared.git"
vol add workshop title='Banca online' attendees=9 date=2026-11-16 >/dev/null
vol sync >/dev/null 2>&1
ok $? "another volunteer has synced a workshop"

mkvol ana ana --remote "$T/shared.git"
vol add visit business='Panadería Las Eras' date=2026-11-20 >/dev/null
tui_start 80 24
wait_for 'Panadería Las Eras' && wait_for '2 unsynced · never synced'
ok $? "the status bar counts the unsynced record and its business"
keys s && wait_for 'Sync done: sent 2, received 1, conflicts 0'
ok $? "s shows the result of the sync"
like "$(screen | sed -n 1p)" '0 unsynced · [0-9][0-9]:[0-9][0-9]' "the status bar shows nothing unsynced and the time of the sync"
keys Escape && wait_for '^n new'
keys a && wait_for 'Banca online'
ok $? "the record that arrived is in the list of everyone's records"
if screen | grep -q 'Panadería Las Eras.*●'; then r=1; else r=0; fi
ok $r "the sent record lost its unsynced mark"
keys q && tui_wait_exit

git --git-dir="$T/shared.git" ls-tree -r --name-only main > "$T/tree"
n=$(grep -c '^records/' "$T/tree")
is "$n" 3 "the shared repository holds both records and the visit's business"

# auto = yes: the save syncs by itself.
sed -i 's/^auto = no$/auto = yes/' "$VCONF"
tui_start 80 24
wait_for 'Sync done: sent 0' || wait_for '0 unsynced'
ok $? "with auto = yes the program syncs at start"
keys n && wait_for 'v visit' && keys t && wait_for 'New task'
typein 'Bar Plaza'
keys Tab
typein 'Web nueva'
# A name no business has: the task brings its new business along.
keys F2 && wait_for 'Sync done: sent 2, received 0, conflicts 0'
ok $? "with auto = yes a save is sent at once"
keys q && tui_wait_exit
n=$(git --git-dir="$T/shared.git" ls-tree -r --name-only main | grep -c '^records/task/')
is "$n" 1 "the task is in the shared repository"

# A remote that cannot be reached: the error is shown and nothing is lost.
sed -i "s|^remote = .*|remote = $T/missing.git|" "$VCONF"
vol add visit business='Bar Sol' date=2026-11-21 >/dev/null
tui_start 80 24
wait_for 'Bar Sol' && keys s && wait_for 'Sync failed: '
ok $? "a failed sync shows its reason"
like "$(screen | sed -n 1p)" '2 unsynced' "the record (and its business) stays unsynced"
keys Escape && wait_for '^n new' && keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
