#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Invalid values: the message beside the field, the cursor taken to the first field at
# fault on save, and nothing saved.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
tui_start 80 24
wait_for 'n new' || exit 1

keys n && wait_for 'v visit' && keys w && wait_for 'New workshop'
ok $? "the workshop form opens"
typein 'Taller de banca'
keys Tab Tab Tab Tab C-u
typein '31/02/2026'
keys Tab && wait_for "⚠ '31/02/2026' is not a valid date"
ok $? "an impossible date shows its message beside the field on leaving it"
keys Tab
typein 'abc'
keys Tab && wait_for "⚠ 'abc' is not a whole number"
ok $? "a word for a number shows its message"
keys F2 && wait_for 'Not saved: 3 problems ⚠ — Date'
ok $? "F2 refuses, counts the problems and names the first field at fault"
like "$(screen)" '▸Date' "the cursor is on the first field at fault"

# Fix the date: its message goes; the number's stays.
keys C-u
typein '20/11/2026'
keys Tab && wait_for '2026-11-20'
# The field and its message are drawn apart: wait for the message to go, not a moment.
date_message_gone() { ! screen | grep -q 'is not a valid date'; }
wait_until date_message_gone
ok $? "the date's message goes once the date is valid"
like "$(screen)" "'abc' is not a whole number" "the other message stays"

# Women and men more than the attendees: a rule between fields.
keys Tab C-u
typein '60'
keys Tab
typein '10'
keys Tab Tab
typein '6'
keys Tab
typein '6'
keys F2 && wait_for 'Not saved: .*(Attendees|Women|Men)'
ok $? "a broken rule between fields is refused"
like "$(screen)" 'women \+ men \(12\) is more than attendees \(10\)' "the rule's message names the fields and the numbers"
keys Escape && wait_for 'Leave without saving'
ok $? "Esc asks before throwing typed text away"
keys y && wait_for 'n new'
ok $? "y leaves the form"
keys q && tui_wait_exit

is "$(vol list --json)" "[]" "nothing was saved"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
