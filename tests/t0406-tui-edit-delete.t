#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# e edits a record (its other fields and unknown keys kept), d deletes it after asking.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
id=$(vol add visit business='Panadería Las Eras' date=2026-11-20 duration_min=30)
vol add task business='Bar Plaza' title='Web nueva' date=2026-11-10 >/dev/null
tui_start 80 24
wait_for 'Panadería Las Eras' || exit 1

keys e && wait_for 'Edit visit · Panadería Las Eras'
ok $? "e opens the selected record in the form"
like "$(screen)" 'Duration \(min\) +30' "the form holds the stored values"
keys End
typein ' y Café'
keys F2 && wait_for 'Saved: Visit “Panadería Las Eras y Café”'
ok $? "F2 saves the edit"

# Revisions are a Lamport clock over the laptop: the visit's business took 1, the visit
# 2, the task's business 3 and the task 4; the new name makes its business (5), so the
# edit is 6.
keys Enter && wait_for 'rev 6'
ok $? "the detail shows the new revision"
keys e && wait_for 'Edit visit' && keys Escape && wait_for 'Visit · Panadería Las Eras y Café'
ok $? "Esc with nothing typed leaves at once"

keys d && wait_for 'Delete Visit “Panadería Las Eras y Café”\?'
ok $? "d asks before deleting"
keys n && wait_for 'e edit  d delete'
ok $? "n keeps the record"
keys d && wait_for 'Delete Visit' && keys y && wait_for 'Deleted\.'
ok $? "y deletes it"
wait_for 'Bar Plaza'
if screen | grep -q 'Panadería'; then r=1; else r=0; fi
ok $r "the deleted record leaves the list"
keys q && tui_wait_exit

out=$(vol list --json | python3 -c "
import json, sys
r = json.load(sys.stdin)
assert [x['fields']['business'] for x in r] == ['Bar Plaza'], r
" 2>&1)
is "$out" "" "the command line no longer lists it"
out=$(vol show "$id" --json | python3 -c "
import json, sys
r = json.load(sys.stdin)
assert r['deleted'] is True and r['rev'] == 7, r  # the edit was rev 6 (the detail said so)
assert r['fields']['business'] == 'Panadería Las Eras y Café' and r['fields']['duration_min'] == 30, r
" 2>&1)
is "$out" "" "it is a tombstone that keeps its last fields, to be synced"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
