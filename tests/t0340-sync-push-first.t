#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Push first (issue 15, the village link): a relay in front of git daemon logs each
# connection and the service it asks for. A sync with a new record while the remote is where
# the laptop last saw it opens ONE connection (a push) and is received; with a foreign commit
# to take in it falls back (a fetch, then the waiting push) and merges; once the branch has
# moved at a sync, the next sync opens its fetch connection beside the push's (both at once,
# so that a foreign commit costs no handshake of its own), until a sync finds the branch
# unmoved; a sync with nothing to do opens one connection; a race (the branch moves between
# the advertisement and the push) ends with everything on the remote, once, and a true
# receipt; a push connection that the server closes while the fetch runs is opened anew.
. "${0%/*}/lib.sh"

serve_shared_repo
: >"$T/conns"
start_relay "$T/conns"

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
safe() { vol status --json | json 'd["safe"]'; }
# conns: the services asked for since the last reset, in order, on one line; sconns: the
# same sorted (connections opened at once come in either order)
conns() { sleep 0.1; tr '\n' ' ' <"$T/conns" | sed 's/ $//'; }
sconns() { sleep 0.1; sort "$T/conns" | tr '\n' ' ' | sed 's/ $//'; }
reset() { : >"$T/conns"; : >"$T/conns.times"; : >"$T/conns.bytes"; }
# turns SERVICE: the turns the connections of SERVICE waited for since the last reset
turns() { sleep 0.2; awk -v s="$1" '$1 == s { n += $4 } END { print n + 0 }' "$T/conns.bytes"; }
# apart: milliseconds between the beginnings of the first two connections since the reset
apart() { sleep 0.1; awk 'NR == 1 { a = $1 } NR == 2 { printf "%d\n", ($1 - a) * 1000 }' "$T/conns.times"; }
on_remote() { git --git-dir="$R" ls-tree -r --name-only main -- records/ | grep -c "$1"; }

# Another writer, with plain git, straight to the daemon (not through the relay); its
# helpers in a file, for the relay's race script too.
cat >"$T/fns.sh" <<'FNS'
# foreign_file DIR NAME: write one valid record file of today under DIR; prints its id.
foreign_file() {
	python3 - "$1" "$2" <<'PY'
import os, sys, time
root, name = sys.argv[1], sys.argv[2]
now = time.time()
day = time.strftime("%Y/%m/%d", time.gmtime(now))
iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
ms = int(now * 1000)
r = os.urandom(10).hex()
rid = "%08x-%04x-7%s-8%s-%s" % (ms >> 16, ms & 0xffff, r[:3], r[3:6], r[6:18])
os.makedirs(os.path.join(root, "records/workshop", day), exist_ok=True)
with open(os.path.join(root, "records/workshop", day, rid + ".json"), "w") as f:
    f.write('{\n  "created": "%s",\n  "deleted": false,\n  "device": "git",\n'
            '  "fields": {\n    "title": "%s",\n    "municipality": "Almazán"\n'
            '  },\n  "id": "%s",\n  "kind": "workshop",\n  "rev": 1,\n  "updated": "%s",\n'
            '  "volunteer": "peer"\n}\n' % (iso, name, rid, iso))
print(rid)
PY
}
foreign() {	# foreign NAME: the peer pushes one record; prints its id
	(cd "$T/peer" && git pull -q --rebase origin main >/dev/null 2>&1
	_id=$(foreign_file . "$1") &&
	git add records && git commit -qm "$1" >/dev/null && git push -q origin HEAD:main >/dev/null 2>&1 &&
	echo "$_id")
}
FNS
. "$T/fns.sh"

mkvol ana ana --remote "$URL"
vol add visit business="Bar Plaza" municipality=Almazán >/dev/null
reset
is "$(vol sync)" "sent 2, received 0, conflicts 0" "first sync (an empty remote): as before"
is "$(safe)" True "first sync: safe"
git clone -q "git://127.0.0.1:$PORT/shared.git" "$T/peer" 2>/dev/null

