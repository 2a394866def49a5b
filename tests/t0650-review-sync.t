#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A coordinator's flag reaches the author through two syncs (the coordinator's, then the
# author's), over a real bare repository: the author sees it in `list --flagged`, with the
# comment, as reviews/<record-id>/<review-id>.json in the shared repository; a later --ok
# travels the same way and clears it.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
git init -q --bare "$T/remote.git" || skip_all "cannot create a bare repository"
mkvol ana ana --remote "$T/remote.git"
ANA=$VCONF
mkvol coord coord --role coordinator --remote "$T/remote.git"
COORD=$VCONF

VCONF=$ANA
id=$(vol add visit business="Panadería Las Eras" municipality=Almazán date=2026-11-02 \
	duration_min=600)
vol sync >"$T/out" 2>"$T/err"
is "$?" 0 "ana sends her visit"

VCONF=$COORD
vol sync >/dev/null 2>"$T/err"
ok $? "the coordinator receives it"
is "$(vol list --all | wc -l)" 1 "the coordinator has ana's visit"
rv=$(vol review "$id" --flag "¿600 minutos? Revisa la duración")
ok $? "the coordinator flags it"
vol sync >/dev/null 2>"$T/err"
ok $? "first sync: the coordinator sends the flag"
is "$(git --git-dir="$T/remote.git" ls-tree -r --name-only main -- reviews/ 2>/dev/null)" \
	"reviews/$id/$rv.json" "the review is its own file in the shared repository"
is "$(git --git-dir="$T/remote.git" show "main:reviews/$id/$rv.json" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["by"], r["status"], r["record"])')" \
	"coord flagged $id" "a review file names its author, status and record"

VCONF=$ANA
is "$(vol list --flagged | wc -l)" 0 "before her sync ana sees no flag"
vol sync >/dev/null 2>"$T/err"
ok $? "second sync: ana receives the flag"
like "$(vol list --flagged)" "^$(printf '%.8s' "$id")[0-9a-f-]* " "ana's list --flagged shows her visit"
is "$(vol show "$id" --json | python3 -c 'import json,sys; r=json.load(sys.stdin)["reviews"][-1]; print(r["by"], r["status"], r["comment"])')" \
	"coord flagged ¿600 minutos? Revisa la duración" "with the coordinator's comment"

# She fixes it; the coordinator sees the fix and clears the flag; it reaches her too.
vol edit "$id" duration_min=60 >/dev/null
vol sync >/dev/null 2>&1
VCONF=$COORD
vol sync >/dev/null 2>&1
is "$(vol show "$id" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["fields"]["duration_min"])')" \
	60 "the coordinator receives the fix"
vol review "$id" --ok --comment "Gracias" >/dev/null
vol sync >/dev/null 2>&1
VCONF=$ANA
vol sync >/dev/null 2>&1
is "$(vol list --flagged | wc -l)" 0 "the later ok clears the flag on ana's laptop"
is "$(vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])')" \
	0 "nothing left to send"

done_testing
