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

# The sync's own lines of the server's log: from the line count before it until sshd has
# logged the end of its connections (it may write the last of them after the client exits,
# later still on a loaded machine), and before the next command opens one of its own.
before=$(wc -l <"$T/sshd.log")
set_ssh "$T/stranger" "$T/known_hosts"
vol sync >"$T/out" 2>"$T/err"
is $? 1 "a key the server refuses: exit 1"
window() { tail -n +"$((before + 1))" "$T/sshd.log"; }
n=0
while [ "$(window | grep -c 'Connection from')" -gt "$(window | grep -c 'Connection closed')" ] &&
	[ $n -lt 200 ]; do
	sleep 0.05
	n=$((n + 1))
done
conns=$(window | grep -c "Connection from")
tries=$(window | grep -c "Failed publickey")
like "$(cat "$T/err")" "refused the credentials twice" "after two tries, our own message"
is "$conns" 1 "one connection to the server" || diag "$(window)"
ok "$([ "$tries" -ge 1 ] && [ "$tries" -le 2 ]; echo $?)" \
	"the client did not loop on the credentials ($tries refusals logged)" || diag "$(window)"
is "$(unsynced)" 2 "the record stays unsynced"

set_ssh "$T/id" "$T/known_hosts"
is "$(vol sync 2>&1)" "sent 2, received 0, conflicts 0" "with the right key and host, it goes"
secret=$(sed -n 2p "$T/id")
found=$(grep -rlF "$secret" "$T/ana" "$T/ben" "$T/srv" 2>/dev/null | wc -l)
is "$found" 0 "the private key is written nowhere in the data, the config or the repository"
done_testing
