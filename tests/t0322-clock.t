#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A laptop whose battery died wakes up in 1968 (or 2000). Saving then would make a record
# that sorts before everything and has no place in the repository's day folders. The
# program refuses, says what the clock says, exits 1 and writes nothing; the screen keeps
# the form and its draft. So it does when the clock is earlier than the newest record this
# laptop wrote.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

command -v faketime >/dev/null || { echo "1..1"; echo "not ok 1 - faketime is installed (Debian package faketime)"; exit 1; }
# libfaketime is preloaded; under ASan the runtime must not insist on coming first.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
count() { vol list --all --json | json 'len(d)'; }

mkvol ana
vol add workshop title="Antes" municipality=Almazán attendees=3 >/dev/null
is "$(count)" 1 "a record saved with a good clock"

faketime '1968-05-01 10:00:00' "$VOLUNTEER" --config "$VCONF" add workshop title="Sin reloj" \
	municipality=Almazán attendees=3 >"$T/out" 2>"$T/err"
is $? 1 "1968: add exits 1"
like "$(cat "$T/err")" "clock says 1968-05-01 10:00.*set the date and time" \
	"1968: the message says what the clock says and what to do"
is "$(count)" 1 "1968: nothing was written"
is "$(cat "$T/out")" "" "1968: no id printed"

id=$(vol list --all --json | json 'd[0]["id"]')
faketime '2000-01-01 00:00:00' "$VOLUNTEER" --config "$VCONF" edit "$id" attendees=4 \
	>/dev/null 2>"$T/err"
is $? 1 "2000: an edit is refused too"
is "$(vol show "$id" --json | json 'd["fields"]["attendees"]')" 3 "2000: the record is unchanged"

faketime -f '+10d' "$VOLUNTEER" --config "$VCONF" add workshop title="Futuro" \
	municipality=Almazán attendees=3 >/dev/null 2>&1
is "$(count)" 2 "a record saved with the clock ten days ahead"
vol add workshop title="Atrás" municipality=Almazán attendees=3 >/dev/null 2>"$T/err"
is $? 1 "a clock earlier than the newest record of this laptop: refused"
like "$(cat "$T/err")" "earlier than the newest record saved on this laptop" \
	"the message says why"
is "$(count)" 2 "nothing was written"

# A record that cannot be placed in the repository's day folders (an id that is no
# UUIDv7, as a damaged or hand-made database may hold) is reported, never skipped.
git init -q --bare "$T/r.git"
mkvol carla carla --remote "$T/r.git"
cid=$(vol add workshop title="Bien" municipality=Almazán attendees=3)
bad=4f0c2a36-1b7e-4c43-9d5e-2f6a8b9c0d1e
sqlite3 "$T/carla/data/volunteer.db" "UPDATE record SET id = '$bad', body = replace(body, '$cid', '$bad') WHERE id = '$cid'"
vol add workshop title="Otro" municipality=Almazán attendees=3 >/dev/null
vol sync >"$T/out" 2>"$T/err"
is "$(cat "$T/out")" "sent 1, received 0, conflicts 0" "unplaceable: the other record is sent"
like "$(cat "$T/err")" "1 record\(s\) cannot be placed in the shared repository" "unplaceable: the sync says so"
is "$(vol status --json | json 'd["safe"], d["missing"]["records"]')" "False ['$bad']" \
	"unplaceable: status is not safe and names the record"
like "$(vol status)" "record $bad cannot be placed" "unplaceable: and says why"

# The screen keeps the form and its draft.
mkvol bea
tui_start 80 24 "FAKETIME='1968-05-01 10:00:00'" "LD_PRELOAD=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1)" "ASAN_OPTIONS=$ASAN_OPTIONS"
wait_for 'n new' || exit 1
keys n && wait_for 'v visit' && keys w && wait_for 'New workshop'
typein 'Taller sin reloj'
keys Down Down Down Down Down Down Down
typein '12'
keys F2 && wait_for "clock says 1968"
ok $? "the screen shows the clock's message on save"
like "$(screen)" "Taller sin reloj" "the form stays open with what was typed"
keys Escape && wait_for 'Leave without saving' && keys n
vol_draft=$(sqlite3 "$T/bea/data/volunteer.db" "SELECT fields FROM draft" 2>/dev/null)
like "$vol_draft" "Taller sin reloj" "the draft holds what was typed"
is "$(sqlite3 "$T/bea/data/volunteer.db" "SELECT count(*) FROM record")" 0 "and no record was written"
tui_stderr_clean
ok $? "no sanitizer report"

done_testing
