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

fake() {	# PORTFILE [CERT KEY]: the fake server on the modes of $T/mode
	_pf=$1
	shift
	python3 "${0%/*}/fake-receive-pack.py" "$_pf" "$T/mode" "$TIP" "$@" >"$_pf.log" 2>&1 &
	AT_EXIT_KILL="$AT_EXIT_KILL $!"
	n=0
	while [ ! -s "$_pf" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
	[ -s "$_pf" ] || give_up "the fake server starts: $(head -3 "$_pf.log")"
}
fake "$T/fake.port"
fake "$T/fakes.port" "$T/ca/localhost.pem" "$T/ca/localhost.key"

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

GIT_URL="git://127.0.0.1:$(cat "$T/fake.port")/shared.git"
HTTPS_URL="https://localhost:$(cat "$T/fakes.port")/shared.git"
got=$(push ana accept "$GIT_URL")
like "$got" "^objects [0-9]+ whole [0-9]+ ref-delta-outside [1-9]" \
	"git: a server that takes thin packs gets deltas against its own trees ($got)"
got=$(push bea accept-nothin "$GIT_URL")
like "$got" "^objects [1-9][0-9]* whole [0-9]+ ref-delta-outside 0$" \
	"git: one that advertises no-thin gets a pack with every base inside it ($got)"
got=$(push cid accept "$HTTPS_URL")
like "$got" "^objects [0-9]+ whole [0-9]+ ref-delta-outside [1-9]" \
	"https: a server that takes thin packs gets deltas against its own trees ($got)"
got=$(push dan accept-nothin "$HTTPS_URL")
like "$got" "^objects [1-9][0-9]* whole [0-9]+ ref-delta-outside 0$" \
	"https: one that advertises no-thin gets a pack with every base inside it ($got)"
done_testing
