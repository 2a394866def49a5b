#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A push that the server applied, but whose answer never came back: a relay in front of
# git daemon forwards the push and drops the server's reply. The records are on the
# remote, the laptop does not know it: it must not say safe then, and the next sync must
# recognise its own revision there, with no conflict, even after the record was edited
# again on the same laptop. Then a push that went through while the laptop's database
# could not note it: the message says the records reached the remote, not that nothing
# was changed, and the next sync recognises them.
. "${0%/*}/lib.sh"

serve_shared_repo
start_relay

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
safe() { vol status --json | json 'd["safe"]'; }

mkvol ana ana --remote "$URL"
x=$(vol add visit business="Bar Plaza" municipality=Almazán findings="primera")
is "$(vol sync)" "sent 2, received 0, conflicts 0" "through the relay, a sync goes as usual (a visit and its business)"

vol edit "$x" findings="segunda" >/dev/null
y=$(vol add workshop title="Videollamadas" municipality=Almazán attendees=12)
echo drop-push-reply >"$T/mode"
vol sync >"$T/out" 2>"$T/err"
is $? 1 "answer lost: the sync fails, exit 1"
rev=$(vol show "$x" --json | json 'd["rev"]')
is "$(git --git-dir="$R" ls-tree -r --name-only main -- records/ | grep -c "$x\|$y")" 2 \
	"answer lost: yet the server applied the push"
is "$(vol status --json | json 'd["unsynced"]')" 2 "answer lost: the laptop still counts both as unsynced"
is "$(safe)" False "answer lost: and is not safe"

echo forward >"$T/mode"
vol edit "$x" findings="tercera" >/dev/null
vol sync >"$T/out" 2>"$T/err"
is $? 0 "the next sync goes through"
is "$(cat "$T/out")" "sent 1, received 0, conflicts 0" \
	"it recognises its own revisions: only the later edit is sent, no conflict"
is "$(vol show "$x" --json | json 'd["conflict"], d["fields"]["findings"]')" "False tercera" \
	"the later edit is no conflict with itself"
is "$(git --git-dir="$R" ls-tree -r --name-only main -- conflicts/ | wc -l)" 0 "nothing under conflicts/"
is "$(safe)" True "safe now"

# ---- the push goes through; the laptop's database is held, so it cannot note it
DB="$T/ana/data/volunteer.db"
cat >"$R/hooks/pre-receive" <<EOF
#!/bin/sh
python3 -c "
import sqlite3, time
c = sqlite3.connect('$DB', isolation_level=None, timeout=10)
c.execute('BEGIN EXCLUSIVE')
open('$T/locked', 'w').close()
time.sleep(8)
" </dev/null >/dev/null 2>&1 &
while [ ! -e "$T/locked" ]; do sleep 0.05; done
exit 0
EOF
chmod +x "$R/hooks/pre-receive"
z=$(vol add workshop title="Banca" municipality=Almazán attendees=4)
vol sync >"$T/out" 2>"$T/err"
is $? 1 "not noted: exit 1"
like "$(cat "$T/err")" "reached the remote" "not noted: the message says the records reached the remote"
ok "$(grep -q "nothing was changed" "$T/err"; [ $? -ne 0 ]; echo $?)" \
	"not noted: and does not say that nothing was changed"
rm -f "$R/hooks/pre-receive"
n=0
while [ -n "$(fuser "$DB" 2>/dev/null)" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
sleep 4
is "$(vol sync 2>/dev/null)" "sent 0, received 0, conflicts 0" \
	"not noted: the next sync finds them on the remote, nothing to send"
is "$(safe)" True "not noted: safe after that"

done_testing
