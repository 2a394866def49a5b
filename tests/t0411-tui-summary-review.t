#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `p` writes a visit's summary as PDF in a child while the screen stays live; a task has
# no summary; `r` is for coordinators only, and stores an ok or a flag with its comment.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v pdftotext >/dev/null 2>&1 || skip_all "pdftotext (poppler-utils) is not installed"

mkvol ana
sed -i "s|^summary_dir = .*|summary_dir = $T/summaries|" "$VCONF"
vol add task business='Bar Plaza' title='Web nueva' date=2026-11-10 >/dev/null
vol add visit business='Panadería Las Eras' date=2026-11-20 findings='Sin página web.' >/dev/null
tui_start 80 24
wait_for 'Panadería Las Eras' || exit 1

keys p && wait_for 'Save the summary as PDF'
ok $? "p offers PDF or print"
keys Enter && wait_for 'Language of the summary' && keys Enter && wait_for 'Summary saved: '
ok $? "Enter saves the summary and says where"
pdf=$(ls "$T"/summaries/*.pdf 2>/dev/null | head -1)
[ -n "$pdf" ] && pdftotext "$pdf" - | grep -q 'Panadería Las Eras'
ok $? "the PDF is the visit's summary"
keys Down && keys p && wait_for 'Summaries are made for visits and workshops'
ok $? "a task has no summary"

keys r && wait_for 'Only coordinators review records'
ok $? "r tells a volunteer that reviews are for coordinators"
keys q && tui_wait_exit

sed -i 's/^role = volunteer$/role = coordinator/' "$VCONF"
tui_start 80 24
wait_for 'Panadería Las Eras' || exit 1
keys r && wait_for 'Flag: the author should check' && keys Down Enter
wait_for 'what to check' && typein 'Falta la duración' && keys Enter
wait_for 'Flagged\.' && wait_for 'Panadería Las Eras .*⚠'
ok $? "a coordinator's flag is stored and marked in the list"
keys Enter && wait_for 'Flagged +.*ana: Falta la duración'
ok $? "the detail lists the flag with its comment"
keys Escape && wait_for '^n new' && keys q && tui_wait_exit
out=$(vol list --flagged --json | python3 -c "
import json, sys
r = json.load(sys.stdin)
assert len(r) == 1 and r[0]['reviews'][0]['comment'] == 'Falta la duración', r
" 2>&1)
is "$out" "" "the command line sees the flag"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
