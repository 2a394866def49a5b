#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A push sends the trees it changes as deltas against the remote's (sync/thin.h): with 600
# records of today already on the remote, a sync of one new record sends a few kB, not the
# whole tree of the day's folder (about 30 kB), and so does a sync that merges a foreign
# commit, over git:// and over https://; the server's repository stays whole (git fsck --strict), every record is there,
# and a clone made by git reads them.
. "${0%/*}/lib.sh"

serve_shared_repo
DIRECT=$URL
start_relay "$T/conns"
export TZ=UTC

# up: the bytes the laptop sent on its push connections since the last reset
up() { sleep 0.2; awk '$1 == "git-receive-pack" { n += $2 } END { print n + 0 }' "$T/conns.bytes"; }
reset() { : >"$T/conns.bytes"; }
on_remote() { git --git-dir="$R" ls-tree -r --name-only main -- records/ | grep -c "$1"; }
fsck() { git --git-dir="$R" fsck --strict >"$T/fsck" 2>&1; }

# visits DIR N NAME: N visit files of today under DIR, by the peer (their ids in order)
cat >"$T/visits.py" <<'PY'
import os, sys, time
root, n, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
now = time.time()
day = time.strftime("%Y/%m/%d", time.gmtime(now))
iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
os.makedirs(os.path.join(root, "records/visit", day), exist_ok=True)
for i in range(n):
    ms = int(now * 1000) - n + 1 + i
    r = os.urandom(10).hex()
    rid = "%08x-%04x-7%s-8%s-%s" % (ms >> 16, ms & 0xffff, r[:3], r[3:6], r[6:18])
    with open(os.path.join(root, "records/visit", day, rid + ".json"), "w") as f:
        f.write('{\n  "created": "%s",\n  "deleted": false,\n  "device": "git",\n'
                '  "fields": {\n    "business": "%s %d",\n    "municipality": "Almazán"\n'
                '  },\n  "id": "%s",\n  "kind": "visit",\n  "rev": 1,\n  "updated": "%s",\n'
                '  "volunteer": "peer"\n}\n' % (iso, name, i, rid, iso))
PY
visits() { python3 "$T/visits.py" "$@"; }

# -- the peer puts 600 visits of today on the remote, with git
git clone -q "$DIRECT" "$T/peer" 2>/dev/null
visits "$T/peer" 600 Peer
(cd "$T/peer" && git add records && git commit -qm "600 visits" &&
	git push -q origin HEAD:main) >/dev/null 2>&1 || give_up "the peer pushes 600 visits"

mkvol ana ana --remote "$URL"
vol sync >"$T/out" 2>"$T/err" || give_up "the first sync: $(cat "$T/err")"
diag "first sync: $(cat "$T/out")"

# -- one new record
id=$(vol add visit business="Panadería Las Eras" municipality=Almazán)
reset
vol sync >"$T/out" 2>"$T/err"
is $? 0 "one new record: the sync works"
[ -s "$T/err" ] && diag "$(cat "$T/err")"
bytes=$(up)
diag "one record: $bytes bytes up"
ok "$([ "$bytes" -gt 0 ] && [ "$bytes" -lt 10000 ]; echo $?)" \
	"one record beside 600 of its day: under 10 kB sent ($bytes)"
is "$(on_remote "$id")" 1 "the record is on the remote"
fsck; r=$?
is $r 0 "the remote's repository is whole (git fsck --strict)"
[ $r = 0 ] || diag "$(head -5 "$T/fsck")"

# -- a foreign commit to take in: the merge goes out thin too
(cd "$T/peer" && git pull -q --rebase origin main) >/dev/null 2>&1
visits "$T/peer" 1 Foreign
(cd "$T/peer" && git add records && git commit -qm foreign &&
	git push -q origin HEAD:main) >/dev/null 2>&1 || give_up "the peer pushes a foreign visit"
id2=$(vol add visit business="Bar Plaza" municipality=Almazán)
reset
vol sync >"$T/out" 2>"$T/err"
is $? 0 "a foreign commit to take in: the sync works"
[ -s "$T/err" ] && diag "$(cat "$T/err")"
like "$(cat "$T/out")" "received 1" "the foreign record was taken in"
bytes=$(up)
diag "one record and a merge: $bytes bytes up"
ok "$([ "$bytes" -gt 0 ] && [ "$bytes" -lt 15000 ]; echo $?)" \
	"its commit and the merge: under 15 kB sent ($bytes)"
is "$(on_remote "$id2")" 1 "the record is on the remote"
is "$(git --git-dir="$R" ls-tree -r --name-only main -- records/visit | wc -l)" 603 \
	"the remote holds the 600, the foreign one and the laptop's two"
fsck; r=$?
is $r 0 "the remote's repository is whole after the merge (git fsck --strict)"
[ $r = 0 ] || diag "$(head -5 "$T/fsck")"

# -- over https:// (lighttpd, git http-backend) the push goes out thin as well
HTTPD_PID=
AT_EXIT_KILL="$AT_EXIT_KILL"
https_remote	# serves $T/srv, the same repository
AT_EXIT_KILL="$AT_EXIT_KILL $HTTPD_PID"
sed -i "s|^remote = .*|remote = $URL|; s|^username = .*|username = ana|; \
	s|^token_env = .*|token_env = VOL_TOKEN|; s|^ca_file = .*|ca_file = $T/ca/ca.pem|" "$VCONF"
id3=$(vol add visit business="Segura" municipality=Almazán)
VOL_TOKEN=$TOKEN vol sync >"$T/out" 2>"$T/err"
is $? 0 "one new record over https: the sync works"
[ -s "$T/err" ] && diag "$(cat "$T/err")"
is "$(on_remote "$id3")" 1 "the record is on the remote"
# the access log comes about once a second
n=0
while ! grep -q "POST .*git-receive-pack" "$T/httpd/access.log" 2>/dev/null && [ $n -lt 50 ]; do
	sleep 0.1; n=$((n + 1)); done
bytes=$(awk '$1 == "POST" && $2 ~ /git-receive-pack/ { sub("in=", "", $4); n += $4 } END { print n + 0 }' \
	"$T/httpd/access.log")
diag "one record over https: $bytes bytes in the push's request"
ok "$([ "$bytes" -gt 0 ] && [ "$bytes" -lt 10000 ]; echo $?)" \
	"one record over https: under 10 kB in the push's request ($bytes)"
fsck; r=$?
is $r 0 "the remote's repository is whole (git fsck --strict)"
[ $r = 0 ] || diag "$(head -5 "$T/fsck")"

# -- git reads every record back
git clone -q -b main "$DIRECT" "$T/check" 2>/dev/null
is "$(find "$T/check/records/visit" -name '*.json' | wc -l)" 604 "a clone by git checks out all 604 visits"
like "$(cat "$T/check/$(git --git-dir="$R" ls-tree -r --name-only main -- records/ | grep "$id2")")" \
	'"business": "Bar Plaza"' "and the laptop's record reads as written"

done_testing
