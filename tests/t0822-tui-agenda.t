#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Follow-ups are not forgotten: at start the status bar says how many of my follow-ups and
# task due dates are due today or overdue and how many records a coordinator flagged for
# me; `A` on the list shows what `volunteer agenda` lists, soonest first, and Enter opens
# the record; the footer and the help name the key.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

today=$(date +%Y-%m-%d)
later=$(date -d '+30 days' +%Y-%m-%d)
mkvol ana
vol add visit business="Panadería Hermanos Ruiz" date=2026-10-01 follow_up=2026-10-20 >/dev/null
vol add task business="Bar Plaza" title="Web nueva" due="$today" >/dev/null
vol add task business="Bar Plaza" title="Perfil" due="$later" >/dev/null
vol add task business="Quesería" title="Tienda" due=2026-10-25 status=done >/dev/null

tui_start 80 24
wait_for 'Agenda \(A\): 1 due today, 1 overdue' || exit 1
ok 0 "at start: one due today, one overdue"
s=$(screen)
like "$(printf '%s\n' "$s" | sed -n 24p)" 'A agenda  \? help' "the footer names A"
if printf '%s' "$s" | grep -q 'flagged for you'; then r=1; else r=0; fi
ok $r "nothing flagged: not said"
keys A
wait_for 'Agenda: due and overdue' || exit 1
s=$(screen)
like "$s" '20 *overdue +follow-up +Panadería Hermanos Ruiz' "the overdue follow-up"
like "$s" 'today +task due +Bar Plaza · Web nueva' "the task due today"
first=$(printf '%s\n' "$s" | grep -nE 'follow-up +Panadería' | head -n 1 | cut -d: -f1)
second=$(printf '%s\n' "$s" | grep -nE 'task due +Bar Plaza · Web nueva' | head -n 1 | cut -d: -f1)
ok "$([ "${first:-99}" -lt "${second:-0}" ]; echo $?)" "soonest first"
if printf '%s' "$s" | grep -qE 'task due +(Bar Plaza · Perfil|Quesería)'; then r=1; else r=0; fi
ok $r "neither a later due date nor a done task"
keys Down Enter
wait_for 'Web nueva' && wait_until 'Title|Título' >/dev/null 2>&1
s=$(screen)
like "$s" 'Web nueva' "Enter opens the record"
if printf '%s' "$s" | grep -q 'Agenda: due and overdue'; then r=1; else r=0; fi
ok $r "the agenda closed"
keys Escape
keys '?' && wait_for 'Keys' && keys Down Down Down && wait_for 'agenda: your follow-ups'
ok $? "the help names A"
keys Escape q && tui_wait_exit

# A coordinator on the same laptop flags one of ana's records: both counts at the next
# start.
ANA=$VCONF
mkvol coord coord --role coordinator --data-dir "$T/ana/data"
id=$(vol list --kind task --json | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["fields"].get("title") == "Perfil"][0])')
vol review "$id" --flag "Falta la fecha" >/dev/null
ok $? "a coordinator flags the task"
VCONF=$ANA
tui_start 100 24
wait_for '1 due today, 1 overdue · 1 record flagged for you' || exit 1
ok 0 "both counts, when a coordinator flagged a record of mine"
keys q && tui_wait_exit
tui_stderr_clean
done_testing
