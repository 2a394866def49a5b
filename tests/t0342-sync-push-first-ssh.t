#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Push first over ssh:// (a real sshd on 127.0.0.1, as t0318): with the remote unmoved a
# sync with a new record logs in once (one connection, the push); with another volunteer's
# commit to take in it logs in twice (the push connection waits while a second one
# fetches, each with its own credentials), merges and pushes; the receipt is true after each.
. "${0%/*}/lib.sh"

SSHD_PID=
trap 'kill $SSHD_PID 2>/dev/null; rm -rf "$T"' EXIT
command -v ssh-keygen >/dev/null || skip_all "ssh-keygen is not installed"
ssh-keygen -q -t ed25519 -f "$T/id" -N '' || give_up "ssh-keygen makes a key"
cp "$T/id.pub" "$T/authorized_keys"
start_sshd "$T" "$T/authorized_keys"
PORT=$SSHD_PORT

git init -q --bare "$T/srv/shared.git"
URL="ssh://root@127.0.0.1:$PORT$T/srv/shared.git"
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1-2 "$T/hostkey.pub")" >"$T/known_hosts"

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
# logins: the sessions sshd accepted since the last reset (sshd keeps writing at its
# own offset, so the log is counted, not truncated)
accepted() { grep -a -c "Accepted publickey" "$T/sshd.log"; }
logins() { sleep 0.2; echo $(( $(accepted) - BEFORE )); }
reset() { BEFORE=$(accepted); }
as() { VCONF="$T/$1/volunteer.ini"; }

mkvol ana ana --remote "$URL"
set_ssh "$T/id" "$T/known_hosts"
mkvol ben ben --remote "$URL"
set_ssh "$T/id" "$T/known_hosts"

as ana
vol add visit business="Panadería Las Eras" municipality=Almazán >/dev/null
is "$(vol sync 2>&1)" "sent 2, received 0, conflicts 0" "ana: a first sync over ssh"
x=$(vol add workshop title="Correo" municipality=Almazán attendees=3)
reset
is "$(vol sync 2>&1)" "sent 1, received 0, conflicts 0" "ana, unmoved: sent 1"
is "$(logins)" 1 "ana, unmoved: one login, one connection"

as ben
is "$(vol sync 2>&1)" "sent 0, received 3, conflicts 0" "ben: receives ana's"
y=$(vol add workshop title="Banca" municipality=Almazán attendees=4)
is "$(vol sync 2>&1)" "sent 1, received 0, conflicts 0" "ben: sends one"

as ana
z=$(vol add workshop title="Fotos" municipality=Almazán attendees=6)
reset
is "$(vol sync 2>&1)" "sent 1, received 1, conflicts 0" "ana, moved: ben's taken in, hers sent"
is "$(logins)" 2 "ana, moved: two logins (the waiting push, the fetch)"
for id in "$x" "$y" "$z"; do
	is "$(git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main | grep -c "$id")" 1 \
		"on the remote once: $id"
done
is "$(vol show "$y" --json | json 'd["fields"]["title"]')" Banca "ana has ben's workshop"
is "$(vol status --json | json 'd["safe"], d["unsynced"]')" "True 0" "ana: safe, nothing unsynced"

done_testing
