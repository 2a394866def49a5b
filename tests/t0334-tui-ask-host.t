#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The screens' sync against a real sshd on 127.0.0.1 that this laptop has never seen: a
# box shows the host's SHA256 fingerprint and asks once; n refuses (nothing written to
# known_hosts, nothing sent, the record kept unsynced), y writes one hashed known_hosts
# line and the sync goes through, and the next sync asks nothing. A changed host key is
# refused with the warning and the new fingerprint, and never asked about.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
SSHD_PID=
trap 'kill $SSHD_PID 2>/dev/null; tui_cleanup' EXIT
ssh-keygen -q -t ed25519 -f "$T/id" -N '' || skip_all "ssh-keygen failed"
ssh-keygen -q -t ed25519 -f "$T/otherhost" -N ''
cp "$T/id.pub" "$T/authorized_keys"
start_sshd "$T/sshd" "$T/authorized_keys"
git init -q --bare "$T/srv/shared.git"
URL="ssh://root@127.0.0.1:$SSHD_PORT$T/srv/shared.git"
FP=$(ssh-keygen -lf "$T/sshd/hostkey.pub" | cut -d' ' -f2)
FPRE=$(printf '%s' "$FP" | sed 's/[+.]/\\&/g')	# as a regular expression
unset SSH_AUTH_SOCK

unsynced() { vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])'; }
# The screen as one line: a message wrapped over rows reads whole.
flat() { screen | sed 's/^ *//; s/ *$//' | tr '\n' ' '; }
flat_has() { flat | grep -Eq -- "$1"; }
on_server() {
	git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main 2>/dev/null | grep -c '^records/'
}

mkvol ana ana --remote "$URL"
sed -i "s|^ssh_key = .*|ssh_key = $T/id|; s|^known_hosts = .*|known_hosts = $T/new_hosts|" \
	"$VCONF"
vol add visit business="Panadería Las Eras" >/dev/null

# -- first contact, answered n: refused, nothing written, nothing sent, nothing lost
tui_start 80 24
wait_for 'Panadería Las Eras' && tui_ready
keys s && wait_for 'is not known yet'
ok $? "s on an unknown host opens the question"
like "$(screen)" "$FPRE" "the box shows the host's fingerprint as ssh prints it"
like "$(screen)" "y yes +n no" "and says how to answer"
keys n && wait_until flat_has 'Sync failed: .* the host 127.0.0.1 was not trusted; nothing was sent'
ok $? "n refuses, and the screen says nothing was sent"
if screen | grep -q 'is not known yet'; then r=1; else r=0; fi
is "$r" 0 "the question is gone"
ok "$([ ! -s "$T/new_hosts" ]; echo $?)" "nothing was written to known_hosts"
is "$(on_server)" 0 "nothing reached the server"
keys Escape && wait_for '^n new' && keys q && tui_wait_exit
is "$(unsynced)" 2 "the record (and its business) stays unsynced"
is "$(vol list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["fields"]["business"])')" \
	"Panadería Las Eras" "and is still here"

# -- answered y: one hashed line, then the sync goes through
tui_start 80 24
wait_for 'Panadería Las Eras' && tui_ready
keys s && wait_for 'is not known yet'
ok $? "the next sync asks again"
keys y && wait_for 'Sync done: sent 2, received 0, conflicts 0'
ok $? "y trusts the host and the record goes"
keys Escape && wait_for '^n new' && keys q && tui_wait_exit
is "$(grep -c . "$T/new_hosts")" 1 "one line was written to known_hosts"
like "$(cat "$T/new_hosts")" "^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+ ssh-ed25519 " \
	"hashed, as Debian's ssh writes it"
if grep -q "127.0.0.1" "$T/new_hosts"; then r=1; else r=0; fi
is "$r" 0 "the host name is not in the file in the clear"
ssh-keygen -F "[127.0.0.1]:$SSHD_PORT" -f "$T/new_hosts" >/dev/null
ok $? "ssh-keygen -F finds the host in the line written"
is "$(on_server)" 2 "the record (and its business) is on the server"
is "$(unsynced)" 0 "nothing is left unsynced"

# -- a known host: nothing is asked
vol add visit business="Bar Plaza" >/dev/null
tui_start 80 24
wait_for 'Bar Plaza' && tui_ready
keys s && wait_for 'Sync done: sent 2, received 0, conflicts 0'
ok $? "a host trusted once syncs without a question"
keys Escape && wait_for '^n new' && keys q && tui_wait_exit

# -- a changed key: refused with the warning, never asked
echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1-2 "$T/otherhost.pub")" >"$T/changed_hosts"
cp "$T/changed_hosts" "$T/changed_hosts.before"
sed -i "s|^known_hosts = .*|known_hosts = $T/changed_hosts|" "$VCONF"
vol add visit business="Taller Ruiz" >/dev/null
tui_start 80 24
wait_for 'Taller Ruiz' && tui_ready
keys s && wait_until flat_has 'Sync failed: .*WARNING: the host key of 127.0.0.1 has CHANGED'
ok $? "a changed host key is refused with the warning"
like "$(flat)" "CHANGED \(now ssh-ed25519 $FPRE\)" "with the new fingerprint"
like "$(flat)" "nothing was sent\. Ask the programme's administrator before removing the old line from $T/changed_hosts" \
	"and the whole warning shows, down to the file to check"
if screen | grep -Eq 'is not known yet|y yes +n no'; then r=1; else r=0; fi
is "$r" 0 "nobody is asked whether to trust it"
# y typed now would answer a question, were one open: it must change nothing
keys y Escape && wait_for '^n new' && keys q && tui_wait_exit
ok "$(cmp -s "$T/changed_hosts" "$T/changed_hosts.before"; echo $?)" "known_hosts was not changed"
is "$(on_server)" 4 "nothing more reached the server (the first visit and its business)"
is "$(unsynced)" 2 "the record (and its business) stays unsynced"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
