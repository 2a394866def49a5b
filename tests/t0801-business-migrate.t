#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Data from before the business registry comes along: opening a database of schema 5
# links every visit and task to a business by normalised name and municipality, making
# the businesses (one per name and municipality, in one transaction); two laptops that
# migrate the same records make the same business, not two; a record that arrives by
# sync from an older program links to the business already known.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
R="$T/remote.git"
git init -q --bare "$R" || give_up "a bare repository can be created"

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
field() { vol show "$1" --json | json "d['fields'].get('$2', '')"; }
# to_schema5 DB: the database as the program before the registry left it.
to_schema5() {
	sqlite3 "$1" "$SCHEMA9_SQL DELETE FROM record_fts WHERE rowid IN (SELECT rowid FROM record WHERE kind = 'business');
		DELETE FROM record WHERE kind = 'business';
		UPDATE record SET body = json_remove(body, '\$.fields.business_id');
		DROP INDEX record_business_key; DROP INDEX record_by_business; DROP INDEX IF EXISTS record_business_place;
		DROP INDEX record_agenda; ALTER TABLE record DROP COLUMN agenda;
		ALTER TABLE record DROP COLUMN business_id; ALTER TABLE record DROP COLUMN name_key;
		UPDATE record SET base = body WHERE base_is_body; ALTER TABLE record DROP COLUMN base_is_body;
		PRAGMA user_version = 5;"
}

mkvol ana ana --remote "$R" --municipality Almazán
v1=$(vol add visit business="Panadería Las Eras" date=2026-11-20)
v2=$(vol add visit business="panaderia las eras." date=2026-11-21)
t1=$(vol add task business="PANADERÍA LAS ERAS" title="Web nueva")
v3=$(vol add visit business="Bar Plaza" municipality=Berlanga)
t2=$(vol add task business="Bar Plaza" municipality=Almazán title="Perfil en mapas")
w1=$(vol add workshop title="Banca online" attendees=8)
db=$T/ana/data/volunteer.db
to_schema5 "$db"
is "$(sqlite3 "$db" "SELECT count(*) FROM record WHERE kind = 'business'")" 0 "an old database: no business"
cp -r "$T/ana/data" "$T/copy"

is "$(vol list --count)" 6 "opened by this program, every record is there"
is "$(sqlite3 "$db" 'PRAGMA user_version')" 13 "at the latest schema (13)"
is "$(search_astray "$T/ana/data")" 0 "the search index holds every record's text, the businesses made too"
is "$(vol list --all --search eras --count)" 3 "and finds the bakery's three records"
is "$(vol list --kind business --all --search eras --count)" 1 "and its business"
is "$(vol list --kind business --all --count)" 3 "one business per name and municipality: three"
is "$(vol list --kind business --all | grep -c 'Panadería Las Eras')" 1 "the bakery once, under its first spelling"
links=$(sqlite3 "$db" "SELECT count(DISTINCT business_id) FROM record WHERE id IN ('$v1', '$v2', '$t1')")
is "$links" 1 "its three records point at it"
is "$(sqlite3 "$db" "SELECT count(*) FROM record WHERE kind IN ('visit', 'task') AND business_id = ''")" 0 \
	"every visit and task is linked"
is "$(sqlite3 "$db" "SELECT business_id FROM record WHERE id = '$w1'")" "" "a workshop has no business"
ok $([ "$(sqlite3 "$db" "SELECT business_id FROM record WHERE id = '$v3'")" != \
	"$(sqlite3 "$db" "SELECT business_id FROM record WHERE id = '$t2'")" ]; echo $?) \
	"Bar Plaza of Berlanga and of Almazán are two businesses"
is "$(vol status --json | json 'd["unsynced"]')" 9 "the new businesses wait to be sent with the records"

# The same old records migrated on another laptop give the same businesses.
ids_here=$(sqlite3 "$db" "SELECT id FROM record WHERE kind = 'business' ORDER BY id" | tr '\n' ' ')
VCONF_ANA=$VCONF
mkvol bea bea --remote "$R" --municipality Almazán
rm -rf "$T/bea/data"
cp -r "$T/copy" "$T/bea/data"
bdb=$T/bea/data/volunteer.db
vol list --count >/dev/null
ids_there=$(sqlite3 "$bdb" "SELECT id FROM record WHERE kind = 'business' ORDER BY id" | tr '\n' ' ')
is "$ids_there" "$ids_here" "another laptop migrating the same records makes the same business ids"

# Refused half-way, the migration leaves the old database as it was.
cp -r "$T/copy" "$T/copy2"
c2=$T/copy2/volunteer.db
sqlite3 "$c2" "CREATE TRIGGER no_business BEFORE INSERT ON record WHEN new.kind = 'business' BEGIN SELECT RAISE(ABORT, 'refused'); END;"
printf '[volunteer]\nid = cy\nname = Cy\n[storage]\ndata_dir = %s\n' "$(dirname "$c2")" > "$T/cy.ini"
out=$("$VOLUNTEER" --config "$T/cy.ini" list --count 2>&1); rc=$?
is $rc 1 "a migration that cannot finish: exit 1"
like "$out" 'migration' "and the message says so"
is "$(sqlite3 "$c2" 'PRAGMA user_version'):$(sqlite3 "$c2" "SELECT count(*) FROM record")" "5:6" \
	"the database is left as it was (5), with its records (one transaction for every step)"

# A visit written by an older program arrives by sync: it links to the business known.
VCONF=$VCONF_ANA
vol sync >/dev/null || give_up "ana's first sync"
git clone -q -b main "$R" "$T/w" 2>/dev/null || give_up "a work tree of the shared repository"
old=$(python3 - "$T/w" <<'PY'
import json, os, sys, time, random
ms = int(time.time() * 1000)
h = "%012x" % ms + "7" + "%03x" % random.randrange(4096) + "%x" % (8 + random.randrange(4)) + "%015x" % random.randrange(16 ** 15)
i = "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])
day = time.strftime("%Y/%m/%d", time.gmtime(ms / 1000))
now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
r = {"id": i, "kind": "visit", "volunteer": "cy", "device": "old-laptop", "rev": 1,
     "created": now, "updated": now, "deleted": False,
     "fields": {"business": "Panaderia  Las Eras", "municipality": "almazan", "date": "2026-11-25"}}
p = os.path.join(sys.argv[1], "records", "visit", day)
os.makedirs(p, exist_ok=True)
with open(os.path.join(p, i + ".json"), "w") as f:
    f.write(json.dumps(r, indent=2, sort_keys=True) + "\n")
print(i)
PY
)
(cd "$T/w" && git add -A && git -c user.name=Cy -c user.email=cy@example.org commit -qm old &&
	git push -q origin HEAD:main) || give_up "an old program's visit is pushed"
vol sync >/dev/null
is "$(sqlite3 "$db" "SELECT business_id FROM record WHERE id = '$old'")" \
	"$(sqlite3 "$db" "SELECT business_id FROM record WHERE id = '$v1'")" \
	"the old program's visit links to the bakery already known"
is "$(vol list --kind business --all --count)" 3 "and no business is made for it"

done_testing
