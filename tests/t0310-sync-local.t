#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two volunteers work offline and sync twice through a bare repository given by its path:
# both end with the union, the repository holds one file per record, personal data stays
# on the laptop without consent, deletions travel as tombstones, --dry-run sends nothing,
# a USB stick is made on first use, and a remote that is gone leaves everything unsynced.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
R="$T/remote.git"
git init -q --bare "$R" || skip_all "cannot create a bare repository"

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
unsynced() { vol status --json | json 'd["unsynced"]'; }
files() { git --git-dir="$1" ls-tree -r --name-only main -- "${2:-records/}" 2>/dev/null; }

mkvol ana ana --remote "$R"
ANA=$VCONF
mkvol bea bea --remote "$R"
BEA=$VCONF

# -- offline work
VCONF=$ANA
a1=$(vol add visit business="Panadería Las Eras" municipality=Almazán contact_name="Pepe Ruiz" \
	contact_phone=600111222 consent=no findings="Sin web")
a2=$(vol add visit business="Bar Plaza" municipality=Almazán contact_name="Luisa Gil" \
	contact_email=luisa@example.org consent=yes)
a3=$(vol add task business="Bar Plaza" title="Web nueva" municipality=Almazán)
VCONF=$BEA
b1=$(vol add workshop title="Videollamadas" municipality=Berlanga attendees=12)
b2=$(vol add visit business="Quesería" municipality=Berlanga)
is "$(unsynced)" 3 "bea has three unsynced records (a workshop, a visit and its business)"

# -- dry run: says what would go, sends nothing
out=$(vol sync --dry-run)
ok $? "dry run"
like "$out" "would send 3" "the dry run counts what would be sent"
like "$out" "Quesería" "and names it"
is "$(files "$R" | wc -l)" 0 "the dry run sent nothing"
is "$(unsynced)" 3 "still unsynced after a dry run"
is "$(vol sync --dry-run --json | json 'd["sent"], d.get("dry_run")')" "3 True" "dry run --json"

# -- first round
VCONF=$ANA
# (each new business is a record too: ana's two, bea's one)
is "$(vol sync)" "sent 5, received 0, conflicts 0" "ana's first sync creates the branch"
VCONF=$BEA
is "$(vol sync)" "sent 3, received 5, conflicts 0" "bea sends hers and receives ana's"
VCONF=$ANA
is "$(vol sync)" "sent 0, received 3, conflicts 0" "ana receives bea's"
# -- second round: nothing new, nothing doubled
is "$(vol sync)" "sent 0, received 0, conflicts 0" "a second sync moves nothing"
VCONF=$BEA
is "$(vol sync)" "sent 0, received 0, conflicts 0" "nor for bea"

for v in $ANA $BEA; do
	VCONF=$v
	is "$(vol list --all --json | json '" ".join(sorted(r["id"] for r in d))')" \
		"$(printf '%s\n' $a1 $a2 $a3 $b1 $b2 | sort | tr '\n' ' ' | sed 's/ $//')" \
		"$(basename "$(dirname "$v")") holds the union"
	is "$(unsynced)" 0 "$(basename "$(dirname "$v")") has nothing left to send"
done
is "$(files "$R" | wc -l)" 8 "the repository holds one file per record"
is "$(files "$R" | sed 's|.*/||; s|\.json$||' | sort -u | wc -l)" 8 "no record twice"
like "$(files "$R" | grep "$a3")" "^records/task/[0-9]{4}/[0-9]{2}/[0-9]{2}/$a3.json$" \
	"a record lives at records/<kind>/<yyyy>/<mm>/<dd>/<id>.json"
git --git-dir="$R" fsck --strict >/dev/null 2>&1
ok $? "git fsck of the remote is clean"
is "$(git --git-dir="$R" log --format='%an <%ae>' main | sort -u | tr '\n' ' ')" \
	"Volunteer ana <ana@volunteer.invalid> Volunteer bea <bea@volunteer.invalid> " \
	"commits are authored by the volunteers"
is "$(git --git-dir="$R" rev-list --count main)" 2 "one commit per sync that sent something"

# -- the file format: sorted keys, two-space indent, final newline
f=$(files "$R" | grep "$a3")
git --git-dir="$R" show "main:$f" >"$T/file"
is "$(head -c 15 "$T/file")" '{
  "created": ' "sorted keys, two-space indent"
is "$(tail -c 2 "$T/file" | od -An -c | tr -d ' ')" '}\n' "a newline at the end"

# -- personal data
f=$(files "$R" | grep "$a1")
git --git-dir="$R" show "main:$f" >"$T/a1"
if grep -q -e "Pepe" -e 600111222 -e contact_ "$T/a1"; then fail=1; else fail=0; fi
is "$fail" 0 "without consent the contact fields never reach the repository"
like "$(cat "$T/a1")" "Sin web" "the rest of the record is there"
like "$(git --git-dir="$R" show "main:$(files "$R" | grep "$a2")")" "luisa@example.org" \
	"with consent they do"
