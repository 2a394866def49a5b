#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `?` at 80x24: long explanations wrap at word boundaries under their column; PgDn keeps
# the last rows of the page in view, stops at the end (the last line stays on screen),
# and Home and End go to the start and the end.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
tui_start 80 24
wait_for 'n new' || exit 1
tui_ready
keys '?' && wait_for '^ Keys'
ok $? "the help opens"

keys End && wait_for 'offers it back'
ok $? "End shows the end of the help"
s=$(screen)
like "$s" 'Everything typed in a form is kept as a draft at once: after a power' "the last paragraph starts on one row"
like "$s" '
 *cut, the next start offers it back\.' "and goes on, wrapped at a word, on the next"
keys NPage NPage
rows_are 22 'offers it back\.'
ok $? "PgDn at the end stays at the end"

keys Home && wait_for '^ The list'
ok $? "Home goes back to the start"
last=$(screen | sed -n 22p | sed 's/^ *//; s/ *↓$//')
prev=$(screen | sed -n 21p | sed 's/^ *//')
keys NPage && wait_until sh -c "! $TM capture-pane -p -t 0 | grep -q '^ The list'"
s=$(screen)
printf '%s\n' "$s" | grep -Fq -- "$prev"
ok $? "PgDn keeps the second last row of the page in view"
printf '%s\n' "$s" | grep -Fq -- "$last"
ok $? "and the last one"

keys Escape && wait_for '^n new'
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
