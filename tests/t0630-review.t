#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `volunteer review`: only a coordinator reviews; a flag needs a comment; a flagged record
# shows in `list --flagged` and in the author's list; a later --ok clears it; --resolve
# ends a conflict (with --take, by taking the losing version from its conflicts/ file).
# The author and the coordinator share one database here, as after a sync.
. "${0%/*}/lib.sh"

mkvol coord coord --role coordinator --data-dir "$T/shared"
COORD=$VCONF
mkvol ana ana --data-dir "$T/shared"
ANA=$VCONF

id=$(vol add visit business="Panadería Las Eras" municipality=Almazán date=2026-11-02 \
	duration_min=600)
ok $? "ana logs a visit"
other=$(vol add task business="Bar Plaza" title=Web municipality=Almazán date=2026-11-03)
short=$(printf '%.8s' "$id")

# A volunteer may not review.
vol review "$id" --ok >"$T/out" 2>"$T/err"
is $? 2 "a volunteer's review: exit 2"
like "$(cat "$T/err")" "review: only coordinators review records \(set role = coordinator\)" \
	"the message says who may review"
is "$(vol show "$id" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["reviews"]))')" \
	0 "and nothing was written"

VCONF=$COORD
vol review "$id" --flag "" >/dev/null 2>"$T/err"
is $? 2 "an empty --flag comment: exit 2"
like "$(cat "$T/err")" "--flag" "the message names --flag"
vol review "$id" --flag "   " >/dev/null 2>"$T/err"
is $? 2 "a blank --flag comment: exit 2"
vol review "$id" >/dev/null 2>"$T/err"
is $? 2 "no --ok, --flag or --resolve: exit 2"
vol review "$id" --ok --flag "x" >/dev/null 2>"$T/err"
is $? 2 "--ok and --flag together: exit 2"
vol review 0000ffff --ok >/dev/null 2>"$T/err"
is $? 1 "no such record: exit 1"
vol review "$id" --flag "$(printf 'bad\033[31m')" >/dev/null 2>"$T/err"
is $? 2 "a comment with terminal controls: exit 2"

rv=$(vol review "${id%-*}" --flag "¿600 minutos? Revisa la duración")
ok $? "the coordinator flags the visit (by a prefix of its id)"
like "$rv" '^[0-9a-f]{8}-[0-9a-f]{4}-7' "prints the review's id"
like "$(vol list --flagged)" "^$short[0-9a-f-]* .*Panadería Las Eras.*⚠" "list --flagged shows it, marked"
is "$(vol list --flagged | wc -l)" 1 "and only it"
is "$(vol show "$id" --json | python3 -c 'import json,sys; r=json.load(sys.stdin)["reviews"][-1]; print(r["by"], r["status"], r["comment"])')" \
	"coord flagged ¿600 minutos? Revisa la duración" "show --json carries the review"
like "$(vol status --json)" '"unsynced": [1-9]' "the review waits to be sent"

VCONF=$ANA
like "$(vol list --flagged)" "^$short[0-9a-f-]* " "the author's list --flagged shows it"
like "$(vol show "$id")" "flagged" "show says flagged"
like "$(vol show "$id")" "coord: ¿600 minutos\? Revisa la duración" "show has the comment"

VCONF=$COORD
vol review "$id" --ok --comment "Corregido" >/dev/null
ok $? "a later --ok"
is "$(vol list --flagged | wc -l)" 0 "clears the flag"
is "$(vol show "$id" --json | python3 -c 'import json,sys; print([(r["status"], r["comment"]) for r in json.load(sys.stdin)["reviews"]])')" \
	"[('flagged', '¿600 minutos? Revisa la duración'), ('ok', 'Corregido')]" \
	"both reviews are kept, oldest first"
vol review "$other" --ok >/dev/null
is "$(vol list --unreviewed | wc -l)" 0 "reviewed records leave --unreviewed"

# Conflicts: sync marks them; here the mark is set in the database directly.
if ! command -v sqlite3 >/dev/null; then
	skip "sqlite3 is not installed: no conflict to resolve"
	done_testing
fi
vol review "$id" --resolve >/dev/null 2>"$T/err"
is $? 2 "--resolve without a conflict: exit 2"
like "$(cat "$T/err")" "no conflict" "says there is none"
sqlite3 "$T/shared/volunteer.db" "UPDATE record SET conflict = 1 WHERE id = '$id'"
is "$(vol list --all --conflicts | wc -l)" 1 "a conflict is marked"
vol edit "$id" duration_min=60 >/dev/null
vol review "$id" --resolve >/dev/null
ok $? "--resolve after merging by hand"
is "$(vol list --all --conflicts | wc -l)" 0 "the conflict mark is gone"
is "$(vol show "$id" --json | python3 -c 'import json,sys; r=json.load(sys.stdin)["reviews"][-1]; print(r["status"], r["comment"], r["by"])')" \
	"ok conflict resolved coord" "as a review 'ok' saying so"

# --take: the losing version, as sync keeps it under conflicts/<id>/<rev>-<device>.json.
sqlite3 "$T/shared/volunteer.db" "UPDATE record SET conflict = 1 WHERE id = '$id'"
lostrev=$(vol show "$id" --json | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(r["rev"])
for k in ("synced", "conflict", "reviews"):
    r.pop(k)
r["fields"]["business"] = "Panadería Las Eras (versión perdida)"
r["fields"]["duration_min"] = 75
r["device"] = "otro-portatil"
json.dump(r, open(sys.argv[1], "w"), ensure_ascii=False, sort_keys=True, indent=2)' "$T/lost.json")
vol show "$other" --json | python3 -c '
import json, sys
r = json.load(sys.stdin)
for k in ("synced", "conflict", "reviews"):
    r.pop(k)
json.dump(r, open(sys.argv[1], "w"))' "$T/wrong.json"
vol review "$id" --resolve --take "$T/wrong.json" >/dev/null 2>"$T/err"
is $? 2 "--take of another record's file: exit 2"
like "$(cat "$T/err")" "--take" "the message names --take"
vol review "$id" --resolve --take "$T/missing.json" >/dev/null 2>"$T/err"
is $? 2 "--take of a missing file: exit 2"
vol review "$id" --take "$T/lost.json" >/dev/null 2>"$T/err"
is $? 2 "--take without --resolve: exit 2"
vol review "$id" --resolve --take "$T/lost.json" >/dev/null
ok $? "--resolve --take FILE"
is "$(vol show "$id" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["fields"]["business"], r["fields"]["duration_min"], r["conflict"], r["volunteer"], r["reviews"][-1]["comment"])')" \
	"Panadería Las Eras (versión perdida) 75 False ana conflict resolved (took rev $lostrev from otro-portatil)" \
	"the losing version is the record now, still ana's, and the review says where it came from"

# A deleted record is not reviewed: its author would never see the flag.
VCONF=$ANA
vol delete "$other"
VCONF=$COORD
vol review "$other" --flag "¿Por qué?" >/dev/null 2>"$T/err"
is $? 2 "reviewing a deleted record: exit 2"
like "$(cat "$T/err")" "deleted" "says it is deleted"

done_testing
