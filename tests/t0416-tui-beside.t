#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The program beside itself: while the screens are open, the commands that only read
# (list, show, status, export, report, summary, forms) work from another terminal and see
# what the screens saved; the commands that write (add, sync from cron) keep their clear
# refusal and change nothing; once the screens are closed, they work again.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
git init -q --bare "$T/r.git"
mkvol ana ana --remote "$T/r.git"
id=$(vol add workshop title="Videollamadas" municipality=Almazán attendees=12)
vol sync >/dev/null 2>&1
tui_start 80 24
wait_for 'n new' || exit 1
keys n && wait_for 'v visit' && keys w && wait_for 'New workshop'
typein 'Banca en línea'
keys Down Down Down Down Down Down Down
typein '9'
keys F2 && wait_for 'Saved'
ok $? "the screens save a record"

is "$(vol list --all | grep -c 'Banca en línea\|Videollamadas')" 2 \
	"list beside the screens shows their new record too"
like "$(vol show "$id")" "Videollamadas" "show beside the screens"
st=$(vol status --json)
ok $? "status beside the screens"
like "$st" '"unsynced": 1' "and counts the screens' unsynced record"
like "$(vol export --csv)" "Banca en línea" "export beside the screens"
vol report >/dev/null
ok $? "report beside the screens"
like "$(vol summary "$id" --format txt -o -)" "Videollamadas" "a summary beside the screens"
like "$(vol forms workshop)" "attendees" "forms beside the screens"

vol add workshop title="Desde fuera" municipality=Almazán attendees=1 >"$T/out" 2>"$T/err"
is $? 1 "add beside the screens: refused, exit 1"
like "$(cat "$T/err")" "in use by another volunteer program" "with a message that says why"
before=$(git --git-dir="$T/r.git" rev-parse main)
vol sync >"$T/out" 2>"$T/err"
is $? 1 "a sync from cron beside the screens: refused"
is "$(git --git-dir="$T/r.git" rev-parse main)" "$before" "and the remote is untouched"

keys q
tui_wait_exit
is "$(vol list --all | grep -c 'Desde fuera')" 0 "nothing was written by the refused add"
is "$(sqlite3 "$T/ana/data/volunteer.db" 'PRAGMA integrity_check')" ok "the database is whole"
vol sync >/dev/null 2>&1
is $? 0 "with the screens closed, the sync goes"
is "$(vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["safe"])')" True \
	"and everything is safe"
tui_stderr_clean
ok $? "no sanitizer report"
done_testing
