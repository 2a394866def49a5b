#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A push sends the trees that one record changes as deltas against the server's own trees
# (a thin pack, sync/thin.h) only to a server that takes thin packs: one that advertises
# "no-thin" gets a pack whose every delta has its base inside it. The packs are read back
# by the server of the tests (tests/fake-receive-pack.py, which accepts both pushes), over
# git:// and over https://.
. "${0%/*}/lib.sh"

serve_shared_repo
make_ca "$T/ca"
make_cert "$T/ca" localhost "DNS:localhost"
# Four laptops that last saw the same tip: two push to the fake over git://, two over
# https://, each a record of its own, so that each push goes first from that tip.
mkvol ana ana --remote "$URL"
for i in 1 2 3; do
	vol add visit business="Tienda $i" municipality=Almazán >/dev/null
done
vol sync >/dev/null 2>"$T/err" || give_up "ana's first sync: $(cat "$T/err")"
for who in bea cid dan; do
	mkvol $who $who --remote "$URL"
	vol sync >/dev/null 2>"$T/err" || give_up "$who's first sync: $(cat "$T/err")"
done
TIP=$(git --git-dir="$R" rev-parse main)

start_fake_server "$T/fake.port"
start_fake_server "$T/fakes.port" "$T/ca/localhost.pem" "$T/ca/localhost.key"

# push WHO MODE REMOTE: a new record of WHO, synced to REMOTE answering in MODE; prints
# what the pack held
push() {
	VCONF=$T/$1/volunteer.ini
	echo "$2" >"$T/mode"
	rm -f "$T/mode.pack"
	sed -i "s|^remote = .*|remote = $3|; s|^ca_file = .*|ca_file = $T/ca/ca.pem|" "$VCONF"
	vol add visit business="Bar $1" municipality=Almazán >/dev/null
	vol sync >"$T/out" 2>"$T/err" || diag "$1, $2 over $3: $(cat "$T/err")"
	cat "$T/mode.pack" 2>/dev/null
}

# who pushes: ana and bea over git://, cid and dan over https://
set -- ana bea "git://127.0.0.1:$(cat "$T/fake.port")/shared.git" \
	cid dan "https://localhost:$(cat "$T/fakes.port")/shared.git"
while [ $# -ge 3 ]; do
	over=${3%%:*}
	got=$(push "$1" accept "$3")
	like "$got" "^objects [0-9]+ whole [0-9]+ ref-delta-outside [1-9]" \
		"$over: a server that takes thin packs gets deltas against its own trees ($got)"
	got=$(push "$2" accept-nothin "$3")
	like "$got" "^objects [1-9][0-9]* whole [0-9]+ ref-delta-outside 0$" \
		"$over: one that advertises no-thin gets a pack with every base inside it ($got)"
	shift 3
done
done_testing
