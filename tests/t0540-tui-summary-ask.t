#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `p` asks the language of the summary, offers a workshop's attendance sheet, shows the
# whole path written, and a second summary never replaces the first.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v pdftotext >/dev/null 2>&1 || skip_all "pdftotext (poppler-utils) is not installed"

mkvol ana
vol add workshop title='Videollamadas' municipality=Berlanga date=2026-12-03 \
	attendees=12 >/dev/null
tui_start 160 24
wait_for 'Videollamadas' || exit 1

keys p && wait_for 'Save the attendance sheet to sign as PDF'
ok $? "p on a workshop offers its attendance sheet"
keys Enter && wait_for 'Language of the summary' && wait_for 'Spanish \(es\)'
ok $? "then the language of the summary"
keys Up Enter && wait_for "Summary saved: $T/Videollamadas_2026-12-03_es\\.pdf"
ok $? "the whole path is shown, with the language in the name"
keys p && wait_for 'Save the summary as PDF' && keys Enter &&
	wait_for 'Language of the summary' && keys Up Enter &&
	wait_for "Summary saved: $T/Videollamadas_2026-12-03_es-2\\.pdf"
ok $? "a second summary gets a number, the first stays"
[ -s "$T/Videollamadas_2026-12-03_es.pdf" ] && [ -s "$T/Videollamadas_2026-12-03_es-2.pdf" ]
ok $? "both files are there"
keys p && wait_for 'attendance sheet' && keys Down Down Enter &&
	wait_for 'Language of the summary' && keys Enter &&
	wait_for "Summary saved: $T/Videollamadas_2026-12-03_sheet_en\\.pdf"
ok $? "the attendance sheet, in English (the session's language, offered first)"
text=$(pdftotext -layout "$T/Videollamadas_2026-12-03_sheet_en.pdf" - 2>&1)
like "$text" "Attendance sheet" "the sheet's title"
is "$(printf '%s\n' "$text" | grep -cE '^ *[0-9]+ *$')" 12 "a row for each of the 12 attendees"
keys q && tui_wait_exit
done_testing