VCONF=$ANA
is "$(vol show "$a1" --json | json 'd["fields"]["contact_name"], d["synced"]')" \
	"Pepe Ruiz True" "ana keeps the contact after her record came back"
VCONF=$BEA
is "$(vol show "$a1" --json | json '"contact_name" in d["fields"]')" "False" \
	"bea never received it"
# bea edits ana's visit; the contact must survive on ana's laptop
vol edit "$a1" findings="Sin web; quiere tienda" >/dev/null
vol sync >/dev/null
VCONF=$ANA
vol sync >/dev/null
is "$(vol show "$a1" --json | json 'd["fields"]["contact_name"], d["fields"]["findings"]')" \
	"Pepe Ruiz Sin web; quiere tienda" "an edit from elsewhere keeps the local contact data"

# -- deletions are tombstones
vol delete "$a3"
is "$(vol sync)" "sent 1, received 0, conflicts 0" "a deletion is sent"
like "$(git --git-dir="$R" show "main:$(files "$R" | grep "$a3")")" '"deleted": true' \
	"as a tombstone, the file stays"
VCONF=$BEA
vol sync >/dev/null
is "$(vol list --all --json | json 'sum(r["id"] == sys.argv[1] for r in d)' "$a3")" 0 \
	"the deletion reached bea"
is "$(vol show "$a3" --json | json 'd["deleted"]')" "True" "as a tombstone"

# -- status says when the laptop may be handed back
VCONF=$BEA
is "$(vol status --json | json 'd["safe"], d["remote"] == sys.argv[1]' "$R")" \
	"True True" "status: safe after a sync, and the remote"
like "$(vol status)" "safe on the remote at commit $(git --git-dir="$R" rev-parse main)" \
	"status names the commit"
vol add visit business="Nueva" municipality=Berlanga >/dev/null
is "$(vol status --json | json 'd["safe"]')" "False" "status: not safe with an unsynced record"

# -- a remote that is gone: exit 1, a clear message, nothing marked
mv "$R" "$T/elsewhere.git"
vol sync >"$T/out" 2>"$T/err"
is $? 1 "remote gone: exit 1"
like "$(cat "$T/err")" "cannot reach the remote $R" "the message names the remote"
is "$(unsynced)" 2 "the unsynced count is unchanged"
is "$(cat "$T/out")" "" "nothing on stdout"
mv "$T/elsewhere.git" "$R"
is "$(vol sync)" "sent 2, received 0, conflicts 0" "back again: it is sent, with its business"

# -- a USB stick: --remote PATH makes a bare repository on first use; what travels on a
# stick stays unsynced until the shared repository has it
mkdir "$T/usb"
u=$(vol add visit business="Sin cobertura" municipality=Berlanga)
is "$(vol sync --remote "$T/usb/shared.git" 2>"$T/err")" "sent 2, received 0, conflicts 0" \
	"sync to a new stick"
like "$(cat "$T/err")" "stay unsynced" "the stick is not the shared repository, and it says so"
is "$(git --git-dir="$T/usb/shared.git" rev-parse --is-bare-repository)" true \
	"the stick holds a bare repository"
is "$(files "$T/usb/shared.git" | wc -l)" 2 "with the unsynced record and its business"
is "$(vol status --json | json 'd["safe"], d["unsynced"]')" "False 2" \
	"not safe yet: only the stick has it"
is "$(vol sync --remote "$T/usb/shared.git" 2>/dev/null)" "sent 0, received 0, conflicts 0" \
	"a second sync to the stick sends nothing new"
vol sync --remote "$T/nostick/shared.git" >/dev/null 2>"$T/err"
is $? 1 "a stick that is not mounted: exit 1"
like "$(cat "$T/err")" "does not exist" "and says so"
# the coordinator takes the stick to the shared repository
mkvol coord coord --role coordinator --remote "$R"
is "$(vol sync --remote "$T/usb/shared.git" 2>/dev/null)" "sent 0, received 2, conflicts 0" \
	"the coordinator reads the stick"
is "$(vol status --json | json 'd["unsynced"]')" 2 "what came on the stick waits for the shared repository"
is "$(vol sync)" "sent 2, received 10, conflicts 0" "the stick's record reaches the shared repository"
is "$(files "$R" | wc -l)" 12 "where every record is once"
VCONF=$BEA
is "$(vol sync)" "sent 0, received 0, conflicts 0" "bea's own sync then finds it there"
is "$(vol status --json | json 'd["safe"]')" "True" "and her laptop is safe"

# -- bad usage
vol sync --bogus >/dev/null 2>&1
is $? 2 "an unknown option: exit 2"
vol sync extra >/dev/null 2>&1
is $? 2 "an extra argument: exit 2"
mkvol lone lone
vol sync >/dev/null 2>"$T/err"
is $? 2 "no remote at all: exit 2"
like "$(cat "$T/err")" "remote" "the message names the remote"

done_testing
