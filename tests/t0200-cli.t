#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line of the foundation: init, add, list, show, edit, delete, forms, status,
# and every kind of bad input: a clear message, the documented exit status, nothing written.
. "${0%/*}/lib.sh"

# expect_fail STATUS PATTERN NAME -- command...: exit status and message on stderr.
expect_fail() {
	_want=$1 _pat=$2 _name=$3; shift 4
	"$@" >"$T/out" 2>"$T/err"
	_st=$?
	is "$_st" "$_want" "$_name: exit $_want"
	like "$(cat "$T/err")" "$_pat" "$_name: message names it"
}
unsynced() { vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])'; }

# -- init
"$VOLUNTEER" --config "$T/m/volunteer.ini" init --id maria --name "María García" \
	--municipality Almazán --data-dir "$T/m/data" >"$T/out" 2>&1
ok $? "init writes a config"
VCONF="$T/m/volunteer.ini"
is "$(stat -c %a "$VCONF")" 600 "the config is mode 0600"
ok "$(test -f "$T/m/data/volunteer.db"; echo $?)" "init creates the database"
expect_fail 1 "exists already" "init twice" -- vol init --id maria --name M
expect_fail 2 "volunteer.id" "init with a bad id" -- \
	"$VOLUNTEER" --config "$T/x.ini" init --id "ma ria" --name M
expect_fail 2 "id and --name" "init without a name" -- "$VOLUNTEER" --config "$T/x.ini" init --id x
ok "$(test ! -e "$T/x.ini"; echo $?)" "a refused init writes no config"

# -- add, list, show
id=$(vol add visit business="Panadería Las Eras" municipality=Almazán date=2026-11-20 \
	topics=website,social_media recommendations="Abrir un perfil de empresa")
ok $? "add a visit"
like "$id" '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' "prints a UUIDv7"
vol list --json >"$T/list.json"
is "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; print(r["fields"]["business"], r["fields"]["topics"], r["synced"], r["conflict"], r["reviews"], r["rev"], r["volunteer"])' "$T/list.json")" \
	"Panadería Las Eras ['website', 'social_media'] False False [] 2 maria" "list --json holds the record (rev 2: its business, made first, took 1)"
is "$(vol show "$id" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')" "$id" "show --json"
like "$(vol show "$(vol list | cut -d' ' -f1)")" "Panadería Las Eras" "show takes a unique prefix of the id (as list prints it)"
w=$(vol add workshop title="Videollamadas con la familia" attendees=14 attendees_65plus=12 women=9 men=5)
ok $? "add a workshop, defaults filled"
is "$(vol show "$w" --json | python3 -c 'import json,sys; f=json.load(sys.stdin)["fields"]; print(f["municipality"], f["date"] == __import__("time").strftime("%Y-%m-%d"))')" \
	"Almazán True" "municipality from the config, date today"
t=$(vol add task business="Bar Plaza" title="Web nueva" type=website_new hours=2.25 municipality=Berlanga date=18/11/2026)
ok $? "add a task with a dd/mm/yyyy date"
is "$(vol show "$t" --json | python3 -c 'import json,sys; f=json.load(sys.stdin)["fields"]; print(f["date"], f["status"], f["hours"])')" \
	"2026-11-18 todo 2.25" "date normalised, status defaults to todo"
is "$(vol list | wc -l)" 3 "list shows three records"
is "$(vol list --kind task --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 1 "list --kind"
is "$(vol list --municipality berlanga | wc -l)" 1 "list --municipality"
is "$(vol list --from 2026-11-19 --to 2026-11-20 | wc -l)" 1 "list --from --to"
like "$(vol list --search panaderia)" "Las Eras" "list --search ignores accents"
is "$(vol list --volunteer pedro | wc -l)" 0 "list --volunteer"
is "$(vol list --all | wc -l)" 3 "list --all"
is "$(vol list --count)" 3 "list --count"
is "$(vol list --limit 2 | wc -l)" 2 "list --limit"
like "$(vol list --kind workshop)" " 14 people " "a workshop's line says its attendance"
like "$(vol list --kind task)" " To do " "a task's line its status as the form labels it"

# -- edit, delete
vol edit "$id" follow_up=15/12/2026 findings="Sin página web" >/dev/null
ok $? "edit"
is "$(vol show "$id" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["rev"], r["fields"]["follow_up"], r["fields"]["findings"])')" \
	"6 2026-12-15 Sin página web" "edit moves rev and keeps the change"
vol edit "$id" follow_up= >/dev/null
is "$(vol show "$id" --json | python3 -c 'import json,sys; print("follow_up" in json.load(sys.stdin)["fields"])')" False "FIELD= unsets"
vol delete "$t"
ok $? "delete"
is "$(vol list | wc -l)" 2 "a deleted record leaves the list"
is "$(vol show "$t" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["deleted"])')" True "it stays as a tombstone"

# -- forms, status, help
like "$(vol forms visit)" "follow_up +date" "forms lists the fields"
like "$(vol status)" "unsynced: 5" "status counts unsynced records (two are the businesses made)"
is "$(vol status --json | python3 -c 'import json,sys; s=json.load(sys.stdin); print(sorted(s), sorted(s["missing"]), len(s["missing"]["records"]), s["safe"])')" \
	"['checked_now', 'last_sync', 'missing', 'remote', 'remote_commit', 'safe', 'unsynced', 'warnings'] ['conflicts', 'records', 'reviews'] 5 False" \
	"status --json shape: what is missing, by id"
