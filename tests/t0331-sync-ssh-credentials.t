#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# ssh credentials as Debian sets them up, against a real sshd on 127.0.0.1: a running
# ssh-agent is tried before [sync] ssh_key; a key with a passphrase is asked for it on the
# terminal without echo (and the passphrase is written nowhere), refused with a clear line
# without a terminal, and a wrong passphrase is a clear error, exit 1, nothing sent.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v ssh-agent >/dev/null || skip_all "ssh-agent is not installed (openssh-client)"
SSHD_PID= AGENT_PID=
trap 'kill $SSHD_PID $AGENT_PID 2>/dev/null; rm -rf "$T"' EXIT
PASS="pan con tomate $$"
ssh-keygen -q -t ed25519 -f "$T/locked" -N "$PASS" || skip_all "ssh-keygen failed"
ssh-keygen -q -t ed25519 -f "$T/agentkey" -N ''
ssh-keygen -q -t ed25519 -f "$T/stranger" -N ''
cat "$T/locked.pub" "$T/agentkey.pub" >"$T/authorized_keys"
start_sshd "$T/sshd" "$T/authorized_keys"
git init -q --bare "$T/srv/shared.git"
URL="ssh://root@127.0.0.1:$SSHD_PORT$T/srv/shared.git"
echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1-2 "$T/sshd/hostkey.pub")" >"$T/known_hosts"
unsynced() { vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])'; }
unset SSH_AUTH_SOCK

mkvol ana ana --remote "$URL"
sed -i "s|^ssh_key = .*|ssh_key = $T/locked|; s|^known_hosts = .*|known_hosts = $T/known_hosts|" \
	"$VCONF"
vol add visit business="Panadería Las Eras" >/dev/null

# -- a key with a passphrase and no terminal: refused, says what to do
vol sync </dev/null >"$T/out" 2>"$T/err"
is $? 1 "a locked key without a terminal: exit 1"
like "$(cat "$T/err")" "has a passphrase.*ssh-add" "the message says to use the terminal or ssh-agent"
is "$(unsynced)" 2 "nothing was sent"

# -- a wrong passphrase: a clear error
printf 'Passphrase for the ssh key\twrong words\n' >"$T/answers"
pty_run "$T/answers" "$VOLUNTEER" --config "$VCONF" sync >"$T/out" 2>&1
is $? 1 "a wrong passphrase: exit 1"
like "$(cat "$T/out")" "wrong passphrase for the ssh key" "the message says so"
is "$(unsynced)" 2 "nothing was sent"

# -- the right passphrase, typed on the terminal: not echoed, used, written nowhere
printf 'Passphrase for the ssh key\t%s\n' "$PASS" >"$T/answers"
pty_run "$T/answers" "$VOLUNTEER" --config "$VCONF" sync >"$T/out" 2>&1
ok $? "the right passphrase: the sync works"
like "$(cat "$T/out")" "sent 2, received 0, conflicts 0" "the record went"
if grep -qF "$PASS" "$T/out"; then r=1; else r=0; fi
is "$r" 0 "the passphrase was not echoed"
if grep -rqaF "$PASS" "$T/ana" "$T/srv" "$HOME" 2>/dev/null; then r=1; else r=0; fi
is "$r" 0 "and is written nowhere"

# -- a running ssh-agent comes first: its key works although ssh_key is one the server
# does not know
eval "$(ssh-agent -s)" >/dev/null || give_up "ssh-agent starts"
AGENT_PID=$SSH_AGENT_PID
ssh-add -q "$T/agentkey" 2>/dev/null || give_up "ssh-add loads a key"
sed -i "s|^ssh_key = .*|ssh_key = $T/stranger|" "$VCONF"
vol add visit business="Bar Plaza" >/dev/null
out=$(vol sync </dev/null 2>&1)
is "$out" "sent 2, received 0, conflicts 0" "the agent's key is tried before ssh_key"
# ... and when the agent's keys are refused, ssh_key is tried after it
ssh-add -q -D 2>/dev/null
ssh-add -q "$T/stranger" 2>/dev/null
sed -i "s|^ssh_key = .*|ssh_key = $T/locked|" "$VCONF"
vol add visit business="Farmacia Centro" >/dev/null
printf 'Passphrase for the ssh key\t%s\n' "$PASS" >"$T/answers"
pty_run "$T/answers" "$VOLUNTEER" --config "$VCONF" sync >"$T/out" 2>&1
ok $? "the agent refused, then ssh_key with its passphrase"
like "$(cat "$T/out")" "sent 2, received 0, conflicts 0" "the record went"
is "$(git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main | grep -c '^records/visit/')" 3 \
	"every record reached the server"
done_testing
