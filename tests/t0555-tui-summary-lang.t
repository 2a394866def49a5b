#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The screens' summary takes the language by the same rule as `summary`: `p` on a visit
# whose language is eu offers Basque first, in an English session, and the PDF is in
# Basque; a visit with no language offers [print] language.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v pdftotext >/dev/null 2>&1 || skip_all "pdftotext (poppler-utils) is not installed"

mkvol miren
vol add visit business='Okindegia' municipality=Tolosa date=2026-11-20 language=eu >/dev/null
vol add visit business='Forn' municipality=Reus date=2026-11-18 >/dev/null
printf '\n[print]\nlanguage = gl\n' >>"$VCONF"
tui_start 100 24
wait_for 'Okindegia' || exit 1
# Okindegia is the first row (newest date).
keys p && wait_for 'Save the summary as PDF' && keys Enter &&
	wait_for 'Language of the summary' && keys Enter &&
	wait_for "Summary saved: $T/Okindegia_2026-11-20_eu\\.pdf"
ok $? "p, then Enter twice: the visit's own language, Basque"
like "$(pdftotext "$T/Okindegia_2026-11-20_eu.pdf" - 2>&1)" "Bisitaren laburpena" \
	"and the PDF is in Basque"
keys Down && sleep 0.3
keys p && wait_for 'Save the summary as PDF' && keys Enter &&
	wait_for 'Language of the summary' && keys Enter &&
	wait_for "Summary saved: $T/Forn_2026-11-18_gl\\.pdf"
ok $? "a visit with no language: [print] language (gl) is offered first"
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
