#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Push first over https:// (lighttpd in front of git http-backend, basic auth): with the
# remote unmoved the sync asks for the push advertisement and posts the pack, no fetch;
# with a foreign commit to take in, the fetch comes between the push's advertisement and
# its pack, which still goes (a stateless transport: the waiting "connection" is a later
# request) and is received; the token is sent only to the configured host, and the receipt
# is true after each.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"

HTTPD_PID=
trap 'kill $HTTPD_PID 2>/dev/null; rm -rf "$T"' EXIT

https_remote
R="$T/srv/shared.git"
export GIT_AUTHOR_NAME=Admin GIT_AUTHOR_EMAIL=admin@example.org
export GIT_COMMITTER_NAME=Admin GIT_COMMITTER_EMAIL=admin@example.org

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
# services: the smart-http services asked for since the last reset (lighttpd logs each
# request's header line at once), in order
log_reset() { : >"$T/httpd/error.log"; }
services() {
	sleep 0.2
	grep -o 'service=git-[a-z-]*\|POST /ok/shared.git/git-[a-z-]*' "$T/httpd/error.log" |
		sed 's|.*/||; s|service=|adv:|' | uniq | tr '\n' ' ' | sed 's/ $//'
}
on_remote() { git --git-dir="$R" ls-tree -r --name-only main -- records/ | grep -c "$1"; }

mkvol ana ana --remote "$URL"
setkey() { sed -i "s|^$1 = .*|$1 = $2|" "$VCONF"; }
setkey username ana
setkey token_env VOL_TOKEN
setkey timeout 20
setkey ca_file "$T/ca/ca.pem"
vol add visit business="Segura" municipality=Almazán >/dev/null
is "$(VOL_TOKEN=$TOKEN vol sync 2>"$T/err")" "sent 2, received 0, conflicts 0" "first sync over https"

# ---- unmoved: the push's advertisement, then the pack; no fetch
x=$(vol add workshop title="Correo" municipality=Almazán attendees=3)
log_reset
is "$(VOL_TOKEN=$TOKEN vol sync 2>"$T/err")" "sent 1, received 0, conflicts 0" "unmoved: sent 1"
is "$(services)" "adv:git-receive-pack git-receive-pack" "unmoved: the push alone, no fetch"
is "$(on_remote "$x")" 1 "unmoved: on the remote"
is "$(VOL_TOKEN=$TOKEN vol status --json | json 'd["safe"]')" True "unmoved: safe"

# ---- moved: a plain git user pushes first (straight to the repository)
git clone -q -b main "$R" "$T/peer" 2>/dev/null
# peer_push TITLE: a plain git user pushes a workshop straight to the repository; its id
# in $T/peer.id, git's status in _rc
peer_push() {
	python3 - "$T/peer" "$1" <<'PY' >"$T/peer.id"
import os, sys, time
root = sys.argv[1]
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
            '  "volunteer": "peer"\n}\n' % (iso, sys.argv[2], rid, iso))
print(rid)
PY
	(cd "$T/peer" && git pull -q --rebase origin main && git add records &&
		git commit -qm peer && git push -q origin HEAD:main) >"$T/peer.log" 2>&1
	_rc=$?
	[ $_rc -eq 0 ] || diag "$(cat "$T/peer.log")"
}
peer_push Peer
is $_rc 0 "the peer pushed (plain git, to the folder)"
y=$(vol add workshop title="Banca" municipality=Almazán attendees=4)
log_reset
is "$(VOL_TOKEN=$TOKEN vol sync 2>"$T/err")" "sent 1, received 1, conflicts 0" \
	"moved: the foreign record received, ours sent"
is "$(services)" "adv:git-receive-pack adv:git-upload-pack git-upload-pack git-receive-pack" \
	"moved: the fetch between the push's advertisement and its pack"
is "$(on_remote "$y")" 1 "moved: ours on the remote"
is "$(on_remote "$(cat "$T/peer.id")")" 1 "moved: the foreign one still there"
is "$(vol show "$(cat "$T/peer.id")" --json | json 'd["fields"]["title"]')" Peer \
	"moved: the foreign record is here"
is "$(VOL_TOKEN=$TOKEN vol status --json | json 'd["safe"]')" True "moved: safe"
# ---- moved again: the fetch's advertisement is asked for beside the push's
peer_push "Peer dos"
is $_rc 0 "the peer pushed again"
y2=$(vol add workshop title="Banca 2" municipality=Almazán attendees=5)
log_reset
is "$(VOL_TOKEN=$TOKEN vol sync 2>"$T/err")" "sent 1, received 1, conflicts 0" \
	"moved again: the foreign record received, ours sent"
# (the two advertisements are asked for at once, so that the retries with credentials after
# each 401 interleave: the set of requests, not their order)
is "$(services | tr ' ' '\n' | sort -u | tr '\n' ' ' | sed 's/ $//')" \
	"adv:git-receive-pack adv:git-upload-pack git-receive-pack git-upload-pack" \
	"moved again: both advertisements, the fetch, the pack"
is "$(on_remote "$y2")" 1 "moved again: ours on the remote"
is "$(on_remote "$(cat "$T/peer.id")")" 1 "moved again: the foreign one there"
is "$(VOL_TOKEN=$TOKEN vol status --json | json 'd["safe"]')" True "moved again: safe"

is "$(grep -c "$TOKEN" "$T/vol/data/volunteer.db" "$T/ana/data/repo.git/config" 2>/dev/null |
	awk -F: '{ s += $2 } END { print s + 0 }')" 0 "the token is written nowhere"

done_testing
