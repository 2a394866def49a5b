#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Long text reads well in the form: a long note wraps at word boundaries, so "WhatsApp"
# is never cut in two, and Up and Down move between the wrapped rows.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
tui_start 80 24
wait_for 'n new' || exit 1
keys n && wait_for 'v visit' && keys w && wait_for 'New workshop'
typein 'Taller de mensajería'
# Notes, thirteen fields down (the language of its sheet follows).
keys Down Down Down Down Down Down Down Down Down Down Down Down Down
text="Los vecinos aprendieron a enviar fotos por WhatsApp a sus nietos y a hacer videollamadas por WhatsApp con la familia que vive lejos, en Barcelona o en Madrid."
typein "$text"
wait_for 'Madrid' || exit 1
s=$(screen)
rows=$(printf '%s\n' "$s" | sed -n '/▸Notes/,/^ *$/p' | sed '/^ *$/d; /^ *Language of summaries/d' | sed 's/^▸Notes *//; s/^ *//; s/ *$//')
# Four rows: the form is taller than the screen, so its scroll mark takes a column.
is "$(printf '%s\n' "$rows" | wc -l)" 4 "the note takes four rows at 80 columns"
is "$(printf '%s\n' "$rows" | paste -sd ' ')" "$text" \
	"each row ends at a word boundary: the rows joined by spaces are the text"
is "$(printf '%s' "$s" | grep -o 'WhatsApp' | wc -l)" 2 "both WhatsApp are whole on the screen"
keys Home C-a
keys Up
keys End
typein 'XYZ'
wait_for 'XYZ'
ok $? "Up moves to the row above within the note, and typing goes on there"
keys Escape && wait_for 'Leave without saving' && keys y
tui_stderr_clean
ok $? "no sanitizer report"
done_testing