# ---- a new record, the remote unmoved: one connection, the push
x=$(vol add workshop title="Videollamadas" municipality=Almazán attendees=12)
reset
is "$(vol sync)" "sent 1, received 0, conflicts 0" "unmoved remote: sent 1"
is "$(conns)" "git-receive-pack" "unmoved remote: ONE connection, the push (no fetch before it)"
is "$(on_remote "$x")" 1 "unmoved remote: the record is on the remote"
is "$(safe)" True "unmoved remote: safe"
is "$(vol status --json | json 'd["unsynced"]')" 0 "unmoved remote: nothing unsynced"

# ---- nothing to do: one connection
reset
is "$(vol sync)" "sent 0, received 0, conflicts 0" "nothing to do: sent 0"
is "$(conns)" "git-upload-pack" "nothing to do: one connection"
is "$(safe)" True "nothing to do: safe"

# ---- a foreign commit to take in, and a record of ours: fetch, merge, push
# (after 30 commits more of history: a fetch that told the server what the laptop holds in
# batches, waiting for an answer to each, would wait more than twice)
(cd "$T/peer" && git pull -q --rebase origin main >/dev/null 2>&1 && i=0 &&
	while [ $i -lt 30 ]; do git commit -q --allow-empty -m "history $i" || exit 1; i=$((i + 1)); done &&
	git push -q origin HEAD:main >/dev/null 2>&1) || give_up "the peer pushes 30 commits"
is "$(vol sync)" "sent 0, received 0, conflicts 0" "30 commits of history taken in"
f1=$(foreign "Peer uno")
y=$(vol add workshop title="Banca en línea" municipality=Almazán attendees=5)
reset
is "$(vol sync)" "sent 1, received 1, conflicts 0" "foreign commit: received 1, sent 1"
is "$(conns)" "git-receive-pack git-upload-pack" \
	"foreign commit: the push connection waits while a fetch takes in (two connections)"
is "$(turns git-upload-pack)" 2 "foreign commit: the fetch waits twice: its advertisement, the pack"
is "$(turns git-receive-pack)" 2 "foreign commit: the push waits twice: its advertisement, the report"
is "$(on_remote "$y")" 1 "foreign commit: our record is on the remote"
is "$(on_remote "$f1")" 1 "foreign commit: and the foreign one still"
is "$(vol show "$f1" --json | json 'd["fields"]["title"]')" "Peer uno" \
	"foreign commit: the foreign record is here"
is "$(git --git-dir="$R" rev-list --count main)" 34 "foreign commit: history grew by our one commit"
is "$(safe)" True "foreign commit: safe"

# ---- the branch moved at the last sync: the next opens the fetch beside the push
# (each advertisement held 600 ms, as a slow link: connections opened one after the
# other begin at least that far apart)
f1b=$(foreign "Peer uno bis")
y2=$(vol add workshop title="Correo" municipality=Almazán attendees=6)
echo "delay 600" >"$T/mode"
reset
is "$(vol sync)" "sent 1, received 1, conflicts 0" "moved again: received 1, sent 1"
echo forward >"$T/mode"
is "$(sconns)" "git-receive-pack git-upload-pack" "moved again: two connections"
gap=$(apart)
ok "$([ "${gap:-9999}" -lt 300 ]; echo $?)" \
	"moved again: the fetch's connection opened beside the push's, at once (${gap} ms apart)"
is "$(on_remote "$y2")" 1 "moved again: our record is on the remote"
is "$(vol show "$f1b" --json | json 'd["fields"]["title"]')" "Peer uno bis" \
	"moved again: the foreign record is here"
is "$(safe)" True "moved again: safe"

# ---- a foreign commit and nothing of ours: one connection (a fetch), received
f2=$(foreign "Peer dos")
ok "$([ -n "$f2" ]; echo $?)" "only foreign: the peer pushed"
reset
is "$(vol sync)" "sent 0, received 1, conflicts 0" "only foreign: received 1"
is "$(conns)" "git-upload-pack" "only foreign: one connection"
is "$(safe)" True "only foreign: safe"

# ---- moved at the last push, unmoved now: a fetch connection opened for nothing, once
u1=$(vol add workshop title="Fotos" municipality=Almazán attendees=4)
reset
is "$(vol sync)" "sent 1, received 0, conflicts 0" "unmoved after moved: sent 1"
is "$(sconns)" "git-receive-pack git-upload-pack" \
	"unmoved after moved: the fetch connection was opened beside, and not used"
