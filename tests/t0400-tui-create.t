#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A record of each kind created through the screens, found with `volunteer list --json`;
# "Peña Çà ñ" typed, stored and shown again unchanged.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
tui_start 80 24
wait_for 'n new' && wait_for 'No records here yet'
ok $? "the empty list appears with its key hints"

# A visit: business, sector from the picker, duration, topics (multi), findings (long text).
keys n && wait_for 'v visit' && keys v && wait_for 'New visit'
ok $? "n then v opens the visit form"
typein 'Peña Çà ñ'
keys Tab Enter && wait_for 'Food and drink'
ok $? "Enter on a choice opens the picker"
keys Down Down Enter
keys Tab Tab Tab Tab
typein '45'
keys Tab Tab Tab Tab Tab Enter && wait_for '\[ \] Website'
ok $? "the multi-choice picker shows check boxes"
keys Space Down Space Enter
keys Tab
typein 'Sin web.'
keys Enter
typein 'Usa WhatsApp.'
keys F2 && wait_for 'Saved: Visit'
ok $? "F2 saves the visit"
screen | grep -q 'Peña Çà ñ'
ok $? "the list shows the business as typed"

# A task: business, title; the status keeps its default.
keys n && wait_for 'v visit' && keys t && wait_for 'New task'
ok $? "n then t opens the task form"
typein 'Bar Plaza'
keys Tab
typein 'Web nueva'
keys C-s && wait_for 'Saved: Task'
ok $? "Ctrl-S saves the task"

# A workshop: title and attendees (required).
keys n && wait_for 'v visit' && keys w && wait_for 'New workshop'
ok $? "n then w opens the workshop form"
typein 'Videollamadas con la familia'
keys Tab Tab Tab Tab Tab Tab Tab
typein '12'
keys F2 && wait_for 'Saved: Workshop'
ok $? "F2 saves the workshop"

wait_for '12 people'
ok $? "the workshop row shows its attendees"

# The detail shows every field with its label, the long text on its own lines.
keys / && wait_for 'Search:' && typein 'pena' && keys Enter
wait_for '/pena' && keys Enter && wait_for 'Usa WhatsApp'
ok $? "Enter opens the detail of the record found"
s=$(screen)
like "$s" 'Business +Peña Çà ñ' "the detail labels the business"
like "$s" 'Topics +Website, Social media' "the detail shows choices by their labels"
like "$s" 'not synced yet' "the detail says the record is not synced"
keys Escape && wait_for 'n new'
keys q && tui_wait_exit
ok $? "q quits"

json=$(vol list --json)
check() {
	printf '%s' "$json" | python3 -c "
import json, sys, datetime
recs = json.load(sys.stdin)
by = {r['kind']: r for r in recs}
v, t, w = by['visit']['fields'], by['task']['fields'], by['workshop']['fields']
today = datetime.datetime.utcnow().strftime('%Y-%m-%d')
assert len(recs) == 3, len(recs)
$1
" 2>&1
}
out=$(check "assert v['business'] == 'Peña Çà ñ', v")
is "$out" "" "the visit's business round-trips as typed"
out=$(check "assert v['sector'] == 'food_drink' and v['duration_min'] == 45 and v['topics'] == ['website', 'social_media'], v")
is "$out" "" "choice, number and multi-choice are stored as values"
out=$(check "assert v['findings'] == 'Sin web.\nUsa WhatsApp.', repr(v['findings'])")
is "$out" "" "long text keeps its line break"
out=$(check "assert v['municipality'] == 'Almazán' and v['date'] == today, v")
is "$out" "" "municipality and date take their defaults"
out=$(check "assert t['business'] == 'Bar Plaza' and t['title'] == 'Web nueva' and t['status'] == 'todo', t")
is "$out" "" "the task is stored with its default status"
out=$(check "assert w['title'] == 'Videollamadas con la familia' and w['attendees'] == 12, w")
is "$out" "" "the workshop is stored with its attendees"
out=$(check "assert all(not r['synced'] for r in recs)")
is "$out" "" "new records are unsynced"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
