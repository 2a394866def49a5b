#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What "safe" rests on, one case at a time: a losing version waiting for a push that a
# server hook refuses; a hand edit by a plain git user that kept rev; a record file removed
# in an ordinary commit; a counter near 2^63; a forged copy of a record under another kind,
# with a third laptop joining afterwards; and a fresh laptop's first sync, which receives
# old conflicts without calling them its own.
. "${0%/*}/lib.sh"

serve_shared_repo

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
safe() { vol status --json | json 'd["safe"]'; }
field() { vol show "$1" --json | json 'd["fields"].get(sys.argv[1], "(unset)")' "$2"; }
path_of() { git --git-dir="$R" ls-tree -r --name-only main -- records/ | grep "$1"; }

mkvol ana ana --remote "$URL"
ANA=$VCONF
mkvol bea bea --remote "$URL"
BEA=$VCONF

# ---- a clash whose push a hook refuses: not safe until the losing version is delivered
VCONF=$ANA
x=$(vol add visit business="Panadería Las Eras" municipality=Almazán findings="base")
vol sync >/dev/null
VCONF=$BEA
vol sync >/dev/null
vol edit "$x" findings="Según Bea" >/dev/null
VCONF=$ANA
sleep 1
vol edit "$x" findings="Según Ana" >/dev/null
vol sync >/dev/null
VCONF=$BEA
cat >"$R/hooks/pre-receive" <<'EOF'
#!/bin/sh
echo "the server is closed for maintenance" >&2
exit 1
EOF
chmod +x "$R/hooks/pre-receive"
vol sync >"$T/out" 2>"$T/err"
is $? 1 "clash refused: bea's push is refused by the hook, exit 1"
is "$(git --git-dir="$R" ls-tree -r --name-only main -- conflicts/ | wc -l)" 0 \
	"clash refused: no losing version reached the remote"
is "$(safe)" False "clash refused: bea is not safe"
is "$(vol status --json | json 'len(d["missing"]["conflicts"])')" 1 \
	"clash refused: status lists the losing version as missing"
like "$(vol status)" "NOT safe" "clash refused: the text says NOT safe"
rm "$R/hooks/pre-receive"
vol sync >/dev/null 2>&1
is "$?" 0 "clash delivered: the next sync goes through"
is "$(git --git-dir="$R" ls-tree -r --name-only main -- conflicts/ | wc -l)" 1 \
	"clash delivered: the losing version is under conflicts/"
is "$(safe)" True "clash delivered: now bea is safe"

