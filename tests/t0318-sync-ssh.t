#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# ssh:// remotes, against a real sshd on 127.0.0.1 started here with its own host key:
# a sync with [sync] ssh_key and known_hosts sends and receives; a host whose key is not
# the one in known_hosts is refused and nothing is sent; a key the server does not know
# is tried twice, then our own message; the records stay unsynced each time.
. "${0%/*}/lib.sh"

SSHD_PID=
trap 'kill $SSHD_PID 2>/dev/null; rm -rf "$T"' EXIT
command -v ssh-keygen >/dev/null || skip_all "ssh-keygen is not installed"
ssh-keygen -q -t ed25519 -f "$T/id" -N '' || give_up "ssh-keygen makes a key"
ssh-keygen -q -t ed25519 -f "$T/stranger" -N ''
ssh-keygen -q -t ed25519 -f "$T/otherhost" -N ''
cp "$T/id.pub" "$T/authorized_keys"
start_sshd "$T" "$T/authorized_keys"
PORT=$SSHD_PORT

git init -q --bare "$T/srv/shared.git"
URL="ssh://root@127.0.0.1:$PORT$T/srv/shared.git"
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1-2 "$T/hostkey.pub")" >"$T/known_hosts"
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1-2 "$T/otherhost.pub")" >"$T/wrong_hosts"

unsynced() { vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])'; }

mkvol ana ana --remote "$URL"
set_ssh "$T/id" "$T/known_hosts"
vol add visit business="Panadería Las Eras" >/dev/null
out=$(vol sync 2>&1)
ok $? "a sync over ssh:// with a key file and known_hosts"
is "$out" "sent 2, received 0, conflicts 0" "it sends the record and its business"
is "$(git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main | grep -c '^records/visit/')" 1 \
	"the record is in the shared repository"
is "$(unsynced)" 0 "and marked as sent"

mkvol ben ben --remote "$URL"
set_ssh "$T/id" "$T/known_hosts"
is "$(vol sync 2>&1)" "sent 0, received 2, conflicts 0" "a second volunteer receives it over ssh"

vol add visit business="Bar Plaza" >/dev/null
set_ssh "$T/id" "$T/wrong_hosts"
vol sync >"$T/out" 2>"$T/err"
is $? 1 "a host key that is not the known one: exit 1"
like "$(cat "$T/err")" "host key of 127.0.0.1 has CHANGED" "with a warning that says so"
is "$(unsynced)" 2 "nothing was sent"

before=$(grep -c "Failed publickey\|Connection closed by authenticating user" "$T/sshd.log")
set_ssh "$T/stranger" "$T/known_hosts"
vol sync >"$T/out" 2>"$T/err"
is $? 1 "a key the server refuses: exit 1"
after=$(grep -c "Failed publickey\|Connection closed by authenticating user" "$T/sshd.log")
like "$(cat "$T/err")" "refused the credentials twice" "after two tries, our own message"
is "$(unsynced)" 2 "the record stays unsynced"
ok "$([ $((after - before)) -le 4 ]; echo $?)" \
	"the client did not loop on the credentials ($((after - before)) refusals logged)"

set_ssh "$T/id" "$T/known_hosts"
is "$(vol sync 2>&1)" "sent 2, received 0, conflicts 0" "with the right key and host, it goes"
secret=$(sed -n 2p "$T/id")
found=$(grep -rlF "$secret" "$T/ana" "$T/ben" "$T/srv" 2>/dev/null | wc -l)
is "$found" 0 "the private key is written nowhere in the data, the config or the repository"
done_testing
