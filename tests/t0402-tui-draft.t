#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Drafts survive kill -9: every character typed comes back at the next start, even text
# that is not valid yet; saving the resumed draft stores the record and drops the draft.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
tui_start 80 24
wait_for 'n new' || exit 1
keys n && wait_for 'v visit' && keys v && wait_for 'New visit'
typein 'Ferretería Peña'
keys Tab Tab Tab
typein 'Soria'
keys Tab Tab
typein '4x'
keys Tab Tab Tab Tab Tab Tab
typein 'Primera línea'
keys Enter
typein 'Segunda: ñ ç á'
wait_for 'Segunda: ñ ç á'
ok $? "the text typed is on the screen"

# The draft is written before the screen shows what was typed: kill at once.
tui_kill9
ok $? "the program is killed with -9 in the middle of the form"

tui_start 80 24
wait_for 'Resume the unsaved visit “Ferretería Peña”'
ok $? "the next start offers the draft back"
keys y && wait_for 'New visit'
ok $? "y resumes it in the form"
s=$(screen)
like "$s" 'Business \* +Ferretería Peña' "the business is back"
like "$s" 'Province +Soria' "the province is back"
like "$s" 'Duration \(min\) +4x' "text that is not valid yet is back as typed"
like "$s" 'Segunda: ñ ç á' "the long text is back with its second line"
like "$s" '▸Findings' "the cursor is back in the field being typed"

# Fix the number and save: the record has every field; no draft is offered again.
keys BTab BTab BTab BTab BTab BTab C-u
typein '40'
keys F2 && wait_for 'Saved: Visit'
ok $? "the resumed draft saves"
keys q && tui_wait_exit
out=$(vol list --json | python3 -c "
import json, sys
r = json.load(sys.stdin)
assert len(r) == 1, r
f = r[0]['fields']
assert f['business'] == 'Ferretería Peña', f
assert f['province'] == 'Soria', f
assert f['duration_min'] == 40, f
assert f['findings'] == 'Primera línea\nSegunda: ñ ç á', f
" 2>&1)
is "$out" "" "the saved record holds every character typed before the kill"

tui_start 80 24
wait_for 'n new'
ok $? "the program starts again"
tui_ready && ! screen | grep -q 'Resume'
ok $? "no draft is offered once it was saved"

# A confirmed cancel drops the draft too.
keys n && wait_for 'v visit' && keys t && wait_for 'New task'
typein 'Bar'
wait_for 'Bar'
keys Escape && wait_for 'Leave without saving' && keys y && wait_for 'n new'
keys q && tui_wait_exit
tui_start 80 24
wait_for 'n new'
tui_ready && ! screen | grep -q 'Resume'
ok $? "a cancelled form leaves no draft behind"
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