# ---- a hand edit that kept rev, while a laptop edits another field
VCONF=$ANA
vol sync >/dev/null 2>&1
y=$(vol add visit business="Ferretería Soria" municipality=Almazán findings="base" duration_min=30)
vol sync >/dev/null
rm -rf "$T/hand"
git clone -q -b main "$URL" "$T/hand"
p=$(cd "$T/hand" && git ls-files | grep "$y")
python3 - "$T/hand/$p" <<'EOF'
import json, sys
f = sys.argv[1]
d = json.load(open(f))
d["fields"]["next_steps"] = "Corregido a mano"
open(f, "w").write(json.dumps(d, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
EOF
git -C "$T/hand" commit -q -am "Fix by hand" && git -C "$T/hand" push -q origin HEAD:main
ok $? "hand edit: a plain git user changes next_steps and keeps rev"
vol edit "$y" duration_min=45 >/dev/null
vol sync >/dev/null 2>&1
is "$(field "$y" next_steps) / $(field "$y" duration_min)" "Corregido a mano / 45" \
	"hand edit: both the hand edit and the laptop's edit survive"
is "$(git --git-dir="$R" show "main:$(path_of "$y")" | json 'd["fields"]["next_steps"], d["fields"]["duration_min"]')" \
	"Corregido a mano 45" "hand edit: and so does the remote"
git -C "$T/hand" pull -q --rebase origin main
python3 - "$T/hand/$p" <<'EOF'
import json, sys
f = sys.argv[1]
d = json.load(open(f))
d["fields"]["findings"] = "Escrito a mano"
open(f, "w").write(json.dumps(d, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
EOF
git -C "$T/hand" commit -q -am "Another fix by hand" && git -C "$T/hand" push -q origin HEAD:main
vol edit "$y" findings="Escrito en el portátil" >/dev/null
vol sync >/dev/null 2>&1
kept=$(git --git-dir="$R" ls-tree -r --name-only main -- "conflicts/$y/" | while read -r c; do
	git --git-dir="$R" show "main:$c"; done | json 'd["fields"]["findings"]' 2>/dev/null)
now=$(field "$y" findings)
ok "$([ "$now" = "Escrito en el portátil" ] && [ "$kept" = "Escrito a mano" ]; echo $?)" \
	"hand edit of the same field: one wins, the other is kept under conflicts/ ($now / $kept)"
is "$(vol show "$y" --json | json 'd["conflict"]')" True "hand edit of the same field: flagged"

# ---- a record file removed in an ordinary commit is sent again
VCONF=$ANA
vol sync >/dev/null 2>&1
z=$(vol add workshop title="Banca en línea" municipality=Almazán attendees=9)
vol sync >/dev/null 2>&1
git -C "$T/hand" pull -q --rebase origin main
git -C "$T/hand" rm -q "$(cd "$T/hand" && git ls-files | grep "$z")"
git -C "$T/hand" commit -q -m "Remove a record" && git -C "$T/hand" push -q origin HEAD:main
is "$(safe)" False "removed: status, asking the remote, is not safe any more"
vol sync >/dev/null 2>"$T/err"
like "$(cat "$T/err")" "removed from the shared repository; they were sent again" \
	"removed: the sync says it sent it again"
ok "$([ -n "$(path_of "$z")" ]; echo $?)" "removed: the record is back on the remote"
is "$(safe)" True "removed: safe again"

# ---- a counter near 2^63 arriving: quarantined, and the laptops keep working
git -C "$T/hand" pull -q --rebase origin main
hid=$(python3 -c 'import uuid, time; ms=int(time.time()*1000); h="%012x" % ms; r=uuid.uuid4().hex; print("%s-%s-7%s-a%s-%s" % (h[:8], h[8:], r[:3], r[3:6], r[6:18]))')
day=$(python3 -c 'import time; print(time.strftime("%Y/%m/%d", time.gmtime()))')
mkdir -p "$T/hand/records/workshop/$day"
cat >"$T/hand/records/workshop/$day/$hid.json" <<EOF
{"created": "2026-11-20T10:00:00Z", "deleted": false, "device": "evil", "fields": {"title": "Huge", "municipality": "Almazán", "attendees": 1}, "id": "$hid", "kind": "workshop", "rev": 9223372036854775807, "updated": "2026-11-20T10:00:00Z", "volunteer": "evil"}
EOF
git -C "$T/hand" add -A && git -C "$T/hand" commit -q -m "Huge counter" && git -C "$T/hand" push -q origin HEAD:main
vol sync >/dev/null 2>&1
is "$?" 0 "huge rev: the sync goes on"
like "$(vol status)" "quarantined records/workshop/$day/$hid.json: rev: .*hostile" \
	"huge rev: the file is quarantined as hostile"
ok "$(vol show "$hid" >/dev/null 2>&1; [ $? -ne 0 ]; echo $?)" "huge rev: the record is not taken in"
w=$(vol add workshop title="Después" municipality=Almazán attendees=2)
is "$(vol show "$w" --json | json 'd["rev"] < 2**53')" True "huge rev: a new record has a small rev"
vol sync >/dev/null 2>&1
is "$(safe)" True "huge rev: the laptop still syncs and is safe"

# ---- a forged copy under another kind: every laptop keeps the first, whoever joins when
VCONF=$ANA
f=$(vol add visit business="Farmacia Central" municipality=Almazán findings="real")
vol sync >/dev/null 2>&1
git -C "$T/hand" pull -q --rebase origin main
fday=$(dirname "$(path_of "$f")" | sed 's|records/visit/||')
mkdir -p "$T/hand/records/task/$fday"
cat >"$T/hand/records/task/$fday/$f.json" <<EOF
{"created": "2026-11-20T10:00:00Z", "deleted": false, "device": "forger", "fields": {"title": "Forged", "municipality": "Almazán", "business": "X", "date": "2026-11-20"}, "id": "$f", "kind": "task", "rev": 99, "updated": "2026-11-20T10:00:00Z", "volunteer": "forger"}
EOF
git -C "$T/hand" add -A && git -C "$T/hand" commit -q -m "Forged" && git -C "$T/hand" push -q origin HEAD:main
for v in $ANA $BEA; do
	VCONF=$v
	vol sync >/dev/null 2>&1
done
mkvol carla carla --remote "$URL"
CARLA=$VCONF
vol sync >/dev/null 2>&1
for v in $ANA $BEA $CARLA; do
	VCONF=$v
	name=$(basename "$(dirname "$v")")
	is "$(vol show "$f" --json | json 'd["kind"], d["fields"].get("findings")')" "visit real" \
		"forged: $name keeps the record that was first in the history"
	like "$(vol status)" "quarantined records/task/$fday/$f.json" "forged: $name reports the copy"
done

# ---- a fresh laptop's first sync receives old conflicts, without calling them its own
mkvol dani dani --remote "$URL"
is "$(vol sync 2>/dev/null)" "sent 0, received $(git --git-dir="$R" ls-tree -r --name-only main -- records/ reviews/ | grep -vc "$hid\|/task/$fday/$f")"", conflicts 0" \
	"fresh laptop: its first sync reports no conflict of its own"
is "$(vol show "$x" --json | json 'd["conflict"]')" True "fresh laptop: the old conflict is flagged"

done_testing