like "$("$VOLUNTEER" --help)" "volunteer .*add KIND" "--help"
like "$("$VOLUNTEER" --version)" "^volunteer [0-9]" "--version"

# -- bad input: message, status 2, nothing written
before=$(unsynced)
expect_fail 2 "kind" "unknown kind" -- vol add party title=x
expect_fail 2 "colour" "unknown field" -- vol add visit business=x colour=red
expect_fail 2 "business" "required field missing" -- vol add visit date=2026-11-20
expect_fail 2 "duration_min" "'abc' for an integer" -- vol add visit business=x duration_min=abc
expect_fail 2 "date" "2026-02-30" -- vol add visit business=x date=2026-02-30
expect_fail 2 "follow_up" "follow_up before date" -- vol add visit business=x date=2026-11-20 follow_up=2026-11-01
expect_fail 2 "attendees_65plus" "65+ over attendees" -- vol add workshop title=x attendees=10 attendees_65plus=11
expect_fail 2 "topics" "unknown choice" -- vol add visit business=x topics=website,fax
head -c 10485760 /dev/zero | tr '\0' 'a' >"$T/big"
expect_fail 2 "recommendations" "a 10 MB value" -- vol add visit business=x "recommendations@=$T/big"
expect_fail 2 "business" "invalid UTF-8" -- vol add visit "$(printf 'business=\377\376')"
expect_fail 2 "FIELD=VALUE" "not an assignment" -- vol add visit business
expect_fail 2 "id" "edit with a bad id" -- vol edit zz business=y
expect_fail 1 "no record" "edit an unknown id" -- vol edit 0000aaaa business=y
expect_fail 2 "duration_min" "edit to a bad value" -- vol edit "$id" duration_min=9999
expect_fail 2 "--from" "a bad --from" -- vol list --from 2026-02-30
expect_fail 2 "unknown command" "unknown command" -- vol frobnicate
is "$(unsynced)" "$before" "none of the bad commands wrote anything"
is "$(vol show "$id" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["rev"])')" 7 "the refused edit left the record as it was"

# -- bad config
expect_fail 1 "volunteer init" "missing config" -- "$VOLUNTEER" --config "$T/none.ini" list
mkdir "$T/dir.ini"
expect_fail 1 "not a file" "a folder as config" -- "$VOLUNTEER" --config "$T/dir.ini" list
printf '[volunteer]\nid = maria\n[sync]\ntimeout = abc\n' >"$T/bad.ini"
expect_fail 2 "sync.timeout" "an INI value of the wrong type" -- "$VOLUNTEER" --config "$T/bad.ini" list
printf '[volunteer]\nid = maria\nnick = m\n[storage]\ndata_dir = %s\n' "$T/m/data" >"$T/warn.ini"
"$VOLUNTEER" --config "$T/warn.ini" list >/dev/null 2>"$T/err"
like "$(cat "$T/err")" "unknown setting volunteer.nick" "an unknown key is warned about"
VOLUNTEER_CONFIG="$VCONF" "$VOLUNTEER" list >/dev/null
ok $? "\$VOLUNTEER_CONFIG names the config"

# -- a second running instance, and a read-only data folder
exec 9>>"$T/m/data/volunteer.lock"
flock -n 9
expect_fail 1 "in use by another volunteer program" "the database held by another instance" -- vol add visit business=x
exec 9>&-
is "$(unsynced)" "$before" "the refused command wrote nothing"

mkdir -p "$T/ro"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o ro,size=1m tmpfs "$T/ro" 2>/dev/null; then
	ro_mounted=1
else
	ro_mounted=0
	chmod 0500 "$T/ro"
fi
if [ "$ro_mounted" = 1 ] || [ "$(id -u)" != 0 ]; then
	printf '[volunteer]\nid = maria\n[storage]\ndata_dir = %s\n' "$T/ro" >"$T/ro.ini"
	expect_fail 1 "read-only" "a read-only data folder" -- "$VOLUNTEER" --config "$T/ro.ini" add visit business=x
else
	skip "no way to make a read-only folder for root here"; skip "read-only"
fi
[ "$ro_mounted" = 1 ] && umount "$T/ro"

# -- text from elsewhere never reaches the terminal raw. A record that came with sync may
# hold anything; put one straight into the database as sync would have stored it.
x=$(vol add visit business="Tienda" findings="ok")
sqlite3 "$T/m/data/volunteer.db" "UPDATE record SET body = json_set(body, '\$.fields.business', 'Evil' || char(27) || ']0;pwned' || char(7) || char(8238) || 'txt.exe', '\$.fields.findings', 'a' || char(13) || 'b' || char(27) || '[2J') WHERE id = '$x'; UPDATE record SET label = json_extract(body, '\$.fields.business') WHERE id = '$x'"
out=$(vol list; vol show "$x")
like "$out" "Evil" "the hostile record is listed"
case "$out" in *"$(printf '\033')"*|*"$(printf '\342\200\256')"*|*"$(printf '\r')"*) r=1 ;; *) r=0 ;; esac
ok $r "escape sequences, CR and bidi overrides are stripped from list and show"
done_testing
