#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every problem at once: F2 on a form with three fields at fault marks all three and
# takes the cursor to the first; a draft resumed after kill -9 shows its marks at once.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
tui_start 80 24
wait_for 'n new' || exit 1

# The title (required) stays empty; the date and the attendees are wrong.
keys n && wait_for 'v visit' && keys w && wait_for 'New workshop'
ok $? "the workshop form opens"
keys Tab Tab Tab Tab C-u
typein '31/02/2026'
keys Tab Tab Tab
typein 'abc'
wait_for 'abc'
keys F2 && wait_for 'Not saved: 3 problems'
ok $? "F2 names how many problems there are"
s=$(screen)
like "$s" '▸Title \*' "the cursor is on the first field at fault"
like "$s" '⚠ required' "which is marked"
like "$s" "⚠ '31/02/2026' is not a valid date" "the date is marked too"
like "$s" "⚠ 'abc' is not a whole number" "and the attendees"

# Killed in the middle: the resumed draft shows the marks of what was typed wrong.
tui_kill9
ok $? "the program is killed with -9"
tui_start 80 24
wait_for 'Resume the unsaved workshop' && keys y && wait_for 'New workshop'
ok $? "the draft is resumed"
s=$(screen)
like "$s" "⚠ '31/02/2026' is not a valid date" "the resumed draft marks the date at once"
like "$s" "⚠ 'abc' is not a whole number" "and the attendees"
keys Escape && wait_for 'Leave without saving' && keys y && wait_for 'n new'
ok $? "the form is left"
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
