#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A visit written by an older program (no business_id) arrives by sync on two laptops at
# once, for a business neither knows: each links it to a business of that name, made by
# the import and sent by the same sync; the two laptops make the same file, so the second
# to push finds it there already: one business record in the repository, no conflict,
# every laptop safe, `report` counts one business. An old visit whose name is only
# punctuation gets no business, and nothing breaks.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
R="$T/remote.git"
git init -q --bare "$R" || give_up "a bare repository can be created"

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
files() { git --git-dir="$R" ls-tree -r --name-only main -- "$1" 2>/dev/null; }
# The businesses whose history (`show BUSINESS --json`) lists record $1, and a name.
link() {
	for _b in $(vol list --kind business --all --json | json '" ".join(r["id"] for r in d)'); do
		vol show "$_b" --json | json '[d["id"] for r in d["history"] if r["id"] == sys.argv[1]]' "$1" |
			grep -q "$_b" && echo "$_b"
	done
}
name_of() { vol show "$1" --json | json 'd["fields"]["name"]'; }
# The total number of businesses `report --csv` counts.
businesses() {
	vol report --csv | python3 -c 'import csv,sys
for r in csv.DictReader(sys.stdin):
    if r["municipality"] == "total":
        print(r["businesses"])'
}

mkvol ana ana --remote "$R"
ANA=$VCONF
mkvol bea bea --remote "$R"
BEA=$VCONF
for v in $ANA $BEA; do
	printf '[sync]\ntimeout = 1\n' >>"$v"
done

# old_visit NAME [SECTOR]: an older program's visit pushed by hand (a file without
# business_id, in Berlanga); prints its id.
git init -q -b main "$T/w" || give_up "a work tree for the older program"
old_visit() {
	# on top of what the shared branch holds now (nothing at first)
	(cd "$T/w" && git fetch -q "$R" main 2>/dev/null && git reset -q --hard FETCH_HEAD)
	python3 - "$T/w" "$@" <<'PY'
import json, os, sys, time, random
ms = int(time.time() * 1000)
h = "%012x" % ms + "7" + "%03x" % random.randrange(4096) + "%x" % (8 + random.randrange(4)) + "%015x" % random.randrange(16 ** 15)
i = "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])
day = time.strftime("%Y/%m/%d", time.gmtime(ms / 1000))
fields = {"business": sys.argv[2], "municipality": "Berlanga", "date": "2026-11-25"}
if len(sys.argv) > 3:
    fields["sector"] = sys.argv[3]
r = {"id": i, "kind": "visit", "volunteer": "cy", "device": "old-laptop", "rev": 3,
     "created": "2026-11-25T09:00:00Z", "updated": "2026-11-26T10:30:00Z",
     "deleted": False, "fields": fields}
p = os.path.join(sys.argv[1], "records", "visit", day)
os.makedirs(p, exist_ok=True)
with open(os.path.join(p, i + ".json"), "w") as f:
    f.write(json.dumps(r, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
print(i)
PY
	(cd "$T/w" && git add -A && git -c user.name=Cy -c user.email=cy@example.org commit -qm old &&
		git push -q "$R" HEAD:main) || give_up "the older program's visit is pushed"
}
v=$(old_visit "Panadería  Hnos. Ruiz" food_drink)
[ -n "$v" ] || give_up "the older program's file is written"

# -- ana syncs while the shared folder is busy: she imports, but cannot push yet
python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "a")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(120)' "$R/volunteer-push.lock" "$T/locked" &
holder=$!
n=0
while [ ! -e "$T/locked" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ -e "$T/locked" ] || give_up "the shared folder is held busy"
VCONF=$ANA
out=$(vol sync 2>&1)
ok $([ $? -ne 0 ]; echo $?) "ana's sync cannot push to a busy folder"
like "$out" "try again|sync again" "and says to try again"
kill $holder
wait $holder 2>/dev/null
ba=$(link "$v")
like "$ba" '^[0-9a-f]{8}-' "ana: the old visit is linked to a business"
is "$(name_of "$ba")" "Panadería  Hnos. Ruiz" "under the old visit's name"
is "$(vol show "$ba" --json | json 'd["fields"]["municipality"], d["fields"].get("sector")')" \
	"Berlanga food_drink" "in its municipality, with its sector"
is "$(vol status --json | json 'd["safe"], d["unsynced"]')" "False 1" \
	"ana's status: the business is not on the remote yet, not safe"

# -- bea syncs meanwhile: she makes the same business and pushes it first
VCONF=$BEA
is "$(vol sync)" "sent 1, received 1, conflicts 0" "bea receives the visit and sends the business made for it"
bb=$(link "$v")
is "$bb" "$ba" "bea: the old visit is linked to the same business id"
is "$(name_of "$bb")" "Panadería  Hnos. Ruiz" "with the same name"
is "$(files records/business/ | wc -l)" 1 "the repository holds one business"

# -- ana syncs again: the file on the remote is hers already
VCONF=$ANA
is "$(vol sync)" "sent 0, received 0, conflicts 0" \
	"ana finds the very business she made on the remote: nothing to merge, nothing to send"
VCONF=$BEA
is "$(vol sync)" "sent 0, received 0, conflicts 0" "bea's second sync moves nothing"

is "$(files records/business/ | wc -l)" 1 "after both synced twice: exactly one business record"
like "$(files records/business/)" "/$ba\\.json\$" "at the business's id"
f=$(files records/business/)
is "$(git --git-dir="$R" show "main:$f" | json 'd["volunteer"], d["device"], d["rev"], d["created"], d["updated"]')" \
	"cy old-laptop 1 2026-11-25T09:00:00Z 2026-11-25T09:00:00Z" \
	"its author, device and dates are the old visit's, its rev 1: nothing of either laptop"
is "$(files conflicts/ | wc -l)" 0 "no conflict file"
is "$(git --git-dir="$R" log --format=%an main -- records/business/ | tr '\n' ' ')" \
	"Volunteer bea " "one commit brought it: bea's"
for who in ana bea; do
	eval VCONF=\$$(echo $who | tr a-z A-Z)
	is "$(vol list --conflicts --count 2>/dev/null || vol list --all --json | json 'sum(1 for r in d if r.get("conflict"))')" 0 "$who: no record in conflict"
	is "$(safe_is_true "$R")" safe "$who: status says safe, and the remote holds everything"
	is "$(businesses)" 1 "$who: report --csv counts one business"
	is "$(vol list --all --count):$(vol list --kind business --all --count)" "1:1" \
		"$who: the old visit is listed, and its business"
done

# -- an old visit whose name is only punctuation: no business, and sync goes on
p=$(old_visit "... ¡!! -- ()")
for who in ana bea; do
	eval VCONF=\$$(echo $who | tr a-z A-Z)
	is "$(vol sync)" "sent 0, received 1, conflicts 0" "$who receives it and sends nothing for it"
	is "$(link "$p")" "" "$who: it is linked to no business"
	is "$(vol list --all --count):$(vol list --kind business --all --count)" "2:1" \
		"$who: it is listed, and no business is made"
	is "$(safe_is_true "$R")" safe "$who: still safe"
	vol report --csv >/dev/null
	ok $? "$who: report still runs"
done
is "$(files records/business/ | wc -l)" 1 "the repository still holds one business"

done_testing