is "$(on_remote "$u1")" 1 "unmoved after moved: on the remote"
u2=$(vol add workshop title="Fotos 2" municipality=Almazán attendees=4)
reset
is "$(vol sync)" "sent 1, received 0, conflicts 0" "unmoved twice: sent 1"
is "$(conns)" "git-receive-pack" "unmoved twice: one connection again"
is "$(safe)" True "unmoved twice: safe"

# ---- the race: the peer pushes after our push read the advertisement
z=$(vol add visit business="Farmacia Sol" municipality=Almazán)
cat >"$T/race-fn.sh" <<EOF
T='$T'
. "$T/fns.sh"
foreign "Peer tres" >"$T/racer.id"
EOF
echo "race sh $T/race-fn.sh >/dev/null 2>&1" >"$T/mode"
reset
vol sync >"$T/out" 2>"$T/err"
is $? 0 "race: the sync succeeds"
is "$(cat "$T/out")" "sent 2, received 1, conflicts 0" \
	"race: our visit and its business sent once, the racer's record received"
is "$(cat "$T/mode")" forward "race: the peer did push in between (the relay ran it)"
like "$(conns)" "^git-receive-pack .*git-receive-pack" "race: the refused push was redone"
is "$(on_remote "$z")" 1 "race: our record is on the remote"
is "$(on_remote "$(cat "$T/racer.id")")" 1 "race: the racer's record too"
is "$(git --git-dir="$R" ls-tree -r --name-only main -- records/ | sort | uniq -d | wc -l)" 0 \
	"race: every file once"
is "$(safe)" True "race: safe"
is "$(vol status --json | json 'd["unsynced"]')" 0 "race: nothing unsynced"

# (the race's second round found the branch moved; a sync that finds it unmoved clears that,
# so that the next case opens its connections one after the other)
vol add workshop title="Fotos 3" municipality=Almazán attendees=4 >/dev/null
is "$(vol sync)" "sent 1, received 0, conflicts 0" "after the race: an unmoved sync"

# cut_while_waiting NAME CONNS LISTER: a foreign commit and a record of ours; the server
# closes the waiting push connection while the fetch runs; LISTER (conns or sconns) must
# give CONNS, and the sync ends with both records on the remote
cut_while_waiting() {
	_f=$(foreign "Peer $1")
	_v=$(vol add workshop title="Mapas $1" municipality=Almazán attendees=7)
	echo cut-waiting-push >"$T/mode"
	reset
	vol sync >"$T/out" 2>"$T/err"
	is $? 0 "$1, push connection cut while waiting: the sync succeeds"
	is "$(cat "$T/out")" "sent 1, received 1, conflicts 0" "$1, push connection cut: sent 1, received 1"
	is "$(cat "$T/mode")" forward "$1, push connection cut: the relay did cut it"
	is "$($3)" "$2" "$1, push connection cut: the push goes on a new connection"
	is "$(on_remote "$_v")" 1 "$1, push connection cut: ours on the remote"
	is "$(on_remote "$_f")" 1 "$1, push connection cut: the foreign one still there"
	is "$(safe)" True "$1, push connection cut: safe"
}

# ---- the waiting push connection is closed by the server while the fetch runs
cut_while_waiting "one after the other" "git-receive-pack git-upload-pack git-receive-pack" conns
# ---- the same with the fetch opened beside the push (the branch moved last time)
cut_while_waiting beside "git-receive-pack git-receive-pack git-upload-pack" sconns

# ---- the receipt stays true: the remote loses our last commit behind our back
w=$(vol add visit business="Taller Norte" municipality=Almazán)
is "$(vol sync)" "sent 2, received 0, conflicts 0" "before the rewrite: sent 2 (a visit, a business)"
git --git-dir="$R" update-ref refs/heads/main main~1
is "$(safe)" False "rewritten remote: status is not safe (the remote lacks our commit)"
reset
vol sync >"$T/out" 2>"$T/err"
is $? 0 "rewritten remote: the sync succeeds"
is "$(on_remote "$w")" 1 "rewritten remote: the lost record is sent again"
is "$(safe)" True "rewritten remote: safe again"

done_testing
